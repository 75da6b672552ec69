/* calendar.c - business dates, exchange sessions and their cut-offs. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "i18n.h"

/* Longest token quoted back in a message, in bytes. */
#define QUOTE_MAX 40

/* Minutes in a day. */
#define DAY_MINUTES (24 * 60)

/* Days in 400 Gregorian years; the calendar repeats after that. */
#define DAYS_PER_400Y 146097L

/* Days from 0000-03-01 to 1970-01-01, counting years from March. */
#define EPOCH_SHIFT 719468L

/* What is wrong with a token that should be a time or a date. */
enum token_fault {
	TOKEN_OK,
	TOKEN_MALFORMED, /* not of the form HH:MM / YYYY-MM-DD */
	TOKEN_RANGE,	 /* right form, but no such time or date */
};

/* True for an ASCII digit. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True for the characters that separate times or dates in a list. */
static int is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next list token after *P (length in *N, *P moved past it), or NULL. */
static const char *next_token(const char **p, size_t *n)
{
	const char *s = *p, *t;

	while (*s != '\0' && is_sep(*s))
		s++;
	if (*s == '\0')
		return NULL;
	for (t = s; *t != '\0' && !is_sep(*t); t++)
		;
	*n = (size_t)(t - s);
	*p = t;
	return s;
}

