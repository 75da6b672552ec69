/* e13b.c - reading the E13B glyph file and drawing code lines with it. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e13b.h"
#include "i18n.h"

/* Tallest band e13b_render rounds the height up to. */
#define E13B_MAX_BAND 65536

/* Largest glyph file e13b_font_load reads (the real one is about 2 KiB). */
#define FONT_FILE_MAX (1024 * 1024)

/* Longest piece of a glyph name quoted back in a message, in bytes. */
#define NAME_QUOTE_MAX 32

/* The glyph names of the file format, in font index order. */
static const char *const glyph_names[E13B_NGLYPHS] = {
    "0", "1", "2", "3",	      "4",	"5",	 "6",
    "7", "8", "9", "transit", "amount", "on-us", "dash"};

/* Where a glyph file is being read. */
struct parser {
	const char *name;     /* file name for messages */
	struct cd_error *err; /* where errors go */
	struct e13b_font font;
	int line;		 /* number of the current line */
	int cur;		 /* glyph whose rows are being read, or -1 */
	int nrows;		 /* rows of CUR read so far */
	int last;		 /* last glyph completed, or -1 */
	int where[E13B_NGLYPHS]; /* line of each glyph's "glyph" line, 0 none */
	int grid_line;		 /* line of the "grid" line, 0 none */
};

/* Rows of every glyph of the font P is reading. */
static int nrows(const struct parser *p)
{
	return E13B_ROWS * p->font.grid;
}

/* Most columns of a glyph of the font P is reading. */
static int ncols(const struct parser *p)
{
	return E13B_COLS * p->font.grid;
}

/* Copy N bytes of S into Q for a message: printable ASCII only, others as
 * '?', shortened with "..." when long. Q holds NAME_QUOTE_MAX + 4 bytes. */
static void quote_name(char *q, const char *s, size_t n)
{
	size_t i, cut = n > NAME_QUOTE_MAX ? NAME_QUOTE_MAX : n;

	for (i = 0; i < cut; i++)
		q[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	strcpy(q + cut, cut < n ? "..." : "");
}

/* True for a blank inside a line. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* True when S (N bytes) is made only of '#' and '.', and not empty. */
static int is_row(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != '#' && s[i] != '.')
			return 0;
	return n > 0;
}

/* True when S (N bytes) is a "glyph NAME" line; *NAME and *NLEN get the
 * name with its blanks stripped (possibly empty). */
static int is_glyph_line(const char *s, size_t n, const char **name,
			 size_t *nlen)
{
	size_t i;

	if (n < 5 || memcmp(s, "glyph", 5) != 0 || (n > 5 && !is_blank(s[5])))
		return 0;
	for (i = 5; i < n && is_blank(s[i]); i++)
		;
	*name = s + i;
	*nlen = n - i; /* trailing blanks were stripped from the line */
	return 1;
}

/* The index of glyph name S (N bytes), or -1. */
static int glyph_by_name(const char *s, size_t n)
{
	int i;

	for (i = 0; i < E13B_NGLYPHS; i++)
		if (strlen(glyph_names[i]) == n &&
		    memcmp(glyph_names[i], s, n) == 0)
			return i;
	return -1;
}

/* Report that glyph P->cur was cut short by the current line. */
static int short_glyph(struct parser *p)
{
	return cd_err(
	    p->err, CD_ECONFIG, NULL,
	    /* TRANSLATORS: "%s:%d:" is the glyph file's name and line number;
	     * the second %s is a glyph name such as 3 or transit. "#" and "."
	     * are the characters of the file format. */
	    _("%s:%d: glyph \"%s\" has only %d of its %d rows before this "
	      "line. Give each glyph exactly %d rows of '#' and '.', with no "
	      "blank or comment line among them."),
	    p->name, p->line, glyph_names[p->cur], p->nrows, nrows(p),
	    nrows(p));
}

