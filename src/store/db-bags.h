/* db-bags.h - the bags table: one open bag per date, session, bank and
 * bill type. */
#ifndef CHEQUEDESK_DB_BAGS_H
#define CHEQUEDESK_DB_BAGS_H

#include "model.h"
#include "store.h"

/* Which bags bag_list returns; NULL / 0 members match everything. */
struct bag_filter {
	const char *date;
	int session;
	const char *status;
	int unbatched; /* 1: only bags not yet in a batch */
	int64_t batch; /* only the bags of this batch */
};

/* The open bag for (DATE, SESSION, BANK, TYPE): 1 and OUT filled when there
 * is one, 0 when not, negative (ERR set) on failure. */
CD_MUST_CHECK int bag_find_open(struct store *st, const char *date, int session,
				const char *bank, const char *type,
				struct bag *out, struct cd_error *err);
/* Insert B (inside the caller's transaction) and set B->id; a B->id
 * already set is kept (bags rebuilt from the centre). */
CD_MUST_CHECK int bag_insert(struct store *st, struct bag *b,
			     struct cd_error *err);
/* Read one bag with its count and total. CD_ENOTFOUND without a message
 * when there is no such bag. */
CD_MUST_CHECK int bag_get(struct store *st, int64_t id, struct bag *out,
			  struct cd_error *err);
typedef int (*bag_cb)(const struct bag *b, void *ctx);
CD_MUST_CHECK int bag_list(struct store *st, const struct bag_filter *f,
			   bag_cb cb, void *ctx, struct cd_error *err);

#endif
