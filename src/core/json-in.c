/* json-in.c - reading the members of a JSON document the branch or the
 * centre received (a batch file, notices), each refusal naming its place
 * in the document ("cheques[3].amount_fen: ..."). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-in.h"
#include "i18n.h"

/* Append S to the place in BUF (JSON_PLACE_MAX bytes) at *N; real places are
 * far shorter, a longer one would be cut. */
static void json_in_put(char *buf, size_t *n, const char *s)
{
	while (*s != '\0' && *n + 1 < JSON_PLACE_MAX)
		buf[(*n)++] = *s++;
	buf[*n] = '\0';
}

/* "WHERE.NAME", or NAME at the top of the document, into BUF. */
const char *json_in_place(char *buf, const char *where, const char *name)
{
	size_t n = 0;

	json_in_put(buf, &n, where);
	if (where[0] != '\0')
		json_in_put(buf, &n, ".");
	json_in_put(buf, &n, name);
	return buf;
}

/* "WHERE.ARRAY[I]" (or "ARRAY[I]" at the top) into BUF. */
const char *json_in_place_at(char *buf, const char *where, const char *array,
			     size_t i)
{
	char num[24];
	size_t n;

	json_in_place(buf, where, array);
	n = strlen(buf);
	snprintf(num, sizeof num, "[%zu]", i);
	json_in_put(buf, &n, num);
	return buf;
}

/* S shortened for a message: cut between UTF-8 characters, control
 * characters and quotes shown as '?'. BUF has JSON_QUOTE_MAX + 4 bytes. */
const char *json_in_quote(const char *s, char *buf)
{
	size_t n = 0;

	for (; s[n] != '\0' && n < JSON_QUOTE_MAX; n++) {
		unsigned char c = (unsigned char)s[n];

		buf[n] = c < 0x20 || c == 0x7f || c == '"' ? '?' : (char)c;
	}
	if (s[n] != '\0') {
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		memcpy(buf + n, "...", 4);
	} else {
		buf[n] = '\0';
	}
	return buf;
}

/* Member NAME of O; a "missing" error when it is absent. */
const cJSON *json_in_need(const cJSON *o, const char *where, const char *name,
			  struct cd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	char p[JSON_PLACE_MAX];

	if (v == NULL)
		cd_err(err, CD_EINVAL, JSON_FIELD, _("%s: missing."),
		       json_in_place(p, where, name));
	return v;
}

/* Refuse member NAME for not being TYPE (translated, e.g. "a string"). */
int json_in_wrong_type(const char *where, const char *name, const char *type,
		       struct cd_error *err)
{
	char p[JSON_PLACE_MAX];

	/* TRANSLATORS: the second %s is e.g. "a string", "an array". */
	return cd_err(err, CD_EINVAL, JSON_FIELD, _("%s: must be %s."),
		      json_in_place(p, where, name), type);
}

/* Object or array member NAME of O into *V. */
int json_in_get_node(const cJSON *o, const char *where, const char *name,
		     int array, const cJSON **v, struct cd_error *err)
{
	*v = json_in_need(o, where, name, err);
	if (*v == NULL)
		return CD_EINVAL;
	if (array ? !cJSON_IsArray(*v) : !cJSON_IsObject(*v))
		return json_in_wrong_type(
		    where, name, array ? _("an array") : _("an object"), err);
	return CD_OK;
}

/* Integer member NAME from MIN to MAX. cJSON holds numbers as doubles;
 * an integral double in this range converts exactly. */
int json_in_get_int(const cJSON *o, const char *where, const char *name,
		    long long min, long long max, int64_t *out,
		    struct cd_error *err)
{
	const cJSON *v = json_in_need(o, where, name, err);
	char p[JSON_PLACE_MAX];
	double d;

	if (v == NULL)
		return CD_EINVAL;
	d = cJSON_IsNumber(v) ? v->valuedouble : -1e300;
	if (!(d >= (double)min && d <= (double)max) || (double)(int64_t)d != d)
		return cd_err(err, CD_EINVAL, JSON_FIELD,
			      _("%s: must be a whole number from %lld to "
				"%lld."),
			      json_in_place(p, where, name), min, max);
	*out = (int64_t)d;
	return CD_OK;
}

/* Integer member NAME into an int. */
int json_in_get_small(const cJSON *o, const char *where, const char *name,
		      int min, int *out, struct cd_error *err)
{
	int64_t v;

	if (json_in_get_int(o, where, name, min, JSON_IN_INT_MAX, &v, err) !=
	    CD_OK)
		return CD_EINVAL;
	*out = (int)v;
	return CD_OK;
}

/* Boolean member NAME. */
int json_in_get_bool(const cJSON *o, const char *where, const char *name,
		     int *out, struct cd_error *err)
{
	const cJSON *v = json_in_need(o, where, name, err);

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsBool(v))
		return json_in_wrong_type(where, name, _("true or false"), err);
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return CD_OK;
}

/* String member NAME (non-empty) into *S; *S NULL when absent and not
 * REQUIRED. */
int json_in_get_text(const cJSON *o, const char *where, const char *name,
		     int required, const char **s, struct cd_error *err)
{
	const cJSON *v = required ? json_in_need(o, where, name, err)
				  : cJSON_GetObjectItemCaseSensitive(o, name);
	char p[JSON_PLACE_MAX];

	*s = NULL;
	if (v == NULL)
		return required ? CD_EINVAL : CD_OK;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return json_in_wrong_type(where, name, _("a string"), err);
	if (v->valuestring[0] == '\0')
		return cd_err(err, CD_EINVAL, JSON_FIELD,
			      _("%s: is empty; leave optional members out "
				"instead."),
			      json_in_place(p, where, name));
	*s = v->valuestring;
	return CD_OK;
}

/* Parse DATA as one JSON object with nothing but blanks after it. */
cJSON *json_in_parse(const char *data, size_t len, enum json_in_fault *fault,
		     size_t *at)
{
	const char *end = NULL;
	cJSON *root;
	char *copy;
	size_t pos;

	*at = 0;
	*fault = JSON_IN_EMPTY;
	if (data == NULL || len == 0)
		return NULL;
	*fault = JSON_IN_OOM;
	copy = len < SIZE_MAX ? malloc(len + 1) : NULL;
	if (copy == NULL)
		return NULL;
	memcpy(copy, data, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
	pos = end != NULL ? (size_t)(end - copy) : 0;
	*at = pos;
	if (root == NULL)
		*fault = JSON_IN_BROKEN;
	else {
		while (pos < len && copy[pos] != '\0' &&
		       strchr(" \t\r\n", copy[pos]))
			pos++;
		*fault = pos < len		 ? JSON_IN_TRAILING
			 : !cJSON_IsObject(root) ? JSON_IN_NOT_OBJECT
						 : JSON_IN_OK;
	}
	free(copy);
	if (*fault == JSON_IN_OK)
		return root;
	cJSON_Delete(root);
	return NULL;
}
