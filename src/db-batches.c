/* db-batches.c - storing outgoing batches and their state, and tying items
 * and bags to them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-batches.h"
#include "db-items.h"
#include "i18n.h"

/* Columns of a batch with its answer counts; the file comes last. */
#define BATCH_COLS                                                             \
	"b.id, b.batch_id, b.business_date, b.session, b.nn, b.state, "        \
	"b.resend, b.signature, b.digest, b.items, b.debit_count, "            \
	"b.debit_fen, b.credit_count, b.credit_fen, b.closed_by, "             \
	"b.closed_at, b.receipt, b.received_at, b.attempts, b.last_error, "    \
	"b.updated_at, "                                                       \
	"(SELECT count(*) FROM items i WHERE i.batch = b.id AND "              \
	" i.status = 'accepted'), "                                            \
	"(SELECT count(*) FROM items i WHERE i.batch = b.id AND "              \
	" i.status = 'rejected'), "                                            \
	"(SELECT count(*) FROM items i WHERE i.batch = b.id AND "              \
	" i.status = 'returned'), "                                            \
	"(SELECT count(*) FROM items i WHERE i.batch = b.id AND "              \
	" i.status = 'batched')"

/* Fill B from a row of BATCH_COLS (and the file when WITH_FILE). */
static int batch_from_row(sqlite3_stmt *s, struct batch_rec *b, int with_file)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, b->batch_id, sizeof b->batch_id);
	store_col_text(s, 2, b->business_date, sizeof b->business_date);
	b->session = sqlite3_column_int(s, 3);
	b->nn = sqlite3_column_int(s, 4);
	store_col_text(s, 5, b->state, sizeof b->state);
	b->resend = sqlite3_column_int(s, 6);
	store_col_text(s, 7, b->signature, sizeof b->signature);
	store_col_text(s, 8, b->digest, sizeof b->digest);
	b->items = sqlite3_column_int64(s, 9);
	b->debit_count = sqlite3_column_int64(s, 10);
	b->debit_fen = sqlite3_column_int64(s, 11);
	b->credit_count = sqlite3_column_int64(s, 12);
	b->credit_fen = sqlite3_column_int64(s, 13);
	store_col_text(s, 14, b->closed_by, sizeof b->closed_by);
	store_col_text(s, 15, b->closed_at, sizeof b->closed_at);
	store_col_text(s, 16, b->receipt, sizeof b->receipt);
	store_col_text(s, 17, b->received_at, sizeof b->received_at);
	b->attempts = sqlite3_column_int(s, 18);
	store_col_text(s, 19, b->last_error, sizeof b->last_error);
	store_col_text(s, 20, b->updated_at, sizeof b->updated_at);
	b->accepted = sqlite3_column_int64(s, 21);
	b->rejected = sqlite3_column_int64(s, 22);
	b->returned = sqlite3_column_int64(s, 23);
	b->waiting = sqlite3_column_int64(s, 24);
	if (with_file) {
		const void *f = sqlite3_column_blob(s, 25);
		int n = sqlite3_column_bytes(s, 25);

		b->file = malloc((size_t)n + 1);
		if (b->file == NULL)
			return -1;
		if (n > 0)
			memcpy(b->file, f, (size_t)n);
		b->file[n] = '\0';
		b->file_len = (size_t)n;
	}
	return 0;
}

/* Step a one-row query into OUT. */
static int batch_step_one(struct store *st, sqlite3_stmt *s, int with_file,
			  struct batch_rec *out, struct cd_error *err)
{
	int rc = sqlite3_step(s), bad = 0;

	if (rc == SQLITE_ROW)
		bad = batch_from_row(s, out, with_file);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW && bad)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "batch", "%s", "");
	return store_fail(st, err, _("Reading a batch"));
}

