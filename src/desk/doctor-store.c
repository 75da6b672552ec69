/* doctor-store.c - the doctor's database checks: the file, its schema
 * (read before anything would upgrade it), PRAGMA integrity_check and the
 * branch record. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-branch.h"
#include "doctor-int.h"
#include "i18n.h"

/* The fix for a damaged database. */
static void restore_fix(const char *path, char *fix, size_t len)
{
	/* TRANSLATORS: the commands stay in English. */
	snprintf(fix, len,
		 _("restore %s from the last backup; days the backup lacks "
		   "come back with chequedesk resync --date YYYY-MM-DD"),
		 path);
}

/* Open PATH read-only (nothing is created, migrated or written) as a
 * store, so the table modules can read from it. */
static struct store *open_read_only(const char *path, char *why, size_t len)
{
	struct store *st = calloc(1, sizeof *st);

	if (st == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		snprintf(why, len, "%s", _("Out of memory."));
		return NULL;
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(why, len, "%s", sqlite3_errmsg(st->db));
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	return st;
}

/* Run a PRAGMA that answers rows of one text column; the rows, joined
 * by "; ", in OUT. SQLite's result code. */
static int pragma_rows(sqlite3 *db, const char *sql, char *out, size_t len)
{
	sqlite3_stmt *s;
	size_t used = 0;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);

		if (used < len)
			used += (size_t)snprintf(out + used, len - used, "%s%s",
						 used ? "; " : "", t ? t : "");
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The database file: exists, is a file, and this user may read and
 * write it and its folder (for the journal). 0 when it is not there. */
static int check_file(struct doctor_state *s, const char *path)
{
	const char *what = _("database file");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], *dir = strdup(path), *slash;
	struct stat sb;
	int ok = 1;

	if (stat(path, &sb) != 0) {
		if (errno == ENOENT) {
			snprintf(detail, sizeof detail,
				 _("There is no chequedesk database at %s."),
				 path);
			snprintf(fix, sizeof fix, "%s",
				 "chequedesk init --branch NUMBER --name NAME "
				 "--supervisor ID");
		} else {
			snprintf(detail, sizeof detail,
				 _("The database %s cannot be looked at: %s."),
				 path, strerror(errno));
			snprintf(fix, sizeof fix, "sudo chown %s %s",
				 doctor_user(), path);
		}
		doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
		free(dir);
		return 0;
	}
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash == dir && slash)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	if (!S_ISREG(sb.st_mode)) {
		snprintf(detail, sizeof detail,
			 _("%s is not a file, so it cannot be the database."),
			 path);
		snprintf(fix, sizeof fix,
			 _("database = PATH in %s, naming the branch's "
			   "database"),
			 s->conf.config_path);
		ok = 0;
	} else if (access(path, R_OK | W_OK) != 0) {
		snprintf(detail, sizeof detail,
			 _("%s cannot be read and written by this user (%s)."),
			 path, strerror(errno));
		snprintf(fix, sizeof fix, "sudo chown %s %s && chmod u+rw %s",
			 doctor_user(), path, path);
		ok = 0;
	} else if (slash && access(dir, W_OK | X_OK) != 0) {
		snprintf(detail, sizeof detail,
			 _("chequedesk cannot write in the database's folder "
			   "%s (%s), where SQLite keeps its journal."),
			 dir, strerror(errno));
		snprintf(fix, sizeof fix, "sudo chown %s %s && chmod u+rwx %s",
			 doctor_user(), dir, dir);
		ok = 0;
	}
	free(dir);
	if (!ok) {
		doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
		return 1;
	}
	snprintf(detail, sizeof detail, _("%s (%lld KiB)"), path,
		 (long long)(sb.st_size + 1023) / 1024);
	doctor_emit(s, "database", what, DOCTOR_OK, detail, NULL);
	return 1;
}

/* The schema version, read before anything would upgrade it; -1 when
 * the file cannot be read as a database. */
