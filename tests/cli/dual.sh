#!/bin/sh
# dual.sh - dual control that holds, tried the way a supervisor working
# alone would: an authoriser on a temporary (new or reset) or expired
# password, or whose account the acting supervisor created, reset or
# unlocked, is refused, each with its rule, audited; the lone supervisor's
# bootstrap is audited as such. Lock-outs only by the owner's own
# attempts: wrong authorising passwords slow the asker instead of locking
# the supervisor, who is told at the next sign-in; doctor --check-code
# needs a supervisor's sign-in.
. "$(dirname "$0")/lib.sh"
new_branch
add_user a01 administrator "赵工" admin-pw1

# cheque SERIAL: a teller registers a cheque; its ID in $ID.
cheque() {
	teller cheque add --serial "$1" --bank 0201 \
		--account 6222020200001234 --amount 1 --json
	ID=$(echo "$OUT" | jq -r .id)
}

# void_by AUTH PASSWORD: s01 voids $ID, authorised by AUTH.
void_by() {
	CHEQUEDESK_AUTH_PASSWORD="$2" super item void "$ID" --reason test \
		--authorize-by "$1"
}

# refused WHY: audit rows of refused voids for that reason.
refused() {
	sql "SELECT count(*) FROM audit WHERE action = 'refused' AND
		object = 'item.void' AND after LIKE '%\"why\":\"$1\"%'"
}

# voided: the status of $ID.
voided() {
	sql "SELECT status FROM items WHERE id = $ID"
}

# --- the bootstrap: a lone supervisor voids alone, audited as such -------
cheque 10000001
super item void "$ID" --reason test
expect_rc 0 "without four eyes the only supervisor voids alone"
expect_eq "$(sql "SELECT user || ',' || object FROM audit WHERE action = 'auth.alone'")" \
	"s01,item.void" "authorising alone is audited as such"

printf 'four_eyes = all\n' >"$CHEQUEDESK_CONFIG"

# --- 1a: a new supervisor account, still on its temporary password --------
CHEQUEDESK_NEW_PASSWORD=temp-pass1 super user add s99 --role supervisor \
	--name "傀儡"
expect_rc 0 "s01 adds a supervisor s99"
cheque 10000002
void_by s99 temp-pass1
expect_rc 4 "a temporary password cannot authorise"
expect_in "has not chosen their own" "$ERR" "says which rule"
expect_in "chequedesk passwd --user s99" "$ERR" "and what to do"
expect_eq "$(voided)" "registered" "nothing voided"
expect_eq "$(refused "authoriser on a temporary password")" "1" \
	"the refusal is audited with its rule"
CHEQUEDESK_AUTH_PASSWORD=temp-pass1 teller item void "$ID" --reason test \
	--authorize-by s99
expect_rc 4 "not for a teller's void either"
expect_in "has not chosen their own" "$ERR" "same rule"

# --- 1b: ... and after s01 chose "its own" password for it ---------------
CHEQUEDESK_NEW_PASSWORD=puppet-pw1 as s99 temp-pass1 passwd
expect_rc 0 "s01 signs in as s99 and chooses its password"
void_by s99 puppet-pw1
expect_rc 4 "an account s01 created cannot authorise s01"
expect_in "you created that account" "$ERR" "says which rule"
expect_eq "$(voided)" "registered" "nothing voided"
expect_eq "$(refused "authoriser created by the actor")" "1" "audited"

# --- an administrator adds s02: s02 may authorise s01 --------------------
CHEQUEDESK_NEW_PASSWORD=temp-pass2 as a01 admin-pw1 user add s02 \
	--role supervisor --name "陈主管"
expect_rc 0 "the administrator adds s02"
CHEQUEDESK_NEW_PASSWORD=super2-pw as s02 temp-pass2 passwd
expect_rc 0 "s02 chooses a password"
void_by s02 super2-pw
expect_rc 0 "s02 authorises s01's void"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'item.void' ORDER BY id DESC LIMIT 1")" \
	"s01,s02" "both named"

# --- 1c: s01 resets s02 and uses the temporary password, then its own ----
cheque 10000003
CHEQUEDESK_NEW_PASSWORD=temp-pass3 super user reset s02
expect_rc 0 "s01 resets s02"
void_by s02 temp-pass3
expect_rc 4 "a reset password cannot authorise"
expect_in "has not chosen their own" "$ERR" "temporary"
CHEQUEDESK_NEW_PASSWORD=stolen-pw3 as s02 temp-pass3 passwd
expect_rc 0 "s01 signs in as s02 and chooses a password"
void_by s02 stolen-pw3
expect_rc 4 "an account s01 reset cannot authorise s01"
expect_in "you last reset that password" "$ERR" "says which rule"
expect_eq "$(voided)" "registered" "nothing voided"
expect_eq "$(refused "authoriser reset by the actor")" "1" "audited"
# Someone else resets it: s02 chooses again and may authorise s01 again.
CHEQUEDESK_NEW_PASSWORD=temp-pass4 as a01 admin-pw1 user reset s02
CHEQUEDESK_NEW_PASSWORD=super2-pw2 as s02 temp-pass4 passwd
void_by s02 super2-pw2
expect_rc 0 "after a reset by someone else s02 authorises again"

