/* exchange.h - the branch's side of the exchange with the clearing centre:
 * uploading closed batches (upload.c), polling and applying notices
 * (poll.c), rebuilding a day from the centre (resync.c) and the audit
 * chain's anchors (audit-anchors.c). */
#ifndef CHEQUEDESK_EXCHANGE_H
#define CHEQUEDESK_EXCHANGE_H

#include "db-batches.h"
#include "db-notices.h"
#include "desk.h"
#include "notice.h"
#include "remote.h"

/* Open the connection to the centre for this branch (R set up from the
 * configuration). */
CD_MUST_CHECK int exchange_open(struct desk *d, struct remote *r,
				struct cd_error *err);

/* Upload batch BATCH_ID (supervisors). CD_OK with OUT in state received
 * (or already received or complete, *ALREADY set). A refusal by the centre
 * moves the batch to failed; a network failure leaves it uploading, to be
 * uploaded again; either way ERR says what happened and what to do. */
CD_MUST_CHECK int upload_batch(struct desk *d, struct remote *r,
			       const char *batch_id, struct batch_rec *out,
			       int *already, struct cd_error *err);

/* Told about each notice applied. */
typedef void (*poll_fn)(void *ctx, const struct notice_rec *n);

struct poll_result {
	int applied, accepted, rejected, returned;
	int unknown; /* for batches this database does not hold */
	int64_t cursor;
};

/* Read the notices after the stored cursor, check them, apply each in its
 * own transaction with the cursor, then acknowledge them. */
CD_MUST_CHECK int poll_once(struct desk *d, struct remote *r, poll_fn cb,
			    void *ctx, struct poll_result *res,
			    struct cd_error *err);

/* Apply one checked notice (inside no transaction: it makes its own). SEEN
 * marks it as already seen by everyone (resync of acknowledged notices).
 * *APPLIED is 0 when it had been applied before. */
CD_MUST_CHECK int poll_apply(struct desk *d, const struct notice *n, int seen,
			     int *applied, struct notice_rec *rec,
			     struct cd_error *err);

struct resync_result {
	int batches, items, bags, notices, placeholders;
};

/* Rebuild DATE's batches, bags, items and notices from the centre into a
 * database that holds nothing of that date (supervisors). */
CD_MUST_CHECK int resync_day(struct desk *d, struct remote *r, const char *date,
			     struct resync_result *res, struct cd_error *err);

/* The anchors of the audit chain (docs/audit.md), with the batch each
 * came in. */
struct anchor_set {
	struct batch_anchor *v;
	char (*batch)[BATCH_ID_MAX];
	size_t n, cap, cap_batch;
};

/* From the batch files this database keeps, each checked against the
 * branch's public key (branch_key) first; a file whose signature fails
 * is an error (CD_ESTORE). */
CD_MUST_CHECK int anchors_local(struct desk *d, struct anchor_set *out,
				struct cd_error *err);
/* From the files the centre received (GET .../audit-anchors), the answer
 * signed by the centre. */
CD_MUST_CHECK int anchors_centre(struct desk *d, struct anchor_set *out,
				 struct cd_error *err);
void anchors_free(struct anchor_set *s);

/* The user's words for a notice's reason code (NULL when unknown). */
const char *notice_reason_label(const char *code);

#endif
