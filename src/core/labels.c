/* labels.c - names of roles, bill types and debit/credit in the user's
 * language. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "labels.h"

/* A role's name for people. */
const char *role_label(enum role role)
{
	switch (role) {
	case ROLE_TELLER:
		return _("teller");
	case ROLE_SUPERVISOR:
		return _("supervisor");
	case ROLE_ADMIN:
		return _("administrator");
	default:
		return _("not signed in");
	}
}

/* Whether the active translation is Chinese. */
int label_lang_zh(void)
{
	/* TRANSLATORS: write "zh" here so that bill type names are shown in
	   Chinese; leave "en" for languages that use the English names. */
	return strcmp(_("en"), "zh") == 0;
}

/* A bill type's name in the user's language. */
const char *label_type(const struct bill_type *t)
{
	return label_lang_zh() ? t->name_zh : t->name_en;
}

/* "debit" / "credit" in the user's language. */
const char *label_dc(char dc)
{
	return dc == 'C' ? _("credit") : _("debit");
}

/* An item's status in the user's language. */
const char *label_status(const char *status)
{
	if (strcmp(status, "registered") == 0)
		return _("registered");
	if (strcmp(status, "printed") == 0)
		return _("printed");
	if (strcmp(status, "voided") == 0)
		return _("voided");
	/* TRANSLATORS: an item closed into an outgoing batch, not yet
	 * answered by the clearing centre. */
	if (strcmp(status, "batched") == 0)
		return _("in batch");
	if (strcmp(status, "accepted") == 0)
		return _("accepted");
	if (strcmp(status, "rejected") == 0)
		return _("rejected");
	/* TRANSLATORS: 退票, sent back by the drawer's bank after it was
	 * accepted. */
	if (strcmp(status, "returned") == 0)
		return _("returned");
	return status;
}
