#!/bin/sh
# roles.sh - every supervisor and administrator command tried as a teller is
# refused and audited; an administrator does no item work; passwords:
# first change, rules, expiry, reset; lock-out after five wrong passwords
# and unlock; dual control for voiding with --authorize-by; four eyes.
. "$(dirname "$0")/lib.sh"
new_branch
add_user a01 administrator "赵工" admin-pw1

# --- a teller is refused every supervisor / administrator command ---
refusals() {
	sql "SELECT count(*) FROM audit WHERE action = 'refused' AND user = '$1'"
}
n=0
printf 'number,name,active\n0201,X,1\n' >"$TMP/banks.csv"
while read -r cmd; do
	# shellcheck disable=SC2086
	CHEQUEDESK_NEW_PASSWORD=some-pass1 teller $cmd
	expect_rc 4 "teller: $cmd"
	n=$((n + 1))
	expect_eq "$(refusals t01)" "$n" "teller: $cmd is audited"
done <<EOF2
user add t09 --role teller --name X
user list
user reset s01
user unlock s01
user signout s01
bank import $TMP/banks.csv
printer use plq
batch close
batch upload
batch list
batch show X
resync --date 2026-11-23
audit list
audit verify
EOF2
expect_in "Only a supervisor or an administrator may do this" "$ERR" \
	"the refusal says who may"
expect_in "you are signed in as t01, a teller" "$ERR" "and who you are"
expect_eq "$(sql "SELECT object FROM audit WHERE action = 'refused' ORDER BY id DESC LIMIT 1")" \
	"audit.verify" "the refused action is named"

# --- an administrator: users, set-up and audit, but no item work ---
admin() { as a01 admin-pw1 "$@"; }
admin user list
expect_rc 0 "administrator lists users"
admin audit verify
expect_rc 0 "administrator verifies the audit trail"
n=0
while read -r cmd; do
	# shellcheck disable=SC2086
	admin $cmd
	expect_rc 4 "administrator: $cmd"
	n=$((n + 1))
	expect_eq "$(refusals a01)" "$n" "administrator: $cmd is audited"
done <<EOF2
cheque add --serial 10234567 --bank 0201 --account 6222020200001234 --amount 1
cheque list
bag add --bank 0501 --type 03 --serial 30110001 --amount 500
print cheque 1
batch close
poll
EOF2
expect_in "a teller or a supervisor" "$ERR" "says who may"

# --- passwords: rules, first change, reset, expiry ---
CHEQUEDESK_NEW_PASSWORD=short super user add t02 --role teller --name "张伟"
expect_rc 3 "too short"
expect_in "at least 8 characters" "$ERR" "says the length"
CHEQUEDESK_NEW_PASSWORD=abcdefghij super user add t02 --role teller \
	--name "张伟"
expect_rc 3 "letters only"
expect_in "too simple" "$ERR" "says why"
printf 'password_min_length = 10\npassword_classes = 1\n' \
	>"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NEW_PASSWORD=abcdefghi super user add t02 --role teller \
	--name "张伟"
expect_rc 3 "the configured length"
expect_in "at least 10 characters" "$ERR" "configured length said"
CHEQUEDESK_NEW_PASSWORD=abcdefghij super user add t02 --role teller \
	--name "张伟"
expect_rc 0 "letters only allowed by the configuration"
: >"$CHEQUEDESK_CONFIG"
as t02 abcdefghij cheque list
expect_rc 4 "first sign-in: change first"
CHEQUEDESK_NEW_PASSWORD=abcdefghij as t02 abcdefghij passwd
expect_rc 3 "the new password must differ"
CHEQUEDESK_NEW_PASSWORD=zhang-wei1 as t02 abcdefghij passwd
expect_rc 0 "changed"
as t02 zhang-wei1 cheque list
expect_rc 0 "works after the change"
CHEQUEDESK_NEW_PASSWORD=temp-pass9 super user reset t02
expect_rc 0 "a supervisor resets the password"
as t02 temp-pass9 cheque list
expect_rc 4 "after a reset: change first"
expect_in "chequedesk passwd --user t02" "$ERR" "says how"
CHEQUEDESK_NEW_PASSWORD=zhang-wei2 as t02 temp-pass9 passwd
expect_rc 0 "changed after the reset"
# 90 days later the password has expired.
CHEQUEDESK_NOW="2027-02-21 10:00" as t02 zhang-wei2 cheque list
expect_rc 4 "expired"
expect_in "has expired" "$ERR" "says it expired"
printf 'password_max_age_days = 0\n' >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2027-02-21 10:00" as t02 zhang-wei2 cheque list
expect_rc 0 "no expiry when the configuration says so"
: >"$CHEQUEDESK_CONFIG"

