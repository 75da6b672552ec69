/* screen-printers.c - choosing this terminal's printer from the CUPS
 * destinations (supervisors): queue, state, profile; Enter chooses. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "print.h"
#include "spool.h"
#include "tui.h"

static struct spool_dest *dests;
static int ndests, selected;
static char problem[512]; /* CUPS could not be asked, and why */

/* Ask CUPS for the destinations again. */
static void printers_enter(struct tui *t)
{
	struct cd_error err;
	int i;

	(void)t;
	free(dests);
	dests = NULL;
	ndests = selected = 0;
	problem[0] = '\0';
	cd_err_clear(&err);
	if (spool_list(&dests, &ndests, &err) != CD_OK)
		snprintf(problem, sizeof problem, "%s", err.msg);
	for (i = 0; i < ndests; i++)
		if (strcmp(dests[i].name, t->desk->conf.printer) == 0)
			selected = i;
}

/* The queues, the chosen one marked. */
static void printers_draw(struct tui *t, int full)
{
	const struct conf *c = &t->desk->conf;
	int i, row = 5, col;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 4,
		  _("Printers: choose this terminal's printer"));
	attrset(tui_attr(PAINT_NORMAL));
	tui_print(2, 2, COLS - 4,
		  c->printer[0] ? c->printer
				: _("No printer is set for this terminal."));
	col = tui_cell(4, 2, 2, "", 0);
	col = tui_cell(4, col, 20, _("Queue"), 0);
	col = tui_cell(4, col, 16, _("State"), 0);
	tui_cell(4, col, COLS - col - 1, _("Make and model"), 0);
	if (problem[0]) {
		attrset(tui_attr(PAINT_ERROR));
		tui_print_wrapped(row, 2, COLS - 4, 4, problem);
		attrset(tui_attr(PAINT_NORMAL));
		return;
	}
	if (ndests == 0)
		tui_print(row, 4, COLS - 6,
			  _("CUPS has no printer queues. Add the passbook "
			    "printer in CUPS as a raw queue first."));
	for (i = 0; i < ndests && row < LINES - 4; i++, row++) {
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
	tui_print(LINES - 3, 1, COLS - 2,
		  _("Up and Down choose, Enter makes it this terminal's "
		    "printer, Esc goes back."));
}

/* Use the selected queue; the profile comes from its make and model or
 * stays as configured. */
static void use_selected(struct tui *t)
{
	const char *keep = t->desk->conf.printer_profile[0]
			       ? t->desk->conf.printer_profile
			       : NULL;
	char profile[64], keep_buf[64];
	struct cd_error err;

	if (keep) { /* a copy: print_use_printer rewrites the setting */
		snprintf(keep_buf, sizeof keep_buf, "%s", keep);
		keep = keep_buf;
	}
	cd_err_clear(&err);
	if (print_use_printer(t->desk, dests[selected].name, NULL, profile,
			      &err) != CD_OK &&
	    (keep == NULL || print_use_printer(t->desk, dests[selected].name,
					       keep, profile, &err) != CD_OK)) {
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return;
	}
	tui_message(t, PAINT_OK,
		    _("This terminal now prints on %s (profile %s)."),
		    dests[selected].name, profile);
}

/* Arrows, Enter, Esc. */
static int printers_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	if (act == ACT_UP && selected > 0)
		selected--;
	else if (act == ACT_DOWN && selected + 1 < ndests)
		selected++;
	else if (act == ACT_BACK)
		tui_switch(t, &screen_menu);
	else if (!is_key && (ch == '\r' || ch == '\n') && ndests > 0)
		use_selected(t);
	return TUI_HANDLED;
}

const struct screen screen_printers = {
    .name = "printers",
    .id = SCR_PRINTERS,
    .has_form = 0,
    .enter = printers_enter,
    .draw = printers_draw,
    .key = printers_key,
    .place_cursor = NULL,
};
