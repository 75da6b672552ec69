/* test-profile.c - unit tests for printer profiles, the ESC/P2 and PR2
 * command sets and the printed document (raster, text, job bytes). */
#include "config.h"

#include <check.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bitmap.h"
#include "e13b.h"
#include "printdoc.h"
#include "printer.h"
#include "profile.h"

/* The code line used on cheques: on-us, dash, amount and blanks. */
#define CHEQUE_LINE "⑈123⑈ 011⑉84 ⑇000000123456⑇"

/* A minimal profile, 11 lines: the top (lines 1-3), [cheque] (4-7) and
 * [label] (8-11). */
#define TOP "name = Test\ncommands = escp2\nresolution = 360x180\n"
#define CHEQUE "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12 66\n"
#define LABEL "[label]\nwidth = 150\nheight = 100\ncodeline = 10 88\n"
#define GOOD TOP CHEQUE LABEL

/* The same for the PR2 command set. */
#define TOP_PR2 "name = Test\ncommands = pr2\nresolution = 180x180\n"

/* One text line, and sixteen of them. */
#define TX "text = 1 1 \"x\"\n"
#define TX4 TX TX TX TX
#define TX16 TX4 TX4 TX4 TX4

/* A string literal and its length without the final NUL. */
#define T(s) s, sizeof s - 1

/* The label lines of both shipped profiles: x, y and the template. */
static const struct profile_text shipped_text[6] = {
    {1000, 800, "交换行号：{bank}  {bank_name}"},
    {1000, 1600, "票据种类：{type} {type_name}（{dc_name}）"},
    {1000, 2400, "张数：{count}    金额：{amount}"},
    {1000, 3200, "大写：{capitals}"},
    {1000, 4000, "日期：{date}  第{session}场  袋号：{bag}"},
    {1000, 4800,
     "提出行：{branch} {branch_name}  柜员：{teller} "
     "{teller_name}"},
};

/* Values for every placeholder a bag label uses. */
static const struct printvar label_vars[] = {
    {"bank", "0201"},
    {"bank_name", "中国银行"},
    {"type", "01"},
    {"type_name", "转账支票"},
    {"dc", "D"},
    {"dc_name", "借方"},
    {"count", "12"},
    {"amount", "1,234.56"},
    {"capitals", "壹仟贰佰叁拾肆元伍角陆分"},
    {"date", "2024-03-15"},
    {"session", "1"},
    {"bag", "0001"},
    {"branch", "0102"},
    {"branch_name", "营业部"},
    {"teller", "07"},
    {"teller_name", "张三"},
};

/* The six label lines expanded from label_vars. */
static const char *const label_lines[6] = {
    "交换行号：0201  中国银行",
    "票据种类：01 转账支票（借方）",
    "张数：12    金额：1,234.56",
    "大写：壹仟贰佰叁拾肆元伍角陆分",
    "日期：2024-03-15  第1场  袋号：0001",
    "提出行：0102 营业部  柜员：07 张三",
};

/* The first label line as the printers get it: GB18030 for 交换行号：,
 * the ASCII as is, GB18030 for 中国银行. */
static const unsigned char gb_line0_han1[] = {0xbd, 0xbb, 0xbb, 0xbb, 0xd0,
					      0xd0, 0xba, 0xc5, 0xa3, 0xba};
static const unsigned char gb_line0_han2[] = {0xd6, 0xd0, 0xb9, 0xfa,
					      0xd2, 0xf8, 0xd0, 0xd0};

/* S formatted as hex bytes for messages (four rotating buffers). */
static const char *hex(const unsigned char *s, size_t n)
{
	static char buf[4][600];
	static int k;
	char *out = buf[k++ % 4];
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o + 4 < sizeof buf[0]; i++)
		o += (size_t)snprintf(out + o, sizeof buf[0] - o, "%s%02x",
				      i ? " " : "", s[i]);
	if (i < n && o + 4 < sizeof buf[0])
		snprintf(out + o, sizeof buf[0] - o, " ...");
	return out;
}

/* Fail unless the N bytes at GOT are the WN bytes WANT. */
static void expect_bytes(const unsigned char *got, size_t n,
			 const unsigned char *want, size_t wn, const char *what)
{
	ck_assert_msg(n == wn && (n == 0 || memcmp(got, want, n) == 0),
		      "%s: got [%s], want [%s]", what, hex(got, n),
		      hex(want, wn));
}

/* $top_srcdir/REL in OUT. */
static void srcpath(char *out, size_t len, const char *rel)
{
	const char *top = getenv("top_srcdir");

	snprintf(out, len, "%s/%s", top != NULL && top[0] != '\0' ? top : ".",
		 rel);
}

/* Load the shipped profile ID or fail the test. */
static void load_shipped(struct profile *p, const char *id)
{
	char path[4096], rel[128];
	struct cd_error err;

	snprintf(rel, sizeof rel, "printers/%s.profile", id);
	srcpath(path, sizeof path, rel);
	cd_err_clear(&err);
	ck_assert_msg(profile_load(p, path, &err) == CD_OK, "%s", err.msg);
}

/* Load the shipped E13B font or fail the test. */
static void load_font(struct e13b_font *font)
{
	char path[4096];
	struct cd_error err;

	srcpath(path, sizeof path, "data/e13b.glyphs");
	cd_err_clear(&err);
	ck_assert_msg(e13b_font_load(font, path, &err) == CD_OK, "%s", err.msg);
}

/* Parse the N bytes of TEXT as "test.profile" from a buffer of exactly N
 * bytes (no NUL after them), so that the sanitizers see any overread. */
static int parse_n(struct profile *p, const char *text, size_t n,
		   struct cd_error *err)
{
	char *buf = malloc(n > 0 ? n : 1);
	int rc;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, text, n);
	cd_err_clear(err);
	rc = profile_parse(p, buf, n, "test.profile", err);
	free(buf);
	return rc;
}

/* Parse the string TEXT, which must be a good profile. */
static void parse_good(struct profile *p, const char *text)
{
	struct cd_error err;

	ck_assert_msg(parse_n(p, text, strlen(text), &err) == CD_OK, "%s",
		      err.msg);
}

