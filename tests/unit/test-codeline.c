/* test-codeline.c - unit tests for the MICR code line and its check code. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeline.h"

/* A reader line that must parse, with the serial and bank it holds. */
struct good_line {
	const char *line;
	const char *serial;
	const char *bank;
};

/* Reader lines codeline_parse_micr accepts with the default map. */
static const struct good_line good_lines[] = {
    {"⑈12345678⑈ ⑆0201⑆", "12345678", "0201"},
    {"⑈12345678⑈⑆0201⑆", "12345678", "0201"},
    {"⑈00000001⑈ ⑆1⑆", "00000001", "1"},
    {"⑈12345678⑈ ⑆123456789012⑆", "12345678", "123456789012"},
    {"U12345678U T0201T", "12345678", "0201"},
    {"U12345678U T0201T\r\n", "12345678", "0201"},
    {"U12345678U T0201T\n", "12345678", "0201"},
    {"u12345678u t0201t\r", "12345678", "0201"},
    {"  U 12345678 U\tT 0201 T  \r\n", "12345678", "0201"},
    {"⑈12345678U T0201⑆", "12345678", "0201"},
};

/* A reader line that must be refused and a piece of its message. */
struct bad_line {
	const char *line;
	const char *msg;
};

/* Reader lines codeline_parse_micr refuses with the default map. */
static const struct bad_line bad_lines[] = {
    {"", "is empty"},
    {"  \r\n", "is empty"},
    {"U1234567U T0201T", "is 7 digits long, but it must be 8"},
    {"U123456789U T0201T", "is 9 digits long, but it must be 8"},
    {"U1U T0201T", "is 1 digit long, but it must be 8"},
    {"U12345678 T0201T",
     "closing on-us symbol ⑈ after the serial number is missing; "
     "found the transit symbol 'T' at position 11"},
    {"⑈12345678", "closing on-us symbol ⑈ after the serial number is missing; "
		  "found the end of the line"},
    {"U12345678U 0201T", "transit symbol ⑆ before the bank number is missing; "
			 "found the digits 0201 at position 12"},
    {"U12345678U TT", "bank number is missing"},
    {"U12345678U T", "bank number is missing"},
    {"U12345678U T1234567890123T", "at most 12 digits"},
    {"U12345678U T0201",
     "closing transit symbol ⑆ after the bank number is missing; "
     "found the end of the line"},
    {"U12345678U T0201U", "found the on-us symbol 'U' at position 17"},
    {"U12345678U T0201⑇", "found the amount symbol '⑇' at position 17"},
    {"12345678U T0201T",
     "must start with the on-us symbol ⑈ before the serial number, "
     "but it starts with the digits 12345678 at position 1"},
    {"T12345678T U0201U", "must start with the on-us symbol"},
    {"UU T0201T", "serial number is missing"},
    {"U12345678U T02X1T", "unexpected character 'X' at position 15"},
    {"⑈12345678⑈ ⑆02X1⑆", "unexpected character 'X' at position 15"},
    {"U1234?678U T0201T", "could not recognise the character at "
			  "position 6"},
    {"U12345678U T0201T\x01", "unexpected character U+0001 at "
			      "position 18"},
    {"U12345678U T0201T\xff", "unexpected character 0xFF at "
			      "position 18"},
    {"U\xef\xbc\x91"
     "2345678U T0201T",
     "unexpected character '１' "
     "(U+FF11) at position 2"},
    {"U12345678U\r\nT0201T", "unexpected character U+000D at "
			     "position 11"},
    {"U12345678U T0201T U6222U", "goes on after the closing transit "
				 "symbol"},
};

/* codeline_parse_micr reads each good line with the default map. */
START_TEST(test_micr_good)
{
	struct micr_map map;
	struct codeline_pre pre;
	struct cd_error err;

	micr_map_default(&map);
	cd_err_clear(&err);
	ck_assert_msg(
	    codeline_parse_micr(good_lines[_i].line, &map, &pre, &err) == CD_OK,
	    "\"%s\" refused: %s", good_lines[_i].line, err.msg);
	ck_assert_str_eq(pre.serial, good_lines[_i].serial);
	ck_assert_str_eq(pre.bank, good_lines[_i].bank);
}
END_TEST

