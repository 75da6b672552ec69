/* db-batches.c - storing outgoing batches and their state, and tying items
 * and bags to them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-batches.h"
#include "db-items.h"
#include "grow.h"
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

/* Fill B from a row of BATCH_COLS. */
static void batch_from_row(sqlite3_stmt *s, struct batch_rec *b)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, b->batch_id, sizeof b->batch_id);
	store_col_text(s, 2, b->business_date, sizeof b->business_date);
	b->session = sqlite3_column_int(s, 3);
	b->nn = sqlite3_column_int(s, 4);
	if (sqlite3_column_type(s, 5) != SQLITE_TEXT ||
	    batch_state_parse((const char *)sqlite3_column_text(s, 5),
			      &b->state) != 0)
		b->state =
		    BATCH_FAILED; /* the schema's CHECK allows no other */
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
}

/* Read the file of batch B into B->file (NUL-terminated). */
static int batch_read_file(struct store *st, struct batch_rec *b,
			   struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_FILE_GET,
				     "SELECT file FROM batch_files WHERE "
				     "batch = ?",
				     err);
	int rc, n, bad = 0;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, b->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const void *f = sqlite3_column_blob(s, 0);

		n = sqlite3_column_bytes(s, 0);
		b->file = malloc((size_t)n + 1);
		if (b->file == NULL)
			bad = 1;
		else {
			if (n > 0)
				memcpy(b->file, f, (size_t)n);
			b->file[n] = '\0';
			b->file_len = (size_t)n;
		}
	}
	sqlite3_reset(s);
	if (bad)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading a batch"));
	return CD_OK;
}

/* Step a one-row query into OUT. */
static int batch_step_one(struct store *st, sqlite3_stmt *s, int with_file,
			  struct batch_rec *out, struct cd_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		batch_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return with_file ? batch_read_file(st, out, err) : CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "batch", "%s", "");
	return store_fail(st, err, _("Reading a batch"));
}

/* Store B's file beside its batch, or as many zero bytes when it is to
 * be written in pieces (a zeroblob in the last column is not made in
 * memory). */
static int put_file(struct store *st, const struct batch_rec *b,
		    struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_FILE_PUT,
				     "INSERT OR REPLACE INTO batch_files "
				     "(batch, file) VALUES (?, ?)",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, b->id);
	if (b->file == NULL)
		sqlite3_bind_zeroblob64(s, 2, (sqlite3_uint64)b->file_len);
	else
		sqlite3_bind_blob64(s, 2, b->file, (sqlite3_uint64)b->file_len,
				    SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch"));
	return CD_OK;
}

/* Insert a new batch. */
int batch_rec_insert(struct store *st, struct batch_rec *b,
		     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_BATCH_PUT,
	    "INSERT INTO batches (batch_id, business_date, session, nn, "
	    "state, resend, signature, digest, items, debit_count, "
	    "debit_fen, credit_count, credit_fen, closed_by, closed_at, "
	    "receipt, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->batch_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->business_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, b->session);
	sqlite3_bind_int(s, 4, b->nn);
	sqlite3_bind_text(s, 5, batch_state_name(b->state), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, b->resend);
	sqlite3_bind_text(s, 7, b->signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, b->digest, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, b->items);
	sqlite3_bind_int64(s, 10, b->debit_count);
	sqlite3_bind_int64(s, 11, b->debit_fen);
	sqlite3_bind_int64(s, 12, b->credit_count);
	sqlite3_bind_int64(s, 13, b->credit_fen);
	sqlite3_bind_text(s, 14, b->closed_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, b->closed_at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 16, b->receipt);
	store_bind_text_or_null(s, 17, b->received_at);
	sqlite3_bind_text(s, 18, b->closed_at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch"));
	b->id = sqlite3_last_insert_rowid(st->db);
	return put_file(st, b, err);
}

/* Read a batch by row id. */
int batch_rec_get(struct store *st, int64_t id, int with_file,
		  struct batch_rec *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BATCH_GET,
				     "SELECT " BATCH_COLS " FROM "
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
				     "SELECT " BATCH_COLS " FROM "
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
		batch_from_row(s, &b);
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
int batch_rec_set_state(struct store *st, int64_t id, enum batch_state state,
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
	sqlite3_bind_text(s, 1, batch_state_name(state), -1, SQLITE_STATIC);
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
	    "UPDATE batches SET signature = ?, digest = ?, "
	    "resend = 1, state = 'closed', receipt = NULL, received_at = "
	    "NULL, last_error = NULL, closed_by = ?, closed_at = ?, "
	    "updated_at = ? WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->digest, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b->closed_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, b->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, b->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, b->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the batch"));
	return put_file(st, b, err);
}

/* Open a stored batch file for pieces. */
int batch_file_open(struct store *st, int64_t id, int write,
		    struct batch_file *f, struct cd_error *err)
{
	memset(f, 0, sizeof *f);
	f->st = st;
	if (sqlite3_blob_open(st->db, "main", "batch_files", "file", id, write,
			      &f->blob) != SQLITE_OK) {
		sqlite3_blob_close(f->blob);
		f->blob = NULL;
		return store_fail(st, err, _("Reading a batch"));
	}
	f->len = (size_t)sqlite3_blob_bytes(f->blob);
	return CD_OK;
}

