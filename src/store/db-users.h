/* db-users.h - the users table. */
#ifndef CHEQUEDESK_DB_USERS_H
#define CHEQUEDESK_DB_USERS_H

#include "model.h"
#include "store.h"

/* CD_ENOTFOUND (without a message) when there is no such user. */
CD_MUST_CHECK int user_get(struct store *st, const char *id, struct user *out,
			   struct cd_error *err);
CD_MUST_CHECK int user_put(struct store *st, const struct user *u,
			   const char *created_by, const char *created_at,
			   struct cd_error *err);
/* Wrong passwords in a row, and the lock (LOCKED_AT, or NULL to clear). */
CD_MUST_CHECK int user_set_failed(struct store *st, const char *id, int failed,
				  const char *locked_at, struct cd_error *err);
/* A new password hash; MUST_CHANGE forces a change at the next sign-in.
 * Clears the failures and the lock. */
CD_MUST_CHECK int user_set_password(struct store *st, const char *id,
				    const char *pw_hash, int must_change,
				    const char *at, struct cd_error *err);
/* Dual control: who last reset the password (also forgets the unlocker),
 * who last unlocked the account. */
CD_MUST_CHECK int user_set_reset_by(struct store *st, const char *id,
				    const char *by, struct cd_error *err);
CD_MUST_CHECK int user_set_unlocked_by(struct store *st, const char *id,
				       const char *by, struct cd_error *err);
/* Wrong authorising passwords: given by ID in a row (the last at AT), and
 * given for ID since SINCE; AT / SINCE NULL when N is 0. */
CD_MUST_CHECK int user_set_auth_wrong(struct store *st, const char *id, int n,
				      const char *at, struct cd_error *err);
CD_MUST_CHECK int user_set_auth_tried(struct store *st, const char *id, int n,
				      const char *since, struct cd_error *err);
typedef int (*user_cb)(const struct user *u, void *ctx);
CD_MUST_CHECK int user_list(struct store *st, user_cb cb, void *ctx,
			    struct cd_error *err);

#endif
