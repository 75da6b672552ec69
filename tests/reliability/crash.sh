#!/bin/sh
# crash.sh - chequedesk killed with SIGKILL at random moments of registering,
# printing (private cupsd), closing and uploading (the simulator over
# loopback TLS): the database stays whole, everything acknowledged is kept,
# and after the uploads are restarted the centre holds each item once.
. "$(dirname "$0")/../exchange/lib.sh"
exchange_setup "decide_after 0"

TRIALS=${CRASH_TRIALS:-200}
T=0            # trials run
SERIAL=0       # the last serial used
ACKED="$TMP/acked"          # registrations that exited 0: serials
PRINTED="$TMP/printed"      # prints that exited 0: "item ID" / "bag ID"
CLOSED="$TMP/closed"        # closes that exited 0: batch ids
: >"$ACKED"
: >"$PRINTED"
: >"$CLOSED"

# ms: the time in milliseconds.
ms() {
	date +%s%3N
}

# rnd N: a random number from 0 to N-1.
rnd() {
	echo $(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1))
}

# run_as USER PASSWORD ARGS...: chequedesk in the background as USER, its
# output in $TMP/t.out and $TMP/t.err; sets PID.
run_as() {
	local user=$1 pw=$2
	shift 2
	CHEQUEDESK_PASSWORD="$pw" "$CD" "$@" --user "$user" >"$TMP/t.out" \
		2>"$TMP/t.err" &
	PID=$!
}

# How long each kind of command takes here, in ms: at first the longest
# of the runs that were not killed at the start.
EST_register=0
EST_print=0
EST_close=0
EST_upload=0

# timed KIND USER PASSWORD ARGS...: run to the end, keeping the longest
# time of KIND; sets RC, OUT and ERR.
timed() {
	local kind=$1 t0 took
	shift
	t0=$(ms)
	as "$@"
	took=$(($(ms) - t0))
	[ "$took" -gt "$(eval echo "\$EST_$kind")" ] && eval "EST_$kind=$took"
	[ "$RC" -eq 0 ] || { echo "calibrating $kind: $ERR" >&2; exit 99; }
}

# Killed and completed trials of each kind.
for k in register print close upload; do
	eval "KILLED_$k=0 DONE_$k=0"
done
INSIDE=0 # kills that left visible work behind (a sign they landed inside)

# trial KIND USER PASSWORD ARGS...: run, SIGKILL after a random delay of
# 10% to 140% of KIND's estimated time; TRC is the exit status (0: the
# command finished and said so; 137: killed). Any other status is a
# failure. The estimate follows the machine's load: it shrinks a little
# after each command that finished and grows after each kill, so about
# half the kills land before the end, spread over the whole command.
trial() {
	local kind=$1 est delay
	shift
	T=$((T + 1))
	est=$(eval echo "\$EST_$kind")
	delay=$((est / 10 + $(rnd $((est * 13 / 10 + 1)))))
	run_as "$@"
	sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
	kill -KILL "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	TRC=$?
	case $TRC in
	0)
		eval "DONE_$kind=\$((DONE_$kind + 1))"
		eval "EST_$kind=\$((EST_$kind - EST_$kind / 8))"
		;;
	137)
		eval "KILLED_$kind=\$((KILLED_$kind + 1))"
		eval "EST_$kind=\$((EST_$kind + EST_$kind / 8 + 1))"
		;;
	*) fail "trial $T ($kind: $*) exited $TRC: $(cat "$TMP/t.err")" ;;
	esac
}

# whole WHAT: the database passes integrity_check and foreign_key_check.
whole() {
	local ic fk
	ic=$(sql 'PRAGMA integrity_check' 2>&1)
	fk=$(sql 'PRAGMA foreign_key_check' 2>&1)
	if [ "$ic" = ok ] && [ -z "$fk" ]; then
		pass
	else
		fail "after trial $T ($1): integrity_check: $ic; foreign_key_check: $fk"
	fi
}

