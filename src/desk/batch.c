/* batch.c - closing a session's outgoing batch: what may not go out yet,
 * the batch built from the store, the signed file, and locking its items
 * and bags in the same transaction as its audit record. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch-scratch.h"
#include "batch.h"
#include "db-audit.h"
#include "db-bags.h"
#include "db-items.h"
#include "grow.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile.h"
#include "labels.h"
#include "money.h"
#include "sign.h"

#define BLOCKERS_SHOWN 8 /* items or bags named in a refusal */

/* What one pass over a session's items gathers: the blockers, the bags,
 * the totals and (when W is set) the file, never the items themselves. */
struct collect {
	struct batch *b;
	int64_t bag_index; /* the bag whose bills are being read, or -1 */
	int unprinted, open_bags, shown;
	int unsettled;	 /* sealed bags whose label job never finished */
	char which[400]; /* "cheque 12, bag 3, ..." */
	int oom;
	size_t rows_cap;	    /* of b->by_bank */
	size_t bags_cap;	    /* of b->bags */
	struct cd_error terr;	    /* the first item the totals refuse */
	int bad_total;		    /* ... when set */
	int64_t bag_count, bag_fen; /* the bills of the open bag so far */
	struct batch_stream *w;	    /* the file being written, or NULL */
	struct batch_refs *refs;    /* the ids written, or NULL */
	struct cd_error *err;	    /* the writer's error */
	int wfailed;		    /* ... when set */
	struct batch_item bi;	    /* the row being read, as written */
};

/* Add "what N" to the list of blockers. */
static void blocker(struct collect *c, const char *what, int64_t id)
{
	size_t n = strlen(c->which);

	if (++c->shown > BLOCKERS_SHOWN)
		return;
	snprintf(c->which + n, sizeof c->which - n, "%s%s %lld", n ? ", " : "",
		 what, (long long)id);
}

/* The by_bank row of BANK and DC, added in its sorted place (bank, then
 * C before D) when new; NULL when out of memory. */
static struct batch_total *total_row(struct collect *c, const char *bank,
				     char dc)
{
	struct batch *b = c->b;
	size_t lo = 0, hi = b->nby_bank, mid;
	int k;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		k = strcmp(b->by_bank[mid].bank, bank);
		if (k == 0)
			k = (b->by_bank[mid].dc > dc) -
			    (b->by_bank[mid].dc < dc);
		if (k == 0)
			return &b->by_bank[mid];
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (GROW_ONE(b->by_bank, c->rows_cap, b->nby_bank) != 0)
		return NULL;
	memmove(&b->by_bank[lo + 1], &b->by_bank[lo],
		(b->nby_bank - lo) * sizeof *b->by_bank);
	b->nby_bank++;
	memset(&b->by_bank[lo], 0, sizeof *b->by_bank);
	snprintf(b->by_bank[lo].bank, sizeof b->by_bank[lo].bank, "%s", bank);
	b->by_bank[lo].dc = dc;
	return &b->by_bank[lo];
}

/* N more items of FEN in all into a count and amount; -1 on overflow. */
static int sum_add_n(int64_t *count, int64_t *amount, int64_t n, int64_t fen)
{
	if (__builtin_add_overflow(*amount, fen, amount))
		return -1;
	*count += n;
	return 0;
}

/* Count N items (from ref REF on) to BANK, DC of FEN in all into the
 * totals, as batch_compute_totals does (IN_BAG: into the open bag's too);
 * the first refusal is kept in C->terr. */
static void count_items(struct collect *c, int ref, const char *bank, char dc,
			int64_t n, int64_t fen, int in_bag)
{
	struct batch *b = c->b;
	struct batch_total *side, *row;

	if (c->bad_total)
		return;
	if (fen <= 0 || n <= 0 || (dc != 'D' && dc != 'C')) {
		c->bad_total = 1;
		cd_err(&c->terr, CD_EINVAL, "totals",
		       _("totals: item %d has no amount or is neither "
			 "debit nor credit."),
		       ref);
		return;
	}
	side = dc == 'D' ? &b->debit : &b->credit;
	if (sum_add_n(&side->count, &side->amount_fen, n, fen) ||
	    sum_add_n(&b->all.count, &b->all.amount_fen, n, fen) ||
	    (in_bag && sum_add_n(&c->bag_count, &c->bag_fen, n, fen))) {
		c->bad_total = 1;
		cd_err(&c->terr, CD_EINVAL, "totals",
		       _("totals: the amounts add up to more than a "
			 "batch can hold; split the items over several "
			 "batches."));
		return;
	}
	row = total_row(c, bank, dc);
	if (row == NULL)
		c->oom = 1;
	else
		/* Cannot overflow: the sides' sums did not. */
		sum_add_n(&row->count, &row->amount_fen, n, fen);
}

