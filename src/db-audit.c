/* db-audit.c - appending audit records to the hash chain, listing them and
 * verifying the chain. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "i18n.h"

#define AUDIT_COLS                                                             \
	"id, at, user, auth, action, object, before, after, prev, hash"

/* Append FIELD to BUF as "LEN:BYTES;" ("-;" for NULL); returns the new
 * length, or 0 when the buffer could not grow. */
static size_t put_field(char **buf, size_t *cap, size_t len, const char *field)
{
	size_t n = field ? strlen(field) : 0, need = len + n + 24;
	char *p;

	if (need > *cap) {
		p = realloc(*buf, need * 2);
		if (p == NULL)
			return 0;
		*buf = p;
		*cap = need * 2;
	}
	if (field == NULL)
		return len + (size_t)sprintf(*buf + len, "-;");
	len += (size_t)sprintf(*buf + len, "%zu:", n);
	memcpy(*buf + len, field, n);
	(*buf)[len + n] = ';';
	return len + n + 1;
}

/* The hash a row must carry, chained to PREV. */
void audit_hash(const struct audit_rec *r, const char *prev,
		char out[SIGN_HEX_LEN])
{
	const char *fields[9];
	char id[24], *buf = NULL;
	size_t cap = 0, len = 0;
	int i;

	snprintf(id, sizeof id, "%lld", (long long)r->id);
	fields[0] = prev;
	fields[1] = id;
	fields[2] = r->at;
	fields[3] = r->user;
	fields[4] = r->auth;
	fields[5] = r->action;
	fields[6] = r->object;
	fields[7] = r->before;
	fields[8] = r->after;
	for (i = 0; i < 9; i++) {
		len = put_field(&buf, &cap, len, fields[i]);
		if (len == 0)
			break;
	}
	/* Out of memory gives a hash no row carries, so verify says so. */
	sign_sm3_hex(buf ? buf : "", len, out);
	free(buf);
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
