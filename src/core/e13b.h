/* e13b.h - the E13B font (data/e13b.glyphs) and drawing code lines with it. */
#ifndef CHEQUEDESK_E13B_H
#define CHEQUEDESK_E13B_H

#include <stddef.h>
#include <stdint.h>

#include "bitmap.h"
#include "error.h"

#define E13B_ROWS 9	     /* 0.013-inch squares high */
#define E13B_COLS 7	     /* most 0.013-inch squares wide */
#define E13B_MAX_GRID 4	     /* finest division of a 0.013-inch square */
#define E13B_MAX_ROWS 36     /* E13B_ROWS * E13B_MAX_GRID */
#define E13B_NGLYPHS 14	     /* 0-9 and the four symbols */
#define E13B_PITCH_MILS 125  /* 1 mil = 1/1000 inch */
#define E13B_CELL_MILS 13    /* side of one square */
#define E13B_HEIGHT_MILS 117 /* E13B_ROWS * E13B_CELL_MILS */
#define E13B_MAX_CHARS 1000  /* longest line e13b_render/e13b_blocks take */
#define E13B_MIN_DPI 10	     /* lowest resolution e13b_render takes */
#define E13B_MAX_DPI 12000   /* highest resolution e13b_render takes */

/* One glyph on the font's grid of cells (a 0.013-inch square divided in
 * GRID x GRID): WIDTH (1..E13B_COLS * GRID) columns and E13B_ROWS * GRID
 * rows; in ROWS[r] (top row first), bit (WIDTH - 1 - c) is column c, i.e.
 * the leftmost column is the highest used bit. A glyph is printed
 * right-aligned in the box of E13B_COLS squares. */
struct e13b_glyph {
	int width;
	uint32_t rows[E13B_MAX_ROWS];
};

/* The whole font, indexed 0-9 for the digits, then 10 transit, 11 amount,
 * 12 on-us and 13 dash (10 + enum e13b_symbol of codeline.h). GRID
 * (1..E13B_MAX_GRID) is how many cells each side of a 0.013-inch square is
 * divided into: a cell is 13 / GRID mils square. */
struct e13b_font {
	int grid;
	struct e13b_glyph glyph[E13B_NGLYPHS];
};

/* Read a glyph file held in TEXT (LEN bytes, need not end in a newline or
 * NUL). Errors are CD_ECONFIG with a message "NAME:LINE: what is wrong. What
 * to do."; FONT is then left unchanged. The format is described at the top
 * of data/e13b.glyphs. */
CD_MUST_CHECK int e13b_font_parse(struct e13b_font *font, const char *text,
				  size_t len, const char *name,
				  struct cd_error *err);

/* Read the glyph file at PATH (CD_ECONFIG when it cannot be read or is
 * broken). */
CD_MUST_CHECK int e13b_font_load(struct e13b_font *font, const char *path,
				 struct cd_error *err);

/* The glyph index of a code point: '0'..'9' give 0..9, U+2446 transit 10,
 * U+2447 amount 11, U+2448 on-us 12, U+2449 dash 13; anything else -1. */
int e13b_index(uint32_t codepoint);

/* Draw LINE (UTF-8: digits, the four symbols and blanks, a blank being an
 * empty character position) at DPI_X x DPI_Y into OUT, which this
 * initialises (free it with bitmap_free; it is left empty on error).
 * Character i takes the pitch cell starting at i * 125 mils, its glyph
 * right-aligned in the 91-mil box at the start of the cell; a position of M
 * mils is pixel (M * dpi + 500) / 1000 (with M a multiple of 13 / grid,
 * computed exactly in integers), so rounding never accumulates along the
 * line. OUT is (n * 125 * DPI_X + 500) / 1000 pixels wide for n
 * characters, and the glyph height rounded up to a multiple of BAND pixels
 * high, the extra rows blank at the bottom. A character E13B does not have,
 * an empty or too long line, or a resolution or band out of range give
 * CD_EINVAL. */
CD_MUST_CHECK int e13b_render(const struct e13b_font *font, const char *line,
			      int dpi_x, int dpi_y, int band,
			      struct bitmap *out, struct cd_error *err);

/* A terminal preview of LINE in Unicode quadrant blocks (U+2580..U+259F):
 * each character becomes 4 columns x 5 lines (its box of 7 x 9 squares of
 * 0.013 inch padded with a blank column on the right and a blank row at the
 * bottom, two squares by two per cell; a square counts as ink when at least
 * a third of its cells are), GLYPHS_PER_ROW characters to a row, one empty line
 * between rows. Every line, the last included, ends in '\n'; all lines of a row
 * have the same number of columns (trailing blanks are kept). Returns a
 * malloc'd UTF-8 string the caller frees, or NULL with ERR set (CD_EINVAL
 * for a bad line or GLYPHS_PER_ROW < 1, CD_EFAIL out of memory). */
char *e13b_blocks(const struct e13b_font *font, const char *line,
		  int glyphs_per_row, struct cd_error *err);

#endif
