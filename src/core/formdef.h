/* formdef.h - screen layouts read from forms/NAME.form at run time. */
#ifndef CHEQUEDESK_FORMDEF_H
#define CHEQUEDESK_FORMDEF_H

#include "error.h"

#define FORMDEF_MAX_FIELDS 16

enum field_kind {
	FIELD_DIGITS,
	FIELD_AMOUNT,
	FIELD_TEXT,
	FIELD_CHOICE,
	FIELD_SECRET,
};

struct fielddef {
	char name[24];
	int row, col, width;
	enum field_kind kind;
	int required;
	int fixed;
	int masked; /* typed characters are not shown (a payment password) */
	char validator[24];
	char label[96]; /* untranslated; translate with _() when drawing */
	char help[192]; /* untranslated */
};

struct formdef {
	char path[256];
	char title[96]; /* untranslated */
	int nfields;
	struct fielddef field[FORMDEF_MAX_FIELDS];
};

/* Read DATADIR/forms/NAME.form. Errors name the file, the line and the
 * problem (CD_ECONFIG). */
CD_MUST_CHECK int formdef_load(const char *datadir, const char *name,
			       struct formdef *out, struct cd_error *err);

/* Parse a form from TEXT (for tests and fuzzing); PATH only names it. */
CD_MUST_CHECK int formdef_parse(const char *path, const char *text,
				struct formdef *out, struct cd_error *err);

/* The index of the field called NAME, or -1. */
int formdef_find(const struct formdef *f, const char *name);

#endif
