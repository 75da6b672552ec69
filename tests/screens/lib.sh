# lib.sh - drive the real chequedesk screens in a private tmux server and
# compare captured panes with the expected screens in tests/screens/expected.
# Set UPDATE_EXPECTED=1 to (re)write the expected screens after checking
# them by eye.

. "$(dirname "$0")/../cli/lib.sh"
need tmux tmux

export TZ=UTC
EXPECTED="$top_srcdir/tests/screens/expected"
SOCK="chequedesk-test-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# tm ARGS...: tmux on the private server.
tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

# start_screens [COLS LINES]: run chequedesk in a new pane.
start_screens() {
	tm -u new-session -d -s cd -x "${1:-80}" -y "${2:-24}" \
		"env LANG=C.UTF-8 LANGUAGE=${LANGUAGE:-} TERM=screen \
		CHEQUEDESK_DATADIR='$CHEQUEDESK_DATADIR' \
		CHEQUEDESK_DB='$CHEQUEDESK_DB' CHEQUEDESK_CONFIG='$CHEQUEDESK_CONFIG' \
		CHEQUEDESK_NOW='$CHEQUEDESK_NOW' \
		CHEQUEDESK_LOCALEDIR='${CHEQUEDESK_LOCALEDIR:-}' TZ=UTC \
		${CUPS_SERVER:+CUPS_SERVER='$CUPS_SERVER'} \
		${KEYLOG:+CHEQUEDESK_KEYLOG='$KEYLOG'} \
		'$CD'; echo EXITED \$?; sleep 60"
	wait_for "$(signin_marker)"
}

# signin_marker: text the sign-in screen shows in the current language.
signin_marker() {
	if [ "${LANGUAGE:-}" = zh_CN ]; then echo "用户号"; else echo "User ID"; fi
}

# keys ARGS...: send keys (tmux key names) and let the screen settle.
keys() {
	tm send-keys -t cd "$@"
	sleep 0.15
}

# capture: the pane as text.
capture() {
	tm capture-pane -p -t cd
}

# wait_for TEXT: wait up to 15 s (generous for a sanitizer build on a busy
# machine; it returns as soon as TEXT shows) until the pane shows TEXT.
wait_for() {
	local i=0
	while [ $i -lt 150 ]; do
		capture | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen never showed \"$1\""
	capture >&2
	return 1
}

# expect_screen NAME: the pane equals expected/NAME.txt.
expect_screen() {
	local want="$EXPECTED/$1.txt" got="$TMP/$1.got" i
	sleep 0.2
	capture >"$got"
	if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
		cp "$got" "$want"
		pass
		return
	fi
	# A slow redraw (a sanitizer build, a busy machine) gets up to 5 s
	# more before the screen counts as different.
	i=0
	while ! cmp -s "$want" "$got" && [ $i -lt 50 ]; do
		sleep 0.1
		capture >"$got"
		i=$((i + 1))
	done
	if diff -u "$want" "$got" >"$TMP/diff"; then
		pass
	else
		fail "screen $1 differs from the expected one:"
		cat "$TMP/diff" >&2
	fi
}

# press KEYS...: send keys one by one, counting them in N. N is what the
# script sent, so it cannot tell how many keys the program needed: a count
# to check against a limit comes from the key log (keylog_* below).
N=0
press() {
	for k in "$@"; do
		tm send-keys -t cd "$k"
		N=$((N + 1))
	done
}

# type_chars STRING: press each character of STRING.
type_chars() {
	s=$1
	while [ -n "$s" ]; do
		rest=${s#?}
		press "${s%"$rest"}"
		s=$rest
	done
}

# The key log: set KEYLOG=FILE before start_screens and the program
# (CHEQUEDESK_KEYLOG) appends one line per key it consumed, "WHERE<tab>KEY".

# keylog_lines: how many keys the program has consumed so far.
keylog_lines() {
	if [ -f "$KEYLOG" ]; then
		wc -l <"$KEYLOG" | tr -d ' '
	else
		echo 0
	fi
}

# keylog_wait_enter FROM: wait up to 15 s until the program has consumed an
# Enter logged after line FROM; prints that Enter's line number.
keylog_wait_enter() {
	local i=0 at
	while [ $i -lt 150 ]; do
		at=$(awk -F'\t' -v from="$1" \
			'NR > from && $2 == "^M" { print NR; exit }' \
			"$KEYLOG" 2>/dev/null)
		[ -n "$at" ] && { echo "$at"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	fail "the program never consumed an Enter after key $1"
	return 1
}