/* Write the N bytes TEXT to DIR/NAME. */
static void write_file(const char *dir, const char *name, const char *text,
		       size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s", path);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* Remove DIR/NAME. */
static void remove_file(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg(unlink(path) == 0, "cannot remove %s", path);
}

/* A new empty folder under the temporary folder, its name in OUT. */
static void make_tmpdir(char *out, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(out, len, "%s/test-profile-XXXXXX",
		 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(out));
}

/* 1/100 mm in steps of 1/PER inch, rounded to nearest. */
static unsigned to_steps(int hmm, int per)
{
	return (unsigned)(((long long)hmm * per + 1270) / 2540);
}

/* A job being read back, byte by byte. */
struct rd {
	const unsigned char *b;
	size_t n, pos;
};

/* The next byte of R. */
static int rd_byte(struct rd *r)
{
	ck_assert_msg(r->pos < r->n, "the job ends early at offset %zu",
		      r->pos);
	return r->b[r->pos++];
}

/* True when the N bytes S come next in R. */
static int rd_at(const struct rd *r, const void *s, size_t n)
{
	return r->pos + n <= r->n && memcmp(r->b + r->pos, s, n) == 0;
}

/* Fail unless the N bytes S come next in R; skip them. */
static void rd_expect(struct rd *r, const void *s, size_t n, const char *what)
{
	size_t have = r->n - r->pos < n ? r->n - r->pos : n;

	ck_assert_msg(rd_at(r, s, n), "%s at offset %zu: got [%s], want [%s]",
		      what, r->pos, hex(r->b + r->pos, have),
		      hex((const unsigned char *)s, n));
	r->pos += n;
}

/* A little-endian 16-bit number from R. */
static unsigned rd_le16(struct rd *r)
{
	unsigned lo = (unsigned)rd_byte(r);

	return lo | (unsigned)rd_byte(r) << 8;
}

/* Exactly N ASCII digits from R as a number. */
static unsigned rd_digits(struct rd *r, int n)
{
	unsigned v = 0;
	int c;

	while (n-- > 0) {
		c = rd_byte(r);
		ck_assert_msg(c >= '0' && c <= '9',
			      "expected a digit at offset %zu, got 0x%02x",
			      r->pos - 1, c);
		v = v * 10 + (unsigned)(c - '0');
	}
	return v;
}

#define MAXEV 128

/* One thing a job places on the document. */
struct ev {
	int raster;		   /* 1 a raster band, 0 a text line */
	unsigned x, y;		   /* its position as sent */
	int width, rows;	   /* raster: dots across and rows */
	unsigned char *bits;	   /* raster: rows of (width + 7) / 8 bytes */
	const unsigned char *text; /* text: the bytes as sent */
	size_t n;
};

/* What a job places, in order, and how its rasters were compressed. */
struct evs {
	struct ev ev[MAXEV];
	int n;
	int literals, runs; /* ESC/P2 run-length counters seen */
};

/* Release the decoded rasters in E. */
static void evs_free(struct evs *e)
{
	int i;

	for (i = 0; i < e->n; i++)
		free(e->ev[i].bits);
	e->n = 0;
}

/* A new event in E. */
static struct ev *evs_add(struct evs *e)
{
	ck_assert_int_lt(e->n, MAXEV);
	memset(&e->ev[e->n], 0, sizeof e->ev[0]);
	return &e->ev[e->n++];
}

/* Text from R up to its closing CR. */
static void read_text(struct rd *r, struct ev *ev, size_t stop)
{
	ev->text = r->b + r->pos;
	while (r->pos < stop && r->b[r->pos] != '\r')
		r->pos++;
	ev->n = (size_t)(r->b + r->pos - ev->text);
	rd_expect(r, "\r", 1, "CR after the text");
}

/* Decode one ESC/P2 mode 1 row of STRIDE bytes from R into OUT: a counter
 * 0..127 is followed by n + 1 literal bytes, 129..255 by one byte repeated
 * 257 - n times; 128 is not allowed and no run may cross the row end. */
static void rle_decode_row(struct rd *r, unsigned char *out, size_t stride,
			   struct evs *e)
{
	size_t got = 0, k;
	int c, v;

	while (got < stride) {
		c = rd_byte(r);
		ck_assert_msg(c != 128, "counter 128 at offset %zu",
			      r->pos - 1);
		if (c < 128) {
			k = (size_t)c + 1;
			ck_assert_msg(got + k <= stride,
				      "a literal of %zu bytes runs past the "
				      "row end at offset %zu",
				      k, r->pos - 1);
			ck_assert_msg(r->pos + k <= r->n, "the job ends "
							  "inside a literal");
			memcpy(out + got, r->b + r->pos, k);
			r->pos += k;
			e->literals++;
		} else {
			k = (size_t)(257 - c);
			ck_assert_msg(got + k <= stride,
				      "a run of %zu bytes runs past the row "
				      "end at offset %zu",
				      k, r->pos - 1);
			v = rd_byte(r);
			memset(out + got, v, k);
			e->runs++;
		}
		got += k;
	}
}

/* Read an ESC/P2 job for layout L of profile P: check the set-up and the
 * end exactly, and list the text lines and decoded raster bands. */
static void escp2_walk(const struct job *j, const struct profile *p,
		       const struct profile_layout *l, struct evs *e)
{
	struct rd r = {j->data, j->len, 0};
	unsigned len = to_steps(l->height, 360);
	unsigned char tail[PROFILE_BYTES_MAX + 2];
	size_t ntail = 0, stop, stride, row;
	struct ev *ev;

	memset(e, 0, sizeof *e);
	ck_assert(!j->failed);
	if (p->init.n)
		rd_expect(&r, p->init.b, p->init.n, "init");
	else
		rd_expect(&r, "\033@", 2, "ESC @");
	rd_expect(&r, "\033(G\001\000\001", 6, "ESC ( G graphics mode");
	rd_expect(&r, "\033(U\001\000\012", 6, "ESC ( U 1/360 inch");
	rd_expect(&r, "\033(C\002\000", 5, "ESC ( C page length");
	ck_assert_uint_eq(rd_le16(&r), len);
	rd_expect(&r, "\033(c\004\000", 5, "ESC ( c page format");
	ck_assert_uint_eq(rd_le16(&r), 0);
	ck_assert_uint_eq(rd_le16(&r), len);
	rd_expect(&r, p->insert.b, p->insert.n, "insert");
	if (p->eject.n) {
		memcpy(tail, p->eject.b, p->eject.n);
		ntail = p->eject.n;
	} else
		tail[ntail++] = '\f';
	tail[ntail++] = 0x1b;
	tail[ntail++] = '@';
	ck_assert_uint_ge(r.n, r.pos + ntail);
	stop = r.n - ntail;
	expect_bytes(r.b + stop, ntail, tail, ntail, "the end of the job");
	while (r.pos < stop) {
		ev = evs_add(e);
		rd_expect(&r, "\033(V\002\000", 5, "ESC ( V");
		ev->y = rd_le16(&r);
		rd_expect(&r, "\033$", 2, "ESC $");
		ev->x = rd_le16(&r);
		if (!rd_at(&r, "\033.\001", 3)) {
			read_text(&r, ev, stop);
			continue;
		}
		r.pos += 3;
		ev->raster = 1;
		ck_assert_int_eq(rd_byte(&r), 3600 / p->dpi_y);
		ck_assert_int_eq(rd_byte(&r), 3600 / p->dpi_x);
		ev->rows = rd_byte(&r);
		ck_assert_int_eq(ev->rows, p->band);
		ev->width = (int)rd_le16(&r);
		ck_assert_int_gt(ev->width, 0);
		stride = ((size_t)ev->width + 7) / 8;
		ev->bits = calloc(stride * (size_t)ev->rows, 1);
		ck_assert_ptr_nonnull(ev->bits);
		for (row = 0; row < (size_t)ev->rows; row++)
			rle_decode_row(&r, ev->bits + row * stride, stride, e);
		rd_expect(&r, "\r", 1, "CR after the raster band");
	}
	ck_assert_uint_eq(r.pos, stop);
}

/* Read a PR2 job for profile P: check the set-up and the end exactly, and
 * list the text lines and decoded bit images. */
static void pr2_walk(const struct job *j, const struct profile *p,
		     struct evs *e)
{
	struct rd r = {j->data, j->len, 0};
	size_t stop, stride;
	struct ev *ev;
	int c, b, k, v;

	memset(e, 0, sizeof *e);
	ck_assert(!j->failed);
	if (p->init.n)
		rd_expect(&r, p->init.b, p->init.n, "init");
	else
		rd_expect(&r, "\0330", 2, "ESC 0");
	rd_expect(&r, "\033!G1", 4, "ESC ! G 1: 24-pin graphics");
	rd_expect(&r, p->insert.b, p->insert.n, "insert");
	if (p->eject.n) {
		ck_assert_uint_ge(r.n, r.pos + p->eject.n);
		stop = r.n - p->eject.n;
		expect_bytes(r.b + stop, p->eject.n, p->eject.b, p->eject.n,
			     "eject");
	} else {
		ck_assert_uint_ge(r.n, r.pos + 2);
		stop = r.n - 2;
		expect_bytes(r.b + stop, 2, (const unsigned char *)"\033O", 2,
			     "ESC O");
	}
	while (r.pos < stop) {
		ev = evs_add(e);
		rd_expect(&r, "\033/1", 3, "ESC / 1");
		ev->y = rd_digits(&r, 3);
		rd_expect(&r, "\033|A", 3, "ESC | A");
		ev->x = rd_digits(&r, 3);
		rd_expect(&r, "\r", 1, "CR after the position");
		if (!rd_at(&r, "\0331B", 3)) {
			read_text(&r, ev, stop);
			continue;
		}
		r.pos += 3;
		ev->raster = 1;
		ev->width = (int)rd_digits(&r, 4);
		ev->rows = 24;
		ck_assert_int_gt(ev->width, 0);
		stride = ((size_t)ev->width + 7) / 8;
		ev->bits = calloc(stride * 24, 1);
		ck_assert_ptr_nonnull(ev->bits);
		for (c = 0; c < ev->width; c++)
			for (b = 0; b < 3; b++) {
				v = rd_byte(&r);
				for (k = 0; k < 8; k++)
					if (v & (0x80 >> k))
						ev->bits[(size_t)(b * 8 + k) *
							     stride +
							 (size_t)c / 8] |=
						    (unsigned char)(0x80 >>
								    (c % 8));
			}
		rd_expect(&r, "\0332", 2, "ESC 2 after the bit image");
		rd_expect(&r, "\r", 1, "CR after the bit image");
	}
	ck_assert_uint_eq(r.pos, stop);
}

/* Fail unless raster event EV holds rows R0.. of BM bit for bit (rows past
 * BM's bottom blank, padding bits 0). */
static void check_band(const struct ev *ev, const struct bitmap *bm, int r0)
{
	size_t stride = ((size_t)ev->width + 7) / 8, i;
	const unsigned char *got;
	int r;

	ck_assert(ev->raster);
	ck_assert_int_eq(ev->width, bm->width);
	ck_assert_uint_eq(stride, bm->stride);
	for (r = 0; r < ev->rows; r++) {
		got = ev->bits + (size_t)r * stride;
		if (r0 + r < bm->height) {
			ck_assert_msg(
			    memcmp(got,
				   bm->bits + (size_t)(r0 + r) * bm->stride,
				   stride) == 0,
			    "raster row %d differs", r0 + r);
			continue;
		}
		for (i = 0; i < stride; i++)
			ck_assert_msg(got[i] == 0,
				      "row %d past the bottom has "
				      "ink",
				      r0 + r);
	}
}

/* Convert the N bytes S from encoding FROM to UTF-8 in OUT. */
static void to_utf8(const char *from, const unsigned char *s, size_t n,
		    char *out, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *in = (char *)s, *o = out;
	size_t inleft = n, outleft = len - 1;

	ck_assert_msg(cd != (iconv_t)-1, "iconv cannot convert from %s", from);
	ck_assert_msg(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1,
		      "[%s] is not %s", hex(s, n), from);
	*o = '\0';
	iconv_close(cd);
}

/* Read back text bytes T (N of them) as printed with profile P: outside
 * the Chinese mode switches only ASCII, inside GB18030. OUT gets UTF-8. */
static void read_back(const struct profile *p, const unsigned char *t, size_t n,
		      char *out, size_t len)
{
	const struct profile_bytes *on = &p->chinese_on, *off = &p->chinese_off;
	size_t i = 0, k, o = 0;

	if (on->n == 0) { /* no switches: the whole line is GB18030 */
		to_utf8("GB18030", t, n, out, len);
		return;
	}
	while (i < n) {
		if (i + on->n <= n && memcmp(t + i, on->b, on->n) == 0) {
			i += on->n;
			for (k = i; k + off->n <= n &&
				    memcmp(t + k, off->b, off->n) != 0;
			     k++)
				;
			ck_assert_msg(k + off->n <= n,
				      "Chinese mode is not switched off in "
				      "[%s]",
				      hex(t, n));
			ck_assert_msg(k > i, "an empty Chinese run in [%s]",
				      hex(t, n));
			to_utf8("GB18030", t + i, k - i, out + o, len - o);
			o += strlen(out + o);
			i = k + off->n;
			continue;
		}
		ck_assert_msg(t[i] < 0x80,
			      "byte 0x%02x outside Chinese mode in [%s]", t[i],
			      hex(t, n));
		ck_assert_uint_lt(o + 1, len);
		out[o++] = (char)t[i++];
	}
	out[o] = '\0';
}

/* True when S is well-formed UTF-8 (no cut or stray sequences). */
static int utf8_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int k;

	while (*u) {
		if (*u < 0x80)
			k = 0;
		else if ((*u & 0xe0) == 0xc0)
			k = 1;
		else if ((*u & 0xf0) == 0xe0)
			k = 2;
		else if ((*u & 0xf8) == 0xf0)
			k = 3;
		else
			return 0;
		for (u++; k > 0; k--, u++)
			if ((*u & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* Fail unless sequence B is the N bytes WANT. */
static void expect_seq(const struct profile_bytes *b, const char *want,
		       size_t n, const char *what)
{
	expect_bytes(b->b, b->n, (const unsigned char *)want, n, what);
}

/* Fail unless layout L holds the six label lines of the shipped files. */
static void expect_shipped_label(const struct profile_layout *l)
{
	int i;

	ck_assert_int_eq(l->width, 15000);
	ck_assert_int_eq(l->height, 10000);
	ck_assert_int_eq(l->code_x, 1000);
	ck_assert_int_eq(l->code_y, 8800);
	ck_assert_int_eq(l->ntext, 6);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(l->text[i].x, shipped_text[i].x);
		ck_assert_int_eq(l->text[i].y, shipped_text[i].y);
		ck_assert_str_eq(l->text[i].tmpl, shipped_text[i].tmpl);
	}
}

/* The shipped Epson profile says what its file says. */
START_TEST(test_shipped_epson)
{
	struct profile p;
	const char *end;

	load_shipped(&p, "epson-plq20");
	ck_assert_str_eq(p.id, "epson-plq20");
	end = p.path + strlen(p.path) - strlen("/printers/epson-plq20.profile");
	ck_assert_str_eq(end, "/printers/epson-plq20.profile");
	ck_assert_str_eq(p.name, "Epson PLQ-20 (ESC/P2)");
	ck_assert_str_eq(p.match, "PLQ-20");
	ck_assert_ptr_eq(p.cmds, &cmdset_escp2);
	ck_assert_str_eq(p.cmds->name, "escp2");
	ck_assert_int_eq(p.dpi_x, 360);
	ck_assert_int_eq(p.dpi_y, 180);
	ck_assert_int_eq(p.band, 24);
	ck_assert_str_eq(p.encoding, "GB18030");
	ck_assert_int_eq(p.char_width, 254);
	ck_assert_int_eq(p.line_height, 423);
	expect_seq(&p.chinese_on, "\x1c\x26", 2, "chinese_on");
	expect_seq(&p.chinese_off, "\x1c.", 2, "chinese_off");
	expect_seq(&p.init, "\x1b\x40", 2, "init");
	expect_seq(&p.insert, "", 0, "insert");
	expect_seq(&p.eject, "\x0c", 1, "eject");
	ck_assert_int_eq(p.cheque.width, 23000);
	ck_assert_int_eq(p.cheque.height, 8000);
	ck_assert_int_eq(p.cheque.code_x, 1200);
	ck_assert_int_eq(p.cheque.code_y, 6600);
	ck_assert_int_eq(p.cheque.ntext, 0);
	expect_shipped_label(&p.label);
	profile_free(&p);
	ck_assert_int_eq(p.label.ntext, 0);
	profile_free(&p); /* twice is harmless */
}
END_TEST

/* The shipped Olivetti profile says what its file says. */
START_TEST(test_shipped_olivetti)
{
	struct profile p;

	load_shipped(&p, "olivetti-pr2");
	ck_assert_str_eq(p.id, "olivetti-pr2");
	ck_assert_str_eq(p.name, "Olivetti PR2 (PR2 emulation)");
	ck_assert_str_eq(p.match, "PR2");
	ck_assert_ptr_eq(p.cmds, &cmdset_pr2);
	ck_assert_str_eq(p.cmds->name, "pr2");
	ck_assert_int_eq(p.dpi_x, 180);
	ck_assert_int_eq(p.dpi_y, 180);
	ck_assert_int_eq(p.band, 24);
	ck_assert_str_eq(p.encoding, "GB18030");
	ck_assert_int_eq(p.char_width, 254);
	ck_assert_int_eq(p.line_height, 423);
	expect_seq(&p.chinese_on, "", 0, "chinese_on");
	expect_seq(&p.chinese_off, "", 0, "chinese_off");
	expect_seq(&p.init,
		   "\x1b"
		   "0",
		   2, "init");
	expect_seq(&p.insert, "\x1bS5", 3, "insert");
	expect_seq(&p.eject, "\x1bO", 2, "eject");
	ck_assert_int_eq(p.cheque.width, 21000);
	ck_assert_int_eq(p.cheque.height, 8000);
	ck_assert_int_eq(p.cheque.code_x, 800);
	ck_assert_int_eq(p.cheque.code_y, 6600);
	ck_assert_int_eq(p.cheque.ntext, 0);
	expect_shipped_label(&p.label);
	profile_free(&p);
}
END_TEST

/* Good profiles in other spellings: defaults, CRLF, comments, quotes,
 * decimals, no final newline, limits just reached. */
START_TEST(test_parse_good)
{
	static const char no_newline[] = TOP CHEQUE "[label]\nwidth = 150\n"
						    "height = 100\ncodeline = "
						    "10 88";
	static const char crlf[] =
	    "name = Test\r\ncommands = pr2\r\nresolution = 180x180\r\n"
	    "[cheque]\r\nwidth = 210\r\nheight = 80\r\ncodeline = 8 66\r\n"
	    "[label]\r\nwidth = 150\r\nheight = 100\r\ncodeline = 10 88\r\n"
	    "text = 10 8 \"a\"\r\n";
	struct profile p;
	struct cd_error err;

	/* Defaults. */
	parse_good(&p, GOOD);
	ck_assert_str_eq(p.name, "Test");
	ck_assert_str_eq(p.id, "");
	ck_assert_int_eq(p.band, 24);
	ck_assert_int_eq(p.char_width, 254);
	ck_assert_int_eq(p.line_height, 423);
	ck_assert_str_eq(p.encoding, "GB18030");
	ck_assert_uint_eq(p.init.n + p.insert.n + p.eject.n, 0);
	ck_assert_uint_eq(p.chinese_on.n + p.chinese_off.n, 0);
	ck_assert_int_eq(p.label.code_y, 8800);
	profile_free(&p);

	/* The last line needs no newline. */
	ck_assert_msg(parse_n(&p, T(no_newline), &err) == CD_OK, "%s", err.msg);
	ck_assert_int_eq(p.label.code_x, 1000);
	ck_assert_int_eq(p.label.code_y, 8800);
	profile_free(&p);

	/* CRLF line ends. */
	parse_good(&p, crlf);
	ck_assert_ptr_eq(p.cmds, &cmdset_pr2);
	ck_assert_int_eq(p.label.ntext, 1);
	ck_assert_str_eq(p.label.text[0].tmpl, "a");
	profile_free(&p);

	/* Comments, blank lines, indents, # and \" inside quotes. */
	parse_good(&p, "# a profile\n\n  name = \"Epson # 1\"  # comment\n"
		       "\tcommands\t=\tescp2\nresolution=360x180 # dpi\n"
		       "match = PLQ  # the model\nencoding = GBK\n"
		       "band = 8\nchar_width = 2.5\nline_height = 5\n" CHEQUE
		       "[label]\n width = 150.05\n height = 99.9\n"
		       " codeline = 10.5 88.25\n"
		       "text = 10 8 \"No. #{bank} \\\"{bag}\\\" \\\\\" # c\n"
		       "text = 20.5 9.75\"{amount}\"\n"
		       "text = 0 0 \"\"\n");
	ck_assert_str_eq(p.name, "Epson # 1");
	ck_assert_str_eq(p.match, "PLQ");
	ck_assert_str_eq(p.encoding, "GBK");
	ck_assert_int_eq(p.band, 8);
	ck_assert_int_eq(p.char_width, 250);
	ck_assert_int_eq(p.line_height, 500);
	ck_assert_int_eq(p.label.width, 15005);
	ck_assert_int_eq(p.label.height, 9990);
	ck_assert_int_eq(p.label.code_x, 1050);
	ck_assert_int_eq(p.label.code_y, 8825);
	ck_assert_int_eq(p.label.ntext, 3);
	ck_assert_str_eq(p.label.text[0].tmpl, "No. #{bank} \"{bag}\" \\");
	ck_assert_int_eq(p.label.text[1].x, 2050);
	ck_assert_int_eq(p.label.text[1].y, 975);
	ck_assert_str_eq(p.label.text[1].tmpl, "{amount}");
	ck_assert_str_eq(p.label.text[2].tmpl, "");
	profile_free(&p);

	/* Limits: 16 text lines, a code line ending on the bottom edge
	 * (77.03 mm + 2.97 mm = 80 mm), a 10 mm document, 60 dpi. */
	parse_good(&p,
		   "name = T\ncommands = escp2\nresolution = 360x360\n"
		   "[cheque]\nwidth = 230\nheight = 80\n"
		   "codeline = 229.99 77.03\n"
		   "[label]\nwidth = 10\nheight = 10\ncodeline = 0 0\n" TX16);
	ck_assert_int_eq(p.cheque.code_y, 7703);
	ck_assert_int_eq(p.label.ntext, 16);
	profile_free(&p);
	parse_good(
	    &p,
	    "name = T\ncommands = escp2\nresolution = 60x60\n" CHEQUE LABEL);
	ck_assert_int_eq(p.dpi_x, 60);
	ck_assert_int_eq(p.dpi_y, 60);
	profile_free(&p);
}
END_TEST

/* A broken profile, the line its error names (0: a whole-file problem,
 * named without a line) and a piece of the message. */
struct bad_profile {
	const char *text;
	size_t len;
	int line;
	const char *msg;
};

/* Broken profiles profile_parse refuses. */
static const struct bad_profile bad_profiles[] = {
    /* Unknown keys and sections. */
    {T("colour = red\n" GOOD), 1, "unknown setting"},
    {T(TOP "colour = red\n" CHEQUE LABEL), 4, "unknown setting"},
    {T(TOP CHEQUE "depth = 3\n" LABEL), 8, "unknown setting in this section"},
    {T(TOP CHEQUE LABEL "name = X\n"), 12, "unknown setting in this section"},
    {T(TOP "[envelope]\n" CHEQUE LABEL), 4, "unknown section"},
    {T(TOP "[cheque\n" CHEQUE LABEL), 4, "unknown section"},
    {T(TOP "just words\n" CHEQUE LABEL), 4, "expected \"setting = value\""},
    {T(TOP " = 5\n" CHEQUE LABEL), 4, "setting name is missing"},
    /* Millimetres. */
    {T(TOP "[cheque]\nwidth = 12.345\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 230\nheight = abc\n"), 6, "millimetres"},
    {T(TOP "[cheque]\nwidth = -230\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 230mm\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 230.\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 9.99\n"), 5, "at least 10"},
    {T(TOP "[cheque]\nwidth = 1e3\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 99999999999\n"), 5, "millimetres"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = -1 66\n"), 7,
     "position"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12 66.123\n"), 7,
     "position"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12\n"), 7,
     "position"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12,66\n"), 7,
     "position"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12 66 3\n"), 7,
     "only the left and top"},
    {T(TOP "char_width = -2.54\n" CHEQUE LABEL), 4, "at least 0.5"},
    {T(TOP "char_width = 0.49\n" CHEQUE LABEL), 4, "at least 0.5"},
    {T(TOP "line_height = abc\n" CHEQUE LABEL), 4, "millimetres"},
    /* Resolution and band. */
    {T("name = T\ncommands = escp2\nresolution = 360\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 360x\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 0x180\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = x180\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 360x180x2\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 360 x 180\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 2880x180\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T("name = T\ncommands = escp2\nresolution = 59x180\n" CHEQUE LABEL), 3,
     "resolution must be"},
    {T(TOP "band = 0\n" CHEQUE LABEL), 4, "band must be"},
    {T(TOP "band = 65\n" CHEQUE LABEL), 4, "band must be"},
    {T(TOP "band = 24x\n" CHEQUE LABEL), 4, "band must be"},
    /* Command sets. */
    {T("name = T\ncommands = escp3\nresolution = 360x180\n" CHEQUE LABEL), 2,
     "unknown command set"},
    {T("name = T\ncommands = ESCP2\nresolution = 360x180\n" CHEQUE LABEL), 2,
     "unknown command set"},
    {T("name = T\ncommands =\nresolution = 360x180\n" CHEQUE LABEL), 2,
     "unknown command set"},
    /* Control sequences. */
    {T(TOP "init = ESC 256\n" CHEQUE LABEL), 4, "\"256\" is not a byte value"},
    {T(TOP "init = ESC 0x100\n" CHEQUE LABEL), 4,
     "\"0x100\" is not a byte value"},
    {T(TOP "init = ESC 1b\n" CHEQUE LABEL), 4, "\"1b\" is not a byte value"},
    {T(TOP "init = ESC -1\n" CHEQUE LABEL), 4,
     "\"-1\" is not a control character name"},
    {T(TOP "init = ESC FOO\n" CHEQUE LABEL), 4,
     "\"FOO\" is not a control character name"},
    {T(TOP "init = esc\n" CHEQUE LABEL), 4,
     "\"esc\" is not a control character name"},
    {T(TOP "eject = ESC \"@\n" CHEQUE LABEL), 4, "no closing quote"},
    {T(TOP "eject = ESC \"@\\\"\n" CHEQUE LABEL), 4, "no closing quote"},
    {T(TOP "init = \"0123456789abcdef0123456789abcdefg\"\n" CHEQUE LABEL), 4,
     "no closing quote or is too long"},
    {T(TOP "init = ESC \"0123456789abcdef0123456789abcdef\"\n" CHEQUE LABEL), 4,
     "longer than 32 bytes"},
    {T(TOP "init = \"0123456789abcdef0123456789abcdef\" 0\n" CHEQUE LABEL), 4,
     "longer than 32 bytes"},
    /* Strings and text lines. */
    {T(TOP "name = \"abc\n" CHEQUE LABEL), 4, "no closing quote"},
    {T(TOP "name = \"abc\" def\n" CHEQUE LABEL), 4,
     "unexpected text after the closing quote"},
    {T(TOP "encoding = 0123456789012345678901234567890123\n" CHEQUE LABEL), 4,
     "too long"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"{nope}\"\n"), 12,
     "unknown placeholder {nope}"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"{bank}{Bank}\"\n"), 12,
     "unknown placeholder {Bank}"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"{}\"\n"), 12, "unknown placeholder {}"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"{bank\"\n"), 12, "has no closing }"},
    {T(TOP CHEQUE LABEL "text = 10 8 hello\n"), 12, "in double quotes"},
    {T(TOP CHEQUE LABEL "text = 10 8\n"), 12, "in double quotes"},
    {T(TOP CHEQUE LABEL "text = \"hello\"\n"), 12, "position"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"hello\n"), 12, "no closing quote"},
    {T(TOP CHEQUE LABEL "text = 10 8 \"a\" b\n"), 12,
     "unexpected text after the closing quote"},
    {T(TOP CHEQUE LABEL TX16 TX), 28, "too many text lines"},
    /* NUL bytes. */
    {T("name = T\ncommands = es\0cp2\nresolution = 360x180\n" CHEQUE LABEL), 2,
     "NUL byte"},
    {T(TOP CHEQUE LABEL "# \0"), 12, "NUL byte"},
    {T("\0"), 1, "NUL byte"},
    /* The last line without a newline is read too. */
    {T(TOP CHEQUE LABEL "colour = red"), 12, "unknown setting"},
    /* Whole-file problems. */
    {T(""), 0, "must set name, commands and resolution"},
    {T(CHEQUE LABEL), 0, "must set name, commands and resolution"},
    {T("commands = escp2\nresolution = 360x180\n" CHEQUE LABEL), 0,
     "must set name, commands and resolution"},
    {T("name = T\nresolution = 360x180\n" CHEQUE LABEL), 0,
     "must set name, commands and resolution"},
    {T("name = T\ncommands = escp2\n" CHEQUE LABEL), 0,
     "must set name, commands and resolution"},
    {T(TOP CHEQUE), 0,
     "the [label] section must set width, height and "
     "codeline"},
    {T(TOP LABEL), 0, "the [cheque] section must set"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\n" LABEL), 0,
     "the [cheque] section must set"},
    {T(TOP "[cheque]\nwidth = 230\ncodeline = 12 66\n" LABEL), 0,
     "the [cheque] section must set"},
    {T(TOP "[cheque]\nheight = 80\ncodeline = 12 66\n" LABEL), 0,
     "the [cheque] section must set"},
    {T(TOP CHEQUE "[label]\nwidth = 150\nheight = 100\n" TX), 0,
     "the [label] section must set"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 12 77.04\n" LABEL),
     0, "in [cheque] the code line does not fit"},
    {T(TOP "[cheque]\nwidth = 230\nheight = 80\ncodeline = 230 66\n" LABEL), 0,
     "in [cheque] the code line does not fit"},
    {T(TOP CHEQUE "[label]\nwidth = 150\nheight = 100\ncodeline = 10 99\n"), 0,
     "in [label] the code line does not fit"},
    {T(TOP CHEQUE LABEL "text = 10 100 \"x\"\n"), 0,
     "in [label] a text line starts outside"},
    {T(TOP CHEQUE LABEL "text = 150 10 \"x\"\n"), 0,
     "in [label] a text line starts outside"},
    /* What a command set cannot print. */
    {T("name = T\ncommands = escp2\nresolution = 250x180\n" CHEQUE LABEL), 0,
     "ESC/P2 resolutions"},
    {T("name = T\ncommands = escp2\nresolution = 360x240\n" CHEQUE LABEL), 0,
     "ESC/P2 resolutions"},
    {T(TOP "band = 16\n" CHEQUE LABEL), 0, "ESC/P2 raster bands"},
    {T(TOP_PR2 "band = 8\n" CHEQUE LABEL), 0, "set band = 24"},
    {T(TOP_PR2 CHEQUE LABEL), 0, "PR2 positions reach 999 steps"},
    {T(TOP_PR2 "[cheque]\nwidth = 210\nheight = 106\ncodeline = 8 66\n" LABEL),
     0, "PR2 positions reach 999 steps"},
};

