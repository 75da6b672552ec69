/* test-e13b.c - unit tests for the E13B font and renderer, bitmaps, PNG. */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <png.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bitmap.h"
#include "e13b.h"
#include "png-out.h"

/* The 14 glyph names in font index order. */
static const char *const names[E13B_NGLYPHS] = {
    "0", "1", "2", "3",	      "4",	"5",	 "6",
    "7", "8", "9", "transit", "amount", "on-us", "dash"};

/* The resolutions the renderer is checked at. */
static const int dpis[] = {180, 240, 300, 360};

/* Nine rows of a one-square-wide glyph. */
#define ROWS9 "#\n#\n#\n#\n#\n#\n#\n#\n#\n"

/* A glyph block with one-square rows. */
#define G(n) "glyph " n "\n" ROWS9

/* Pixel of position M mils at DPI, as the renderer must compute it. */
static int px(int64_t m, int dpi)
{
	return (int)((m * dpi + 500) / 1000);
}

/* Pixel of position V / GRID mils at DPI, rounded as px() rounds. */
static int px_cells(int64_t v, int grid, int dpi)
{
	return (int)((v * dpi + 500 * grid) / (1000 * grid));
}

/* A copy of the N bytes of S in a buffer of exactly N bytes (no NUL), so
 * that the sanitizers catch any read past the end. */
static char *exact(const char *s, size_t n)
{
	char *p = malloc(n > 0 ? n : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, s, n);
	return p;
}

/* Parse the N bytes of TEXT as file "test" from an exact-size buffer. */
static int parse_exact(struct e13b_font *font, const char *text, size_t n,
		       struct cd_error *err)
{
	char *buf = exact(text, n);
	int rc = e13b_font_parse(font, buf, n, "test", err);

	free(buf);
	return rc;
}

/* Read a whole file into a malloc'd buffer; *LEN gets its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The path of the shipped glyph file, under $top_srcdir. */
static const char *glyph_path(void)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof path, "%s/data/e13b.glyphs",
		 top != NULL && top[0] != '\0' ? top : ".");
	return path;
}

/* Load the shipped font or fail the test. */
static void load_shipped(struct e13b_font *font)
{
	struct cd_error err;

	cd_err_clear(&err);
	ck_assert_msg(e13b_font_load(font, glyph_path(), &err) == CD_OK, "%s",
		      err.msg);
}

/* A test font: "8" a full 7 x 9 block, "1" one column of ink, every other
 * glyph one square wide. */
static void load_blocky(struct e13b_font *font)
{
	static const char text[] = G("0") G("2") G("3") G("4") G("5") G("6")
	    G("7") G("9") G("transit") G("amount") G("on-us") G("dash")
		G("1") "glyph 8\n#######\n#######\n#######\n#######\n#######\n"
		       "#######\n#######\n#######\n#######\n";
	struct cd_error err;

	cd_err_clear(&err);
	ck_assert_msg(parse_exact(font, text, sizeof text - 1, &err) == CD_OK,
		      "%s", err.msg);
}

/* The shipped file loads at a grid of 3 cells per 0.013-inch square; its
 * 14 glyphs are at most 7 squares wide, tight (ink in their first and last
 * column; the 1 in its second) and all different, 1 and 2 narrower than 0 and
 * 8, and the 1 thin above its heavy foot. */
START_TEST(test_shipped_font)
{
	struct e13b_font font;
	const struct e13b_glyph *a, *b;
	unsigned used;
	int i, j, r;

	load_shipped(&font);
	ck_assert_int_eq(font.grid, 3);
	for (i = 0; i < E13B_NGLYPHS; i++) {
		a = &font.glyph[i];
		ck_assert_msg(a->width >= 1 &&
				  a->width <= E13B_COLS * font.grid,
			      "glyph %s is %d wide", names[i], a->width);
		used = 0;
		for (r = 0; r < E13B_ROWS * font.grid; r++) {
			ck_assert_uint_lt(a->rows[r], 1u << a->width);
			used |= a->rows[r];
		}
		ck_assert_msg(used & 1u, "glyph %s: last column blank",
			      names[i]);
		/* The foot of the 1 starts a cell into its 4-square box. */
		ck_assert_msg(used >> (a->width - 1 - (i == 1)) & 1u,
			      "glyph %s: first column blank", names[i]);
		for (j = 0; j < i; j++) {
			b = &font.glyph[j];
			ck_assert_msg(
			    a->width != b->width ||
				memcmp(a->rows, b->rows, sizeof a->rows) != 0,
			    "glyphs %s and %s are the same", names[i],
			    names[j]);
		}
	}
	/* Each at its own width: 1 and 2 four squares, 0 and 8 about seven. */
	ck_assert_int_eq(font.glyph[1].width, 4 * font.grid);
	ck_assert_int_eq(font.glyph[2].width, 4 * font.grid);
	ck_assert_int_ge(font.glyph[0].width, 7 * font.grid - 1);
	ck_assert_int_eq(font.glyph[8].width, 7 * font.grid);
	/* The 1 is thin in the middle (2 cells, 2/3 of a square) and heavy
	 * at the bottom. */
	ck_assert_int_eq(__builtin_popcount(font.glyph[1].rows[10]), 2);
	ck_assert_int_gt(__builtin_popcount(font.glyph[1].rows[26]), 8);
}
END_TEST

