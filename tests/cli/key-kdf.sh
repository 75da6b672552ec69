#!/bin/sh
# key-kdf.sh - the key file is not cheap to guess offline (#16, 7): a new
# key file and one re-encrypted by 'key passwd' use scrypt (N=2^14, r=8,
# p=5) as openssl reads it; an old file (PBKDF2 with 2,048 iterations, as
# 'openssl pkcs8 -topk8 -v2 aes-256-cbc' makes it) still opens, 'key show'
# says it is weak and 'key passwd' upgrades it.
. "$(dirname "$0")/lib.sh"
new_branch
KEY="$TMP/branch.key"
unset CHEQUEDESK_ACCESS_CODE CHEQUEDESK_NEW_ACCESS_CODE

# kdf FILE CODE: "KDF N r p" (or "PBKDF2 ITER") of a PKCS#8 key file, from
# openssl asn1parse; the code must open it with openssl too.
kdf() {
	openssl pkey -in "$1" -passin "pass:$2" -noout 2>/dev/null ||
		echo "openssl cannot open $1 with $2"
	openssl asn1parse -in "$1" | awk '
		/OBJECT +:scrypt/ { k = "scrypt"; n = 3; next }
		/OBJECT +:PBKDF2/ { k = "PBKDF2"; n = 1; next }
		k != "" && n > 0 && /prim: INTEGER/ {
			sub(/.*:/, ""); printf "%s ", $0; n--
		}
		END { print k }' | {
		read -r a b c d
		if [ "$d" = scrypt ]; then
			echo "scrypt $((0x$a)) $((0x$b)) $((0x$c))"
		else
			echo "$b $((0x$a))"
		fi
	}
}

# --- A new key file -----------------------------------------------------------
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new --no-backup
expect_rc 0 "key new"
expect_eq "$(kdf "$KEY" key-code-1)" "scrypt 16384 8 5" \
	"a new key file: scrypt N=2^14 r=8 p=5"
openssl asn1parse -in "$KEY" | grep -q ':aes-256-cbc' && pass ||
	fail "a new key file: AES-256-CBC"
start=$(date +%s%N)
CHEQUEDESK_ACCESS_CODE=key-code-1 super key export --public "$TMP/p1.pub" \
	</dev/null
expect_rc 0 "a new key file opens with its code"
echo "opening a scrypt key file (with a whole command):" \
	"$(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
super key show
expect_rc 0 "key show"
case "$OUT" in
*"key passwd"*) fail "a new key file is not called weak: $OUT" ;;
*) pass ;;
esac

# --- key passwd writes scrypt too ---------------------------------------------
CHEQUEDESK_ACCESS_CODE=key-code-1 CHEQUEDESK_NEW_ACCESS_CODE=key-code-2 \
	super key passwd
expect_rc 0 "key passwd"
expect_eq "$(kdf "$KEY" key-code-2)" "scrypt 16384 8 5" \
	"after key passwd: scrypt"

# --- An old key file (PBKDF2, 2,048 iterations) still opens --------------------
openssl pkcs8 -in "$KEY" -passin pass:key-code-2 -out "$TMP/plain.pem"
mv "$KEY" "$TMP/new.key"
openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$TMP/plain.pem" -out "$KEY" \
	-passout pass:old-code-1
chmod 600 "$KEY"
expect_eq "$(kdf "$KEY" old-code-1)" "PBKDF2 2048" "the old file is weak"
CHEQUEDESK_ACCESS_CODE=old-code-1 super key export --public "$TMP/p2.pub" \
	</dev/null
expect_rc 0 "an old key file still opens"
cmp -s "$TMP/p1.pub" "$TMP/p2.pub" && pass || fail "the same key"
super key show
expect_in "PBKDF2" "$OUT" "key show names the weak old KDF"
expect_in "key passwd" "$OUT" "key show says key passwd upgrades it"
super key show --json
expect_eq "$(printf '%s' "$OUT" | jq -r .kdf)" "pbkdf2-2048" \
	"key show --json: the KDF"
CHEQUEDESK_ACCESS_CODE=old-code-1 CHEQUEDESK_NEW_ACCESS_CODE=key-code-3 \
	super key passwd
expect_rc 0 "key passwd on an old file"
expect_eq "$(kdf "$KEY" key-code-3)" "scrypt 16384 8 5" \
	"key passwd upgrades an old file to scrypt"
super key show --json
expect_eq "$(printf '%s' "$OUT" | jq -r .kdf)" "scrypt" \
	"key show --json: scrypt after the upgrade"

finish
