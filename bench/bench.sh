#!/bin/sh
# bench.sh - chequedesk's benchmarks (issue #7): measures P1..P6 against
# their baselines in one run and prints one table. Run by 'make bench';
# docs/performance.md explains each figure.
#
# Knobs (environment): BENCH_ITEMS (100000) items for P2/P3/P4,
# BENCH_REPS (3) repetitions of the large operations (median kept),
# BENCH_P1_N (400) registrations for P1, BENCH_P5_N (100) registrations
# per session for P5, BENCH_ONLY ("P1 P2 ...") to run a subset.

set -u
: "${top_srcdir:?set top_srcdir (make bench does)}"
: "${top_builddir:?set top_builddir (make bench does)}"
export top_srcdir top_builddir
N=${BENCH_ITEMS:-100000}
REPS=${BENCH_REPS:-3}
P1_N=${BENCH_P1_N:-400}
P5_N=${BENCH_P5_N:-100}
ONLY=${BENCH_ONLY:-P1 P2 P3 P4 P5 P6}
CB=${BENCH_CDBENCH:-$top_builddir/bench/cdbench}
PT=$top_builddir/bench/ptytime

# The command-line test set-up (private directory, environment, branch)
# and the centre fixture (throw-away CA, loopback TLS).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/centre/centre.sh"
export CHEQUEDESK_ACCESS_CODE=branch-code
ROWS=$TMP/rows

# note TEXT: progress on stderr.
note() {
	echo "bench: $*" >&2
}

# now_ns: the wall clock in nanoseconds.
now_ns() {
	date +%s%N
}

# median NUMBERS...: the middle one (the upper middle for an even count).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { print v[int(NR / 2) + 1] }'
}

# calc EXPR: floating-point arithmetic.
calc() {
	awk "BEGIN { printf \"%.2f\", $1 }"
}

# row ID WHAT MEASURED BASELINE RATIO TARGET RESULT: one line of the table.
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"
}

# verdict OK: "met" or "MISSED".
verdict() {
	if [ "$1" = 1 ]; then echo met; else echo MISSED; fi
}

# want P: whether P is to be run.
want() {
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

# maxrss_of OUTFILE CMD...: run CMD under GNU time; prints "SECONDS KIB".
maxrss_of() {
	local out=$1
	shift
	/usr/bin/time -f '%e %M' -o "$TMP/time.out" "$@" >"$out" 2>"$TMP/err" ||
		{ note "failed: $* ($(cat "$TMP/err"))"; echo "- -"; return 1; }
	cat "$TMP/time.out"
}

# What is missing: each P that needs a tool says so in its row.
MISSING=
for t in sqlite3 curl tmux openssl; do
	command -v "$t" >/dev/null 2>&1 || MISSING="$MISSING $t"
done
/usr/bin/time -f %M true >/dev/null 2>&1 || MISSING="$MISSING time(/usr/bin/time)"
openssl genpkey -algorithm SM2 >/dev/null 2>&1 || MISSING="$MISSING openssl-SM2"
[ -z "$MISSING" ] || note "missing:$MISSING (install: apt-get install sqlite3 curl tmux time openssl)"
has() {
	case " $MISSING " in *" $1"*) return 1 ;; esac
	return 0
}

# The branch (s01, t01), its key, the centre with the branch registered.
note "setting up the branch and the centre"
new_branch
centre_branch_key 0202 || exit 1
if has openssl-SM2 && has curl; then
	centre_start || exit 1
	centre_register 0202 "$CENTRE_DIR/0202.pub"
	centre_stop
	cp "$CENTRE_DB" "$TMP/centre.pristine"
	centre_start || exit 1
