/* poll.c - reading the centre's notices after the stored cursor, checking
 * each against the item it names, applying each in its own transaction
 * with the cursor and its audit record, and acknowledging them. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "exchange.h"
#include "i18n.h"
#include "json-out.h"

/* The user's words for a reason code. */
const char *notice_reason_label(const char *code)
{
	static const struct {
		const char *code, *label;
	} table[] = {
	    /* TRANSLATORS: the clearing centre's reasons for rejecting or
	     * returning an item. */
	    {"ocr-amount-mismatch", N_("OCR amount mismatch")},
	    {"ocr-codeline-mismatch", N_("OCR code line mismatch")},
	    {"unknown-bank", N_("unknown bank")},
	    {"duplicate", N_("presented before (duplicate)")},
	    {"bad-check-code", N_("wrong check code")},
	    {"insufficient-funds", N_("insufficient funds")},
	    {"account-closed", N_("account closed")},
	    {"signature-mismatch", N_("signature does not match")},
	    {"stop-payment", N_("payment stopped")},
	    {"paykey-wrong", N_("wrong payment password")},
	    {"paykey-unreadable",
	     N_("payment password unreadable by the centre")},
	};
	size_t i;

	for (i = 0; code && i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].code, code) == 0)
			return _(table[i].label);
	return NULL;
}

/* Whether KIND may follow an item's STATUS. */
static int transition_ok(const char *status, enum notice_kind kind)
{
	if (kind == NOTICE_RETURNED)
		return strcmp(status, "accepted") == 0;
	return strcmp(status, "batched") == 0;
}

/* Refuse a notice that does not fit the item it names. */
static int forged(const struct notice *n, const char *why, struct cd_error *err)
{
	return cd_err(err, CD_ENET, NULL,
		      _("Notice %lld from the centre (item %d of batch %s) "
			"was refused: %s. Nothing from it was applied, and "
			"polling stops there. Call the centre before going "
			"on."),
		      (long long)n->seq, n->ref, n->batch_id, why);
}

/* Fill the stored form of notice N. */
static void to_rec(const struct notice *n, const struct item *it,
		   const char *now, int seen, struct notice_rec *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->seq = n->seq;
	snprintf(rec->batch_id, sizeof rec->batch_id, "%s", n->batch_id);
	rec->ref = n->ref;
	snprintf(rec->kind, sizeof rec->kind, "%s", notice_kind_name(n->kind));
	snprintf(rec->reason_code, sizeof rec->reason_code, "%s",
		 n->reason_code);
	snprintf(rec->reason, sizeof rec->reason, "%s", n->reason);
	snprintf(rec->at, sizeof rec->at, "%s", n->at);
	snprintf(rec->applied_at, sizeof rec->applied_at, "%s", now);
	rec->seen_teller = rec->seen_supervisor = seen;
	snprintf(rec->serial, sizeof rec->serial, "%s", n->serial);
	snprintf(rec->bank, sizeof rec->bank, "%s", n->bank);
	rec->amount_fen = n->amount_fen;
	if (it != NULL) {
		rec->item_id = it->id;
		snprintf(rec->teller, sizeof rec->teller, "%s", it->teller);
	}
}

/* The audit record of an applied notice. */
static int audit_notice(struct desk *d, const struct notice_rec *rec,
			const char *now, struct cd_error *err)
{
	cJSON *o = cJSON_CreateObject();
	char object[64], action[32], *after;
	int rc;

	json_add_int64(o, "seq", rec->seq);
	cJSON_AddStringToObject(o, "batch_id", rec->batch_id);
	cJSON_AddNumberToObject(o, "ref", rec->ref);
	if (rec->reason_code[0])
		cJSON_AddStringToObject(o, "reason_code", rec->reason_code);
	if (rec->reason[0])
		cJSON_AddStringToObject(o, "reason", rec->reason);
	after = json_take_string(o);
	snprintf(object, sizeof object, "item:%lld", (long long)rec->item_id);
	snprintf(action, sizeof action, "notice.%s", rec->kind);
	rc = audit_add(d->st, now, d->user.id[0] ? d->user.id : NULL, action,
		       rec->item_id ? object : NULL, NULL, after, err);
	free(after);
	return rc;
}

/* The database part of applying a notice, inside the transaction. */
static int apply_in_tx(struct desk *d, const struct notice *n, int seen,
		       const char *now, int *applied, struct notice_rec *rec,
		       struct cd_error *err)
{
	struct batch_rec b;
	struct item it;
	int rc, found;

	rc = batch_rec_find(d->st, n->batch_id, 0, &b, err);
	if (rc == CD_ENOTFOUND) {
		/* not ours to check: kept, so the cursor can move on */
		to_rec(n, NULL, now, seen, rec);
		return notice_rec_insert(d->st, rec, applied, err);
	}
	if (rc != CD_OK)
		return rc;
	if (item_find_ref(d->st, b.id, n->ref, &it, &found, err) != CD_OK)
		return err->status;
	if (found == 0)
		return forged(n, _("the batch has no such item"), err);
	if (strcmp(it.serial, n->serial) != 0 ||
	    strcmp(it.bank, n->bank) != 0 || it.amount_fen != n->amount_fen)
		return forged(n,
			      _("its serial, bank or amount differ from the "
				"item sent"),
			      err);
	to_rec(n, &it, now, seen, rec);
	if (notice_rec_insert(d->st, rec, applied, err) != CD_OK)
		return err->status;
	if (*applied == 0)
		return CD_OK; /* applied before */
	if (!transition_ok(it.status, n->kind))
		return forged(
		    n, _("it does not fit what the item went through"), err);
	rc = item_set_answer(d->st, it.id, notice_kind_name(n->kind),
			     n->reason_code, n->reason, err);
	if (rc == CD_OK)
		rc = audit_notice(d, rec, now, err);
	if (rc == CD_OK && b.waiting == 1 && n->kind != NOTICE_RETURNED &&
	    batch_state_may(b.state, BATCH_COMPLETE))
		rc = batch_rec_set_state(d->st, b.id, BATCH_COMPLETE, NULL,
					 NULL, NULL, 0, now, err);
	return rc;
}

