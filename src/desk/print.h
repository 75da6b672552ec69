/* print.h - printing a cheque's supplementary code line and a bag's label
 * on this terminal's passbook printer, or previewing them as PNG. */
#ifndef CHEQUEDESK_PRINT_H
#define CHEQUEDESK_PRINT_H

#include "codeline.h"
#include "desk.h"
#include "e13b.h"
#include "profile.h"
#include "spool.h"

struct print_opts {
	const char *queue;   /* NULL: the configured printer */
	const char *profile; /* NULL: the configured or matching profile */
	const char *preview; /* write this PNG and print nothing */
	int force;	     /* the PNG may replace an existing file */
	int reprint;	     /* print again what was printed (supervisor) */
	spool_tick tick;     /* called while waiting for the printer */
	void *ctx;
};

struct print_result {
	char queue[128];
	char profile[64];
	char codeline[CODELINE_LINE_MAX];
	int job_id;
	int prints;    /* times printed now */
	int recovered; /* an earlier job had printed it; nothing sent */
};

/* Print cheque ID's supplementary code line. Only then is it marked
 * printed. A second print needs o->reprint and a supervisor. */
CD_MUST_CHECK int print_cheque(struct desk *d, int64_t id,
			       const struct print_opts *o,
			       struct print_result *r, struct cd_error *err);

/* Print bag ID's label; the bag is sealed as the job is sent. */
CD_MUST_CHECK int print_bag(struct desk *d, int64_t id,
			    const struct print_opts *o, struct print_result *r,
			    struct cd_error *err);

/* The profile for QUEUE: PROFILE_OPT, else the configured printer_profile
 * when QUEUE is the configured printer (or NULL), else the first profile
 * whose "match" is in the queue's make and model. */
CD_MUST_CHECK int print_profile_for(const struct conf *c, const char *queue,
				    const char *profile_opt, struct profile *p,
				    struct cd_error *err);

/* Which of the profiles ALL serves QUEUE with MAKE_MODEL: the configured
 * printer_profile for the configured printer, else the first match. */
const struct profile *print_profile_match(const struct conf *c,
					  const char *queue,
					  const char *make_model,
					  const struct profile *all, int n);

/* Make QUEUE this terminal's printer (supervisors): it must exist in CUPS;
 * its profile is PROFILE_OPT or the one matching its make and model. The
 * configuration file is updated and the change audited. The profile used
 * is left in PROFILE (64 bytes). */
CD_MUST_CHECK int print_use_printer(struct desk *d, const char *queue,
				    const char *profile_opt, char *profile,
				    struct cd_error *err);

/* Load data/e13b.glyphs. */
CD_MUST_CHECK int print_load_font(struct desk *d, struct e13b_font *font,
				  struct cd_error *err);

/* The supplementary code line of a registered cheque. */
char *print_cheque_codeline(const struct item *it, char *buf, size_t len);

/* Print a sample cheque code line (every digit) on o->queue (NULL: the
 * configured printer) through o->profile (NULL: the configured or matching
 * profile), for branch IT to see that printer and profile agree
 * (PERM_SETUP). Nothing is marked printed; the attempt is audited as
 * "printer.test". R gets the queue, profile, code line and job. */
CD_MUST_CHECK int print_test(struct desk *d, const struct print_opts *o,
			     struct print_result *r, struct cd_error *err);

#endif
