/* printer.h - printer command sets (ESC/P2, Olivetti PR2): how to position
 * the head, send a raster and send text, writing into a job buffer. */
#ifndef CHEQUEDESK_PRINTER_H
#define CHEQUEDESK_PRINTER_H

#include <stddef.h>

#include "bitmap.h"
#include "profile.h"

/* The bytes of one print job, grown as needed. */
struct job {
	unsigned char *data;
	size_t len, cap;
	int failed; /* out of memory at some point */
};

void job_put(struct job *j, const void *bytes, size_t n);
void job_byte(struct job *j, unsigned char b);
void job_le16(struct job *j, unsigned v); /* low byte first */
void job_seq(struct job *j, const struct profile_bytes *seq);
void job_free(struct job *j);

/* One command set. Positions are in 1/100 mm from the document's left and
 * top edges; each function moves there itself (absolute positioning), so
 * what the printer did before does not matter. */
struct cmdset {
	const char *name;
	/* What in profile P this command set cannot do (translated), or
	 * NULL when it can print it. */
	const char *(*check)(const struct profile *p);
	/* Reset, page set-up, paper handling before anything is printed. */
	void (*begin)(struct job *j, const struct profile *p,
		      const struct profile_layout *l);
	/* The raster BM with its top left corner at X, Y. */
	void (*raster)(struct job *j, const struct profile *p, int x, int y,
		       const struct bitmap *bm);
	/* Text already in the printer's encoding (with its Chinese mode
	 * switches) starting at X, Y. */
	void (*text)(struct job *j, const struct profile *p, int x, int y,
		     const unsigned char *bytes, size_t n);
	/* Eject and reset. */
	void (*end)(struct job *j, const struct profile *p);
};

extern const struct cmdset cmdset_escp2;
extern const struct cmdset cmdset_pr2;

/* The command set called NAME, or NULL. */
const struct cmdset *cmdset_find(const char *name);

#endif
