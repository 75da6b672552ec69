#!/bin/sh
# batch.sh - closing batches without a clearing centre: what stops a
# close, the branch key's errors, who may close, and the configuration
# errors of the centre's settings, each with a message that says what to
# do and nothing changed. (The exchange itself is in tests/exchange/.)
. "$(dirname "$0")/lib.sh"
new_branch

KEY="$TMP/branch.key"
openssl genpkey -algorithm SM2 -out "$TMP/plain.pem" 2>/dev/null ||
	{ echo "FAIL: the openssl command lacks SM2 (Debian 12's openssl has it)" >&2; exit 99; }
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" \
	-passout pass:key-code -out "$KEY"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	-out "$TMP/ec.pem" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/ec.pem" \
	-passout pass:key-code -out "$TMP/ec.key"
export CHEQUEDESK_ACCESS_CODE=key-code

super batch close
expect_rc 5 "nothing to close"
expect_in "Nothing to close" "$ERR" "says so"

teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 10.00 --json
ID=$(printf '%s' "$OUT" | jq -r .id)
super batch close
expect_rc 5 "an unprinted cheque stops the close"
expect_in "cheque $ID" "$ERR" "names it"
expect_in "print cheque" "$ERR" "says what to do"
# Stands in for printing (tests/print covers it): the cheque is printed.
sql "UPDATE items SET status = 'printed', prints = 1"

teller batch close
expect_rc 4 "tellers may not close"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'batch.close'")" \
	"1" "the refusal is audited"
super batch close --session 7
expect_rc 3 "no such session"
super batch close --date 2026-11-20
expect_rc 2 "a date needs its session"
super batch close --date 2026-13-01 --session 1
expect_rc 3 "a bad date"

super batch close
expect_rc 8 "no branch key set"
expect_in "branch_key" "$ERR" "names the setting"
echo "branch_key = $TMP/none.key" >"$CHEQUEDESK_CONFIG"
super batch close
expect_rc 8 "key file missing"
expect_in "$TMP/none.key" "$ERR" "names the file"
echo "garbage" >"$TMP/bad.key"
echo "branch_key = bad.key" >"$CHEQUEDESK_CONFIG"
super batch close
expect_rc 8 "a damaged key file"
expect_in "$TMP/bad.key" "$ERR" "relative to the configuration's folder"
echo "branch_key = $TMP/ec.key" >"$CHEQUEDESK_CONFIG"
super batch close
expect_rc 8 "not an SM2 key"
echo "branch_key = $KEY" >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_ACCESS_CODE=nope super batch close
expect_rc 4 "a wrong access code"
expect_in "access code" "$ERR" "says so"
OUT=$(CHEQUEDESK_PASSWORD=super-pw CHEQUEDESK_ACCESS_CODE= "$CD" batch close \
	--user s01 2>"$TMP/stderr" </dev/null)
expect_in "Cancelled" "$(cat "$TMP/stderr")" "an empty access code cancels"
expect_eq "$(sql "SELECT count(*) FROM batches")" "0" "nothing closed so far"
expect_eq "$(sql "SELECT status FROM items")" "printed" "the item is not locked"

super batch close --json
expect_rc 0 "close"
expect_eq "$(printf '%s' "$OUT" | jq -r .batch_id)" "0202-20261123-1-01" "id"
expect_eq "$(sql "SELECT status FROM items")" "batched" "locked"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'batch.close'")" \
	"1" "audited"
super batch show 0202-20261123-1-01 --file "$TMP/b.json"
openssl pkey -in "$TMP/plain.pem" -pubout -out "$TMP/pub.pem"
base64 -d >"$TMP/sig" <<SIG
$(sql "SELECT signature FROM batches")
SIG
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 \
	-pubin -inkey "$TMP/pub.pem" -in "$TMP/b.json" -sigfile "$TMP/sig" \
	>/dev/null 2>&1 && pass || fail "the signature verifies with openssl"
expect_eq "$(openssl dgst -sm3 -r "$TMP/b.json" | cut -d' ' -f1)" \
	"$(sql "SELECT digest FROM batches")" "the digest is SM3 of the file"

super batch show nosuch
expect_rc 6 "an unknown batch"
super batch upload
expect_rc 8 "no centre configured"
expect_in "centre_url" "$ERR" "names the setting"
echo "centre_url = http://127.0.0.1:1" >>"$CHEQUEDESK_CONFIG"
super batch list
expect_rc 8 "plain http is refused"
expect_in "https://" "$ERR" "says why"
sed -i 's|http://|https://|' "$CHEQUEDESK_CONFIG"
super batch upload
expect_rc 8 "no centre key"
expect_in "centre_key" "$ERR" "names the setting"
echo "centre_retries = 0" >>"$CHEQUEDESK_CONFIG"
echo "centre_key = pub.pem" >>"$CHEQUEDESK_CONFIG"
super batch upload
expect_rc 8 "no transport certificate"
expect_in "key transport new" "$ERR" "says how to make one"
super key transport new
expect_rc 0 "the branch's transport certificate"
super batch upload
expect_rc 9 "nobody listens"
expect_in "cannot connect" "$ERR" "says it cannot connect"
expect_eq "$(sql "SELECT state FROM batches")" "uploading" \
	"the batch waits to be uploaded again"
echo "centre_retries = many" >>"$CHEQUEDESK_CONFIG"
super batch list
expect_rc 8 "a bad number"
expect_in "centre_retries" "$ERR" "names the setting"
finish
