/* batchfile.c - the outgoing batch file (docs/batch-format.md): control
 * totals, writing the JSON and reading it back with every check. */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchfile.h"
#include "calendar.h"
#include "i18n.h"
#include "json-out.h"
#include "text.h"

#define WIRE_AMOUNT_DIGITS 18
#define WIRE_AMOUNT_MAX INT64_C(999999999999999999)
#define JSON_INT_MAX 2147483647LL /* counts, refs, sessions, versions */
#define BANK_MIN 4
#define BILL_SERIAL_MIN 4 /* bills carry 4 to 20 digits (register.c) */
#define PLACE_MAX 96
#define QUOTE_MAX 40
#define FIELD_FORMAT "format"
#define FIELD_TOTALS "totals"

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

/* ---- Wire amounts ---- */

/* Parse a wire amount. "0" is accepted here because totals of an empty
 * side are "0"; readers of an item's amount refuse 0 themselves. */
int wire_amount_parse(const char *text, int64_t *fen)
{
	int64_t v = 0;
	size_t i;

	if (text == NULL || text[0] == '\0' || (text[0] == '0' && text[1]))
		return -1;
	for (i = 0; text[i] != '\0'; i++) {
		if (i == WIRE_AMOUNT_DIGITS || text[i] < '0' || text[i] > '9')
			return -1;
		v = v * 10 + (text[i] - '0');
	}
	*fen = v;
	return 0;
}

/* Add FEN as a string member; NULL when it is not a wire amount. */
cJSON *wire_amount_add(cJSON *obj, const char *name, int64_t fen)
{
	char buf[24];

	if (fen < 0 || fen > WIRE_AMOUNT_MAX)
		return NULL;
	snprintf(buf, sizeof buf, "%" PRId64, fen);
	return cJSON_AddStringToObject(obj, name, buf);
}

/* "BRANCH-YYYYMMDD-S-NN" from the date's digits. */
void batch_make_id(const char *branch, const char *date, int session, int nn,
		   char *out)
{
	char ymd[9];
	size_t i, k = 0;

	for (i = 0; date[i] != '\0' && k < 8; i++)
		if (date[i] != '-')
			ymd[k++] = date[i];
	ymd[k] = '\0';
	snprintf(out, BATCH_ID_MAX, "%s-%s-%d-%02d", branch, ymd, session, nn);
}

/* Out of memory (totals, reading). */
static int read_oom(struct cd_error *err)
{
	return cd_err(err, CD_EFAIL, NULL,
		      _("Out of memory. Close other programs or restart "
			"chequedesk, then try again; if it happens again, "
			"report it to branch IT."));
}

/* Free everything B holds and zero it. */
void batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	free(b->items);
	free(b->bags);
	free(b->by_bank);
	free(b->h.audit.leaves);
	memset(b, 0, sizeof *b);
}

/* ---- Totals ---- */

/* One item's destination for the by_bank rows. */
struct total_key {
	const char *bank;
	char dc;
	int64_t fen;
};

/* Order keys by bank, then C before D. */
static int key_cmp(const void *a, const void *b)
{
	const struct total_key *x = a, *y = b;
	int c = strcmp(x->bank, y->bank);

	return c != 0 ? c : (x->dc > y->dc) - (x->dc < y->dc);
}

/* One more item of FEN into a count and amount; -1 on overflow. */
static int sum_add(int64_t *count, int64_t *amount, int64_t fen)
{
	if (__builtin_add_overflow(*amount, fen, amount))
		return -1;
	(*count)++;
	return 0;
}

/* An empty total row. */
static void total_reset(struct batch_total *t, char dc)
{
	memset(t, 0, sizeof *t);
	t->dc = dc;
}

/* Add item I to the sides and its bag, recording its key. */
static int add_item(struct batch *b, size_t i, struct total_key *key,
		    struct cd_error *err)
{
	const struct batch_item *bi = &b->items[i];
	struct bag *bag = NULL;
	struct batch_total *side;

	if (bi->bag < -1 || (bi->bag >= 0 && (size_t)bi->bag >= b->nbags))
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals: item %d is in bag %d, which is not in "
				"the batch."),
			      bi->ref, bi->bag);
	if (bi->bag >= 0)
		bag = &b->bags[bi->bag];
	key->bank = bag ? bag->bank : bi->it.bank;
	key->dc = bag ? bag->dc : bi->it.dc;
	key->fen = bi->it.amount_fen;
	if (key->fen <= 0 || (key->dc != 'D' && key->dc != 'C'))
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals: item %d has no amount or is neither "
				"debit nor credit."),
			      bi->ref);
	side = key->dc == 'D' ? &b->debit : &b->credit;
	if (sum_add(&side->count, &side->amount_fen, key->fen) ||
	    sum_add(&b->all.count, &b->all.amount_fen, key->fen) ||
	    (bag && sum_add(&bag->count, &bag->amount_fen, key->fen)))
		return cd_err(err, CD_EINVAL, FIELD_TOTALS,
			      _("totals: the amounts add up to more than a "
				"batch can hold; split the items over several "
				"batches."));
	return CD_OK;
}

