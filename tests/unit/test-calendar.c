/* test-calendar.c - unit tests for business dates and exchange sessions. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

/* A date from its parts. */
static struct cd_date date(int y, int m, int d)
{
	struct cd_date r = {y, m, d};

	return r;
}

/* Minutes after midnight for H:M. */
static int hm(int h, int m)
{
	return h * 60 + m;
}

/* Assert that slot S is on Y-M-D in session N with cut-off CUTOFF. */
#define ck_slot(s, y, m, d, n, c)                                              \
	do {                                                                   \
		ck_assert_int_eq((s).date.year, (y));                          \
		ck_assert_int_eq((s).date.month, (m));                         \
		ck_assert_int_eq((s).date.day, (d));                           \
		ck_assert_int_eq((s).session, (n));                            \
		ck_assert_int_eq((s).cutoff, (c));                             \
	} while (0)

/* Known dates: days since 1970 and weekday. */
static const struct {
	struct cd_date d;
	long days;
	int weekday;
} known[] = {
    {{1970, 1, 1}, 0, 4},      {{1969, 12, 31}, -1, 3},
    {{2026, 6, 1}, 20605, 1},  {{2026, 10, 1}, 20727, 4},
    {{2024, 2, 29}, 19782, 4}, {{2000, 2, 29}, 11016, 2},
    {{1, 1, 1}, -719162, 1},   {{9999, 12, 31}, 2932896, 5},
};

/* cd_date_to_days and cd_date_weekday agree with known dates. */
START_TEST(test_known_dates)
{
	ck_assert_int_eq(cd_date_to_days(known[_i].d), known[_i].days);
	ck_assert_int_eq(cd_date_weekday(known[_i].d), known[_i].weekday);
	ck_assert_int_eq(
	    cd_date_cmp(cd_date_add_days(date(1970, 1, 1), (int)known[_i].days),
			known[_i].d),
	    0);
}
END_TEST

/* Walking every day from 0001-01-01 to 9999-12-31 one at a time agrees with
 * the arithmetic. (Plain comparisons: a ck_assert per day is slow.) */
START_TEST(test_every_day)
{
	struct cd_date d = date(1, 1, 1), next, back, hand;
	long days = cd_date_to_days(d);
	int wd = cd_date_weekday(d);
	char buf[11];

	while (d.year < 10000) {
		next = cd_date_add_days(d, 1);
		back = cd_date_add_days(next, -1);
		/* The next day by hand. */
		hand = d;
		hand.day++;
		if (!cd_date_valid(hand)) {
			hand.day = 1;
			if (++hand.month > 12) {
				hand.month = 1;
				hand.year++;
			}
		}
		if (!cd_date_valid(d) || cd_date_to_days(d) != days ||
		    cd_date_weekday(d) != wd || cd_date_cmp(next, d) != 1 ||
		    cd_date_cmp(d, next) != -1 || cd_date_cmp(back, d) != 0 ||
		    cd_date_cmp(next, hand) != 0)
			ck_abort_msg("wrong at %s", cd_date_format(d, buf));
		d = hand;
		days++;
		wd = (wd + 1) % 7;
	}
	ck_assert_int_eq(days, cd_date_to_days(date(10000, 1, 1)));
}
END_TEST

/* cd_date_valid knows month lengths and leap years. */
START_TEST(test_valid)
{
	ck_assert(cd_date_valid(date(2024, 2, 29)));
	ck_assert(!cd_date_valid(date(2026, 2, 29)));
	ck_assert(cd_date_valid(date(2000, 2, 29)));
	ck_assert(!cd_date_valid(date(1900, 2, 29)));
	ck_assert(!cd_date_valid(date(2026, 4, 31)));
	ck_assert(cd_date_valid(date(2026, 12, 31)));
	ck_assert(!cd_date_valid(date(2026, 13, 1)));
	ck_assert(!cd_date_valid(date(2026, 0, 1)));
	ck_assert(!cd_date_valid(date(2026, 1, 0)));
	ck_assert(!cd_date_valid(date(0, 1, 1)));
	ck_assert(!cd_date_valid(date(10000, 1, 1)));
}
END_TEST

