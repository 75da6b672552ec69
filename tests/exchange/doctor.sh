#!/bin/sh
# doctor.sh - "chequedesk doctor" on a whole set-up (private cupsd, the
# centre simulator over loopback TLS): all green on a good one (exit 0);
# each broken printer and centre set-up diagnosed with the command or
# setting that fixes it: no printer set, a queue that does not exist, a
# disabled or rejecting queue, no profile for the queue's model, the
# centre stopped, its CA not trusted, its answers not signed with
# centre_key, the branch not registered. (Configuration, database, key and
# locale are in tests/cli/doctor.sh.)
. "$(dirname "$0")/lib.sh"
exchange_setup "decide_after 0"
chmod 600 "$TMP/centre/0202.key"
unset NO_COLOR

. "$top_srcdir/tests/cli/doctor-lib.sh"

# not_ok: the checks that are neither ok nor skipped, one a line.
not_ok() {
	printf '%s' "$OUT" | jq -r '.[] | select(.status == "fail" or
		.status == "warn") | "\(.group)/\(.check): \(.detail)"'
}

# --- All green --------------------------------------------------------------
# Trying the key's access code needs a supervisor's sign-in.
export CHEQUEDESK_PASSWORD=super-pw
doctor --check-code --user s01
unset CHEQUEDESK_PASSWORD
expect_rc 0 "a good set-up: exit 0"
expect_eq "$(not_ok)" "" "nothing wrong"
expect_check config settings ok
expect_check database branch ok "" "0202"
expect_check key "key file" ok "" "$TMP/centre/0202.key, mode 0600"
expect_check key "access code" ok
expect_check printer "printer queue" ok "" "plq"
expect_check printer "queue state" ok
expect_check printer "printer profile" ok "" "epson-plq20"
expect_check centre connection ok "" "$CENTRE_URL"
expect_check centre "TLS certificate" ok "" "$CENTRE_CA"
expect_check centre signature ok "" "$CENTRE_PUB"
expect_check centre clock ok
expect_check centre "transport certificate" ok "" "CN = 0202"
expect_check centre "branch registered" ok "" "0202"
run doctor
expect_rc 0 "text: exit 0"
expect_eq "$(printf '%s\n' "$OUT" | tail -1)" "All checks passed." \
	"the summary of a good set-up"
expect_in "  OK   printer queue: plq" "$OUT" "status column"
expect_eq "$ERR" "" "nothing on stderr"
doctor --offline
expect_rc 0 "--offline"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.[] | select(.group == "centre") |
	.status] | join(" ")')" "skip skip skip skip skip skip" \
	"--offline skips the six centre checks"

# --- The printer ------------------------------------------------------------
write_config
sed -i '/^printer/d' "$CHEQUEDESK_CONFIG"
doctor
expect_rc 8 "no printer set"
expect_check config settings fail "printer = QUEUE" "not set: printer."
expect_check printer "printer queue" skip "" "no printer is set"

write_config
sed -i 's/^printer = plq$/printer = nosuch/' "$CHEQUEDESK_CONFIG"
doctor
expect_rc 8 "a queue that does not exist"
expect_check printer "printer queue" fail "lpadmin -p nosuch -E -v DEVICE-URI" \
	"no printer queue \"nosuch\" in CUPS (queues there are: plq)"
expect_in "printer = QUEUE in $CHEQUEDESK_CONFIG" \
	"$(field printer "printer queue" fix)" "or another queue"
expect_check printer "queue state" skip

write_config
cups_stop_queue plq
doctor
expect_rc 8 "a disabled queue"
expect_check printer "queue state" fail "cupsenable plq" "stopped"
cups_reject plq
doctor
expect_check printer "queue state" fail "cupsenable plq && cupsaccept plq" \
	"stopped, rejecting jobs"
cups_start_queue plq
doctor
expect_rc 8 "a rejecting queue"
expect_check printer "queue state" fail "cupsaccept plq" "rejecting jobs"
cups_accept plq
doctor
expect_check printer "queue state" ok

