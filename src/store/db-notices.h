/* db-notices.h - the centre's notices as applied, who has seen them, and
 * the poll cursor. */
#ifndef CHEQUEDESK_DB_NOTICES_H
#define CHEQUEDESK_DB_NOTICES_H

#include "batchfile.h"
#include "model.h"
#include "store.h"

/* One notice as stored, with its item's serial, bank and amount. */
struct notice_rec {
	int64_t seq;
	char batch_id[BATCH_ID_MAX];
	int ref;
	int64_t item_id; /* 0 when the item is not in this database */
	char kind[12];	 /* accepted, rejected, returned */
	char reason_code[40];
	char reason[256];
	char at[TIMESTAMP_LEN];
	char applied_at[TIMESTAMP_LEN];
	char teller[USER_ID_MAX + 1]; /* who registered the item */
	int seen_teller, seen_supervisor;
	char serial[ITEM_SERIAL_MAX + 1];
	char bank[CODELINE_BANK_MAX + 1];
	int64_t amount_fen;
};

/* Which notices notice_rec_list returns. */
struct notice_filter {
	const char *teller; /* only this teller's items (NULL: all) */
	const char *date;   /* only items of this business date */
	int unseen;	    /* 1: only those not seen by the role below */
	int supervisor;	    /* whose "seen" mark counts */
	int limit;	    /* 0: no limit; newest first when set */
};

/* Store N; *STORED 1, or 0 when a notice with its seq was already
 * there. */
CD_MUST_CHECK int notice_rec_insert(struct store *st,
				    const struct notice_rec *n, int *stored,
				    struct cd_error *err);
typedef int (*notice_rec_cb)(const struct notice_rec *n, void *ctx);
CD_MUST_CHECK int notice_rec_list(struct store *st,
				  const struct notice_filter *f,
				  notice_rec_cb cb, void *ctx,
				  struct cd_error *err);
/* Count the notices not yet seen by a supervisor, or by TELLER. */
CD_MUST_CHECK int notice_rec_unseen(struct store *st, int supervisor,
				    const char *teller, int64_t *n,
				    struct cd_error *err);
/* Mark them seen. */
CD_MUST_CHECK int notice_rec_mark_seen(struct store *st, int supervisor,
				       const char *teller,
				       struct cd_error *err);

/* The poll cursor (last notice applied), the last acknowledged, and when
 * the centre was last polled. */
CD_MUST_CHECK int centre_state_get(struct store *st, int64_t *cursor,
				   int64_t *acked, char *polled_at, size_t len,
				   struct cd_error *err);
CD_MUST_CHECK int centre_set_cursor(struct store *st, int64_t cursor,
				    const char *at, struct cd_error *err);
CD_MUST_CHECK int centre_set_acked(struct store *st, int64_t acked,
				   struct cd_error *err);

#endif
