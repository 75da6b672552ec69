/* batchfile-read.c - reading a batch file back with every check of
 * docs/batch-format.md, the place of the first problem in its message. */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchfile-int.h"
#include "batchfile.h"
#include "calendar.h"
#include "i18n.h"
#include "json-out.h"
#include "text.h"

/* How a string member is checked. */
enum str_kind {
	S_DIGITS, /* MIN..MAX decimal digits */
	S_TEXT,	  /* UTF-8 text without control characters */
	S_WORD,	  /* Latin letters, digits, '.', '-', '_' (IDs) */
	S_DATE,	  /* YYYY-MM-DD */
	S_TIME,	  /* YYYY-MM-DDTHH:MM:SS+HHMM */
	S_B64,	  /* Base64, MIN..MAX characters */
};

/* A string member and where it goes in a record. */
struct str_field {
	const char *name;
	enum str_kind kind;
	int required;
	size_t min, max; /* digits */
	size_t off, size;
};

#define STR_FIELD(type, member, name, kind, req, min, max)                     \
	{                                                                      \
		name, kind, req, min, max, offsetof(type, member),             \
		    sizeof(((type *)0)->member)                                \
	}

/* The header's string members. */
static const struct str_field header_fields[] = {
    STR_FIELD(struct batch_header, branch, "branch", S_DIGITS, 1, BANK_MIN,
	      CODELINE_BANK_MAX),
    STR_FIELD(struct batch_header, branch_name, "branch_name", S_TEXT, 1, 0, 0),
    STR_FIELD(struct batch_header, business_date, "business_date", S_DATE, 1, 0,
	      0),
    STR_FIELD(struct batch_header, batch_id, "batch_id", S_WORD, 1, 0, 0),
    STR_FIELD(struct batch_header, created, "created", S_TIME, 1, 0, 0),
    STR_FIELD(struct batch_header, closed_by, "closed_by", S_WORD, 1, 0, 0),
};

/* A cheque's string members. */
static const struct str_field cheque_fields[] = {
    STR_FIELD(struct item, serial, "serial", S_DIGITS, 1, CODELINE_SERIAL_LEN,
	      CODELINE_SERIAL_LEN),
    STR_FIELD(struct item, bank, "bank", S_DIGITS, 1, BANK_MIN,
	      CODELINE_BANK_MAX),
    STR_FIELD(struct item, account, "account", S_DIGITS, 1, 1,
	      CODELINE_ACCOUNT_MAX),
    STR_FIELD(struct item, type, "type", S_DIGITS, 1, 2, 2),
    STR_FIELD(struct item, check_code, "check_code", S_DIGITS, 1, 2, 2),
    STR_FIELD(struct item, phone, "phone", S_DIGITS, 0, 1, CODELINE_PHONE_MAX),
    STR_FIELD(struct item, paykey_sm2, "paykey_sm2", S_B64, 0, 4,
	      PAYKEY_SM2_MAX),
    STR_FIELD(struct item, payee_account, "payee_account", S_DIGITS, 0, 1,
	      CODELINE_ACCOUNT_MAX),
    STR_FIELD(struct item, payee_name, "payee_name", S_TEXT, 0, 0, 0),
    STR_FIELD(struct item, teller, "teller", S_WORD, 1, 0, 0),
    STR_FIELD(struct item, created_at, "registered", S_TIME, 1, 0, 0),
};

/* A bill's string members (bank, type and D/C are its bag's). */
static const struct str_field bill_fields[] = {
    STR_FIELD(struct item, serial, "serial", S_DIGITS, 1, BILL_SERIAL_MIN,
	      ITEM_SERIAL_MAX),
    STR_FIELD(struct item, account, "account", S_DIGITS, 0, 1,
	      CODELINE_ACCOUNT_MAX),
    STR_FIELD(struct item, payee_account, "payee_account", S_DIGITS, 0, 1,
	      CODELINE_ACCOUNT_MAX),
    STR_FIELD(struct item, payee_name, "payee_name", S_TEXT, 0, 0, 0),
    STR_FIELD(struct item, teller, "teller", S_WORD, 1, 0, 0),
    STR_FIELD(struct item, created_at, "registered", S_TIME, 1, 0, 0),
};