/* cd_date_parse reads exactly YYYY-MM-DD; cd_date_format writes it. */
START_TEST(test_parse_format)
{
	struct cd_date d = {0, 0, 0};
	char buf[11];

	ck_assert_int_eq(cd_date_parse("2026-10-01", &d), 0);
	ck_assert_int_eq(cd_date_cmp(d, date(2026, 10, 1)), 0);
	ck_assert_str_eq(cd_date_format(d, buf), "2026-10-01");
	ck_assert_str_eq(cd_date_format(date(1, 2, 3), buf), "0001-02-03");
	ck_assert_int_ne(cd_date_parse("2026-1-01", &d), 0);
	ck_assert_int_ne(cd_date_parse("2026-10-01 ", &d), 0);
	ck_assert_int_ne(cd_date_parse(" 2026-10-01", &d), 0);
	ck_assert_int_ne(cd_date_parse("2026/10/01", &d), 0);
	ck_assert_int_ne(cd_date_parse("2026-02-30", &d), 0);
	ck_assert_int_ne(cd_date_parse("20261001", &d), 0);
	ck_assert_int_ne(cd_date_parse("", &d), 0);
	ck_assert_int_ne(cd_date_parse(NULL, &d), 0);
	ck_assert_int_ne(cd_date_parse("2026-10-0a", &d), 0);
	ck_assert_int_eq(cd_date_cmp(d, date(2026, 10, 1)), 0);
}
END_TEST

/* The default calendar has sessions at 11:30 and 16:00. */
START_TEST(test_default)
{
	struct calendar cal;

	calendar_default(&cal);
	ck_assert_int_eq(cal.nsessions, 2);
	ck_assert_int_eq(cal.cutoff[0], 690);
	ck_assert_int_eq(cal.cutoff[1], 960);
	ck_assert_int_eq(cal.nholidays, 0);
}
END_TEST

/* Items go to the right business date and session. */
START_TEST(test_slot)
{
	struct calendar cal;
	struct cd_error err;
	struct business_slot s;

	calendar_default(&cal);
	/* Monday 2026-06-01. */
	calendar_slot(&cal, date(2026, 6, 1), hm(9, 0), &s);
	ck_slot(s, 2026, 6, 1, 1, 690);
	calendar_slot(&cal, date(2026, 6, 1), 0, &s);
	ck_slot(s, 2026, 6, 1, 1, 690);
	calendar_slot(&cal, date(2026, 6, 1), hm(11, 29), &s);
	ck_slot(s, 2026, 6, 1, 1, 690);
	calendar_slot(&cal, date(2026, 6, 1), hm(11, 30), &s);
	ck_slot(s, 2026, 6, 1, 2, 960);
	calendar_slot(&cal, date(2026, 6, 1), hm(15, 59), &s);
	ck_slot(s, 2026, 6, 1, 2, 960);
	calendar_slot(&cal, date(2026, 6, 1), hm(16, 0), &s);
	ck_slot(s, 2026, 6, 2, 1, 690);
	calendar_slot(&cal, date(2026, 6, 1), hm(23, 59), &s);
	ck_slot(s, 2026, 6, 2, 1, 690);
	/* Friday after the last cut-off, Saturday, Sunday: next Monday. */
	calendar_slot(&cal, date(2026, 6, 5), hm(17, 0), &s);
	ck_slot(s, 2026, 6, 8, 1, 690);
	calendar_slot(&cal, date(2026, 6, 6), hm(9, 0), &s);
	ck_slot(s, 2026, 6, 8, 1, 690);
	calendar_slot(&cal, date(2026, 6, 7), 0, &s);
	ck_slot(s, 2026, 6, 8, 1, 690);
	/* Across a month and a year end. */
	calendar_slot(&cal, date(2026, 12, 31), hm(16, 30), &s);
	ck_slot(s, 2027, 1, 1, 1, 690);

	/* A holiday Monday: Tuesday. */
	ck_assert_int_eq(calendar_parse_holidays(&cal, "2026-06-01", &err),
			 CD_OK);
	ck_assert(!calendar_is_business_day(&cal, date(2026, 6, 1)));
	calendar_slot(&cal, date(2026, 6, 1), hm(9, 0), &s);
	ck_slot(s, 2026, 6, 2, 1, 690);
	calendar_slot(&cal, date(2026, 5, 29), hm(16, 0), &s);
	ck_slot(s, 2026, 6, 2, 1, 690);

	/* National Day week. */
	ck_assert_int_eq(calendar_parse_holidays(&cal,
						 "2026-10-01, "
						 "2026-10-02 2026-10-05,"
						 "2026-10-06,2026-10-07",
						 &err),
			 CD_OK);
	ck_assert_int_eq(cal.nholidays, 5);
	calendar_slot(&cal, date(2026, 9, 30), hm(16, 0), &s);
	ck_slot(s, 2026, 10, 8, 1, 690);
	calendar_slot(&cal, date(2026, 10, 3), hm(10, 0), &s);
	ck_slot(s, 2026, 10, 8, 1, 690);
	calendar_slot(&cal, date(2026, 10, 8), hm(10, 0), &s);
	ck_slot(s, 2026, 10, 8, 1, 690);
	ck_assert(calendar_is_business_day(&cal, date(2026, 9, 30)));
	ck_assert(!calendar_is_business_day(&cal, date(2026, 10, 4)));
}
END_TEST

