/* db-users.c - reading, adding and listing users. */
#include "config.h"

#include <stdio.h>

#include "db-users.h"
#include "i18n.h"

/* Fill U from a row of (id, name, role, pw_hash, active). */
static void user_from_row(sqlite3_stmt *s, struct user *u)
{
	char role[16];

	store_col_text(s, 0, u->id, sizeof u->id);
	store_col_text(s, 1, u->name, sizeof u->name);
	store_col_text(s, 2, role, sizeof role);
	u->role = role_parse(role);
	store_col_text(s, 3, u->pw_hash, sizeof u->pw_hash);
	u->active = sqlite3_column_int(s, 4);
}

/* Look a user up by ID. */
int user_get(struct store *st, const char *id, struct user *out,
	     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_GET,
				     "SELECT id, name, role, pw_hash, active "
				     "FROM users WHERE id = ?",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		user_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return cd_err(err, CD_ENOTFOUND, "user", "%s", "");
	return store_fail(st, err, _("Reading a user"));
}

/* Insert a new user (inside the caller's transaction). */
int user_put(struct store *st, const struct user *u, const char *created_by,
	     const char *created_at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_PUT,
				     "INSERT INTO users (id, name, role, "
				     "pw_hash, active, created_at, created_by) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?)",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, u->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role_name(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, u->pw_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, u->active);
	sqlite3_bind_text(s, 6, created_at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 7, created_by);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving a user"));
	return CD_OK;
}

/* Call CB for every user, ordered by ID; stops early if CB returns non-0. */
int user_list(struct store *st, user_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_LIST,
				     "SELECT id, name, role, pw_hash, active "
				     "FROM users ORDER BY id",
				     err);
	struct user u;
	int rc;

	if (s == NULL)
		return err->status;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		user_from_row(s, &u);
		if (cb(&u, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing users"));
	return CD_OK;
}
