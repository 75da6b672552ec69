/* clock.h - the current local time, overridable for tests and training. */
#ifndef CHEQUEDESK_CLOCK_H
#define CHEQUEDESK_CLOCK_H

#include "calendar.h"
#include "error.h"

struct cd_now {
	struct cd_date date;
	int minute;	/* minutes after local midnight */
	char stamp[32]; /* ISO 8601 with offset: 2026-11-23T10:05:00+0800 */
};

/* The current local time. Only in a build configured with
 * --enable-test-clock, CHEQUEDESK_NOW="YYYY-MM-DD HH:MM[:SS]" replaces the
 * system clock (the tests); a build for a branch ignores it. */
CD_MUST_CHECK int clock_now(struct cd_now *now, struct cd_error *err);

/* 1 in a build configured with --enable-test-clock, which reads
 * CHEQUEDESK_NOW; 0 in a build for a branch. */
int clock_is_test(void);

#endif
