/* printdoc.c - laying out, encoding and previewing a printed document. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "png-out.h"
#include "printdoc.h"

void printdoc_expand(const char *tmpl, const struct printvar *vars, int nvars,
		     char *out, size_t len)
{
	size_t n = 0, k;
	const char *close;
	int i;

	if (len == 0)
		return;
	while (*tmpl && n + 1 < len) {
		if (*tmpl == '{' && (close = strchr(tmpl, '}')) != NULL) {
			k = (size_t)(close - tmpl - 1);
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == k &&
				    strncmp(vars[i].name, tmpl + 1, k) == 0)
					break;
			if (i < nvars) {
				size_t v = strlen(vars[i].value);

				if (v > len - 1 - n) { /* cut at a character */
					v = len - 1 - n;
					while (
					    v > 0 &&
					    ((unsigned char)vars[i].value[v] &
					     0xc0) == 0x80)
						v--;
					memcpy(out + n, vars[i].value, v);
					n += v;
					break;
				}
				memcpy(out + n, vars[i].value, v);
				n += v;
			}
			tmpl = close + 1;
			continue;
		}
		if (((unsigned char)*tmpl & 0xc0) == 0xc0) { /* lead byte */
			size_t k = 1;

			while (((unsigned char)tmpl[k] & 0xc0) == 0x80)
				k++;
			if (n + k > len - 1)
				break;
			memcpy(out + n, tmpl, k);
			n += k;
			tmpl += k;
			continue;
		}
		out[n++] = *tmpl++;
	}
	out[n] = '\0';
}

int printdoc_make(struct printdoc *d, const struct profile *p,
		  enum printdoc_kind kind, const struct e13b_font *font,
		  const char *codeline, const struct printvar *vars, int nvars,
		  struct cd_error *err)
{
	char line[1024];
	int i, rc;

	memset(d, 0, sizeof *d);
	d->profile = p;
	d->layout = kind == PRINTDOC_LABEL ? &p->label : &p->cheque;
	snprintf(d->codeline, sizeof d->codeline, "%s", codeline);
	rc = e13b_render(font, codeline, p->dpi_x, p->dpi_y, p->band,
			 &d->raster, err);
	if (rc != CD_OK)
		return rc;
	if (profile_dots(d->layout->code_x, p->dpi_x) + d->raster.width >
	    profile_dots(d->layout->width, p->dpi_x)) {
		printdoc_free(d);
		return cd_err(err, CD_EINVAL, NULL,
			      _("The code line is too long for the document "
				"in printer profile %s: it would run off the "
				"right edge. Move codeline further left in "
				"the profile or check the account and phone "
				"numbers."),
			      p->path[0] ? p->path : p->name);
	}
	for (i = 0; i < d->layout->ntext; i++) {
		printdoc_expand(d->layout->text[i].tmpl, vars, nvars, line,
				sizeof line);
		if ((d->text[i] = strdup(line)) == NULL) {
			printdoc_free(d);
			return cd_err(
			    err, CD_EFAIL, NULL,
			    _("Out of memory. Close other programs or restart "
			      "chequedesk, then try again; if it happens "
			      "again, report it to branch IT."));
		}
		d->ntext++;
	}
	return CD_OK;
}

void printdoc_free(struct printdoc *d)
{
	int i;

	bitmap_free(&d->raster);
	for (i = 0; i < d->ntext; i++)
		free(d->text[i]);
	d->ntext = 0;
}

/* Convert one run of UTF-8 to the printer's encoding with CD. */
static int convert(iconv_t cd, const char *s, size_t n, struct job *j)
{
	char buf[512], *in = (char *)s, *out;
	size_t inleft = n, outleft;

	while (inleft > 0) {
		out = buf;
		outleft = sizeof buf;
		if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno != E2BIG)
			return -1;
		job_put(j, buf, sizeof buf - outleft);
	}
	return 0;
}

/* Encode one text line: ASCII as is, other runs converted and wrapped in
 * the profile's Chinese mode switches. */
static int encode_text(const struct profile *p, iconv_t cd, const char *s,
		       struct job *j)
{
	size_t n;

	while (*s) {
		for (n = 0; s[n] && !((unsigned char)s[n] & 0x80); n++)
			;
		job_put(j, s, n);
		s += n;
		for (n = 0; s[n] && ((unsigned char)s[n] & 0x80); n++)
			;
		if (n == 0)
			continue;
		job_seq(j, &p->chinese_on);
		if (convert(cd, s, n, j) != 0)
			return -1;
		job_seq(j, &p->chinese_off);
		s += n;
	}
	return 0;
}

/* Order of drawing: top to bottom, so the paper only moves forward. Index
 * -1 is the code line. */
