/* report.c - collecting the day's report: items, totals by bank and by
 * debit/credit, batches, notices, reprints, authorisations and refusals;
 * auditing views and printing the text through CUPS. */
#include "config.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-bags.h"
#include "db-banks.h"
#include "db-items.h"
#include "grow.h"
#include "i18n.h"
#include "json-out.h"
#include "report.h"
#include "spool.h"

/* What the list callbacks gather into, and whether memory ran out. */
struct gather {
	struct report *r;
	int oom;
	int whole_day; /* audit rows of this calendar day all belong */
};

/* Room for one more element of SIZE bytes in *ARR (holding *N, CAP
 * allocated): the new element, counted, or NULL. */
static void *push(void *arr_ptr, size_t *n, size_t *cap, size_t size)
{
	char *arr;

	if (grow(arr_ptr, cap, *n + 1, size) != 0)
		return NULL;
	memcpy(&arr, arr_ptr, sizeof arr);
	return arr + (*n)++ * size;
}

/* Item callback: keep every item of the day. */
static int take_item(const struct item *it, void *ctx)
{
	struct gather *g = ctx;
	struct item *slot =
	    push(&g->r->items, &g->r->nitems, &g->r->cap_items, sizeof *slot);

	if (slot == NULL)
		return g->oom = 1;
	*slot = *it;
	return 0;
}

/* Bag callback: note that the day has bags (an empty bag is no item). */
static int take_bag(const struct bag *b, void *ctx)
{
	int *count = ctx;

	(void)b;
	(*count)++;
	return 0;
}

/* Batch callback: keep the batches of the day (and session). */
static int take_batch(const struct batch_rec *b, void *ctx)
{
	struct gather *g = ctx;
	struct batch_rec *slot;

	if (g->r->session && b->session != g->r->session)
		return 0;
	slot = push(&g->r->batches, &g->r->nbatches, &g->r->cap_batches,
		    sizeof *slot);
	if (slot == NULL)
		return g->oom = 1;
	*slot = *b;
	slot->file = NULL;
	return 0;
}

/* The item of the report with ID, or NULL. */
static const struct item *find_item(const struct report *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (r->items[i].id == id)
			return &r->items[i];
	return NULL;
}

/* Notice callback: keep those of the report's items. */
static int take_notice(const struct notice_rec *n, void *ctx)
{
	struct gather *g = ctx;
	struct notice_rec *slot;

	if (g->r->session && find_item(g->r, n->item_id) == NULL)
		return 0;
	slot = push(&g->r->notices, &g->r->nnotices, &g->r->cap_notices,
		    sizeof *slot);
	if (slot == NULL)
		return g->oom = 1;
	*slot = *n;
	return 0;
}

/* Reprint callback. */
static int take_reprint(const struct reprint_rec *p, void *ctx)
{
	struct gather *g = ctx;
	struct reprint_rec *slot = push(&g->r->reprints, &g->r->nreprints,
					&g->r->cap_reprints, sizeof *slot);

	if (slot == NULL)
		return g->oom = 1;
	*slot = *p;
	return 0;
}

/* Whether an audit object ("item:12", "bag:3", a batch id) belongs to the
 * report's items, bags or batches. */
static int object_in_report(const struct report *r, const char *object)
{
	long long id;
	size_t i;

	if (object == NULL || object[0] == '\0')
		return 0;
	if (sscanf(object, "item:%lld", &id) == 1)
		return find_item(r, id) != NULL;
	if (sscanf(object, "bag:%lld", &id) == 1) {
		for (i = 0; i < r->nitems; i++)
			if (r->items[i].bag_id == id)
				return 1;
		return 0;
	}
	for (i = 0; i < r->nbatches; i++)
		if (strstr(object, r->batches[i].batch_id) != NULL)
			return 1;
	return 0;
}

