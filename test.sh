#!/bin/sh
# test.sh - install what the tests need, build, and run every test: unit
# tests, command-line, printing, exchange, screen and reliability tests,
# and the distribution check; then the whole suite again under
# AddressSanitizer and UBSan (build-asan/). The tests run in build-test/,
# configured with --enable-test-clock (they set the time); the demo's
# build/, configured as for a branch, is checked to ignore that clock.
# Every test gets one line (PASS, FAIL, ERROR or SKIP); each skipped test
# is named again at the end with its reason; the last line is
# "N passed, N failed, N skipped", and the status is 0 only with 0 failed.
cd "$(dirname "$0")" || exit 1

# What the tests run besides the build: sqlite3 and jq read what the
# program stored and printed, tmux drives the screens, cupsd and its
# clients are the private print server, netpbm decodes ESC/P2 rasters,
# openssl and curl talk to the centre simulator, clang builds the fuzzers,
# tesseract-ocr reads the printed E13B code lines back (tests/print/ocr.sh),
# procps gives ps and pkill.
TEST_PACKAGES="sqlite3 jq tmux cups-daemon cups-client netpbm openssl curl
	ca-certificates clang libclang-rt-14-dev procps tesseract-ocr"

PASS=0
FAIL=0
SKIP=0
SKIPPED=

# count RESULT NAME [LOG]: add one result; a skip keeps its reason, the
# log's "SKIP" line or else its last line.
count() {
	case $1 in
	PASS | XFAIL) PASS=$((PASS + 1)) ;;
	SKIP)
		SKIP=$((SKIP + 1))
		why=$(grep -h 'SKIP' "${3:-/dev/null}" 2>/dev/null | head -1)
		[ -n "$why" ] ||
			why=$(grep -v '^$' "${3:-/dev/null}" 2>/dev/null | tail -1)
		SKIPPED="$SKIPPED
skipped: $2: ${why:-no reason given}"
		;;
	*) FAIL=$((FAIL + 1)) ;;
	esac
}

# summary: the skipped tests by name, then the one counting line.
summary() {
	[ -z "$SKIPPED" ] || printf '%s\n' "$SKIPPED" | sed '1d'
	echo "$PASS passed, $FAIL failed, $SKIP skipped"
	[ "$FAIL" -eq 0 ]
	exit $?
}

# suite DIR PREFIX: "make check" in DIR, a line for each test; a run that
# fails with no failing test (the build broke), or runs no test, fails.
suite() {
	(cd "$1" && make -k check >check.out 2>&1)
	status=$?
	grep -E '^(PASS|FAIL|ERROR|XPASS|XFAIL|SKIP): ' "$1/check.out" \
		>"$1/results" 2>/dev/null
	ran=0
	while read -r result name; do
		result=${result%:}
		echo "$result: $2$name"
		count "$result" "$2$name" "$1/${name%.sh}.log"
		ran=$((ran + 1))
	done <"$1/results"
	# the failing tests' logs, indented so that no line of theirs reads
	# as a result line of this script
	if [ "$status" -ne 0 ] && [ -f "$1/test-suite.log" ]; then
		tail -200 "$1/test-suite.log" | sed 's/^/    | /'
	fi
	if [ "$ran" -eq 0 ]; then
		tail -40 "$1/check.out" 2>/dev/null
		echo "FAIL: ${2}make check ran no test"
		count FAIL "${2}make check"
	elif [ "$status" -ne 0 ] &&
		! grep -q -E '^(FAIL|ERROR|XPASS): ' "$1/results"; then
		tail -40 "$1/check.out"
		echo "FAIL: ${2}make check failed with no failing test"
		count FAIL "${2}make check"
	fi
}

# shellcheck disable=SC2086
if ! BUILD_DIR=build-test CONFIGURE_FLAGS="--enable-test-clock \
	${CONFIGURE_FLAGS:-}" ./bootstrap.sh $TEST_PACKAGES; then
	echo "FAIL: installing the packages or building (see above)"
	count FAIL build
	summary
fi

suite build-test ""

# The release tarball must build and pass its own tests.
if (cd build-test && make distcheck >distcheck.out 2>&1); then
	echo "PASS: make distcheck"
	count PASS "make distcheck"
else
	tail -40 build-test/distcheck.out | sed 's/^/    | /'
	grep -E '^(FAIL|ERROR|XPASS): ' build-test/distcheck.out |
		sed 's/^/    | in the distcheck: /'
	echo "FAIL: make distcheck"
	count FAIL "make distcheck"
fi

# The whole suite again in build-asan/, built with AddressSanitizer and
# UBSan: an overflow, use after free, leak or undefined behaviour fails its
# test (Makefile.am sets the sanitizers' options for make check).
if BUILD_DIR=build-asan CONFIGURE_FLAGS="--enable-asan --enable-test-clock \
	${CONFIGURE_FLAGS:-}" ./bootstrap.sh >build-asan.out 2>&1; then
	suite build-asan "asan "
else
	tail -40 build-asan.out | sed 's/^/    | /'
	echo "FAIL: asan build"
	count FAIL "asan build"
fi

# A build for a branch (build/, as ./demo.sh makes it, installed) must
# ignore the clock the tests set.
if BUILD_DIR=build ./bootstrap.sh >build-release.out 2>&1 &&
	(cd build && make install >>../build-release.out 2>&1) &&
	RELEASE_CD="$(pwd)/build/install/bin/chequedesk" \
		sh tests/release/clock.sh >>build-release.out 2>&1; then
	echo "PASS: tests/release/clock.sh"
	count PASS tests/release/clock.sh
else
	tail -20 build-release.out | sed 's/^/    | /'
	echo "FAIL: tests/release/clock.sh"
	count FAIL tests/release/clock.sh
fi

summary
