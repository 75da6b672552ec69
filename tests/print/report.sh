#!/bin/sh
# report.sh - printing the day's report through the private cupsd: on the
# report_queue setting's queue or the one given, as text/plain with the
# report's exact text; the passbook printer is refused, a missing setting
# names it, a stopped queue says what to do; reprints show who authorised
# them; every print is audited.
. "$(dirname "$0")/lib.sh"
cups_start || exit 99
cups_add_queue plq
cups_add_queue office
new_branch
use_printer plq epson-plq20 "print_timeout = 10"

# A cheque printed, then printed again with a supervisor's authorisation.
add_cheque 30000001
teller print cheque "$ID"
expect_rc 0 "print the cheque"
teller print cheque "$ID" --reprint
expect_rc 4 "a reprint needs an authorisation"
CHEQUEDESK_AUTH_PASSWORD=super-pw teller print cheque "$ID" --reprint \
	--authorize-by s01
expect_rc 0 "reprint authorised by s01"
PLQ_JOBS=$(cups_job_count plq)

super report day
expect_in "Reprints" "$OUT" "the reprints section"
expect_in "cheque $ID     30000001   t01      s01        plq          printed" \
	"$OUT" "the reprint, by whom and who authorised it"
expect_in "cheque.reprint     item:$ID" "$OUT" "the authorisation"
super report day --format json
expect_eq "$(printf '%s' "$OUT" | jq -r '.reprints[0].authorised_by')" "s01" \
	"json: the reprint's authoriser"
expect_eq "$(printf '%s' "$OUT" | jq -r '.reprints | length')" "1" \
	"the first print is no reprint"

# No report queue set: the message names the setting.
super report day --print
expect_rc 8 "no report queue"
expect_in "report_queue" "$ERR" "names the setting"
expect_in "$CHEQUEDESK_CONFIG" "$ERR" "and the file"

# The passbook printer is refused, given or set.
super report day --print plq
expect_rc 3 "the passbook printer is refused"
expect_in "passbook printer" "$ERR" "says why"
use_printer plq epson-plq20 "print_timeout = 10" "report_queue = plq"
super report day --print
expect_rc 3 "the passbook printer is refused as report_queue too"
expect_eq "$(cups_job_count plq)" "$PLQ_JOBS" "nothing went to plq"

# Printed on the report queue: the job holds the report's text.
use_printer plq epson-plq20 "print_timeout = 10" "report_queue = office"
super report day
TEXT=$OUT
super report day --print
expect_rc 0 "print the report"
expect_in "printed on \"office\"" "$OUT" "says where"
JOB=$(printf '%s' "$OUT" | sed -n 's/.*(job \([0-9]*\)).*/\1/p')
if cups_wait_job office "$JOB"; then
	F=$(cups_job_file office "$JOB")
	expect_eq "$(cat "$F")" "$TEXT" "the job is the report's text"
	expect_in "Day's report of 江汉支行 (0202)" "$(cat "$F")" \
		"UTF-8 arrives unchanged"
	expect_eq "$(sed -n 3p "$CUPS_JOBS/office-$JOB.args")" \
		"chequedesk report 2026-11-23" "the job's title"
else
	fail "the report job was not captured"
fi
expect_in "File of type text/plain queued" "$(cups_job_log "$JOB")" \
	"sent as text/plain"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'report.print' AND object = 'report:2026-11-23' AND after LIKE '%\"office\"%printed%'")" \
	"1" "the print is audited"

# The queue given after --print wins; --session is in the title.
super report day --session 1 --print office
expect_rc 0 "print session 1 on a queue given"
JOB=$(printf '%s' "$OUT" | sed -n 's/.*(job \([0-9]*\)).*/\1/p')
cups_wait_job office "$JOB" || fail "job office-$JOB was not captured"
expect_in "session 1 of 2" "$(cat "$(cups_job_file office "$JOB")")" \
		"session 1's report"

# A stopped queue: what to do; a teller may not print it.
cups_stop_queue office
super report day --print
expect_rc 5 "stopped queue"
expect_in "cupsenable office" "$ERR" "says what to do"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'report.print' AND after LIKE '%failed%'")" \
	"1" "the failed print is audited too"
cups_start_queue office
teller report day --print
expect_rc 4 "a teller may not print the report"

finish