/* Read one row S (N bytes, not empty) of glyph P->cur. */
static int parse_row(struct parser *p, const char *s, size_t n)
{
	struct e13b_glyph *g = &p->font.glyph[p->cur];
	uint32_t bits = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '#' || c == '.') {
			if (i < (size_t)ncols(p))
				bits = bits << 1 | (c == '#');
			continue;
		}
		if (c > 0x20 && c < 0x7f)
			return cd_err(
			    p->err, CD_ECONFIG, NULL,
			    /* TRANSLATORS: "%s:%d:" is the file name and line
			     * number, the second %d a row number (1-9), the
			     * second %s a glyph name, %c the wrong character
			     * and the last %d its column. */
			    _("%s:%d: row %d of glyph \"%s\" holds '%c' at "
			      "column %d. Draw the rows with '#' for ink and "
			      "'.' for blank only."),
			    p->name, p->line, p->nrows + 1, glyph_names[p->cur],
			    c, (int)i + 1);
		return cd_err(p->err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: like the message above, with the
			       * wrong character as a byte value such as 0x09
			       * (a tab). */
			      _("%s:%d: row %d of glyph \"%s\" holds the byte "
				"0x%02X at column %d. Draw the rows with '#' "
				"for ink and '.' for blank only, without tabs "
				"or blanks."),
			      p->name, p->line, p->nrows + 1,
			      glyph_names[p->cur], c, (int)i + 1);
	}
	if (n > (size_t)ncols(p))
		return cd_err(
		    p->err, CD_ECONFIG, NULL,
		    /* TRANSLATORS: the last %d is the most columns a glyph may
		     * have at the file's grid (7 for "grid 1"). */
		    _("%s:%d: row %d of glyph \"%s\" is %d columns wide, but "
		      "an E13B glyph is at most %d columns wide at this grid. "
		      "Remove the extra columns."),
		    p->name, p->line, p->nrows + 1, glyph_names[p->cur],
		    n > INT_MAX ? INT_MAX : (int)n, ncols(p));
	if (p->nrows > 0 && (int)n != g->width)
		return cd_err(
		    p->err, CD_ECONFIG, NULL,
		    /* TRANSLATORS: the last two %d are widths counted in
		     * squares (characters of the row). */
		    _("%s:%d: row %d of glyph \"%s\" has width %d, but its "
		      "first row has width %d. Make all %d rows of a glyph the "
		      "same width, padding them with '.'."),
		    p->name, p->line, p->nrows + 1, glyph_names[p->cur], (int)n,
		    g->width, nrows(p));
	g->width = (int)n;
	g->rows[p->nrows] = bits;
	if (++p->nrows == nrows(p)) {
		p->last = p->cur;
		p->cur = -1;
	}
	return CD_OK;
}

/* Start the glyph named by the "glyph" line holding NAME (N bytes). */
static int parse_glyph_line(struct parser *p, const char *name, size_t n)
{
	char q[NAME_QUOTE_MAX + 4];
	int i;

	if (n == 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: this glyph line gives no name. Write "
				"the glyph's name after \"glyph\", e.g. "
				"\"glyph 0\" or \"glyph transit\"."),
			      p->name, p->line);
	i = glyph_by_name(name, n);
	if (i < 0) {
		quote_name(q, name, n);
		return cd_err(p->err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: the names 0 to 9, transit, amount,
			       * on-us and dash are part of the file format and
			       * must not be translated. */
			      _("%s:%d: unknown glyph name \"%s\". Use one of "
				"0 to 9, transit, amount, on-us and dash."),
			      p->name, p->line, q);
	}
	if (p->where[i] != 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: glyph \"%s\" is drawn twice (first on "
				"line %d). Remove one of the two."),
			      p->name, p->line, glyph_names[i], p->where[i]);
	p->where[i] = p->line;
	p->cur = i;
	p->nrows = 0;
	p->font.glyph[i].width = 0;
	return CD_OK;
}

/* Read a "grid N" line S (N bytes): the division of a 0.013-inch square,
 * given once, before the first glyph. */
static int parse_grid_line(struct parser *p, const char *s, size_t n)
{
	size_t i = 4;
	int v = 0;

	while (i < n && is_blank(s[i]))
		i++;
	if (p->grid_line != 0 || p->last >= 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: "grid" is a keyword of the file
			       * format and must not be translated. */
			      _("%s:%d: a \"grid\" line may only come once, "
				"before the first glyph. Move it to the top of "
				"the file."),
			      p->name, p->line);
	if (n - i == 1 && s[i] >= '1' && s[i] <= '0' + E13B_MAX_GRID)
		v = s[i] - '0';
	if (v == 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: the grid must be a whole number from 1 "
				"to %d (how many cells each side of a "
				"0.013-inch square is divided into), e.g. "
				"\"grid 3\"."),
			      p->name, p->line, E13B_MAX_GRID);
	p->grid_line = p->line;
	p->font.grid = v;
	return CD_OK;
}

