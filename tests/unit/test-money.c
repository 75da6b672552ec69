/* test-money.c - unit tests for amounts: parsing, figures and capitals. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* A typed amount and the fen it must give. */
struct good_case {
	const char *text;
	int64_t fen;
};

/* Amounts money_parse must accept. */
static const struct good_case good[] = {
    {"1234.56", 123456},
    {"1,234.56", 123456},
    {"1234", 123400},
    {"1234.5", 123450},
    {"0.01", 1},
    {"  1234.56", 123456},
    {"1234.56 \t", 123456},
    {"\t 1,234.56  ", 123456},
    {"1,234,567.8", 123456780},
    {"999", 99900},
    {"1,000", 100000},
    {"12,345", 1234500},
    {"123,456", 12345600},
    {"0.5", 50},
    {"00012.30", 1230},
    {"9999999999.99", INT64_C(999999999999)},
    {"9,999,999,999.99", INT64_C(999999999999)},
    {"0000000000000000000001.00", 100},
};

/* A typed amount money_parse must refuse and a piece of its message. */
struct bad_case {
	const char *text;
	const char *msg;
};

/* Amounts money_parse must refuse, each with a distinct message. */
static const struct bad_case bad[] = {
    {"", "is empty"},
    {"   ", "is empty"},
    {"-5", "is negative"},
    {"(5)", "is negative"},
    {" -1,234.56 ", "is negative"},
    {"0", "is zero"},
    {"0.00", "is zero"},
    {"0,000.0", "commas in the wrong places"},
    {"000", "is zero"},
    {"1234.567", "more than two decimal places"},
    {"0.001", "more than two decimal places"},
    {"1e5", "exponent"},
    {"1.5E+3", "exponent"},
    {"2e-2", "exponent"},
    {"12a", "the letter 'a'"},
    {"abc", "the letter 'a'"},
    {"1e", "the letter 'e'"},
    {"+5", "contains '+'"},
    {"(5", "contains '('"},
    {"12#4", "contains '#'"},
    {"1 234.56", "contains a blank"},
    {"12\x01"
     "3",
     "control character"},
    {"\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93", "not a plain ASCII digit"},
    {"\xc2\xa5"
     "100",
     "not a plain ASCII digit"},
    {"100\xe5\x85\x83", "not a plain ASCII digit"},
    {"12,34.5", "commas in the wrong places"},
    {"1,2345", "commas in the wrong places"},
    {",123", "commas in the wrong places"},
    {"123,", "commas in the wrong places"},
    {"1,,234", "commas in the wrong places"},
    {"1234,567", "commas in the wrong places"},
    {"0,123", "commas in the wrong places"},
    {"1.234,56", "comma after the decimal point"},
    {"1.2.3", "more than one decimal point"},
    {".5", "no digits before the decimal point"},
    {"12.", "ends with a decimal point"},
    {"10000000000", "too large"},
    {"10,000,000,000.00", "too large"},
    {"99999999999999999999999999999999999999999", "too large"},
    {"123456789012345678901234567890.5", "too large"},
};

