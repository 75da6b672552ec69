/* db-users.h - the users table. */
#ifndef CHEQUEDESK_DB_USERS_H
#define CHEQUEDESK_DB_USERS_H

#include "model.h"
#include "store.h"

/* CD_ENOTFOUND (without a message) when there is no such user. */
int user_get(struct store *st, const char *id, struct user *out,
	     struct cd_error *err);
int user_put(struct store *st, const struct user *u, const char *created_by,
	     const char *created_at, struct cd_error *err);
typedef int (*user_cb)(const struct user *u, void *ctx);
int user_list(struct store *st, user_cb cb, void *ctx, struct cd_error *err);

#endif
