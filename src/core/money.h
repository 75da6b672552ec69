/* money.h - amounts in fen (int64): parsing, figures and Chinese capitals. */
#ifndef CHEQUEDESK_MONEY_H
#define CHEQUEDESK_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The largest amount a single item may carry: 9,999,999,999.99 yuan. */
#define MONEY_MAX_FEN INT64_C(999999999999)

/* Buffer sizes that always suffice for the two formats. */
#define MONEY_FIGURES_LEN 32
#define MONEY_CAPITALS_LEN 192

/* Parse a yuan amount typed by a user: "1234.56", "1,234.56", "1234",
 * "1234.5", with optional surrounding blanks. Refuses (CD_EINVAL, field
 * "amount", a translated message saying what to type instead): empty,
 * negative, zero, more than two decimals, exponents, letters or other
 * characters, misplaced thousands separators, more than MONEY_MAX_FEN. */
CD_MUST_CHECK int money_parse(const char *text, int64_t *fen,
			      struct cd_error *err);

/* "1,234.56" (thousands separators, always two decimals). Returns BUF. */
char *money_format(int64_t fen, char *buf, size_t len);

/* "1234.56" (no separators; the form money_parse reads back). Returns BUF. */
char *money_format_plain(int64_t fen, char *buf, size_t len);

/* Chinese capital amount, UTF-8: 壹仟贰佰叁拾肆元伍角陆分; ends in 整 when
 * there are no fen; 零元整 for zero. Returns BUF. */
char *money_format_capitals(int64_t fen, char *buf, size_t len);

#endif
