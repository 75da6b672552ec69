/* db-audit.c - appending audit records to the hash chain, listing them and
 * verifying the chain. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "grow.h"
#include "i18n.h"

#define AUDIT_COLS                                                             \
	"id, at, user, auth, action, object, before, after, prev, hash"

/* Append FIELD to BUF as "LEN:BYTES;" ("-;" for NULL); returns the new
 * length, or 0 when the buffer could not grow. */
static size_t put_field(char **buf, size_t *cap, size_t len, const char *field)
{
	size_t n = field ? strlen(field) : 0;

	if (grow(buf, cap, len + n + 24, 1) != 0)
		return 0;
	if (field == NULL)
		return len + (size_t)sprintf(*buf + len, "-;");
	len += (size_t)sprintf(*buf + len, "%zu:", n);
	memcpy(*buf + len, field, n);
	(*buf)[len + n] = ';';
	return len + n + 1;
}

/* SM3 over the N length-prefixed FIELDS, in hex. */
static void fields_hash(const char *const *fields, int n,
			char out[SIGN_HEX_LEN])
{
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int i;

	for (i = 0; i < n; i++) {
		len = put_field(&buf, &cap, len, fields[i]);
		if (len == 0)
			break;
	}
	/* Out of memory gives a hash no row carries, so verify says so. */
	sign_sm3_hex(buf ? buf : "", len, out);
	free(buf);
}

/* The hash a row must carry, chained to PREV. */
void audit_hash(const struct audit_rec *r, const char *prev,
		char out[SIGN_HEX_LEN])
{
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	fields_hash((const char *const[]){prev, id, r->at, r->user, r->auth,
					  r->action, r->object, r->before,
					  r->after},
		    9, out);
}

/* The short hash of a row's contents. */
void audit_leaf(const struct audit_rec *r, char out[BATCH_LEAF_HEX + 1])
{
	char h[SIGN_HEX_LEN];

	fields_hash((const char *const[]){r->at, r->user, r->auth, r->action,
					  r->object, r->before, r->after},
		    7, h);
	memcpy(out, h, BATCH_LEAF_HEX);
	out[BATCH_LEAF_HEX] = '\0';
}

/* The id and hash of the last row (0 and "" when there is none). */
static int last_row(struct store *st, int64_t *id, char hash[SIGN_HEX_LEN],
		    struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_AUDIT_LAST,
	    "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (s == NULL)
		return err->status;
	*id = 0;
	hash[0] = '\0';
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, hash, SIGN_HEX_LEN);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading the audit trail"));
	return CD_OK;
}

/* Append one audit row, chained to the last. */
int audit_add(struct store *st, const char *at, const char *user,
	      const char *action, const char *object, const char *before,
	      const char *after, struct cd_error *err)
{
	struct audit_rec r = {
	    0,	    at,	    user,   st->auth_by[0] ? st->auth_by : NULL,
	    action, object, before, after,
	    NULL,   NULL};
	char prev[SIGN_HEX_LEN], hash[SIGN_HEX_LEN];
	int64_t last;
	sqlite3_stmt *s;

	if (last_row(st, &last, prev, err) != CD_OK)
		return err->status;
	r.id = last + 1;
	r.user = user && *user ? user : NULL;
	r.object = object && *object ? object : NULL;
	r.before = before && *before ? before : NULL;
	r.after = after && *after ? after : NULL;
	audit_hash(&r, prev, hash);
	s = store_stmt(st, STMT_AUDIT_PUT,
		       "INSERT INTO audit (" AUDIT_COLS
		       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       err);
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, r.id);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 3, r.user);
	store_bind_text_or_null(s, 4, r.auth);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 6, r.object);
	store_bind_text_or_null(s, 7, r.before);
	store_bind_text_or_null(s, 8, r.after);
	sqlite3_bind_text(s, 9, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Writing the audit record"));
	return CD_OK;
}

