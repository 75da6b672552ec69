/* db-key.c - reading and writing the branch_key record. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db-key.h"
#include "i18n.h"

/* Read the one branch_key row. */
int keyrec_get(struct store *st, struct key_rec *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_KEY_GET,
				     "SELECT fingerprint, path, created_at, "
				     "created_by, source, wrong_codes, "
				     "last_wrong_at FROM branch_key "
				     "WHERE id = 1",
				     err);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_text(s, 0, out->fingerprint, sizeof out->fingerprint);
		store_col_text(s, 1, out->path, sizeof out->path);
		store_col_text(s, 2, out->created_at, sizeof out->created_at);
		store_col_text(s, 3, out->created_by, sizeof out->created_by);
		store_col_text(s, 4, out->source, sizeof out->source);
		out->wrong_codes = sqlite3_column_int(s, 5);
		store_col_text(s, 6, out->last_wrong_at,
			       sizeof out->last_wrong_at);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CD_OK; /* no row: nothing known, as for a new branch */
	return store_fail(st, err, _("Reading the branch key record"));
}

/* Run a statement that changes the branch_key row. */
static int step_done(struct store *st, sqlite3_stmt *s, struct cd_error *err)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the branch key record"));
	return CD_OK;
}

/* Record a new or imported key. */
int keyrec_put(struct store *st, const struct key_rec *k, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_KEY_PUT,
	    "INSERT OR REPLACE INTO branch_key (id, fingerprint, path, "
	    "created_at, created_by, source, wrong_codes, last_wrong_at) "
	    "VALUES (1, ?, ?, ?, ?, ?, 0, NULL)",
	    err);

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, k->fingerprint);
	store_bind_text_or_null(s, 2, k->path);
	store_bind_text_or_null(s, 3, k->created_at);
	store_bind_text_or_null(s, 4, k->created_by);
	store_bind_text_or_null(s, 5, k->source);
	return step_done(st, s, err);
}

/* Count one more wrong access code. */
int keyrec_wrong(struct store *st, const char *at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_KEY_WRONG,
				     "UPDATE branch_key SET wrong_codes = "
				     "wrong_codes + 1, last_wrong_at = ? "
				     "WHERE id = 1",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	return step_done(st, s, err);
}

/* Start counting wrong access codes again from 0. */
int keyrec_right(struct store *st, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_KEY_RIGHT,
				     "UPDATE branch_key SET wrong_codes = 0, "
				     "last_wrong_at = NULL WHERE id = 1",
				     err);

	if (s == NULL)
		return err->status;
	return step_done(st, s, err);
}