/* Apply one notice in its own transaction, with the cursor. */
int poll_apply(struct desk *d, const struct notice *n, int seen, int *applied,
	       struct notice_rec *rec, struct cd_error *err)
{
	struct cd_now now;
	int rc;

	*applied = 0;
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	rc = apply_in_tx(d, n, seen, now.stamp, applied, rec, err);
	if (rc == CD_OK)
		rc = centre_set_cursor(d->st, n->seq, now.stamp, err);
	if (rc == CD_OK)
		return store_commit(d->st, err);
	store_rollback(d->st);
	*applied = 0;
	return rc;
}

/* Acknowledge every notice through SEQ. */
static int acknowledge(struct desk *d, struct remote *r, int64_t seq,
		       struct cd_error *err)
{
	struct remote_answer ans;
	char path[96], body[64];
	int rc;

	snprintf(path, sizeof path, "/branches/%s/notices/ack",
		 d->branch.exchange_no);
	snprintf(body, sizeof body, "{\"through\":%lld}", (long long)seq);
	rc = remote_call(r, "POST", path, body, strlen(body), NULL, &ans, err);
	if (rc != CD_OK)
		return rc;
	if (ans.status != 200)
		rc = remote_refused(&ans, _("Acknowledging notices"), err);
	remote_answer_free(&ans);
	if (rc == CD_OK && store_begin(d->st, err) == CD_OK) {
		rc = centre_set_acked(d->st, seq, err);
		rc = rc == CD_OK ? store_commit(d->st, err)
				 : (store_rollback(d->st), rc);
	}
	return rc;
}

/* Count one applied notice in RES. */
static void count(struct poll_result *res, const struct notice_rec *rec)
{
	res->applied++;
	if (rec->item_id == 0)
		res->unknown++;
	else if (strcmp(rec->kind, "accepted") == 0)
		res->accepted++;
	else if (strcmp(rec->kind, "rejected") == 0)
		res->rejected++;
	else
		res->returned++;
}

/* Fetch one page of notices after CURSOR. */
static int fetch_page(struct desk *d, struct remote *r, int64_t cursor,
		      struct notice_page *page, struct cd_error *err)
{
	struct remote_answer ans;
	char path[128];
	int rc;

	snprintf(path, sizeof path, "/branches/%s/notices?after=%lld&limit=500",
		 d->branch.exchange_no, (long long)cursor);
	rc = remote_call(r, "GET", path, NULL, 0, NULL, &ans, err);
	if (rc != CD_OK)
		return rc;
	if (ans.status != 200)
		rc = remote_refused(&ans, _("Reading notices"), err);
	else if (notice_page_read(ans.body, ans.len, page, err) != CD_OK)
		rc = cd_err(err, CD_ENET, NULL,
			    _("The centre's notices could not be read (%s). "
			      "Nothing was applied; poll again later, or call "
			      "the centre if it persists."),
			    err->msg);
	remote_answer_free(&ans);
	return rc;
}

/* Poll once: every page of new notices. */
int poll_once(struct desk *d, struct remote *r, poll_fn cb, void *ctx,
	      struct poll_result *res, struct cd_error *err)
{
	struct notice_page page;
	struct notice_rec rec;
	int64_t acked;
	size_t i;
	int rc = CD_OK, more = 1, applied;

	memset(res, 0, sizeof *res);
	if (desk_require(d, PERM_ITEMS, "poll", err) != CD_OK ||
	    centre_state_get(d->st, &res->cursor, &acked, NULL, 0, err) !=
		CD_OK)
		return err->status;
	while (rc == CD_OK && more) {
		memset(&page, 0, sizeof page);
		rc = fetch_page(d, r, res->cursor, &page, err);
		for (i = 0; rc == CD_OK && i < page.n; i++) {
			if (page.v[i].seq <= res->cursor)
				continue;
			rc = poll_apply(d, &page.v[i], 0, &applied, &rec, err);
			if (rc != CD_OK)
				break;
			res->cursor = page.v[i].seq;
			if (applied) {
				count(res, &rec);
				if (cb)
					cb(ctx, &rec);
			}
		}
		more = rc == CD_OK && page.more && page.n > 0;
		notice_page_free(&page);
	}
	if (res->cursor > acked) {
		struct cd_error e2;
		int ack;

		/* what was applied stays applied; an unacknowledged notice is
		 * acknowledged by the next poll */
		cd_err_clear(&e2);
		ack = acknowledge(d, r, res->cursor, rc == CD_OK ? err : &e2);
		if (rc == CD_OK)
			rc = ack;
	}
	return rc;
}