/* The by_bank rows from the items' keys (sorted here). */
static int build_rows(struct batch *b, struct total_key *keys,
		      struct cd_error *err)
{
	struct batch_total *rows, *r = NULL;
	size_t i, n = 0;

	qsort(keys, b->nitems, sizeof *keys, key_cmp);
	rows = calloc(b->nitems ? b->nitems : 1, sizeof *rows);
	if (rows == NULL)
		return read_oom(err);
	for (i = 0; i < b->nitems; i++) {
		if (i == 0 || key_cmp(&keys[i], &keys[i - 1]) != 0) {
			r = &rows[n++];
			snprintf(r->bank, sizeof r->bank, "%s", keys[i].bank);
			r->dc = keys[i].dc;
		}
		/* Cannot overflow: the sides' sums did not. */
		sum_add(&r->count, &r->amount_fen, keys[i].fen);
	}
	b->by_bank = rows;
	b->nby_bank = n;
	return CD_OK;
}

/* Fill the totals and the bags' counts and amounts from the items. */
int batch_compute_totals(struct batch *b, struct cd_error *err)
{
	struct total_key *keys;
	size_t i;
	int rc = CD_OK;

	free(b->by_bank);
	b->by_bank = NULL;
	b->nby_bank = 0;
	total_reset(&b->debit, 'D');
	total_reset(&b->credit, 'C');
	total_reset(&b->all, '\0');
	for (i = 0; i < b->nbags; i++)
		b->bags[i].count = b->bags[i].amount_fen = 0;
	keys = calloc(b->nitems ? b->nitems : 1, sizeof *keys);
	if (keys == NULL)
		return read_oom(err);
	b->ncheques = 0;
	for (i = 0; i < b->nitems && rc == CD_OK; i++) {
		b->ncheques += b->items[i].bag == -1;
		rc = add_item(b, i, &keys[i], err);
	}
	if (rc == CD_OK)
		rc = build_rows(b, keys, err);
	free(keys);
	return rc;
}

/* ---- Writing ---- */

/* Note a failed cJSON call (NULL result). */
static void w_check(struct batch_stream *w, const void *made)
{
	if (made == NULL)
		w->failed = 1;
}

/* A string member (copied). */
static void w_str(struct batch_stream *w, cJSON *o, const char *name,
		  const char *s)
{
	w_check(w, cJSON_AddStringToObject(o, name, s));
}

/* A string member that refers to S and to the constant NAME without
 * copying them (items: the object is printed before S changes). */
static void w_ref_str(struct batch_stream *w, cJSON *o, const char *name,
		      const char *s)
{
	cJSON *v = cJSON_CreateStringReference(s);

	if (v == NULL || !cJSON_AddItemToObjectCS(o, name, v)) {
		cJSON_Delete(v);
		w->failed = 1;
	}
}

/* A string member left out when empty. */
static void w_opt(struct batch_stream *w, cJSON *o, const char *name,
		  const char *s)
{
	if (s[0] != '\0')
		w_ref_str(w, o, name, s);
}

/* An integer member, written exactly. */
static void w_int(struct batch_stream *w, cJSON *o, const char *name, int64_t v)
{
	w_check(w, json_add_int64(o, name, v));
}

/* An amount member (string of digits). */
static void w_amount(struct batch_stream *w, cJSON *o, const char *name,
		     int64_t fen)
{
	w_check(w, wire_amount_add(o, name, fen));
}

/* A one-letter D/C member. */
static void w_dc(struct batch_stream *w, cJSON *o, const char *name, char dc)
{
	char s[2] = {dc, '\0'};

	w_str(w, o, name, s);
}

/* The item's ref, checking that refs run 1..n in file order. */
static int w_ref(struct batch_stream *w, cJSON *o, int ref,
		 struct cd_error *err)
{
	if (ref != w->next_ref++)
		return cd_err(
		    err, CD_EINVAL, NULL,
		    _("The batch's items are not numbered 1, 2, 3, ... in file "
		      "order (cheques, then each bag's bills); the batch file "
		      "was not written. Report this to branch IT."));
	w_int(w, o, "ref", ref);
	return CD_OK;
}

/* The error of a failed cJSON call. */
static int w_oom(struct cd_error *err)
{
	return cd_err(err, CD_EFAIL, NULL,
		      _("Out of memory, or an amount out of range, while "
			"writing the batch file; it was not written. Close "
			"other programs and try again; if it happens again, "
			"report it to branch IT."));
}

