#!/bin/sh
# report.sh - the day's report after a real exchange with chequedesk-centre:
# the batch with the centre's answers, the notices received, and the
# rejected and returned items with the centre's reasons, in text, JSON
# and CSV.
. "$(dirname "$0")/lib.sh"
exchange_setup "decide_after 0
return_after 1
reject serial 22222222 ocr-amount-mismatch OCR amount mismatch
return serial 33333333 insufficient-funds Insufficient funds"

printed_cheque 11111111 0201 10.00
printed_cheque 22222222 0201 2000.00
printed_cheque 33333333 0302 3000.00
sealed_bag 0301 03 70000002 70000003
close_batch
super batch upload
expect_rc 0 "upload"
poll_until 6 || fail "not every answer arrived"

super report day
expect_rc 0 "report day"
expect_in "0202-20261123-1-01   complete      5         5,210.00     3     1     1     0" \
	"$OUT" "the batch and the centre's answers"
expect_in "22222222     0201  01 D         2,000.00 rejected   1-01" "$OUT" \
	"items name their batch"
expect_in "    2 10:00 rejected       2 22222222     0201          2,000.00 t01" "$OUT" \
	"the rejection notice"
expect_in "    6 10:00 returned       3 33333333     0302          3,000.00 t01" "$OUT" \
	"the return notice"
expect_in "     Reason: OCR amount mismatch (ocr-amount-mismatch)" "$OUT" \
	"the rejection's reason"
expect_in "Reason: insufficient funds (insufficient-funds)" "$OUT" \
	"the return's reason"
expect_in "No reprints." "$OUT" "no reprints"
expect_in "batch.close        batch:0202-20261123-1-01   s01      s01" "$OUT" \
	"the close's authorisation is listed"

super report day --format json
J=$OUT
expect_eq "$(printf '%s' "$J" | jq '.notices | length')" \
	"$(sql "SELECT count(*) FROM notices")" "every notice"
expect_eq "$(printf '%s' "$J" | jq -r '[.notices[].kind] | sort | unique | join(",")')" \
	"accepted,rejected,returned" "all kinds of notice"
expect_eq "$(printf '%s' "$J" | jq -r '.rejected_returned | map(.reason_code) | join(",")')" \
	"ocr-amount-mismatch,insufficient-funds" "json: the reasons"
expect_eq "$(printf '%s' "$J" | jq -r '.batches[0].state')" "complete" \
	"json: the batch"
expect_eq "$(printf '%s' "$J" | jq -r '.items[0].batch_id')" \
	"0202-20261123-1-01" "json: an item's batch"
expect_eq "$(printf '%s' "$J" | jq '.totals.all.amount_fen')" "521000" \
	"rejected and returned items still count: they went out"

super report day --format csv
expect_in "item,2,2026-11-23T10:00:00+0000,t01,cheque,22222222,0201,01,D,1,200000,2000.00,rejected,0202-20261123-1-01,,ocr-amount-mismatch,OCR amount mismatch" \
	"$OUT" "csv: a rejected item with batch and reason"

finish
