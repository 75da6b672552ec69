#!/bin/sh
# client-cert.sh - the centre knows a branch by the TLS client certificate
# its connection presents, never by the X-Chequedesk-Branch header (#16,
# finding 9). Branch 0303 sets up its transport key with 'chequedesk key
# transport new', uploads a batch and leaves its notices unread; then, as
# an attacker would, curl asks for 0303's batches and notices and
# acknowledges them with the header alone, with branch 0202's certificate
# and with a certificate of its own making: all refused, 0303's notices
# still there. 0303's own certificate works, and a terminal with no
# transport certificate sends nothing and says what to do.
. "$(dirname "$0")/lib.sh"
need curl curl
need openssl openssl
exchange_setup "decide_after 0"
A_CERT="$TMP/centre/0202.tls.pem"
A_KEY="$TMP/centre/0202.tls.key"

# --- Branch 0303, set up as a branch does, in a folder of its own ---
B=$TMP/b0303
mkdir -p "$B" && chmod 700 "$B"
export CHEQUEDESK_DB="$B/branch.db" CHEQUEDESK_CONFIG="$B/chequedesk.conf"
: >"$CHEQUEDESK_CONFIG"
CHEQUEDESK_NEW_PASSWORD=super-pw "$CD" init --branch 0303 --name "汉口支行" \
	--supervisor s01 >/dev/null || { echo "init 0303 failed" >&2; exit 99; }
add_user t01 teller "李娜" teller-pw
use_printer plq epson-plq20 "print_timeout = 30" "centre_url = $CENTRE_URL" \
	"centre_ca = $CENTRE_CA" "centre_key = $CENTRE_PUB" \
	"centre_retries = 0" "centre_timeout = 10"
CHEQUEDESK_NEW_ACCESS_CODE=branch-code super key new --no-backup </dev/null
expect_rc 0 "0303: key new"
teller key transport new
expect_rc 4 "a teller may not make the transport key"
super key transport new
expect_rc 0 "0303: key transport new"
expect_in "Fingerprint (SHA-256):" "$OUT" "key transport new shows the fingerprint"
expect_eq "$(stat -c %a "$B/transport.key")" 600 "the transport key is 0600"
expect_eq "$(grep -c '^transport_cert = transport.pem$' "$CHEQUEDESK_CONFIG")" 1 \
	"transport_cert is set"
expect_eq "$(grep -c '^transport_key = transport.key$' "$CHEQUEDESK_CONFIG")" 1 \
	"transport_key is set"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.transport.new'")" \
	1 "key transport new is audited"
