/* batchfile-int.h - what the batch file's writer (batchfile-write.c),
 * reader (batchfile-read.c) and totals (batchfile.c) share. */
#ifndef CHEQUEDESK_BATCHFILE_INT_H
#define CHEQUEDESK_BATCHFILE_INT_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define WIRE_AMOUNT_DIGITS 18
#define WIRE_AMOUNT_MAX INT64_C(999999999999999999)
#define JSON_INT_MAX 2147483647LL /* counts, refs, sessions, versions */
#define BANK_MIN 4
#define BILL_SERIAL_MIN 4 /* bills carry 4 to 20 digits (register.c) */
#define PLACE_MAX 96
#define QUOTE_MAX 40
#define FIELD_FORMAT "format"
#define FIELD_TOTALS "totals"

/* Out of memory while computing totals or reading: CD_EFAIL. */
int batchfile_oom(struct cd_error *err);

/* Add FEN to *AMOUNT and count it; -1 (nothing changed) on overflow. */
int batchfile_sum_add(int64_t *count, int64_t *amount, int64_t fen);

/* Reading members (batchfile-json.c). */

/* "WHERE.NAME", or NAME at the top of the file, into BUF. */
const char *bjson_place(char *buf, const char *where, const char *name);

/* "WHERE.ARRAY[I]" (or "ARRAY[I]" at the top) into BUF. */
const char *bjson_place_at(char *buf, const char *where, const char *array,
			   size_t i);

/* S shortened for a message: cut between UTF-8 characters, control
 * characters and quotes shown as '?'. BUF has QUOTE_MAX + 4 bytes. */
const char *bjson_quote(const char *s, char *buf);

/* Member NAME of O; a "missing" error when it is absent. */
const cJSON *bjson_need(const cJSON *o, const char *where, const char *name,
			struct cd_error *err);

/* Refuse member NAME for not being TYPE (translated, e.g. "a string"). */
int bjson_wrong_type(const char *where, const char *name, const char *type,
		     struct cd_error *err);

/* Object or array member NAME of O into *V. */
int bjson_get_node(const cJSON *o, const char *where, const char *name,
		   int array, const cJSON **v, struct cd_error *err);

/* Integer member NAME from MIN to MAX. cJSON holds numbers as doubles;
 * an integral double in this range converts exactly. */
int bjson_get_int(const cJSON *o, const char *where, const char *name,
		  long long min, long long max, int64_t *out,
		  struct cd_error *err);

/* Integer member NAME into an int. */
int bjson_get_small(const cJSON *o, const char *where, const char *name,
		    int min, int *out, struct cd_error *err);

/* Boolean member NAME. */
int bjson_get_bool(const cJSON *o, const char *where, const char *name,
		   int *out, struct cd_error *err);

/* String member NAME (non-empty) into *S; *S NULL when absent and not
 * REQUIRED. */
int bjson_get_text(const cJSON *o, const char *where, const char *name,
		   int required, const char **s, struct cd_error *err);

#endif
