#!/bin/sh
# fixture.sh - the private cupsd of tests/print/cups.sh: raw queues deliver
# the exact bytes of a job to the capture backend, stopped and rejecting
# queues behave as CUPS documents, a failing backend aborts the job or stops
# the queue as its printer-error-policy says, and cups_stop leaves nothing
# running.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/print/cups.sh"

cups_start || { echo "cupsd did not start" >&2; exit 99; }
expect_eq "$(lpstat -r)" "scheduler is running" "lpstat -r, started"
case $CUPS_SERVER in
/*) [ -S "$CUPS_SERVER" ] && pass ||
	fail "CUPS_SERVER $CUPS_SERVER is not a socket" ;;
127.0.0.1:*) pass ;;
*) fail "CUPS_SERVER is \"$CUPS_SERVER\"" ;;
esac

cups_add_queue A || fail "add queue A"
cups_add_queue B || fail "add queue B"
expect_in "printer A is idle.  enabled" "$(lpstat -p A)" "lpstat -p A"
expect_in "printer B is idle.  enabled" "$(lpstat -p B)" "lpstat -p B"
expect_in "A accepting requests" "$(lpstat -a A)" "A accepts jobs"
expect_eq "$(lpstat -v A)" "device for A: capture:/A" "A's device"
expect_eq "$(cups_job_count A)" "0" "nothing captured yet"

# --- every byte value arrives unchanged ---
i=0
while [ $i -lt 256 ]; do
	printf "\\$(printf %03o $i)"
	i=$((i + 1))
done >"$TMP/bytes"
expect_eq "$(wc -c <"$TMP/bytes" | tr -d ' ')" "256" "256 test bytes"
job=$(cups_print A -o raw -t "all bytes" "$TMP/bytes")
case $job in
'' | *[!0-9]*) fail "lp gave no job id: \"$job\"" ;;
*) pass ;;
esac
if cups_wait_job A "$job"; then
	f=$(cups_job_file A "$job")
	expect_eq "$f" "$CUPS_JOBS/A-$job.bin" "cups_job_file"
	if cmp "$TMP/bytes" "$f"; then pass; else fail "bytes changed"; fi
	expect_eq "$(sed -n 3p "$CUPS_JOBS/A-$job.args")" "all bytes" \
		"the backend got the job's title"
	expect_eq "$(sed -n 2p "$CUPS_JOBS/A-$job.args")" "$(id -un)" \
		"and the user"
else
	fail "job A-$job was not captured"
fi
expect_eq "$(cups_job_count A)" "1" "one job on A"
expect_eq "$(cups_job_count B)" "0" "none on B"
expect_in "A-$job " "$(lpstat -W completed -o A)" "the job completed"

# Several documents in one job go through gziptoany into one delivery;
# copies of a raw file are made by the backend, as real backends do.
printf 'one\n' >"$TMP/one"
printf 'two\n' >"$TMP/two"
job=$(cups_print B -o raw "$TMP/one" "$TMP/two")
cups_wait_job B "$job" || fail "job B-$job was not captured"
expect_eq "$(cat "$(cups_job_file B "$job")")" "$(printf 'one\ntwo')" \
		"two documents, one job"
job=$(cups_print B -o raw -n 2 "$TMP/one")
cups_wait_job B "$job" || fail "job B-$job was not captured"
expect_eq "$(cat "$(cups_job_file B "$job")")" "$(printf 'one\none')" \
		"two copies"
expect_eq "$(cups_jobs B | sed 's|.*/||' | tr '\n' ' ')" \
	"B-$((job - 1)).bin B-$job.bin " "cups_jobs lists in job order"

# --- a stopped queue holds its jobs ---
cups_stop_queue A || fail "cupsdisable A"
expect_in "printer A disabled since" "$(lpstat -p A)" "lpstat -p: stopped"
expect_in "A accepting requests" "$(lpstat -a A)" "a stopped queue accepts"
job=$(cups_print A -o raw "$TMP/one")
sleep 2
[ -f "$(cups_job_file A "$job")" ] &&
	fail "job A-$job printed on a stopped queue" || pass
expect_in "A-$job " "$(lpstat -o A)" "the job waits in the queue"
cups_start_queue A || fail "cupsenable A"
expect_in ".  enabled since" "$(lpstat -p A)" "enabled again"
if cups_wait_job A "$job"; then
	cmp -s "$TMP/one" "$(cups_job_file A "$job")" && pass ||
		fail "A-$job: wrong bytes"
else
	fail "job A-$job did not print after cupsenable"
fi

