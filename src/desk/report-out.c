/* report-out.c - rendering the day's report: aligned text for the terminal,
 * the printer and the report screen; CSV and JSON for other programs. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "i18n.h"
#include "json-out.h"
#include "labels.h"
#include "money.h"
#include "out.h"
#include "report-out.h"
#include "text.h"

#define WIDTH 80

/* A cell of WIDTH columns followed by a blank. */
static void cell(FILE *fp, const char *s, int width, int right)
{
	out_cell(fp, s, width, right);
	fputc(' ', fp);
}

/* An amount right-aligned in WIDTH columns; never cut, even if wider. */
static void cell_fen(FILE *fp, int64_t fen, int width)
{
	char fig[MONEY_FIGURES_LEN];

	fprintf(fp, "%*s ", width, money_format(fen, fig, sizeof fig));
}

/* MIN, or the columns FEN takes as figures when that is more: amount
 * columns are as wide as their widest amount. */
static int fen_width(int64_t fen, int min)
{
	char fig[MONEY_FIGURES_LEN];
	int w = (int)strlen(money_format(fen, fig, sizeof fig));

	return w > min ? w : min;
}

/* End a table row: the cells leave a trailing blank, which goes. */
static void row_end(FILE *fp)
{
	fputc('\n', fp);
}

/* "10:05" from "2026-11-23T10:05:00+0800". */
static const char *hhmm(const char *stamp, char *buf, size_t len)
{
	snprintf(buf, len, "%.5s", strlen(stamp) > 11 ? stamp + 11 : "");
	return buf;
}

/* "11-23 10:05" from "2026-11-23T10:05:00+0800". */
static const char *day_hhmm(const char *stamp, char *buf, size_t len)
{
	if (strlen(stamp) < 16)
		snprintf(buf, len, "%s", stamp);
	else
		snprintf(buf, len, "%.5s %.5s", stamp + 5, stamp + 11);
	return buf;
}

/* A section heading: a blank line, the title, and a rule under it. */
static void heading(FILE *fp, const char *title)
{
	int w = out_width(title), i;

	fprintf(fp, "\n%s\n", title);
	for (i = 0; i < w && i < WIDTH; i++)
		fputc('-', fp);
	fputc('\n', fp);
}

/* The centre's reason for an item in the user's words. */
static const char *reason_of(const char *code, const char *reason)
{
	const char *why = code && code[0] ? notice_reason_label(code) : NULL;

	return why ? why : reason;
}

/* The heading: branch, date, sessions, who and when. */
static void text_head(FILE *fp, const struct report *r)
{
	char when[24];

	fprintf(fp, _("Day's report of %s (%s)\n"), r->branch_name,
		r->branch_no);
	if (r->session)
		fprintf(fp, _("Business date %s, session %d of %d\n"), r->date,
			r->session, r->nsessions);
	else
		fprintf(fp,
			P_("Business date %s, its only session\n",
			   "Business date %s, all sessions (1 to %d)\n",
			   r->nsessions),
			r->date, r->nsessions);
	snprintf(when, sizeof when, "%.10s %.5s", r->at,
		 strlen(r->at) > 11 ? r->at + 11 : "");
	/* TRANSLATORS: "Produced by s01 王主管 at 2026-11-23 10:00". */
	fprintf(fp, _("Produced by %s %s at %s\n"), r->by, r->by_name, when);
}