/* A text column, NULL for SQL NULL. */
static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* Read the current row of an AUDIT_COLS query. */
static void rec_from_row(sqlite3_stmt *s, struct audit_rec *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->at = col(s, 1);
	r->user = col(s, 2);
	r->auth = col(s, 3);
	r->action = col(s, 4);
	r->object = col(s, 5);
	r->before = col(s, 6);
	r->after = col(s, 7);
	r->prev = col(s, 8);
	r->hash = col(s, 9);
}

/* One after the last record a close or resend anchored. */
int audit_anchor_start(struct store *st, int64_t *from, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_AUDIT_FROM,
	    "SELECT max(json_extract(after, '$.audit_to')) FROM audit WHERE "
	    "action IN ('batch.close', 'batch.resend') AND json_valid(after)",
	    err);
	int rc;

	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	*from = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) + 1 : 1;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading the audit trail"));
	return CD_OK;
}

/* Append LEAF to the growing string *BUF (*LEN hex digits so far). */
static int put_leaf(char **buf, size_t *cap, size_t *len, const char *leaf)
{
	if (grow(buf, cap, *len + BATCH_LEAF_HEX + 1, 1) != 0)
		return -1;
	memcpy(*buf + *len, leaf, BATCH_LEAF_HEX);
	*len += BATCH_LEAF_HEX;
	(*buf)[*len] = '\0';
	return 0;
}

/* The hash of the trail's first record ("" when empty) and whether
 * anchors of another trail are to be expected: the trail says the
 * database was rebuilt from the centre (resync), or it holds no batch
 * (a new terminal's, before its resync). */
static int chain_facts(struct store *st, char first[SIGN_HEX_LEN],
		       int *resynced, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_AUDIT_FIRST,
	    "SELECT (SELECT hash FROM audit ORDER BY id LIMIT 1), "
	    "EXISTS (SELECT 1 FROM audit WHERE action = 'resync.done') OR "
	    "NOT EXISTS (SELECT 1 FROM batches)",
	    err);
	int rc;

	if (s == NULL)
		return err->status;
	first[0] = '\0';
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_text(s, 0, first, SIGN_HEX_LEN);
		*resynced = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading the audit trail"));
	return CD_OK;
}

/* The hash of the trail's first record into OUT. */
static int first_hash(struct store *st, char *out, struct cd_error *err)
{
	int resynced;

	return chain_facts(st, out, &resynced, err);
}

/* Records FROM.. as an anchor. */
int audit_anchor_make(struct store *st, int64_t from, struct batch_anchor *a,
		      struct cd_error *err)
{
	static const char none[] = "0000000000000000";
	sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_ANCHORED,
				     "SELECT " AUDIT_COLS " FROM audit WHERE "
				     "id >= ? ORDER BY id",
				     err);
	char leaf[BATCH_LEAF_HEX + 1];
	size_t cap = 0, len = 0;
	struct audit_rec r;
	int64_t next = from;
	int rc, oom = 0;

	memset(a, 0, sizeof *a);
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, from);
	while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rec_from_row(s, &r);
		for (; next < r.id && !oom; next++)
			oom = put_leaf(&a->leaves, &cap, &len, none) != 0;
		audit_leaf(&r, leaf);
		oom = oom || put_leaf(&a->leaves, &cap, &len, leaf) != 0;
		next = r.id + 1;
		a->record = r.id;
		snprintf(a->hash, sizeof a->hash, "%s", r.hash ? r.hash : "");
	}
	sqlite3_reset(s);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		free(a->leaves);
		memset(a, 0, sizeof *a);
		return oom ? cd_err(err, CD_EFAIL, NULL,
				    _("Out of memory while anchoring the audit "
				      "trail. Close other programs and try "
				      "again."))
			   : store_fail(st, err, _("Reading the audit trail"));
	}
	a->from = from;
	return a->record > 0 ? first_hash(st, a->chain, err) : CD_OK;
}

