/* profile.h - printer profiles (printers/NAME.profile): a passbook printer's
 * command set, resolution, paper handling, text encoding and where things go
 * on a cheque and on a bag label. See docs/printers.md. */
#ifndef CHEQUEDESK_PROFILE_H
#define CHEQUEDESK_PROFILE_H

#include <stddef.h>

#include "error.h"

#define PROFILE_BYTES_MAX 32 /* longest control sequence in a profile */
#define PROFILE_TEXT_MAX 16  /* text lines per layout */

struct cmdset;

/* A control sequence written in the profile as ESC "(" 0x1b 27 ... */
struct profile_bytes {
	unsigned char b[PROFILE_BYTES_MAX];
	size_t n;
};

/* One readable line: where it starts and what it says ({placeholders}). */
struct profile_text {
	int x, y; /* hundredths of a millimetre from the left and top edges */
	char *tmpl;
};

/* Where things go on one kind of document. */
struct profile_layout {
	int width, height;	    /* the document, 1/100 mm */
	int code_x, code_y;	    /* top left of the E13B line, 1/100 mm */
	int has_size, has_codeline; /* set while parsing */
	struct profile_text text[PROFILE_TEXT_MAX];
	int ntext;
};

struct profile {
	char id[64];	/* file name without .profile */
	char path[512]; /* where it was read from */
	char name[96];	/* "Epson PLQ-20 (ESC/P2)" */
	char match[96]; /* matched against CUPS make-and-model */
	const struct cmdset *cmds;
	int dpi_x, dpi_y;  /* raster resolution */
	int band;	   /* raster rows per head pass */
	char encoding[32]; /* iconv name for text, e.g. GB18030 */
	int char_width;	   /* half-width character pitch, 1/100 mm */
	int line_height;   /* text line height, 1/100 mm */
	struct profile_bytes init, insert, eject, chinese_on, chinese_off;
	struct profile_layout cheque, label;
};

/* Parse a profile from TEXT (LEN bytes; no NUL needed). NAME is used in
 * messages ("NAME, line N: problem"). */
CD_MUST_CHECK int profile_parse(struct profile *p, const char *text, size_t len,
				const char *name, struct cd_error *err);

/* Read and parse the file PATH; the id is its base name. */
CD_MUST_CHECK int profile_load(struct profile *p, const char *path,
			       struct cd_error *err);

/* Find profile ID in DIRS (NULL-terminated, searched in order) and load
 * it. CD_ENOTFOUND names the folders searched. */
CD_MUST_CHECK int profile_find(struct profile *p, const char *id,
			       const char *const *dirs, struct cd_error *err);

/* Load every *.profile in DIRS (earlier folders win on equal ids). The
 * caller frees the array with profile_free_all. Broken files are skipped
 * and the first problem is left in ERR with status CD_ECONFIG while
 * CD_OK is returned. */
int profile_load_all(const char *const *dirs, struct profile **out, int *n,
		     struct cd_error *err);

void profile_free(struct profile *p);
void profile_free_all(struct profile *all, int n);

/* The placeholders a layout's text may use, NULL-terminated. */
extern const char *const profile_vars[];

/* 1/100 mm to dots at DPI, rounded to nearest. */
int profile_dots(int hmm, int dpi);

#endif
