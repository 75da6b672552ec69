/* screen-notices.c - the clearing centre's notices, newest first: a teller
 * sees those of the items they registered, a supervisor all; new ones are
 * marked and count as seen once the screen is left. F6 polls the centre. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk-read.h"
#include "exchange.h"
#include "grow.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "screen-poll.h"
#include "tui.h"

#define TOP 3	    /* first row of notices */
#define LIMIT 200   /* the newest notices listed */
#define NOTE_ROWS 3 /* the detail or result area above the message line */

static struct notice_rec *notices;
static int nnotices, selected, offset, unseen;
static size_t cap;	/* of notices */
static char note[1024]; /* the result of the last F6 */
static enum tui_paint note_role;

/* Whether the user is a supervisor (whose "seen" marks are shared). */
static int is_supervisor(const struct tui *t)
{
	return desk_may(t->desk, PERM_BATCH);
}

/* Whether N is new to this user's role. */
static int is_unseen(const struct tui *t, const struct notice_rec *n)
{
	return is_supervisor(t) ? !n->seen_supervisor : !n->seen_teller;
}

/* Notice callback: gather into the array. */
static int gather(const struct notice_rec *n, void *ctx)
{
	(void)ctx;
	if (GROW_ONE(notices, cap, (size_t)nnotices) != 0)
		return 1;
	notices[nnotices++] = *n;
	return 0;
}

/* Newest (highest sequence number) first. */
static int newest_first(const void *a, const void *b)
{
	const struct notice_rec *x = a, *y = b;

	return (x->seq < y->seq) - (x->seq > y->seq);
}

/* Read the notices this user may see. */
static void reload(struct tui *t)
{
	struct notice_filter f;
	struct cd_error err;
	int i;

	nnotices = unseen = 0;
	memset(&f, 0, sizeof f);
	if (t->desk->user.role == ROLE_TELLER)
		f.teller = t->desk->user.id;
	f.supervisor = is_supervisor(t);
	f.limit = LIMIT;
	cd_err_clear(&err);
	if (desk_notice_list(t->desk, &f, gather, NULL, &err) != CD_OK) {
		snprintf(note, sizeof note, "%s", err.msg);
		note_role = PAINT_ERROR;
	}
	qsort(notices, (size_t)nnotices, sizeof *notices, newest_first);
	for (i = 0; i < nnotices; i++)
		unseen += is_unseen(t, &notices[i]);
	if (selected >= nnotices)
		selected = nnotices ? nnotices - 1 : 0;
}

/* From the top, with the newest notice selected. */
static void notices_enter(struct tui *t)
{
	t->msg[0] = '\0'; /* what an earlier visit said is stale */
	note[0] = '\0';
	selected = offset = 0;
	reload(t);
}

/* Rows available for notices. */
static int page(void)
{
	return LINES - TOP - 3 - NOTE_ROWS;
}

/* One row of the notice table, aligned by display width. */
static void notice_row(int row, const char *mark, const char *seq,
		       const char *state, const char *serial, const char *bank,
		       const char *amount, const char *teller,
		       const char *reason)
{
	int col = tui_cell(row, 0, 1, mark, 0);

	col = tui_cell(row, col, 5, seq, 1);
	col = tui_cell(row, col, 8, state, 0);
	col = tui_cell(row, col, 8, serial, 0);
	col = tui_cell(row, col, 4, bank, 0);
	col = tui_cell(row, col, 13, amount, 1);
	col = tui_cell(row, col, 6, teller, 0);
	tui_cell(row, col, COLS - col - 1, reason, 0);
}

/* The reason for N in the user's words, or the centre's text. */
static const char *reason_of(const struct notice_rec *n)
{
	const char *r = notice_reason_label(n->reason_code);

	return r ? r : n->reason;
}

/* The selected notice in full, under the table. */
static void draw_detail(const struct notice_rec *n)
{
	char line[768], why[600];
	const char *label = notice_reason_label(n->reason_code);

	/* our words for the code, and the centre's own text if it differs */
	if (label && n->reason[0] && strcmp(label, n->reason) != 0)
		snprintf(why, sizeof why, "%s (%s)", label, n->reason);
	else
		snprintf(why, sizeof why, "%s", label ? label : n->reason);

	if (n->item_id == 0)
		snprintf(line, sizeof line,
			 _("Notice %lld: item %d of batch %s, which this "
			   "database does not hold (a supervisor runs "
			   "'chequedesk resync' for its date)."),
			 (long long)n->seq, n->ref, n->batch_id);
	else if (why[0])
		/* TRANSLATORS: batch, item number in it, the answer
		 * (accepted, rejected, returned), when, and why. */
		snprintf(line, sizeof line, _("Batch %s item %d: %s at %s: %s"),
			 n->batch_id, n->ref, label_status(n->kind), n->at,
			 why);
	else
		snprintf(line, sizeof line, _("Batch %s item %d: %s at %s."),
			 n->batch_id, n->ref, label_status(n->kind), n->at);
	tui_print_wrapped(LINES - 2 - NOTE_ROWS, 2, COLS - 4, NOTE_ROWS - 1,
			  line);
}

