/* labels.h - names of roles, bill types and debit/credit in the user's
 * language, for messages, lists and screens. */
#ifndef CHEQUEDESK_LABELS_H
#define CHEQUEDESK_LABELS_H

#include "model.h"

/* The role's name in the user's language. */
const char *role_label(enum role role);

/* True when messages are shown in Chinese. */
int label_lang_zh(void);

/* A bill type's name in the user's language. */
const char *label_type(const struct bill_type *t);

/* An item's stored status ("registered", ...) in the user's language. */
const char *label_status(const char *status);

/* "debit" / "credit" in the user's language. */
const char *label_dc(char dc);

#endif
