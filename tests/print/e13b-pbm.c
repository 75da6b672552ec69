/* e13b-pbm.c - test tool: the program's own rendering of an E13B line as a
 * PBM, to compare with what an independent decoder makes of a print job.
 *   e13b-pbm GLYPHS DPI_X DPI_Y BAND LINE > out.pbm */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "e13b.h"

int main(int argc, char **argv)
{
	struct e13b_font font;
	struct cd_error err;
	struct bitmap bm;

	if (argc != 6) {
		fprintf(stderr,
			"usage: e13b-pbm GLYPHS DPI_X DPI_Y BAND LINE\n");
		return 2;
	}
	if (e13b_font_load(&font, argv[1], &err) != CD_OK ||
	    e13b_render(&font, argv[5], atoi(argv[2]), atoi(argv[3]),
			atoi(argv[4]), &bm, &err) != CD_OK) {
		fprintf(stderr, "e13b-pbm: %s\n", err.msg);
		return 1;
	}
	if (bitmap_write_pbm(&bm, stdout) != 0)
		return 1;
	bitmap_free(&bm);
	return 0;
}
