/* i18n.h - gettext wrappers used by every user-visible string. */
#ifndef CHEQUEDESK_I18N_H
#define CHEQUEDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

#endif
