/* view.h - text views of items and bags for the command line. */
#ifndef CHEQUEDESK_VIEW_H
#define CHEQUEDESK_VIEW_H

#include "desk.h"
#include "model.h"

/* Every field of an item, one per line, with names looked up. */
void view_item_detail(struct desk *d, const struct item *it);

/* An amount right-aligned in WIDTH columns, wider when it needs more. */
void view_amount_cell(int64_t fen, int width);

/* The columns FEN takes as figures, or MIN when that is more: lists size
 * their amount column for the widest amount (a first pass), so no digit
 * is ever cut. */
int view_amount_width(int64_t fen, int min);

/* The header and one row of the item table, and the totals line. */
void view_item_header(void);
void view_item_row(const struct item *it);
void view_item_totals(int64_t count, int64_t fen);

/* The header and one row of the bag table, the amount column AMOUNT_W
 * wide (16, or the widest amount listed). */
void view_bag_header(int amount_w);
void view_bag_row(const struct bag *b, int amount_w);

/* A bag's details (without its bills). */
void view_bag_detail(struct desk *d, const struct bag *b);

/* The balance report of a batch (counts and totals by destination bank
 * and debit/credit, and in all). */
struct batch;
struct batch_rec;
void view_balance(struct desk *d, const struct batch *b);

/* The batch table (the amount column AMOUNT_W wide: 16, or the widest
 * total listed) and one batch's record. */
void view_batch_header(int amount_w);
void view_batch_row(const struct batch_rec *b, int amount_w);
void view_batch_detail(const struct batch_rec *b);

#endif