/* Each broken profile gives CD_ECONFIG naming the file and the line, and
 * leaves the profile empty (nothing to free, nothing leaked). */
START_TEST(test_parse_bad)
{
	const struct bad_profile *b = &bad_profiles[_i];
	char want[96];
	struct profile p;
	struct cd_error err;
	int rc;

	rc = parse_n(&p, b->text, b->len, &err);
	ck_assert_msg(rc == CD_ECONFIG, "case %d: rc %d (%s)", _i, rc, err.msg);
	ck_assert_int_eq(err.status, CD_ECONFIG);
	if (b->line > 0)
		snprintf(want, sizeof want,
			 "Printer profile test.profile, "
			 "line %d: ",
			 b->line);
	else
		snprintf(want, sizeof want, "Printer profile test.profile: ");
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0,
		      "case %d: \"%s\" does not start with \"%s\"", _i, err.msg,
		      want);
	ck_assert_msg(strstr(err.msg, b->msg) != NULL,
		      "case %d: \"%s\" does not say \"%s\"", _i, err.msg,
		      b->msg);
	ck_assert_int_eq(p.cheque.ntext, 0);
	ck_assert_int_eq(p.label.ntext, 0);
}
END_TEST

/* Lines of up to 1024 bytes are read; a longer one is refused with its
 * number, and so is one far longer; a NUL after a long line too. */