/* Send LEN bytes of DATA to the sink. */
static int w_emit(struct batch_stream *w, const char *data, size_t len,
		  struct cd_error *err)
{
	if (w->sink(w->ctx, data, len, err) != 0) {
		if (err->status == CD_OK)
			w_oom(err);
		return err->status;
	}
	return CD_OK;
}

/* Send the punctuation between printed objects. */
static int w_text(struct batch_stream *w, const char *s, struct cd_error *err)
{
	return w_emit(w, s, strlen(s), err);
}

/* Print O compactly into W's buffer (cJSON), then send it without its
 * first SKIP bytes and last CUT bytes; O is deleted. */
static int w_object(struct batch_stream *w, cJSON *o, size_t skip, size_t cut,
		    struct cd_error *err)
{
	size_t n;
	char *p;

	while (o != NULL && !w->failed &&
	       !cJSON_PrintPreallocated(o, w->buf, (int)w->cap, 0)) {
		p = w->cap < (size_t)1 << 30 ? realloc(w->buf, w->cap * 2)
					     : NULL;
		if (p == NULL)
			w->failed = 1;
		else {
			w->buf = p;
			w->cap *= 2;
		}
	}
	cJSON_Delete(o);
	if (o == NULL || w->failed)
		return w_oom(err);
	n = strlen(w->buf);
	if (n < skip + cut)
		return w_oom(err);
	return w_emit(w, w->buf + skip, n - skip - cut, err);
}

/* A "," before every object of an array but the first. */
static int w_next(struct batch_stream *w, struct cd_error *err)
{
	return w->count++ > 0 ? w_emit(w, ",", 1, err) : CD_OK;
}

/* Start the file: format, version and header, and open "cheques". */
int batch_stream_begin(struct batch_stream *w, const struct batch_header *h,
		       batch_sink sink, void *ctx, struct cd_error *err)
{
	cJSON *root = cJSON_CreateObject(), *o;
	int rc;

	memset(w, 0, sizeof *w);
	w->sink = sink;
	w->ctx = ctx;
	w->next_ref = 1;
	w->cap = 4096;
	w->buf = malloc(w->cap);
	w_check(w, w->buf);
	w_check(w, root);
	w_str(w, root, "format", BATCHFILE_FORMAT);
	w_int(w, root, "version", BATCHFILE_VERSION);
	o = cJSON_AddObjectToObject(root, "header");
	w_check(w, o);
	w_str(w, o, "branch", h->branch);
	w_str(w, o, "branch_name", h->branch_name);
	w_str(w, o, "business_date", h->business_date);
	w_int(w, o, "session", h->session);
	w_str(w, o, "batch_id", h->batch_id);
	w_str(w, o, "created", h->created);
	w_str(w, o, "closed_by", h->closed_by);
	w_check(w, cJSON_AddBoolToObject(o, "resend", h->resend != 0));
	if (h->audit.record > 0 &&
	    !cJSON_AddItemToObject(o, "audit", batch_anchor_json(&h->audit)))
		w->failed = 1;
	/* the root without its closing brace, then the cheques */
	rc = w_object(w, root, 0, 1, err);
	if (rc == CD_OK)
		rc = w_text(w, ",\"cheques\":[", err);
	return rc;
}

/* One cheque. */
int batch_stream_cheque(struct batch_stream *w, const struct batch_item *bi,
			struct cd_error *err)
{
	const struct item *it = &bi->it;
	cJSON *o = cJSON_CreateObject();

	if (w->where != 0) {
		cJSON_Delete(o);
		return cd_err(err, CD_EINVAL, NULL,
			      _("The batch's items are not numbered 1, 2, 3, "
				"... in file order (cheques, then each bag's "
				"bills); the batch file was not written. "
				"Report this to branch IT."));
	}
	if (w_ref(w, o, bi->ref, err) != CD_OK) {
		cJSON_Delete(o);
		return err->status;
	}
	w_ref_str(w, o, "serial", it->serial);
	w_ref_str(w, o, "bank", it->bank);
	w_ref_str(w, o, "account", it->account);
	w_amount(w, o, "amount_fen", it->amount_fen);
	w_ref_str(w, o, "type", it->type);
	w_dc(w, o, "dc", it->dc);
	w_ref_str(w, o, "check_code", it->check_code);
	w_opt(w, o, "phone", it->phone);
	w_opt(w, o, "paykey_sm2", it->paykey_sm2);
	w_opt(w, o, "payee_account", it->payee_account);
	w_opt(w, o, "payee_name", it->payee_name);
	w_ref_str(w, o, "teller", it->teller);
	w_ref_str(w, o, "registered", it->created_at);
	w_int(w, o, "prints", it->prints);
	if (w_next(w, err) != CD_OK) {
		cJSON_Delete(o);
		return err->status;
	}
	return w_object(w, o, 0, 0, err);
}