/* codeline_parse_micr refuses each bad line saying which part is wrong. */
START_TEST(test_micr_bad)
{
	struct micr_map map;
	struct codeline_pre pre;
	struct cd_error err;

	micr_map_default(&map);
	strcpy(pre.serial, "untouched");
	cd_err_clear(&err);
	ck_assert_int_eq(
	    codeline_parse_micr(bad_lines[_i].line, &map, &pre, &err),
	    CD_EINVAL);
	ck_assert_str_eq(err.field, "micr");
	ck_assert_msg(strstr(err.msg, bad_lines[_i].msg) != NULL,
		      "\"%s\": message \"%s\" lacks \"%s\"", bad_lines[_i].line,
		      err.msg, bad_lines[_i].msg);
	ck_assert_str_eq(pre.serial, "untouched");
}
END_TEST

/* A reader configured with other characters is read with its own map. */
START_TEST(test_micr_custom_map)
{
	struct micr_map map;
	struct codeline_pre pre;
	struct cd_error err;

	micr_map_default(&map);
	ck_assert_int_eq(micr_map_set(&map, E13B_AMOUNT, "$", &err), CD_OK);
	ck_assert_int_eq(micr_map_set(&map, E13B_TRANSIT, "A:", &err), CD_OK);
	ck_assert_int_eq(micr_map_set(&map, E13B_ON_US, "C", &err), CD_OK);
	ck_assert_int_eq(
	    codeline_parse_micr("C87654321C A0102:", &map, &pre, &err), CD_OK);
	ck_assert_str_eq(pre.serial, "87654321");
	ck_assert_str_eq(pre.bank, "0102");
	ck_assert_int_eq(
	    codeline_parse_micr("c87654321c a0102a", &map, &pre, &err), CD_OK);
	ck_assert_int_eq(
	    codeline_parse_micr("⑈87654321⑈⑆0102⑆", &map, &pre, &err), CD_OK);
	/* The old substitutes no longer count. */
	ck_assert_int_eq(
	    codeline_parse_micr("U87654321U T0102T", &map, &pre, &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "unexpected character 'U' at "
					      "position 1"));
	ck_assert_ptr_nonnull(strstr(err.msg, "micr.on_us"));
	/* A NULL map accepts only the Unicode symbols. */
	ck_assert_int_eq(
	    codeline_parse_micr("⑈87654321⑈⑆0102⑆", NULL, &pre, &err), CD_OK);
	ck_assert_int_eq(
	    codeline_parse_micr("U87654321U T0102T", NULL, &pre, &err),
	    CD_EINVAL);
}
END_TEST

