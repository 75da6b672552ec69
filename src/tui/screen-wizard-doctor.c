/* screen-wizard-doctor.c - set-up step 6: every check of "chequedesk
 * doctor" with its status in colour, the selected one's details and fix
 * below; F7 checks again, F2 finishes the set-up. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "doctor.h"
#include "i18n.h"
#include "screen-wizard.h"

#define MAX_RESULTS 64
#define FIRST_ROW 5  /* the first check's row */
#define LIST_ROWS 10 /* checks shown at once */
#define DETAIL_ROW (FIRST_ROW + LIST_ROWS + 1)

static struct doctor_result results[MAX_RESULTS];
static int nresults, failed, warned, selected, top;

/* Keep one result. */
static void collect(const struct doctor_result *r, void *ctx)
{
	(void)ctx;
	if (nresults < MAX_RESULTS)
		results[nresults++] = *r;
}

/* Run every check; the first failure (or warning) is selected. */
static void run_checks(struct tui *t)
{
	struct doctor_opts o;
	int i;

	memset(&o, 0, sizeof o);
	o.config_opt = t->desk->conf.config_path;
	o.db_opt = t->desk->conf.db_path;
	o.access_code = wizard_code();
	tui_message(t, PAINT_WARNING, "%s",
		    _("Checking the settings, the database, the key, the "
		      "printer and the centre..."));
	tui_show_message(t);
	nresults = warned = selected = top = 0;
	failed = doctor_run(&o, collect, NULL);
	for (i = nresults - 1; i >= 0; i--)
		if (results[i].status == DOCTOR_WARN) {
			warned++;
			selected = i;
		}
	for (i = nresults - 1; i >= 0; i--)
		if (results[i].status == DOCTOR_FAIL)
			selected = i;
	if (selected >= LIST_ROWS)
		top = selected - LIST_ROWS + 1;
	t->msg[0] = '\0';
}

/* Run the checks as the step starts. */
static void doctor_enter(struct tui *t)
{
	run_checks(t);
}

/* A group's name for the screen (GROUP is a fixed English id). */
static const char *group_label(const char *group)
{
	static const struct {
		const char *id, *label; /* label: N_() */
	} groups[] = {
	    {"config", N_("settings")}, {"database", N_("database")},
	    {"key", N_("key")},		{"printer", N_("printer")},
	    {"centre", N_("centre")},	{"locale", N_("language")},
	};
	size_t i;

	for (i = 0; group && i < sizeof groups / sizeof groups[0]; i++)
		if (strcmp(group, groups[i].id) == 0)
			return _(groups[i].label);
	return group ? group : "";
}

/* A status in words, and its colour. */
static const char *status_word(enum doctor_status s, enum tui_paint *role)
{
	switch (s) {
	case DOCTOR_OK:
		*role = PAINT_OK;
		/* TRANSLATORS: a check's status on the set-up's last step. */
		return _("ok");
	case DOCTOR_WARN:
		*role = PAINT_WARNING;
		return _("warning");
	case DOCTOR_FAIL:
		*role = PAINT_ERROR;
		return _("FAILED");
	default:
		*role = PAINT_NORMAL;
		return _("skipped");
	}
}