/* Audit callback: authorised actions and refusals of the day. */
static int take_audit(const struct audit_rec *a, void *ctx)
{
	struct gather *g = ctx;
	struct report *r = g->r;
	struct report_audit *slot;
	const cJSON *why, *obj;
	cJSON *after = NULL;
	const char *object = a->object;
	int refusal = a->action && strcmp(a->action, "refused") == 0;

	if (!refusal && (a->auth == NULL || a->auth[0] == '\0'))
		return 0;
	if (refusal && a->after) {
		after = cJSON_Parse(a->after);
		obj = cJSON_GetObjectItemCaseSensitive(after, "object");
		if (cJSON_IsString(obj) && obj->valuestring[0])
			object = obj->valuestring;
		else
			object = NULL;
	}
	if ((r->session || !g->whole_day) && !object_in_report(r, object)) {
		cJSON_Delete(after);
		return 0;
	}
	slot = refusal
		   ? push(&r->refusals, &r->nrefusals, &r->cap_refusals,
			  sizeof *slot)
		   : push(&r->auths, &r->nauths, &r->cap_auths, sizeof *slot);
	if (slot == NULL) {
		cJSON_Delete(after);
		return g->oom = 1;
	}
	memset(slot, 0, sizeof *slot);
	slot->id = a->id;
	snprintf(slot->at, sizeof slot->at, "%s", a->at ? a->at : "");
	snprintf(slot->user, sizeof slot->user, "%s", a->user ? a->user : "");
	snprintf(slot->auth, sizeof slot->auth, "%s", a->auth ? a->auth : "");
	if (refusal) {
		/* the refused action is the row's object */
		snprintf(slot->action, sizeof slot->action, "%s",
			 a->object ? a->object : "");
		snprintf(slot->object, sizeof slot->object, "%s",
			 object ? object : "");
		why = cJSON_GetObjectItemCaseSensitive(after, "why");
		if (cJSON_IsString(why))
			snprintf(slot->why, sizeof slot->why, "%s",
				 why->valuestring);
	} else {
		snprintf(slot->action, sizeof slot->action, "%s", a->action);
		snprintf(slot->object, sizeof slot->object, "%s",
			 object ? object : "");
	}
	cJSON_Delete(after);
	return 0;
}

/* Add IT to the totals by bank and by debit/credit. */
static int add_to_totals(struct report *r, const struct item *it,
			 struct desk *d)
{
	struct report_bank *b = NULL;
	struct cd_error ignored;
	struct bank bank;
	size_t i;

	if (strcmp(it->status, "voided") == 0) {
		r->voided_count++;
		r->voided_fen += it->amount_fen;
		return 0;
	}
	for (i = 0; i < r->nbanks; i++)
		if (strcmp(r->banks[i].bank, it->bank) == 0)
			b = &r->banks[i];
	if (b == NULL) {
		b = push(&r->banks, &r->nbanks, &r->cap_banks, sizeof *b);
		if (b == NULL)
			return -1;
		memset(b, 0, sizeof *b);
		snprintf(b->bank, sizeof b->bank, "%s", it->bank);
		if (bank_get(d->st, it->bank, &bank, &ignored) == CD_OK)
			snprintf(b->name, sizeof b->name, "%s", bank.name);
	}
	if (it->dc == 'C') {
		b->credit_count++;
		b->credit_fen += it->amount_fen;
		r->credit_count++;
		r->credit_fen += it->amount_fen;
	} else {
		b->debit_count++;
		b->debit_fen += it->amount_fen;
		r->debit_count++;
		r->debit_fen += it->amount_fen;
	}
	return 0;
}

/* Banks in number order. */
static int bank_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_bank *)a)->bank,
		      ((const struct report_bank *)b)->bank);
}

/* Gather the audit rows of business date R->date: work after the previous
 * business date's last cut-off counts for this one, so the calendar days
 * after that date (a weekend, say) count whole, and on the previous
 * business date itself only rows about this report's items, bags and
 * batches do. */
static int audit_days(struct desk *d, struct report *r, struct gather *g,
		      struct cd_error *err)
{
	struct audit_filter af;
	struct cd_date day, start, c;
	char text[DATE_LEN];
	int rc = CD_OK, n = 0;

	if (cd_date_parse(r->date, &day) != CD_OK)
		return cd_err(err, CD_EINVAL, "date",
			      _("Write the date as YYYY-MM-DD."));
	/* the previous business date; a month back at most */
	start = cd_date_add_days(day, -1);
	while (!calendar_is_business_day(&d->conf.cal, start) && ++n < 31)
		start = cd_date_add_days(start, -1);
	memset(&af, 0, sizeof af);
	af.date = text;
	for (c = start; rc == CD_OK && cd_date_cmp(c, day) <= 0;
	     c = cd_date_add_days(c, 1)) {
		cd_date_format(c, text);
		g->whole_day = cd_date_cmp(c, start) > 0;
		rc = audit_list(d->st, &af, take_audit, g, err);
	}
	return rc;
}