/* A bag's string members. */
static const struct str_field bag_fields[] = {
    STR_FIELD(struct bag, bank, "bank", S_DIGITS, 1, BANK_MIN,
	      CODELINE_BANK_MAX),
    STR_FIELD(struct bag, type, "type", S_DIGITS, 1, 2, 2),
    STR_FIELD(struct bag, sealed_at, "sealed", S_TIME, 1, 0, 0),
};

/* A by_bank row's bank. */
static const struct str_field row_fields[] = {
    STR_FIELD(struct batch_total, bank, "bank", S_DIGITS, 1, BANK_MIN,
	      CODELINE_BANK_MAX),
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Reading ---- */

/* True when S is MIN..MAX ASCII digits. */
static int digits_ok(const char *s, size_t min, size_t max)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (n >= max || s[n] < '0' || s[n] > '9')
			return 0;
	return n >= min;
}

/* True when S has only Latin letters, digits, '.', '-' and '_'. */
static int word_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._-", *s)))
			return 0;
	return 1;
}

/* True when S is "YYYY-MM-DD" followed by END (a character, or '\0'). */
static int date_ok(const char *s, char end)
{
	char d[DATE_LEN];
	struct cd_date date;

	if (strlen(s) < DATE_LEN - 1 || s[DATE_LEN - 1] != end)
		return 0;
	memcpy(d, s, DATE_LEN - 1);
	d[DATE_LEN - 1] = '\0';
	return cd_date_parse(d, &date) == 0;
}

/* True when S looks like "2026-11-23T10:05:00+0800". */
static int time_ok(const char *s)
{
	size_t i;

	if (!date_ok(s, 'T') || strlen(s) < 16)
		return 0;
	for (i = DATE_LEN; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || strchr(":+-.Z", s[i])))
			return 0;
	return 1;
}

/* True when S is MIN..MAX characters of Base64 (whole groups of 4). */
static int b64_ok(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s), i, pad = 0;

	if (n < min || n > max || n % 4 != 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 >= n)
			pad++;
		else if (pad || !((s[i] >= 'A' && s[i] <= 'Z') ||
				  (s[i] >= 'a' && s[i] <= 'z') ||
				  (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
				  s[i] == '/'))
			return 0;
	}
	return 1;
}

/* Check S against F's kind; P names it. */
static int check_kind(const char *s, const struct str_field *f, const char *p,
		      struct cd_error *err)
{
	char q[QUOTE_MAX + 4];

	switch (f->kind) {
	case S_DIGITS:
		if (digits_ok(s, f->min, f->max))
			return CD_OK;
		if (f->min == f->max)
			return cd_err(err, CD_EINVAL, FIELD_FORMAT,
				      _("%s: \"%s\" must be %zu digits."), p,
				      json_in_quote(s, q), f->min);
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" must be %zu to %zu digits."), p,
			      json_in_quote(s, q), f->min, f->max);
	case S_TEXT:
		if (text_chars(s) >= 0)
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: is not UTF-8 text, or holds control "
				"characters."),
			      p);
	case S_WORD:
		if (word_ok(s))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" may only hold Latin letters, "
				"digits, '.', '-' and '_'."),
			      p, json_in_quote(s, q));
	case S_DATE:
		if (date_ok(s, '\0'))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not a date (YYYY-MM-DD)."), p,
			      json_in_quote(s, q));
	case S_TIME:
		if (time_ok(s))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not a time "
				"(YYYY-MM-DDTHH:MM:SS+HHMM)."),
			      p, json_in_quote(s, q));
	case S_B64:
		if (b64_ok(s, f->min, f->max))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not Base64 of %zu to %zu "
				"characters."),
			      p, json_in_quote(s, q), f->min, f->max);
	}
	return CD_OK;
}

/* Read, check and store one string member into BASE. */
static int read_str(const cJSON *o, const char *where,
		    const struct str_field *f, void *base, struct cd_error *err)
{
	char *out = (char *)base + f->off;
	char p[PLACE_MAX];
	const char *s;
	size_t n;

	out[0] = '\0';
	if (json_in_get_text(o, where, f->name, f->required, &s, err) != CD_OK)
		return CD_EINVAL;
	if (s == NULL)
		return CD_OK;
	json_in_place(p, where, f->name);
	if (check_kind(s, f, p, err) != CD_OK)
		return CD_EINVAL;
	n = strlen(s);
	if (n >= f->size)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: too long (%zu bytes; at most %zu)."), p, n,
			      f->size - 1);
	memcpy(out, s, n + 1);
	return CD_OK;
}

