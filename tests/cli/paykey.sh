#!/bin/sh
# paykey.sh - the payment password as an attacker on the branch server sees
# it: never in the database, its WAL, ps or any output; files private.
. "$(dirname "$0")/lib.sh"
need openssl openssl
need strings binutils
umask 022
PK=4821736950124587
ok="--serial 12345678 --bank 0201 --account 6222020200001234 --amount 12.34"

# A database in a folder that does not exist yet: 0700 folder, 0600 files.
export CHEQUEDESK_DB="$TMP/new/dir/branch.db"
new_branch
expect_eq "$(stat -c %a "$TMP/new/dir")" "700" "new database folder is 0700"
expect_eq "$(stat -c %a "$CHEQUEDESK_DB")" "600" "a new branch.db is 0600"

# No centre_key: refused with what to set, nothing stored.
teller cheque add $ok --paykey - <<EOF
$PK
EOF
expect_rc 8 "a payment password without centre_key is refused"
expect_in "centre_key" "$ERR" "the refusal says to set centre_key"
expect_eq "$(sql 'SELECT count(*) FROM items')" "0" "nothing stored"

# A literal password on the command line (seen in ps) is refused.
openssl genpkey -algorithm SM2 -out "$TMP/centre.key" 2>/dev/null &&
	openssl pkey -in "$TMP/centre.key" -pubout -out "$TMP/centre.pub" ||
	{ echo "openssl SM2 failed" >&2; exit 99; }
echo "centre_key = $TMP/centre.pub" >>"$CHEQUEDESK_CONFIG"
teller cheque add $ok --paykey $PK
expect_rc 3 "--paykey DIGITS is refused"
expect_in "--paykey -" "$ERR" "the refusal says to use --paykey -"
expect_eq "$(sql 'SELECT count(*) FROM items')" "0" "nothing stored"

# ps while --paykey - waits for it shows no digits. The waiting command
# holds the database open, so its -wal and -shm stay (SQLite removes them
# when the last connection closes) and the next registrations go to them.
mkfifo "$TMP/fifo"
CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add --serial 12345670 --bank 0201 \
	--account 6222020200001234 --amount 7 --paykey - --user t01 \
	<"$TMP/fifo" >"$TMP/ps-out" 2>&1 &
pid=$!
exec 3>"$TMP/fifo"
i=0
while [ ! -e "$CHEQUEDESK_DB-shm" ] && [ "$i" -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.3
cmdline=$(ps -ww -o args= -p "$pid")
expect_in "--paykey -" "$cmdline" "ps shows the command waiting"
case "$cmdline" in *$PK*) fail "ps shows the password" ;; *) pass ;; esac
for f in -wal -shm; do
	expect_eq "$(stat -c %a "$CHEQUEDESK_DB$f" 2>&1)" "600" \
		"branch.db$f (made by chequedesk, umask 022) is 0600"
done

# --paykey - reads standard input when it is not a terminal.
teller cheque add $ok --paykey - --json <<EOF
$PK
EOF
expect_rc 0 "--paykey - from standard input"
expect_eq "$(printf '%s' "$OUT" | jq -r .paykey_given)" "true" "paykey_given"
case "$OUT" in *$PK*) fail "the JSON output shows the password" ;; *) pass ;; esac
# ... and CHEQUEDESK_PAYKEY.
OUT=$(CHEQUEDESK_PAYKEY=$PK CHEQUEDESK_PASSWORD=teller-pw "$CD" cheque add \
	--serial 12345679 --bank 0201 --account 6222020200001234 \
	--amount 5 --paykey - --user t01 2>"$TMP/stderr")
expect_eq "$?" "0" "--paykey - from CHEQUEDESK_PAYKEY"
case "$OUT" in *$PK*) fail "the text output shows the password" ;; *) pass ;; esac
expect_in "Payment password" "$OUT" "the text output says one was given"
teller cheque show 1 --json
case "$OUT" in *$PK*) fail "cheque show shows the password" ;; *) pass ;; esac

