/* batch.c - closing a session's outgoing batch: what may not go out yet,
 * the batch built from the store, the signed file, and locking its items
 * and bags in the same transaction as its audit record. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "db-audit.h"
#include "db-bags.h"
#include "db-items.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile.h"
#include "labels.h"
#include "money.h"
#include "sign.h"

#define BLOCKERS_SHOWN 8 /* items or bags named in a refusal */

/* What is collected while reading a session. */
struct collect {
	struct batch *b;
	size_t cap;
	int64_t bag_index; /* the bag whose bills are being read, or -1 */
	int unprinted, open_bags, shown;
	char which[400]; /* "cheque 12, bag 3, ..." */
	int oom;
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

/* Append IT to the batch as a cheque (bag -1) or a bill of bag BAG. */
static int add_item(struct collect *c, const struct item *it, int bag)
{
	struct batch *b = c->b;

	if (b->nitems == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct batch_item *v = realloc(b->items, cap * sizeof *v);

		if (v == NULL) {
			c->oom = 1;
			return 1;
		}
		b->items = v;
		c->cap = cap;
	}
	b->items[b->nitems].it = *it;
	b->items[b->nitems].bag = bag;
	b->items[b->nitems].ref = (int)b->nitems + 1;
	b->nitems++;
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
	struct bag *v;

	if (bg->count == 0)
		return 0;
	if (strcmp(bg->status, "sealed") != 0) {
		c->open_bags++;
		blocker(c, _("bag"), bg->id);
		return 0;
	}
	v = realloc(b->bags, (b->nbags + 1) * sizeof *v);
	if (v == NULL) {
		c->oom = 1;
		return 1;
	}
	b->bags = v;
	b->bags[b->nbags++] = *bg;
	return 0;
}

/* Read the items and bags of a session not yet in a batch (BATCH 0), or
 * those of batch BATCH, into C->b. */
static int collect(struct desk *d, const char *date, int session, int64_t batch,
		   struct collect *c, struct cd_error *err)
{
	struct item_filter f = {0};
	struct bag_filter bf = {0};
	size_t i;

	f.date = date;
	f.session = session;
	f.kind = "cheque";
	f.unbatched = batch == 0;
	f.batch = batch;
	if (item_list(d->st, &f, on_cheque, c, err) != CD_OK)
		return err->status;
	bf.date = date;
	bf.session = session;
	bf.unbatched = batch == 0;
	bf.batch = batch;
	if (!c->oom && bag_list(d->st, &bf, on_bag, c, err) != CD_OK)
		return err->status;
	for (i = 0; !c->oom && i < c->b->nbags; i++) {
		memset(&f, 0, sizeof f);
		f.bag_id = c->b->bags[i].id;
		c->bag_index = (int64_t)i;
		if (item_list(d->st, &f, on_bill, c, err) != CD_OK)
			return err->status;
	}
	if (c->oom)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
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

/* Build the batch a close would send. */
int batch_plan(struct desk *d, const char *date, int session, struct batch *out,
	       struct cd_error *err)
{
	struct collect c;
	struct cd_now now;
	struct business_slot slot;
	char today[DATE_LEN];
	int nn;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.b = out;
	if (desk_slot(d, &now, &slot, err) != CD_OK)
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
	if (collect(d, date, session, 0, &c, err) != CD_OK ||
	    batch_rec_next_nn(d->st, date, session, &nn, err) != CD_OK) {
		batch_free(out);
		return err->status;
	}
	fill_header(d, out, date, session, nn, now.stamp);
	if (c.unprinted || c.open_bags) {
		batch_free(out);
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("Session %d of %s cannot be closed yet. Cheques without "
		      "a "
		      "printed code line: %d; bags not sealed: %d (%s%s). "
		      "Print those code lines and bag labels ('chequedesk "
		      "print cheque|bag ID'), then close again."),
		    session, date, c.unprinted, c.open_bags, c.which,
		    c.shown > BLOCKERS_SHOWN ? ", ..." : "");
	}
	if (out->nitems == 0) {
		batch_free(out);
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Nothing to close: session %d of %s has no "
				"items that are not already in a batch."),
			      session, date);
	}
	return batch_compute_totals(out, err);
}

/* The branch key, opened with the access code; a wrong code is counted
 * and audited, and too many in a row lock it for a while (keyfile.c). */
static EVP_PKEY *open_key(struct desk *d, const char *access_code,
			  const char *object, struct cd_error *err)
{
	return keyfile_open(d, access_code, object, err);
}

/* Write and sign B into R (file, signature, digest, counts). */
static int sign_batch(EVP_PKEY *key, const struct batch *b, struct batch_rec *r,
		      struct cd_error *err)
{
	char *sig = NULL;

	r->file = batch_write(b, &r->file_len, err);
	if (r->file == NULL)
		return err->status;
	if (sign_data(key, r->file, r->file_len, &sig, err) != CD_OK)
		return err->status;
	snprintf(r->signature, sizeof r->signature, "%s", sig);
	free(sig);
	sign_sm3_hex(r->file, r->file_len, r->digest);
	r->items = (int64_t)b->nitems;
	r->debit_count = b->debit.count;
	r->debit_fen = b->debit.amount_fen;
	r->credit_count = b->credit.count;
	r->credit_fen = b->credit.amount_fen;
	return CD_OK;
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

/* Lock the items and bags of B into batch ID. */
static int lock_batch(struct desk *d, const struct batch *b, int64_t id,
		      struct cd_error *err)
{
	size_t i;

