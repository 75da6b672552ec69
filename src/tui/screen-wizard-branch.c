/* screen-wizard-branch.c - set-up step 1: the branch's exchange number and
 * name, and its bank directory (the bundled one, or a CSV file). Nothing
 * is saved yet: step 2 creates the branch with its first supervisor. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeline.h"
#include "directory.h"
#include "i18n.h"
#include "model.h"
#include "screen-wizard.h"
#include "text.h"

static struct tui_form form;
static char bundled[700]; /* what the bundled directory holds */

/* Load the form; say what the bundled directory holds. */
static void branch_enter(struct tui *t)
{
	struct bank *banks = NULL;
	struct cd_error err;
	char *path;
	size_t n = 0;

	wizard_form_open(t, &form, "wizard-branch");
	path = conf_data_file(&t->desk->conf, "banks.csv");
	cd_err_clear(&err);
	if (path != NULL &&
	    directory_read_banks(path, &banks, &n, &err) == CD_OK)
		snprintf(bundled, sizeof bundled,
			 P_("An empty bank directory file means the one "
			    "shipped with chequedesk: %s, %zu bank.",
			    "An empty bank directory file means the one "
			    "shipped with chequedesk: %s, %zu banks.",
			    n),
			 path, n);
	else
		snprintf(bundled, sizeof bundled, "%s", err.msg);
	free(banks);
	free(path);
}

/* The form, and where things will be kept. */
static void branch_draw(struct tui *t, int full)
{
	const struct conf *c = &t->desk->conf;
	char line[700];
	int row = 12;

	tui_form_draw(&form, full);
	row += tui_print_wrapped(row, 2, COLS - 4, 2, bundled);
	snprintf(line, sizeof line, _("The database will be %s."), c->db_path);
	row += tui_print_wrapped(row + 1, 2, COLS - 4, 1, line) + 1;
	snprintf(line, sizeof line, _("The settings will be in %s."),
		 c->config_path);
	tui_print_wrapped(row, 2, COLS - 4, 1, line);
	wizard_indicator(t, WIZ_BRANCH); /* last: it shows errors whole */
}

/* Check the fields; keep them for step 2. */
static int branch_save(struct tui *t)
{
	struct wizard_branch_input *in = wizard_input();
	struct bank *banks = NULL;
	struct cd_error err;
	char number[64], name[256], path[512];
	size_t n = 0;

	tui_form_value(&form, formdef_find(&form.def, "branch"), number,
		       sizeof number);
	tui_form_value(&form, formdef_find(&form.def, "name"), name,
		       sizeof name);
	tui_form_value(&form, formdef_find(&form.def, "banks"), path,
		       sizeof path);
	tui_form_clear_notes(&form);
	wizard_clear_problem();
	cd_err_clear(&err);
	if (codeline_check_digits(number, 1, CODELINE_BANK_MAX, "branch",
				  _("branch exchange number"), &err) != CD_OK ||
	    text_check(name, 1, NAME_MAX_CHARS, NAME_MAX_BYTES, "name",
		       _("branch name"), &err) != CD_OK) {
		wizard_form_error(t, &form, &err);
		return TUI_HANDLED;
	}
	if (path[0] && directory_read_banks(path, &banks, &n, &err) != CD_OK) {
		snprintf(err.field, sizeof err.field, "banks");
		wizard_form_error(t, &form, &err);
		return TUI_HANDLED;
	}
	free(banks);
	snprintf(in->number, sizeof in->number, "%s", number);
	snprintf(in->name, sizeof in->name, "%s", name);
	snprintf(in->banks, sizeof in->banks, "%s", path);
	t->msg[0] = '\0';
	wizard_done(t, WIZ_BRANCH);
	return TUI_HANDLED;
}

/* Keys: the form, F2, Esc and F10. */
static int branch_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	return wizard_form_step_key(t, WIZ_BRANCH, &form, branch_save, act, ch,
				    is_key);
}

/* Leave the cursor in the form. */
static void branch_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen wizard_branch = {
    .name = "wizard-branch",
    .id = SCR_WIZARD,
    .has_form = 1,
    .enter = branch_enter,
    .draw = branch_draw,
    .key = branch_key,
    .place_cursor = branch_cursor,
};
