#!/bin/sh
# output-paths.sh - files written with --preview, key export --public and
# batch show --file (#16, 8): never through a symbolic link (even with
# --force), never over an existing file without --force, which replaces a
# regular file; the batch file is 0600; a device or pipe is written in
# place; no temporary file is left behind.
. "$(dirname "$0")/lib.sh"
new_branch
O="$TMP/out"
mkdir "$O"
echo "precious" >"$TMP/victim"

# untouched WHAT: the victim file still holds what it held.
untouched() {
	expect_eq "$(cat "$TMP/victim")" "precious" "$1: the link's target is untouched"
}

# no_temp WHAT: no temporary file is left in $O.
no_temp() {
	ls -A "$O" | grep -q 'tmp-' && fail "$1: a temporary file is left" || pass
}

teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56 --type 01
expect_rc 0 "a cheque"

# --- --preview ---------------------------------------------------------------
ln -s "$TMP/victim" "$O/link.png"
teller print cheque 1 --profile epson-plq20 --preview "$O/link.png"
expect_rc 5 "a preview to a symbolic link"
expect_in "$O/link.png is a symbolic link" "$ERR" "says so, naming it"
untouched "preview"
teller print cheque 1 --profile epson-plq20 --preview "$O/link.png" --force
expect_rc 5 "a preview to a symbolic link with --force"
untouched "preview --force"
[ -L "$O/link.png" ] && pass || fail "the link stays a link"

teller print cheque 1 --profile epson-plq20 --preview "$O/p.png"
expect_rc 0 "a preview to a new file"
echo "old" >"$O/p.png"
teller print cheque 1 --profile epson-plq20 --preview "$O/p.png"
expect_rc 5 "a preview over an existing file"
expect_in "There is already a file $O/p.png" "$ERR" "names the file"
expect_in "--force" "$ERR" "says to use --force"
expect_in "another file name" "$ERR" "or another name"
expect_eq "$(cat "$O/p.png")" "old" "the file is not replaced"
teller print cheque 1 --profile epson-plq20 --preview "$O/p.png" --force
expect_rc 0 "--force replaces it"
expect_eq "$(head -c 4 "$O/p.png" | tail -c 3)" "PNG" "with the preview"
LANGUAGE=zh_CN teller print cheque 1 --profile epson-plq20 --preview "$O/p.png"
expect_rc 5 "zh_CN: refused"
expect_in "$O/p.png" "$ERR" "zh_CN: names the file"
expect_in "--force" "$ERR" "zh_CN: names --force"
no_temp "preview"

# --- key export --public ------------------------------------------------------
CHEQUEDESK_NEW_ACCESS_CODE=key-code-1 super key new --no-backup
expect_rc 0 "key new"
ln -s "$TMP/victim" "$O/link.pub"
super key export --public "$O/link.pub"
expect_rc 5 "key export to a symbolic link"
expect_in "symbolic link" "$ERR" "says so"
super key export --public "$O/link.pub" --force
expect_rc 5 "key export to a symbolic link with --force"
untouched "key export"
echo "old" >"$O/k.pub"
super key export --public "$O/k.pub"
expect_rc 5 "key export over an existing file"
expect_in "There is already a file $O/k.pub" "$ERR" "names the file"
expect_in "--force" "$ERR" "says to use --force"
expect_eq "$(cat "$O/k.pub")" "old" "the file is not replaced"
super key export --public "$O/k.pub" --force
expect_rc 0 "key export --force"
expect_in "BEGIN PUBLIC KEY" "$(cat "$O/k.pub")" "the key replaces it"
super key export --public /dev/stdout
expect_rc 0 "key export to /dev/stdout (a link to a pipe)"
expect_in "BEGIN PUBLIC KEY" "$OUT" "written in place"
no_temp "key export"

# --- batch show --file ----------------------------------------------------------
sql "UPDATE items SET status = 'printed', prints = 1"
CHEQUEDESK_ACCESS_CODE=key-code-1 super batch close --json
expect_rc 0 "batch close"
BATCH=$(printf '%s' "$OUT" | jq -r .batch_id)
DIGEST=$(sql "SELECT digest FROM batches")
(umask 022 && CHEQUEDESK_PASSWORD=super-pw "$CD" batch show "$BATCH" \
	--file "$O/b.json" --user s01 >/dev/null)
expect_eq "$(stat -c %a "$O/b.json")" "600" "the batch file is 0600"
expect_eq "$(openssl dgst -sm3 -r "$O/b.json" | cut -d' ' -f1)" "$DIGEST" \
	"the whole batch file"
ln -s "$TMP/victim" "$O/link.json"
super batch show "$BATCH" --file "$O/link.json"
expect_rc 5 "batch show --file to a symbolic link"
super batch show "$BATCH" --file "$O/link.json" --force
expect_rc 5 "batch show --file to a symbolic link with --force"
expect_in "symbolic link" "$ERR" "says so"
untouched "batch show --file"
ln -s "$O/nowhere.json" "$O/dangling.json"
super batch show "$BATCH" --file "$O/dangling.json"
expect_rc 5 "batch show --file to a dangling link"
[ -e "$O/nowhere.json" ] && fail "the dangling link's target is made" || pass
echo "old" >"$O/c.json"
chmod 644 "$O/c.json"
super batch show "$BATCH" --file "$O/c.json"
expect_rc 5 "batch show --file over an existing file"
expect_in "There is already a file $O/c.json" "$ERR" "names the file"
expect_in "--force" "$ERR" "says to use --force"
expect_eq "$(cat "$O/c.json")" "old" "the file is not replaced"
super batch show "$BATCH" --file "$O/c.json" --force
expect_rc 0 "batch show --file --force"
expect_eq "$(openssl dgst -sm3 -r "$O/c.json" | cut -d' ' -f1)" "$DIGEST" \
	"the batch file replaces it"
expect_eq "$(stat -c %a "$O/c.json")" "600" "... 0600"
super batch show "$BATCH" --file "$O" --force
expect_rc 3 "a folder"
expect_in "is a folder" "$ERR" "says so"
OUT=$(CHEQUEDESK_PASSWORD=super-pw "$CD" batch show "$BATCH" --user s01 \
	--file /dev/stdout | head -c 1)
expect_eq "$OUT" "{" "batch show --file /dev/stdout: written in place"
no_temp "batch show"

finish