/* micr_map_set refuses digits, blanks, clashes and overlong sets. */
START_TEST(test_micr_map_set)
{
	struct micr_map map, before;
	struct cd_error err;

	micr_map_default(&map);
	ck_assert_str_eq(map.sym[E13B_TRANSIT], "T");
	ck_assert_str_eq(map.sym[E13B_AMOUNT], "$A");
	ck_assert_str_eq(map.sym[E13B_ON_US], "U");
	ck_assert_str_eq(map.sym[E13B_DASH], "-");
	before = map;

	ck_assert_int_eq(micr_map_set(&map, E13B_TRANSIT, "T1", &err),
			 CD_EINVAL);
	ck_assert_str_eq(err.field, "micr.transit");
	ck_assert_ptr_nonnull(strstr(err.msg, "the digit '1'"));

	ck_assert_int_eq(micr_map_set(&map, E13B_DASH, "- ", &err), CD_EINVAL);
	ck_assert_str_eq(err.field, "micr.dash");
	ck_assert_ptr_nonnull(strstr(err.msg, "a blank"));

	ck_assert_int_eq(micr_map_set(&map, E13B_TRANSIT, "U", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "'U', which micr.on_us already "
					      "uses for the on-us symbol"));
	ck_assert_int_eq(micr_map_set(&map, E13B_TRANSIT, "a", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "micr.amount"));

	ck_assert_int_eq(micr_map_set(&map, E13B_ON_US, "BCDEFGHI", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "too many characters"));

	ck_assert_int_eq(micr_map_set(&map, E13B_ON_US, "\xe2\x91\x88", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a visible ASCII"));

	ck_assert_mem_eq(&map, &before, sizeof map);

	ck_assert_int_eq(micr_map_set(&map, E13B_ON_US, "UO", &err), CD_OK);
	ck_assert_str_eq(map.sym[E13B_ON_US], "UO");
	ck_assert_int_eq(micr_map_set(&map, E13B_ON_US, "", &err), CD_OK);
	ck_assert_str_eq(map.sym[E13B_ON_US], "");
	ck_assert_int_eq(micr_map_set(&map, E13B_DASH, "-=_~", &err), CD_OK);
}
END_TEST

/* codeline_looks_like_micr tells a reader line from a typed serial. */
START_TEST(test_looks_like_micr)
{
	struct micr_map map;

	micr_map_default(&map);
	ck_assert(!codeline_looks_like_micr("12345678", &map));
	ck_assert(!codeline_looks_like_micr("", &map));
	ck_assert(!codeline_looks_like_micr(NULL, &map));
	ck_assert(codeline_looks_like_micr("U12345678U T0201T", &map));
	ck_assert(codeline_looks_like_micr("u12345678", &map));
	ck_assert(codeline_looks_like_micr("⑈12345678⑈", &map));
	ck_assert(codeline_looks_like_micr("1234⑆", NULL));
	ck_assert(!codeline_looks_like_micr("U12345678", NULL));
}
END_TEST

/* The MOD 97-10 check code: known vectors and appending it validates. */
START_TEST(test_check_code)
{
	static const struct {
		const char *serial, *bank, *account, *type;
		int64_t fen;
	} v[] = {
	    {"12345678", "0201", "6222020200001234", "01", 123456},
	    {"00000001", "1", "1", "00", 1},
	    {"99999999", "999999999999", "99999999999999999999999999999999",
	     "99", INT64_C(999999999999)},
	    {"00000000", "", "", "00", 0},
	    {"87654321", "102", "4367420012345678901", "02", 5000000},
	};
	char code[3], all[128];
	size_t i;

	/* 794 -> 44: 79444 mod 97 == 1. Leading zeros change nothing. */
	codeline_check_code("00000000", "", "", "", 794, code);
	ck_assert_str_eq(code, "44");
	ck_assert(codeline_check_valid("79444"));
	ck_assert(!codeline_check_valid("79445"));
	ck_assert(!codeline_check_valid("97444"));
	/* The IBAN GB82 WEST 1234 5698 7654 32, rearranged. */
	ck_assert(codeline_check_valid("3214282912345698765432161182"));
	ck_assert(!codeline_check_valid("3214282912345698765432161128"));
	ck_assert(!codeline_check_valid(""));
	ck_assert(!codeline_check_valid("1"));
	ck_assert(!codeline_check_valid(NULL));
	ck_assert(!codeline_check_valid("7944a"));
	ck_assert(codeline_check_valid("01"));

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		codeline_check_code(v[i].serial, v[i].bank, v[i].account,
				    v[i].type, v[i].fen, code);
		ck_assert_uint_eq(strlen(code), 2);
		snprintf(all, sizeof all, "%s%s%s%s%012lld%s", v[i].serial,
			 v[i].bank, v[i].account, v[i].type,
			 (long long)v[i].fen, code);
		ck_assert_msg(codeline_check_valid(all), "%s not valid", all);
	}
	/* The worked example of docs/codeline.md. */
	codeline_check_code("12345678", "0201", "6222020200001234", "01",
			    123456, code);
	ck_assert_str_eq(code, "49");
}
END_TEST

/* Any single changed digit or swapped neighbours fail the check. */
START_TEST(test_check_detects_errors)
{
	char code[3], all[64], bad[64];
	size_t i, n;
	char d;

	codeline_check_code("12345678", "0201", "6222020200001234", "01",
			    123456, code);
	snprintf(all, sizeof all,
		 "1234567802016222020200001234"
		 "01000000123456%s",
		 code);
	ck_assert(codeline_check_valid(all));
	n = strlen(all);
	for (i = 0; i < n; i++) {
		for (d = '0'; d <= '9'; d++) {
			if (d == all[i])
				continue;
			strcpy(bad, all);
			bad[i] = d;
			ck_assert_msg(!codeline_check_valid(bad), "%s", bad);
		}
		if (i + 1 < n && all[i] != all[i + 1]) {
			strcpy(bad, all);
			bad[i] = all[i + 1];
			bad[i + 1] = all[i];
			ck_assert_msg(!codeline_check_valid(bad), "%s", bad);
		}
	}
}
END_TEST

/* The supplementary code line is laid out as the header says. */
START_TEST(test_format_supp)
{
	struct codeline_supp s = {
	    .account = "6222020200001234",
	    .type = "01",
	    .dc = 'D',
	    .check_code = "49",
	    .fen = 123456,
	    .phone = "13912345678",
	};
	char buf[CODELINE_LINE_MAX];

	ck_assert_str_eq(codeline_format_supp(&s, buf, sizeof buf),
			 "⑈6222020200001234⑈ 011⑉49 ⑇000000123456⑇ "
			 "⑉13912345678");
	s.phone = NULL;
	s.dc = 'C';
	ck_assert_str_eq(codeline_format_supp(&s, buf, sizeof buf),
			 "⑈6222020200001234⑈ 012⑉49 ⑇000000123456⑇");
	s.phone = "";
	ck_assert_str_eq(codeline_format_supp(&s, buf, sizeof buf),
			 "⑈6222020200001234⑈ 012⑉49 ⑇000000123456⑇");
	codeline_format_supp(&s, buf, 5);
	ck_assert_uint_eq(strlen(buf), 4);
}
END_TEST

/* codeline_check_digits accepts digit strings and explains refusals. */
START_TEST(test_check_digits)
{
	struct cd_error err;

	ck_assert_int_eq(codeline_check_digits("12345678", 8, 8, "serial",
					       "serial number", &err),
			 CD_OK);
	ck_assert_int_eq(
	    codeline_check_digits("", 0, 4, "phone", "phone", &err), CD_OK);
	ck_assert_int_eq(codeline_check_digits("1234567", 8, 8, "serial",
					       "serial number", &err),
			 CD_EINVAL);
	ck_assert_str_eq(err.field, "serial");
	ck_assert_str_eq(err.msg, "The serial number must be 8 digits; you "
				  "typed 7. Check it and type it again.");
	ck_assert_int_eq(codeline_check_digits("123", 5, 32, "account",
					       "account number", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "between 5 and 32 digits long; "
					      "you typed 3"));
	ck_assert_int_eq(
	    codeline_check_digits("", 8, 8, "serial", "serial number", &err),
	    CD_EINVAL);
	ck_assert_str_eq(err.msg, "The serial number is empty. Type its 8 "
				  "digits.");
	ck_assert_int_eq(
	    codeline_check_digits(NULL, 1, 12, "bank", "bank number", &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "1 to 12 digits"));
	ck_assert_int_eq(codeline_check_digits("1234A678", 8, 8, "serial",
					       "serial number", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "only the digits 0-9, but "
					      "position 5 holds 'A'"));
	ck_assert_int_eq(codeline_check_digits("6222 0202", 5, 32, "account",
					       "account number", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "a blank at position 5"));
	ck_assert_int_eq(
	    codeline_check_digits("１2", 1, 5, "type", "bill type", &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "position 1 holds some other "
					      "character (full-width"));
	ck_assert_int_eq(
	    codeline_check_digits("1１", 1, 5, "type", "bill type", &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "position 2"));
}
END_TEST

/* The suite of code line tests. */
static Suite *codeline_suite(void)
{
	Suite *s = suite_create("codeline");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_micr_good, 0,
			    sizeof good_lines / sizeof good_lines[0]);
	tcase_add_loop_test(tc, test_micr_bad, 0,
			    sizeof bad_lines / sizeof bad_lines[0]);
	tcase_add_test(tc, test_micr_custom_map);
	tcase_add_test(tc, test_micr_map_set);
	tcase_add_test(tc, test_looks_like_micr);
	tcase_add_test(tc, test_check_code);
	tcase_add_test(tc, test_check_detects_errors);
	tcase_add_test(tc, test_format_supp);
	tcase_add_test(tc, test_check_digits);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the code line suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(codeline_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
