/* db-audit.h - the audit trail: one row with every change of state. */
#ifndef CHEQUEDESK_DB_AUDIT_H
#define CHEQUEDESK_DB_AUDIT_H

#include "store.h"

/* Append an audit row inside the caller's transaction. USER is who acted
 * (NULL for the system), ACTION a fixed verb such as "cheque.add", OBJECT
 * what it acted on ("item:12"), BEFORE/AFTER JSON text or NULL. */
int audit_add(struct store *st, const char *at, const char *user,
	      const char *action, const char *object, const char *before,
	      const char *after, struct cd_error *err);

#endif
