/* calendar.h - business dates and exchange sessions with their cut-offs. */
#ifndef CHEQUEDESK_CALENDAR_H
#define CHEQUEDESK_CALENDAR_H

#include "error.h"

#define CALENDAR_MAX_SESSIONS 8
#define CALENDAR_MAX_HOLIDAYS 128

/* A civil date. */
struct cd_date {
	int year, month, day;
};

/* The exchange calendar: cut-off times (minutes after midnight, ascending)
 * and the non-weekend days with no exchange. */
struct calendar {
	int nsessions;
	int cutoff[CALENDAR_MAX_SESSIONS];
	int nholidays;
	struct cd_date holidays[CALENDAR_MAX_HOLIDAYS];
};

/* Where an item registered at a given moment belongs. */
struct business_slot {
	struct cd_date date; /* business date */
	int session;	     /* 1-based session number */
	int cutoff; /* that session's cut-off, minutes after midnight */
};

/* Two sessions, 11:30 and 16:00; no holidays. */
void calendar_default(struct calendar *cal);

/* Parse "11:30, 16:00" (comma or blank separated, strictly ascending, at
 * least one, at most CALENDAR_MAX_SESSIONS). */
CD_MUST_CHECK int calendar_parse_sessions(struct calendar *cal,
					  const char *text,
					  struct cd_error *err);

/* Parse "2026-10-01, 2026-10-02 ..." (comma or blank separated). */
CD_MUST_CHECK int calendar_parse_holidays(struct calendar *cal,
					  const char *text,
					  struct cd_error *err);

/* True when D is an exchange day (not Saturday, Sunday or a holiday). */
int calendar_is_business_day(const struct calendar *cal, struct cd_date d);

/* The slot for local date D at MINUTE after midnight: the first session whose
 * cut-off is still ahead on a business day; after the last cut-off, or on a
 * day with no exchange, the next business day's first session. An item at
 * exactly the cut-off belongs to the next session. */
void calendar_slot(const struct calendar *cal, struct cd_date d, int minute,
		   struct business_slot *out);

/* Date arithmetic helpers. */
struct cd_date cd_date_add_days(struct cd_date d, int days);
int cd_date_weekday(struct cd_date d); /* 0 Sunday .. 6 Saturday */
int cd_date_valid(struct cd_date d);
int cd_date_cmp(struct cd_date a, struct cd_date b);
/* "YYYY-MM-DD" strictly; returns 0 on success. */
int cd_date_parse(const char *text, struct cd_date *out);
/* Writes "YYYY-MM-DD" into BUF (at least 11 bytes). Returns BUF. */
char *cd_date_format(struct cd_date d, char *buf);
/* Days since 1970-01-01 (negative before). */
long cd_date_to_days(struct cd_date d);

/* Parse a date the user gave, YYYY-MM-DD, into BUF (DATE_LEN bytes);
 * CD_EINVAL with a message saying how to write it. */
CD_MUST_CHECK int cd_date_parse_input(const char *text, char *buf,
				      struct cd_error *err);

#endif
