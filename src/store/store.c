/* store.c - opening the SQLite database, migrations, transactions, and the
 * prepared-statement cache. */
#include "config.h"

#include <stdio.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "db-audit.h"
#include "i18n.h"
#include "model.h"
#include "sign.h"
#include "store.h"

#include <openssl/crypto.h>

/* Each entry brings the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema. */
    "CREATE TABLE branch ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " exchange_no TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " created_at TEXT NOT NULL);"
    "CREATE TABLE users ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('teller', 'supervisor')),"
    " pw_hash TEXT NOT NULL,"
    " active INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT);"
    "CREATE TABLE banks ("
    " number TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " active INTEGER NOT NULL CHECK (active IN (0, 1)));"
    "CREATE TABLE bill_types ("
    " code TEXT PRIMARY KEY,"
    " name_zh TEXT NOT NULL,"
    " name_en TEXT NOT NULL,"
    " dc TEXT NOT NULL CHECK (dc IN ('D', 'C')),"
    " cheque INTEGER NOT NULL CHECK (cheque IN (0, 1)));"
    "CREATE TABLE bags ("
    " id INTEGER PRIMARY KEY,"
    " business_date TEXT NOT NULL,"
    " session INTEGER NOT NULL,"
    " bank TEXT NOT NULL REFERENCES banks (number),"
    " type TEXT NOT NULL REFERENCES bill_types (code),"
    " dc TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('open', 'sealed')),"
    " opened_by TEXT NOT NULL REFERENCES users (id),"
    " created_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX bags_open ON bags (business_date, session, bank,"
    " type) WHERE status = 'open';"
    "CREATE TABLE items ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('cheque', 'bill')),"
    " serial TEXT NOT NULL,"
    " bank TEXT NOT NULL REFERENCES banks (number),"
    " account TEXT,"
    " amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),"
    " type TEXT NOT NULL REFERENCES bill_types (code),"
    " dc TEXT NOT NULL CHECK (dc IN ('D', 'C')),"
    " check_code TEXT,"
    " phone TEXT,"
    " paykey TEXT,"
    " payee_account TEXT,"
    " payee_name TEXT,"
    " business_date TEXT NOT NULL,"
    " session INTEGER NOT NULL,"
    " status TEXT NOT NULL,"
    " teller TEXT NOT NULL REFERENCES users (id),"
    " bag_id INTEGER REFERENCES bags (id),"
    " duplicate_of INTEGER REFERENCES items (id),"
    " created_at TEXT NOT NULL);"
    "CREATE INDEX items_serial_bank ON items (serial, bank);"
    "CREATE INDEX items_slot ON items (business_date, session);"
    "CREATE INDEX items_bag ON items (bag_id);"
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " user TEXT,"
    " action TEXT NOT NULL,"
    " object TEXT,"
    " before TEXT,"
    " after TEXT);",
    /* 1 -> 2: printing (#4): how often each cheque and bag label was
     * printed, when a bag was sealed, and every print job sent. */
    "ALTER TABLE items ADD COLUMN prints INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE items ADD COLUMN printed_at TEXT;"
    "ALTER TABLE bags ADD COLUMN prints INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE bags ADD COLUMN printed_at TEXT;"
    "ALTER TABLE bags ADD COLUMN sealed_at TEXT;"
    "ALTER TABLE bags ADD COLUMN sealed_by TEXT REFERENCES users (id);"
    "CREATE TABLE print_jobs ("
    " id INTEGER PRIMARY KEY,"
    " item_id INTEGER REFERENCES items (id),"
    " bag_id INTEGER REFERENCES bags (id),"
    " queue TEXT NOT NULL,"
    " profile TEXT NOT NULL,"
    " job_id INTEGER NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('sent', 'done', 'failed')),"
    " reprint INTEGER NOT NULL CHECK (reprint IN (0, 1)),"
    " user_id TEXT NOT NULL REFERENCES users (id),"
    " reason TEXT,"
    " sent_at TEXT NOT NULL,"
    " done_at TEXT,"
    " CHECK ((item_id IS NULL) <> (bag_id IS NULL)));"
    "CREATE INDEX print_jobs_item ON print_jobs (item_id);"
    "CREATE INDEX print_jobs_bag ON print_jobs (bag_id);",
    /* 2 -> 3: outgoing batches, the centre's notices and the poll cursor
     * (#5). Items and bags in a batch point at it; items carry the
     * centre's last answer. */
    "CREATE TABLE batches ("
    " id INTEGER PRIMARY KEY,"
    " batch_id TEXT NOT NULL UNIQUE,"
    " business_date TEXT NOT NULL,"
    " session INTEGER NOT NULL,"
    " nn INTEGER NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('closed', 'uploading',"
    " 'received', 'complete', 'failed')),"
    " resend INTEGER NOT NULL DEFAULT 0 CHECK (resend IN (0, 1)),"
    " file BLOB NOT NULL,"
    " signature TEXT NOT NULL,"
    " digest TEXT NOT NULL,"
    " items INTEGER NOT NULL,"
    " debit_count INTEGER NOT NULL,"
    " debit_fen INTEGER NOT NULL,"
    " credit_count INTEGER NOT NULL,"
    " credit_fen INTEGER NOT NULL,"
    " closed_by TEXT NOT NULL REFERENCES users (id),"
    " closed_at TEXT NOT NULL,"
    " receipt TEXT,"
    " received_at TEXT,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT,"
    " updated_at TEXT NOT NULL,"
    " UNIQUE (business_date, session, nn));"
    "ALTER TABLE items ADD COLUMN batch INTEGER REFERENCES batches (id);"
    "ALTER TABLE items ADD COLUMN batch_ref INTEGER;"
    "ALTER TABLE items ADD COLUMN reason_code TEXT;"
    "ALTER TABLE items ADD COLUMN reason TEXT;"
    "ALTER TABLE bags ADD COLUMN batch INTEGER REFERENCES batches (id);"
    "CREATE UNIQUE INDEX items_batch_ref ON items (batch, batch_ref)"
    " WHERE batch IS NOT NULL;"
    "CREATE TABLE notices ("
    " seq INTEGER PRIMARY KEY,"
    " batch_id TEXT NOT NULL,"
    " ref INTEGER NOT NULL,"
    " item_id INTEGER REFERENCES items (id),"
    " kind TEXT NOT NULL CHECK (kind IN ('accepted', 'rejected',"
    " 'returned')),"
    " reason_code TEXT,"
    " reason TEXT,"
    " at TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " teller TEXT,"
    " seen_teller INTEGER NOT NULL DEFAULT 0,"
    " seen_supervisor INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX notices_item ON notices (item_id);"
    "CREATE TABLE centre ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " cursor INTEGER NOT NULL DEFAULT 0,"
    " acked INTEGER NOT NULL DEFAULT 0,"
    " polled_at TEXT);"
    "INSERT INTO centre (id) VALUES (1);",
    /* 3 -> 4: security (#6). Users gain the administrator role, a count
     * of wrong passwords, a lock, a forced change and the date of the
     * last change; screen sessions can be ended by a supervisor; the
     * branch key's metadata and wrong access codes are kept; audit rows
     * name who authorised them and are chained by hash (the hashes of
     * older rows are filled in by audit_chain_seal right after). */
    "CREATE TABLE users_new ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('teller', 'supervisor',"
    " 'administrator')),"
    " pw_hash TEXT NOT NULL,"
    " active INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT,"
    " failed INTEGER NOT NULL DEFAULT 0,"
    " locked_at TEXT,"
    " must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),"
    " pw_changed_at TEXT);"
    "INSERT INTO users_new (id, name, role, pw_hash, active, created_at,"
    " created_by, pw_changed_at) SELECT id, name, role, pw_hash, active,"
    " created_at, created_by, created_at FROM users;"
    "DROP TABLE users;"
    "ALTER TABLE users_new RENAME TO users;"
    "CREATE TABLE sessions ("
    " id INTEGER PRIMARY KEY,"
    " user TEXT NOT NULL REFERENCES users (id),"
    " terminal TEXT,"
    " started_at TEXT NOT NULL,"
    " ended_at TEXT,"
    " ended_by TEXT,"
    " end_reason TEXT);"
    "CREATE INDEX sessions_open ON sessions (user) WHERE ended_at IS NULL;"
    "CREATE TABLE branch_key ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " fingerprint TEXT,"
    " path TEXT,"
    " created_at TEXT,"
    " created_by TEXT,"
    " source TEXT,"
    " wrong_codes INTEGER NOT NULL DEFAULT 0,"
    " last_wrong_at TEXT);"
    "INSERT INTO branch_key (id) VALUES (1);"
    "ALTER TABLE audit ADD COLUMN auth TEXT;"
    "ALTER TABLE audit ADD COLUMN prev TEXT;"
    "ALTER TABLE audit ADD COLUMN hash TEXT;",
    /* 4 -> 5: performance (#7). The batch file moves to a table of its
     * own: SQLite rewrites a whole row on every UPDATE, so each change of
     * a batch's state copied its 20 MB file; and a close stores it as a
     * zeroblob filled in pieces (sqlite3_blob_write), never whole in
     * memory. */
    "CREATE TABLE batch_files ("
    " batch INTEGER PRIMARY KEY REFERENCES batches (id),"
    " file BLOB NOT NULL);"
    "INSERT INTO batch_files (batch, file) SELECT id, file FROM batches;"
    "ALTER TABLE batches DROP COLUMN file;",
    /* 5 -> 6: dual control that holds (#16). Who last reset and who last
     * unlocked each account (an authoriser must not be one of them, nor
     * the creator); wrong authorising passwords, counted against the user
     * who asked (they slow that user's next attempts) and against the
     * supervisor named (told at their next sign-in) instead of locking
     * that supervisor out. Resets and unlocks so far come from the audit
     * trail; a reset ends what an earlier unlock told. */
    "ALTER TABLE users ADD COLUMN reset_by TEXT;"
    "ALTER TABLE users ADD COLUMN unlocked_by TEXT;"
    "ALTER TABLE users ADD COLUMN auth_wrong INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE users ADD COLUMN auth_wrong_at TEXT;"
    "ALTER TABLE users ADD COLUMN auth_tried INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE users ADD COLUMN auth_tried_since TEXT;"
    "UPDATE users SET reset_by = (SELECT a.user FROM audit a"
    " WHERE a.action = 'user.reset' AND a.object = 'user:' || users.id"
    " ORDER BY a.id DESC LIMIT 1);"
    "UPDATE users SET unlocked_by = (SELECT a.user FROM audit a"
    " WHERE a.action = 'user.unlock' AND a.object = 'user:' || users.id"
    " AND a.id > coalesce((SELECT max(r.id) FROM audit r"
    " WHERE r.action = 'user.reset' AND r.object = 'user:' || users.id), 0)"
    " ORDER BY a.id DESC LIMIT 1);",
    /* 6 -> 7: the payment password never in clear (#16). The column holds
     * Base64 of its SM2 ciphertext to the centre's key; the hook
     * (seal_paykeys) encrypts the digits earlier versions stored. */
    "ALTER TABLE items RENAME COLUMN paykey TO paykey_sm2;",
};