START_TEST(test_line_length)
{
	static const size_t lens[] = {1024, 1025, 5000};
	char *text;
	struct profile p;
	struct cd_error err;
	size_t i, n, head = strlen(TOP);
	int rc;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		n = head + lens[i] + 1 + strlen(CHEQUE LABEL);
		text = malloc(n + 1);
		ck_assert_ptr_nonnull(text);
		memcpy(text, TOP, head);
		memset(text + head, '#', lens[i]);
		text[head + lens[i]] = '\n';
		memcpy(text + head + lens[i] + 1, CHEQUE LABEL,
		       strlen(CHEQUE LABEL));
		rc = parse_n(&p, text, n, &err);
		if (lens[i] <= 1024) {
			ck_assert_msg(rc == CD_OK, "%zu bytes: %s", lens[i],
				      err.msg);
			profile_free(&p);
		} else {
			ck_assert_int_eq(rc, CD_ECONFIG);
			ck_assert_msg(strstr(err.msg,
					     "test.profile, line 4: "
					     "the line is too long") != NULL,
				      "%s", err.msg);
		}
		free(text);
	}
}
END_TEST

/* A control sequence as written and the bytes it stands for. */
struct seq_case {
	const char *value;
	const char *bytes;
	size_t n;
};

/* Control sequences the parser reads. */
static const struct seq_case seq_cases[] = {
    {"ESC \"@\"", T("\x1b\x40")},
    {"FS \"&\"", T("\x1c\x26")},
    {"0x1b 27 \"(V\"", T("\x1b\x1b\x28\x56")},
    {"", T("")},
    {"   ", T("")},
    {"# all comment", T("")},
    {"\"\"", T("")},
    {"ESC \"#\" 64 # a comment", T("\x1b#@")},
    {"\"a#b\"", T("a#b")},
    {"\"\\\"\" \"\\\\\"", T("\"\\")},
    {"ESC\t\"(U\"\t1 0\t10", T("\x1b(U\x01\x00\x0a")},
    {"NUL BEL BS HT LF VT FF CR SO SI", T("\x00\x07\x08\x09\x0a\x0b\x0c"
					  "\x0d\x0e\x0f")},
    {"DC1 DC2 DC3 DC4 CAN EM ESC FS GS RS US SP DEL",
     T("\x11\x12\x13\x14\x18\x19\x1b\x1c\x1d\x1e\x1f\x20\x7f")},
    {"0 255 0xff 0xFF 0x00 9", T("\x00\xff\xff\xff\x00\x09")},
    {"\"ab\"\"cd\"", T("abcd")},
    {"\"0123456789abcdef0123456789abcdef\"",
     T("0123456789abcdef0123456789abcdef")},
    {"ESC \"0123456789abcdef0123456789abcde\"",
     T("\x1b"
       "0123456789abcdef0123456789abcde")},
};

