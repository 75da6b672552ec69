#!/bin/sh
# crash.sh - registrations killed with SIGKILL at random moments leave a
# database that passes integrity_check, with every acknowledged item there.
. "$(dirname "$0")/lib.sh"
new_branch

TRIALS=${CRASH_TRIALS:-60}
ACKED="$TMP/acked"
: >"$ACKED"

# How long one registration takes here (the sign-in's KDF dominates; a
# busy or sanitizer build is slower): the kills are spread from 0 to one
# and a half times that, so that some land before, some during and some
# after the commit on any machine.
slowest=0
for serial in 79999997 79999998 79999999; do
	t0=$(date +%s%N)
	CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add --user t01 \
		--serial "$serial" --bank 0201 --account 6222020200001234 \
		--amount 1.00 >/dev/null 2>"$TMP/err" && echo "$serial" >>"$ACKED" ||
		fail "an undisturbed registration failed: $(cat "$TMP/err")"
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -le "$slowest" ] || slowest=$ms
done
SPREAD=$((slowest * 3 / 2))
echo "crash.sh: one registration takes up to $slowest ms; kills within $SPREAD ms"
i=0
while [ "$i" -lt "$TRIALS" ]; do
	i=$((i + 1))
	serial=$(printf '7%07d' "$i")
	CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add --user t01 \
		--serial "$serial" --bank 0201 --account 6222020200001234 \
		--amount "$i.01" --json >"$TMP/out.$i" 2>/dev/null &
	pid=$!
	# Before, during and after the commit.
	delay=$(awk -v s="$i$$" -v ms="$SPREAD" \
		'BEGIN { srand(s); printf "%.3f", rand() * ms / 1000 }')
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	if wait "$pid" 2>/dev/null; then
		# Exit status 0 means the teller was told it was stored.
		echo "$serial" >>"$ACKED"
	fi
	# A bag bill now and then, so bags are crashed too.
	if [ $((i % 10)) -eq 0 ]; then
		CHEQUEDESK_PASSWORD=teller-pw "$CD" bag add --user t01 \
			--bank 0401 --type 03 --serial "8000000$((i / 10))" \
			--amount 1 >/dev/null 2>&1 &
		pid=$!
		sleep 0.05
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
done

expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity_check after $TRIALS kills"
expect_eq "$(sql 'PRAGMA foreign_key_check')" "" "foreign keys intact"
acked=$(wc -l <"$ACKED")
missing=0
while read -r serial; do
	n=$(sql "SELECT count(*) FROM items WHERE serial = '$serial'")
	[ "$n" = 1 ] || missing=$((missing + 1))
done <"$ACKED"
expect_eq "$missing" "0" "all $acked acknowledged items present"
# Every stored item has its audit row (one transaction each).
expect_eq "$(sql "SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.object = 'item:' || i.id)")" \
	"0" "every stored item has its audit record"
# Some trials must have been acknowledged and some killed for this to mean
# anything.
[ "$acked" -gt 0 ] && pass || fail "no trial completed"
[ "$acked" -lt $((TRIALS + 3)) ] && pass || fail "no trial was killed"
echo "crash.sh: $((acked - 3)) of $TRIALS registrations completed before the kill"

finish
