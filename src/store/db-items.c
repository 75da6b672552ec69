/* db-items.c - inserting, reading and listing items. */
#include "config.h"

#include <stdio.h>

#include <string.h>

#include "db-items.h"
#include "i18n.h"

#define ITEM_COLS                                                              \
	"id, kind, serial, bank, account, amount_fen, type, dc, check_code, "  \
	"phone, paykey_sm2, payee_account, payee_name, business_date, "        \
	"session, status, teller, bag_id, duplicate_of, created_at, prints, "  \
	"printed_at, batch, batch_ref, reason_code, reason"

/* Fill IT from a row of ITEM_COLS. */
static void item_from_row(sqlite3_stmt *s, struct item *it)
{
	char kind[8], dc[4];

	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, kind, sizeof kind);
	it->kind = strcmp(kind, "bill") == 0 ? ITEM_BILL : ITEM_CHEQUE;
	store_col_text(s, 2, it->serial, sizeof it->serial);
	store_col_text(s, 3, it->bank, sizeof it->bank);
	store_col_text(s, 4, it->account, sizeof it->account);
	it->amount_fen = sqlite3_column_int64(s, 5);
	store_col_text(s, 6, it->type, sizeof it->type);
	store_col_text(s, 7, dc, sizeof dc);
	it->dc = dc[0];
	store_col_text(s, 8, it->check_code, sizeof it->check_code);
	store_col_text(s, 9, it->phone, sizeof it->phone);
	store_col_text(s, 10, it->paykey_sm2, sizeof it->paykey_sm2);
	store_col_text(s, 11, it->payee_account, sizeof it->payee_account);
	store_col_text(s, 12, it->payee_name, sizeof it->payee_name);
	store_col_text(s, 13, it->business_date, sizeof it->business_date);
	it->session = sqlite3_column_int(s, 14);
	store_col_text(s, 15, it->status, sizeof it->status);
	store_col_text(s, 16, it->teller, sizeof it->teller);
	it->bag_id = sqlite3_column_int64(s, 17);
	it->duplicate_of = sqlite3_column_int64(s, 18);
	store_col_text(s, 19, it->created_at, sizeof it->created_at);
	it->prints = sqlite3_column_int(s, 20);
	store_col_text(s, 21, it->printed_at, sizeof it->printed_at);
	it->batch = sqlite3_column_int64(s, 22);
	it->batch_ref = sqlite3_column_int(s, 23);
	store_col_text(s, 24, it->reason_code, sizeof it->reason_code);
	store_col_text(s, 25, it->reason, sizeof it->reason);
}

/* Insert a new item. */
int item_insert(struct store *st, struct item *it, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_ITEM_PUT,
	    "INSERT INTO items (kind, serial, bank, account, amount_fen, "
	    "type, dc, check_code, phone, paykey_sm2, payee_account, "
	    "payee_name, business_date, session, status, teller, bag_id, "
	    "duplicate_of, created_at, prints) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	char dc[2] = {it->dc, '\0'};

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, it->kind == ITEM_BILL ? "bill" : "cheque", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(s, 2, it->serial, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, it->bank, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 4, it->account);
	sqlite3_bind_int64(s, 5, it->amount_fen);
	sqlite3_bind_text(s, 6, it->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, dc, -1, SQLITE_TRANSIENT);
	store_bind_text_or_null(s, 8, it->check_code);
	store_bind_text_or_null(s, 9, it->phone);
	store_bind_text_or_null(s, 10, it->paykey_sm2);
	store_bind_text_or_null(s, 11, it->payee_account);
	store_bind_text_or_null(s, 12, it->payee_name);
	sqlite3_bind_text(s, 13, it->business_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 14, it->session);
	sqlite3_bind_text(s, 15, it->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 16, it->teller, -1, SQLITE_STATIC);
	if (it->bag_id)
		sqlite3_bind_int64(s, 17, it->bag_id);
	if (it->duplicate_of)
		sqlite3_bind_int64(s, 18, it->duplicate_of);
	sqlite3_bind_text(s, 19, it->created_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 20, it->prints); /* 0 except when rebuilt */
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the item"));
	it->id = sqlite3_last_insert_rowid(st->db);
	return CD_OK;
}

