/* centre-decide.c - the simulated centre's decisions (accepted, rejected,
 * duplicate, returned later) and the notices they produce for branches. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "centre-rules.h"
#include "grow.h"
#include "i18n.h"
#include "sign.h"

/* An item whose decision or return is due. */
struct due {
	int64_t id;
	int64_t batch;
	char serial[CODELINE_SERIAL_LEN + 1];
	char bank[CODELINE_BANK_MAX + 1];
	char branch[CODELINE_BANK_MAX + 1];
	char date[DATE_LEN];
	char code[40];
	char reason[256];
	char paykey_sm2[PAYKEY_SM2_MAX + 1]; /* as received, or empty */
};

static const char due_sql[] =
    "SELECT i.id, i.batch, i.serial, i.bank, b.branch, b.business_date, "
    "NULL, NULL, i.paykey_sm2 FROM items i JOIN batches b ON b.id = "
    "i.batch WHERE "
    "i.decision IS NULL AND b.replaced = 0 AND b.received_epoch + ?1 <= ?2 "
    "ORDER BY b.received_epoch, b.id, i.ref";

static const char return_due_sql[] =
    "SELECT i.id, i.batch, i.serial, i.bank, b.branch, b.business_date, "
    "i.return_code, i.return_reason, NULL FROM items i JOIN batches b ON "
    "b.id = "
    "i.batch WHERE i.decision = 'accepted' AND i.return_due <= ?2 AND "
    "i.returned_at IS NULL ORDER BY i.return_due, i.id";

/* Run a due query (ID, SQL) into a new array *OUT of *N rows. */
static int collect(struct cdb *c, enum cdb_stmt id, const char *sql, int after,
		   time_t now, struct due **out, size_t *n,
		   struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, id, sql, err);
	struct due *v;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_int(s, 1, after);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (grow(out, &cap, *n + 1, sizeof **out) != 0)
			break;
		v = *out + (*n)++;
		v->id = sqlite3_column_int64(s, 0);
		v->batch = sqlite3_column_int64(s, 1);
		cdb_col(s, 2, v->serial, sizeof v->serial);
		cdb_col(s, 3, v->bank, sizeof v->bank);
		cdb_col(s, 4, v->branch, sizeof v->branch);
		cdb_col(s, 5, v->date, sizeof v->date);
		cdb_col(s, 6, v->code, sizeof v->code);
		cdb_col(s, 7, v->reason, sizeof v->reason);
		cdb_col(s, 8, v->paykey_sm2, sizeof v->paykey_sm2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return cdb_fail(c, err, _("Finding items to decide"));
	if (rc == SQLITE_ROW)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	return CD_OK;
}

/* Add a notice of KIND for item D, numbered in its branch. */
static int add_notice(struct cdb *c, const struct due *d, const char *kind,
		      const char *code, const char *reason, const char *at,
		      struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_NOTICE_SEQ,
		     "UPDATE branches SET notice_seq = notice_seq "
		     "+ 1 WHERE branch = ? RETURNING notice_seq",
		     err);
	int64_t seq;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, d->branch, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return cdb_fail(c, err, _("Numbering a notice"));
	}
	seq = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	s = cdb_stmt(c, CST_NOTICE_PUT,
		     "INSERT INTO notices (branch, seq, item, business_date, "
		     "kind, reason_code, reason, at) VALUES (?, ?, ?, ?, ?, "
		     "nullif(?, ''), nullif(?, ''), ?)",
		     err);
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, d->branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, seq);
	sqlite3_bind_int64(s, 3, d->id);
	sqlite3_bind_text(s, 4, d->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, at, -1, SQLITE_TRANSIENT);
	return cdb_exec(c, s, err);
}

/* 1 when item D was accepted before in another current batch. */
static int is_duplicate(struct cdb *c, const struct due *d,
			struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_DECIDE_DUP,
	    "SELECT 1 FROM items j JOIN batches b ON b.id = j.batch WHERE "
	    "j.serial = ? AND j.bank = ? AND j.batch <> ? AND b.replaced = 0 "
	    "AND j.decision = 'accepted' LIMIT 1",
	    err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, d->serial, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, d->bank, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, d->batch);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		cdb_fail(c, err, _("Looking for duplicates"));
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* The rejection item D's payment password earns (NULL: none): one that
 * does not decrypt with the centre's key is unreadable; one that differs
 * from a "paykey serial" rule's, or is missing, is wrong. */
