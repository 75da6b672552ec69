/* tui-popup.c - pop-up boxes: the supervisor's authorisation at the
 * teller's screen, the idle screen lock and the forced password change. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "i18n.h"
#include "labels.h"
#include "out.h"
#include "tui-popup.h"

#define BOX_W 60
#define FIELD_W 24

/* Draw the box: frame, title, text, note and fields; returns the row of
 * the first field. */
static int draw_box(int top, int left, int h, const char *title,
		    const char *text, const char *note, enum tui_paint role,
		    const struct popup_field *f, int n, int cur)
{
	int r, i, row;
	size_t j, len;

	attrset(tui_attr(PAINT_NORMAL));
	for (r = 0; r < h; r++)
		mvhline(top + r, left, ' ', BOX_W);
	attrset(tui_attr(PAINT_TITLE));
	mvhline(top, left, ' ', BOX_W);
	tui_print(top, left + 2, BOX_W - 4, title);
	attrset(tui_attr(PAINT_NORMAL));
	mvhline(top + h - 1, left, ACS_HLINE, BOX_W);
	for (r = 1; r < h - 1; r++) {
		mvaddch(top + r, left, ACS_VLINE);
		mvaddch(top + r, left + BOX_W - 1, ACS_VLINE);
	}
	row = top + 1 +
	      tui_print_wrapped(top + 1, left + 2, BOX_W - 4, 4,
				text ? text : "");
	if (note && *note) {
		attrset(tui_attr(role));
		row += tui_print_wrapped(row, left + 2, BOX_W - 4, 3, note);
		attrset(tui_attr(PAINT_NORMAL));
	}
	row++;
	for (i = 0; i < n; i++) {
		tui_print(row + i, left + 2, BOX_W - FIELD_W - 6, f[i].label);
		attrset(tui_attr(i == cur ? PAINT_FOCUS : PAINT_FIELD));
		mvhline(row + i, left + BOX_W - FIELD_W - 3, ' ', FIELD_W);
		len = strlen(f[i].buf);
		if (f[i].secret)
			for (j = 0; j < len && j < FIELD_W; j++)
				mvaddch(row + i,
					left + BOX_W - FIELD_W - 3 + (int)j,
					'*');
		else
			tui_print(row + i, left + BOX_W - FIELD_W - 3, FIELD_W,
				  f[i].buf);
		attrset(tui_attr(PAINT_NORMAL));
	}
	return row;
}

/* Whether CH is one of KEYS. */
static int is_end_key(const int *keys, wint_t ch)
{
	for (; keys && *keys; keys++)
		if ((wint_t)*keys == ch)
			return 1;
	return 0;
}

/* Show a pop-up and read its fields. */
enum popup_end tui_popup(struct tui *t, const char *title, const char *text,
			 const char *note, enum tui_paint role,
			 struct popup_field *f, int n, const int *keys,
			 int *key)
{
	int cur = 0, top, left, h, row, rc;
	size_t len;
	wint_t ch;
	char mb[8];

	for (;;) {
		tui_draw(t);
		h = 9 + n;
		top = (LINES - h) / 2;
		left = (COLS - BOX_W) / 2;
		row =
		    draw_box(top, left, h, title, text, note, role, f, n, cur);
		len = strlen(f[cur].buf);
		move(row + cur,
		     left + BOX_W - FIELD_W - 3 +
			 (int)(f[cur].secret ? len
					     : (size_t)out_width(f[cur].buf)));
		curs_set(1);
		refresh();
		timeout(30000);
		rc = tui_get_key(&ch, "popup", f[cur].secret);
		if (rc == ERR)
			return POPUP_IDLE;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_RESIZE)
				continue;
			if (is_end_key(keys, ch)) {
				*key = (int)ch;
				return POPUP_KEY;
			}
			if (ch == KEY_UP && cur > 0)
				cur--;
			else if (ch == KEY_DOWN && cur < n - 1)
				cur++;
			else if (ch == KEY_BACKSPACE && len > 0)
				f[cur].buf[--len] = '\0';
			continue;
		}
		if (ch == 27)
			return POPUP_CANCEL;
		if (ch == '\t' || ch == '\r' || ch == '\n') {
			if (ch != '\t' && cur == n - 1)
				return POPUP_OK;
			cur = (cur + 1) % n;
		} else if ((ch == 127 || ch == 8) && len > 0) {
			/* remove the last (possibly multi-byte) character */
			while (len > 0 && ((unsigned char)f[cur].buf[--len] &
					   0xc0) == 0x80)
				;
			f[cur].buf[len] = '\0';
		} else if (ch >= ' ') {
			int m = wctomb(mb, (wchar_t)ch);

			if (m > 0 && len + (size_t)m < f[cur].len) {
				memcpy(f[cur].buf + len, mb, (size_t)m);
				f[cur].buf[len + (size_t)m] = '\0';
			}
		}
	}
}