# --- five wrong passwords lock the account until a supervisor unlocks ---
for i in 1 2 3 4; do
	as t02 wrong-pass cheque list
	expect_rc 4 "wrong password $i"
done
expect_in "After 1 more wrong password" "$ERR" "warns before the lock"
as t02 wrong-pass cheque list
expect_in "is locked" "$ERR" "the fifth locks"
as t02 zhang-wei2 cheque list
expect_rc 4 "locked: the right password no longer works"
expect_in "chequedesk user unlock t02" "$ERR" "says who unlocks"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'user.locked' AND user = 't02'")" \
	"1" "the lock is audited"
teller user unlock t02
expect_rc 4 "a teller cannot unlock"
super user unlock t02
expect_rc 0 "a supervisor unlocks"
as t02 zhang-wei2 cheque list
expect_rc 0 "works again"
super user unlock t02
expect_rc 5 "not locked"
super user unlock nobody
expect_rc 6 "no such user"

# --- voiding: dual control, both names in the audit ---
teller cheque add --serial 10234567 --bank 0201 --account 6222020200001234 \
	--amount 12.34 --json
ID=$(echo "$OUT" | jq -r .id)
teller item void "$ID" --reason "amount typed wrong"
expect_rc 4 "a teller cannot void alone"
expect_in "authorize-by" "$ERR" "says how to get the authorisation"
expect_eq "$(sql "SELECT status FROM items WHERE id = $ID")" "registered" \
	"nothing changed"
teller item void "$ID"
expect_rc 2 "the reason is required"
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void "$ID" \
	--reason "amount typed wrong" --authorize-by s01
expect_rc 0 "voided with the supervisor's authorisation"
expect_eq "$(sql "SELECT status FROM items WHERE id = $ID")" "voided" "voided"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'item.void'")" \
	"t01,s01" "both names in the audit"
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void "$ID" --reason again \
	--authorize-by s01
expect_rc 5 "cannot void twice"

# --- four eyes: a supervisor needs a second supervisor ---
# s02 is added by the administrator: an account s01 created may not
# authorise s01's own actions (tests/cli/dual.sh).
CHEQUEDESK_NEW_PASSWORD=first-pass2 as a01 admin-pw1 user add s02 \
	--role supervisor --name "陈主管"
CHEQUEDESK_NEW_PASSWORD=super2-pw as s02 first-pass2 passwd
teller cheque add --serial 10234568 --bank 0201 --account 6222020200001234 \
	--amount 1 --json
ID=$(echo "$OUT" | jq -r .id)
super item void "$ID" --reason "test"
expect_rc 0 "without four eyes a supervisor voids alone"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'item.void' ORDER BY id DESC LIMIT 1")" \
	"s01,s01" "self-authorised, named twice"
printf 'four_eyes = void close\n' >"$CHEQUEDESK_CONFIG"
teller cheque add --serial 10234569 --bank 0201 --account 6222020200001234 \
	--amount 1 --json
ID=$(echo "$OUT" | jq -r .id)
super item void "$ID" --reason "test"
expect_rc 4 "four eyes: alone refused"
CHEQUEDESK_AUTH_PASSWORD=super-pw super item void "$ID" --reason "test" \
	--authorize-by s01
expect_rc 4 "four eyes: not by oneself"
expect_in "cannot authorise your own" "$ERR" "says so"
CHEQUEDESK_AUTH_PASSWORD=super2-pw super item void "$ID" --reason "test" \
	--authorize-by s02
expect_rc 0 "four eyes: another supervisor authorises"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'item.void' ORDER BY id DESC LIMIT 1")" \
	"s01,s02" "both supervisors named"
printf 'four_eyes = void, bogus\n' >"$CHEQUEDESK_CONFIG"
super user list
expect_rc 8 "a bad four_eyes setting"
expect_in "close, void, reprint, duplicate, directory" "$ERR" \
	"lists what four_eyes takes"
: >"$CHEQUEDESK_CONFIG"

# --- signing a user out (of the screens) ---
super user signout t01
expect_rc 0 "sign out a user with no screen"
expect_in "not signed in on any screen" "$OUT" "says so"

super audit verify
expect_rc 0 "the audit trail is intact after all this"

finish