/* One session, or many, change where items go. */
START_TEST(test_slot_sessions)
{
	struct calendar cal;
	struct cd_error err;
	struct business_slot s;

	calendar_default(&cal);
	ck_assert_int_eq(calendar_parse_sessions(&cal, "14:00", &err), CD_OK);
	calendar_slot(&cal, date(2026, 6, 1), hm(13, 59), &s);
	ck_slot(s, 2026, 6, 1, 1, 840);
	calendar_slot(&cal, date(2026, 6, 1), hm(14, 0), &s);
	ck_slot(s, 2026, 6, 2, 1, 840);

	ck_assert_int_eq(calendar_parse_sessions(&cal,
						 "9:00 10:00,11:00 , "
						 "12:00,13:00,14:00,15:00,"
						 "23:59",
						 &err),
			 CD_OK);
	ck_assert_int_eq(cal.nsessions, 8);
	calendar_slot(&cal, date(2026, 6, 1), hm(14, 30), &s);
	ck_slot(s, 2026, 6, 1, 7, 900);
	calendar_slot(&cal, date(2026, 6, 1), hm(23, 58), &s);
	ck_slot(s, 2026, 6, 1, 8, 1439);
	calendar_slot(&cal, date(2026, 6, 1), hm(23, 59), &s);
	ck_slot(s, 2026, 6, 2, 1, 540);
}
END_TEST

/* A session list that must be refused and a piece of its message. */
static const struct {
	const char *text;
	const char *msg;
} bad_sessions[] = {
    {"", "No session cut-off time is given"},
    {" , ", "No session cut-off time is given"},
    {"11.30", "\"11.30\" is not a time. Write each cut-off as HH:MM"},
    {"11:30, 4pm", "\"4pm\" is not a time"},
    {"1130", "\"1130\" is not a time"},
    {"11:3", "\"11:3\" is not a time"},
    {":30", "\":30\" is not a time"},
    {"111:30", "\"111:30\" is not a time"},
    {"24:00", "\"24:00\" is not a time of day"},
    {"11:60", "\"11:60\" is not a time of day"},
    {"16:00, 11:30", "\"11:30\" is not later than the one before it"},
    {"11:30 11:30", "\"11:30\" is not later"},
    {"1:00 2:00 3:00 4:00 5:00 6:00 7:00 8:00 9:00",
     "more than 8 session cut-off times"},
};

/* calendar_parse_sessions refuses bad lists and leaves CAL alone. */
START_TEST(test_sessions_bad)
{
	struct calendar cal;
	struct cd_error err;

	calendar_default(&cal);
	cd_err_clear(&err);
	ck_assert_int_eq(
	    calendar_parse_sessions(&cal, bad_sessions[_i].text, &err),
	    CD_EINVAL);
	ck_assert_str_eq(err.field, "sessions");
	ck_assert_msg(strstr(err.msg, bad_sessions[_i].msg) != NULL,
		      "\"%s\": message \"%s\" lacks \"%s\"",
		      bad_sessions[_i].text, err.msg, bad_sessions[_i].msg);
	ck_assert_int_eq(cal.nsessions, 2);
	ck_assert_int_eq(cal.cutoff[0], 690);
	ck_assert_int_eq(cal.cutoff[1], 960);
}
END_TEST