/* Every item with its teller, bank, amount, status and batch. */
static void text_items(FILE *fp, const struct report *r)
{
	char id[24], t[8], batch[16], dc[2] = "";
	size_t i;

	heading(fp, _("Outgoing items"));
	if (r->nitems == 0) {
		fprintf(fp, "%s\n", _("No items."));
		return;
	}
	cell(fp, _("ID"), 5, 1);
	cell(fp, _("Time"), 5, 0);
	cell(fp, _("Teller"), 8, 0);
	cell(fp, _("Serial"), 12, 0);
	cell(fp, _("Bank"), 5, 0);
	/* TRANSLATORS: column: the bill type code, two characters wide. */
	cell(fp, _("Ty"), 2, 0);
	/* TRANSLATORS: column: D for debit, C for credit; one column. */
	cell(fp, _("D"), 1, 0);
	cell(fp, _("Amount"), 16, 1);
	cell(fp, _("Status"), 10, 0);
	out_cell(fp, _("Batch"), 5, 0);
	row_end(fp);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		snprintf(id, sizeof id, "%" PRId64, it->id);
		dc[0] = it->dc;
		cell(fp, id, 5, 1);
		cell(fp, hhmm(it->created_at, t, sizeof t), 5, 0);
		cell(fp, it->teller, 8, 0);
		cell(fp, it->serial, 12, 0);
		cell(fp, it->bank, 5, 0);
		cell(fp, it->type, 2, 0);
		cell(fp, dc, 1, 0);
		cell_fen(fp, it->amount_fen, 16);
		cell(fp, label_status(it->status), 10, 0);
		out_cell(fp,
			 report_batch_label(r, it->batch, batch, sizeof batch),
			 5, 0);
		row_end(fp);
	}
	fprintf(fp,
		P_("%zu item (%lld voided).\n", "%zu items (%lld voided).\n",
		   r->nitems),
		r->nitems, (long long)r->voided_count);
}

/* A "count amount" pair of the totals, the amount AW columns wide. */
static void count_amount(FILE *fp, int64_t count, int64_t fen, int cw, int aw)
{
	char n[24];

	snprintf(n, sizeof n, "%" PRId64, count);
	cell(fp, n, cw, 1);
	cell_fen(fp, fen, aw);
}

/* Totals by destination bank and by debit/credit, and the grand total. */
static void text_totals(FILE *fp, const struct report *r)
{
	size_t i;
	int aw = 14, tw = 15, w = 16; /* amount columns, as wide as needed */

	for (i = 0; i < r->nbanks; i++) {
		aw = fen_width(r->banks[i].debit_fen, aw);
		aw = fen_width(r->banks[i].credit_fen, aw);
		tw = fen_width(r->banks[i].debit_fen + r->banks[i].credit_fen,
			       tw);
	}
	w = fen_width(r->debit_fen, w);
	w = fen_width(r->credit_fen, w);
	w = fen_width(r->debit_fen + r->credit_fen, w);
	w = fen_width(r->voided_fen, w);
	heading(fp, _("Totals by destination bank (voided items not counted)"));
	if (r->nbanks == 0)
		fprintf(fp, "%s\n", _("No items to count."));
	else {
		cell(fp, _("Bank"), 5, 0);
		cell(fp, _("Name"), 10, 0);
		cell(fp, _("Debits"), 6, 1);
		cell(fp, _("Amount"), aw, 1);
		cell(fp, _("Credits"), 7, 1);
		cell(fp, _("Amount"), aw, 1);
		out_cell(fp, _("Total"), tw, 1);
		row_end(fp);
		for (i = 0; i < r->nbanks; i++) {
			const struct report_bank *b = &r->banks[i];

			cell(fp, b->bank, 5, 0);
			cell(fp, b->name, 10, 0);
			count_amount(fp, b->debit_count, b->debit_fen, 6, aw);
			count_amount(fp, b->credit_count, b->credit_fen, 7, aw);
			cell_fen(fp, b->debit_fen + b->credit_fen, tw);
			row_end(fp);
		}
	}
	heading(fp, _("Totals by debit and credit"));
	cell(fp, "", 24, 0);
	cell(fp, _("Count"), 6, 1);
	out_cell(fp, _("Amount"), w, 1);
	row_end(fp);
	cell(fp, _("Debits"), 24, 0);
	count_amount(fp, r->debit_count, r->debit_fen, 6, w);
	row_end(fp);
	cell(fp, _("Credits"), 24, 0);
	count_amount(fp, r->credit_count, r->credit_fen, 6, w);
	row_end(fp);
	/* TRANSLATORS: the grand total of the day's items. */
	cell(fp, _("Total"), 24, 0);
	count_amount(fp, r->debit_count + r->credit_count,
		     r->debit_fen + r->credit_fen, 6, w);
	row_end(fp);
	cell(fp, _("Voided (not counted)"), 24, 0);
	count_amount(fp, r->voided_count, r->voided_fen, 6, w);
	row_end(fp);
}

