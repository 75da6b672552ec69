/* fuzz-batch.c - libFuzzer target for the batch file reader, with the
 * round trip: what was read writes out and reads back to the same bytes. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchfile.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz-batch: %s: %s\n", what, msg);
	abort();
}

/* Write B, read it back and write again: both writes give equal bytes. */
static void round_trip(const struct batch *b)
{
	struct batch again;
	struct cd_error err;
	char *first, *second;
	size_t n1 = 0, n2 = 0;

	first = batch_write(b, &n1, &err);
	if (first == NULL)
		fail("a batch that was read does not write", err.msg);
	if (batch_read(first, n1, &again, &err) != CD_OK)
		fail("a written batch does not read back", err.msg);
	if (again.nitems != b->nitems || again.nbags != b->nbags)
		fail("the batch read back has other items or bags", first);
	second = batch_write(&again, &n2, &err);
	if (second == NULL)
		fail("a batch read back does not write", err.msg);
	if (n1 != n2 || memcmp(first, second, n1) != 0)
		fail("writing twice gives other bytes", first);
	batch_free(&again);
	free(second);
	free(first);
}

/* Read the input as a batch file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct batch b;
	struct cd_error err;
	int rc;

	rc = batch_read((const char *)data, size, &b, &err);
	if (rc == CD_OK) {
		round_trip(&b);
		batch_free(&b);
	} else if (err.msg[0] == '\0') {
		fail("a refused batch file has no message", "");
	}
	/* Without an error record (allowed): the same verdict. */
	if (batch_read((const char *)data, size, &b, NULL) != rc)
		fail("reading without an error record gives another status",
		     err.msg);
	batch_free(&b);
	return 0;
}
