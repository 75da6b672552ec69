/* store.h - the SQLite database: opening, schema migrations, transactions and
 * the statement cache every table module uses. */
#ifndef CHEQUEDESK_STORE_H
#define CHEQUEDESK_STORE_H

#include <sqlite3.h>

#include "error.h"

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 7

/* Every prepared statement of the program, one slot each: prepared on first
 * use, kept until the store is closed. */
enum store_stmt {
	STMT_BRANCH_GET,
	STMT_BRANCH_PUT,
	STMT_USER_GET,
	STMT_USER_PUT,
	STMT_USER_LIST,
	STMT_BANK_GET,
	STMT_BANK_PUT,
	STMT_BANK_LIST,
	STMT_BANK_LEN,
	STMT_TYPE_GET,
	STMT_TYPE_PUT,
	STMT_TYPE_LIST,
	STMT_ITEM_PUT,
	STMT_ITEM_GET,
	STMT_ITEM_LIST,
	STMT_ITEM_FIND_DUP,
	STMT_ITEM_SLOT_TOTALS,
	STMT_ITEM_BANK_TOTALS,
	STMT_ITEM_BATCH_CHEQUES,
	STMT_ITEM_BATCH_BILLS,
	STMT_BAG_GET,
	STMT_BAG_FIND_OPEN,
	STMT_BAG_PUT,
	STMT_BAG_LIST,
	STMT_BAG_SEAL,
	STMT_BAG_PRINTED,
	STMT_ITEM_PRINTED,
	STMT_PRINT_PUT,
	STMT_PRINT_PENDING,
	STMT_PRINT_FINISH,
	STMT_BATCH_PUT,
	STMT_BATCH_GET,
	STMT_BATCH_GET_ID,
	STMT_BATCH_LIST,
	STMT_BATCH_STATE,
	STMT_BATCH_NEXT_NN,
	STMT_BATCH_PENDING,
	STMT_BATCH_REPLACE,
	STMT_BATCH_LOCK_ITEM,
	STMT_BATCH_LOCK_BAG,
	STMT_BATCH_LOCK_ITEMS,
	STMT_BATCH_LOCK_BILLS,
	STMT_BATCH_FILE_PUT,
	STMT_BATCH_FILE_GET,
	STMT_ITEM_BY_REF,
	STMT_ITEM_ANSWER,
	STMT_NOTICE_PUT,
	STMT_NOTICE_LIST,
	STMT_NOTICE_SEEN_TELLER,
	STMT_NOTICE_SEEN_SUPER,
	STMT_NOTICE_UNSEEN,
	STMT_CENTRE_GET,
	STMT_CENTRE_CURSOR,
	STMT_CENTRE_ACKED,
	STMT_AUDIT_PUT,
	STMT_AUDIT_LAST,
	STMT_AUDIT_LIST,
	STMT_AUDIT_FROM,
	STMT_AUDIT_ANCHORED,
	STMT_AUDIT_FIRST,
	STMT_USER_FAILED,
	STMT_USER_UNLOCK,
	STMT_USER_PASSWORD,
	STMT_USER_ROLE,
	STMT_USER_RESET_BY,
	STMT_USER_UNLOCKED_BY,
	STMT_USER_AUTH_WRONG,
	STMT_USER_AUTH_TRIED,
	STMT_SESSION_START,
	STMT_SESSION_END,
	STMT_SESSION_END_USER,
	STMT_SESSION_GET,
	STMT_SESSION_OPEN,
	STMT_KEY_GET,
	STMT_KEY_PUT,
	STMT_KEY_WRONG,
	STMT_KEY_RIGHT,
	STMT_REPORT_REPRINTS,
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[STMT_COUNT];
	int in_tx;
	/* The supervisor who authorised the change being saved (dual
	 * control); audit rows written while it is set carry the name. */
	char auth_by[32];
};

/* Name the centre's public key file (the configuration's centre_key, or
 * "") that store_open encrypts clear payment passwords of a schema 6
 * database with (schema 7). Without it such a database is not opened. */
void store_set_centre_key(const char *path);

/* How store_open treats a missing file. */
enum store_mode {
	STORE_EXISTING, /* the database must exist and be initialised */
	STORE_CREATE,	/* the database must not exist yet; create it */
};

/* Open PATH, set WAL, foreign keys, synchronous and busy timeout, and bring
 * the schema to STORE_SCHEMA_VERSION. */
struct store *store_open(const char *path, enum store_mode mode,
			 struct cd_error *err);
void store_close(struct store *st);

/* The cached statement for ID, reset and with its bindings cleared; SQL is
 * only compiled the first time. NULL (and ERR set) on failure. */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt id, const char *sql,
			 struct cd_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
CD_MUST_CHECK int store_begin(struct store *st, struct cd_error *err);
CD_MUST_CHECK int store_commit(struct store *st, struct cd_error *err);
void store_rollback(struct store *st);

/* Turn the last SQLite failure into a user-facing error (ERR) and return its
 * status. WHAT (translated) says what was being done. */
int store_fail(struct store *st, struct cd_error *err, const char *what);

/* Helpers for reading a text column into a fixed buffer (NULL gives ""). */
void store_col_text(sqlite3_stmt *s, int col, char *buf, size_t len);

/* Bind text, or NULL when TEXT is NULL or empty. */
int store_bind_text_or_null(sqlite3_stmt *s, int idx, const char *text);

#endif
