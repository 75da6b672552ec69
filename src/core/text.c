/* text.c - UTF-8 checks for names and other free text, and escaping text
 * for display. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* Decode the UTF-8 character at P into *CP: its length in bytes, or 0 when
 * it is malformed (overlong, surrogate, beyond U+10FFFF, cut short). */
static int utf8_next(const unsigned char *p, unsigned *cp)
{
	int more, i;
	unsigned c;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	if ((*p & 0xe0) == 0xc0) {
		more = 1;
		c = *p & 0x1f;
	} else if ((*p & 0xf0) == 0xe0) {
		more = 2;
		c = *p & 0x0f;
	} else if ((*p & 0xf8) == 0xf0) {
		more = 3;
		c = *p & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i <= more; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((more == 1 && c < 0x80) || (more == 2 && c < 0x800) ||
	    (more == 3 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return more + 1;
}

/* Whether CP is a control character: C0, DEL or C1. */
static int is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

/* Whether CP is a bidi control: embeddings, overrides, isolates, marks. */
int text_is_bidi(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	       cp == 0x061c;
}

/* Count the characters of S, refusing malformed UTF-8 and control codes. */
long text_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	unsigned cp;
	int len;

	while (*p) {
		len = utf8_next(p, &cp);
		if (len == 0 || is_control(cp))
			return -1;
		p += len;
		n++;
	}
	return n;
}

/* The first bidi control in S (valid UTF-8), or 0 when there is none. */
static unsigned first_bidi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int len;

	while (*p) {
		len = utf8_next(p, &cp);
		if (len == 0)
			return 0;
		if (text_is_bidi(cp))
			return cp;
		p += len;
	}
	return 0;
}

/* Check a free-text field. */
int text_check(const char *s, int required, size_t max_chars, size_t max_bytes,
	       const char *field, const char *label, struct cd_error *err)
{
	long n = s ? text_chars(s) : 0;
	unsigned bidi;

	if (n < 0)
		return cd_err(err, CD_EINVAL, field,
			      _("The %s holds characters that cannot be "
				"stored (control codes or text that is not "
				"UTF-8). Type it again."),
			      label);
	bidi = s ? first_bidi(s) : 0;
	if (bidi != 0)
		/* TRANSLATORS: %1$s is the field, e.g. "payee's name"; %2$04X
		 * the character's code, e.g. 202E. */
		return cd_err(err, CD_EINVAL, field,
			      _("The %1$s holds an invisible direction "
				"control (U+%2$04X) that can make it display "
				"as something else. Type it again without "
				"it."),
			      label, bidi);
	if (n == 0 && required)
		return cd_err(err, CD_EINVAL, field,
			      _("The %s is empty. Type it in."), label);
	if ((size_t)n > max_chars || (s && strlen(s) > max_bytes))
		return cd_err(err, CD_EINVAL, field,
			      _("The %s is too long: at most %zu characters."),
			      label, max_chars);
	return CD_OK;
}

/* Where text_escape writes: OUT of OUTSZ bytes, USED of them filled; POS
 * counts every byte, so it ends at the length needed. */
struct sink {
	char *out;
	size_t outsz, used, pos;
};

/* Append the N bytes at SRC whole, or nothing more once one does not fit
 * (a cut never splits a character or an escape). */
static void put(struct sink *k, const char *src, size_t n)
{
	if (k->out != NULL && k->used == k->pos && k->pos + n < k->outsz) {
		memcpy(k->out + k->used, src, n);
		k->used += n;
	}
	k->pos += n;
}

/* Escape S for display: see text.h. */
size_t text_escape(const char *s, int flags, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	struct sink k = {out, outsz, 0, 0};
	char esc[16];
	unsigned cp;
	int len;

	while (*p) {
		len = utf8_next(p, &cp);
		if (len == 0) {
			if (flags & TEXT_ESC_JSON)
				snprintf(esc, sizeof esc, "\\ufffd");
			else
				snprintf(esc, sizeof esc, "\\x%02x", *p);
			put(&k, esc, strlen(esc));
			p++;
			continue;
		}
		if ((cp == '\n' && (flags & TEXT_ESC_KEEP_NL)) ||
		    (cp == '\t' && (flags & TEXT_ESC_KEEP_TAB)) ||
		    (!is_control(cp) && !text_is_bidi(cp))) {
			put(&k, (const char *)p, (size_t)len);
		} else {
			if (cp < 0x80 && !(flags & TEXT_ESC_JSON))
				snprintf(esc, sizeof esc, "\\x%02x", cp);
			else
				snprintf(esc, sizeof esc, "\\u%04x", cp);
			put(&k, esc, strlen(esc));
		}
		p += len;
	}
	if (out != NULL && outsz > 0)
		out[k.used] = '\0';
	return k.pos;
}

/* Escape S into a new string (free it); NULL when out of memory. */
char *text_escape_dup(const char *s, int flags)
{
	size_t n = text_escape(s, flags, NULL, 0);
	char *out = malloc(n + 1);

	if (out != NULL)
		text_escape(s, flags, out, n + 1);
	return out;
}
