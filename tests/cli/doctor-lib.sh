# doctor-lib.sh - helpers the doctor tests share (tests/cli/doctor.sh,
# tests/exchange/doctor.sh): run doctor as JSON and check one result.

# doctor ARGS...: run "doctor --json ARGS" (no user, no password).
doctor() {
	run doctor --json "$@"
	[ -n "$OUT" ] && printf '%s' "$OUT" | jq -e 'type == "array"' \
		>/dev/null || fail "doctor $*: no JSON array: $OUT $ERR"
}

# field GROUP CHECK FIELD: a member of one check's result.
field() {
	printf '%s' "$OUT" | jq -r --arg g "$1" --arg c "$2" \
		".[] | select(.group == \$g and .check == \$c) | .$3"
}

# expect_check GROUP CHECK STATUS [FIX] [DETAIL]: the check has STATUS,
# and its fix (and detail) contain FIX (DETAIL).
expect_check() {
	expect_eq "$(field "$1" "$2" status)" "$3" "$1/$2 status"
	[ $# -ge 4 ] && [ -n "$4" ] && expect_in "$4" "$(field "$1" "$2" fix)" \
		"$1/$2 fix"
	[ $# -ge 5 ] && expect_in "$5" "$(field "$1" "$2" detail)" \
		"$1/$2 detail"
	return 0
}