# --- 1d: an account s01 unlocked -----------------------------------------
cheque 10000004
for i in 1 2 3 4 5; do
	as s02 wrong-pass user list
done
expect_in "is locked" "$ERR" "s02 is locked by five wrong sign-ins"
void_by s02 super2-pw2
expect_rc 4 "a locked supervisor cannot authorise"
expect_in "is locked" "$ERR" "says so"
super user unlock s02
expect_rc 0 "s01 unlocks s02"
void_by s02 super2-pw2
expect_rc 4 "an account s01 unlocked cannot authorise s01"
expect_in "you unlocked that account" "$ERR" "says which rule"
expect_eq "$(refused "authoriser unlocked by the actor")" "1" "audited"
expect_eq "$(voided)" "registered" "nothing voided"

# --- an expired password cannot authorise --------------------------------
CHEQUEDESK_NEW_PASSWORD=temp-pass5 as a01 admin-pw1 user add s03 \
	--role supervisor --name "周主管"
CHEQUEDESK_NEW_PASSWORD=super3-pw as s03 temp-pass5 passwd
sql "UPDATE users SET pw_changed_at = '2026-01-02T10:00:00+0800' WHERE id = 's03'"
void_by s03 super3-pw
expect_rc 4 "an expired password cannot authorise"
expect_in "has expired" "$ERR" "says which rule"
expect_eq "$(refused "authoriser password expired")" "1" "audited"
sql "UPDATE users SET pw_changed_at = '2026-11-23T09:00:00+0800' WHERE id = 's03'"
void_by s03 super3-pw
expect_rc 0 "s03, on a password of their own, authorises"
expect_eq "$(voided)" "voided" "voided"

# --- an upgraded database remembers resets and unlocks from the audit ----
expect_eq "$(sql "SELECT reset_by || ',' || coalesce(unlocked_by, '-') FROM users WHERE id = 's02'")" \
	"a01,s01" "reset_by and unlocked_by recorded"
sql "UPDATE users SET reset_by = NULL, unlocked_by = NULL;
ALTER TABLE users DROP COLUMN reset_by;
ALTER TABLE users DROP COLUMN unlocked_by;
ALTER TABLE users DROP COLUMN auth_wrong;
ALTER TABLE users DROP COLUMN auth_wrong_at;
ALTER TABLE users DROP COLUMN auth_tried;
ALTER TABLE users DROP COLUMN auth_tried_since;
ALTER TABLE items RENAME COLUMN paykey_sm2 TO paykey;
PRAGMA user_version = 5"
super user list
expect_rc 0 "a schema 5 database is upgraded"
expect_eq "$(sql 'PRAGMA user_version')" "7" "to schema 7"
expect_eq "$(sql "SELECT reset_by || ',' || coalesce(unlocked_by, '-') FROM users WHERE id = 's02'")" \
	"a01,s01" "filled in from the audit trail"
expect_eq "$(sql "SELECT reset_by FROM users WHERE id = 't01'")" "" \
	"nobody reset t01"
cheque 10000005
void_by s02 super2-pw2
expect_rc 4 "after the upgrade the unlock still counts"
expect_in "you unlocked that account" "$ERR" "same rule"
: >"$CHEQUEDESK_CONFIG"

# --- 6a: a teller's wrong authorising passwords do not lock s01 ----------
cheque 10000006
for i in 1 2 3 4 5; do
	CHEQUEDESK_AUTH_PASSWORD="guess-$i" teller item void "$ID" \
		--reason test --authorize-by s01
	expect_rc 4 "wrong authorising password $i"
done
expect_in "wait 1 second" "$ERR" "further attempts are slowed"
expect_eq "$(sql "SELECT failed || ',' || coalesce(locked_at, '-') FROM users WHERE id = 's01'")" \
	"0,-" "s01 is not locked, nor counted towards the lock"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed' AND user = 's01' AND after LIKE '%\"asked_by\":\"t01\"%'")" \
	"2" "the two passwords tried are audited, naming the asker"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND after LIKE '%authorising slowed%'")" \
	"3" "the slowed attempts are refused unchecked, audited"
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void "$ID" --reason test \
	--authorize-by s01
expect_rc 4 "even the right password waits"
expect_eq "$(voided)" "registered" "nothing voided"
# A second later the right password works, and the count starts again.
CHEQUEDESK_NOW="2026-11-23 10:00:02" CHEQUEDESK_AUTH_PASSWORD=super-pw \
	teller item void "$ID" --reason test --authorize-by s01
