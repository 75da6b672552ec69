/* centre-db.h - the clearing-centre simulator's SQLite database: its key,
 * the branches, received batches and their items, notices and faults. */
#ifndef CHEQUEDESK_CENTRE_DB_H
#define CHEQUEDESK_CENTRE_DB_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "batchfile.h"
#include "error.h"
#include "model.h"
#include "notice.h"

/* The schema version this program writes (PRAGMA user_version). */
#define CDB_SCHEMA_VERSION 3

/* Every prepared statement of the simulator, one slot each. */
enum cdb_stmt {
	CST_BEGIN,
	CST_COMMIT,
	CST_ROLLBACK,
	CST_KEY_GET,
	CST_KEY_PUT,
	CST_BRANCH_GET,
	CST_BRANCH_ADD,
	CST_BRANCH_REPLACE,
	CST_BRANCH_CERT,
	CST_CERT_BRANCH,
	CST_BRANCH_RECEIPT,
	CST_BATCH_GET,
	CST_BATCH_PUT,
	CST_BATCH_LIST,
	CST_BATCH_ANCHORS,
	CST_BATCH_REPLACED,
	CST_ITEM_PUT,
	CST_ITEM_DROP,
	CST_NOTICE_LIST,
	CST_NOTICE_ACK,
	CST_BRANCH_ACKED,
	CST_DUMP_BATCHES,
	CST_DUMP_ITEMS,
	CST_DUMP_NOTICES,
	CST_DECIDE_ANY,
	CST_DECIDE_DUE,
	CST_DECIDE_DUP,
	CST_DECIDE_SET,
	CST_DECIDE_RETURN_DUE,
	CST_DECIDE_RETURNED,
	CST_NOTICE_SEQ,
	CST_NOTICE_PUT,
	CST_FAULT_ADD,
	CST_FAULT_CLEAR,
	CST_FAULT_LIST,
	CST_FAULT_NEXT,
	CST_FAULT_USE,
	CST_FAULT_DROP,
	CST_COUNT
};

struct cdb {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[CST_COUNT];
};

/* One received batch file (the current one for its batch id unless
 * REPLACED). */
struct cdb_batch {
	int64_t id;
	char branch[CODELINE_BANK_MAX + 1];
	char batch_id[BATCH_ID_MAX];
	char business_date[DATE_LEN];
	int session;
	char digest[65];
	char receipt[32];
	char received_at[TIMESTAMP_LEN];
	int64_t received_epoch;
	int resend;
	int replaced;  /* 1 when a later file replaced this one */
	int replacing; /* 1 when this file replaced an earlier one */
	int64_t items;
	int64_t decided;
	char *file; /* only when asked for */
	size_t file_len;
	char *signature; /* the branch's, only with the file */
};

/* Open PATH (creating it and the schema when CREATE), with WAL, foreign
 * keys and a busy timeout. Messages name PATH and say what to do. */
CD_MUST_CHECK int cdb_open(struct cdb *c, const char *path, int create,
			   struct cd_error *err);
void cdb_close(struct cdb *c);

/* The cached statement for ID, reset with bindings cleared. */
sqlite3_stmt *cdb_stmt(struct cdb *c, enum cdb_stmt id, const char *sql,
		       struct cd_error *err);
/* A SQLite failure as an error; WHAT says what was being done. */
int cdb_fail(struct cdb *c, struct cd_error *err, const char *what);
/* Step a statement that returns no rows. */
CD_MUST_CHECK int cdb_exec(struct cdb *c, sqlite3_stmt *s,
			   struct cd_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
CD_MUST_CHECK int cdb_begin(struct cdb *c, struct cd_error *err);
CD_MUST_CHECK int cdb_commit(struct cdb *c, struct cd_error *err);
void cdb_rollback(struct cdb *c);

/* T as ISO 8601 local time with offset: 2026-11-23T15:40:02+0800. */
void cdb_stamp(time_t t, char out[TIMESTAMP_LEN]);
/* Copy a text column into OUT (SIZE bytes); "" for NULL. */
void cdb_col(sqlite3_stmt *s, int col, char *out, size_t size);
/* A text column as a new string ("" for NULL). */
char *cdb_col_dup(sqlite3_stmt *s, int col);

/* The centre's own key pair as PEM texts (new strings); CD_ENOTFOUND
 * when init has not been run. */
CD_MUST_CHECK int cdb_key_get(struct cdb *c, char **priv, char **pub,
			      struct cd_error *err);
CD_MUST_CHECK int cdb_key_put(struct cdb *c, const char *priv, const char *pub,
			      struct cd_error *err);

/* Register BRANCH with public key PUB (PEM). An existing branch is
 * CD_ECONFLICT unless REPLACE. */
CD_MUST_CHECK int cdb_branch_add(struct cdb *c, const char *branch,
				 const char *name, const char *pub, int replace,
				 struct cd_error *err);
/* BRANCH's public key PEM (new string); CD_ENOTFOUND when unknown. */
CD_MUST_CHECK int cdb_branch_key(struct cdb *c, const char *branch, char **pub,
				 struct cd_error *err);

/* Register FP (SHA-256 hex of the DER) as BRANCH's transport
 * certificate, replacing the one it had; CD_ECONFLICT when another branch
 * has it, CD_ENOTFOUND when BRANCH is not registered. */
CD_MUST_CHECK int cdb_branch_set_cert(struct cdb *c, const char *branch,
				      const char *fp, struct cd_error *err);
/* The branch whose transport certificate has fingerprint FP into BRANCH;
 * CD_ENOTFOUND when none has. */
CD_MUST_CHECK int cdb_cert_branch(struct cdb *c, const char *fp,
				  char branch[CODELINE_BANK_MAX + 1],
				  struct cd_error *err);

/* The current batch BATCH_ID of BRANCH, its file and signature too when
 * WITH_FILE; CD_ENOTFOUND when there is none. */
CD_MUST_CHECK int cdb_batch_get(struct cdb *c, const char *branch,
				const char *batch_id, int with_file,
				struct cdb_batch *out, struct cd_error *err);
/* Store a received batch file and its items; B gives branch, batch id,
 * date, session, digest, file, signature, resend and receipt time; its
 * id, receipt and items are filled in. REPLACES, when not 0, is the row
 * this file replaces (its items are dropped). Inside a transaction. */
CD_MUST_CHECK int cdb_batch_put(struct cdb *c, struct cdb_batch *b,
				const struct batch *p, int64_t replaces,
				struct cd_error *err);
/* Call CB for each current batch of BRANCH on DATE, in order received. */
CD_MUST_CHECK int cdb_batch_list(struct cdb *c, const char *branch,
				 const char *date,
				 void (*cb)(const struct cdb_batch *, void *),
				 void *ctx, struct cd_error *err);
void cdb_batch_free(struct cdb_batch *b);
/* Every file BRANCH sent, replaced ones too, oldest first, with its
 * file; CB must not keep B. */
CD_MUST_CHECK int cdb_batch_files(struct cdb *c, const char *branch,
				  void (*cb)(const struct cdb_batch *b, void *),
				  void *ctx, struct cd_error *err);

/* Everything held: {"batches":[...], "items":[...], "notices":[...]}. */
cJSON *cdb_dump(struct cdb *c, struct cd_error *err);

#endif
