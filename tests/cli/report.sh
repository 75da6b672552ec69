#!/bin/sh
# report.sh - "chequedesk report day" without a printer or a centre: the
# text, CSV and JSON reports hold every item of the day with totals that
# add up, --session narrows them, authorisations and refusals are listed,
# viewing is audited, a teller is refused (audited), and bad input is
# refused with nothing changed. (Printing: tests/print/report.sh; notices,
# rejections and returns: tests/exchange/report.sh.)
. "$(dirname "$0")/lib.sh"
new_branch
add_user t02 teller "张伟" teller2-pw

# The day before has nothing; an empty current day is still a report.
super report day
expect_rc 0 "an empty current day"
expect_in "No items." "$OUT" "says there are no items"
expect_in "No reprints." "$OUT" "no reprints"
expect_in "No notices." "$OUT" "no notices"

# Session 1: three cheques (one voided with a supervisor's authorisation)
# and two bills in a bag; session 2: two credit slips by t02.
teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56 --type 01
expect_rc 0 "first cheque"
teller cheque add --serial 22345678 --bank 0301 --account 6222020200005678 \
	--amount 86000 --type 01
teller cheque add --serial 32345678 --bank 0201 --account 6222020200009999 \
	--amount 10.00 --type 02
teller bag add --bank 0301 --type 03 --serial 70000001 --amount 5.00
teller bag add --bank 0301 --type 03 --serial 70000002 --amount 7.00
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void 3 --reason "torn" \
	--authorize-by s01
expect_rc 0 "void with authorisation"
teller item void 2 --reason "wrong"
expect_rc 4 "a void without authorisation is refused"
export CHEQUEDESK_NOW="2026-11-23 14:00"
as t02 teller2-pw bag add --bank 0401 --type 21 --serial 80000001 \
	--amount 300.00
expect_rc 0 "a credit in session 2"
as t02 teller2-pw bag add --bank 0201 --type 21 --serial 80000002 \
	--amount 0.50
export CHEQUEDESK_NOW="2026-11-23 15:00"

# --- the text report ---
BEFORE=$(sql "SELECT count(*) FROM audit")
super report day
expect_rc 0 "report day"
TEXT=$OUT
expect_in "Day's report of 江汉支行 (0202)" "$OUT" "heading: branch"
expect_in "Business date 2026-11-23, all sessions (1 to 2)" "$OUT" \
	"heading: date and sessions"
expect_in "Produced by s01 王主管 at 2026-11-23 15:00" "$OUT" \
	"heading: who and when"
expect_in "    1 10:00 t01      12345678     0201  01 D         1,234.56 registered" \
	"$OUT" "an item row, aligned"
expect_in "32345678     0201  02 D            10.00 voided" "$OUT" \
	"a voided item is listed"
expect_in "70000002     0301  03 D             7.00 registered" "$OUT" \
	"a bill in a bag"
expect_in "    7 14:00 t02      80000002     0201  21 C" "$OUT" \
	"session 2's credit"
expect_in "7 items (1 voided)." "$OUT" "item count"
expect_in "0201  中国工商银" "$OUT" "bank names cut to their column by width"
expect_in "Debits                        4        87,246.56" "$OUT" "debits"
expect_in "Credits                       2           300.50" "$OUT" "credits"
expect_in "Total                         6        87,547.06" "$OUT" \
	"the grand total"
expect_in "Voided (not counted)          1            10.00" "$OUT" "voided"
expect_in "item.void          item:3                     t01      s01" "$OUT" \
	"the authorised void"
expect_in "t01      item.void" "$OUT" "the refused void"
expect_in "no authorisation" "$OUT" "with why"
expect_in "No reprints." "$OUT" "no reprints"
expect_in "No batches." "$OUT" "no batches"
expect_in "End of report." "$OUT" "the end"
W=$(printf '%s\n' "$OUT" | while IFS= read -r l; do
	printf '%s\n' "$l" | wc -L
done | sort -n | tail -1)
[ "$W" -le 80 ] && pass || fail "a line is $W columns wide"
case $OUT in
*" 
"*) fail "lines end in blanks" ;;
*) pass ;;
esac
expect_eq "$(sql "SELECT count(*) FROM audit")" "$((BEFORE + 1))" \
	"viewing adds one audit row"
expect_eq "$(sql "SELECT action || ' ' || object || ' ' || user FROM audit ORDER BY id DESC LIMIT 1")" \
	"report.view report:2026-11-23 s01" "the view is audited"

# --- totals add up: the bank rows, the D/C rows and the items ---
super report day --format json
expect_rc 0 "json"
J=$OUT
expect_eq "$(printf '%s' "$J" | jq '.items | length')" "7" "json items"
expect_eq "$(printf '%s' "$J" | jq '.totals.all.amount_fen')" "8754706" \
	"json grand total in fen"
expect_eq "$(printf '%s' "$J" | jq '[.items[] | select(.status != "voided") | .amount_fen] | add')" \
	"8754706" "the items add up to the grand total"
expect_eq "$(printf '%s' "$J" | jq '[.totals.banks[].all.amount_fen] | add')" \
	"8754706" "the banks add up to the grand total"
expect_eq "$(printf '%s' "$J" | jq '.totals.debit.amount_fen + .totals.credit.amount_fen')" \
	"8754706" "debits and credits add up"
expect_eq "$(printf '%s' "$J" | jq -r '.totals.banks | map(.bank) | join(",")')" \
	"0201,0301,0401" "banks in order"
