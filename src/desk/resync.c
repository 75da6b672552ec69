/* resync.c - rebuilding a day from the clearing centre on a new terminal:
 * the day's batch files (checked against the centre's signature and their
 * digests), their bags and items, then the day's notices, with those the
 * branch had acknowledged marked as seen. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-bags.h"
#include "db-banks.h"
#include "db-items.h"
#include "db-users.h"
#include "exchange.h"
#include "i18n.h"

/* A batch as the centre lists it. */
struct listed {
	char batch_id[BATCH_ID_MAX];
	char digest[SIGN_HEX_LEN];
	char state[12];
	char receipt[64];
	char received_at[TIMESTAMP_LEN];
};

/* Item callback: count. */
static int count_item(const struct item *it, void *ctx)
{
	(void)it;
	++*(int64_t *)ctx;
	return 0;
}

/* What find_done looks for, and whether it was found. */
struct done_search {
	char object[32];
	int found;
};

/* Audit callback: stop at the record of a finished resync of the date. */
static int find_done(const struct audit_rec *a, void *ctx)
{
	struct done_search *s = ctx;

	s->found = a->action && strcmp(a->action, "resync.done") == 0 &&
		   a->object && strcmp(a->object, s->object) == 0;
	return s->found;
}

/* Refuse unless the database holds nothing of DATE, or only the batches
 * of the N listed in L that an earlier resync of DATE rebuilt before it
 * was cut short (a network fault): DONE[i] is set for those, so the
 * resync goes on where it stopped. */
static int check_empty(struct desk *d, const char *date, const struct listed *l,
		       int n, int *done, struct cd_error *err)
{
	struct item_filter f = {0};
	struct audit_filter af = {0};
	struct done_search s;
	struct batch_rec b;
	int64_t count = 0, held = 0;
	int i, rc;

	f.date = date;
	if (item_list(d->st, &f, count_item, &count, err) != CD_OK)
		return err->status;
	for (i = 0; count > 0 && i < n; i++) {
		rc = batch_rec_find(d->st, l[i].batch_id, 0, &b, err);
		if (rc == CD_ENOTFOUND)
			continue;
		if (rc != CD_OK)
			return rc;
		if (strcmp(b.digest, l[i].digest) == 0) {
			held += b.items;
			done[i] = 1;
		}
	}
	memset(&s, 0, sizeof s);
	snprintf(s.object, sizeof s.object, "date:%s", date);
	if (count > 0 && held == count &&
	    audit_list(d->st, &af, find_done, &s, err) != CD_OK)
		return err->status;
	if (count > 0 && held == count && !s.found)
		return CD_OK;
	if (count > 0)
		return cd_err(err, CD_ECONFLICT, NULL,
			      P_("This database already holds %lld item of "
				 "%s, so the day cannot be rebuilt into it. "
				 "Resync is for a new terminal: run it on an "
				 "empty database.",
				 "This database already holds %lld items of "
				 "%s, so the day cannot be rebuilt into it. "
				 "Resync is for a new terminal: run it on an "
				 "empty database.",
				 (unsigned long)count),
			      (long long)count, date);
	return CD_OK;
}

/* GET PATH and parse the JSON answer. */
static int get_json(struct remote *r, const char *path, const char *what,
		    cJSON **out, struct cd_error *err)
{
	struct remote_answer ans;
	int rc = remote_call(r, "GET", path, NULL, 0, NULL, &ans, err);

	*out = NULL;
	if (rc != CD_OK)
		return rc;
	if (ans.status != 200)
		rc = remote_refused(&ans, what, err);
	else
		rc = remote_json(&ans, out, err);
	remote_answer_free(&ans);
	return rc;
}

/* Copy string member NAME of O into BUF ("" when absent). */
static void member(const cJSON *o, const char *name, char *buf, size_t len)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	snprintf(buf, len, "%s", cJSON_IsString(m) ? m->valuestring : "");
}

