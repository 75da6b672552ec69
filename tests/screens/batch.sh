#!/bin/sh
# batch.sh - the supervisor's batch screen and the notices screen, offline
# (without the clearing centre): closing is refused while cheques are
# unprinted and says which; then the balance report, a wrong access code,
# Esc, the right code and the closed batch in the list; F5 and F6 without a
# centre say what to configure. Notices: a teller sees only those of their
# own items, rejected and returned ones are listed with the reason, the
# menu counts the new ones and the count drops to zero after a visit.
. "$(dirname "$0")/lib.sh"
need openssl openssl

# Work in $TMP with relative names, so that the messages naming the
# configuration and the key file are the same on every run.
cd "$TMP" || exit 99
CHEQUEDESK_CONFIG=chequedesk.conf
export CHEQUEDESK_CONFIG
: >"$CHEQUEDESK_CONFIG"

new_branch
add_user t02 teller "张伟" teller2-pw

# The branch key: SM2, encrypted with its access code.
openssl genpkey -algorithm SM2 -out k.pem 2>/dev/null &&
	openssl pkcs8 -topk8 -v2 aes-256-cbc -in k.pem -passout pass:code-4711 \
		-out branch.key ||
	{ echo "FAIL: cannot make an SM2 key with openssl" >&2; exit 99; }
rm -f k.pem
printf 'branch_key = branch.key\n' >"$CHEQUEDESK_CONFIG"

# Three cheques of session 1: two by t01, one by t02.
teller cheque add --serial 12345678 --bank 0201 \
	--account 6222020200001234 --amount 1234.56
expect_rc 0 "t01's first cheque"
teller cheque add --serial 22345678 --bank 0301 \
	--account 6222020200005678 --amount 86000
expect_rc 0 "t01's second cheque"
as t02 teller2-pw cheque add --serial 32345678 --bank 0201 \
	--account 6222020200009999 --amount 500
expect_rc 0 "t02's cheque"

# The supervisor's menu has the batches entry (6); the cheques are not
# printed, so closing is refused, naming them.
start_screens
keys s01 Enter super-pw Enter
wait_for "Batches"
keys 6
wait_for "cannot be closed yet"
expect_screen "batch-unprinted"
keys F2
wait_for "Nothing was closed"
expect_eq "$(sql 'SELECT count(*) FROM batches')" "0" "nothing closed"
keys Escape

# A shortcut standing in for printing the code lines (tests/print covers
# printing): the cheques are marked printed in the database.
sql "UPDATE items SET status = 'printed', prints = 1"
keys 6
wait_for "Balance report for batch"
expect_screen "batch-report"

# A wrong access code: the plain message, nothing closed.
keys F2
wait_for "Access code of the branch key"
keys wrong-code Enter
wait_for "is wrong"
expect_screen "batch-wrong-code"
expect_eq "$(sql 'SELECT count(*) FROM batches')" "0" \
	"nothing closed with a wrong code"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.wrong-code'")" \
	"1" "the wrong code is audited"

# Esc cancels at the prompt.
keys F2
wait_for "Access code of the branch key"
keys Escape
wait_for "Cancelled"
expect_eq "$(sql 'SELECT count(*) FROM batches')" "0" "Esc closes nothing"

# The right code: the batch is closed, signed and listed.
keys F2
wait_for "Access code of the branch key"
keys code-4711 Enter
wait_for "is closed and signed"
expect_screen "batch-closed"
expect_eq "$(sql 'SELECT state, items FROM batches')" "closed|3" \
	"the batch is stored as closed with three items"
expect_eq "$(sql "SELECT count(*) FROM items WHERE status = 'batched'")" \
	"3" "its items are locked"

# F5 and F6 without a centre: the configuration message.
keys F5
wait_for "centre_url"
expect_screen "batch-no-centre"
expect_eq "$(sql 'SELECT state FROM batches')" "closed" \
	"the batch stays closed"
