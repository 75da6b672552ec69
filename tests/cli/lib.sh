# lib.sh - shared set-up and assertions for the command-line tests.
# Each test sources this file, gets a private data directory, a branch with
# a supervisor (s01) and a teller (t01), and helpers that count failures.

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
CD="$top_builddir/chequedesk"
# The tests set the time with CHEQUEDESK_NOW, which only a build configured
# with --enable-test-clock reads: anything else would test the wrong day.
if ! LANGUAGE= LANG=C.UTF-8 "$CD" --version 2>/dev/null | grep -q "Built for tests"; then
	echo "FAIL: $CD was not configured with --enable-test-clock, so it" \
		"ignores the time the tests set (CHEQUEDESK_NOW); ./test.sh" \
		"builds the tests in build-test/ that way" >&2
	exit 99
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chequedesk-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The installed layout: data files, forms and printer profiles side by side.
mkdir -p "$TMP/data"
for f in "$top_srcdir"/data/*; do
	ln -s "$f" "$TMP/data/"
done
ln -s "$top_srcdir/forms" "$TMP/data/forms"
ln -s "$top_srcdir/printers" "$TMP/data/printers"
export CHEQUEDESK_DATADIR="$TMP/data"
export CHEQUEDESK_DB="$TMP/branch.db"
export CHEQUEDESK_CONFIG="$TMP/chequedesk.conf"
export CHEQUEDESK_NOW="2026-11-23 10:00"
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
unset CHEQUEDESK_USER CHEQUEDESK_PASSWORD CHEQUEDESK_NEW_PASSWORD
: >"$CHEQUEDESK_CONFIG"

# A message catalog laid out as gettext expects, compiled from the
# translation itself: gettext's po/Makefile rebuilds zh_CN.gmo only when
# the template changes, so a built catalog may lag behind zh_CN.po.
mkdir -p "$TMP/locale/zh_CN/LC_MESSAGES"
if ! msgfmt -o "$TMP/locale/zh_CN/LC_MESSAGES/chequedesk.mo" \
	"$top_srcdir/po/zh_CN.po" 2>"$TMP/msgfmt.err"; then
	echo "FAIL: cannot compile po/zh_CN.po:" "$(cat "$TMP/msgfmt.err")" >&2
	exit 99
fi
export CHEQUEDESK_LOCALEDIR="$TMP/locale"

FAILS=0
CHECKS=0

# fail MESSAGE: record a failed check.
fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL: $*" >&2
}

# pass: record a passed check.
pass() {
	CHECKS=$((CHECKS + 1))
}

# run ARGS...: run chequedesk, keeping stdout in $OUT, stderr in $ERR and
# the exit status in $RC.
run() {
	OUT=$("$CD" "$@" 2>"$TMP/stderr")
	RC=$?
	ERR=$(cat "$TMP/stderr")
}

# as USER PASSWORD ARGS...: run as a signed-in user.
as() {
	local user=$1 pw=$2
	shift 2
	OUT=$(CHEQUEDESK_PASSWORD="$pw" "$CD" "$@" --user "$user" 2>"$TMP/stderr")
	RC=$?
	ERR=$(cat "$TMP/stderr")
}

teller() { as t01 teller-pw "$@"; }
super() { as s01 super-pw "$@"; }

# expect_rc N WHAT: the last command exited with N.
expect_rc() {
	if [ "$RC" -eq "$1" ]; then
		pass
	else
		fail "$2: exit status $RC, expected $1 (stderr: $ERR)"
	fi
}

# expect_in TEXT HAYSTACK WHAT
expect_in() {
	case "$2" in
	*"$1"*) pass ;;
	*) fail "$3: \"$1\" not found in: $2" ;;
	esac
}

# expect_eq GOT WANT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass
	else
		fail "$3: got \"$1\", expected \"$2\""
	fi
}

# sql QUERY: run a query on the branch database.
sql() {
	sqlite3 "$CHEQUEDESK_DB" "$1"
}

# add_user ID ROLE NAME PASSWORD: a supervisor (s01) adds a user with a
# temporary password, and the user chooses PASSWORD at once (a new user
# must change the first password before working).
add_user() {
	CHEQUEDESK_NEW_PASSWORD=first-pass1 CHEQUEDESK_PASSWORD=super-pw \
		"$CD" user add "$1" --role "$2" --name "$3" --user s01 \
		>/dev/null || { echo "user add $1 failed" >&2; exit 99; }
	CHEQUEDESK_PASSWORD=first-pass1 CHEQUEDESK_NEW_PASSWORD="$4" \
		"$CD" passwd --user "$1" >/dev/null ||
		{ echo "passwd $1 failed" >&2; exit 99; }
}

# new_branch: create the branch with supervisor s01 and teller t01.
new_branch() {
	CHEQUEDESK_NEW_PASSWORD=super-pw "$CD" init --branch 0202 \
		--name "江汉支行" --supervisor s01 --supervisor-name "王主管" \
		>/dev/null || { echo "init failed" >&2; exit 99; }
	add_user t01 teller "李娜" teller-pw
}

# need COMMAND PACKAGE: a test that cannot run without COMMAND fails (a
# hard error, 99) naming the package; it never passes or skips silently.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "FAIL: $1 is not installed (apt-get install $2; ./test.sh" \
		"installs it)" >&2
	exit 99
}

# finish: report and exit with the test's status. A test that made no
# check at all fails: it proved nothing.
finish() {
	local hook
	# Fixtures' last checks (FINISH_HOOKS: function names) count too.
	for hook in ${FINISH_HOOKS:-}; do
		"$hook"
	done
	echo "$(basename "$0"): $CHECKS checks passed, $FAILS failed"
	if [ "$CHECKS" -eq 0 ] && [ "$FAILS" -eq 0 ]; then
		echo "FAIL: $(basename "$0") made no checks" >&2
		exit 1
	fi
	[ "$FAILS" -eq 0 ]
	exit $?
}