/* The date's batches as the centre lists them. */
static int list_batches(struct desk *d, struct remote *r, const char *date,
			struct listed **out, int *n, struct cd_error *err)
{
	char path[128];
	cJSON *j, *arr, *o;
	int i = 0;

	snprintf(path, sizeof path, "/branches/%s/batches?date=%s",
		 d->branch.exchange_no, date);
	if (get_json(r, path, _("Listing the day's batches"), &j, err) != CD_OK)
		return err->status;
	arr = cJSON_GetObjectItemCaseSensitive(j, "batches");
	*n = cJSON_GetArraySize(arr);
	*out = calloc((size_t)*n + 1, sizeof **out);
	if (*out == NULL) {
		cJSON_Delete(j);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	}
	cJSON_ArrayForEach(o, arr)
	{
		member(o, "batch_id", (*out)[i].batch_id,
		       sizeof(*out)[i].batch_id);
		member(o, "digest", (*out)[i].digest, sizeof(*out)[i].digest);
		member(o, "state", (*out)[i].state, sizeof(*out)[i].state);
		member(o, "receipt", (*out)[i].receipt,
		       sizeof(*out)[i].receipt);
		member(o, "received_at", (*out)[i].received_at,
		       sizeof(*out)[i].received_at);
		i++;
	}
	cJSON_Delete(j);
	return CD_OK;
}

/* Make sure user ID exists; an unknown one is added inactive, with no
 * usable password, so the rebuilt items can name who registered them. */
static int ensure_user(struct desk *d, const char *id, enum role role,
		       const char *at, struct resync_result *res,
		       struct cd_error *err)
{
	struct user u;
	int rc = user_get(d->st, id, &u, err);

	if (rc != CD_ENOTFOUND)
		return rc;
	memset(&u, 0, sizeof u);
	snprintf(u.id, sizeof u.id, "%s", id);
	snprintf(u.name, sizeof u.name, "%s", id);
	u.role = role;
	snprintf(u.pw_hash, sizeof u.pw_hash, "!resync");
	u.active = 0;
	res->placeholders++;
	return user_put(d->st, &u, d->user.id, at, err);
}

/* Make sure bank NUMBER exists (inactive when it was unknown here). */
static int ensure_bank(struct desk *d, const char *number,
		       struct resync_result *res, struct cd_error *err)
{
	struct bank b;
	int rc = bank_get(d->st, number, &b, err);

	if (rc != CD_ENOTFOUND)
		return rc;
	memset(&b, 0, sizeof b);
	snprintf(b.number, sizeof b.number, "%s", number);
	snprintf(b.name, sizeof b.name, "%s", number);
	res->placeholders++;
	return bank_put(d->st, &b, err);
}

/* Insert the bags and items of B as batch BATCH. */
static int rebuild_items(struct desk *d, struct batch *b, int64_t batch,
			 const char *at, struct resync_result *res,
			 struct cd_error *err)
{
	size_t i;
	int rc = CD_OK;