/* True when S (N bytes) is a "grid ..." line. */
static int is_grid_line(const char *s, size_t n)
{
	return n >= 4 && memcmp(s, "grid", 4) == 0 &&
	       (n == 4 || is_blank(s[4]));
}

/* Read one line S (N bytes, trailing blanks and CR stripped). */
static int parse_line(struct parser *p, const char *s, size_t n)
{
	const char *name;
	size_t nlen;

	if (p->cur >= 0) {
		if (n == 0 || is_glyph_line(s, n, &name, &nlen) ||
		    (n >= 2 && s[0] == '#' && is_blank(s[1])))
			return short_glyph(p);
		return parse_row(p, s, n);
	}
	if (n == 0 || (s[0] == '#' && (n == 1 || is_blank(s[1]))))
		return CD_OK; /* blank line or comment */
	if (is_glyph_line(s, n, &name, &nlen))
		return parse_glyph_line(p, name, nlen);
	if (is_grid_line(s, n))
		return parse_grid_line(p, s, n);
	if (is_row(s, n) && p->last >= 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: glyph \"%s\" already has its %d "
				"rows; this row is one too many. Remove it, or "
				"start a new glyph with a \"glyph NAME\" "
				"line."),
			      p->name, p->line, glyph_names[p->last], nrows(p));
	if (is_row(s, n))
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: this row comes before any \"glyph "
				"NAME\" line. Start each glyph with a line "
				"such as \"glyph 0\" followed by its %d "
				"rows."),
			      p->name, p->line, nrows(p));
	return cd_err(p->err, CD_ECONFIG, NULL,
		      _("%s:%d: this line is not understood. A glyph file "
			"holds \"glyph NAME\" lines, each followed by %d rows "
			"of '#' and '.', and between glyphs blank lines and "
			"comments starting with \"# \"."),
		      p->name, p->line, nrows(p));
}

/* Check that the whole file has been read properly. */
static int parse_end(struct parser *p)
{
	char missing[E13B_NGLYPHS * 10] = "";
	int i, line = p->line > 0 ? p->line : 1;

	if (p->cur >= 0)
		return cd_err(p->err, CD_ECONFIG, NULL,
			      _("%s:%d: the file ends after %d of the %d rows "
				"of glyph \"%s\". Add the missing rows; every "
				"glyph has exactly %d."),
			      p->name, line, p->nrows, nrows(p),
			      glyph_names[p->cur], nrows(p));
	for (i = 0; i < E13B_NGLYPHS; i++) {
		if (p->where[i] != 0)
			continue;
		if (missing[0] != '\0')
			strcat(missing, ", ");
		strcat(missing, glyph_names[i]);
	}
	if (missing[0] != '\0')
		return cd_err(p->err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: the second %s is a list of glyph
			       * names such as "5, transit, dash". */
			      _("%s:%d: the file has no glyph for %s. Add a "
				"\"glyph NAME\" line followed by %d rows for "
				"each of them."),
			      p->name, line, missing, nrows(p));
	return CD_OK;
}

/* Read a glyph file held in memory. */
int e13b_font_parse(struct e13b_font *font, const char *text, size_t len,
		    const char *name, struct cd_error *err)
{
	struct parser p;
	size_t pos = 0, n;
	const char *s, *nl;
	int rc;

	memset(&p, 0, sizeof p);
	p.name = name != NULL ? name : "e13b.glyphs";
	p.err = err;
	p.cur = -1;
	p.last = -1;
	p.font.grid = 1;
	if (text == NULL)
		len = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark left by an editor */
	while (pos < len) {
		s = text + pos;
		nl = memchr(s, '\n', len - pos);
		n = nl != NULL ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		if (p.line < INT_MAX)
			p.line++;
		while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
			n--;
		rc = parse_line(&p, s, n);
		if (rc != CD_OK)
			return rc;
	}
	rc = parse_end(&p);
	if (rc != CD_OK)
		return rc;
	*font = p.font;
	return CD_OK;
}

/* Read a glyph file. */
int e13b_font_load(struct e13b_font *font, const char *path,
		   struct cd_error *err)
{
	FILE *f;
	char *buf;
	size_t len;
	int rc, e;

