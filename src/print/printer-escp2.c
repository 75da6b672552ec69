/* printer-escp2.c - the Epson ESC/P2 command set: positions in 1/360 inch
 * with ESC ( V and ESC $, rasters with ESC . in run-length compression. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "printer.h"

#define UNIT 360 /* positioning unit per inch, set with ESC ( U */

/* 1/100 mm to positioning units. */
static unsigned units(int hmm)
{
	return (unsigned)(((long long)hmm * UNIT + 1270) / 2540);
}

/* ESC ( X 2 0 nL nH: the two-byte-argument commands. */
static void paren16(struct job *j, char cmd, unsigned v)
{
	job_put(j, "\033(", 2);
	job_byte(j, (unsigned char)cmd);
	job_le16(j, 2);
	job_le16(j, v);
}

/* Move to X, Y: ESC ( V absolute vertical, ESC $ absolute horizontal. */
static void move(struct job *j, unsigned x, unsigned y)
{
	paren16(j, 'V', y);
	job_put(j, "\033$", 2);
	job_le16(j, x);
}

/* Compress one row as ESC/P2 mode 1 (runs of 2..128 equal bytes as
 * 257-n, n; literals of 1..128 bytes as n-1, bytes). */
static void rle_row(struct job *j, const unsigned char *row, size_t n)
{
	size_t i = 0, lit, run;

	while (i < n) {
		for (run = 1;
		     i + run < n && run < 128 && row[i + run] == row[i];)
			run++;
		if (run >= 2) {
			job_byte(j, (unsigned char)(257 - run));
			job_byte(j, row[i]);
			i += run;
			continue;
		}
		/* A literal stretch up to the next pair of equal bytes. */
		for (lit = 1; i + lit < n && lit < 128; lit++)
			if (i + lit + 1 < n && row[i + lit] == row[i + lit + 1])
				break;
		job_byte(j, (unsigned char)(lit - 1));
		job_put(j, row + i, lit);
		i += lit;
	}
}

/* This command set needs densities ESC . can express (3600/dpi whole)
 * and bands the head has. */
static const char *escp2_check(const struct profile *p)
{
	if (3600 % p->dpi_x != 0 || 3600 % p->dpi_y != 0 ||
	    UNIT % p->dpi_y != 0)
		return _("ESC/P2 resolutions must divide 360 dots per inch "
			 "down and 3600 across (e.g. 360x180, 180x180).");
	if (p->band != 1 && p->band != 8 && p->band != 24)
		return _("ESC/P2 raster bands are 1, 8 or 24 rows.");
	if (units(p->cheque.height) > 0xffff || units(p->label.height) > 0xffff)
		return _("the document is too long for ESC/P2 positioning.");
	return NULL;
}

/* ESC @, graphics mode, 1/360 unit, page length and margins. */
static void escp2_begin(struct job *j, const struct profile *p,
			const struct profile_layout *l)
{
	unsigned len = units(l->height);

	if (p->init.n)
		job_seq(j, &p->init);
	else
		job_put(j, "\033@", 2);
	job_put(j, "\033(G\001\000\001", 6); /* graphics mode */
	job_put(j, "\033(U\001\000", 5);     /* unit: */
	job_byte(j, 3600 / UNIT);	     /* 10/3600 inch */
	paren16(j, 'C', len);		     /* page length */
	job_put(j, "\033(c\004\000", 5);     /* page format: */
	job_le16(j, 0);			     /* top margin */
	job_le16(j, len);		     /* bottom margin */
	job_seq(j, &p->insert);
}

/* The raster in bands of p->band rows, each placed absolutely. */
static void escp2_raster(struct job *j, const struct profile *p, int x, int y,
			 const struct bitmap *bm)
{
	int r0, r;

	for (r0 = 0; r0 < bm->height; r0 += p->band) {
		move(j, units(x),
		     units(y) + (unsigned)(r0 * (UNIT / p->dpi_y)));
		job_put(j, "\033.\001", 3); /* ESC . 1: compressed */
		job_byte(j, (unsigned char)(3600 / p->dpi_y));
		job_byte(j, (unsigned char)(3600 / p->dpi_x));
		job_byte(j, (unsigned char)p->band);
		job_le16(j, (unsigned)bm->width);
		for (r = r0; r < r0 + p->band; r++) {
			static const unsigned char blank[256];
			size_t left = bm->stride;

			if (r < bm->height) {
				rle_row(j, bm->bits + (size_t)r * bm->stride,
					bm->stride);
				continue;
			}
			while (left > 0) { /* rows past the end: blank */
				size_t n =
				    left > sizeof blank ? sizeof blank : left;
				rle_row(j, blank, n);
				left -= n;
			}
		}
		job_byte(j, '\r');
	}
}

/* Text at X, Y. */
static void escp2_text(struct job *j, const struct profile *p, int x, int y,
		       const unsigned char *bytes, size_t n)
{
	(void)p;
	move(j, units(x), units(y));
	job_put(j, bytes, n);
	job_byte(j, '\r');
}

/* Eject, then reset. */
static void escp2_end(struct job *j, const struct profile *p)
{
	if (p->eject.n)
		job_seq(j, &p->eject);
	else
		job_byte(j, '\f');
	job_put(j, "\033@", 2);
}

const struct cmdset cmdset_escp2 = {
    .name = "escp2",
    .check = escp2_check,
    .begin = escp2_begin,
    .raster = escp2_raster,
    .text = escp2_text,
    .end = escp2_end,
};
