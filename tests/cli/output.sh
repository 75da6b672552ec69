#!/bin/sh
# output.sh - output that cannot be written is an error (#14): with stdout
# on a full device, closed, or a pipe nobody reads, every command exits
# non-zero and says why (in English and in Chinese); files written with
# --preview, --file and --public that cannot be written fail naming the
# file and the reason, and a device is never replaced by a file.
. "$(dirname "$0")/lib.sh"
need perl perl-base
new_branch

# full WHO PASSWORD ARGS...: run as a signed-in user with stdout on a full
# device (/dev/full); stderr in $ERR and the exit status in $RC.
full() {
	local user=$1 pw=$2
	shift 2
	CHEQUEDESK_PASSWORD="$pw" "$CD" "$@" --user "$user" \
		>/dev/full 2>"$TMP/stderr"
	RC=$?
	ERR=$(cat "$TMP/stderr")
}

# unread ARGS...: run chequedesk as s01 writing to a pipe whose reader has
# already gone, with SIGPIPE ignored, so every write fails with EPIPE.
unread() {
	CHEQUEDESK_PASSWORD=super-pw perl -e '
		pipe(R, W) or die "pipe: $!";
		close R;
		open(STDOUT, ">&", \*W) or die "dup: $!";
		close W;
		$SIG{PIPE} = "IGNORE";
		exec @ARGV or die "exec: $!";' "$CD" "$@" --user s01 \
		2>"$TMP/stderr"
	RC=$?
	ERR=$(cat "$TMP/stderr")
}

MSG="could not write the output: No space left on device"

teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56 --type 01
expect_rc 0 "a cheque to list"

# --- stdout: each command with a normal stdout, then on a full device ---
for cmd in "report day --format csv" "report day" "cheque list" \
	"cheque list --json" "audit list --json" "bank list" "user list"; do
	# shellcheck disable=SC2086 # the words of the command
	super $cmd
	expect_rc 0 "$cmd to a normal stdout"
	expect_eq "$ERR" "" "$cmd to a normal stdout: no message"
	# shellcheck disable=SC2086
	full s01 super-pw $cmd
	[ "$RC" -ne 0 ] && pass || fail "$cmd to /dev/full: exit status 0"
	expect_rc 1 "$cmd to /dev/full"
	expect_in "chequedesk: $MSG" "$ERR" "$cmd to /dev/full: says so"
done

for opt in --help --version; do
	OUT=$("$CD" $opt 2>"$TMP/stderr")
	RC=$?
	expect_rc 0 "$opt to a normal stdout"
	"$CD" $opt >/dev/full 2>"$TMP/stderr"
	RC=$?
	ERR=$(cat "$TMP/stderr")
	expect_rc 1 "$opt to /dev/full"
	expect_in "$MSG" "$ERR" "$opt to /dev/full: says so"
done
"$CD" cheque list --help >/dev/full 2>"$TMP/stderr"
RC=$?
ERR=$(cat "$TMP/stderr")
expect_rc 1 "a command's --help to /dev/full"

# A command that failed already says why once, with its own status.
full s01 super-pw cheque show 999
expect_rc 6 "a failed command keeps its status"
case "$ERR" in
*"could not write the output"*) fail "a failed command: a second message" ;;
*) pass ;;
esac
full s01 wrong-pw cheque list
expect_rc 4 "a refused sign-in keeps its status"

# In the user's language (the reason comes from the C library).
LANGUAGE=zh_CN full s01 super-pw bank list
expect_rc 1 "zh_CN: bank list to /dev/full"
expect_in "chequedesk: 无法写出输出内容：" "$ERR" "zh_CN: says so in Chinese"

# Stdout closed (>&-), and a pipe whose reader has gone (EPIPE).
CHEQUEDESK_PASSWORD=super-pw "$CD" cheque list --user s01 \
	>&- 2>"$TMP/stderr"
RC=$?
ERR=$(cat "$TMP/stderr")
expect_rc 1 "cheque list with stdout closed"
expect_in "could not write the output: Bad file descriptor" "$ERR" \
	"stdout closed: says so"
unread cheque list --json
expect_rc 1 "cheque list --json into a closed pipe"
expect_in "could not write the output: Broken pipe" "$ERR" \
	"closed pipe: says so"

# --- files: a PNG preview ---
teller print cheque 1 --profile epson-plq20 --preview "$TMP/p.png"
expect_rc 0 "a preview to a file"
expect_eq "$(head -c 4 "$TMP/p.png" | tail -c 3)" "PNG" "the preview is a PNG"
teller print cheque 1 --profile epson-plq20 --preview /dev/full
[ "$RC" -ne 0 ] && pass || fail "a preview to /dev/full: exit status 0"
expect_in "Cannot write the image file /dev/full: No space left on device" \
	"$ERR" "a preview to /dev/full: names the file and the reason"
[ -c /dev/full ] && pass || fail "/dev/full is still a device"

# --- files: the public key and a batch file ---
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new --no-backup
expect_rc 0 "key new"
super key export --public "$TMP/for-centre.pub"
expect_rc 0 "key export --public to a file"
expect_in "BEGIN PUBLIC KEY" "$(cat "$TMP/for-centre.pub")" "a PEM key"
super key export --public /dev/full
[ "$RC" -ne 0 ] && pass || fail "key export to /dev/full: exit status 0"
expect_in "/dev/full (No space left on device)" "$ERR" \
	"key export to /dev/full: names the file and the reason"
[ -c /dev/full ] && pass || fail "/dev/full is not replaced by a file"
full s01 super-pw key export --public "$TMP/again.pub"
expect_rc 1 "key export, its report to /dev/full"
expect_in "$MSG" "$ERR" "key export to a full stdout: says so"

# Stands in for printing (tests/print covers it): the cheque is printed.
sql "UPDATE items SET status = 'printed', prints = 1"
CHEQUEDESK_ACCESS_CODE=key-code-1 super batch close --json
expect_rc 0 "batch close"
BATCH=$(printf '%s' "$OUT" | jq -r .batch_id)
super batch show "$BATCH" --file "$TMP/b.json"
expect_rc 0 "batch show --file to a file"
expect_eq "$(sql "SELECT digest FROM batches")" \
	"$(openssl dgst -sm3 -r "$TMP/b.json" | cut -d' ' -f1)" \
	"the whole batch file"
super batch show "$BATCH" --file /dev/full
[ "$RC" -ne 0 ] && pass || fail "batch show --file /dev/full: exit status 0"
expect_in "/dev/full" "$ERR" "batch show --file /dev/full: names the file"
expect_in "full" "$ERR" "batch show --file /dev/full: says it is full"
[ -c /dev/full ] && pass || fail "/dev/full is still a device"
ls "$TMP"/b.json.tmp-* >/dev/null 2>&1 &&
	fail "a temporary batch file was left behind" || pass
full s01 super-pw batch show "$BATCH"
expect_rc 1 "batch show to /dev/full"
expect_in "$MSG" "$ERR" "batch show to /dev/full: says so"

finish
