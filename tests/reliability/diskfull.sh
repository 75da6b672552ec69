#!/bin/sh
# diskfull.sh - the disk holding the database fills up (issue #7): while
# registering, printing (before and while the job prints), closing a batch,
# writing the batch file out, uploading and polling. Each is refused with a
# message that says the disk is full, where, and what to do; nothing is
# half-written (integrity_check, the audit chain, an audit row for every
# item, no partial or temporary file left); once the space is freed the
# same work goes through. The database lives on a small tmpfs (root only:
# SKIP, 77, when it cannot be mounted). The batch files live in the
# database (batch_files.file); the configuration and the branch key are only
# read by this work.
. "$(dirname "$0")/../exchange/lib.sh"

DISK=$TMP/disk
HOLDER=
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=16m,mode=0755 tmpfs "$DISK" 2>"$TMP/mount.err"; then
	echo "SKIP: cannot mount a tmpfs for the full disk (needs root):" \
		"$(cat "$TMP/mount.err")" >&2
	rm -rf "$TMP"
	exit 77
fi
# on the way out: let go of the database, unmount, then the fixtures
trap 'release; umount "$DISK" 2>/dev/null || umount -l "$DISK";
	centre_stop; cups_stop; rm -rf "$TMP"' EXIT

export CHEQUEDESK_DB=$DISK/branch.db
exchange_setup "decide_after 0"

# fill: take every free block of the disk.
fill() {
	dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
	sync
	[ "$(df -k --output=avail "$DISK" | tail -1 | tr -d ' ')" -eq 0 ] ||
		{ echo "fill: the disk is not full" >&2; exit 99; }
}

# free_space: give the space back.
free_space() {
	rm -f "$DISK/filler"
}

# hold: keep the database open in another process, as a second terminal
# or the screens would, so its -wal and -shm files stay and a write has
# to grow the -wal: the disk then fills in the middle of a transaction.
hold() {
	mkfifo "$TMP/hold"
	sqlite3 "$CHEQUEDESK_DB" <"$TMP/hold" >/dev/null 2>&1 &
	HOLDER=$!
	exec 3>"$TMP/hold"
	echo "SELECT count(*) FROM items;" >&3
}

# release: close the other connection.
release() {
	[ -n "$HOLDER" ] || return 0
	exec 3>&-
	wait "$HOLDER" 2>/dev/null
	HOLDER=
	rm -f "$TMP/hold"
}

# expect_full WHAT: the last command was refused for the full disk: the
# database's class (7), the words, the folder to free, nothing else.
expect_full() {
	expect_rc 7 "$1: refused"
	expect_in "the disk holding the database is full" "$ERR" "$1: says why"
	expect_in "Free some space in $DISK" "$ERR" "$1: says where"
	case "$ERR" in
	*"I/O error"* | *SQLITE* | *errno*) fail "$1: a bare error: $ERR" ;;
	*) pass ;;
	esac
}

# whole WHAT: the database is whole, the audit chain intact, every item
# has its audit row, and no temporary file lies on the disk.
whole() {
	expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "$1: integrity_check"
	expect_eq "$(sql "SELECT count(*) FROM items i WHERE NOT EXISTS \
		(SELECT 1 FROM audit a WHERE a.object = 'item:' || i.id)")" \
		"0" "$1: every item has its audit row"
	super audit verify
	expect_rc 0 "$1: the audit chain is intact"
	expect_eq "$(find "$DISK" -name '*.tmp*' -o -name '*.new' | wc -l)" \
		"0" "$1: no temporary file left"
}

# jobs: how many jobs the printer has delivered.
jobs() {
	find "$CUPS_JOBS" -name 'plq-*.bin' | wc -l
}

# ---- With nothing else holding the database open ---------------------
# Even opening it needs room (the -shm file): every command is refused.
fill
teller cheque add --serial 50000001 --bank 0201 --account \
	6222020200001234567 --amount 100.00 --type 01
expect_full "register, no room even to open"
free_space
teller cheque add --serial 50000001 --bank 0201 --account \
	6222020200001234567 --amount 100.00 --type 01 --json
expect_rc 0 "register once the space is back"
FIRST=$(printf '%s' "$OUT" | jq -r .id)
whole "after opening on a full disk"

# In Chinese: the same message, translated.
fill
export LANGUAGE=zh_CN
teller cheque add --serial 50000009 --bank 0201 --account \
	6222020200001234567 --amount 100.00 --type 01
export LANGUAGE=
expect_rc 7 "zh_CN: refused"
expect_in "$DISK" "$ERR" "zh_CN: names the folder"
expect_in "磁盘" "$ERR" "zh_CN: the message is in Chinese"
expect_in "释放" "$ERR" "zh_CN: says to free some space"
free_space

# ---- Another process holds it open: the disk fills mid-transaction ----
hold

# Registering.
ITEMS=$(sql "SELECT count(*) FROM items")
fill
teller cheque add --serial 50000002 --bank 0201 --account \
	6222020200001234567 --amount 200.00 --type 01
expect_full "register"
expect_eq "$(sql "SELECT count(*) FROM items")" "$ITEMS" "register: no item"
free_space
whole "register refused"
teller cheque add --serial 50000002 --bank 0201 --account \
	6222020200001234567 --amount 200.00 --type 01 --json
