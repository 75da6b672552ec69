/* screen-report.c - the day's report for supervisors: the same text as
 * "chequedesk report day", scrolled with the arrows and PgUp/PgDn; F6
 * chooses the date and session, F7 prints it on the report queue. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"
#include "report-out.h"
#include "tui.h"

#define TOP 2 /* first row of the report's text */

static struct report rep;
static int loaded;
static char *text;   /* the report as text */
static char **lines; /* its lines, pointing into TEXT */
static int nlines, offset;
static char date[DATE_LEN]; /* "" for the current business date */
static int session;

/* Rows the text may use. */
static int page(void)
{
	return LINES - TOP - 3;
}

/* Forget the report shown. */
static void drop(void)
{
	if (loaded)
		report_free(&rep);
	loaded = 0;
	free(text);
	free(lines);
	text = NULL;
	lines = NULL;
	nlines = offset = 0;
}

/* Split TEXT into lines in place. */
static int split(void)
{
	char *p;
	int n = 0;

	for (p = text; *p; p++)
		n += *p == '\n';
	lines = calloc((size_t)n + 1, sizeof *lines);
	if (lines == NULL)
		return -1;
	for (p = text; *p && nlines <= n;) {
		lines[nlines++] = p;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return 0;
}

/* Collect and lay out the report of DATE and SESSION; audited. */
static void load(struct tui *t)
{
	struct cd_error err;
	size_t len;

	drop();
	cd_err_clear(&err);
	if (report_day(t->desk, date[0] ? date : NULL, session, &rep, &err) !=
	    CD_OK) {
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return;
	}
	loaded = 1;
	text = report_text(&rep, &len);
	if (text == NULL || split() != 0) {
		tui_message(t, PAINT_ERROR, "%s",
			    _("Out of memory while laying out the report. "
			      "Close other programs and try again."));
		drop();
		return;
	}
	report_audit_view(t->desk, &rep, "screen");
}

/* Show the current business date's report, all sessions. */
static void report_enter(struct tui *t)
{
	struct cd_error err;

	date[0] = '\0';
	session = 0;
	drop();
	if (desk_require(t->desk, PERM_BATCH, "screen.report", &err) != CD_OK) {
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		tui_switch(t, &screen_menu);
		return;
	}
	load(t);
}

/* Draw a page of the report and where it is. */
static void report_draw(struct tui *t, int full)
{
	char line[160];
	int row, i;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	if (loaded && rep.session)
		snprintf(line, sizeof line, _("Day's report - %s, session %d"),
			 rep.date, rep.session);
	else if (loaded)
		snprintf(line, sizeof line,
			 _("Day's report - %s, all sessions"), rep.date);
	else
		snprintf(line, sizeof line, "%s", _("Day's report"));
	tui_print(1, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
	if (offset > nlines - page())
		offset = nlines - page() > 0 ? nlines - page() : 0;
	for (row = TOP, i = offset; i < nlines && row < TOP + page();
	     i++, row++)
		tui_print(row, 0, COLS, lines[i]);
	if (nlines > 0) {
		snprintf(line, sizeof line, _("Lines %d-%d of %d"), offset + 1,
			 i, nlines);
		tui_print(LINES - 3, 1, COLS - 2, line);
	}
	(void)t;
}

/* F6: ask for "YYYY-MM-DD [SESSION]" (empty: the current day). */
static void choose_day(struct tui *t)
{
	char answer[64], word[32], parsed[DATE_LEN];
	struct cd_error err;
	int n = 0, s = 0;

	tui_prompt(t,
		   _("Business date and session, e.g. 2026-11-23 1 (Enter: "
		     "today, all sessions):"),
		   answer, sizeof answer);
	cd_err_clear(&err);
	if (answer[0] != '\0') {
		n = sscanf(answer, "%31s %d", word, &s);
		if (n < 1 || cd_date_parse_input(word, parsed, &err) != CD_OK) {
			tui_message(t, PAINT_ERROR, "%s",
				    err.msg[0] ? err.msg
					       : _("Write the date as "
						   "YYYY-MM-DD."));
			return;
		}
		snprintf(date, sizeof date, "%s", parsed);
	} else
		date[0] = '\0';
	if (n == 2 && (s < 1 || s > t->desk->conf.cal.nsessions)) {
		tui_message(t, PAINT_ERROR,
			    _("There is no session %d: this branch has "
			      "sessions 1 to %d."),
			    s, t->desk->conf.cal.nsessions);
		return;
	}
	session = n == 2 ? s : 0;
	load(t);
	if (!loaded) {
		/* keep showing something sensible: the current day */
		char msg[sizeof t->msg];

		snprintf(msg, sizeof msg, "%s", t->msg);
		date[0] = '\0';
		session = 0;
		load(t);
		tui_message(t, PAINT_ERROR, "%s", msg);
	}
}

/* F7: print the text on the report queue. */
static void print_it(struct tui *t)
{
	char used[128];
	struct cd_error err;
	size_t len = 0;
	int job = 0;

	if (!loaded || text == NULL)
		return;
	tui_message(t, PAINT_NORMAL, "%s", _("Printing the report..."));
	tui_show_message(t);
	/* LINES split TEXT in place: lay it out again for the printer */
	{
		char *copy = report_text(&rep, &len);

		cd_err_clear(&err);
		if (copy == NULL) {
			tui_message(t, PAINT_ERROR, "%s",
				    _("Out of memory while laying out the "
				      "report. Close other programs and try "
				      "again."));
			return;
		}
		if (report_print(t->desk, &rep, NULL, copy, len, used,
				 sizeof used, &job, &err) == CD_OK)
			tui_message(t, PAINT_OK,
				    _("The report was printed on \"%s\" (job "
				      "%d)."),
				    used, job);
		else
			tui_message(t, PAINT_ERROR, "%s", err.msg);
		free(copy);
	}
}

/* Keys of the report screen. */
static int report_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		if (offset > 0)
			offset--;
		break;
	case ACT_DOWN:
		if (offset + page() < nlines)
			offset++;
		break;
	case ACT_PGUP:
		offset = offset > page() ? offset - page() : 0;
		break;
	case ACT_PGDN:
		if (offset + page() < nlines)
			offset += page();
		break;
	case ACT_FILTER:
		choose_day(t);
		break;
	case ACT_PRINT:
		print_it(t);
		break;
	case ACT_BACK:
		drop();
		tui_switch(t, &screen_menu);
		break;
	default:
		break;
	}
	return TUI_HANDLED;
}

const struct screen screen_report = {
    .name = "report",
    .id = SCR_REPORT,
    .has_form = 0,
    .enter = report_enter,
    .draw = report_draw,
    .key = report_key,
    .place_cursor = NULL,
};
