/* clock.c - reading the local time (or, in a build configured with
 * --enable-test-clock only, the CHEQUEDESK_NOW override the tests set). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "i18n.h"

/* Parse CHEQUEDESK_NOW into TM (local time). */
static int parse_override(const char *text, struct tm *tm)
{
	int y, mo, d, h, mi, s = 0, n = 0;

	if (sscanf(text, "%4d-%2d-%2d%*[ T]%2d:%2d%n", &y, &mo, &d, &h, &mi,
		   &n) < 5)
		return -1;
	if (text[n] == ':' && sscanf(text + n, ":%2d%n", &s, &n) == 1)
		;
	else if (text[n] != '\0')
		return -1;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	tm->tm_isdst = -1;
	if (!cd_date_valid((struct cd_date){y, mo, d}) || h > 23 || mi > 59 ||
	    s > 59)
		return -1;
	return 0;
}

/* The time the tests set: CHEQUEDESK_NOW in a test build; NULL in a build
 * for a branch, which never takes its time from the environment. */
static const char *test_clock(void)
{
#ifdef CHEQUEDESK_TEST_CLOCK
	return getenv("CHEQUEDESK_NOW");
#else
	return NULL;
#endif
}

/* Whether this build reads CHEQUEDESK_NOW (configured for tests). */
int clock_is_test(void)
{
#ifdef CHEQUEDESK_TEST_CLOCK
	return 1;
#else
	return 0;
#endif
}

/* Fill NOW from the system clock (or the tests' CHEQUEDESK_NOW). */
int clock_now(struct cd_now *now, struct cd_error *err)
{
	const char *env = test_clock();
	struct tm tm;
	time_t t;

	if (env != NULL && *env != '\0') {
		if (parse_override(env, &tm) != 0)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("CHEQUEDESK_NOW is \"%s\"; write it as "
					"YYYY-MM-DD HH:MM or unset it to use "
					"the system clock."),
				      env);
		mktime(&tm);
	} else {
		t = time(NULL);
		localtime_r(&t, &tm);
	}
	now->date.year = tm.tm_year + 1900;
	now->date.month = tm.tm_mon + 1;
	now->date.day = tm.tm_mday;
	now->minute = tm.tm_hour * 60 + tm.tm_min;
	strftime(now->stamp, sizeof now->stamp, "%Y-%m-%dT%H:%M:%S%z", &tm);
	return CD_OK;
}