/* The capitals table: fen and the expected capital amount. */
static const struct {
	int64_t fen;
	const char *cap;
} capitals[] = {
    {123456, "壹仟贰佰叁拾肆元伍角陆分"},
    {123400, "壹仟贰佰叁拾肆元整"},
    {1050, "壹拾元伍角整"},
    {56, "伍角陆分"},
    {6, "陆分"},
    {50, "伍角整"},
    {10006, "壹佰元零陆分"},
    {1000100, "壹万零壹元整"},
    {INT64_C(10000000100), "壹亿零壹元整"},
    {INT64_C(10000000000), "壹亿元整"},
    {100000005, "壹佰万元零伍分"},
    {101000, "壹仟零壹拾元整"},
    {INT64_C(999999999999), "玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
    {100, "壹元整"},
    {1000, "壹拾元整"},
    {1500, "壹拾伍元整"},
    {168032, "壹仟陆佰捌拾元叁角贰分"},
    {0, "零元整"},
    {10100, "壹佰零壹元整"},
    {100100, "壹仟零壹元整"},
    {1001000, "壹万零壹拾元整"},
    {10000000, "壹拾万元整"},
    {10010000, "壹拾万零壹佰元整"},
    {100100000, "壹佰万壹仟元整"},
    {110000000, "壹佰壹拾万元整"},
    {INT64_C(100010000000), "壹拾亿零壹拾万元整"},
    {INT64_C(100100000000), "壹拾亿零壹佰万元整"},
    {INT64_C(100000010000), "壹拾亿零壹佰元整"},
    {INT64_C(12345678900), "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"},
    {10203, "壹佰零贰元零叁分"},
    {2000020, "贰万元贰角整"},
};

/* money_parse accepts each good amount and gives its fen. */
START_TEST(test_parse_good)
{
	struct cd_error err;
	int64_t fen = -1;

	cd_err_clear(&err);
	ck_assert_msg(money_parse(good[_i].text, &fen, &err) == CD_OK,
		      "\"%s\" refused: %s", good[_i].text, err.msg);
	ck_assert_int_eq(fen, good[_i].fen);
	ck_assert_int_eq(err.status, CD_OK);
}
END_TEST

/* money_parse refuses each bad amount with its own message. */
START_TEST(test_parse_bad)
{
	struct cd_error err;
	int64_t fen = 42;

	cd_err_clear(&err);
	ck_assert_int_eq(money_parse(bad[_i].text, &fen, &err), CD_EINVAL);
	ck_assert_int_eq(err.status, CD_EINVAL);
	ck_assert_str_eq(err.field, "amount");
	ck_assert_msg(strstr(err.msg, bad[_i].msg) != NULL,
		      "\"%s\": message \"%s\" lacks \"%s\"", bad[_i].text,
		      err.msg, bad[_i].msg);
	ck_assert_int_eq(fen, 42);
}
END_TEST

/* Messages quote what was typed and say what to type instead. */
START_TEST(test_parse_messages)
{
	struct cd_error err;
	int64_t fen;

	ck_assert_int_eq(money_parse("1234.567", &fen, &err), CD_EINVAL);
	ck_assert_str_eq(err.msg, "The amount \"1234.567\" has more than two "
				  "decimal places. Enter yuan with at most two "
				  "decimals, e.g. 1234.56.");
	ck_assert_int_eq(money_parse("12345678901", &fen, &err), CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "9,999,999,999.99"));
	ck_assert_int_eq(money_parse("\xef\xbc\x91", &fen, &err), CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "full-width"));
	ck_assert_int_eq(money_parse(NULL, &fen, &err), CD_EINVAL);
	ck_assert_int_eq(err.status, CD_EINVAL);
	/* A NULL error record is allowed. */
	ck_assert_int_eq(money_parse("x", &fen, NULL), CD_EINVAL);
	ck_assert_int_eq(money_parse("1", &fen, NULL), CD_OK);
}
END_TEST

/* A very long input is quoted shortened, on a character boundary. */
START_TEST(test_parse_long_quote)
{
	struct cd_error err;
	char text[301];
	int64_t fen;
	int i;

	for (i = 0; i < 100; i++)
		memcpy(text + 3 * i, "\xe5\x85\x83", 3);
	text[300] = '\0';
	ck_assert_int_eq(money_parse(text, &fen, &err), CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "...\""));
	ck_assert_ptr_null(strstr(err.msg, "\xe5\x85\"")); /* no cut char */
}
END_TEST