	f = fopen(path, "rb");
	if (f == NULL) {
		e = errno;
		return cd_err(err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: the second %s is the system's
			       * reason, e.g. "No such file or directory". */
			      _("Cannot open the E13B glyph file %s: %s. Check "
				"that chequedesk is completely installed (the "
				"file e13b.glyphs is in its data folder) or "
				"give the right path."),
			      path, strerror(e));
	}
	buf = malloc(FONT_FILE_MAX + 1);
	if (buf == NULL) {
		fclose(f);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory reading %s. Close other "
				"programs and try again."),
			      path);
	}
	len = fread(buf, 1, FONT_FILE_MAX + 1, f);
	if (ferror(f)) {
		e = errno;
		free(buf);
		fclose(f);
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot read the E13B glyph file %s: %s. Check "
				"that the path names the file e13b.glyphs."),
			      path, strerror(e));
	}
	fclose(f);
	if (len > FONT_FILE_MAX) {
		free(buf);
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s is larger than 1 MiB, far too large for "
				"an E13B glyph file. Check that the path names "
				"the file e13b.glyphs."),
			      path);
	}
	rc = e13b_font_parse(font, buf, len, path, err);
	free(buf);
	return rc;
}

/* The glyph index of a code point. */
int e13b_index(uint32_t codepoint)
{
	if (codepoint >= '0' && codepoint <= '9')
		return (int)(codepoint - '0');
	if (codepoint >= 0x2446 && codepoint <= 0x2449)
		return (int)(codepoint - 0x2446) + 10;
	return -1;
}

/* Decode the UTF-8 character at S (NUL-terminated) into *CP; returns its
 * length in bytes, or -1 when S does not start a valid UTF-8 character. */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	int n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return n;
}

/* Refuse the character of length K at S, character position POS of a line. */
static int bad_char(const unsigned char *s, int k, uint32_t cp, size_t pos,
		    struct cd_error *err)
{
	if (k < 0)
		return cd_err(err, CD_EINVAL, NULL,
			      _("The code line holds the byte 0x%02X at "
				"position %zu, which is not valid UTF-8 text. "
				"Print only the digits 0-9, the E13B symbols "
				"⑆ ⑇ ⑈ ⑉ and blanks."),
			      s[0], pos);
	if (cp > 0x20 && cp < 0x7F)
		return cd_err(
		    err, CD_EINVAL, NULL,
		    /* TRANSLATORS: '%c' is the character and %zu its
		     * position in the line. */
		    _("The code line holds '%c' at position %zu, "
		      "which is not an E13B character. Print only the "
		      "digits 0-9, the E13B symbols ⑆ ⑇ ⑈ ⑉ and "
		      "blanks."),
		    (int)cp, pos);
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return cd_err(err, CD_EINVAL, NULL,
			      _("The code line holds the control character "
				"U+%04X at position %zu. Print only the digits "
				"0-9, the E13B symbols ⑆ ⑇ ⑈ ⑉ and blanks."),
			      (unsigned)cp, pos);
	return cd_err(err, CD_EINVAL, NULL,
		      /* TRANSLATORS: '%.*s' is the character itself, U+%04X its
		       * Unicode number and %zu its position in the line. */
		      _("The code line holds '%.*s' (U+%04X) at position %zu, "
			"which is not an E13B character. Print only the digits "
			"0-9, the E13B symbols ⑆ ⑇ ⑈ ⑉ and blanks."),
		      k, (const char *)s, (unsigned)cp, pos);
}

/* Check LINE and put each character's glyph index (-1 for a blank) into
 * IDX (E13B_MAX_CHARS entries) and their number into *COUNT. */
static int scan_line(const char *line, signed char *idx, size_t *count,
		     struct cd_error *err)
{
	const unsigned char *s =
	    (const unsigned char *)(line != NULL ? line : "");
	size_t n = 0;
	uint32_t cp = 0;
	int k, g;

