/* prompt.h - asking the user at the terminal: passwords without echo. */
#ifndef CHEQUEDESK_PROMPT_H
#define CHEQUEDESK_PROMPT_H

#include <stddef.h>

#include "error.h"

/* Read a password: from the environment variable ENV when set, otherwise
 * from the terminal without echo after showing PROMPT (translated). */
CD_MUST_CHECK int passwd_read(const char *env, const char *prompt, char *buf,
			      size_t len, struct cd_error *err);

#endif