/* The day's batches and how far the centre has answered them. */
static void text_batches(FILE *fp, const struct report *r)
{
	char n[4][24];
	size_t i;
	int j, aw = 16;

	heading(fp, _("Batches"));
	if (r->nbatches == 0) {
		fprintf(fp, "%s\n", _("No batches."));
		return;
	}
	for (i = 0; i < r->nbatches; i++) /* as wide as the largest total */
		aw = fen_width(
		    r->batches[i].debit_fen + r->batches[i].credit_fen, aw);
	cell(fp, _("Batch"), 20, 0);
	cell(fp, _("State"), 9, 0);
	cell(fp, _("Items"), 5, 1);
	cell(fp, _("Amount"), aw, 1);
	/* TRANSLATORS: the next four are short column headings: accepted,
	 * rejected, returned and still waiting for the centre's answer. */
	cell(fp, _("Acc."), 5, 1);
	cell(fp, _("Rej."), 5, 1);
	cell(fp, _("Ret."), 5, 1);
	out_cell(fp, _("Wait"), 5, 1);
	row_end(fp);
	for (i = 0; i < r->nbatches; i++) {
		const struct batch_rec *b = &r->batches[i];
		int64_t v[4] = {b->accepted, b->rejected, b->returned,
				b->waiting};

		cell(fp, b->batch_id, 20, 0);
		cell(fp, batch_state_name(b->state), 9, 0);
		snprintf(n[0], sizeof n[0], "%" PRId64, b->items);
		cell(fp, n[0], 5, 1);
		cell_fen(fp, b->debit_fen + b->credit_fen, aw);
		for (j = 0; j < 4; j++) {
			snprintf(n[j], sizeof n[j], "%" PRId64, v[j]);
			if (j < 3)
				cell(fp, n[j], 5, 1);
			else
				out_cell(fp, n[j], 5, 1);
		}
		row_end(fp);
	}
}

/* A notice's kind in the user's words. */
static const char *notice_kind(const char *kind)
{
	return label_status(kind);
}

/* The notices received for the day's items. */
static void text_notices(FILE *fp, const struct report *r)
{
	char seq[24], item[24], t[8];
	size_t i;

	heading(fp, _("Notices from the clearing centre"));
	if (r->nnotices == 0) {
		fprintf(fp, "%s\n", _("No notices."));
		return;
	}
	/* TRANSLATORS: column: the notice's number from the centre. */
	cell(fp, _("No."), 5, 1);
	cell(fp, _("Time"), 5, 0);
	cell(fp, _("Notice"), 10, 0);
	cell(fp, _("Item"), 5, 1);
	cell(fp, _("Serial"), 12, 0);
	cell(fp, _("Bank"), 5, 0);
	cell(fp, _("Amount"), 16, 1);
	out_cell(fp, _("Teller"), 8, 0);
	row_end(fp);
	for (i = 0; i < r->nnotices; i++) {
		const struct notice_rec *n = &r->notices[i];

		snprintf(seq, sizeof seq, "%" PRId64, n->seq);
		snprintf(item, sizeof item, "%" PRId64, n->item_id);
		cell(fp, seq, 5, 1);
		cell(fp, hhmm(n->applied_at, t, sizeof t), 5, 0);
		cell(fp, notice_kind(n->kind), 10, 0);
		cell(fp, n->item_id ? item : "-", 5, 1);
		cell(fp, n->serial, 12, 0);
		cell(fp, n->bank, 5, 0);
		cell_fen(fp, n->amount_fen, 16);
		out_cell(fp, n->teller, 8, 0);
		row_end(fp);
	}
}

