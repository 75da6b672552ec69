#!/bin/sh
# end-to-end.sh - a day at the counter, over loopback TLS: register and
# print cheques and a bag (private cupsd), close the session's batch with
# the branch key, upload it to chequedesk-centre, poll until every item has
# its answer (accepted, rejected after OCR, returned later), and check the
# statuses, the batch's state and what each role is shown. A forged notice
# is refused.
. "$(dirname "$0")/lib.sh"
exchange_setup "decide_after 0
return_after 1
reject serial 22222222 ocr-amount-mismatch OCR amount mismatch
return serial 33333333 insufficient-funds Insufficient funds"

# Closing refuses unprinted cheques and open bags, naming them.
teller cheque add --serial 11111111 --bank 0201 --account 6222020200001234567 \
	--amount 10.00 --type 01 --json
UNPRINTED=$(printf '%s' "$OUT" | jq -r .id)
teller bag add --bank 0301 --type 03 --serial 70000001 --amount 5.00 --json
OPEN=$(printf '%s' "$OUT" | jq -r .id)
super batch close
expect_rc 5 "close with an unprinted cheque and an open bag"
expect_in "cheque $UNPRINTED" "$ERR" "names the unprinted cheque"
expect_in "bag $OPEN" "$ERR" "names the open bag"
expect_eq "$(sql "SELECT count(*) FROM batches")" "0" "nothing closed"

teller print cheque "$UNPRINTED"
expect_rc 0 "print the first cheque"
printed_cheque 22222222 0201 2000.00
printed_cheque 33333333 0302 3000.00
sealed_bag 0301 03 70000002 70000003
teller batch close
expect_rc 4 "a teller may not close the batch"

# The balance report, then the close with the branch key.
OUT=$(CHEQUEDESK_PASSWORD=super-pw CHEQUEDESK_ACCESS_CODE= "$CD" batch close \
	--user s01 </dev/null 2>"$TMP/stderr")
RC=$?
expect_in "Balance report" "$OUT" "the balance report is shown first"
expect_in "0201" "$OUT" "report rows by bank"
expect_in "5,215.00" "$OUT" "report total"
expect_eq "$(sql "SELECT count(*) FROM batches")" "0" "no access code: nothing closed"
CHEQUEDESK_ACCESS_CODE=wrong super batch close
expect_rc 4 "a wrong access code"
expect_in "access code" "$ERR" "says the access code is wrong"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.wrong-code'")" \
	"1" "the wrong code is audited"
close_batch
expect_eq "$BATCH" "0202-20261123-1-01" "batch id"
expect_eq "$(sql "SELECT count(*) FROM items WHERE status = 'batched'")" "6" \
	"every item locked into the batch"
expect_eq "$(sql "SELECT state FROM batches")" "closed" "state closed"
super batch show "$BATCH" --file "$TMP/batch.json"
expect_rc 0 "batch show --file"
expect_eq "$(jq -r '.totals.all.amount_fen' "$TMP/batch.json")" "521500" \
	"the file's total, in fen, as a string"
expect_eq "$(jq -r '.bags[0].count' "$TMP/batch.json")" "3" "the bag's bills"
super batch close
expect_rc 5 "nothing left to close"

# Upload; a second upload sends nothing twice.
super batch upload
expect_rc 0 "upload"
expect_in "receipt" "$OUT" "the receipt is shown"
expect_eq "$(sql "SELECT state FROM batches")" "received" "state received"
super batch upload "$BATCH"
expect_rc 0 "upload again"
expect_eq "$(centre_dump | jq '.items | length')" "6" "the centre holds 6 items"

# A forged notice is refused: nothing applied, the cursor stays.
centre_fault wrong-key --on notices --times 10
super poll
expect_rc 9 "notices signed with another key are refused"
expect_in "signature" "$ERR" "says why"
expect_eq "$(sql "SELECT count(*) FROM notices")" "0" "nothing applied"
expect_eq "$(sql "SELECT cursor FROM centre")" "0" "cursor unchanged"
centre_clear_faults

# Poll until every item has its answer, and the return comes later.
poll_until 7 || fail "not every answer arrived"
expect_eq "$(sql "SELECT status FROM items WHERE serial = '22222222'")" \
	"rejected" "OCR rejection"
expect_eq "$(sql "SELECT reason_code FROM items WHERE serial = '22222222'")" \
	"ocr-amount-mismatch" "with the centre's reason"
expect_eq "$(sql "SELECT status FROM items WHERE serial = '33333333'")" \
	"returned" "returned later"
expect_eq "$(sql "SELECT count(*) FROM items WHERE status = 'accepted'")" "4" \
	"the others accepted"
expect_eq "$(sql "SELECT state FROM batches")" "complete" "batch complete"
expect_eq "$(sql "SELECT acked FROM centre")" "$(sql "SELECT max(seq) FROM notices")" \
	"every notice acknowledged"
expect_eq "$(centre_dump | jq '[.notices[] | select(.acknowledged | not)] | length')" \
	"0" "the centre knows they were acknowledged"
super poll
expect_in "No new notices" "$OUT" "polling again brings nothing"

# What people see: the list, the batch, the notices.
teller cheque list
expect_in "rejected" "$OUT" "the list shows the rejection"
expect_in "returned" "$OUT" "the list shows the return"
super batch show "$BATCH"
expect_in "OCR amount mismatch" "$OUT" "batch show gives the reason"
expect_in "insufficient funds" "$OUT" "and the return's reason"
super batch list --json
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].state')" "complete" "list state"
expect_eq "$(printf '%s' "$OUT" | jq -r '.[0].rejected')" "1" "list counts"
expect_eq "$(sql "SELECT count(*) FROM notices WHERE teller = 't01'")" "7" \
	"the notices belong to the teller who registered the items"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'notice.%'")" \
	"7" "each notice applied is audited"

# A later session: the same cheque presented again is a duplicate.
export CHEQUEDESK_NOW="2026-11-23 14:00"
super cheque add --serial 11111111 --bank 0201 --account \
	6222020200001234567 --amount 10.00 --type 01 --accept-duplicate --json
DUP=$(printf '%s' "$OUT" | jq -r .id)
super print cheque "$DUP"
close_batch
expect_eq "$BATCH" "0202-20261123-2-01" "second session's batch"
super batch upload
poll_until 8 || fail "no answer for the duplicate"
expect_eq "$(sql "SELECT reason_code FROM items WHERE id = $DUP")" "duplicate" \
	"the centre rejects a cheque presented twice"
finish
