/* db-prints.c - the print_jobs table and the printed/sealed marks. */
#include "config.h"

#include <string.h>

#include "db-prints.h"
#include "i18n.h"

/* Step a statement that changes exactly one row. */
static int step_one(struct store *st, sqlite3_stmt *s, const char *what,
		    struct cd_error *err)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, what);
	if (sqlite3_changes(st->db) != 1)
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("%s: the record changed meanwhile on another "
				"terminal. Look at it again and retry."),
			      what);
	return CD_OK;
}

int print_job_insert(struct store *st, struct print_job *j,
		     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_PRINT_PUT,
	    "INSERT INTO print_jobs (item_id, bag_id, queue, profile, job_id, "
	    "state, reprint, user_id, sent_at) VALUES (?, ?, ?, ?, ?, "
	    "'sent', ?, ?, ?)",
	    err);

	if (s == NULL)
		return err->status;
	if (j->item_id)
		sqlite3_bind_int64(s, 1, j->item_id);
	if (j->bag_id)
		sqlite3_bind_int64(s, 2, j->bag_id);
	sqlite3_bind_text(s, 3, j->queue, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, j->profile, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, j->job_id);
	sqlite3_bind_int(s, 6, j->reprint ? 1 : 0);
	sqlite3_bind_text(s, 7, j->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, j->sent_at, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Recording the print job"));
	j->id = sqlite3_last_insert_rowid(st->db);
	strcpy(j->state, "sent");
	return CD_OK;
}

int print_job_pending(struct store *st, int64_t item_id, int64_t bag_id,
		      struct print_job *out, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_PRINT_PENDING,
	    "SELECT id, coalesce(item_id, 0), coalesce(bag_id, 0), queue, "
	    "profile, job_id, state, reprint, user_id, sent_at FROM "
	    "print_jobs WHERE state = 'sent' AND (item_id = ?1 OR bag_id = "
	    "?2) ORDER BY id DESC LIMIT 1",
	    err);
	int rc;

	if (s == NULL)
		return -1;
	if (item_id)
		sqlite3_bind_int64(s, 1, item_id);
	if (bag_id)
		sqlite3_bind_int64(s, 2, bag_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(s, 0);
		out->item_id = sqlite3_column_int64(s, 1);
		out->bag_id = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, out->queue, sizeof out->queue);
		store_col_text(s, 4, out->profile, sizeof out->profile);
		out->job_id = sqlite3_column_int(s, 5);
		store_col_text(s, 6, out->state, sizeof out->state);
		out->reprint = sqlite3_column_int(s, 7);
		store_col_text(s, 8, out->user, sizeof out->user);
		store_col_text(s, 9, out->sent_at, sizeof out->sent_at);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(st, err, _("Reading the print jobs"));
	return -1;
}

int print_job_finish(struct store *st, int64_t id, const char *state,
		     const char *reason, const char *at, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PRINT_FINISH,
				     "UPDATE print_jobs SET state = ?, "
				     "reason = ?, done_at = ? WHERE id = ? "
				     "AND state = 'sent'",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, reason);
	sqlite3_bind_text(s, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, id);
	return step_one(st, s, _("Recording the print job"), err);
}

int item_mark_printed(struct store *st, int64_t id, const char *at,
		      struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_ITEM_PRINTED,
	    "UPDATE items SET prints = prints + 1, printed_at = ?, status = "
	    "CASE status WHEN 'registered' THEN 'printed' ELSE status END "
	    "WHERE id = ?",
	    err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	return step_one(st, s, _("Marking the cheque printed"), err);
}

int bag_mark_printed(struct store *st, int64_t id, const char *at,
		     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BAG_PRINTED,
				     "UPDATE bags SET prints = prints + 1, "
				     "printed_at = ? WHERE id = ?",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	return step_one(st, s, _("Marking the bag label printed"), err);
}

int bag_seal(struct store *st, int64_t id, const char *user, const char *at,
	     struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BAG_SEAL,
				     "UPDATE bags SET status = 'sealed', "
				     "sealed_at = ?, sealed_by = ? WHERE id = "
				     "? AND status = 'open'",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, id);
	return step_one(st, s, _("Sealing the bag"), err);
}