/* Take IT (C->bi.it, as read) as the next item of the batch: a cheque
 * (bag -1) or a bill of bag BAG; counted, and written when a file is
 * being written. */
static int add_item(struct collect *c, const struct item *it, int bag)
{
	struct batch *b = c->b;
	const struct bag *g = bag >= 0 ? &b->bags[bag] : NULL;

	b->nitems++;
	b->ncheques += bag < 0;
	count_items(c, (int)b->nitems, g ? g->bank : it->bank,
		    g ? g->dc : it->dc, 1, it->amount_fen, g != NULL);
	if (c->w == NULL || c->wfailed || c->shown > 0 || c->oom ||
	    c->bad_total)
		return c->oom;
	if (c->refs != NULL && batch_refs_add(c->refs, it->id, 0) != 0) {
		c->oom = 1;
		return 1;
	}
	c->bi.ref = (int)b->nitems;
	c->bi.bag = bag;
	if ((g ? batch_stream_bill(c->w, &c->bi, c->err)
	       : batch_stream_cheque(c->w, &c->bi, c->err)) != CD_OK) {
		c->wfailed = 1;
		return 1;
	}
	return 0;
}

/* Item callback: cheques of the session. */
static int on_cheque(const struct item *it, void *ctx)
{
	struct collect *c = ctx;

	if (strcmp(it->status, "voided") == 0)
		return 0;
	if (strcmp(it->status, "registered") == 0) {
		c->unprinted++;
		blocker(c, _("cheque"), it->id);
		return 0;
	}
	return add_item(c, it, -1);
}

/* Item callback: the bills of the bag being read. */
static int on_bill(const struct item *it, void *ctx)
{
	struct collect *c = ctx;

	if (strcmp(it->status, "voided") == 0)
		return 0;
	return add_item(c, it, (int)c->bag_index);
}

/* Bag callback: sealed bags with bills go in; open ones block. */
static int on_bag(const struct bag *bg, void *ctx)
{
	struct collect *c = ctx;
	struct batch *b = c->b;

	if (bg->count == 0)
		return 0;
	if (strcmp(bg->status, "sealed") != 0) {
		c->open_bags++;
		blocker(c, _("bag"), bg->id);
		return 0;
	}
	if (bg->prints == 0 && bg->batch == 0) {
		/* Sealed as its label went out, but the job never finished
		 * (chequedesk stopped, or the printer failed it); a bag
		 * already in a batch (a resend) goes as it went. */
		c->unsettled++;
		blocker(c, _("bag"), bg->id);
		return 0;
	}
	if (GROW_ONE(b->bags, c->bags_cap, b->nbags) != 0) {
		c->oom = 1;
		return 1;
	}
	b->bags[b->nbags++] = *bg;
	return 0;
}

/* An empty total row. */
static void total_reset(struct batch_total *t, char dc)
{
	memset(t, 0, sizeof *t);
	t->dc = dc;
}

/* The error of a pass that ran out of memory. */
static int out_of_memory(struct cd_error *err)
{
	return cd_err(err, CD_EFAIL, NULL,
		      _("Out of memory. Close other programs or "
			"restart chequedesk, then try again; if it "
			"happens again, report it to branch IT."));
}

/* Empty debit, credit and all totals in B. */
static void totals_reset(struct batch *b)
{
	total_reset(&b->debit, 'D');
	total_reset(&b->credit, 'C');
	total_reset(&b->all, '\0');
}

/* The bags of a session not yet in a batch (BATCH 0), or those of batch
 * BATCH, through on_bag. */
