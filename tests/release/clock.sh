#!/bin/sh
# clock.sh - a build for a branch (configured without --enable-test-clock,
# installed with make install) takes its time from the system clock only:
# CHEQUEDESK_NOW, which the tests use, cannot back-date an item or an audit
# record. Run by test.sh against build/install (the demo's build), since
# the suite itself needs a test build: RELEASE_CD=PATH sh clock.sh
set -u
CD=${RELEASE_CD:?RELEASE_CD names the installed chequedesk}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/chequedesk-clock.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export CHEQUEDESK_DB="$TMP/branch.db" CHEQUEDESK_CONFIG="$TMP/chequedesk.conf"
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
unset CHEQUEDESK_USER CHEQUEDESK_PASSWORD CHEQUEDESK_DATADIR \
	CHEQUEDESK_LOCALEDIR
: >"$CHEQUEDESK_CONFIG"
FAILS=0
CHECKS=0
fail() { FAILS=$((FAILS + 1)); echo "FAIL: $*" >&2; }
pass() { CHECKS=$((CHECKS + 1)); }

[ -x "$CD" ] || { echo "FAIL: no installed chequedesk at $CD" >&2; exit 99; }
case $("$CD" --version) in
*"Built for tests"*) fail "the installed build says it is a test build" ;;
*) pass ;;
esac

# The attacker's way: a teller sets the clock back to register an item
# (and its audit record) on a day long gone.
export CHEQUEDESK_NOW="2020-01-06 09:00"
today=$(date +%F)
CHEQUEDESK_NEW_PASSWORD=super-pw1 "$CD" init --branch 0202 --name "江汉支行" \
	--supervisor s01 >/dev/null || fail "init"
CHEQUEDESK_NEW_PASSWORD=first-pass1 CHEQUEDESK_PASSWORD=super-pw1 \
	"$CD" user add t01 --role teller --name "李娜" --user s01 >/dev/null ||
	fail "user add"
CHEQUEDESK_PASSWORD=first-pass1 CHEQUEDESK_NEW_PASSWORD=teller-pw1 \
	"$CD" passwd --user t01 >/dev/null || fail "passwd"
out=$(CHEQUEDESK_PASSWORD=teller-pw1 "$CD" cheque add --user t01 \
	--serial 10234567 --bank 0201 --account 6222020200001234 \
	--amount 12.34 --json) || fail "cheque add: $out"
case $out in
*'"business_date":	"2020-'*) fail "the item was back-dated: $out" ;;
*"\"created_at\":	\"$today"*) pass ;;
*) fail "the item is not stamped today ($today): $out" ;;
esac
audit=$(CHEQUEDESK_PASSWORD=super-pw1 "$CD" audit list --user s01 --json)
case $audit in
*'"2020-01-06'*) fail "an audit record was back-dated" ;;
*"$today"*) pass ;;
*) fail "no audit record of today ($today): $audit" ;;
esac
case $("$CD" session) in
*2020-01-0*) fail "session shows the back-dated day" ;;
*) pass ;;
esac
# Nonsense in the variable changes nothing either (no error, no effect).
CHEQUEDESK_NOW=garbage "$CD" session >/dev/null && pass ||
	fail "a release build reads CHEQUEDESK_NOW"

echo "clock.sh: $CHECKS checks passed, $FAILS failed"
[ "$CHECKS" -gt 0 ] && [ "$FAILS" -eq 0 ]
