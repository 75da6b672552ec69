# lib.sh - shared set-up for the exchange tests: the command-line test
# library, a private cupsd for printing (tests/print/cups.sh), and the
# clearing-centre simulator over loopback TLS (tests/centre/centre.sh).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/print/lib.sh"
. "$top_srcdir/tests/centre/centre.sh"
# both fixtures stop on the way out (each file set the trap for itself)
trap 'centre_stop; cups_stop; rm -rf "$TMP"' EXIT

export CHEQUEDESK_ACCESS_CODE=branch-code

# exchange_setup [RULES]: cupsd with queue plq, the centre with RULES, the
# branch (s01, t01) with its key and transport certificate registered, and
# the configuration.
exchange_setup() {
	cups_start || exit 99
	cups_add_queue plq
	centre_start "${1:-decide_after 0}" || exit 99
	new_branch
	centre_branch_key 0202
	centre_register 0202 "$TMP/centre/0202.pub"
	write_config
}

# write_config [MORE LINES]: printer, centre and key settings.
write_config() {
	use_printer plq epson-plq20 "print_timeout = 30" \
		"centre_url = $CENTRE_URL" "centre_ca = $CENTRE_CA" \
		"centre_key = $CENTRE_PUB" "branch_key = $TMP/centre/0202.key" \
		"transport_cert = $TMP/centre/0202.tls.pem" \
		"transport_key = $TMP/centre/0202.tls.key" \
		"centre_retries = 3" "centre_timeout = 10" "$@"
}

# printed_cheque SERIAL [BANK] [AMOUNT]: register a cheque as t01 and
# print its code line; sets ID.
printed_cheque() {
	teller cheque add --serial "$1" --bank "${2:-0201}" --account \
		6222020200001234567 --amount "${3:-1234.56}" --type 01 --json
	[ "$RC" -eq 0 ] || { echo "cheque add failed: $ERR" >&2; exit 99; }
	ID=$(printf '%s' "$OUT" | jq -r .id)
	teller print cheque "$ID"
	[ "$RC" -eq 0 ] || { echo "print failed: $ERR" >&2; exit 99; }
}

# sealed_bag BANK TYPE SERIAL...: bills into a bag, then its label printed
# (which seals it); sets BAG.
sealed_bag() {
	local bank=$1 type=$2
	shift 2
	for s in "$@"; do
		teller bag add --bank "$bank" --type "$type" --serial "$s" \
			--amount 100.00 --json
		[ "$RC" -eq 0 ] || { echo "bag add failed: $ERR" >&2; exit 99; }
		BAG=$(printf "%s" "$OUT" | jq -r .id)
	done
	teller print bag "$BAG"
	[ "$RC" -eq 0 ] || { echo "label failed: $ERR" >&2; exit 99; }
}

# close_batch: close the current session as s01; sets BATCH.
close_batch() {
	super batch close --json
	[ "$RC" -eq 0 ] || { echo "close failed: $ERR" >&2; exit 99; }
	BATCH=$(printf '%s' "$OUT" | jq -r .batch_id)
}

# poll_until N: poll until the centre has answered N items (notices with
# decide_after 0 come at once; returns come return_after seconds later).
poll_until() {
	local want=$1 i=0
	while [ "$i" -lt 30 ]; do
		super poll
		[ "$RC" -eq 0 ] || { echo "poll failed: $ERR" >&2; return 1; }
		[ "$(sql "SELECT count(*) FROM notices")" -ge "$want" ] && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# centre_count SERIAL: how many times the centre holds the item.
centre_count() {
	centre_dump | jq "[.items[] | select(.serial == \"$1\")] | length"
}
