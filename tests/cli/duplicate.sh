#!/bin/sh
# duplicate.sh - the same serial and bank within the window is refused,
# says when and by whom, and only a supervisor may accept it (audited).
. "$(dirname "$0")/lib.sh"
new_branch

add() {
	teller cheque add --serial 33333333 --bank 0301 \
		--account 6222020200001111 --amount 88.80 "$@"
}

add
expect_rc 0 "first registration"
CHEQUEDESK_NOW="2026-11-24 09:15" add
expect_rc 5 "duplicate refused"
expect_in "already registered on 2026-11-23 10:00 by 李娜 (t01) as item 1" \
	"$ERR" "duplicate says when and by whom"
expect_eq "$(sql 'SELECT count(*) FROM items')" "1" "nothing stored"

CHEQUEDESK_NOW="2026-11-24 09:15" add --accept-duplicate
expect_rc 4 "a teller may not accept a duplicate"
expect_in "Only a supervisor" "$ERR" "refusal says who may"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'duplicate.accept' AND user = 't01'")" \
	"1" "the refusal is audited"

CHEQUEDESK_NOW="2026-11-24 09:15" super cheque add --serial 33333333 \
	--bank 0301 --account 6222020200001111 --amount 88.80 \
	--accept-duplicate --json
expect_rc 0 "a supervisor accepts the duplicate"
expect_eq "$(echo "$OUT" | jq -r '.duplicate_of')" "1" "duplicate_of recorded"
expect_eq "$(sql "SELECT user FROM audit WHERE action = 'cheque.add.duplicate'")" \
	"s01" "accepting a duplicate is audited"

# The same serial at another bank is a different cheque.
teller cheque add --serial 33333333 --bank 0401 --account 6222020200001111 \
	--amount 88.80
expect_rc 0 "same serial, other bank"

# Outside the window (default 180 days) it is no longer a duplicate ...
CHEQUEDESK_NOW="2027-06-01 10:00" add
expect_rc 0 "outside the window"
# ... and the window is configurable.
printf 'duplicate_window_days = 400\n' >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2027-09-01 10:00" teller cheque add --serial 33333333 \
	--bank 0401 --account 6222020200001111 --amount 88.80
expect_rc 5 "inside a longer configured window"

# Bills in bags are checked too.
teller bag add --bank 0401 --type 03 --serial 55550001 --amount 100
expect_rc 0 "bill"
teller bag add --bank 0401 --type 03 --serial 55550001 --amount 100
expect_rc 5 "duplicate bill refused"

finish