expect_rc 0 "register again"
ID=$(printf '%s' "$OUT" | jq -r .id)
expect_eq "$(sql "SELECT count(*) FROM items WHERE serial = '50000002'")" \
	"1" "register: once"

# Printing on a full disk: refused before anything goes to the printer.
JOBS=$(jobs)
fill
teller print cheque "$ID"
expect_full "print"
sleep 1
expect_eq "$(jobs)" "$JOBS" "print: nothing reached the printer"
expect_eq "$(sql "SELECT count(*) FROM print_jobs WHERE item_id = $ID")" \
	"0" "print: no job recorded"
free_space
whole "print refused"
teller print cheque "$ID"
expect_rc 0 "print once the space is back"
expect_eq "$(jobs)" "$((JOBS + 1))" "print: one job"

# The disk fills while the job prints: the paper is out but cannot be
# recorded; the next print records it without printing twice.
teller print cheque "$FIRST" --json >/dev/null
JOBS=$(jobs)
teller cheque add --serial 50000003 --bank 0201 --account \
	6222020200001234567 --amount 300.00 --type 01 --json
ID3=$(printf '%s' "$OUT" | jq -r .id)
cups_slow plq 5
CHEQUEDESK_PASSWORD=teller-pw "$CD" print cheque "$ID3" --user t01 \
	>"$TMP/bg.out" 2>"$TMP/bg.err" &
BG=$!
i=0
while [ "$(sql "SELECT count(*) FROM print_jobs WHERE item_id = $ID3")" = 0 ] &&
	[ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
fill
wait "$BG"
RC=$?
ERR=$(cat "$TMP/bg.err")
cups_slow plq
expect_full "printed, not recorded"
expect_in "was printed" "$ERR" "printed, not recorded: says the paper is out"
expect_in "without printing twice" "$ERR" "printed, not recorded: what to do"
expect_eq "$(jobs)" "$((JOBS + 1))" "printed, not recorded: one job"
expect_eq "$(sql "SELECT state FROM print_jobs WHERE item_id = $ID3")" \
	"sent" "printed, not recorded: the job stays to be settled"
free_space
whole "printed, not recorded"
teller print cheque "$ID3"
expect_rc 0 "print again settles it"
expect_in "Nothing was sent again" "$OUT" "print again: recorded, not printed"
expect_eq "$(jobs)" "$((JOBS + 1))" "print again: still one job"
expect_eq "$(sql "SELECT prints FROM items WHERE id = $ID3")" "1" \
	"print again: marked printed"

# Closing the batch.
fill
super batch close
expect_full "close"
expect_eq "$(sql "SELECT count(*) FROM batches")" "0" "close: no batch"
expect_eq "$(sql "SELECT count(*) FROM items WHERE batch IS NOT NULL")" \
	"0" "close: no item in a batch"
free_space
whole "close refused"
close_batch
expect_eq "$(sql "SELECT count(*) FROM items WHERE batch IS NOT NULL")" \
	"3" "close: every item in the batch"

# Writing the batch file out onto the full disk: no partial file.
fill
super batch show "$BATCH" --file "$DISK/batch.json"
expect_rc 3 "batch file on a full disk"
expect_in "is full" "$ERR" "batch file: says the disk is full"
expect_in "$DISK/batch.json" "$ERR" "batch file: names it"
[ -e "$DISK/batch.json" ] && fail "batch file: a partial file was left" || pass
expect_eq "$(find "$DISK" -name 'batch.json*' | wc -l)" "0" \
	"batch file: no temporary file left"
free_space
super batch show "$BATCH" --file "$DISK/batch.json"
expect_rc 0 "batch file once the space is back"
sql "SELECT writefile('$TMP/db.json', file) FROM batch_files" >/dev/null
cmp -s "$DISK/batch.json" "$TMP/db.json" && pass ||
	fail "batch file: not the signed bytes"

# Uploading: the state cannot be saved, so nothing goes out.
fill
super batch upload "$BATCH"
expect_full "upload"
expect_eq "$(centre_count 50000001)" "0" "upload: nothing sent"
free_space
super batch upload "$BATCH"
expect_rc 0 "upload once the space is back"
expect_eq "$(sql "SELECT state FROM batches")" "received" "upload: received"

# Polling: nothing applied, the cursor stays, the centre not acknowledged.
sleep 1 # the centre decides
fill
super poll
expect_full "poll"
expect_eq "$(sql "SELECT count(*) FROM notices")" "0" "poll: nothing applied"
expect_eq "$(sql "SELECT cursor FROM centre")" "0" "poll: the cursor stays"
expect_eq "$(sqlite3 "$CENTRE_DB" "SELECT count(*) FROM notices \
	WHERE acknowledged = 0")" "3" "poll: nothing acknowledged"
free_space
whole "poll refused"
super poll
expect_rc 0 "poll once the space is back"
expect_eq "$(sql "SELECT count(*) FROM notices")" "3" "poll: every notice"
expect_eq "$(sql "SELECT group_concat(status) FROM items")" \
	"accepted,accepted,accepted" "poll: every answer applied"
expect_eq "$(sqlite3 "$CENTRE_DB" "SELECT count(*) FROM notices \
	WHERE acknowledged = 0")" "0" "poll: acknowledged"

release
whole "at the end"
finish
