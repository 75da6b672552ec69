/* report.h - the day's report: everything a supervisor closing the day
 * looks at, collected into one structure that the text, CSV and JSON
 * renderers and the report screen share. */
#ifndef CHEQUEDESK_REPORT_H
#define CHEQUEDESK_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "db-batches.h"
#include "db-notices.h"
#include "db-report.h"
#include "desk.h"

/* Counts and totals of one destination bank (items not voided). */
struct report_bank {
	char bank[CODELINE_BANK_MAX + 1];
	char name[NAME_MAX_BYTES * 2 + 1];
	int64_t debit_count, debit_fen;
	int64_t credit_count, credit_fen;
};

/* An audit row kept by the report: an authorised action or a refusal. */
struct report_audit {
	int64_t id;
	char at[TIMESTAMP_LEN];
	char user[USER_ID_MAX + 1];
	char auth[USER_ID_MAX + 1]; /* authorisations: who authorised */
	char action[64];	    /* refusals: the action refused */
	char object[64];
	char why[128]; /* refusals: why, as recorded */
};

struct report {
	char branch_no[CODELINE_BANK_MAX + 1];
	char branch_name[NAME_MAX_BYTES + 1];
	char date[DATE_LEN];
	int session;   /* 0: every session of the day */
	int nsessions; /* the sessions the branch has */
	char by[USER_ID_MAX + 1];
	char by_name[NAME_MAX_BYTES + 1];
	char at[TIMESTAMP_LEN];
	/* every item (cheques and bagged bills), voided ones too */
	struct item *items;
	size_t nitems;
	/* totals of the items not voided */
	struct report_bank *banks;
	size_t nbanks;
	int64_t debit_count, debit_fen, credit_count, credit_fen;
	int64_t voided_count, voided_fen;
	struct batch_rec *batches;
	size_t nbatches;
	struct notice_rec *notices;
	size_t nnotices;
	struct reprint_rec *reprints;
	size_t nreprints;
	struct report_audit *auths, *refusals;
	size_t nauths, nrefusals;
	/* how many of each array are allocated (grow.h) */
	size_t cap_items, cap_banks, cap_batches, cap_notices, cap_reprints,
	    cap_auths, cap_refusals;
};

/* Collect the report of business date DATE (NULL: the current one) and
 * SESSION (0: all). Supervisors only (refusals audited). A bad session,
 * a date after the current business date, or a date given that has no
 * items, bags or batches is refused with what to do. */
CD_MUST_CHECK int report_day(struct desk *d, const char *date, int session,
			     struct report *r, struct cd_error *err);
void report_free(struct report *r);

/* The batch an item went out in ("1-01": session and number), or "". */
const char *report_batch_label(const struct report *r, int64_t batch, char *buf,
			       size_t len);

/* The bank's name from the directory, or "". */
const char *report_bank_name(const struct report *r, const char *bank);

/* Record that the report was viewed (FORMAT: text, csv, json, screen). */
void report_audit_view(struct desk *d, const struct report *r,
		       const char *format);

/* Print TEXT (the text report, LEN bytes) on QUEUE (NULL: the
 * report_queue setting) as text/plain and wait for it; refuses the
 * terminal's passbook printer. Audited as report.print with the outcome.
 * The queue used and the CUPS job number are returned. */
CD_MUST_CHECK int report_print(struct desk *d, const struct report *r,
			       const char *queue, const char *text, size_t len,
			       char *used, size_t used_len, int *job_id,
			       struct cd_error *err);

#endif
