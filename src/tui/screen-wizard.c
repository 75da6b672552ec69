/* screen-wizard.c - the first-run set-up wizard: where it starts (a new
 * branch, or a supervisor signing in to finish one), going from step to
 * step, and what the steps (screen-wizard-*.c) share. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "desk-read.h"
#include "i18n.h"
#include "keyfile.h"
#include "labels.h"
#include "out.h"
#include "passwd.h"
#include "screen-wizard.h"
#include "tui-popup.h"

#define PATH_FIELD_MAX 500 /* characters a path field scrolls to */

static struct tui_form form;  /* signing in to finish a set-up */
static int again;	      /* a step runs from the set-up menu */
static char code[PASSWD_MAX]; /* the key's access code, for the checks */
static struct wizard_branch_input input;
static char problem[1024]; /* the last error, shown whole above the help */

/* The screens of the steps, by number. */
static const struct screen *step_screen(enum wizard_step step)
{
	switch (step) {
	case WIZ_BRANCH:
		return &wizard_branch;
	case WIZ_USER:
		return &wizard_user;
	case WIZ_KEY:
		return &wizard_key;
	case WIZ_PRINTER:
		return &wizard_printer;
	case WIZ_CENTRE:
		return &wizard_centre;
	default:
		return &wizard_doctor;
	}
}

/* What step 1 collected. */
struct wizard_branch_input *wizard_input(void)
{
	return &input;
}

/* Remember the access code typed at the key step. */
void wizard_keep_code(const char *c)
{
	snprintf(code, sizeof code, "%s", c);
}

/* The access code, if one was typed in this run. */
const char *wizard_code(void)
{
	return code[0] ? code : NULL;
}

/* Wipe the access code. */
void wizard_forget_code(void)
{
	OPENSSL_cleanse(code, sizeof code);
}

/* Whether a step runs from the set-up menu. */
int wizard_is_again(void)
{
	return again;
}

/* Run one step from the set-up menu. */
void wizard_again(struct tui *t, enum wizard_step step)
{
	again = 1;
	problem[0] = '\0';
	tui_switch(t, step_screen(step));
}

/* Whether STEP still needs doing. */
int wizard_missing(struct tui *t, enum wizard_step step)
{
	const struct desk *d = t->desk;
	struct keyfile_info k;
	struct cd_error err;

	switch (step) {
	case WIZ_BRANCH:
	case WIZ_USER:
		return !desk_has_store(d);
	case WIZ_KEY:
		cd_err_clear(&err);
		return keyfile_inspect(t->desk, &k, &err) != CD_OK ||
		       !k.exists || !k.encrypted;
	case WIZ_PRINTER:
		return d->conf.printer[0] == '\0';
	case WIZ_CENTRE:
		return d->conf.centre_url[0] == '\0' ||
		       d->conf.centre_key[0] == '\0';
	default:
		return 1;
	}
}

/* On to the next step still to do, or back to the set-up menu. */
void wizard_done(struct tui *t, enum wizard_step step)
{
	int s;

	problem[0] = '\0';
	if (again) {
		again = 0;
		wizard_forget_code();
		tui_switch(t, &screen_admin);
		return;
	}
	for (s = step + 1; s < WIZ_STEPS; s++)
		if (wizard_missing(t, (enum wizard_step)s))
			break;
	tui_switch(t, step_screen((enum wizard_step)s));
}

/* Esc: the step before, where going back makes sense. */
void wizard_back(struct tui *t, enum wizard_step step)
{
	problem[0] = '\0';
	if (again) {
		again = 0;
		wizard_forget_code();
		tui_switch(t, &screen_admin);
		return;
	}
	if (step == WIZ_BRANCH)
		tui_message(t, PAINT_WARNING, "%s",
			    _("This is the first step. F10 leaves the "
			      "set-up."));
	else if (step == WIZ_USER && !desk_has_store(t->desk))
		tui_switch(t, &wizard_branch);
	else if (step == WIZ_KEY)
		tui_message(t, PAINT_WARNING, "%s",
			    _("The branch and its supervisor are saved. Other "
			      "users are added on the command line (chequedesk "
			      "user add)."));
	else if (step > WIZ_KEY)
		tui_switch(t, step_screen((enum wizard_step)(step - 1)));
}

/* F10: leave, after asking. */
int wizard_quit(struct tui *t)
{
	if (!tui_confirm(t, again ? _("Leave chequedesk? (y/n)")
				  : _("Leave the set-up? What is saved stays; "
				      "the next start goes on. (y/n)")))
		return TUI_HANDLED;
	wizard_forget_code();
	return TUI_QUIT;
}

