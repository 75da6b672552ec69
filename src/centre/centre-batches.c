/* centre-batches.c - received batch files and their items in the
 * simulator's database, and the dump of everything held. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centre-db.h"
#include "i18n.h"

#define BATCH_COLS                                                             \
	"b.id, b.branch, b.batch_id, b.business_date, b.session, b.digest, "   \
	"b.receipt, b.received_at, b.received_epoch, b.resend, b.replaced, "   \
	"b.replaces IS NOT NULL, b.items, (SELECT count(*) FROM items i "      \
	"WHERE i.batch = b.id AND i.decision IS NOT NULL)"

/* One batch row (BATCH_COLS, then file and signature when WITH_FILE). */
static void batch_row(sqlite3_stmt *s, int with_file, struct cdb_batch *b)
{
	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(s, 0);
	cdb_col(s, 1, b->branch, sizeof b->branch);
	cdb_col(s, 2, b->batch_id, sizeof b->batch_id);
	cdb_col(s, 3, b->business_date, sizeof b->business_date);
	b->session = sqlite3_column_int(s, 4);
	cdb_col(s, 5, b->digest, sizeof b->digest);
	cdb_col(s, 6, b->receipt, sizeof b->receipt);
	cdb_col(s, 7, b->received_at, sizeof b->received_at);
	b->received_epoch = sqlite3_column_int64(s, 8);
	b->resend = sqlite3_column_int(s, 9);
	b->replaced = sqlite3_column_int(s, 10);
	b->replacing = sqlite3_column_int(s, 11);
	b->items = sqlite3_column_int64(s, 12);
	b->decided = sqlite3_column_int64(s, 13);
	if (with_file) {
		b->file_len = (size_t)sqlite3_column_bytes(s, 14);
		b->file = malloc(b->file_len + 1);
		if (b->file) {
			if (b->file_len)
				memcpy(b->file, sqlite3_column_blob(s, 14),
				       b->file_len);
			b->file[b->file_len] = '\0';
		}
		b->signature = cdb_col_dup(s, 15);
	}
}

/* The current batch of a branch by id. */
int cdb_batch_get(struct cdb *c, const char *branch, const char *batch_id,
		  int with_file, struct cdb_batch *out, struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, CST_BATCH_GET,
				   "SELECT " BATCH_COLS ", b.file, b.signature"
				   " FROM batches b WHERE b.branch = ? AND "
				   "b.batch_id = ? AND b.replaced = 0",
				   err);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, batch_id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		batch_row(s, with_file, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW && with_file && out->file == NULL) {
		cdb_batch_free(out);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	}
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading a batch"));
	return cd_err(err, CD_ENOTFOUND, "batch",
		      _("Batch %s of branch %s was not received."), batch_id,
		      branch);
}

/* The next receipt of BRANCH: R<branch>-<6-digit counter>. */
static int next_receipt(struct cdb *c, const char *branch, char *out,
			size_t size, struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_BRANCH_RECEIPT,
		     "UPDATE branches SET receipts = receipts + 1 "
		     "WHERE branch = ? RETURNING receipts",
		     err);
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "R%s-%06lld", branch,
			 (long long)sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return cdb_fail(c, err, _("Numbering a receipt"));
	return CD_OK;
}

/* Mark row OLD replaced and drop its (undecided) items. */
static int replace_old(struct cdb *c, int64_t old, struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_BATCH_REPLACED,
		     "UPDATE batches SET replaced = 1 WHERE id = ?", err);

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_int64(s, 1, old);
	if (cdb_exec(c, s, err) != CD_OK)
		return CD_ESTORE;
	s = cdb_stmt(c, CST_ITEM_DROP, "DELETE FROM items WHERE batch = ?",
		     err);
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_int64(s, 1, old);
	return cdb_exec(c, s, err);
}

/* Store the items of P under batch row ID. */
static int put_items(struct cdb *c, int64_t id, const struct batch *p,
		     struct cd_error *err)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < p->nitems; i++) {
		const struct batch_item *it = &p->items[i];

		s = cdb_stmt(c, CST_ITEM_PUT,
			     "INSERT INTO items (batch, ref, kind, serial, "
			     "bank, amount_fen, paykey_sm2) VALUES (?, ?, ?, "
			     "?, ?, ?, nullif(?, ''))",
			     err);
		if (s == NULL)
			return CD_ESTORE;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, it->ref);
		sqlite3_bind_text(s, 3,
				  it->it.kind == ITEM_BILL ? "bill" : "cheque",
				  -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, it->it.serial, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, it->it.bank, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 6, it->it.amount_fen);
		sqlite3_bind_text(s, 7, it->it.paykey_sm2, -1,
				  SQLITE_TRANSIENT);
		if (cdb_exec(c, s, err) != CD_OK)
			return CD_ESTORE;
	}
	return CD_OK;
}