/* Read one item by ID. */
int item_get(struct store *st, int64_t id, struct item *out,
	     struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_ITEM_GET,
		       "SELECT " ITEM_COLS " FROM items WHERE id = ?", err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		item_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "id", "%s", "");
	return store_fail(st, err, _("Reading an item"));
}

/* Call CB for every item matching F, in registration order. */
int item_list(struct store *st, const struct item_filter *f, item_cb cb,
	      void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_ITEM_LIST,
		       "SELECT " ITEM_COLS " FROM items WHERE"
		       " (?1 IS NULL OR business_date = ?1)"
		       " AND (?2 IS NULL OR session = ?2)"
		       " AND (?3 IS NULL OR kind = ?3)"
		       " AND (?4 IS NULL OR status = ?4)"
		       " AND (?5 IS NULL OR bank = ?5)"
		       " AND (?6 IS NULL OR teller = ?6)"
		       " AND (?7 IS NULL OR serial = ?7 OR account = ?7"
		       "      OR amount_fen = ?8)"
		       " AND (?9 IS NULL OR bag_id = ?9)"
		       " AND (?10 IS NULL OR (batch IS NULL) = ?10)"
		       " AND (?11 IS NULL OR batch = ?11)"
		       " ORDER BY id",
		       err);
	struct item it;
	int rc;

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, f->date);
	if (f->session > 0)
		sqlite3_bind_int(s, 2, f->session);
	store_bind_text_or_null(s, 3, f->kind);
	store_bind_text_or_null(s, 4, f->status);
	store_bind_text_or_null(s, 5, f->bank);
	store_bind_text_or_null(s, 6, f->teller);
	store_bind_text_or_null(s, 7, f->search);
	sqlite3_bind_int64(s, 8, f->search_fen > 0 ? f->search_fen : -1);
	if (f->bag_id > 0)
		sqlite3_bind_int64(s, 9, f->bag_id);
	if (f->unbatched)
		sqlite3_bind_int(s, 10, 1);
	if (f->batch > 0)
		sqlite3_bind_int64(s, 11, f->batch);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		item_from_row(s, &it);
		if (cb(&it, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing items"));
	return CD_OK;
}

/* Find an earlier registration of the same serial and bank. */
int item_find_duplicate(struct store *st, const char *serial, const char *bank,
			const char *since, struct item *out, int *found,
			struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_ITEM_FIND_DUP,
		       "SELECT " ITEM_COLS " FROM items "
		       "WHERE serial = ? AND bank = ? AND "
		       "status <> 'voided' AND business_date >= ? "
		       "ORDER BY id DESC LIMIT 1",
		       err);
	int rc;

	*found = 0;
	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, serial, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		item_from_row(s, out);
	sqlite3_reset(s);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CD_OK;
	return store_fail(st, err, _("Checking for duplicates"));
}

/* Count and total the live items of one session. */
int item_slot_totals(struct store *st, const char *date, int session,
		     int64_t *count, int64_t *fen, struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_ITEM_SLOT_TOTALS,
		       "SELECT count(*), coalesce(sum(amount_fen),"
		       " 0) FROM items WHERE business_date = ? "
		       "AND session = ? AND status <> 'voided'",
		       err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, session);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		*fen = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Totalling the session"));
	return CD_OK;
}

/* The columns of a batch file's item, in item_from_batch_row's order. */
#define ITEM_BATCH_COLS                                                        \
	"id, status, serial, bank, account, amount_fen, type, dc, "            \
	"check_code, phone, paykey_sm2, payee_account, payee_name, teller, "   \
	"created_at, prints"