/* Chain the rows written before schema 4 (all of them, in id order). */
int audit_chain_seal(struct store *st, struct cd_error *err)
{
	sqlite3_stmt *q = NULL, *u = NULL;
	char prev[SIGN_HEX_LEN] = "", hash[SIGN_HEX_LEN];
	struct audit_rec r;
	int rc = CD_OK, step;

	if (sqlite3_prepare_v2(st->db,
			       "SELECT " AUDIT_COLS " FROM audit ORDER BY id",
			       -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
		st->db, "UPDATE audit SET prev = ?, hash = ? WHERE id = ?", -1,
		&u, NULL) != SQLITE_OK)
		rc = store_fail(st, err, _("Upgrading the database"));
	while (rc == CD_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		rec_from_row(q, &r);
		audit_hash(&r, prev, hash);
		sqlite3_bind_text(u, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(u, 2, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(u, 3, r.id);
		if (sqlite3_step(u) != SQLITE_DONE)
			rc = store_fail(st, err, _("Upgrading the database"));
		sqlite3_reset(u);
		memcpy(prev, hash, sizeof prev);
	}
	if (rc == CD_OK && step != SQLITE_DONE)
		rc = store_fail(st, err, _("Upgrading the database"));
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return rc;
}

/* List rows matching F in id order. */
int audit_list(struct store *st, const struct audit_filter *f, audit_cb cb,
	       void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_AUDIT_LIST,
	    "SELECT " AUDIT_COLS " FROM audit WHERE (?1 IS NULL OR user = ?1 "
	    "OR auth = ?1) AND (?2 IS NULL OR substr(at, 1, 10) = ?2) "
	    "ORDER BY id",
	    err);
	struct audit_rec r;
	int rc;

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, f->user);
	store_bind_text_or_null(s, 2, f->date);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rec_from_row(s, &r);
		if (cb(&r, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading the audit trail"));
	return CD_OK;
}

/* State of a walk over the chain. */
struct walk {
	struct audit_check *out;
	char good[SIGN_HEX_LEN]; /* hash of the last row found good */
	int64_t good_id;
	int64_t suspect; /* a row whose hash is wrong: changed or inserted */
	int suspect_unsigned;
};

/* Text equality treating NULL as "". */
static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Check one row against the chain so far; non-zero stops the walk. */
static int walk_row(const struct audit_rec *r, void *ctx)
{
	struct walk *w = ctx;
	char want[SIGN_HEX_LEN];
	int self_ok, link_ok = same(r->prev, w->good);

	w->out->rows++;
	if (w->suspect) {
		/* The row after a bad one still links past it: the bad one
		 * was slipped in; otherwise it was changed in place. */
		w->out->fault = link_ok ? AUDIT_INSERTED : AUDIT_CHANGED;
		w->out->id = w->suspect;
		return 1;
	}
	audit_hash(r, r->prev ? r->prev : "", want);
	self_ok = r->hash != NULL && strcmp(want, r->hash) == 0;
	if (self_ok && link_ok) {
		snprintf(w->good, sizeof w->good, "%s", r->hash);
		w->good_id = r->id;
		return 0;
	}
	if (self_ok) {
		/* A genuine row whose predecessor is gone. */
		w->out->fault = AUDIT_REMOVED;
		w->out->id = r->id;
		w->out->after_id = w->good_id;
		return 1;
	}
	w->suspect = r->id;
	w->suspect_unsigned = r->hash == NULL || r->hash[0] == '\0';
	return 0;
}

/* Walk the chain and report the first fault. */
int audit_verify(struct store *st, struct audit_check *out,
		 struct cd_error *err)
{
	struct audit_filter all = {NULL, NULL};
	struct walk w;

	memset(out, 0, sizeof *out);
	memset(&w, 0, sizeof w);
	w.out = out;
	if (audit_list(st, &all, walk_row, &w, err) != CD_OK)
		return err->status;
	if (out->fault == AUDIT_INTACT && w.suspect) {
		/* The last row is bad: a row without a hash was added by
		 * hand, one with a hash was changed. */
		out->fault =
		    w.suspect_unsigned ? AUDIT_INSERTED : AUDIT_CHANGED;
		out->id = w.suspect;
	}
	if (out->fault == AUDIT_INTACT)
		snprintf(out->head, sizeof out->head, "%s", w.good);
	return CD_OK;
}

/* The chain's rows as the anchors check them. */
struct seen {
	int64_t *id;
	char (*leaf)[BATCH_LEAF_HEX];
	size_t n, cap, cap_leaf;
	char chain[SIGN_HEX_LEN]; /* hash recomputed from the contents */
	const struct batch_anchor **heads; /* anchors by record */
	size_t nheads, next_head;
	int64_t bad_head; /* index + 1 of an anchor whose hash differs */
	int oom;
};

/* Note one row: its id, its leaf, and the recomputed chain at anchors. */
static int see_row(const struct audit_rec *r, void *ctx)
{
	struct seen *s = ctx;
	char leaf[BATCH_LEAF_HEX + 1];

	if (GROW_ONE(s->id, s->cap, s->n) != 0 ||
	    GROW_ONE(s->leaf, s->cap_leaf, s->n) != 0) {
		s->oom = 1;
		return 1;
	}
	audit_leaf(r, leaf);
	s->id[s->n] = r->id;
	memcpy(s->leaf[s->n++], leaf, BATCH_LEAF_HEX);
	audit_hash(r, s->chain, s->chain);
	while (s->next_head < s->nheads &&
	       s->heads[s->next_head]->record <= r->id) {
		if (s->heads[s->next_head]->record == r->id &&
		    strcmp(s->heads[s->next_head]->hash, s->chain) != 0 &&
		    s->bad_head == 0)
			s->bad_head = (int64_t)s->next_head + 1;
		s->next_head++;
	}
	return 0;
}

/* Order anchors by record. */
static int by_record(const void *a, const void *b)
{
	const struct batch_anchor *x = *(const struct batch_anchor *const *)a;
	const struct batch_anchor *y = *(const struct batch_anchor *const *)b;

	return (x->record > y->record) - (x->record < y->record);
}

/* The leaf the anchors give record ID, or NULL when none covers it. */
static const char *anchored_leaf(const struct batch_anchor *const *v, size_t n,
				 int64_t id)
{
	size_t i;

	/* the latest anchor covering ID says what it was */
	for (i = n; i-- > 0;)
		if (v[i]->from <= id && id <= v[i]->record)
			return v[i]->leaves +
			       (size_t)(id - v[i]->from) * BATCH_LEAF_HEX;
	return NULL;
}

/* True when seen row I exists and has LEAF. */
static int leaf_is(const struct seen *s, size_t i, const char *leaf)
{
	return leaf != NULL && i < s->n &&
	       memcmp(s->leaf[i], leaf, BATCH_LEAF_HEX) == 0;
}

/* Compare the rows with the anchored leaves up to the last anchored
 * record; fill F with the first fault (F->fault AUDIT_INTACT: none). */
static void compare_leaves(const struct seen *s,
			   const struct batch_anchor *const *v, size_t n,
			   int64_t last, struct audit_check *f)
{
	static const char missing[] = "0000000000000000";
	const char *want;
	size_t i = 0;
	int64_t p;

	for (p = 1; p <= last; p++) {
		want = anchored_leaf(v, n, p);
		if (want == NULL ||
		    memcmp(want, missing, BATCH_LEAF_HEX) == 0) {
			/* not anchored, or already missing at the close */
			while (i < s->n && s->id[i] <= p)
				i++;
			continue;
		}
		if (i < s->n && s->id[i] == p && leaf_is(s, i, want)) {
			i++;
			continue;
		}
		f->after_id = p - 1;
		if (i == s->n) {
			/* the records at the end are gone */
			f->fault = AUDIT_REMOVED;
			f->id = 0;
		} else if (s->id[i] > p) {
			f->fault = AUDIT_REMOVED;
			f->id = s->id[i];
		} else if (leaf_is(s, i, anchored_leaf(v, n, p + 1))) {
			/* renumbered after the record was taken out */
			f->fault = AUDIT_REMOVED;
			f->id = p + 1;
		} else if (leaf_is(s, i + 1, want)) {
			f->fault = AUDIT_INSERTED;
			f->id = p;
		} else {
			f->fault = AUDIT_CHANGED;
			f->id = p;
		}
		return;
	}
}

/* The first record a fault names, for choosing the earlier of two. */
static int64_t fault_at(const struct audit_check *c)
{
	if (c->fault == AUDIT_INTACT)
		return INT64_MAX;
	return c->fault == AUDIT_REMOVED ? c->after_id + 1 : c->id;
}

/* Check the anchors of this chain (S->heads, S->nheads of them, by
 * record) against the rows S saw; the fault into OUT when it comes
 * before the one OUT holds. */
static void check_own(const struct seen *s, const struct batch_anchor *v,
		      struct audit_check *out)
{
	const struct batch_anchor *const *h = s->heads;
	size_t i, n = s->nheads;
	struct audit_check f;

	memset(&f, 0, sizeof f);
	out->anchored = h[n - 1]->record;
	for (i = 0; i < s->n; i++)
		if (s->id[i] > out->anchored)
			out->unanchored++;
	compare_leaves(s, h, n, out->anchored, &f);
	if (f.fault == AUDIT_INTACT && s->bad_head) {
		/* the contents agree but the chain does not */
		f.fault = AUDIT_CHANGED;
		f.id = h[s->bad_head - 1]->record;
	}
	if (f.fault == AUDIT_INTACT && s->next_head < n) {
		/* an anchored record is past the end */
		f.fault = AUDIT_REMOVED;
		f.after_id = s->n ? s->id[s->n - 1] : 0;
		f.id = 0;
	}
	if (fault_at(&f) >= fault_at(out))
		return;
	/* the first anchor the fault is before */
	for (i = 0; i + 1 < n && h[i]->record < fault_at(&f); i++)
		;
	out->fault = f.fault;
	out->id = f.id;
	out->after_id = f.after_id;
	out->anchor = h[i] - v;
	out->anchor_fault = 1;
}

/* The chain, then the anchors. */
int audit_verify_anchored(struct store *st, const struct batch_anchor *v,
			  size_t n, struct audit_check *out,
			  struct cd_error *err)
{
	struct audit_filter all = {NULL, NULL};
	char first[SIGN_HEX_LEN];
	struct seen s;
	size_t i;
	int rc, resynced = 0;

	if (audit_verify(st, out, err) != CD_OK ||
	    chain_facts(st, first, &resynced, err) != CD_OK)
		return err->status;
	if (n == 0)
		return CD_OK;
	memset(&s, 0, sizeof s);
	s.heads = malloc(n * sizeof *s.heads);
	if (s.heads == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory while checking the audit "
				"trail. Close other programs and try again."));
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].chain, first) == 0)
			s.heads[s.nheads++] = &v[i];
		else if (out->foreign++ == 0)
			out->first_foreign = (int64_t)i;
	}
	out->anchors = (int64_t)s.nheads;
	qsort(s.heads, s.nheads, sizeof *s.heads, by_record);
	rc = audit_list(st, &all, see_row, &s, err);
	if (rc == CD_OK && s.oom)
		rc = cd_err(err, CD_EFAIL, NULL,
			    _("Out of memory while checking the audit "
			      "trail. Close other programs and try again."));
	if (rc == CD_OK && s.nheads > 0)
		check_own(&s, v, out);
	if (rc == CD_OK && out->fault == AUDIT_INTACT && out->foreign > 0 &&
	    !resynced) {
		/* anchors of another trail in a database that holds batches
		 * and was never rebuilt from the centre: its trail was
		 * replaced from the first record */
		out->fault = AUDIT_FOREIGN;
		out->anchor = out->first_foreign;
		out->anchor_fault = 1;
	}
	free(s.id);
	free(s.leaf);
	free(s.heads);
	return rc;
}