static void order(const struct printdoc *d, int *idx)
{
	int i, k, t;

	idx[0] = -1;
	for (i = 0; i < d->ntext; i++)
		idx[i + 1] = i;
	for (i = 1; i <= d->ntext; i++)
		for (k = i; k > 0; k--) {
			int ya = idx[k - 1] < 0 ? d->layout->code_y
						: d->layout->text[idx[k - 1]].y;
			int yb = idx[k] < 0 ? d->layout->code_y
					    : d->layout->text[idx[k]].y;
			if (ya <= yb)
				break;
			t = idx[k];
			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
}

int printdoc_encode(const struct printdoc *d, struct job *j,
		    struct cd_error *err)
{
	const struct profile *p = d->profile;
	const struct profile_layout *l = d->layout;
	int idx[PROFILE_TEXT_MAX + 1], i;
	iconv_t cd = (iconv_t)-1;
	struct job t = {0};

	if (d->ntext > 0) {
		cd = iconv_open(p->encoding, "UTF-8");
		if (cd == (iconv_t)-1)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("The text encoding \"%s\" in printer "
					"profile %s is not known to this "
					"system. Use GB18030 or install the "
					"encoding (package locales)."),
				      p->encoding, p->path);
	}
	order(d, idx);
	p->cmds->begin(j, p, l);
	for (i = 0; i <= d->ntext; i++) {
		if (idx[i] < 0) {
			p->cmds->raster(j, p, l->code_x, l->code_y, &d->raster);
			continue;
		}
		t.len = 0;
		if (encode_text(p, cd, d->text[idx[i]], &t) != 0) {
			iconv_close(cd);
			job_free(&t);
			return cd_err(err, CD_EINVAL, NULL,
				      _("The text \"%s\" cannot be printed in "
					"the printer's encoding %s. Correct "
					"the name in the bank directory or "
					"the profile."),
				      d->text[idx[i]], p->encoding);
		}
		p->cmds->text(j, p, l->text[idx[i]].x, l->text[idx[i]].y,
			      t.data, t.len);
	}
	p->cmds->end(j, p);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	job_free(&t);
	if (j->failed)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	return CD_OK;
}

/* Printed width of S in half-width columns: ASCII one, others two. */
static int columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (!((unsigned char)*s & 0x80))
			n++;
		else if (((unsigned char)*s & 0xc0) != 0x80)
			n += 2;
	return n;
}

enum { PX_PAPER, PX_INK, PX_TEXT, PX_EDGE };

/* Fill a rectangle of palette index V in a W-wide pixel array. */
static void fill(unsigned char *px, int w, int h, int x0, int y0, int x1,
		 int y1, unsigned char v)
{
	int x, y;

	for (y = y0 < 0 ? 0 : y0; y < y1 && y < h; y++)
		for (x = x0 < 0 ? 0 : x0; x < x1 && x < w; x++)
			px[(size_t)y * w + x] = v;
}

int printdoc_preview(const struct printdoc *d, const char *path, int force,
		     struct cd_error *err)
{
	static const struct rgb palette[] = {
	    {255, 255, 255}, {0, 0, 0}, {190, 215, 255}, {150, 150, 150}};
	const struct profile *p = d->profile;
	const struct profile_layout *l = d->layout;
	int w = profile_dots(l->width, p->dpi_x);
	int h = profile_dots(l->height, p->dpi_y);
	int x0, y0, x, y, i, rc;
	unsigned char *px;

	px = calloc((size_t)w * h, 1);
	if (px == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	fill(px, w, h, 0, 0, w, 1, PX_EDGE);
	fill(px, w, h, 0, h - 1, w, h, PX_EDGE);
	fill(px, w, h, 0, 0, 1, h, PX_EDGE);
	fill(px, w, h, w - 1, 0, w, h, PX_EDGE);
	for (i = 0; i < d->ntext; i++) {
		x0 = profile_dots(l->text[i].x, p->dpi_x);
		y0 = profile_dots(l->text[i].y, p->dpi_y);
		fill(px, w, h, x0, y0,
		     x0 + profile_dots(columns(d->text[i]) * p->char_width,
				       p->dpi_x),
		     y0 + profile_dots(p->line_height, p->dpi_y), PX_TEXT);
	}
	x0 = profile_dots(l->code_x, p->dpi_x);
	y0 = profile_dots(l->code_y, p->dpi_y);
	for (y = 0; y < d->raster.height; y++)
		for (x = 0; x < d->raster.width; x++)
			if (bitmap_get(&d->raster, x, y) && x0 + x < w &&
			    y0 + y < h)
				px[(size_t)(y0 + y) * w + x0 + x] = PX_INK;
	rc = (force ? png_replace_indexed : png_write_indexed)(
	    path, w, h, px, palette, (int)(sizeof palette / sizeof palette[0]),
	    p->dpi_x, p->dpi_y, err);
	free(px);
	return rc;
}
