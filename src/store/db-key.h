/* db-key.h - the branch_key table: the one record of the branch key file
 * (fingerprint, where, when and by whom it came, wrong access codes). */
#ifndef CHEQUEDESK_DB_KEY_H
#define CHEQUEDESK_DB_KEY_H

#include "model.h"
#include "sign.h"
#include "store.h"

/* The branch_key row (id 1, always present; text fields "" when unset). */
struct key_rec {
	char fingerprint[SIGN_HEX_LEN];
	char path[512];
	char created_at[TIMESTAMP_LEN];
	char created_by[USER_ID_MAX + 1];
	char source[16]; /* "new" or "import" */
	int wrong_codes; /* wrong access codes in a row */
	char last_wrong_at[TIMESTAMP_LEN];
};

/* Read the record. */
CD_MUST_CHECK int keyrec_get(struct store *st, struct key_rec *out,
			     struct cd_error *err);

/* Record a new key (inside the caller's transaction): fingerprint, path,
 * created_at/by and source; clears the wrong access codes. */
CD_MUST_CHECK int keyrec_put(struct store *st, const struct key_rec *k,
			     struct cd_error *err);

/* One more wrong access code at AT (inside the caller's transaction). */
CD_MUST_CHECK int keyrec_wrong(struct store *st, const char *at,
			       struct cd_error *err);

/* A right access code: the wrong ones in a row start again from 0
 * (inside the caller's transaction). */
CD_MUST_CHECK int keyrec_right(struct store *st, struct cd_error *err);

#endif
