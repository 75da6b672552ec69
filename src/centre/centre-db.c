/* centre-db.c - the simulator's database: schema, statement cache,
 * transactions, the centre's key and the branches. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "centre-db.h"
#include "i18n.h"

static const char schema_v1[] =
    "CREATE TABLE centre (id INTEGER PRIMARY KEY CHECK (id = 1),"
    " private_pem TEXT NOT NULL, public_pem TEXT NOT NULL,"
    " created_at TEXT NOT NULL);"
    "CREATE TABLE branches (branch TEXT PRIMARY KEY,"
    " name TEXT NOT NULL DEFAULT '', public_pem TEXT NOT NULL,"
    " added_at TEXT NOT NULL, receipts INTEGER NOT NULL DEFAULT 0,"
    " notice_seq INTEGER NOT NULL DEFAULT 0,"
    " acked_through INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE batches (id INTEGER PRIMARY KEY,"
    " branch TEXT NOT NULL REFERENCES branches(branch),"
    " batch_id TEXT NOT NULL, business_date TEXT NOT NULL,"
    " session INTEGER NOT NULL, digest TEXT NOT NULL, file BLOB NOT NULL,"
    " signature TEXT NOT NULL, receipt TEXT NOT NULL UNIQUE,"
    " received_at TEXT NOT NULL, received_epoch INTEGER NOT NULL,"
    " resend INTEGER NOT NULL DEFAULT 0,"
    " replaces INTEGER REFERENCES batches(id),"
    " replaced INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX batches_current ON batches(branch, batch_id)"
    " WHERE replaced = 0;"
    "CREATE INDEX batches_date ON batches(branch, business_date);"
    "CREATE TABLE items (id INTEGER PRIMARY KEY,"
    " batch INTEGER NOT NULL REFERENCES batches(id),"
    " ref INTEGER NOT NULL, kind TEXT NOT NULL, serial TEXT NOT NULL,"
    " bank TEXT NOT NULL, amount_fen INTEGER NOT NULL, decision TEXT,"
    " reason_code TEXT, reason TEXT, decided_at TEXT,"
    " return_due INTEGER, return_code TEXT, return_reason TEXT,"
    " returned_at TEXT, UNIQUE (batch, ref));"
    "CREATE INDEX items_serial ON items(serial, bank);"
    "CREATE INDEX items_undecided ON items(batch) WHERE decision IS NULL;"
    "CREATE TABLE notices (branch TEXT NOT NULL REFERENCES branches(branch),"
    " seq INTEGER NOT NULL, item INTEGER NOT NULL REFERENCES items(id),"
    " business_date TEXT NOT NULL, kind TEXT NOT NULL, reason_code TEXT,"
    " reason TEXT, at TEXT NOT NULL,"
    " acknowledged INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (branch, seq));"
    "CREATE TABLE faults (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    " arg INTEGER NOT NULL DEFAULT 0, endpoint TEXT NOT NULL DEFAULT 'any',"
    " times INTEGER NOT NULL, added_at TEXT NOT NULL);"
    "PRAGMA user_version = 1;";

/* Schema 1 -> 2: each cheque's payment password as received (Base64 of
 * its SM2 ciphertext to the centre's key), read when it is decided. */
static const char schema_v2[] = "ALTER TABLE items ADD COLUMN paykey_sm2 TEXT;"
				"PRAGMA user_version = 2;";

/* Schema 2 -> 3: the SHA-256 fingerprint of each branch's transport
 * certificate (TLS client certificate), which alone says which branch a
 * connection is; one certificate names one branch. */
static const char schema_v3[] =
    "ALTER TABLE branches ADD COLUMN cert_sha256 TEXT;"
    "CREATE UNIQUE INDEX branches_cert ON branches(cert_sha256)"
    " WHERE cert_sha256 IS NOT NULL;"
    "PRAGMA user_version = 3;";

/* The migrations: migrations[i] takes schema i + 1 to i + 2. */
static const char *const migrations[] = {schema_v2, schema_v3};

/* A SQLite failure as an error. */
int cdb_fail(struct cdb *c, struct cd_error *err, const char *what)
{
	int code = c->db ? sqlite3_errcode(c->db) : SQLITE_ERROR;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return cd_err(err, CD_ESTORE, NULL,
			      _("%s failed: the centre database %s is busy. "
				"Try again in a moment."),
			      what, c->path ? c->path : "");
	return cd_err(err, CD_ESTORE, NULL,
		      _("%s failed: %s (centre database %s). Check the file "
			"and the disk."),
		      what, c->db ? sqlite3_errmsg(c->db) : "?",
		      c->path ? c->path : "");
}

/* Run a multi-statement SQL text (schema, pragmas: no input in it). */
static int run_script(struct cdb *c, const char *sql, struct cd_error *err)
{
	if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return cdb_fail(c, err, _("Setting up the centre database"));
	return CD_OK;
}