static int read_bags(struct desk *d, const char *date, int session,
		     int64_t batch, struct collect *c, struct cd_error *err)
{
	struct bag_filter bf = {0};

	bf.date = date;
	bf.session = session;
	bf.unbatched = batch == 0;
	bf.batch = batch;
	return bag_list(d->st, &bf, on_bag, c, err);
}

/* Read the items and bags of a session not yet in a batch (BATCH 0), or
 * those of batch BATCH, once, in file order: into C's totals, and into
 * the file when C->w is set (its header already written). */
static int collect(struct desk *d, const char *date, int session, int64_t batch,
		   struct collect *c, struct cd_error *err)
{
	struct batch *b = c->b;
	size_t i;

	totals_reset(b);
	c->err = err;
	if (item_batch_cheques(d->st, date, session, batch, &c->bi.it,
			       on_cheque, c, err) != CD_OK)
		return err->status;
	if (!c->oom && !c->wfailed &&
	    read_bags(d, date, session, batch, c, err) != CD_OK)
		return err->status;
	for (i = 0; !c->oom && !c->wfailed && i < b->nbags; i++) {
		c->bag_index = (int64_t)i;
		c->bag_count = c->bag_fen = 0;
		if (c->w != NULL && c->shown == 0 && !c->bad_total &&
		    batch_stream_bag(c->w, &b->bags[i], err) != CD_OK)
			return err->status;
		if (item_batch_bills(d->st, b->bags[i].id, &c->bi.it, on_bill,
				     c, err) != CD_OK)
			return err->status;
		if (c->wfailed)
			break;
		/* the file gave the bag's count and amount before its
		 * bills: they must be what the bills add up to */
		if (!c->bad_total && (c->bag_count != b->bags[i].count ||
				      c->bag_fen != b->bags[i].amount_fen))
			return cd_err(
			    err, CD_ECONFLICT, NULL,
			    _("The bills of bag %lld changed while the batch "
			      "was being written. Nothing was closed; close "
			      "again."),
			    (long long)b->bags[i].id);
	}
	if (c->wfailed)
		return err->status;
	if (c->oom)
		return out_of_memory(err);
	return CD_OK;
}

/* Totals callback of a plan: the unbatched cheques to one bank and D/C. */
static int on_total(const char *bank, char dc, int64_t count, int64_t fen,
		    int64_t unprinted, void *ctx)
{
	struct collect *c = ctx;
	struct batch *b = c->b;

	c->unprinted += (int)unprinted;
	count_items(c, (int)b->nitems + 1, bank, dc, count, fen, 0);
	b->nitems += (size_t)count;
	b->ncheques += (size_t)count;
	return c->oom;
}

/* Item callback: a cheque whose code line is not printed, named until
 * enough are. */
static int on_unprinted(const struct item *it, void *ctx)
{
	struct collect *c = ctx;

	blocker(c, _("cheque"), it->id);
	return c->shown >= BLOCKERS_SHOWN;
}

/* What a plan shows, without reading every item: the session's unbatched
 * cheques totalled in SQL by bank and D/C, the bags with their bills'
 * totals, and what blocks a close (a few unprinted cheques named). */
static int plan_totals(struct desk *d, const char *date, int session,
		       struct collect *c, struct cd_error *err)
{
	struct item_filter f = {0};
	struct batch *b = c->b;
	size_t i;

	totals_reset(b);
	if (item_bank_totals(d->st, date, session, on_total, c, err) != CD_OK)
		return err->status;
	if (!c->oom && c->unprinted > 0) {
		f.date = date;
		f.session = session;
		f.kind = "cheque";
		f.status = "registered";
		f.unbatched = 1;
		if (item_list(d->st, &f, on_unprinted, c, err) != CD_OK)
			return err->status;
		/* all of them count as shown, as in a close's pass */
		if (c->shown < c->unprinted)
			c->shown = c->unprinted;
	}
	if (!c->oom && read_bags(d, date, session, 0, c, err) != CD_OK)
		return err->status;
	for (i = 0; !c->oom && i < b->nbags; i++) {
		count_items(c, (int)b->nitems + 1, b->bags[i].bank,
			    b->bags[i].dc, b->bags[i].count,
			    b->bags[i].amount_fen, 0);
		b->nitems += (size_t)b->bags[i].count;
	}
	if (c->oom)
		return out_of_memory(err);
	return CD_OK;
}

