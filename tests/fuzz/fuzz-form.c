/* fuzz-form.c - libFuzzer target for the screen form parser. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formdef.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what)
{
	fprintf(stderr, "fuzz-form: %s\n", what);
	abort();
}

/* A form that parsed has named fields that fit an 80x24 screen. */
static void check_form(const struct formdef *f)
{
	int i;

	if (f->nfields < 1 || f->nfields > FORMDEF_MAX_FIELDS)
		fail("a parsed form has a bad field count");
	for (i = 0; i < f->nfields; i++) {
		if (formdef_find(f, f->field[i].name) != i)
			fail("a field is not found under its own name");
		if (f->field[i].width < 1 ||
		    f->field[i].col + f->field[i].width > 80)
			fail("a field does not fit the screen");
	}
}

/* Parse the input as a form file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct formdef *f;
	struct cd_error err;
	char *text;

	text = malloc(size + 1);
	f = malloc(sizeof *f);
	if (text == NULL || f == NULL) {
		free(text);
		free(f);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	if (formdef_parse("fuzz.form", text, f, &err) == CD_OK)
		check_form(f);
	else if (err.status != CD_ECONFIG || err.msg[0] == '\0')
		fail("a refused form has no message");
	free(f);
	free(text);
	return 0;
}
