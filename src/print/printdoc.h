/* printdoc.h - one printed document (a cheque's code line or a bag label)
 * laid out by a profile: its raster, its text lines, the printer bytes and
 * the PNG preview. */
#ifndef CHEQUEDESK_PRINTDOC_H
#define CHEQUEDESK_PRINTDOC_H

#include "bitmap.h"
#include "codeline.h"
#include "e13b.h"
#include "printer.h"
#include "profile.h"

/* A value for a {placeholder} in the profile's text lines. */
struct printvar {
	const char *name;
	char value[200];
};

struct printdoc {
	const struct profile *profile;
	const struct profile_layout *layout;
	char codeline[CODELINE_LINE_MAX]; /* UTF-8 E13B */
	struct bitmap raster;		  /* the code line at the profile dpi */
	char *text[PROFILE_TEXT_MAX];	  /* expanded text lines, UTF-8 */
	int ntext;
};

enum printdoc_kind { PRINTDOC_CHEQUE, PRINTDOC_LABEL };

/* Lay out a document of KIND: rasterise CODELINE with FONT at the
 * profile's resolution and fill the text lines from VARS. */
CD_MUST_CHECK int printdoc_make(struct printdoc *d, const struct profile *p,
				enum printdoc_kind kind,
				const struct e13b_font *font,
				const char *codeline,
				const struct printvar *vars, int nvars,
				struct cd_error *err);

/* The printer bytes for D, appended to J. Text goes in the profile's
 * encoding; a line that cannot be encoded is an error. */
CD_MUST_CHECK int printdoc_encode(const struct printdoc *d, struct job *j,
				  struct cd_error *err);

/* Write a PNG of the document at true scale: the raster exactly as sent,
 * the text lines as shaded boxes of their printed size, the edge grey. A
 * file at PATH is replaced only with FORCE, a symbolic link never. */
CD_MUST_CHECK int printdoc_preview(const struct printdoc *d, const char *path,
				   int force, struct cd_error *err);

void printdoc_free(struct printdoc *d);

/* Expand {name} in TMPL from VARS into OUT. */
void printdoc_expand(const char *tmpl, const struct printvar *vars, int nvars,
		     char *out, size_t len);

#endif
