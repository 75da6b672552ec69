#!/bin/sh
# simulator.sh - chequedesk-centre itself, over loopback TLS with the curl
# and openssl commands: signed answers, uploads and their errors, rules,
# notices and acknowledgement, duplicates, and every kind of fault.
# CENTRE_VALGRIND=1 runs the server under valgrind (any error or leak makes
# its exit status, checked at the end, 42); CENTRE_VALGRIND_LOG=FILE keeps
# valgrind's report (%p: the pid).

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
for tool in curl jq openssl; do
	command -v "$tool" >/dev/null || {
		echo "FAIL: $tool is not installed (apt-get install $tool;" \
			"./test.sh installs it)" >&2
		exit 99
	}
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chequedesk-centre.XXXXXX")
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
. "$top_srcdir/tests/centre/centre.sh"
if [ "${CENTRE_VALGRIND:-0}" = 1 ]; then
	CENTRE_WRAPPER="valgrind -q --leak-check=full"
	CENTRE_WRAPPER="$CENTRE_WRAPPER --show-leak-kinds=definite,indirect,possible"
	CENTRE_WRAPPER="$CENTRE_WRAPPER --errors-for-leak-kinds=definite,indirect,possible"
	[ -z "${CENTRE_VALGRIND_LOG:-}" ] ||
		CENTRE_WRAPPER="$CENTRE_WRAPPER --log-file=$CENTRE_VALGRIND_LOG"
	CENTRE_WRAPPER="$CENTRE_WRAPPER --error-exitcode=42"
	CENTRE_START_TIMEOUT=60
fi

FAILS=0
CHECKS=0
DATE=2026-11-23
DISTID=1234567812345678

# fail MESSAGE / pass: count a check.
fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL: $*" >&2
}
pass() { CHECKS=$((CHECKS + 1)); }

# expect_eq GOT WANT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass
	else
		fail "$3: got \"$1\", expected \"$2\""
	fi
}

# check WHAT COMMAND...: the command succeeds.
check() {
	local what="$1"
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# finish: report and exit with the test's status.
finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "--- the centre's log:" >&2
		tail -60 "$CENTRE_DIR/serve.log" >&2
	fi
	echo "$(basename "$0"): $CHECKS checks passed, $FAILS failed"
	if [ "$CHECKS" -eq 0 ] && [ "$FAILS" -eq 0 ]; then
		echo "FAIL: $(basename "$0") made no checks" >&2
		exit 1
	fi
	[ "$FAILS" -eq 0 ]
	exit $?
}