/* Ask for a supervisor's ID and password for the action ERR refused. */
int tui_authorise(struct tui *t, const struct cd_error *err)
{
	struct desk *d = t->desk;
	char id[USER_ID_MAX + 1] = "", pw[PASSWD_MAX] = "";
	struct popup_field f[] = {
	    {_("Supervisor ID:"), id, sizeof id, 0},
	    {_("Password:"), pw, sizeof pw, 1},
	};
	char text[512], *stop;
	enum popup_end end;
	int key;

	/* The first sentence says what needs authorising; the rest is for
	 * the command line. */
	snprintf(text, sizeof text, "%s", err->msg);
	stop = strstr(text, ". ");
	if (stop == NULL)
		stop = strstr(text, "\xe3\x80\x82"); /* a Chinese full stop */
	if (stop != NULL)
		stop[stop[0] == '.' ? 1 : 3] = '\0';
	end = tui_popup(t, _("Supervisor's authorisation"), text,
			_("A supervisor types their ID and password here. "
			  "Enter: authorise  Esc: cancel"),
			PAINT_WARNING, f, 2, NULL, &key);
	t->need_full = 1;
	if (end != POPUP_OK || id[0] == '\0') {
		OPENSSL_cleanse(pw, sizeof pw);
		tui_message(t, PAINT_WARNING, "%s",
			    _("Not authorised; nothing was done."));
		return 0;
	}
	snprintf(d->auth.id, sizeof d->auth.id, "%s", id);
	snprintf(d->auth.password, sizeof d->auth.password, "%s", pw);
	d->auth.given = 1;
	OPENSSL_cleanse(pw, sizeof pw);
	return 1;
}

/* End the session and go back to the sign-in screen with MSG. */
static void sign_out(struct tui *t, const char *reason, const char *msg)
{
	desk_session_end(t->desk, reason);
	memset(&t->desk->user, 0, sizeof t->desk->user);
	tui_message(t, PAINT_WARNING, "%s", msg);
	tui_switch(t, &screen_signin);
}

/* Lock the screen until the user's password is typed again. */
int tui_lock(struct tui *t)
{
	static const int keys[] = {KEY_F(9), 0};
	struct desk *d = t->desk;
	char pw[PASSWD_MAX], text[256], note[512] = "", by[USER_ID_MAX + 1];
	struct popup_field f = {_("Password:"), pw, sizeof pw, 1};
	struct cd_error err;
	int key, minutes = (d->conf.idle_lock_seconds + 59) / 60;

	snprintf(text, sizeof text,
		 P_("Locked after %d minute without a key. %s (%s) types the "
		    "password to go on; F9 signs out.",
		    "Locked after %d minutes without a key. %s (%s) types the "
		    "password to go on; F9 signs out.",
		    minutes),
		 minutes, d->user.name, d->user.id);
	for (;;) {
		pw[0] = '\0';
		switch (tui_popup(t, _("Screen locked"), text, note,
				  PAINT_ERROR, &f, 1, keys, &key)) {
		case POPUP_KEY:
			sign_out(t, "signed-out", _("Signed out."));
			return 1;
		case POPUP_IDLE:
		case POPUP_CANCEL:
			if (desk_session_ended(d, by, sizeof by)) {
				sign_out(t, "signed-out",
					 _("A supervisor signed you out."));
				return 1;
			}
			continue;
		case POPUP_OK:
			break;
		}
		if (desk_check_password(d, pw, &err) == CD_OK) {
			OPENSSL_cleanse(pw, sizeof pw);
			t->need_full = 1;
			return 0;
		}
		OPENSSL_cleanse(pw, sizeof pw);
		if (strcmp(err.field, "locked") == 0) {
			sign_out(t, "locked", err.msg);
			return 1;
		}
		snprintf(note, sizeof note, "%s", err.msg);
	}
}

/* Make the user choose a new password before working. */
int tui_change_password(struct tui *t)
{
	struct desk *d = t->desk;
	char pw[PASSWD_MAX] = "", again[PASSWD_MAX] = "", text[256];
	char note[512] = "";
	struct popup_field f[] = {
	    {_("New password:"), pw, sizeof pw, 1},
	    {_("Type it again:"), again, sizeof again, 1},
	};
	struct cd_error err;
	int key, rc;

	if (desk_password_due(d) == 2)
		snprintf(text, sizeof text,
			 _("Your password has expired (passwords last %d days "
			   "here). Choose a new one to go on; Esc signs out."),
			 d->conf.pw_rules.max_age_days);
	else
		snprintf(text, sizeof text, "%s",
			 _("Your password was set by someone else. Choose your "
			   "own to go on; Esc signs out."));
	for (;;) {
		pw[0] = again[0] = '\0';
		rc = tui_popup(t, _("New password"), text, note, PAINT_ERROR, f,
			       2, NULL, &key);
		if (rc == POPUP_IDLE)
			continue;
		if (rc != POPUP_OK) {
			sign_out(t, "signed-out", _("Signed out."));
			return 1;
		}
		if (strcmp(pw, again) != 0) {
			snprintf(note, sizeof note, "%s",
				 _("The two passwords differ. Type them "
				   "again."));
			continue;
		}
		rc = desk_change_password(d, pw, &err);
		OPENSSL_cleanse(pw, sizeof pw);
		OPENSSL_cleanse(again, sizeof again);
		if (rc == CD_OK) {
			t->need_full = 1;
			tui_message(
			    t, PAINT_OK, "%s",
			    _("Password changed. Keep it to yourself."));
			return 0;
		}
		snprintf(note, sizeof note, "%s", err.msg);
	}
}