/* Rejected and returned items with the centre's reasons. */
static void text_exceptions(FILE *fp, const struct report *r)
{
	char id[24];
	size_t i;
	int any = 0;

	heading(fp, _("Rejected and returned items"));
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (strcmp(it->status, "rejected") != 0 &&
		    strcmp(it->status, "returned") != 0)
			continue;
		if (!any) {
			cell(fp, _("ID"), 5, 1);
			cell(fp, _("Serial"), 12, 0);
			cell(fp, _("Bank"), 5, 0);
			cell(fp, _("Teller"), 8, 0);
			cell(fp, _("Amount"), 16, 1);
			out_cell(fp, _("Status"), 10, 0);
			row_end(fp);
		}
		any = 1;
		snprintf(id, sizeof id, "%" PRId64, it->id);
		cell(fp, id, 5, 1);
		cell(fp, it->serial, 12, 0);
		cell(fp, it->bank, 5, 0);
		cell(fp, it->teller, 8, 0);
		cell_fen(fp, it->amount_fen, 16);
		out_cell(fp, label_status(it->status), 10, 0);
		row_end(fp);
		cell(fp, "", 5, 0);
		fprintf(fp, _("Reason: %s"),
			reason_of(it->reason_code, it->reason));
		if (it->reason_code[0])
			fprintf(fp, " (%s)", it->reason_code);
		fputc('\n', fp);
	}
	if (!any)
		fprintf(fp, "%s\n", _("No rejected or returned items."));
}

/* Reprints of the day's code lines and labels, with who authorised. */
static void text_reprints(FILE *fp, const struct report *r)
{
	char what[48], t[24];
	size_t i;

	heading(fp, _("Reprints"));
	if (r->nreprints == 0) {
		fprintf(fp, "%s\n", _("No reprints."));
		return;
	}
	cell(fp, _("Time"), 11, 0);
	/* TRANSLATORS: column: what was printed again (cheque 12, bag 3). */
	cell(fp, _("Document"), 12, 0);
	cell(fp, _("Serial"), 10, 0);
	cell(fp, _("By"), 8, 0);
	/* TRANSLATORS: column: the supervisor who authorised it. */
	cell(fp, _("Authorised"), 10, 0);
	cell(fp, _("Queue"), 12, 0);
	out_cell(fp, _("Result"), 8, 0);
	row_end(fp);
	for (i = 0; i < r->nreprints; i++) {
		const struct reprint_rec *p = &r->reprints[i];

		if (p->item_id)
			snprintf(what, sizeof what, _("cheque %lld"),
				 (long long)p->item_id);
		else
			snprintf(what, sizeof what, _("bag %lld"),
				 (long long)p->bag_id);
		cell(fp, day_hhmm(p->sent_at, t, sizeof t), 11, 0);
		cell(fp, what, 12, 0);
		cell(fp, p->serial, 10, 0);
		cell(fp, p->user, 8, 0);
		cell(fp, p->auth[0] ? p->auth : "-", 10, 0);
		cell(fp, p->queue, 12, 0);
		out_cell(fp,
			 strcmp(p->state, "done") == 0	   ? _("printed")
			 : strcmp(p->state, "failed") == 0 ? _("failed")
							   : _("pending"),
			 8, 0);
		row_end(fp);
	}
}