/* Read the N string members of table F into BASE. */
static int read_strs(const cJSON *o, const char *where,
		     const struct str_field *f, size_t n, void *base,
		     struct cd_error *err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (read_str(o, where, &f[i], base, err) != CD_OK)
			return CD_EINVAL;
	return CD_OK;
}

/* Amount member NAME; an item's amount (ITEM) must be more than 0. */
static int get_amount(const cJSON *o, const char *where, const char *name,
		      int item, int64_t *fen, struct cd_error *err)
{
	const cJSON *v = json_in_need(o, where, name, err);
	char p[PLACE_MAX], q[QUOTE_MAX + 4];

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return json_in_wrong_type(where, name,
					  _("a string of digits (amounts are "
					    "strings)"),
					  err);
	if (wire_amount_parse(v->valuestring, fen) != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not an amount in fen (1 to 18 "
				"digits, no leading zero)."),
			      json_in_place(p, where, name),
			      json_in_quote(v->valuestring, q));
	if (item && *fen == 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: an item's amount must be more than 0."),
			      json_in_place(p, where, name));
	return CD_OK;
}

/* D/C member NAME. */
static int get_dc(const cJSON *o, const char *where, const char *name, char *dc,
		  struct cd_error *err)
{
	const cJSON *v = json_in_need(o, where, name, err);
	char p[PLACE_MAX], q[QUOTE_MAX + 4];

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return json_in_wrong_type(where, name, _("a string"), err);
	if (strcmp(v->valuestring, "D") != 0 &&
	    strcmp(v->valuestring, "C") != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" must be \"D\" (debit) or \"C\" "
				"(credit)."),
			      json_in_place(p, where, name),
			      json_in_quote(v->valuestring, q));
	*dc = v->valuestring[0];
	return CD_OK;
}

/* A batch being read: the output, its room for items and the next ref. */
struct reader {
	struct batch *b;
	size_t cap;
	int next_ref;
};

/* Member "ref" of O: must be the next ref. */
static int read_ref(struct reader *rd, const cJSON *o, const char *where,
		    int *ref, struct cd_error *err)
{
	char p[PLACE_MAX];

	if (json_in_get_small(o, where, "ref", 1, ref, err) != CD_OK)
		return CD_EINVAL;
	if (*ref < rd->next_ref)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %d repeats an earlier item's ref; refs "
				"run 1, 2, 3, ... over cheques and bills."),
			      json_in_place(p, where, "ref"), *ref);
	if (*ref > rd->next_ref)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %d leaves a gap; the ref here must be "
				"%d."),
			      json_in_place(p, where, "ref"), *ref,
			      rd->next_ref);
	rd->next_ref++;
	return CD_OK;
}

/* The next free item, filled with what the header gives. */
static struct batch_item *new_item(struct reader *rd, int bag,
				   enum item_kind kind)
{
	struct batch_item *bi;

	if (rd->b->nitems >= rd->cap)
		return NULL;
	bi = &rd->b->items[rd->b->nitems++];
	bi->bag = bag;
	bi->it.kind = kind;
	memcpy(bi->it.business_date, rd->b->h.business_date, DATE_LEN);
	bi->it.session = rd->b->h.session;
	return bi;
}

/* Refuse a member that should be an object. */
static int not_object(const char *where, struct cd_error *err)
{
	return cd_err(err, CD_EINVAL, FIELD_FORMAT, _("%s: must be an object."),
		      where);
}

/* One cheque, WHERE being "cheques[N]". */
static int read_cheque(struct reader *rd, const cJSON *o, const char *where,
		       struct cd_error *err)
{
	struct batch_item *bi;

	if (!cJSON_IsObject(o))
		return not_object(where, err);
	bi = new_item(rd, -1, ITEM_CHEQUE);
	if (bi == NULL)
		return batchfile_oom(err);
	if (read_ref(rd, o, where, &bi->ref, err) != CD_OK ||
	    read_strs(o, where, cheque_fields, NFIELDS(cheque_fields), &bi->it,
		      err) != CD_OK ||
	    get_amount(o, where, "amount_fen", 1, &bi->it.amount_fen, err) !=
		CD_OK ||
	    get_dc(o, where, "dc", &bi->it.dc, err) != CD_OK ||
	    json_in_get_small(o, where, "prints", 0, &bi->it.prints, err) !=
		CD_OK)
		return CD_EINVAL;
	return CD_OK;
}