/* The schema version of the open database, -1 on failure. */
static int user_version(struct cdb *c)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Open the database, creating the schema when CREATE. */
int cdb_open(struct cdb *c, const char *path, int create, struct cd_error *err)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	int v, rc;
	mode_t mask;

	memset(c, 0, sizeof *c);
	if (!create && access(path, F_OK) != 0)
		return cd_err(err, CD_ECONFIG, "db",
			      _("There is no centre database at %s. Make one "
				"with 'chequedesk-centre init --db %s "
				"--public-key FILE'."),
			      path, path);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	c->path = strdup(path);
	/* the database holds the centre's private key: a new one is the
	 * user's alone (SQLite gives its -wal and -shm the same mode) */
	mask = umask(077);
	if (!create)
		umask(mask);
	rc = sqlite3_open_v2(path, &c->db, flags, NULL);
	if (create)
		umask(mask);
	if (rc != SQLITE_OK) {
		cdb_fail(c, err, _("Opening the centre database"));
		cdb_close(c);
		return CD_ESTORE;
	}
	sqlite3_busy_timeout(c->db, 10000);
	if (run_script(c,
		       "PRAGMA foreign_keys = ON;"
		       "PRAGMA journal_mode = WAL;"
		       "PRAGMA synchronous = NORMAL;",
		       err) != CD_OK)
		goto fail;
	v = user_version(c);
	if (v == 0 && create) {
		if (run_script(c, "BEGIN IMMEDIATE;", err) != CD_OK)
			goto fail;
		if (run_script(c, schema_v1, err) != CD_OK) {
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
		if (run_script(c, "COMMIT;", err) != CD_OK)
			goto fail;
		v = 1;
	}
	while (v >= 1 && v < CDB_SCHEMA_VERSION) {
		if (run_script(c, "BEGIN IMMEDIATE;", err) != CD_OK)
			goto fail;
		rc = user_version(c); /* another process may have done it */
		if (rc == v && run_script(c, migrations[v - 1], err) != CD_OK) {
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
		if (run_script(c, "COMMIT;", err) != CD_OK)
			goto fail;
		rc = user_version(c);
		if (rc <= v)
			break;
		v = rc;
	}
	if (v != CDB_SCHEMA_VERSION) {
		cd_err(err, CD_ECONFIG, "db",
		       v == 0 ? _("%s is not a centre database. Make one with "
				  "'chequedesk-centre init'.")
			      : _("%s is not a centre database of this "
				  "version of chequedesk-centre. Use the "
				  "program that made it, or make a new one "
				  "with 'chequedesk-centre init'."),
		       path);
		goto fail;
	}
	return CD_OK;
fail:
	cdb_close(c);
	return err ? err->status : CD_ESTORE;
}

/* Finalize every statement and close. */
void cdb_close(struct cdb *c)
{
	int i;

	for (i = 0; i < CST_COUNT; i++)
		if (c->st[i])
			sqlite3_finalize(c->st[i]);
	if (c->db)
		sqlite3_close(c->db);
	free(c->path);
	memset(c, 0, sizeof *c);
}

/* The cached statement for ID. */
sqlite3_stmt *cdb_stmt(struct cdb *c, enum cdb_stmt id, const char *sql,
		       struct cd_error *err)
{
	sqlite3_stmt *s = c->st[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(c->db, sql, -1,
				       SQLITE_PREPARE_PERSISTENT, &s,
				       NULL) != SQLITE_OK) {
			cdb_fail(c, err, _("Preparing a database query"));
			return NULL;
		}
		c->st[id] = s;
	} else {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return s;
}

/* Step S to completion (no rows expected) and reset it. */
int cdb_exec(struct cdb *c, sqlite3_stmt *s, struct cd_error *err)
{
	int rc;

	if (s == NULL)
		return err ? err->status : CD_ESTORE;
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		cdb_fail(c, err, _("Saving to the centre database"));
		sqlite3_reset(s);
		return CD_ESTORE;
	}
	sqlite3_reset(s);
	return CD_OK;
}

/* Start a write transaction. */
int cdb_begin(struct cdb *c, struct cd_error *err)
{
	return cdb_exec(c, cdb_stmt(c, CST_BEGIN, "BEGIN IMMEDIATE", err), err);
}

/* Commit; rolled back on failure. */
int cdb_commit(struct cdb *c, struct cd_error *err)
{
	int rc = cdb_exec(c, cdb_stmt(c, CST_COMMIT, "COMMIT", err), err);

	if (rc != CD_OK)
		cdb_rollback(c);
	return rc;
}

/* Roll back the open transaction, if any. */
void cdb_rollback(struct cdb *c)
{
	if (!sqlite3_get_autocommit(c->db) &&
	    cdb_exec(c, cdb_stmt(c, CST_ROLLBACK, "ROLLBACK", NULL), NULL) !=
		CD_OK)
		return; /* SQLite rolls back itself when it cannot */
}

