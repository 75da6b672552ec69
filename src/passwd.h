/* passwd.h - password hashing (scrypt) and reading passwords. */
#ifndef CHEQUEDESK_PASSWD_H
#define CHEQUEDESK_PASSWD_H

#include <stddef.h>

#include "error.h"

#define PASSWD_MAX 128
#define PASSWD_MIN 6

/* Hash PW as "$scrypt$ln=14,r=8,p=1$SALT$HASH" (base64) into OUT. */
int passwd_hash(const char *pw, char *out, size_t len, struct cd_error *err);

/* 1 when PW matches STORED, 0 when not (or STORED is malformed). */
int passwd_verify(const char *pw, const char *stored);

/* Rules for a new password. */
int passwd_check_new(const char *pw, struct cd_error *err);

/* Read a password: from the environment variable ENV when set, otherwise
 * from the terminal without echo after showing PROMPT (translated). */
int passwd_read(const char *env, const char *prompt, char *buf, size_t len,
		struct cd_error *err);

#endif
