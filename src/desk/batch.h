/* batch.h - closing a session's outgoing batch: checks, balance report,
 * locking, writing and signing the batch file; and resending one. */
#ifndef CHEQUEDESK_BATCH_H
#define CHEQUEDESK_BATCH_H

#include "batchfile.h"
#include "db-batches.h"
#include "desk.h"

/* Build the batch that closing DATE's SESSION would send (DATE NULL and
 * SESSION 0: the current business date and session): its header, items,
 * bags and totals. CD_ECONFLICT, saying which, while cheques are
 * unprinted or bags unsealed, or when there is nothing to close. */
CD_MUST_CHECK int batch_plan(struct desk *d, const char *date, int session,
			     struct batch *out, struct cd_error *err);

/* Close the batch (supervisors): sign it with the branch key opened with
 * ACCESS_CODE, store file, signature and digest, and lock its items and
 * bags, in one transaction with its audit record. SHOWN is the plan the
 * supervisor saw; if the items changed since, nothing is done
 * (CD_ECONFLICT). OUT gets the stored batch (without its file). */
CD_MUST_CHECK int batch_close(struct desk *d, const struct batch *shown,
			      const char *access_code, struct batch_rec *out,
			      struct cd_error *err);

/* Write and sign the file of batch BATCH_ID again, marked as a resend
 * (supervisors). Only before the centre has received it, or after it
 * refused it. */
CD_MUST_CHECK int batch_resend(struct desk *d, const char *batch_id,
			       const char *access_code, struct batch_rec *out,
			       struct cd_error *err);

/* Read batch BATCH_ID (with its file when WITH_FILE); a missing batch is
 * CD_ENOTFOUND with a message saying where to look. */
CD_MUST_CHECK int batch_find(struct desk *d, const char *batch_id,
			     int with_file, struct batch_rec *out,
			     struct cd_error *err);

/* A batch state ("closed", ...) in the user's language. */
const char *batch_state_label(enum batch_state state);

#endif
