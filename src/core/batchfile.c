/* batchfile.c - the outgoing batch file (docs/batch-format.md): its
 * control totals, wire amounts, ids and audit anchor; writing it is in
 * batchfile-write.c, reading it back with every check in
 * batchfile-read.c. */
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
int batchfile_oom(struct cd_error *err)
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
int batchfile_sum_add(int64_t *count, int64_t *amount, int64_t fen)
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
	if (batchfile_sum_add(&side->count, &side->amount_fen, key->fen) ||
	    batchfile_sum_add(&b->all.count, &b->all.amount_fen, key->fen) ||
	    (bag && batchfile_sum_add(&bag->count, &bag->amount_fen, key->fen)))
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
		return batchfile_oom(err);
	for (i = 0; i < b->nitems; i++) {
		if (i == 0 || key_cmp(&keys[i], &keys[i - 1]) != 0) {
			r = &rows[n++];
			snprintf(r->bank, sizeof r->bank, "%s", keys[i].bank);
			r->dc = keys[i].dc;
		}
		/* Cannot overflow: the sides' sums did not. */
		batchfile_sum_add(&r->count, &r->amount_fen, keys[i].fen);
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
		return batchfile_oom(err);
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
