# cups.sh - a private CUPS scheduler for the printing tests.
#
# Source tests/cli/lib.sh first (it provides $TMP, fail and pass), then this
# file, then call cups_start.  The program under test prints through real
# CUPS with libcups; our own backend "capture" stores the exact bytes each
# job delivered, so a test can cmp them.  Works as root and as an ordinary
# user; needs cups-daemon and cups-client.  When cupsd cannot be started
# (not installed, or it refuses its configuration) cups_start returns 1 and
# says why on stderr and in $CUPS_ERROR, with cupsd's own error lines: the
# test that needed it fails (exit 99), it is never skipped.
#
# How it works
#   cups_start builds $TMP/cups/:
#     conf/      ServerRoot: cupsd.conf, cups-files.conf, printers.conf
#                (emptied on every start, so add queues after each
#                cups_start: cupsd rewrites the file), ppd/, ssl/
#     bin/       private ServerBin: backend/ holds only our capture;
#                daemon, notifier, cgi-bin, monitor, driver are symlinks to
#                the system's (/usr/lib/cups on Debian) where they exist;
#                filter/ links the system's filters plus, if missing, a
#                stand-in gziptoany (see below)
#     sbin/cupsd a copy of the system's cupsd (see AppArmor below)
#     spool/     RequestRoot (spool/tmp is TempDir)
#     cache/ state/ log/   CacheDir, StateDir, error_log, access_log, ...
#     jobs/      $CUPS_JOBS: what the capture backend delivered
#     sock       the Unix socket cupsd listens on, and nothing else
#   and runs "cupsd -f -c conf/cupsd.conf -s conf/cups-files.conf" in the
#   background, exports CUPS_SERVER=$TMP/cups/sock (a value starting with
#   "/" is a Unix socket to libcups, lp, lpstat and lpadmin) and waits up to
#   10 s until the error_log says it listens and "lpstat -r" says the
#   scheduler is running.  If the socket path would be too long (sun_path
#   holds 108 bytes; a long TMPDIR) it listens on 127.0.0.1:PORT instead,
#   CUPS_SERVER=127.0.0.1:PORT, skipping ports where something answers
#   (CUPS_FIXTURE_PORT=N forces this mode, to test it).
#
#   Queues are raw (no PPD), created against the running cupsd with
#   "lpadmin -p NAME -E -v capture:/NAME": on CUPS 2.4 that works and prints
#   no deprecation warning (only "-m raw" does).  A raw queue runs no filter
#   for a one-document job: the backend gets the spool file as argument 6.
#   For a job of several documents cupsd runs filter/gziptoany once for each
#   and the backend once, reading them all from stdin.
#
#   The capture backend writes $CUPS_JOBS/<queue>-<job-id>.bin through a
#   temporary ".<queue>-<job-id>.<pid>" and a rename, so a reader never
#   sees half a job.  Just before, it writes <queue>-<job-id>.args: its
#   arguments job-id, user, title, copies, options, one a line.  With a file
#   argument it writes "copies" copies itself, as CUPS's socket and ipp
#   backends do.  Switches, per queue (cups_slow and cups_fail set them):
#     $CUPS_JOBS/<queue>.slow  sleep that many seconds first
#     $CUPS_JOBS/<queue>.fail  print "ERROR: <contents>" and exit 1
#                              (CUPS_BACKEND_FAILED); checked after the
#                              sleep, so a slow job can be made to fail
#   Job ids are the scheduler's, shared by all queues, and continue after a
#   restart (job.cache in CacheDir survives).
#
#   cupsd.conf sets "ErrorPolicy abort-job", so a failing backend aborts the
#   job and leaves the queue enabled; cups_error_policy changes it per queue.
#   Debian's own default is retry-job (upstream's is stop-printer).  What
#   CUPS 2.4.2 does with each is in tests/print/fixture.sh.
#
#   cups_stop (also run from the EXIT trap) sends TERM, waits up to 10 s,
#   then KILL.  A watchdog subshell stops cupsd within a second should the
#   test shell die without running its traps (SIGKILL).
#
# Pitfalls met
#   - As root, cupsd runs backends as the user "lp" unless the file is mode
#     0700 (then as root), and filters always as "lp".  capture is 0700, so
#     it can write $CUPS_JOBS; as an ordinary user cupsd runs every child as
#     that user, so 0700 works both ways.  But mktemp made $TMP 0700: "lp"
#     could not reach gziptoany or the spool files ("execv failed:
#     Permission denied", the job stopped), so as root $TMP becomes 0711.
#   - As root cupsd refuses to run programs that are not owned by root or
#     are group/world-writable, and the same for their directory: files are
#     made under umask 022.
#   - cupsd gives backends a clean environment (PRINTER, DEVICE_URI, CUPS_*
#     and a few more): the jobs directory is written into the script.
#   - lpadmin refuses a device URI whose scheme has no backend in
#     ServerBin/backend; a "file:" device needs FileDevice Yes and, on a
#     raw queue, writes nothing anyway.
#   - A private ServerBin must still provide daemon/cups-exec: cupsd starts
#     every filter and backend through it.  cups-daemon alone has no
#     filter/ (gziptoany is in the package "cups"): without gziptoany a job
#     of several documents on a raw queue stops with "Unable to start
#     filter", hence the stand-in.
#   - Debian and Ubuntu ship an AppArmor profile for /usr/sbin/cupsd that
#     allows executing nothing under /tmp; where it is enforced our backend
#     would be denied.  Profiles attach by path, so a copy of cupsd in $TMP
#     runs unconfined.  A /tmp mounted noexec stops the copy and the backend
#     alike: cups_start says so (set TMPDIR elsewhere).
#   - cupsd's defaults touch system places: the printcap (Printcap names
#     a file in StateDir: cups-daemon 2.4.2-3+deb12u11 and later refuse an
#     empty Printcap line, "Missing value for Printcap"), /var/log/cups, /var/spool/cups, /var/cache/cups, /run/cups,
#     /etc/cups/ssl (each path is set here), and Avahi (Browsing Off,
#     BrowseLocalProtocols none).  cupsd listens only where Listen says:
#     it adds no /run/cups/cups.sock of its own.
#   - The default policy wants @OWNER/@SYSTEM for job and admin operations
#     and hides job names and users from others; ours allows everything and
#     hides nothing, so lpadmin works as an ordinary user and libcups sees
#     every attribute.  SystemGroup is the user's own group.
#   - cupsd does not exit when it cannot bind its Listen address, and
#     "lpstat -r" only checks that a connection opens: readiness is taken
#     from the error_log ("Listening to ... on fd") plus lpstat -r.
#   - lpadmin, cupsenable, cupsdisable, cupsaccept, cupsreject and cupsd are
#     in /usr/sbin, not in an ordinary user's PATH on Debian: it is
#     appended.
#   - PRINTER/LPDEST and /etc/cups/lpoptions change the default destination
#     libcups reports: they are unset, and CUPS_SERVERROOT points at our
#     ServerRoot.  ~/.cups/lpoptions and ~/.cups/client.conf still apply
#     (CUPS_SERVER overrides the server named there).
#   - The EXIT trap does not run when the shell dies of HUP, INT or TERM, so
#     those are trapped to exit (which runs it); note that a shell runs a
#     trap only after the foreground command ends.  Background commands of
#     a non-interactive shell ignore INT, so Ctrl-C does not reach cupsd.
#
# Functions
#   cups_start                start cupsd; 1 and $CUPS_ERROR if it cannot
#   cups_stop                 stop it
#   cups_add_queue NAME       raw queue on capture:/NAME, enabled, accepting
#   cups_remove_queue NAME    lpadmin -x
#   cups_stop_queue NAME      cupsdisable      cups_start_queue NAME  cupsenable
#   cups_reject NAME          cupsreject       cups_accept NAME       cupsaccept
#   cups_error_policy NAME P  printer-error-policy: abort-job, stop-printer,
#                             retry-job or retry-current-job
#   cups_fail NAME [MESSAGE]  make the backend fail for NAME; no MESSAGE: stop
#   cups_slow NAME [SECONDS]  make it sleep first; no SECONDS: stop
#   cups_print NAME ARGS...   lp -d NAME ARGS...; prints the job id
#   cups_job_file NAME JOBID  path of the captured bytes
#   cups_wait_job NAME JOBID [SECONDS]  wait (default 10 s) for them
#   cups_jobs NAME            captured files of NAME, in job order
#   cups_job_count NAME       how many
#   cups_job_log JOBID        the scheduler's log lines about that job
#   cups_log                  tail of the scheduler's error_log (stderr)

