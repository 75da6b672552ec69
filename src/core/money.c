/* money.c - amounts in fen: reading typed yuan, figures, Chinese capitals. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "money.h"

/* Longest part of a typed amount quoted back in a message, in bytes. */
#define QUOTE_MAX 40

/* Most integer digits an amount may have (9,999,999,999). */
#define MONEY_INT_DIGITS 10

/* Output buffer that is never overrun and always stays a C string. */
struct outbuf {
	char *buf;
	size_t len;
	size_t used;
	int full; /* something did not fit: write nothing more */
};

/* True for the blanks allowed around an amount. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* True for an ASCII digit. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True for an ASCII letter. */
static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copy S (N bytes) into Q for a message, shortened at a character boundary. */
static void quote(char *q, const char *s, size_t n)
{
	size_t cut = n;

	if (cut > QUOTE_MAX) {
		cut = QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	memcpy(q, s, cut);
	strcpy(q + cut, cut < n ? "..." : "");
}

/* True when S[I] starts an exponent such as the "e5" of "1e5". */
static int is_exponent(const char *s, size_t i, size_t n)
{
	if (s[i] != 'e' && s[i] != 'E')
		return 0;
	if (i == 0 || !(is_digit(s[i - 1]) || s[i - 1] == '.'))
		return 0;
	if (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'))
		i++;
	return i + 1 < n && is_digit(s[i + 1]);
}

/* Refuse the first character of S (N bytes) that cannot be in an amount. */
static int check_chars(const char *s, size_t n, const char *q,
		       struct cd_error *err)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80)
			return cd_err(
			    err, CD_EINVAL, "amount",
			    /* TRANSLATORS: %s is the amount as the user typed
			     * it. Chinese input methods often produce
			     * full-width digits; the user must switch to
			     * half-width. */
			    _("The amount \"%s\" contains a character that is "
			      "not a plain ASCII digit: full-width digits, "
			      "currency signs and Chinese characters are not "
			      "accepted. Type the amount in yuan with the "
			      "digits 0-9 (half-width), e.g. 1234.56."),
			    q);
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (is_digit(c) || c == '.' || c == ',')
			continue;
		if (is_exponent(s, i, n))
			return cd_err(err, CD_EINVAL, "amount",
				      _("The amount \"%s\" is written with an "
					"exponent. Type the amount in full, "
					"e.g. 100000.00 rather than 1e5."),
				      q);
		if (is_letter(c))
			return cd_err(err, CD_EINVAL, "amount",
				      _("The amount \"%s\" contains the letter "
					"'%c'. Type the amount in yuan with "
					"the digits 0-9 only, e.g. 1234.56."),
				      q, c);
		if (is_blank(c))
			return cd_err(
			    err, CD_EINVAL, "amount",
			    _("The amount \"%s\" contains a blank. Type it "
			      "without blanks; if you want to group the "
			      "digits, use commas, e.g. 1,234,567.89."),
			    q);
		if (c < 0x20 || c == 0x7f)
			return cd_err(err, CD_EINVAL, "amount",
				      _("The amount \"%s\" contains an "
					"invisible control character. Type the "
					"amount again in yuan, e.g. 1234.56."),
				      q);
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount \"%s\" contains '%c', which is not "
				"allowed. Use only the digits 0-9, one decimal "
				"point and, if you like, commas between groups "
				"of three digits, e.g. 1,234.56."),
			      q, c);
	}
	return CD_OK;
}

/* True when the commas of integer part S (N bytes) part groups of three. */
static int groups_ok(const char *s, size_t n)
{
	size_t i, run = 0;
	int first = 1;

	if (s[0] == '0')
		return 0; /* "0,123" is a mistyped "0.123", not 123 */
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != ',') {
			run++;
			continue;
		}
		if (first ? run < 1 || run > 3 : run != 3)
			return 0;
		first = 0;
		run = 0;
	}
	return 1;
}

