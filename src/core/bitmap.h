/* bitmap.h - 1-bit images (1 = ink) for printing the code line. */
#ifndef CHEQUEDESK_BITMAP_H
#define CHEQUEDESK_BITMAP_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* One bit per pixel, rows of STRIDE = (WIDTH + 7) / 8 bytes, top row first;
 * the most significant bit of a byte is its leftmost pixel, 1 is ink. The
 * padding bits at the end of each row are always 0. */
struct bitmap {
	int width, height;
	size_t stride;
	unsigned char *bits;
};

/* Allocate a blank WIDTH x HEIGHT bitmap. A size below 1 or absurdly large,
 * or running out of memory, gives CD_EFAIL with a message; BM is then empty
 * (safe to pass to bitmap_free). */
CD_MUST_CHECK int bitmap_init(struct bitmap *bm, int width, int height,
			      struct cd_error *err);

/* Release BM's pixels and leave it empty; BM may be empty already. */
void bitmap_free(struct bitmap *bm);

/* The pixel at X, Y: 1 ink, 0 blank; 0 outside the bitmap. */
int bitmap_get(const struct bitmap *bm, int x, int y);

/* Ink the pixel at X, Y; ignored outside the bitmap. */
void bitmap_set(struct bitmap *bm, int x, int y);

/* Ink the half-open rectangle [X0, X1) x [Y0, Y1), clipped to the bitmap. */
void bitmap_fill(struct bitmap *bm, int x0, int y0, int x1, int y1);

/* OR the ink of SRC into DST with SRC's top left corner at X, Y, clipped. */
void bitmap_blit(struct bitmap *dst, int x, int y, const struct bitmap *src);

/* Write BM to F as a raw PBM (P4) image. Returns 0, or -1 on a write error. */
int bitmap_write_pbm(const struct bitmap *bm, FILE *f);

#endif