# req METHOD PATH [CURL-ARGS...]: one request; $CODE is the status,
# $BODY the answer, $TMP/hdr the headers, $CURL_RC curl's exit status.
# The connection presents the transport certificate of the branch $AS
# names (AS=none: no certificate), by default that of the path's branch
# when the fixture made one.
req() {
	local method="$1" path="$2" as="${AS:-}" b
	shift 2
	if [ -z "$as" ]; then
		b=${path#/v1/branches/}
		[ "$b" = "$path" ] || as=${b%%/*}
	fi
	if [ -n "$as" ] && [ "$as" != none ] &&
		[ -f "$CENTRE_DIR/$as.tls.pem" ]; then
		set -- --cert "$CENTRE_DIR/$as.tls.pem" \
			--key "$CENTRE_DIR/$as.tls.key" "$@"
	fi
	rm -f "$TMP/body" "$TMP/hdr"
	CODE=$(curl -sS --max-time 30 --cacert "$CENTRE_CA" -X "$method" \
		-D "$TMP/hdr" -o "$TMP/body" -w '%{http_code}' "$@" \
		"$CENTRE_URL$path" 2>"$TMP/curl.err")
	CURL_RC=$?
	BODY=$(cat "$TMP/body" 2>/dev/null)
}

# get BRANCH PATH [CURL-ARGS...]: a GET as BRANCH.
get() {
	local b="$1" p="$2"
	shift 2
	req GET "$p" -H "X-Chequedesk-Branch: $b" "$@"
}

# hdr NAME: a header of the last answer.
hdr() {
	sed -n "s/^$1: *//Ip" "$TMP/hdr" 2>/dev/null | tr -d '\r' | tail -1
}

# signed_by PUBKEY: the last answer's signature verifies with PUBKEY.
signed_by() {
	local sig
	sig=$(hdr X-Chequedesk-Signature)
	[ -n "$sig" ] || return 1
	printf '%s' "$sig" | base64 -d >"$TMP/sig" 2>/dev/null &&
		openssl pkeyutl -verify -rawin -digest sm3 \
			-pkeyopt "distid:$DISTID" -pubin -inkey "$1" \
			-sigfile "$TMP/sig" -in "$TMP/body" >/dev/null 2>&1
}

# jget FILTER: a value from the last answer.
jget() {
	printf '%s' "$BODY" | jq -r "$1" 2>/dev/null
}

# expect_answer STATUS CODE WHAT: status, error code, centre's signature.
expect_answer() {
	expect_eq "$CODE" "$1" "$3 (status)"
	[ -z "$2" ] || expect_eq "$(jget .error.code)" "$2" "$3 (code)"
	check "$3: answer signed by the centre" signed_by "$CENTRE_PUB"
}

# make_batch BRANCH NN CHEQUES [BAGS [RESEND]]: a batch file on stdout.
# CHEQUES: [["serial","bank","fen"],...]; BAGS: [{"bag":1,"bank":"0301",
# "dc":"C","bills":[["serial","fen"],...]}]. Totals are computed.
make_batch() {
	jq -cjn --arg br "$1" --arg nn "$2" --argjson ch "$3" \
		--argjson bags "${4:-[]}" --argjson resend "${5:-false}" \
		--arg date "$DATE" '
	($date | gsub("-"; "")) as $d | ($ch | length) as $nc |
	def t($x): $x | {count: length,
		amount_fen: (map(.a) | add // 0 | tostring)};
	([$ch[] | {bank: .[1], dc: "D", a: (.[2] | tonumber)}] +
	 [$bags[] as $b | $b.bills[] |
	  {bank: $b.bank, dc: $b.dc, a: (.[1] | tonumber)}]) as $it |
	{format: "chequedesk-batch", version: 1,
	 header: {branch: $br, branch_name: "江汉支行", business_date: $date,
		  session: 1, batch_id: "\($br)-\($d)-1-\($nn)",
		  created: "\($date)T15:00:00+0800", closed_by: "s01",
		  resend: $resend},
	 cheques: [$ch | to_entries[] | {ref: (.key + 1),
		serial: .value[0], bank: .value[1], account: "1234567890",
		amount_fen: .value[2], type: "01", dc: "D",
		check_code: "42", teller: "t01",
		registered: "\($date)T10:00:00+0800", prints: 1}],
	 bags: (reduce $bags[] as $b ({r: $nc, out: []};
		. as $s | .out += [{bag: $b.bag, bank: $b.bank, type: "12",
		    dc: $b.dc, count: ($b.bills | length),
		    amount_fen: ($b.bills | map(.[1] | tonumber) | add |
				 tostring),
		    sealed: "\($date)T11:00:00+0800",
		    bills: [$b.bills | to_entries[] | {ref: ($s.r + .key + 1),
			serial: .value[0], amount_fen: .value[1],
			teller: "t01", registered: "\($date)T10:30:00+0800"}]}]
		| .r += ($b.bills | length)) | .out),
	 totals: {by_bank: ($it | group_by([.bank, .dc]) |
			    map({bank: .[0].bank, dc: .[0].dc} + t(.))),
		  debit: t([$it[] | select(.dc == "D")]),
		  credit: t([$it[] | select(.dc == "C")]),
		  all: t($it)}}'
}

# sign FILE [KEY]: the branch signature of FILE (Base64) on stdout.
sign() {
	openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt "distid:$DISTID" \
		-inkey "${2:-$CENTRE_DIR/0202.key}" -passin pass:branch-code \
		-in "$1" | base64 -w0
}

# upload BRANCH BATCH_ID FILE [CURL-ARGS...]: PUT a signed batch file.
upload() {
	local b="$1" id="$2" f="$3" sig dig
	shift 3
	sig=$(sign "$f" "$CENTRE_DIR/$b.key")
	dig=$(openssl dgst -sm3 -r "$f" | cut -d' ' -f1)
	LAST_SIG=$sig
	req PUT "/v1/branches/$b/batches/$id" --data-binary "@$f" \
		-H 'Expect:' -H 'Content-Type: application/json' \
		-H "X-Chequedesk-Branch: $b" -H "X-Chequedesk-Signature: $sig" \
		-H "X-Chequedesk-Digest: $dig" "$@"
}

# wait_notices BRANCH JQ-TEST: poll the notices until JQ-TEST holds.
wait_notices() {
	local i=0
	while [ $i -lt 50 ]; do
		get "$1" "/v1/branches/$1/notices?after=0"
		printf '%s' "$BODY" | jq -e "$2" >/dev/null 2>&1 && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

B1=0202-20261123-1-01
B2=0202-20261123-1-02

# --- Signed health answer, unknown endpoint ---
centre_start "decide_after 600" || exit 99
centre_branch_key 0202 || exit 99
centre_branch_key 0203 || exit 99
centre_branch_key rogue || exit 99
req GET /v1/health
expect_answer 200 "" "health"
expect_eq "$(jget .centre)" "chequedesk-centre" "health: centre"
case $(jget .time) in
2[0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][+-][0-9][0-9][0-9][0-9]) pass ;;
*) fail "health: time $(jget .time) is not ISO 8601 with offset" ;;
esac
req GET /v1/nowhere
expect_answer 404 not-found "unknown endpoint"

# --- Uploads ---
centre_register 0202 "$CENTRE_DIR/0202.pub" || exit 99
make_batch 0202 01 '[["11111111","0301","150000"],["22222222","0302","4200000"]]' \
	'[{"bag":7,"bank":"0301","dc":"C","bills":[["60000001","2500"],["60000002","7500"]]}]' \
	>"$TMP/b1"
upload 0202 $B1 "$TMP/b1"
expect_answer 201 "" "first upload"
B1SIG=$LAST_SIG
R1=$(jget .receipt)
case $R1 in
R0202-[0-9][0-9][0-9][0-9][0-9][0-9]) pass ;;
*) fail "receipt \"$R1\" is not R0202-NNNNNN" ;;
esac
expect_eq "$(jget .items)" 4 "first upload: items"
expect_eq "$(jget .replaced)" false "first upload: replaced"
expect_eq "$(jget .state)" received "first upload: state"
expect_eq "$(jget .digest)" "$(openssl dgst -sm3 -r "$TMP/b1" | cut -d' ' -f1)" \
	"first upload: digest"
upload 0202 $B1 "$TMP/b1"
expect_answer 200 "" "same upload again"
expect_eq "$(jget .receipt)" "$R1" "same upload again: same receipt"

get 0202 /v1/branches/0202/batches/$B1
expect_answer 200 "" "batch state"
expect_eq "$(jget '[.state, .items, .decided, .session] | join(" ")')" \
	"received 4 0 1" "batch state: state items decided session"
get 0202 /v1/branches/0202/batches/$B1/file
expect_answer 200 "" "batch file"
check "batch file: the exact bytes" cmp -s "$TMP/body" "$TMP/b1"
expect_eq "$(hdr X-Chequedesk-Branch-Signature)" "$B1SIG" \
	"batch file: the branch's signature as uploaded"
printf '%s' "$(hdr X-Chequedesk-Branch-Signature)" | base64 -d >"$TMP/bsig"
check "batch file: branch signature verifies" openssl pkeyutl -verify \
	-rawin -digest sm3 -pkeyopt "distid:$DISTID" -pubin \
	-inkey "$CENTRE_DIR/0202.pub" -sigfile "$TMP/bsig" -in "$TMP/b1" \
	-out /dev/null
get 0202 "/v1/branches/0202/batches?date=$DATE"
expect_answer 200 "" "date's batches"
expect_eq "$(jget '[.batches[].batch_id] | join(",")')" "$B1" "date's batches: ids"
get 0202 /v1/branches/0202/batches/0202-20261123-1-09
expect_answer 404 unknown-batch "unknown batch"

make_batch 0202 01 '[["11111111","0301","150001"]]' >"$TMP/b1x"
upload 0202 $B1 "$TMP/b1x"
expect_answer 409 digest-mismatch "other bytes, same id"
upload 0202 $B1 "$TMP/b1x" -H 'X-Chequedesk-Resend: 1'
expect_answer 409 digest-mismatch "resend header, file not marked resend"
make_batch 0202 01 '[["11111111","0301","150000"],["22222222","0302","4200000"]]' \
	'[{"bag":7,"bank":"0301","dc":"C","bills":[["60000001","2500"],["60000002","7500"]]}]' \
	true >"$TMP/b1r"
upload 0202 $B1 "$TMP/b1r" -H 'X-Chequedesk-Resend: 1'
expect_answer 201 "" "resend"
expect_eq "$(jget .replaced)" true "resend: replaced"
R1R=$(jget .receipt)
[ "$R1R" != "$R1" ] && pass || fail "resend: a new receipt ($R1R)"
get 0202 /v1/branches/0202/batches/$B1/file
check "resend: the file read back is the new one" cmp -s "$TMP/body" "$TMP/b1r"

make_batch 0202 03 '[["77777777","0301","100"]]' >"$TMP/b3"
sig=$(sign "$TMP/b3" "$CENTRE_DIR/rogue.key")
dig=$(openssl dgst -sm3 -r "$TMP/b3" | cut -d' ' -f1)
req PUT /v1/branches/0202/batches/0202-20261123-1-03 --data-binary "@$TMP/b3" \
	-H 'Expect:' -H 'X-Chequedesk-Branch: 0202' \
	-H "X-Chequedesk-Signature: $sig" -H "X-Chequedesk-Digest: $dig"
expect_answer 401 bad-signature "signed with another key"
req PUT /v1/branches/0202/batches/0202-20261123-1-03 --data-binary "@$TMP/b3" \
	-H 'Expect:' -H 'X-Chequedesk-Branch: 0202' \
	-H "X-Chequedesk-Signature: $(sign "$TMP/b3")" -H "X-Chequedesk-Digest: 00$dig"
expect_answer 400 bad-request "wrong digest header"
make_batch 0303 01 '[["77777777","0301","100"]]' >"$TMP/u"
cp "$CENTRE_DIR/0202.key" "$CENTRE_DIR/0303.key"
AS=0202
upload 0303 0303-20261123-1-01 "$TMP/u"
AS=
expect_answer 403 wrong-branch "unknown branch, with another's certificate"
expect_eq "$(centre_dump | jq '[.batches[] | select(.branch == "0303")] | length')" \
	0 "unknown branch: nothing stored"
make_batch 0202 04 '[["77777777","0301","100"]]' |
	jq -cj '.totals.all.amount_fen = "101"' >"$TMP/bt"
upload 0202 0202-20261123-1-04 "$TMP/bt"
expect_answer 422 bad-totals "bad totals"
printf 'not json' >"$TMP/nj"
upload 0202 0202-20261123-1-05 "$TMP/nj"
expect_answer 400 bad-json "not JSON"
make_batch 0202 06 '[["77777777","0301","0100"]]' >"$TMP/bf"
upload 0202 0202-20261123-1-06 "$TMP/bf"
expect_answer 400 bad-format "bad amount"
upload 0202 0202-20261123-1-07 "$TMP/b3"
expect_answer 400 bad-format "batch id not the path's"
req PUT /v1/branches/0202/batches/0202-20261123-1-03 --data-binary "@$TMP/b3" \
	-H 'Expect:' -H 'X-Chequedesk-Branch: 0203' \
	-H "X-Chequedesk-Signature: $(sign "$TMP/b3")" -H "X-Chequedesk-Digest: $dig"
expect_answer 400 bad-request "branch header not the path's"
truncate -s 65M "$TMP/big"
req PUT /v1/branches/0202/batches/0202-20261123-1-08 --data-binary "@$TMP/big" \
	-H 'Expect: 100-continue' -H 'X-Chequedesk-Branch: 0202' \
	-H 'X-Chequedesk-Signature: x' -H 'X-Chequedesk-Digest: x'
expect_answer 413 too-large "65 MiB body"
rm -f "$TMP/big"
get 0202 "/v1/branches/0202/notices?after=0"
expect_answer 200 "" "no notices yet"
expect_eq "$(jget '[(.notices | length), .last_seq, .more] | join(" ")')" \
	"0 0 false" "no notices yet: content"
get 0202 "/v1/branches/0202/notices?after=x"
expect_answer 400 bad-request "notices after=x"

# --- Rules, notices, acknowledgement ---
centre_stop
expect_eq "$CENTRE_EXIT" 0 "the centre stops cleanly (first run)"
centre_start "decide_after 0
return_after 1   # seconds
reject serial 33333333 ocr-amount-mismatch OCR amount mismatch
return serial 44444444 insufficient-funds Insufficient funds" || exit 99
make_batch 0202 02 '[["33333333","0301","1000"],["44444444","0301","2000"],["55555555","0301","3000"]]' \
	>"$TMP/b2"
upload 0202 $B2 "$TMP/b2"
expect_answer 201 "" "upload under rules"
check "notices: accepted, rejected and returned arrive" wait_notices 0202 \
	'[.notices[] | select(.batch_id == "'$B2'") | .kind] | sort == ["accepted","accepted","rejected","returned"]'
expect_answer 200 "" "notices"
expect_eq "$(jget '[.notices[] | select(.serial == "33333333") | .kind, .reason_code, .reason] | join("|")')" \
	"rejected|ocr-amount-mismatch|OCR amount mismatch" "rejected notice"
expect_eq "$(jget '[.notices[] | select(.serial == "44444444") | .kind] | join(",")')" \
	"accepted,returned" "returned item: accepted first"
expect_eq "$(jget '[.notices[] | select(.kind == "returned") | .reason_code, .reason, .ref, .amount_fen] | join("|")')" \
	"insufficient-funds|Insufficient funds|2|2000" "returned notice"
expect_eq "$(jget '[.notices[] | select(.batch_id == "'$B1'") | .kind] | unique | join(",")')" \
	accepted "the resent batch's items accepted"
expect_eq "$(jget '[.notices[].seq] == [range(1; (.notices | length) + 1)]')" true \
	"notice seqs 1..n"
expect_eq "$(jget '[.notices[].acknowledged] | unique | join(",")')" false \
	"not acknowledged yet"
LAST=$(jget .last_seq)
N=$(jget '.notices | length')
get 0202 "/v1/branches/0202/notices?after=0&limit=2"
expect_eq "$(jget '[(.notices | length), .last_seq, .more] | join(" ")')" \
	"2 2 true" "notices limit=2"
get 0202 "/v1/branches/0202/notices?after=0&date=2026-11-24"
expect_eq "$(jget '.notices | length')" 0 "notices of another date"
req POST /v1/branches/0202/notices/ack -H 'X-Chequedesk-Branch: 0202' \
	--data-binary "{\"through\": $LAST}"
expect_answer 200 "" "ack"
expect_eq "$(jget .acknowledged_through)" "$LAST" "ack: through"
req POST /v1/branches/0202/notices/ack -H 'X-Chequedesk-Branch: 0202' \
	--data-binary '{"through": 1}'
expect_eq "$(jget .acknowledged_through)" "$LAST" "ack less: nothing changes"
req POST /v1/branches/0202/notices/ack -H 'X-Chequedesk-Branch: 0202' \
	--data-binary '{"through": "x"}'
expect_answer 400 bad-format "ack with a string"
get 0202 "/v1/branches/0202/notices?after=0"
expect_eq "$(jget '[.notices[].acknowledged] | unique | join(",")')" true \
	"notices acknowledged"
expect_eq "$(jget '.notices | length')" "$N" "no new notices"
get 0202 /v1/branches/0202/batches/$B2
expect_eq "$(jget '[.state, .decided] | join(" ")')" "complete 3" \
	"decided batch complete"
make_batch 0202 02 '[["33333333","0301","1000"]]' '[]' true >"$TMP/b2r"
upload 0202 $B2 "$TMP/b2r" -H 'X-Chequedesk-Resend: 1'
expect_answer 409 already-decided "resend after decisions"

# --- Who is asking: the transport certificate, not the header ---
AS=none
get 0202 "/v1/branches/0202/notices?after=0"
expect_answer 401 client-certificate-required "no certificate"
req POST /v1/branches/0202/notices/ack -H 'X-Chequedesk-Branch: 0202' \
	--data-binary '{"through": 1}'
expect_answer 401 client-certificate-required "ack with no certificate"
upload 0202 0202-20261123-1-20 "$TMP/b3"
expect_answer 401 client-certificate-required "upload with no certificate"
req GET /v1/health
expect_answer 200 "" "health needs no certificate"
AS=
centre_transport_cert rogue || exit 99
AS=rogue
get 0202 "/v1/branches/0202/batches/$B1"
expect_answer 403 unknown-certificate "a certificate nobody registered"
AS=
centre_transport_cert 0203 || exit 99
AS=0203
get 0202 "/v1/branches/0202/batches/$B1/file"
expect_answer 403 unknown-certificate "a certificate not registered yet"
AS=
grep -q "refused client-certificate-required for branch 0202" \
	"$CENTRE_DIR/serve.log" && pass ||
	fail "the refusal without a certificate is not logged"
grep -q "refused unknown-certificate for branch 0202: certificate [0-9a-f]\{64\}" \
	"$CENTRE_DIR/serve.log" && pass ||
	fail "the refusal of an unknown certificate is not logged with it"
# a new certificate replaces the old, which is refused from then on
cp "$CENTRE_DIR/0202.tls.pem" "$TMP/0202-old.pem"
cp "$CENTRE_DIR/0202.tls.key" "$TMP/0202-old.key"
rm -f "$CENTRE_DIR/0202.tls.pem" "$CENTRE_DIR/0202.tls.key"
centre_transport_cert 0202 || exit 99
OUT=$("$CENTRE_BIN" branch cert 0202 --db "$CENTRE_DB" \
	--cert "$CENTRE_DIR/0202.tls.pem" 2>&1)
expect_eq "$?" 0 "branch cert: exit status"
FP=$(openssl x509 -in "$CENTRE_DIR/0202.tls.pem" -noout -fingerprint -sha256 |
	sed 's/.*=//')
case $OUT in *"$FP"*) pass ;; *) fail "branch cert does not show the fingerprint $FP: $OUT" ;; esac
get 0202 "/v1/branches/0202/batches/$B1"
expect_answer 200 "" "the new certificate"
req GET "/v1/branches/0202/batches/$B1" --cert "$TMP/0202-old.pem" \
	--key "$TMP/0202-old.key"