static const struct rule *paykey_check(const struct rules *r,
				       const struct due *d)
{
	static const struct rule unreadable = {
	    RULE_REJECT,
	    RULE_SERIAL,
	    "",
	    "paykey-unreadable",
	    "Payment password cannot be decrypted with the centre's key",
	    ""};
	const struct rule *want =
	    rules_match(r, RULE_PAYKEY, d->serial, d->bank);
	char clear[PAYKEY_MAX + 1];
	int ok;

	if (d->paykey_sm2[0] == '\0')
		return want;
	if (r->key == NULL ||
	    sign_decrypt_b64(r->key, d->paykey_sm2, clear, sizeof clear) != 0)
		return &unreadable;
	ok = want == NULL ||
	     (strlen(clear) == strlen(want->paykey) &&
	      CRYPTO_memcmp(clear, want->paykey, strlen(clear)) == 0);
	OPENSSL_cleanse(clear, sizeof clear);
	return ok ? NULL : want;
}

/* Decide item D by the rules at NOW and give its notice. */
static int decide_one(struct cdb *c, const struct rules *r, struct due *d,
		      time_t now, const char *at, struct cd_error *err)
{
	const struct rule *rej = NULL, *ret = NULL;
	const char *code = "", *reason = "";
	sqlite3_stmt *s;
	int dup = is_duplicate(c, d, err);

	if (dup < 0)
		return CD_ESTORE;
	if (dup) {
		code = "duplicate";
		reason = "Item presented before";
	} else if ((rej = paykey_check(r, d))) {
		code = rej->code;
		reason = rej->reason;
	} else if ((rej = rules_match(r, RULE_REJECT, d->serial, d->bank))) {
		code = rej->code;
		reason = rej->reason;
	} else {
		ret = rules_match(r, RULE_RETURN, d->serial, d->bank);
	}
	s = cdb_stmt(
	    c, CST_DECIDE_SET,
	    "UPDATE items SET decision = ?, reason_code = nullif(?, "
	    "''), reason = nullif(?, ''), decided_at = ?, return_due = "
	    "?, return_code = ?, return_reason = ? WHERE id = ?",
	    err);
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, *code ? "rejected" : "accepted", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, at, -1, SQLITE_TRANSIENT);
	if (ret) {
		sqlite3_bind_int64(s, 5, (sqlite3_int64)now + r->return_after);
		sqlite3_bind_text(s, 6, ret->code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 7, ret->reason, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(s, 8, d->id);
	if (cdb_exec(c, s, err) != CD_OK)
		return CD_ESTORE;
	return add_notice(c, d, *code ? "rejected" : "accepted", code, reason,
			  at, err);
}

/* Return accepted item D now. */
static int return_one(struct cdb *c, const struct due *d, const char *at,
		      struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_DECIDE_RETURNED,
		     "UPDATE items SET returned_at = ? WHERE id = ?", err);

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, d->id);
	if (cdb_exec(c, s, err) != CD_OK)
		return CD_ESTORE;
	return add_notice(c, d, "returned", d->code, d->reason, at, err);
}

/* Decide the due items and returns inside an open transaction. */
static int decide_all(struct cdb *c, const struct rules *r, time_t now,
		      struct cd_error *err)
{
	struct due *v = NULL;
	size_t n = 0, i;
	char at[TIMESTAMP_LEN];
	int rc;

	cdb_stamp(now, at);
	rc = collect(c, CST_DECIDE_DUE, due_sql, r->decide_after, now, &v, &n,
		     err);
	for (i = 0; rc == CD_OK && i < n; i++)
		rc = decide_one(c, r, &v[i], now, at, err);
	free(v);
	if (rc != CD_OK)
		return rc;
	rc = collect(c, CST_DECIDE_RETURN_DUE, return_due_sql, 0, now, &v, &n,
		     err);
	for (i = 0; rc == CD_OK && i < n; i++)
		rc = return_one(c, &v[i], at, err);
	free(v);
	return rc;
}