/* The centre's public key file for the schema 7 hook (store_set_centre_key);
 * empty when the configuration names none. */
static char migration_centre_key[512];
/* Set when seal_paykeys replaced clear passwords: store_open then rewrites
 * the file and empties the WAL so no old page keeps the digits. */
static int paykeys_sealed;

/* Name the centre's public key file (centre_key) that opening an older
 * database encrypts clear payment passwords with. */
void store_set_centre_key(const char *path)
{
	snprintf(migration_centre_key, sizeof migration_centre_key, "%s",
		 path ? path : "");
}

/* How many items hold a payment password in clear (digits only). */
static int count_clear_paykeys(struct store *st, int *n, struct cd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db,
			       "SELECT count(*) FROM items WHERE paykey_sm2 <> "
			       "'' AND paykey_sm2 NOT GLOB '*[^0-9]*'",
			       -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, err, _("Upgrading the database"));
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW
		   ? CD_OK
		   : store_fail(st, err, _("Upgrading the database"));
}

/* Schema 7 hook: encrypt every clear payment password to the centre's key,
 * with one audit row; refused (nothing changed) when there are some and
 * centre_key is not set. */
static int seal_paykeys(struct store *st, struct cd_error *err)
{
	sqlite3_stmt *q = NULL, *u = NULL;
	char ct[PAYKEY_SM2_MAX + 1], after[64];
	struct cd_now now;
	EVP_PKEY *key;
	int n, rc = CD_OK, step = SQLITE_DONE;

	if (count_clear_paykeys(st, &n, err) != CD_OK)
		return err->status;
	if (n == 0)
		return CD_OK;
	if (migration_centre_key[0] == '\0')
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    P_("The database %s holds %d payment password in clear, "
		       "from an earlier chequedesk. Upgrading encrypts it to "
		       "the clearing centre's public key, which is not set. "
		       "Set centre_key = PATH in the configuration to the key "
		       "file the centre gave the branch, then run the command "
		       "again. Nothing was changed.",
		       "The database %s holds %d payment passwords in clear, "
		       "from an earlier chequedesk. Upgrading encrypts them to "
		       "the clearing centre's public key, which is not set. "
		       "Set centre_key = PATH in the configuration to the key "
		       "file the centre gave the branch, then run the command "
		       "again. Nothing was changed.",
		       n),
		    st->path, n);
	if (clock_now(&now, err) != CD_OK)
		return err->status;
	key = sign_load_public(migration_centre_key, err);
	if (key == NULL)
		return err->status;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, paykey_sm2 FROM items WHERE "
			       "paykey_sm2 <> '' AND paykey_sm2 NOT GLOB "
			       "'*[^0-9]*'",
			       -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db,
			       "UPDATE items SET paykey_sm2 = ? WHERE id = ?",
			       -1, &u, NULL) != SQLITE_OK)
		rc = store_fail(st, err, _("Upgrading the database"));
	while (rc == CD_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *clear = (const char *)sqlite3_column_text(q, 1);

		rc = sign_encrypt_b64(key, clear, strlen(clear), ct, sizeof ct,
				      err);
		if (rc != CD_OK)
			break;
		sqlite3_bind_text(u, 1, ct, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		if (sqlite3_step(u) != SQLITE_DONE)
			rc = store_fail(st, err, _("Upgrading the database"));
		sqlite3_reset(u);
	}
	if (rc == CD_OK && step != SQLITE_DONE)
		rc = store_fail(st, err, _("Upgrading the database"));
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	EVP_PKEY_free(key);
	snprintf(after, sizeof after, "{\"paykeys_encrypted\":%d}", n);
	paykeys_sealed = rc == CD_OK;
	if (rc == CD_OK)
		rc = audit_add(st, now.stamp, NULL, "store.paykeys_sealed",
			       "items", NULL, after, err);
	return rc;
}