expect_answer 403 unknown-certificate "the replaced certificate"
OUT=$("$CENTRE_BIN" branch cert 0303 --db "$CENTRE_DB" \
	--cert "$CENTRE_DIR/rogue.tls.pem" 2>&1)
expect_eq "$?" 6 "branch cert for an unregistered branch: exit status"
OUT=$("$CENTRE_BIN" branch cert 0202 --db "$CENTRE_DB" \
	--cert "$CENTRE_DIR/0202.pub" 2>&1)
expect_eq "$?" 8 "branch cert with a key, not a certificate: exit status"

# A duplicate, from another branch.
OUT=$("$CENTRE_BIN" branch add 0203 --db "$CENTRE_DB" \
	--key "$CENTRE_DIR/0203.pub" --cert "$CENTRE_DIR/0202.tls.pem" 2>&1)
expect_eq "$?" 5 "one certificate for two branches: exit status"
case $OUT in *"another branch"*) pass ;; *) fail "one certificate for two branches: $OUT" ;; esac
expect_eq "$(centre_dump | jq '[.batches[] | select(.branch == "0203")] | length')" \
	0 "nothing of 0203 yet"
centre_register 0203 "$CENTRE_DIR/0203.pub" || exit 99
AS=0203
get 0202 "/v1/branches/0202/notices?after=0"
expect_answer 403 wrong-branch "branch 0203's certificate asking for 0202's notices"
AS=
make_batch 0203 01 '[["55555555","0301","3000"],["66666666","0301","10"]]' >"$TMP/d"
upload 0203 0203-20261123-1-01 "$TMP/d"
expect_answer 201 "" "upload with a duplicate"
check "duplicate rejected" wait_notices 0203 \
	'[.notices[] | [.serial, .kind, (.reason_code // "")] | join(" ")] | sort == ["55555555 rejected duplicate", "66666666 accepted "]'