/* A full font written with CRLF, a byte order mark, trailing blanks,
 * comments and no final newline is read. */
START_TEST(test_parse_good)
{
	static const char text[] =
	    "\xEF\xBB\xBF# a comment\r\n#\r\n\r\n"
	    "glyph 0 \r\n.#.\r\n#.#\r\n#.#\r\n#.#\r\n#.#\r\n#.#\r\n#.#\r\n"
	    "#.#\r\n.#.  \r\n\r\n# between\r\n"
	    "glyph\ttransit\r\n" ROWS9 G("1") G("2") G("3") G("4") G("5") G("6")
		G("7") G("8") G("9") G("amount")
		    G("on-us") "glyph dash\n#\n#\n#\n#\n#\n#\n#\n#\n.";
	struct e13b_font font;
	struct cd_error err;

	cd_err_clear(&err);
	ck_assert_msg(parse_exact(&font, text, sizeof text - 1, &err) == CD_OK,
		      "%s", err.msg);
	ck_assert_int_eq(font.glyph[0].width, 3);
	ck_assert_uint_eq(font.glyph[0].rows[0], 2);
	ck_assert_uint_eq(font.glyph[0].rows[1], 5);
	ck_assert_uint_eq(font.glyph[0].rows[8], 2);
	ck_assert_int_eq(font.glyph[10].width, 1);
	ck_assert_uint_eq(font.glyph[13].rows[8], 0);
	ck_assert_uint_eq(font.glyph[13].rows[7], 1);
}
END_TEST

/* A broken glyph file, the line its error names and a piece of the
 * message. LEN 0 means strlen(TEXT). */
struct bad_font {
	const char *text;
	size_t len;
	int line;
	const char *msg;
};

/* Broken glyph files e13b_font_parse refuses. */
static const struct bad_font bad_fonts[] = {
    {"glyph 0\n" ROWS9 "glyph ten\n", 0, 11, "unknown glyph name \"ten\""},
    {"glyph 0\n#\n#\n#\n#\n#\n#\n#\n#\nglyph 1\n", 0, 10,
     "glyph \"0\" has only 8 of its 9 rows before this line"},
    {"glyph 0\n#\n#\n\n#\n", 0, 4, "has only 2 of its 9 rows"},
    {"glyph 0\n#\n# comment\n", 0, 3, "has only 1 of its 9 rows"},
    {"glyph 0\n##\n##\n#.#\n", 0, 4,
     "row 3 of glyph \"0\" has width 3, but its first row has width 2"},
    {"glyph 0\n#\n#\n#\n#\n#\n#\n#\n##", 0, 9,
     "row 8 of glyph \"0\" has "
     "width 2"},
    {"glyph on-us\n########\n", 0, 2,
     "row 1 of glyph \"on-us\" is 8 columns wide"},
    {"grid 5\n", 0, 1, "the grid must be a whole number from 1 to 4"},
    {"grid\n", 0, 1, "the grid must be"},
    {"grid 2\ngrid 2\n", 0, 2, "may only come once"},
    {"glyph 0\n" ROWS9 "grid 2\n", 0, 11, "may only come once"},
    {"grid 2\nglyph 0\n" ROWS9 "glyph 1\n", 0, 12, "has only 9 of its 18 rows"},
    {"glyph 0\n#.x\n", 0, 2, "row 1 of glyph \"0\" holds 'x' at column 3"},
    {"glyph 0\n#\n.\t#\n", 0, 3,
     "row 2 of glyph \"0\" holds the byte 0x09 "
     "at column 2"},
    {"glyph 0\n#\n#\t#\n", 0, 3, "has only 1 of its 9 rows"},
    {"glyph 0\n#\n #\n", 0, 3, "holds the byte 0x20 at column 1"},
    {"glyph 0\n#\n#\0#\n", 13, 3, "holds the byte 0x00 at column 2"},
    {"glyph 0\n\xe2\x91\x86\n", 0, 2, "holds the byte 0xE2 at column 1"},
    {G("0") G("1") "\n# again\nglyph 0\n", 0, 23,
     "glyph \"0\" is drawn twice (first on line 1)"},
    {G("0") G("1") G("2") G("3") G("4") G("5") G("6") G("7") G("8") G("9")
	 G("amount") G("on-us"),
     0, 120, "the file has no glyph for transit, dash."},
    {"", 0, 1,
     "the file has no glyph for 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, "
     "transit, amount, on-us, dash."},
    {"# only a comment", 0, 1, "no glyph for 0, 1,"},
    {"glyph 0\n#\n#\n#", 0, 4,
     "the file ends after 3 of the 9 rows of glyph \"0\""},
    {"glyph 0\n", 0, 1, "the file ends after 0 of the 9 rows"},
    {"glyph tran", 0, 1, "unknown glyph name \"tran\""},
    {"glyph 0\r\n#\r\n#\r\n#\r\n#\r\n#\r\n#\r\n#\r\n#\r", 0, 9,
     "the file ends after 8 of the 9 rows"},
    {"glyph", 0, 1, "gives no name"},
    {"glyph \t \n", 0, 1, "gives no name"},
    {"glyph \x01\xff", 0, 1, "unknown glyph name \"??\""},
    {"glyph 0\n" ROWS9 ".#\n", 0, 11, "glyph \"0\" already has its 9 rows"},
    {"#.#\n", 0, 1, "this row comes before any \"glyph NAME\" line"},
    {G("0") "hello\n", 0, 11, "this line is not understood"},
    {"glyphs 0\n", 0, 1, "this line is not understood"},
    {"#comment\n", 0, 1, "this line is not understood"},
};