/* Actions a supervisor authorised, and refusals. */
static void text_audit(FILE *fp, const struct report *r)
{
	char t[24];
	size_t i;

	heading(fp, _("Authorisations"));
	if (r->nauths == 0)
		fprintf(fp, "%s\n", _("No authorisations."));
	else {
		cell(fp, _("Time"), 11, 0);
		cell(fp, _("Action"), 18, 0);
		cell(fp, _("Object"), 26, 0);
		cell(fp, _("User"), 8, 0);
		out_cell(fp, _("Authorised"), 10, 0);
		row_end(fp);
	}
	for (i = 0; i < r->nauths; i++) {
		const struct report_audit *a = &r->auths[i];

		cell(fp, day_hhmm(a->at, t, sizeof t), 11, 0);
		cell(fp, a->action, 18, 0);
		cell(fp, a->object, 26, 0);
		cell(fp, a->user, 8, 0);
		out_cell(fp, a->auth, 10, 0);
		row_end(fp);
	}
	heading(fp, _("Refusals"));
	if (r->nrefusals == 0)
		fprintf(fp, "%s\n", _("No refusals."));
	else {
		cell(fp, _("Time"), 11, 0);
		cell(fp, _("User"), 8, 0);
		cell(fp, _("Action refused"), 20, 0);
		out_cell(fp, _("Why"), 37, 0);
		row_end(fp);
	}
	for (i = 0; i < r->nrefusals; i++) {
		const struct report_audit *a = &r->refusals[i];

		cell(fp, day_hhmm(a->at, t, sizeof t), 11, 0);
		cell(fp, a->user[0] ? a->user : "-", 8, 0);
		cell(fp, a->action, 20, 0);
		out_cell(fp, a->why[0] ? a->why : _("no permission"), 37, 0);
		row_end(fp);
	}
}

/* Write every section of the report. */
static void write_sections(FILE *fp, const struct report *r)
{
	text_head(fp, r);
	text_items(fp, r);
	text_totals(fp, r);
	text_batches(fp, r);
	text_notices(fp, r);
	text_exceptions(fp, r);
	text_reprints(fp, r);
	text_audit(fp, r);
	fprintf(fp, "\n%s\n", _("End of report."));
}

/* Drop the blanks the padded cells leave at the ends of lines. */
static size_t trim_lines(char *buf, size_t len)
{
	size_t in, out = 0, blanks = 0;

	for (in = 0; in < len; in++) {
		if (buf[in] == ' ') {
			blanks++;
			continue;
		}
		if (buf[in] != '\n')
			while (blanks > 0) {
				buf[out++] = ' ';
				blanks--;
			}
		blanks = 0;
		buf[out++] = buf[in];
	}
	buf[out] = '\0';
	return out;
}

char *report_text(const struct report *r, size_t *len)
{
	char *buf = NULL, *esc;
	FILE *fp = open_memstream(&buf, len);

	if (fp == NULL)
		return NULL;
	write_sections(fp, r);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	*len = trim_lines(buf, *len);
	/* Stored text (names, reasons, user IDs) shows control and bidi
	 * characters escaped, on the terminal, the screen and the printer. */
	esc = text_escape_dup(buf, TEXT_ESC_KEEP_NL | TEXT_ESC_KEEP_TAB);
	free(buf);
	if (esc != NULL)
		*len = strlen(esc);
	return esc;
}

void report_write_text(FILE *fp, const struct report *r)
{
	size_t len;
	char *text = report_text(r, &len);

	if (text == NULL) {
		/* out of memory: unaligned blanks are better than nothing */
		write_sections(fp, r);
		return;
	}
	fwrite(text, 1, len, fp);
	free(text);
}

/* One CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *fp, const char *s, int last)
{
	const char *p;
	char *e = text_escape_dup(s, TEXT_ESC_KEEP_NL);

	if (e != NULL)
		s = e; /* control and bidi characters escaped */
	if (strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, fp);
	else {
		fputc('"', fp);
		for (p = s; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
	}
	fputs(last ? "\r\n" : ",", fp);
	free(e);
}

/* The fields of one CSV row. */
struct csv_row {
	const char *record, *id, *time, *teller, *kind, *serial, *bank, *type,
	    *dc, *count, *amount_fen, *amount, *status, *batch, *bag,
	    *reason_code, *reason;
};