	for (i = 0; i < b->nitems; i++)
		if (item_set_batch(d->st, b->items[i].it.id, id,
				   b->items[i].ref, "batched", err) != CD_OK)
			return err->status;
	for (i = 0; i < b->nbags; i++)
		if (bag_set_batch(d->st, b->bags[i].id, id, err) != CD_OK)
			return err->status;
	return CD_OK;
}

/* The audit record of a close or resend. */
static int audit_batch(struct desk *d, const char *action,
		       const struct batch_rec *r, struct cd_error *err)
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
	after = json_take_string(o);
	snprintf(object, sizeof object, "batch:%s", r->batch_id);
	rc = audit_add(d->st, r->closed_at, d->user.id, action, object, NULL,
		       after, err);
	free(after);
	return rc;
}

/* Fill the stored record's identity from B. */
static void rec_from_plan(const struct batch *b, int nn, struct batch_rec *r)
{
	snprintf(r->batch_id, sizeof r->batch_id, "%s", b->h.batch_id);
	snprintf(r->business_date, sizeof r->business_date, "%s",
		 b->h.business_date);
	r->session = b->h.session;
	r->nn = nn;
	snprintf(r->state, sizeof r->state, "closed");
	snprintf(r->closed_by, sizeof r->closed_by, "%s", b->h.closed_by);
	snprintf(r->closed_at, sizeof r->closed_at, "%s", b->h.created);
}

/* Close the batch the supervisor saw. */
int batch_close(struct desk *d, const struct batch *shown,
		const char *access_code, struct batch_rec *out,
		struct cd_error *err)
{
	struct batch now;
	EVP_PKEY *key;
	int rc, nn = 0;

	memset(out, 0, sizeof *out);
	if (desk_require(d, PERM_BATCH, "batch.close", err) != CD_OK ||
	    desk_authorise(d, DUAL_CLOSE, "batch.close", shown->h.batch_id,
			   err) != CD_OK)
		return err->status;
	key = open_key(d, access_code, shown->h.batch_id, err);
	if (key == NULL) {
		desk_authorise_end(d);
		return err->status;
	}
	if (store_begin(d->st, err) != CD_OK) {
		EVP_PKEY_free(key);
		return err->status;
	}
	rc = batch_plan(d, shown->h.business_date, shown->h.session, &now, err);
	if (rc == CD_OK && (!same_totals(shown, &now) ||
			    strcmp(shown->h.batch_id, now.h.batch_id) != 0))
		rc = cd_err(err, CD_ECONFLICT, NULL,
			    _("Items of the session changed while the balance "
			      "report was shown (%s). Nothing was closed; "
			      "close again to see the new report."),
			    now.h.batch_id);
	if (rc == CD_OK)
		rc = batch_rec_next_nn(d->st, now.h.business_date,
				       now.h.session, &nn, err);
	if (rc == CD_OK) {
		rec_from_plan(&now, nn, out);
		rc = sign_batch(key, &now, out, err);
	}
	if (rc == CD_OK)
		rc = batch_rec_insert(d->st, out, err);
	if (rc == CD_OK)
		rc = lock_batch(d, &now, out->id, err);
	if (rc == CD_OK)
		rc = audit_batch(d, "batch.close", out, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	EVP_PKEY_free(key);
	batch_free(&now);
	free(out->file);
	out->file = NULL;
	return rc;
}

/* Rebuild, re-sign and replace a batch's file as a resend. */
int batch_resend(struct desk *d, const char *batch_id, const char *access_code,
		 struct batch_rec *out, struct cd_error *err)
{
	struct collect c;
	struct batch b;
	struct cd_now now;
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
	if (strcmp(out->state, "received") == 0 ||
	    strcmp(out->state, "complete") == 0)
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Batch %s was already received by the centre "
				"(receipt %s); it cannot be sent again."),
			      batch_id, out->receipt);
	key = open_key(d, access_code, batch_id, err);
	if (key == NULL)
		return err->status;
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK) {
		EVP_PKEY_free(key);
		return err->status;
	}
	memset(&c, 0, sizeof c);
	c.b = &b;
	rc = collect(d, out->business_date, out->session, out->id, &c, err);
	if (rc == CD_OK) {
		fill_header(d, &b, out->business_date, out->session, out->nn,
			    now.stamp);
		b.h.resend = 1;
		rc = batch_compute_totals(&b, err);
	}
	snprintf(out->closed_by, sizeof out->closed_by, "%s", d->user.id);
	snprintf(out->closed_at, sizeof out->closed_at, "%s", now.stamp);
	if (rc == CD_OK)
		rc = sign_batch(key, &b, out, err);
	if (rc == CD_OK)
		rc = batch_rec_replace_file(d->st, out, err);
	if (rc == CD_OK)
		rc = audit_batch(d, "batch.resend", out, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	EVP_PKEY_free(key);
	batch_free(&b);
	free(out->file);
	out->file = NULL;
	if (rc == CD_OK)
		snprintf(out->state, sizeof out->state, "closed");
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
const char *batch_state_label(const char *state)
{
	if (strcmp(state, "closed") == 0)
		/* TRANSLATORS: batch states, as lists show them: closed and
		 * signed, not yet sent. */
		return C_("batch state", "closed");
	if (strcmp(state, "uploading") == 0)
		return _("uploading");
	if (strcmp(state, "received") == 0)
		return _("received");
	if (strcmp(state, "complete") == 0)
		return _("complete");
	if (strcmp(state, "failed") == 0)
		return _("failed");
	return state;
}
