#!/bin/sh
# test.sh - install what the tests need, build, and run every test: unit
# tests, command-line integration tests, and the distribution check; then
# the whole suite again under AddressSanitizer and UBSan (build-asan/).
# Ends with one line: "N passed, N failed".
cd "$(dirname "$0")" || exit 1
./bootstrap.sh sqlite3 jq tmux cups-daemon cups-client netpbm openssl curl clang libclang-rt-14-dev || { echo "0 passed, 1 failed"; exit 1; }

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

# The whole suite again in build-asan/, built with AddressSanitizer and
# UBSan: an overflow, use after free, leak or undefined behaviour fails its
# test (Makefile.am sets the sanitizers' options for make check).
cd .. && mkdir -p build-asan && cd build-asan || exit 1
if { [ -f Makefile ] || ../configure --prefix="$(pwd)/install" \
	--enable-asan ${CONFIGURE_FLAGS:-} >configure.out 2>&1; } &&
	make -j"$(nproc)" >make.out 2>&1 && make -k check >check.out 2>&1; then
	echo "PASS: asan suite"
	pass=$((pass + 1))
else
	grep -E '^(FAIL|ERROR|XPASS):' check.out 2>/dev/null | sed 's/^/asan /'
	if [ -f test-suite.log ]; then
		tail -80 test-suite.log
	else
		tail -40 configure.out make.out 2>/dev/null
	fi
	echo "FAIL: asan suite"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
