#!/bin/sh
# readme.sh - the example under "Using it" in README.md runs as written on a
# new machine: no configuration folder yet, passwords from the environment,
# `chequedesk` on PATH; then what it did is checked in the database.
. "$(dirname "$0")/lib.sh"

README="$top_srcdir/README.md"
BLOCK="$TMP/readme-block.sh"

# The indented block after the <!-- readme-example --> marker, unindented;
# FIRST gets the README line of its first line.
awk -v first="$TMP/readme-first" '
	/<!-- readme-example/ { mark = 1; next }
	mark && /^    / { if (!seen) print NR > first; seen = 1
		print substr($0, 5); next }
	mark && seen && !/^$/ { exit }
' "$README" >"$BLOCK"
FIRST=$(cat "$TMP/readme-first" 2>/dev/null || echo 0)
if [ -s "$BLOCK" ] && head -n 3 "$BLOCK" | grep -q '^chequedesk init '; then
	pass
else
	fail "README.md has no example block (with 'chequedesk init') after its readme-example marker"
	finish
fi

# A new machine: the database and the configuration in folders not made
# yet (the configuration at its default place, as a newcomer has it).
REALDATE=$(command -v date)
export CHEQUEDESK_DB="$TMP/newcomer/data/branch.db"
unset CHEQUEDESK_CONFIG CHEQUEDESK_AUTH_PASSWORD CHEQUEDESK_ACCESS_CODE \
	CHEQUEDESK_NEW_ACCESS_CODE
export HOME="$TMP/newcomer/home"
export XDG_CONFIG_HOME="$TMP/newcomer/config"
CONFDIR="$XDG_CONFIG_HOME/chequedesk"

# chequedesk on PATH is the built program; `date +%F` (the README's today)
# is the day CHEQUEDESK_NOW sets.
mkdir -p "$TMP/bin" "$TMP/work"
ln -s "$CD" "$TMP/bin/chequedesk"
cat >"$TMP/bin/date" <<EOF
#!/bin/sh
if [ "\$*" = "+%F" ]; then echo "\${CHEQUEDESK_NOW%% *}"; else exec "$REALDATE" "\$@"; fi
EOF
chmod +x "$TMP/bin/date"

# Run it as a script: the first failing line stops it and is named.
(cd "$TMP/work" && PATH="$TMP/bin:$PATH" PS4='+ line $LINENO: ' \
	bash -e -x "$BLOCK" >"$TMP/block.out" 2>"$TMP/block.err")
RC=$?
OUT=$(cat "$TMP/block.out")
ERR=$(cat "$TMP/block.err")
if [ "$RC" -eq 0 ]; then
	pass
else
	at=$(grep '^+* line [0-9]*: ' "$TMP/block.err" | tail -n 1 |
		sed 's/^+* line \([0-9]*\): .*/\1/')
	fail "README.md line $((FIRST + ${at:-1} - 1)) fails (exit status $RC):" \
		"$(sed -n "${at:-1}p" "$BLOCK")" \
		"$(grep -v '^+' "$TMP/block.err" | tail -n 3)"
	finish
fi

# What the README's commands did.
expect_eq "$(sql "SELECT exchange_no FROM branch")" "0202" "branch made"
expect_eq "$(sql "SELECT group_concat(id || ':' || role, ' ') FROM users
	ORDER BY id")" "s01:supervisor t01:teller" "users s01 and t01"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'user.passwd'
	AND user = 't01'")" "1" "t01 chose a password"
expect_eq "$(sql "SELECT count(*) FROM items")" "3" "two cheques and a bill"
expect_eq "$(sql "SELECT group_concat(kind || ':' || status, ' ') FROM items
	ORDER BY id")" "cheque:registered cheque:voided bill:registered" \
	"item 2 voided"
expect_eq "$(sql "SELECT count(*) FROM bags")" "1" "one bag"
expect_in '"serial":	"10234568"' "$OUT" "cheque list --json shows the MICR cheque"
expect_in "session 1 of 2" "$OUT" "session shown"
expect_in "item.void" "$OUT" "audit list shows t01's void of the day"
expect_in "The audit trail is intact" "$OUT" "audit verify"
expect_in "voided,,,,,,,,,1,8600000" "$OUT" "report day counts the void"

# key new made the configuration folder, private, and the key in it.
[ -d "$CONFDIR" ] && pass || fail "key new made no configuration folder"
expect_eq "$(stat -c %a "$CONFDIR" 2>/dev/null)" "700" \
	"configuration folder is private"
expect_eq "$(stat -c %a "$CONFDIR/branch.key" 2>/dev/null)" "600" \
	"branch key made"
expect_in "branch_key = branch.key" "$(cat "$CONFDIR/chequedesk.conf" 2>&1)" \
	"branch key configured"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.new'")" \
	"1" "key new audited"

# t01's own password is the one the README gives.
CHEQUEDESK_PASSWORD=Desk-2026 run --user t01 cheque list
expect_rc 0 "t01 signs in with the README's password"

finish