# --- Faults ---
make_batch 0202 10 '[["81000001","0301","500"]]' >"$TMP/f1"
centre_fault drop-request 100 --on upload
upload 0202 0202-20261123-1-10 "$TMP/f1"
[ "$CURL_RC" -ne 0 ] && pass || fail "drop-request: curl saw no failure ($CODE)"
expect_eq "$(centre_dump | jq '[.batches[] | select(.batch_id == "0202-20261123-1-10")] | length')" \
	0 "drop-request: nothing stored"
upload 0202 0202-20261123-1-10 "$TMP/f1"
expect_answer 201 "" "after drop-request"

make_batch 0202 11 '[["81000002","0301","500"]]' >"$TMP/f2"
centre_fault drop-response 10 --on upload
upload 0202 0202-20261123-1-11 "$TMP/f2"
[ "$CURL_RC" -ne 0 ] && pass || fail "drop-response: curl saw no failure ($CODE)"
STORED=$(centre_dump | jq -r '.batches[] | select(.batch_id == "0202-20261123-1-11") | .receipt')
upload 0202 0202-20261123-1-11 "$TMP/f2"
expect_answer 200 "" "retry after drop-response"
expect_eq "$(jget .receipt)" "$STORED" "retry after drop-response: same receipt"

centre_fault status-500 --on health
req GET /v1/health
expect_answer 500 internal "status-500"
centre_fault status-503 7 --on health
req GET /v1/health
expect_answer 503 unavailable "status-503"
expect_eq "$(hdr Retry-After)" 7 "status-503: Retry-After"
centre_fault slow 2 --on health
start=$(date +%s)
req GET /v1/health
expect_answer 200 "" "slow"
[ $(($(date +%s) - start)) -ge 2 ] && pass || fail "slow: answered at once"
centre_fault truncate --on health
req GET /v1/health
expect_answer 200 "" "truncate (signed as sent)"
printf '%s' "$BODY" | jq . >/dev/null 2>&1 && fail "truncate: body is whole JSON" || pass
centre_fault wrong-key --on health
req GET /v1/health
[ -n "$(hdr X-Chequedesk-Signature)" ] && pass || fail "wrong-key: no signature"
signed_by "$CENTRE_PUB" && fail "wrong-key: verifies with the centre's key" || pass
centre_fault unsigned --on health
req GET /v1/health
expect_eq "$CODE" 200 "unsigned: status"
expect_eq "$(hdr X-Chequedesk-Signature)" "" "unsigned: no signature"
centre_fault status-500 --on notices --times 2
req GET /v1/health
expect_answer 200 "" "fault on another endpoint"
get 0202 "/v1/branches/0202/notices?after=0"
expect_eq "$CODE" 500 "times 2: first"
get 0202 "/v1/branches/0202/notices?after=0"
expect_eq "$CODE" 500 "times 2: second"
get 0202 "/v1/branches/0202/notices?after=0"
expect_eq "$CODE" 200 "times 2: used up"
centre_fault slow 1 --times 3
expect_eq "$("$CENTRE_BIN" fault list --db "$CENTRE_DB" | wc -l)" 1 "fault list"
centre_clear_faults
expect_eq "$("$CENTRE_BIN" fault list --db "$CENTRE_DB")" "No faults are set." \
	"fault clear"