/* Write ROW; NULL fields are empty. */
static void csv_row(FILE *fp, const struct csv_row *row)
{
	const char *f[] = {
	    row->record,      row->id,	   row->time,	row->teller, row->kind,
	    row->serial,      row->bank,   row->type,	row->dc,     row->count,
	    row->amount_fen,  row->amount, row->status, row->batch,  row->bag,
	    row->reason_code, row->reason};
	size_t i, n = sizeof f / sizeof f[0];

	for (i = 0; i < n; i++)
		csv_field(fp, f[i] ? f[i] : "", i + 1 == n);
}

/* A totals row: RECORD, BANK (or NULL), DC (or NULL), COUNT, FEN. */
static void csv_total(FILE *fp, const char *record, const char *bank,
		      const char *dc, int64_t count, int64_t fen)
{
	char n[24], f[24], plain[MONEY_FIGURES_LEN];
	struct csv_row row = {0};

	snprintf(n, sizeof n, "%" PRId64, count);
	snprintf(f, sizeof f, "%" PRId64, fen);
	row.record = record;
	row.bank = bank;
	row.dc = dc;
	row.count = n;
	row.amount_fen = f;
	row.amount = money_format_plain(fen, plain, sizeof plain);
	csv_row(fp, &row);
}

void report_write_csv(FILE *fp, const struct report *r)
{
	static const struct csv_row header = {
	    "record", "id",    "time", "teller",      "kind",	    "serial",
	    "bank",   "type",  "dc",   "count",	      "amount_fen", "amount",
	    "status", "batch", "bag",  "reason_code", "reason"};
	char id[24], fen[24], plain[MONEY_FIGURES_LEN], bag[24], dc[2] = "";
	size_t i;

	csv_row(fp, &header);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];
		struct csv_row row = {0};
		size_t b;

		snprintf(id, sizeof id, "%" PRId64, it->id);
		snprintf(fen, sizeof fen, "%" PRId64, it->amount_fen);
		snprintf(bag, sizeof bag, "%" PRId64, it->bag_id);
		dc[0] = it->dc;
		row.record = "item";
		row.id = id;
		row.time = it->created_at;
		row.teller = it->teller;
		row.kind = it->kind == ITEM_BILL ? "bill" : "cheque";
		row.serial = it->serial;
		row.bank = it->bank;
		row.type = it->type;
		row.dc = dc;
		row.count = "1";
		row.amount_fen = fen;
		row.amount =
		    money_format_plain(it->amount_fen, plain, sizeof plain);
		row.status = it->status;
		for (b = 0; b < r->nbatches; b++)
			if (r->batches[b].id == it->batch)
				row.batch = r->batches[b].batch_id;
		row.bag = it->bag_id ? bag : NULL;
		row.reason_code = it->reason_code;
		row.reason = it->reason;
		csv_row(fp, &row);
	}
	for (i = 0; i < r->nbanks; i++) {
		const struct report_bank *b = &r->banks[i];

		if (b->debit_count)
			csv_total(fp, "bank-total", b->bank, "D",
				  b->debit_count, b->debit_fen);
		if (b->credit_count)
			csv_total(fp, "bank-total", b->bank, "C",
				  b->credit_count, b->credit_fen);
	}
	csv_total(fp, "dc-total", NULL, "D", r->debit_count, r->debit_fen);
	csv_total(fp, "dc-total", NULL, "C", r->credit_count, r->credit_fen);
	csv_total(fp, "total", NULL, NULL, r->debit_count + r->credit_count,
		  r->debit_fen + r->credit_fen);
	csv_total(fp, "voided", NULL, NULL, r->voided_count, r->voided_fen);
}

/* {"count": N, "amount_fen": F}. */
static cJSON *json_total(int64_t count, int64_t fen)
{
	cJSON *o = cJSON_CreateObject();

	json_add_int64(o, "count", count);
	json_add_int64(o, "amount_fen", fen);
	return o;
}

