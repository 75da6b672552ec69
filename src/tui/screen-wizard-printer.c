/* screen-wizard-printer.c - set-up step 4: the counter's passbook printer:
 * a queue from the CUPS list (arrows), the printer's profile (matched by
 * make and model, or chosen), a test print, and keeping it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "print.h"
#include "profile.h"
#include "screen-wizard.h"
#include "spool.h"

#define FIRST_ROW 6 /* the first queue's row */
#define LIST_ROWS 8 /* queues shown at once */

static struct spool_dest *dests;
static int ndests, selected, top;
static struct profile *profiles;
static int nprofiles, chosen; /* chosen: index into profiles, or -1 */
static char problem[512];     /* CUPS could not be asked, and why */
static char result[600];      /* what the last test print did */
static enum tui_paint result_role;

/* The profile for the selected queue: its match, else none. */
static void match_profile(struct tui *t)
{
	const struct profile *p;

	chosen = -1;
	if (ndests == 0)
		return;
	p = print_profile_match(&t->desk->conf, dests[selected].name,
				dests[selected].make_model, profiles,
				nprofiles);
	if (p != NULL)
		chosen = (int)(p - profiles);
}

/* Ask CUPS for its queues and read the profiles. */
static void printer_enter(struct tui *t)
{
	const struct conf *c = &t->desk->conf;
	struct cd_error err;
	char **dirs;
	int i;

	free(dests);
	profile_free_all(profiles, nprofiles);
	dests = NULL;
	profiles = NULL;
	ndests = nprofiles = selected = top = 0;
	problem[0] = result[0] = '\0';
	cd_err_clear(&err);
	if (spool_list(&dests, &ndests, &err) != CD_OK)
		snprintf(problem, sizeof problem, "%s", err.msg);
	dirs = conf_profile_dirs(c);
	if (dirs != NULL) {
		profile_load_all((const char *const *)dirs, &profiles,
				 &nprofiles, &err);
		conf_free_dirs(dirs);
	}
	for (i = 0; i < ndests; i++)
		if (c->printer[0] ? strcmp(dests[i].name, c->printer) == 0
				  : dests[i].is_default)
			selected = i;
	if (selected >= LIST_ROWS)
		top = selected - LIST_ROWS + 1;
	match_profile(t);
}

/* The queues, the profile and the last test. */
static void printer_draw(struct tui *t, int full)
{
	const struct conf *c = &t->desk->conf;
	char line[700];
	int i, row = FIRST_ROW, col;

	(void)full;
	wizard_frame(t, WIZ_PRINTER, _("Set-up: the counter's printer"));
	tui_print(3, 2, COLS - 4,
		  c->printer[0]
		      ? c->printer
		      : _("No printer is set for this terminal yet."));
	col = tui_cell(5, 2, 2, "", 0);
	col = tui_cell(5, col, 20, _("Queue"), 0);
	col = tui_cell(5, col, 16, _("State"), 0);
	tui_cell(5, col, COLS - col - 1, _("Make and model"), 0);
	if (problem[0]) {
		attrset(tui_attr(PAINT_ERROR));
		tui_print_wrapped(FIRST_ROW, 2, COLS - 4, 4, problem);
		attrset(tui_attr(PAINT_NORMAL));
	} else if (ndests == 0) {
		tui_print_wrapped(FIRST_ROW, 4, COLS - 6, 3,
				  _("CUPS has no printer queues. Add the "
				    "passbook printer in CUPS as a raw queue "
				    "(lpadmin -p NAME -E -v DEVICE-URI), "
				    "then come back to this step."));
	}
	for (i = top; i < ndests && i < top + LIST_ROWS; i++, row++) {
		attrset(tui_attr(i == selected ? PAINT_FOCUS : PAINT_NORMAL));
		mvhline(row, 1, ' ', COLS - 2);
		col = tui_cell(
		    row, 2, 2,
		    strcmp(dests[i].name, c->printer) == 0 ? "*" : "", 0);
		col = tui_cell(row, col, 20, dests[i].name, 0);
		col = tui_cell(row, col, 16, spool_state_label(&dests[i]), 0);
		tui_cell(row, col, COLS - col - 1, dests[i].make_model, 0);
	}
	attrset(tui_attr(PAINT_NORMAL));
	row = FIRST_ROW + LIST_ROWS + 1;
	if (ndests > 0) {
		if (chosen >= 0)
			snprintf(line, sizeof line, _("Profile: < %s > %s"),
				 profiles[chosen].id, profiles[chosen].name);
		else
			snprintf(line, sizeof line, "%s",
				 _("Profile: none matches this queue; choose "
				   "one with Left and Right."));
		attrset(tui_attr(chosen >= 0 ? PAINT_NORMAL : PAINT_WARNING));
		tui_print(row, 2, COLS - 4, line);
		attrset(tui_attr(PAINT_NORMAL));
	}
	if (result[0]) {
		attrset(tui_attr(result_role));
		tui_print_wrapped(row + 1, 2, COLS - 4, 2, result);
		attrset(tui_attr(PAINT_NORMAL));
	}
	tui_print(LINES - 3, 1, COLS - 2,
		  _("Arrows choose queue and profile; Enter or F7 prints a "
		    "test line; F2 goes on."));
}

