/* db-banks.h - the exchange bank directory and the bill types. */
#ifndef CHEQUEDESK_DB_BANKS_H
#define CHEQUEDESK_DB_BANKS_H

#include "model.h"
#include "store.h"

/* CD_ENOTFOUND (without a message) when the number is not in the
 * directory. */
CD_MUST_CHECK int bank_get(struct store *st, const char *number,
			   struct bank *out, struct cd_error *err);
/* Insert or update one bank (inside the caller's transaction). */
CD_MUST_CHECK int bank_put(struct store *st, const struct bank *b,
			   struct cd_error *err);
/* The length of the directory's exchange numbers (0 when empty). */
CD_MUST_CHECK int bank_number_length(struct store *st, int *len,
				     struct cd_error *err);
typedef int (*bank_cb)(const struct bank *b, void *ctx);
CD_MUST_CHECK int bank_list(struct store *st, bank_cb cb, void *ctx,
			    struct cd_error *err);

/* CD_ENOTFOUND (without a message) when there is no such code. */
CD_MUST_CHECK int billtype_get(struct store *st, const char *code,
			       struct bill_type *out, struct cd_error *err);
CD_MUST_CHECK int billtype_put(struct store *st, const struct bill_type *t,
			       struct cd_error *err);
typedef int (*billtype_cb)(const struct bill_type *t, void *ctx);
CD_MUST_CHECK int billtype_list(struct store *st, billtype_cb cb, void *ctx,
				struct cd_error *err);

#endif