/* Fill IT's batch file members from a row of ITEM_BATCH_COLS. */
static void item_from_batch_row(sqlite3_stmt *s, struct item *it)
{
	const unsigned char *dc;

	it->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, it->status, sizeof it->status);
	store_col_text(s, 2, it->serial, sizeof it->serial);
	store_col_text(s, 3, it->bank, sizeof it->bank);
	store_col_text(s, 4, it->account, sizeof it->account);
	it->amount_fen = sqlite3_column_int64(s, 5);
	store_col_text(s, 6, it->type, sizeof it->type);
	dc = sqlite3_column_text(s, 7);
	it->dc = dc != NULL ? (char)dc[0] : '\0';
	store_col_text(s, 8, it->check_code, sizeof it->check_code);
	store_col_text(s, 9, it->phone, sizeof it->phone);
	store_col_text(s, 10, it->paykey_sm2, sizeof it->paykey_sm2);
	store_col_text(s, 11, it->payee_account, sizeof it->payee_account);
	store_col_text(s, 12, it->payee_name, sizeof it->payee_name);
	store_col_text(s, 13, it->teller, sizeof it->teller);
	store_col_text(s, 14, it->created_at, sizeof it->created_at);
	it->prints = sqlite3_column_int(s, 15);
}

/* Step S (bound) to its end, calling CB with each row read into ROW. */
static int batch_rows(struct store *st, sqlite3_stmt *s, struct item *row,
		      item_cb cb, void *ctx, struct cd_error *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		item_from_batch_row(s, row);
		if (cb(row, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing items"));
	return CD_OK;
}

/* A session's cheques for a batch file, through items_slot. */
int item_batch_cheques(struct store *st, const char *date, int session,
		       int64_t batch, struct item *row, item_cb cb, void *ctx,
		       struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_ITEM_BATCH_CHEQUES,
	    "SELECT " ITEM_BATCH_COLS " FROM items WHERE business_date = ?1 "
	    "AND session = ?2 AND kind = 'cheque' AND batch IS ?3 AND "
	    "status <> 'voided' ORDER BY id",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, session);
	if (batch > 0)
		sqlite3_bind_int64(s, 3, batch);
	row->kind = ITEM_CHEQUE;
	return batch_rows(st, s, row, cb, ctx, err);
}

/* A bag's bills for a batch file, through items_bag. */
int item_batch_bills(struct store *st, int64_t bag_id, struct item *row,
		     item_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ITEM_BATCH_BILLS,
				     "SELECT " ITEM_BATCH_COLS " FROM items "
				     "WHERE bag_id = ?1 AND status <> "
				     "'voided' ORDER BY id",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, bag_id);
	row->kind = ITEM_BILL;
	return batch_rows(st, s, row, cb, ctx, err);
}

/* A session's unbatched cheques totalled by bank and D/C in SQL. */
int item_bank_totals(struct store *st, const char *date, int session,
		     item_total_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_ITEM_BANK_TOTALS,
	    "SELECT bank, dc, count(*), sum(amount_fen), sum(status = "
	    "'registered') FROM items WHERE business_date = ?1 AND session "
	    "= ?2 AND kind = 'cheque' AND batch IS NULL AND status <> "
	    "'voided' GROUP BY bank, dc ORDER BY bank, dc",
	    err);
	const unsigned char *bank, *dc;
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, session);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bank = sqlite3_column_text(s, 0);
		dc = sqlite3_column_text(s, 1);
		if (cb(bank ? (const char *)bank : "", dc ? (char)dc[0] : '\0',
		       sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3),
		       sqlite3_column_int64(s, 4), ctx) != 0)
			break;
	}
	/* sum() of integers stops with "integer overflow" past int64 */
	if (rc == SQLITE_ERROR &&
	    strstr(sqlite3_errmsg(st->db), "integer overflow") != NULL) {
		sqlite3_reset(s);
		return cd_err(err, CD_EINVAL, "totals",
			      _("totals: the amounts add up to more than a "
				"batch can hold; split the items over several "
				"batches."));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Totalling the session"));
	return CD_OK;
}
