/* db-users.c - reading, adding and listing users. */
#include "config.h"

#include <stdio.h>

#include "db-users.h"
#include "i18n.h"

#define USER_COLS                                                              \
	"id, name, role, pw_hash, active, failed, locked_at, must_change, "    \
	"pw_changed_at, created_by, reset_by, unlocked_by, auth_wrong, "       \
	"auth_wrong_at, auth_tried, auth_tried_since"

/* Fill U from a row of USER_COLS. */
static void user_from_row(sqlite3_stmt *s, struct user *u)
{
	char role[16];

	store_col_text(s, 0, u->id, sizeof u->id);
	store_col_text(s, 1, u->name, sizeof u->name);
	store_col_text(s, 2, role, sizeof role);
	u->role = role_parse(role);
	store_col_text(s, 3, u->pw_hash, sizeof u->pw_hash);
	u->active = sqlite3_column_int(s, 4);
	u->failed = sqlite3_column_int(s, 5);
	store_col_text(s, 6, u->locked_at, sizeof u->locked_at);
	u->must_change = sqlite3_column_int(s, 7);
	store_col_text(s, 8, u->pw_changed_at, sizeof u->pw_changed_at);
	store_col_text(s, 9, u->created_by, sizeof u->created_by);
	store_col_text(s, 10, u->reset_by, sizeof u->reset_by);
	store_col_text(s, 11, u->unlocked_by, sizeof u->unlocked_by);
	u->auth_wrong = sqlite3_column_int(s, 12);
	store_col_text(s, 13, u->auth_wrong_at, sizeof u->auth_wrong_at);
	u->auth_tried = sqlite3_column_int(s, 14);
	store_col_text(s, 15, u->auth_tried_since, sizeof u->auth_tried_since);
}

/* Look a user up by ID. */
int user_get(struct store *st, const char *id, struct user *out,
	     struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_USER_GET,
		       "SELECT " USER_COLS " FROM users WHERE id = ?", err);
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
				     "pw_hash, active, created_at, created_by, "
				     "must_change, pw_changed_at) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?6)",
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
	sqlite3_bind_int(s, 8, u->must_change ? 1 : 0);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving a user"));
	return CD_OK;
}

/* Run a one-row UPDATE on users prepared in S; CD_ENOTFOUND when no row
 * changed. */
static int update_one(struct store *st, sqlite3_stmt *s, struct cd_error *err)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Saving a user"));
	if (sqlite3_changes(st->db) != 1)
		return cd_err(err, CD_ENOTFOUND, "user", "%s", "");
	return CD_OK;
}

/* Record wrong passwords in a row, and the lock (LOCKED_AT or NULL). */
int user_set_failed(struct store *st, const char *id, int failed,
		    const char *locked_at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_USER_FAILED,
	    "UPDATE users SET failed = ?, locked_at = ? WHERE id = ?", err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int(s, 1, failed);
	store_bind_text_or_null(s, 2, locked_at);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Store a new password hash; MUST_CHANGE forces a change at next sign-in.
 * Clears wrong passwords and the lock. */
int user_set_password(struct store *st, const char *id, const char *pw_hash,
		      int must_change, const char *at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_USER_PASSWORD,
	    "UPDATE users SET pw_hash = ?, must_change = ?, pw_changed_at = ?, "
	    "failed = 0, locked_at = NULL WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, pw_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, must_change ? 1 : 0);
	sqlite3_bind_text(s, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Note who reset ID's password (BY): it ends what an earlier unlock told,
 * so the unlocker is forgotten. */
int user_set_reset_by(struct store *st, const char *id, const char *by,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_USER_RESET_BY,
	    "UPDATE users SET reset_by = ?, unlocked_by = NULL WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, by);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Note who unlocked ID (BY). */
int user_set_unlocked_by(struct store *st, const char *id, const char *by,
			 struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_USER_UNLOCKED_BY,
		       "UPDATE users SET unlocked_by = ? WHERE id = ?", err);

	if (s == NULL)
		return err->status;
	store_bind_text_or_null(s, 1, by);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Wrong authorising passwords given by ID in a row, and the last one's
 * time (AT, NULL when N is 0). */
int user_set_auth_wrong(struct store *st, const char *id, int n, const char *at,
			struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_USER_AUTH_WRONG,
	    "UPDATE users SET auth_wrong = ?, auth_wrong_at = ? WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int(s, 1, n);
	store_bind_text_or_null(s, 2, at);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Wrong authorising passwords given for ID since SINCE (NULL when N is 0),
 * not yet told to them. */
int user_set_auth_tried(struct store *st, const char *id, int n,
			const char *since, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_AUTH_TRIED,
				     "UPDATE users SET auth_tried = ?, "
				     "auth_tried_since = ? WHERE id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_int(s, 1, n);
	store_bind_text_or_null(s, 2, since);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_STATIC);
	return update_one(st, s, err);
}

/* Call CB for every user, ordered by ID; stops early if CB returns non-0. */
int user_list(struct store *st, user_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s =
	    store_stmt(st, STMT_USER_LIST,
		       "SELECT " USER_COLS " FROM users ORDER BY id", err);
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
