#!/bin/sh
# corpus.sh - build the libFuzzer targets (make fuzz-build, with clang) and
# run each once over its committed corpus, tests/fuzz/corpus/TARGET: every
# seed, the inputs that once crashed included, must pass. Without clang
# it fails (99), naming the packages: ./test.sh installs them.
: "${top_srcdir:?}" "${top_builddir:?}"
FUZZ_CC=${FUZZ_CC:-clang}
targets="codeline money profile form batch notice"

if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "FAIL: $FUZZ_CC not found (apt-get install clang libclang-rt-14-dev)"
	exit 99
fi

# A make of its own: not the jobserver or the variables of the make check
# that runs this test.
unset MAKEFLAGS MFLAGS MAKELEVEL
if ! make -C "$top_builddir" fuzz-build FUZZ_CC="$FUZZ_CC"; then
	echo "FAIL: the fuzz targets do not build with $FUZZ_CC"
	exit 1
fi

mkdir -p "$top_builddir/fuzz/crashes" || exit 1
pass=0
fail=0
for t in $targets; do
	if "$top_builddir/fuzz/fuzz-$t" -runs=0 -timeout=10 \
		-artifact_prefix="$top_builddir/fuzz/crashes/$t-" \
		"$top_srcdir/tests/fuzz/corpus/$t" >"$top_builddir/fuzz/$t.log" 2>&1
	then
		echo "ok: fuzz-$t over $(ls "$top_srcdir/tests/fuzz/corpus/$t" | wc -l) seeds"
		pass=$((pass + 1))
	else
		cat "$top_builddir/fuzz/$t.log"
		echo "FAIL: fuzz-$t over tests/fuzz/corpus/$t"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$pass" -gt 0 ] || { echo "FAIL: no fuzz target ran"; exit 1; }
[ "$fail" -eq 0 ]