	for (i = 0; rc == CD_OK && i < b->nbags; i++) {
		struct bag *bg = &b->bags[i];
		struct bag old;

		if (bag_get(d->st, bg->id, &old, err) == CD_OK)
			bg->id = 0; /* the number is taken: take a new one */
		snprintf(bg->business_date, sizeof bg->business_date, "%s",
			 b->h.business_date);
		bg->session = b->h.session;
		snprintf(bg->status, sizeof bg->status, "sealed");
		snprintf(bg->opened_by, sizeof bg->opened_by, "%s",
			 b->h.closed_by);
		snprintf(bg->created_at, sizeof bg->created_at, "%s",
			 bg->sealed_at);
		bg->prints = 1;
		rc = ensure_bank(d, bg->bank, res, err);
		if (rc == CD_OK)
			rc = bag_insert(d->st, bg, err);
		if (rc == CD_OK)
			rc = bag_set_batch(d->st, bg->id, batch, err);
		res->bags++;
	}
	for (i = 0; rc == CD_OK && i < b->nitems; i++) {
		struct item *it = &b->items[i].it;

		snprintf(it->business_date, sizeof it->business_date, "%s",
			 b->h.business_date);
		it->session = b->h.session;
		snprintf(it->status, sizeof it->status, "batched");
		it->bag_id =
		    b->items[i].bag >= 0 ? b->bags[b->items[i].bag].id : 0;
		rc = ensure_user(d, it->teller, ROLE_TELLER, at, res, err);
		if (rc == CD_OK)
			rc = ensure_bank(d, it->bank, res, err);
		if (rc == CD_OK)
			rc = item_insert(d->st, it, err);
		if (rc == CD_OK)
			rc = item_set_batch(d->st, it->id, batch,
					    b->items[i].ref, "batched", err);
		res->items++;
	}
	return rc;
}

/* Fetch, check and store one listed batch. */
static int rebuild_batch(struct desk *d, struct remote *r,
			 const struct listed *l, struct resync_result *res,
			 struct cd_error *err)
{
	struct remote_answer ans;
	struct batch_rec rec;
	struct batch b;
	struct cd_now now;
	char path[160], what[128], object[64];
	int rc;

	snprintf(path, sizeof path, "/branches/%s/batches/%s/file",
		 d->branch.exchange_no, l->batch_id);
	snprintf(what, sizeof what, _("Fetching batch %s"), l->batch_id);
	rc = remote_call(r, "GET", path, NULL, 0, NULL, &ans, err);
	if (rc != CD_OK)
		return rc;
	if (ans.status != 200) {
		rc = remote_refused(&ans, what, err);
		remote_answer_free(&ans);
		return rc;
	}
	memset(&rec, 0, sizeof rec);
	sign_sm3_hex(ans.body, ans.len, rec.digest);
	if (strcmp(rec.digest, l->digest) != 0 ||
	    batch_read(ans.body, ans.len, &b, err) != CD_OK ||
	    strcmp(b.h.batch_id, l->batch_id) != 0 ||
	    strcmp(b.h.branch, d->branch.exchange_no) != 0) {
		remote_answer_free(&ans);
		return cd_err(err, CD_ENET, NULL,
			      _("The file of batch %s from the centre does not "
				"match what the centre lists for it (digest, "
				"batch or branch); nothing of it was rebuilt. "
				"Call the centre."),
			      l->batch_id);
	}
	snprintf(rec.batch_id, sizeof rec.batch_id, "%s", b.h.batch_id);
	snprintf(rec.business_date, sizeof rec.business_date, "%s",
		 b.h.business_date);
	rec.session = b.h.session;
	rec.nn = atoi(strrchr(b.h.batch_id, '-') + 1);
	rec.state =
	    strcmp(l->state, "complete") == 0 ? BATCH_COMPLETE : BATCH_RECEIVED;
	rec.resend = b.h.resend;
	rec.file = ans.body;
	rec.file_len = ans.len;
	snprintf(rec.signature, sizeof rec.signature, "%s", ans.branch_sig);
	rec.items = (int64_t)b.nitems;
	rec.debit_count = b.debit.count;
	rec.debit_fen = b.debit.amount_fen;
	rec.credit_count = b.credit.count;
	rec.credit_fen = b.credit.amount_fen;
	snprintf(rec.closed_by, sizeof rec.closed_by, "%s", b.h.closed_by);
	snprintf(rec.closed_at, sizeof rec.closed_at, "%s", b.h.created);
	snprintf(rec.receipt, sizeof rec.receipt, "%s", l->receipt);
	snprintf(rec.received_at, sizeof rec.received_at, "%s", l->received_at);
	snprintf(object, sizeof object, "batch:%s", rec.batch_id);
	rc = clock_now(&now, err);
	if (rc == CD_OK)
		rc = store_begin(d->st, err);
	if (rc == CD_OK) {
		rc = ensure_user(d, b.h.closed_by, ROLE_SUPERVISOR, now.stamp,
				 res, err);
		if (rc == CD_OK)
			rc = batch_rec_insert(d->st, &rec, err);
		if (rc == CD_OK)
			rc = rebuild_items(d, &b, rec.id, now.stamp, res, err);
		if (rc == CD_OK)
			rc = audit_add(d->st, now.stamp, d->user.id,
				       "batch.resync", object, NULL, NULL, err);
		rc = rc == CD_OK ? store_commit(d->st, err)
				 : (store_rollback(d->st), rc);
	}
	if (rc == CD_OK)
		res->batches++;
	batch_free(&b);
	remote_answer_free(&ans);
	return rc;
}