static int check_schema(struct doctor_state *s, struct store *st)
{
	const char *what = _("schema"), *path = st->path;
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], rows[64];
	int v;

	if (pragma_rows(st->db, "PRAGMA user_version", rows, sizeof rows) !=
	    SQLITE_OK) {
		snprintf(detail, sizeof detail,
			 _("%s cannot be read as a database: %s."), path,
			 sqlite3_errmsg(st->db));
		restore_fix(path, fix, sizeof fix);
		doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
		return -1;
	}
	v = atoi(rows);
	if (v == 0) {
		snprintf(detail, sizeof detail,
			 _("%s is not a chequedesk database (it has no "
			   "schema version)."),
			 path);
		snprintf(fix, sizeof fix,
			 _("database = PATH in %s, naming the branch's "
			   "database (or move %s away and run chequedesk init "
			   "--branch NUMBER --name NAME --supervisor ID)"),
			 s->conf.config_path, path);
		doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
	} else if (v > STORE_SCHEMA_VERSION) {
		snprintf(detail, sizeof detail,
			 _("%s was written by a newer chequedesk (schema %d; "
			   "this program knows up to %d) and will not be "
			   "opened."),
			 path, v, STORE_SCHEMA_VERSION);
		snprintf(fix, sizeof fix,
			 _("install the chequedesk that wrote it (schema %d) "
			   "on this terminal"),
			 v);
		doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
	} else if (v < STORE_SCHEMA_VERSION) {
		snprintf(detail, sizeof detail,
			 _("schema %d, this program writes %d: it will be "
			   "upgraded the next time chequedesk opens it."),
			 v, STORE_SCHEMA_VERSION);
		/* TRANSLATORS: a copy of the database from before the
		 * upgrade; the command stays in English. */
		snprintf(fix, sizeof fix, _("keep a copy first: cp %s %s.v%d"),
			 path, path, v);
		doctor_emit(s, "database", what, DOCTOR_WARN, detail, fix);
	} else {
		snprintf(detail, sizeof detail, _("schema %d, current"), v);
		doctor_emit(s, "database", what, DOCTOR_OK, detail, NULL);
	}
	return v;
}

/* PRAGMA integrity_check; 1 when it says ok. */
static int check_integrity(struct doctor_state *s, struct store *st)
{
	const char *what = _("integrity");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], rows[400];
	int rc =
	    pragma_rows(st->db, "PRAGMA integrity_check(5)", rows, sizeof rows);

	if (rc == SQLITE_OK && strcmp(rows, "ok") == 0) {
		doctor_emit(s, "database", what, DOCTOR_OK,
			    "PRAGMA integrity_check: ok", NULL);
		return 1;
	}
	snprintf(detail, sizeof detail,
		 _("%s is damaged (PRAGMA integrity_check: %s)."), st->path,
		 rc == SQLITE_OK ? rows : sqlite3_errmsg(st->db));
	restore_fix(st->path, fix, sizeof fix);
	doctor_emit(s, "database", what, DOCTOR_FAIL, detail, fix);
	return 0;
}

/* The database: file, schema, integrity, branch record. Keeps a
 * read-only connection in S->ro for the key checks. */
void doctor_database(struct doctor_state *s)
{
	const char *path = s->conf.db_path;
	const char *need = _("not checked: the database must be there first");
	char why[DOCTOR_TEXT], fix[DOCTOR_TEXT];
	struct cd_error err;
	struct store *st;
	int v = -1, sound = 0;

	if (path == NULL) {
		doctor_emit(s, "database", _("database file"), DOCTOR_SKIP,
			    _("not checked: where the database is depends on "
			      "the configuration file (or give --db PATH)"),
			    NULL);
		return;
	}
	if (!check_file(s, path)) {
		doctor_emit(s, "database", _("schema"), DOCTOR_SKIP, need,
			    NULL);
		doctor_emit(s, "database", _("integrity"), DOCTOR_SKIP, need,
			    NULL);
		doctor_emit(s, "database", _("branch"), DOCTOR_SKIP, need,
			    NULL);
		return;
	}
	need = _("not checked: the database must be mended first");
	st = open_read_only(path, why, sizeof why);
	if (st == NULL) {
		restore_fix(path, fix, sizeof fix);
		doctor_emit(s, "database", _("schema"), DOCTOR_FAIL, why, fix);
	} else if ((v = check_schema(s, st)) >= 0) {
		sound = check_integrity(s, st);
	}
	if (v < 0)
		doctor_emit(s, "database", _("integrity"), DOCTOR_SKIP, need,
			    NULL);
	if (!sound || v < 1 || v > STORE_SCHEMA_VERSION) {
		doctor_emit(s, "database", _("branch"), DOCTOR_SKIP, need,
			    NULL);
		store_close(st);
		return;
	}
	cd_err_clear(&err);
	if (branch_get(st, &s->branch, &err) != CD_OK) {
		doctor_emit(s, "database", _("branch"), DOCTOR_FAIL, err.msg,
			    "chequedesk init --branch NUMBER --name NAME "
			    "--supervisor ID --db NEW-PATH");
		store_close(st);
		return;
	}
	s->have_branch = 1;
	snprintf(why, sizeof why, "%s %s", s->branch.exchange_no,
		 s->branch.name);
	doctor_emit(s, "database", _("branch"), DOCTOR_OK, why, NULL);
	s->ro = st;
	s->db_sound = v == STORE_SCHEMA_VERSION;
}