/* The summary: all good, or how many failed. */
static void draw_summary(void)
{
	char line[256];

	if (failed == 0 && warned == 0) {
		attrset(tui_attr(PAINT_OK));
		snprintf(line, sizeof line,
			 _("Everything is ready: %d checks, none failed."),
			 nresults);
	} else if (failed == 0) {
		attrset(tui_attr(PAINT_WARNING));
		snprintf(line, sizeof line,
			 P_("Ready, with %d warning: see below.",
			    "Ready, with %d warnings: see below.", warned),
			 warned);
	} else {
		attrset(tui_attr(PAINT_ERROR));
		snprintf(line, sizeof line,
			 P_("%d check failed: the fix is shown below it.",
			    "%d checks failed: the fix is shown below each.",
			    failed),
			 failed);
	}
	tui_print(3, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
}

/* The selected check's details and fix, wrapped. */
static void draw_detail(void)
{
	const struct doctor_result *r = &results[selected];
	char line[700];
	int row = DETAIL_ROW;

	if (nresults == 0)
		return;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(row, 0, ' ', COLS);
	snprintf(line, sizeof line, "%s: %s", group_label(r->group), r->what);
	tui_print(row++, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
	row += tui_print_wrapped(row, 2, COLS - 4, 2, r->detail);
	if (r->fix[0]) {
		snprintf(line, sizeof line, _("Fix: %s"), r->fix);
		attrset(tui_attr(PAINT_WARNING));
		tui_print_wrapped(row, 2, COLS - 4, LINES - 3 - row, line);
		attrset(tui_attr(PAINT_NORMAL));
	}
}

/* The list of checks, the summary and the selected check. */
static void doctor_draw(struct tui *t, int full)
{
	enum tui_paint role;
	const char *word;
	int i, row = FIRST_ROW, col;

	(void)full;
	wizard_frame(t, WIZ_DOCTOR, _("Set-up: checking everything"));
	draw_summary();
	for (i = top; i < nresults && i < top + LIST_ROWS; i++, row++) {
		word = status_word(results[i].status, &role);
		if (i == selected) {
			attrset(tui_attr(PAINT_FOCUS));
			mvhline(row, 1, ' ', COLS - 2);
			tui_print(row, 1, 1, ">");
		}
		attrset(tui_attr(role));
		col = tui_cell(row, 2, 9, word, 0);
		attrset(tui_attr(i == selected ? PAINT_FOCUS : PAINT_NORMAL));
		col = tui_cell(row, col, 10, group_label(results[i].group), 0);
		col = tui_cell(row, col, 20, results[i].what, 0);
		tui_cell(row, col, COLS - col - 1, results[i].detail, 0);
		attrset(tui_attr(PAINT_NORMAL));
	}
	if (top > 0)
		tui_print(FIRST_ROW - 1, COLS - 4, 3, "^");
	if (top + LIST_ROWS < nresults)
		tui_print(FIRST_ROW + LIST_ROWS, COLS - 4, 3, "v");
	draw_detail();
	tui_print(LINES - 3, 1, COLS - 2,
		  wizard_is_again()
		      ? _("Up and Down show a check; F7 checks again; F2 "
			  "goes back to the set-up menu.")
		      : _("Up and Down show a check; F7 checks again; F2 "
			  "finishes the set-up."));
}

/* F2: the end of the set-up; the supervisor signs in to work. */
static int doctor_finish(struct tui *t)
{
	struct desk *d = t->desk;

	if (failed > 0 &&
	    !tui_confirm(t, _("Some checks failed. Finish anyway (the set-up "
			      "menu checks again)? (y/n)")))
		return TUI_HANDLED;
	if (wizard_is_again()) {
		wizard_done(t, WIZ_DOCTOR);
		return TUI_HANDLED;
	}
	wizard_forget_code();
	if (d->session)
		desk_session_end(d, "signed-out");
	memset(&d->user, 0, sizeof d->user);
	tui_switch(t, &screen_signin);
	tui_message(t, PAINT_OK, "%s",
		    failed ? _("The set-up is finished, with checks still "
			       "failing. Sign in to go on.")
			   : _("The branch is set up. Sign in to start "
			       "work."));
	return TUI_HANDLED;
}

/* Up, Down, F7, F2, Enter, Esc, F10. */
static int doctor_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	switch (act) {
	case ACT_QUIT:
		return wizard_quit(t);
	case ACT_BACK:
		wizard_back(t, WIZ_DOCTOR);
		return TUI_HANDLED;
	case ACT_SAVE:
		return doctor_finish(t);
	case ACT_TEST:
		run_checks(t);
		return TUI_HANDLED;
	case ACT_UP:
		if (selected > 0)
			selected--;
		break;
	case ACT_DOWN:
		if (selected + 1 < nresults)
			selected++;
		break;
	default:
		if (!is_key && (ch == '\r' || ch == '\n'))
			return doctor_finish(t);
		return TUI_HANDLED;
	}
	if (selected < top)
		top = selected;
	else if (selected >= top + LIST_ROWS)
		top = selected - LIST_ROWS + 1;
	return TUI_HANDLED;
}

const struct screen wizard_doctor = {
    .name = "wizard-doctor",
    .id = SCR_WIZARD,
    .has_form = 0,
    .enter = doctor_enter,
    .draw = doctor_draw,
    .key = doctor_key,
    .place_cursor = NULL,
};
