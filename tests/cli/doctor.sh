#!/bin/sh
# doctor.sh - "chequedesk doctor" without printer or centre: with nothing
# set up every check reports and nothing crashes; each broken set-up of
# the configuration, the database, the branch key and the locale is
# diagnosed with the command or setting that fixes it; nothing is changed
# (a schema is read, not upgraded); no sign-in is needed, except to try
# the key's access code (--check-code). The printer and
# the centre are in tests/exchange/doctor.sh.
. "$(dirname "$0")/lib.sh"
openssl genpkey -algorithm SM2 -out "$TMP/plain.pem" 2>/dev/null ||
	{ echo "FAIL: the openssl command lacks SM2 (Debian 12's openssl has it)" >&2; exit 99; }
unset CHEQUEDESK_ACCESS_CODE NO_COLOR
CONF=$CHEQUEDESK_CONFIG
DB=$CHEQUEDESK_DB
KEY=$TMP/branch.key

. "$top_srcdir/tests/cli/doctor-lib.sh"

# --- Nothing set up: every check reports, with its fix --------------------
rm -f "$CONF"
doctor --offline
expect_rc 8 "nothing set up: exit 8"
expect_check config "configuration file" fail "create $CONF" \
	"no configuration file"
expect_check database "database file" fail \
	"chequedesk init --branch NUMBER --name NAME --supervisor ID" "$DB"
expect_check database schema skip
expect_check key "key file" fail "chequedesk key new" "branch_key"
expect_check key "access code" skip
expect_check printer "printer queue" skip
expect_check centre connection skip "" "--offline"
expect_check locale "character set" ok
expect_check locale terminal skip
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[] | keys | join(",")] | unique |
	join(" ")')" "check,detail,fix,group,status" "every result has 5 members"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[].status] - ["ok", "warn",
	"fail", "skip"] | length')" "0" "statuses are ok/warn/fail/skip"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[] | select(.status == "fail" and
	(.fix // "") == "")] | length')" "0" "every failure has a fix"
expect_in "failed" "$ERR" "stderr says checks failed"
[ -e "$DB" ] && fail "doctor created the database" || pass
[ -e "$CONF" ] && fail "doctor created the configuration" || pass

# The default configuration path, not given: still no file, still told.
OUT=$(env -u CHEQUEDESK_CONFIG XDG_CONFIG_HOME="$TMP/xdg" "$CD" doctor \
	--offline --json 2>"$TMP/stderr")
RC=$?
expect_rc 8 "default configuration path"
expect_check config "configuration file" fail \
	"create $TMP/xdg/chequedesk/chequedesk.conf"

# Text output: a status column, Fix lines, a summary; no colour when the
# output is not a terminal.
run doctor --offline
expect_rc 8 "text: exit 8"
expect_in "Configuration" "$OUT" "group headings"
expect_in "  FAIL database file: There is no chequedesk database at $DB" \
	"$OUT" "status word, check and detail on one line"
expect_in "       Fix: chequedesk init --branch NUMBER --name NAME" "$OUT" \
	"an indented Fix line under the failure"
expect_in "  SKIP printer queue:" "$OUT" "skipped checks are shown"
expect_in "problems found." "$OUT" "the summary"
case $OUT in *"$(printf '\033')"*) fail "colour codes in a pipe" ;; *) pass ;; esac
[ "$(printf '%s\n' "$OUT" | tail -1 | grep -c 'problems found')" = 1 ] &&
	pass || fail "the summary is the last line"

# --- Configuration with an unknown setting ---------------------------------
printf '# terminal 3\nprinter = plq\nprinterr = plq2\n' >"$CONF"
doctor --offline
expect_rc 8 "unknown setting"
expect_check config "configuration file" fail \
	"correct or remove line 3 of $CONF" 'unknown setting "printerr"'
expect_check config settings skip
expect_check printer "printer queue" skip "" "configuration file"
expect_check database "database file" fail "chequedesk init" # from $CHEQUEDESK_DB

# A configuration without the settings a terminal needs.
printf 'duplicate_window_days = 90\n' >"$CONF"
doctor
expect_check config "configuration file" ok "" "$CONF"
expect_check config settings fail \
	"add to $CONF: printer = QUEUE; centre_url = https://HOST:PORT; centre_key = FILE" \
	"printer, centre_url, centre_key"
expect_check printer "printer queue" skip "" "no printer is set"
expect_check centre connection skip "" "centre_url is not set"
doctor --offline
expect_check config settings fail "add to $CONF: printer = QUEUE" \
	"not set: printer."

# --- A database: good, newer, older, damaged ---------------------------------
: >"$CONF"
new_branch
doctor --offline
expect_check database "database file" ok "" "$DB"
expect_check database schema ok "" "schema 7, current"
expect_check database integrity ok
expect_check database branch ok "" "0202 江汉支行"
cp "$DB" "$TMP/good.db"

cp "$TMP/good.db" "$TMP/future.db"
sqlite3 "$TMP/future.db" "PRAGMA user_version = 99"
doctor --offline --db "$TMP/future.db"
expect_rc 8 "a database from a newer chequedesk"
expect_check database schema fail "install the chequedesk that wrote it" \
	"schema 99; this program knows up to 7"
expect_check database integrity ok
expect_check database branch skip
expect_eq "$(sqlite3 "$TMP/future.db" "PRAGMA user_version")" "99" \
	"the newer database is untouched"

cp "$TMP/good.db" "$TMP/old.db"
sqlite3 "$TMP/old.db" "PRAGMA user_version = 3"
doctor --offline --db "$TMP/old.db"
expect_check database schema warn "cp $TMP/old.db $TMP/old.db.v3" \
	"schema 3, this program writes 7: it will be upgraded the next time"
