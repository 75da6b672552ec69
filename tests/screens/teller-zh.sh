#!/bin/sh
# teller-zh.sh - the teller's screens in Chinese.
. "$(dirname "$0")/lib.sh"
export LANGUAGE=zh_CN
SUFFIX=-zh
. "$(dirname "$0")/teller.sh"
finish