/* Fill the header for this branch and user. */
static void fill_header(struct desk *d, struct batch *b, const char *date,
			int session, int nn, const char *created)
{
	struct batch_header *h = &b->h;

	snprintf(h->branch, sizeof h->branch, "%s", d->branch.exchange_no);
	snprintf(h->branch_name, sizeof h->branch_name, "%s", d->branch.name);
	snprintf(h->business_date, sizeof h->business_date, "%s", date);
	h->session = session;
	batch_make_id(d->branch.exchange_no, date, session, nn, h->batch_id);
	snprintf(h->created, sizeof h->created, "%s", created);
	snprintf(h->closed_by, sizeof h->closed_by, "%s", d->user.id);
}

/* Refuse a close C's pass found blocked or empty, or whose totals are
 * wrong; CD_OK when the batch may go. */
static int may_close(const struct collect *c, const struct batch *b,
		     const char *date, int session, struct cd_error *err)
{
	if (c->unprinted || c->open_bags)
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("Session %d of %s cannot be closed yet. Cheques without "
		      "a "
		      "printed code line: %d; bags not sealed: %d (%s%s). "
		      "Print those code lines and bag labels ('chequedesk "
		      "print cheque|bag ID'), then close again."),
		    session, date, c->unprinted, c->open_bags, c->which,
		    c->shown > BLOCKERS_SHOWN ? ", ..." : "");
	if (c->unsettled)
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("Session %d of %s cannot be closed yet: bag labels "
		      "were sent to the printer but are not known to have "
		      "printed (%s%s; chequedesk stopped, or the printer "
		      "failed the job). Print them again ('chequedesk print "
		      "bag ID'): chequedesk asks the printer how each job "
		      "ended and prints only if it did not. Then close "
		      "again."),
		    session, date, c->which,
		    c->shown > BLOCKERS_SHOWN ? ", ..." : "");
	if (b->nitems == 0)
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Nothing to close: session %d of %s has no "
				"items that are not already in a batch."),
			      session, date);
	if (c->bad_total) {
		*err = c->terr;
		return err->status;
	}
	return CD_OK;
}

/* The date and session a close means (DATE NULL and SESSION 0: the
 * current ones) into DATE_OUT and *SESSION_OUT, checked; NOW the time. */
static int close_slot(struct desk *d, const char *date, int session,
		      struct cd_now *now, char *date_out, int *session_out,
		      struct cd_error *err)
{
	struct business_slot slot;
	char today[DATE_LEN];

	if (desk_slot(d, now, &slot, err) != CD_OK)
		return err->status;
	cd_date_format(slot.date, today);
	if (date == NULL)
		date = today;
	if (session == 0 && strcmp(date, today) != 0)
		return cd_err(err, CD_EUSAGE, "session",
			      _("Say which session of %s to close with "
				"--session N."),
			      date);
	if (session == 0)
		session = slot.session;
	if (session < 1 || session > d->conf.cal.nsessions)
		return cd_err(err, CD_EINVAL, "session",
			      _("There is no session %d: this branch has "
				"sessions 1 to %d."),
			      session, d->conf.cal.nsessions);
	snprintf(date_out, DATE_LEN, "%s", date);
	*session_out = session;
	return CD_OK;
}

/* Build the batch a close would send: header, bags and totals, from SQL
 * totals without reading the items (OUT->items stays NULL). */
int batch_plan(struct desk *d, const char *date, int session, struct batch *out,
	       struct cd_error *err)
{
	struct collect c;
	struct cd_now now;
	char day[DATE_LEN];
	int nn, rc;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.b = out;
	if (close_slot(d, date, session, &now, day, &session, err) != CD_OK)
		return err->status;
	rc = plan_totals(d, day, session, &c, err);
	if (rc == CD_OK)
		rc = batch_rec_next_nn(d->st, day, session, &nn, err);
	if (rc == CD_OK) {
		fill_header(d, out, day, session, nn, now.stamp);
		rc = may_close(&c, out, day, session, err);
	}
	if (rc != CD_OK)
		batch_free(out);
	return rc;
}

