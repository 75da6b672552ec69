#!/bin/sh
# faults.sh - every fault the centre simulator can inject, survived: the
# upload is retried (honouring Retry-After) until the centre holds the
# batch exactly once; a final refusal leaves the batch "failed" with the
# reason, and it moves on once the cause is fixed; chequedesk killed in the
# middle of an upload leaves a batch the next upload finishes.
. "$(dirname "$0")/lib.sh"
exchange_setup "decide_after 0"

# one_batch SERIAL: a printed cheque closed into a new batch; sets BATCH.
N=0
one_batch() {
	N=$((N + 1))
	printed_cheque "$1"
	close_batch
}

# survives KIND [ARG]: the upload succeeds despite one fault of KIND and
# the centre holds the item once.
survives() {
	one_batch "$3"
	centre_fault "$1" ${2:+"$2"} --on upload
	super batch upload "$BATCH"
	expect_rc 0 "upload through $1"
	expect_eq "$(sql "SELECT state FROM batches WHERE batch_id = '$BATCH'")" \
		"received" "$1: batch received"
	expect_eq "$(centre_count "$3")" "1" "$1: the centre holds the item once"
	expect_in "trying again" "$ERR" "$1: the retry is told"
}

survives drop-request 200 40000001
survives drop-response 10 40000002
survives status-500 "" 40000003
survives truncate "" 40000004
survives wrong-key "" 40000005
survives unsigned "" 40000006

# 503 with Retry-After: the wait is the centre's.
one_batch 40000007
centre_fault status-503 2 --on upload
START=$(date +%s)
super batch upload "$BATCH"
expect_rc 0 "upload through a 503"
[ $(($(date +%s) - START)) -ge 2 ] && pass || fail "Retry-After not honoured"
expect_in "2 s" "$ERR" "the wait is told"

# Too slow: the time limit, then a retry.
write_config "centre_timeout = 2"
one_batch 40000008
centre_fault slow 4 --on upload
super batch upload "$BATCH"
expect_rc 0 "upload after a time-out"
expect_in "did not answer within 2 seconds" "$ERR" "the time-out is told"
sleep 3 # the slow answer finishes at the centre
expect_eq "$(centre_count 40000008)" "1" "slow: the centre holds it once"
write_config

# Retries run out: the batch stays "uploading" with the reason; uploading
# later finishes it.
one_batch 40000009
centre_fault status-500 --on upload --times 10
super batch upload "$BATCH"
expect_rc 9 "the centre keeps failing"
expect_in "Tried 4 times" "$ERR" "says how often it tried"
expect_in "safe to repeat" "$ERR" "and what to do"
expect_eq "$(sql "SELECT state FROM batches WHERE batch_id = '$BATCH'")" \
	"uploading" "left uploading"
expect_in "not available" "$(sql "SELECT last_error FROM batches WHERE batch_id = '$BATCH'")" \
	"the reason is kept"
centre_clear_faults
super batch upload
expect_rc 0 "the next upload finishes it"
expect_eq "$(centre_count 40000009)" "1" "held once"

# The centre stopped mid-upload and started again.
one_batch 40000010
centre_stop
super batch upload "$BATCH"
expect_rc 9 "centre down"
expect_in "cannot connect" "$ERR" "says it cannot connect"
centre_restart
super batch upload "$BATCH"
expect_rc 0 "centre back"

# chequedesk killed while the upload waits for the centre.
one_batch 40000011
centre_fault slow 3 --on upload
CHEQUEDESK_PASSWORD=super-pw "$CD" batch upload "$BATCH" --user s01 \
	>/dev/null 2>&1 &
PID=$!
sleep 1
kill -9 "$PID"
wait "$PID" 2>/dev/null
expect_eq "$(sql "SELECT state FROM batches WHERE batch_id = '$BATCH'")" \
	"uploading" "killed mid-upload: uploading"
sleep 3
super batch upload "$BATCH"
expect_rc 0 "upload after the crash"
expect_in "already had it" "$OUT" "the centre had it: nothing sent twice"
expect_eq "$(centre_count 40000011)" "1" "held once after the crash"
expect_eq "$(sqlite3 "$CHEQUEDESK_DB" 'PRAGMA integrity_check')" "ok" \
	"database whole"

# A final refusal: an unregistered key. The batch fails with the reason;
# once the centre has the right key, upload moves it on.
openssl genpkey -algorithm SM2 -out "$TMP/other.pem" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/other.pem" \
	-passout pass:branch-code -out "$TMP/other.key"
write_config "branch_key = $TMP/other.key"
one_batch 40000012
super batch upload "$BATCH"
expect_rc 4 "a signature the centre cannot verify"
expect_in "public key" "$ERR" "says to register the key"
expect_eq "$(sql "SELECT state FROM batches WHERE batch_id = '$BATCH'")" \
	"failed" "the batch failed"
super batch list
expect_in "failed" "$OUT" "the list shows it"
write_config
super batch close --resend "$BATCH"
expect_rc 0 "written and signed again with the branch key"
super batch upload "$BATCH"
expect_rc 0 "the resend is received"
expect_eq "$(centre_count 40000012)" "1" "held once"

# Different bytes under a known batch id, not marked as a resend.
one_batch 40000013
super batch upload "$BATCH"
sql "SELECT writefile('$TMP/f.json', f.file) FROM batches b JOIN batch_files f \
	ON f.batch = b.id WHERE b.batch_id = '$BATCH'" >/dev/null
sed 's/"prints":1/"prints":2/' "$TMP/f.json" >"$TMP/g.json"
SIG=$(openssl pkeyutl -sign -rawin -digest sm3 -in "$TMP/g.json" \
	-pkeyopt distid:1234567812345678 -inkey "$TMP/centre/0202.key" \
	-passin pass:branch-code | base64 -w0)
DIGEST=$(openssl dgst -sm3 -r "$TMP/g.json" | cut -d' ' -f1)
sql "UPDATE batch_files SET file = readfile('$TMP/g.json') WHERE batch = \
	(SELECT id FROM batches WHERE batch_id = '$BATCH'); \
	UPDATE batches SET state = 'closed', \
	signature = '$SIG', digest = '$DIGEST' WHERE batch_id = '$BATCH'"
super batch upload "$BATCH"
expect_rc 5 "another digest under the same batch id is refused"
expect_in "different contents" "$ERR" "says so"

expect_eq "$(centre_dump | jq '[.items[].serial] | length')" \
	"$(centre_dump | jq '[.items[].serial] | unique | length')" \
	"no item twice at the centre"
finish