/* Open bag G (its count and amount as they will be written), closing
 * the cheques or the bag before. */
int batch_stream_bag(struct batch_stream *w, const struct bag *g,
		     struct cd_error *err)
{
	cJSON *o = cJSON_CreateObject();
	int rc = CD_OK;

	w_check(w, o);
	w_int(w, o, "bag", g->id);
	w_str(w, o, "bank", g->bank);
	w_str(w, o, "type", g->type);
	w_dc(w, o, "dc", g->dc);
	w_int(w, o, "count", g->count);
	w_amount(w, o, "amount_fen", g->amount_fen);
	w_str(w, o, "sealed", g->sealed_at);
	if (w->where == 0)
		rc = w_text(w, "],\"bags\":[", err);
	else if (w->where == 2)
		rc = w_text(w, "]}", err);
	if (w->where != 1)
		w->count = w->where == 2 ? 1 : 0;
	w->where = 1;
	if (rc == CD_OK)
		rc = w_next(w, err);
	if (rc != CD_OK) {
		cJSON_Delete(o);
		return rc;
	}
	/* the bag without its closing brace, then its bills */
	rc = w_object(w, o, 0, 1, err);
	if (rc == CD_OK)
		rc = w_text(w, ",\"bills\":[", err);
	w->where = 2;
	w->count = 0;
	return rc;
}

/* One bill of the open bag. */
int batch_stream_bill(struct batch_stream *w, const struct batch_item *bi,
		      struct cd_error *err)
{
	const struct item *it = &bi->it;
	cJSON *o = cJSON_CreateObject();

	if (w->where != 2 || w_ref(w, o, bi->ref, err) != CD_OK) {
		cJSON_Delete(o);
		if (w->where != 2)
			return cd_err(err, CD_EINVAL, NULL,
				      _("Item %d of the batch is in bag %d, "
					"which is not in the batch. The batch "
					"file was not written; report this to "
					"branch IT."),
				      bi->ref, bi->bag);
		return err->status;
	}
	w_ref_str(w, o, "serial", it->serial);
	w_amount(w, o, "amount_fen", it->amount_fen);
	w_ref_str(w, o, "teller", it->teller);
	w_ref_str(w, o, "registered", it->created_at);
	w_opt(w, o, "account", it->account);
	w_opt(w, o, "payee_account", it->payee_account);
	w_opt(w, o, "payee_name", it->payee_name);
	if (w_next(w, err) != CD_OK) {
		cJSON_Delete(o);
		return err->status;
	}
	return w_object(w, o, 0, 0, err);
}

/* A count and amount object. */
static void write_total(struct batch_stream *w, cJSON *o,
			const struct batch_total *t)
{
	w_check(w, o);
	w_int(w, o, "count", t->count);
	w_amount(w, o, "amount_fen", t->amount_fen);
}

/* Close the open array, write the totals and end the file. */
int batch_stream_end(struct batch_stream *w, const struct batch *b,
		     struct cd_error *err)
{
	cJSON *root = cJSON_CreateObject(), *o, *rows, *r;
	int rc = CD_OK;
	size_t i;

	if (w->where == 0)
		rc = w_text(w, "],\"bags\":[]", err);
	else if (w->where == 2)
		rc = w_text(w, "]}]", err);
	w_check(w, root);
	o = cJSON_AddObjectToObject(root, FIELD_TOTALS);
	w_check(w, o);
	rows = cJSON_AddArrayToObject(o, "by_bank");
	w_check(w, rows);
	for (i = 0; i < b->nby_bank; i++) {
		r = cJSON_CreateObject();
		if (r == NULL || !cJSON_AddItemToArray(rows, r)) {
			cJSON_Delete(r);
			w->failed = 1;
			break;
		}
		w_str(w, r, "bank", b->by_bank[i].bank);
		w_dc(w, r, "dc", b->by_bank[i].dc);
		write_total(w, r, &b->by_bank[i]);
	}
	write_total(w, cJSON_AddObjectToObject(o, "debit"), &b->debit);
	write_total(w, cJSON_AddObjectToObject(o, "credit"), &b->credit);
	write_total(w, cJSON_AddObjectToObject(o, "all"), &b->all);
	if (rc == CD_OK)
		rc = w_emit(w, ",", 1, err);
	/* {"totals":{...}} without its opening brace closes the file */
	if (rc == CD_OK)
		rc = w_object(w, root, 1, 0, err);
	else
		cJSON_Delete(root);
	batch_stream_free(w);
	return rc;
}

/* Free what W holds. */
void batch_stream_free(struct batch_stream *w)
{
	free(w->buf);
	w->buf = NULL;
	w->cap = 0;
}

