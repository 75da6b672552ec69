/* printer-pr2.c - the Olivetti PR2 command set: vertical position with
 * ESC / in 1/240 inch steps from the top edge, horizontal reference with
 * ESC | A in 1/120 inch, rasters as 24-pin bit images (ESC 1 ... ESC 2).
 * Numeric parameters go as ASCII decimal digits; see docs/printers.md. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "printer.h"

#define VSTEP 240 /* ESC / steps per inch */
#define HSTEP 120 /* ESC | A steps per inch */
#define PINS 24	  /* the head's raster band */

/* 1/100 mm to steps of 1/PER inch. */
static unsigned steps(int hmm, int per)
{
	return (unsigned)(((long long)hmm * per + 1270) / 2540);
}

/* Append V as exactly DIGITS ASCII digits. */
static void digits(struct job *j, unsigned v, int n)
{
	char buf[12];

	snprintf(buf, sizeof buf, "%0*u", n, v);
	job_put(j, buf, (size_t)n);
}

/* Vertical position V steps from the top, horizontal reference H. */
static void move(struct job *j, unsigned h, unsigned v)
{
	job_put(j, "\033/1", 3); /* ESC / 1: from the top margin */
	digits(j, v, 3);
	job_put(j, "\033|A", 3);
	digits(j, h, 3);
	job_byte(j, '\r');
}

/* What this command set cannot reach. */
static const char *pr2_check(const struct profile *p)
{
	if (p->band != PINS)
		return _("PR2 bit images are 24 rows high; set band = 24.");
	/* A bit image's width goes as four digits. */
	if (profile_dots(p->cheque.width, p->dpi_x) > 9999 ||
	    profile_dots(p->label.width, p->dpi_x) > 9999)
		return _("PR2 bit images are at most 9999 dots wide; lower the "
			 "resolution across.");
	if (steps(p->cheque.height, VSTEP) > 999 ||
	    steps(p->label.height, VSTEP) > 999 ||
	    steps(p->cheque.width, HSTEP) > 999 ||
	    steps(p->label.width, HSTEP) > 999)
		return _("PR2 positions reach 999 steps (105 mm down, 211 mm "
			 "across); the document is larger.");
	return NULL;
}

/* Reset, 24-pin graphics, document insertion. */
static void pr2_begin(struct job *j, const struct profile *p,
		      const struct profile_layout *l)
{
	(void)l;
	if (p->init.n)
		job_seq(j, &p->init);
	else
		job_put(j, "\0330", 2); /* ESC 0: general reset */
	job_put(j, "\033!G1", 4);	/* 24-pin bit images */
	job_seq(j, &p->insert);
}

/* The raster as bit images of 24 rows: each column three bytes, top pin
 * in the high bit of the first. */
static void pr2_raster(struct job *j, const struct profile *p, int x, int y,
		       const struct bitmap *bm)
{
	int r0, c, b, k;

	for (r0 = 0; r0 < bm->height; r0 += PINS) {
		move(j, steps(x, HSTEP),
		     steps(y, VSTEP) +
			 (unsigned)((r0 * VSTEP + p->dpi_y / 2) / p->dpi_y));
		job_put(j, "\0331B", 3); /* ESC 1 p: positive, m follows */
		digits(j, (unsigned)bm->width, 4);
		for (c = 0; c < bm->width; c++)
			for (b = 0; b < 3; b++) {
				unsigned char v = 0;

				for (k = 0; k < 8; k++)
					if (bitmap_get(bm, c, r0 + b * 8 + k))
						v |= 0x80 >> k;
				job_byte(j, v);
			}
		job_put(j, "\0332", 2); /* ESC 2: end of bit image */
		job_byte(j, '\r');
	}
}

/* Text at X, Y. */
static void pr2_text(struct job *j, const struct profile *p, int x, int y,
		     const unsigned char *bytes, size_t n)
{
	(void)p;
	move(j, steps(x, HSTEP), steps(y, VSTEP));
	job_put(j, bytes, n);
	job_byte(j, '\r');
}

/* Eject the document. */
static void pr2_end(struct job *j, const struct profile *p)
{
	if (p->eject.n)
		job_seq(j, &p->eject);
	else
		job_put(j, "\033O", 2);
}

const struct cmdset cmdset_pr2 = {
    .name = "pr2",
    .check = pr2_check,
    .begin = pr2_begin,
    .raster = pr2_raster,
    .text = pr2_text,
    .end = pr2_end,
};