/* Insert a new batch. */
int batch_rec_insert(struct store *st, struct batch_rec *b,
		     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_BATCH_PUT,
	    "INSERT INTO batches (batch_id, business_date, session, nn, "
	    "state, resend, file, signature, digest, items, debit_count, "
	    "debit_fen, credit_count, credit_fen, closed_by, closed_at, "
	    "receipt, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->batch_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->business_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, b->session);
	sqlite3_bind_int(s, 4, b->nn);
	sqlite3_bind_text(s, 5, b->state, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, b->resend);
	sqlite3_bind_blob(s, 7, b->file, (int)b->file_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, b->signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, b->digest, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 10, b->items);
	sqlite3_bind_int64(s, 11, b->debit_count);
	sqlite3_bind_int64(s, 12, b->debit_fen);
	sqlite3_bind_int64(s, 13, b->credit_count);
	sqlite3_bind_int64(s, 14, b->credit_fen);
	sqlite3_bind_text(s, 15, b->closed_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 16, b->closed_at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 17, b->receipt);
	store_bind_text_or_null(s, 18, b->received_at);
	sqlite3_bind_text(s, 19, b->closed_at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch"));
	b->id = sqlite3_last_insert_rowid(st->db);
	return CD_OK;
}

/* Read a batch by row id. */
int batch_rec_get(struct store *st, int64_t id, int with_file,
		  struct batch_rec *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_GET,
				     "SELECT " BATCH_COLS ", b.file FROM "
				     "batches b WHERE b.id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, id);
	return batch_step_one(st, s, with_file, out, err);
}

/* Read a batch by its batch id. */
int batch_rec_find(struct store *st, const char *batch_id, int with_file,
		   struct batch_rec *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_GET_ID,
				     "SELECT " BATCH_COLS ", b.file FROM "
				     "batches b WHERE b.batch_id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, batch_id, -1, SQLITE_STATIC);
	return batch_step_one(st, s, with_file, out, err);
}

/* Run a listing statement, calling CB per batch. */
static int batch_each(struct store *st, sqlite3_stmt *s, batch_rec_cb cb,
		      void *ctx, struct cd_error *err)
{
	struct batch_rec b;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		batch_from_row(s, &b, 0);
		if (cb(&b, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing batches"));
	return CD_OK;
}

/* Every batch of a date, oldest first. */
int batch_rec_list(struct store *st, const char *date, batch_rec_cb cb,
		   void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_LIST,
				     "SELECT " BATCH_COLS " FROM batches b "
				     "WHERE ?1 IS NULL OR b.business_date = ?1 "
				     "ORDER BY b.id",
				     err);

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, date);
	return batch_each(st, s, cb, ctx, err);
}

/* Batches still to upload. */
int batch_rec_pending(struct store *st, batch_rec_cb cb, void *ctx,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_PENDING,
				     "SELECT " BATCH_COLS " FROM batches b "
				     "WHERE b.state IN ('closed', 'uploading') "
				     "ORDER BY b.id",
				     err);

	if (s == NULL)
		return err->status;
	return batch_each(st, s, cb, ctx, err);
}

/* The next NN for a date and session. */
int batch_rec_next_nn(struct store *st, const char *date, int session, int *nn,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_NEXT_NN,
				     "SELECT coalesce(max(nn), 0) + 1 FROM "
				     "batches WHERE business_date = ? AND "
				     "session = ?",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*nn = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Numbering the batch"));
	return CD_OK;
}

/* Move a batch to a new state. */
int batch_rec_set_state(struct store *st, int64_t id, const char *state,
			const char *receipt, const char *received_at,
			const char *error, int attempt, const char *at,
			struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_BATCH_STATE,
	    "UPDATE batches SET state = ?, receipt = coalesce(?, receipt), "
	    "received_at = coalesce(?, received_at), last_error = ?, "
	    "attempts = attempts + ?, updated_at = ? WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, receipt);
	store_bind_text_or_null(s, 3, received_at);
	store_bind_text_or_null(s, 4, error);
	sqlite3_bind_int(s, 5, attempt ? 1 : 0);
	sqlite3_bind_text(s, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch's state"));
	return CD_OK;
}

/* Replace a batch's file for a resend. */
int batch_rec_replace_file(struct store *st, const struct batch_rec *b,
			   struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_BATCH_REPLACE,
	    "UPDATE batches SET file = ?, signature = ?, digest = ?, "
	    "resend = 1, state = 'closed', receipt = NULL, received_at = "
	    "NULL, last_error = NULL, closed_by = ?, closed_at = ?, "
	    "updated_at = ? WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_blob(s, 1, b->file, (int)b->file_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b->digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, b->closed_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, b->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, b->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, b->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch"));
	return CD_OK;
}

/* Tie an item to its batch. */
int item_set_batch(struct store *st, int64_t item_id, int64_t batch, int ref,
		   const char *status, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_LOCK_ITEM,
				     "UPDATE items SET batch = ?, batch_ref = "
				     "?, status = ? WHERE id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int(s, 2, ref);
	sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, item_id);
	if (sqlite3_step(s) != SQLITE_DONE || sqlite3_changes(st->db) != 1)
		return store_fail(st, err, _("Locking the batch's items"));
	return CD_OK;
}

/* Tie a bag to its batch. */
int bag_set_batch(struct store *st, int64_t bag_id, int64_t batch,
		  struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_BATCH_LOCK_BAG,
		       "UPDATE bags SET batch = ? WHERE id = ?", err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int64(s, 2, bag_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Locking the batch's bags"));
	return CD_OK;
}

/* The item a notice names. */
int item_find_ref(struct store *st, int64_t batch, int ref, struct item *out,
		  struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ITEM_BY_REF,
				     "SELECT id FROM items WHERE batch = ? AND "
				     "batch_ref = ?",
				     err);
	int64_t id = 0;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int(s, 2, ref);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		store_fail(st, err, _("Reading an item"));
		return -1;
	}
	return item_get(st, id, out, err) == CD_OK ? 1 : -1;
}

/* Record the centre's answer on an item. */
int item_set_answer(struct store *st, int64_t id, const char *status,
		    const char *code, const char *reason, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ITEM_ANSWER,
				     "UPDATE items SET status = ?, reason_code "
				     "= ?, reason = ? WHERE id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, code);
	store_bind_text_or_null(s, 3, reason);
	sqlite3_bind_int64(s, 4, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the centre's answer"));
	return CD_OK;
}