/* Each sequence gives exactly its bytes, in every sequence setting. */
START_TEST(test_bytes)
{
	static const char *const keys[] = {"init", "insert", "eject",
					   "chinese_on", "chinese_off"};
	const struct seq_case *c = &seq_cases[_i];
	char text[512];
	struct profile p;
	const struct profile_bytes *got[5];
	size_t k;

	for (k = 0; k < 5; k++) {
		snprintf(text, sizeof text, TOP "%s = %s\n" CHEQUE LABEL,
			 keys[k], c->value);
		parse_good(&p, text);
		got[0] = &p.init;
		got[1] = &p.insert;
		got[2] = &p.eject;
		got[3] = &p.chinese_on;
		got[4] = &p.chinese_off;
		expect_seq(got[k], c->bytes, c->n, c->value);
		profile_free(&p);
	}
}
END_TEST

/* Numbers in a sequence are decimal (27) or hex (0x1b), as the profiles
 * and the error message say: a leading zero does not make them octal. */
START_TEST(test_bytes_decimal)
{
	struct profile p;
	struct cd_error err;
	int rc;

	rc = parse_n(&p, T(TOP "init = 027 064\n" CHEQUE LABEL), &err);
	ck_assert_msg(rc == CD_OK, "\"027 064\": %s", err.msg);
	expect_seq(&p.init, "\x1b\x40", 2, "027 064 (decimal, as in manuals)");
	profile_free(&p);
	rc = parse_n(&p, T(TOP "init = 08 09\n" CHEQUE LABEL), &err);
	ck_assert_msg(rc == CD_OK, "\"08 09\": %s", err.msg);
	expect_seq(&p.init, "\x08\x09", 2, "08 09");
	profile_free(&p);
}
END_TEST

/* profile_load: the id is the base name, the path is kept, messages name
 * the file; a missing file is CD_ENOTFOUND. */