/* Read a piece of a stored batch file. */
int batch_file_read(struct batch_file *f, size_t offset, void *buf, size_t len,
		    struct cd_error *err)
{
	if (sqlite3_blob_read(f->blob, buf, (int)len, (int)offset) != SQLITE_OK)
		return store_fail(f->st, err, _("Reading a batch"));
	return CD_OK;
}

/* Write a piece of a stored batch file. */
int batch_file_write(struct batch_file *f, size_t offset, const void *buf,
		     size_t len, struct cd_error *err)
{
	if (sqlite3_blob_write(f->blob, buf, (int)len, (int)offset) !=
	    SQLITE_OK)
		return store_fail(f->st, err, _("Saving the batch"));
	return CD_OK;
}

/* Close a stored batch file. */
void batch_file_close(struct batch_file *f)
{
	sqlite3_blob_close(f->blob);
	f->blob = NULL;
}

/* Add the next item of a batch file. */
int batch_refs_add(struct batch_refs *r, int64_t id, int new_run)
{
	if (GROW_ONE(r->ids, r->cap, r->n) != 0)
		return -1;
	if (new_run || r->n == 0 || id <= r->ids[r->n - 1]) {
		if (GROW_ONE(r->runs, r->runs_cap, r->nruns) != 0)
			return -1;
		r->runs[r->nruns++] = r->n;
	}
	r->ids[r->n++] = id;
	return 0;
}

/* Free a batch's refs. */
void batch_refs_free(struct batch_refs *r)
{
	free(r->ids);
	free(r->runs);
	memset(r, 0, sizeof *r);
}

/* SQL cd_batch_ref(REFS, ID): the ref of item ID in the file, or NULL
 * (counted as a miss) when it is not in it. */
static void sql_batch_ref(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct batch_refs *r = sqlite3_value_pointer(argv[0], "cd_batch_refs");
	int64_t id = sqlite3_value_int64(argv[1]);
	size_t k, lo, hi, mid;

	(void)argc;
	for (k = 0; r != NULL && k < r->nruns; k++) {
		lo = r->runs[k];
		hi = k + 1 < r->nruns ? r->runs[k + 1] : r->n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (r->ids[mid] == id) {
				sqlite3_result_int64(ctx, (int64_t)mid + 1);
				return;
			}
			if (r->ids[mid] < id)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (r != NULL)
		r->misses++;
	sqlite3_result_null(ctx);
}

/* Run one locking statement; add its changes to *CHANGED. */
static int lock_step(struct store *st, sqlite3_stmt *s, int64_t batch,
		     const char *date, int session, struct batch_refs *refs,
		     int64_t *changed, struct cd_error *err)
{
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_pointer(s, 2, refs, "cd_batch_refs", NULL);
	if (date != NULL) {
		sqlite3_bind_text(s, 3, date, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, session);
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_fail(st, err, _("Locking the batch's items"));
	}
	sqlite3_reset(s);
	*changed += sqlite3_changes64(st->db);
	return CD_OK;
}

/* Lock a close's items, cheques then bills, a statement each. */
int batch_lock_items(struct store *st, int64_t batch, const char *date,
		     int session, struct batch_refs *refs, int64_t *changed,
		     struct cd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*changed = 0;
	refs->misses = 0;
	/* no-op when it is there already, unless no statement is active, when
	 * the cached statements are recompiled on their next use */
	sqlite3_create_function_v2(st->db, "cd_batch_ref", 2,
				   SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
				   sql_batch_ref, NULL, NULL, NULL);
	s = store_stmt(st, STMT_BATCH_LOCK_ITEMS,
		       "UPDATE items SET batch = ?1, batch_ref = "
		       "cd_batch_ref(?2, id), status = 'batched' WHERE "
		       "business_date = ?3 AND session = ?4 AND kind = "
		       "'cheque' AND batch IS NULL AND status <> 'voided'",
		       err);
	rc = lock_step(st, s, batch, date, session, refs, changed, err);
	if (rc != CD_OK)
		return rc;
	s = store_stmt(st, STMT_BATCH_LOCK_BILLS,
		       "UPDATE items SET batch = ?1, batch_ref = "
		       "cd_batch_ref(?2, id), status = 'batched' WHERE "
		       "bag_id IN (SELECT g.id FROM bags g WHERE g.batch = "
		       "?1) AND batch IS NULL AND status <> 'voided'",
		       err);
	return lock_step(st, s, batch, NULL, 0, refs, changed, err);
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
		  int *found, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ITEM_BY_REF,
				     "SELECT id FROM items WHERE batch = ? AND "
				     "batch_ref = ?",
				     err);
	int64_t id = 0;
	int rc;

	*found = 0;
	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, batch);
	sqlite3_bind_int(s, 2, ref);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return CD_OK;
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading an item"));
	if (item_get(st, id, out, err) != CD_OK)
		return err->status;
	*found = 1;
	return CD_OK;
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