/* Check DATE and SESSION against the calendar and the current slot. */
static int check_day(struct desk *d, const char *date, int session,
		     const char *today, struct cd_error *err)
{
	if (session < 0 || session > d->conf.cal.nsessions)
		return cd_err(err, CD_EINVAL, "session",
			      _("There is no session %d: this branch has "
				"sessions 1 to %d. Give one of those, or "
				"leave --session out for the whole day."),
			      session, d->conf.cal.nsessions);
	if (strcmp(date, today) > 0)
		return cd_err(err, CD_EINVAL, "date",
			      _("%s is after the current business date %s, "
				"so there is nothing to report yet. Give "
				"%s or an earlier date."),
			      date, today, today);
	return CD_OK;
}

int report_day(struct desk *d, const char *date, int session, struct report *r,
	       struct cd_error *err)
{
	struct gather g = {r, 0, 0};
	struct item_filter f;
	struct bag_filter bf;
	struct notice_filter nf;
	struct business_slot slot;
	struct cd_now now;
	char today[DATE_LEN];
	int nbags = 0, rc;
	size_t i;

	memset(r, 0, sizeof *r);
	if (desk_require(d, PERM_BATCH, "report.day", err) != CD_OK ||
	    desk_slot(d, &now, &slot, err) != CD_OK)
		return err->status;
	cd_date_format(slot.date, today);
	if (check_day(d, date ? date : today, session, today, err) != CD_OK)
		return err->status;
	snprintf(r->date, sizeof r->date, "%s", date ? date : today);
	snprintf(r->branch_no, sizeof r->branch_no, "%s",
		 d->branch.exchange_no);
	snprintf(r->branch_name, sizeof r->branch_name, "%s", d->branch.name);
	snprintf(r->by, sizeof r->by, "%s", d->user.id);
	snprintf(r->by_name, sizeof r->by_name, "%s", d->user.name);
	snprintf(r->at, sizeof r->at, "%s", now.stamp);
	r->session = session;
	r->nsessions = d->conf.cal.nsessions;

	memset(&f, 0, sizeof f);
	f.date = r->date;
	f.session = session;
	memset(&bf, 0, sizeof bf);
	bf.date = r->date;
	bf.session = session;
	rc = item_list(d->st, &f, take_item, &g, err);
	if (rc == CD_OK)
		rc = bag_list(d->st, &bf, take_bag, &nbags, err);
	if (rc == CD_OK)
		rc = batch_rec_list(d->st, r->date, take_batch, &g, err);
	if (rc == CD_OK && date != NULL && r->nitems == 0 && nbags == 0 &&
	    r->nbatches == 0) {
		/* an explicit date the branch never worked */
		bf.session = 0;
		nbags = 0;
		rc = bag_list(d->st, &bf, take_bag, &nbags, err);
		f.session = 0;
		if (rc == CD_OK && session > 0)
			rc = item_list(d->st, &f, take_item, &g, err);
		if (rc == CD_OK && r->nitems == 0 && nbags == 0) {
			report_free(r);
			return cd_err(err, CD_ENOTFOUND, "date",
				      _("Nothing was registered on %s: no "
					"cheques, bags or batches. Check the "
					"date ('chequedesk batch list' shows "
					"the days with batches)."),
				      date);
		}
		/* the day exists, only this session is empty */
		free(r->items);
		r->items = NULL;
		r->nitems = 0;
	}
	memset(&nf, 0, sizeof nf);
	nf.date = r->date;
	nf.supervisor = 1;
	if (rc == CD_OK)
		rc = notice_rec_list(d->st, &nf, take_notice, &g, err);
	if (rc == CD_OK)
		rc = report_reprint_list(d->st, r->date, session, take_reprint,
					 &g, err);
	if (rc == CD_OK)
		rc = audit_days(d, r, &g, err);
	for (i = 0; rc == CD_OK && i < r->nitems; i++)
		if (add_to_totals(r, &r->items[i], d) != 0)
			g.oom = 1;
	if (rc == CD_OK && g.oom)
		rc = cd_err(err, CD_EFAIL, NULL,
			    _("Out of memory while collecting the report. "
			      "Close other programs and try again, or report "
			      "one session at a time (--session N)."));
	if (rc != CD_OK) {
		report_free(r);
		return rc;
	}
	if (r->nbanks > 1)
		qsort(r->banks, r->nbanks, sizeof *r->banks, bank_cmp);
	return CD_OK;
}

