#!/bin/sh
# permissions.sh - sign-in, and a teller refused a supervisor's commands,
# with every refusal audited and nothing changed.
. "$(dirname "$0")/lib.sh"
new_branch

as t01 wrong-pw cheque list
expect_rc 4 "wrong password"
wrong=$ERR
as nobody teller-pw cheque list
expect_rc 4 "unknown user"
expect_eq "$ERR" "$wrong" "unknown user and wrong password look the same"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'signin.failed'")" \
	"2" "failed sign-ins audited"
run cheque list
expect_rc 2 "no user given"
expect_in "--user" "$ERR" "says how to give the user"

CHEQUEDESK_NEW_PASSWORD=new-pass1 teller user add t02 --role teller --name X
expect_rc 4 "a teller may not add users"
expect_in "Only a supervisor or an administrator" "$ERR" "refusal message"
expect_eq "$(sql "SELECT count(*) FROM users")" "2" "no user added"
printf 'number,name,active\n0201,X,1\n' >"$TMP/banks.csv"
teller bank import "$TMP/banks.csv"
expect_rc 4 "a teller may not import the bank directory"
expect_eq "$(sql "SELECT count(*) FROM banks WHERE active = 1")" "33" \
	"directory unchanged"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND user = 't01'")" \
	"2" "refusals audited"

CHEQUEDESK_NEW_PASSWORD=new-pass1 super user add t02 --role teller --name "张伟"
expect_rc 0 "a supervisor adds a teller"
CHEQUEDESK_NEW_PASSWORD=new-pass1 super user add t02 --role teller --name X
expect_rc 5 "existing user ID"
CHEQUEDESK_NEW_PASSWORD=new-pass1 super user add 'bad id' --role teller --name X
expect_rc 3 "malformed user ID"
CHEQUEDESK_NEW_PASSWORD=new-pass1 super user add t03 --role boss --name X
expect_rc 3 "unknown role"
as t02 new-pass1 cheque list
expect_rc 4 "a new user must change the first password"
expect_in "chequedesk passwd --user t02" "$ERR" "says how"
CHEQUEDESK_NEW_PASSWORD=own-pass2 as t02 new-pass1 passwd
expect_rc 0 "the new teller chooses a password"
as t02 own-pass2 cheque list
expect_rc 0 "the new teller signs in"
super user list --json
expect_eq "$(echo "$OUT" | jq -r '[.[].id] | join(",")')" "s01,t01,t02" \
	"user list"
case "$OUT" in *scrypt*) fail "user list shows hashes" ;; *) pass ;; esac

finish