/* Decide whatever is due at NOW. */
int decide_due(struct cdb *c, const struct rules *r, time_t now,
	       struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_DECIDE_ANY,
	    "SELECT EXISTS (SELECT 1 FROM items i JOIN batches b ON b.id = "
	    "i.batch WHERE i.decision IS NULL AND b.replaced = 0 AND "
	    "b.received_epoch + ?1 <= ?2) OR EXISTS (SELECT 1 FROM items WHERE "
	    "decision = 'accepted' AND return_due <= ?2 AND returned_at IS "
	    "NULL)",
	    err);
	int rc, work;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_int(s, 1, r->decide_after);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	rc = sqlite3_step(s);
	work = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return cdb_fail(c, err, _("Finding items to decide"));
	if (!work)
		return CD_OK;
	if (cdb_begin(c, err) != CD_OK)
		return err->status;
	rc = decide_all(c, r, now, err);
	if (rc != CD_OK) {
		cdb_rollback(c);
		return rc;
	}
	return cdb_commit(c, err);
}

/* One notices row into N. */
static void notice_row(sqlite3_stmt *s, struct notice *n)
{
	char kind[16];

	memset(n, 0, sizeof *n);
	n->seq = sqlite3_column_int64(s, 0);
	cdb_col(s, 1, n->batch_id, sizeof n->batch_id);
	n->ref = sqlite3_column_int(s, 2);
	cdb_col(s, 3, n->serial, sizeof n->serial);
	cdb_col(s, 4, n->bank, sizeof n->bank);
	n->amount_fen = sqlite3_column_int64(s, 5);
	cdb_col(s, 6, kind, sizeof kind);
	n->kind = (enum notice_kind)notice_kind_parse(kind);
	cdb_col(s, 7, n->reason_code, sizeof n->reason_code);
	cdb_col(s, 8, n->reason, sizeof n->reason);
	cdb_col(s, 9, n->at, sizeof n->at);
	n->acknowledged = sqlite3_column_int(s, 10);
}

/* A page of a branch's notices. */
int notices_list(struct cdb *c, const char *branch, int64_t after, int limit,
		 const char *date, struct notice_page *out,
		 struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_NOTICE_LIST,
	    "SELECT n.seq, b.batch_id, i.ref, i.serial, i.bank, i.amount_fen, "
	    "n.kind, n.reason_code, n.reason, n.at, n.acknowledged FROM "
	    "notices n JOIN items i ON i.id = n.item JOIN batches b ON b.id = "
	    "i.batch WHERE n.branch = ?1 AND n.seq > ?2 AND (?3 IS NULL OR "
	    "n.business_date = ?3) ORDER BY n.seq LIMIT ?4",
	    err);
	int rc;

	memset(out, 0, sizeof *out);
	out->last_seq = after;
	if (s == NULL)
		return CD_ESTORE;
	out->v = calloc((size_t)limit + 1, sizeof *out->v);
	if (out->v == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, after);
	if (date)
		sqlite3_bind_text(s, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, limit + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == (size_t)limit) {
			out->more = 1;
			continue;
		}
		notice_row(s, &out->v[out->n]);
		out->last_seq = out->v[out->n++].seq;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(out->v);
		out->v = NULL;
		return cdb_fail(c, err, _("Reading notices"));
	}
	return CD_OK;
}

/* Acknowledge a branch's notices up to THROUGH. */
int notices_ack(struct cdb *c, const char *branch, int64_t through,
		int64_t *acked, struct cd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (cdb_begin(c, err) != CD_OK)
		return err->status;
	s = cdb_stmt(c, CST_NOTICE_ACK,
		     "UPDATE notices SET acknowledged = 1 WHERE branch = ? AND "
		     "seq <= ? AND acknowledged = 0",
		     err);
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, through);
	if (cdb_exec(c, s, err) != CD_OK)
		goto fail;
	s = cdb_stmt(c, CST_BRANCH_ACKED,
		     "UPDATE branches SET acked_through = max(acked_through, "
		     "min(?2, notice_seq)) WHERE branch = ?1 RETURNING "
		     "acked_through",
		     err);
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, through);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*acked = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		cdb_fail(c, err, _("Acknowledging notices"));
		goto fail;
	}
	return cdb_commit(c, err);
fail:
	cdb_rollback(c);
	return err->status ? err->status : CD_ESTORE;
}