/* The branch key, opened with the access code; a wrong code is counted
 * and audited, and too many in a row lock it for a while (keyfile.c). */
static EVP_PKEY *open_key(struct desk *d, const char *access_code,
			  const char *object, struct cd_error *err)
{
	return keyfile_open(d, access_code, object, err);
}

/* Write batch DATE/SESSION (BATCH 0: the items not yet in a batch, else
 * those of BATCH) with B's header into SP in one pass, into B's totals,
 * noting the items' ids in REFS (may be NULL); C gets what the pass
 * found. */
static int write_batch(struct desk *d, const char *date, int session,
		       int64_t batch, struct scratch *sp, struct batch *b,
		       struct collect *c, struct batch_refs *refs,
		       struct cd_error *err)
{
	struct batch_stream w;
	int rc;

	memset(c, 0, sizeof *c);
	c->b = b;
	c->w = &w;
	c->refs = refs;
	rc = batch_stream_begin(&w, &b->h, scratch_sink, sp, err);
	if (rc == CD_OK)
		rc = collect(d, date, session, batch, c, err);
	if (rc == CD_OK && c->shown == 0 && !c->bad_total)
		rc = batch_stream_end(&w, b, err);
	batch_stream_free(&w);
	return rc;
}

/* Fill R's counts from the totals of B. */
static void rec_counts(const struct batch *b, struct batch_rec *r)
{
	r->items = (int64_t)b->nitems;
	r->debit_count = b->debit.count;
	r->debit_fen = b->debit.amount_fen;
	r->credit_count = b->credit.count;
	r->credit_fen = b->credit.amount_fen;
}

/* True when the totals of A and B agree row by row. */
static int same_totals(const struct batch *a, const struct batch *b)
{
	size_t i;

	if (a->nitems != b->nitems || a->nby_bank != b->nby_bank ||
	    a->all.amount_fen != b->all.amount_fen ||
	    a->debit.amount_fen != b->debit.amount_fen)
		return 0;
	for (i = 0; i < a->nby_bank; i++)
		if (strcmp(a->by_bank[i].bank, b->by_bank[i].bank) != 0 ||
		    a->by_bank[i].dc != b->by_bank[i].dc ||
		    a->by_bank[i].count != b->by_bank[i].count ||
		    a->by_bank[i].amount_fen != b->by_bank[i].amount_fen)
			return 0;
	return 1;
}

/* Lock the bags of B, then its items (REFS, as written) set-wise, into
 * batch ID; every item written to the file must be locked, and no other. */
static int lock_batch(struct desk *d, const struct batch *b,
		      struct batch_refs *refs, int64_t id, struct cd_error *err)
{
	int64_t changed = 0;
	size_t i;

	for (i = 0; i < b->nbags; i++)
		if (bag_set_batch(d->st, b->bags[i].id, id, err) != CD_OK)
			return err->status;
	if (batch_lock_items(d->st, id, b->h.business_date, b->h.session, refs,
			     &changed, err) != CD_OK)
		return err->status;
	if (changed != (int64_t)b->nitems || refs->misses != 0)
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Items of session %d of %s changed while batch "
				"%s was being written (%lld in the file, %lld "
				"to lock). Nothing was closed; close again."),
			      b->h.session, b->h.business_date, b->h.batch_id,
			      (long long)b->nitems, (long long)changed);
	return CD_OK;
}

/* The audit record of a close or resend. */
static int audit_batch(struct desk *d, const char *action,
		       const struct batch_rec *r, const struct batch_anchor *a,
		       struct cd_error *err)
{
	cJSON *o = cJSON_CreateObject();
	char object[64], *after;
	int rc;

	cJSON_AddStringToObject(o, "batch_id", r->batch_id);
	json_add_int64(o, "items", r->items);
	json_add_int64(o, "debit_count", r->debit_count);
	json_add_int64(o, "debit_fen", r->debit_fen);
	json_add_int64(o, "credit_count", r->credit_count);
	json_add_int64(o, "credit_fen", r->credit_fen);
	cJSON_AddStringToObject(o, "digest", r->digest);
	if (a->record > 0) {
		/* where the next anchor starts (audit_anchor_start) */
		json_add_int64(o, "audit_from", a->from);
		json_add_int64(o, "audit_to", a->record);
	}
	after = json_take_string(o);
	snprintf(object, sizeof object, "batch:%s", r->batch_id);
	rc = audit_add(d->st, r->closed_at, d->user.id, action, object, NULL,
		       after, err);
	free(after);
	return rc;
}