CUPS_DIR=$TMP/cups
CUPS_JOBS=$CUPS_DIR/jobs
CUPS_PID=
CUPS_WATCHDOG=
CUPS_ERROR=
PATH=$PATH:/usr/sbin:/sbin
export PATH

trap 'cups_stop; rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# cups_log [LINES]: the tail of the scheduler's logs, on stderr.
cups_log() {
	local n="${1:-30}"
	{
		echo "--- tail of $CUPS_DIR/log/error_log:"
		tail -n "$n" "$CUPS_DIR/log/error_log" 2>/dev/null
		if [ -s "$CUPS_DIR/log/cupsd.out" ]; then
			echo "--- cupsd output:"
			tail -n "$n" "$CUPS_DIR/log/cupsd.out"
		fi
	} >&2
}

# cups_failed MESSAGE...: why cups_start failed, in $CUPS_ERROR and on
# stderr.
cups_failed() {
	CUPS_ERROR="$*"
	echo "cups_start: $CUPS_ERROR" >&2
}

# cups_why: cupsd's own error lines ("E [date] ..."), or its output, or
# that it said nothing: what made it stop or refuse to serve.
cups_why() {
	local why
	why=$(grep '^E ' "$CUPS_DIR/log/error_log" 2>/dev/null | tail -3 |
		sed 's/^E \[[^]]*\] //')
	[ -n "$why" ] || why=$(tail -3 "$CUPS_DIR/log/cupsd.out" 2>/dev/null)
	printf '%s' "${why:-cupsd wrote no error (see $CUPS_DIR/log)}" |
		tr '\n' ' '
}

