/* db-sessions.c - starting, ending and looking at screen sessions. */
#include "config.h"

#include <stdio.h>

#include "db-sessions.h"
#include "i18n.h"

/* Start a session. */
int session_start(struct store *st, const char *user, const char *terminal,
		  const char *at, int64_t *id, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_START,
				     "INSERT INTO sessions (user, terminal, "
				     "started_at) VALUES (?, ?, ?)",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, terminal);
	sqlite3_bind_text(s, 3, at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Starting a session"));
	*id = sqlite3_last_insert_rowid(st->db);
	return CD_OK;
}

/* End one session (a no-op when it has ended already). */
int session_end(struct store *st, int64_t id, const char *by,
		const char *reason, const char *at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_SESSION_END,
	    "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? "
	    "WHERE id = ? AND ended_at IS NULL",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, by);
	store_bind_text_or_null(s, 3, reason);
	sqlite3_bind_int64(s, 4, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Ending a session"));
	return CD_OK;
}

/* End all of a user's open sessions. */
int session_end_user(struct store *st, const char *user, const char *by,
		     const char *reason, const char *at, int *n,
		     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_SESSION_END_USER,
	    "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? "
	    "WHERE user = ? AND ended_at IS NULL",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, by);
	store_bind_text_or_null(s, 3, reason);
	sqlite3_bind_text(s, 4, user, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Ending a session"));
	*n = sqlite3_changes(st->db);
	return CD_OK;
}

/* Read whether a session has ended. */
int session_get(struct store *st, int64_t id, int *ended, char *by, size_t len,
		struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_SESSION_GET,
	    "SELECT ended_at IS NOT NULL, ended_by FROM sessions WHERE id = ?",
	    err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_int64(s, 1, id);
	*ended = 0;
	by[0] = '\0';
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*ended = sqlite3_column_int(s, 0);
		store_col_text(s, 1, by, len);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Reading a session"));
	return CD_OK;
}

/* Count a user's open sessions. */
int session_open_count(struct store *st, const char *user, int *n,
		       struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_OPEN,
				     "SELECT count(*) FROM sessions WHERE "
				     "user = ? AND ended_at IS NULL",
				     err);
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, user, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading a session"));
	return CD_OK;
}