/* e13b_font_parse refuses each broken file at the right line. */
START_TEST(test_parse_bad)
{
	const struct bad_font *b = &bad_fonts[_i];
	size_t len = b->len != 0 ? b->len : strlen(b->text);
	struct e13b_font font;
	struct cd_error err;
	char prefix[32];

	memset(&font, 0x5A, sizeof font);
	cd_err_clear(&err);
	ck_assert_int_eq(parse_exact(&font, b->text, len, &err), CD_ECONFIG);
	ck_assert_int_eq(err.status, CD_ECONFIG);
	snprintf(prefix, sizeof prefix, "test:%d: ", b->line);
	ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0,
		      "case %d: \"%s\" does not start with \"%s\"", _i, err.msg,
		      prefix);
	ck_assert_msg(strstr(err.msg, b->msg) != NULL,
		      "case %d: \"%s\" lacks \"%s\"", _i, err.msg, b->msg);
	ck_assert_int_eq(font.glyph[0].width, 0x5A5A5A5A); /* untouched */
}
END_TEST

/* Every prefix of the shipped file and many random corruptions of it are
 * refused cleanly or read; nothing is read past the end. */
START_TEST(test_parse_fuzz)
{
	struct e13b_font font;
	struct cd_error err;
	uint32_t seed = 12345;
	size_t len, n, i;
	char *text, *buf;
	int rc, k, m;

	text = slurp(glyph_path(), &len);
	for (n = 0; n <= len; n++) {
		rc = parse_exact(&font, text, n, &err);
		ck_assert_msg(rc == (n + 1 >= len ? CD_OK : CD_ECONFIG),
			      "prefix %zu: %d %s", n, rc, err.msg);
	}
	for (k = 0; k < 3000; k++) {
		buf = exact(text, len);
		n = len;
		for (m = 0; m < 1 + k % 4; m++) {
			seed = seed * 1103515245u + 12345u;
			i = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		seed = seed * 1103515245u + 12345u;
		if (k % 3 == 0)
			n = (seed >> 8) % len;
		rc = e13b_font_parse(&font, buf, n, "fuzz", &err);
		ck_assert(rc == CD_OK || rc == CD_ECONFIG);
		if (rc != CD_OK)
			ck_assert_msg(strncmp(err.msg, "fuzz:", 5) == 0, "%s",
				      err.msg);
		free(buf);
	}
	free(text);
}
END_TEST

/* e13b_font_load names the path when the file cannot be read. */
START_TEST(test_load_errors)
{
	struct e13b_font font;
	struct cd_error err;

	ck_assert_int_eq(
	    e13b_font_load(&font, "/nonexistent/e13b.glyphs", &err),
	    CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/e13b.glyphs"));
	ck_assert_ptr_nonnull(strstr(err.msg, "Cannot open"));
	ck_assert_int_eq(e13b_font_load(&font, "/", &err), CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "Cannot read"));
}
END_TEST

/* Code points map to glyph indexes. */
START_TEST(test_index)
{
	ck_assert_int_eq(e13b_index('0'), 0);
	ck_assert_int_eq(e13b_index('9'), 9);
	ck_assert_int_eq(e13b_index(0x2446), 10);
	ck_assert_int_eq(e13b_index(0x2447), 11);
	ck_assert_int_eq(e13b_index(0x2448), 12);
	ck_assert_int_eq(e13b_index(0x2449), 13);
	ck_assert_int_eq(e13b_index(0x2445), -1);
	ck_assert_int_eq(e13b_index(0x244A), -1);
	ck_assert_int_eq(e13b_index(' '), -1);
	ck_assert_int_eq(e13b_index('A'), -1);
	ck_assert_int_eq(e13b_index(0xFF10), -1);
}
END_TEST

/* Find the runs of ink in row Y of BM; returns their number, START and END
 * (exclusive) get up to MAX of them. */
static int runs(const struct bitmap *bm, int y, int *start, int *end, int max)
{
	int x, n = 0;

	for (x = 0; x < bm->width; x++) {
		if (!bitmap_get(bm, x, y))
			continue;
		if (n < max)
			start[n] = x;
		while (x < bm->width && bitmap_get(bm, x, y))
			x++;
		if (n < max)
			end[n] = x;
		n++;
	}
	return n;
}

/* The padding bits at the end of every row of BM are 0. */
static void check_padding(const struct bitmap *bm)
{
	int y, spare = (int)bm->stride * 8 - bm->width;
	unsigned char mask = (unsigned char)((1u << spare) - 1);

	ck_assert_uint_eq(bm->stride, ((size_t)bm->width + 7) / 8);
	for (y = 0; y < bm->height; y++)
		ck_assert_uint_eq(
		    bm->bits[(size_t)y * bm->stride + bm->stride - 1] & mask,
		    0);
}

/* In a 40-character line, character i's ink starts exactly at pixel
 * (i * 125 * dpi + 500) / 1000 and its 7-square box ends at
 * ((i * 125 + 91) * dpi + 500) / 1000, at each resolution. */
START_TEST(test_render_pitch)
{
	int dpi = dpis[_i], starts[64], ends[64], i, k, y, h;
	struct e13b_font blocky, shipped;
	struct bitmap bm;
	struct cd_error err;
	char line[41];

	load_blocky(&blocky);
	load_shipped(&shipped);
	memset(line, '8', 40);
	line[40] = '\0';
	ck_assert_int_eq(e13b_render(&blocky, line, dpi, dpi, 1, &bm, &err),
			 CD_OK);
	ck_assert_int_eq(bm.width, px(40 * 125, dpi));
	h = px(117, dpi);
	ck_assert_int_eq(bm.height, h);
	check_padding(&bm);
	for (y = 0; y < h; y++) {
		ck_assert_int_eq(runs(&bm, y, starts, ends, 64), 40);
		for (i = 0; i < 40; i++) {
			ck_assert_int_eq(
			    starts[i],
			    (int)(((int64_t)i * 125 * dpi + 500) / 1000));
			ck_assert_int_eq(ends[i], px(i * 125 + 91, dpi));
		}
	}
	bitmap_free(&bm);

	/* The bottom row of the shipped 0 and of the foot of the 1, a cell
	 * narrower than its glyph, sit at the right of their box: cell c of
	 * a glyph W cells wide starts at (i * 125 * 3 + (21 - W + c) * 13) / 3
	 * mils. */
	for (k = 0; k < 2; k++) {
		const struct e13b_glyph *g = &shipped.glyph[k];
		int first = k == 0 ? 0 : 1, g3 = shipped.grid;

		memset(line, k == 0 ? '0' : '1', 40);
		ck_assert_int_eq(
		    e13b_render(&shipped, line, dpi, dpi, 1, &bm, &err), CD_OK);
		ck_assert_uint_eq(g->rows[E13B_ROWS * g3 - 1],
				  (1u << (g->width - first)) - 1);
		y = h - 1;
		ck_assert_int_eq(runs(&bm, y, starts, ends, 64), 40);
		for (i = 0; i < 40; i++) {
			ck_assert_int_eq(
			    starts[i],
			    px_cells((int64_t)i * 125 * g3 +
					 (E13B_COLS * g3 - g->width + first) *
					     13,
				     g3, dpi));
			ck_assert_int_eq(ends[i], px(i * 125 + 91, dpi));
		}
		bitmap_free(&bm);
	}
}
END_TEST

/* Different horizontal and vertical resolutions, and blanks. */
START_TEST(test_render_aniso)
{
	struct e13b_font font;
	struct bitmap bm;
	struct cd_error err;
	int starts[8], ends[8];

	load_blocky(&font);
	ck_assert_int_eq(e13b_render(&font, "8 8 ", 300, 150, 1, &bm, &err),
			 CD_OK);
	ck_assert_int_eq(bm.width, px(4 * 125, 300));
	ck_assert_int_eq(bm.height, px(117, 150));
	ck_assert_int_eq(runs(&bm, 0, starts, ends, 8), 2);
	ck_assert_int_eq(starts[0], 0);
	ck_assert_int_eq(ends[0], px(91, 300));
	ck_assert_int_eq(starts[1], px(250, 300));
	ck_assert_int_eq(ends[1], px(341, 300));
	/* Glyph rows follow the vertical resolution: row 4 of "1" in the
	 * blocky font is one square at the right of the box. */
	bitmap_free(&bm);
	ck_assert_int_eq(e13b_render(&font, "1", 300, 150, 1, &bm, &err),
			 CD_OK);
	ck_assert_int_eq(runs(&bm, px(4 * 13, 150), starts, ends, 8), 1);
	ck_assert_int_eq(starts[0], px(6 * 13, 300));
	ck_assert_int_eq(ends[0], px(91, 300));
	bitmap_free(&bm);
}
END_TEST

/* The height is the glyph height rounded up to a multiple of the band, the
 * extra rows blank. */
START_TEST(test_render_band)
{
	static const int bands[] = {1, 2, 8, 24, 64, 200};
	int dpi = dpis[_i], h, want, b, x, y, ink;
	struct e13b_font font;
	struct bitmap bm;
	struct cd_error err;

	load_blocky(&font);
	h = px(117, dpi);
	for (b = 0; b < (int)(sizeof bands / sizeof bands[0]); b++) {
		ck_assert_int_eq(
		    e13b_render(&font, "88", dpi, dpi, bands[b], &bm, &err),
		    CD_OK);
		want = (h + bands[b] - 1) / bands[b] * bands[b];
		ck_assert_int_eq(bm.height, want);
		ck_assert_int_eq(bm.height % bands[b], 0);
		ck_assert(bitmap_get(&bm, 0, 0));
		ck_assert(bitmap_get(&bm, 0, h - 1));
		for (y = h; y < bm.height; y++) {
			ink = 0;
			for (x = 0; x < bm.width; x++)
				ink |= bitmap_get(&bm, x, y);
			ck_assert_int_eq(ink, 0);
		}
		check_padding(&bm);
		bitmap_free(&bm);
	}
}
END_TEST

/* A line e13b_render and e13b_blocks refuse and a piece of the message. */
struct bad_render {
	const char *line;
	const char *msg;
};

/* Lines that cannot be printed. */
static const struct bad_render bad_renders[] = {
    {"12X4", "holds 'X' at position 3"},
    {"⑆02A1⑆", "holds 'A' at position 4"},
    {"12\xff", "the byte 0xFF at position 3"},
    {"1\xe2\x91", "the byte 0xE2 at position 2"},
    {"\xc0\xb1", "the byte 0xC0 at position 1"},
    {"１", "'１' (U+FF11) at position 1"},
    {"⑆⑊", "(U+244A) at position 2"},
    {"1\t2", "control character U+0009 at position 2"},
    {"12\r\n", "control character U+000D at position 3"},
    {"", "is empty"},
};

/* e13b_render refuses characters E13B does not have. */
START_TEST(test_render_bad)
{
	struct e13b_font font;
	struct bitmap bm;
	struct cd_error err;
	char *blocks;

	load_shipped(&font);
	cd_err_clear(&err);
	ck_assert_int_eq(
	    e13b_render(&font, bad_renders[_i].line, 300, 300, 1, &bm, &err),
	    CD_EINVAL);
	ck_assert_ptr_null(bm.bits);
	ck_assert_msg(strstr(err.msg, bad_renders[_i].msg) != NULL,
		      "\"%s\" lacks \"%s\"", err.msg, bad_renders[_i].msg);
	cd_err_clear(&err);
	blocks = e13b_blocks(&font, bad_renders[_i].line, 10, &err);
	ck_assert_ptr_null(blocks);
	ck_assert_int_eq(err.status, CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, bad_renders[_i].msg));
}
END_TEST

