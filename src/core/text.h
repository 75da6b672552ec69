/* text.h - checking free text (names) typed by users, and escaping text
 * that is shown on a terminal. */
#ifndef CHEQUEDESK_TEXT_H
#define CHEQUEDESK_TEXT_H

#include <stddef.h>

#include "error.h"

/* Number of characters in a valid UTF-8 string, or -1 when it is not valid
 * UTF-8 or holds control characters. */
long text_chars(const char *s);

/* Check a name: valid UTF-8 text without control characters or bidi
 * controls (text_is_bidi), 1..MAX_CHARS
 * characters and fitting in MAX_BYTES bytes (or empty when !REQUIRED).
 * LABEL is the translated field label used in the message. */
CD_MUST_CHECK int text_check(const char *s, int required, size_t max_chars,
			     size_t max_bytes, const char *field,
			     const char *label, struct cd_error *err);

/* Whether the code point CP is a bidi control (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C), which can make text display in
 * another order than it is stored. */
int text_is_bidi(unsigned cp);

/* Flags for text_escape. */
enum text_esc_flags {
	TEXT_ESC_KEEP_NL = 1,  /* a newline is the layout's own: keep it */
	TEXT_ESC_KEEP_TAB = 2, /* keep tabs */
	TEXT_ESC_JSON = 4,     /* only \uXXXX escapes (inside a JSON string);
				  invalid UTF-8 becomes \ufffd */
};

/* Write S to OUT (OUTSZ bytes, always terminated when OUTSZ > 0; OUT may
 * be NULL) so that nothing in it can steer a terminal: control characters
 * (C0, DEL) become "\x1b", C1 controls and bidi controls "\u202e", bytes
 * that are not UTF-8 "\xff"; everything else, a backslash included, is
 * copied. Returns the length of the whole escaped text, like snprintf. */
size_t text_escape(const char *s, int flags, char *out, size_t outsz);

/* text_escape into a new string (free it); NULL when out of memory. */
char *text_escape_dup(const char *s, int flags);

#endif