START_TEST(test_load)
{
	char dir[4096], path[4200];
	struct profile p;
	struct cd_error err;

	make_tmpdir(dir, sizeof dir);
	write_file(dir, "a-b_c.profile", T(GOOD));
	write_file(dir, "plain", T(GOOD));
	write_file(dir, "bad.profile", T(TOP "[cheque]\nwidth = abc\n"));

	snprintf(path, sizeof path, "%s/a-b_c.profile", dir);
	cd_err_clear(&err);
	ck_assert_msg(profile_load(&p, path, &err) == CD_OK, "%s", err.msg);
	ck_assert_str_eq(p.id, "a-b_c");
	ck_assert_str_eq(p.path, path);
	profile_free(&p);

	snprintf(path, sizeof path, "%s/plain", dir);
	ck_assert_msg(profile_load(&p, path, &err) == CD_OK, "%s", err.msg);
	ck_assert_str_eq(p.id, "plain");
	profile_free(&p);

	snprintf(path, sizeof path, "%s/bad.profile", dir);
	ck_assert_int_eq(profile_load(&p, path, &err), CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_msg(strstr(err.msg, ", line 5: ") != NULL, "%s", err.msg);

	snprintf(path, sizeof path, "%s/none.profile", dir);
	ck_assert_int_eq(profile_load(&p, path, &err), CD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, path));

	remove_file(dir, "a-b_c.profile");
	remove_file(dir, "plain");
	remove_file(dir, "bad.profile");
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* profile_find: bad ids are refused even when such a file exists; a
 * missing id names every folder searched; the first folder holding the
 * id wins, broken or not. */
START_TEST(test_find)
{
	static const char *const bad_ids[] = {
	    "sub/x", "../printers/x", ".hidden",    "..", ".",
	    "",	     "a b",	      "/etc/passwd"};
	char dir[4096], sub[4200], printers[4096], missing[4200];
	const char *dirs[4];
	struct profile p;
	struct cd_error err;
	size_t i;
	int rc;

	make_tmpdir(dir, sizeof dir);
	snprintf(sub, sizeof sub, "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	write_file(sub, "x.profile", T(GOOD));
	write_file(dir, ".hidden.profile", T(GOOD));
	write_file(dir, "broken.profile", T(TOP "[nope]\n"));
	srcpath(printers, sizeof printers, "printers");
	snprintf(missing, sizeof missing, "%s/no-such-folder", dir);

	dirs[0] = dir;
	dirs[1] = NULL;
	for (i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
		cd_err_clear(&err);
		rc = profile_find(&p, bad_ids[i], dirs, &err);
		ck_assert_msg(rc == CD_EINVAL, "id \"%s\": rc %d", bad_ids[i],
			      rc);
		ck_assert_str_eq(err.field, "profile");
	}

	/* Not found: the message names the id and both folders. */
	dirs[0] = missing;
	dirs[1] = dir;
	dirs[2] = NULL;
	cd_err_clear(&err);
	ck_assert_int_eq(profile_find(&p, "epson-plq20", dirs, &err),
			 CD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"epson-plq20\""));
	ck_assert_msg(strstr(err.msg, missing) != NULL, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, dir) != NULL, "%s", err.msg);

	/* Found in the third folder. */
	dirs[2] = printers;
	dirs[3] = NULL;
	cd_err_clear(&err);
	ck_assert_msg(profile_find(&p, "epson-plq20", dirs, &err) == CD_OK,
		      "%s", err.msg);
	ck_assert_str_eq(p.id, "epson-plq20");
	ck_assert_str_eq(p.name, "Epson PLQ-20 (ESC/P2)");
	profile_free(&p);

	/* A broken file is an error, not a reason to look further. */
	write_file(dir, "epson-plq20.profile", T(TOP "[nope]\n"));
	cd_err_clear(&err);
	ck_assert_int_eq(profile_find(&p, "epson-plq20", dirs, &err),
			 CD_ECONFIG);
	ck_assert_msg(strstr(err.msg, "epson-plq20.profile, line 4") != NULL,
		      "%s", err.msg);

	remove_file(dir, "epson-plq20.profile");
	remove_file(sub, "x.profile");
	remove_file(dir, ".hidden.profile");
	remove_file(dir, "broken.profile");
	ck_assert_int_eq(rmdir(sub), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* profile_load_all: good profiles are returned sorted by id, broken ones
 * skipped with their message left in ERR, earlier folders win. */
START_TEST(test_load_all)
{
	char dir[4096], dir2[4096], printers[4096];
	const char *dirs[4];
	struct profile *all;
	struct cd_error err;
	int n;

	make_tmpdir(dir, sizeof dir);
	make_tmpdir(dir2, sizeof dir2);
	write_file(dir, "good.profile", T(GOOD));
	write_file(dir, "broken.profile", T(TOP CHEQUE LABEL "x = 1\n"));
	write_file(dir, "notes.txt", T("not a profile"));
	write_file(dir, ".profile", T("hidden"));
	write_file(dir, ".hidden.profile", T("hidden"));
	srcpath(printers, sizeof printers, "printers");

	dirs[0] = dir;
	dirs[1] = NULL;
	err.status = CD_EFAIL; /* must be cleared */
	ck_assert_int_eq(profile_load_all(dirs, &all, &n, &err), CD_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(all[0].id, "good");
	ck_assert_str_eq(all[0].name, "Test");
	ck_assert_int_eq(err.status, CD_ECONFIG);
	ck_assert_msg(strstr(err.msg, "broken.profile, line 12:") != NULL, "%s",
		      err.msg);
	profile_free_all(all, n);

	/* An empty folder, a missing one and the shipped profiles; the
	 * override of epson-plq20 in the first folder wins. */
	write_file(dir2, "epson-plq20.profile",
		   T("name = Override\ncommands = escp2\n"
		     "resolution = 360x180\n" CHEQUE LABEL));
	remove_file(dir, "broken.profile");
	dirs[0] = "/nonexistent/folder";
	dirs[1] = dir2;
	dirs[2] = printers;
	dirs[3] = NULL;
	ck_assert_int_eq(profile_load_all(dirs, &all, &n, &err), CD_OK);
	ck_assert_int_eq(err.status, CD_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(all[0].id, "epson-plq20");
	ck_assert_str_eq(all[0].name, "Override");
	ck_assert_str_eq(all[1].id, "olivetti-pr2");
	ck_assert_int_eq(all[1].label.ntext, 6);
	profile_free_all(all, n);

	dirs[0] = dir;
	dirs[1] = printers;
	dirs[2] = NULL;
	ck_assert_int_eq(profile_load_all(dirs, &all, &n, NULL), CD_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(all[0].id, "epson-plq20");
	ck_assert_str_eq(all[0].name, "Epson PLQ-20 (ESC/P2)");
	ck_assert_str_eq(all[1].id, "good");
	ck_assert_str_eq(all[2].id, "olivetti-pr2");
	profile_free_all(all, n);

	remove_file(dir, "good.profile");
	remove_file(dir, "notes.txt");
	remove_file(dir, ".profile");
	remove_file(dir, ".hidden.profile");
	remove_file(dir2, "epson-plq20.profile");
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(rmdir(dir2), 0);
}
END_TEST

/* profile_dots rounds to nearest; the command sets are found by name;
 * every placeholder the shipped labels use is known. */
START_TEST(test_dots_cmdsets)
{
	int i;

	ck_assert_int_eq(profile_dots(2540, 360), 360);
	ck_assert_int_eq(profile_dots(0, 360), 0);
	ck_assert_int_eq(profile_dots(3, 360), 0);  /* 0.425 */
	ck_assert_int_eq(profile_dots(4, 360), 1);  /* 0.567 */
	ck_assert_int_eq(profile_dots(127, 10), 1); /* 0.5 up */
	ck_assert_int_eq(profile_dots(6600, 180), 468);
	ck_assert_int_eq(profile_dots(1200, 360), 170);
	ck_assert_int_eq(profile_dots(1000000, 1440), 566929);
	ck_assert_ptr_eq(cmdset_find("escp2"), &cmdset_escp2);
	ck_assert_ptr_eq(cmdset_find("pr2"), &cmdset_pr2);
	ck_assert_ptr_null(cmdset_find("ESCP2"));
	ck_assert_ptr_null(cmdset_find(""));
	for (i = 0; profile_vars[i]; i++)
		ck_assert_ptr_nonnull(profile_vars[i]);
	ck_assert_int_eq(i, 19);
}
END_TEST

/* printdoc_expand: placeholders replaced, unknown ones empty, a { without
 * } kept, UTF-8 kept, output cut at the buffer size. */
START_TEST(test_expand)
{
	static const struct printvar vars[] = {
	    {"bank", "0201"}, {"bank_name", "中国银行"}, {"bag", ""}};
	char out[64];
	size_t i;

	printdoc_expand("{bank} x {bank_name}", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "0201 x 中国银行");
	printdoc_expand("交换行号：{bank}（{bag}）", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "交换行号：0201（）");
	printdoc_expand("{teller}|{bank}|{nope}|", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "|0201||");
	printdoc_expand("{bank}{bank}", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "02010201");
	printdoc_expand("a{b", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "a{b");
	printdoc_expand("} {", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "} {");
	printdoc_expand("", vars, 3, out, sizeof out);
	ck_assert_str_eq(out, "");
	printdoc_expand("{bank}", NULL, 0, out, sizeof out);
	ck_assert_str_eq(out, "");

	/* Cut at the buffer size, nothing written past it. */
	memset(out, 'Z', sizeof out);
	printdoc_expand("abc{bank}def", vars, 3, out, 6);
	ck_assert_str_eq(out, "abc02");
	for (i = 6; i < sizeof out; i++)
		ck_assert_int_eq(out[i], 'Z');
	memset(out, 'Z', sizeof out);
	printdoc_expand("abcdefgh", vars, 3, out, 4);
	ck_assert_str_eq(out, "abc");
	ck_assert_int_eq(out[4], 'Z');
	memset(out, 'Z', sizeof out);
	printdoc_expand("{bank}", vars, 3, out, 1);
	ck_assert_int_eq(out[0], '\0');
	ck_assert_int_eq(out[1], 'Z');
	printdoc_expand("{bank}", vars, 3, out, 0);
	ck_assert_int_eq(out[0], '\0');
	ck_assert_int_eq(out[1], 'Z');
	memset(out, 'Z', sizeof out);
	printdoc_expand("{bank}", vars, 3, out, 5);
	ck_assert_str_eq(out, "0201");
	ck_assert_int_eq(out[5], 'Z');
}
END_TEST

/* A cut never splits a UTF-8 character, in the template or in a value:
 * the result is the longest whole-character prefix that fits. */
START_TEST(test_expand_utf8_cut)
{
	static const struct printvar vars[] = {{"bank_name", "中国银行"}};
	static const struct {
		const char *tmpl;
		size_t len;
		const char *want;
	} cuts[] = {
	    {"中国银行", 8, "中国"},	    {"中国银行", 7, "中国"},
	    {"中国银行", 6, "中"},	    {"中国银行", 13, "中国银行"},
	    {"a{bank_name}", 5, "a中"},	    {"a{bank_name}", 4, "a"},
	    {"{bank_name}x", 11, "中国银"}, {"ab：", 4, "ab"},
	};
	char out[64];
	size_t i;

	for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		memset(out, 'Z', sizeof out);
		printdoc_expand(cuts[i].tmpl, vars, 1, out, cuts[i].len);
		ck_assert_msg(utf8_ok(out) && strcmp(out, cuts[i].want) == 0,
			      "\"%s\" in %zu bytes gave [%s], want \"%s\"",
			      cuts[i].tmpl, cuts[i].len,
			      hex((const unsigned char *)out, strlen(out)),
			      cuts[i].want);
	}
}
END_TEST

/* The Epson cheque: set-up, units, position and size of the band, and the
 * run-length data decoded back to the raster bit for bit. */
START_TEST(test_escp2_cheque)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	struct evs e;
	static const unsigned char head[] = {0x1b, 0x40, 0x1b, 0x28, 0x47,
					     0x01, 0x00, 0x01, 0x1b, 0x28,
					     0x55, 0x01, 0x00, 0x0a};
	unsigned char want[16];
	int i, ink = 0;

	load_font(&font);
	load_shipped(&p, "epson-plq20");
	cd_err_clear(&err);
	ck_assert_msg(printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, CHEQUE_LINE,
				    NULL, 0, &err) == CD_OK,
		      "%s", err.msg);
	ck_assert_str_eq(d.codeline, CHEQUE_LINE);
	ck_assert_ptr_eq(d.layout, &p.cheque);
	ck_assert_int_eq(d.ntext, 0);
	/* 27 characters of 0.125 inch at 360 dpi; 0.117 inch at 180 dpi
	 * is 21 rows, made a whole band. */
	ck_assert_int_eq(d.raster.width, 1215);
	ck_assert_int_eq(d.raster.height, 24);
	for (i = 0; i < d.raster.width * d.raster.height; i++)
		ink += bitmap_get(&d.raster, i % d.raster.width,
				  i / d.raster.width);
	ck_assert_int_gt(ink, 1000);

	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	ck_assert_uint_ge(j.len, sizeof head);
	expect_bytes(j.data, sizeof head, head, sizeof head,
		     "ESC @, ESC ( G, ESC ( U 01 00 0a");

	/* ESC ( V 02 00 + 66 mm in 1/360 inch, ESC $ + 12 mm, ESC . 01 14
	 * 0a 18 + 1215 dots: as bytes, somewhere in the job. */
	ck_assert_uint_eq(to_steps(6600, 360), 935);
	ck_assert_uint_eq(to_steps(1200, 360), 170);
	memcpy(want, "\x1b(V\x02\x00\xa7\x03\x1b$\xaa\x00\x1b.\x01\x14\x0a",
	       16);
	ck_assert_ptr_nonnull(memmem(j.data, j.len, want, 16));
	ck_assert_ptr_nonnull(
	    memmem(j.data, j.len, "\x1b.\x01\x14\x0a\x18\xbf\x04", 8));

	escp2_walk(&j, &p, &p.cheque, &e);
	ck_assert_int_eq(e.n, 1);
	ck_assert_uint_eq(e.ev[0].x, 170);
	ck_assert_uint_eq(e.ev[0].y, 935);
	check_band(&e.ev[0], &d.raster, 0);
	ck_assert_int_gt(e.literals, 0);
	ck_assert_int_gt(e.runs, 0);
	evs_free(&e);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* A synthetic raster: its size and how its rows are filled. */
struct pattern {
	int width, height;
	int kind; /* 0 blank, 1 ink, 2 random, 3 pairs, 4 runs and literals */
};

/* Rasters that exercise the run-length coder's edges. */
static const struct pattern patterns[] = {
    {1215, 24, 0}, {1215, 24, 1}, {2000, 24, 2}, {8, 24, 2},
    {1, 24, 1},	   {1001, 24, 2}, {3000, 24, 3}, {3100, 24, 4},
    {2048, 48, 4}, {777, 30, 2},  {1030, 72, 2}, {16, 1, 1},
};

/* Fill BM by pattern KIND. */
static void fill_pattern(struct bitmap *bm, int kind)
{
	static const int lens[] = {1, 2, 3, 127, 128, 129, 130, 255, 256, 257};
	uint32_t seed = 12345;
	size_t r, i, k, b;
	unsigned char v;

	for (r = 0; r < (size_t)bm->height; r++) {
		unsigned char *row = bm->bits + r * bm->stride;

		for (i = 0; i < bm->stride; i++) {
			seed = seed * 1103515245u + 12345u;
			switch (kind) {
			case 1:
				row[i] = 0xff;
				break;
			case 2:
				row[i] = (unsigned char)(seed >> 16);
				break;
			case 3:
				row[i] =
				    (unsigned char)((i / 2 + r) % 3 * 0x55);
				break;
			default:
				row[i] = 0;
			}
		}
		if (kind == 4) { /* runs and literals of edge lengths */
			for (i = 0, k = r; i < bm->stride; k++) {
				size_t n = (size_t)lens[k % 10];

				v = (unsigned char)(k * 37 + 1);
				for (b = 0; b < n && i < bm->stride; b++, i++)
					row[i] =
					    k % 2 ? v : (unsigned char)(v + b);
			}
		}
		if (bm->width % 8) /* padding bits stay 0 */
			row[bm->stride - 1] &=
			    (unsigned char)(0xff << (8 - bm->width % 8));
	}
}

/* ESC/P2 profiles at the densities and bands the command set takes. */
static const char *const escp2_profiles[] = {
    GOOD,
    "name = T\ncommands = escp2\nresolution = 180x180\nband = 8\n" CHEQUE LABEL,
    "name = T\ncommands = escp2\nresolution = 720x360\nband = 1\n" CHEQUE LABEL,
    "name = T\ncommands = escp2\nresolution = 360x120\nband = 24\n"
    "insert = ESC \"x\"\neject = \"E\" FF\ninit = ESC \"@\" ESC \"t1\"\n" CHEQUE
	LABEL,
};

/* Every synthetic raster at every density decodes back bit for bit, band
 * after band at the right height, rows past the bottom blank. */
START_TEST(test_escp2_rle)
{
	const struct pattern *pt = &patterns[_i];
	struct profile p;
	struct printdoc d;
	struct job j;
	struct cd_error err;
	struct evs e;
	size_t k;
	int b, bands;

	for (k = 0; k < sizeof escp2_profiles / sizeof escp2_profiles[0]; k++) {
		parse_good(&p, escp2_profiles[k]);
		memset(&d, 0, sizeof d);
		d.profile = &p;
		d.layout = &p.cheque;
		ck_assert_int_eq(
		    bitmap_init(&d.raster, pt->width, pt->height, &err), CD_OK);
		fill_pattern(&d.raster, pt->kind);
		memset(&j, 0, sizeof j);
		ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s",
			      err.msg);
		escp2_walk(&j, &p, &p.cheque, &e);
		bands = (pt->height + p.band - 1) / p.band;
		ck_assert_int_eq(e.n, bands);
		for (b = 0; b < bands; b++) {
			ck_assert_uint_eq(e.ev[b].x, 170);
			ck_assert_uint_eq(
			    e.ev[b].y,
			    935 + (unsigned)(b * p.band * (360 / p.dpi_y)));
			check_band(&e.ev[b], &d.raster, b * p.band);
		}
		evs_free(&e);
		job_free(&j);
		printdoc_free(&d);
		profile_free(&p);
	}
}
END_TEST

/* The Olivetti cheque: ESC / 1 and ESC | A with three digits, ESC 1 B with
 * four, three bytes a column, ESC 2; decoded back to the raster. */
START_TEST(test_pr2_cheque)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	struct evs e;
	static const char head[] = "\x1b"
				   "0\x1b!G1\x1bS5\x1b/1624\x1b|A038\r"
				   "\x1b"
				   "1B0608";

	load_font(&font);
	load_shipped(&p, "olivetti-pr2");
	cd_err_clear(&err);
	ck_assert_msg(printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, CHEQUE_LINE,
				    NULL, 0, &err) == CD_OK,
		      "%s", err.msg);
	ck_assert_int_eq(d.raster.width, 608);
	ck_assert_int_eq(d.raster.height, 24);
	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	/* 66 mm is 624 steps of 1/240 inch, 8 mm 38 of 1/120. */
	ck_assert_uint_ge(j.len, sizeof head - 1);
	expect_bytes(j.data, sizeof head - 1, (const unsigned char *)head,
		     sizeof head - 1, "PR2 set-up, position and ESC 1 B");
	ck_assert_uint_eq(j.len, sizeof head - 1 + 608 * 3 + 3 + 2);
	expect_bytes(j.data + j.len - 5, 5,
		     (const unsigned char *)"\x1b\x32\r\x1bO", 5,
		     "ESC 2, CR, eject");

	pr2_walk(&j, &p, &e);
	ck_assert_int_eq(e.n, 1);
	ck_assert_uint_eq(e.ev[0].y, 624);
	ck_assert_uint_eq(e.ev[0].x, 38);
	check_band(&e.ev[0], &d.raster, 0);
	evs_free(&e);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* PR2 profiles: 180 dpi down as the head's pins, and one at 360. */
static const char *const pr2_profiles[] = {
    TOP_PR2 "[cheque]\nwidth = 210\nheight = 80\ncodeline = 8 66\n" LABEL,
    "name = T\ncommands = pr2\nresolution = 120x360\n"
    "init =\ninsert =\neject =\n"
    "[cheque]\nwidth = 210\nheight = 80\ncodeline = 8 66\n" LABEL,
};

/* Synthetic rasters through PR2: every band at its height (24 rows are
 * 32 steps at 180 dpi), every column decoded back bit for bit. */
START_TEST(test_pr2_bands)
{
	const struct pattern *pt = &patterns[_i];
	struct profile p;
	struct printdoc d;
	struct job j;
	struct cd_error err;
	struct evs e;
	size_t k;
	int b, bands;

	for (k = 0; k < sizeof pr2_profiles / sizeof pr2_profiles[0]; k++) {
		parse_good(&p, pr2_profiles[k]);
		memset(&d, 0, sizeof d);
		d.profile = &p;
		d.layout = &p.cheque;
		ck_assert_int_eq(
		    bitmap_init(&d.raster, pt->width, pt->height, &err), CD_OK);
		fill_pattern(&d.raster, pt->kind);
		memset(&j, 0, sizeof j);
		ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s",
			      err.msg);
		pr2_walk(&j, &p, &e);
		bands = (pt->height + 23) / 24;
		ck_assert_int_eq(e.n, bands);
		for (b = 0; b < bands; b++) {
			ck_assert_uint_eq(e.ev[b].x, 38);
			ck_assert_uint_eq(
			    e.ev[b].y,
			    624 + (unsigned)((b * 24 * 240 + p.dpi_y / 2) /
					     p.dpi_y));
			check_band(&e.ev[b], &d.raster, b * 24);
		}
		evs_free(&e);
		job_free(&j);
		printdoc_free(&d);
		profile_free(&p);
	}
}
END_TEST