/* Resolutions, bands and lengths out of range are refused. */
START_TEST(test_render_limits)
{
	struct e13b_font font;
	struct bitmap bm;
	struct cd_error err;
	char *line;

	load_shipped(&font);
	ck_assert_int_eq(e13b_render(&font, "1", 0, 300, 1, &bm, &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "0 x 300 dpi"));
	ck_assert_int_eq(e13b_render(&font, "1", 300, -1, 1, &bm, &err),
			 CD_EINVAL);
	ck_assert_int_eq(e13b_render(&font, "1", 300, 100000, 1, &bm, &err),
			 CD_EINVAL);
	ck_assert_int_eq(e13b_render(&font, "1", 300, 300, 0, &bm, &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "bands of 0"));
	ck_assert_int_eq(e13b_render(&font, "1", 300, 300, INT_MAX, &bm, &err),
			 CD_EINVAL);
	line = malloc(E13B_MAX_CHARS + 2);
	ck_assert_ptr_nonnull(line);
	memset(line, '7', E13B_MAX_CHARS + 1);
	line[E13B_MAX_CHARS + 1] = '\0';
	ck_assert_int_eq(e13b_render(&font, line, 300, 300, 1, &bm, &err),
			 CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer than"));
	line[E13B_MAX_CHARS] = '\0';
	ck_assert_int_eq(e13b_render(&font, line, 300, 300, 1, &bm, &err),
			 CD_OK);
	ck_assert_int_eq(bm.width, px(E13B_MAX_CHARS * 125, 300));
	bitmap_free(&bm);
	free(line);
}
END_TEST

/* Number of characters (code points) in the N bytes at S. */
static int utf8_len(const char *s, size_t n)
{
	size_t i;
	int c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Split TEXT into its '\n'-terminated lines: LINES gets pointers, LENS
 * lengths; returns the number of lines. */
static int split_lines(const char *text, const char **lines, size_t *lens,
		       int max)
{
	const char *p = text, *nl;
	int n = 0;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		ck_assert_msg(nl != NULL, "last line lacks its newline");
		ck_assert_int_lt(n, max);
		lines[n] = p;
		lens[n] = (size_t)(nl - p);
		n++;
		p = nl + 1;
	}
	return n;
}

/* The preview wraps, keeps every line of a row the same width and draws
 * the glyph matrices in quadrant blocks. */
START_TEST(test_blocks)
{
	struct e13b_font font;
	struct cd_error err;
	const char *lines[64];
	size_t lens[64], j;
	char *s;
	int n, i;
	unsigned cp;

	load_blocky(&font);
	s = e13b_blocks(&font, "8888888888", 4, &err);
	ck_assert_ptr_nonnull(s);
	n = split_lines(s, lines, lens, 64);
	ck_assert_int_eq(n, 5 + 1 + 5 + 1 + 5);
	for (i = 0; i < n; i++) {
		if (i == 5 || i == 11) {
			ck_assert_uint_eq(lens[i], 0);
			continue;
		}
		ck_assert_int_eq(utf8_len(lines[i], lens[i]), i < 11 ? 16 : 8);
		/* Only blanks and quadrant blocks U+2580..U+259F. */
		for (j = 0; j < lens[i]; j++) {
			if (lines[i][j] == ' ')
				continue;
			ck_assert_uint_ge(lens[i] - j, 3);
			cp = ((unsigned char)lines[i][j] & 0x0Fu) << 12 |
			     ((unsigned char)lines[i][j + 1] & 0x3Fu) << 6 |
			     ((unsigned char)lines[i][j + 2] & 0x3Fu);
			ck_assert_uint_ge(cp, 0x2580);
			ck_assert_uint_le(cp, 0x259F);
			j += 2;
		}
	}
	/* A full 7 x 9 block: three full cells and a left half, then the
	 * ninth row alone in the upper halves. */
	ck_assert(strncmp(lines[0], "███▌███▌███▌███▌\n", lens[0] + 1) == 0);
	ck_assert(strncmp(lines[4], "▀▀▀▘▀▀▀▘▀▀▀▘▀▀▀▘\n", lens[4] + 1) == 0);
	ck_assert(strncmp(lines[16], "▀▀▀▘▀▀▀▘\n", lens[16] + 1) == 0);
	free(s);

	/* The one-column 1 sits at the right of its box; a blank is blank. */
	s = e13b_blocks(&font, "1 ", 5, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "   ▌    \n"
			    "   ▌    \n"
			    "   ▌    \n"
			    "   ▌    \n"
			    "   ▘    \n");
	free(s);

	/* The shipped font: one row of 9 characters, 36 columns. */
	load_shipped(&font);
	s = e13b_blocks(&font, "⑆0201⑆ ⑈1", 100, &err);
	ck_assert_ptr_nonnull(s);
	n = split_lines(s, lines, lens, 64);
	ck_assert_int_eq(n, 5);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(utf8_len(lines[i], lens[i]), 36);
	free(s);

	ck_assert_ptr_null(e13b_blocks(&font, "1", 0, &err));
	ck_assert_int_eq(err.status, CD_EINVAL);
}
END_TEST

/* Bitmap pixels, clipped rectangles and blits, and PBM output. */
START_TEST(test_bitmap)
{
	struct bitmap a, b;
	struct cd_error err;
	char buf[64];
	FILE *f;
	size_t n;

	ck_assert_int_eq(bitmap_init(&a, 0, 5, &err), CD_EFAIL);
	ck_assert_ptr_null(a.bits);
	ck_assert_int_eq(bitmap_init(&a, 5, -1, &err), CD_EFAIL);
	ck_assert_int_eq(bitmap_init(&a, INT_MAX, INT_MAX, &err), CD_EFAIL);
	ck_assert_ptr_nonnull(strstr(err.msg, "lower resolution"));
	bitmap_free(&a);

	ck_assert_int_eq(bitmap_init(&a, 10, 3, &err), CD_OK);
	ck_assert_uint_eq(a.stride, 2);
	bitmap_fill(&a, -5, -5, 3, 1);
	bitmap_fill(&a, 8, 2, 100, 100);
	bitmap_fill(&a, 5, 0, 5, 3); /* empty */
	bitmap_set(&a, -1, 0);
	bitmap_set(&a, 10, 0);
	bitmap_set(&a, 0, 3);
	ck_assert_uint_eq(a.bits[0], 0xE0);
	ck_assert_uint_eq(a.bits[1], 0x00);
	ck_assert_uint_eq(a.bits[4], 0x00);
	ck_assert_uint_eq(a.bits[5], 0xC0);
	ck_assert_int_eq(bitmap_get(&a, 2, 0), 1);
	ck_assert_int_eq(bitmap_get(&a, 3, 0), 0);
	ck_assert_int_eq(bitmap_get(&a, 9, 2), 1);
	ck_assert_int_eq(bitmap_get(&a, 10, 2), 0);
	ck_assert_int_eq(bitmap_get(&a, -1, 0), 0);
	bitmap_fill(&a, 0, 1, 10, 2);
	ck_assert_uint_eq(a.bits[2], 0xFF);
	ck_assert_uint_eq(a.bits[3], 0xC0);

	ck_assert_int_eq(bitmap_init(&b, 3, 3, &err), CD_OK);
	bitmap_fill(&b, 0, 0, 3, 3);
	bitmap_free(&a);
	ck_assert_int_eq(bitmap_init(&a, 10, 3, &err), CD_OK);
	bitmap_blit(&a, -1, -1, &b);
	bitmap_blit(&a, 8, 2, &b);
	bitmap_blit(&a, INT_MIN, 0, &b);
	bitmap_blit(&a, INT_MAX, INT_MAX, &b);
	ck_assert_uint_eq(a.bits[0], 0xC0);
	ck_assert_uint_eq(a.bits[2], 0xC0);
	ck_assert_uint_eq(a.bits[4], 0x00);
	ck_assert_uint_eq(a.bits[5], 0xC0);

	f = tmpfile();
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(bitmap_write_pbm(&a, f), 0);
	rewind(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	ck_assert_uint_eq(n, strlen("P4\n10 3\n") + 6);
	ck_assert(memcmp(buf, "P4\n10 3\n\xC0\x00\xC0\x00\x00\xC0", n) == 0);
	bitmap_free(&a);
	bitmap_free(&b);
	bitmap_free(&b);
}
END_TEST

/* A fresh temporary directory for PNG files; DIR gets its path. */
static void make_tmpdir(char *dir, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, len, "%s/test-e13b-XXXXXX",
		 tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* What a PNG file read back holds. */
struct png_back {
	png_uint_32 width, height, ppm_x, ppm_y;
	int unit, colour_type, depth, npalette;
	png_color palette[256];
	unsigned char *pixels; /* one index per pixel */
};

/* Read the PNG at PATH with libpng into BACK. */
static void read_png(const char *path, struct png_back *back)
{
	FILE *f = fopen(path, "rb");
	png_structp png;
	png_infop info;
	png_colorp pal;
	png_uint_32 y;

	ck_assert_ptr_nonnull(f);
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(png);
	info = png_create_info_struct(png);
	ck_assert_ptr_nonnull(info);
	if (setjmp(png_jmpbuf(png)))
		ck_abort_msg("libpng cannot read %s", path);
	png_init_io(png, f);
	png_read_info(png, info);
	back->width = png_get_image_width(png, info);
	back->height = png_get_image_height(png, info);
	back->colour_type = png_get_color_type(png, info);
	back->depth = png_get_bit_depth(png, info);
	ck_assert_uint_eq(png_get_valid(png, info, PNG_INFO_pHYs),
			  PNG_INFO_pHYs);
	png_get_pHYs(png, info, &back->ppm_x, &back->ppm_y, &back->unit);
	ck_assert_uint_eq(png_get_PLTE(png, info, &pal, &back->npalette),
			  PNG_INFO_PLTE);
	memcpy(back->palette, pal, (size_t)back->npalette * sizeof *pal);
	png_set_packing(png);
	png_read_update_info(png, info);
	back->pixels = malloc((size_t)back->width * back->height);
	ck_assert_ptr_nonnull(back->pixels);
	for (y = 0; y < back->height; y++)
		png_read_row(png, back->pixels + (size_t)y * back->width, NULL);
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
}

/* A palette size, the resolutions and the pHYs values they must give. */
struct png_case {
	int npalette, dpi_x, dpi_y;
	png_uint_32 ppm_x, ppm_y;
	int depth;
};

/* PNG files written at several resolutions and depths. */
static const struct png_case png_cases[] = {
    {2, 300, 300, 11811, 11811, 1},    {3, 240, 360, 9449, 14173, 2},
    {16, 180, 180, 7087, 7087, 4},     {17, 360, 240, 14173, 9449, 8},
    {256, 600, 1200, 23622, 47244, 8},
};

/* png_write_indexed writes a PNG with the pixels, palette and pHYs. */
START_TEST(test_png)
{
	const struct png_case *c = &png_cases[_i];
	const int w = 13, h = 5;
	struct rgb palette[256];
	unsigned char pixels[13 * 5], *head;
	struct png_back back;
	struct cd_error err;
	char dir[4096], path[4200];
	size_t n, k;
	int i;

	make_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/out.png", dir);
	for (i = 0; i < c->npalette; i++) {
		palette[i].r = (unsigned char)i;
		palette[i].g = (unsigned char)(255 - i);
		palette[i].b = (unsigned char)(i * 7);
	}
	for (i = 0; i < w * h; i++)
		pixels[i] = (unsigned char)((i * 5 + i / w) % c->npalette);
	cd_err_clear(&err);
	ck_assert_msg(png_write_indexed(path, w, h, pixels, palette,
					c->npalette, c->dpi_x, c->dpi_y,
					&err) == CD_OK,
		      "%s", err.msg);

	/* The signature, and a pHYs chunk among the chunks. */
	head = (unsigned char *)slurp(path, &n);
	ck_assert_uint_ge(n, 8 + 25 + 21);
	ck_assert(memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0);
	for (k = 8; k + 8 <= n && memcmp(head + k + 4, "pHYs", 4) != 0;
	     k += 12 + ((size_t)head[k] << 24 | (size_t)head[k + 1] << 16 |
			(size_t)head[k + 2] << 8 | head[k + 3]))
		;
	ck_assert_uint_le(k + 17, n);
	ck_assert_uint_eq((png_uint_32)head[k + 8] << 24 |
			      (png_uint_32)head[k + 9] << 16 |
			      (png_uint_32)head[k + 10] << 8 | head[k + 11],
			  c->ppm_x);
	ck_assert_uint_eq((png_uint_32)head[k + 12] << 24 |
			      (png_uint_32)head[k + 13] << 16 |
			      (png_uint_32)head[k + 14] << 8 | head[k + 15],
			  c->ppm_y);
	ck_assert_uint_eq(head[k + 16], 1); /* unit: metre */
	free(head);

	read_png(path, &back);
	ck_assert_uint_eq(back.width, w);
	ck_assert_uint_eq(back.height, h);
	ck_assert_int_eq(back.colour_type, PNG_COLOR_TYPE_PALETTE);
	ck_assert_int_eq(back.depth, c->depth);
	ck_assert_uint_eq(back.ppm_x, c->ppm_x);
	ck_assert_uint_eq(back.ppm_y, c->ppm_y);
	ck_assert_int_eq(back.unit, PNG_RESOLUTION_METER);
	ck_assert_int_eq(back.npalette, c->npalette);
	for (i = 0; i < c->npalette; i++) {
		ck_assert_uint_eq(back.palette[i].red, palette[i].r);
		ck_assert_uint_eq(back.palette[i].green, palette[i].g);
		ck_assert_uint_eq(back.palette[i].blue, palette[i].b);
	}
	ck_assert(memcmp(back.pixels, pixels, sizeof pixels) == 0);
	free(back.pixels);
	ck_assert_int_eq(remove(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* Errors name the path and leave no file behind. */
START_TEST(test_png_errors)
{
	struct rgb palette[2] = {{255, 255, 255}, {0, 0, 0}};
	unsigned char pixels[4] = {0, 1, 1, 0};
	struct rlimit old, small;
	struct cd_error err;
	char dir[4096], path[4200];
	unsigned char *big;
	uint32_t seed = 1;
	struct rgb grey[256];
	struct stat st;
	int i, rc;

	make_tmpdir(dir, sizeof dir);

	/* A folder that does not exist. */
	snprintf(path, sizeof path, "%s/missing/out.png", dir);
	ck_assert_int_eq(
	    png_write_indexed(path, 2, 2, pixels, palette, 2, 300, 300, &err),
	    CD_EFAIL);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_ptr_nonnull(strstr(err.msg, "folder exists"));
	ck_assert_int_ne(stat(path, &st), 0);

	/* Bad arguments: nothing is created. */
	snprintf(path, sizeof path, "%s/bad.png", dir);
	pixels[3] = 2;
	ck_assert_int_eq(
	    png_write_indexed(path, 2, 2, pixels, palette, 2, 300, 300, &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "pixel 1,1 has colour 2"));
	pixels[3] = 0;
	ck_assert_int_eq(
	    png_write_indexed(path, 0, 2, pixels, palette, 2, 300, 300, &err),
	    CD_EINVAL);
	ck_assert_int_eq(
	    png_write_indexed(path, 2, 2, pixels, palette, 0, 300, 300, &err),
	    CD_EINVAL);
	ck_assert_int_eq(
	    png_write_indexed(path, 2, 2, pixels, palette, 2, 0, 300, &err),
	    CD_EINVAL);
	ck_assert_int_ne(stat(path, &st), 0);

	/* A write that fails half way (file size limit): the partly written
	 * file is removed. */
	big = malloc(1000 * 1000);
	ck_assert_ptr_nonnull(big);
	for (i = 0; i < 1000 * 1000; i++) {
		seed = seed * 1103515245u + 12345u;
		big[i] = (unsigned char)(seed >> 16);
	}
	for (i = 0; i < 256; i++)
		grey[i].r = grey[i].g = grey[i].b = (unsigned char)i;
	snprintf(path, sizeof path, "%s/big.png", dir);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 10000;
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc =
	    png_write_indexed(path, 1000, 1000, big, grey, 256, 300, 300, &err);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	free(big);
	ck_assert_int_eq(rc, CD_EFAIL);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_ptr_nonnull(strstr(err.msg, "incomplete file was removed"));
	ck_assert_int_ne(stat(path, &st), 0);

	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* The suite of E13B tests. */
static Suite *e13b_suite(void)
{
	Suite *s = suite_create("e13b");
	TCase *tc = tcase_create("core");
	int ndpi = sizeof dpis / sizeof dpis[0];

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_shipped_font);
	tcase_add_test(tc, test_parse_good);
	tcase_add_loop_test(tc, test_parse_bad, 0,
			    sizeof bad_fonts / sizeof bad_fonts[0]);
	tcase_add_test(tc, test_parse_fuzz);
	tcase_add_test(tc, test_load_errors);
	tcase_add_test(tc, test_index);
	tcase_add_loop_test(tc, test_render_pitch, 0, ndpi);
	tcase_add_test(tc, test_render_aniso);
	tcase_add_loop_test(tc, test_render_band, 0, ndpi);
	tcase_add_loop_test(tc, test_render_bad, 0,
			    sizeof bad_renders / sizeof bad_renders[0]);
	tcase_add_test(tc, test_render_limits);
	tcase_add_test(tc, test_blocks);
	tcase_add_test(tc, test_bitmap);
	tcase_add_loop_test(tc, test_png, 0,
			    sizeof png_cases / sizeof png_cases[0]);
	tcase_add_test(tc, test_png_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the E13B suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(e13b_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