expect_rc 0 "after the wait the supervisor authorises"
expect_eq "$(sql "SELECT auth_wrong FROM users WHERE id = 't01'")" "0" \
	"the asker's count starts again"
# The delay grows: none after the first, then 1, 2, 4 ... seconds.
cheque 10000007
for s in 10 11 12 14; do
	CHEQUEDESK_NOW="2026-11-23 10:01:$s" CHEQUEDESK_AUTH_PASSWORD=guess \
		teller item void "$ID" --reason test --authorize-by s01
	expect_in "password is wrong" "$ERR" "a try at :$s is checked"
done
CHEQUEDESK_NOW="2026-11-23 10:01:17" CHEQUEDESK_AUTH_PASSWORD=guess \
	teller item void "$ID" --reason test --authorize-by s01
expect_in "4 wrong authorising passwords were given in a row here" "$ERR" \
	"the fourth asks for 4 s"
expect_in "wait 1 second" "$ERR" "of which 1 is left at :17"

# --- 6b: s01 is told at the next sign-in, once ----------------------------
super user list
expect_rc 0 "s01 signs in as usual"
expect_in "6 wrong authorising passwords were given for your account since 2026-11-23 10:00." \
	"$ERR" "and is told of the wrong authorising passwords"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed.told' AND user = 's01'")" \
	"1" "telling is audited"
super user list
case $ERR in *"wrong authorising"*) fail "told twice: $ERR" ;; *) pass ;; esac

# --- 6b': many tries at once from many terminals wait in turn -----------
cheque 10000008
CHEQUEDESK_NOW="2026-11-23 10:04:00" CHEQUEDESK_AUTH_PASSWORD=super-pw \
	teller item void "$ID" --reason test --authorize-by s01
expect_rc 0 "an authorisation starts the count again"
cheque 10000009
before=$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed'")
for i in 1 2 3 4 5 6 7 8 9 10; do
	CHEQUEDESK_NOW="2026-11-23 10:05:00" CHEQUEDESK_AUTH_PASSWORD="guess-$i" \
		CHEQUEDESK_PASSWORD=teller-pw "$CD" item void "$ID" \
		--reason test --authorize-by s01 --user t01 \
		>/dev/null 2>&1 </dev/null &
done
wait
after=$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed'")
expect_eq "$((after - before))" "2" \
	"of ten tries at once only two passwords are checked"
expect_eq "$(sql "SELECT failed FROM users WHERE id = 's01'")" "0" \
	"s01 is still not counted towards the lock"

# --- 6c: doctor --check-code needs a supervisor's sign-in -----------------
openssl genpkey -algorithm SM2 -out "$TMP/plain.pem" 2>/dev/null ||
	{ echo "FAIL: the openssl command lacks SM2" >&2; exit 99; }
KEY=$TMP/branch.key
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" \
	-passout pass:key-code-1 -out "$KEY"
chmod 600 "$KEY"
printf 'branch_key = %s\n' "$KEY" >"$CHEQUEDESK_CONFIG"
for i in 1 2 3 4 5 6; do
	CHEQUEDESK_ACCESS_CODE=wrong-code run doctor --offline --json \
		--check-code
	expect_rc 4 "doctor --check-code without a sign-in, $i"
done
expect_in "needs a supervisor's sign-in" "$ERR" "says what is needed"
expect_eq "$(sql "SELECT wrong_codes FROM branch_key")" "0" \
	"no wrong code counted: the key is not locked"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'doctor.check-code'")" \
	"6" "each refusal audited"
CHEQUEDESK_ACCESS_CODE=wrong-code teller doctor --offline --json --check-code
expect_rc 4 "nor as a teller"
expect_in "Only a supervisor may do this" "$ERR" "says who may"
expect_eq "$(sql "SELECT wrong_codes FROM branch_key")" "0" "still none"
CHEQUEDESK_ACCESS_CODE=wrong-code super doctor --offline --json --check-code
expect_rc 8 "a supervisor's wrong code"
expect_eq "$(sql "SELECT wrong_codes FROM branch_key")" "1" "is counted"
expect_eq "$(sql "SELECT user FROM audit WHERE action = 'key.wrong-code' AND object = 'doctor'")" \
	"s01" "under the supervisor's name"
CHEQUEDESK_ACCESS_CODE=key-code-1 super doctor --offline --json --check-code
expect_eq "$(printf '%s' "$OUT" | jq -r '.[] | select(.check == "access code") | .status')" \
	"ok" "the right code opens the key"
run doctor --offline --json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[] | select(.check == "access code") | .status')" \
	"skip" "doctor without --check-code needs no sign-in"

super audit verify
expect_rc 0 "the audit trail is intact after all this"

finish