expect_eq "$(sqlite3 "$TMP/old.db" "PRAGMA user_version")" "3" \
	"doctor does not upgrade"

cp "$TMP/good.db" "$TMP/damaged.db"
size=$(stat -c %s "$TMP/damaged.db")
pages=$((size / 4096))
dd if=/dev/urandom of="$TMP/damaged.db" bs=4096 seek=$((pages / 2)) count=2 \
	conv=notrunc 2>/dev/null
doctor --offline --db "$TMP/damaged.db"
expect_rc 8 "a damaged database"
st=$(field database integrity status)$(field database schema status)
case $st in *fail*) pass ;; *) fail "damage not reported: $OUT" ;; esac
expect_in "restore $TMP/damaged.db from the last backup" \
	"$(printf '%s' "$OUT" | jq -r '.[] | select(.group == "database") |
	.fix // empty')" "the fix for a damaged database"

printf 'not a database, just text\n%.0s' $(seq 200) >"$TMP/text.db"
doctor --offline --db "$TMP/text.db"
expect_check database schema fail "restore $TMP/text.db" "cannot be read"

# --- The branch key ---------------------------------------------------------
printf 'branch_key = %s\n' "$KEY" >"$CONF"
doctor --offline
expect_check key "key file" fail "chequedesk key import BACKUP" \
	"There is no branch key file at $KEY"
expect_check key "public key" skip

openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" \
	-passout pass:key-code-1 -out "$KEY"
openssl pkey -in "$TMP/plain.pem" -pubout -out "$TMP/branch.pub"
chmod 644 "$KEY"
doctor --offline
expect_check key "key file" fail "chmod 600 $KEY" "mode 0644"
chmod 600 "$KEY"
doctor --offline
expect_check key "key file" ok "" "$KEY, mode 0600, encrypted"
expect_check key "public key" ok "" "$TMP/branch.pub, fingerprint"
expect_check key "access code" skip "" "--check-code"

: >"$CONF"
doctor --offline
expect_check key "key file" fail "branch_key = $KEY in $CONF" \
	"branch_key is not set"
printf 'branch_key = %s\n' "$KEY" >"$CONF"

mv "$TMP/branch.pub" "$TMP/public.pem"
doctor --offline
expect_check key "public key" warn \
	"chequedesk key export --public $TMP/branch.pub"
mv "$TMP/public.pem" "$TMP/branch.pub"

cp "$TMP/plain.pem" "$KEY"
doctor --offline
expect_check key "key file" fail "chequedesk key import BACKUP" \
	"without an access code"
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" \
	-passout pass:key-code-1 -out "$KEY"
chmod 600 "$KEY"

# --check-code: a wrong code is a failure, counted; the right one is OK.
# Wrong codes lock the key, so trying one needs a supervisor's sign-in
# (tests/cli/dual.sh tries it without).
OUT=$(CHEQUEDESK_ACCESS_CODE=wrong-code CHEQUEDESK_PASSWORD=super-pw \
	"$CD" doctor --offline --json --check-code --user s01 2>"$TMP/stderr")
RC=$?
expect_rc 8 "a wrong access code"
expect_check key "access code" fail "chequedesk key import BACKUP" \
	"access code for the branch key file $KEY is wrong"
expect_eq "$(sql "SELECT wrong_codes FROM branch_key")" "1" \
	"the wrong code is counted"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.wrong-code'
	AND object = 'doctor'")" "1" "and audited"
OUT=$(CHEQUEDESK_ACCESS_CODE=key-code-1 CHEQUEDESK_PASSWORD=super-pw \
	"$CD" doctor --offline --json --check-code --user s01 2>"$TMP/stderr")
expect_check key "access code" ok "" "opens the key"
expect_eq "$(sql "SELECT wrong_codes FROM branch_key")" "0" \
	"a right code starts the count again"
OUT=$(CHEQUEDESK_ACCESS_CODE= CHEQUEDESK_PASSWORD=super-pw "$CD" doctor \
	--offline --json --check-code --user s01 2>"$TMP/stderr")
expect_check key "access code" skip

# --- Locale -----------------------------------------------------------------
OUT=$(LANG=C LC_ALL= "$CD" doctor --offline --json 2>"$TMP/stderr")
expect_check locale "character set" fail \
	"export LANG=zh_CN.UTF-8 (or LANG=C.UTF-8)" "need UTF-8"
OUT=$(LANG=xx_YY.UTF-8 LC_ALL= "$CD" doctor --offline --json 2>"$TMP/stderr")
expect_check locale "character set" fail \
	"sudo localedef -i xx_YY -f UTF-8 xx_YY.UTF-8" "not installed"
OUT=$(LANGUAGE=zh_CN CHEQUEDESK_LOCALEDIR="$TMP/nowhere" "$CD" doctor \
	--offline --json 2>"$TMP/stderr")
expect_check locale messages fail "CHEQUEDESK_LOCALEDIR" \
	"$TMP/nowhere/zh_CN/LC_MESSAGES/chequedesk.mo"
if [ -n "${CHEQUEDESK_LOCALEDIR:-}" ]; then
	OUT=$(LANGUAGE=zh_CN "$CD" doctor --offline --json 2>"$TMP/stderr")
	expect_eq "$(printf '%s' "$OUT" | jq -r '.[] | select(.group ==
		"locale") | .status' | head -2 | tr '\n' ' ')" "ok ok " \
		"the Chinese catalog is found"
	expect_in "zh_CN/LC_MESSAGES/chequedesk.mo" "$(printf '%s' "$OUT" |
		jq -r '.[] | select(.group == "locale") | .detail')" \
		"and named"
fi

finish
