#!/bin/sh
# escp2.sh - printing cheques and bag labels on an ESC/P2 passbook printer
# through a private cupsd: the job's bytes carry the profile's absolute
# positions, netpbm's escp2topbm decodes its raster into exactly the
# program's own rendering of the code line, the item is marked printed
# only after the job completed, reprints need a supervisor, and printing a
# bag's label seals the bag.
. "$(dirname "$0")/lib.sh"
need escp2topbm netpbm
cups_start || exit 99
cups_add_queue plq
new_branch

# Choosing the terminal's printer: supervisors only, written to the
# configuration, audited. A raw queue's make and model matches no profile,
# so the profile is named.
: >"$CHEQUEDESK_CONFIG"
teller printer use plq --profile epson-plq20
expect_rc 4 "a teller may not choose the printer"
super printer use plq
expect_rc 8 "no profile matches a raw queue"
expect_in "--profile" "$ERR" "says how to name one"
super printer use nosuch --profile epson-plq20
expect_rc 6 "an unknown queue is refused"
super printer use plq --profile epson-plq20
expect_rc 0 "a supervisor chooses the printer"
expect_eq "$(grep -c '^printer = plq$' "$CHEQUEDESK_CONFIG")" "1" \
	"printer written to the configuration"
expect_eq "$(grep -c '^printer_profile = epson-plq20$' "$CHEQUEDESK_CONFIG")" \
	"1" "profile written to the configuration"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'printer.use'")" \
	"1" "the choice is audited"
use_printer plq epson-plq20 "print_timeout = 30"

run printers
expect_rc 0 "printers"
expect_in "plq" "$OUT" "the queue is listed"
expect_in "epson-plq20" "$OUT" "with its profile"
expect_in "olivetti-pr2" "$OUT" "the profiles are listed"

# --- a cheque ---
add_cheque 12345678
line=$(codeline_of "$ID")
expect_eq "$line" "⑈6222020200001234567⑈ 011⑉$(teller cheque show "$ID" \
	--json; printf '%s' "$OUT" | jq -r .check_code) ⑇000000123456⑇ ⑉13800138000" \
	"the code line is the one docs/codeline.md defines"
expect_eq "$(cups_job_count plq)" "0" "a preview prints nothing"

teller print cheque "$ID" --json
expect_rc 0 "print the cheque"
job=$(printf '%s' "$OUT" | jq -r .job)
f=$(cups_job_file plq "$job")
[ -s "$f" ] && pass || fail "job $job was not captured"
expect_eq "$(sql "SELECT status, prints FROM items WHERE id = $ID")" \
	"printed|1" "marked printed after the job completed"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'cheque.print'")" \
	"1" "the print is audited"

# Absolute positioning in 1/360 inch (ESC ( U 1 0 10), to the profile's
# code line at 12 mm from the left and 66 mm from the top.
expect_hex "1b285501000a" "$f" "unit 1/360 inch"
expect_hex "1b28560200$(le16 "$(mm_units 6600 360)")" "$f" \
	"ESC ( V to 66 mm"
expect_hex "1b24$(le16 "$(mm_units 1200 360)")1b2e01140a18" "$f" \
	"ESC \$ to 12 mm, then ESC . compressed at 180 dpi down, 360 across"

# The independent decoder and the program's own rendering agree.
escp2topbm "$f" >"$TMP/job.pbm" 2>"$TMP/escp2topbm.err" ||
	fail "escp2topbm failed: $(cat "$TMP/escp2topbm.err")"
"$E13B_PBM" "$GLYPHS" 360 180 24 "$line" >"$TMP/own.pbm"
if cmp -s "$TMP/job.pbm" "$TMP/own.pbm"; then
	pass
else
	fail "escp2topbm's bitmap differs from the program's rendering" \
		"($(head -c 20 "$TMP/job.pbm" | head -2 | tr '\n' ' ') vs" \
		"$(head -2 "$TMP/own.pbm" | tr '\n' ' '))"
fi
# The rendering keeps the E13B pitch: 0.125 inch = 45 dots at 360 dpi,
# so the whole line is exactly (characters x 45) dots wide.
chars=$(printf '%s' "$line" | wc -m)
expect_eq "$(sed -n 2p "$TMP/own.pbm")" "$((chars * 45)) 24" \
	"width is the pitch times the characters, 24 rows (0.117 in + pad)"