void report_free(struct report *r)
{
	free(r->items);
	free(r->banks);
	free(r->batches);
	free(r->notices);
	free(r->reprints);
	free(r->auths);
	free(r->refusals);
	memset(r, 0, sizeof *r);
}

const char *report_batch_label(const struct report *r, int64_t batch, char *buf,
			       size_t len)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; batch && i < r->nbatches; i++)
		if (r->batches[i].id == batch)
			snprintf(buf, len, "%d-%02d", r->batches[i].session,
				 r->batches[i].nn);
	return buf;
}

const char *report_bank_name(const struct report *r, const char *bank)
{
	size_t i;

	for (i = 0; i < r->nbanks; i++)
		if (strcmp(r->banks[i].bank, bank) == 0)
			return r->banks[i].name;
	return "";
}

/* The audit object naming the report: "report:2026-11-23" or
 * "report:2026-11-23/1". */
static void report_object(const struct report *r, char *buf, size_t len)
{
	if (r->session)
		snprintf(buf, len, "report:%s/%d", r->date, r->session);
	else
		snprintf(buf, len, "report:%s", r->date);
}

void report_audit_view(struct desk *d, const struct report *r,
		       const char *format)
{
	cJSON *o = cJSON_CreateObject();
	char object[64], *after;

	report_object(r, object, sizeof object);
	cJSON_AddStringToObject(o, "format", format);
	json_add_int64(o, "items", (int64_t)r->nitems);
	after = json_take_string(o);
	desk_audit_alone(d, d->user.id, "report.view", object, after);
	free(after);
}

/* Record a print of the report: queue, job and how it ended (WHY, or
 * NULL when it printed). */
static void audit_print(struct desk *d, const struct report *r,
			const char *queue, int job_id, const char *why)
{
	cJSON *o = cJSON_CreateObject();
	char object[64], *after;

	report_object(r, object, sizeof object);
	cJSON_AddStringToObject(o, "queue", queue);
	cJSON_AddNumberToObject(o, "job", job_id);
	cJSON_AddStringToObject(o, "result", why ? "failed" : "printed");
	if (why)
		cJSON_AddStringToObject(o, "reason", why);
	after = json_take_string(o);
	desk_audit_alone(d, d->user.id, "report.print", object, after);
	free(after);
}

int report_print(struct desk *d, const struct report *r, const char *queue,
		 const char *text, size_t len, char *used, size_t used_len,
		 int *job_id, struct cd_error *err)
{
	char title[64];
	int rc;

	*job_id = 0;
	if (desk_require(d, PERM_BATCH, "report.print", err) != CD_OK)
		return err->status;
	if (queue == NULL || queue[0] == '\0')
		queue = d->conf.report_queue;
	if (queue[0] == '\0')
		return cd_err(err, CD_ECONFIG, "report_queue",
			      _("No queue is set for reports. Set "
				"report_queue = QUEUE (an ordinary office "
				"printer, not the passbook printer) in %s, or "
				"give the queue after --print."),
			      d->conf.config_path);
	if (d->conf.printer[0] && strcmp(queue, d->conf.printer) == 0)
		return cd_err(err, CD_EINVAL, "report_queue",
			      _("\"%s\" is this terminal's passbook printer "
				"(the printer setting), which prints code "
				"lines, not reports. Print the report on an "
				"ordinary printer: set report_queue in %s or "
				"give another queue after --print."),
			      queue, d->conf.config_path);
	snprintf(used, used_len, "%s", queue);
	if (r->session)
		snprintf(title, sizeof title, "chequedesk report %s/%d",
			 r->date, r->session);
	else
		snprintf(title, sizeof title, "chequedesk report %s", r->date);
	rc = spool_create(queue, title, job_id, err);
	if (rc != CD_OK) {
		audit_print(d, r, queue, 0, err->msg);
		return rc;
	}
	rc = spool_send_as(queue, *job_id, "text/plain", text, len, err);
	if (rc == CD_OK)
		rc = spool_wait(queue, *job_id, d->conf.print_timeout, NULL,
				NULL, err);
	if (rc != CD_OK)
		spool_cancel(queue, *job_id);
	audit_print(d, r, queue, *job_id, rc == CD_OK ? NULL : err->msg);
	return rc;
}