/* One bill of bag J, adding it to *COUNT and *SUM. */
static int read_bill(struct reader *rd, const cJSON *o, const char *where,
		     size_t j, int64_t *count, int64_t *sum,
		     struct cd_error *err)
{
	const struct bag *g = &rd->b->bags[j];
	struct batch_item *bi;
	char p[PLACE_MAX];

	if (!cJSON_IsObject(o))
		return not_object(where, err);
	bi = new_item(rd, (int)j, ITEM_BILL);
	if (bi == NULL)
		return batchfile_oom(err);
	memcpy(bi->it.bank, g->bank, sizeof bi->it.bank);
	memcpy(bi->it.type, g->type, sizeof bi->it.type);
	bi->it.dc = g->dc;
	if (read_ref(rd, o, where, &bi->ref, err) != CD_OK ||
	    read_strs(o, where, bill_fields, NFIELDS(bill_fields), &bi->it,
		      err) != CD_OK ||
	    get_amount(o, where, "amount_fen", 1, &bi->it.amount_fen, err) !=
		CD_OK)
		return CD_EINVAL;
	if (batchfile_sum_add(count, sum, bi->it.amount_fen))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: the bills add up to more than any "
				"amount a batch can hold."),
			      json_in_place(p, where, "amount_fen"));
	return CD_OK;
}

/* The bills of bag J and the check of its count and amount. */
static int read_bills(struct reader *rd, const cJSON *o, const char *where,
		      size_t j, struct cd_error *err)
{
	struct bag *g = &rd->b->bags[j];
	const cJSON *bills, *el;
	int64_t count = 0, sum = 0;
	char w[PLACE_MAX], p[PLACE_MAX];
	size_t k = 0;

	if (json_in_get_node(o, where, "bills", 1, &bills, err) != CD_OK)
		return CD_EINVAL;
	cJSON_ArrayForEach(el, bills)
	{
		json_in_place_at(w, where, "bills", k++);
		if (read_bill(rd, el, w, j, &count, &sum, err) != CD_OK)
			return CD_EINVAL;
	}
	if (count != g->count)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %lld, but the bag has %lld bills."),
			      json_in_place(p, where, "count"),
			      (long long)g->count, (long long)count);
	if (sum != g->amount_fen)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %lld fen, but the bag's bills add up to "
				"%lld fen."),
			      json_in_place(p, where, "amount_fen"),
			      (long long)g->amount_fen, (long long)sum);
	return CD_OK;
}

/* Bag J, WHERE being "bags[J]". */
static int read_bag(struct reader *rd, const cJSON *o, const char *where,
		    size_t j, struct cd_error *err)
{
	struct bag *g = &rd->b->bags[j];

	if (!cJSON_IsObject(o))
		return not_object(where, err);
	memcpy(g->business_date, rd->b->h.business_date, DATE_LEN);
	g->session = rd->b->h.session;
	snprintf(g->status, sizeof g->status, "sealed");
	if (json_in_get_int(o, where, "bag", 1, JSON_INT_MAX, &g->id, err) !=
		CD_OK ||
	    read_strs(o, where, bag_fields, NFIELDS(bag_fields), g, err) !=
		CD_OK ||
	    get_dc(o, where, "dc", &g->dc, err) != CD_OK ||
	    json_in_get_int(o, where, "count", 0, JSON_INT_MAX, &g->count,
			    err) != CD_OK ||
	    get_amount(o, where, "amount_fen", 0, &g->amount_fen, err) != CD_OK)
		return CD_EINVAL;
	return read_bills(rd, o, where, j, err);
}

/* Number of items the file holds: cheques plus every bag's bills. */
static size_t count_items(const cJSON *cheques, const cJSON *bags)
{
	const cJSON *g, *bills;
	size_t n = (size_t)cJSON_GetArraySize(cheques);

	cJSON_ArrayForEach(g, bags)
	{
		bills = cJSON_IsObject(g)
			    ? cJSON_GetObjectItemCaseSensitive(g, "bills")
			    : NULL;
		if (cJSON_IsArray(bills))
			n += (size_t)cJSON_GetArraySize(bills);
	}
	return n;
}