fi
cat >"$CHEQUEDESK_CONFIG" <<EOF
branch_key = $CENTRE_DIR/0202.key
centre_url = ${CENTRE_URL:-https://127.0.0.1:1}
centre_ca = $CENTRE_CA
centre_key = $CENTRE_PUB
transport_cert = $CENTRE_DIR/0202.tls.pem
transport_key = $CENTRE_DIR/0202.tls.key
centre_retries = 0
centre_timeout = 300
EOF
cp "$CHEQUEDESK_DB" "$TMP/base.db"

# fresh_db NAME [FROM]: a copy of FROM (base.db) as $TMP/NAME, in use.
fresh_db() {
	rm -f "$TMP/$1" "$TMP/$1-wal" "$TMP/$1-shm"
	cp "$TMP/${2:-base.db}" "$TMP/$1"
	CHEQUEDESK_DB=$TMP/$1
	export CHEQUEDESK_DB
}

# fresh_centre: the centre restarted on the same port with the database it
# had before any upload, so every upload does the same work.
fresh_centre() {
	centre_stop
	rm -f "$CENTRE_DB-wal" "$CENTRE_DB-shm"
	cp "$TMP/centre.pristine" "$CENTRE_DB"
	centre_start || exit 1
}

# --- P1: one registration, durably --------------------------------------
if want P1; then
	note "P1: $P1_N registrations and $P1_N bare inserts"
	fresh_db p1.db
	set -- $("$CB" p1 "$P1_N" "$TMP/bare.db")
	if [ "${1:-}" = p1 ]; then
		r=$(calc "$2 / $4")
		row P1 "register 1 cheque, durable (median/item)" "$2 us" \
			"$4 us" "${r}x" "<=1.2x" \
			"$(verdict "$(calc "$r <= 1.2" | cut -c1)")"
		row "" "  (means)" "$3 us" "$5 us" "$(calc "$3 / $5")x" "" ""
	else
		row P1 "register 1 cheque" failed - - "<=1.2x" MISSED
	fi
fi

# The large database: N printed cheques of the current session.
if want P2 || want P3 || want P4; then
	note "generating $N printed cheques (one transaction)"
	fresh_db big.db
	GEN=$("$CB" gen-items "$N") || exit 1
	note "$GEN"
	SLOT=$(sqlite3 "$TMP/big.db" "SELECT business_date || ' ' || session FROM items LIMIT 1")
	set -- $SLOT
	DATE=$1 SESSION=$2
fi

# --- P2: close, write and sign the batch --------------------------------
if want P2 || want P3; then
	note "P2: closing a batch of $N, $REPS times"
	times=
	for i in $(seq "$REPS"); do
		fresh_db close.db big.db
		set -- $("$CB" close) || exit 1
		times="$times $2" BATCH=$4 RSS_CLOSE=$5
		note "close: $2 s, $3 items, $4, $5 KiB"
	done
	mv "$TMP/close.db" "$TMP/closed.db"
	T_CLOSE=$(median $times)
	Q="SELECT * FROM items WHERE business_date = '$DATE' AND session = $SESSION AND kind = 'cheque' AND batch IS NULL ORDER BY id"
	times=
	for i in $(seq "$REPS"); do
		t0=$(now_ns)
		sqlite3 -json "$TMP/big.db" "$Q" >"$TMP/dump.json"
		t1=$(now_ns)
		times="$times $(calc "($t1 - $t0) / 1e9")"
	done
	T_DUMP=$(median $times)
	SIZE=$(sqlite3 "$TMP/closed.db" "SELECT length(f.file) FROM batches b JOIN batch_files f ON f.batch = b.id WHERE b.batch_id = '$BATCH'")
	r=$(calc "$T_CLOSE / $T_DUMP")
	ok=$(awk "BEGIN { print ($r <= 2 && $T_CLOSE < 1) ? 1 : 0 }")
	row P2 "close+write+sign $N items" "$T_CLOSE s" \
		"$T_DUMP s (sqlite3 -json)" "${r}x" "<=2x, <1 s" "$(verdict "$ok")"
	row "" "  (batch file $SIZE bytes; dump $(wc -c <"$TMP/dump.json") bytes)" "" "" "" "" ""
	if has time; then
		fresh_db cli-close.db big.db
		set -- $(CHEQUEDESK_PASSWORD=super-pw maxrss_of /dev/null \
			"$CD" batch close --json --user s01)
		CLI_CLOSE_S=$1 CLI_CLOSE_RSS=$2
	fi
fi

# --- P3: upload to the centre --------------------------------------------
if want P3 && has curl && has openssl-SM2; then
	note "P3: uploading $BATCH ($SIZE bytes), $REPS times each way"
	sqlite3 "$TMP/closed.db" "SELECT writefile('$TMP/batch.json', f.file) FROM batches b JOIN batch_files f ON f.batch = b.id WHERE b.batch_id = '$BATCH'" >/dev/null
	SIG=$(sqlite3 "$TMP/closed.db" "SELECT signature FROM batches WHERE batch_id = '$BATCH'")
	DIG=$(sqlite3 "$TMP/closed.db" "SELECT digest FROM batches WHERE batch_id = '$BATCH'")
	tu= tc= bad=0
	for i in $(seq "$REPS"); do
		fresh_centre
		fresh_db up.db closed.db
		set -- $("$CB" upload "$BATCH")
		[ "${2:-}" != "" ] && [ "$3" = received ] || bad=1
		tu="$tu $2" RSS_UPLOAD=$4
		note "upload: $2 s, $3, $4 KiB"
		fresh_centre
		set -- $(curl -sS -o "$TMP/curl.out" -w '%{http_code} %{time_total}' \
			--cacert "$CENTRE_CA" -X PUT \
			--cert "$CENTRE_DIR/0202.tls.pem" \
			--key "$CENTRE_DIR/0202.tls.key" \
			-H "X-Chequedesk-Branch: 0202" -H "Accept: application/json" \
			-H "Content-Type: application/json" -H "Expect:" \
			-H "X-Chequedesk-Signature: $SIG" \
			-H "X-Chequedesk-Digest: $DIG" \
			--data-binary "@$TMP/batch.json" \
			"$CENTRE_URL/v1/branches/0202/batches/$BATCH")
		[ "${1:-}" = 201 ] || { bad=1; note "curl: HTTP ${1:-?}: $(cat "$TMP/curl.out")"; }
		tc="$tc ${2:-0}"
		note "curl: HTTP ${1:-?}, ${2:-?} s"
	done
	T_UP=$(median $tu) T_CURL=$(median $tc)
	r=$(calc "$T_UP / $T_CURL")
	ok=$(awk "BEGIN { print ($r <= 1.1 && $bad == 0) ? 1 : 0 }")
	row P3 "upload batch of $N (loopback TLS)" "$T_UP s" \
		"$T_CURL s (curl)" "${r}x" "<=1.1x" "$(verdict "$ok")"
	if has time; then
		fresh_centre
		fresh_db cli-up.db closed.db
		set -- $(CHEQUEDESK_PASSWORD=super-pw maxrss_of /dev/null \
			"$CD" batch upload "$BATCH" --user s01)
		CLI_UP_S=$1 CLI_UP_RSS=$2
	fi
elif want P3; then
	row P3 "upload batch" "skipped: needs curl, openssl SM2" - - "<=1.1x" -
fi

# --- P4: first screen, and peak memory -----------------------------------
if want P4; then
	note "P4: start to sign-in screen, $REPS times ($N items stored)"
	fresh_db tui.db big.db
	frames= rss=0
	for i in $(seq $((REPS * 3))); do
		set -- $(env TERM=xterm LANG=C.UTF-8 "$PT" "User ID" 150 5000 "$CD")
		[ "${4:-0}" != -1 ] || { note "ptytime: no sign-in screen"; continue; }
		frames="$frames $4"
		[ "$5" -gt "$rss" ] && rss=$5
	done
	T_TUI=$(median $frames)
	ok=$(awk "BEGIN { print ($T_TUI < 50) ? 1 : 0 }")
	row P4 "start to sign-in screen drawn ($N items)" "$T_TUI ms" - - "<50 ms" "$(verdict "$ok")"
	RSS_TUI=$rss
	set -- $("$CB" list)
	RSS_LIST=$4 T_LIST=$2
	if has time; then
		set -- $(CHEQUEDESK_PASSWORD=teller-pw maxrss_of /dev/null \
			"$CD" cheque list --user t01)
		CLI_LIST_RSS=$2 CLI_LIST_S=$1
		set -- $(maxrss_of /dev/null "$CD" bill-types)
		BASE_RSS=$2
		set -- $(CHEQUEDESK_PASSWORD=super-pw maxrss_of /dev/null \
			"$CD" user list --user s01)
		KDF_RSS=$2
	fi
	# memory row: the worst of the operations without the sign-in KDF
	mib() { calc "$1 / 1024"; }
	worst=0
	for v in ${RSS_LIST:-0} ${RSS_CLOSE:-0} ${RSS_UPLOAD:-0} ${RSS_TUI:-0}; do
		[ "$v" -gt "$worst" ] && worst=$v
	done
	ok=$(awk "BEGIN { print ($worst < 16384) ? 1 : 0 }")
	row P4 "peak RSS, worst op, no KDF" "$(mib "$worst") MiB" - - "<16 MiB" "$(verdict "$ok")"
	row "" "  list (in-process)" "$(mib "${RSS_LIST:-0}") MiB" "$T_LIST s" "" "" ""
	row "" "  batch close (in-process)" "$(mib "${RSS_CLOSE:-0}") MiB" "" "" "" ""
	row "" "  batch upload (in-process)" "$(mib "${RSS_UPLOAD:-0}") MiB" "" "" "" ""
	row "" "  TUI start, sign-in screen" "$(mib "$RSS_TUI") MiB" "" "" "" ""
	if has time; then
		row P4 "peak RSS with sign-in (CLI)" "" - - "<16 MiB" "(KDF: see docs)"
		row "" "  bill-types (no sign-in)" "$(mib "$BASE_RSS") MiB" "" "" "" ""
		row "" "  user list (sign-in only)" "$(mib "$KDF_RSS") MiB" "" "" "" ""
		row "" "  cheque list" "$(mib "$CLI_LIST_RSS") MiB" "${CLI_LIST_S} s" "" "" ""
		[ -n "${CLI_CLOSE_RSS:-}" ] && row "" "  batch close" "$(mib "$CLI_CLOSE_RSS") MiB" "${CLI_CLOSE_S} s" "" "" ""
		[ -n "${CLI_UP_RSS:-}" ] && row "" "  batch upload" "$(mib "$CLI_UP_RSS") MiB" "${CLI_UP_S} s" "" "" ""
	fi
fi

# --- P5: 8 sessions registering at once ----------------------------------
if want P5; then
	note "P5: 1 session, then 8 sessions, $P5_N registrations each, $REPS rounds"
	fresh_db p5.db
	t1s= t8s= ERR8=0 BUSY8=0 first=40000000
	for i in $(seq "$REPS"); do
		set -- $("$CB" p5-worker "$P5_N" "$first" t01)
		t1s="$t1s $(calc "$2 * 1e9 / ($6 - $5)")"
		ERR8=$((ERR8 + $3)) BUSY8=$((BUSY8 + $4))
		pids=
		for k in 1 2 3 4 5 6 7 8; do
			"$CB" p5-worker "$P5_N" $((first + k * P5_N)) t01 \
				>"$TMP/p5.$k" 2>>"$TMP/p5.err" &
			pids="$pids $!"
		done
		for p in $pids; do
			wait "$p"
		done
		first=$((first + 9 * P5_N))
		set -- $(cat "$TMP"/p5.[1-8] | awk '
			$1 == "p5" { ok += $2; err += $3; busy += $4; n++
				if (s == "" || $5 < s) s = $5; if ($6 > e) e = $6 }
			END { printf "%d %d %d %d %.2f", n, ok, err, busy, ok * 1e9 / (e - s) }')
		t8s="$t8s $5" ERR8=$((ERR8 + $3 + 8 - $1)) BUSY8=$((BUSY8 + $4))
		note "P5 round $i: 1 session $(echo $t1s | awk '{print $NF}')/s, 8 sessions $5/s"
	done
	THR1=$(median $t1s) THR8=$(median $t8s)
	r=$(calc "$THR8 / (8 * $THR1)")
	ok=$(awk "BEGIN { print ($r >= 0.8 && $ERR8 == 0) ? 1 : 0 }")
	row P5 "8 sessions vs 8x one (items/s)" "$THR8/s" "8x$THR1/s" "${r}x" ">=0.8x, 0 err" "$(verdict "$ok")"
	row "" "  8 sessions vs 1 session; errors (busy)" "$(calc "$THR8 / $THR1")x" "" "" "" "errors $ERR8 ($BUSY8)"
fi

# --- P6: keystrokes ------------------------------------------------------
if want P6; then
	if has tmux; then
		note "P6: keys to register a cheque in the screens"
		set -- $(sh -c ". '$top_srcdir/bench/p6-keys.sh'" \
			"$top_srcdir/tests/screens/bench-p6" 2>"$TMP/p6.err")
		if [ "${1:-}" = p6 ]; then
			row P6 "keys: every field typed" "$2 keys" "$3 chars" "$(calc "$2 / $3")" "<=chars+2" "$(verdict "$(awk "BEGIN { print ($2 <= $3 + 2) }")")"
			row P6 "keys: with MICR reader line" "$4 keys" "$5 chars" "$(calc "$4 / $5")" "<=chars+2" "$(verdict "$(awk "BEGIN { print ($4 <= $5 + 2) }")")"
		else
			note "P6 failed: $(cat "$TMP/p6.err")"
			row P6 "keys to register" failed - - - MISSED
		fi
	else
		row P6 "keys to register" "skipped: needs tmux" - - - -
	fi
fi

# The table.
echo
echo "chequedesk benchmarks - $(uname -m), $(nproc) CPUs, $(date '+%Y-%m-%d %H:%M'); N=$N, reps=$REPS"
[ -z "$MISSING" ] || echo "missing:$MISSING"
{
	printf 'P\tmeasure\tmeasured\tbaseline\tratio\ttarget\tresult\n'
	cat "$ROWS"
} | awk -F'\t' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i
		if (length($i) > w[i]) w[i] = length($i) } n = NR }
	END { for (r = 1; r <= n; r++) { line = ""
		for (i = 1; i <= 7; i++) line = line sprintf("%-" w[i] "s  ", c[r, i])
		sub(/ +$/, "", line); print line } }'
exit 0