/* Work done in C right after a migration, in its transaction (NULL: none),
 * indexed like migrations[]. */
static int (*const migration_hooks[])(struct store *, struct cd_error *) = {
    NULL, NULL, NULL, audit_chain_seal, NULL, NULL, seal_paykeys,
};

/* The folder holding the database file (".": a bare file name). */
static void db_folder(const struct store *st, char *buf, size_t size)
{
	const char *path = st && st->path ? st->path : "";
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

/* Map an SQLite result code to an error class and a message with advice. */
int store_fail(struct store *st, struct cd_error *err, const char *what)
{
	int code = st && st->db ? sqlite3_errcode(st->db) : SQLITE_ERROR;
	const char *detail = st && st->db ? sqlite3_errmsg(st->db) : "";
	char dir[512];

	/* a full disk met while growing the -shm or -wal file comes back as
	 * an I/O error; the system's errno tells it apart */
	if ((code & 0xff) == SQLITE_IOERR && st && st->db &&
	    (sqlite3_system_errno(st->db) == ENOSPC ||
	     sqlite3_system_errno(st->db) == EDQUOT))
		code = SQLITE_FULL;
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cd_err(
		    err, CD_ESTORE, NULL,
		    _("%s: the database is busy with another "
		      "terminal's work. Wait a moment and try again."),
		    what);
	case SQLITE_FULL:
		db_folder(st, dir, sizeof dir);
		return cd_err(err, CD_ESTORE, NULL,
			      /* TRANSLATORS: the second %s is a folder, e.g.
			       * /var/lib/chequedesk. */
			      _("%s: the disk holding the database is full. "
				"Nothing was saved. Free some space in %s "
				"(or ask branch IT to), then try again."),
			      what, dir);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return cd_err(
		    err, CD_ESTORE, NULL,
		    _("%s: the database file %s cannot be opened for "
		      "writing. Check that it exists and that you may "
		      "write to it and to its folder."),
		    what, st && st->path ? st->path : "");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return cd_err(err, CD_ESTORE, NULL,
			      _("%s: %s is damaged or is not a chequedesk "
				"database. Restore it from the last backup or "
				"rebuild it from the clearing centre."),
			      what, st && st->path ? st->path : "");
	case SQLITE_IOERR:
		return cd_err(err, CD_ESTORE, NULL,
			      _("%s: the disk reported an error (%s). Nothing "
				"was saved. Check the disk, then try again."),
			      what, detail);
	default:
		return cd_err(err, CD_EFAIL, NULL,
			      _("%s: unexpected database error (%s). Nothing "
				"was saved. Report this to branch IT."),
			      what, detail);
	}
}