OUT=$("$CENTRE_BIN" fault add bogus --db "$CENTRE_DB" 2>&1)
expect_eq "$?" 2 "unknown fault kind: exit status"
case $OUT in *"is not a fault"*) pass ;; *) fail "unknown fault kind: $OUT" ;; esac
OUT=$("$CENTRE_BIN" fault add slow --db "$CENTRE_DB" 2>&1)
expect_eq "$?" 2 "slow without seconds: exit status"

# --- Restart keeps everything; each item held once ---
centre_restart || exit 99
expect_eq "$CENTRE_EXIT" 0 "the centre stops cleanly (second run)"
get 0202 /v1/branches/0202/batches/$B1
expect_eq "$(jget .receipt)" "$R1R" "after restart: receipt kept"
centre_dump >"$TMP/dump" || fail "dump failed"
expect_eq "$(jq '[.items[] | "\(.branch) \(.serial) \(.bank)"] | group_by(.) | map(select(length > 1)) | length' "$TMP/dump")" \
	0 "dump: each item held once"
expect_eq "$(jq '.items | length' "$TMP/dump")" 11 "dump: item count"
expect_eq "$(jq '[.batches[] | select(.replaced == 1)] | length' "$TMP/dump")" \
	1 "dump: one replaced batch file"
centre_stop
expect_eq "$CENTRE_EXIT" 0 "the centre stops cleanly on TERM"

# --- A centre database of schema 2 (before certificates) is upgraded ---
if command -v sqlite3 >/dev/null; then
	sqlite3 "$CENTRE_DB" "DROP INDEX branches_cert;
		ALTER TABLE branches DROP COLUMN cert_sha256;
		PRAGMA user_version = 2;"
	"$CENTRE_BIN" branch cert 0202 --db "$CENTRE_DB" \
		--cert "$CENTRE_DIR/0202.tls.pem" >/dev/null
	expect_eq "$?" 0 "schema 2: branch cert after the upgrade"
	expect_eq "$(sqlite3 "$CENTRE_DB" "PRAGMA user_version;
		SELECT count(cert_sha256) FROM branches")" "3
1" "schema 2 upgraded to 3, the branch's certificate set"
fi

finish
