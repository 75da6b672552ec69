#!/bin/sh
# ocr.sh - the printed E13B code line read back by an independent E13B
# reader: cheques and bag labels printed through the private cupsd with each
# shipped profile, the bytes the printer received decoded by a decoder that
# is not chequedesk's (netpbm's escp2topbm, tests/print/pr2-parse), made
# square at 360 dpi and read by Tesseract with the E13B model in
# tests/data/ocr, as it comes and with a worn ribbon's ink spread and the
# line off centre in its band. At most one character per line may be wrong,
# and no digit. OCR_GLYPHS=FILE prints with another glyph file (to
# measure one); OCR_KEEP=DIR keeps the decoded rasters.
. "$(dirname "$0")/lib.sh"
need escp2topbm netpbm
need pamscale netpbm
need pgmmorphconv netpbm
need tesseract tesseract-ocr
OCR_DATA="$top_srcdir/tests/data/ocr"
if [ ! -s "$OCR_DATA/e13b.traineddata" ] || [ ! -s "$OCR_DATA/e13b.LICENSE" ]
then
	echo "FAIL: the E13B model $OCR_DATA/e13b.traineddata (and its" \
		"licence) is missing; see tests/data/ocr/README.md" >&2
	exit 99
fi
if [ -n "${OCR_GLYPHS:-}" ]; then
	ln -sf "$OCR_GLYPHS" "$TMP/data/e13b.glyphs"
fi
cups_start || exit 99
new_branch

# to_ocr LINE: the code line in the model's alphabet (A transit, B amount,
# C on-us, D dash), blanks left out.
to_ocr() {
	printf '%s' "$1" | sed 's/⑆/A/g; s/⑇/B/g; s/⑈/C/g; s/⑉/D/g; s/ //g'
}

# edits A B: the edit distance (Levenshtein) between strings A and B.
edits() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = length(a); m = length(b)
		for (j = 0; j <= m; j++) d[0, j] = j
		for (i = 1; i <= n; i++) {
			d[i, 0] = i
			for (j = 1; j <= m; j++) {
				c = d[i - 1, j - 1] + (substr(a, i, 1) != substr(b, j, 1))
				if (d[i - 1, j] + 1 < c) c = d[i - 1, j] + 1
				if (d[i, j - 1] + 1 < c) c = d[i, j - 1] + 1
				d[i, j] = c
			}
		}
		print d[n, m]
	}'
}

# read_line PBM XSCALE YSCALE SPREAD TOP BOTTOM: what Tesseract reads in
# the print job's raster PBM, stretched by XSCALE x YSCALE to square pixels
# at 360 dpi, its ink spread by SPREAD pixels (1/360 inch) each way, cropped
# to the ink, scaled to 26 pixels high and given margins of 26 pixels left
# and right and TOP and BOTTOM above and below (../shared/ocr/README.md).
read_line() {
	pamscale -nomix -xscale "$2" -yscale "$3" "$1" 2>/dev/null \
		>"$TMP/sq.pgm" || return 1
	if [ "$4" -gt 0 ]; then
		# A square template of blank (white) pixels: eroding the white
		# grows the black ink by SPREAD pixels on every side.
		w=$((2 * $4 + 1))
		{
			printf 'P1\n%d %d\n' "$w" "$w"
			i=0
			while [ $i -lt $((w * w)) ]; do
				printf '0 '
				i=$((i + 1))
			done
			echo
		} >"$TMP/spread.pbm"
		pgmmorphconv -erode "$TMP/spread.pbm" "$TMP/sq.pgm" \
			>"$TMP/sp.pgm" 2>/dev/null || return 1
		mv "$TMP/sp.pgm" "$TMP/sq.pgm"
	fi
	pnmcrop -white "$TMP/sq.pgm" 2>/dev/null |
		pamscale -height 26 2>/dev/null |
		pnmpad -white -left 26 -right 26 -top "$5" -bottom "$6" \
			2>/dev/null | pnmtopng >"$TMP/ocr.png" 2>/dev/null ||
		return 1
	tesseract "$TMP/ocr.png" - --tessdata-dir "$OCR_DATA" -l e13b \
		--psm 13 2>/dev/null | tr -d ' \n\f'
}

# The ways a line is read: as printed, centred; with the ink spread of a
# worn ribbon; higher and lower in its band (uneven margins); both at once.
VARIANTS="clean:0:13:13 spread:1:13:13 high:0:11:15 low:0:15:11 spread-high:1:11:15 spread-low:1:15:11"

