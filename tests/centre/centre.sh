# centre.sh - a private clearing centre (chequedesk-centre) for shell tests.
#
# Set $TMP (a private directory) and $top_builddir / $top_srcdir first
# (tests/cli/lib.sh does all three), then source this file and call
# centre_start.  It needs the openssl command with SM2 (without it
# centre_start ends the test as a hard error, 99, saying so).
#
# How it works
#   centre_start builds $TMP/centre/:
#     ca.key ca.pem        a throw-away CA (EC P-256, two days)
#     server.key server.pem  the server's key and certificate, signed by
#                          the CA, for IP 127.0.0.1 and DNS localhost
#                          (unencrypted PKCS#8 PEM: GnuTLS, under
#                          libmicrohttpd, reads it as is)
#     centre.db            the centre's database ($CENTRE_DB)
#     centre.pub           the centre's public key ($CENTRE_PUB), the
#                          branch's centre_key
#     rules.conf           the rules given to centre_start, if any
#     serve.log            the server's stdout and stderr (one line per
#                          request)
#   and runs "chequedesk-centre serve --port 0 --port-file ..." in the
#   background, waits (10 s, or $CENTRE_START_TIMEOUT) for the port file
#   and exports CENTRE_URL=https://127.0.0.1:PORT, CENTRE_CA, CENTRE_PUB,
#   CENTRE_DB and CENTRE_PORT.  init runs once; later starts keep the
#   database, its key and the certificates.
#   $CENTRE_WRAPPER, when set, is put before the program (for example
#   "valgrind --leak-check=full --error-exitcode=42"); centre_stop leaves
#   the server's exit status in $CENTRE_EXIT.
#   A watchdog subshell stops the server within a second should the test
#   shell die without running its traps (SIGKILL).
#
# Functions
#   centre_start [RULES]        start (RULES: rules file text, e.g.
#                               "decide_after 0"); the bank list is the
#                               source tree's data/banks.csv
#   centre_stop                 stop it (TERM, KILL after 10 s)
#   centre_restart              stop and start on the same port, database
#                               and rules
#   centre_register BRANCH PUB [CERT]
#                               register a branch's public key file and its
#                               transport certificate (default
#                               $TMP/centre/BRANCH.tls.pem, made by
#                               centre_transport_cert when missing)
#   centre_fault KIND [ARG] [--on ENDPOINT] [--times N]
#   centre_clear_faults
#   centre_dump                 the centre's batches, items and notices
#                               as JSON on stdout
#   centre_transport_cert BRANCH  a transport key and self-signed
#                               certificate for BRANCH (EC P-256, CN=BRANCH):
#                               $TMP/centre/BRANCH.tls.key and .tls.pem, the
#                               branch's transport_key and transport_cert
#                               (made once)
#   centre_branch_key BRANCH    make an SM2 key pair for BRANCH:
#                               $TMP/centre/BRANCH.key (encrypted PKCS#8,
#                               access code $BRANCH_ACCESS_CODE, default
#                               "branch-code") and $TMP/centre/BRANCH.pub

CENTRE_DIR=$TMP/centre
CENTRE_BIN=$top_builddir/chequedesk-centre
CENTRE_DB=$CENTRE_DIR/centre.db
CENTRE_CA=$CENTRE_DIR/ca.pem
CENTRE_PUB=$CENTRE_DIR/centre.pub
CENTRE_PID=
CENTRE_WATCHDOG=
CENTRE_PORT=
CENTRE_EXIT=
CENTRE_SANITIZER_SEEN=0
export CENTRE_DB CENTRE_CA CENTRE_PUB
# finish (tests/cli/lib.sh) stops the centre first, so that what it reports
# on the way out is counted.
FINISH_HOOKS="${FINISH_HOOKS:-} centre_stop"

