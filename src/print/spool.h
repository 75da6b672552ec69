/* spool.h - talking to CUPS: the destinations, submitting a raw job and
 * following it until it is printed, fails or times out. */
#ifndef CHEQUEDESK_SPOOL_H
#define CHEQUEDESK_SPOOL_H

#include <stddef.h>

#include "error.h"

/* One CUPS destination as chequedesk shows it. */
struct spool_dest {
	char name[128];
	char info[128];
	char make_model[128];
	char reasons[256];
	char message[256];
	int is_default;
	int state;     /* 3 idle, 4 printing, 5 stopped */
	int accepting; /* accepts new jobs */
};

/* A destination's state in words (translated): stopped, rejecting jobs,
 * printing or ready. */
const char *spool_state_label(const struct spool_dest *d);

/* Every destination. *OUT is malloc'd (may be NULL when *N is 0). No
 * cupsd gives CD_ECONFIG with what to do. */
CD_MUST_CHECK int spool_list(struct spool_dest **out, int *n,
			     struct cd_error *err);

/* The destination QUEUE: CD_ENOTFOUND when there is none. */
CD_MUST_CHECK int spool_get(const char *queue, struct spool_dest *d,
			    struct cd_error *err);

/* QUEUE exists, is not stopped and accepts jobs. */
CD_MUST_CHECK int spool_ready(const char *queue, struct cd_error *err);

/* Create a job for raw data on QUEUE and return its number; the data
 * follows with spool_send. */
CD_MUST_CHECK int spool_create(const char *queue, const char *title,
			       int *job_id, struct cd_error *err);

/* Send the whole job and close it. */
CD_MUST_CHECK int spool_send(const char *queue, int job_id, const void *data,
			     size_t len, struct cd_error *err);

/* The same for a document of MIME type FORMAT (e.g. "text/plain"). */
CD_MUST_CHECK int spool_send_as(const char *queue, int job_id,
				const char *format, const void *data,
				size_t len, struct cd_error *err);

enum spool_outcome { SPOOL_PENDING, SPOOL_DONE, SPOOL_FAILED };

/* Where job JOB_ID on QUEUE is now. On SPOOL_FAILED, ERR says why. */
CD_MUST_CHECK int spool_state(const char *queue, int job_id,
			      enum spool_outcome *out, struct cd_error *err);

/* Called about five times a second while waiting, with seconds passed. */
typedef void (*spool_tick)(void *ctx, int seconds);

/* Wait until the job is printed (CD_OK), fails, the queue stops, or
 * TIMEOUT seconds pass; on failure or time-out the job is cancelled and
 * ERR says what happened and what to do. */
CD_MUST_CHECK int spool_wait(const char *queue, int job_id, int timeout,
			     spool_tick tick, void *ctx, struct cd_error *err);

/* Cancel a job (quietly; it may be gone already). */
void spool_cancel(const char *queue, int job_id);

#endif
