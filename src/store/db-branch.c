/* db-branch.c - reading and writing the branch record. */
#include "config.h"

#include <stdio.h>

#include "db-branch.h"
#include "i18n.h"

/* Read the branch this database belongs to. */
int branch_get(struct store *st, struct branch *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BRANCH_GET,
				     "SELECT exchange_no, name, created_at "
				     "FROM branch WHERE id = 1",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_text(s, 0, out->exchange_no, sizeof out->exchange_no);
		store_col_text(s, 1, out->name, sizeof out->name);
		store_col_text(s, 2, out->created_at, sizeof out->created_at);
		sqlite3_reset(s);
		return CD_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The database %s has no branch set up. Run "
				"'chequedesk init' with a new --db path."),
			      st->path);
	return store_fail(st, err, _("Reading the branch"));
}

/* Write the branch record (inside the caller's transaction). */
int branch_put(struct store *st, const struct branch *b, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BRANCH_PUT,
				     "INSERT OR REPLACE INTO branch (id, "
				     "exchange_no, name, created_at) "
				     "VALUES (1, ?, ?, ?)",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, b->exchange_no, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b->created_at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving the branch"));
	return CD_OK;
}
