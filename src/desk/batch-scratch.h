/* batch-scratch.h - a batch file written to a scratch file, signed and
 * hashed as it goes, then stored (batch close and resend). */
#ifndef CHEQUEDESK_BATCH_SCRATCH_H
#define CHEQUEDESK_BATCH_SCRATCH_H

#include <stdio.h>

#include "db-batches.h"
#include "desk.h"
#include "sign.h"

#define SCRATCH_CHUNK 65536 /* bytes gathered before they go on */

/* Where a batch file goes while it is written: a scratch file (so the
 * file is never whole in memory) and the signature and digest. */
struct scratch {
	FILE *tmp;
	struct sign_stream sg;
	char buf[SCRATCH_CHUNK];
	size_t n, total;
};

/* Start writing a batch file signed with KEY. */
struct scratch *scratch_open(EVP_PKEY *key, struct cd_error *err);
/* The batch writer's sink (batch_sink) for a scratch file. */
CD_MUST_CHECK int scratch_sink(void *ctx, const char *data, size_t len,
			       struct cd_error *err);
/* Finish the file: its length, signature and digest into R. */
CD_MUST_CHECK int scratch_finish(struct scratch *sp, struct batch_rec *r,
				 struct cd_error *err);
/* Copy the finished file into the stored batch R (saved with zeros). */
CD_MUST_CHECK int scratch_store(struct desk *d, struct scratch *sp,
				const struct batch_rec *r,
				struct cd_error *err);
/* Drop a scratch file. */
void scratch_free(struct scratch *sp);

#endif
