#!/bin/sh
# cheque.sh - registering, listing and showing cheques; the check code, the
# code line from a MICR reader, and business dates and sessions.
. "$(dirname "$0")/lib.sh"
new_branch

# The payment password is encrypted to the centre's key (tests/cli/paykey.sh).
openssl genpkey -algorithm SM2 -out "$TMP/centre.key" 2>/dev/null &&
	openssl pkey -in "$TMP/centre.key" -pubout -out "$TMP/centre.pub" ||
	{ echo "FAIL: the openssl command lacks SM2" >&2; exit 99; }
echo "centre_key = $TMP/centre.pub" >"$CHEQUEDESK_CONFIG"
teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56 --phone 13912345678 --paykey - \
	--payee-account 6222030300005678 --payee-name "武汉某某贸易有限公司" <<EOF
1234567890123456
EOF
expect_rc 0 "register a cheque"
expect_in "Payment password" "$OUT" "says a payment password was given"
expect_in "check code 49" "$OUT" "check code shown"
expect_in "壹仟贰佰叁拾肆元伍角陆分" "$OUT" "amount in Chinese capitals"
expect_in "2026-11-23 session 1 (cut-off 11:30)" "$OUT" "session shown"
expect_in "⑈6222020200001234⑈ 011⑉49 ⑇000000123456⑇ ⑉13912345678" "$OUT" \
	"supplementary code line"

teller cheque show 1 --json
expect_rc 0 "cheque show --json"
for f in id serial bank account amount_fen type dc check_code \
	business_date session status teller; do
	expect_eq "$(echo "$OUT" | jq "has(\"$f\")")" "true" "show --json has $f"
done
expect_eq "$(echo "$OUT" | jq -r '.amount_fen')" "123456" "amount in fen"
expect_eq "$(echo "$OUT" | jq -r '.dc')" "D" "transfer cheque is a debit"
expect_eq "$(echo "$OUT" | jq -r '.status')" "registered" "status"

# The check code is ISO 7064 MOD 97-10: the digits followed by it are 1 mod 97.
digits="12345678""0201""6222020200001234""01""000000123456""49"
mod=$(echo "$digits" | awk '{ r = 0; for (i = 1; i <= length($0); i++)
	r = (r * 10 + substr($0, i, 1)) % 97; print r }')
expect_eq "$mod" "1" "check code satisfies MOD 97-10"

# A MICR reader line with Unicode symbols, and one with substitutions.
teller cheque add --micr "⑈00000042⑈ ⑆0401⑆" --account 6222020200009999 \
	--amount "1,000" --type 02 --json
expect_rc 0 "register from a Unicode MICR line"
expect_eq "$(echo "$OUT" | jq -r '.serial + "/" + .bank + "/" + .type')" \
	"00000042/0401/02" "serial, bank and type from the reader line"
teller cheque add --micr "U00000043U T0501T" --account 6222020200009999 \
	--amount 0.5 --json
expect_rc 0 "register from a reader line with T/U substitutions"
expect_eq "$(echo "$OUT" | jq -r '.serial + "/" + .bank')" "00000043/0501" \
	"substituted symbols"
printf 'micr.on_us = =\nmicr.transit = :\n' >"$CHEQUEDESK_CONFIG"
teller cheque add --micr "=00000044= :0501:" --account 6222020200009999 \
	--amount 7 --json
expect_rc 0 "register with a configured reader mapping"
# Two symbols may swap their characters.
printf 'micr.transit = U\nmicr.on_us = T\n' >"$CHEQUEDESK_CONFIG"
teller cheque add --micr "T00000045T U0501U" --account 6222020200009999 \
	--amount 7 --json
expect_rc 0 "register with swapped reader symbols"
printf 'micr.transit = U\n' >"$CHEQUEDESK_CONFIG"
teller session
expect_rc 8 "a character used by two symbols is refused"
expect_in "line 1" "$ERR" "names the line"
: >"$CHEQUEDESK_CONFIG"

# After the last cut-off: the next business day's first session.
CHEQUEDESK_NOW="2026-11-23 16:05" teller cheque add --serial 20000001 \
	--bank 0201 --account 6222020200001234 --amount 10 --json
expect_eq "$(echo "$OUT" | jq -r '.business_date + " " + (.session|tostring)')" \
	"2026-11-24 1" "after 16:00 goes to tomorrow's first session"
CHEQUEDESK_NOW="2026-11-23 12:00" teller cheque add --serial 20000002 \
	--bank 0201 --account 6222020200001234 --amount 10 --json
expect_eq "$(echo "$OUT" | jq -r '.session')" "2" "after 11:30 is session 2"
# Friday evening and Saturday: Monday.
CHEQUEDESK_NOW="2026-11-27 17:00" teller cheque add --serial 20000003 \
	--bank 0201 --account 6222020200001234 --amount 10 --json
expect_eq "$(echo "$OUT" | jq -r '.business_date')" "2026-11-30" \
	"Friday evening goes to Monday"
printf 'holidays = 2026-11-30\nsessions = 10:00 12:00 15:00\n' \
	>"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NOW="2026-11-28 09:00" teller cheque add --serial 20000004 \
	--bank 0201 --account 6222020200001234 --amount 10 --json
expect_eq "$(echo "$OUT" | jq -r '.business_date')" "2026-12-01" \
	"a configured holiday is skipped"
CHEQUEDESK_NOW="2026-12-01 13:00" run session --json
expect_eq "$(echo "$OUT" | jq -r '(.session|tostring) + "/" + .cutoff')" \
	"3/15:00" "configured sessions"
: >"$CHEQUEDESK_CONFIG"

# Listing.
teller cheque list --json
expect_rc 0 "cheque list --json"
expect_eq "$(echo "$OUT" | jq length)" "6" "today's cheques"
expect_eq "$(echo "$OUT" | jq '[.[].amount_fen] | add')" "225906" "list total"
teller cheque list --session 2 --json
expect_eq "$(echo "$OUT" | jq -r '.[].serial')" "20000002" "filter by session"
teller cheque list --date 2026-11-30 --json
expect_eq "$(echo "$OUT" | jq -r '.[].serial')" "20000003" "filter by date"
teller cheque list
expect_in "6 items, total 2,259.06" "$OUT" "text list total"
teller cheque show 99
expect_rc 6 "show a missing item"
expect_in "no item 99" "$ERR" "missing item message"

# Every registration is audited with the teller.
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'cheque.add' AND user = 't01'")" \
	"9" "registrations audited"

finish
