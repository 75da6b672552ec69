#!/bin/sh
# paykey.sh - the payment password end to end: encrypted to the centre's
# key at registration, carried as ciphertext in the signed batch file,
# decrypted by chequedesk-centre, which accepts the right one, rejects a
# wrong one ("paykey serial" rule) and one it cannot decrypt.
. "$(dirname "$0")/lib.sh"
RIGHT=4821736950124587
WRONG=4821736950124588
exchange_setup "decide_after 0
paykey serial 44444444 $RIGHT
paykey serial 55555555 $RIGHT
paykey serial 88888888 $RIGHT"

# paykey_cheque SERIAL PAYKEY: register with --paykey - and print; sets ID.
paykey_cheque() {
	teller cheque add --serial "$1" --bank 0201 --account \
		6222020200001234567 --amount 100.00 --type 01 --paykey - \
		--json <<EOF
$2
EOF
	[ "$RC" -eq 0 ] || { echo "cheque add failed: $ERR" >&2; exit 99; }
	ID=$(printf '%s' "$OUT" | jq -r .id)
	teller print cheque "$ID"
	[ "$RC" -eq 0 ] || { echo "print failed: $ERR" >&2; exit 99; }
}

paykey_cheque 44444444 "$RIGHT"   # the right password: accepted
paykey_cheque 55555555 "$WRONG"   # a wrong one: rejected
paykey_cheque 66666666 "$WRONG"   # no rule for it: accepted
paykey_cheque 77777777 "$RIGHT"   # its ciphertext replaced below
printed_cheque 88888888           # none, where the rule wants one
# A forger with write access to the database puts in a password encrypted
# to a key that is not the centre's: the centre cannot read it.
openssl genpkey -algorithm SM2 -out "$TMP/other.key" 2>/dev/null
printf '%s' "$RIGHT" | openssl pkeyutl -encrypt -inkey "$TMP/other.key" \
	-out "$TMP/other.ct" || { echo "openssl SM2 encryption failed" >&2; exit 99; }
sql "UPDATE items SET paykey_sm2 = '$(base64 -w0 "$TMP/other.ct")' WHERE \
	serial = '77777777'"

close_batch
super batch show "$BATCH" --file "$TMP/batch.json"
expect_rc 0 "batch show --file"
if grep -q -e "$RIGHT" -e "$WRONG" "$TMP/batch.json"; then
	fail "the batch file holds a payment password in clear"
else
	pass
fi
expect_eq "$(jq '[.cheques[] | select(has("paykey_sm2"))] | length' \
	"$TMP/batch.json")" "4" "four cheques carry paykey_sm2"
expect_eq "$(jq '[.cheques[] | select(has("paykey"))] | length' \
	"$TMP/batch.json")" "0" "none carries a clear paykey"

super batch upload
expect_rc 0 "upload"
poll_until 5 || fail "not every answer arrived"
code() { sql "SELECT coalesce(reason_code, status) FROM items WHERE serial = '$1'"; }
expect_eq "$(sql "SELECT status FROM items WHERE serial = '44444444'")" \
	"accepted" "the right payment password is accepted"
expect_eq "$(code 55555555)" "paykey-wrong" "a wrong one is rejected"
expect_eq "$(sql "SELECT status FROM items WHERE serial = '66666666'")" \
	"accepted" "no rule for the serial: accepted"
expect_eq "$(code 77777777)" "paykey-unreadable" \
	"one encrypted to another key is rejected as unreadable"
expect_eq "$(code 88888888)" "paykey-wrong" "a missing one is rejected"

# The centre's own view (its dump) never holds the digits either.
if centre_dump | grep -q -e "$RIGHT" -e "$WRONG"; then
	fail "the centre's dump shows a payment password"
else
	pass
fi

finish