# --- printed once: a teller cannot print again without a supervisor ---
teller print cheque "$ID"
expect_rc 5 "printing twice needs --reprint"
expect_in "already printed" "$ERR" "says it was printed"
expect_in "supervisor must authorise" "$ERR" "and who can reprint it"
teller print cheque "$ID" --reprint
expect_rc 4 "a teller may not reprint alone"
expect_in "authorize-by" "$ERR" "says how to get the authorisation"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND object = 'cheque.reprint'")" \
	"1" "the refusal is audited"
super print cheque "$ID"
expect_rc 5 "a supervisor must ask for a reprint"
expect_in "--reprint" "$ERR" "says how"
expect_eq "$(cups_job_count plq)" "1" "nothing more was sent"
super print cheque "$ID" --reprint
expect_rc 0 "a supervisor reprints"
expect_in "reprint" "$OUT" "says it was a reprint"
expect_eq "$(sql "SELECT prints FROM items WHERE id = $ID")" "2" \
	"reprints are counted"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'cheque.reprint' AND user = 's01'")" \
	"1" "the reprint is audited with the supervisor"
expect_eq "$(cups_job_count plq)" "2" "the reprint went to the printer"

# --- a bag label ---
for s in 1001 1002 1003; do
	teller bag add --bank 0201 --type 03 --serial "$s" --amount 100.05
	expect_rc 0 "bill $s into the bag"
done
bag=$(sql "SELECT id FROM bags")
teller print bag "$bag" --preview "$TMP/label.png"
expect_rc 0 "label preview"
expect_eq "$(sql "SELECT status FROM bags WHERE id = $bag")" "open" \
	"a preview does not seal"
teller print bag "$bag" --json
expect_rc 0 "print the bag label"
job=$(printf '%s' "$OUT" | jq -r .job)
f=$(cups_job_file plq "$job")
expect_eq "$(sql "SELECT status, prints FROM bags WHERE id = $bag")" \
	"sealed|1" "printing the label sealed the bag"
bagline=$(printf '%s' "$OUT" | jq -r .codeline)
expect_eq "$bagline" "⑆0201⑆ 031⑉ ⑇000000030015⑇" \
	"bank, type with D/C and amount in the label's E13B line"
escp2topbm "$f" >"$TMP/label.pbm" 2>/dev/null
"$E13B_PBM" "$GLYPHS" 360 180 24 "$bagline" >"$TMP/label-own.pbm"
cmp -s "$TMP/label.pbm" "$TMP/label-own.pbm" && pass ||
	fail "label raster differs from the program's rendering"
# Readable lines in GB18030 between FS & and FS . (the resident font).
for text in "交换行号" "中国工商银行武汉市分行营业部" "大写：叁佰元壹角伍分" \
	"张数："; do
	gb=$(printf '%s' "$text" | iconv -f UTF-8 -t GB18030 | od -An -v -tx1 |
		tr -d ' \n')
	expect_hex "$gb" "$f" "label text \"$text\" in GB18030"
done
expect_hex "$(printf '张数：' | iconv -f UTF-8 -t GB18030 | od -An -v -tx1 |
	tr -d ' \n')1c2e3320" "$f" "the count (3) after the caption, in ASCII"
expect_hex "1c26" "$f" "Chinese mode on (FS &)"
expect_hex "1c2e" "$f" "Chinese mode off (FS .)"
teller bag add --bank 0201 --type 03 --serial 1004 --amount 1.00 --json
expect_rc 0 "another bill of the same bank and type"
expect_eq "$(printf '%s' "$OUT" | jq -r .id)" "$((bag + 1))" \
	"goes into a new bag"
teller print bag "$bag" --reprint
expect_rc 4 "a teller may not reprint a label alone"
CHEQUEDESK_AUTH_PASSWORD=super-pw teller print bag "$bag" --reprint \
	--authorize-by s01
expect_rc 0 "a teller reprints a label with the supervisor's authorisation"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'bag.reprint'")" \
	"t01,s01" "both names in the audit"

finish
