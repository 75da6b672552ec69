#!/bin/sh
# bad-input.sh - every kind of bad input gets a clear message, a non-zero
# exit status, and stores nothing.
. "$(dirname "$0")/lib.sh"
new_branch

# try STATUS TEXT-IN-MESSAGE WHAT ARGS...: a cheque add that must fail.
try() {
	local want=$1 text=$2 what=$3
	shift 3
	teller cheque add "$@"
	expect_rc "$want" "$what"
	expect_in "$text" "$ERR" "$what: message"
}
ok="--serial 12345678 --bank 0201 --account 6222020200001234"

try 3 "more than two decimal" "three decimals" $ok --amount 1.234
try 3 "" "negative amount" $ok --amount -5
try 3 "" "zero amount" $ok --amount 0.00
try 3 "" "exponent" $ok --amount 1e5
try 3 "" "letters in amount" $ok --amount 12a
try 3 "amount is missing" "empty amount" $ok --amount ""
try 3 "" "amount too large" $ok --amount 10000000000
try 3 "" "bad thousands separators" $ok --amount 12,34.5
try 3 "8 digits" "short serial" --serial 1234567 --bank 0201 \
	--account 6222020200001234 --amount 1
try 3 "" "letters in serial" --serial 1234567X --bank 0201 \
	--account 6222020200001234 --amount 1
try 3 "not in the bank directory" "unknown bank" --serial 12345678 \
	--bank 0999 --account 6222020200001234 --amount 1
try 3 "have 4 digits" "bank number of the wrong length" --serial 12345678 \
	--bank 201 --account 6222020200001234 --amount 1
try 3 "is closed" "inactive bank" --serial 12345678 --bank 0205 \
	--account 6222020200001234 --amount 1
try 3 "account is missing" "no account" --serial 12345678 --bank 0201 \
	--amount 1
try 3 "" "account too long" --serial 12345678 --bank 0201 \
	--account 123456789012345678901234567890123 --amount 1
try 3 "no bill type" "unknown type" $ok --amount 1 --type 77
try 3 "" "short phone" $ok --amount 1 --phone 123
try 3 "16 digits" "payment password of the wrong length" $ok --amount 1 \
	--paykey - <<EOF
1234
EOF
try 3 "" "letters in the payment password" $ok --amount 1 --paykey - <<EOF
12345678901234ab
EOF
try 3 "--paykey -" "payment password on the command line" $ok --amount 1 \
	--paykey 1234567890123456
try 3 "No payment password" "an empty payment password" $ok --amount 1 \
	--paykey - </dev/null
try 3 "too long" "over-long payee name" $ok --amount 1 \
	--payee-name "$(printf '%070d' 0)"
try 3 "" "malformed MICR line" --micr "U1234U T0201T" \
	--account 6222020200001234 --amount 1
try 3 "does not match" "MICR line and serial disagree" \
	--micr "U12345678U T0201T" --serial 87654321 \
	--account 6222020200001234 --amount 1
try 2 "unknown" "unknown option" $ok --amount 1 --colour red
run cheque add $ok --amount
expect_rc 2 "option without its value"
expect_in "lacks its value" "$ERR" "option without its value: message"

teller bag add --bank 0401 --type 03 --serial 12 --amount 1
expect_rc 3 "bill serial too short"
teller bag add --bank 0401 --serial 12345678 --amount 1
expect_rc 3 "bill without a type"
teller cheque show abc
expect_rc 3 "non-numeric item ID"
teller cheque list --date 2026-13-01
expect_rc 3 "impossible date"
expect_in "YYYY-MM-DD" "$ERR" "date message shows the form"

expect_eq "$(sql 'SELECT count(*) FROM items')" "0" "nothing stored"
expect_eq "$(sql 'SELECT count(*) FROM bags')" "0" "no bag opened"

# Messages name the problem, never a bare number.
case "$ERR" in *"error "[0-9]*) fail "bare error number" ;; *) pass ;; esac

finish
