/* screen-admin.c - the administrator's set-up menu (supervisors and
 * administrators): the branch, read-only; the bank directory import; and
 * the key, printer, centre and checks steps of the wizard again. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk-read.h"
#include "i18n.h"
#include "keyfile.h"
#include "screen-wizard.h"
#include "tui-popup.h"

/* What an entry does. */
enum what { DO_BANKS, DO_STEP };

static const struct entry {
	char key;
	enum what what;
	enum wizard_step step;
	const char *label; /* N_() */
} entries[] = {
    {'1', DO_BANKS, WIZ_BRANCH, N_("Bank directory: import a CSV file")},
    {'2', DO_STEP, WIZ_KEY, N_("Branch key: new, import, backup")},
    {'3', DO_STEP, WIZ_PRINTER, N_("Printer: choose and test")},
    {'4', DO_STEP, WIZ_CENTRE, N_("Clearing centre: address, test")},
    {'5', DO_STEP, WIZ_DOCTOR, N_("Check everything")},
};
#define NENTRIES (int)(sizeof entries / sizeof entries[0])

static int selected;
static char state[NENTRIES][320]; /* each entry's state, shown beside */
static int banks_active;

/* Count the active banks. */
static int count_bank(const struct bank *b, void *ctx)
{
	(void)ctx;
	if (b->active)
		banks_active++;
	return 0;
}

/* What is set up now, beside each entry. */
static void read_state(struct tui *t)
{
	const struct conf *c = &t->desk->conf;
	struct keyfile_info k;
	struct cd_error err;
	char groups[96];

	memset(state, 0, sizeof state);
	cd_err_clear(&err);
	banks_active = 0;
	if (desk_bank_list(t->desk, count_bank, NULL, &err) == CD_OK)
		snprintf(state[0], sizeof state[0],
			 P_("%d bank", "%d banks", banks_active), banks_active);
	if (keyfile_inspect(t->desk, &k, &err) == CD_OK && k.exists) {
		keyfile_fp_groups(k.fingerprint[0] ? k.fingerprint : "?",
				  groups, sizeof groups);
		snprintf(state[1], sizeof state[1], "%.9s...", groups);
	} else {
		snprintf(state[1], sizeof state[1], "%s", _("none"));
	}
	if (c->printer[0])
		snprintf(state[2], sizeof state[2], "%s (%s)", c->printer,
			 c->printer_profile[0] ? c->printer_profile
					       : _("by make and model"));
	else
		snprintf(state[2], sizeof state[2], "%s", _("none"));
	snprintf(state[3], sizeof state[3], "%s",
		 c->centre_url[0] ? c->centre_url : _("not set"));
}

/* Read the state; the selection stays where it was. */
static void admin_enter(struct tui *t)
{
	read_state(t);
}

/* The branch, the entries with their state, the hint about users. */
static void admin_draw(struct tui *t, int full)
{
	const struct desk *d = t->desk;
	char line[256];
	int i, row = 7;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 4, _("Set-up: branch, key, printer, centre"));
	attrset(tui_attr(PAINT_NORMAL));
	snprintf(line, sizeof line, _("Branch %s %s"), d->branch.exchange_no,
		 d->branch.name);
	tui_print(3, 2, COLS - 4, line);
	tui_print_wrapped(4, 2, COLS - 4, 2,
			  _("The branch number cannot change once items are "
			    "registered: a new number is a new branch."));
	for (i = 0; i < NENTRIES; i++, row += 2) {
		attrset(tui_attr(i == selected ? PAINT_FOCUS : PAINT_NORMAL));
		mvhline(row, 4, ' ', 40);
		mvaddch(row, 5, (chtype)entries[i].key);
		tui_print(row, 8, 35, _(entries[i].label));
		attrset(tui_attr(PAINT_NORMAL));
		tui_print(row, 46, COLS - 47, state[i]);
	}
	tui_print_wrapped(LINES - 6, 2, COLS - 4, 2,
			  _("Users are managed on the command line: "
			    "chequedesk user add, user reset, user unlock, "
			    "user signout (--help with each)."));
	tui_print(LINES - 3, 1, COLS - 2,
		  _("Type the number or use the arrows and Enter; Esc goes "
		    "back to the main menu."));
}

/* Import the bank directory from a CSV file (the bundled one when
 * nothing is typed), with a supervisor's authorisation if asked for. */
static void import_banks(struct tui *t)
{
	struct desk *d = t->desk;
	char path[512], question[700], *bundled = NULL;
	const char *base;
	int added, changed, closed, rc;
	struct cd_error err;

	tui_prompt(t, _("Bank directory file (Enter: bundled):"), path,
		   sizeof path);
	if (path[0] == '\0') {
		bundled = conf_data_file(&d->conf, "banks.csv");
		snprintf(path, sizeof path, "%s", bundled ? bundled : "");
		free(bundled);
	}
	base = strrchr(path, '/');
	snprintf(question, sizeof question,
		 _("Import %s? Banks it does not list become inactive. (y/n)"),
		 base ? base + 1 : path);
	if (!tui_confirm(t, question)) {
		tui_message(t, PAINT_WARNING, "%s", _("Nothing was imported."));
		return;
	}
	cd_err_clear(&err);
	rc = desk_import_banks(d, path, &added, &changed, &closed, &err);
	if (rc != CD_OK && strcmp(err.field, "authorise") == 0 &&
	    tui_authorise(t, &err)) {
		cd_err_clear(&err);
		rc =
		    desk_import_banks(d, path, &added, &changed, &closed, &err);
	}
	desk_authorise_end(d);
	if (rc != CD_OK)
		tui_message(t, PAINT_ERROR, "%s", err.msg);
	else
		tui_message(t, PAINT_OK,
			    _("Bank directory %s: %d added, %d changed, %d "
			      "made inactive."),
			    path, added, changed, closed);
	read_state(t);
}

/* Carry out entry I. */
static int admin_do(struct tui *t, int i)
{
	selected = i;
	t->msg[0] = '\0';
	if (entries[i].what == DO_BANKS)
		import_banks(t);
	else
		wizard_again(t, entries[i].step);
	return TUI_HANDLED;
}

/* Arrows, digits, Enter, Esc. */
static int admin_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	int i;

	if (act == ACT_UP && selected > 0)
		selected--;
	else if (act == ACT_DOWN && selected + 1 < NENTRIES)
		selected++;
	else if (act == ACT_BACK)
		tui_switch(t, &screen_menu);
	else if (!is_key && (ch == '\r' || ch == '\n'))
		return admin_do(t, selected);
	else
		for (i = 0; !is_key && i < NENTRIES; i++)
			if ((wint_t)entries[i].key == ch)
				return admin_do(t, i);
	return TUI_HANDLED;
}

const struct screen screen_admin = {
    .name = "admin",
    .id = SCR_ADMIN,
    .has_form = 0,
    .enter = admin_enter,
    .draw = admin_draw,
    .key = admin_key,
    .place_cursor = NULL,
};
