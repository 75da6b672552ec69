#!/bin/sh
# report.sh - the day's report screen: a supervisor reaches it from the
# menu (8), scrolls it with PgDn/PgUp and the arrows, F6 chooses another
# day (a day without work says so and the current day stays), F7 without a
# report queue names the setting; viewing is audited; a teller's menu has
# no report and the key does nothing.
. "$(dirname "$0")/lib.sh"

cd "$TMP" || exit 99
CHEQUEDESK_CONFIG=chequedesk.conf
export CHEQUEDESK_CONFIG
: >"$CHEQUEDESK_CONFIG"

new_branch
teller cheque add --serial 12345678 --bank 0201 \
	--account 6222020200001234 --amount 1234.56
teller cheque add --serial 22345678 --bank 0301 \
	--account 6222020200005678 --amount 86000
teller bag add --bank 0301 --type 03 --serial 70000001 --amount 5.00
CHEQUEDESK_AUTH_PASSWORD=super-pw teller item void 2 --reason "torn" \
	--authorize-by s01
expect_rc 0 "void with authorisation"

start_screens
keys s01 Enter super-pw Enter
wait_for "Day's report"
expect_screen "report-menu"
keys 8
wait_for "Outgoing items"
expect_screen "report"
expect_eq "$(sql "SELECT action || ' ' || object || ' ' || after FROM audit ORDER BY id DESC LIMIT 1")" \
	'report.view report:2026-11-23 {"format":"screen","items":3}' \
	"viewing the screen is audited"
keys NPage
wait_for "Rejected and returned items"
expect_screen "report-pgdn"
keys NPage
wait_for "End of report."
keys PPage
keys PPage
wait_for "Lines 1-19"
keys Down
expect_eq "$(capture | sed -n 3p)" \
	"Business date 2026-11-23, all sessions (1 to 2)" "Down scrolls a line"
keys Up
expect_eq "$(capture | sed -n 3p)" "Day's report of 江汉支行 (0202)" \
	"Up scrolls back"

# F7 without a report queue: the setting to set.
keys F7
wait_for "report_queue"
capture | grep -qF "No queue is set for reports" && pass ||
	fail "F7 says no queue is set"

# F6: a day without work, then the current day again.
keys F6
wait_for "Business date and session"
keys 2026-11-20 Enter
wait_for "Nothing was registered on 2026-11-20"
expect_screen "report-no-day"
keys F6
wait_for "Business date and session"
keys "2026-11-23 2" Enter
wait_for "session 2"
capture | grep -qF "No items." && pass || fail "session 2 has no items"
keys Escape
wait_for "Main menu"

# A teller has no report in the menu, and 8 does nothing.
keys F9
wait_for "$(signin_marker)"
keys t01 Enter teller-pw Enter
wait_for "Main menu"
capture | grep -qF "Day's report" && fail "a teller's menu has the report" ||
	pass
keys 8
capture | grep -qF "Outgoing items" && fail "a teller sees the report" || pass

finish