# check_line PROFILE WHAT LINE PBM XSCALE YSCALE: read PBM every way and
# check it against LINE; adds to TOTAL_EDITS and TOTAL_CHARS of PROFILE.
check_line() {
	local want got e v name spread top bottom digits_want digits_got
	want=$(to_ocr "$3")
	digits_want=$(printf '%s' "$want" | tr -cd '0-9')
	for v in $VARIANTS; do
		IFS=: read -r name spread top bottom <<EOF
$v
EOF
		got=$(read_line "$4" "$5" "$6" "$spread" "$top" "$bottom")
		e=$(edits "$want" "$got")
		digits_got=$(printf '%s' "$got" | tr -cd '0-9')
		TOTAL_EDITS=$((TOTAL_EDITS + e))
		TOTAL_CHARS=$((TOTAL_CHARS + ${#want}))
		echo "$1 $2 $name: $e of ${#want} wrong, read \"$got\"" \
			"for \"$want\""
		if [ "$e" -le 1 ] && [ "$digits_got" = "$digits_want" ]; then
			pass
		else
			fail "$1 $2 ($name): read \"$got\" for \"$want\"" \
				"($e characters wrong)"
		fi
	done
}

# Cheques whose lines use, with the bag label's, every digit and symbol.
teller cheque add --serial 31415926 --bank 0201 --account \
	6222020200001234567 --amount 9876.54 --type 01 \
	--phone 13800138000 --json
expect_rc 0 "register a cheque"
c1=$(printf '%s' "$OUT" | jq -r .id)
teller cheque add --serial 27182818 --bank 0201 --account \
	6217000010098765432 --amount 105.08 --type 01 \
	--phone 13912345678 --json
expect_rc 0 "register another cheque"
c2=$(printf '%s' "$OUT" | jq -r .id)
teller bag add --bank 0201 --type 03 --serial 1001 --amount 349.17
expect_rc 0 "a bill into a bag"
bag=$(sql "SELECT id FROM bags")

n=0
all=""
for prof in "$top_srcdir"/printers/*.profile; do
	name=$(basename "$prof" .profile)
	cmds=$(sed -n 's/^commands *= *\([a-z0-9]*\).*/\1/p' "$prof")
	res=$(sed -n 's/^resolution *= *\([0-9]*x[0-9]*\).*/\1/p' "$prof")
	dx=${res%x*}
	dy=${res#*x}
	if [ $((360 % dx)) -ne 0 ] || [ $((360 % dy)) -ne 0 ]; then
		fail "$name: resolution $res does not divide 360 dpi"
		continue
	fi
	n=$((n + 1))
	cups_add_queue "ocr$n"
	use_printer "ocr$n" "$name" "print_timeout = 30"
	TOTAL_EDITS=0
	TOTAL_CHARS=0
	for what in cheque:$c1 cheque:$c2 bag:$bag; do
		kind=${what%:*}
		id=${what#*:}
		# Printed once with the first profile, reprinted with the others.
		super print "$kind" "$id" --json
		[ "$RC" -eq 5 ] && super print "$kind" "$id" --reprint --json
		[ "$RC" -eq 0 ] && pass ||
			{ fail "$name: print $kind $id: $ERR"; continue; }
		line=$(printf '%s' "$OUT" | jq -r .codeline)
		all="$all$line"
		f=$(cups_job_file "ocr$n" "$(printf '%s' "$OUT" | jq -r .job)")
		case "$cmds" in
		escp2) escp2topbm "$f" >"$TMP/job.pbm" 2>"$TMP/dec.err" ;;
		pr2) "$PR2_PARSE" "$f" "$TMP/job.pbm" >/dev/null \
			2>"$TMP/dec.err" ;;
		*) echo "no decoder for $cmds" >"$TMP/dec.err"; false ;;
		esac
		if [ $? -ne 0 ] || [ ! -s "$TMP/job.pbm" ]; then
			fail "$name: cannot decode the $kind job: $(cat "$TMP/dec.err")"
			continue
		fi
		# OCR_KEEP=DIR keeps the decoded rasters (docs/e13b.md's pictures).
		[ -n "${OCR_KEEP:-}" ] &&
			cp "$TMP/job.pbm" "$OCR_KEEP/$name-$kind-$id.pbm"
		check_line "$name" "$kind" "$line" "$TMP/job.pbm" \
			$((360 / dx)) $((360 / dy))
	done
	echo "CER $name: $TOTAL_EDITS of $TOTAL_CHARS characters wrong" \
		"($(awk -v e=$TOTAL_EDITS -v n=$TOTAL_CHARS \
			'BEGIN { printf "%.1f%%", n ? 100 * e / n : 0 }'))"
done
expect_eq "$n" "$(ls "$top_srcdir"/printers/*.profile | wc -l)" \
	"every shipped profile was read"
for c in 0 1 2 3 4 5 6 7 8 9 ⑆ ⑇ ⑈ ⑉; do
	expect_in "$c" "$all" "the lines use $c"
done

finish