/* Parse a yuan amount typed by a user into fen. */
int money_parse(const char *text, int64_t *fen, struct cd_error *err)
{
	const char *s, *e, *point, *p;
	char q[QUOTE_MAX + 4];
	char max[MONEY_FIGURES_LEN];
	size_t n, nint, nfrac, ndig;
	int64_t v;
	int rc;

	if (text == NULL)
		text = "";
	for (s = text; is_blank(*s); s++)
		;
	for (e = s + strlen(s); e > s && is_blank(e[-1]); e--)
		;
	n = (size_t)(e - s);
	if (n == 0)
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount is empty. Enter the amount in "
				"yuan, e.g. 1234.56."));
	quote(q, s, n);

	if (*s == '-' || (*s == '(' && e[-1] == ')'))
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" is negative. Enter the amount as it "
		      "is written on the document, without a minus sign or "
		      "brackets, e.g. 1234.56."),
		    q);
	rc = check_chars(s, n, q, err);
	if (rc != CD_OK)
		return rc;

	point = memchr(s, '.', n);
	if (point != NULL && memchr(point + 1, '.', (size_t)(e - point - 1)))
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" has more than one decimal point. "
		      "Enter yuan with one decimal point, e.g. 1234.56."),
		    q);
	nint = (size_t)((point ? point : e) - s);
	nfrac = point ? (size_t)(e - point - 1) : 0;
	if (point != NULL && memchr(point + 1, ',', nfrac))
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" has a comma after the decimal point. "
		      "Use the point for the decimals and commas only between "
		      "groups of three digits before it, e.g. 1,234.56."),
		    q);
	if (nint == 0)
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" has no digits before the decimal "
		      "point. Write a 0 before the point, e.g. 0.50."),
		    q);
	if (memchr(s, ',', nint) && !groups_ok(s, nint))
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount \"%s\" has commas in the wrong "
				"places. Commas may only separate groups of "
				"three digits, counted from the decimal point, "
				"e.g. 1,234,567.89; or leave them out."),
			      q);
	if (point != NULL && nfrac == 0)
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount \"%s\" ends with a decimal point. "
				"Type the decimals after it or leave the point "
				"out, e.g. 1234.50 or 1234."),
			      q);
	if (nfrac > 2)
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" has more than two decimal places. "
		      "Enter yuan with at most two decimals, e.g. 1234.56."),
		    q);

	/* Count significant digits first so a long string cannot overflow. */
	ndig = 0;
	for (p = s; p < s + nint; p++)
		if (*p != ',' && (ndig > 0 || *p != '0'))
			ndig++;
	if (ndig > MONEY_INT_DIGITS)
		return cd_err(
		    err, CD_EINVAL, "amount",
		    /* TRANSLATORS: the second %s is the largest amount, e.g.
		     * 9,999,999,999.99. */
		    _("The amount \"%s\" is too large: a single item may carry "
		      "at most %s yuan. Check the amount you typed."),
		    q, money_format(MONEY_MAX_FEN, max, sizeof max));

	v = 0;
	for (p = s; p < s + nint; p++)
		if (*p != ',')
			v = v * 10 + (*p - '0');
	v *= 100;
	if (nfrac >= 1)
		v += (point[1] - '0') * 10;
	if (nfrac == 2)
		v += point[2] - '0';
	if (v == 0)
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount \"%s\" is zero. Enter the amount "
				"written on the document, e.g. 1234.56."),
			      q);
	if (v > MONEY_MAX_FEN)
		return cd_err(
		    err, CD_EINVAL, "amount",
		    _("The amount \"%s\" is too large: a single item may carry "
		      "at most %s yuan. Check the amount you typed."),
		    q, money_format(MONEY_MAX_FEN, max, sizeof max));
	*fen = v;
	return CD_OK;
}

