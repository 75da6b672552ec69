/* i18n.h - gettext wrappers used by every user-visible string. */
#ifndef CHEQUEDESK_I18N_H
#define CHEQUEDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

/* The translation of S in context CTX (the same English word may need
 * different translations): gettext's pgettext, "CTX\004S" in the
 * catalog. */
static inline const char *cd_pgettext(const char *ctx_s, const char *s)
{
	const char *t = gettext(ctx_s);

	return t == ctx_s ? s : t;
}
#define C_(ctx, s) cd_pgettext(ctx "\004" s, s)

#endif