keys F6
wait_for "were not read"
capture | grep -qF "The clearing centre's address is not set" &&
	pass || fail "F6 without a centre says what to configure"
keys Escape

# Notices standing in for the centre's (what 'poll' would have applied):
# t01's cheques accepted and rejected, t02's accepted then returned with a
# reason the program has no words for (the centre's text is shown).
batch=$(sql 'SELECT batch_id FROM batches')
sql "UPDATE items SET status = 'accepted' WHERE id = 1;
UPDATE items SET status = 'rejected', reason_code = 'ocr-amount-mismatch'
 WHERE id = 2;
UPDATE items SET status = 'returned', reason_code = 'drawer-deceased',
 reason = 'drawer deceased' WHERE id = 3;
INSERT INTO notices (seq, batch_id, ref, item_id, kind, reason_code, reason,
 at, applied_at, teller) VALUES
 (1, '$batch', 1, 1, 'accepted', NULL, NULL, '2026-11-23T14:00:00+0800',
  '2026-11-23 14:01', 't01'),
 (2, '$batch', 2, 2, 'rejected', 'ocr-amount-mismatch', 'OCR: 860.00',
  '2026-11-23T14:00:00+0800', '2026-11-23 14:01', 't01'),
 (3, '$batch', 3, 3, 'accepted', NULL, NULL, '2026-11-23T14:00:00+0800',
  '2026-11-23 14:01', 't02'),
 (4, '$batch', 3, 3, 'returned', 'drawer-deceased', 'drawer deceased',
  '2026-11-24T09:00:00+0800', '2026-11-24 09:01', 't02');"

# The supervisor sees all four as new, then none after a visit.
keys Down
wait_for "4 new notices from the centre"
expect_screen "menu-supervisor"
keys 5
wait_for "all items"
expect_screen "notices-supervisor"
# The rejected notice (not the selected row) is in the error colour (red).
tm capture-pane -e -p -t cd | grep -F 22345678 | grep -qF '41m' && pass ||
	fail "the rejected notice does not stand out"
tm capture-pane -e -p -t cd | grep -F 12345678 | grep -qF '41m' &&
	fail "an accepted notice is in the error colour" || pass
keys Escape
sleep 0.3
if capture | grep -qF "new notice"; then
	fail "the supervisor's count is still shown after the visit"
else
	pass
fi
expect_eq "$(sql 'SELECT sum(seen_supervisor), sum(seen_teller) FROM notices')" \
	"4|0" "seen by the supervisors only"

# Teller t01: no batches entry, two new notices, only their own listed.
keys F9
wait_for "User ID"
keys t01 Enter teller-pw Enter
wait_for "2 new notices from the centre"
expect_screen "menu-teller-notices"
keys 6
sleep 0.3
capture | grep -qF "Balance report" &&
	fail "a teller reached the batch screen" || pass
keys 5
wait_for "registered by t01"
expect_screen "notices-teller"
capture | grep -qF "32345678" &&
	fail "t01 sees t02's notice" || pass
keys F6
wait_for "were not read"
keys Escape
sleep 0.3
capture | grep -qF "new notice" &&
	fail "t01's count is still shown after the visit" || pass
expect_eq "$(sql 'SELECT group_concat(seen_teller) FROM notices')" \
	"1,1,0,0" "t01's notices seen, t02's not"

# The list of the session shows t01's rejected cheque, in the error
# colour, and its details say why.
keys F5
wait_for "Items of"
tm capture-pane -e -p -t cd | grep -F 22345678 | grep -qF '41m' && pass ||
	fail "the rejected item does not stand out in the list"
keys Down Enter
wait_for "OCR amount mismatch"
keys Escape Escape

# t02 still has two new ones, the returned one among them.
keys F9
wait_for "User ID"
keys t02 Enter teller2-pw Enter
wait_for "2 new notices from the centre"
keys 5
wait_for "registered by t02"
capture | grep -qF "drawer deceased" && pass ||
	fail "the centre's reason text is shown"
keys Escape F10
wait_for "EXITED 0"

finish