/* The last error, whole, in the three rows above the help line. */
static void draw_problem(void)
{
	if (problem[0] == '\0')
		return;
	attrset(tui_attr(PAINT_ERROR));
	tui_print_wrapped(LINES - 6, 2, COLS - 4, 3, problem);
	attrset(tui_attr(PAINT_NORMAL));
}

/* "Step 2 of 6" on the title bar and the row of steps below it. */
void wizard_indicator(struct tui *t, enum wizard_step step)
{
	static const char *const names[WIZ_STEPS] = {
	    N_("Branch"),  N_("Supervisor"), N_("Key file"),
	    N_("Printer"), N_("Centre"),     N_("Checks")};
	char buf[64];
	int i, col = 2, w;

	if (again)
		snprintf(buf, sizeof buf, "%s", _("Esc: set-up menu"));
	else
		/* TRANSLATORS: the set-up wizard's place: "Step 2 of 6". */
		snprintf(buf, sizeof buf, _("Step %d of %d"), step, WIZ_STEPS);
	w = out_width(buf);
	attrset(tui_attr(PAINT_TITLE));
	tui_print(1, COLS - w - 2, w, buf);
	attrset(tui_attr(PAINT_NORMAL));
	move(2, 0);
	clrtoeol();
	for (i = 0; i < WIZ_STEPS && col < COLS - 4; i++) {
		snprintf(buf, sizeof buf, "%d %s", i + 1, _(names[i]));
		w = out_width(buf);
		attrset(
		    tui_attr(i + 1 == (int)step ? PAINT_FOCUS : PAINT_NORMAL));
		tui_print(2, col, COLS - col - 1, buf);
		col += w + 3;
	}
	attrset(tui_attr(PAINT_NORMAL));
	draw_problem();
	(void)t;
}

/* Forget the last error. */
void wizard_clear_problem(void)
{
	problem[0] = '\0';
}

/* The title bar and the step indicator. */
void wizard_frame(struct tui *t, enum wizard_step step, const char *title)
{
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 20, title);
	attrset(tui_attr(PAINT_NORMAL));
	wizard_indicator(t, step);
}

/* Load a step's form once; text fields scroll for long paths. */
void wizard_form_open(struct tui *t, struct tui_form *f, const char *name)
{
	struct cd_error err;
	int i;

	if (f->form != NULL)
		return;
	cd_err_clear(&err);
	if (tui_form_open(f, t->desk->conf.datadir, name, &err) != CD_OK)
		tui_fatal(&err);
	for (i = 0; i < f->def.nfields; i++)
		if (f->def.field[i].kind == FIELD_TEXT) {
			field_opts_off(f->fields[i], O_STATIC);
			set_max_field(f->fields[i], PATH_FIELD_MAX);
		}
	tui_form_clear(f);
}

/* The error on the message line and beside its field. */
void wizard_form_error(struct tui *t, struct tui_form *f,
		       const struct cd_error *err)
{
	int idx = formdef_find(&f->def, err->field);

	if (idx >= 0) { /* the field is marked; the message is below */
		tui_form_focus(f, idx);
		tui_form_note(f, idx, PAINT_ERROR, 1,
			      out_width(err->msg) < COLS - f->def.field[idx].col
				  ? err->msg
				  /* TRANSLATORS: under a field whose error is
				   * too long for the space there. */
				  : _("^ see the message below"));
	}
	snprintf(problem, sizeof problem, "%s", err->msg);
	tui_message(t, PAINT_ERROR, "%s", err->msg);
}

/* Feed a key to a form; 1 for Enter in the last field. */
int wizard_form_key(struct tui *t, struct tui_form *f, wint_t ch, int is_key)
{
	int refused, left;

	if (!is_key && (ch == '\r' || ch == '\n') &&
	    tui_form_current(f) == f->def.nfields - 1)
		return 1;
	left = tui_form_key(f, ch, is_key, &refused);
	if (refused) {
		beep();
		tui_message(t, PAINT_ERROR, "%s", tui_form_refusal(f));
	} else if (left >= 0) {
		tui_form_note(f, left, PAINT_NORMAL, 0, NULL);
	}
	return 0;
}

/* The keys of a step that is one form: F10, Esc, F2 (SAVE), F7 (nothing
 * to test) and typing, with Enter in the last field saving too. */
