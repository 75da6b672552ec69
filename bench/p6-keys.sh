# p6-keys.sh - P6: keys a teller presses to register one cheque in the
# screens, typing every field and with a MICR reader line. Sourced by
# bench.sh through "sh -c" with $0 inside tests/screens, so that
# tests/screens/lib.sh (private tmux server, the branch, wait_for) is used
# as the screen tests use it. The keys counted are those the program
# consumed, from its key log (CHEQUEDESK_KEYLOG), not those sent here.
# Prints "p6 TYPED DIGITS_T MICR DIGITS_M".
. "$top_srcdir/tests/screens/lib.sh"
KEYLOG=$TMP/keys.log
new_branch
start_screens
keys t01 Enter teller-pw Enter F3
wait_for "Drawer's account" || exit 1 # the cheque form

# Everything typed: serial, bank, account, amount with fen.
mark=$(keylog_lines)
type_chars 12345678
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "check code" || exit 1
typed=$(($(keylog_lines) - mark))

# A reader line gives serial and bank: the reader "types" it, the teller
# only account and amount. The reader's line is not counted as keys: the
# count starts once the program has consumed its Enter.
before=$(keylog_lines)
tm send-keys -t cd 'U12345680U T0201T' Enter
mark=$(keylog_wait_enter "$before") || exit 1
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "serial 12345680," || exit 1 # the saved message
micr=$(($(keylog_lines) - mark))
stored=$(sql "SELECT count(*) FROM items")
[ "$stored" = 2 ] || { echo "p6: $stored cheques stored, not 2" >&2; exit 1; }
echo "p6 $typed 35 $micr 23"
exit 0
