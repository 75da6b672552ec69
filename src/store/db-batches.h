/* db-batches.h - the batches table: each outgoing batch with its signed
 * file, its state towards the centre, and the items and bags in it. */
#ifndef CHEQUEDESK_DB_BATCHES_H
#define CHEQUEDESK_DB_BATCHES_H

#include "batchfile.h"
#include "model.h"
#include "sign.h"
#include "store.h"

/* One batch as stored. */
struct batch_rec {
	int64_t id;
	char batch_id[BATCH_ID_MAX];
	char business_date[DATE_LEN];
	int session, nn;
	enum batch_state state;
	int resend;
	char *file; /* the signed bytes, only when asked for; free() */
	size_t file_len;
	char signature[256];
	char digest[SIGN_HEX_LEN];
	int64_t items, debit_count, debit_fen, credit_count, credit_fen;
	char closed_by[USER_ID_MAX + 1];
	char closed_at[TIMESTAMP_LEN];
	char receipt[64];
	char received_at[TIMESTAMP_LEN];
	int attempts;
	char last_error[512];
	char updated_at[TIMESTAMP_LEN];
	/* from its items */
	int64_t accepted, rejected, returned, waiting;
};

/* Insert B with its file (inside the caller's transaction); sets B->id.
 * With B->file NULL, the file is B->file_len zero bytes, to be filled
 * with batch_file_write. */
CD_MUST_CHECK int batch_rec_insert(struct store *st, struct batch_rec *b,
				   struct cd_error *err);
/* Read by row id or by batch id; the file too when WITH_FILE. CD_ENOTFOUND
 * without a message when there is none. */
CD_MUST_CHECK int batch_rec_get(struct store *st, int64_t id, int with_file,
				struct batch_rec *out, struct cd_error *err);
CD_MUST_CHECK int batch_rec_find(struct store *st, const char *batch_id,
				 int with_file, struct batch_rec *out,
				 struct cd_error *err);
/* Every batch of DATE (NULL: all), oldest first. */
typedef int (*batch_rec_cb)(const struct batch_rec *b, void *ctx);
CD_MUST_CHECK int batch_rec_list(struct store *st, const char *date,
				 batch_rec_cb cb, void *ctx,
				 struct cd_error *err);
/* Batches still to be uploaded (closed or uploading), oldest first. */
CD_MUST_CHECK int batch_rec_pending(struct store *st, batch_rec_cb cb,
				    void *ctx, struct cd_error *err);
/* The next batch number NN of a date and session (1 for the first). */
CD_MUST_CHECK int batch_rec_next_nn(struct store *st, const char *date,
				    int session, int *nn, struct cd_error *err);
/* Move a batch to STATE at AT. RECEIPT/RECEIVED_AT (received), ERROR
 * (failed, or why an upload is still to be repeated) may be NULL; ATTEMPT
 * 1 counts one more upload attempt. */
CD_MUST_CHECK int batch_rec_set_state(struct store *st, int64_t id,
				      enum batch_state state,
				      const char *receipt,
				      const char *received_at,
				      const char *error, int attempt,
				      const char *at, struct cd_error *err);
/* Replace the file of a batch (a resend), back to state "closed" (B->file
 * NULL: zeros, as for batch_rec_insert). */
CD_MUST_CHECK int batch_rec_replace_file(struct store *st,
					 const struct batch_rec *b,
					 struct cd_error *err);

/* A stored batch file read or written in pieces, never whole in memory. */
struct batch_file {
	struct store *st;
	sqlite3_blob *blob;
	size_t len;
};
/* Open the file of batch row ID (WRITE 1: to fill it, inside the
 * transaction that stored it). */
CD_MUST_CHECK int batch_file_open(struct store *st, int64_t id, int write,
				  struct batch_file *f, struct cd_error *err);
/* LEN bytes at OFFSET, from or into BUF. */
CD_MUST_CHECK int batch_file_read(struct batch_file *f, size_t offset,
				  void *buf, size_t len, struct cd_error *err);
CD_MUST_CHECK int batch_file_write(struct batch_file *f, size_t offset,
				   const void *buf, size_t len,
				   struct cd_error *err);
void batch_file_close(struct batch_file *f);

/* The items of a batch file by ref: their ids in file order (ref = index
 * + 1), in runs of ascending ids (the cheques, then each bag's bills). */
struct batch_refs {
	int64_t *ids;
	size_t n, cap;
	size_t *runs; /* where each run starts */
	size_t nruns, runs_cap;
	int64_t misses; /* items locked that were not in the file */
};
/* Add the next item (NEW_RUN: it starts a bag); -1 when out of memory. */
int batch_refs_add(struct batch_refs *r, int64_t id, int new_run);
void batch_refs_free(struct batch_refs *r);

/* Put the items of a close into batch BATCH in two statements: the
 * session's cheques not yet in a batch, then the bills of the bags
 * already in BATCH, none voided, each with its ref from REFS and status
 * "batched". *CHANGED is how many were; REFS->misses how many of those
 * REFS did not hold. */
CD_MUST_CHECK int batch_lock_items(struct store *st, int64_t batch,
				   const char *date, int session,
				   struct batch_refs *refs, int64_t *changed,
				   struct cd_error *err);

/* Put an item into a batch as REF, with its new STATUS. */
CD_MUST_CHECK int item_set_batch(struct store *st, int64_t item_id,
				 int64_t batch, int ref, const char *status,
				 struct cd_error *err);
/* Put a bag into a batch. */
CD_MUST_CHECK int bag_set_batch(struct store *st, int64_t bag_id, int64_t batch,
				struct cd_error *err);
/* The item REF of batch BATCH into OUT; *FOUND 0 when there is none. */
CD_MUST_CHECK int item_find_ref(struct store *st, int64_t batch, int ref,
				struct item *out, int *found,
				struct cd_error *err);
/* Record the centre's answer on an item: STATUS accepted, rejected or
 * returned, with the reason (NULL for none). */
CD_MUST_CHECK int item_set_answer(struct store *st, int64_t id,
				  const char *status, const char *code,
				  const char *reason, struct cd_error *err);

#endif
