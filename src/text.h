/* text.h - checking free text (names) typed by users. */
#ifndef CHEQUEDESK_TEXT_H
#define CHEQUEDESK_TEXT_H

#include <stddef.h>

#include "error.h"

/* Number of characters in a valid UTF-8 string, or -1 when it is not valid
 * UTF-8 or holds control characters. */
long text_chars(const char *s);

/* Check a name: valid UTF-8 text without control characters, 1..MAX_CHARS
 * characters and fitting in MAX_BYTES bytes (or empty when !REQUIRED).
 * LABEL is the translated field label used in the message. */
int text_check(const char *s, int required, size_t max_chars, size_t max_bytes,
	       const char *field, const char *label, struct cd_error *err);

#endif
