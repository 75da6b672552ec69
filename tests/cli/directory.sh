#!/bin/sh
# directory.sh - the bank directory and bill types: listing, importing
# (added, changed, closed), and broken files named by file and line.
. "$(dirname "$0")/lib.sh"
new_branch

run bill-types --json
expect_rc 0 "bill-types --json"
expect_eq "$(echo "$OUT" | jq -c '.[0] | [.code, .name_zh, .name_en, .dc]')" \
	'["01","转账支票","Transfer cheque","D"]' "transfer cheque first"
expect_eq "$(echo "$OUT" | jq -r '.[] | select(.name_zh == "进账单") | .dc')" \
	"C" "credit transfer slip is a credit"
run bank list --json
expect_eq "$(echo "$OUT" | jq -c '.[] | select(.number == "0205") | .active')" \
	"false" "inactive bank listed as such"
for f in number name active; do
	expect_eq "$(echo "$OUT" | jq ".[0] | has(\"$f\")")" "true" \
		"bank list --json has $f"
done

cat >"$TMP/new.csv" <<'CSV'
# new directory
number,name,active
0201,中国工商银行武汉市分行营业部,1
0205,中国工商银行武汉青山支行,1
0401,中国银行武汉市分行（新）,1
2101,武汉众邦银行营业部,1
CSV
super bank import "$TMP/new.csv"
expect_rc 0 "import"
expect_in "1 added, 2 changed, 31 closed" "$OUT" "import summary"
expect_eq "$(sql "SELECT active FROM banks WHERE number = '0301'")" "0" \
	"banks missing from the file are closed"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'bank.import'")" \
	"34" "each change audited"
teller cheque add --serial 12345678 --bank 2101 --account 6222020200001234 \
	--amount 1
expect_rc 0 "a new bank takes items"
teller cheque add --serial 12345678 --bank 0301 --account 6222020200001234 \
	--amount 1
expect_rc 3 "a closed bank does not"

printf 'number,name,active\n0201,A,1\n02X2,B,1\n' >"$TMP/bad.csv"
super bank import "$TMP/bad.csv"
expect_rc 8 "malformed import"
expect_in "bad.csv, line 3" "$ERR" "names file and line"
printf 'number,name,active\n0201,A,1\n02012,B,1\n' >"$TMP/bad.csv"
super bank import "$TMP/bad.csv"
expect_in "one length" "$ERR" "numbers of different lengths"
printf 'number,name,active\n0201,A,yes\n' >"$TMP/bad.csv"
super bank import "$TMP/bad.csv"
expect_in "line 2" "$ERR" "bad active flag"
printf 'num,name\n' >"$TMP/bad.csv"
super bank import "$TMP/bad.csv"
expect_in "header" "$ERR" "wrong header"
super bank import "$TMP/missing.csv"
expect_rc 8 "missing file"
expect_eq "$(sql "SELECT name FROM banks WHERE number = '0201'")" \
	"中国工商银行武汉市分行营业部" "failed imports change nothing"

finish
