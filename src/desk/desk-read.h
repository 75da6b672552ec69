/* desk-read.h - what the front ends read, through the service layer: the
 * lists and lookups of items, bags, batches, banks, bill types, users,
 * notices and the audit trail. The command line and the screens call
 * these, never the store (docs/HACKING.md). */
#ifndef CHEQUEDESK_DESK_READ_H
#define CHEQUEDESK_DESK_READ_H

#include "db-audit.h"
#include "db-bags.h"
#include "db-banks.h"
#include "db-batches.h"
#include "db-items.h"
#include "db-notices.h"
#include "db-users.h"
#include "desk.h"

/* Items and bags: as item_list, item_get, bag_list, bag_get and
 * bag_find_open of the store. */
CD_MUST_CHECK int desk_item_list(struct desk *d, const struct item_filter *f,
				 item_cb cb, void *ctx, struct cd_error *err);
CD_MUST_CHECK int desk_item_get(struct desk *d, int64_t id, struct item *out,
				struct cd_error *err);
CD_MUST_CHECK int desk_slot_totals(struct desk *d, const char *date,
				   int session, int64_t *count, int64_t *fen,
				   struct cd_error *err);
CD_MUST_CHECK int desk_bag_list(struct desk *d, const struct bag_filter *f,
				bag_cb cb, void *ctx, struct cd_error *err);
CD_MUST_CHECK int desk_bag_get(struct desk *d, int64_t id, struct bag *out,
			       struct cd_error *err);
CD_MUST_CHECK int desk_bag_find_open(struct desk *d, const char *date,
				     int session, const char *bank,
				     const char *type, struct bag *out,
				     struct cd_error *err);

/* Batches: every batch of DATE (NULL: all), or those still to upload. */
CD_MUST_CHECK int desk_batch_list(struct desk *d, const char *date,
				  batch_rec_cb cb, void *ctx,
				  struct cd_error *err);
CD_MUST_CHECK int desk_batch_pending(struct desk *d, batch_rec_cb cb, void *ctx,
				     struct cd_error *err);

/* The bank directory and the bill types. */
CD_MUST_CHECK int desk_bank_list(struct desk *d, bank_cb cb, void *ctx,
				 struct cd_error *err);
CD_MUST_CHECK int desk_bank_get(struct desk *d, const char *number,
				struct bank *out, struct cd_error *err);
CD_MUST_CHECK int desk_billtype_list(struct desk *d, billtype_cb cb, void *ctx,
				     struct cd_error *err);
CD_MUST_CHECK int desk_billtype_get(struct desk *d, const char *code,
				    struct bill_type *out,
				    struct cd_error *err);

/* Users, and on how many screens USER is signed in. */
CD_MUST_CHECK int desk_user_list(struct desk *d, user_cb cb, void *ctx,
				 struct cd_error *err);
CD_MUST_CHECK int desk_user_screens(struct desk *d, const char *user, int *n,
				    struct cd_error *err);

/* The centre's notices: a list, how many the signed-in user has not
 * seen (a supervisor all, a teller their own), and marking them seen in
 * one transaction. */
CD_MUST_CHECK int desk_notice_list(struct desk *d,
				   const struct notice_filter *f,
				   notice_rec_cb cb, void *ctx,
				   struct cd_error *err);
CD_MUST_CHECK int desk_notice_unseen(struct desk *d, int supervisor,
				     const char *teller, int64_t *n,
				     struct cd_error *err);
CD_MUST_CHECK int desk_notice_mark_seen(struct desk *d, int supervisor,
					const char *teller,
					struct cd_error *err);

/* The audit trail: its records, and the check of its chain against
 * anchors (audit_verify_anchored). */
CD_MUST_CHECK int desk_audit_list(struct desk *d, const struct audit_filter *f,
				  audit_cb cb, void *ctx, struct cd_error *err);
CD_MUST_CHECK int desk_audit_verify(struct desk *d,
				    const struct batch_anchor *v, size_t n,
				    struct audit_check *out,
				    struct cd_error *err);

#endif
