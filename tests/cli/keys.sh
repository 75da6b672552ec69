#!/bin/sh
# keys.sh - the branch key file: made with a checked backup copy, shown,
# its public half exported, its access code changed, imported on a second
# terminal; wrong access codes said plainly, counted, audited and locked
# for a while; a missing, unreadable or damaged file named with what to
# do; tellers refused; and a batch closed and signed with the new key.
. "$(dirname "$0")/lib.sh"
new_branch
openssl genpkey -algorithm SM2 -out "$TMP/other.plain" 2>/dev/null ||
	{ echo "FAIL: the openssl command lacks SM2 (Debian 12's openssl has it)" >&2; exit 99; }

KEY="$TMP/branch.key" # the default: beside the configuration file
PUB="$TMP/branch.pub"
mkdir "$TMP/usb"
unset CHEQUEDESK_ACCESS_CODE CHEQUEDESK_NEW_ACCESS_CODE

# sm3 FILE: SM3 of a file, hex.
sm3() {
	openssl dgst -sm3 -r "$1" | cut -d' ' -f1
}

# wrong_codes: the count in the database.
wrong_codes() {
	sql "SELECT wrong_codes FROM branch_key"
}

# passwd OLD NEW: change the access code as s01.
passwd() {
	CHEQUEDESK_ACCESS_CODE="$1" CHEQUEDESK_NEW_ACCESS_CODE="$2" \
		super key passwd
}

# --- Making the key --------------------------------------------------------
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new </dev/null
expect_rc 2 "without a terminal the backup must be decided"
expect_in "--backup PATH" "$ERR" "says how"
expect_in "--no-backup" "$ERR" "names the other choice"
[ -e "$KEY" ] && fail "nothing is made before the backup is decided" || pass
: >"$TMP/usb/taken"
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new --backup "$TMP/usb/taken"
expect_rc 5 "a backup path that is taken"
[ -e "$KEY" ] && fail "nothing made over a taken backup path" || pass
CHEQUEDESK_NEW_ACCESS_CODE=short super key new --no-backup
expect_rc 3 "a short access code"
expect_in "at least 8" "$ERR" "says how long"

CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new \
	--backup "$TMP/usb/branch.key"
expect_rc 0 "key new"
expect_in "$KEY" "$OUT" "names the key file"
expect_in "$PUB" "$OUT" "names the public half"
expect_in "$TMP/usb/branch.key" "$OUT" "names the backup copy"
expect_eq "$(stat -c %a "$KEY")" "600" "the key file is 0600"
expect_eq "$(stat -c %a "$TMP/usb/branch.key")" "600" "the copy is 0600"
cmp -s "$KEY" "$TMP/usb/branch.key" && pass ||
	fail "the backup copy is the same bytes"
expect_eq "$(head -1 "$KEY")" "-----BEGIN ENCRYPTED PRIVATE KEY-----" \
	"encrypted PKCS#8"
openssl pkey -in "$KEY" -passin pass:key-code-1 -noout 2>/dev/null && pass ||
	fail "openssl opens it with the access code"
openssl pkey -in "$KEY" -passin pass:nope -noout 2>/dev/null &&
	fail "openssl opens it with a wrong code" || pass
expect_eq "$(grep -c '^branch_key = branch.key$' "$CHEQUEDESK_CONFIG")" "1" \
	"branch_key written into the configuration"
openssl pkey -pubin -in "$PUB" -outform DER -out "$TMP/pub.der"
FP=$(sm3 "$TMP/pub.der")
openssl pkey -in "$KEY" -passin pass:key-code-1 -pubout -outform DER \
	-out "$TMP/pub2.der"
