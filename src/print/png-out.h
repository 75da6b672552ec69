/* png-out.h - writing palette images as PNG files at a true print scale. */
#ifndef CHEQUEDESK_PNG_OUT_H
#define CHEQUEDESK_PNG_OUT_H

#include "error.h"

/* One palette colour. */
struct rgb {
	unsigned char r, g, b;
};

/* Write a WIDTH x HEIGHT image to PATH as a palette PNG. PIXELS holds
 * WIDTH * HEIGHT indexes into PALETTE (NPALETTE colours, 1..256), row by
 * row from the top; the bit depth is the smallest that holds NPALETTE. The
 * resolution DPI_X x DPI_Y is stored in a pHYs chunk (pixels per metre) so
 * viewers can show the image at its true size. Bad arguments give
 * CD_EINVAL; a file that cannot be created or written gives CD_EFAIL with a
 * message naming PATH, and a partly written file is removed. The image is
 * written beside PATH and renamed into place: an existing file or a
 * symbolic link at PATH is refused (CD_ECONFLICT); a device or pipe is
 * written in place. */
CD_MUST_CHECK int png_write_indexed(const char *path, int width, int height,
				    const unsigned char *pixels,
				    const struct rgb *palette, int npalette,
				    int dpi_x, int dpi_y, struct cd_error *err);

/* As png_write_indexed, but a regular file at PATH is replaced (a
 * symbolic link still is not). */
CD_MUST_CHECK int png_replace_indexed(const char *path, int width, int height,
				      const unsigned char *pixels,
				      const struct rgb *palette, int npalette,
				      int dpi_x, int dpi_y,
				      struct cd_error *err);

#endif