	while (*s != '\0') {
		k = utf8_decode(s, &cp);
		g = k < 0 ? -1 : e13b_index(cp);
		if (k < 0 || (g < 0 && cp != ' '))
			return bad_char(s, k, cp, n + 1, err);
		if (n == E13B_MAX_CHARS)
			return cd_err(err, CD_EINVAL, NULL,
				      _("The code line is longer than %d "
					"characters. Print a shorter line; a "
					"code line has fewer than 100."),
				      E13B_MAX_CHARS);
		idx[n++] = (signed char)g;
		s += k;
	}
	if (n == 0)
		return cd_err(err, CD_EINVAL, NULL,
			      _("The code line to print is empty. Give at "
				"least one digit or E13B symbol."));
	*count = n;
	return CD_OK;
}

/* Pixel of position MILS at DPI: (MILS * DPI + 500) / 1000. */
static int64_t px(int64_t mils, int dpi)
{
	return (mils * dpi + 500) / 1000;
}

/* Pixel of position V / GRID mils at DPI, rounded as px() rounds. */
static int64_t px_cells(int64_t v, int grid, int dpi)
{
	return (v * dpi + 500 * grid) / (1000 * grid);
}

/* Draw glyph G (on a grid of GRID cells per square) as character I of a
 * line into OUT. Positions are kept in 1/GRID mils, so they stay exact. */
static void draw_glyph(const struct e13b_glyph *g, int grid, size_t i,
		       int dpi_x, int dpi_y, struct bitmap *out)
{
	int64_t left = (int64_t)i * E13B_PITCH_MILS * grid, x0, x1;
	int w = g->width, r, c, start;

	if (grid < 1 || grid > E13B_MAX_GRID || w < 1 || w > E13B_COLS * grid)
		return;
	for (r = 0; r < E13B_ROWS * grid; r++) {
		c = 0;
		while (c < w) {
			if (!((g->rows[r] >> (w - 1 - c)) & 1)) {
				c++;
				continue;
			}
			start = c;
			while (c < w && ((g->rows[r] >> (w - 1 - c)) & 1))
				c++;
			/* One run of squares [start, c) of row r. */
			x0 = left + (int64_t)(E13B_COLS * grid - w + start) *
					E13B_CELL_MILS;
			x1 = left + (int64_t)(E13B_COLS * grid - w + c) *
					E13B_CELL_MILS;
			bitmap_fill(
			    out, (int)px_cells(x0, grid, dpi_x),
			    (int)px_cells((int64_t)r * E13B_CELL_MILS, grid,
					  dpi_y),
			    (int)px_cells(x1, grid, dpi_x),
			    (int)px_cells((int64_t)(r + 1) * E13B_CELL_MILS,
					  grid, dpi_y));
		}
	}
}

