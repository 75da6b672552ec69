#!/bin/sh
# keystrokes.sh - registering one cheque from the empty form takes no more
# keys than the digits typed plus two (Enter after the account, F2 to save):
# fixed-length fields move on by themselves and the amount needs no Enter.
# The keys counted are those the program consumed, from its key log
# (CHEQUEDESK_KEYLOG), not those this script sent.
. "$(dirname "$0")/lib.sh"
KEYLOG=$TMP/keys.log
new_branch
start_screens
keys t01 Enter teller-pw Enter F3
wait_for "Drawer's account" # the cheque form, not the sign-in's asterisks

# What is typed in the password field is not in the log in clear.
case $(cut -f2 "$KEYLOG" | tr -d '\n') in
*pw* | *ller*) fail "the password is in the key log" ;;
*) pass ;;
esac
expect_eq "$(grep -c '<hidden>' "$KEYLOG")" "9" \
	"the password's keys are logged as <hidden>"
expect_eq "$(stat -c %a "$KEYLOG")" "600" "the key log is the owner's only"

mark=$(keylog_lines)
type_chars 12345678
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 86000
press F2
wait_for "check code"
digits=33
n=$(($(keylog_lines) - mark))
echo "keystrokes: $n consumed ($N sent) for $digits digits (whole-yuan amount)"
[ "$n" -le $((digits + 2)) ] && pass || fail "$n keys for $digits digits"
expect_eq "$(sql "SELECT amount_fen FROM items WHERE serial = '12345678'")" \
	"8600000" "the cheque is stored"

# With fen the decimal point is one more character typed.
mark=$(keylog_lines)
type_chars 12345679
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "serial 12345679,"
n=$(($(keylog_lines) - mark))
echo "keystrokes: $n consumed for 34 digits and a decimal point"
[ "$n" -le $((34 + 1 + 2)) ] && pass || fail "$n keys for 35 characters"

# With a MICR reader the teller types only account and amount: the reader's
# line (ending with Enter) is not the teller's, so the count starts once
# the program has consumed that Enter.
before=$(keylog_lines)
tm send-keys -t cd 'U12345680U T0201T' Enter
mark=$(keylog_wait_enter "$before")
expect_eq "$((mark - before))" "18" "the reader line is 17 keys and Enter"
type_chars 6222020200001234
press Enter
type_chars 86000
press F2
wait_for "serial 12345680,"
n=$(($(keylog_lines) - mark))
echo "keystrokes: $n consumed after the reader line, for 21 digits"
[ "$n" -le $((21 + 2)) ] && pass || fail "$n keys after a reader line"
expect_eq "$(sql 'SELECT count(*) FROM items')" "3" "three cheques stored"

finish
