/* png-out.c - palette PNG files written with libpng. */
#include "config.h"

#include <errno.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "outfile.h"
#include "png-out.h"

/* Longest side of an image, in pixels (libpng's own default limit). */
#define PNG_OUT_MAX_SIDE 1000000

/* Highest resolution stored, in dots per inch. */
#define PNG_OUT_MAX_DPI 100000

/* What libpng reported when it gave up. */
struct png_failure {
	char msg[200];
};

/* libpng error handler: keep the message and jump back to the writer. */
static void png_fail(png_structp png, png_const_charp msg)
{
	struct png_failure *f = png_get_error_ptr(png);

	snprintf(f->msg, sizeof f->msg, "%s", msg != NULL ? msg : "");
	png_longjmp(png, 1);
}

/* libpng warning handler: warnings do not stop the image, so drop them. */
static void png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Pixels per metre for DPI dots per inch, rounded: DPI * 10000 / 254. */
static png_uint_32 dpi_to_ppm(int dpi)
{
	return (png_uint_32)(((int64_t)dpi * 10000 + 127) / 254);
}

/* The smallest PNG palette bit depth that holds N colours. */
static int depth_for(int n)
{
	if (n <= 2)
		return 1;
	if (n <= 4)
		return 2;
	if (n <= 16)
		return 4;
	return 8;
}

/* Check the arguments of png_write_indexed. */
static int check_args(const char *path, int width, int height,
		      const unsigned char *pixels, const struct rgb *palette,
		      int npalette, int dpi_x, int dpi_y, struct cd_error *err)
{
	size_t i, n;

	if (width < 1 || height < 1 || width > PNG_OUT_MAX_SIDE ||
	    height > PNG_OUT_MAX_SIDE || pixels == NULL)
		return cd_err(err, CD_EINVAL, NULL,
			      /* TRANSLATORS: %d x %d is a size in pixels. */
			      _("Cannot write the image %s: its size of %d x "
				"%d pixels is not valid (1 to 1000000 each "
				"way). This is a bug in chequedesk; please "
				"report it."),
			      path, width, height);
	if (palette == NULL || npalette < 1 || npalette > 256)
		return cd_err(err, CD_EINVAL, NULL,
			      _("Cannot write the image %s: a palette of %d "
				"colours is not valid (1 to 256). This is a "
				"bug in chequedesk; please report it."),
			      path, npalette);
	if (dpi_x < 1 || dpi_y < 1 || dpi_x > PNG_OUT_MAX_DPI ||
	    dpi_y > PNG_OUT_MAX_DPI)
		return cd_err(err, CD_EINVAL, NULL,
			      /* TRANSLATORS: dpi = dots (pixels) per inch. */
			      _("Cannot write the image %s at %d x %d dpi: the "
				"resolution must be from 1 to 100000 dpi each "
				"way. Check the resolution setting, e.g. 300."),
			      path, dpi_x, dpi_y);
	n = (size_t)width * (size_t)height;
	for (i = 0; i < n; i++)
		if (pixels[i] >= npalette)
			return cd_err(err, CD_EINVAL, NULL,
				      _("Cannot write the image %s: pixel "
					"%d,%d has colour %d, but the palette "
					"has only %d colours. This is a bug in "
					"chequedesk; please report it."),
				      path, (int)(i % (size_t)width),
				      (int)(i / (size_t)width), pixels[i],
				      npalette);
	return CD_OK;
}

/* Pack the WIDTH indexes at SRC into ROW at DEPTH bits each, leftmost pixel
 * in the high bits. */
static void pack_row(unsigned char *row, const unsigned char *src, int width,
		     int depth)
{
	int x, per = 8 / depth, shift;

	if (depth == 8) {
		memcpy(row, src, (size_t)width);
		return;
	}
	memset(row, 0, ((size_t)width * (size_t)depth + 7) / 8);
	for (x = 0; x < width; x++) {
		shift = 8 - depth * (x % per + 1);
		row[x / per] |= (unsigned char)(src[x] << shift);
	}
}

/* Write the header, palette, resolution and rows; libpng errors long-jump
 * out of here to png_write_indexed. */