/* Every item is a cheque or in one of the batch's bags. */
static int check_bags(const struct batch *b, struct cd_error *err)
{
	size_t i;

	for (i = 0; i < b->nitems; i++)
		if (b->items[i].bag < -1 ||
		    (b->items[i].bag >= 0 &&
		     (size_t)b->items[i].bag >= b->nbags))
			return cd_err(
			    err, CD_EINVAL, NULL,
			    _("Item %d of the batch is in bag %d, which is not "
			      "in the batch. The batch file was not written; "
			      "report this to branch IT."),
			    b->items[i].ref, b->items[i].bag);
	return CD_OK;
}

/* A growing string: batch_write's sink. */
struct membuf {
	char *s;
	size_t len, cap;
};

/* Append to a membuf. */
static int mem_sink(void *ctx, const char *data, size_t len,
		    struct cd_error *err)
{
	struct membuf *m = ctx;
	size_t cap = m->cap ? m->cap : 65536;
	char *p;

	(void)err;
	while (m->len + len + 1 > cap)
		cap *= 2;
	if (cap != m->cap) {
		p = realloc(m->s, cap);
		if (p == NULL)
			return -1;
		m->s = p;
		m->cap = cap;
	}
	memcpy(m->s + m->len, data, len);
	m->len += len;
	m->s[m->len] = '\0';
	return 0;
}

/* Stream the items of B: cheques, then each bag with its bills. */
static int write_items(struct batch_stream *w, const struct batch *b,
		       struct cd_error *err)
{
	size_t i, j;
	int rc = CD_OK;

	for (i = 0; rc == CD_OK && i < b->nitems; i++)
		if (b->items[i].bag == -1)
			rc = batch_stream_cheque(w, &b->items[i], err);
	for (j = 0; rc == CD_OK && j < b->nbags; j++) {
		rc = batch_stream_bag(w, &b->bags[j], err);
		for (i = 0; rc == CD_OK && i < b->nitems; i++)
			if (b->items[i].bag >= 0 &&
			    (size_t)b->items[i].bag == j)
				rc = batch_stream_bill(w, &b->items[i], err);
	}
	return rc;
}

/* The batch file's bytes. */
char *batch_write(const struct batch *b, size_t *len, struct cd_error *err)
{
	struct batch_stream w;
	struct membuf m = {NULL, 0, 0};
	int rc;

	if (check_bags(b, err) != CD_OK)
		return NULL;
	rc = batch_stream_begin(&w, &b->h, mem_sink, &m, err);
	if (rc == CD_OK)
		rc = write_items(&w, b, err);
	if (rc == CD_OK)
		rc = batch_stream_end(&w, b, err);
	batch_stream_free(&w);
	if (rc != CD_OK) {
		free(m.s);
		return NULL;
	}
	if (len != NULL)
		*len = m.len;
	return m.s;
}

/* ---- Reading ---- */

/* Append S to the place in BUF (PLACE_MAX bytes) at *N; real places are
 * far shorter, a longer one would be cut. */
static void put(char *buf, size_t *n, const char *s)
{
	while (*s != '\0' && *n + 1 < PLACE_MAX)
		buf[(*n)++] = *s++;
	buf[*n] = '\0';
}

/* "WHERE.NAME", or NAME at the top of the file, into BUF. */
static const char *place(char *buf, const char *where, const char *name)
{
	size_t n = 0;

	put(buf, &n, where);
	if (where[0] != '\0')
		put(buf, &n, ".");
	put(buf, &n, name);
	return buf;
}

/* "WHERE.ARRAY[I]" (or "ARRAY[I]" at the top) into BUF. */
static const char *place_at(char *buf, const char *where, const char *array,
			    size_t i)
{
	char num[24];
	size_t n;

	place(buf, where, array);
	n = strlen(buf);
	snprintf(num, sizeof num, "[%zu]", i);
	put(buf, &n, num);
	return buf;
}

/* S shortened for a message: cut between UTF-8 characters, control
 * characters and quotes shown as '?'. BUF has QUOTE_MAX + 4 bytes. */