/* money_format writes separators and two decimals. */
START_TEST(test_format)
{
	char buf[MONEY_FIGURES_LEN];

	ck_assert_str_eq(money_format(123456, buf, sizeof buf), "1,234.56");
	ck_assert_str_eq(money_format(5, buf, sizeof buf), "0.05");
	ck_assert_str_eq(money_format(0, buf, sizeof buf), "0.00");
	ck_assert_str_eq(money_format(100000, buf, sizeof buf), "1,000.00");
	ck_assert_str_eq(money_format(99999, buf, sizeof buf), "999.99");
	ck_assert_str_eq(money_format(MONEY_MAX_FEN, buf, sizeof buf),
			 "9,999,999,999.99");
	ck_assert_str_eq(money_format(-123456, buf, sizeof buf), "-1,234.56");
	ck_assert_str_eq(money_format(INT64_MAX, buf, sizeof buf),
			 "92,233,720,368,547,758.07");
	ck_assert_str_eq(money_format(INT64_MIN, buf, sizeof buf),
			 "-92,233,720,368,547,758.08");
	ck_assert_str_eq(money_format(123456, buf, 5), "1,23");
}
END_TEST

/* money_format_plain writes the form money_parse reads back. */
START_TEST(test_format_plain)
{
	char buf[MONEY_FIGURES_LEN];

	ck_assert_str_eq(money_format_plain(123456, buf, sizeof buf),
			 "1234.56");
	ck_assert_str_eq(money_format_plain(5, buf, sizeof buf), "0.05");
	ck_assert_str_eq(money_format_plain(MONEY_MAX_FEN, buf, sizeof buf),
			 "9999999999.99");
}
END_TEST

/* Formatting then parsing gives back the same fen. */
START_TEST(test_round_trip)
{
	static const int64_t fens[] = {
	    1,
	    9,
	    10,
	    99,
	    100,
	    101,
	    999,
	    1000,
	    123456,
	    100000,
	    99999999,
	    100000000,
	    123456789012,
	    MONEY_MAX_FEN,
	};
	char buf[MONEY_FIGURES_LEN];
	struct cd_error err;
	int64_t back;
	size_t i;

	for (i = 0; i < sizeof fens / sizeof fens[0]; i++) {
		back = 0;
		ck_assert_int_eq(
		    money_parse(money_format(fens[i], buf, sizeof buf), &back,
				&err),
		    CD_OK);
		ck_assert_int_eq(back, fens[i]);
		back = 0;
		ck_assert_int_eq(
		    money_parse(money_format_plain(fens[i], buf, sizeof buf),
				&back, &err),
		    CD_OK);
		ck_assert_int_eq(back, fens[i]);
	}
}
END_TEST

/* Each amount in the capitals table is written as expected. */
START_TEST(test_capitals)
{
	char buf[MONEY_CAPITALS_LEN];

	ck_assert_str_eq(
	    money_format_capitals(capitals[_i].fen, buf, sizeof buf),
	    capitals[_i].cap);
}
END_TEST

/* Capitals never overrun a short buffer and cut only between characters. */
START_TEST(test_capitals_short)
{
	char buf[MONEY_CAPITALS_LEN];
	char small[10];

	money_format_capitals(123456, small, sizeof small);
	ck_assert_str_eq(small, "壹仟贰");
	ck_assert_str_eq(money_format_capitals(123456, buf, 0), buf);
	/* The largest int64 still fits MONEY_CAPITALS_LEN. */
	money_format_capitals(INT64_MAX, buf, sizeof buf);
	ck_assert_str_eq(buf, "玖亿亿贰仟贰佰叁拾叁万亿柒仟贰佰零叁亿陆仟捌佰伍"
			      "拾肆万柒仟柒佰伍拾捌元零柒分");
	money_format_capitals(-100, buf, sizeof buf);
	ck_assert_str_eq(buf, "负壹元整");
}
END_TEST

/* The suite of money tests. */
static Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_parse_good, 0,
			    sizeof good / sizeof good[0]);
	tcase_add_loop_test(tc, test_parse_bad, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, test_parse_messages);
	tcase_add_test(tc, test_parse_long_quote);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_plain);
	tcase_add_test(tc, test_round_trip);
	tcase_add_loop_test(tc, test_capitals, 0,
			    sizeof capitals / sizeof capitals[0]);
	tcase_add_test(tc, test_capitals_short);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the money suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(money_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