static void write_image(png_structp png, png_infop info, FILE *fp, int width,
			int height, const unsigned char *pixels,
			const struct rgb *palette, int npalette, int dpi_x,
			int dpi_y, unsigned char *row)
{
	png_color colours[256];
	int depth = depth_for(npalette), i, y;

	for (i = 0; i < npalette; i++) {
		colours[i].red = palette[i].r;
		colours[i].green = palette[i].g;
		colours[i].blue = palette[i].b;
	}
	png_init_io(png, fp);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, depth,
		     PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_PLTE(png, info, colours, npalette);
	png_set_pHYs(png, info, dpi_to_ppm(dpi_x), dpi_to_ppm(dpi_y),
		     PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (y = 0; y < height; y++) {
		pack_row(row, pixels + (size_t)y * (size_t)width, width, depth);
		png_write_row(png, row);
	}
	png_write_end(png, info);
}

/* Give up the output file after a failure: the temporary file goes, a
 * device such as /dev/stdout stays. */
static void discard(struct outfile *of)
{
	outfile_abort(of);
}

/* The error for the image file PATH that could not be written (errno E). */
static int write_failed(const char *path, int e, struct cd_error *err)
{
	return cd_err(err, CD_EFAIL, NULL,
		      _("Cannot write the image file %s: %s. Check that the "
			"disk is not full and try again; the incomplete file "
			"was removed."),
		      path, strerror(e));
}

/* Write a palette PNG to a new file or device (over a regular file only
 * with FORCE, never through a link). */
static int write_png(const char *path, int force, int width, int height,
		     const unsigned char *pixels, const struct rgb *palette,
		     int npalette, int dpi_x, int dpi_y, struct cd_error *err)
{
	struct png_failure failure = {""};
	png_structp png;
	png_infop info = NULL;
	unsigned char *row;
	struct outfile of;
	FILE *fp;
	int rc, e;

	if (path == NULL || path[0] == '\0')
		return cd_err(err, CD_EINVAL, NULL,
			      _("No file name was given for the image. Give "
				"the name of the PNG file to write."));
	rc = check_args(path, width, height, pixels, palette, npalette, dpi_x,
			dpi_y, err);
	if (rc != CD_OK)
		return rc;
	row = malloc((size_t)width);
	if (row == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory writing the image %s. Close "
				"other programs and try again."),
			      path);
	e = outfile_open(&of, path, 0644, force);
	fp = of.fp;
	if (e != 0) {
		free(row);
		if (outfile_refused(path, e, "preview", err) != CD_OK)
			return err->status;
		return cd_err(err, CD_EFAIL, NULL,
			      /* TRANSLATORS: the second %s is the system's
			       * reason, e.g. "No such file or directory". */
			      _("Cannot create the image file %s: %s. Check "
				"that its folder exists and that you may write "
				"there, or choose another file name."),
			      path, strerror(e));
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &failure, png_fail,
				      png_warn);
	if (png != NULL)
		info = png_create_info_struct(png);
	if (info == NULL) {
		png_destroy_write_struct(&png, NULL);
		discard(&of);
		free(row);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory writing the image %s. Close "
				"other programs and try again."),
			      path);
	}
	errno = 0;
	if (setjmp(png_jmpbuf(png))) {
		/* a failed write: the system's reason, not libpng's */
		e = ferror(fp) ? (errno ? errno : EIO) : 0;
		png_destroy_write_struct(&png, &info);
		discard(&of);
		free(row);
		if (e != 0)
			return write_failed(path, e, err);
		return cd_err(err, CD_EFAIL, NULL,
			      /* TRANSLATORS: the second %s is libpng's own
			       * message (in English), e.g. "Write Error". */
			      _("Cannot write the image file %s (%s). Check "
				"that the disk is not full and try again; the "
				"incomplete file was removed."),
			      path, failure.msg);
	}
	write_image(png, info, fp, width, height, pixels, palette, npalette,
		    dpi_x, dpi_y, row);
	png_destroy_write_struct(&png, &info);
	free(row);
	e = outfile_commit(&of);
	if (e != 0 && outfile_refused(path, e, "preview", err) != CD_OK)
		return err->status;
	if (e != 0)
		return write_failed(path, e, err);
	return CD_OK;
}

/* Write a palette PNG as a new file (or to a device). */
int png_write_indexed(const char *path, int width, int height,
		      const unsigned char *pixels, const struct rgb *palette,
		      int npalette, int dpi_x, int dpi_y, struct cd_error *err)
{
	return write_png(path, 0, width, height, pixels, palette, npalette,
			 dpi_x, dpi_y, err);
}

/* Write a palette PNG, replacing a regular file at PATH. */
int png_replace_indexed(const char *path, int width, int height,
			const unsigned char *pixels, const struct rgb *palette,
			int npalette, int dpi_x, int dpi_y,
			struct cd_error *err)
{
	return write_png(path, 1, width, height, pixels, palette, npalette,
			 dpi_x, dpi_y, err);
}