# The attacker reads the database, its WAL and its shared memory.
stored=$(sql "SELECT paykey_sm2 FROM items WHERE id = 1")
expect_eq "$(printf '%s' "$stored" | grep -c '^[A-Za-z0-9+/=]\{100,\}$')" \
	"1" "the database holds a ciphertext"
# it is the password, encrypted to the centre's key
printf '%s' "$stored" | base64 -d >"$TMP/ct.der"
got=$(openssl pkeyutl -decrypt -inkey "$TMP/centre.key" -in "$TMP/ct.der" \
	2>/dev/null)
expect_eq "$got" "$PK" "the centre's private key decrypts it"
[ -s "$CHEQUEDESK_DB-wal" ] && pass || fail "the WAL holds the new rows"
for f in "" -wal -shm; do
	if strings -n 8 "$CHEQUEDESK_DB$f" | grep -q "$PK"; then
		fail "branch.db$f holds the payment password"
	else
		pass
	fi
	expect_eq "$(stat -c %a "$CHEQUEDESK_DB$f")" "600" "branch.db$f is 0600"
done
if sqlite3 "$CHEQUEDESK_DB" .dump | grep -q "$PK"; then
	fail "sqlite3 .dump shows the payment password"
else
	pass
fi
echo "$PK" >&3
exec 3>&-
wait "$pid"
expect_eq "$?" "0" "the waiting command registers the cheque"

# The batch file carries only the ciphertext, and is written 0600.
openssl genpkey -algorithm SM2 -out "$TMP/plain.pem" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" \
	-passout pass:key-code -out "$TMP/branch.key"
echo "branch_key = $TMP/branch.key" >>"$CHEQUEDESK_CONFIG"
sql "UPDATE items SET status = 'printed', prints = 1"
export CHEQUEDESK_ACCESS_CODE=key-code
super batch close
expect_rc 0 "batch close"
if [ "$RC" -eq 0 ]; then
	super batch show 0202-20261123-1-01 --file "$TMP/batch.json"
	expect_rc 0 "batch show --file"
	expect_eq "$(stat -c %a "$TMP/batch.json")" "600" "batch file is 0600"
	if grep -q "$PK" "$TMP/batch.json"; then
		fail "the batch file holds the payment password"
	else
		pass
	fi
	expect_eq "$(jq -r '.cheques[0] | has("paykey_sm2")' "$TMP/batch.json")" \
		"true" "the batch file carries paykey_sm2"
fi

# An older database (schema 6) with clear passwords: not opened without
# centre_key, then encrypted at first open, leaving no digits behind.
old="$TMP/old.db"
sqlite3 "$CHEQUEDESK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$CHEQUEDESK_DB" "$old"
sqlite3 "$old" "ALTER TABLE items RENAME COLUMN paykey_sm2 TO paykey;
	UPDATE items SET paykey = '$PK'; PRAGMA user_version = 6;"
grep -v centre_key "$CHEQUEDESK_CONFIG" >"$TMP/nokey.conf"
conf=$CHEQUEDESK_CONFIG
export CHEQUEDESK_DB="$old" CHEQUEDESK_CONFIG="$TMP/nokey.conf"
teller cheque list
expect_rc 8 "schema 6 with clear passwords and no centre_key: refused"
expect_in "centre_key" "$ERR" "the refusal says to set centre_key"
expect_eq "$(sqlite3 "$old" 'PRAGMA user_version')" "6" "nothing changed"
export CHEQUEDESK_CONFIG="$conf"
teller cheque list
expect_rc 0 "schema 6 opens with centre_key"
expect_eq "$(sqlite3 "$old" 'PRAGMA user_version')" "7" "upgraded to 7"
expect_eq "$(sqlite3 "$old" "SELECT count(*) FROM items WHERE paykey_sm2 \
	NOT GLOB '*[^0-9]*'")" "0" "no clear password left"
expect_eq "$(sqlite3 "$old" "SELECT count(*) FROM audit WHERE action = \
	'store.paykeys_sealed'")" "1" "the upgrade is audited"
for f in "" -wal; do
	[ -e "$old$f" ] || continue
	if strings -n 8 "$old$f" | grep -q "$PK"; then
		fail "old.db$f still holds the payment password"
	else
		pass
	fi
done

finish
