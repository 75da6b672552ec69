/* screen-batch.c - the supervisor's outgoing batches: the balance report of
 * the current session, today's batches, and closing, uploading and polling
 * (F2, F5, F6). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "desk-read.h"
#include "exchange.h"
#include "grow.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "out.h"
#include "passwd.h"
#include "screen-poll.h"
#include "tui-popup.h"
#include "tui.h"

#define NOTE_ROWS 4 /* the result area above the message line */
#define BAR_WIDTH 50

static struct batch plan; /* what F2 would close */
static int have_plan;	  /* 0: the refusal below says why not */
static char refusal[512]; /* why the session cannot be closed */
static enum tui_paint refusal_role;
static char date[DATE_LEN];	  /* today's business date */
static int session;		  /* and the current session */
static struct batch_rec *batches; /* today's, oldest first */
static size_t batches_cap;
static int nbatches, selected, offset;
static char note[1024]; /* the result of the last F2, F5 or F6 */
static enum tui_paint note_role;

/* What the upload callbacks draw with. */
struct upload_ctx {
	struct tui *t;
	const char *batch_id;
	int i, n;	 /* the batch being sent, of how many */
	int pct;	 /* last drawn, -1: none yet */
	char retry[512]; /* the last retry notice, under the bar */
};

/* Set the result area to S in ROLE's colour. */
static void set_note(enum tui_paint role, const char *s)
{
	snprintf(note, sizeof note, "%s", s);
	note_role = role;
}

/* Append S to the result area, after two blanks. */
static void add_note(const char *s)
{
	size_t n = strlen(note);

	snprintf(note + n, sizeof note - n, "%s%s", n ? "  " : "", s);
}

/* Batch callback: gather today's batches. */
static int gather(const struct batch_rec *b, void *ctx)
{
	(void)ctx;
	if (GROW_ONE(batches, batches_cap, (size_t)nbatches) != 0)
		return 1;
	batches[nbatches++] = *b;
	return 0;
}

/* Plan the current session's batch again and read today's batches. */
static void reload(struct tui *t)
{
	struct business_slot slot;
	struct cd_error err;
	struct cd_now now;

	batch_free(&plan);
	have_plan = 0;
	refusal[0] = '\0';
	nbatches = 0;
	cd_err_clear(&err);
	if (desk_slot(t->desk, &now, &slot, &err) != CD_OK) {
		snprintf(refusal, sizeof refusal, "%s", err.msg);
		refusal_role = PAINT_ERROR;
		return;
	}
	cd_date_format(slot.date, date);
	session = slot.session;
	if (batch_plan(t->desk, NULL, 0, &plan, &err) == CD_OK)
		have_plan = 1;
	else {
		snprintf(refusal, sizeof refusal, "%s", err.msg);
		refusal_role =
		    err.status == CD_ECONFLICT ? PAINT_WARNING : PAINT_ERROR;
	}
	cd_err_clear(&err);
	if (desk_batch_list(t->desk, date, gather, NULL, &err) != CD_OK)
		set_note(PAINT_ERROR, err.msg);
	if (selected >= nbatches)
		selected = nbatches ? nbatches - 1 : 0;
}

/* Fresh report and list; the newest batch selected. */
static void batch_enter(struct tui *t)
{
	t->msg[0] = '\0'; /* what an earlier visit said is stale */
	note[0] = '\0';
	selected = offset = 0;
	reload(t);
	selected = nbatches ? nbatches - 1 : 0;
}

/* One row of the balance report. */
static void report_row(int row, const char *label, const char *dc,
		       int64_t count, int64_t fen)
{
	char buf[32], fig[MONEY_FIGURES_LEN];
	int col = tui_cell(row, 2, 36, label, 0);

	col = tui_cell(row, col, 6, dc, 0);
	snprintf(buf, sizeof buf, "%lld", (long long)count);
	col = tui_cell(row, col, 7, buf, 1);
	money_format(fen, fig, sizeof fig);
	tui_cell(row, col, (int)strlen(fig) > 18 ? (int)strlen(fig) : 18, fig,
		 1);
}

