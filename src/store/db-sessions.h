/* db-sessions.h - the screens' sessions: who is signed in where, and who
 * ended a session. */
#ifndef CHEQUEDESK_DB_SESSIONS_H
#define CHEQUEDESK_DB_SESSIONS_H

#include <stdint.h>

#include "store.h"

/* Start a session of USER on TERMINAL (may be NULL); its id in *ID. */
CD_MUST_CHECK int session_start(struct store *st, const char *user,
				const char *terminal, const char *at,
				int64_t *id, struct cd_error *err);

/* End session ID (BY: who ended it, NULL for the user themselves). */
CD_MUST_CHECK int session_end(struct store *st, int64_t id, const char *by,
			      const char *reason, const char *at,
			      struct cd_error *err);

/* End every open session of USER; *N says how many. */
CD_MUST_CHECK int session_end_user(struct store *st, const char *user,
				   const char *by, const char *reason,
				   const char *at, int *n,
				   struct cd_error *err);

/* Whether session ID has ended, and by whom (BY gets "" for the user). */
CD_MUST_CHECK int session_get(struct store *st, int64_t id, int *ended,
			      char *by, size_t len, struct cd_error *err);

/* How many sessions USER has open. */
CD_MUST_CHECK int session_open_count(struct store *st, const char *user, int *n,
				     struct cd_error *err);

#endif