int wizard_form_step_key(struct tui *t, enum wizard_step step,
			 struct tui_form *f, int (*save)(struct tui *t),
			 enum action act, wint_t ch, int is_key)
{
	switch (act) {
	case ACT_QUIT:
		return wizard_quit(t);
	case ACT_BACK:
		wizard_back(t, step);
		return TUI_HANDLED;
	case ACT_SAVE:
		return save(t);
	case ACT_TEST:
		tui_message(t, PAINT_WARNING, "%s",
			    _("There is nothing to test at this step."));
		return TUI_HANDLED;
	default:
		break;
	}
	if (wizard_form_key(t, f, ch, is_key))
		return save(t);
	return TUI_HANDLED;
}

/* The first step still to do once the branch exists. */
static void first_missing(struct tui *t)
{
	int s;

	for (s = WIZ_KEY; s < WIZ_STEPS; s++)
		if (wizard_missing(t, (enum wizard_step)s))
			break;
	tui_switch(t, step_screen((enum wizard_step)s));
}

/* A new branch starts at step 1; an existing one asks for a supervisor
 * who then finishes what is missing. */
static void wizard_enter(struct tui *t)
{
	struct desk *d = t->desk;
	struct cd_error err;

	again = 0;
	cd_err_clear(&err);
	if (!desk_has_store(d) && access(d->conf.db_path, F_OK) == 0 &&
	    desk_attach(d, &err) != CD_OK)
		tui_fatal(&err);
	if (!desk_has_store(d)) {
		tui_switch(t, &wizard_branch);
		return;
	}
	if (desk_may(d, PERM_SETUP)) {
		first_missing(t);
		return;
	}
	wizard_form_open(t, &form, "wizard-signin");
	tui_form_clear(&form);
}

/* The form and what is going on. */
static void wizard_draw(struct tui *t, int full)
{
	char line[800];

	tui_form_draw(&form, full);
	snprintf(line, sizeof line,
		 _("Branch %s %s is set up in %s, but not completely."),
		 t->desk->branch.exchange_no, t->desk->branch.name,
		 t->desk->conf.db_path);
	tui_print_wrapped(4, 2, COLS - 4, 2, line);
	tui_print_wrapped(6, 2, COLS - 4, 2,
			  _("A supervisor or administrator signs in to go on "
			    "with what is missing; anyone else is sent to the "
			    "usual sign-in."));
	draw_problem();
}

/* Sign in, and go on if the role may set up. */
static int wizard_signin(struct tui *t)
{
	struct desk *d = t->desk;
	char id[64], pw[PASSWD_MAX];
	struct cd_error err;
	int rc;

	tui_form_value(&form, formdef_find(&form.def, "user"), id, sizeof id);
	tui_form_value(&form, formdef_find(&form.def, "password"), pw,
		       sizeof pw);
	cd_err_clear(&err);
	problem[0] = '\0';
	rc = desk_signin(d, id, pw, &err);
	OPENSSL_cleanse(pw, sizeof pw);
	tui_form_set(&form, formdef_find(&form.def, "password"), "");
	if (rc != CD_OK) {
		wizard_form_error(t, &form, &err);
		return TUI_HANDLED;
	}
	if (!desk_may(d, PERM_SETUP)) { /* a teller: work meanwhile */
		memset(&d->user, 0, sizeof d->user);
		tui_form_clear(&form);
		tui_switch(t, &screen_signin);
		tui_message(t, PAINT_WARNING, "%s",
			    _("A supervisor finishes this terminal's set-up; "
			      "meanwhile sign in here."));
		return TUI_HANDLED;
	}
	if (desk_password_due(d) && tui_change_password(t) != 0) {
		memset(&d->user, 0, sizeof d->user);
		return TUI_HANDLED;
	}
	tui_form_clear(&form);
	tui_message(t, PAINT_OK, _("Signed in as %s (%s)."), d->user.name,
		    role_label(d->user.role));
	first_missing(t);
	return TUI_HANDLED;
}

/* Keys of the sign-in form. */
static int wizard_key_fn(struct tui *t, enum action act, wint_t ch, int is_key)
{
	if (act == ACT_QUIT)
		return wizard_quit(t);
	if (act == ACT_BACK || act == ACT_TEST)
		return TUI_HANDLED;
	if (act == ACT_SAVE || wizard_form_key(t, &form, ch, is_key))
		return wizard_signin(t);
	return TUI_HANDLED;
}

/* Leave the cursor in the form. */
static void wizard_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen screen_wizard = {
    .name = "wizard",
    .id = SCR_WIZARD,
    .has_form = 1,
    .enter = wizard_enter,
    .draw = wizard_draw,
    .key = wizard_key_fn,
    .place_cursor = wizard_cursor,
};