/* The balance report from ROW, in at most ROOM rows; returns the next row. */
static int draw_report(struct tui *t, int row, int room)
{
	char line[256], name[256];
	struct cd_error err;
	struct bank b;
	size_t i, shown, cheques = 0, n;
	int col;

	if (!have_plan) {
		snprintf(line, sizeof line,
			 _("Balance report of session %d of %s"), session,
			 date);
		attrset(A_BOLD);
		tui_print(row++, 2, COLS - 4, line);
		attrset(tui_attr(refusal_role));
		row += tui_print_wrapped(row, 2, COLS - 4,
					 room - 1 < 6 ? room - 1 : 6, refusal);
		attrset(tui_attr(PAINT_NORMAL));
		return row;
	}
	snprintf(line, sizeof line,
		 _("Balance report for batch %s (session %d of %s)"),
		 plan.h.batch_id, plan.h.session, plan.h.business_date);
	attrset(A_BOLD);
	tui_print(row++, 2, COLS - 4, line);
	col = tui_cell(row, 2, 36, _("Destination bank"), 0);
	col = tui_cell(row, col, 6, _("D/C"), 0);
	col = tui_cell(row, col, 7, _("Count"), 1);
	tui_cell(row++, col, 18, _("Amount"), 1);
	attrset(tui_attr(PAINT_NORMAL));
	/* the banks that fit; the totals and the counts always show */
	shown = plan.nby_bank;
	if (room - 6 < (int)shown)
		shown = room - 7 > 0 ? (size_t)(room - 7) : 0;
	for (i = 0; i < shown; i++) {
		if (desk_bank_get(t->desk, plan.by_bank[i].bank, &b, &err) ==
		    CD_OK)
			snprintf(name, sizeof name, "%s %s",
				 plan.by_bank[i].bank, b.name);
		else
			snprintf(name, sizeof name, "%s", plan.by_bank[i].bank);
		report_row(row++, name, label_dc(plan.by_bank[i].dc),
			   plan.by_bank[i].count, plan.by_bank[i].amount_fen);
	}
	if (shown < plan.nby_bank) {
		n = plan.nby_bank - shown;
		snprintf(line, sizeof line,
			 P_("... and %zu more destination bank row (a larger "
			    "window shows more)",
			    "... and %zu more destination bank rows (a larger "
			    "window shows more)",
			    n),
			 n);
		tui_print(row++, 2, COLS - 4, line);
	}
	report_row(row++, _("Total debit"), "", plan.debit.count,
		   plan.debit.amount_fen);
	report_row(row++, _("Total credit"), "", plan.credit.count,
		   plan.credit.amount_fen);
	attrset(A_BOLD);
	report_row(row++, _("All items"), "", plan.all.count,
		   plan.all.amount_fen);
	attrset(tui_attr(PAINT_NORMAL));
	cheques = plan.ncheques;
	snprintf(line, sizeof line, P_("%zu cheque", "%zu cheques", cheques),
		 cheques);
	n = strlen(line);
	snprintf(line + n, sizeof line - n,
		 P_(", %zu bill", ", %zu bills", plan.nitems - cheques),
		 plan.nitems - cheques);
	n = strlen(line);
	snprintf(line + n, sizeof line - n,
		 P_(" in %zu bag.", " in %zu bags.", plan.nbags), plan.nbags);
	tui_print(row++, 2, COLS - 4, line);
	return row;
}

/* The width of the amount column: the widest total shown. */
static int amount_w = 14;

/* One row of the batch table. */
static void batch_row(int row, const char *id, const char *state,
		      const char *items, const char *amount,
		      const char *answers)
{
	int col = tui_cell(row, 1, 18, id, 0);

	col = tui_cell(row, col, 10, state, 0);
	col = tui_cell(row, col, 5, items, 1);
	col = tui_cell(row, col, amount_w, amount, 1);
	tui_cell(row, col, COLS - col - 1, answers, 0);
}

/* Size the amount column for the largest batch total (at least 14), so no
 * digit of money is ever cut. */
static void size_amounts(void)
{
	char fig[MONEY_FIGURES_LEN];
	int i, w;

	amount_w = 14;
	for (i = 0; i < nbatches; i++) {
		w = (int)strlen(
		    money_format(batches[i].debit_fen + batches[i].credit_fen,
				 fig, sizeof fig));
		if (w > amount_w)
			amount_w = w;
	}
}

