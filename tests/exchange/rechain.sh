#!/bin/sh
# rechain.sh DB FROM DIR - the audit forger's tool: recompute the hash of
# every audit record of DB from record FROM on with the rule of
# docs/audit.md, SM3 over "LEN:BYTES;" (or "-;" for NULL) of prev, id, at,
# user, auth, action, object, before, after, so the chain links again
# after a record was changed, removed or inserted. DIR holds a scratch
# file. Needs sqlite3 and openssl.
set -e
db=$1 from=$2 dir=$3

field() {
	echo "(CASE WHEN $1 IS NULL THEN '-;' ELSE
		length(CAST($1 AS BLOB)) || ':' || $1 || ';' END)"
}
for id in $(sqlite3 "$db" "SELECT id FROM audit WHERE id >= $from ORDER BY id"); do
	prev=$(sqlite3 "$db" "SELECT ifnull((SELECT hash FROM audit
		WHERE id < $id ORDER BY id DESC LIMIT 1), '')")
	sqlite3 "$db" "SELECT writefile('$dir/row', $(field "'$prev'") ||
		$(field "CAST(id AS TEXT)") || $(field at) || $(field user) ||
		$(field auth) || $(field action) || $(field object) ||
		$(field before) || $(field after)) FROM audit WHERE id = $id" \
		>/dev/null
	h=$(openssl dgst -sm3 -r "$dir/row" | cut -d' ' -f1)
	sqlite3 "$db" "UPDATE audit SET prev = '$prev', hash = '$h' WHERE id = $id"
done