/* While CUPS works: a count on the message line. */
static void test_tick(void *ctx, int seconds)
{
	struct tui *t = ctx;

	tui_message(t, PAINT_WARNING, _("Printing a test line... %d s"),
		    seconds);
	tui_show_message(t);
}

/* Keep the tested queue and profile as this terminal's printer. */
static int keep(struct tui *t, const char *queue, const char *profile)
{
	struct cd_error err;
	char used[64];

	cd_err_clear(&err);
	if (print_use_printer(t->desk, queue, profile, used, &err) != CD_OK) {
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return -1;
	}
	tui_message(t, PAINT_OK,
		    _("This terminal now prints on %s (profile %s)."), queue,
		    used);
	return 0;
}

/* Enter or F7: a test line on the selected queue, then keep it if it
 * printed well. */
static int test_print(struct tui *t)
{
	struct print_result r;
	struct print_opts o;
	struct cd_error err;

	if (ndests == 0) {
		tui_message(t, PAINT_ERROR, "%s",
			    _("There is no printer queue to test."));
		return TUI_HANDLED;
	}
	if (chosen < 0) {
		tui_message(t, PAINT_ERROR, "%s",
			    _("Choose the printer's profile first with Left "
			      "and Right (docs/printers.md tells how to add "
			      "one)."));
		return TUI_HANDLED;
	}
	memset(&o, 0, sizeof o);
	o.queue = dests[selected].name;
	o.profile = profiles[chosen].id;
	o.tick = test_tick;
	o.ctx = t;
	cd_err_clear(&err);
	test_tick(t, 0);
	if (print_test(t->desk, &o, &r, &err) != CD_OK) {
		snprintf(result, sizeof result, "%s", err.msg);
		result_role = PAINT_ERROR;
		tui_message(t, PAINT_ERROR, "%s",
			    _("The test line was not printed."));
		return TUI_HANDLED;
	}
	snprintf(result, sizeof result,
		 _("A test line went to %s (job %d, profile %s)."), r.queue,
		 r.job_id, r.profile);
	result_role = PAINT_OK;
	t->msg[0] = '\0';
	if (!tui_confirm(t, _("Did it print cleanly, every digit inside the "
			      "clear band? (y/n)"))) {
		tui_message(t, PAINT_WARNING, "%s",
			    _("Check the paper and the printer's settings, or "
			      "choose another profile or queue, then test "
			      "again."));
		return TUI_HANDLED;
	}
	if (keep(t, r.queue, r.profile) == 0)
		wizard_done(t, WIZ_PRINTER);
	return TUI_HANDLED;
}

/* F2: go on, asking first when no printer is set. */
static int printer_next(struct tui *t)
{
	if (t->desk->conf.printer[0] == '\0' &&
	    !tui_confirm(t, _("Go on without a printer? No cheque can be "
			      "printed until one is set. (y/n)")))
		return TUI_HANDLED;
	wizard_done(t, WIZ_PRINTER);
	return TUI_HANDLED;
}

/* Arrows, Left/Right, Enter, F7, F2, Esc, F10. */
static int printer_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	switch (act) {
	case ACT_QUIT:
		return wizard_quit(t);
	case ACT_BACK:
		wizard_back(t, WIZ_PRINTER);
		return TUI_HANDLED;
	case ACT_SAVE:
		return printer_next(t);
	case ACT_TEST:
		return test_print(t);
	case ACT_UP:
	case ACT_DOWN:
		if (act == ACT_UP && selected > 0)
			selected--;
		else if (act == ACT_DOWN && selected + 1 < ndests)
			selected++;
		if (selected < top)
			top = selected;
		else if (selected >= top + LIST_ROWS)
			top = selected - LIST_ROWS + 1;
		result[0] = '\0';
		match_profile(t);
		return TUI_HANDLED;
	default:
		break;
	}
	if (is_key && (ch == KEY_LEFT || ch == KEY_RIGHT) && nprofiles > 0) {
		if (chosen < 0)
			chosen = ch == KEY_RIGHT ? 0 : nprofiles - 1;
		else
			chosen =
			    (chosen + (ch == KEY_RIGHT ? 1 : -1) + nprofiles) %
			    nprofiles;
		result[0] = '\0';
	} else if (!is_key && (ch == '\r' || ch == '\n')) {
		return test_print(t);
	}
	return TUI_HANDLED;
}

const struct screen wizard_printer = {
    .name = "wizard-printer",
    .id = SCR_WIZARD,
    .has_form = 0,
    .enter = printer_enter,
    .draw = printer_draw,
    .key = printer_key,
    .place_cursor = NULL,
};