expect_eq "$(sm3 "$TMP/pub2.der")" "$FP" "the public half is the key's"
G1=$(printf '%s' "$FP" | cut -c1-4)
G2=$(printf '%s' "$FP" | cut -c5-8)
ALL=$(printf '%s' "$FP" | sed 's/..../& /g; s/ $//')
expect_in "$G1 $G2" "$OUT" "the fingerprint in blocks of four"
expect_in " $(printf '%s' "$FP" | cut -c57-60) $(printf '%s' "$FP" | cut -c61-64)
" "$OUT
" "... all sixteen of them, the last one whole"
expect_eq "$(sql "SELECT fingerprint, source, created_by, wrong_codes FROM branch_key")" \
	"$FP|new|s01|0" "recorded"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.new' AND user = 's01' AND object = 'key:$FP'")" \
	"1" "audited"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.backup'")" \
	"1" "the backup copy is audited"

cp "$KEY" "$TMP/first.key"
CHEQUEDESK_NEW_ACCESS_CODE=key-code-9 super key new --no-backup
expect_rc 5 "a second key new is refused"
expect_in "$ALL" "$ERR" "names the fingerprint there"
expect_in "key passwd" "$ERR" "says what to do"
cmp -s "$KEY" "$TMP/first.key" && pass || fail "the key is untouched"

# --- Show, export, backup ---------------------------------------------------
super key show --json
expect_rc 0 "key show"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.path, .mode, .fingerprint, .created_by, .source, .wrong_codes] | join(" ")')" \
	"$KEY 0600 $FP s01 new 0" "show --json"
super key show
expect_in "0600" "$OUT" "shows the mode"
expect_in "$G1 $G2" "$OUT" "shows the fingerprint"
expect_in "2026-11-23T10:00:00" "$OUT" "shows when"
expect_in "s01" "$OUT" "shows by whom"

super key export --public "$TMP/for-centre.pub"
expect_rc 0 "export --public"
expect_in "$G1 $G2" "$OUT" "prints the fingerprint"
openssl pkey -pubin -in "$TMP/for-centre.pub" -outform DER -out "$TMP/e.der"
expect_eq "$(sm3 "$TMP/e.der")" "$FP" "the exported key is the key's"
super key export --public "$KEY"
expect_rc 5 "never exported over the key file"
cmp -s "$KEY" "$TMP/first.key" && pass || fail "the key is untouched"
rm "$PUB"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key export --public "$TMP/again.pub"
expect_rc 0 "export without the public half, with the access code"
cmp -s "$TMP/again.pub" "$TMP/for-centre.pub" && pass ||
	fail "the same public key"
[ -f "$PUB" ] && pass || fail "the public half is written again"

super key backup "$TMP/usb"
expect_rc 0 "a backup over an identical copy is fine"
expect_in "$TMP/usb/branch.key " "$OUT" "a folder gets branch.key in it"
echo other >"$TMP/usb/other.key"
super key backup "$TMP/usb/other.key"
expect_rc 5 "a backup never replaces a different file"
super key backup "$KEY"
expect_rc 3 "the key file is not its own backup"

# --- A batch closed and signed with the new key ------------------------------
teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 10.00 --json
sql "UPDATE items SET status = 'printed', prints = 1"
CHEQUEDESK_ACCESS_CODE=wrong-code super batch close --json
expect_rc 4 "batch close with a wrong code"
expect_in "is wrong (1 wrong code in a row" "$ERR" "says so and counts"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.wrong-code' AND object = '0202-20261123-1-01'")" \
	"1" "audited with the batch"
expect_eq "$(wrong_codes)" "1" "counted"
CHEQUEDESK_ACCESS_CODE=key-code-1 super batch close --json
expect_rc 0 "batch close with the new key"
expect_eq "$(wrong_codes)" "0" "a right code starts the count again"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.right-code'")" \
	"1" "... audited"
super batch show 0202-20261123-1-01 --file "$TMP/b.json"
base64 -d >"$TMP/sig" <<SIG
$(sql "SELECT signature FROM batches")
SIG
openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 \
	-pubin -inkey "$TMP/for-centre.pub" -in "$TMP/b.json" \
	-sigfile "$TMP/sig" >/dev/null 2>&1 && pass ||
	fail "the batch's signature verifies with the exported public key"

