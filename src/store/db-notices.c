/* db-notices.c - notices from the centre as applied, their "seen" marks,
 * and the poll cursor. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db-notices.h"
#include "i18n.h"

/* Columns of a notice with its item's serial, bank and amount. */
#define NOTICE_COLS                                                            \
	"n.seq, n.batch_id, n.ref, n.item_id, n.kind, n.reason_code, "         \
	"n.reason, n.at, n.applied_at, n.teller, n.seen_teller, "              \
	"n.seen_supervisor, i.serial, i.bank, i.amount_fen"

/* Fill N from a row of NOTICE_COLS. */
static void notice_from_row(sqlite3_stmt *s, struct notice_rec *n)
{
	memset(n, 0, sizeof *n);
	n->seq = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, n->batch_id, sizeof n->batch_id);
	n->ref = sqlite3_column_int(s, 2);
	n->item_id = sqlite3_column_int64(s, 3);
	store_col_text(s, 4, n->kind, sizeof n->kind);
	store_col_text(s, 5, n->reason_code, sizeof n->reason_code);
	store_col_text(s, 6, n->reason, sizeof n->reason);
	store_col_text(s, 7, n->at, sizeof n->at);
	store_col_text(s, 8, n->applied_at, sizeof n->applied_at);
	store_col_text(s, 9, n->teller, sizeof n->teller);
	n->seen_teller = sqlite3_column_int(s, 10);
	n->seen_supervisor = sqlite3_column_int(s, 11);
	store_col_text(s, 12, n->serial, sizeof n->serial);
	store_col_text(s, 13, n->bank, sizeof n->bank);
	n->amount_fen = sqlite3_column_int64(s, 14);
}

/* Store a notice unless its seq is already there. */
int notice_rec_insert(struct store *st, const struct notice_rec *n, int *stored,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_NOTICE_PUT,
	    "INSERT OR IGNORE INTO notices (seq, batch_id, ref, item_id, "
	    "kind, reason_code, reason, at, applied_at, teller, seen_teller, "
	    "seen_supervisor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);

	*stored = 0;
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, n->seq);
	sqlite3_bind_text(s, 2, n->batch_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, n->ref);
	if (n->item_id > 0)
		sqlite3_bind_int64(s, 4, n->item_id);
	sqlite3_bind_text(s, 5, n->kind, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 6, n->reason_code);
	store_bind_text_or_null(s, 7, n->reason);
	sqlite3_bind_text(s, 8, n->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, n->applied_at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 10, n->teller);
	sqlite3_bind_int(s, 11, n->seen_teller);
	sqlite3_bind_int(s, 12, n->seen_supervisor);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving a notice"));
	*stored = sqlite3_changes(st->db) == 1;
	return CD_OK;
}

/* Call CB for the notices F selects, oldest first (newest first with a
 * limit). */
int notice_rec_list(struct store *st, const struct notice_filter *f,
		    notice_rec_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_NOTICE_LIST,
	    "SELECT * FROM (SELECT " NOTICE_COLS " FROM notices n "
	    "LEFT JOIN items i ON i.id = n.item_id WHERE"
	    " (?1 IS NULL OR n.teller = ?1)"
	    " AND (?2 IS NULL OR i.business_date = ?2)"
	    " AND (?3 IS NULL OR (CASE WHEN ?4 THEN n.seen_supervisor"
	    "      ELSE n.seen_teller END) = 0)"
	    " ORDER BY n.seq DESC LIMIT ?5) ORDER BY seq",
	    err);
	struct notice_rec n;
	int rc;

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, f->teller);
	store_bind_text_or_null(s, 2, f->date);
	if (f->unseen)
		sqlite3_bind_int(s, 3, 1);
	sqlite3_bind_int(s, 4, f->supervisor);
	sqlite3_bind_int(s, 5, f->limit > 0 ? f->limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		notice_from_row(s, &n);
		if (cb(&n, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing notices"));
	return CD_OK;
}

/* Count unseen notices. */
int notice_rec_unseen(struct store *st, int supervisor, const char *teller,
		      int64_t *n, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_NOTICE_UNSEEN,
	    "SELECT count(*) FROM notices WHERE CASE WHEN ?1 THEN "
	    "seen_supervisor = 0 ELSE seen_teller = 0 AND teller = ?2 END",
	    err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int(s, 1, supervisor);
	store_bind_text_or_null(s, 2, teller);
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Counting new notices"));
	return CD_OK;
}

/* Mark the notices seen by a supervisor, or by TELLER. */
int notice_rec_mark_seen(struct store *st, int supervisor, const char *teller,
			 struct cd_error *err)
{
	sqlite3_stmt *s =
	    supervisor
		? store_stmt(st, STMT_NOTICE_SEEN_SUPER,
			     "UPDATE notices SET seen_supervisor = 1 WHERE "
			     "seen_supervisor = 0",
			     err)
		: store_stmt(st, STMT_NOTICE_SEEN_TELLER,
			     "UPDATE notices SET seen_teller = 1 WHERE "
			     "seen_teller = 0 AND teller = ?",
			     err);

	if (s == NULL)
		return err->status;
	if (!supervisor)
		store_bind_text_or_null(s, 1, teller);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving that notices were seen"));
	return CD_OK;
}

/* Read the poll cursor. */
int centre_state_get(struct store *st, int64_t *cursor, int64_t *acked,
		     char *polled_at, size_t len, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CENTRE_GET,
				     "SELECT cursor, acked, polled_at FROM "
				     "centre WHERE id = 1",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*cursor = sqlite3_column_int64(s, 0);
		*acked = sqlite3_column_int64(s, 1);
		if (polled_at != NULL)
			store_col_text(s, 2, polled_at, len);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading the poll position"));
	return CD_OK;
}

/* Move the cursor forward (never back) and note the poll time. */
int centre_set_cursor(struct store *st, int64_t cursor, const char *at,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CENTRE_CURSOR,
				     "UPDATE centre SET cursor = max(cursor, "
				     "?), polled_at = ? WHERE id = 1",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, cursor);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the poll position"));
	return CD_OK;
}

/* Record how far notices were acknowledged. */
int centre_set_acked(struct store *st, int64_t acked, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CENTRE_ACKED,
				     "UPDATE centre SET acked = max(acked, ?) "
				     "WHERE id = 1",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, acked);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the poll position"));
	return CD_OK;
}
