#!/bin/sh
# resync.sh - a new terminal with an empty database rebuilds the day from
# the centre: the same batches, bags, items, statuses and notices; notices
# the branch had acknowledged stay acknowledged (nobody is shown old news),
# the others are shown as new; polling afterwards brings nothing twice.
. "$(dirname "$0")/lib.sh"
exchange_setup "decide_after 0
reject serial 22222222 ocr-amount-mismatch OCR amount mismatch"

printed_cheque 11111111
printed_cheque 22222222 0302 99.00
sealed_bag 0301 03 70000001 70000002
close_batch
super batch upload
poll_until 4 || fail "answers"
# a later batch whose notices have not been polled yet
export CHEQUEDESK_NOW="2026-11-23 14:00"
printed_cheque 33333333
close_batch
super batch upload
sleep 1

# the day as this terminal knows it
day() {
	sql "SELECT b.batch_id, b.state, i.batch_ref, i.kind, i.serial, i.bank,
		i.amount_fen, i.type, i.dc, i.teller, coalesce(i.reason_code, ''),
		coalesce(g.id, 0), i.account
	     FROM items i JOIN batches b ON b.id = i.batch
	     LEFT JOIN bags g ON g.id = i.bag_id
	     ORDER BY b.batch_id, i.batch_ref"
}
BEFORE=$(day)

# The new terminal.
OLD_DB=$CHEQUEDESK_DB
export CHEQUEDESK_DB="$TMP/new.db"
CHEQUEDESK_NEW_PASSWORD=super-pw "$CD" init --branch 0202 --name "江汉支行" \
	--supervisor s01 --supervisor-name "王主管" >/dev/null
super audit verify --centre
expect_rc 0 "a new terminal's trail is not the one the centre's anchors are of"
expect_in "rebuilt from" "$OUT" "says the anchors are of another trail"
teller resync --date 2026-11-23
expect_rc 4 "resync needs a supervisor"
super resync --date 2026-11-23 --json
expect_rc 0 "resync"
expect_eq "$(printf '%s' "$OUT" | jq .batches)" "2" "two batches"
expect_eq "$(printf '%s' "$OUT" | jq .items)" "5" "five items"
expect_eq "$(printf '%s' "$OUT" | jq .notices)" "5" "five notices"
expect_eq "$(sql "SELECT role || active FROM users WHERE id = 't01'")" \
	"teller0" "the unknown teller is added inactive"
expect_eq "$(sqlite3 "$OLD_DB" "SELECT state FROM batches ORDER BY id" | tr '\n' ' ')" \
	"complete received " "the old terminal: first complete, second not polled"
AFTER=$(day)
# the second batch's notice was applied here, not on the old terminal
BEFORE=$(printf '%s' "$BEFORE" | sed 's/|received|/|complete|/')
expect_eq "$AFTER" "$BEFORE" "the same items, bags and answers"
expect_eq "$(sql "SELECT count(*) FROM notices WHERE seen_supervisor = 0")" \
	"1" "only the notice never acknowledged is new"
expect_eq "$(sql "SELECT seq FROM notices WHERE seen_supervisor = 0")" \
	"5" "it is the last one"
super batch show 0202-20261123-1-01 --file "$TMP/again.json"
sqlite3 "$OLD_DB" "SELECT writefile('$TMP/orig.json', f.file) FROM batches b \
	JOIN batch_files f ON f.batch = b.id \
	WHERE b.batch_id = '0202-20261123-1-01'" >/dev/null
cmp -s "$TMP/again.json" "$TMP/orig.json" && pass ||
	fail "the batch file is the one the branch signed"
super poll
expect_in "No new notices" "$OUT" "nothing comes twice"
super resync --date 2026-11-23
expect_rc 5 "a second resync of the same day is refused"
expect_in "empty database" "$ERR" "says why"

# The rebuilt database has a trail of its own: the anchors of the files it
# holds, and the centre's, are of the trail it was rebuilt from.
super audit verify
expect_in "2 anchors are of the trail this database was rebuilt from" "$OUT" \
	"the stored files' anchors are not this trail's"
super audit verify --centre --json
expect_eq "$(echo "$OUT" | jq -r '.result + " " + (.other_trail|tostring)')" \
	"intact 2" "nor are the centre's"
# The old database's trail, replaced from its first record by a forger
# (a new first record and every hash after it recomputed), is told.
export CHEQUEDESK_DB=$OLD_DB
sql "UPDATE audit SET at = '2026-11-22T09:00:00+0800' WHERE id = 1"
"$top_srcdir/tests/exchange/rechain.sh" "$CHEQUEDESK_DB" 1 "$TMP"
super audit verify --centre
expect_rc 7 "a trail replaced from its first record"
expect_in "another audit trail" "$ERR" "says so"
finish
