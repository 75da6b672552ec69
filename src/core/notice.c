/* notice.c - the clearing centre's notices as JSON (docs/centre-protocol.md,
 * "Notices"): one notice each way, and a whole checked page of them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json-in.h"
#include "notice.h"
#include "text.h"

#define SEQ_MAX 9007199254740991LL /* 2^53 - 1: exact in a JSON number */
#define REF_MAX 2147483647LL
#define SERIAL_MIN 4 /* bills' serials may be shorter than cheques' */
#define BANK_MIN 4
#define FIELD_FORMAT "format"

/* Characters allowed in the ASCII string members. */
#define CHARS_DIGITS "0123456789"
#define CHARS_WORD                                                             \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"
#define CHARS_TIME "0123456789-:T+Z."

/* The kinds' names, in enum order. */
static const char *const kind_names[] = {"accepted", "rejected", "returned"};

/* A kind's protocol name ("unknown" for a value out of range). */
const char *notice_kind_name(enum notice_kind k)
{
	if ((unsigned)k >= sizeof kind_names / sizeof kind_names[0])
		return "unknown";
	return kind_names[k];
}

/* A kind from its protocol name, or -1. */
int notice_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof kind_names / sizeof *kind_names;
	     i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

/* Add string member NAME unless S is empty; false when cJSON fails. */
static int add_opt(cJSON *o, const char *name, const char *s)
{
	return s[0] == '\0' || cJSON_AddStringToObject(o, name, s) != NULL;
}

/* A notice as the protocol's object; NULL when out of memory or the
 * amount is not a wire amount. Seq and ref are plain cJSON numbers (exact
 * up to SEQ_MAX) so that notice_from_json reads the tree back. */
cJSON *notice_to_json(const struct notice *n)
{
	cJSON *o = cJSON_CreateObject();
	int ok;

	ok = o != NULL && n->seq >= 0 && n->seq <= SEQ_MAX &&
	     cJSON_AddNumberToObject(o, "seq", (double)n->seq) &&
	     cJSON_AddStringToObject(o, "batch_id", n->batch_id) &&
	     cJSON_AddNumberToObject(o, "ref", n->ref) &&
	     cJSON_AddStringToObject(o, "serial", n->serial) &&
	     cJSON_AddStringToObject(o, "bank", n->bank) &&
	     wire_amount_add(o, "amount_fen", n->amount_fen) &&
	     cJSON_AddStringToObject(o, "kind", notice_kind_name(n->kind)) &&
	     add_opt(o, "reason_code", n->reason_code) &&
	     add_opt(o, "reason", n->reason) &&
	     cJSON_AddStringToObject(o, "at", n->at) &&
	     cJSON_AddBoolToObject(o, "acknowledged", n->acknowledged != 0);
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* String member NAME: MIN to SIZE - 1 bytes from CHARS (described by
 * WHAT), or valid UTF-8 text when CHARS is NULL. Optional members may be
 * absent (OUT is then ""). */
static int get_string(const cJSON *o, const char *where, const char *name,
		      int required, const char *chars, const char *what,
		      size_t min, char *out, size_t size, struct cd_error *err)
{
	const cJSON *v = required ? json_in_need(o, where, name, err)
				  : cJSON_GetObjectItemCaseSensitive(o, name);
	char p[JSON_PLACE_MAX];
	size_t n;

	out[0] = '\0';
	if (v == NULL)
		return required ? CD_EINVAL : CD_OK;
	json_in_place(p, where, name);
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be a string."), p);
	n = strlen(v->valuestring);
	if (n < min || n >= size)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must have %zu to %zu characters, not "
				"%zu."),
			      p, min, size - 1, n);
	if (chars ? strspn(v->valuestring, chars) != n
		  : text_chars(v->valuestring) < 0)
		/* TRANSLATORS: the second %s says what is allowed, e.g.
		   "digits". */
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: may only hold %s."), p, what);
	memcpy(out, v->valuestring, n + 1);
	return CD_OK;
}

/* The item's amount: a wire amount more than 0. */
static int get_amount(const cJSON *o, const char *where, int64_t *fen,
		      struct cd_error *err)
{
	char s[24], p[JSON_PLACE_MAX];

	if (get_string(o, where, "amount_fen", 1, CHARS_DIGITS, _("digits"), 1,
		       s, sizeof s, err) != CD_OK)
		return CD_EINVAL;
	if (wire_amount_parse(s, fen) != 0 || *fen == 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not an amount in fen (1 to 18 "
				"digits, no leading zero, more than 0)."),
			      json_in_place(p, where, "amount_fen"), s);
	return CD_OK;
}

/* The notice's kind. */
static int get_kind(const cJSON *o, const char *where, enum notice_kind *k,
		    struct cd_error *err)
{
	char s[16], p[JSON_PLACE_MAX];
	int v;

	if (get_string(o, where, "kind", 1, CHARS_WORD,
		       _("Latin letters, digits, '.', '-' and '_'"), 1, s,
		       sizeof s, err) != CD_OK)
		return CD_EINVAL;
	v = notice_kind_parse(s);
	if (v < 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not a notice kind (accepted, "
				"rejected or returned)."),
			      json_in_place(p, where, "kind"), s);
	*k = (enum notice_kind)v;
	return CD_OK;
}

/* The members naming the item: batch_id, ref, serial, bank, amount. */
static int get_item(const cJSON *o, const char *where, struct notice *out,
		    struct cd_error *err)
{
	const char *word = _("Latin letters, digits, '.', '-' and '_'");
	int64_t ref = 0;