/* Apply the date's notices from the first. */
static int rebuild_notices(struct desk *d, struct remote *r, const char *date,
			   struct resync_result *res, struct cd_error *err)
{
	struct notice_page page;
	struct notice_rec rec;
	struct remote_answer ans;
	int64_t after = 0;
	char path[160];
	int rc = CD_OK, more = 1, applied;
	size_t i;

	while (rc == CD_OK && more) {
		snprintf(path, sizeof path,
			 "/branches/%s/notices?after=%lld&limit=500&date=%s",
			 d->branch.exchange_no, (long long)after, date);
		rc = remote_call(r, "GET", path, NULL, 0, NULL, &ans, err);
		if (rc != CD_OK)
			break;
		memset(&page, 0, sizeof page);
		if (ans.status != 200)
			rc = remote_refused(&ans, _("Reading notices"), err);
		else
			rc = notice_page_read(ans.body, ans.len, &page, err);
		remote_answer_free(&ans);
		for (i = 0; rc == CD_OK && i < page.n; i++) {
			rc = poll_apply(d, &page.v[i], page.v[i].acknowledged,
					&applied, &rec, err);
			res->notices += applied;
			after = page.v[i].seq;
		}
		more = rc == CD_OK && page.more && page.n > 0;
		notice_page_free(&page);
	}
	return rc;
}

/* Record that DATE was rebuilt to the end: a later resync of it is
 * refused rather than resumed. */
static int resync_done(struct desk *d, const char *date, struct cd_error *err)
{
	struct cd_now now;
	char object[32];
	int rc;

	snprintf(object, sizeof object, "date:%s", date);
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	rc = audit_add(d->st, now.stamp, d->user.id, "resync.done", object,
		       NULL, NULL, err);
	return rc == CD_OK ? store_commit(d->st, err)
			   : (store_rollback(d->st), rc);
}

/* Rebuild a day. */
int resync_day(struct desk *d, struct remote *r, const char *date,
	       struct resync_result *res, struct cd_error *err)
{
	struct listed *l = NULL;
	int n = 0, i, rc, *done = NULL;

	memset(res, 0, sizeof *res);
	if (desk_require(d, PERM_BATCH, "resync", err) != CD_OK)
		return err->status;
	rc = list_batches(d, r, date, &l, &n, err);
	if (rc == CD_OK && (done = calloc((size_t)n + 1, sizeof *done)) == NULL)
		rc = cd_err(err, CD_EFAIL, NULL,
			    _("Out of memory. Close other programs or restart "
			      "chequedesk, then try again; if it happens "
			      "again, report it to branch IT."));
	if (rc == CD_OK)
		rc = check_empty(d, date, l, n, done, err);
	for (i = 0; rc == CD_OK && i < n; i++)
		if (!done[i])
			rc = rebuild_batch(d, r, &l[i], res, err);
	free(l);
	free(done);
	if (rc == CD_OK)
		rc = rebuild_notices(d, r, date, res, err);
	if (rc == CD_OK)
		rc = resync_done(d, date, err);
	return rc;
}