# --- Wrong access codes: counted, audited, locked after five ------------------
passwd wrong-code key-code-2
expect_rc 4 "key passwd with a wrong code"
expect_in "access code for the branch key file $KEY is wrong" "$ERR" \
	"said plainly, naming the file"
expect_in "1 wrong code in a row" "$ERR" "counted"
expect_in "s01" "$ERR" "says who set the code"
expect_in "chequedesk key passwd" "$ERR" "says how to change it"
passwd wrong-code key-code-2
expect_in "2 wrong codes in a row" "$ERR" "counted again"
expect_eq "$(wrong_codes)" "2" "two in a row"
expect_eq "$(sql "SELECT after FROM audit WHERE action = 'key.wrong-code' ORDER BY id DESC LIMIT 1" | jq -r .wrong_codes)" \
	"2" "the audit row carries the count"
cmp -s "$KEY" "$TMP/first.key" && pass || fail "nothing changed"

passwd key-code-1 key-code-2
expect_rc 0 "key passwd"
expect_eq "$(wrong_codes)" "0" "the right code resets the count"
expect_eq "$(stat -c %a "$KEY")" "600" "still 0600"
openssl pkey -in "$KEY" -passin pass:key-code-2 -pubout -outform DER \
	-out "$TMP/p.der" 2>/dev/null
expect_eq "$(sm3 "$TMP/p.der")" "$FP" "the same key under the new code"
openssl pkey -in "$KEY" -passin pass:key-code-1 -noout 2>/dev/null &&
	fail "the old code still opens it" || pass
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.passwd'")" \
	"1" "audited"
expect_in "Backup copies" "$OUT" "reminds of the old backup's code"
passwd key-code-2 key-code-2
expect_rc 3 "the same code again"

for i in 1 2 3 4; do
	passwd wrong-code key-code-3
done
expect_eq "$(wrong_codes)" "4" "four in a row"
passwd wrong-code key-code-3
expect_rc 4 "the fifth wrong code"
expect_in "until 10:15" "$ERR" "says until when it is locked"
passwd key-code-2 key-code-3
expect_rc 4 "locked: even the right code is not tried"
expect_in "locked" "$ERR" "says it is locked"
expect_in "10:15" "$ERR" "... until when"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.locked'")" \
	"1" "the refusal is audited"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.wrong-code'")" \
	"8" "every wrong code audited"
super key show
expect_in "locked until 10:15" "$OUT" "key show says it is locked"
CHEQUEDESK_NOW="2026-11-23 10:16" passwd key-code-2 key-code-3
expect_rc 0 "after fifteen minutes the right code works"
expect_eq "$(wrong_codes)" "0" "and starts the count again"

# --- Missing, unreadable, damaged ------------------------------------------
cp "$KEY" "$TMP/good.key"
mv "$KEY" "$TMP/moved.key"
super key show
expect_rc 8 "key show: the key file is missing"
expect_in "$KEY" "$ERR" "names the path"
expect_in "chequedesk key import" "$ERR" "says how to restore it"
expect_in "chequedesk key new" "$ERR" "... or make one"
passwd key-code-3 key-code-4
expect_rc 8 "opening a missing key file"
expect_in "$KEY" "$ERR" "names the path"
mv "$TMP/moved.key" "$KEY"

if [ "$(id -u)" -eq 0 ]; then
	echo "keys.sh: running as root, which reads any file: the" \
		"unreadable key file is not checked"
else
	chmod 000 "$KEY"
	passwd key-code-3 key-code-4
	expect_rc 8 "an unreadable key file"
	expect_in "chmod 600 $KEY" "$ERR" "gives the fix"
	super key show
	expect_rc 8 "key show: unreadable"
	chmod 600 "$KEY"
fi

