#!/bin/sh
# keystrokes.sh - registering one cheque from the empty form takes no more
# keys than the digits typed plus two (Enter after the account, F2 to save):
# fixed-length fields move on by themselves and the amount needs no Enter.
. "$(dirname "$0")/lib.sh"
new_branch
start_screens
keys t01 Enter teller-pw Enter F3
wait_for "*"

N=0
type_chars 12345678
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 86000
press F2
wait_for "check code"
digits=33
echo "keystrokes: $N for $digits digits (whole-yuan amount)"
[ "$N" -le $((digits + 2)) ] && pass || fail "$N keys for $digits digits"
expect_eq "$(sql "SELECT amount_fen FROM items WHERE serial = '12345678'")" \
	"8600000" "the cheque is stored"

# With fen the decimal point is one more character typed.
N=0
type_chars 12345679
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "serial 12345679,"
echo "keystrokes: $N for 34 digits and a decimal point"
[ "$N" -le $((34 + 1 + 2)) ] && pass || fail "$N keys for 35 characters"

# With a MICR reader the teller types only account and amount.
N=0
tm send-keys -t cd 'U12345680U T0201T' Enter
sleep 0.3
type_chars 6222020200001234
press Enter
type_chars 86000
press F2
wait_for "serial 12345680,"
echo "keystrokes: $N after the reader line, for 21 digits"
[ "$N" -le $((21 + 2)) ] && pass || fail "$N keys after a reader line"
expect_eq "$(sql 'SELECT count(*) FROM items')" "3" "three cheques stored"

finish