/* ISO 8601 local time with offset. */
void cdb_stamp(time_t t, char out[TIMESTAMP_LEN])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

/* A text column into a buffer. */
void cdb_col(sqlite3_stmt *s, int col, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	snprintf(out, size, "%s", t ? (const char *)t : "");
}

/* A text column as a new string. */
char *cdb_col_dup(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return strdup(t ? (const char *)t : "");
}

/* The centre's key pair. */
int cdb_key_get(struct cdb *c, char **priv, char **pub, struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_KEY_GET,
	    "SELECT private_pem, public_pem FROM centre WHERE id = 1", err);
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*priv = cdb_col_dup(s, 0);
		*pub = cdb_col_dup(s, 1);
		sqlite3_reset(s);
		return CD_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading the centre's key"));
	return cd_err(err, CD_ENOTFOUND, "db",
		      _("The centre database %s has no key yet. Run "
			"'chequedesk-centre init --db %s --public-key FILE' "
			"first."),
		      c->path, c->path);
}

/* Store the centre's key pair (once). */
int cdb_key_put(struct cdb *c, const char *priv, const char *pub,
		struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_KEY_PUT,
		     "INSERT INTO centre (id, private_pem, "
		     "public_pem, created_at) VALUES (1, ?, ?, ?)",
		     err);
	char now[TIMESTAMP_LEN];

	if (s == NULL)
		return CD_ESTORE;
	cdb_stamp(time(NULL), now);
	sqlite3_bind_text(s, 1, priv, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, pub, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	return cdb_exec(c, s, err);
}

/* Register a branch and its public key. */
int cdb_branch_add(struct cdb *c, const char *branch, const char *name,
		   const char *pub, int replace, struct cd_error *err)
{
	sqlite3_stmt *s;
	char now[TIMESTAMP_LEN];
	int rc;

	if (replace)
		s = cdb_stmt(c, CST_BRANCH_REPLACE,
			     "INSERT INTO branches (branch, name, public_pem, "
			     "added_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
			     "(branch) DO UPDATE SET public_pem = ?3, name = "
			     "coalesce(nullif(?2, ''), name)",
			     err);
	else
		s = cdb_stmt(c, CST_BRANCH_ADD,
			     "INSERT INTO branches (branch, name, public_pem, "
			     "added_at) VALUES (?1, ?2, ?3, ?4)",
			     err);
	if (s == NULL)
		return CD_ESTORE;
	cdb_stamp(time(NULL), now);
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, name ? name : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, pub, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return cd_err(
		    err, CD_ECONFLICT, "branch",
		    _("Branch %s is already registered. Add --replace "
		      "to give it the new key."),
		    branch);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Registering the branch"));
	return CD_OK;
}

/* A branch's public key. */
int cdb_branch_key(struct cdb *c, const char *branch, char **pub,
		   struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_BRANCH_GET,
		     "SELECT public_pem FROM branches WHERE branch = ?", err);
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*pub = cdb_col_dup(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading a branch"));
	return cd_err(err, CD_ENOTFOUND, "branch",
		      _("Branch %s is not registered at the centre. Register "
			"it with 'chequedesk-centre branch add'."),
		      branch);
}

/* Give BRANCH the transport certificate with fingerprint FP. */
int cdb_branch_set_cert(struct cdb *c, const char *branch, const char *fp,
			struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_BRANCH_CERT,
	    "UPDATE branches SET cert_sha256 = ?2 WHERE branch = ?1", err);
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, branch, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, fp, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return cd_err(err, CD_ECONFLICT, "cert",
			      _("This certificate is already registered for "
				"another branch. Each branch needs its own: "
				"make one at the branch with 'chequedesk key "
				"transport new'."));
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Registering the certificate"));
	if (sqlite3_changes(c->db) == 0)
		return cd_err(err, CD_ENOTFOUND, "branch",
			      _("Branch %s is not registered at the centre. "
				"Register it with 'chequedesk-centre branch "
				"add'."),
			      branch);
	return CD_OK;
}

/* The branch whose transport certificate has fingerprint FP. */
int cdb_cert_branch(struct cdb *c, const char *fp,
		    char branch[CODELINE_BANK_MAX + 1], struct cd_error *err)
{
	sqlite3_stmt *s =
	    cdb_stmt(c, CST_CERT_BRANCH,
		     "SELECT branch FROM branches WHERE cert_sha256 = ?", err);
	int rc;

	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, fp, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		cdb_col(s, 0, branch, CODELINE_BANK_MAX + 1);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading a branch"));
	return cd_err(err, CD_ENOTFOUND, "cert",
		      _("No branch has this certificate."));
}