sed -i '/^printer_profile/d' "$CHEQUEDESK_CONFIG"
doctor
expect_rc 8 "no profile for the queue's model"
expect_check printer "printer profile" fail \
	"printer_profile = ID in $CHEQUEDESK_CONFIG, one of: " \
	"No printer profile matches the queue \"plq\""
expect_in "epson-plq20" "$(field printer "printer profile" fix)" \
	"the fix lists the profiles"
write_config "printer_profile = nosuch"
doctor
expect_check printer "printer profile" fail "printer_profile = ID" "nosuch"
write_config

# --- The centre -------------------------------------------------------------
centre_stop
doctor
expect_rc 8 "the centre stopped"
expect_check centre connection fail "centre_url = $CENTRE_URL in" \
	"Cannot reach the clearing centre at $CENTRE_URL"
expect_check centre "TLS certificate" skip
expect_check centre "branch registered" skip
centre_start "decide_after 0" || exit 99

sed -i '/^centre_ca/d' "$CHEQUEDESK_CONFIG"
doctor
expect_rc 8 "centre_ca unset: the test CA is not trusted"
expect_check centre connection ok
expect_check centre "TLS certificate" fail \
	"centre_ca = PATH in $CHEQUEDESK_CONFIG" "not trusted"
expect_check centre signature skip

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-days 2 -subj /CN=another-ca -keyout "$TMP/other-ca.key" \
	-out "$TMP/other-ca.pem" 2>/dev/null
write_config "centre_ca = $TMP/other-ca.pem"
doctor
expect_check centre "TLS certificate" fail "centre_ca = PATH" \
	"checked with $TMP/other-ca.pem"

write_config "centre_ca = $TMP/missing-ca.pem"
doctor
expect_check centre "TLS certificate" fail "centre_ca = PATH" \
	"$TMP/missing-ca.pem"

write_config "centre_key = $TMP/centre/0202.pub"
doctor
expect_rc 8 "answers not signed with centre_key"
expect_check centre signature fail "centre_key = FILE in $CHEQUEDESK_CONFIG" \
	"does not match the centre's key"
expect_check centre "TLS certificate" ok
expect_check centre "branch registered" skip

write_config
CHEQUEDESK_NEW_PASSWORD=super-pw "$CD" init --db "$TMP/0303.db" \
	--branch 0303 --name "汉口支行" --supervisor s01 >/dev/null ||
	fail "a second branch"
doctor --db "$TMP/0303.db"
expect_rc 8 "a branch with another branch's transport certificate"
expect_check centre "branch registered" fail \
	"make this branch's own: chequedesk key transport new --replace" \
	"registered for another branch, not for branch 0303"
expect_check centre signature ok
# its own certificate, which the centre does not know yet
centre_transport_cert 0303 || exit 99
write_config "transport_cert = $TMP/centre/0303.tls.pem" \
	"transport_key = $TMP/centre/0303.tls.key"
doctor --db "$TMP/0303.db"
expect_rc 8 "a certificate the centre does not know"
expect_check centre "transport certificate" ok "" "CN = 0303"
expect_check centre "branch registered" fail \
	"give the centre the certificate: chequedesk key transport export FILE" \
	"does not know this terminal's transport certificate"
# registered with the branch's key: the centre does not know 0303 at all
centre_register 0303 "$TMP/centre/0202.pub"
doctor --db "$TMP/0303.db"
expect_rc 0 "0303 with its own certificate, registered"
expect_check centre "branch registered" ok "" "0303"
write_config
# no transport certificate: the doctor says so and what to run
sed -i '/^transport_/d' "$CHEQUEDESK_CONFIG"
doctor
expect_rc 8 "no transport certificate"
expect_check centre "transport certificate" fail \
	"chequedesk key transport new, then chequedesk key transport export FILE" \
	"transport_cert and transport_key are not set"
expect_check centre "branch registered" skip "" "no usable transport certificate"
# the key of another certificate
write_config "transport_key = $TMP/centre/0303.tls.key"
doctor
expect_rc 8 "a transport key that is not the certificate's"
expect_check centre "transport certificate" fail "" \
	"is not the key of the certificate"
write_config

doctor
expect_rc 0 "all green again"
expect_eq "$(not_ok)" "" "nothing wrong at the end"

finish
