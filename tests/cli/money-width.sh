#!/bin/sh
# money-width.sh - money is never cut (#16, 10): totals over ten billion
# yuan show every digit in cheque list, bag list, batch list, the balance
# report of batch show and the day's report (text), with the amount column
# as wide as the widest amount.
. "$(dirname "$0")/lib.sh"

# expect_aligned AMOUNT WHAT: in $OUT, the heading "Amount" of the first
# line ends in the column where AMOUNT ends on its row.
expect_aligned() {
	local hdr row
	hdr=$(printf '%s\n' "$OUT" | head -1)
	row=$(printf '%s\n' "$OUT" | grep -F "$1")
	expect_eq "$(printf '%s' "$hdr" | awk '{print index($0, "Amount") + 5}')" \
		"$(printf '%s' "$row" | awk -v a="$1" \
			'{print index($0, a) + length(a) - 1}')" "$2"
}
new_branch

# --- Items at the limit, and totals past ten billion --------------------------
teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 9999999999.99 --type 01
expect_rc 0 "a cheque of 9,999,999,999.99"
teller cheque add --serial 12345679 --bank 0201 --account 6222020200001234 \
	--amount 1739.56 --type 01
expect_rc 0 "a second cheque"
# the bills in the afternoon session, so session 1's batch is the cheques
for s in 10000001 10000002; do
	CHEQUEDESK_NOW="2026-11-23 13:00" teller bag add --bank 0401 --type 03 \
		--serial $s --amount 9999999999.99
	expect_rc 0 "a bill of 9,999,999,999.99"
done

teller cheque list --session 1
expect_rc 0 "cheque list"
expect_in " 9,999,999,999.99 " "$OUT" "cheque list: the item in full"
expect_in "total 10,000,001,739.55" "$OUT" "cheque list: the total in full"

CHEQUEDESK_NOW="2026-11-23 13:00" teller bag list
expect_rc 0 "bag list"
expect_in " 19,999,999,999.98 " "$OUT" "bag list: a bag over ten billion"
# the header's Amount ends where the amounts end
expect_aligned 19,999,999,999.98 \
	"bag list: the amount column is as wide as its amount"

# --- A batch over ten billion ---------------------------------------------------
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new --no-backup
expect_rc 0 "key new"
sql "UPDATE items SET status = 'printed', prints = 1 WHERE bag_id IS NULL"
CHEQUEDESK_ACCESS_CODE=key-code-1 super batch close --session 1
expect_rc 0 "batch close"
expect_in "10,000,001,739.55" "$OUT" "the balance report in full"
super batch list
expect_rc 0 "batch list"
expect_in " 10,000,001,739.55 " "$OUT" "batch list: the batch total in full"
expect_aligned 10,000,001,739.55 \
	"batch list: the amount column is as wide as the total"
super batch show 0202-20261123-1-01
expect_rc 0 "batch show"
expect_in "10,000,001,739.55" "$OUT" "batch show: the total in full"

# --- The day's report -------------------------------------------------------------
super report day
expect_rc 0 "report day"
expect_in " 9,999,999,999.99 " "$OUT" "report: an item in full"
expect_in " 10,000,001,739.55" "$OUT" "report: the bank's total in full"
expect_in " 19,999,999,999.98" "$OUT" "report: the bag bank's total in full"
expect_in " 30,000,001,739.53" "$OUT" "report: the day's total in full"
expect_in "0202-20261123-1-01" "$OUT" "report: the batch"
row=$(printf '%s\n' "$OUT" | grep '^0202-20261123-1-01')
expect_in " 10,000,001,739.55 " "$row" "report: the batch's amount in full"

finish