/* Today's batches from ROW to LAST, the selected one highlighted. */
static void draw_batches(int row, int last)
{
	char items[24], fig[MONEY_FIGURES_LEN], answers[96];
	const struct batch_rec *b;
	enum tui_paint role;
	int i, rows;

	size_amounts();
	attrset(A_BOLD);
	batch_row(row++, _("Batch"), _("State"), _("Items"), _("Amount"),
		  _("Answers"));
	attrset(tui_attr(PAINT_NORMAL));
	if (nbatches == 0) {
		tui_print(row, 2, COLS - 4,
			  _("No batch has been closed today yet."));
		return;
	}
	rows = last - row + 1;
	if (rows < 1)
		return;
	if (selected < offset)
		offset = selected;
	if (selected >= offset + rows)
		offset = selected - rows + 1;
	for (i = offset; i < nbatches && row <= last; i++, row++) {
		b = &batches[i];
		role = PAINT_NORMAL;
		if (i == selected)
			role = PAINT_FOCUS;
		else if (b->state == BATCH_FAILED || b->rejected || b->returned)
			role = PAINT_ERROR;
		attrset(tui_attr(role));
		mvhline(row, 0, ' ', COLS);
		snprintf(items, sizeof items, "%lld", (long long)b->items);
		/* TRANSLATORS: counts of a batch's items by the centre's
		 * answer; "ok" accepted, "rej" rejected, "ret" returned,
		 * "wait" not yet answered. Keep it short: the column is 24
		 * wide. */
		snprintf(answers, sizeof answers,
			 _("%lld ok %lld rej %lld ret %lld wait"),
			 (long long)b->accepted, (long long)b->rejected,
			 (long long)b->returned, (long long)b->waiting);
		batch_row(
		    row, b->batch_id, batch_state_label(b->state), items,
		    money_format(b->debit_fen + b->credit_fen, fig, sizeof fig),
		    answers);
		attrset(tui_attr(PAINT_NORMAL));
	}
}

/* The result area: the last F2/F5/F6, or the selected batch's problem. */
static void draw_note(void)
{
	char line[768];
	const struct batch_rec *b = nbatches > 0 ? &batches[selected] : NULL;

	if (note[0]) {
		attrset(tui_attr(note_role));
		tui_print_wrapped(LINES - 2 - NOTE_ROWS, 2, COLS - 4, NOTE_ROWS,
				  note);
	} else if (b && b->last_error[0]) {
		snprintf(line, sizeof line, _("Last problem with %s: %s"),
			 b->batch_id, b->last_error);
		attrset(tui_attr(b->state == BATCH_FAILED ? PAINT_ERROR
							  : PAINT_WARNING));
		tui_print_wrapped(LINES - 2 - NOTE_ROWS, 2, COLS - 4, NOTE_ROWS,
				  line);
	} else
		tui_print(LINES - 3, 1, COLS - 2,
			  _("F2 closes the batch above, F5 uploads, F6 polls "
			    "the centre, Esc goes back."));
	attrset(tui_attr(PAINT_NORMAL));
}

/* The report on top, the batches below, the result area at the bottom. */
static void batch_draw(struct tui *t, int full)
{
	char line[160];
	int row, last;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	snprintf(line, sizeof line,
		 _("Outgoing batches - business date %s, session %d"), date,
		 session);
	tui_print(1, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
	/* rows 2..LAST: the report, a blank, the table (two rows at least) */
	last = LINES - 3 - NOTE_ROWS;
	row = draw_report(t, 2, last - 2 - 4 + 1);
	draw_batches(row + 1, last);
	draw_note();
}

/* Read the branch key's access code on the message line without showing
 * it; 0 when Esc or an empty line cancels. */
static int read_code(struct tui *t, char *buf, size_t len)
{
	const char *q = _("Access code of the branch key (Esc cancels):");
	wchar_t wc[PASSWD_MAX];
	size_t n = 0;
	wint_t ch;
	int rc, col = out_width(q) + 2, ok = 0;

	t->msg[0] = '\0';
	move(LINES - 2, 0);
	clrtoeol();
	attrset(tui_attr(PAINT_WARNING));
	tui_print(LINES - 2, 1, COLS - 4, q);
	attrset(tui_attr(PAINT_NORMAL));
	if (col > COLS - 2)
		col = COLS - 2;
	curs_set(1);
	for (;;) {
		move(LINES - 2, col);
		refresh();
		rc = tui_get_key(&ch, "access-code", 1);
		if (rc == ERR)
			continue; /* the clock's time-out */
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && n > 0)
				n--;
			else if (ch == KEY_ENTER) {
				ok = n > 0;
				break;
			}
			continue;
		}
		if (ch == 27)
			break;
		if (ch == '\r' || ch == '\n') {
			ok = n > 0;
			break;
		}
		if ((ch == 127 || ch == 8) && n > 0)
			n--;
		else if (ch == 21) /* Ctrl-U */
			n = 0;
		else if (ch >= 32 && ch != 127 && n + 1 < PASSWD_MAX)
			wc[n++] = (wchar_t)ch;
	}
	wc[n] = L'\0';
	if (!ok || wcstombs(buf, wc, len) == (size_t)-1)
		ok = 0;
	buf[len - 1] = '\0';
	memset(wc, 0, sizeof wc);
	if (!ok)
		memset(buf, 0, len);
	return ok;
}