/* The head of the audit chain for the file of a close, or of a resend
 * of OLD (docs/audit.md): the records since the last anchor; a resend
 * starts where the file it replaces started, since that one never
 * reached the centre. */
static int anchor(struct desk *d, const struct batch_rec *old,
		  struct batch_anchor *a, struct cd_error *err)
{
	struct batch_anchor was = {0};
	struct batch_rec full;
	int64_t from;
	int rc = audit_anchor_start(d->st, &from, err);

	if (rc == CD_OK && old != NULL &&
	    batch_rec_get(d->st, old->id, 1, &full, err) == CD_OK) {
		if (batch_read_anchor(full.file, full.file_len, &was, err) ==
			CD_OK &&
		    was.record > 0 && was.from < from)
			from = was.from;
		free(full.file);
		free(was.leaves);
	}
	return rc == CD_OK ? audit_anchor_make(d->st, from, a, err) : rc;
}

/* Fill the stored record's identity from B. */
static void rec_from_plan(const struct batch *b, int nn, struct batch_rec *r)
{
	snprintf(r->batch_id, sizeof r->batch_id, "%s", b->h.batch_id);
	snprintf(r->business_date, sizeof r->business_date, "%s",
		 b->h.business_date);
	r->session = b->h.session;
	r->nn = nn;
	r->state = BATCH_CLOSED;
	snprintf(r->closed_by, sizeof r->closed_by, "%s", b->h.closed_by);
	snprintf(r->closed_at, sizeof r->closed_at, "%s", b->h.created);
}

/* Close the batch the supervisor saw: one pass over the items inside the
 * transaction writes the file (to a scratch file, signed and hashed as it
 * goes) and recounts the totals; the file is stored in pieces and the
 * items locked in one statement. */
int batch_close(struct desk *d, const struct batch *shown,
		const char *access_code, struct batch_rec *out,
		struct cd_error *err)
{
	struct batch_refs refs = {0};
	struct batch now;
	struct collect c;
	struct cd_now t;
	struct scratch *sp;
	EVP_PKEY *key;
	int rc, nn = 0;

	memset(out, 0, sizeof *out);
	memset(&now, 0, sizeof now);
	if (desk_require(d, PERM_BATCH, "batch.close", err) != CD_OK ||
	    desk_authorise(d, DUAL_CLOSE, "batch.close", shown->h.batch_id,
			   err) != CD_OK)
		return err->status;
	key = open_key(d, access_code, shown->h.batch_id, err);
	if (key == NULL) {
		desk_authorise_end(d);
		return err->status;
	}
	sp = scratch_open(key, err);
	if (sp == NULL || store_begin(d->st, err) != CD_OK) {
		scratch_free(sp);
		EVP_PKEY_free(key);
		return err->status;
	}
	rc = desk_slot(d, &t, &(struct business_slot){0}, err);
	if (rc == CD_OK)
		rc = batch_rec_next_nn(d->st, shown->h.business_date,
				       shown->h.session, &nn, err);
	if (rc == CD_OK) {
		fill_header(d, &now, shown->h.business_date, shown->h.session,
			    nn, t.stamp);
		rc = anchor(d, NULL, &now.h.audit, err);
	}
	if (rc == CD_OK) {
		rc = write_batch(d, now.h.business_date, now.h.session, 0, sp,
				 &now, &c, &refs, err);
	}
	if (rc == CD_OK)
		rc = may_close(&c, &now, now.h.business_date, now.h.session,
			       err);
	if (rc == CD_OK && (!same_totals(shown, &now) ||
			    strcmp(shown->h.batch_id, now.h.batch_id) != 0))
		rc = cd_err(err, CD_ECONFLICT, NULL,
			    _("Items of the session changed while the balance "
			      "report was shown (%s). Nothing was closed; "
			      "close again to see the new report."),
			    now.h.batch_id);
	if (rc == CD_OK) {
		rec_from_plan(&now, nn, out);
		rec_counts(&now, out);
		rc = scratch_finish(sp, out, err);
	}
	if (rc == CD_OK)
		rc = batch_rec_insert(d->st, out, err);
	if (rc == CD_OK)
		rc = scratch_store(d, sp, out, err);
	if (rc == CD_OK)
		rc = lock_batch(d, &now, &refs, out->id, err);
	if (rc == CD_OK)
		rc = audit_batch(d, "batch.close", out, &now.h.audit, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	scratch_free(sp);
	batch_refs_free(&refs);
	EVP_PKEY_free(key);
	batch_free(&now);
	out->file = NULL;
	return rc;
}

/* Rebuild, re-sign and replace a batch's file as a resend, in one pass
 * over its items as for a close. */
int batch_resend(struct desk *d, const char *batch_id, const char *access_code,
		 struct batch_rec *out, struct cd_error *err)
{
	struct collect c;
	struct batch b;
	struct cd_now now;
	struct scratch *sp;
	EVP_PKEY *key;
	int rc;

