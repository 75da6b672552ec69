#!/bin/sh
# pr2.sh - printing on an Olivetti PR2 passbook printer: the command
# stream parses as PR2 (tests/print/pr2-parse.c), positions are the
# profile's millimetres in PR2 steps, and the bit images stack up into the
# program's own rendering of the code line.
. "$(dirname "$0")/lib.sh"
cups_start || exit 99
cups_add_queue pr2q
new_branch
use_printer pr2q olivetti-pr2

add_cheque 22345678
teller print cheque "$ID" --json
expect_rc 0 "print on the PR2"
line=$(printf '%s' "$OUT" | jq -r .codeline)
f=$(cups_job_file pr2q "$(printf '%s' "$OUT" | jq -r .job)")
"$PR2_PARSE" "$f" "$TMP/pr2.pbm" >"$TMP/pr2.log" 2>"$TMP/pr2.err"
expect_eq "$?" "0" "the job parses as PR2 ($(cat "$TMP/pr2.err"))"
log=$(tr '\n' ';' <"$TMP/pr2.log")
# Code line at 8 mm across (1/120 inch), 66 mm down (1/240 inch).
v=$(mm_units 6600 240)
h=$(mm_units 800 120)
expect_in "reset;graphics 24;insert 5;vpos 1 $v;hpos $h;cr;image " "$log" \
	"reset, 24-pin graphics, wait for the document, then absolute position"
expect_in "image-end;cr;eject;" "$log" "the document is ejected at the end"
"$E13B_PBM" "$GLYPHS" 180 180 24 "$line" >"$TMP/own.pbm"
cmp -s "$TMP/pr2.pbm" "$TMP/own.pbm" && pass ||
	fail "the PR2 bit image differs from the program's rendering"
expect_eq "$(sql "SELECT status FROM items WHERE id = $ID")" "printed" \
	"marked printed"

# A bag label: text lines and the E13B line, top to bottom.
teller bag add --bank 0201 --type 21 --serial 3001 --amount 50
teller print bag 1 --json
expect_rc 0 "label on the PR2"
f=$(cups_job_file pr2q "$(printf '%s' "$OUT" | jq -r .job)")
"$PR2_PARSE" "$f" "$TMP/label.pbm" >"$TMP/label.log" 2>"$TMP/label.err"
expect_eq "$?" "0" "the label parses as PR2 ($(cat "$TMP/label.err"))"
expect_eq "$(grep -c '^text' "$TMP/label.log")" "6" "six readable lines"
expect_eq "$(grep '^vpos' "$TMP/label.log" | head -1)" \
	"vpos 1 $(mm_units 800 240)" "the first line at 8 mm"
expect_eq "$(grep '^vpos' "$TMP/label.log" | awk '{print $3}' |
	sort -n | tr '\n' ' ')" \
	"$(grep '^vpos' "$TMP/label.log" | awk '{print $3}' | tr '\n' ' ')" \
	"the paper only moves forward"
"$E13B_PBM" "$GLYPHS" 180 180 24 "$(printf '%s' "$OUT" | jq -r .codeline)" \
	>"$TMP/label-own.pbm"
cmp -s "$TMP/label.pbm" "$TMP/label-own.pbm" && pass ||
	fail "the label's bit image differs from the program's rendering"
expect_eq "$(sql "SELECT status FROM bags WHERE id = 1")" "sealed" "sealed"

finish