# register: a cheque or a bill killed at a random moment.
register() {
	local bank serial
	SERIAL=$((SERIAL + 1))
	serial=$((30000000 + SERIAL))
	if [ "$(rnd 3)" -eq 0 ]; then
		bank=0401
		[ "$(rnd 2)" -eq 0 ] && bank=0301
		trial register t01 teller-pw bag add --bank "$bank" --type 03 \
			--serial "$serial" --amount "$SERIAL.01"
	else
		trial register t01 teller-pw cheque add --serial "$serial" \
			--bank 0201 --account 6222020200001234567 \
			--amount "$SERIAL.02" --type 01
	fi
	if [ "$TRC" -eq 0 ]; then
		echo "$serial" >>"$ACKED"
	elif [ "$(sql "SELECT count(*) FROM items WHERE serial = '$serial'")" = 1 ]; then
		INSIDE=$((INSIDE + 1)) # killed after the commit
	fi
}

# unprinted: cheques not yet printed, and bags with bills whose label is
# not (open, or sealed by a job that was cut off), as "cheque ID" / "bag
# ID" lines.
unprinted() {
	sql "SELECT 'cheque ' || id FROM items WHERE kind = 'cheque' AND
		prints = 0 AND batch IS NULL;
	     SELECT 'bag ' || b.id FROM bags b WHERE b.batch IS NULL AND
		(b.status = 'open' OR b.prints = 0) AND
		EXISTS (SELECT 1 FROM items i WHERE i.bag_id = b.id)"
}