	memset(&b, 0, sizeof b);
	if (desk_require(d, PERM_BATCH, "batch.resend", err) != CD_OK ||
	    desk_authorise(d, DUAL_CLOSE, "batch.resend", batch_id, err) !=
		CD_OK)
		return err->status;
	rc = batch_find(d, batch_id, 0, out, err);
	if (rc != CD_OK)
		return rc;
	if (!batch_state_may(out->state, BATCH_CLOSED))
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Batch %s was already received by the centre "
				"(receipt %s); it cannot be sent again."),
			      batch_id, out->receipt);
	key = open_key(d, access_code, batch_id, err);
	if (key == NULL)
		return err->status;
	sp = scratch_open(key, err);
	if (sp == NULL || clock_now(&now, err) != CD_OK ||
	    store_begin(d->st, err) != CD_OK) {
		scratch_free(sp);
		EVP_PKEY_free(key);
		return err->status;
	}
	fill_header(d, &b, out->business_date, out->session, out->nn,
		    now.stamp);
	b.h.resend = 1;
	rc = anchor(d, out, &b.h.audit, err);
	if (rc == CD_OK)
		rc = write_batch(d, out->business_date, out->session, out->id,
				 sp, &b, &c, NULL, err);
	if (rc == CD_OK && c.bad_total) {
		*err = c.terr;
		rc = err->status;
	}
	snprintf(out->closed_by, sizeof out->closed_by, "%s", d->user.id);
	snprintf(out->closed_at, sizeof out->closed_at, "%s", now.stamp);
	if (rc == CD_OK) {
		rec_counts(&b, out);
		rc = scratch_finish(sp, out, err);
	}
	if (rc == CD_OK)
		rc = batch_rec_replace_file(d->st, out, err);
	if (rc == CD_OK)
		rc = scratch_store(d, sp, out, err);
	if (rc == CD_OK)
		rc = audit_batch(d, "batch.resend", out, &b.h.audit, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	scratch_free(sp);
	EVP_PKEY_free(key);
	batch_free(&b);
	out->file = NULL;
	if (rc == CD_OK)
		out->state = BATCH_CLOSED;
	return rc;
}

/* Read a batch named by the user. */
int batch_find(struct desk *d, const char *batch_id, int with_file,
	       struct batch_rec *out, struct cd_error *err)
{
	int rc = batch_rec_find(d->st, batch_id, with_file, out, err);

	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_ENOTFOUND, "batch",
			      _("There is no batch %s. 'chequedesk batch list' "
				"shows the batches."),
			      batch_id);
	return rc;
}

/* A batch state in the user's language. */
const char *batch_state_label(enum batch_state state)
{
	switch (state) {
	case BATCH_CLOSED:
		/* TRANSLATORS: batch states, as lists show them: closed and
		 * signed, not yet sent. */
		return C_("batch state", "closed");
	case BATCH_UPLOADING:
		return _("uploading");
	case BATCH_RECEIVED:
		return _("received");
	case BATCH_COMPLETE:
		return _("complete");
	case BATCH_FAILED:
		return _("failed");
	default:
		return batch_state_name(state);
	}
}
