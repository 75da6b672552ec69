/* test-model.c - unit tests for the model's stored names, the batch's
 * state machine (the one table of its moves) and growing arrays. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include <stdint.h>

#include "grow.h"
#include "model.h"

/* Every state's name reads back as that state; others are refused. */
START_TEST(test_state_names)
{
	enum batch_state s;
	int i;

	for (i = 0; i < BATCH_STATES; i++) {
		ck_assert_int_eq(
		    batch_state_parse(batch_state_name((enum batch_state)i), &s),
		    0);
		ck_assert_int_eq(s, i);
	}
	ck_assert_str_eq(batch_state_name(BATCH_UPLOADING), "uploading");
	ck_assert_int_eq(batch_state_parse("sent", &s), -1);
	ck_assert_int_eq(batch_state_parse("", &s), -1);
	ck_assert_str_eq(batch_state_name(BATCH_STATES), "unknown");
}
END_TEST

/* The moves a batch makes, and some it may never make. */
START_TEST(test_state_moves)
{
	/* close, upload, receipt, answers */
	ck_assert(batch_state_may(BATCH_CLOSED, BATCH_UPLOADING));
	ck_assert(batch_state_may(BATCH_UPLOADING, BATCH_RECEIVED));
	ck_assert(batch_state_may(BATCH_RECEIVED, BATCH_COMPLETE));
	/* refused, sent again or resent; the network failed */
	ck_assert(batch_state_may(BATCH_UPLOADING, BATCH_FAILED));
	ck_assert(batch_state_may(BATCH_FAILED, BATCH_UPLOADING));
	ck_assert(batch_state_may(BATCH_FAILED, BATCH_CLOSED));
	ck_assert(batch_state_may(BATCH_UPLOADING, BATCH_UPLOADING));
	/* what the centre has received is never sent or closed again */
	ck_assert(!batch_state_may(BATCH_RECEIVED, BATCH_CLOSED));
	ck_assert(!batch_state_may(BATCH_RECEIVED, BATCH_UPLOADING));
	ck_assert(!batch_state_may(BATCH_COMPLETE, BATCH_CLOSED));
	ck_assert(!batch_state_may(BATCH_COMPLETE, BATCH_FAILED));
	/* no receipt without sending, no answers for a file not sent */
	ck_assert(!batch_state_may(BATCH_CLOSED, BATCH_RECEIVED));
	ck_assert(!batch_state_may(BATCH_CLOSED, BATCH_COMPLETE));
	ck_assert(!batch_state_may(BATCH_CLOSED, BATCH_STATES));
	ck_assert(batch_state_to_send(BATCH_FAILED));
	ck_assert(!batch_state_to_send(BATCH_RECEIVED));
}
END_TEST

/* Role names go both ways. */
START_TEST(test_roles)
{
	ck_assert_int_eq(role_parse(role_name(ROLE_SUPERVISOR)),
			 ROLE_SUPERVISOR);
	ck_assert_int_eq(role_parse("root"), ROLE_NONE);
}
END_TEST

/* Arrays grow by doubling and keep what they held; a size that would
 * overflow is refused with the array untouched. */
START_TEST(test_grow)
{
	int *v = NULL, *before;
	size_t cap = 0, n;

	for (n = 0; n < 1000; n++) {
		ck_assert_int_eq(GROW_ONE(v, cap, n), 0);
		ck_assert_uint_ge(cap, n + 1);
		v[n] = (int)n;
	}
	ck_assert_uint_eq(cap, 1024);
	for (n = 0; n < 1000; n++)
		ck_assert_int_eq(v[n], (int)n);
	before = v;
	ck_assert_int_eq(grow(&v, &cap, SIZE_MAX / 2, sizeof *v), -1);
	ck_assert_ptr_eq(v, before);
	ck_assert_uint_eq(cap, 1024);
	ck_assert_int_eq(grow(&v, &cap, 10, sizeof *v), 0);
	ck_assert_ptr_eq(v, before);
	free(v);
}
END_TEST

/* The model suite. */
static Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_state_names);
	tcase_add_test(tc, test_state_moves);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_grow);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the model suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(model_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