/* F2: the access code, then close the batch the report shows. */
static void batch_do_close(struct tui *t)
{
	char code[PASSWD_MAX], line[512];
	struct batch_rec rec;
	struct cd_error err;
	int rc, i;

	note[0] = '\0';
	if (!have_plan) {
		tui_message(t, PAINT_WARNING, "%s",
			    _("Nothing was closed: the report above says "
			      "why."));
		return;
	}
	/* Dual control first (a second supervisor under four eyes), then
	 * the key's access code. */
	cd_err_clear(&err);
	while ((rc = desk_authorise(t->desk, DUAL_CLOSE, "batch.close",
				    plan.h.batch_id, &err)) != CD_OK &&
	       strcmp(err.field, "authorise") == 0 && tui_authorise(t, &err))
		;
	if (rc != CD_OK) {
		set_note(PAINT_ERROR, err.msg);
		tui_message(t, PAINT_WARNING, "%s",
			    _("Not authorised: nothing was closed."));
		return;
	}
	if (!read_code(t, code, sizeof code)) {
		tui_message(t, PAINT_WARNING, "%s",
			    _("Cancelled: nothing was closed."));
		return;
	}
	cd_err_clear(&err);
	rc = batch_close(t->desk, &plan, code, &rec, &err);
	memset(code, 0, sizeof code);
	if (rc != CD_OK) {
		set_note(PAINT_ERROR, err.msg);
		tui_message(t, PAINT_ERROR, "%s",
			    _("The batch was not closed."));
		if (rc == CD_ECONFLICT)
			reload(t); /* show what would be closed now */
		return;
	}
	reload(t);
	for (i = 0; i < nbatches; i++)
		if (strcmp(batches[i].batch_id, rec.batch_id) == 0)
			selected = i;
	snprintf(line, sizeof line,
		 _("Batch %s is closed and signed: %lld items locked. F5 "
		   "uploads it to the clearing centre."),
		 rec.batch_id, (long long)rec.items);
	set_note(PAINT_OK, line);
	tui_message(t, PAINT_OK, _("Batch %s is closed."), rec.batch_id);
}

/* The last retry notice, in full under the bar. */
static void draw_retry(const struct upload_ctx *u)
{
	int row = LINES - NOTE_ROWS;

	move(row, 0);
	clrtoeol();
	move(row + 1, 0);
	clrtoeol();
	if (!u->retry[0])
		return;
	attrset(tui_attr(PAINT_WARNING));
	tui_print_wrapped(row, 2, COLS - 4, NOTE_ROWS - 2, u->retry);
	attrset(tui_attr(PAINT_NORMAL));
}

/* remote.progress: a bar in the result area. */
static void on_progress(void *ctx, int64_t sent, int64_t total)
{
	struct upload_ctx *u = ctx;
	char line[256];
	int pct = total > 0 ? (int)(sent * 100 / total) : 0, i, row;

	if (pct == u->pct)
		return;
	u->pct = pct;
	row = LINES - 2 - NOTE_ROWS;
	move(row, 0);
	clrtoeol();
	move(row + 1, 0);
	clrtoeol();
	snprintf(line, sizeof line,
		 _("Uploading batch %s (%d of %d) to the clearing centre..."),
		 u->batch_id, u->i, u->n);
	tui_print(row, 2, COLS - 4, line);
	mvaddch(row + 1, 2, '[');
	attrset(tui_attr(PAINT_OK));
	for (i = 0; i < BAR_WIDTH; i++)
		addch(i < pct * BAR_WIDTH / 100 ? '#' : '.');
	attrset(tui_attr(PAINT_NORMAL));
	/* kB rounded up: a small batch is "1 / 1 kB", not "0 / 0" */
	snprintf(line, sizeof line, "] %3d%%  %lld / %lld kB", pct,
		 (long long)((sent + 1023) / 1024),
		 (long long)((total + 1023) / 1024));
	tui_print(row + 1, 3 + BAR_WIDTH, COLS - 4 - BAR_WIDTH, line);
	draw_retry(u);
	refresh();
}

/* remote.notice: a retry, on the message line and in full under the bar. */
static void on_retry(void *ctx, const char *msg)
{
	struct upload_ctx *u = ctx;

	snprintf(u->retry, sizeof u->retry, "%s", msg);
	tui_message(u->t, PAINT_WARNING, "%s", msg);
	draw_retry(u);
	tui_show_message(u->t);
}

