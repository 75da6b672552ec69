#!/bin/sh
# forms.sh - forms are read from the data directory at run time: a bank can
# move a field without recompiling, and a broken form file is reported with
# its file, line and problem.
. "$(dirname "$0")/lib.sh"
new_branch

# A copy of the forms to edit.
rm "$TMP/data/forms"
cp -r "$top_srcdir/forms" "$TMP/data/forms"

# Move the password field two rows down: the screen follows the file.
sed -i 's/name=password row=11/name=password row=13/' \
	"$TMP/data/forms/signin.form"
start_screens
capture | sed -n '14p' | grep -q "Password" && pass ||
	fail "the password label moved with the form file"
tm kill-server; sleep 0.5

# A broken form: the message names file, line and problem.
sed -i 's/name=user row=9 col=34 width=16/name=user row=9 col=34 width=wide/' \
	"$TMP/data/forms/signin.form"
tm -u new-session -d -s cd -x 80 -y 24 \
	"env LANG=C.UTF-8 CHEQUEDESK_DATADIR='$CHEQUEDESK_DATADIR' \
	CHEQUEDESK_DB='$CHEQUEDESK_DB' CHEQUEDESK_CONFIG='$CHEQUEDESK_CONFIG' \
	'$CD' tui; echo EXITED \$?; sleep 60"
wait_for "EXITED 8"
capture | tr -d '\n' | grep -q "signin.form, line 3: a position or width" &&
	pass || { fail "broken form message"; capture >&2; }

# Too small a terminal asks for more room.
tm kill-server; sleep 0.5
cp "$top_srcdir/forms/signin.form" "$TMP/data/forms/signin.form"
tm -u new-session -d -s cd -x 60 -y 20 \
	"env LANG=C.UTF-8 CHEQUEDESK_DATADIR='$CHEQUEDESK_DATADIR' \
	CHEQUEDESK_DB='$CHEQUEDESK_DB' CHEQUEDESK_CONFIG='$CHEQUEDESK_CONFIG' \
	'$CD' tui; echo EXITED \$?; sleep 60"
wait_for "at least 80x24"
tm resize-window -t cd -x 80 -y 24
wait_for "User ID"
# NO_COLOR and a monochrome terminal still work.
tm kill-server; sleep 0.5
tm -u new-session -d -s cd -x 80 -y 24 \
	"env LANG=C.UTF-8 NO_COLOR=1 TERM=xterm-mono \
	CHEQUEDESK_DATADIR='$CHEQUEDESK_DATADIR' \
	CHEQUEDESK_DB='$CHEQUEDESK_DB' CHEQUEDESK_CONFIG='$CHEQUEDESK_CONFIG' \
	'$CD' tui; echo EXITED \$?; sleep 60"
wait_for "User ID"
keys F10
wait_for "EXITED 0"

finish
