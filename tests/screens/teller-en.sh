#!/bin/sh
# teller-en.sh - the teller's screens in English.
. "$(dirname "$0")/lib.sh"
SUFFIX=-en
. "$(dirname "$0")/teller.sh"
finish
