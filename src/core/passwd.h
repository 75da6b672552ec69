/* passwd.h - password hashing (scrypt) and the branch's rules. */
#ifndef CHEQUEDESK_PASSWD_H
#define CHEQUEDESK_PASSWD_H

#include <stddef.h>

#include "error.h"

#define PASSWD_MAX 128

/* The branch's password rules (chequedesk.conf). */
struct passwd_rules {
	int min_length;	  /* password_min_length, characters */
	int min_classes;  /* password_classes: of letters, digits, others */
	int max_age_days; /* password_max_age_days; 0: never expires */
	int max_failures; /* lockout_attempts: wrong passwords before lock */
};

/* Hash PW as "$scrypt$ln=14,r=8,p=1$SALT$HASH" (base64) into OUT. */
CD_MUST_CHECK int passwd_hash(const char *pw, char *out, size_t len,
			      struct cd_error *err);

/* 1 when PW matches STORED, 0 when not (or STORED is malformed). */
int passwd_verify(const char *pw, const char *stored);

/* Check a new password against RULES. */
CD_MUST_CHECK int passwd_check_new(const char *pw,
				   const struct passwd_rules *rules,
				   struct cd_error *err);

#endif
