/* db-audit.h - the audit trail: one row with every change of state, each
 * carrying the hash of the row before it. */
#ifndef CHEQUEDESK_DB_AUDIT_H
#define CHEQUEDESK_DB_AUDIT_H

#include <stdint.h>

#include "batchfile.h"
#include "sign.h"
#include "store.h"

/* One audit row as stored. */
struct audit_rec {
	int64_t id;
	const char *at, *user, *auth, *action, *object, *before, *after;
	const char *prev, *hash;
};

/* Append an audit row inside the caller's transaction. USER is who acted
 * (NULL for the system), ACTION a fixed verb such as "cheque.add", OBJECT
 * what it acted on ("item:12"), BEFORE/AFTER JSON text or NULL. The row
 * also names st->auth_by (dual control) and is chained to the last row. */
CD_MUST_CHECK int audit_add(struct store *st, const char *at, const char *user,
			    const char *action, const char *object,
			    const char *before, const char *after,
			    struct cd_error *err);

/* The hash a row must carry: SM3 over PREV and the row's fields, each
 * length-prefixed so no two rows serialise alike. */
void audit_hash(const struct audit_rec *r, const char *prev,
		char out[SIGN_HEX_LEN]);

/* The short hash of a row's contents (not its id or its link) that an
 * anchor keeps for each record: BATCH_LEAF_HEX hex digits. */
void audit_leaf(const struct audit_rec *r, char out[BATCH_LEAF_HEX + 1]);

/* The first record the next batch's anchor starts at: one after the
 * last record anchored by a close or resend (1 when none was). */
CD_MUST_CHECK int audit_anchor_start(struct store *st, int64_t *from,
				     struct cd_error *err);

/* Anchor the chain as it stands, records FROM to the last, into A
 * (A->record 0 when there are none); a missing record has the leaf
 * "0000000000000000". Free A->leaves. */
CD_MUST_CHECK int audit_anchor_make(struct store *st, int64_t from,
				    struct batch_anchor *a,
				    struct cd_error *err);

/* Fill in prev and hash for rows written before the chain existed (the
 * schema 4 migration), in id order. */
CD_MUST_CHECK int audit_chain_seal(struct store *st, struct cd_error *err);

/* Rows in id order, optionally only USER's (acting or authorising) and
 * only those whose time starts with DATE; CB returns non-zero to stop. */
struct audit_filter {
	const char *user;
	const char *date; /* YYYY-MM-DD or NULL */
};
typedef int (*audit_cb)(const struct audit_rec *r, void *ctx);
CD_MUST_CHECK int audit_list(struct store *st, const struct audit_filter *f,
			     audit_cb cb, void *ctx, struct cd_error *err);

/* What audit_verify found. */
enum audit_fault {
	AUDIT_INTACT,
	AUDIT_CHANGED,	/* row ID no longer matches its hash */
	AUDIT_REMOVED,	/* rows between AFTER_ID and ID are missing */
	AUDIT_INSERTED, /* row ID was not written by chequedesk */
	AUDIT_FOREIGN,	/* anchors of another trail, and no resync */
};
struct audit_check {
	enum audit_fault fault;
	int64_t id;	  /* the first row found wrong */
	int64_t after_id; /* for AUDIT_REMOVED: the last good row (0: none) */
	int64_t rows;	  /* rows checked */
	char head[SIGN_HEX_LEN]; /* the last row's hash when intact */
	/* with anchors (audit_verify_anchored) */
	int64_t anchors;       /* anchors checked */
	int64_t anchored;      /* the last record an anchor covers (0: none) */
	int64_t unanchored;    /* records after it */
	int anchor_fault;      /* the fault was found against an anchor */
	int64_t anchor;	       /* which: index into the anchors given */
	int64_t foreign;       /* anchors of another trail (before a resync) */
	int64_t first_foreign; /* the first of them: index */
};

/* Walk the whole chain and report the first fault. */
CD_MUST_CHECK int audit_verify(struct store *st, struct audit_check *out,
			       struct cd_error *err);

/* audit_verify, then every anchor of V (N of them, in any order)
 * against the chain's contents: the first record changed, removed or
 * inserted before an anchor's record is named even when the chain was
 * re-hashed after the change. Anchors of another trail (their chain is
 * not this trail's first hash) are counted in OUT->foreign and not
 * checked; unless the trail records a resync they are AUDIT_FOREIGN. */
CD_MUST_CHECK int audit_verify_anchored(struct store *st,
					const struct batch_anchor *v, size_t n,
					struct audit_check *out,
					struct cd_error *err);

#endif
