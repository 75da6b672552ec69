#!/bin/sh
# bag.sh - bills go into one open bag per date, session, bank and type; bags
# show their count and total.
. "$(dirname "$0")/lib.sh"
new_branch

teller bag add --bank 0401 --type 03 --serial 10000001 --amount 5000
expect_rc 0 "first bill opens a bag"
expect_in "Bill added as item 1 to bag 1: 1 bill, total 5,000.00." "$OUT" \
	"bag message"
teller bag add --bank 0401 --type 03 --serial 10000002 --amount 12.5
expect_in "to bag 1: 2 bills, total 5,012.50." "$OUT" "same bag"
teller bag add --bank 0401 --type 21 --serial 20000001 --amount 300 \
	--account 6222020200002222 --json
expect_eq "$(echo "$OUT" | jq -r '(.id|tostring) + .dc')" "2C" \
	"another type, another bag; credit slips are credits"
teller bag add --bank 0501 --type 03 --serial 10000003 --amount 1
expect_in "to bag 3" "$OUT" "another bank, another bag"
CHEQUEDESK_NOW="2026-11-23 13:00" teller bag add --bank 0401 --type 03 \
	--serial 10000004 --amount 1
expect_in "to bag 4" "$OUT" "another session, another bag"

teller bag list --json
expect_rc 0 "bag list --json"
expect_eq "$(echo "$OUT" | jq length)" "4" "four bags"
for f in id bank type dc count amount_fen business_date session status; do
	expect_eq "$(echo "$OUT" | jq ".[0] | has(\"$f\")")" "true" \
		"bag list --json has $f"
done
expect_eq "$(echo "$OUT" | jq -c '.[0] | [.count, .amount_fen, .status]')" \
	'[2,501250,"open"]' "count, total and status"

teller bag show 1 --json
expect_eq "$(echo "$OUT" | jq -r '[.bills[].serial] | join(",")')" \
	"10000001,10000002" "bag show lists the bills"
teller bag show 1
expect_in "伍仟零壹拾贰元伍角整" "$OUT" "bag total in capitals"
teller bag show 9
expect_rc 6 "missing bag"

teller bag add --bank 0401 --type 01 --serial 10000009 --amount 1
expect_rc 3 "a cheque does not go into a bag"
expect_in "cheque add" "$ERR" "says to use cheque add"
teller cheque add --serial 10000009 --bank 0401 --account 6222020200001111 \
	--amount 1 --type 03
expect_rc 3 "a bank draft is not registered as a cheque"
expect_in "bag add" "$ERR" "says to use bag add"
teller bag list --status full
expect_rc 3 "bad status filter"
expect_eq "$(sql 'SELECT count(*) FROM bags')" "4" "no bag opened by refusals"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'bag.open'")" \
	"4" "opening bags is audited"

# A bill's serial may have up to 20 digits, and is kept whole.
teller bag add --bank 0501 --type 03 --serial 12345678901234567890 \
	--amount 2 --json
expect_rc 0 "a 20-digit bill serial"
expect_eq "$(printf '%s' "$OUT" | jq -r .item.serial)" "12345678901234567890" \
	"kept whole"
expect_eq "$(sql "SELECT serial FROM items WHERE serial LIKE '1234567890%'")" \
	"12345678901234567890" "stored whole"
finish
