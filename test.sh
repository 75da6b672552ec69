#!/bin/sh
# test.sh - install what the tests need, build, and run every test: unit
# tests, command-line integration tests, and the distribution check.
# Ends with one line: "N passed, N failed".
cd "$(dirname "$0")" || exit 1
./bootstrap.sh sqlite3 jq tmux cups-daemon cups-client netpbm openssl curl || { echo "0 passed, 1 failed"; exit 1; }

cd build || exit 1
make -k check >check.out 2>&1
status=$?
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' check.out
[ $status -eq 0 ] || { cat test-suite.log; tail -40 check.out; }
pass=$(sed -n 's/^# PASS: *//p' check.out | head -1)
fail=$(sed -n 's/^# FAIL: *//p' check.out | head -1)
error=$(sed -n 's/^# ERROR: *//p' check.out | head -1)
pass=${pass:-0}
fail=$((${fail:-0} + ${error:-0}))
[ $status -eq 0 ] || [ "$fail" -gt 0 ] || fail=1

# The release tarball must build and pass its own tests.
if make distcheck >distcheck.out 2>&1; then
	echo "PASS: make distcheck"
	pass=$((pass + 1))
else
	tail -40 distcheck.out
	echo "FAIL: make distcheck"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
