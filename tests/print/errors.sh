#!/bin/sh
# errors.sh - what goes wrong with printers: a stopped queue, a queue that
# rejects jobs, a missing queue, a failing printer, a printer that never
# finishes, cupsd not running, chequedesk killed while a job runs. Each
# gives a clear message with what to do, and the item is not marked
# printed unless the job really completed.
. "$(dirname "$0")/lib.sh"
cups_start || exit 99
cups_add_queue plq
new_branch
use_printer plq epson-plq20 "print_timeout = 5"

not_printed() { # ID WHAT
	expect_eq "$(sql "SELECT status, prints FROM items WHERE id = $1")" \
		"registered|0" "$2: not marked printed"
}

add_cheque 30000001

# A stopped queue.
cups_stop_queue plq
teller print cheque "$ID"
expect_rc 5 "stopped queue"
expect_in "stopped" "$ERR" "stopped queue: says so"
expect_in "cupsenable plq" "$ERR" "stopped queue: says what to do"
not_printed "$ID" "stopped queue"
cups_start_queue plq

# A queue that rejects jobs.
cups_reject plq
teller print cheque "$ID"
expect_rc 5 "rejecting queue"
expect_in "not accepting jobs" "$ERR" "rejecting queue: says so"
expect_in "cupsaccept plq" "$ERR" "rejecting queue: says what to do"
not_printed "$ID" "rejecting queue"
cups_accept plq

# A queue that does not exist.
teller print cheque "$ID" --printer nosuch --profile epson-plq20
expect_rc 6 "missing queue"
expect_in "no printer queue \"nosuch\"" "$ERR" "missing queue: says so"
expect_in "chequedesk printers" "$ERR" "missing queue: says what to do"
not_printed "$ID" "missing queue"

# No printer configured.
: >"$CHEQUEDESK_CONFIG"
teller print cheque "$ID"
expect_rc 8 "no printer set"
expect_in "printer = QUEUE" "$ERR" "no printer set: says which setting"
use_printer plq epson-plq20 "print_timeout = 5"

# The printer fails the job (the backend reports an error).
cups_fail plq "Paper jam"
teller print cheque "$ID"
expect_rc 5 "failing printer"
expect_in "Paper jam" "$ERR" "failing printer: the printer's reason"
expect_in "print again" "$ERR" "failing printer: says what to do"
not_printed "$ID" "failing printer"
expect_eq "$(sql "SELECT state FROM print_jobs ORDER BY id DESC LIMIT 1")" \
	"failed" "the failed job is recorded"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'cheque.print.failed'")" \
	"1" "and audited"
# The same under the other error policies a site may have: the queue
# stops (stop-printer), or CUPS holds the job to retry it (retry-job).
for policy in stop-printer retry-job; do
	cups_error_policy plq "$policy"
	teller print cheque "$ID"
	expect_rc 5 "failing printer, $policy"
	expect_in "Paper jam" "$ERR" "failing printer, $policy: the reason"
	not_printed "$ID" "failing printer, $policy"
	cups_start_queue plq
done
cups_error_policy plq abort-job
cups_fail plq
cups_start_queue plq

# The printer never finishes: time-out, the job is cancelled.
cups_slow plq 30
teller print cheque "$ID"
expect_rc 5 "time-out"
expect_in "within 5 seconds" "$ERR" "time-out: says so"
not_printed "$ID" "time-out"
cups_slow plq
sleep 1
expect_eq "$(lpstat -o plq 2>/dev/null | wc -l | tr -d ' ')" "0" \
	"the timed-out job was cancelled"

# chequedesk killed while the job runs: the next attempt asks CUPS how the
# job ended instead of printing a second time.
cups_slow plq 2
CHEQUEDESK_PASSWORD=teller-pw "$CD" print cheque "$ID" --user t01 \
	>/dev/null 2>&1 &
pid=$!
i=0
while [ "$(sql "SELECT count(*) FROM print_jobs WHERE state = 'sent'")" != 1 ] &&
	[ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
job=$(sql "SELECT job_id FROM print_jobs WHERE state = 'sent'")
cups_wait_job plq "$job" 10 && pass || fail "the job did not print"
sleep 1
cups_slow plq
before=$(cups_job_count plq)
teller print cheque "$ID"
expect_rc 0 "print again after the crash"
expect_in "already been printed by job $job" "$OUT" "recovered, not resent"
expect_eq "$(cups_job_count plq)" "$before" "nothing was sent twice"
expect_eq "$(sql "SELECT status, prints FROM items WHERE id = $ID")" \
	"printed|1" "recorded as printed once"

# No cupsd at all.
add_cheque 30000002
cups_stop
teller print cheque "$ID"
expect_rc 8 "no cupsd"
expect_in "Cannot reach the print service" "$ERR" "no cupsd: says so"
expect_in "systemctl start cups" "$ERR" "no cupsd: says what to do"
not_printed "$ID" "no cupsd"
teller print cheque "$ID" --preview "$TMP/p.png"
expect_rc 0 "a preview needs no cupsd"

finish
