# lib.sh - shared set-up for the printing tests: the command-line test
# library, a private cupsd (cups.sh) and helpers to look into print jobs.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/print/cups.sh"

E13B_PBM="$top_builddir/tests/print/e13b-pbm"
PR2_PARSE="$top_builddir/tests/print/pr2-parse"
GLYPHS="$top_srcdir/data/e13b.glyphs"

# use_printer QUEUE PROFILE [MORE CONFIG LINES]: this terminal's printer.
use_printer() {
	{
		echo "printer = $1"
		echo "printer_profile = $2"
		shift 2
		for line in "$@"; do
			echo "$line"
		done
	} >"$CHEQUEDESK_CONFIG"
}

# hex FILE: the file as one line of lower-case hex.
hex() {
	od -An -v -tx1 "$1" | tr -d ' \n'
}

# le16 N: N as two bytes, low first, in hex.
le16() {
	printf '%02x%02x' $(($1 % 256)) $(($1 / 256))
}

# mm_units HUNDREDTHS PER_INCH: millimetres/100 in 1/PER_INCH steps,
# rounded as the program does.
mm_units() {
	echo $((($1 * $2 + 1270) / 2540))
}

# expect_hex NEEDLE FILE WHAT: the bytes NEEDLE (hex) occur in FILE.
expect_hex() {
	case "$(hex "$2")" in
	*"$1"*) pass ;;
	*) fail "$3: bytes $1 not in $2" ;;
	esac
}

# add_cheque SERIAL: register a cheque as t01; sets ID.
add_cheque() {
	teller cheque add --serial "$1" --bank 0201 --account \
		6222020200001234567 --amount 1234.56 --type 01 \
		--phone 13800138000 --json
	[ "$RC" -eq 0 ] || { echo "cheque add failed: $ERR" >&2; exit 99; }
	ID=$(printf '%s' "$OUT" | jq -r .id)
}

# codeline_of ID: the cheque's supplementary code line as chequedesk
# prints it (from a preview, which prints nothing).
codeline_of() {
	teller print cheque "$1" --preview "$TMP/cl.png" --json
	printf '%s' "$OUT" | jq -r .codeline
}
