/* db-audit.h - the audit trail: one row with every change of state, each
 * carrying the hash of the row before it. */
#ifndef CHEQUEDESK_DB_AUDIT_H
#define CHEQUEDESK_DB_AUDIT_H

#include <stdint.h>

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
int audit_add(struct store *st, const char *at, const char *user,
	      const char *action, const char *object, const char *before,
	      const char *after, struct cd_error *err);

/* The hash a row must carry: SM3 over PREV and the row's fields, each
 * length-prefixed so no two rows serialise alike. */
void audit_hash(const struct audit_rec *r, const char *prev,
		char out[SIGN_HEX_LEN]);

/* Fill in prev and hash for rows written before the chain existed (the
 * schema 4 migration), in id order. */
int audit_chain_seal(struct store *st, struct cd_error *err);

/* Rows in id order, optionally only USER's (acting or authorising) and
 * only those whose time starts with DATE; CB returns non-zero to stop. */
struct audit_filter {
	const char *user;
	const char *date; /* YYYY-MM-DD or NULL */
};
typedef int (*audit_cb)(const struct audit_rec *r, void *ctx);
int audit_list(struct store *st, const struct audit_filter *f, audit_cb cb,
	       void *ctx, struct cd_error *err);

/* What audit_verify found. */
enum audit_fault {
	AUDIT_INTACT,
	AUDIT_CHANGED,	/* row ID no longer matches its hash */
	AUDIT_REMOVED,	/* rows between AFTER_ID and ID are missing */
	AUDIT_INSERTED, /* row ID was not written by chequedesk */
};
struct audit_check {
	enum audit_fault fault;
	int64_t id;	  /* the first row found wrong */
	int64_t after_id; /* for AUDIT_REMOVED: the last good row (0: none) */
	int64_t rows;	  /* rows checked */
	char head[SIGN_HEX_LEN]; /* the last row's hash when intact */
};

/* Walk the whole chain and report the first fault. */
int audit_verify(struct store *st, struct audit_check *out,
		 struct cd_error *err);

#endif
