/* db-report.c - the reprints of a day, for the day's report. */
#include "config.h"

#include <string.h>

#include "db-report.h"
#include "i18n.h"

/* List a day's reprints. The authoriser is on the audit row written with
 * the job's outcome (same object, same time as done_at). */
int report_reprint_list(struct store *st, const char *date, int session,
			reprint_cb cb, void *ctx, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(
	    st, STMT_REPORT_REPRINTS,
	    "SELECT j.id, coalesce(j.item_id, 0), coalesce(j.bag_id, 0),"
	    " j.queue, j.job_id, j.state, j.user_id, coalesce(j.reason, ''),"
	    " j.sent_at, coalesce(i.serial, ''),"
	    " coalesce(i.bank, b.bank, ''),"
	    " (SELECT a.auth FROM audit a WHERE a.at = j.done_at AND"
	    "  a.object = CASE WHEN j.item_id IS NOT NULL"
	    "   THEN 'item:' || j.item_id ELSE 'bag:' || j.bag_id END"
	    "  AND a.auth IS NOT NULL ORDER BY a.id DESC LIMIT 1)"
	    " FROM print_jobs j"
	    " LEFT JOIN items i ON i.id = j.item_id"
	    " LEFT JOIN bags b ON b.id = j.bag_id"
	    " WHERE j.reprint = 1"
	    " AND coalesce(i.business_date, b.business_date) = ?1"
	    " AND (?2 IS NULL OR coalesce(i.session, b.session) = ?2)"
	    " ORDER BY j.id",
	    err);
	struct reprint_rec r;
	int rc;

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	if (session > 0)
		sqlite3_bind_int(s, 2, session);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(s, 0);
		r.item_id = sqlite3_column_int64(s, 1);
		r.bag_id = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, r.queue, sizeof r.queue);
		r.job_id = sqlite3_column_int(s, 4);
		store_col_text(s, 5, r.state, sizeof r.state);
		store_col_text(s, 6, r.user, sizeof r.user);
		store_col_text(s, 7, r.reason, sizeof r.reason);
		store_col_text(s, 8, r.sent_at, sizeof r.sent_at);
		store_col_text(s, 9, r.serial, sizeof r.serial);
		store_col_text(s, 10, r.bank, sizeof r.bank);
		store_col_text(s, 11, r.auth, sizeof r.auth);
		if (cb(&r, ctx) != 0)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, _("Listing the day's reprints"));
	return CD_OK;
}
