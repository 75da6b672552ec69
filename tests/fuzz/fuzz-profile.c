/* fuzz-profile.c - libFuzzer target for the printer profile parser, and
 * the command sets printing with what it parsed. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer.h"
#include "profile.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what)
{
	fprintf(stderr, "fuzz-profile: %s\n", what);
	abort();
}

/* A profile that parsed must be complete and fit its documents. */
static void check_profile(const struct profile *p)
{
	const struct profile_layout *ls[2] = {&p->cheque, &p->label};
	int i, t;

	if (p->cmds == NULL || p->name[0] == '\0' || p->dpi_x < 60 ||
	    p->dpi_y < 60)
		fail("a parsed profile lacks name, commands or resolution");
	for (i = 0; i < 2; i++) {
		if (ls[i]->ntext < 0 || ls[i]->ntext > PROFILE_TEXT_MAX)
			fail("a layout has a bad count of text lines");
		for (t = 0; t < ls[i]->ntext; t++)
			if (ls[i]->text[t].tmpl == NULL)
				fail("a text line has no template");
	}
}

/* Lay out both documents with the profile's command set: a small raster
 * at the code line and every text line, into a job that is then freed. */
static void drive(const struct profile *p, const uint8_t *data, size_t size)
{
	const struct profile_layout *ls[2] = {&p->cheque, &p->label};
	struct bitmap bm;
	struct cd_error err;
	struct job j = {0};
	int i, t, x, y;

	if (bitmap_init(&bm, 37, 30, &err) != CD_OK)
		fail("no room for a small bitmap");
	for (y = 0; y < bm.height; y++)
		for (x = 0; x < bm.width; x++)
			if (size > 0 &&
			    data[(size_t)(y * bm.width + x) % size] & 1)
				bitmap_set(&bm, x, y);
	for (i = 0; i < 2; i++) {
		p->cmds->begin(&j, p, ls[i]);
		p->cmds->raster(&j, p, ls[i]->code_x, ls[i]->code_y, &bm);
		for (t = 0; t < ls[i]->ntext; t++)
			p->cmds->text(
			    &j, p, ls[i]->text[t].x, ls[i]->text[t].y,
			    (const unsigned char *)ls[i]->text[t].tmpl,
			    strlen(ls[i]->text[t].tmpl));
		p->cmds->end(&j, p);
	}
	if (j.failed)
		fail("out of memory in a print job");
	job_free(&j);
	bitmap_free(&bm);
}

/* Parse the input as a profile file (no NUL needed). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile p;
	struct cd_error err;

	if (profile_parse(&p, (const char *)data, size, "fuzz.profile", &err) ==
	    CD_OK) {
		check_profile(&p);
		drive(&p, data, size);
		profile_free(&p);
	} else if (err.status != CD_ECONFIG || err.msg[0] == '\0') {
		fail("a refused profile has no message");
	}
	return 0;
}
