#!/bin/sh
# audit-anchors.sh - the audit chain anchored in what a forger cannot sign
# (docs/audit.md): each batch close puts the head of the chain into the
# signed batch file, which the centre keeps. A forger with write access to
# the database changes a record and re-hashes every later one with the
# documented rule; audit verify still names the record, from this
# database's signed files and from the centre's (--centre), and so it does
# for records removed at the end. Records after the last close are
# reported as not anchored yet.
. "$(dirname "$0")/lib.sh"
need openssl openssl
exchange_setup

printed_cheque 10000001
printed_cheque 10000002 0201 500.00
close_batch
super batch upload
expect_rc 0 "upload the first batch"
printed_cheque 10000003 0201 7.00
close_batch
super batch upload
expect_rc 0 "upload the second batch"
# two records after the last close: not anchored yet
teller cheque add --serial 10000004 --bank 0201 --account \
	6222020200001234567 --amount 1.00 --type 01
teller cheque add --serial 10000005 --bank 0201 --account \
	6222020200001234567 --amount 2.00 --type 01

# The file carries the head of the chain as it was before the close.
super batch show "$BATCH" --file "$TMP/batch.json"
expect_rc 0 "batch show --file"
TO=$(jq -r .header.audit.record "$TMP/batch.json")
FROM=$(jq -r .header.audit.from "$TMP/batch.json")
expect_eq "$(jq -r .header.audit.hash "$TMP/batch.json")" \
	"$(sql "SELECT hash FROM audit WHERE id = $TO")" \
	"the anchor is the chain's hash at its record"
expect_eq "$(jq -r '.header.audit.leaves | length' "$TMP/batch.json")" \
	"$(((TO - FROM + 1) * 16))" "a short hash for each record anchored"
expect_eq "$(sql "SELECT json_extract(after, '\$.audit_to') FROM audit
	WHERE action = 'batch.close' ORDER BY id DESC LIMIT 1")" "$TO" \
	"the close's audit record says where the anchor ends"
FIRST_TO=$((FROM - 1))
expect_eq "$(sql "SELECT count(*) FROM audit WHERE id <= $FIRST_TO")" \
	"$FIRST_TO" "the second anchor starts after the first"
LAST=$(sql "SELECT max(id) FROM audit")

super audit verify
expect_rc 0 "intact"
expect_in "2 anchors" "$OUT" "both closes anchored the trail"
expect_in "through record $TO" "$OUT" "how far the anchors reach"
super audit verify --json
expect_eq "$(echo "$OUT" | jq -r .not_anchored)" "$((LAST - TO))" \
	"the records since the last close are not anchored yet"
super audit verify --centre --json
expect_rc 0 "intact against the centre"
expect_eq "$(echo "$OUT" | jq -r '.anchors_from + " " + (.anchors|tostring)')" \
	"centre 2" "two anchors from the centre"

# The forger's tool (rechain.sh): re-hash records FROM.. with the rule of
# docs/audit.md.
rechain() { "$top_srcdir/tests/exchange/rechain.sh" "$CHEQUEDESK_DB" "$1" "$TMP"; }
cp "$CHEQUEDESK_DB" "$TMP/clean.db"
restore() {
	cp "$TMP/clean.db" "$CHEQUEDESK_DB"
	rm -f "$CHEQUEDESK_DB-wal" "$CHEQUEDESK_DB-shm"
}

# The tool is right: re-hashing an untouched trail changes no hash.
rechain 1
expect_eq "$(sqlite3 "$TMP/clean.db" "SELECT group_concat(hash) FROM audit")" \
	"$(sql "SELECT group_concat(hash) FROM audit")" "the forger's hash rule"

# Blame another teller for the second cheque, then re-hash the rest.
ADD=$(sql "SELECT id FROM audit WHERE action = 'cheque.add' AND
	object = (SELECT 'item:' || id FROM items WHERE serial = '10000002')")
sql "UPDATE audit SET user = 's01' WHERE id = $ADD"
rechain "$ADD"
super audit verify
expect_rc 7 "a record changed and the chain re-hashed"
expect_in "Audit record $ADD was changed" "$ERR" "names the changed record"
expect_in "re-hashed" "$ERR" "says the chain was re-hashed to hide it"
super audit verify --centre --json
expect_eq "$(echo "$OUT" | jq -r '.result + " " + (.record|tostring)')" \
	"changed $ADD" "the centre's anchors name it too"

# Forging the stored file's anchor as well breaks its signature.
sql "UPDATE batch_files SET file = CAST(replace(CAST(file AS TEXT),
	'\"closed_by\":\"s01\"', '\"closed_by\":\"s02\"') AS BLOB)"
super audit verify
expect_rc 7 "a stored batch file changed"
expect_in "does not verify with the branch key" "$ERR" \
	"the changed file is named"
super audit verify --centre
expect_in "Audit record $ADD was changed" "$ERR" \
	"the centre's copies still name the record"

# Removing a batch with its file, to take its anchor away: the close's
# audit record still names it.
restore
sql "DELETE FROM batch_files WHERE batch = (SELECT id FROM batches WHERE
	batch_id = '$BATCH'); DELETE FROM batches WHERE batch_id = '$BATCH'"
super audit verify
expect_rc 7 "a closed batch removed from the database"
expect_in "batch $BATCH was closed and signed, but its file is not in this database" \
	"$ERR" "names the batch whose file is gone"

# Removing the last records, the close's own among them: found.
restore
sql "DELETE FROM audit WHERE id > $((TO - 2))"
super audit verify
expect_rc 7 "the last records removed"
expect_in "after record $((TO - 2)) were removed" "$ERR" \
	"says from where the records are gone"
expect_in "through record $TO" "$ERR" "and what the anchor says"

# A record removed inside the anchored range, the rest renumbered and
# re-hashed: found.
restore
sql "DELETE FROM audit WHERE id = $ADD;
	UPDATE audit SET id = id + 100000 WHERE id > $ADD;
	UPDATE audit SET id = id - 100001 WHERE id > 100000"
rechain "$ADD"
super audit verify --json
expect_eq "$(echo "$OUT" | jq -r '.result + " " + (.after|tostring)')" \
	"removed $((ADD - 1))" "a removed record, renumbered and re-hashed"

# A record slipped in, the rest renumbered and re-hashed: found.
restore
sql "UPDATE audit SET id = id + 100000 WHERE id >= $ADD;
	INSERT INTO audit (id, at, user, action, object)
	VALUES ($ADD, '2026-11-23T10:00:00+0800', 't01', 'user.note', 'x');
	UPDATE audit SET id = id - 99999 WHERE id > 100000"
rechain "$ADD"
super audit verify --json
expect_eq "$(echo "$OUT" | jq -r '.result + " " + (.record|tostring)')" \
	"inserted $ADD" "an inserted record, renumbered and re-hashed"

# After the last close a change cannot be proved, and verify says how
# many records that covers.
restore
sql "UPDATE audit SET user = 's01' WHERE id = $LAST"
rechain "$LAST"
super audit verify
expect_rc 0 "a change after the last anchor is not provable"
expect_in "$((LAST - TO)) records after record $TO are not anchored" "$OUT" \
	"says what is not anchored"

finish