# --- a rejecting queue refuses jobs ---
cups_reject A || fail "cupsreject A"
expect_in "A not accepting requests" "$(lpstat -a A)" "lpstat -a: rejecting"
out=$(lp -d A -o raw "$TMP/one" 2>&1) && fail "lp to a rejecting queue: $out"
expect_eq "$out" "lp: Destination \"A\" is not accepting jobs." \
	"lp's message for a rejecting queue"
cups_accept A || fail "cupsaccept A"
expect_in "A accepting requests" "$(lpstat -a A)" "accepting again"

# --- a slow backend: the job is processing, then arrives ---
cups_slow A 2
job=$(cups_print A -o raw "$TMP/two")
sleep 1
[ -f "$(cups_job_file A "$job")" ] && fail "A-$job arrived too early" || pass
expect_in "now printing A-$job" "$(lpstat -p A)" "lpstat -p: printing"
cups_wait_job A "$job" 10 || fail "slow job A-$job did not arrive"
cups_slow A

# --- a failing backend ---
# Debian builds cupsd with the error policy retry-job (upstream's default
# is stop-printer); cups.sh sets "ErrorPolicy abort-job" so that a failed
# job is aborted and the queue stays enabled unless a test says otherwise.
# Observed with CUPS 2.4.2:
#   abort-job:    job-state aborted; printer idle, enabled, accepting, its
#                 printer-state-message the backend's ERROR: text
#   stop-printer: job pending (job-state-reasons printer-stopped); printer
#                 stopped (paused), message the ERROR: text; it prints
#                 after cupsenable
#   retry-job:    job pending-held (resources-are-not-ready), retried after
#                 JobRetryInterval (300 s), aborted after JobRetryLimit (5)
#                 tries; printer idle and enabled
cups_fail A "paper jam"
job=$(cups_print A -o raw "$TMP/one")
i=0
while [ $i -lt 50 ] && ! lpstat -W completed -o A | grep -q "^A-$job "; do
	sleep 0.1
	i=$((i + 1))
done
expect_in "A-$job " "$(lpstat -W completed -o A)" "the failed job is done"
expect_in "Job aborted due to backend errors" "$(cups_job_log "$job")" \
	"abort-job: the job was aborted"
[ -f "$(cups_job_file A "$job")" ] && fail "a failed job was captured" ||
	pass
expect_in "printer A is idle.  enabled" "$(lpstat -p A)" \
	"abort-job: the queue stays enabled"
expect_in "paper jam" "$(lpstat -p A)" "with the backend's message"
cups_fail A

cups_error_policy B stop-printer || fail "set B's error policy"
cups_fail B "cover open"
job=$(cups_print B -o raw "$TMP/one")
i=0
while [ $i -lt 50 ] && ! lpstat -p B | grep -q disabled; do
	sleep 0.1
	i=$((i + 1))
done
expect_in "printer B disabled since" "$(lpstat -p B)" \
	"stop-printer: the queue stopped"
expect_in "cover open" "$(lpstat -p B)" "with the backend's message"
expect_in "B-$job " "$(lpstat -o B)" "stop-printer: the job waits"
expect_in "Printer stopped due to backend errors" "$(cups_job_log "$job")" \
	"stop-printer: logged"
cups_fail B
cups_start_queue B || fail "cupsenable B"
cups_wait_job B "$job" || fail "B-$job did not print after the repair"

# --- removing a queue ---
cups_remove_queue B || fail "lpadmin -x B"
lpstat -p B >/dev/null 2>&1 && fail "B is still there" || pass

# --- stopping cupsd ---
pid=$CUPS_PID
cups_stop
expect_eq "$(lpstat -r)" "scheduler is not running" "lpstat -r, stopped"
kill -0 "$pid" 2>/dev/null && fail "cupsd $pid still runs" || pass
out=$(lp -d A -o raw "$TMP/one" 2>&1) && fail "lp without cupsd: $out"
expect_eq "$out" "lp: Error - The printer or class does not exist." \
	"lp's message without cupsd"
expect_eq "$CUPS_PID" "" "cups_stop forgot the pid"

# --- a second start: no queues, job ids go on; the EXIT trap stops it ---
last=$job
cups_start || fail "cupsd did not start again"
expect_eq "$(lpstat -r)" "scheduler is running" "lpstat -r, restarted"
lpstat -p A >/dev/null 2>&1 && fail "queue A survived a restart" || pass
cups_add_queue A || fail "add queue A again"
job=$(cups_print A -o raw "$TMP/bytes")
[ "$job" -gt "$last" ] && pass || fail "job id $job after $last"
if cups_wait_job A "$job"; then
	cmp -s "$TMP/bytes" "$(cups_job_file A "$job")" && pass ||
		fail "A-$job: wrong bytes after a restart"
else
	fail "job A-$job was not captured after a restart"
fi

finish
