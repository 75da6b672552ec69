#!/bin/sh
# audit.sh - the audit trail is a hash chain: audit verify names the first
# record changed, removed or inserted directly in SQLite; audit list
# filters by user (--by) and date, as text and JSON.
. "$(dirname "$0")/lib.sh"
new_branch
teller cheque add --serial 10234567 --bank 0201 --account 6222020200001234 \
	--amount 12.34
CHEQUEDESK_NOW="2026-11-24 09:00" teller cheque add --serial 10234568 \
	--bank 0201 --account 6222020200001234 --amount 5
teller bag add --bank 0501 --type 03 --serial 30110001 --amount 500
super user list

super audit verify
expect_rc 0 "intact"
expect_in "intact" "$OUT" "says intact"
ROWS=$(sql "SELECT count(*) FROM audit")
expect_in "$ROWS records" "$OUT" "counts the records"
super audit verify --json
expect_eq "$(echo "$OUT" | jq -r .result)" "intact" "JSON result"
expect_eq "$(echo "$OUT" | jq -r .head)" \
	"$(sql "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")" "JSON head"

# --- audit list ---
super audit list --json
expect_eq "$(echo "$OUT" | jq length)" "$ROWS" "every record"
super audit list --by t01 --json
expect_eq "$(echo "$OUT" | jq -r '[.[].action] | unique | join(",")')" \
	"bag.open,bill.add,cheque.add,user.passwd" "t01's records"
super audit list --date 2026-11-24 --json
expect_eq "$(echo "$OUT" | jq -r '.[].object')" "item:2" "one day's records"
super audit list --by t01
expect_in "cheque.add" "$OUT" "text list"
super audit list --date 24/11/2026
expect_rc 3 "a bad date"

# Each tampering is tried on a copy of the database.
cp "$CHEQUEDESK_DB" "$TMP/clean.db"
tamper() {
	cp "$TMP/clean.db" "$CHEQUEDESK_DB"
	rm -f "$CHEQUEDESK_DB-wal" "$CHEQUEDESK_DB-shm"
	sql "$1"
	# Verify runs as the supervisor; reading does not add audit rows.
	super audit verify
}
CHEQUE=$(sql "SELECT id FROM audit WHERE action = 'cheque.add' ORDER BY id LIMIT 1")

tamper "UPDATE audit SET after = replace(after, '1234', '9999') WHERE id = $CHEQUE"
expect_rc 7 "an edited record"
expect_in "Audit record $CHEQUE was changed" "$ERR" "names the edited record"
expect_in "security officer" "$ERR" "says what to do"

tamper "UPDATE audit SET user = 's01' WHERE id = $CHEQUE"
expect_in "Audit record $CHEQUE was changed" "$ERR" "a changed user is found"

tamper "DELETE FROM audit WHERE id = $CHEQUE"
expect_rc 7 "a removed record"
expect_in "between record $((CHEQUE - 1)) and record $((CHEQUE + 1)) were removed" \
	"$ERR" "names where records were removed"

tamper "DELETE FROM audit WHERE id = 1"
expect_in "before record 2 were removed" "$ERR" "the first record removed"

tamper "UPDATE audit SET id = id + 1000 WHERE id > $CHEQUE;
	INSERT INTO audit (id, at, user, action, object)
	VALUES ($CHEQUE + 1, '2026-11-23T10:00:00+0800', 't01', 'cheque.add',
	'item:99');
	UPDATE audit SET id = id - 999 WHERE id > 1000"
expect_rc 7 "an inserted record"
expect_in "Audit record $((CHEQUE + 1)) was inserted" "$ERR" \
	"names the inserted record"

tamper "INSERT INTO audit (at, user, action) VALUES ('2026-11-23', 's01', 'x')"
expect_in "was inserted" "$ERR" "a record added at the end"

tamper "UPDATE audit SET prev = hash WHERE id = $CHEQUE"
expect_in "Audit record $CHEQUE was" "$ERR" "a changed link"

super audit verify --json
expect_eq "$(echo "$OUT" | jq -r .result)" "changed" "JSON names the fault"
expect_eq "$(echo "$OUT" | jq -r .record)" "$CHEQUE" "JSON names the record"

# The untouched copy verifies again.
cp "$TMP/clean.db" "$CHEQUEDESK_DB"
rm -f "$CHEQUEDESK_DB-wal" "$CHEQUEDESK_DB-shm"
super audit verify
expect_rc 0 "clean again"

finish