/* Room for every item and bag. */
static int alloc_batch(struct reader *rd, const cJSON *cheques,
		       const cJSON *bags, struct cd_error *err)
{
	struct batch *b = rd->b;
	size_t nbags = (size_t)cJSON_GetArraySize(bags);

	rd->cap = count_items(cheques, bags);
	b->items = calloc(rd->cap ? rd->cap : 1, sizeof *b->items);
	b->bags = calloc(nbags ? nbags : 1, sizeof *b->bags);
	if (b->items == NULL || b->bags == NULL)
		return batchfile_oom(err);
	b->nbags = nbags;
	return CD_OK;
}

/* The cheques, then the bags with their bills. */
static int read_items(struct reader *rd, const cJSON *root,
		      struct cd_error *err)
{
	const cJSON *cheques, *bags, *el;
	char w[PLACE_MAX];
	size_t k = 0;

	if (json_in_get_node(root, "", "cheques", 1, &cheques, err) != CD_OK ||
	    json_in_get_node(root, "", "bags", 1, &bags, err) != CD_OK ||
	    alloc_batch(rd, cheques, bags, err) != CD_OK)
		return CD_EINVAL;
	cJSON_ArrayForEach(el, cheques)
	{
		json_in_place_at(w, "", "cheques", k++);
		if (read_cheque(rd, el, w, err) != CD_OK)
			return CD_EINVAL;
	}
	k = 0;
	cJSON_ArrayForEach(el, bags)
	{
		json_in_place_at(w, "", "bags", k);
		if (read_bag(rd, el, w, k, err) != CD_OK)
			return CD_EINVAL;
		k++;
	}
	return CD_OK;
}

/* True when S is N lower-case hex digits. */
static int hex_ok(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

/* The optional header.audit anchor into A (A->record 0 without one). */
static int read_anchor(const cJSON *h, struct batch_anchor *a,
		       struct cd_error *err)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(h, "audit");

	memset(a, 0, sizeof *a);
	if (o == NULL)
		return CD_OK;
	if (!cJSON_IsObject(o))
		return json_in_wrong_type("header", "audit", _("an object"),
					  err);
	return batch_anchor_parse(o, a, err);
}

/* An anchor object (header.audit, or one the centre lists). */
int batch_anchor_parse(const cJSON *o, struct batch_anchor *a,
		       struct cd_error *err)
{
	const char *hash, *leaves, *chain;
	char p[PLACE_MAX];

	memset(a, 0, sizeof *a);
	if (json_in_get_int(o, "header.audit", "from", 1, JSON_INT_MAX,
			    &a->from, err) != CD_OK ||
	    json_in_get_int(o, "header.audit", "record", a->from, JSON_INT_MAX,
			    &a->record, err) != CD_OK ||
	    json_in_get_text(o, "header.audit", "chain", 1, &chain, err) !=
		CD_OK ||
	    json_in_get_text(o, "header.audit", "hash", 1, &hash, err) !=
		CD_OK ||
	    json_in_get_text(o, "header.audit", "leaves", 1, &leaves, err) !=
		CD_OK)
		return CD_EINVAL;
	if (!hex_ok(hash, BATCH_HASH_HEX))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be %d lower-case hex digits."),
			      json_in_place(p, "header.audit", "hash"),
			      BATCH_HASH_HEX);
	if ((a->record - a->from + 1) > (int64_t)(SIZE_MAX / BATCH_LEAF_HEX) ||
	    !hex_ok(leaves, (size_t)(a->record - a->from + 1) * BATCH_LEAF_HEX))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be %d lower-case hex digits for "
				"each record from %lld to %lld."),
			      json_in_place(p, "header.audit", "leaves"),
			      BATCH_LEAF_HEX, (long long)a->from,
			      (long long)a->record);
	snprintf(a->hash, sizeof a->hash, "%s", hash);
	snprintf(a->chain, sizeof a->chain, "%s", chain);
	a->leaves = strdup(leaves);
	if (a->leaves == NULL)
		return batchfile_oom(err);
	return CD_OK;
}

/* The header. */
static int read_header(const cJSON *root, struct batch_header *h,
		       struct cd_error *err)
{
	const cJSON *o;

	if (json_in_get_node(root, "", "header", 0, &o, err) != CD_OK ||
	    read_strs(o, "header", header_fields, NFIELDS(header_fields), h,
		      err) != CD_OK ||
	    json_in_get_small(o, "header", "session", 1, &h->session, err) !=
		CD_OK ||
	    json_in_get_bool(o, "header", "resend", &h->resend, err) != CD_OK ||
	    read_anchor(o, &h->audit, err) != CD_OK)
		return CD_EINVAL;
	return CD_OK;
}