static const char *quote(const char *s, char *buf)
{
	size_t n = 0;

	for (; s[n] != '\0' && n < QUOTE_MAX; n++) {
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
static const cJSON *need(const cJSON *o, const char *where, const char *name,
			 struct cd_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	char p[PLACE_MAX];

	if (v == NULL)
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("%s: missing; a batch file must have it."),
		       place(p, where, name));
	return v;
}

/* Refuse member NAME for not being TYPE (translated, e.g. "a string"). */
static int wrong_type(const char *where, const char *name, const char *type,
		      struct cd_error *err)
{
	char p[PLACE_MAX];

	/* TRANSLATORS: the second %s is e.g. "a string", "an array". */
	return cd_err(err, CD_EINVAL, FIELD_FORMAT, _("%s: must be %s."),
		      place(p, where, name), type);
}

/* Object or array member NAME of O into *V. */
static int get_node(const cJSON *o, const char *where, const char *name,
		    int array, const cJSON **v, struct cd_error *err)
{
	*v = need(o, where, name, err);
	if (*v == NULL)
		return CD_EINVAL;
	if (array ? !cJSON_IsArray(*v) : !cJSON_IsObject(*v))
		return wrong_type(where, name,
				  array ? _("an array") : _("an object"), err);
	return CD_OK;
}

/* Integer member NAME from MIN to MAX. cJSON holds numbers as doubles;
 * an integral double in this range converts exactly. */
static int get_int(const cJSON *o, const char *where, const char *name,
		   long long min, long long max, int64_t *out,
		   struct cd_error *err)
{
	const cJSON *v = need(o, where, name, err);
	char p[PLACE_MAX];
	double d;

	if (v == NULL)
		return CD_EINVAL;
	d = cJSON_IsNumber(v) ? v->valuedouble : -1e300;
	if (!(d >= (double)min && d <= (double)max) || (double)(int64_t)d != d)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be a whole number from %lld to "
				"%lld."),
			      place(p, where, name), min, max);
	*out = (int64_t)d;
	return CD_OK;
}

/* Integer member NAME into an int. */
static int get_small(const cJSON *o, const char *where, const char *name,
		     int min, int *out, struct cd_error *err)
{
	int64_t v;

	if (get_int(o, where, name, min, JSON_INT_MAX, &v, err) != CD_OK)
		return CD_EINVAL;
	*out = (int)v;
	return CD_OK;
}

/* Boolean member NAME. */
static int get_bool(const cJSON *o, const char *where, const char *name,
		    int *out, struct cd_error *err)
{
	const cJSON *v = need(o, where, name, err);

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsBool(v))
		return wrong_type(where, name, _("true or false"), err);
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return CD_OK;
}

/* String member NAME (non-empty) into *S; *S NULL when absent and not
 * REQUIRED. */
static int get_text(const cJSON *o, const char *where, const char *name,
		    int required, const char **s, struct cd_error *err)
{
	const cJSON *v = required ? need(o, where, name, err)
				  : cJSON_GetObjectItemCaseSensitive(o, name);
	char p[PLACE_MAX];

	*s = NULL;
	if (v == NULL)
		return required ? CD_EINVAL : CD_OK;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return wrong_type(where, name, _("a string"), err);
	if (v->valuestring[0] == '\0')
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: is empty; leave optional members out "
				"instead."),
			      place(p, where, name));
	*s = v->valuestring;
	return CD_OK;
}

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
				      quote(s, q), f->min);
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" must be %zu to %zu digits."), p,
			      quote(s, q), f->min, f->max);
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
			      p, quote(s, q));
	case S_DATE:
		if (date_ok(s, '\0'))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not a date (YYYY-MM-DD)."), p,
			      quote(s, q));
	case S_TIME:
		if (time_ok(s))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not a time "
				"(YYYY-MM-DDTHH:MM:SS+HHMM)."),
			      p, quote(s, q));
	case S_B64:
		if (b64_ok(s, f->min, f->max))
			return CD_OK;
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not Base64 of %zu to %zu "
				"characters."),
			      p, quote(s, q), f->min, f->max);
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
	if (get_text(o, where, f->name, f->required, &s, err) != CD_OK)
		return CD_EINVAL;
	if (s == NULL)
		return CD_OK;
	place(p, where, f->name);
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
	const cJSON *v = need(o, where, name, err);
	char p[PLACE_MAX], q[QUOTE_MAX + 4];

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return wrong_type(where, name,
				  _("a string of digits (amounts are "
				    "strings)"),
				  err);
	if (wire_amount_parse(v->valuestring, fen) != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" is not an amount in fen (1 to 18 "
				"digits, no leading zero)."),
			      place(p, where, name), quote(v->valuestring, q));
	if (item && *fen == 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: an item's amount must be more than 0."),
			      place(p, where, name));
	return CD_OK;
}

/* D/C member NAME. */
static int get_dc(const cJSON *o, const char *where, const char *name, char *dc,
		  struct cd_error *err)
{
	const cJSON *v = need(o, where, name, err);
	char p[PLACE_MAX], q[QUOTE_MAX + 4];

