/* db-prints.h - print jobs sent for cheques and bag labels, and marking
 * items printed and bags sealed. */
#ifndef CHEQUEDESK_DB_PRINTS_H
#define CHEQUEDESK_DB_PRINTS_H

#include "model.h"
#include "store.h"

/* One job sent to CUPS. Exactly one of item_id and bag_id is set. */
struct print_job {
	int64_t id;
	int64_t item_id, bag_id;
	char queue[128];
	char profile[64];
	int job_id;    /* the CUPS job number */
	char state[8]; /* sent, done, failed */
	int reprint;
	char user[USER_ID_MAX + 1];
	char reason[256];
	char sent_at[TIMESTAMP_LEN];
};

/* Record a job just sent (state "sent"); sets J->id. */
CD_MUST_CHECK int print_job_insert(struct store *st, struct print_job *j,
				   struct cd_error *err);
/* The job still marked "sent" for an item (ITEM_ID) or bag (BAG_ID, with
 * ITEM_ID 0): 1 and OUT filled, 0 when there is none, -1 on failure. */
CD_MUST_CHECK int print_job_pending(struct store *st, int64_t item_id,
				    int64_t bag_id, struct print_job *out,
				    struct cd_error *err);
/* Set a job's outcome: STATE "done" or "failed" with REASON. */
CD_MUST_CHECK int print_job_finish(struct store *st, int64_t id,
				   const char *state, const char *reason,
				   const char *at, struct cd_error *err);
/* Count one more print of an item; the first one moves it from
 * "registered" to "printed". */
CD_MUST_CHECK int item_mark_printed(struct store *st, int64_t id,
				    const char *at, struct cd_error *err);
/* Count one more print of a bag's label. */
CD_MUST_CHECK int bag_mark_printed(struct store *st, int64_t id, const char *at,
				   struct cd_error *err);
/* Seal an open bag: no more bills go into it. */
CD_MUST_CHECK int bag_seal(struct store *st, int64_t id, const char *user,
			   const char *at, struct cd_error *err);

#endif
