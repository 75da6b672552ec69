/* screen-print.c - printing one cheque's code line or one bag's label: a
 * preview of the E13B line in block characters, then F7 prints it. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "print.h"
#include "screen-print.h"
#include "tui-popup.h"
#include "tui.h"

#define GLYPHS_PER_ROW 20 /* 4 columns each: the full 80 */

static struct {
	int bag; /* 0: cheque ITEM; 1: bag label */
	int64_t id;
	const struct screen *from; /* where Esc and success return */
	char title[160];
	char summary[256];
	char codeline[CODELINE_LINE_MAX];
	char *blocks;	 /* the preview, lines joined */
	int prints;	 /* printed so far */
	char error[512]; /* why the last F7 did not print */
} pr;

/* Forget the last preview. */
static void print_reset(void)
{
	free(pr.blocks);
	pr.blocks = NULL;
}

/* Load what is to be printed; 0, or -1 with a message shown. */
static int print_load(struct tui *t)
{
	struct e13b_font font;
	struct cd_error err;
	char fig[MONEY_FIGURES_LEN];
	struct item it;
	struct bag b;

	print_reset();
	cd_err_clear(&err);
	if (pr.bag) {
		if (desk_bag_get(t->desk, pr.id, &b, &err) != CD_OK)
			goto fail;
		codeline_format_bag(b.bank, b.type, b.dc, b.amount_fen,
				    pr.codeline, sizeof pr.codeline);
		snprintf(pr.title, sizeof pr.title,
			 _("Print the label of bag %" PRId64), pr.id);
		snprintf(pr.summary, sizeof pr.summary,
			 P_("Bank %s, type %s, %lld bill, %s (%s)",
			    "Bank %s, type %s, %lld bills, %s (%s)", b.count),
			 b.bank, b.type, (long long)b.count,
			 money_format(b.amount_fen, fig, sizeof fig),
			 strcmp(b.status, "open") == 0 ? _("open")
						       : _("sealed"));
		pr.prints = b.prints;
	} else {
		if (desk_item_get(t->desk, pr.id, &it, &err) != CD_OK)
			goto fail;
		print_cheque_codeline(&it, pr.codeline, sizeof pr.codeline);
		snprintf(pr.title, sizeof pr.title,
			 _("Print the code line of cheque %" PRId64), pr.id);
		snprintf(pr.summary, sizeof pr.summary,
			 _("Serial %s, bank %s, %s, %s"), it.serial, it.bank,
			 money_format(it.amount_fen, fig, sizeof fig),
			 label_status(it.status));
		pr.prints = it.prints;
	}
	if (print_load_font(t->desk, &font, &err) != CD_OK)
		goto fail;
	pr.blocks = e13b_blocks(&font, pr.codeline, GLYPHS_PER_ROW, &err);
	if (pr.blocks == NULL)
		goto fail;
	return 0;
fail:
	tui_message(t, PAINT_ERROR, "%s",
		    err.msg[0] ? err.msg
			       : _("That item cannot be found. Go back to the "
				   "list and choose it again."));
	return -1;
}

void screen_print_open(struct tui *t, int bag, int64_t id)
{
	const struct screen *from = t->cur;

	pr.bag = bag;
	pr.id = id;
	pr.from = from;
	pr.error[0] = '\0';
	if (print_load(t) != 0)
		return;
	tui_switch(t, &screen_print);
	if (pr.prints > 0)
		tui_message(t, PAINT_WARNING,
			    P_("Already printed %d time. A supervisor's F7 "
			       "prints it again (counted and audited).",
			       "Already printed %d times. A supervisor's F7 "
			       "prints it again (counted and audited).",
			       pr.prints),
			    pr.prints);
}

/* Nothing to prepare: screen_print_open did it. */
static void print_enter(struct tui *t)
{
	(void)t;
}

