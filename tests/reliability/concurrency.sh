#!/bin/sh
# concurrency.sh - eight command-line processes and two screens in tmux
# register on one database at the same time (after eight terminals started
# at once on a file of the previous schema): no "busy" or "locked" error
# reaches anyone, nothing is lost, every item has its audit row, the audit
# chain verifies and the open screens do not hold the write-ahead log.
. "$(dirname "$0")/../screens/lib.sh"
new_branch
add_user t02 teller "张伟" teller2-pw
add_user t03 teller "刘洋" teller3-pw

PROCS=${CONCURRENCY_PROCS:-8}
MIN_ROUNDS=${CONCURRENCY_MIN_ROUNDS:-25} # each process, at least
MAX_ROUNDS=${CONCURRENCY_MAX_ROUNDS:-60} # and at most, while screens work
SCREEN_CHEQUES=${CONCURRENCY_SCREEN_CHEQUES:-30}
STOP="$TMP/stop"
BUSY_RE='busy|database is locked|unexpected database error|Nothing was saved'

# q QUERY: a query that waits for a writer rather than failing.
q() {
	sqlite3 -cmd '.timeout 30000' "$CHEQUEDESK_DB" "$1"
}

# loop P: process P registers cheques and bills (bag add, into the shared
# open bag) until told to stop; each success is one line in ok.P, each
# failure's stderr goes to err.P.
loop() {
	local p=$1 n=0 serial
	: >"$TMP/ok.$p"
	: >"$TMP/err.$p"
	while [ "$n" -lt "$MAX_ROUNDS" ]; do
		[ "$n" -ge "$MIN_ROUNDS" ] && [ -f "$STOP" ] && break
		n=$((n + 1))
		serial=$(printf '%d%07d' "$p" "$n")
		if [ $((n % 3)) -eq 0 ]; then
			CHEQUEDESK_PASSWORD=teller-pw "$CD" bag add --user t01 \
				--bank 0401 --type 03 --serial "$serial" \
				--amount "$n.0$p" >/dev/null 2>"$TMP/e.$p"
		else
			CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add \
				--user t01 --serial "$serial" --bank 0201 \
				--account 6222020200001234 --amount "$n.0$p" \
				>/dev/null 2>"$TMP/e.$p"
		fi
		rc=$?
		cat "$TMP/e.$p" >>"$TMP/err.$p"
		if [ "$rc" -eq 0 ]; then
			echo "$serial" >>"$TMP/ok.$p"
		else
			echo "exit $rc for $serial" >>"$TMP/err.$p"
		fi
	done
}

# screen_start NAME USER PASSWORD: a screen session signed in as USER on
# the cheque form.
screen_start() {
	tm -u new-session -d -s "$1" -x 80 -y 24 \
		"env LANG=C.UTF-8 LANGUAGE= TERM=screen \
		CHEQUEDESK_DATADIR='$CHEQUEDESK_DATADIR' \
		CHEQUEDESK_DB='$CHEQUEDESK_DB' CHEQUEDESK_CONFIG='$CHEQUEDESK_CONFIG' \
		CHEQUEDESK_NOW='$CHEQUEDESK_NOW' TZ=UTC \
		'$CD' 2>>'$TMP/screen-$1.err'; echo EXITED \$?; sleep 600"
	screen_wait "$1" "User ID" || return 1
	tm send-keys -t "$1" "$2" Enter "$3" Enter
	sleep 0.5
	tm send-keys -t "$1" F3
	screen_wait "$1" "Register cheque"
}

# screen_wait NAME TEXT: wait (up to 60 s: the machine may be loaded) for
# TEXT in the pane; a pane showing a busy error ends the wait at once.
screen_wait() {
	local i=0
	while [ $i -lt 300 ]; do
		tm capture-pane -p -t "$1" >"$TMP/pane.$1"
		grep -qF -- "$2" "$TMP/pane.$1" && return 0
		grep -qiE "$BUSY_RE" "$TMP/pane.$1" && break
		sleep 0.2
		i=$((i + 1))
	done
	fail "screen $1 never showed \"$2\":"
	cat "$TMP/pane.$1" >&2
	return 1
}

# screen_cheques NAME PREFIX: register SCREEN_CHEQUES cheques by keystrokes,
# looking at the list (which reads while others write) after every fifth;
# each saved serial is one line in ok.NAME.
screen_cheques() {
	local i=0 serial
	: >"$TMP/ok.$1"
	while [ $i -lt "$SCREEN_CHEQUES" ]; do
		i=$((i + 1))
		serial=$(printf '%s%06d' "$2" "$i")
		tm send-keys -t "$1" "$serial" 0201 6222020200001234 Enter
		tm send-keys -t "$1" "$i.50" F2
		screen_wait "$1" "serial $serial," || return 1
		echo "$serial" >>"$TMP/ok.$1"
		if grep -qiE "$BUSY_RE" "$TMP/pane.$1"; then
			fail "screen $1 showed an error after $serial:"
			cat "$TMP/pane.$1" >&2
		fi
		if [ $((i % 5)) -eq 0 ]; then
			tm send-keys -t "$1" F5
			screen_wait "$1" "Items of" || return 1
			tm send-keys -t "$1" F3
			screen_wait "$1" "Register cheque" || return 1
		fi
	done
}