/* A PR2 bit image is at most 9999 columns (ESC 1 B takes four digits):
 * a profile and code line that need more are refused, never sent with a
 * cut count. */
START_TEST(test_pr2_wide_raster)
{
	static const char text[] =
	    "name = T\ncommands = pr2\nresolution = 1440x180\n"
	    "[cheque]\nwidth = 210\nheight = 80\ncodeline = 8 66\n" LABEL;
	char line[64], sent[8];
	const char *at;
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	int rc, width = 0;

	load_font(&font);
	cd_err_clear(&err);
	if (parse_n(&p, T(text), &err) != CD_OK) /* refused: fine */
		return;
	memset(line, '1', 60);
	line[60] = '\0';
	rc = printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, line, NULL, 0, &err);
	if (rc == CD_OK) {
		width = d.raster.width;
		rc = printdoc_encode(&d, &j, &err);
		printdoc_free(&d);
	}
	if (rc == CD_OK && width > 9999) {
		at = memmem(j.data, j.len, "\0331B", 3);
		snprintf(sent, sizeof sent, "%.4s", at ? at + 3 : "?");
		job_free(&j);
		profile_free(&p);
		ck_abort_msg("a %d-column bit image was sent as ESC 1 B %s",
			     width, sent);
	}
	job_free(&j);
	profile_free(&p);
}
END_TEST

