/* test-text.c - unit tests for escaping text shown on a terminal and for
 * refusing control and bidi characters in names. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A text, text_escape's flags, and what it must show. */
struct esc_case {
	const char *in;
	int flags;
	const char *out;
};

/* Texts and their escaped forms. */
static const struct esc_case cases[] = {
    {"plain 王主管 \\ text", 0, "plain 王主管 \\ text"},
    {"\033[2Jx", 0, "\\x1b[2Jx"},
    {"\033]0;t\007", 0, "\\x1b]0;t\\x07"},
    {"a\nb\tc\x7f", 0, "a\\x0ab\\x09c\\x7f"},
    {"a\nb\tc", TEXT_ESC_KEEP_NL | TEXT_ESC_KEEP_TAB, "a\nb\tc"},
    {"\xc2\x9b"
     "2J",
     0, "\\u009b2J"}, /* C1 CSI */
    {"ACME\xe2\x80\xae"
     "gpj",
     0, "ACME\\u202egpj"},				 /* RLO */
    {"\xe2\x81\xa6x\xe2\x81\xa9", 0, "\\u2066x\\u2069"}, /* isolates */
    {"\xe2\x80\x8f\xd8\x9c", 0, "\\u200f\\u061c"},	 /* RLM, ALM */
    {"bad\xff\xc3(", 0, "bad\\xff\\xc3("},		 /* not UTF-8 */
    {"\xed\xa0\x80", 0, "\\xed\\xa0\\x80"},		 /* a surrogate */
    {"\033\x7f\xe2\x80\xae\xff", TEXT_ESC_JSON, "\\u001b\\u007f\\u202e\\ufffd"},
};

/* Each case escapes as expected, and the length is returned. */
START_TEST(test_escape)
{
	const struct esc_case *c = &cases[_i];
	char buf[128];
	size_t n = text_escape(c->in, c->flags, buf, sizeof buf);

	ck_assert_str_eq(buf, c->out);
	ck_assert_uint_eq(n, strlen(c->out));
}
END_TEST

/* Escaping what is escaped changes nothing. */
START_TEST(test_idempotent)
{
	char once[128], twice[128];

	text_escape("\033[8m\xe2\x80\xae\xff", 0, once, sizeof once);
	text_escape(once, 0, twice, sizeof twice);
	ck_assert_str_eq(once, twice);
}
END_TEST

/* A small buffer is cut between escapes, never inside one or inside a
 * character, and the full length is still returned. */
START_TEST(test_cut)
{
	char buf[6];
	char *d;

	ck_assert_uint_eq(text_escape("ab\033c", 0, buf, sizeof buf), 7);
	ck_assert_str_eq(buf, "ab");
	ck_assert_uint_eq(text_escape("王主管", 0, buf, sizeof buf), 9);
	ck_assert_str_eq(buf, "王");
	d = text_escape_dup("x\033", 0);
	ck_assert_str_eq(d, "x\\x1b");
	free(d);
}
END_TEST

/* Names refuse control and bidi characters with a message. */
START_TEST(test_check)
{
	struct cd_error err;

	ck_assert_int_eq(text_check("李娜", 1, 10, 40, "name", "name", &err),
			 CD_OK);
	ck_assert_int_eq(
	    text_check("a\033[2J", 1, 10, 40, "name", "name", &err), CD_EINVAL);
	ck_assert_int_eq(
	    text_check("a\xc2\x9b", 1, 10, 40, "name", "name", &err),
	    CD_EINVAL);
	ck_assert_int_eq(text_check("Li\xe2\x80\xae"
				    "aN",
				    1, 10, 40, "name", "name", &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "U+202E"));
	ck_assert_str_eq(err.field, "name");
	ck_assert_int_eq(text_chars("Li\xe2\x80\xae"
				    "aN"),
			 5);
	ck_assert_int_eq(text_chars("a\033"), -1);
}
END_TEST

/* The text suite. */
static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_escape, 0, sizeof cases / sizeof cases[0]);
	tcase_add_test(tc, test_idempotent);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_check);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the text suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
