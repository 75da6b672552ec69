/* db-bags.c - opening, reading and listing bags. */
#include "config.h"

#include <stdio.h>

#include <string.h>

#include "db-bags.h"
#include "i18n.h"

/* Columns of a bag with its bill count and total. */
#define BAG_COLS                                                               \
	"b.id, b.business_date, b.session, b.bank, b.type, b.dc, b.status, "   \
	"b.opened_by, b.created_at, "                                          \
	"(SELECT count(*) FROM items i WHERE i.bag_id = b.id AND "             \
	" i.status <> 'voided'), "                                             \
	"(SELECT coalesce(sum(amount_fen), 0) FROM items i WHERE "             \
	" i.bag_id = b.id AND i.status <> 'voided'), "                         \
	"b.prints, b.printed_at, b.sealed_at, b.batch"

/* Fill B from a row of BAG_COLS. */
static void bag_from_row(sqlite3_stmt *s, struct bag *b)
{
	char dc[4];

	memset(b, 0, sizeof *b);
	b->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, b->business_date, sizeof b->business_date);
	b->session = sqlite3_column_int(s, 2);
	store_col_text(s, 3, b->bank, sizeof b->bank);
	store_col_text(s, 4, b->type, sizeof b->type);
	store_col_text(s, 5, dc, sizeof dc);
	b->dc = dc[0];
	store_col_text(s, 6, b->status, sizeof b->status);
	store_col_text(s, 7, b->opened_by, sizeof b->opened_by);
	store_col_text(s, 8, b->created_at, sizeof b->created_at);
	b->count = sqlite3_column_int64(s, 9);
	b->amount_fen = sqlite3_column_int64(s, 10);
	b->prints = sqlite3_column_int(s, 11);
	store_col_text(s, 12, b->printed_at, sizeof b->printed_at);
	store_col_text(s, 13, b->sealed_at, sizeof b->sealed_at);
	b->batch = sqlite3_column_int64(s, 14);
}

/* Step S once and read a bag: 1 found, 0 not, -1 failure. */
static int bag_step_one(struct store *st, sqlite3_stmt *s, struct bag *out,
			struct cd_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		bag_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(st, err, _("Reading a bag"));
	return -1;
}

/* Find the open bag for a date, session, bank and bill type. */
int bag_find_open(struct store *st, const char *date, int session,
		  const char *bank, const char *type, struct bag *out,
		  struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BAG_FIND_OPEN,
				     "SELECT " BAG_COLS " FROM bags b WHERE "
				     "b.business_date = ? AND b.session = ? "
				     "AND b.bank = ? AND b.type = ? AND "
				     "b.status = 'open'",
				     err);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, session);
	sqlite3_bind_text(s, 3, bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, type, -1, SQLITE_STATIC);
	return bag_step_one(st, s, out, err);
}

/* Insert a new bag. */
int bag_insert(struct store *st, struct bag *b, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BAG_PUT,
				     "INSERT INTO bags (business_date, session,"
				     " bank, type, dc, status, opened_by, "
				     "created_at, id, sealed_at, prints) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				     err);
	char dc[2] = {b->dc, '\0'};

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->business_date, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, b->session);
	sqlite3_bind_text(s, 3, b->bank, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, b->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, dc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, b->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, b->opened_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, b->created_at, -1, SQLITE_STATIC);
	if (b->id > 0) /* rebuilt from the centre: keep the label's number */
		sqlite3_bind_int64(s, 9, b->id);
	store_bind_text_or_null(s, 10, b->sealed_at);
	sqlite3_bind_int(s, 11, b->prints);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Opening a bag"));
	b->id = sqlite3_last_insert_rowid(st->db);
	return CD_OK;
}

/* Read one bag by ID. */
int bag_get(struct store *st, int64_t id, struct bag *out, struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_BAG_GET,
		       "SELECT " BAG_COLS " FROM bags b WHERE b.id = ?", err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, id);
	rc = bag_step_one(st, s, out, err);
	if (rc < 0)
		return err->status;
	if (rc == 0)
		return cd_err(err, CD_ENOTFOUND, "id", "%s", "");
	return CD_OK;
}

/* Call CB for every bag matching F, oldest first. */
int bag_list(struct store *st, const struct bag_filter *f, bag_cb cb, void *ctx,
	     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BAG_LIST,
				     "SELECT " BAG_COLS " FROM bags b WHERE"
				     " (?1 IS NULL OR b.business_date = ?1)"
				     " AND (?2 IS NULL OR b.session = ?2)"
				     " AND (?3 IS NULL OR b.status = ?3)"
				     " AND (?4 IS NULL OR (b.batch IS NULL) ="
				     " ?4)"
				     " AND (?5 IS NULL OR b.batch = ?5)"
				     " ORDER BY b.id",
				     err);
	struct bag b;
	int rc;

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, f->date);
	if (f->session > 0)
		sqlite3_bind_int(s, 2, f->session);
	store_bind_text_or_null(s, 3, f->status);
	if (f->unbatched)
		sqlite3_bind_int(s, 4, 1);
	if (f->batch > 0)
		sqlite3_bind_int64(s, 5, f->batch);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bag_from_row(s, &b);
		if (cb(&b, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing bags"));
	return CD_OK;
}