# cups_write_backend: the capture backend, with $CUPS_JOBS built in.
cups_write_backend() {
	local f="$CUPS_DIR/bin/backend/capture"
	{
		echo '#!/bin/sh'
		echo '# capture - CUPS backend of the chequedesk tests, generated by'
		echo '# tests/print/cups.sh: stores each job in $jobs/QUEUE-JOBID.bin.'
		printf "jobs='%s'\n" "$(printf '%s' "$CUPS_JOBS" |
			sed "s/'/'\\\\''/g")"
		cat <<'EOF'
if [ $# -eq 0 ]; then
	echo 'direct capture "Unknown" "Capture job bytes (chequedesk tests)"'
	exit 0
fi
if [ $# -lt 5 ] || [ $# -gt 6 ]; then
	echo "Usage: capture job-id user title copies options [file]" >&2
	exit 1
fi
queue=${PRINTER:-}
if [ -z "$queue" ]; then
	queue=${DEVICE_URI:-$0}
	queue=${queue#capture:}
	queue=${queue#/}
fi
case $queue in
'' | */*) echo "ERROR: capture: bad queue name \"$queue\"" >&2; exit 1 ;;
esac
if [ -f "$jobs/$queue.slow" ]; then
	secs=$(cat "$jobs/$queue.slow")
	echo "INFO: capture: sleeping ${secs:-1} s" >&2
	sleep "${secs:-1}" &
	pid=$!
	trap 'kill $pid 2>/dev/null; wait $pid; exit 1' TERM INT HUP
	wait $pid
	trap - TERM INT HUP
fi
if [ -f "$jobs/$queue.fail" ]; then
	echo "ERROR: $(cat "$jobs/$queue.fail")" >&2
	exit 1
fi
final="$jobs/$queue-$1.bin"
tmp="$jobs/.$queue-$1.$$"
copies=1
if [ $# -eq 6 ]; then
	case $4 in
	'' | *[!0-9]* | 0) ;;
	*) copies=$4 ;;
	esac
fi
printf '%s\n' "$1" "$2" "$3" "$4" "$5" >"$jobs/$queue-$1.args"
if {
	if [ $# -eq 6 ]; then
		n=0
		while [ $n -lt $copies ]; do
			cat "$6" || exit 1
			n=$((n + 1))
		done
	else
		cat || exit 1
	fi
} >"$tmp" && mv -f "$tmp" "$final"; then
	echo "DEBUG: capture: wrote $final" >&2
	exit 0
fi
rm -f "$tmp"
echo "ERROR: capture: cannot write $final" >&2
exit 1
EOF
	} >"$f" || return 1
	chmod 0700 "$f"
}

# cups_write_gziptoany: cupsd runs filter/gziptoany for every document of
# a job with more than one on a raw queue; it comes with the package "cups",
# not "cups-daemon".  Where it is missing, a stand-in that does the same:
# gunzip if needed, and make the copies for a raw file.
cups_write_gziptoany() {
	local f="$CUPS_DIR/bin/filter/gziptoany"
	[ -e "$f" ] && return 0
	cat >"$f" <<'EOF'
#!/bin/sh
# gziptoany - stand-in for the CUPS filter, from tests/print/cups.sh.
if [ $# -lt 5 ] || [ $# -gt 6 ]; then
	echo "Usage: gziptoany job-id user title copies options [file]" >&2
	exit 1
fi
[ $# -eq 6 ] || exec gzip -dcf
copies=1
if [ -z "${FINAL_CONTENT_TYPE:-}" ]; then
	case $4 in
	'' | *[!0-9]* | 0) ;;
	*) copies=$4 ;;
	esac
fi
while [ $copies -gt 0 ]; do
	[ -n "${FINAL_CONTENT_TYPE:-}" ] || echo "PAGE: 1 1" >&2
	gzip -dcf -- "$6" || exit 1
	copies=$((copies - 1))
done
EOF
	chmod 0755 "$f"
}

# cups_write_config SOCKET-OR-PORT: cupsd.conf and cups-files.conf.
cups_write_config() {
	local listen="$1" d="$CUPS_DIR" group user
	group=$(id -gn)
	user=$(id -un)
	cat >"$d/conf/cupsd.conf" <<EOF
# Private scheduler of the chequedesk tests (tests/print/cups.sh).
LogLevel debug
MaxLogSize 0
Listen $listen
Browsing Off
BrowseLocalProtocols none
DefaultShared No
WebInterface No
DefaultAuthType None
ErrorPolicy abort-job
PreserveJobHistory Yes
PreserveJobFiles No
<Location />
  Order allow,deny
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order allow,deny
  </Limit>
</Policy>
EOF
	{
		echo "# Private scheduler of the chequedesk tests (tests/print/cups.sh)."
		echo "ServerRoot $d/conf"
		echo "ServerBin $d/bin"
		echo "RequestRoot $d/spool"
		echo "TempDir $d/spool/tmp"
		echo "CacheDir $d/cache"
		echo "StateDir $d/state"
		echo "ServerKeychain $d/conf/ssl"
		echo "CreateSelfSignedCerts no"
		echo "AccessLog $d/log/access_log"
		echo "ErrorLog $d/log/error_log"
		echo "PageLog $d/log/page_log"
		echo "Printcap $d/state/printcap"
		echo "FileDevice No"
		echo "FatalErrors config listen log"
		echo "LogFileGroup $group"
		echo "SystemGroup $group"
		if [ "$(id -u)" -ne 0 ]; then
			echo "User $user"
			echo "Group $group"
		fi
	} >"$d/conf/cups-files.conf"
}

# cups_find_serverbin: the system's ServerBin (holds daemon/cups-exec).
cups_find_serverbin() {
	local dir
	for dir in $(cups-config --serverbin 2>/dev/null) /usr/lib/cups \
		/usr/libexec/cups /usr/local/lib/cups /usr/local/libexec/cups; do
		if [ -x "$dir/daemon/cups-exec" ]; then
			echo "$dir"
			return 0
		fi
	done
	return 1
}

# cups_launch LISTEN: start cupsd on LISTEN and wait until it serves
# requests; 0 = up, 2 = address in use, 1 = other failure.  cupsd does not
# exit when it cannot listen, and "lpstat -r" only tries to connect, so the
# error_log tells whether it is our scheduler that answers.
cups_launch() {
	local d="$CUPS_DIR" i=0 up=
	cups_write_config "$1"
	: >"$d/conf/printers.conf"
	rm -f "$d/conf/printers.conf.O"
	if [ -f "$d/log/error_log" ]; then
		cat "$d/log/error_log" >>"$d/log/error_log.old"
		rm -f "$d/log/error_log"
	fi
	"$d/sbin/cupsd" -f -c "$d/conf/cupsd.conf" \
		-s "$d/conf/cups-files.conf" \
		</dev/null >>"$d/log/cupsd.out" 2>&1 &
	CUPS_PID=$!
	while [ $i -lt 100 ]; do
		kill -0 "$CUPS_PID" 2>/dev/null || break
		if grep -q 'Unable to open listen socket' "$d/log/error_log" \
			2>/dev/null; then
			up=inuse
			break
		fi
		if grep -q '^I .* Listening to .* on fd' "$d/log/error_log" \
			2>/dev/null &&
			[ "$(lpstat -r 2>/dev/null)" = "scheduler is running" ]; then
			up=yes
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	[ "$up" = yes ] && return 0
	kill -KILL "$CUPS_PID" 2>/dev/null
	wait "$CUPS_PID" 2>/dev/null
	CUPS_PID=
	[ "$up" = inuse ] && return 2
	return 1
}

# cups_start: start the private scheduler; exits 77 if CUPS is missing.
cups_start() {
	local d="$CUPS_DIR" cupsd sysbin sub f listen sock port tries mask
	if [ -n "$CUPS_PID" ]; then
		echo "cups_start: cupsd is already running" >&2
		return 1
	fi
	CUPS_ERROR=
	cupsd=$(command -v cupsd) || cupsd=
	if [ -z "$cupsd" ] || ! command -v lpstat >/dev/null ||
		! command -v lpadmin >/dev/null; then
		cups_failed "CUPS is not installed (apt-get install cups-daemon" \
			"cups-client)"
		return 1
	fi
	if ! sysbin=$(cups_find_serverbin); then
		cups_failed "no CUPS ServerBin with daemon/cups-exec found" \
			"(reinstall cups-daemon)"
		return 1
	fi

	mask=$(umask)
	umask 022
	mkdir -p "$d/conf/ppd" "$d/conf/ssl" "$d/bin/backend" "$d/sbin" \
		"$d/spool/tmp" "$d/cache" "$d/state" "$d/log" "$CUPS_JOBS" || {
		umask "$mask"
		return 1
	}
	for sub in daemon notifier cgi-bin monitor driver; do
		if [ -d "$sysbin/$sub" ] && [ ! -e "$d/bin/$sub" ]; then
			ln -s "$sysbin/$sub" "$d/bin/$sub"
		fi
	done
	# filter/ is ours: the system's filters, plus gziptoany if missing.
	mkdir -p "$d/bin/filter"
	for f in "$sysbin/filter"/*; do
		[ -e "$f" ] || continue
		[ -e "$d/bin/filter/${f##*/}" ] || ln -s "$f" "$d/bin/filter/"
	done
	# A copy escapes the AppArmor profile attached to /usr/sbin/cupsd.
	cp "$cupsd" "$d/sbin/cupsd" && chmod 0755 "$d/sbin/cupsd" &&
		cups_write_backend && cups_write_gziptoany || {
		umask "$mask"
		return 1
	}
	umask "$mask"
	# Our backend must run from $TMP: not on a noexec /tmp.
	if ! "$d/bin/backend/capture" >/dev/null 2>&1; then
		cups_failed "cannot run programs in $TMP (mounted noexec?);" \
			"set TMPDIR to a directory that allows them"
		return 1
	fi
	# Filters (gziptoany) run as "lp" when we are root: they must reach
	# ServerBin and the spool through $TMP, which mktemp made 0700.
	[ "$(id -u)" -ne 0 ] || chmod 0711 "$TMP"

	sock=$d/sock
	port=
	if [ -n "${CUPS_FIXTURE_PORT:-}" ] || [ ${#sock} -gt 100 ]; then
		port=${CUPS_FIXTURE_PORT:-$((20000 + $$ % 20000))}
	fi
	tries=0
	while :; do
		if [ -n "$port" ]; then
			# Skip ports where something already answers.
			while [ $tries -lt 20 ] && [ "$(lpstat -h "127.0.0.1:$port" \
				-r 2>/dev/null)" = "scheduler is running" ]; do
				port=$((port + 1))
				tries=$((tries + 1))
			done
			listen=127.0.0.1:$port
		else
			listen=$sock
		fi
		CUPS_SERVER=$listen
		export CUPS_SERVER
		cups_launch "$listen"
		case $? in
		0) break ;;
		2)
			tries=$((tries + 1))
			if [ -n "$port" ] && [ $tries -lt 20 ]; then
				port=$((port + 1))
				continue
			fi
			;;
		esac
		cups_failed "cupsd did not start (Listen $listen): $(cups_why)"
		cups_log 30
		return 1
	done

	# Stop cupsd should this shell die without running its EXIT trap.
	# Killed by cups_stop, it reaps its sleep: no orphan is left behind.
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
		kill -TERM "$CUPS_PID" 2>/dev/null
	) </dev/null >/dev/null 2>&1 &
	CUPS_WATCHDOG=$!

	# Nothing from the developer's system may choose a destination.
	CUPS_SERVERROOT=$d/conf
	export CUPS_SERVERROOT
	unset PRINTER LPDEST
	return 0
}

# cups_stop: stop the scheduler (TERM, then KILL after 10 s).
cups_stop() {
	local i=0
	if [ -n "$CUPS_WATCHDOG" ]; then
		kill "$CUPS_WATCHDOG" 2>/dev/null
		wait "$CUPS_WATCHDOG" 2>/dev/null
		CUPS_WATCHDOG=
	fi
	[ -n "$CUPS_PID" ] || return 0
	kill -TERM "$CUPS_PID" 2>/dev/null
	while kill -0 "$CUPS_PID" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$CUPS_PID" 2>/dev/null; then
		echo "cups_stop: cupsd ignored TERM, killing it" >&2
		kill -KILL "$CUPS_PID" 2>/dev/null
	fi
	wait "$CUPS_PID" 2>/dev/null
	CUPS_PID=
	rm -f "$CUPS_DIR/sock"
	return 0
}

# cups_admin WHAT COMMAND ARGS...: run an admin command, show why it failed.
cups_admin() {
	local what="$1" out
	shift
	if ! out=$("$@" 2>&1); then
		echo "$what: $* failed: $out" >&2
		return 1
	fi
	[ -z "$out" ] || echo "$what: $out" >&2
	return 0
}

# cups_add_queue NAME: a raw queue printing to the capture backend.
cups_add_queue() {
	cups_admin cups_add_queue lpadmin -p "$1" -E -v "capture:/$1" \
		-D "chequedesk test queue $1"
}

cups_remove_queue() { cups_admin cups_remove_queue lpadmin -x "$1"; }
cups_stop_queue() { cups_admin cups_stop_queue cupsdisable "$1"; }
cups_start_queue() { cups_admin cups_start_queue cupsenable "$1"; }
cups_reject() { cups_admin cups_reject cupsreject "$1"; }
cups_accept() { cups_admin cups_accept cupsaccept "$1"; }

# cups_error_policy NAME POLICY: what CUPS does when the backend fails.
cups_error_policy() {
	cups_admin cups_error_policy lpadmin -p "$1" \
		-o "printer-error-policy=$2"
}

# cups_fail NAME [MESSAGE]: make NAME's jobs fail; without MESSAGE, stop.
cups_fail() {
	if [ $# -ge 2 ]; then
		printf '%s\n' "$2" >"$CUPS_JOBS/$1.fail"
	else
		rm -f "$CUPS_JOBS/$1.fail"
	fi
}

# cups_slow NAME [SECONDS]: make NAME's backend sleep; without SECONDS, stop.
cups_slow() {
	if [ $# -ge 2 ]; then
		printf '%s\n' "$2" >"$CUPS_JOBS/$1.slow"
	else
		rm -f "$CUPS_JOBS/$1.slow"
	fi
}

# cups_print NAME ARGS...: submit with lp; prints the job id.
cups_print() {
	local q="$1" out
	shift
	out=$(lp -d "$q" "$@") || return 1
	# "request id is Q-12 (1 file(s))"
	out=${out#*request id is "$q"-}
	echo "${out%% *}"
}

# cups_job_log JOBID: the scheduler's log lines about that job.
cups_job_log() {
	cat "$CUPS_DIR/log/error_log.old" "$CUPS_DIR/log/error_log" \
		2>/dev/null | grep "\[Job $1\] "
}

# cups_job_file NAME JOBID: where the backend puts that job's bytes.
cups_job_file() {
	echo "$CUPS_JOBS/$1-$2.bin"
}

# cups_wait_job NAME JOBID [SECONDS]: wait until the job was captured.
cups_wait_job() {
	local f i=0 n=$((${3:-10} * 10))
	f=$(cups_job_file "$1" "$2")
	while [ ! -f "$f" ]; do
		if [ $i -ge $n ]; then
			echo "cups_wait_job: job $1-$2 not captured in ${3:-10} s" >&2
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 0
}

# cups_jobs NAME: the captured files of NAME, one a line, in job order.
cups_jobs() {
	local f id
	for f in "$CUPS_JOBS/$1"-*.bin; do
		[ -f "$f" ] || continue
		id=${f#"$CUPS_JOBS/$1"-}
		id=${id%.bin}
		case $id in
		'' | *[!0-9]*) continue ;;
		esac
		echo "$id $f"
	done | sort -n | cut -d' ' -f2-
}

# cups_job_count NAME: how many jobs NAME captured.
cups_job_count() {
	cups_jobs "$1" | wc -l | tr -d ' '
}