super key transport new
expect_rc 5 "a second key transport new without --replace"
super key transport export "$TMP/0303-cert.pem"
expect_rc 0 "key transport export"
grep -q "PRIVATE KEY" "$TMP/0303-cert.pem" && fail "the export holds the key" || pass
FP=$(openssl x509 -in "$TMP/0303-cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//')
expect_eq "$(openssl x509 -in "$TMP/0303-cert.pem" -noout -subject)" \
	"subject=CN = 0303, OU = chequedesk transport" "the certificate names the branch"
super key transport show
expect_rc 0 "key transport show"
expect_in "${FP%"${FP#???????????????????????????????????????????????}"}" "$OUT" \
	"key transport show: the fingerprint openssl computes"
expect_in "CN = 0303" "$OUT" "key transport show: the subject"
super key export --public "$TMP/0303.pub"
"$CENTRE_BIN" branch add 0303 --db "$CENTRE_DB" --key "$TMP/0303.pub" \
	--cert "$TMP/0303-cert.pem" >"$TMP/add.out" 2>&1
expect_eq "$?" 0 "the centre registers 0303 with its certificate"
expect_in "$FP" "$(cat "$TMP/add.out")" "the centre shows the fingerprint it registered"

# 0303's day: a cheque, the batch closed and uploaded; its notice waits.
printed_cheque 44444444 0201 100.00
close_batch
super batch upload
expect_rc 0 "0303 uploads its batch"
curl -sS --cacert "$CENTRE_CA" "$CENTRE_URL/v1/health" >/dev/null # decide
unacked() {
	centre_dump | jq '[.notices[] | select(.branch == "0303" and .acknowledged == 0)] | length'
}
expect_eq "$(unacked)" 1 "0303's notice waits at the centre"

# ccurl CURL-ARGS...: a request; $CODE the status, $BODY the answer.
ccurl() {
	rm -f "$TMP/body"
	CODE=$(curl -sS --max-time 30 --cacert "$CENTRE_CA" -o "$TMP/body" \
		-w '%{http_code}' "$@" 2>"$TMP/curl.err")
	BODY=$(cat "$TMP/body" 2>/dev/null)
}
U=$CENTRE_URL/v1/branches/0303
# attack WHAT STATUS CODE CURL-ARGS...: every read and the acknowledgement
# of 0303 with the given connection, each refused with STATUS and CODE.
attack() {
	local what=$1 status=$2 code=$3 path
	shift 3
	for path in "notices?after=0" "batches?date=2026-11-23" \
		"batches/$BATCH" "batches/$BATCH/file"; do
		ccurl -H "X-Chequedesk-Branch: 0303" "$@" "$U/$path"
		expect_eq "$CODE" "$status" "$what: GET $path"
		expect_eq "$(printf '%s' "$BODY" | jq -r .error.code)" "$code" \
			"$what: GET $path (code)"
	done
	ccurl -X POST -H "X-Chequedesk-Branch: 0303" \
		-H "Content-Type: application/json" \
		--data-binary '{"through": 1000}' "$@" "$U/notices/ack"
	expect_eq "$CODE" "$status" "$what: acknowledge"
	expect_eq "$(printf '%s' "$BODY" | jq -r .error.code)" "$code" \
		"$what: acknowledge (code)"
	expect_eq "$(unacked)" 1 "$what: 0303's notice is still unacknowledged"
}
attack "the header alone" 401 client-certificate-required
attack "branch 0202's certificate" 403 wrong-branch \
	--cert "$A_CERT" --key "$A_KEY"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-days 30 -subj "/CN=0303/OU=chequedesk transport" \
	-keyout "$TMP/forged.key" -out "$TMP/forged.pem" 2>/dev/null
attack "a certificate of its own making, named 0303" 403 unknown-certificate \
	--cert "$TMP/forged.pem" --key "$TMP/forged.key"
# someone who took 0303's certificate but not its key gets no further
# (curl will not even try; the TLS handshake would fail the proof)
ccurl --cert "$TMP/0303-cert.pem" --key "$TMP/forged.key" "$U/notices?after=0"
expect_eq "$CODE" 000 "0303's certificate with another key: no answer"
grep -q "refused wrong-branch for branch 0303: certificate [0-9a-f]* (branch 0202)" \
	"$CENTRE_DIR/serve.log" && pass ||
	fail "the centre's log does not name the certificate's branch"

# The branch's own certificate works, and chequedesk applies the notice.
ccurl --cert "$B/transport.pem" --key "$B/transport.key" "$U/notices?after=0"
expect_eq "$CODE" 200 "0303's own certificate"
expect_eq "$(printf '%s' "$BODY" | jq '.notices | length')" 1 \
	"0303's own certificate: its notice"
super poll
expect_rc 0 "0303 polls"
expect_eq "$(sql "SELECT count(*) FROM notices")" 1 "0303 has its notice"
expect_eq "$(unacked)" 0 "0303 acknowledged it"

# Without a transport certificate nothing is sent, and the user is told.
sed -i '/^transport_/d' "$CHEQUEDESK_CONFIG"
BEFORE=$(wc -l <"$CENTRE_DIR/serve.log")
super poll
expect_rc 8 "poll with no transport certificate"
expect_in "chequedesk key transport new" "$ERR" "poll says which command makes one"
expect_in "transport_cert" "$ERR" "poll names the setting"
expect_eq "$(wc -l <"$CENTRE_DIR/serve.log")" "$BEFORE" \
	"poll with no transport certificate sent nothing"
export LANGUAGE=zh_CN
super poll
export LANGUAGE=
expect_rc 8 "poll with no transport certificate (zh_CN)"
expect_in "传输证书" "$ERR" "the message in Chinese"

# A transport certificate the centre does not know: a clear refusal.
super key transport new --replace
expect_rc 0 "key transport new --replace"
super poll
expect_rc 4 "poll with a certificate the centre does not know"
expect_in "does not know this branch's transport certificate" "$ERR" \
	"the refusal in the user's words"
"$CENTRE_BIN" branch cert 0303 --db "$CENTRE_DB" --cert "$B/transport.pem" \
	>/dev/null
super poll
expect_rc 0 "poll after the centre registered the new certificate"

finish
