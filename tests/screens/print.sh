#!/bin/sh
# print.sh - printing from the screens through a private cupsd: after F2
# the cheque's code line is previewed in block characters and F7 prints
# it; a teller cannot print it twice; F7 on the bags screen prints a bag's
# label and seals the bag. English and Chinese previews are compared with
# tests/screens/expected.
. "$(dirname "$0")/lib.sh"
. "$top_srcdir/tests/print/cups.sh"
trap 'tm kill-server 2>/dev/null; cups_stop; rm -rf "$TMP"' EXIT
cups_start || exit 99
cups_add_queue plq

new_branch
printf 'printer = plq\nprinter_profile = epson-plq20\n' >"$CHEQUEDESK_CONFIG"
start_screens
keys t01 Enter teller-pw Enter
keys F3
keys 12345678 0201 6222020200001234 Enter 1234.56 F2
wait_for "F7"
expect_screen "print-preview"
expect_eq "$(sql 'SELECT status FROM items WHERE id = 1')" "registered" \
	"not printed before F7"

keys F7
wait_for "printed on plq"
expect_screen "print-done"
expect_eq "$(sql 'SELECT status, prints FROM items WHERE id = 1')" \
	"printed|1" "printed after F7"
expect_eq "$(cups_job_count plq)" "1" "one job went to the printer"

# The list: F7 on the printed cheque asks for a supervisor's authorisation
# at the teller's screen; a wrong password or Esc prints nothing.
keys F5
keys F7
wait_for "Already printed"
keys F7
wait_for "Supervisor's authorisation"
expect_screen "print-authorise"
keys s01 Enter wrong-pw Enter
wait_for "ID or password is wrong"
expect_screen "print-refused"
expect_eq "$(cups_job_count plq)" "1" "nothing more was printed"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'auth.failed' AND user = 's01'")" \
	"1" "the wrong authorising password is audited"
keys Escape
wait_for "Not authorised"
expect_eq "$(cups_job_count plq)" "1" "Esc: nothing printed"
keys F7
wait_for "Supervisor's authorisation"
keys s01 Enter super-pw Enter
wait_for "printed on plq"
expect_eq "$(cups_job_count plq)" "2" "the authorised reprint went out"
expect_eq "$(sql "SELECT user || ',' || auth FROM audit WHERE action = 'cheque.reprint'")" \
	"t01,s01" "both names in the audit"

# A bag: F7 previews the label, F7 prints it and seals the bag.
keys F4
keys 0401 03 30110001 Enter 500 F2
keys F7
wait_for "label"
expect_screen "print-label"
keys F7
wait_for "job"
expect_eq "$(sql 'SELECT status, prints FROM bags WHERE id = 1')" \
	"sealed|1" "the label is printed and the bag sealed"
tm kill-server
sleep 0.5

# The preview in Chinese.
LANGUAGE=zh_CN
export LANGUAGE
start_screens
keys t01 Enter teller-pw Enter
keys F3
keys 22345678 0201 6222020200001234 Enter 88 F2
wait_for "F7"
expect_screen "print-preview-zh"
keys F7
i=0
while [ "$(sql 'SELECT status FROM items WHERE serial = 22345678')" != printed ] &&
	[ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_eq "$(sql 'SELECT status FROM items WHERE serial = 22345678')" \
	"printed" "printed from the Chinese screens"

# A supervisor chooses the printer on the printers screen (menu 4).
tm kill-server
sleep 0.5
unset LANGUAGE
cups_add_queue second
printf 'printer_profile = epson-plq20\n' >"$CHEQUEDESK_CONFIG"
start_screens
keys s01 Enter super-pw Enter
keys 4
wait_for "second"
expect_screen "printers"
keys Down Enter
wait_for "now prints on"
expect_eq "$(grep '^printer = ' "$CHEQUEDESK_CONFIG")" "printer = second" \
	"the chosen queue is written to the configuration"

finish