/* Batch callback: the ids of the batches waiting to be uploaded. */
static int add_pending(const struct batch_rec *b, void *ctx)
{
	struct batch_rec **v = ctx, *nv;
	size_t n = 0;

	while ((*v)[n].batch_id[0])
		n++;
	nv = realloc(*v, (n + 2) * sizeof *nv);
	if (nv == NULL)
		return 1;
	nv[n] = *b;
	nv[n + 1].batch_id[0] = '\0';
	*v = nv;
	return 0;
}

/* F5: upload the selected batch, or every batch still waiting. */
static void batch_do_upload(struct tui *t)
{
	struct upload_ctx u = {0};
	struct batch_rec *queue, b;
	struct cd_error err;
	struct remote r;
	char line[512];
	int already, rc, n = 0, i;

	note[0] = '\0';
	cd_err_clear(&err);
	if (exchange_open(t->desk, &r, &err) != CD_OK) {
		set_note(PAINT_ERROR, err.msg);
		tui_message(t, PAINT_ERROR, "%s", _("Nothing was uploaded."));
		return;
	}
	queue = calloc(2, sizeof *queue);
	if (queue == NULL) {
		remote_close(&r);
		set_note(PAINT_ERROR,
			 _("Out of memory. Close other programs or restart "
			   "chequedesk, then try again; if it happens again, "
			   "report it to branch IT."));
		return;
	}
	if (nbatches > 0 && batch_state_to_send(batches[selected].state))
		queue[0] = batches[selected];
	else if (desk_batch_pending(t->desk, add_pending, &queue, &err) !=
		 CD_OK) {
		set_note(PAINT_ERROR, err.msg);
		queue[0].batch_id[0] = '\0';
	}
	while (queue[n].batch_id[0])
		n++;
	if (n == 0) {
		if (!note[0])
			tui_message(t, PAINT_WARNING, "%s",
				    _("There is no closed batch waiting to be "
				      "uploaded."));
		free(queue);
		remote_close(&r);
		return;
	}
	u.t = t;
	u.n = n;
	r.progress = on_progress;
	r.notice = on_retry;
	r.ctx = &u;
	note_role = PAINT_OK;
	for (i = 0, rc = CD_OK; i < n && rc == CD_OK; i++) {
		u.batch_id = queue[i].batch_id;
		u.i = i + 1;
		u.pct = -1;
		u.retry[0] = '\0';
		tui_message(t, PAINT_WARNING, "%s",
			    _("Connecting to the clearing centre..."));
		tui_show_message(t);
		on_progress(&u, 0, 0);
		rc = upload_batch(t->desk, &r, queue[i].batch_id, &b, &already,
				  &err);
		if (rc != CD_OK) {
			add_note(err.msg);
			note_role = PAINT_ERROR;
			tui_message(t, PAINT_ERROR,
				    _("Batch %s was not uploaded."),
				    queue[i].batch_id);
			break;
		}
		if (already)
			snprintf(line, sizeof line,
				 _("Batch %s: the centre already had it "
				   "(receipt %s); nothing was sent twice."),
				 b.batch_id, b.receipt);
		else
			snprintf(line, sizeof line,
				 _("Batch %s: received by the centre, receipt "
				   "%s at %s."),
				 b.batch_id, b.receipt, b.received_at);
		add_note(line);
		tui_message(
		    t, PAINT_OK,
		    P_("%d batch uploaded.", "%d batches uploaded.", i + 1),
		    i + 1);
	}
	free(queue);
	remote_close(&r);
	reload(t);
}

/* F6: read the centre's new notices and say what came. */
static void batch_do_poll(struct tui *t)
{
	struct upload_ctx u = {0};

	u.t = t;
	screen_poll(t, on_retry, &u, note, sizeof note, &note_role);
	reload(t);
}

/* Arrows move, F2 closes, F5 uploads, F6 polls, Esc goes back. */
static int batch_key(struct tui *t, enum action act, wint_t ch, int is_key)
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
		if (selected + 1 < nbatches)
			selected++;
		note[0] = '\0';
		break;
	case ACT_CLOSE:
		batch_do_close(t);
		break;
	case ACT_UPLOAD:
		batch_do_upload(t);
		break;
	case ACT_POLL:
		batch_do_poll(t);
		break;
	case ACT_BACK:
		batch_free(&plan);
		have_plan = 0;
		tui_switch(t, &screen_menu);
		break;
	default:
		break;
	}
	return TUI_HANDLED;
}

const struct screen screen_batch = {
    .name = "batch",
    .id = SCR_BATCH,
    .has_form = 0,
    .enter = batch_enter,
    .draw = batch_draw,
    .key = batch_key,
    .place_cursor = NULL,
};