/* Only the anchor of a batch file. */
int batch_read_anchor(const char *data, size_t len, struct batch_anchor *out,
		      struct cd_error *err)
{
	cJSON *root = cJSON_ParseWithLength(data, len);
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(root, "header");
	int rc;

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(h)) {
		cJSON_Delete(root);
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("The batch file is not JSON with a header."));
	}
	rc = read_anchor(h, out, err);
	cJSON_Delete(root);
	return rc;
}

/* The totals as the file states them. */
struct file_totals {
	struct batch_total *rows;
	size_t nrows;
	struct batch_total debit, credit, all;
};

/* A count and amount object NAME of O into T. */
static int read_total(const cJSON *o, const char *where, const char *name,
		      struct batch_total *t, struct cd_error *err)
{
	const cJSON *v;
	char p[PLACE_MAX];

	if (json_in_get_node(o, where, name, 0, &v, err) != CD_OK)
		return CD_EINVAL;
	json_in_place(p, where, name);
	if (json_in_get_int(v, p, "count", 0, JSON_INT_MAX, &t->count, err) !=
		CD_OK ||
	    get_amount(v, p, "amount_fen", 0, &t->amount_fen, err) != CD_OK)
		return CD_EINVAL;
	return CD_OK;
}

/* The by_bank rows. */
static int read_rows(const cJSON *rows, struct file_totals *f,
		     struct cd_error *err)
{
	const cJSON *el;
	struct batch_total *t;
	char w[PLACE_MAX];
	int n = cJSON_GetArraySize(rows);

	f->rows = calloc(n > 0 ? (size_t)n : 1, sizeof *f->rows);
	if (f->rows == NULL)
		return batchfile_oom(err);
	cJSON_ArrayForEach(el, rows)
	{
		json_in_place_at(w, "totals", "by_bank", f->nrows);
		t = &f->rows[f->nrows++];
		if (!cJSON_IsObject(el))
			return not_object(w, err);
		if (read_strs(el, w, row_fields, NFIELDS(row_fields), t, err) !=
			CD_OK ||
		    get_dc(el, w, "dc", &t->dc, err) != CD_OK ||
		    json_in_get_int(el, w, "count", 0, JSON_INT_MAX, &t->count,
				    err) != CD_OK ||
		    get_amount(el, w, "amount_fen", 0, &t->amount_fen, err) !=
			CD_OK)
			return CD_EINVAL;
	}
	return CD_OK;
}

/* The totals object. */
static int read_totals(const cJSON *root, struct file_totals *f,
		       struct cd_error *err)
{
	const cJSON *o, *rows;

	if (json_in_get_node(root, "", "totals", 0, &o, err) != CD_OK ||
	    json_in_get_node(o, "totals", "by_bank", 1, &rows, err) != CD_OK ||
	    read_rows(rows, f, err) != CD_OK ||
	    read_total(o, "totals", "debit", &f->debit, err) != CD_OK ||
	    read_total(o, "totals", "credit", &f->credit, err) != CD_OK ||
	    read_total(o, "totals", "all", &f->all, err) != CD_OK)
		return CD_EINVAL;
	return CD_OK;
}

/* Compare the file's row I with the items' (either may be absent). */
static int compare_row(const struct batch *b, const struct file_totals *f,
		       size_t i, struct cd_error *err)
{
	const struct batch_total *c = i < b->nby_bank ? &b->by_bank[i] : NULL;
	const struct batch_total *t = i < f->nrows ? &f->rows[i] : NULL;

	if (c == NULL)
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals.by_bank[%zu]: bank %s %c has no "
				"items."),
			      i, t->bank, t->dc);
	if (t == NULL)
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals.by_bank: no row for bank %s %c, which "
				"has %lld items of %lld fen."),
			      c->bank, c->dc, (long long)c->count,
			      (long long)c->amount_fen);
	if (strcmp(c->bank, t->bank) != 0 || c->dc != t->dc)
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals.by_bank[%zu]: bank %s %c, but the "
				"row here must be bank %s %c (one row per "
				"bank and D/C with items, by bank, C before "
				"D)."),
			      i, t->bank, t->dc, c->bank, c->dc);
	if (c->count != t->count || c->amount_fen != t->amount_fen)
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals.by_bank[%zu]: bank %s %c says %lld "
				"items of %lld fen, but the items give %lld "
				"of %lld fen."),
			      i, t->bank, t->dc, (long long)t->count,
			      (long long)t->amount_fen, (long long)c->count,
			      (long long)c->amount_fen);
	return CD_OK;
}