/* Write FEN as yuan with two decimals, with thousands separators when SEP. */
static char *format_figures(int64_t fen, char *buf, size_t len, int sep)
{
	char tmp[MONEY_FIGURES_LEN];
	char *p = tmp + sizeof tmp;
	uint64_t u = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	uint64_t yuan = u / 100;
	unsigned cents = (unsigned)(u % 100);
	int n = 0;

	*--p = '\0';
	*--p = (char)('0' + cents % 10);
	*--p = (char)('0' + cents / 10);
	*--p = '.';
	do {
		if (sep && n > 0 && n % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + yuan % 10);
		yuan /= 10;
		n++;
	} while (yuan > 0);
	if (fen < 0)
		*--p = '-';
	if (len > 0)
		snprintf(buf, len, "%s", p);
	return buf;
}

/* "1,234.56": figures with thousands separators. */
char *money_format(int64_t fen, char *buf, size_t len)
{
	return format_figures(fen, buf, len, 1);
}

/* "1234.56": figures as money_parse reads them back. */
char *money_format_plain(int64_t fen, char *buf, size_t len)
{
	return format_figures(fen, buf, len, 0);
}

/* Append S to O unless it no longer fits. */
static void put(struct outbuf *o, const char *s)
{
	size_t n = strlen(s);

	if (o->full || o->used + n >= o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->buf + o->used, s, n + 1);
	o->used += n;
}

/* The capital digits 零 to 玖. */
static const char *const cap_digit[10] = {"零", "壹", "贰", "叁", "肆",
					  "伍", "陆", "柒", "捌", "玖"};

/* Write G (1..9999) in capitals: inner zeros as one 零, no outer zeros. */
static void put_group(struct outbuf *o, unsigned g)
{
	static const char *const unit[4] = {"仟", "佰", "拾", ""};
	unsigned div = 1000, d;
	int i, started = 0, zero = 0;

	for (i = 0; i < 4; i++, div /= 10) {
		d = g / div % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			put(o, cap_digit[0]);
		put(o, cap_digit[d]);
		put(o, unit[i]);
		started = 1;
		zero = 0;
	}
}

/* Write the whole yuan YUAN (> 0) in groups of four digits. */
static void put_yuan(struct outbuf *o, uint64_t yuan)
{
	static const char *const gunit[] = {"", "万", "亿", "万亿", "亿亿"};
	unsigned g[sizeof gunit / sizeof gunit[0]];
	int i, n = 0, started = 0, zero = 0;

	while (yuan > 0 && n < (int)(sizeof g / sizeof g[0]) - 1) {
		g[n++] = (unsigned)(yuan % 10000);
		yuan /= 10000;
	}
	if (yuan > 0)
		g[n++] = (unsigned)yuan; /* at most 9 for any int64 */
	for (i = n - 1; i >= 0; i--) {
		if (g[i] == 0) {
			zero = started;
			continue;
		}
		if (started && (zero || g[i] < 1000))
			put(o, cap_digit[0]);
		put_group(o, g[i]);
		put(o, gunit[i]);
		started = 1;
		zero = 0;
	}
}

/* Chinese capital amount, e.g. 壹仟贰佰叁拾肆元伍角陆分. */
char *money_format_capitals(int64_t fen, char *buf, size_t len)
{
	struct outbuf o = {buf, len, 0, 0};
	uint64_t u = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	uint64_t yuan = u / 100;
	unsigned jiao = (unsigned)(u / 10 % 10), f = (unsigned)(u % 10);

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (u == 0) {
		put(&o, "零元整");
		return buf;
	}
	if (fen < 0)
		put(&o, "负");
	if (yuan > 0) {
		put_yuan(&o, yuan);
		put(&o, "元");
		if (jiao == 0 && f != 0)
			put(&o, cap_digit[0]);
	}
	if (jiao != 0) {
		put(&o, cap_digit[jiao]);
		put(&o, "角");
	}
	if (f != 0) {
		put(&o, cap_digit[f]);
		put(&o, "分");
	} else {
		put(&o, "整");
	}
	return buf;
}
