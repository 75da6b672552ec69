#!/bin/sh
# wizard.sh - the first-run set-up wizard, driven in tmux from an empty
# data directory (no configuration file, no database) to a working branch:
# branch and bank directory, first supervisor (the database is made; F10
# and a new start resume after a sign-in), a new key with its backup copy,
# the printer from the private cupsd with a test print, the simulated
# clearing centre tested live before and after it registers the branch's
# public key, and every check green. Then the supervisor signs in,
# registers a cheque and prints it. Step 1 is compared with
# tests/screens/expected in English and Chinese.
. "$(dirname "$0")/lib.sh"
. "$top_srcdir/tests/print/cups.sh"
. "$top_srcdir/tests/centre/centre.sh"
trap 'tm kill-server 2>/dev/null; centre_stop; cups_stop; rm -rf "$TMP"' EXIT
cups_start || exit 99
cups_add_queue plq
centre_start "decide_after 0" || exit 99

# Relative names in $TMP, so that the screens show the same paths on
# every run; nothing is there yet.
cd "$TMP" || exit 99
CHEQUEDESK_DATADIR=data CHEQUEDESK_DB=branch.db CHEQUEDESK_CONFIG=chequedesk.conf
export CHEQUEDESK_DATADIR CHEQUEDESK_DB CHEQUEDESK_CONFIG
rm -f chequedesk.conf branch.db

# start_wizard: run chequedesk, which opens the wizard (or its sign-in);
# start_screens waits for signin_marker, here F10 of the wizard's key bar
# (the same in every language).
signin_marker() { echo F10; }
start_wizard() {
	start_screens
}

# settle TEXT: wait for TEXT, longer than wait_for (a test print, the
# centre and the checks take a moment).
settle() {
	local i=0
	while [ $i -lt 100 ]; do
		capture | grep -qF -- "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	fail "screen never showed \"$1\""
	capture >&2
	return 1
}

# --- Step 1 in Chinese, then F10 leaves (asking) without saving. ---
LANGUAGE=zh_CN
export LANGUAGE
start_wizard
expect_screen "wizard-branch-zh"
keys F10
keys y
wait_for "EXITED 0"
tm kill-server
sleep 0.3
[ -e chequedesk.conf ] || [ -e branch.db ] &&
	fail "leaving at step 1 saved something" || pass
LANGUAGE=
export LANGUAGE

# --- Step 1: the branch, with the bundled bank directory. ---
start_wizard
wait_for "Step 1 of 6"
expect_screen "wizard-branch-en"
keys F2
wait_for "branch exchange number"
keys 0202 Tab
tm send-keys -t cd -l "江汉支行"
keys Enter Enter
wait_for "Step 2 of 6"

# --- Step 2: the first supervisor; mismatched passwords first. ---
keys s01 Tab
tm send-keys -t cd -l "王主管"
keys Tab super-pw Tab super-px Enter
wait_for "The two passwords differ"
[ -e branch.db ] && fail "a database was made with differing passwords" ||
	pass
keys super-pw Tab super-pw Enter
wait_for "Step 3 of 6"
expect_eq "$(sql "SELECT exchange_no, name FROM branch")" "0202|江汉支行" \
	"step 2 created the branch"
expect_eq "$(sql "SELECT role FROM users WHERE id = 's01'")" "supervisor" \
	"and its first supervisor"
expect_eq "$(sql "SELECT count(*) > 10 FROM banks")" "1" \
	"with the bundled bank directory"

# Leave, start again: the database is found, a supervisor signs in and
# the wizard goes on at the key.
keys F10
wait_for "(y/n)"
keys y
wait_for "EXITED 0"
tm kill-server
sleep 0.3
start_wizard
wait_for "is set up in branch.db, but not completely"
keys s01 Enter super-px Enter
wait_for "wrong"
keys super-pw Enter
wait_for "Step 3 of 6"

