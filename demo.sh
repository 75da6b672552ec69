#!/bin/sh
# demo.sh - install what chequedesk needs, build and install it under
# build/install, create a demo branch in a throw-away data directory, and do
# a teller's morning: register cheques (one from a MICR reader line), fill a
# bag, print code lines and a bag label through a private CUPS queue whose
# "printer" writes each job to a file, and list them; then the supervisor
# closes the session's batch, signs it with the branch key, uploads it to
# the clearing-centre simulator (chequedesk-centre, loopback TLS with a
# throw-away certificate) and polls its notices; then open the screens (on
# a terminal).
#
# Every step of the story must run: when one cannot (no cupsd, no centre,
# no SM2 in openssl, a command that fails or is not refused when it should
# be), the demo says which step, why and what to install or check, and
# exits non-zero. It never leaves a part out and ends with 0.
set -e
cd "$(dirname "$0")"
STEP="installing the packages and building chequedesk"
# demo_failed: on a failing exit, name the step that did not run.
demo_failed() {
	echo >&2
	echo "demo: FAILED while $STEP (exit status $1)." >&2
	echo "demo: the story did not finish; the messages above say why." >&2
}
trap 'st=$?; [ $st -eq 0 ] || demo_failed $st' EXIT
if [ -n "${CHEQUEDESK_DEMO_BIN:-}" ]; then
	# The test suite runs the story on the programs it built
	# (tests/exchange/demo.sh): no packages, no install.
	BIN=$CHEQUEDESK_DEMO_BIN
else
	./bootstrap.sh cups-daemon cups-client netpbm openssl jq \
		ca-certificates
	(cd build && make install >/dev/null)
	BIN="$(pwd)/build/install/bin"
fi

# need WHAT CHECK...: stop the demo before it starts if CHECK fails.
need() {
	what=$1
	shift
	"$@" >/dev/null 2>&1 && return 0
	echo "demo: cannot run: $what" >&2
	exit 1
}
STEP="checking what the demo needs"
need "the openssl command lacks SM2, which the clearing centre's keys use
      (Debian 12's openssl has it: apt-get install openssl)" \
	openssl genpkey -algorithm SM2
need "jq is missing (apt-get install jq)" command -v jq
need "netpbm's escp2topbm is missing (apt-get install netpbm)" \
	command -v escp2topbm

CD="$BIN/chequedesk"
DEMO=$(mktemp -d "${TMPDIR:-/tmp}/chequedesk-demo.XXXXXX")
export CHEQUEDESK_DB="$DEMO/branch.db"
export CHEQUEDESK_CONFIG="$DEMO/chequedesk.conf"
cat >"$CHEQUEDESK_CONFIG" <<'CONF'
# demo branch settings
sessions = 11:30, 16:00
signin_note = Demo: teller t01 / demo-teller, supervisor s01 / demo-super
CONF

# say STEP: show the next step of the story (and remember it for a failure).
say() {
	STEP="\"$*\""
	printf '\n\033[1m== %s\033[0m\n' "$*"
}

# poll_until JQ STATUS COMMAND...: poll the centre (chequedesk poll) until
# the item JQ picks out of COMMAND's JSON has STATUS; the centre decides
# after a second or two, so this waits up to 30 s and then fails.
poll_until() {
	filter=$1
	want=$2
	shift 2
	i=0
	while :; do
		"$CD" poll
		got=$("$CD" "$@" | jq -r "$filter")
		[ "$got" = "$want" ] && return 0
		if [ $i -ge 30 ]; then
			echo "demo: the centre's answer did not come: the item is" \
				"still \"$got\", not \"$want\", after 30 s" >&2
			exit 1
		fi
		sleep 1
		i=$((i + 1))
	done
}

# refused STATUS COMMAND...: a step that must be refused with STATUS (the
# refusal's message is part of the story); anything else stops the demo.
refused() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	[ "$got" -eq "$want" ] && return 0
	echo "demo: this should have been refused with exit status $want," \
		"but it exited $got: $*" >&2
	exit 1
}

say "A new branch: 0202 江汉支行, supervisor s01 (password demo-super)"
CHEQUEDESK_NEW_PASSWORD=demo-super "$CD" init --branch 0202 \
	--name "江汉支行" --supervisor s01 --supervisor-name "王主管"
CHEQUEDESK_NEW_PASSWORD=first-pass1 CHEQUEDESK_PASSWORD=demo-super \
	"$CD" user add t01 --role teller --name "李娜" --user s01
say "Teller t01 signs in for the first time and chooses her own password"
CHEQUEDESK_PASSWORD=first-pass1 CHEQUEDESK_NEW_PASSWORD=demo-teller \
	"$CD" passwd --user t01

