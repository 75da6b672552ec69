#!/bin/sh
# escape.sh - text cannot hijack a terminal (#16 item 5): control and bidi
# characters typed at sign-in, echoed in messages or stored in an older
# database come out escaped on every output; names refuse them at input.
# The screens part runs in tmux (tests/screens/lib.sh).
. "$(dirname "$0")/../screens/lib.sh"
new_branch
ESC=$(printf '\033')
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE

# no_raw WHAT TEXT: TEXT holds no ESC, C1 CSI (U+009B) or U+202E.
no_raw() {
	case "$2" in
	*"$ESC"* | *"$RLO"* | *"$(printf '\302\233')"*)
		fail "$1: raw control or bidi character in: $(printf '%s' "$2" | od -c | head -5)"
		;;
	*) pass ;;
	esac
}

# --- a failed sign-in with escapes in the ID: refused, audited, escaped ---
CHEQUEDESK_PASSWORD=x "$CD" cheque list --user "${ESC}[2Jx${ESC}]0;pwned${ESC}\\" \
	>"$TMP/out" 2>"$TMP/err"
RC=$?
ERR=$(cat "$TMP/err")
expect_rc 3 "a malformed user ID is refused"
no_raw "the sign-in refusal" "$ERR"
expect_in '\x1b[2Jx' "$ERR" "the refusal shows the ID escaped"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'signin.failed'
	AND user LIKE '\\x1b[2Jx%'")" 1 "the attempt is audited, escaped"
super audit list
expect_rc 0 "audit list"
no_raw "audit list" "$OUT"
expect_in 'signin.failed' "$OUT" "audit list shows the attempt"
expect_in '\x1b[2Jx' "$OUT" "audit list shows the ID escaped"
super audit list --json
no_raw "audit list --json" "$OUT"

# An older database that stored the raw ID still shows it escaped.
sql "UPDATE audit SET user = char(27) || '[8mhidden', object =
	char(27) || ']0;title' || char(7) WHERE action = 'signin.failed'"
super audit list
no_raw "audit list of a raw stored ID" "$OUT"
expect_in '\x1b[8mhid ' "$OUT" "a raw stored ID, escaped (cut to its column)"
expect_in '\x1b]0;title\x07' "$OUT" "a raw stored object, escaped"
super audit list --json
no_raw "JSON of a raw stored ID" "$OUT"
expect_eq "$(echo "$OUT" | jq -j '.[] | select(.action == "signin.failed")
	| .user' | od -An -c | tr -s ' ' | head -1)" " 033 [ 8 m h i d d e n" \
	"JSON keeps the value (as a \\u escape)"

# --- an error message that echoes an option's value ---
teller cheque list --date "${ESC}[2J2026-11-23"
expect_rc 3 "a bad date"
no_raw "a message echoing --date" "$ERR"
teller cheque add --serial 10234567 --bank 0201 \
	--account 6222020200001234 --amount "1${ESC}[8m2"
no_raw "a message echoing --amount" "$ERR"
teller cheque list "--${ESC}[2Jx"
expect_rc 2 "an unknown option"
no_raw "a message echoing an unknown option" "$ERR"
expect_in '\x1b[2Jx' "$ERR" "the unknown option, escaped"

# --- names refuse bidi controls (and control characters) at input ---
teller cheque add --serial 10234567 --bank 0201 \
	--account 6222020200001234 --amount 12.34 \
	--payee-account 6222030300005678 --payee-name "ACME${RLO}gpj.exe"
expect_rc 3 "a payee name with U+202E"
expect_in "U+202E" "$ERR" "the payee message names the character"
no_raw "the payee message" "$ERR"
expect_eq "$(sql "SELECT count(*) FROM items")" 0 "nothing registered"
teller cheque add --serial 10234567 --bank 0201 \
	--account 6222020200001234 --amount 12.34 \
	--payee-account 6222030300005678 --payee-name "ACME${ESC}[8m"
expect_rc 3 "a payee name with ESC"
expect_eq "$(sql "SELECT count(*) FROM items")" 0 "still nothing registered"
LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=C.UTF-8 teller cheque add \
	--serial 10234567 --bank 0201 --account 6222020200001234 \
	--amount 12.34 --payee-account 6222030300005678 \
	--payee-name "某某$(printf '\342\201\247')公司"
expect_rc 3 "a payee name with U+2067, in Chinese"
expect_in "U+2067" "$ERR" "the Chinese message names the character"
expect_in "方向" "$ERR" "the message is in Chinese"

CHEQUEDESK_NEW_PASSWORD=first-pass1 super user add t09 --role teller \
	--name "Li${RLO}aN"
expect_rc 3 "user add with a bidi name"
expect_in "U+202E" "$ERR" "user add says what is wrong"
expect_eq "$(sql "SELECT count(*) FROM users WHERE id = 't09'")" 0 \
	"no user added"

# --- stored text from an older database is shown escaped ---
teller cheque add --serial 10234567 --bank 0201 \
	--account 6222020200001234 --amount 12.34 \
	--payee-account 6222030300005678 --payee-name "ACME"
expect_rc 0 "a clean cheque"
teller item void 1 --reason "typo${RLO}"
expect_rc 3 "void with a bidi reason"
expect_in "U+202E" "$ERR" "void says what is wrong"
expect_eq "$(sql "SELECT status FROM items WHERE id = 1")" registered \
	"the cheque is not voided"
sql "UPDATE items SET payee_name = 'ACME' || char(8238) || 'gpj.exe'"
sql "UPDATE users SET name = '李' || char(27) || '[2J娜' WHERE id = 't01'"
teller cheque show 1
no_raw "cheque show" "$OUT"
expect_in 'ACME\u202egpj.exe' "$OUT" "cheque show, payee escaped"
super user list
no_raw "user list" "$OUT"
expect_in '李\x1b[2J娜' "$OUT" "user list, name escaped"
super report
no_raw "the day's report" "$OUT"
super report --csv
no_raw "the day's report as CSV" "$OUT"

# --- messages that name stored or given text: bank directory names, a
# configuration path ---
sql "UPDATE banks SET name = '工行' || char(27) || ']0;x' || char(7) WHERE
	number = (SELECT number FROM banks LIMIT 1)"
super bank list
no_raw "bank list" "$OUT"
expect_in '\x1b]0;x\x07' "$OUT" "bank list, name escaped"
mkdir -p "$TMP/conf${ESC}[2J"
cp "$CHEQUEDESK_CONFIG" "$TMP/conf${ESC}[2J/c.conf"
CHEQUEDESK_CONFIG="$TMP/conf${ESC}[2J/c.conf" super doctor
no_raw "doctor with a configuration path holding ESC" "$OUT$ERR"
expect_in 'conf\x1b[2J' "$OUT$ERR" "doctor names the path, escaped"

# --- the screens: a stored branch name with ESC and U+202E, escaped ---
sql "UPDATE branch SET name = '江汉' || char(27) || '[2J支行' || char(8238)"
start_screens
keys t01 Enter teller-pw Enter
wait_for '\u202e'
expect_in '江汉\x1b[2J支行\u202e' "$(capture)" "the status line, escaped"

finish