head -c 300 /dev/urandom >"$KEY"
passwd key-code-3 key-code-4
expect_rc 8 "random bytes"
expect_in "$KEY" "$ERR" "names the file"
expect_in "chequedesk key import BACKUP" "$ERR" "says to restore the backup"
head -3 "$TMP/good.key" >"$KEY"
passwd key-code-3 key-code-4
expect_rc 8 "a truncated key file"
expect_in "cut short" "$ERR" "says so"
: >"$KEY"
passwd key-code-3 key-code-4
expect_rc 8 "an empty key file"
cp "$TMP/other.plain" "$KEY"
passwd key-code-3 key-code-4
expect_rc 8 "a key without an access code"
expect_in "without an access code" "$ERR" "says so"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	-out "$TMP/ec.pem" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/ec.pem" \
	-passout pass:key-code-3 -out "$KEY"
passwd key-code-3 key-code-4
expect_rc 8 "not an SM2 key"
expect_in "not an SM2 key" "$ERR" "says so"
expect_eq "$(wrong_codes)" "0" "none of these counts as a wrong code"

# The backup copy (its code is the one it had: key-code-1) restores it.
cp "$TMP/other.plain" "$KEY"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/usb/branch.key"
expect_rc 0 "the backup copy restores the damaged key file"
cmp -s "$KEY" "$TMP/usb/branch.key" && pass || fail "restored byte for byte"
expect_eq "$(stat -c %a "$KEY")" "600" "restored 0600"
expect_eq "$(sql "SELECT fingerprint, source FROM branch_key")" \
	"$FP|import" "recorded as imported"

# --- Tellers --------------------------------------------------------------
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 teller key new --no-backup
expect_rc 4 "a teller may not make a key"
teller key show
expect_rc 4 "a teller may not look at it"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'refused' AND user = 't01' AND object LIKE 'key%'")" \
	"2" "refusals audited"

# --- A second terminal: the key imported ------------------------------------
B2="$TMP/b2"
mkdir "$B2"
export CHEQUEDESK_DB="$B2/branch.db" CHEQUEDESK_CONFIG="$B2/chequedesk.conf"
: >"$CHEQUEDESK_CONFIG"
new_branch
CHEQUEDESK_ACCESS_CODE=wrong-code super key import "$TMP/usb/branch.key"
expect_rc 4 "import with a wrong code"
expect_in "Nothing was imported" "$ERR" "says so"
[ -e "$B2/branch.key" ] && fail "nothing imported" || pass
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/other.plain"
expect_rc 8 "a key file without an access code is not taken"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/none.key"
expect_rc 6 "a file that is not there"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/usb/branch.key" --json
expect_rc 0 "key import"
expect_eq "$(printf '%s' "$OUT" | jq -r '[.path, .fingerprint, .source] | join(" ")')" \
	"$B2/branch.key $FP import" "import --json"
cmp -s "$B2/branch.key" "$TMP/usb/branch.key" && pass || fail "copied"
expect_eq "$(stat -c %a "$B2/branch.key")" "600" "0600"
openssl pkey -pubin -in "$B2/branch.pub" -outform DER -out "$TMP/b2.der"
expect_eq "$(sm3 "$TMP/b2.der")" "$FP" "its public half"
expect_eq "$(grep -c '^branch_key = branch.key$' "$CHEQUEDESK_CONFIG")" "1" \
	"branch_key written into the configuration"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'key.import'")" \
	"1" "audited"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/usb/branch.key"
expect_rc 0 "the same key again is fine"
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/other.plain" \
	-passout pass:key-code-1 -out "$TMP/other.key"
CHEQUEDESK_ACCESS_CODE=key-code-1 super key import "$TMP/other.key"
expect_rc 5 "a different key is not put over the branch key"
expect_in "$G1 $G2" "$ERR" "names the fingerprint there"
cmp -s "$B2/branch.key" "$TMP/usb/branch.key" && pass || fail "untouched"

finish