say "Today's exchange session"
"$CD" session

export CHEQUEDESK_USER=t01 CHEQUEDESK_PASSWORD=demo-teller
say "Teller t01 (password demo-teller) registers a cheque typed by hand"
"$CD" cheque add --serial 10234567 --bank 0201 --account 6222020200001234 \
	--amount 1234.56 --phone 13907150001 \
	--payee-account 6217002870003456 --payee-name "武汉长江贸易有限公司"

say "... and one read by a MICR reader (U = on-us, T = transit)"
"$CD" cheque add --micr "U10234568U T0401T" --account 4367420011112222 \
	--amount 86000

say "A second registration of the same cheque is refused"
refused 5 "$CD" cheque add --serial 10234567 --bank 0201 \
	--account 6222020200001234 --amount 1234.56

say "Bank drafts and a credit transfer slip go into bags"
"$CD" bag add --bank 0501 --type 03 --serial 30110001 --amount 50000 >/dev/null
"$CD" bag add --bank 0501 --type 03 --serial 30110002 --amount 2500.5 >/dev/null
"$CD" bag add --bank 0601 --type 21 --serial 40220001 --amount 780 \
	--account 6222600100004444 >/dev/null
"$CD" bag list

say "Printing: a private CUPS scheduler with a passbook queue 'counter1'"
# The test suite's fixture (tests/print/cups.sh): cupsd on a socket in the
# demo folder, and a raw queue whose backend writes each job to a file.
TMP="$DEMO/run"
mkdir -p "$TMP"
fail() { echo "demo: $*" >&2; }
pass() { :; }
. ./tests/print/cups.sh
# Keep the captured jobs when the demo ends; only stop the scheduler. (On a
# terminal the demo ends in the screens, and cupsd lives as long as they.)
trap 'st=$?; set +e; cups_stop; [ $st -eq 0 ] || demo_failed $st; exit $st' EXIT
if ! cups_start; then
	echo "demo: printing cannot run: $CUPS_ERROR" >&2
	echo "demo: the story needs a CUPS scheduler (apt-get install" \
		"cups-daemon cups-client); check the log above." >&2
	exit 1
fi
cups_add_queue counter1
printf 'printer = counter1\nprinter_profile = epson-plq20\n' \
	>>"$CHEQUEDESK_CONFIG"
"$CD" printers
say "A preview of cheque 1's code line (PNG at true scale), then the print"
"$CD" print cheque 1 --preview "$DEMO/cheque-1.png"
"$CD" print cheque 1
"$CD" print cheque 2
say "Printing it again needs --reprint and a supervisor's authorisation"
refused 5 "$CD" print cheque 1
CHEQUEDESK_AUTH_PASSWORD=demo-super "$CD" print cheque 1 --reprint \
	--authorize-by s01
say "The label of bag 1; printing it seals the bag"
"$CD" print bag 1
"$CD" bag list
escp2topbm "$CUPS_JOBS/counter1-1.bin" >"$DEMO/job-1-raster.pbm"
pnmtopng "$DEMO/job-1-raster.pbm" >"$DEMO/job-1-raster.png"
echo "The printer's bytes are in $CUPS_JOBS; the raster of job 1," \
	"decoded by netpbm's escp2topbm: $DEMO/job-1-raster.png"

say "The clearing centre: chequedesk-centre on loopback TLS"
# The test suite's fixture again (tests/centre/centre.sh): a throw-away
# CA and certificate, the centre's own key, and its rules for the day.
top_srcdir=$(pwd) top_builddir=$BIN
. ./tests/centre/centre.sh
CENTRE_BIN="$BIN/chequedesk-centre"
trap 'st=$?; set +e; centre_stop; cups_stop; [ $st -eq 0 ] ||
	demo_failed $st; exit $st' EXIT
centre_start "decide_after 1
return_after 4
reject serial 10234568 ocr-amount-mismatch OCR amount mismatch
return serial 30110002 insufficient-funds Insufficient funds
paykey serial 10234570 4821736950124587" || {
	echo "demo: the clearing centre simulator (chequedesk-centre) did not" \
		"start: see its message above" >&2
	exit 1
}
echo "Centre at $CENTRE_URL; its rules: reject cheque 10234568 (OCR),"
echo "return bill 30110002 four seconds after accepting it."
say "Supervisor s01 makes the branch key (access code demo-key) with a backup copy; the centre registers its public half"
CHEQUEDESK_NEW_ACCESS_CODE=demo-key CHEQUEDESK_PASSWORD=demo-super \
	"$CD" key new --user s01 --backup "$DEMO/usb-branch.key"