/* Run SQL that returns no rows, outside the statement cache. */
static int exec_sql(struct store *st, const char *sql, struct cd_error *err,
		    const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, err, what);
	return CD_OK;
}

/* Read PRAGMA user_version. */
static int schema_version(struct store *st, int *version, struct cd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return store_fail(st, err, _("Reading the database"));
	rc = sqlite3_step(s);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, _("Reading the database"));
	return CD_OK;
}

/* Refuse a migration that left a row pointing at nothing. */
static int foreign_keys_ok(struct store *st, struct cd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s,
			       NULL) != SQLITE_OK)
		return store_fail(st, err, _("Upgrading the database"));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return cd_err(err, CD_ESTORE, NULL,
			      _("Upgrading the database %s failed: a row "
				"points at a record that does not exist. "
				"Nothing was changed; keep this file and "
				"report it to branch IT."),
			      st->path);
	return rc == SQLITE_DONE
		   ? CD_OK
		   : store_fail(st, err, _("Upgrading the database"));
}

/* Apply every migration after the file's version, each in its own
 * transaction together with the new version number. */
static int migrate(struct store *st, struct cd_error *err)
{
	int version, nmig = (int)(sizeof migrations / sizeof migrations[0]);
	char sql[64];

	if (schema_version(st, &version, err) != CD_OK)
		return err->status;
	if (version > STORE_SCHEMA_VERSION)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The database %s was written by a newer "
				"chequedesk (schema %d; this program knows up "
				"to %d). Install the newer chequedesk."),
			      st->path, version, STORE_SCHEMA_VERSION);
	/* Tables are rebuilt with foreign keys off (SQLite's recommended
	 * procedure); foreign_key_check runs before each commit. */
	if (version < nmig && exec_sql(st, "PRAGMA foreign_keys = OFF", err,
				       _("Upgrading the database")) != CD_OK)
		return err->status;
	for (; version < nmig; version++) {
		int now;

		if (exec_sql(st, "BEGIN IMMEDIATE", err,
			     _("Upgrading the database")) != CD_OK)
			return err->status;
		/* Another terminal may have upgraded the file while this one
		 * waited for the write lock: read the version again under it
		 * and skip what is done. */
		if (schema_version(st, &now, err) != CD_OK) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return err->status;
		}
		if (now > version) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			version = now - 1;
			continue;
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
			 version + 1);
		if (exec_sql(st, migrations[version], err,
			     _("Upgrading the database")) != CD_OK ||
		    (migration_hooks[version] != NULL &&
		     migration_hooks[version](st, err) != CD_OK) ||
		    foreign_keys_ok(st, err) != CD_OK ||
		    exec_sql(st, sql, err, _("Upgrading the database")) !=
			CD_OK ||
		    exec_sql(st, "COMMIT", err, _("Upgrading the database")) !=
			CD_OK) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return err->status;
		}
	}
	return exec_sql(st, "PRAGMA foreign_keys = ON", err,
			_("Upgrading the database"));
}