# --- Step 3: a new key; an empty backup asks, then a copy on "usb". ---
keys 1
wait_for "Access code again"
keys code-4711 Tab code-4711 Enter Enter
wait_for "No backup copy"
keys n
wait_for "Type where the backup copy goes"
mkdir usb
keys usb Enter
wait_for "Fingerprint (SM3):"
wait_for "Public key for the centre: branch.pub"
expect_eq "$(stat -c %a branch.key)" "600" "the key file is private"
cmp -s branch.key usb/branch.key && pass || fail "the backup copy differs"
grep -q '^branch_key = ' chequedesk.conf && pass ||
	fail "branch_key is not in the configuration"
fp=$(capture | sed -n 's/.*Fingerprint (SM3): *//p' | tr -d ' ')
[ ${#fp} -eq 32 ] && pass || fail "no fingerprint groups shown: \"$fp\""
keys F2

# --- Step 4: the queue from CUPS, a profile, a test print, kept. ---
wait_for "Step 4 of 6"
wait_for "plq"
keys Enter
wait_for "Choose the printer's profile first"
keys Right
wait_for "epson-plq20"
keys F7
settle "Did it print cleanly"
expect_eq "$(cups_job_count plq)" "1" "the test line reached the printer"
keys y
settle "Step 5 of 6"
expect_eq "$(grep '^printer = ' chequedesk.conf)" "printer = plq" \
	"the queue is kept"
expect_eq "$(grep '^printer_profile = ' chequedesk.conf)" \
	"printer_profile = epson-plq20" "with its profile"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'printer.test'")" \
	"1" "the test print is audited"

# --- Step 5: the centre, tested before and after it knows the branch. ---
keys "$CENTRE_URL" Tab "$CENTRE_CA" Tab "$CENTRE_PUB"
keys F7
settle "does not know branch 0202"
capture | grep -qF "The centre answers" && pass ||
	fail "the centre's health answer is not shown"
centre_register 0202 branch.pub transport.pem || fail "centre_register"
keys F7
settle "The centre knows branch 0202"
keys Enter
settle "Step 6 of 6"
expect_eq "$(grep '^centre_url = ' chequedesk.conf)" \
	"centre_url = $CENTRE_URL" "the centre's address is saved"

# --- Step 6: every check. ---
settle "Everything is ready"
if capture | grep -qF "FAILED"; then
	fail "a check failed:"
	capture >&2
else
	pass
fi
# all green: no status in the error (red) or warning (yellow) colour
tm capture-pane -e -p -t cd | grep -qE '41m|33m' &&
	fail "a check is shown in the error or warning colour" || pass
keys F2
wait_for "Sign in to start work"

# --- The branch works: the supervisor registers and prints a cheque. ---
keys s01 Enter super-pw Enter
wait_for "Main menu"
keys F3
keys 12345678 0201 6222020200001234 Enter 1234.56 F2
settle "F7"
keys F7
settle "printed on plq"
expect_eq "$(sql 'SELECT status, prints FROM items WHERE id = 1')" \
	"printed|1" "the cheque is printed"
expect_eq "$(cups_job_count plq)" "2" "its code line reached the printer"

# The set-up menu offers the steps again, and says where users are made:
# the checks, another backup copy of the key, the bundled directory.
keys Escape
wait_for "Main menu"
keys 7
wait_for "Users are managed on the command line"
capture | grep -qF "plq (epson-plq20)" && pass ||
	fail "the set-up menu does not show the printer"
keys 5
settle "Everything is ready"
keys F2
wait_for "Users are managed on the command line"
keys 2
wait_for "Make another backup copy"
keys 3
wait_for "Backup copy"
mkdir usb2
keys usb2 Enter
wait_for "The backup copy is usb2/branch.key"
keys F2
wait_for "Users are managed on the command line"
cmp -s branch.key usb2/branch.key && pass || fail "the second copy differs"
keys 1
wait_for "Bank directory file"
keys Enter
wait_for "banks.csv? Banks it does not list become inactive"
keys y
wait_for "0 made inactive"
keys Escape
wait_for "Main menu"
keys F10
wait_for "EXITED 0"

finish
