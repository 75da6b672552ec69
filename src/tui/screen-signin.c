/* screen-signin.c - the sign-in screen: user ID and password. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "i18n.h"
#include "labels.h"
#include "passwd.h"
#include "tui-form.h"
#include "tui-popup.h"

static struct tui_form form;
static char problem[512]; /* why the last sign-in failed, shown in full */

/* Load the form the first time; start empty. */
static void signin_enter(struct tui *t)
{
	struct cd_error err;

	if (form.form == NULL && tui_form_open(&form, t->desk->conf.datadir,
					       "signin", &err) != CD_OK) {
		tui_fatal(&err);
	}
	tui_form_clear(&form);
	problem[0] = '\0';
}

/* Draw the form and the branch's note. */
static void signin_draw(struct tui *t, int full)
{
	tui_form_draw(&form, full);
	attrset(tui_attr(PAINT_TITLE));
	tui_print(5, 20, COLS - 21, t->desk->branch.name);
	attrset(tui_attr(PAINT_NORMAL));
	tui_print(6, 20, COLS - 21, _("Same-city cheque clearing"));
	if (t->desk->conf.signin_note[0]) {
		attrset(tui_attr(PAINT_WARNING));
		tui_print(14, 20, COLS - 21, t->desk->conf.signin_note);
		attrset(tui_attr(PAINT_NORMAL));
	}
	if (problem[0]) {
		attrset(tui_attr(PAINT_ERROR));
		tui_print_wrapped(16, 2, COLS - 4, 3, problem);
		attrset(tui_attr(PAINT_NORMAL));
	}
}

/* Check the user ID and password. */
static int signin_submit(struct tui *t)
{
	char id[64], pw[PASSWD_MAX];
	struct cd_error err;

	tui_form_value(&form, 0, id, sizeof id);
	tui_form_value(&form, 1, pw, sizeof pw);
	if (id[0] == '\0') {
		tui_form_focus(&form, 0);
		tui_message(t, PAINT_ERROR, "%s", _("Type your user ID."));
		return TUI_HANDLED;
	}
	if (desk_signin(t->desk, id, pw, &err) != CD_OK) {
		memset(pw, 0, sizeof pw);
		tui_form_set(&form, 1, "");
		tui_form_focus(&form, 1);
		snprintf(problem, sizeof problem, "%s", err.msg);
		t->need_full = 1;
		return TUI_HANDLED;
	}
	memset(pw, 0, sizeof pw);
	tui_form_clear(&form);
	if (desk_session_start(t->desk, &err) != CD_OK) {
		memset(&t->desk->user, 0, sizeof t->desk->user);
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return TUI_HANDLED;
	}
	tui_message(t, PAINT_OK, _("Signed in as %s (%s)."), t->desk->user.name,
		    role_label(t->desk->user.role));
	if (t->desk->notice[0] != '\0') /* wrong authorising passwords */
		tui_message(t, PAINT_WARNING, "%s", t->desk->notice);
	if (desk_password_due(t->desk) && tui_change_password(t) != 0)
		return TUI_HANDLED; /* gave up: back at the sign-in screen */
	tui_switch(t, &screen_menu);
	return TUI_HANDLED;
}

/* Keys: Enter in the password field signs in; F10 quits. */
static int signin_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	int refused;

	if (act == ACT_QUIT)
		return TUI_QUIT;
	if (!is_key && (ch == '\r' || ch == '\n') &&
	    tui_form_current(&form) == form.def.nfields - 1)
		return signin_submit(t);
	tui_form_key(&form, ch, is_key, &refused);
	t->msg[0] = '\0';
	return TUI_HANDLED;
}

/* Leave the cursor in the current field. */
static void signin_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen screen_signin = {
    .name = "signin",
    .id = SCR_SIGNIN,
    .has_form = 1,
    .enter = signin_enter,
    .draw = signin_draw,
    .key = signin_key,
    .place_cursor = signin_cursor,
};
