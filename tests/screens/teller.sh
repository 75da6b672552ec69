# teller.sh - the teller's day on the screens, sourced by teller-en.sh and
# teller-zh.sh with SUFFIX set: sign in, register cheques (one through a
# MICR line), a duplicate refused, a bad amount refused with nothing stored,
# a bag filled, the list filtered, resize to 100x30 and back.

new_branch
printf 'signin_note = Demo: t01 / teller-pw\n' >"$CHEQUEDESK_CONFIG"
start_screens
expect_screen "signin$SUFFIX"

keys t01 Enter teller-pw Enter
expect_screen "menu$SUFFIX"

# A cheque typed by hand; fixed-length fields move on by themselves.
keys F3
keys 12345678 0201 6222020200001234 Enter 1234.56 F2
expect_screen "cheque-saved$SUFFIX"
expect_eq "$(sql 'SELECT serial || check_code FROM items')" "1234567849" \
	"the cheque is stored"

# One through a MICR reader line typed into the serial field.
keys 'U87654321U T0301T' Enter 6222020200009999 Enter 86000 F2
expect_screen "cheque-micr$SUFFIX"
expect_eq "$(sql "SELECT bank FROM items WHERE serial = '87654321'")" \
	"0301" "the reader line gives serial and bank"

# The same cheque again is refused, next to the serial.
# The teller is asked whether a supervisor should accept it; n declines.
keys 12345678 0201 6222020200001234 Enter 1234.56 F2
expect_screen "cheque-duplicate$SUFFIX"
keys n
expect_eq "$(sql 'SELECT count(*) FROM items')" "2" "the duplicate is not stored"

# A bad amount is refused and nothing is stored.
keys Escape y F3
keys 11112222 0201 6222020200001234 Enter 12.345 F2
expect_screen "cheque-bad-amount$SUFFIX"
expect_eq "$(sql 'SELECT count(*) FROM items')" "2" "the bad amount is not stored"

# Esc asks before dropping what was typed.
keys Escape
wait_for "(y/n)"
keys y
keys F4
keys 0401 03 30110001 Enter 50000 F2
keys 30110002 Enter 2500.50 F2
expect_screen "bag$SUFFIX"
expect_eq "$(sql 'SELECT count(*) FROM items WHERE bag_id = 1')" "2" \
	"two bills in the bag"

# The list, filtered by bank.
keys F5
expect_screen "list$SUFFIX"
keys F6 'bank:0401' Enter
expect_screen "list-filtered$SUFFIX"
keys Enter
expect_screen "list-detail$SUFFIX"
keys Escape

# Resize to 100x30 and back.
tm resize-window -t cd -x 100 -y 30
sleep 0.3
expect_screen "list-100x30$SUFFIX"
tm resize-window -t cd -x 60 -y 20
sleep 0.3
expect_screen "too-small$SUFFIX"
tm resize-window -t cd -x 80 -y 24
sleep 0.3
expect_screen "list-back$SUFFIX"

keys F1
expect_screen "help$SUFFIX"
keys Escape Escape F10
wait_for "EXITED 0"
