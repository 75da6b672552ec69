/* codeline.h - the cheque's E13B code line: pre-printed part, supplementary
 * part and the check code (see docs/codeline.md). */
#ifndef CHEQUEDESK_CODELINE_H
#define CHEQUEDESK_CODELINE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define CODELINE_SERIAL_LEN 8
#define CODELINE_BANK_MAX 12	/* longest exchange bank number accepted */
#define CODELINE_ACCOUNT_MAX 32 /* longest account number accepted */
#define CODELINE_PHONE_MAX 15
#define CODELINE_LINE_MAX 256 /* buffer for a formatted code line */

/* The four E13B symbols. */
enum e13b_symbol {
	E13B_TRANSIT, /* ⑆ U+2446 */
	E13B_AMOUNT,  /* ⑇ U+2447 */
	E13B_ON_US,   /* ⑈ U+2448 */
	E13B_DASH,    /* ⑉ U+2449 */
	E13B_NSYMBOLS
};

/* Which ASCII characters a keyboard-wedge MICR reader sends for each symbol
 * (besides the Unicode symbol itself, always accepted). Each entry is a set of
 * characters, e.g. "$A" for the amount symbol. */
struct micr_map {
	char sym[E13B_NSYMBOLS][8];
};

/* The common reader substitutions: T transit, U on-us, $ or A amount, - dash.
 */
void micr_map_default(struct micr_map *map);

/* Set one symbol's characters from configuration text such as "$A". Refuses
 * digits, blanks, and characters already used by another symbol. */
CD_MUST_CHECK int micr_map_set(struct micr_map *map, enum e13b_symbol sym,
			       const char *chars, struct cd_error *err);

/* The pre-printed part read from a cheque. */
struct codeline_pre {
	char serial[CODELINE_SERIAL_LEN + 1];
	char bank[CODELINE_BANK_MAX + 1];
};

/* Parse a reader line: on-us, 8-digit serial, on-us, transit, exchange bank
 * number, transit. Blanks between fields are ignored, as are a trailing CR/LF.
 * Anything else gives CD_EINVAL with field "micr" and a message saying which
 * part of the line is wrong. Does not check the bank against the directory. */
CD_MUST_CHECK int codeline_parse_micr(const char *line,
				      const struct micr_map *map,
				      struct codeline_pre *out,
				      struct cd_error *err);

/* True when TEXT looks like a reader line rather than a typed serial (it
 * holds an E13B symbol or one of MAP's substitutes). */
int codeline_looks_like_micr(const char *text, const struct micr_map *map);

/* ISO 7064 MOD 97-10 check digits (0..98 as two digits, "00".."98") over
 * serial(8) + bank + account + type(2) + amount in fen zero-padded to 12.
 * All inputs must already be validated digit strings. OUT gets 3 bytes. */
void codeline_check_code(const char *serial, const char *bank,
			 const char *account, const char *type, int64_t fen,
			 char out[3]);

/* True when DIGITS (a string of digits ending in two check digits) passes
 * ISO 7064 MOD 97-10, i.e. the whole number mod 97 == 1. */
int codeline_check_valid(const char *digits);

/* What the branch prints: the supplementary code line. */
struct codeline_supp {
	const char *account;
	const char *type;	/* two digits */
	char dc;		/* 'D' debit or 'C' credit */
	const char *check_code; /* two digits */
	int64_t fen;
	const char *phone; /* may be NULL or "" */
};

/* Format the supplementary code line in Unicode E13B symbols (UTF-8):
 *   ⑈ACCOUNT⑈ TTF⑉CC ⑇AAAAAAAAAAAA⑇ ⑉PHONE
 * where TT is the bill type, F the debit/credit digit (1 debit, 2 credit),
 * CC the check code, A the amount in fen (12 digits) and the phone part is
 * left out when there is none. Returns BUF. */
char *codeline_format_supp(const struct codeline_supp *in, char *buf,
			   size_t len);

/* Format a bag label's E13B line:
 *   ⑆BANK⑆ TTF⑉ ⑇AAAAAAAAAAAA⑇
 * the destination's exchange bank number, the bill type with its
 * debit/credit digit, and the bag's total in fen. Returns BUF. */
char *codeline_format_bag(const char *bank, const char *type, char dc,
			  int64_t fen, char *buf, size_t len);

/* Check a string is all digits with length in [MIN, MAX]; on failure a
 * translated message naming LABEL (already translated) and FIELD. */
CD_MUST_CHECK int codeline_check_digits(const char *text, size_t min,
					size_t max, const char *field,
					const char *label,
					struct cd_error *err);

#endif