# print_round: one print of a cheque or a label killed at a random moment,
# then everything else printed to the end (settling the killed job).
print_round() {
	local first what id
	first=$(unprinted | head -n 1)
	[ -n "$first" ] || return 0
	what=${first% *}
	id=${first#* }
	trial print t01 teller-pw print "$what" "$id"
	if [ "$TRC" -eq 0 ]; then
		echo "$what $id" >>"$PRINTED"
	elif [ "$(sql "SELECT count(*) FROM print_jobs WHERE state = 'sent'")" -gt 0 ]; then
		INSIDE=$((INSIDE + 1)) # killed with the job out
	fi
	[ $((T % 4)) -eq 0 ] && whole "print"
	unprinted >"$TMP/unprinted"
	while read -r what id; do
		as t01 teller-pw print "$what" "$id" </dev/null
		[ "$RC" -eq 0 ] || fail "print $what $id after a crash: $ERR"
	done <"$TMP/unprinted"
}

# close_round: a close killed at a random moment; if it did not get to
# the commit, close to the end.
close_round() {
	[ "$(sql "SELECT count(*) FROM items WHERE batch IS NULL")" -gt 0 ] ||
		return 0
	trial close s01 super-pw batch close --json
	whole "close"
	if [ "$TRC" -eq 0 ]; then
		jq -r .batch_id "$TMP/t.out" >>"$CLOSED"
	fi
	if [ "$(sql "SELECT count(*) FROM items WHERE batch IS NULL")" -gt 0 ]; then
		super batch close --json
		[ "$RC" -eq 0 ] || fail "close after a crash: $ERR"
	elif [ "$TRC" -ne 0 ]; then
		INSIDE=$((INSIDE + 1)) # killed after the commit
	fi
}

# upload_round: an upload of every waiting batch killed at a random moment;
# what is left waits for a later upload.
upload_round() {
	[ "$(sql "SELECT count(*) FROM batches WHERE state NOT IN \
		('received', 'complete')")" -gt 0 ] || return 0
	trial upload s01 super-pw batch upload
	whole "upload"
	if [ "$TRC" -eq 0 ]; then
		expect_eq "$(sql "SELECT count(*) FROM batches WHERE state NOT IN \
			('received', 'complete')")" "0" \
			"trial $T: an upload that succeeded left every batch received"
	elif [ "$(sql "SELECT count(*) FROM batches WHERE state = 'uploading'")" -gt 0 ]; then
		INSIDE=$((INSIDE + 1)) # killed while sending
	fi
}

# Calibrate: two of each, not killed.
START=$(date +%s)
for SERIAL in 1 2; do
	timed register t01 teller-pw cheque add --serial "3000000$SERIAL" \
		--bank 0201 --account 6222020200001234567 --amount 1.00 \
		--type 01 --json
	echo "3000000$SERIAL" >>"$ACKED"
	timed print t01 teller-pw print cheque "$(printf '%s' "$OUT" | jq -r .id)"
	timed close s01 super-pw batch close --json
	timed upload s01 super-pw batch upload
done

# First, on purpose: a label killed while its job prints (a slow printer).
# The bag is sealed with the job, but not known to be printed: a close
# refuses it until printing again settles the job with CUPS, which does
# not send it twice.
as t01 teller-pw bag add --bank 0301 --type 03 --serial 39999999 \
	--amount 9.99 --json
[ "$RC" -eq 0 ] || { echo "bag add failed: $ERR" >&2; exit 99; }
echo 39999999 >>"$ACKED"
BAG=$(printf '%s' "$OUT" | jq -r .id)
cups_slow plq 2
run_as t01 teller-pw print bag "$BAG"
i=0
while [ "$(sqlite3 -cmd '.timeout 5000' "$CHEQUEDESK_DB" \
	"SELECT count(*) FROM print_jobs WHERE bag_id = $BAG")" = 0 ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || { echo "the label's job never started" >&2; exit 99; }
	sleep 0.1
done
kill -KILL "$PID"
wait "$PID" 2>/dev/null
cups_slow plq
expect_eq "$(sql "SELECT status || ' ' || prints FROM bags WHERE id = $BAG")" \
	"sealed 0" "killed while the label prints: sealed, not known printed"
super batch close
expect_rc 5 "close refuses a bag whose label job was cut off"
expect_in "bag $BAG" "$ERR" "names the bag"
expect_in "print bag" "$ERR" "says to print it again"
JOB=$(sql "SELECT job_id FROM print_jobs WHERE bag_id = $BAG")
cups_wait_job plq "$JOB" 30 || fail "the label's job never printed"
as t01 teller-pw print bag "$BAG"
expect_rc 0 "printing again settles the job"
expect_in "Nothing was sent again" "$OUT" "and sends nothing"
expect_eq "$(sql "SELECT prints FROM bags WHERE id = $BAG")" "1" \
	"the label counted once"
whole "a label killed while printing"

# Rounds of three registrations, a print, a close and an upload, each
# killed at a random moment, until TRIALS have run.
while [ "$T" -lt "$TRIALS" ]; do
	register
	[ $((T % 4)) -eq 0 ] && whole "register"
	register
	register
	whole "register"
	[ "$T" -lt "$TRIALS" ] && print_round
	[ "$T" -lt "$TRIALS" ] && close_round
	[ "$T" -lt "$TRIALS" ] && upload_round
done
echo "crash.sh: $T trials in $(($(date +%s) - START)) s; killed/completed:" \
	"register $KILLED_register/$DONE_register," \
	"print $KILLED_print/$DONE_print," \
	"close $KILLED_close/$DONE_close," \
	"upload $KILLED_upload/$DONE_upload; $INSIDE kills left work behind"
echo "crash.sh: estimates (ms): register $EST_register, print $EST_print," \
	"close $EST_close, upload $EST_upload"

# The kills must have landed before, inside and after the commands.
for k in register print close upload; do
	[ "$(eval echo "\$KILLED_$k")" -gt 0 ] && pass ||
		fail "no $k trial was killed"
	[ "$(eval echo "\$DONE_$k")" -gt 0 ] && pass ||
		fail "no $k trial completed"
done
[ "$INSIDE" -gt 0 ] && pass || fail "no kill landed inside an operation"

# Finish the day: print, close and upload what is left, not killed.
unprinted >"$TMP/unprinted"
while read -r what id; do
	as t01 teller-pw print "$what" "$id" </dev/null
	[ "$RC" -eq 0 ] || fail "final print $what $id: $ERR"
done <"$TMP/unprinted"
if [ "$(sql "SELECT count(*) FROM items WHERE batch IS NULL")" -gt 0 ]; then
	super batch close
	expect_rc 0 "the last close"
fi
super batch upload
expect_rc 0 "the restarted upload finishes every batch"
whole "the end"

# Everything acknowledged is there, once.
missing=0
while read -r serial; do
	[ "$(sql "SELECT count(*) FROM items WHERE serial = '$serial'")" = 1 ] ||
		missing=$((missing + 1))
done <"$ACKED"
expect_eq "$missing" "0" "every acknowledged registration ($(wc -l <"$ACKED")) stored once"
bad=0
while read -r what id; do
	if [ "$what" = cheque ]; then
		n=$(sql "SELECT count(*) FROM items WHERE id = $id AND prints > 0")
	else
		n=$(sql "SELECT count(*) FROM bags WHERE id = $id AND prints > 0 \
			AND status = 'sealed'")
	fi
	[ "$n" = 1 ] || bad=$((bad + 1))
done <"$PRINTED"
expect_eq "$bad" "0" "every acknowledged print ($(wc -l <"$PRINTED")) recorded"
bad=0
while read -r batch; do
	[ "$(sql "SELECT count(*) FROM batches WHERE batch_id = '$batch'")" = 1 ] ||
		bad=$((bad + 1))
done <"$CLOSED"
expect_eq "$bad" "0" "every acknowledged close ($(wc -l <"$CLOSED")) kept"
expect_eq "$(sql "SELECT count(*) FROM print_jobs WHERE state = 'sent'")" "0" \
	"every job a crash left behind was settled"
expect_eq "$(sql "SELECT count(*) FROM items WHERE batch IS NULL")" "0" \
	"every item went into a batch"
expect_eq "$(sql "SELECT count(*) FROM batches WHERE state NOT IN \
	('received', 'complete')")" "0" "every batch received"
expect_eq "$(sql "SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 \
	FROM audit a WHERE a.object = 'item:' || i.id)")" "0" \
	"every item has its audit record"
super audit verify
expect_rc 0 "the audit chain verifies after $T kills"

# The printer got each code line and label once: a job cut off by a kill
# is settled with CUPS, not sent again when it had printed.
for f in "$CUPS_JOBS"/plq-*.bin; do
	sed -n 3p "${f%.bin}.args"
done | sort | uniq -d >"$TMP/twice"
expect_eq "$(cat "$TMP/twice")" "" "nothing printed twice"
expect_eq "$(ls "$CUPS_JOBS" | grep -c '^plq-.*\.bin$')" \
	"$(sql "SELECT count(*) FROM print_jobs WHERE state = 'done'")" \
	"the jobs the printer got are the jobs recorded as done"
expect_eq "$(sql "SELECT count(*) FROM items WHERE prints > 1")" "0" \
	"no cheque counted as printed twice"

# The centre holds each item exactly once, and nothing else.
centre_dump >"$TMP/centre.json"
sql "SELECT serial FROM items ORDER BY serial" >"$TMP/local.serials"
jq -r '.items[].serial' "$TMP/centre.json" | sort >"$TMP/centre.serials"
sort "$TMP/local.serials" >"$TMP/local.sorted"
if cmp -s "$TMP/local.sorted" "$TMP/centre.serials"; then
	pass
else
	fail "the centre's items differ from the branch's (< branch, > centre):"
	diff "$TMP/local.sorted" "$TMP/centre.serials" | head -20 >&2
fi
expect_eq "$(jq -r '.items[].serial' "$TMP/centre.json" | sort | uniq -d)" "" \
	"no item twice at the centre"
expect_eq "$(jq '.batches | length' "$TMP/centre.json")" \
	"$(sql 'SELECT count(*) FROM batches')" "the centre holds every batch"
finish
