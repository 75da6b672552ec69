/* db-banks.c - reading and writing the bank directory and bill types. */
#include "config.h"

#include <stdio.h>

#include "db-banks.h"
#include "i18n.h"

/* Fill B from a row of (number, name, active). */
static void bank_from_row(sqlite3_stmt *s, struct bank *b)
{
	store_col_text(s, 0, b->number, sizeof b->number);
	store_col_text(s, 1, b->name, sizeof b->name);
	b->active = sqlite3_column_int(s, 2);
}

/* Look a bank up by its exchange number. */
int bank_get(struct store *st, const char *number, struct bank *out,
	     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BANK_GET,
				     "SELECT number, name, active FROM banks "
				     "WHERE number = ?",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		bank_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "bank", "%s", "");
	return store_fail(st, err, _("Reading the bank directory"));
}

/* Insert a bank or update its name and active flag. */
int bank_put(struct store *st, const struct bank *b, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BANK_PUT,
				     "INSERT INTO banks (number, name, active) "
				     "VALUES (?, ?, ?) ON CONFLICT (number) DO "
				     "UPDATE SET name = excluded.name, "
				     "active = excluded.active",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, b->active);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the bank directory"));
	return CD_OK;
}

/* The length of the directory's exchange numbers. */
int bank_number_length(struct store *st, int *len, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BANK_LEN,
				     "SELECT length(number) FROM banks "
				     "WHERE active = 1 LIMIT 1",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	*len = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading the bank directory"));
	return CD_OK;
}

/* Call CB for every bank in number order. */
int bank_list(struct store *st, bank_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BANK_LIST,
				     "SELECT number, name, active FROM banks "
				     "ORDER BY number",
				     err);
	struct bank b;
	int rc;

	if (s == NULL)
		return err->status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		bank_from_row(s, &b);
		if (cb(&b, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading the bank directory"));
	return CD_OK;
}

/* Fill T from a row of (code, name_zh, name_en, dc, cheque). */
static void billtype_from_row(sqlite3_stmt *s, struct bill_type *t)
{
	char dc[4];

	store_col_text(s, 0, t->code, sizeof t->code);
	store_col_text(s, 1, t->name_zh, sizeof t->name_zh);
	store_col_text(s, 2, t->name_en, sizeof t->name_en);
	store_col_text(s, 3, dc, sizeof dc);
	t->dc = dc[0];
	t->cheque = sqlite3_column_int(s, 4);
}

/* Look a bill type up by its two-digit code. */
int billtype_get(struct store *st, const char *code, struct bill_type *out,
		 struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_TYPE_GET,
		       "SELECT code, name_zh, name_en, dc, cheque "
		       "FROM bill_types WHERE code = ?",
		       err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		billtype_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "type", "%s", "");
	return store_fail(st, err, _("Reading the bill types"));
}

/* Insert or update a bill type. */
int billtype_put(struct store *st, const struct bill_type *t,
		 struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_TYPE_PUT,
				     "INSERT INTO bill_types (code, name_zh, "
				     "name_en, dc, cheque) VALUES (?, ?, ?, ?, "
				     "?) ON CONFLICT (code) DO UPDATE SET "
				     "name_zh = excluded.name_zh, name_en = "
				     "excluded.name_en, dc = excluded.dc, "
				     "cheque = excluded.cheque",
				     err);
	char dc[2] = {t->dc, '\0'};

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, t->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t->name_zh, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, t->name_en, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, dc, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, t->cheque);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the bill types"));
	return CD_OK;
}

/* Call CB for every bill type in code order. */
int billtype_list(struct store *st, billtype_cb cb, void *ctx,
		  struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_TYPE_LIST,
		       "SELECT code, name_zh, name_en, dc, cheque "
		       "FROM bill_types ORDER BY code",
		       err);
	struct bill_type t;
	int rc;

	if (s == NULL)
		return err->status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		billtype_from_row(s, &t);
		if (cb(&t, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading the bill types"));
	return CD_OK;
}
