/* bitmap.c - 1-bit images: allocation, pixels, rectangles, blits and PBM. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitmap.h"
#include "i18n.h"

/* Longest side of a bitmap, in pixels (over 20 inches at 12000 dpi). */
#define BITMAP_MAX_SIDE 262144

/* Most bytes one bitmap may take (256 MiB). */
#define BITMAP_MAX_BYTES ((size_t)1 << 28)

/* Allocate a blank bitmap. */
int bitmap_init(struct bitmap *bm, int width, int height, struct cd_error *err)
{
	size_t stride;

	bm->width = 0;
	bm->height = 0;
	bm->stride = 0;
	bm->bits = NULL;
	if (width < 1 || height < 1 || width > BITMAP_MAX_SIDE ||
	    height > BITMAP_MAX_SIDE ||
	    ((size_t)width + 7) / 8 > BITMAP_MAX_BYTES / (size_t)height)
		return cd_err(
		    err, CD_EFAIL, NULL,
		    /* TRANSLATORS: %d x %d is the image's width and height in
		     * pixels. */
		    _("Cannot make an image of %d x %d pixels: an image must "
		      "be at least 1 pixel and at most 262144 pixels on each "
		      "side and take at most 256 MiB. Print fewer characters "
		      "or at a lower resolution."),
		    width, height);
	stride = ((size_t)width + 7) / 8;
	bm->bits = calloc((size_t)height, stride);
	if (bm->bits == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory for an image of %d x %d pixels. "
				"Close other programs or print at a lower "
				"resolution, then try again."),
			      width, height);
	bm->width = width;
	bm->height = height;
	bm->stride = stride;
	return CD_OK;
}

/* Release the pixels. */
void bitmap_free(struct bitmap *bm)
{
	if (bm == NULL)
		return;
	free(bm->bits);
	bm->bits = NULL;
	bm->width = 0;
	bm->height = 0;
	bm->stride = 0;
}

/* True when X, Y lies inside BM. */
static int inside(const struct bitmap *bm, int x, int y)
{
	return bm != NULL && bm->bits != NULL && x >= 0 && y >= 0 &&
	       x < bm->width && y < bm->height;
}

/* Read one pixel. */
int bitmap_get(const struct bitmap *bm, int x, int y)
{
	if (!inside(bm, x, y))
		return 0;
	return (bm->bits[(size_t)y * bm->stride + (size_t)(x / 8)] >>
		(7 - x % 8)) &
	       1;
}

/* Ink one pixel. */
void bitmap_set(struct bitmap *bm, int x, int y)
{
	if (!inside(bm, x, y))
		return;
	bm->bits[(size_t)y * bm->stride + (size_t)(x / 8)] |=
	    (unsigned char)(0x80 >> (x % 8));
}

/* Ink pixels [X0, X1) of ROW; 0 <= X0 < X1. */
static void set_span(unsigned char *row, int x0, int x1)
{
	int b0 = x0 / 8, b1 = (x1 - 1) / 8;
	unsigned char m0 = (unsigned char)(0xFF >> (x0 % 8));
	unsigned char m1 = (unsigned char)(0xFF << (7 - (x1 - 1) % 8));

	if (b0 == b1) {
		row[b0] |= m0 & m1;
		return;
	}
	row[b0] |= m0;
	memset(row + b0 + 1, 0xFF, (size_t)(b1 - b0 - 1));
	row[b1] |= m1;
}

/* Ink a clipped half-open rectangle. */
void bitmap_fill(struct bitmap *bm, int x0, int y0, int x1, int y1)
{
	int y;

	if (bm == NULL || bm->bits == NULL)
		return;
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > bm->width)
		x1 = bm->width;
	if (y1 > bm->height)
		y1 = bm->height;
	if (x0 >= x1 || y0 >= y1)
		return;
	for (y = y0; y < y1; y++)
		set_span(bm->bits + (size_t)y * bm->stride, x0, x1);
}

/* OR SRC into DST at X, Y, clipped. */
void bitmap_blit(struct bitmap *dst, int x, int y, const struct bitmap *src)
{
	int64_t sx0, sy0, sx1, sy1, sx, sy;

	if (dst == NULL || dst->bits == NULL || src == NULL ||
	    src->bits == NULL)
		return;
	/* Source pixels that land inside DST; int64 so X, Y cannot overflow. */
	sx0 = x < 0 ? -(int64_t)x : 0;
	sy0 = y < 0 ? -(int64_t)y : 0;
	sx1 = (int64_t)dst->width - x;
	sy1 = (int64_t)dst->height - y;
	if (sx1 > src->width)
		sx1 = src->width;
	if (sy1 > src->height)
		sy1 = src->height;
	for (sy = sy0; sy < sy1; sy++) {
		const unsigned char *row = src->bits + (size_t)sy * src->stride;

		for (sx = sx0; sx < sx1; sx++) {
			if (row[sx / 8] == 0) {
				sx |= 7; /* skip the rest of a blank byte */
				continue;
			}
			if ((row[sx / 8] >> (7 - sx % 8)) & 1)
				bitmap_set(dst, (int)(x + sx), (int)(y + sy));
		}
	}
}

/* Write a raw PBM. */
int bitmap_write_pbm(const struct bitmap *bm, FILE *f)
{
	int y;

	if (bm == NULL || bm->bits == NULL || f == NULL)
		return -1;
	if (fprintf(f, "P4\n%d %d\n", bm->width, bm->height) < 0)
		return -1;
	for (y = 0; y < bm->height; y++)
		if (fwrite(bm->bits + (size_t)y * bm->stride, 1, bm->stride,
			   f) != bm->stride)
			return -1;
	return ferror(f) ? -1 : 0;
}