/* The totals: by bank, debits, credits, all and voided. */
static cJSON *json_totals(const struct report *r)
{
	cJSON *o = cJSON_CreateObject(), *banks = cJSON_CreateArray(), *b;
	size_t i;

	for (i = 0; i < r->nbanks; i++) {
		b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "bank", r->banks[i].bank);
		json_add_opt(b, "name", r->banks[i].name);
		cJSON_AddItemToObject(
		    b, "debit",
		    json_total(r->banks[i].debit_count, r->banks[i].debit_fen));
		cJSON_AddItemToObject(b, "credit",
				      json_total(r->banks[i].credit_count,
						 r->banks[i].credit_fen));
		cJSON_AddItemToObject(
		    b, "all",
		    json_total(r->banks[i].debit_count +
				   r->banks[i].credit_count,
			       r->banks[i].debit_fen + r->banks[i].credit_fen));
		cJSON_AddItemToArray(banks, b);
	}
	cJSON_AddItemToObject(o, "banks", banks);
	cJSON_AddItemToObject(o, "debit",
			      json_total(r->debit_count, r->debit_fen));
	cJSON_AddItemToObject(o, "credit",
			      json_total(r->credit_count, r->credit_fen));
	cJSON_AddItemToObject(o, "all",
			      json_total(r->debit_count + r->credit_count,
					 r->debit_fen + r->credit_fen));
	cJSON_AddItemToObject(o, "voided",
			      json_total(r->voided_count, r->voided_fen));
	return o;
}

/* An authorisation or refusal. */
static cJSON *json_audit(const struct report_audit *a, int refusal)
{
	cJSON *o = cJSON_CreateObject();

	json_add_int64(o, "audit_id", a->id);
	cJSON_AddStringToObject(o, "at", a->at);
	json_add_opt(o, "user", a->user);
	cJSON_AddStringToObject(o, "action", a->action);
	json_add_opt(o, "object", a->object);
	if (refusal)
		json_add_opt(o, "why", a->why);
	else
		cJSON_AddStringToObject(o, "authorised_by", a->auth);
	return o;
}