/* Store a received batch file and its items. */
int cdb_batch_put(struct cdb *c, struct cdb_batch *b, const struct batch *p,
		  int64_t replaces, struct cd_error *err)
{
	sqlite3_stmt *s;

	b->replacing = replaces != 0;
	if (replaces && replace_old(c, replaces, err) != CD_OK)
		return CD_ESTORE;
	if (next_receipt(c, b->branch, b->receipt, sizeof b->receipt, err) !=
	    CD_OK)
		return CD_ESTORE;
	s = cdb_stmt(c, CST_BATCH_PUT,
		     "INSERT INTO batches (branch, batch_id, business_date, "
		     "session, digest, file, signature, receipt, received_at, "
		     "received_epoch, resend, replaces, items) VALUES (?, ?, "
		     "?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)",
		     err);
	if (s == NULL)
		return CD_ESTORE;
	b->items = (int64_t)p->nitems;
	sqlite3_bind_text(s, 1, b->branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, b->batch_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, b->business_date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, b->session);
	sqlite3_bind_text(s, 5, b->digest, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 6, b->file, (int)b->file_len, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, b->signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, b->receipt, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 9, b->received_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 10, b->received_epoch);
	sqlite3_bind_int(s, 11, b->resend);
	sqlite3_bind_int64(s, 12, replaces);
	sqlite3_bind_int64(s, 13, b->items);
	if (cdb_exec(c, s, err) != CD_OK)
		return CD_ESTORE;
	b->id = sqlite3_last_insert_rowid(c->db);
	return put_items(c, b->id, p, err);
}

/* Each current batch of a branch on a date. */
int cdb_batch_list(struct cdb *c, const char *branch, const char *date,
		   void (*cb)(const struct cdb_batch *, void *), void *ctx,
		   struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, CST_BATCH_LIST,
				   "SELECT " BATCH_COLS " FROM batches b WHERE "
				   "b.branch = ? AND b.business_date = ? AND "
				   "b.replaced = 0 ORDER BY b.id",
				   err);
	struct cdb_batch b;
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, date, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		batch_row(s, 0, &b);
		cb(&b, ctx);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Listing batches"));
	return CD_OK;
}

/* Every file of a branch. */
int cdb_batch_files(struct cdb *c, const char *branch,
		    void (*cb)(const struct cdb_batch *b, void *), void *ctx,
		    struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, CST_BATCH_ANCHORS,
				   "SELECT " BATCH_COLS ", b.file, b.signature"
				   " FROM batches b WHERE b.branch = ? "
				   "ORDER BY b.id",
				   err);
	struct cdb_batch b;
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		batch_row(s, 1, &b);
		if (b.file != NULL)
			cb(&b, ctx);
		cdb_batch_free(&b);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Listing batches"));
	return CD_OK;
}

/* Free a batch's file and signature. */
void cdb_batch_free(struct cdb_batch *b)
{
	free(b->file);
	free(b->signature);
	b->file = b->signature = NULL;
}

/* Add column COL of S to O under NAME: text, integer or null as stored. */
static void dump_col(cJSON *o, const char *name, sqlite3_stmt *s, int col)
{
	switch (sqlite3_column_type(s, col)) {
	case SQLITE_NULL:
		cJSON_AddNullToObject(o, name);
		break;
	case SQLITE_INTEGER:
		cJSON_AddNumberToObject(o, name,
					(double)sqlite3_column_int64(s, col));
		break;
	default:
		cJSON_AddStringToObject(
		    o, name, (const char *)sqlite3_column_text(s, col));
	}
}

/* Every row of the query ID as objects named by its columns into ARR. */
static int dump_rows(struct cdb *c, enum cdb_stmt id, const char *sql,
		     cJSON *arr, struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, id, sql, err);
	int rc, i;

	if (s == NULL)
		return CD_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();

		for (i = 0; i < sqlite3_column_count(s); i++)
			dump_col(o, sqlite3_column_name(s, i), s, i);
		cJSON_AddItemToArray(arr, o);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading the centre database"));
	return CD_OK;
}

/* Everything held, for tests and training. */
cJSON *cdb_dump(struct cdb *c, struct cd_error *err)
{
	cJSON *d = cJSON_CreateObject();
	cJSON *b = cJSON_AddArrayToObject(d, "batches");
	cJSON *i = cJSON_AddArrayToObject(d, "items");
	cJSON *n = cJSON_AddArrayToObject(d, "notices");

	if (dump_rows(c, CST_DUMP_BATCHES,
		      "SELECT id, branch, batch_id, business_date, session, "
		      "digest, receipt, received_at, resend, replaced, items "
		      "FROM batches ORDER BY id",
		      b, err) != CD_OK ||
	    dump_rows(c, CST_DUMP_ITEMS,
		      "SELECT b.branch, b.batch_id, i.ref, i.kind, i.serial, "
		      "i.bank, CAST(i.amount_fen AS TEXT) AS amount_fen, "
		      "i.decision, i.reason_code, i.reason, i.decided_at, "
		      "i.return_code, i.returned_at FROM items i JOIN batches "
		      "b ON b.id = i.batch ORDER BY i.id",
		      i, err) != CD_OK ||
	    dump_rows(c, CST_DUMP_NOTICES,
		      "SELECT n.branch, n.seq, b.batch_id, i.ref, i.serial, "
		      "i.bank, n.kind, n.reason_code, n.reason, n.at, "
		      "n.acknowledged FROM notices n JOIN items i ON i.id = "
		      "n.item JOIN batches b ON b.id = i.batch ORDER BY "
		      "n.branch, n.seq",
		      n, err) != CD_OK) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}