	if (v == NULL)
		return CD_EINVAL;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return wrong_type(where, name, _("a string"), err);
	if (strcmp(v->valuestring, "D") != 0 &&
	    strcmp(v->valuestring, "C") != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: \"%s\" must be \"D\" (debit) or \"C\" "
				"(credit)."),
			      place(p, where, name), quote(v->valuestring, q));
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

	if (get_small(o, where, "ref", 1, ref, err) != CD_OK)
		return CD_EINVAL;
	if (*ref < rd->next_ref)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %d repeats an earlier item's ref; refs "
				"run 1, 2, 3, ... over cheques and bills."),
			      place(p, where, "ref"), *ref);
	if (*ref > rd->next_ref)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %d leaves a gap; the ref here must be "
				"%d."),
			      place(p, where, "ref"), *ref, rd->next_ref);
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
		return read_oom(err);
	if (read_ref(rd, o, where, &bi->ref, err) != CD_OK ||
	    read_strs(o, where, cheque_fields, NFIELDS(cheque_fields), &bi->it,
		      err) != CD_OK ||
	    get_amount(o, where, "amount_fen", 1, &bi->it.amount_fen, err) !=
		CD_OK ||
	    get_dc(o, where, "dc", &bi->it.dc, err) != CD_OK ||
	    get_small(o, where, "prints", 0, &bi->it.prints, err) != CD_OK)
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
		return read_oom(err);
	memcpy(bi->it.bank, g->bank, sizeof bi->it.bank);
	memcpy(bi->it.type, g->type, sizeof bi->it.type);
	bi->it.dc = g->dc;
	if (read_ref(rd, o, where, &bi->ref, err) != CD_OK ||
	    read_strs(o, where, bill_fields, NFIELDS(bill_fields), &bi->it,
		      err) != CD_OK ||
	    get_amount(o, where, "amount_fen", 1, &bi->it.amount_fen, err) !=
		CD_OK)
		return CD_EINVAL;
	if (sum_add(count, sum, bi->it.amount_fen))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: the bills add up to more than any "
				"amount a batch can hold."),
			      place(p, where, "amount_fen"));
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

	if (get_node(o, where, "bills", 1, &bills, err) != CD_OK)
		return CD_EINVAL;
	cJSON_ArrayForEach(el, bills)
	{
		place_at(w, where, "bills", k++);
		if (read_bill(rd, el, w, j, &count, &sum, err) != CD_OK)
			return CD_EINVAL;
	}
	if (count != g->count)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %lld, but the bag has %lld bills."),
			      place(p, where, "count"), (long long)g->count,
			      (long long)count);
	if (sum != g->amount_fen)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: %lld fen, but the bag's bills add up to "
				"%lld fen."),
			      place(p, where, "amount_fen"),
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
	if (get_int(o, where, "bag", 1, JSON_INT_MAX, &g->id, err) != CD_OK ||
	    read_strs(o, where, bag_fields, NFIELDS(bag_fields), g, err) !=
		CD_OK ||
	    get_dc(o, where, "dc", &g->dc, err) != CD_OK ||
	    get_int(o, where, "count", 0, JSON_INT_MAX, &g->count, err) !=
		CD_OK ||
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
		return read_oom(err);
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

	if (get_node(root, "", "cheques", 1, &cheques, err) != CD_OK ||
	    get_node(root, "", "bags", 1, &bags, err) != CD_OK ||
	    alloc_batch(rd, cheques, bags, err) != CD_OK)
		return CD_EINVAL;
	cJSON_ArrayForEach(el, cheques)
	{
		place_at(w, "", "cheques", k++);
		if (read_cheque(rd, el, w, err) != CD_OK)
			return CD_EINVAL;
	}
	k = 0;
	cJSON_ArrayForEach(el, bags)
	{
		place_at(w, "", "bags", k);
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
		return wrong_type("header", "audit", _("an object"), err);
	return batch_anchor_parse(o, a, err);
}

/* An anchor object (header.audit, or one the centre lists). */
int batch_anchor_parse(const cJSON *o, struct batch_anchor *a,
		       struct cd_error *err)
{
	const char *hash, *leaves, *chain;
	char p[PLACE_MAX];

	memset(a, 0, sizeof *a);
	if (get_int(o, "header.audit", "from", 1, JSON_INT_MAX, &a->from,
		    err) != CD_OK ||
	    get_int(o, "header.audit", "record", a->from, JSON_INT_MAX,
		    &a->record, err) != CD_OK ||
	    get_text(o, "header.audit", "chain", 1, &chain, err) != CD_OK ||
	    get_text(o, "header.audit", "hash", 1, &hash, err) != CD_OK ||
	    get_text(o, "header.audit", "leaves", 1, &leaves, err) != CD_OK)
		return CD_EINVAL;
	if (!hex_ok(hash, BATCH_HASH_HEX))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be %d lower-case hex digits."),
			      place(p, "header.audit", "hash"), BATCH_HASH_HEX);
	if ((a->record - a->from + 1) > (int64_t)(SIZE_MAX / BATCH_LEAF_HEX) ||
	    !hex_ok(leaves, (size_t)(a->record - a->from + 1) * BATCH_LEAF_HEX))
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("%s: must be %d lower-case hex digits for "
				"each record from %lld to %lld."),
			      place(p, "header.audit", "leaves"),
			      BATCH_LEAF_HEX, (long long)a->from,
			      (long long)a->record);
	snprintf(a->hash, sizeof a->hash, "%s", hash);
	snprintf(a->chain, sizeof a->chain, "%s", chain);
	a->leaves = strdup(leaves);
	if (a->leaves == NULL)
		return read_oom(err);
	return CD_OK;
}