/* Create the missing folders leading to PATH (mkdir -p), mode 0700. */
static void make_private_folder(const char *path)
{
	char dir[4096], *p;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return;
	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		(void)mkdir(dir, 0700);
		*p = '/';
	}
}

#define BUSY_WAIT_MS 10000 /* how long a busy database is waited for */

/* Busy handler: another terminal holds the write lock. SQLite's own
 * (sqlite3_busy_timeout) sleeps up to 100 ms between tries, so with several
 * terminals saving at once a waiter sleeps long after the lock is free
 * (docs/performance.md, P5); retry every 0.25..1 ms instead, for up to
 * BUSY_WAIT_MS in all. Returns 0 to give up (SQLITE_BUSY). */
static int busy_wait(void *ctx, int tries)
{
	static _Thread_local struct timespec since;
	struct timespec now, nap = {0, 250000L * (1 + tries % 4)};
	long ms;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (tries == 0)
		since = now;
	ms = (now.tv_sec - since.tv_sec) * 1000 +
	     (now.tv_nsec - since.tv_nsec) / 1000000;
	if (ms >= BUSY_WAIT_MS)
		return 0;
	nanosleep(&nap, NULL);
	return 1;
}

/* Open (or create) the database and bring it up to date. */
struct store *store_open(const char *path, enum store_mode mode,
			 struct cd_error *err)
{
	struct store *st;
	struct stat sb;
	int exists = stat(path, &sb) == 0, flags = SQLITE_OPEN_READWRITE;
	mode_t old_mask;

