/* fuzz-notice.c - libFuzzer target for the centre's notices: a whole page
 * (notice_page_read) and one notice object (notice_from_json), each notice
 * read going back to JSON and reading back the same. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz-notice: %s: %s\n", what, msg);
	abort();
}

/* N to JSON and back must give N again, member by member. */
static void round_trip(const struct notice *n)
{
	struct notice back;
	struct cd_error err;
	cJSON *o = notice_to_json(n);

	if (o == NULL)
		fail("a notice that was read does not go to JSON", n->batch_id);
	if (notice_from_json(o, "again", &back, &err) != CD_OK)
		fail("a notice does not read back", err.msg);
	if (back.seq != n->seq || back.ref != n->ref ||
	    back.amount_fen != n->amount_fen || back.kind != n->kind ||
	    back.acknowledged != n->acknowledged ||
	    strcmp(back.batch_id, n->batch_id) != 0 ||
	    strcmp(back.serial, n->serial) != 0 ||
	    strcmp(back.bank, n->bank) != 0 ||
	    strcmp(back.reason_code, n->reason_code) != 0 ||
	    strcmp(back.reason, n->reason) != 0 || strcmp(back.at, n->at) != 0)
		fail("a notice reads back different", n->batch_id);
	cJSON_Delete(o);
}

/* The input as one notice object, when it is JSON at all. */
static void one_notice(const uint8_t *data, size_t size)
{
	struct notice n;
	struct cd_error err;
	cJSON *root = cJSON_ParseWithLength((const char *)data, size);

	if (root == NULL)
		return;
	if (notice_from_json(root, "notice", &n, &err) == CD_OK)
		round_trip(&n);
	else if (err.msg[0] == '\0')
		fail("a refused notice has no message", "");
	cJSON_Delete(root);
}

/* Read the input as a notices answer, then as a single notice. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct notice_page page;
	struct cd_error err;
	size_t i;
	int rc;

	/* Without an error record (allowed): the same verdict. */
	rc = notice_page_read((const char *)data, size, &page, NULL);
	notice_page_free(&page);
	if (notice_page_read((const char *)data, size, &page, &err) != rc)
		fail("reading without an error record gives another status",
		     err.msg);
	if (rc == CD_OK) {
		for (i = 0; i < page.n; i++)
			round_trip(&page.v[i]);
		if (page.n > 0 && page.last_seq != page.v[page.n - 1].seq)
			fail("last_seq is not the last notice's", "");
		notice_page_free(&page);
	} else if (err.msg[0] == '\0') {
		fail("a refused notices answer has no message", "");
	}
	one_notice(data, size);
	return 0;
}
