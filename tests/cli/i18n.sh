#!/bin/sh
# i18n.sh - with LANGUAGE=zh_CN the command line speaks Chinese.
. "$(dirname "$0")/lib.sh"
new_branch
export LANGUAGE=zh_CN

teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56
expect_rc 0 "register in Chinese"
expect_in "校验码" "$OUT" "Chinese labels"
expect_in "转账支票" "$OUT" "bill type name in Chinese"
teller cheque add --serial 12345678 --bank 0201 --account 6222020200001234 \
	--amount 1234.56
expect_rc 5 "duplicate in Chinese"
expect_in "李娜" "$ERR" "duplicate names the teller"
case "$ERR" in *already*) fail "duplicate message not translated" ;; *) pass ;; esac
teller cheque add --serial 12345679 --bank 0201 --account 6222020200001234 \
	--amount 1.234
expect_rc 3 "bad amount in Chinese"
case "$ERR" in *[a-z][a-z][a-z][a-z]" "[a-z]*) fail "amount message not translated: $ERR" ;; *) pass ;; esac
run --help
expect_in "用法" "$OUT" "help in Chinese"
teller cheque list
expect_in "金额" "$OUT" "list headings in Chinese"

finish