trap 'centre_stop; rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# centre_certs: the CA and the server certificate, made once.
centre_certs() {
	local d="$CENTRE_DIR"
	[ -f "$d/server.pem" ] && return 0
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		-nodes -days 2 -subj /CN=chequedesk-test-ca \
		-keyout "$d/ca.key" -out "$d/ca.pem" 2>"$d/openssl.log" &&
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -subj /CN=localhost -keyout "$d/server.key" \
			-out "$d/server.csr" 2>>"$d/openssl.log" &&
		printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
			"basicConstraints=CA:FALSE" \
			"keyUsage=digitalSignature" \
			"extendedKeyUsage=serverAuth" >"$d/server.ext" &&
		openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" \
			-CAkey "$d/ca.key" -CAcreateserial -days 2 \
			-extfile "$d/server.ext" -out "$d/server.pem" \
			2>>"$d/openssl.log" || {
		echo "centre_start: openssl could not make the certificates:" >&2
		cat "$d/openssl.log" >&2
		return 1
	}
}

# centre_start [RULES]: start the centre; a hard error (99) without SM2.
centre_start() {
	local d="$CENTRE_DIR" i=0 limit
	if [ -n "$CENTRE_PID" ]; then
		echo "centre_start: the centre is already running" >&2
		return 1
	fi
	if ! openssl genpkey -algorithm SM2 >/dev/null 2>&1; then
		echo "FAIL: the openssl command lacks SM2 (Debian 12's" \
			"openssl has it; apt-get install openssl)" >&2
		exit 99
	fi
	mkdir -p "$d" && centre_certs || return 1
	if [ ! -f "$CENTRE_PUB" ]; then
		"$CENTRE_BIN" init --db "$CENTRE_DB" --public-key "$CENTRE_PUB" \
			>/dev/null || {
			echo "centre_start: chequedesk-centre init failed" >&2
			return 1
		}
	fi
	rm -f "$d/port" "$d/rules.conf"
	[ $# -ge 1 ] && printf '%s\n' "$1" >"$d/rules.conf"
	set --
	[ -f "$d/rules.conf" ] && set -- --rules "$d/rules.conf"
	# shellcheck disable=SC2086
	${CENTRE_WRAPPER:-} "$CENTRE_BIN" serve --db "$CENTRE_DB" \
		--cert "$d/server.pem" --cert-key "$d/server.key" \
		--port "${CENTRE_PORT:-0}" --port-file "$d/port" \
		--banks "$top_srcdir/data/banks.csv" \
		"$@" </dev/null >>"$d/serve.log" 2>&1 &
	CENTRE_PID=$!
	limit=$((${CENTRE_START_TIMEOUT:-10} * 10))
	while [ ! -s "$d/port" ]; do
		if ! kill -0 "$CENTRE_PID" 2>/dev/null || [ $i -ge $limit ]; then
			echo "centre_start: the centre did not start:" >&2
			tail -20 "$d/serve.log" >&2
			kill -KILL "$CENTRE_PID" 2>/dev/null
			wait "$CENTRE_PID" 2>/dev/null
			CENTRE_PID=
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	CENTRE_PORT=$(cat "$d/port")
	CENTRE_URL=https://127.0.0.1:$CENTRE_PORT
	export CENTRE_URL CENTRE_PORT

	# Stop the centre should this shell die without running its traps.
	(
		trap - EXIT HUP INT
		sp=
		trap '[ -z "$sp" ] || { kill "$sp"; wait "$sp"; }; exit 0' TERM
		while kill -0 $$ 2>/dev/null; do
			sleep 1 &
			sp=$!
			wait "$sp"
			sp=
		done
		kill -TERM "$CENTRE_PID" 2>/dev/null
	) </dev/null >/dev/null 2>&1 &
	CENTRE_WATCHDOG=$!
	return 0
}

# centre_stop: stop the centre; its exit status is left in $CENTRE_EXIT.
centre_stop() {
	local i=0
	if [ -n "$CENTRE_WATCHDOG" ]; then
		kill "$CENTRE_WATCHDOG" 2>/dev/null
		wait "$CENTRE_WATCHDOG" 2>/dev/null
		CENTRE_WATCHDOG=
	fi
	[ -n "$CENTRE_PID" ] || return 0
	kill -TERM "$CENTRE_PID" 2>/dev/null
	while kill -0 "$CENTRE_PID" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$CENTRE_PID" 2>/dev/null; then
		echo "centre_stop: the centre ignored TERM, killing it" >&2
		kill -KILL "$CENTRE_PID" 2>/dev/null
	fi
	wait "$CENTRE_PID" 2>/dev/null
	CENTRE_EXIT=$?
	CENTRE_PID=
	centre_sanitizer_check
	return 0
}

# centre_sanitizer_check: a new sanitizer report (--enable-asan: a leak at
# exit, undefined behaviour, a bad access) in serve.log fails the test, as
# nothing else would see what the background server wrote there.
centre_sanitizer_check() {
	local n
	n=$(grep -cE 'ERROR: [A-Za-z]+Sanitizer|runtime error: ' \
		"$CENTRE_DIR/serve.log" 2>/dev/null)
	[ "${n:-0}" -gt "$CENTRE_SANITIZER_SEEN" ] || return 0
	CENTRE_SANITIZER_SEEN=$n
	fail "chequedesk-centre reported a sanitizer finding (serve.log):"
	grep -E -A40 'ERROR: [A-Za-z]+Sanitizer|runtime error: ' \
		"$CENTRE_DIR/serve.log" >&2
}

# centre_restart: stop, then start on the same port, database and rules.
centre_restart() {
	if [ -f "$CENTRE_DIR/rules.conf" ]; then
		set -- "$(cat "$CENTRE_DIR/rules.conf")"
	else
		set --
	fi
	centre_stop && centre_start "$@"
}

# centre_register BRANCH PUBKEY_FILE [CERT]: register (or re-key) a
# branch with its transport certificate.
centre_register() {
	local cert="${3:-$CENTRE_DIR/$1.tls.pem}"
	if [ $# -lt 3 ] && [ ! -f "$cert" ]; then
		centre_transport_cert "$1" || return 1
	fi
	"$CENTRE_BIN" branch add "$1" --db "$CENTRE_DB" --key "$2" \
		--cert "$cert" --replace >/dev/null
}

# centre_transport_cert BRANCH: a transport key and certificate for BRANCH,
# as 'chequedesk key transport new' makes them (made once).
centre_transport_cert() {
	local d="$CENTRE_DIR"
	[ -f "$d/$1.tls.pem" ] && return 0
	mkdir -p "$d" &&
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -days 400 -subj "/CN=$1" -keyout "$d/$1.tls.key" \
			-out "$d/$1.tls.pem" 2>>"$d/openssl.log" || {
		echo "centre_transport_cert: openssl failed for $1" >&2
		return 1
	}
	chmod 600 "$d/$1.tls.key"
}

# centre_fault KIND [ARG] [--on ENDPOINT] [--times N]: add a fault.
centre_fault() {
	"$CENTRE_BIN" fault add "$@" --db "$CENTRE_DB"
}

# centre_clear_faults: remove every fault.
centre_clear_faults() {
	"$CENTRE_BIN" fault clear --db "$CENTRE_DB"
}

# centre_dump: everything the centre holds, as JSON.
centre_dump() {
	"$CENTRE_BIN" dump --db "$CENTRE_DB"
}

# centre_branch_key BRANCH: an SM2 key pair for a branch.
centre_branch_key() {
	local d="$CENTRE_DIR" code="${BRANCH_ACCESS_CODE:-branch-code}"
	mkdir -p "$d" &&
		openssl genpkey -algorithm SM2 -out "$d/$1.plain" 2>/dev/null &&
		openssl pkcs8 -topk8 -v2 aes-256-cbc -passout "pass:$code" \
			-in "$d/$1.plain" -out "$d/$1.key" 2>/dev/null &&
		openssl pkey -in "$d/$1.plain" -pubout -out "$d/$1.pub" \
			2>/dev/null
	local rc=$?
	rm -f "$d/$1.plain"
	[ $rc -eq 0 ] || echo "centre_branch_key: openssl failed for $1" >&2
	return $rc
}