/* Copy S (N bytes) into Q for a message, shortened at a character boundary. */
static void quote(char *q, const char *s, size_t n)
{
	size_t cut = n;

	if (cut > QUOTE_MAX) {
		cut = QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	memcpy(q, s, cut);
	strcpy(q + cut, cut < n ? "..." : "");
}

/* The value of the N digits at S. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* True when the N bytes at S are all digits. */
static int all_digits(const char *s, size_t n)
{
	while (n-- > 0)
		if (!is_digit(*s++))
			return 0;
	return 1;
}

/* Read "HH:MM" (or "H:MM") of N bytes at S into *MINUTE. */
static enum token_fault parse_time(const char *s, size_t n, int *minute)
{
	const char *colon = memchr(s, ':', n);
	size_t nh;
	int h, m;

	if (colon == NULL)
		return TOKEN_MALFORMED;
	nh = (size_t)(colon - s);
	if (nh < 1 || nh > 2 || n - nh - 1 != 2 || !all_digits(s, nh) ||
	    !all_digits(colon + 1, 2))
		return TOKEN_MALFORMED;
	h = digits_value(s, nh);
	m = digits_value(colon + 1, 2);
	if (h > 23 || m > 59)
		return TOKEN_RANGE;
	*minute = h * 60 + m;
	return TOKEN_OK;
}

/* Read "YYYY-MM-DD" of N bytes at S into *D. */
static enum token_fault parse_date(const char *s, size_t n, struct cd_date *d)
{
	struct cd_date r;

	if (n != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
	    !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
		return TOKEN_MALFORMED;
	r.year = digits_value(s, 4);
	r.month = digits_value(s + 5, 2);
	r.day = digits_value(s + 8, 2);
	if (!cd_date_valid(r))
		return TOKEN_RANGE;
	*d = r;
	return TOKEN_OK;
}

/* Two sessions, 11:30 and 16:00; no holidays. */
void calendar_default(struct calendar *cal)
{
	memset(cal, 0, sizeof *cal);
	cal->nsessions = 2;
	cal->cutoff[0] = 11 * 60 + 30;
	cal->cutoff[1] = 16 * 60;
}

/* Parse the session cut-off times, e.g. "11:30, 16:00". */
int calendar_parse_sessions(struct calendar *cal, const char *text,
			    struct cd_error *err)
{
	int cutoff[CALENDAR_MAX_SESSIONS];
	int n = 0, i;
	const char *p = text ? text : "", *tok;
	size_t len;
	char q[QUOTE_MAX + 4];

	while ((tok = next_token(&p, &len)) != NULL) {
		quote(q, tok, len);
		if (n == CALENDAR_MAX_SESSIONS)
			return cd_err(
			    err, CD_EINVAL, "sessions",
			    _("There are more than %d session cut-off times. "
			      "List at most %d, earliest first, e.g. \"11:30, "
			      "16:00\"."),
			    CALENDAR_MAX_SESSIONS, CALENDAR_MAX_SESSIONS);
		switch (parse_time(tok, len, &cutoff[n])) {
		case TOKEN_OK:
			break;
		case TOKEN_MALFORMED:
			return cd_err(err, CD_EINVAL, "sessions",
				      /* TRANSLATORS: keep HH:MM as it is; it
				       * tells the form of a time. */
				      _("The session cut-off \"%s\" is not a "
					"time. Write each cut-off as HH:MM on "
					"the 24-hour clock, e.g. 16:00."),
				      q);
		case TOKEN_RANGE:
			return cd_err(
			    err, CD_EINVAL, "sessions",
			    _("The session cut-off \"%s\" is not a time of "
			      "day: hours go from 00 to 23 and minutes from 00 "
			      "to 59. Write it as HH:MM, e.g. 16:00."),
			    q);
		}
		if (n > 0 && cutoff[n] <= cutoff[n - 1])
			return cd_err(err, CD_EINVAL, "sessions",
				      _("The session cut-off \"%s\" is not "
					"later than the one before it. List "
					"the cut-off times earliest first, "
					"each once, e.g. \"11:30, 16:00\"."),
				      q);
		n++;
	}
	if (n == 0)
		return cd_err(err, CD_EINVAL, "sessions",
			      _("No session cut-off time is given. List at "
				"least one as HH:MM, e.g. \"11:30, 16:00\"."));
	cal->nsessions = n;
	for (i = 0; i < n; i++)
		cal->cutoff[i] = cutoff[i];
	return CD_OK;
}

/* Parse the holiday list, e.g. "2026-10-01, 2026-10-02". */
int calendar_parse_holidays(struct calendar *cal, const char *text,
			    struct cd_error *err)
{
	struct cd_date days[CALENDAR_MAX_HOLIDAYS];
	int n = 0, i;
	const char *p = text ? text : "", *tok;
	size_t len;
	char q[QUOTE_MAX + 4];

	while ((tok = next_token(&p, &len)) != NULL) {
		quote(q, tok, len);
		if (n == CALENDAR_MAX_HOLIDAYS)
			return cd_err(
			    err, CD_EINVAL, "holidays",
			    _("There are more than %d holidays. List at most "
			      "%d; leave out past years and days that fall on "
			      "a Saturday or Sunday."),
			    CALENDAR_MAX_HOLIDAYS, CALENDAR_MAX_HOLIDAYS);
		switch (parse_date(tok, len, &days[n])) {
		case TOKEN_OK:
			break;
		case TOKEN_MALFORMED:
			return cd_err(
			    err, CD_EINVAL, "holidays",
			    /* TRANSLATORS: keep YYYY-MM-DD as it is; it tells
			     * the form of a date. */
			    _("The holiday \"%s\" is not a date. Write each "
			      "holiday as YYYY-MM-DD, e.g. 2026-10-01."),
			    q);
		case TOKEN_RANGE:
			return cd_err(
			    err, CD_EINVAL, "holidays",
			    _("The holiday \"%s\" is not a day of the "
			      "calendar. Check the month and the day, and "
			      "write it as YYYY-MM-DD, e.g. 2026-10-01."),
			    q);
		}
		n++;
	}
	cal->nholidays = n;
	for (i = 0; i < n; i++)
		cal->holidays[i] = days[i];
	return CD_OK;
}

/* True when D is a weekday that is not a holiday. */
int calendar_is_business_day(const struct calendar *cal, struct cd_date d)
{
	int wd = cd_date_weekday(d), i, n = cal->nholidays;

	if (wd == 0 || wd == 6)
		return 0;
	if (n > CALENDAR_MAX_HOLIDAYS)
		n = CALENDAR_MAX_HOLIDAYS;
	for (i = 0; i < n; i++)
		if (cd_date_cmp(cal->holidays[i], d) == 0)
			return 0;
	return 1;
}

/* The business date and session for an item registered at D, MINUTE. */
void calendar_slot(const struct calendar *cal, struct cd_date d, int minute,
		   struct business_slot *out)
{
	int i, n = cal->nsessions;

	if (n > CALENDAR_MAX_SESSIONS)
		n = CALENDAR_MAX_SESSIONS;
	if (calendar_is_business_day(cal, d)) {
		for (i = 0; i < n; i++) {
			if (cal->cutoff[i] > minute) {
				out->date = d;
				out->session = i + 1;
				out->cutoff = cal->cutoff[i];
				return;
			}
		}
	}
	/* Ends: at most CALENDAR_MAX_HOLIDAYS weekdays can be holidays. */
	do
		d = cd_date_add_days(d, 1);
	while (!calendar_is_business_day(cal, d));
	out->date = d;
	out->session = 1;
	out->cutoff = cal->cutoff[0];
}

/* Days since 1970-01-01, counting years from March (leap day last). */
long cd_date_to_days(struct cd_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;		   /* year of era, 0..399 */
	long mp = (d.month + 9) % 12;		   /* March = 0 .. Feb = 11 */
	long doy = (153 * mp + 2) / 5 + d.day - 1; /* day of March year */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * DAYS_PER_400Y + doe - EPOCH_SHIFT;
}

/* The civil date DAYS after 1970-01-01: the inverse of cd_date_to_days. */
static struct cd_date date_from_days(long days)
{
	struct cd_date d;
	long z = days + EPOCH_SHIFT;
	long era = (z >= 0 ? z : z - (DAYS_PER_400Y - 1)) / DAYS_PER_400Y;
	long doe = z - era * DAYS_PER_400Y; /* day of era */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

/* D moved by DAYS days (negative to go back). */
struct cd_date cd_date_add_days(struct cd_date d, int days)
{
	return date_from_days(cd_date_to_days(d) + days);
}

/* The day of the week: 0 Sunday .. 6 Saturday. */
int cd_date_weekday(struct cd_date d)
{
	long w = (cd_date_to_days(d) + 4) % 7; /* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w);
}

/* True when D is a real date in the years 1 to 9999. */
int cd_date_valid(struct cd_date d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	int leap, max;

	if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 ||
	    d.day < 1)
		return 0;
	leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
	max = mdays[d.month - 1] + (d.month == 2 && leap);
	return d.day <= max;
}

/* Compare dates: negative, zero or positive as A is before, on or after B. */
int cd_date_cmp(struct cd_date a, struct cd_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Read exactly "YYYY-MM-DD"; 0 on success, CD_EINVAL otherwise. */
int cd_date_parse(const char *text, struct cd_date *out)
{
	if (text == NULL)
		return CD_EINVAL;
	return parse_date(text, strlen(text), out) == TOKEN_OK ? 0 : CD_EINVAL;
}

/* Write D as "YYYY-MM-DD" into BUF (11 bytes). */
char *cd_date_format(struct cd_date d, char *buf)
{
	snprintf(buf, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
	return buf;
}

/* Parse a date the user gave (YYYY-MM-DD) into BUF. */
int cd_date_parse_input(const char *text, char *buf, struct cd_error *err)
{
	struct cd_date d;

	if (cd_date_parse(text, &d) != 0)
		return cd_err(err, CD_EINVAL, "date",
			      _("\"%s\" is not a date; write it as "
				"YYYY-MM-DD, e.g. 2026-11-23."),
			      text);
	cd_date_format(d, buf);
	return CD_OK;
}