/* The anchor as a JSON object (what header.audit holds), or NULL. */
cJSON *batch_anchor_json(const struct batch_anchor *a)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL ||
	    cJSON_AddStringToObject(o, "chain", a->chain) == NULL ||
	    json_add_int64(o, "from", a->from) == NULL ||
	    json_add_int64(o, "record", a->record) == NULL ||
	    cJSON_AddStringToObject(o, "hash", a->hash) == NULL ||
	    cJSON_AddStringToObject(o, "leaves", a->leaves ? a->leaves : "") ==
		NULL) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* The header. */
static int read_header(const cJSON *root, struct batch_header *h,
		       struct cd_error *err)
{
	const cJSON *o;

	if (get_node(root, "", "header", 0, &o, err) != CD_OK ||
	    read_strs(o, "header", header_fields, NFIELDS(header_fields), h,
		      err) != CD_OK ||
	    get_small(o, "header", "session", 1, &h->session, err) != CD_OK ||
	    get_bool(o, "header", "resend", &h->resend, err) != CD_OK ||
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

	if (get_node(o, where, name, 0, &v, err) != CD_OK)
		return CD_EINVAL;
	place(p, where, name);
	if (get_int(v, p, "count", 0, JSON_INT_MAX, &t->count, err) != CD_OK ||
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
		return read_oom(err);
	cJSON_ArrayForEach(el, rows)
	{
		place_at(w, "totals", "by_bank", f->nrows);
		t = &f->rows[f->nrows++];
		if (!cJSON_IsObject(el))
			return not_object(w, err);
		if (read_strs(el, w, row_fields, NFIELDS(row_fields), t, err) !=
			CD_OK ||
		    get_dc(el, w, "dc", &t->dc, err) != CD_OK ||
		    get_int(el, w, "count", 0, JSON_INT_MAX, &t->count, err) !=
			CD_OK ||
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

	if (get_node(root, "", "totals", 0, &o, err) != CD_OK ||
	    get_node(o, "totals", "by_bank", 1, &rows, err) != CD_OK ||
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

	if (get_text(root, "", "format", 1, &s, err) != CD_OK)
		return CD_EINVAL;
	if (strcmp(s, BATCHFILE_FORMAT) != 0)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("format: \"%s\" is not \"%s\"; this is not a "
				"chequedesk batch file."),
			      quote(s, q), BATCHFILE_FORMAT);
	if (get_int(root, "", "version", 0, JSON_INT_MAX, &version, err) !=
	    CD_OK)
		return CD_EINVAL;
	if (version != BATCHFILE_VERSION)
		return cd_err(err, CD_EINVAL, FIELD_FORMAT,
			      _("version: %lld is not a version this program "
				"reads (%d); update chequedesk."),
			      (long long)version, BATCHFILE_VERSION);
	return CD_OK;
}

/* True when only JSON blanks are left from S to END. */
static int only_blanks(const char *s, const char *end)
{
	for (; s < end; s++)
		if (!strchr(" \t\r\n", *s) || *s == '\0')
			return 0;
	return 1;
}

/* Parse DATA as one JSON object with nothing but blanks after it. */
static cJSON *parse_object(const char *data, size_t len, struct cd_error *err)
{
	const char *end = NULL;
	cJSON *root = NULL;
	char *copy;

	if (data == NULL || len == 0) {
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is empty."));
		return NULL;
	}
	copy = len < SIZE_MAX ? malloc(len + 1) : NULL;
	if (copy == NULL) {
		cd_err(err, CD_EFAIL, NULL,
		       _("Out of memory. Close other programs or restart "
			 "chequedesk, then try again; if it happens again, "
			 "report it to branch IT."));
		return NULL;
	}
	memcpy(copy, data, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
	if (root == NULL)
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is not valid JSON: it breaks off or "
			 "is damaged near byte %zu."),
		       end ? (size_t)(end - copy) : (size_t)0);
	else if (!only_blanks(end, copy + len))
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file goes on after its JSON object, at "
			 "byte %zu."),
		       (size_t)(end - copy));
	else if (!cJSON_IsObject(root))
		cd_err(err, CD_EINVAL, FIELD_FORMAT,
		       _("The batch file is not a JSON object."));
	else {
		free(copy);
		return root;
	}
	cJSON_Delete(root);
	free(copy);
	return NULL;
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
