/* text.c - UTF-8 checks for names and other free text. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "text.h"

/* Count the characters of S, refusing malformed UTF-8 and control codes. */
long text_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	int more, i;
	unsigned cp;

	while (*p) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return -1;
			p++;
			n++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			more = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			more = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			more = 3;
			cp = *p & 0x07;
		} else {
			return -1;
		}
		for (i = 1; i <= more; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) ||
		    (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
			return -1;
		p += more + 1;
		n++;
	}
	return n;
}

/* Check a free-text field. */
int text_check(const char *s, int required, size_t max_chars, size_t max_bytes,
	       const char *field, const char *label, struct cd_error *err)
{
	long n = s ? text_chars(s) : 0;

	if (n < 0)
		return cd_err(err, CD_EINVAL, field,
			      _("The %s holds characters that cannot be "
				"stored (control codes or text that is not "
				"UTF-8). Type it again."),
			      label);
	if (n == 0 && required)
		return cd_err(err, CD_EINVAL, field,
			      _("The %s is empty. Type it in."), label);
	if ((size_t)n > max_chars || (s && strlen(s) > max_bytes))
		return cd_err(err, CD_EINVAL, field,
			      _("The %s is too long: at most %zu characters."),
			      label, max_chars);
	return CD_OK;
}
