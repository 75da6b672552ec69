/* batchfile-int.h - what the batch file's writer (batchfile-write.c),
 * reader (batchfile-read.c) and totals (batchfile.c) share. */
#ifndef CHEQUEDESK_BATCHFILE_INT_H
#define CHEQUEDESK_BATCHFILE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "json-in.h"

#define WIRE_AMOUNT_DIGITS 18
#define WIRE_AMOUNT_MAX INT64_C(999999999999999999)
#define JSON_INT_MAX 2147483647LL /* counts, refs, sessions, versions */
#define BANK_MIN 4
#define BILL_SERIAL_MIN 4 /* bills carry 4 to 20 digits (register.c) */
#define PLACE_MAX JSON_PLACE_MAX
#define QUOTE_MAX JSON_QUOTE_MAX
#define FIELD_FORMAT "format"
#define FIELD_TOTALS "totals"

/* Out of memory while computing totals or reading: CD_EFAIL. */
int batchfile_oom(struct cd_error *err);

/* Add FEN to *AMOUNT and count it; -1 (nothing changed) on overflow. */
int batchfile_sum_add(int64_t *count, int64_t *amount, int64_t fen);

#endif
