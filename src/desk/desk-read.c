/* desk-read.c - the lists and lookups the front ends read through the
 * service layer. */
#include "config.h"

#include "db-sessions.h"
#include "desk-read.h"

/* The items matching F. */
int desk_item_list(struct desk *d, const struct item_filter *f, item_cb cb,
		   void *ctx, struct cd_error *err)
{
	return item_list(d->st, f, cb, ctx, err);
}

/* One item. */
int desk_item_get(struct desk *d, int64_t id, struct item *out,
		  struct cd_error *err)
{
	return item_get(d->st, id, out, err);
}

/* The count and total of a session's items. */
int desk_slot_totals(struct desk *d, const char *date, int session,
		     int64_t *count, int64_t *fen, struct cd_error *err)
{
	return item_slot_totals(d->st, date, session, count, fen, err);
}

/* The bags matching F. */
int desk_bag_list(struct desk *d, const struct bag_filter *f, bag_cb cb,
		  void *ctx, struct cd_error *err)
{
	return bag_list(d->st, f, cb, ctx, err);
}

/* One bag. */
int desk_bag_get(struct desk *d, int64_t id, struct bag *out,
		 struct cd_error *err)
{
	return bag_get(d->st, id, out, err);
}

/* The open bag of a session for a bank and bill type. */
int desk_bag_find_open(struct desk *d, const char *date, int session,
		       const char *bank, const char *type, struct bag *out,
		       struct cd_error *err)
{
	return bag_find_open(d->st, date, session, bank, type, out, err);
}

/* The batches of DATE, or all. */
int desk_batch_list(struct desk *d, const char *date, batch_rec_cb cb,
		    void *ctx, struct cd_error *err)
{
	return batch_rec_list(d->st, date, cb, ctx, err);
}

/* The batches still to upload. */
int desk_batch_pending(struct desk *d, batch_rec_cb cb, void *ctx,
		       struct cd_error *err)
{
	return batch_rec_pending(d->st, cb, ctx, err);
}

/* The bank directory. */
int desk_bank_list(struct desk *d, bank_cb cb, void *ctx, struct cd_error *err)
{
	return bank_list(d->st, cb, ctx, err);
}

/* One bank of the directory. */
int desk_bank_get(struct desk *d, const char *number, struct bank *out,
		  struct cd_error *err)
{
	return bank_get(d->st, number, out, err);
}

/* The bill types. */
int desk_billtype_list(struct desk *d, billtype_cb cb, void *ctx,
		       struct cd_error *err)
{
	return billtype_list(d->st, cb, ctx, err);
}

/* One bill type. */
int desk_billtype_get(struct desk *d, const char *code, struct bill_type *out,
		      struct cd_error *err)
{
	return billtype_get(d->st, code, out, err);
}

/* The users. */
int desk_user_list(struct desk *d, user_cb cb, void *ctx, struct cd_error *err)
{
	return user_list(d->st, cb, ctx, err);
}

/* On how many screens USER is signed in. */
int desk_user_screens(struct desk *d, const char *user, int *n,
		      struct cd_error *err)
{
	return session_open_count(d->st, user, n, err);
}

/* The notices matching F. */
int desk_notice_list(struct desk *d, const struct notice_filter *f,
		     notice_rec_cb cb, void *ctx, struct cd_error *err)
{
	return notice_rec_list(d->st, f, cb, ctx, err);
}

/* How many notices are unseen. */
int desk_notice_unseen(struct desk *d, int supervisor, const char *teller,
		       int64_t *n, struct cd_error *err)
{
	return notice_rec_unseen(d->st, supervisor, teller, n, err);
}

/* Mark the notices seen, in one transaction. */
int desk_notice_mark_seen(struct desk *d, int supervisor, const char *teller,
			  struct cd_error *err)
{
	if (store_begin(d->st, err) != CD_OK)
		return err->status;
	if (notice_rec_mark_seen(d->st, supervisor, teller, err) != CD_OK) {
		store_rollback(d->st);
		return err->status;
	}
	return store_commit(d->st, err);
}

/* The audit records matching F. */
int desk_audit_list(struct desk *d, const struct audit_filter *f, audit_cb cb,
		    void *ctx, struct cd_error *err)
{
	return audit_list(d->st, f, cb, ctx, err);
}

/* The chain, then the anchors V. */
int desk_audit_verify(struct desk *d, const struct batch_anchor *v, size_t n,
		      struct audit_check *out, struct cd_error *err)
{
	return audit_verify_anchored(d->st, v, n, out, err);
}