/* Compare one of the debit, credit and all rows. */
static int compare_side(const char *name, const struct batch_total *c,
			const struct batch_total *t, struct cd_error *err)
{
	if (c->count == t->count && c->amount_fen == t->amount_fen)
		return CD_OK;
	return cd_err(err, CD_EINVAL, FIELD_TOTALS,
		      _("totals.%s: says %lld items of %lld fen, but the "
			"items give %lld of %lld fen."),
		      name, (long long)t->count, (long long)t->amount_fen,
		      (long long)c->count, (long long)c->amount_fen);
}

/* Recompute the totals and compare them with the file's. */
static int check_totals(struct batch *b, const struct file_totals *f,
			struct cd_error *err)
{
	size_t i, n;

	if (batch_compute_totals(b, err) != CD_OK)
		return CD_EINVAL;
	n = b->nby_bank > f->nrows ? b->nby_bank : f->nrows;
	for (i = 0; i < n; i++)
		if (compare_row(b, f, i, err) != CD_OK)
			return CD_EINVAL;
	if (compare_side("debit", &b->debit, &f->debit, err) != CD_OK ||
	    compare_side("credit", &b->credit, &f->credit, err) != CD_OK ||
	    compare_side("all", &b->all, &f->all, err) != CD_OK)
		return CD_EINVAL;
	return CD_OK;
}

/* "format" and "version". */
static int read_format(const cJSON *root, struct cd_error *err)
{
	const char *s;
	char q[QUOTE_MAX + 4];
	int64_t version;

	if (json_in_get_text(root, "", "format", 1, &s, err) != CD_OK)
		return CD_EINVAL;
	if (strcmp(s, BATCHFILE_FORMAT) != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("format: \"%s\" is not \"%s\"; this is not a "
				"chequedesk batch file."),
			      json_in_quote(s, q), BATCHFILE_FORMAT);
	if (json_in_get_int(root, "", "version", 0, JSON_INT_MAX, &version,
			    err) != CD_OK)
		return CD_EINVAL;
	if (version != BATCHFILE_VERSION)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("version: %lld is not a version this program "
				"reads (%d); update chequedesk."),
			      (long long)version, BATCHFILE_VERSION);
	return CD_OK;
}

/* Parse DATA as one JSON object with nothing but blanks after it. */
static cJSON *parse_object(const char *data, size_t len, struct cd_error *err)
{
	enum json_in_fault fault;
	size_t at;
	cJSON *root = json_in_parse(data, len, &fault, &at);

	switch (fault) {
	case JSON_IN_OK:
		break;
	case JSON_IN_EMPTY:
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is empty."));
		break;
	case JSON_IN_OOM:
		batchfile_oom(err);
		break;
	case JSON_IN_BROKEN:
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is not valid JSON: it breaks off or "
			 "is damaged near byte %zu."),
		       at);
		break;
	case JSON_IN_TRAILING:
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file goes on after its JSON object, at "
			 "byte %zu."),
		       at);
		break;
	default:
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is not a JSON object."));
		break;
	}
	return root;
}

/* Read and check every part of the file into B. */
static int read_root(const cJSON *root, struct batch *b, struct cd_error *err)
{
	struct reader rd = {b, 0, 1};
	struct file_totals f;
	int rc;

	memset(&f, 0, sizeof f);
	if (read_format(root, err) != CD_OK ||
	    read_header(root, &b->h, err) != CD_OK ||
	    read_items(&rd, root, err) != CD_OK)
		return err ? err->status : CD_EINVAL;
	rc = read_totals(root, &f, err);
	if (rc == CD_OK)
		rc = check_totals(b, &f, err);
	free(f.rows);
	return rc == CD_OK ? CD_OK : err ? err->status : CD_EINVAL;
}

/* Parse and check a batch file. */
int batch_read(const char *data, size_t len, struct batch *out,
	       struct cd_error *err)
{
	cJSON *root;
	int rc;

	cd_err_clear(err);
	memset(out, 0, sizeof *out);
	root = parse_object(data, len, err);
	if (root == NULL)
		return err ? err->status : CD_EINVAL;
	rc = read_root(root, out, err);
	cJSON_Delete(root);
	if (rc != CD_OK)
		batch_free(out);
	return rc;
}
