/* db-items.h - the items table: cheques and bagged bills. */
#ifndef CHEQUEDESK_DB_ITEMS_H
#define CHEQUEDESK_DB_ITEMS_H

#include "model.h"
#include "store.h"

/* Which items item_list returns; NULL / 0 members match everything. */
struct item_filter {
	const char *date; /* business date YYYY-MM-DD */
	int session;
	const char *kind; /* "cheque" or "bill" */
	const char *status;
	const char *bank;
	const char *teller;
	const char *search; /* serial or account equal to this ... */
	int64_t search_fen; /* ... or amount equal to this (0: none) */
	int64_t bag_id;
	int unbatched; /* 1: only items not yet in a batch */
	int64_t batch; /* only the items of this batch (batches.id) */
};

/* Insert IT (inside the caller's transaction) and set IT->id. */
CD_MUST_CHECK int item_insert(struct store *st, struct item *it,
			      struct cd_error *err);
/* CD_ENOTFOUND (without a message) when there is no such item. */
CD_MUST_CHECK int item_get(struct store *st, int64_t id, struct item *out,
			   struct cd_error *err);
typedef int (*item_cb)(const struct item *it, void *ctx);
CD_MUST_CHECK int item_list(struct store *st, const struct item_filter *f,
			    item_cb cb, void *ctx, struct cd_error *err);
/* The latest item, not voided, with this serial and bank and a business date
 * on or after SINCE, into OUT; *FOUND 0 when there is none. */
CD_MUST_CHECK int item_find_duplicate(struct store *st, const char *serial,
				      const char *bank, const char *since,
				      struct item *out, int *found,
				      struct cd_error *err);
/* Count and total of the items (not voided) of one date and session. */
CD_MUST_CHECK int item_slot_totals(struct store *st, const char *date,
				   int session, int64_t *count, int64_t *fen,
				   struct cd_error *err);

/* What a batch file takes of each item, read narrowly into ROW for CB:
 * id, status, serial, bank, account, amount_fen, type, dc, check_code,
 * phone, paykey, payee_account, payee_name, teller, created_at, prints
 * (and kind); ROW's other members are left as they were. Voided items are
 * left out; registration order. */
/* The cheques of DATE and SESSION in batch BATCH (0: in none yet). */
CD_MUST_CHECK int item_batch_cheques(struct store *st, const char *date,
				     int session, int64_t batch,
				     struct item *row, item_cb cb, void *ctx,
				     struct cd_error *err);
/* The bills of bag BAG_ID. */
CD_MUST_CHECK int item_batch_bills(struct store *st, int64_t bag_id,
				   struct item *row, item_cb cb, void *ctx,
				   struct cd_error *err);
/* The cheques of DATE and SESSION not voided nor yet in a batch, by
 * destination bank and D/C: count, total and how many are still
 * "registered" (code line not printed), in bank order. A total beyond
 * int64 is refused with CD_EINVAL, field "totals". */
typedef int (*item_total_cb)(const char *bank, char dc, int64_t count,
			     int64_t fen, int64_t unprinted, void *ctx);
CD_MUST_CHECK int item_bank_totals(struct store *st, const char *date,
				   int session, item_total_cb cb, void *ctx,
				   struct cd_error *err);

#endif
