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
expect_in "needs a supervisor's authorisation" "$ERR" "refusal says who may"
expect_in "--authorize-by" "$ERR" "and how"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'duplicate.accept' AND user = 't01'")" \
	"1" "the refusal is audited"

CHEQUEDESK_NOW="2026-11-24 09:15" super cheque add --serial 33333333 \
	--bank 0301 --account 6222020200001111 --amount 88.80 \
	--accept-duplicate --json
expect_rc 0 "a supervisor accepts the duplicate"
expect_eq "$(echo "$OUT" | jq -r '.duplicate_of')" "1" "duplicate_of recorded"
expect_eq "$(sql "SELECT user FROM audit WHERE action = 'cheque.add.duplicate'")" \
	"s01" "accepting a duplicate is audited"

# A teller's duplicate authorised by the supervisor at the counter: both
# names in the audit. A wrong supervisor password changes nothing.
CHEQUEDESK_NOW="2026-11-24 09:20" CHEQUEDESK_AUTH_PASSWORD=wrong \
	add --accept-duplicate --authorize-by s01
expect_rc 4 "wrong authorising password"
expect_eq "$(sql 'SELECT count(*) FROM items')" "2" "nothing stored"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed' AND user = 's01'")" \
	"1" "the wrong authorising password is audited against s01"
CHEQUEDESK_NOW="2026-11-24 09:20" CHEQUEDESK_AUTH_PASSWORD=teller-pw \
	add --accept-duplicate --authorize-by t01
expect_rc 4 "a teller cannot authorise"
expect_in "only a supervisor can authorise" "$ERR" "says why"
CHEQUEDESK_NOW="2026-11-24 09:20" CHEQUEDESK_AUTH_PASSWORD=super-pw \
	add --accept-duplicate --authorize-by s01
expect_rc 0 "authorised duplicate"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'cheque.add.duplicate' ORDER BY id DESC LIMIT 1")" \
	"t01,s01" "both names in the audit"

# Four eyes: a supervisor may not authorise their own duplicate.
printf 'four_eyes = duplicate\n' >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2026-11-24 09:25" super cheque add --serial 33333333 \
	--bank 0301 --account 6222020200001111 --amount 88.80 \
	--accept-duplicate
expect_rc 4 "four eyes: alone refused"
expect_in "four eyes" "$ERR" "says four eyes"
CHEQUEDESK_NOW="2026-11-24 09:25" CHEQUEDESK_AUTH_PASSWORD=super-pw \
	super cheque add --serial 33333333 --bank 0301 \
	--account 6222020200001111 --amount 88.80 --accept-duplicate \
	--authorize-by s01
expect_rc 4 "four eyes: self-authorisation refused"
expect_in "cannot authorise your own" "$ERR" "says so"
: >"$CHEQUEDESK_CONFIG"

# The same serial at another bank is a different cheque.
teller cheque add --serial 33333333 --bank 0401 --account 6222020200001111 \
	--amount 88.80
expect_rc 0 "same serial, other bank"

# Outside the window (default 180 days) it is no longer a duplicate (the
# passwords would have expired by then: not what this test is about) ...
printf 'password_max_age_days = 0\n' >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2027-06-01 10:00" add
expect_rc 0 "outside the window"
# ... and the window is configurable.
printf 'duplicate_window_days = 400\npassword_max_age_days = 0\n' \
	>"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2027-09-01 10:00" teller cheque add --serial 33333333 \
	--bank 0401 --account 6222020200001111 --amount 88.80
expect_rc 5 "inside a longer configured window"

# Bills in bags are checked too.
teller bag add --bank 0401 --type 03 --serial 55550001 --amount 100
expect_rc 0 "bill"
teller bag add --bank 0401 --type 03 --serial 55550001 --amount 100
expect_rc 5 "duplicate bill refused"

finish