expect_eq "$(printf '%s' "$J" | jq '.totals.voided.amount_fen')" "1000" "voided"
expect_in '"amount_fen":	123456' "$J" "amounts are raw integers"
expect_eq "$(printf '%s' "$J" | jq -r '.authorisations[0].authorised_by')" \
	"s01" "json authorisation"
expect_eq "$(printf '%s' "$J" | jq -r '.refusals[0].action')" "item.void" \
	"json refusal"
expect_eq "$(printf '%s' "$J" | jq -r '.session')" "null" "all sessions"

super report day --format csv
expect_rc 0 "csv"
printf '%s\n' "$OUT" >"$TMP/r.csv"
expect_eq "$(head -1 "$TMP/r.csv" | tr -d '\r')" \
	"record,id,time,teller,kind,serial,bank,type,dc,count,amount_fen,amount,status,batch,bag,reason_code,reason" \
	"csv header"
expect_eq "$(grep -c '^item,' "$TMP/r.csv")" "7" "one row per item"
expect_eq "$(grep -c "$(printf '\r')\$" "$TMP/r.csv")" "$(wc -l <"$TMP/r.csv" | tr -d ' ')" \
	"CRLF line ends"
expect_eq "$(awk -F, '$1 == "item" && $13 != "voided" { s += $11 } END { print s }' "$TMP/r.csv")" \
	"8754706" "csv items add up"
expect_eq "$(awk -F, '$1 == "bank-total" { s += $11 } END { print s }' "$TMP/r.csv")" \
	"8754706" "csv bank totals add up"
expect_eq "$(grep '^total,' "$TMP/r.csv" | tr -d '\r')" \
	"total,,,,,,,,,6,8754706,87547.06,,,,," "csv grand total"
expect_in "bank-total,,,,,,0201,,C,1,50,0.50" "$OUT" "a bank's credits"

# --- --session ---
super report day --session 2 --format json
expect_rc 0 "session 2"
expect_eq "$(printf '%s' "$OUT" | jq '.items | length')" "2" "two items"
expect_eq "$(printf '%s' "$OUT" | jq '.totals.all.amount_fen')" "30050" \
	"session 2's total"
expect_eq "$(printf '%s' "$OUT" | jq '.authorisations | length')" "0" \
	"the void of session 1 is not in session 2's report"
super report day --session 1
expect_in "Business date 2026-11-23, session 1 of 2" "$OUT" "heading"
expect_in "item.void" "$OUT" "session 1 has the void"
super report day --date 2026-11-23 --session 2
expect_rc 0 "an explicit date"

# --- a teller is refused, and it is audited ---
teller report day
expect_rc 4 "a teller may not see the report"
expect_in "Only a supervisor" "$ERR" "says who may"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'report.day' AND user = 't01'")" \
	"1" "the refusal is audited"

# --- bad input: a clear message, the usual status, nothing changed ---
BEFORE=$(sql "SELECT count(*) FROM audit")
super report day --format xml
expect_rc 2 "unknown format"
expect_in "text, csv or json" "$ERR" "names the formats"
super report day --date 2026-13-01
expect_rc 3 "a bad date"
expect_in "YYYY-MM-DD" "$ERR" "says how to write it"
super report day --session 3
expect_rc 3 "session out of range"
expect_in "sessions 1 to 2" "$ERR" "gives the range"
super report day --session x
expect_rc 3 "a session that is no number"
super report day --date 2026-11-20
expect_rc 6 "a day with nothing"
expect_in "Nothing was registered on 2026-11-20" "$ERR" "says so"
super report day --date 2026-11-24
expect_rc 3 "a future day"
expect_in "after the current business date" "$ERR" "says why"
super report day --format csv --print
expect_rc 2 "only text prints"
super report day office
expect_rc 2 "a queue without --print"
expect_in "--print office" "$ERR" "says how"
expect_eq "$(sql "SELECT count(*) FROM audit")" "$BEFORE" "nothing audited"

# Work done on Sunday 2026-11-29 counts for Monday's business date
# 2026-11-30: the authorised void is in Monday's report, not in the week before's.
export CHEQUEDESK_NOW="2026-11-29 15:00"
teller cheque add --serial 62345678 --bank 0201 \
	--account 6222020200001234 --amount 7 --json
SUN=$(printf '%s' "$OUT" | jq -r .id)
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void "$SUN" \
	--reason "typed twice" --authorize-by s01
expect_rc 0 "a void authorised on a Sunday"
export CHEQUEDESK_NOW="2026-11-30 09:00"
super report day --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '.business_date')" "2026-11-30" "Monday's report"
expect_eq "$(printf '%s' "$OUT" | jq -r "[.authorisations[] | select(.object == \"item:$SUN\")] | length")" \
	"1" "Sunday's authorisation is in Monday's report"
super report day --date 2026-11-23 --format json
expect_eq "$(printf '%s' "$OUT" | jq -r "[.authorisations[] | select(.object == \"item:$SUN\")] | length")" \
	"0" "and not in the week before's"
export CHEQUEDESK_NOW="2026-11-23 10:00"

# In Chinese the wide characters are measured: still 80 columns.
if [ -n "${CHEQUEDESK_LOCALEDIR:-}" ]; then
	OUT=$(LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=C.UTF-8 \
		CHEQUEDESK_PASSWORD=super-pw "$CD" report day --user s01)
	W=$(printf '%s\n' "$OUT" | while IFS= read -r l; do
		printf '%s\n' "$l" | wc -L
	done | sort -n | tail -1)
	[ "$W" -le 80 ] && pass || fail "a Chinese line is $W columns wide"
fi

finish
