/* db-report.h - what the day's report reads that no other table module
 * offers: the reprints of a day's items and bags with who authorised them. */
#ifndef CHEQUEDESK_DB_REPORT_H
#define CHEQUEDESK_DB_REPORT_H

#include "model.h"
#include "store.h"

/* One reprint job (print_jobs.reprint = 1) of an item or a bag label. */
struct reprint_rec {
	int64_t id;	 /* print_jobs.id */
	int64_t item_id; /* the cheque, or 0 */
	int64_t bag_id;	 /* the bag, or 0 */
	char queue[128];
	int job_id;
	char state[8]; /* sent, done, failed */
	char user[USER_ID_MAX + 1];
	char auth[USER_ID_MAX + 1]; /* the supervisor who authorised it */
	char reason[256];	    /* why it failed */
	char sent_at[TIMESTAMP_LEN];
	char serial[ITEM_SERIAL_MAX + 1]; /* the cheque's serial, or "" */
	char bank[CODELINE_BANK_MAX + 1];
};

/* Call CB for the reprints of the items and bags of business date DATE
 * (and SESSION, unless 0), oldest first; CB returns non-zero to stop. */
typedef int (*reprint_cb)(const struct reprint_rec *r, void *ctx);
CD_MUST_CHECK int report_reprint_list(struct store *st, const char *date,
				      int session, reprint_cb cb, void *ctx,
				      struct cd_error *err);

#endif