/* Draw a code line into a new bitmap. */
int e13b_render(const struct e13b_font *font, const char *line, int dpi_x,
		int dpi_y, int band, struct bitmap *out, struct cd_error *err)
{
	signed char idx[E13B_MAX_CHARS];
	size_t n, i;
	int64_t width, height;
	int rc;

	out->width = 0;
	out->height = 0;
	out->stride = 0;
	out->bits = NULL;
	if (dpi_x < E13B_MIN_DPI || dpi_x > E13B_MAX_DPI ||
	    dpi_y < E13B_MIN_DPI || dpi_y > E13B_MAX_DPI)
		return cd_err(err, CD_EINVAL, NULL,
			      /* TRANSLATORS: dpi = dots (pixels) per inch. */
			      _("Cannot print the code line at %d x %d dpi: "
				"the resolution must be from %d to %d dpi "
				"each way. Check the printer's resolution "
				"setting, e.g. 300."),
			      dpi_x, dpi_y, E13B_MIN_DPI, E13B_MAX_DPI);
	if (band < 1 || band > E13B_MAX_BAND)
		return cd_err(err, CD_EINVAL, NULL,
			      _("Cannot print the code line in bands of %d "
				"pixel rows: a band must be from 1 to %d rows. "
				"Check the printer's band setting, e.g. 24."),
			      band, E13B_MAX_BAND);
	rc = scan_line(line, idx, &n, err);
	if (rc != CD_OK)
		return rc;
	width = px((int64_t)n * E13B_PITCH_MILS, dpi_x);
	height = px(E13B_HEIGHT_MILS, dpi_y);
	height = (height + band - 1) / band * band;
	rc = bitmap_init(out, (int)width, (int)height, err);
	if (rc != CD_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (idx[i] >= 0)
			draw_glyph(&font->glyph[idx[i]], font->grid, i, dpi_x,
				   dpi_y, out);
	return CD_OK;
}

/* Cell (C, R) of glyph G, C counted in its right-aligned box of
 * E13B_COLS * GRID columns: 1 ink, 0 blank. */
static int box_cell(const struct e13b_glyph *g, int grid, int c, int r)
{
	c -= E13B_COLS * grid - g->width;
	if (c < 0 || c >= g->width)
		return 0;
	return (int)((g->rows[r] >> (g->width - 1 - c)) & 1);
}

/* Square (BC, BR) of glyph G (GRID cells a side) in its 8 x 10 padded box:
 * 1 when at least a third of its cells are ink, so that a thin stroke
 * shows, 0 otherwise. */
static int box_square(const struct e13b_glyph *g, int grid, int bc, int br)
{
	int c, r, ink = 0;

	if (g == NULL || grid < 1 || grid > E13B_MAX_GRID || g->width < 1 ||
	    g->width > E13B_COLS * grid || bc >= E13B_COLS || br >= E13B_ROWS)
		return 0;
	for (r = br * grid; r < (br + 1) * grid; r++)
		for (c = bc * grid; c < (bc + 1) * grid; c++)
			ink += box_cell(g, grid, c, r);
	return 3 * ink >= grid * grid;
}

/* Quadrant characters indexed by 1 upper left, 2 upper right, 4 lower left,
 * 8 lower right. */
static const char *const quadrants[16] = {" ", "▘", "▝", "▀", "▖", "▌",
					  "▞", "▛", "▗", "▚", "▐", "▜",
					  "▄", "▙", "▟", "█"};

/* Terminal columns of one character in e13b_blocks. */
#define BLOCK_COLS 4

/* Terminal lines of one character in e13b_blocks. */
#define BLOCK_LINES 5

/* Append one terminal line (line TL of the blocks) of the K characters IDX
 * to P; returns the new end. */
static char *blocks_line(const struct e13b_font *font, const signed char *idx,
			 size_t k, int tl, char *p)
{
	const struct e13b_glyph *g;
	size_t i;
	int tc, q;

	for (i = 0; i < k; i++) {
		g = idx[i] >= 0 ? &font->glyph[idx[i]] : NULL;
		for (tc = 0; tc < BLOCK_COLS; tc++) {
			q = box_square(g, font->grid, 2 * tc, 2 * tl) |
			    box_square(g, font->grid, 2 * tc + 1, 2 * tl) << 1 |
			    box_square(g, font->grid, 2 * tc, 2 * tl + 1) << 2 |
			    box_square(g, font->grid, 2 * tc + 1, 2 * tl + 1)
				<< 3;
			strcpy(p, quadrants[q]);
			p += strlen(p);
		}
	}
	*p++ = '\n';
	return p;
}

/* A terminal preview of a code line in quadrant blocks. */
char *e13b_blocks(const struct e13b_font *font, const char *line,
		  int glyphs_per_row, struct cd_error *err)
{
	signed char idx[E13B_MAX_CHARS];
	size_t n, start, k, size;
	char *buf, *p;
	int tl;

	if (glyphs_per_row < 1) {
		cd_err(err, CD_EINVAL, NULL,
		       _("Cannot preview the code line with %d characters to "
			 "a row: give at least 1."),
		       glyphs_per_row);
		return NULL;
	}
	if (scan_line(line, idx, &n, err) != CD_OK)
		return NULL;
	/* Each cell takes at most 3 bytes; each line ends in '\n'; one empty
	 * line between rows; the final NUL. */
	size = 1;
	for (start = 0; start < n; start += k) {
		k = n - start < (size_t)glyphs_per_row ? n - start
						       : (size_t)glyphs_per_row;
		size += (start > 0) + BLOCK_LINES * (k * BLOCK_COLS * 3 + 1);
	}
	buf = malloc(size);
	if (buf == NULL) {
		cd_err(err, CD_EFAIL, NULL,
		       _("Out of memory for the code line preview. Close other "
			 "programs and try again."));
		return NULL;
	}
	p = buf;
	for (start = 0; start < n; start += k) {
		k = n - start < (size_t)glyphs_per_row ? n - start
						       : (size_t)glyphs_per_row;
		if (start > 0)
			*p++ = '\n';
		for (tl = 0; tl < BLOCK_LINES; tl++)
			p = blocks_line(font, idx + start, k, tl, p);
	}
	*p = '\0';
	return buf;
}