# The day after an upgrade every terminal starts at once on a file of the
# previous schema (3): one upgrades it, the others wait and use it.
sqlite3 "$CHEQUEDESK_DB" "PRAGMA foreign_keys = OFF; BEGIN;
CREATE TABLE users_old (id TEXT PRIMARY KEY, name TEXT NOT NULL,
 role TEXT NOT NULL CHECK (role IN ('teller', 'supervisor')),
 pw_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
 created_at TEXT NOT NULL, created_by TEXT);
INSERT INTO users_old SELECT id, name, role, pw_hash, active, created_at,
 created_by FROM users;
DROP TABLE users; ALTER TABLE users_old RENAME TO users;
DROP TABLE sessions; DROP TABLE branch_key;
ALTER TABLE audit DROP COLUMN hash; ALTER TABLE audit DROP COLUMN prev;
ALTER TABLE audit DROP COLUMN auth;
DROP TABLE batch_files;
ALTER TABLE batches ADD COLUMN file BLOB NOT NULL DEFAULT x'';
ALTER TABLE items RENAME COLUMN paykey_sm2 TO paykey;
PRAGMA user_version = 3; COMMIT;" || { echo "no schema 3 file" >&2; exit 99; }
p=0
while [ "$p" -lt "$PROCS" ]; do
	p=$((p + 1))
	(
		serial=$(printf '%d%07d' "$p" 0)
		CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add --user t01 \
			--serial "$serial" --bank 0201 --account 6222020200001234 \
			--amount "$p.00" >/dev/null 2>"$TMP/err.up$p" &&
			echo "$serial" >"$TMP/ok.up$p"
	) &
done
wait
expect_eq "$(cat "$TMP"/err.up*)" "" "every terminal starts after the upgrade"
expect_eq "$(q 'PRAGMA user_version')" "7" "upgraded once"

screen_start sa t02 teller2-pw || exit 1
screen_start sb t03 teller3-pw || exit 1

START=$(date +%s)
p=0
while [ "$p" -lt "$PROCS" ]; do
	p=$((p + 1))
	loop "$p" &
done
sleep 1
# Both screens type at once, while the command line registers.
screen_cheques sa 91 &
SA=$!
screen_cheques sb 92
wait "$SA"
touch "$STOP"
wait
echo "concurrency.sh: $(($(date +%s) - START)) s for $(cat "$TMP"/ok.* | wc -l) registrations"

# No error reached anyone.
errs=$(cat "$TMP"/err.* "$TMP"/screen-*.err 2>/dev/null)
expect_eq "$errs" "" "no command or screen failed"
for s in sa sb; do
	tm capture-pane -p -t "$s" >"$TMP/pane.$s"
	if grep -qiE "$BUSY_RE" "$TMP/pane.$s"; then
		fail "screen $s shows an error:"
		cat "$TMP/pane.$s" >&2
	else
		pass
	fi
	expect_eq "$(wc -l <"$TMP/ok.$s")" "$SCREEN_CHEQUES" \
		"screen $s saved all its cheques"
done

# Nothing lost, nothing twice.
acked=$(cat "$TMP"/ok.* | wc -l)
expect_eq "$(q 'SELECT count(*) FROM items')" "$acked" \
	"items stored = registrations acknowledged"
missing=0
for serial in $(cat "$TMP"/ok.*); do
	[ "$(q "SELECT count(*) FROM items WHERE serial = '$serial'")" = 1 ] ||
		missing=$((missing + 1))
done
expect_eq "$missing" "0" "every acknowledged serial stored once"
expect_eq "$(q "SELECT count(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM \
	audit a WHERE a.object = 'item:' || i.id)")" "0" \
	"every item has its audit record"
expect_eq "$(q "SELECT count(*) FROM bags WHERE status = 'open'")" "1" \
	"the bills share one open bag"
expect_eq "$(q 'SELECT count(*) FROM items WHERE bag_id IS NULL AND kind = '"'bill'")" \
	"0" "every bill is in the bag"

# The chain is whole, the file too.
super audit verify
expect_rc 0 "audit verify"
expect_in "intact" "$OUT" "the audit trail is intact"
expect_eq "$(q 'PRAGMA integrity_check')" "ok" "integrity_check"

# The screens, still open, hold no read transaction: a checkpoint can copy
# the whole write-ahead log back into the file (else the log would grow
# all day and a screen's next save could fail on an old snapshot).
i=0
while :; do
	ck=$(q 'PRAGMA wal_checkpoint(PASSIVE)')
	[ "$ck" = "0|${ck#0|*|}|${ck#0|*|}" ] && break
	i=$((i + 1))
	[ $i -ge 10 ] && break
	sleep 0.5
done
expect_eq "$ck" "0|${ck#0|*|}|${ck#0|*|}" \
	"a checkpoint copies every frame while the screens are open (busy|log|done)"
finish