/* A holiday list that must be refused and a piece of its message. */
static const struct {
	const char *text;
	const char *msg;
} bad_holidays[] = {
    {"2026-10-1", "\"2026-10-1\" is not a date. Write each holiday as "
		  "YYYY-MM-DD"},
    {"2026-10-01, 10/02/2026", "\"10/02/2026\" is not a date"},
    {"2026-10-01;2026-10-02", "\"2026-10-01;2026-10-02\" is not a date"},
    {"2026-02-30", "\"2026-02-30\" is not a day of the calendar"},
    {"2026-13-01", "\"2026-13-01\" is not a day of the calendar"},
    {"0000-01-01", "is not a day of the calendar"},
    {"2026-10-01zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
     "\"2026-10-01zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...\" is not a date"},
};

/* calendar_parse_holidays refuses bad lists and leaves CAL alone. */
START_TEST(test_holidays_bad)
{
	struct calendar cal;
	struct cd_error err;

	calendar_default(&cal);
	ck_assert_int_eq(calendar_parse_holidays(&cal, "2026-05-01", &err),
			 CD_OK);
	cd_err_clear(&err);
	ck_assert_int_eq(
	    calendar_parse_holidays(&cal, bad_holidays[_i].text, &err),
	    CD_EINVAL);
	ck_assert_str_eq(err.field, "holidays");
	ck_assert_msg(strstr(err.msg, bad_holidays[_i].msg) != NULL,
		      "\"%s\": message \"%s\" lacks \"%s\"",
		      bad_holidays[_i].text, err.msg, bad_holidays[_i].msg);
	ck_assert_int_eq(cal.nholidays, 1);
	ck_assert_int_eq(cd_date_cmp(cal.holidays[0], date(2026, 5, 1)), 0);
}
END_TEST

/* Empty holiday lists are fine; more than CALENDAR_MAX_HOLIDAYS are not. */
START_TEST(test_holidays_count)
{
	struct calendar cal;
	struct cd_error err;
	char text[CALENDAR_MAX_HOLIDAYS * 12 + 16], buf[11];
	struct cd_date d = date(2026, 1, 1);
	int i;

	calendar_default(&cal);
	ck_assert_int_eq(calendar_parse_holidays(&cal, "", &err), CD_OK);
	ck_assert_int_eq(cal.nholidays, 0);
	ck_assert_int_eq(calendar_parse_holidays(&cal, NULL, &err), CD_OK);
	ck_assert_int_eq(calendar_parse_holidays(&cal, " ,\n", &err), CD_OK);

	text[0] = '\0';
	for (i = 0; i < CALENDAR_MAX_HOLIDAYS; i++) {
		strcat(text, cd_date_format(cd_date_add_days(d, i), buf));
		strcat(text, ",");
	}
	ck_assert_int_eq(calendar_parse_holidays(&cal, text, &err), CD_OK);
	ck_assert_int_eq(cal.nholidays, CALENDAR_MAX_HOLIDAYS);
	strcat(text, "2027-01-01");
	ck_assert_int_eq(calendar_parse_holidays(&cal, text, &err), CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "more than 128 holidays"));
}
END_TEST

/* The suite of calendar tests. */
static Suite *calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_known_dates, 0,
			    sizeof known / sizeof known[0]);
	tcase_add_test(tc, test_every_day);
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_parse_format);
	tcase_add_test(tc, test_default);
	tcase_add_test(tc, test_slot);
	tcase_add_test(tc, test_slot_sessions);
	tcase_add_loop_test(tc, test_sessions_bad, 0,
			    sizeof bad_sessions / sizeof bad_sessions[0]);
	tcase_add_loop_test(tc, test_holidays_bad, 0,
			    sizeof bad_holidays / sizeof bad_holidays[0]);
	tcase_add_test(tc, test_holidays_count);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the calendar suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(calendar_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
