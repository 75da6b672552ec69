/* view.h - text views of items and bags for the command line. */
#ifndef CHEQUEDESK_VIEW_H
#define CHEQUEDESK_VIEW_H

#include "desk.h"
#include "model.h"

/* Every field of an item, one per line, with names looked up. */
void view_item_detail(struct desk *d, const struct item *it);

/* The header and one row of the item table, and the totals line. */
void view_item_header(void);
void view_item_row(const struct item *it);
void view_item_totals(int64_t count, int64_t fen);

/* The header and one row of the bag table. */
void view_bag_header(void);
void view_bag_row(const struct bag *b);

/* A bag's details (without its bills). */
void view_bag_detail(struct desk *d, const struct bag *b);

/* The balance report of a batch (counts and totals by destination bank
 * and debit/credit, and in all). */
struct batch;
struct batch_rec;
void view_balance(struct desk *d, const struct batch *b);

/* The batch table and one batch's record. */
void view_batch_header(void);
void view_batch_row(const struct batch_rec *b);
void view_batch_detail(const struct batch_rec *b);

#endif