/* The table, the selected notice, and a count. */
static void notices_draw(struct tui *t, int full)
{
	char line[256], fig[MONEY_FIGURES_LEN], seq[24];
	const struct notice_rec *n;
	enum tui_paint role;
	int i, row, attr;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	if (is_supervisor(t))
		snprintf(line, sizeof line, "%s",
			 _("Notices from the clearing centre: all items"));
	else
		snprintf(line, sizeof line,
			 _("Notices from the clearing centre: items "
			   "registered by %s"),
			 t->desk->user.id);
	tui_print(1, 2, COLS - 4, line);
	attrset(A_BOLD);
	/* TRANSLATORS: column headings of the notices; "No." is the
	 * notice's sequence number, "Answer" the centre's answer (accepted,
	 * rejected or returned). */
	notice_row(2, "", _("No."), _("Answer"), _("Serial"), _("Bank"),
		   _("Amount"), _("Teller"), _("Reason"));
	attrset(tui_attr(PAINT_NORMAL));
	if (nnotices == 0)
		tui_print(TOP, 2, COLS - 4,
			  _("No notices yet. F6 asks the centre for new "
			    "ones."));
	if (selected < offset)
		offset = selected;
	if (selected >= offset + page())
		offset = selected - page() + 1;
	for (row = TOP, i = offset; i < nnotices && row < TOP + page();
	     i++, row++) {
		n = &notices[i];
		role = PAINT_NORMAL;
		if (i == selected)
			role = PAINT_FOCUS;
		else if (strcmp(n->kind, "rejected") == 0 ||
			 strcmp(n->kind, "returned") == 0)
			role = PAINT_ERROR;
		attr = tui_attr(role);
		if (role == PAINT_NORMAL && is_unseen(t, n))
			attr |= A_BOLD; /* new: bold as well as marked */
		attrset(attr);
		mvhline(row, 0, ' ', COLS);
		snprintf(seq, sizeof seq, "%lld", (long long)n->seq);
		notice_row(
		    row, is_unseen(t, n) ? "*" : "", seq, label_status(n->kind),
		    n->item_id ? n->serial : "-", n->bank,
		    n->item_id ? money_format(n->amount_fen, fig, sizeof fig)
			       : "",
		    n->teller, reason_of(n));
		attrset(tui_attr(PAINT_NORMAL));
	}
	if (note[0]) {
		attrset(tui_attr(note_role));
		tui_print_wrapped(LINES - 2 - NOTE_ROWS, 2, COLS - 4, NOTE_ROWS,
				  note);
		attrset(tui_attr(PAINT_NORMAL));
		return;
	}
	if (nnotices > 0)
		draw_detail(&notices[selected]);
	snprintf(line, sizeof line,
		 P_("%d notice, %d new (marked *). F6 asks the centre for "
		    "new ones, Esc goes back.",
		    "%d notices, %d new (marked *). F6 asks the centre for "
		    "new ones, Esc goes back.",
		    nnotices),
		 nnotices, unseen);
	tui_print(LINES - 3, 1, COLS - 2, line);
}

/* F6: read the centre's new notices, then list them. */
static void notices_poll(struct tui *t)
{
	screen_poll(t, NULL, NULL, note, sizeof note, &note_role);
	selected = offset = 0;
	reload(t);
}

/* Leaving: the notices of this user's role count as seen. */
static void mark_seen(struct tui *t)
{
	struct desk *d = t->desk;
	const char *teller = is_supervisor(t) ? NULL : d->user.id;
	struct cd_error err;
	int64_t n = 0;

	cd_err_clear(&err);
	if (desk_notice_unseen(d, is_supervisor(t), teller, &n, &err) !=
		CD_OK ||
	    n == 0)
		return;
	if (desk_notice_mark_seen(d, is_supervisor(t), teller, &err) != CD_OK)
		tui_message(t, PAINT_ERROR, "%s", err.msg);
}

/* Arrows and pages move, F6 polls, Esc goes back. */
static int notices_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		if (selected > 0)
			selected--;
		note[0] = '\0';
		break;
	case ACT_DOWN:
		if (selected + 1 < nnotices)
			selected++;
		note[0] = '\0';
		break;
	case ACT_PGUP:
		selected = selected > page() ? selected - page() : 0;
		break;
	case ACT_PGDN:
		selected += page();
		if (selected >= nnotices)
			selected = nnotices ? nnotices - 1 : 0;
		break;
	case ACT_POLL:
		notices_poll(t);
		break;
	case ACT_BACK:
		mark_seen(t);
		tui_switch(t, &screen_menu);
		break;
	default:
		break;
	}
	return TUI_HANDLED;
}

const struct screen screen_notices = {
    .name = "notices",
    .id = SCR_NOTICES,
    .has_form = 0,
    .enter = notices_enter,
    .draw = notices_draw,
    .key = notices_key,
    .place_cursor = NULL,
};