/* The six label lines of the shipped Epson profile: positions, Chinese
 * between FS & and FS ., ASCII outside, GB18030 read back as the
 * expanded text; then the code line. */
START_TEST(test_escp2_label)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	struct evs e;
	unsigned char want[64];
	char back[512];
	size_t n = 0;
	int i;

	load_font(&font);
	load_shipped(&p, "epson-plq20");
	cd_err_clear(&err);
	ck_assert_msg(
	    printdoc_make(
		&d, &p, PRINTDOC_LABEL, &font, "⑈00010201⑈ ⑆0102⑆", label_vars,
		(int)(sizeof label_vars / sizeof label_vars[0]), &err) == CD_OK,
	    "%s", err.msg);
	ck_assert_ptr_eq(d.layout, &p.label);
	ck_assert_int_eq(d.ntext, 6);
	for (i = 0; i < 6; i++)
		ck_assert_str_eq(d.text[i], label_lines[i]);
	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	escp2_walk(&j, &p, &p.label, &e);
	ck_assert_int_eq(e.n, 7);
	for (i = 0; i < 6; i++) {
		ck_assert(!e.ev[i].raster);
		ck_assert_uint_eq(e.ev[i].x, to_steps(1000, 360));
		ck_assert_uint_eq(e.ev[i].y, to_steps(shipped_text[i].y, 360));
		read_back(&p, e.ev[i].text, e.ev[i].n, back, sizeof back);
		ck_assert_str_eq(back, label_lines[i]);
	}
	/* Line 1 exactly: FS & 交换行号： FS . "0201  " FS & 中国银行 FS . */
	memcpy(want + n, "\x1c&", 2);
	n += 2;
	memcpy(want + n, gb_line0_han1, sizeof gb_line0_han1);
	n += sizeof gb_line0_han1;
	memcpy(want + n, "\x1c.0201  \x1c&", 10);
	n += 10;
	memcpy(want + n, gb_line0_han2, sizeof gb_line0_han2);
	n += sizeof gb_line0_han2;
	memcpy(want + n, "\x1c.", 2);
	n += 2;
	expect_bytes(e.ev[0].text, e.ev[0].n, want, n, "label line 1");
	ck_assert(e.ev[6].raster);
	ck_assert_uint_eq(e.ev[6].x, to_steps(1000, 360));
	ck_assert_uint_eq(e.ev[6].y, to_steps(8800, 360));
	check_band(&e.ev[6], &d.raster, 0);
	evs_free(&e);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* The Olivetti label: no mode switches, so GB18030 and ASCII as is. */
START_TEST(test_pr2_label)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	struct evs e;
	unsigned char want[64];
	char back[512];
	size_t n = 0;
	int i;

	load_font(&font);
	load_shipped(&p, "olivetti-pr2");
	cd_err_clear(&err);
	ck_assert_msg(
	    printdoc_make(
		&d, &p, PRINTDOC_LABEL, &font, "⑈00010201⑈ ⑆0102⑆", label_vars,
		(int)(sizeof label_vars / sizeof label_vars[0]), &err) == CD_OK,
	    "%s", err.msg);
	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	pr2_walk(&j, &p, &e);
	ck_assert_int_eq(e.n, 7);
	for (i = 0; i < 6; i++) {
		ck_assert(!e.ev[i].raster);
		ck_assert_uint_eq(e.ev[i].x, to_steps(1000, 120));
		ck_assert_uint_eq(e.ev[i].y, to_steps(shipped_text[i].y, 240));
		read_back(&p, e.ev[i].text, e.ev[i].n, back, sizeof back);
		ck_assert_str_eq(back, label_lines[i]);
	}
	memcpy(want + n, gb_line0_han1, sizeof gb_line0_han1);
	n += sizeof gb_line0_han1;
	memcpy(want + n, "0201  ", 6);
	n += 6;
	memcpy(want + n, gb_line0_han2, sizeof gb_line0_han2);
	n += sizeof gb_line0_han2;
	expect_bytes(e.ev[0].text, e.ev[0].n, want, n, "label line 1");
	ck_assert(e.ev[6].raster);
	ck_assert_uint_eq(e.ev[6].y, to_steps(8800, 240));
	check_band(&e.ev[6], &d.raster, 0);
	evs_free(&e);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* Text lines and the code line go top to bottom, whatever the order in
 * the profile, so the paper only moves forward. */
START_TEST(test_order)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;
	struct evs e;
	static const char *const want[] = {"A", NULL, "B", "C"};
	static const int ys[] = {2000, 5000, 6000, 8000};
	int i;

	load_font(&font);
	parse_good(&p,
		   TOP "chinese_on = FS \"&\"\nchinese_off = FS \".\"\n" CHEQUE
		       "[label]\nwidth = 150\nheight = 100\n"
		       "text = 10 80 \"C\"\ncodeline = 10 50\n"
		       "text = 10 20 \"A\"\ntext = 10 60 \"B\"\n");
	cd_err_clear(&err);
	ck_assert_msg(printdoc_make(&d, &p, PRINTDOC_LABEL, &font, "⑆1⑆", NULL,
				    0, &err) == CD_OK,
		      "%s", err.msg);
	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	escp2_walk(&j, &p, &p.label, &e);
	ck_assert_int_eq(e.n, 4);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(e.ev[i].y, to_steps(ys[i], 360));
		ck_assert_int_eq(e.ev[i].raster, want[i] == NULL);
		if (want[i])
			expect_bytes(e.ev[i].text, e.ev[i].n,
				     (const unsigned char *)want[i], 1,
				     want[i]);
	}
	evs_free(&e);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* An encoding iconv does not know is CD_ECONFIG naming it; text the
 * encoding cannot hold is CD_EINVAL naming the text; a cheque without
 * text needs no encoding. */
START_TEST(test_encoding_errors)
{
	static const struct printvar vars[] = {{"bank_name", "中国银行"}};
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct job j = {0};
	struct cd_error err;

	load_font(&font);
	parse_good(&p, TOP "encoding = NO-SUCH-CHARSET-42\n" CHEQUE LABEL
			   "text = 10 8 \"{bank_name}\"\n");
	cd_err_clear(&err);
	ck_assert_int_eq(
	    printdoc_make(&d, &p, PRINTDOC_LABEL, &font, "⑆1⑆", vars, 1, &err),
	    CD_OK);
	ck_assert_int_eq(printdoc_encode(&d, &j, &err), CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "\"NO-SUCH-CHARSET-42\""));
	job_free(&j);
	printdoc_free(&d);
	/* The cheque has no text: nothing to convert. */
	ck_assert_int_eq(printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font,
				       CHEQUE_LINE, NULL, 0, &err),
			 CD_OK);
	ck_assert_msg(printdoc_encode(&d, &j, &err) == CD_OK, "%s", err.msg);
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);

	parse_good(&p, TOP "encoding = ASCII\n" CHEQUE LABEL
			   "text = 10 8 \"{bank_name}\"\n");
	ck_assert_int_eq(
	    printdoc_make(&d, &p, PRINTDOC_LABEL, &font, "⑆1⑆", vars, 1, &err),
	    CD_OK);
	ck_assert_int_eq(printdoc_encode(&d, &j, &err), CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "中国银行"));
	job_free(&j);
	printdoc_free(&d);
	profile_free(&p);
}
END_TEST

/* printdoc_make refuses a code line that runs off the right edge and one
 * E13B cannot draw, leaving nothing to free. */
START_TEST(test_make_errors)
{
	struct e13b_font font;
	struct profile p;
	struct printdoc d;
	struct cd_error err;
	char line[128];

	load_font(&font);
	load_shipped(&p, "epson-plq20");
	/* 12 mm + 69 x 3.175 mm = 231.1 mm > 230 mm; 68 fit. */
	memset(line, '1', 69);
	line[69] = '\0';
	cd_err_clear(&err);
	ck_assert_int_eq(
	    printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, line, NULL, 0, &err),
	    CD_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "right edge"));
	ck_assert_ptr_null(d.raster.bits);
	line[68] = '\0';
	ck_assert_msg(printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, line, NULL,
				    0, &err) == CD_OK,
		      "%s", err.msg);
	printdoc_free(&d);
	ck_assert_int_eq(printdoc_make(&d, &p, PRINTDOC_CHEQUE, &font, "⑈12A⑈",
				       NULL, 0, &err),
			 CD_EINVAL);
	ck_assert_ptr_null(d.raster.bits);
	profile_free(&p);
}
END_TEST

/* The suite of printer profile tests. */
static Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("core");
	int npat = (int)(sizeof patterns / sizeof patterns[0]);

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_shipped_epson);
	tcase_add_test(tc, test_shipped_olivetti);
	tcase_add_test(tc, test_parse_good);
	tcase_add_loop_test(tc, test_parse_bad, 0,
			    sizeof bad_profiles / sizeof bad_profiles[0]);
	tcase_add_test(tc, test_line_length);
	tcase_add_loop_test(tc, test_bytes, 0,
			    sizeof seq_cases / sizeof seq_cases[0]);
	tcase_add_test(tc, test_bytes_decimal);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_load_all);
	tcase_add_test(tc, test_dots_cmdsets);
	tcase_add_test(tc, test_expand);
	tcase_add_test(tc, test_expand_utf8_cut);
	tcase_add_test(tc, test_escp2_cheque);
	tcase_add_loop_test(tc, test_escp2_rle, 0, npat);
	tcase_add_test(tc, test_pr2_cheque);
	tcase_add_loop_test(tc, test_pr2_bands, 0, npat);
	tcase_add_test(tc, test_pr2_wide_raster);
	tcase_add_test(tc, test_escp2_label);
	tcase_add_test(tc, test_pr2_label);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_encoding_errors);
	tcase_add_test(tc, test_make_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the profile suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(profile_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