/* Title, summary, printer, the block preview and the line itself. */
static void print_draw(struct tui *t, int full)
{
	const struct conf *c = &t->desk->conf;
	char line[256];
	const char *s, *nl;
	int row = 4, last = LINES - 5;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 4, pr.title);
	attrset(tui_attr(PAINT_NORMAL));
	tui_print(2, 2, COLS - 4, pr.summary);
	if (c->printer[0])
		snprintf(line, sizeof line, _("Printer: %s (profile %s)"),
			 c->printer,
			 c->printer_profile[0] ? c->printer_profile
					       : _("by make and model"));
	else
		snprintf(line, sizeof line, "%s",
			 _("No printer is set for this terminal: branch IT "
			   "sets \"printer\" in chequedesk.conf."));
	tui_print(3, 2, COLS - 4, line);
	/* The preview's rows, without the empty lines between them. */
	for (s = pr.blocks; s && *s && row <= last; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			break;
		if (nl == s)
			continue;
		snprintf(line, sizeof line, "%.*s", (int)(nl - s), s);
		tui_print(row++, 0, COLS, line);
	}
	if (s && *s && strchr(s, '\n') != NULL)
		tui_print(last, COLS - 3, 3, "...");
	if (pr.error[0]) { /* in full, where the code line and hint were */
		attrset(tui_attr(PAINT_ERROR));
		tui_print_wrapped(LINES - 4, 2, COLS - 4, 2, pr.error);
		attrset(tui_attr(PAINT_NORMAL));
		return;
	}
	attrset(tui_attr(PAINT_FIELD));
	tui_print(LINES - 4, 2, COLS - 4, pr.codeline);
	attrset(tui_attr(PAINT_NORMAL));
	tui_print(LINES - 3, 2, COLS - 4,
		  pr.bag ? _("Put the label in the printer and press F7 to "
			     "print; the bag is then sealed. Esc: later.")
			 : _("Insert the cheque and press F7 to print it. "
			     "Esc: print later."));
}

/* While CUPS works: a count on the message line. */
static void print_tick(void *ctx, int seconds)
{
	struct tui *t = ctx;

	tui_message(t, PAINT_WARNING, _("Printing... %d s"), seconds);
	move(LINES - 2, 0);
	clrtoeol();
	attrset(tui_attr(PAINT_WARNING));
	tui_print(LINES - 2, 1, COLS - 2, t->msg);
	attrset(tui_attr(PAINT_NORMAL));
	refresh();
}

/* F7: print now; back to where we came from when it worked. */
static int print_now(struct tui *t)
{
	struct print_result r;
	struct print_opts o;
	struct cd_error err;
	int rc;

	memset(&o, 0, sizeof o);
	o.reprint = pr.prints > 0;
	o.tick = print_tick;
	o.ctx = t;
	cd_err_clear(&err);
	print_tick(t, 0);
	do
		rc = pr.bag ? print_bag(t->desk, pr.id, &o, &r, &err)
			    : print_cheque(t->desk, pr.id, &o, &r, &err);
	while (rc != CD_OK && strcmp(err.field, "authorise") == 0 &&
	       tui_authorise(t, &err));
	if (rc != CD_OK && strcmp(err.field, "authorise") == 0) {
		tui_message(t, PAINT_WARNING, "%s",
			    _("Not authorised; nothing was printed."));
		return TUI_REDRAW;
	}
	if (rc != CD_OK) {
		snprintf(pr.error, sizeof pr.error, "%s", err.msg);
		tui_message(t, PAINT_ERROR, "%s",
			    pr.bag ? _("The label was not printed.")
				   : _("The cheque was not printed."));
		print_load(t);
		return TUI_REDRAW;
	}
	tui_switch(t, pr.from ? pr.from : &screen_menu);
	if (pr.bag)
		tui_message(t, PAINT_OK,
			    _("Label of bag %" PRId64 " printed on %s (job "
			      "%d); the bag is sealed."),
			    pr.id, r.queue, r.job_id);
	else
		tui_message(t, PAINT_OK,
			    _("Cheque %" PRId64 " printed on %s (job %d)."),
			    pr.id, r.queue, r.job_id);
	print_reset();
	return TUI_REDRAW;
}

/* F7 prints; Esc goes back without printing. */
static int print_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_PRINT:
		return print_now(t);
	case ACT_BACK:
		print_reset();
		tui_switch(t, pr.from ? pr.from : &screen_menu);
		if (pr.prints == 0)
			tui_message(t, PAINT_WARNING,
				    pr.bag ? _("The label was not printed; the "
					       "bag stays open.")
					   : _("Not printed. The list shows "
					       "it as registered; print it "
					       "from there with F7."));
		return TUI_HANDLED;
	default:
		return TUI_HANDLED;
	}
}

const struct screen screen_print = {
    .name = "print",
    .id = SCR_PRINT,
    .has_form = 0,
    .enter = print_enter,
    .draw = print_draw,
    .key = print_key,
    .place_cursor = NULL,
};