	if (mode == STORE_CREATE && exists) {
		cd_err(err, CD_ECONFLICT, NULL,
		       _("A database already exists at %s; chequedesk will not "
			 "touch it. To start a new branch, give another path "
			 "with --db."),
		       path);
		return NULL;
	}
	if (mode == STORE_EXISTING && !exists) {
		cd_err(err, CD_ECONFIG, NULL,
		       _("There is no chequedesk database at %s. Create one "
			 "with 'chequedesk init --branch NUMBER --name NAME "
			 "--supervisor ID', or point --db or CHEQUEDESK_DB at "
			 "the branch's database."),
		       path);
		return NULL;
	}
	if (mode == STORE_CREATE)
		flags |= SQLITE_OPEN_CREATE;

	st = calloc(1, sizeof *st);
	if (st == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		cd_err(err, CD_EFAIL, NULL,
		       _("Out of memory. Close other programs or restart "
			 "chequedesk, then try again; if it happens again, "
			 "report it to branch IT."));
		return NULL;
	}
	/* A new database, its -wal and -shm (SQLite gives them the main
	 * file's mode) and a new folder are the user's alone: 0600, 0700. */
	old_mask = umask(077);
	if (mode == STORE_CREATE)
		make_private_folder(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		umask(old_mask);
		store_fail(st, err, _("Opening the database"));
		store_close(st);
		return NULL;
	}
	if (mode == STORE_CREATE)
		(void)chmod(path, 0600);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, busy_wait, st);
	paykeys_sealed = 0;
	/* secure_delete: a changed or deleted row's old bytes are zeroed,
	 * not left in free space */
	if (exec_sql(st,
		     "PRAGMA journal_mode = WAL;"
		     "PRAGMA synchronous = FULL;"
		     "PRAGMA secure_delete = ON;"
		     "PRAGMA foreign_keys = ON;",
		     err, _("Opening the database")) != CD_OK ||
	    migrate(st, err) != CD_OK) {
		umask(old_mask);
		store_close(st);
		return NULL;
	}
	if (paykeys_sealed) /* best effort: secure_delete already zeroed */
		sqlite3_exec(st->db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
			     NULL, NULL, NULL);
	umask(old_mask);
	return st;
}

/* Finalize every cached statement and close the connection. */
void store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* Fetch the cached statement for ID, compiling SQL on first use. */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt id, const char *sql,
			 struct cd_error *err)
{
	sqlite3_stmt *s = st->stmt[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, sql, -1,
				       SQLITE_PREPARE_PERSISTENT, &s,
				       NULL) != SQLITE_OK) {
			store_fail(st, err, _("Preparing a database query"));
			return NULL;
		}
		st->stmt[id] = s;
	} else {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return s;
}

/* Run one of the transaction-control statements. */
static int tx_step(struct store *st, enum store_stmt id, const char *sql,
		   struct cd_error *err, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, id, sql, err);
	int rc;

	if (s == NULL)
		return err ? (int)err->status : CD_ESTORE;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, what);
	return CD_OK;
}

/* Start a write transaction (taking the write lock at once). */
int store_begin(struct store *st, struct cd_error *err)
{
	int rc = tx_step(st, STMT_BEGIN, "BEGIN IMMEDIATE", err,
			 _("Starting to save"));

	if (rc == CD_OK)
		st->in_tx = 1;
	return rc;
}

/* Commit; on failure the transaction is rolled back. */
int store_commit(struct store *st, struct cd_error *err)
{
	int rc = tx_step(st, STMT_COMMIT, "COMMIT", err, _("Saving"));

	if (rc != CD_OK)
		store_rollback(st);
	st->in_tx = 0;
	return rc;
}

/* Roll back the open transaction, if any. */
void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		tx_step(st, STMT_ROLLBACK, "ROLLBACK", NULL, "");
	st->in_tx = 0;
}

/* Copy a text column into BUF ("" for NULL). */
void store_col_text(sqlite3_stmt *s, int col, char *buf, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	size_t n;

	/* as snprintf "%s" would, without its cost on every column */
	if (len == 0)
		return;
	n = t ? strnlen((const char *)t, len - 1) : 0;
	memcpy(buf, t ? (const char *)t : "", n);
	buf[n] = '\0';
}

/* Bind TEXT, or SQL NULL for a missing or empty value. */
int store_bind_text_or_null(sqlite3_stmt *s, int idx, const char *text)
{
	if (text == NULL || *text == '\0')
		return sqlite3_bind_null(s, idx);
	return sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}
