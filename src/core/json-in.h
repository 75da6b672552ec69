/* json-in.h - reading the members of a received JSON document, each
 * refusal (CD_EINVAL, field "format") naming the member's place. */
#ifndef CHEQUEDESK_JSON_IN_H
#define CHEQUEDESK_JSON_IN_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define JSON_PLACE_MAX 96   /* "cheques[12345].payee_account" and more */
#define JSON_QUOTE_MAX 40   /* bytes of a value quoted in a message */
#define JSON_FIELD "format" /* the error field of every refusal */
#define JSON_IN_INT_MAX 2147483647LL /* counts, refs, sessions, versions */

/* "WHERE.NAME", or NAME at the top of the file, into BUF. */
const char *json_in_place(char *buf, const char *where, const char *name);

/* "WHERE.ARRAY[I]" (or "ARRAY[I]" at the top) into BUF. */
const char *json_in_place_at(char *buf, const char *where, const char *array,
			     size_t i);

/* S shortened for a message: cut between UTF-8 characters, control
 * characters and quotes shown as '?'. BUF has JSON_QUOTE_MAX + 4 bytes. */
const char *json_in_quote(const char *s, char *buf);

/* Member NAME of O; a "missing" error when it is absent. */
const cJSON *json_in_need(const cJSON *o, const char *where, const char *name,
			  struct cd_error *err);

/* Refuse member NAME for not being TYPE (translated, e.g. "a string"). */
CD_MUST_CHECK int json_in_wrong_type(const char *where, const char *name,
				     const char *type, struct cd_error *err);

/* Object or array member NAME of O into *V. */
CD_MUST_CHECK int json_in_get_node(const cJSON *o, const char *where,
				   const char *name, int array, const cJSON **v,
				   struct cd_error *err);

/* Integer member NAME from MIN to MAX. cJSON holds numbers as doubles;
 * an integral double in this range converts exactly. */
CD_MUST_CHECK int json_in_get_int(const cJSON *o, const char *where,
				  const char *name, long long min,
				  long long max, int64_t *out,
				  struct cd_error *err);

/* Integer member NAME into an int. */
CD_MUST_CHECK int json_in_get_small(const cJSON *o, const char *where,
				    const char *name, int min, int *out,
				    struct cd_error *err);

/* Boolean member NAME. */
CD_MUST_CHECK int json_in_get_bool(const cJSON *o, const char *where,
				   const char *name, int *out,
				   struct cd_error *err);

/* String member NAME (non-empty) into *S; *S NULL when absent and not
 * REQUIRED. */
CD_MUST_CHECK int json_in_get_text(const cJSON *o, const char *where,
				   const char *name, int required,
				   const char **s, struct cd_error *err);

/* Why json_in_parse gave no object. */
enum json_in_fault {
	JSON_IN_OK,
	JSON_IN_EMPTY,	    /* no bytes at all */
	JSON_IN_OOM,	    /* out of memory */
	JSON_IN_BROKEN,	    /* not JSON: it breaks off or is damaged at *AT */
	JSON_IN_TRAILING,   /* more than blanks after the JSON, from *AT */
	JSON_IN_NOT_OBJECT, /* JSON, but not an object */
};

/* Parse the LEN bytes at DATA as one JSON object with nothing but blanks
 * after it; NULL with *FAULT (and the byte *AT) saying why not. The caller
 * says it in its own words. */
cJSON *json_in_parse(const char *data, size_t len, enum json_in_fault *fault,
		     size_t *at);

#endif
