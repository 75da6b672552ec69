/* db-audit.c - appending audit records. */
#include "config.h"

#include <stdio.h>

#include "db-audit.h"
#include "i18n.h"

/* Append one audit row. */
int audit_add(struct store *st, const char *at, const char *user,
	      const char *action, const char *object, const char *before,
	      const char *after, struct cd_error *err)
{
	sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_PUT,
				     "INSERT INTO audit (at, user, action, "
				     "object, before, after) VALUES (?, ?, ?, "
				     "?, ?, ?)",
				     err);

	if (s == NULL)
		return err->status;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 2, user);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	store_bind_text_or_null(s, 4, object);
	store_bind_text_or_null(s, 5, before);
	store_bind_text_or_null(s, 6, after);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, err, _("Writing the audit record"));
	return CD_OK;
}
