/* screen-wizard-user.c - set-up step 2: the first supervisor. Saving it
 * creates the branch's database (desk_init) with the branch of step 1,
 * signs the supervisor in and imports the bank directory chosen there. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "desk-read.h"
#include "i18n.h"
#include "passwd.h"
#include "screen-wizard.h"

static struct tui_form form;

/* Load the form. */
static void user_enter(struct tui *t)
{
	wizard_form_open(t, &form, "wizard-user");
}

/* The form, the password rules and what step 1 chose. */
static void user_draw(struct tui *t, int full)
{
	const struct wizard_branch_input *in = wizard_input();
	const struct passwd_rules *r = &t->desk->conf.pw_rules;
	char line[700];

	tui_form_draw(&form, full);
	snprintf(line, sizeof line,
		 _("A password needs at least %d characters of %d kinds "
		   "(letters, digits, others)."),
		 r->min_length, r->min_classes);
	tui_print_wrapped(13, 2, COLS - 4, 1, line);
	snprintf(line, sizeof line, _("Branch %s %s; bank directory: %s."),
		 in->number, in->name,
		 in->banks[0] ? in->banks : _("the bundled one"));
	tui_print_wrapped(14, 2, COLS - 4, 1, line);
	tui_print_wrapped(16, 2, COLS - 4, 2,
			  _("F2 creates the branch's database with this "
			    "supervisor, who carries on with the set-up. "
			    "Esc goes back to the branch."));
	wizard_indicator(t, WIZ_USER); /* last: it shows errors whole */
}

/* Open the new database and sign the supervisor in. */
static int open_branch(struct desk *d, const char *id, const char *pw,
		       struct cd_error *err)
{
	if (desk_attach(d, err) != CD_OK)
		return err->status;
	return desk_signin(d, id, pw, err);
}

/* Import the bank directory step 1 named, if any. */
static void import_banks(struct tui *t)
{
	const char *path = wizard_input()->banks;
	int added, changed, closed;
	struct cd_error err;

	if (path[0] == '\0')
		return;
	cd_err_clear(&err);
	if (desk_import_banks(t->desk, path, &added, &changed, &closed, &err) !=
	    CD_OK)
		tui_message(t, PAINT_WARNING,
			    _("The branch is created, but the bank directory "
			      "was not imported: %s Import it later from the "
			      "set-up menu."),
			    err.msg);
	else
		tui_message(t, PAINT_OK,
			    _("The branch is created. Bank directory %s: %d "
			      "added, %d changed, %d made inactive."),
			    path, added, changed, closed);
	desk_authorise_end(t->desk);
}

/* Create the branch, sign in, go on. */
static int user_save(struct tui *t)
{
	const struct wizard_branch_input *b = wizard_input();
	struct desk *d = t->desk;
	char id[64], name[256], pw[PASSWD_MAX], pw2[PASSWD_MAX];
	struct init_input in;
	struct cd_error err;
	int rc, pwi = formdef_find(&form.def, "password"),
		again = formdef_find(&form.def, "again");

	tui_form_value(&form, formdef_find(&form.def, "user"), id, sizeof id);
	tui_form_value(&form, formdef_find(&form.def, "name"), name,
		       sizeof name);
	tui_form_value(&form, pwi, pw, sizeof pw);
	tui_form_value(&form, again, pw2, sizeof pw2);
	tui_form_clear_notes(&form);
	wizard_clear_problem();
	cd_err_clear(&err);
	if (strcmp(pw, pw2) != 0) {
		cd_err(&err, CD_EINVAL, "password",
		       _("The two passwords differ. Type the password twice "
			 "again."));
		rc = err.status;
	} else {
		memset(&in, 0, sizeof in);
		in.branch_no = b->number;
		in.branch_name = b->name;
		in.supervisor_id = id;
		in.supervisor_name = name;
		in.password = pw;
		/* desk_init loads the settings itself: there may be no file
		 * yet, which it is not asked to read then */
		rc = desk_init(access(d->conf.config_path, F_OK) == 0
				   ? d->conf.config_path
				   : "/dev/null",
			       d->conf.db_path, &in, &err);
		if (rc == CD_OK)
			rc = open_branch(d, id, pw, &err);
	}
	OPENSSL_cleanse(pw, sizeof pw);
	OPENSSL_cleanse(pw2, sizeof pw2);
	tui_form_set(&form, pwi, "");
	tui_form_set(&form, again, "");
	if (rc != CD_OK) {
		wizard_form_error(t, &form, &err);
		if (desk_has_store(d)) /* created: sign in to go on */
			tui_switch(t, &screen_wizard);
		return TUI_HANDLED;
	}
	tui_form_clear(&form);
	tui_message(t, PAINT_OK,
		    _("Branch %s %s is created; %s is signed in as its "
		      "supervisor."),
		    d->branch.exchange_no, d->branch.name, d->user.id);
	import_banks(t);
	wizard_done(t, WIZ_USER);
	return TUI_HANDLED;
}

/* Keys: the form, F2, Esc and F10. */
static int user_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	return wizard_form_step_key(t, WIZ_USER, &form, user_save, act, ch,
				    is_key);
}

/* Leave the cursor in the form. */
static void user_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen wizard_user = {
    .name = "wizard-user",
    .id = SCR_WIZARD,
    .has_form = 1,
    .enter = user_enter,
    .draw = user_draw,
    .key = user_key,
    .place_cursor = user_cursor,
};