	if (get_string(o, where, "batch_id", 1, CHARS_WORD, word, 1,
		       out->batch_id, sizeof out->batch_id, err) ||
	    json_in_get_int(o, where, "ref", 1, REF_MAX, &ref, err) ||
	    get_string(o, where, "serial", 1, CHARS_DIGITS, _("digits"),
		       SERIAL_MIN, out->serial, sizeof out->serial, err) ||
	    get_string(o, where, "bank", 1, CHARS_DIGITS, _("digits"), BANK_MIN,
		       out->bank, sizeof out->bank, err) ||
	    get_amount(o, where, &out->amount_fen, err))
		return CD_EINVAL;
	out->ref = (int)ref;
	return CD_OK;
}

/* One notice from its object. */
int notice_from_json(const cJSON *o, const char *where, struct notice *out,
		     struct cd_error *err)
{
	const char *word = _("Latin letters, digits, '.', '-' and '_'");
	char p[JSON_PLACE_MAX];

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(o))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be an object."), where);
	if (json_in_get_int(o, where, "seq", 1, SEQ_MAX, &out->seq, err) ||
	    get_item(o, where, out, err) ||
	    get_kind(o, where, &out->kind, err) ||
	    get_string(o, where, "reason_code", 0, CHARS_WORD, word, 1,
		       out->reason_code, sizeof out->reason_code, err) ||
	    get_string(o, where, "reason", 0, NULL, _("UTF-8 text"), 1,
		       out->reason, sizeof out->reason, err) ||
	    get_string(o, where, "at", 1, CHARS_TIME,
		       _("a time such as 2026-11-23T15:41:00+0800"), 10,
		       out->at, sizeof out->at, err) ||
	    json_in_get_bool(o, where, "acknowledged", &out->acknowledged, err))
		return CD_EINVAL;
	if (out->kind != NOTICE_ACCEPTED && out->reason_code[0] == '\0')
		/* TRANSLATORS: the second %s is "rejected" or "returned". */
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: missing; a %s notice must give a reason "
				"code."),
			      json_in_place(p, where, "reason_code"),
			      notice_kind_name(out->kind));
	return CD_OK;
}

/* Parse DATA as one JSON object with nothing but blanks after it. */
static cJSON *parse_answer(const char *data, size_t len, struct cd_error *err)
{
	enum json_in_fault fault;
	size_t at;
	cJSON *root = json_in_parse(data, len, &fault, &at);

	if (fault == JSON_IN_EMPTY)
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The centre's notices answer is empty."));
	else if (fault == JSON_IN_OOM)
		cd_err(err, CD_EFAIL, NULL,
		       _("Out of memory. Close other programs or restart "
			 "chequedesk, then try again; if it happens again, "
			 "report it to branch IT."));
	else if (fault != JSON_IN_OK)
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The centre's notices answer is not one JSON object "
			 "(it breaks off or is damaged near byte %zu)."),
		       at);
	return root;
}

/* The notices array into P, seqs strictly increasing. */
static int read_notices(const cJSON *arr, struct notice_page *p,
			struct cd_error *err)
{
	const cJSON *el;
	char w[32], q[JSON_PLACE_MAX];
	int n = cJSON_GetArraySize(arr);

	p->v = calloc(n > 0 ? (size_t)n : 1, sizeof *p->v);
	if (p->v == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	cJSON_ArrayForEach(el, arr)
	{
		if (snprintf(w, sizeof w, "notices[%zu]", p->n) < 0)
			return CD_EFAIL;
		if (notice_from_json(el, w, &p->v[p->n], err) != CD_OK)
			return CD_EINVAL;
		if (p->n > 0 && p->v[p->n].seq <= p->v[p->n - 1].seq)
			return cd_err(err, CD_EINVAL, FIELD_FORMAT,
				      _("%s: %lld does not come after %lld; "
					"seqs must increase."),
				      json_in_place(q, w, "seq"),
				      (long long)p->v[p->n].seq,
				      (long long)p->v[p->n - 1].seq);
		p->n++;
	}
	return CD_OK;
}

/* The page's members: notices, last_seq, more. */
static int read_page(const cJSON *root, struct notice_page *p,
		     struct cd_error *err)
{
	const cJSON *arr = json_in_need(root, "", "notices", err);

	if (arr == NULL)
		return CD_EINVAL;
	if (!cJSON_IsArray(arr))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("notices: must be an array."));
	if (read_notices(arr, p, err) ||
	    json_in_get_int(root, "", "last_seq", 0, SEQ_MAX, &p->last_seq,
			    err) ||
	    json_in_get_bool(root, "", "more", &p->more, err))
		return CD_EINVAL;
	if (p->n > 0 && p->last_seq != p->v[p->n - 1].seq)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("last_seq: %lld, but the last notice has seq "
				"%lld."),
			      (long long)p->last_seq,
			      (long long)p->v[p->n - 1].seq);
	return CD_OK;
}

/* Parse and check a whole notices answer. */
int notice_page_read(const char *data, size_t len, struct notice_page *out,
		     struct cd_error *err)
{
	cJSON *root;
	int rc;

	cd_err_clear(err);
	memset(out, 0, sizeof *out);
	root = parse_answer(data, len, err);
	if (root == NULL)
		return err != NULL ? (int)err->status : CD_EINVAL;
	rc = read_page(root, out, err);
	cJSON_Delete(root);
	if (rc != CD_OK) {
		notice_page_free(out);
		rc = err != NULL ? (int)err->status : CD_EINVAL;
	}
	return rc;
}

/* Free a page's notices and zero it. */
void notice_page_free(struct notice_page *p)
{
	if (p == NULL)
		return;
	free(p->v);
	memset(p, 0, sizeof *p);
}
