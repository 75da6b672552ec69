/* batchfile-write.c - writing the batch file piece by piece in file order
 * (batch_stream_*), or whole (batch_write). */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchfile-int.h"
#include "batchfile.h"
#include "calendar.h"
#include "grow.h"
#include "i18n.h"
#include "json-out.h"
#include "text.h"

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

	(void)err;
	if (grow(&m->s, &m->cap, m->len + len + 1, 1) != 0)
		return -1;
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
