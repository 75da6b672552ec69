# p6-keys.sh - P6: keys a teller presses to register one cheque in the
# screens, typing every field and with a MICR reader line. Sourced by
# bench.sh through "sh -c" with $0 inside tests/screens, so that
# tests/screens/lib.sh (private tmux server, the branch, wait_for) is used
# as the screen tests use it. Prints "p6 TYPED DIGITS_T MICR DIGITS_M".
. "$top_srcdir/tests/screens/lib.sh"
new_branch
start_screens
keys t01 Enter teller-pw Enter F3
wait_for "*"

N=0
# Everything typed: serial, bank, account, amount with fen.
type_chars 12345678
type_chars 0201
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "check code" || exit 1
typed=$N

# A reader line gives serial and bank: the reader "types" it, the teller
# only account and amount (the reader's line is not counted as keys).
N=0
tm send-keys -t cd 'U12345680U T0201T' Enter
sleep 0.3
type_chars 6222020200001234
press Enter
type_chars 1234.56
press F2
wait_for "12345680" || exit 1
micr=$N
stored=$(sql "SELECT count(*) FROM items")
[ "$stored" = 2 ] || { echo "p6: $stored cheques stored, not 2" >&2; exit 1; }
echo "p6 $typed 35 $micr 23"
exit 0
