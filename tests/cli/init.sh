#!/bin/sh
# init.sh - creating a branch: the database, its settings, refusing to
# overwrite, --help and --version.
. "$(dirname "$0")/lib.sh"

run --version
expect_rc 0 "--version"
expect_in "chequedesk 0.1.0" "$OUT" "--version names the program"
expect_in "GPLv3+" "$OUT" "--version gives the licence"
run --help
expect_rc 0 "--help"
expect_in "cheque add" "$OUT" "--help lists the commands"
expect_in "Exit status" "$OUT" "--help explains exit statuses"
run cheque add --help
expect_rc 0 "cheque add --help"
expect_in "--micr" "$OUT" "command help lists its options"
run frobnicate
expect_rc 2 "unknown command"
expect_in "not a chequedesk command" "$ERR" "unknown command message"

run cheque list --user t01
expect_rc 8 "no database yet"
expect_in "chequedesk init" "$ERR" "missing database says how to create one"

new_branch
expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "database in WAL mode"
expect_eq "$(sql 'PRAGMA user_version')" "7" "schema version"
expect_eq "$(sql 'SELECT exchange_no || name FROM branch')" "0202江汉支行" \
	"branch stored"
expect_eq "$(sql "SELECT role FROM users WHERE id = 's01'")" "supervisor" \
	"first supervisor"
expect_eq "$(sql "SELECT count(*) FROM banks")" "35" "bank directory loaded"
expect_eq "$(sql "SELECT count(*) FROM bill_types")" "13" "bill types loaded"
case "$(sql "SELECT pw_hash FROM users WHERE id = 't01'")" in
'$scrypt$'*) pass ;;
*) fail "passwords are stored as scrypt hashes" ;;
esac
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'user.add'")" \
	"2" "users audited"

# The common options may also come before the command, as in git.
CHEQUEDESK_DB="$TMP/nowhere.db" CHEQUEDESK_PASSWORD=teller-pw \
	run --db "$CHEQUEDESK_DB" cheque list --user t01 --json
expect_rc 0 "--db before the command"
expect_eq "$OUT" "[]" "--db before the command opens that database"
CHEQUEDESK_PASSWORD=super-pw run --user s01 audit verify
expect_rc 0 "--user before the command"
expect_in "audit trail is intact" "$OUT" "--user before the command signs in"
CHEQUEDESK_PASSWORD=super-pw run --db="$TMP/nowhere.db" --user=s01 cheque list
expect_rc 8 "--db=PATH before the command is taken"
expect_in "nowhere.db" "$ERR" "--db=PATH before the command names that file"
run --json cheque list --user t01
expect_rc 2 "a command's own option before the command"
expect_in "The option --json cannot come before the command" "$ERR" \
	"option before the command: what is wrong"
run --user
expect_rc 2 "--user without its value before the command"
expect_in "The option --user needs a value" "$ERR" "missing value named"
run --db "$TMP/x.db"
expect_rc 2 "options but no command"
expect_in "No command follows the options" "$ERR" "no command named"
run --user s01 frobnicate
expect_rc 2 "unknown command after options"
expect_in '"frobnicate" is not a chequedesk command' "$ERR" \
	"unknown command after options named"
run --help
expect_in "Usage: chequedesk [OPTION]... COMMAND [OPTION]..." "$OUT" \
	"--help: options before or after the command"

CHEQUEDESK_NEW_PASSWORD=other-pw run init --branch 0203 --name X --supervisor s9
expect_rc 5 "init refuses an existing database"
expect_in "will not touch it" "$ERR" "refusal says why"
expect_eq "$(sql 'SELECT exchange_no FROM branch')" "0202" "existing branch kept"

CHEQUEDESK_NEW_PASSWORD=other-pw run init --db "$TMP/b2.db" --branch 02X3 \
	--name X --supervisor s9
expect_rc 3 "init refuses a malformed branch number"
[ ! -e "$TMP/b2.db" ] && pass || fail "no database left after a refused init"

CHEQUEDESK_NEW_PASSWORD=abc run init --db "$TMP/b3.db" --branch 0203 \
	--name X --supervisor s9
expect_rc 3 "init refuses a short password"
expect_in "too short" "$ERR" "short password message"

CHEQUEDESK_DATADIR="$TMP/nowhere" CHEQUEDESK_NEW_PASSWORD=long-pass1 \
	run init --db "$TMP/b4.db" --branch 0203 --name X --supervisor s9
expect_rc 8 "init without data files"
expect_in "banks.csv" "$ERR" "missing data file named"
[ ! -e "$TMP/b4.db" ] && pass || fail "failed init leaves no database"

printf 'sessions = 11:30, 25:00\n' >"$CHEQUEDESK_CONFIG"
run session
expect_rc 8 "bad configuration"
expect_in "chequedesk.conf, line 1" "$ERR" "configuration error names file and line"
printf 'colour = blue\n' >"$CHEQUEDESK_CONFIG"
run session
expect_in "unknown setting" "$ERR" "unknown setting refused"
: >"$CHEQUEDESK_CONFIG"

finish