/* The lists after the totals: batches, notices, reprints, audit rows. */
static void json_lists(cJSON *o, const struct report *r)
{
	cJSON *arr, *e;
	size_t i;

	arr = cJSON_AddArrayToObject(o, "batches");
	for (i = 0; i < r->nbatches; i++) {
		const struct batch_rec *b = &r->batches[i];

		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "batch_id", b->batch_id);
		cJSON_AddNumberToObject(e, "session", b->session);
		cJSON_AddStringToObject(e, "state", batch_state_name(b->state));
		json_add_int64(e, "items", b->items);
		json_add_int64(e, "debit_fen", b->debit_fen);
		json_add_int64(e, "credit_fen", b->credit_fen);
		json_add_int64(e, "accepted", b->accepted);
		json_add_int64(e, "rejected", b->rejected);
		json_add_int64(e, "returned", b->returned);
		json_add_int64(e, "waiting", b->waiting);
		cJSON_AddItemToArray(arr, e);
	}
	arr = cJSON_AddArrayToObject(o, "notices");
	for (i = 0; i < r->nnotices; i++) {
		const struct notice_rec *n = &r->notices[i];

		e = cJSON_CreateObject();
		json_add_int64(e, "seq", n->seq);
		cJSON_AddStringToObject(e, "kind", n->kind);
		cJSON_AddStringToObject(e, "batch_id", n->batch_id);
		cJSON_AddNumberToObject(e, "ref", n->ref);
		if (n->item_id)
			json_add_int64(e, "item", n->item_id);
		else
			cJSON_AddNullToObject(e, "item");
		json_add_opt(e, "serial", n->serial);
		json_add_opt(e, "bank", n->bank);
		json_add_int64(e, "amount_fen", n->amount_fen);
		json_add_opt(e, "reason_code", n->reason_code);
		json_add_opt(e, "reason", n->reason);
		cJSON_AddStringToObject(e, "at", n->at);
		cJSON_AddStringToObject(e, "applied_at", n->applied_at);
		json_add_opt(e, "teller", n->teller);
		cJSON_AddItemToArray(arr, e);
	}
	arr = cJSON_AddArrayToObject(o, "rejected_returned");
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (strcmp(it->status, "rejected") != 0 &&
		    strcmp(it->status, "returned") != 0)
			continue;
		e = cJSON_CreateObject();
		json_add_int64(e, "id", it->id);
		cJSON_AddStringToObject(e, "status", it->status);
		cJSON_AddStringToObject(e, "serial", it->serial);
		cJSON_AddStringToObject(e, "bank", it->bank);
		json_add_int64(e, "amount_fen", it->amount_fen);
		cJSON_AddStringToObject(e, "teller", it->teller);
		json_add_opt(e, "reason_code", it->reason_code);
		json_add_opt(e, "reason", it->reason);
		cJSON_AddItemToArray(arr, e);
	}
	arr = cJSON_AddArrayToObject(o, "reprints");
	for (i = 0; i < r->nreprints; i++) {
		const struct reprint_rec *p = &r->reprints[i];

		e = cJSON_CreateObject();
		if (p->item_id)
			json_add_int64(e, "item", p->item_id);
		else
			json_add_int64(e, "bag", p->bag_id);
		json_add_opt(e, "serial", p->serial);
		json_add_opt(e, "bank", p->bank);
		cJSON_AddStringToObject(e, "queue", p->queue);
		cJSON_AddNumberToObject(e, "job", p->job_id);
		cJSON_AddStringToObject(e, "state", p->state);
		cJSON_AddStringToObject(e, "user", p->user);
		json_add_opt(e, "authorised_by", p->auth);
		json_add_opt(e, "reason", p->reason);
		cJSON_AddStringToObject(e, "sent_at", p->sent_at);
		cJSON_AddItemToArray(arr, e);
	}
	arr = cJSON_AddArrayToObject(o, "authorisations");
	for (i = 0; i < r->nauths; i++)
		cJSON_AddItemToArray(arr, json_audit(&r->auths[i], 0));
	arr = cJSON_AddArrayToObject(o, "refusals");
	for (i = 0; i < r->nrefusals; i++)
		cJSON_AddItemToArray(arr, json_audit(&r->refusals[i], 1));
}

cJSON *report_json(const struct report *r)
{
	cJSON *o = cJSON_CreateObject(), *arr, *e;
	size_t i;

	cJSON_AddStringToObject(o, "branch", r->branch_no);
	cJSON_AddStringToObject(o, "branch_name", r->branch_name);
	cJSON_AddStringToObject(o, "business_date", r->date);
	if (r->session)
		cJSON_AddNumberToObject(o, "session", r->session);
	else
		cJSON_AddNullToObject(o, "session");
	cJSON_AddNumberToObject(o, "sessions", r->nsessions);
	cJSON_AddStringToObject(o, "produced_by", r->by);
	cJSON_AddStringToObject(o, "produced_at", r->at);
	arr = cJSON_AddArrayToObject(o, "items");
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];
		const char *batch_id = NULL;
		size_t b;

		e = json_item(it);
		for (b = 0; b < r->nbatches; b++)
			if (r->batches[b].id == it->batch)
				batch_id = r->batches[b].batch_id;
		json_add_opt(e, "batch_id", batch_id);
		cJSON_AddNumberToObject(e, "prints", it->prints);
		json_add_opt(e, "reason_code", it->reason_code);
		json_add_opt(e, "reason", it->reason);
		cJSON_AddItemToArray(arr, e);
	}
	cJSON_AddItemToObject(o, "totals", json_totals(r));
	json_lists(o, r);
	return o;
}
