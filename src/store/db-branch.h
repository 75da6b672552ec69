/* db-branch.h - the branch record (one row). */
#ifndef CHEQUEDESK_DB_BRANCH_H
#define CHEQUEDESK_DB_BRANCH_H

#include "model.h"
#include "store.h"

CD_MUST_CHECK int branch_get(struct store *st, struct branch *out,
			     struct cd_error *err);
CD_MUST_CHECK int branch_put(struct store *st, const struct branch *b,
			     struct cd_error *err);

#endif