say "Supervisor s01 makes the transport key and certificate the branch connects with; the centre registers the certificate"
CHEQUEDESK_PASSWORD=demo-super "$CD" key transport new --user s01
CHEQUEDESK_PASSWORD=demo-super "$CD" key transport export --user s01 \
	"$DEMO/transport-0202.pem" >/dev/null
centre_register 0202 "$DEMO/branch.pub" "$DEMO/transport-0202.pem"
cat >>"$CHEQUEDESK_CONFIG" <<CONF
centre_url = $CENTRE_URL
centre_ca = $CENTRE_CA
centre_key = $CENTRE_PUB
CONF
tail -6 "$CHEQUEDESK_CONFIG"

say "A cheque with a payment password: typed without echo (here from standard input), kept only encrypted for the centre"
ID=$(printf '4821736950124587\n' | "$CD" cheque add --serial 10234570 \
	--bank 0201 --account 6222020200005678 --amount 3000 --paykey - \
	--json | jq -r .id)
"$CD" cheque show "$ID"
"$CD" print cheque "$ID"

export CHEQUEDESK_USER=s01 CHEQUEDESK_PASSWORD=demo-super
say "Supervisor s01 closes session 1: the open bag 2 stops it"
CHEQUEDESK_ACCESS_CODE=demo-key refused 5 "$CD" batch close
say "Its label printed (which seals it), the batch closes and is signed"
"$CD" print bag 2
CHEQUEDESK_ACCESS_CODE=demo-key "$CD" batch close
say "Upload to the centre (safe to repeat: the centre gives the same receipt)"
BATCH=$("$CD" batch list --json | jq -r '.[-1].batch_id')
"$CD" batch upload
"$CD" batch upload "$BATCH"
say "The centre's notices: accepted, rejected after its OCR re-check ..."
poll_until '.[] | select(.serial == "10234568") | .status' rejected \
	cheque list --json
say "... and, a little later, a bill returned (退票)"
poll_until '.bills[] | select(.serial == "30110002") | .status' returned \
	bag show 1 --json
"$CD" batch list
"$CD" batch show "$BATCH"
say "Branch IT checks this terminal: each check, and the fix for a problem"
"$CD" doctor
export CHEQUEDESK_USER=t01 CHEQUEDESK_PASSWORD=demo-teller

say "A cheque typed in twice is voided, with the supervisor's authorisation"
ID=$("$CD" cheque add --serial 10234999 --bank 0201 \
	--account 6222020200001234 --amount 10 --json | jq -r .id)
refused 4 "$CD" item void "$ID" --reason "typed in twice"
CHEQUEDESK_AUTH_PASSWORD=demo-super "$CD" item void "$ID" \
	--reason "typed in twice" --authorize-by s01
say "The audit trail: who did what, who authorised it; every record chained"
CHEQUEDESK_PASSWORD=demo-super "$CD" audit list --user s01 --by t01 | tail -4
CHEQUEDESK_PASSWORD=demo-super "$CD" audit verify --user s01
say "... and anchored in the signed batch file the centre keeps: checked against the centre's copy"
CHEQUEDESK_PASSWORD=demo-super "$CD" audit verify --user s01 --centre

say "The supervisor's day's report: items, totals, notices, reprints, authorisations"
CHEQUEDESK_PASSWORD=demo-super "$CD" report day --user s01
cups_add_queue office
say "... printed on the office printer 'office' (never the passbook printer)"
printf 'report_queue = office\n' >>"$CHEQUEDESK_CONFIG"
CHEQUEDESK_PASSWORD=demo-super "$CD" report day --user s01 --print
CHEQUEDESK_PASSWORD=demo-super "$CD" report day --user s01 \
	--format csv >"$DEMO/day-report.csv"
echo "The same as CSV, for a spreadsheet: $DEMO/day-report.csv"

say "The day's cheques"
"$CD" cheque list

say "The same in Chinese"
LANGUAGE=zh_CN "$CD" cheque list

echo
echo "Demo data: $DEMO (remove it when done)."
unset CHEQUEDESK_USER CHEQUEDESK_PASSWORD
if [ -t 0 ] && [ -t 1 ]; then
	say "Now the teller screens: sign in as t01 / demo-teller (F1 help, F10 quit)"
	sleep 2
	exec "$CD"
fi
echo "Open the screens with: CHEQUEDESK_DB=$CHEQUEDESK_DB CHEQUEDESK_CONFIG=$CHEQUEDESK_CONFIG $CD"
echo "(The demo's print scheduler stops now; run ./demo.sh on a terminal to print from the screens.)"
