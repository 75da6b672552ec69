#!/bin/sh
# demo.sh - ./demo.sh, the README's first command, runs its whole story on
# the programs this tree built (CHEQUEDESK_DEMO_BIN): printing through its
# private cupsd, the close, the upload, the centre's notices and the
# report, and exits 0; and when a step cannot run (cupsd refuses to start,
# openssl has no SM2) it names the step and the cause and exits non-zero.
. "$(dirname "$0")/../cli/lib.sh"
need jq jq
need escp2topbm netpbm

# demo [ENV...]: run the demo in a clean environment of its own; its output
# in $OUT (stdout and stderr), its status in $RC.
demo() {
	OUT=$(env -u CHEQUEDESK_DB -u CHEQUEDESK_CONFIG -u CHEQUEDESK_NOW \
		-u CUPS_SERVER TMPDIR="$TMP" CHEQUEDESK_DEMO_BIN="$top_builddir" \
		"$@" sh "$top_srcdir/demo.sh" </dev/null 2>&1)
	RC=$?
}

demo
expect_rc 0 "the demo's story runs to its end"
[ "$RC" -eq 0 ] || printf '%s\n' "$OUT" | tail -30 >&2
DEMO=$(printf '%s\n' "$OUT" | sed -n 's/^Demo data: \(.*\) (remove.*/\1/p')
[ -n "$DEMO" ] && [ -d "$DEMO" ] && pass || fail "the demo names its data"
expect_in "Cheque 2 printed on counter1" "$OUT" "cheques printed"
jobs=$(ls "$DEMO"/run/cups/jobs/counter1-*.bin 2>/dev/null | wc -l)
[ "$jobs" -ge 5 ] && pass ||
	fail "the passbook queue received $jobs jobs, expected 5 or more"
head -c 4 "$DEMO/job-1-raster.png" 2>/dev/null | grep -q PNG && pass ||
	fail "no PNG of job 1's raster"
expect_in "closed" "$OUT" "the batch is closed"
expect_eq "$(sqlite3 "$DEMO/branch.db" \
	"SELECT count(*) FROM batches WHERE state <> 'closed'")" "1" \
	"the batch left the branch (uploaded)"
expect_eq "$(sqlite3 "$DEMO/branch.db" "SELECT status FROM items \
	WHERE serial = '10234568'")" "rejected" "the centre's rejection arrived"
expect_eq "$(sqlite3 "$DEMO/branch.db" "SELECT status FROM items \
	WHERE serial = '30110002'")" "returned" "the bill's return arrived"
expect_in "It matches 1 anchor in the batch files the centre received" \
	"$OUT" "the audit trail checked against the centre's anchor"
expect_in "was printed on \"office\"" "$OUT" "the day's report printed"
[ -s "$DEMO/day-report.csv" ] && pass || fail "no CSV report"
expect_in "共 3 笔" "$OUT" "the list in Chinese"
expect_eq "$(sqlite3 "$DEMO/branch.db" "SELECT status FROM items \
	WHERE serial = '10234570'")" "accepted" \
	"the centre read the payment password and accepted the cheque"
for f in "$DEMO"/branch.db*; do
	grep -c 4821736950124587 "$f" >/dev/null &&
		fail "the payment password is in clear in $f" || pass
done
rm -rf "$DEMO"

# cupsd that refuses to start: the demo stops there, naming it and why.
mkdir -p "$TMP/bad"
cat >"$TMP/bad/cupsd" <<'EOF'
#!/bin/sh
echo "cupsd: Unable to read configuration file (demo test)" >&2
exit 1
EOF
chmod +x "$TMP/bad/cupsd"
demo PATH="$TMP/bad:$PATH"
[ "$RC" -ne 0 ] && pass || fail "the demo exits 0 without a cupsd"
expect_in "printing cannot run: cupsd did not start" "$OUT" \
	"the demo names the print scheduler"
expect_in "Unable to read configuration file (demo test)" "$OUT" \
	"cupsd's own message is shown"
expect_in "apt-get install cups-daemon cups-client" "$OUT" \
	"the demo says what to install"
expect_in "FAILED while \"Printing" "$OUT" "the step is named"
case $OUT in
*"The clearing centre"*) fail "the demo went on without printing" ;;
*) pass ;;
esac

# An openssl without SM2: refused before the story starts.
cat >"$TMP/bad/openssl" <<'EOF'
#!/bin/sh
echo "genpkey: Algorithm SM2 not found" >&2
exit 1
EOF
chmod +x "$TMP/bad/openssl"
rm -f "$TMP/bad/cupsd"
demo PATH="$TMP/bad:$PATH"
[ "$RC" -ne 0 ] && pass || fail "the demo exits 0 without SM2"
expect_in "the openssl command lacks SM2" "$OUT" "the demo names SM2"
rm -rf "$TMP"/chequedesk-demo.*

finish
