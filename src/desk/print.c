/* print.c - the printing service: choose printer and profile, lay out the
 * document, send it through CUPS, follow the job, and only then record it
 * as printed, each change in one transaction with its audit record. */
#include "config.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db-audit.h"
#include "db-bags.h"
#include "db-banks.h"
#include "db-items.h"
#include "db-prints.h"
#include "db-users.h"
#include "i18n.h"
#include "json-out.h"
#include "labels.h"
#include "money.h"
#include "print.h"
#include "printdoc.h"

/* What is being printed: a cheque or a bag label. */
struct target {
	const char *kind; /* "cheque" or "bag", for audit verbs */
	int64_t item_id;  /* the cheque, or 0 */
	int64_t bag_id;	  /* the bag, or 0 */
	int prints;	  /* times printed so far */
	int seal;	  /* seal the bag as the job goes out */
	int64_t count;	  /* the bag's bills and total as laid out */
	int64_t amount_fen;
	char object[32]; /* audit object, e.g. "item:12" */
	struct job job;	 /* the bytes */
};

char *print_cheque_codeline(const struct item *it, char *buf, size_t len)
{
	struct codeline_supp s = {it->account,	  it->type,	  it->dc,
				  it->check_code, it->amount_fen, it->phone};

	return codeline_format_supp(&s, buf, len);
}

int print_load_font(struct desk *d, struct e13b_font *font,
		    struct cd_error *err)
{
	char *path = conf_data_file(&d->conf, "e13b.glyphs");
	int rc;

	if (path == NULL)
		return cd_err(err, CD_EFAIL, NULL, _("Out of memory."));
	rc = e13b_font_load(font, path, err);
	free(path);
	return rc;
}

/* True when PROFILE's match text occurs in MODEL, ignoring case. */
static int matches(const struct profile *p, const char *model)
{
	size_t n = strlen(p->match), i;

	if (n == 0)
		return 0;
	for (i = 0; model[i]; i++)
		if (strncasecmp(model + i, p->match, n) == 0)
			return 1;
	return 0;
}

const struct profile *print_profile_match(const struct conf *c,
					  const char *queue,
					  const char *make_model,
					  const struct profile *all, int n)
{
	int i;

	if (c->printer_profile[0] && strcmp(queue, c->printer) == 0) {
		for (i = 0; i < n; i++)
			if (strcmp(all[i].id, c->printer_profile) == 0)
				return &all[i];
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (matches(&all[i], make_model))
			return &all[i];
	return NULL;
}

int print_profile_for(const struct conf *c, const char *queue,
		      const char *profile_opt, struct profile *p,
		      struct cd_error *err)
{
	char **dirs = conf_profile_dirs(c);
	const struct profile *found;
	struct profile *all = NULL;
	struct spool_dest dest;
	struct cd_error sub;
	int rc, n = 0;

	if (dirs == NULL)
		return cd_err(err, CD_EFAIL, NULL, _("Out of memory."));
	if (profile_opt == NULL && c->printer_profile[0] &&
	    (queue == NULL || strcmp(queue, c->printer) == 0))
		profile_opt = c->printer_profile;
	if (profile_opt) {
		rc = profile_find(p, profile_opt, (const char *const *)dirs,
				  err);
		conf_free_dirs(dirs);
		return rc;
	}
	if (queue == NULL) {
		conf_free_dirs(dirs);
		return cd_err(err, CD_ECONFIG, "printer",
			      _("No printer profile is set for this "
				"terminal. Set printer and printer_profile in "
				"%s, or give --profile NAME (\"chequedesk "
				"printers\" lists the profiles)."),
			      c->config_path);
	}
	if ((rc = spool_get(queue, &dest, err)) != CD_OK) {
		conf_free_dirs(dirs);
		return rc;
	}
	profile_load_all((const char *const *)dirs, &all, &n, &sub);
	conf_free_dirs(dirs);
	found = print_profile_match(c, queue, dest.make_model, all, n);
	if (found == NULL) {
		profile_free_all(all, n);
		return cd_err(err, CD_ECONFIG, "printer",
			      _("No printer profile matches the queue \"%s\" "
				"(%s). Set printer_profile in %s to one of "
				"the profiles \"chequedesk printers\" lists, "
				"or give --profile NAME."),
			      queue,
			      dest.make_model[0] ? dest.make_model
						 : _("make and model unknown"),
			      c->config_path);
	}
	*p = *found;
	memset(&all[found - all], 0, sizeof *found); /* P owns its texts */
	profile_free_all(all, n);
	return CD_OK;
}

/* Add an audit record for target T with a small JSON body. */
static int audit_print(struct desk *d, const struct target *t, const char *at,
		       const char *action, const char *queue, int job_id,
		       int prints, const char *reason, struct cd_error *err)
{
	cJSON *o = cJSON_CreateObject();
	char *after;
	int rc;

	if (o == NULL)
		return cd_err(err, CD_EFAIL, NULL, _("Out of memory."));
	cJSON_AddStringToObject(o, "queue", queue);
	cJSON_AddNumberToObject(o, "job", job_id);
	cJSON_AddNumberToObject(o, "prints", prints);
	if (reason)
		cJSON_AddStringToObject(o, "reason", reason);
	after = json_take_string(o);
	if (after == NULL)
		return cd_err(err, CD_EFAIL, NULL, _("Out of memory."));
	rc = audit_add(d->st, at, d->user.id, action, t->object, NULL, after,
		       err);
	free(after);
	return rc;
}

/* "cheque.print", "bag.reprint", ... in BUF. */
static const char *verb(const struct target *t, const char *what, char *buf,
			size_t len)
{
	snprintf(buf, len, "%s.%s", t->kind, what);
	return buf;
}

/* Record that the job is done: the job row, the printed count (and the
 * bag's seal) and the audit record, in one transaction. */
static int record_done(struct desk *d, struct target *t,
		       const struct print_job *pj, struct cd_error *err)
{
	struct cd_now now;
	char action[32];
	int rc;

	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	rc = print_job_finish(d->st, pj->id, "done", NULL, now.stamp, err);
	if (rc == CD_OK)
		rc = t->item_id
			 ? item_mark_printed(d->st, t->item_id, now.stamp, err)
			 : bag_mark_printed(d->st, t->bag_id, now.stamp, err);
	if (rc == CD_OK)
		rc = audit_print(d, t, now.stamp,
				 verb(t, t->prints > 0 ? "reprint" : "print",
				      action, sizeof action),
				 pj->queue, pj->job_id, t->prints + 1, NULL,
				 err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Record that the job failed, with WHY; keeps ERR as it is. */
static void record_failed(struct desk *d, const struct target *t,
			  const struct print_job *pj, const char *why)
{
	struct cd_error ignored;
	struct cd_now now;
	char action[32];

	if (clock_now(&now, &ignored) != CD_OK ||
	    store_begin(d->st, &ignored) != CD_OK)
		return;
	if (print_job_finish(d->st, pj->id, "failed", why, now.stamp,
			     &ignored) != CD_OK ||
	    audit_print(
		d, t, now.stamp, verb(t, "print.failed", action, sizeof action),
		pj->queue, pj->job_id, t->prints, why, &ignored) != CD_OK) {
		store_rollback(d->st);
		return;
	}
	if (store_commit(d->st, &ignored) != CD_OK)
		return; /* settled again when the job is next looked at */
}

/* A job sent earlier was never settled (chequedesk stopped while it ran):
 * ask CUPS how it ended. 1 when it did print (now recorded), 0 when it did
 * not (recorded as failed), negative with ERR on trouble. */
static int settle_pending(struct desk *d, struct target *t,
			  struct print_result *r, struct cd_error *err)
{
	enum spool_outcome out;
	struct print_job pj;
	struct cd_error why;
	int found, cancelled = 0;

	found = print_job_pending(d->st, t->item_id, t->bag_id, &pj, err);
	if (found <= 0)
		return found;
	cd_err_clear(&why);
	if (spool_state(pj.queue, pj.job_id, &out, &why) != CD_OK) {
		*err = why;
		return -1;
	}
	if (out == SPOOL_PENDING) {
		spool_cancel(pj.queue, pj.job_id);
		cancelled = 1;
		/* It may have finished before the cancel reached it: ask
		 * again, so that it is recorded, not printed a second time. */
		cd_err_clear(&why);
		if (spool_state(pj.queue, pj.job_id, &out, &why) != CD_OK) {
			*err = why;
			return -1;
		}
	}
	if (out == SPOOL_DONE) {
		if (record_done(d, t, &pj, err) != CD_OK)
			return -1;
		snprintf(r->queue, sizeof r->queue, "%s", pj.queue);
		snprintf(r->profile, sizeof r->profile, "%s", pj.profile);
		r->job_id = pj.job_id;
		r->prints = t->prints + 1;
		r->recovered = 1;
		return 1;
	}
	if (cancelled)
		record_failed(d, t, &pj,
			      _("cancelled: the job was left unfinished"));
	else
		record_failed(d, t, &pj, why.msg);
	return 0;
}

/* Refuse a second print unless asked for and allowed. */
static int may_print_again(struct desk *d, const struct target *t,
			   const char *what, const char *when,
			   const struct print_opts *o, struct cd_error *err)
{
	char action[32], at[20];

	if (t->prints == 0)
		return CD_OK;
	/* "2026-11-23T10:05:00+0800" as "2026-11-23 10:05" */
	snprintf(at, sizeof at, "%.16s", when);
	if (at[10] == 'T')
		at[10] = ' ';
	when = at;
	verb(t, "reprint", action, sizeof action);
	if (!o->reprint)
		return cd_err(err, CD_ECONFLICT, "id",
			      _("%s was already printed (%s). To print it "
				"again, give --reprint; a supervisor must "
				"authorise it, and reprints are counted and "
				"audited."),
			      what, when);
	return desk_authorise(d, DUAL_REPRINT, action, t->object, err);
}

/* Seal T's bag if it still holds what its label says. */
static int seal_unchanged(struct desk *d, const struct target *t,
			  const char *at, struct cd_error *err)
{
	struct bag b;
	int rc = bag_get(d->st, t->bag_id, &b, err);

	if (rc != CD_OK)
		return rc;
	if (b.count != t->count || b.amount_fen != t->amount_fen)
		return cd_err(err, CD_ECONFLICT, "id",
			      _("Bills went into bag %" PRId64 " while its "
				"label was being prepared. Nothing was "
				"printed; print the label again."),
			      t->bag_id);
	return bag_seal(d->st, t->bag_id, d->user.id, at, err);
}

/* Send T's job and follow it to the end. */
static int run_job(struct desk *d, struct target *t, const char *queue,
		   const struct profile *p, const struct print_opts *o,
		   struct print_result *r, struct cd_error *err)
{
	struct print_job pj;
	struct cd_now now;
	char title[64], action[32];
	int rc;

	snprintf(title, sizeof title, "chequedesk %s", t->object);
	memset(&pj, 0, sizeof pj);
	pj.item_id = t->item_id;
	pj.bag_id = t->bag_id;
	snprintf(pj.queue, sizeof pj.queue, "%s", queue);
	snprintf(pj.profile, sizeof pj.profile, "%s", p->id);
	snprintf(pj.user, sizeof pj.user, "%s", d->user.id);
	pj.reprint = t->prints > 0;
	if ((rc = spool_create(queue, title, &pj.job_id, err)) != CD_OK)
		return rc;
	/* Record the job before its data goes, so a crash from here on
	 * leaves a trace that the next attempt settles with CUPS. */
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK) {
		spool_cancel(queue, pj.job_id);
		return err->status;
	}
	snprintf(pj.sent_at, sizeof pj.sent_at, "%s", now.stamp);
	rc = print_job_insert(d->st, &pj, err);
	if (rc == CD_OK && t->seal)
		rc = seal_unchanged(d, t, now.stamp, err);
	if (rc == CD_OK && t->seal)
		rc = audit_print(d, t, now.stamp,
				 verb(t, "seal", action, sizeof action), queue,
				 pj.job_id, t->prints, NULL, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	if (rc != CD_OK) {
		spool_cancel(queue, pj.job_id);
		return rc;
	}
	rc = spool_send(queue, pj.job_id, t->job.data, t->job.len, err);
	if (rc == CD_OK)
		rc = spool_wait(queue, pj.job_id, d->conf.print_timeout,
				o->tick, o->ctx, err);
	if (rc != CD_OK) {
		spool_cancel(queue, pj.job_id);
		record_failed(d, t, &pj, err->msg);
		return rc;
	}
	if ((rc = record_done(d, t, &pj, err)) != CD_OK) {
		/* the paper is out: say so, or the user would print again */
		struct cd_error why = *err;

		return cd_err(
		    err, rc, NULL,
		    _("Job %d on %s was printed, but chequedesk could "
		      "not record it: %s Once that is put right, give "
		      "the same print command again: it records the "
		      "print without printing twice."),
		    pj.job_id, queue, why.msg);
	}
	snprintf(r->queue, sizeof r->queue, "%s", queue);
	snprintf(r->profile, sizeof r->profile, "%s", p->id);
	r->job_id = pj.job_id;
	r->prints = t->prints + 1;
	return CD_OK;
}

/* Lay out, then preview or print: the part cheques and bags share. */
static int print_target(struct desk *d, struct target *t,
			enum printdoc_kind kind, const char *codeline,
			const struct printvar *vars, int nvars,
			const struct print_opts *o, struct print_result *r,
			struct cd_error *err)
{
	const char *queue = o->queue ? o->queue : d->conf.printer;
	struct e13b_font font;
	struct printdoc doc;
	struct profile p;
	int rc;

	if (o->preview == NULL && queue[0] == '\0')
		return cd_err(err, CD_ECONFIG, "printer",
			      _("No printer is set for this terminal. Set "
				"printer = QUEUE in %s (\"chequedesk "
				"printers\" lists the queues) or give "
				"--printer QUEUE."),
			      d->conf.config_path);
	if ((rc = print_load_font(d, &font, err)) != CD_OK ||
	    (rc = print_profile_for(&d->conf, queue[0] ? queue : NULL,
				    o->profile, &p, err)) != CD_OK)
		return rc;
	snprintf(r->codeline, sizeof r->codeline, "%s", codeline);
	snprintf(r->profile, sizeof r->profile, "%s", p.id);
	snprintf(r->queue, sizeof r->queue, "%s", queue);
	rc = printdoc_make(&doc, &p, kind, &font, codeline, vars, nvars, err);
	if (rc == CD_OK && o->preview)
		rc = printdoc_preview(&doc, o->preview, o->force, err);
	else if (rc == CD_OK &&
		 (rc = printdoc_encode(&doc, &t->job, err)) == CD_OK)
		rc = run_job(d, t, queue, &p, o, r, err);
	printdoc_free(&doc);
	profile_free(&p);
	job_free(&t->job);
	return rc;
}

/* Set one placeholder value. */
static void var(struct printvar *v, int *n, const char *name, const char *value)
{
	v[*n].name = name;
	snprintf(v[*n].value, sizeof v[*n].value, "%s", value);
	(*n)++;
}

/* The placeholders every document has. */
static void common_vars(struct desk *d, struct printvar *v, int *n,
			const char *bank_no, const char *type_code, char dc,
			int64_t fen, const char *date, int session)
{
	struct bill_type type;
	struct cd_error ignored;
	struct bank bank;
	char buf[160];

	var(v, n, "branch", d->branch.exchange_no);
	var(v, n, "branch_name", d->branch.name);
	var(v, n, "bank", bank_no);
	var(v, n, "bank_name",
	    bank_get(d->st, bank_no, &bank, &ignored) == CD_OK ? bank.name
							       : "");
	var(v, n, "type", type_code);
	var(v, n, "type_name",
	    billtype_get(d->st, type_code, &type, &ignored) == CD_OK
		? type.name_zh
		: "");
	var(v, n, "dc", dc == 'C' ? "2" : "1");
	/* The printed documents go to the clearing centre: in Chinese. */
	var(v, n, "dc_name", dc == 'C' ? "贷" : "借");
	var(v, n, "amount", money_format(fen, buf, sizeof buf));
	var(v, n, "capitals", money_format_capitals(fen, buf, sizeof buf));
	var(v, n, "date", date);
	snprintf(buf, sizeof buf, "%d", session);
	var(v, n, "session", buf);
	var(v, n, "teller", d->user.id);
	var(v, n, "teller_name", d->user.name);
}

int print_cheque(struct desk *d, int64_t id, const struct print_opts *o,
		 struct print_result *r, struct cd_error *err)
{
	struct printvar vars[24];
	char line[CODELINE_LINE_MAX], what[64], buf[32];
	struct target t = {.kind = "cheque", .item_id = id};
	struct item it;
	int n = 0, rc;

	memset(r, 0, sizeof *r);
	if (desk_require(d, PERM_ITEMS, "cheque.print", err) != CD_OK)
		return err->status;
	rc = item_get(d->st, id, &it, err);
	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_ENOTFOUND, "id",
			      _("There is no cheque %" PRId64 ". Check the "
				"number (chequedesk cheque list)."),
			      id);
	if (rc != CD_OK)
		return rc;
	if (it.kind != ITEM_CHEQUE)
		return cd_err(err, CD_EINVAL, "id",
			      _("Item %" PRId64 " is a bill in bag %" PRId64
				"; bills get no code line of their own. Print "
				"the bag's label instead (chequedesk print "
				"bag %" PRId64 ")."),
			      id, it.bag_id, it.bag_id);
	if (strcmp(it.status, "registered") != 0 &&
	    strcmp(it.status, "printed") != 0)
		return cd_err(err, CD_ECONFLICT, "id",
			      _("Cheque %" PRId64 " is %s and can no longer "
				"be printed."),
			      id, label_status(it.status));
	t.prints = it.prints;
	snprintf(t.object, sizeof t.object, "item:%" PRId64, id);
	snprintf(what, sizeof what, _("Cheque %" PRId64), id);
	if (o->preview == NULL) {
		rc = settle_pending(d, &t, r, err);
		if (rc < 0)
			return err->status;
		if (rc > 0) {
			print_cheque_codeline(&it, r->codeline,
					      sizeof r->codeline);
			return CD_OK;
		}
		if (may_print_again(d, &t, what, it.printed_at, o, err) !=
		    CD_OK)
			return err->status;
	}
	common_vars(d, vars, &n, it.bank, it.type, it.dc, it.amount_fen,
		    it.business_date, it.session);
	snprintf(buf, sizeof buf, "%" PRId64, id);
	var(vars, &n, "item", buf);
	var(vars, &n, "serial", it.serial);
	var(vars, &n, "account", it.account);
	print_cheque_codeline(&it, line, sizeof line);
	rc = print_target(d, &t, PRINTDOC_CHEQUE, line, vars, n, o, r, err);
	desk_authorise_end(d);
	return rc;
}

int print_bag(struct desk *d, int64_t id, const struct print_opts *o,
	      struct print_result *r, struct cd_error *err)
{
	struct printvar vars[24];
	char line[CODELINE_LINE_MAX], what[64], buf[32];
	struct target t = {.kind = "bag", .bag_id = id};
	struct bag b;
	int n = 0, rc;

	memset(r, 0, sizeof *r);
	if (desk_require(d, PERM_ITEMS, "bag.print", err) != CD_OK)
		return err->status;
	rc = bag_get(d->st, id, &b, err);
	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_ENOTFOUND, "id",
			      _("There is no bag %" PRId64 ". Check the "
				"number (chequedesk bag list)."),
			      id);
	if (rc != CD_OK)
		return rc;
	if (b.count == 0)
		return cd_err(err, CD_EINVAL, "id",
			      _("Bag %" PRId64 " is empty. Put its bills in "
				"first, then print the label."),
			      id);
	t.prints = b.prints;
	t.seal = strcmp(b.status, "open") == 0;
	t.count = b.count;
	t.amount_fen = b.amount_fen;
	snprintf(t.object, sizeof t.object, "bag:%" PRId64, id);
	snprintf(what, sizeof what, _("The label of bag %" PRId64), id);
	if (o->preview == NULL) {
		rc = settle_pending(d, &t, r, err);
		if (rc < 0)
			return err->status;
		if (rc > 0) {
			codeline_format_bag(b.bank, b.type, b.dc, b.amount_fen,
					    r->codeline, sizeof r->codeline);
			return CD_OK;
		}
		if (may_print_again(d, &t, what, b.printed_at, o, err) != CD_OK)
			return err->status;
	}
	common_vars(d, vars, &n, b.bank, b.type, b.dc, b.amount_fen,
		    b.business_date, b.session);
	snprintf(buf, sizeof buf, "%" PRId64, id);
	var(vars, &n, "bag", buf);
	snprintf(buf, sizeof buf, "%" PRId64, b.count);
	var(vars, &n, "count", buf);
	codeline_format_bag(b.bank, b.type, b.dc, b.amount_fen, line,
			    sizeof line);
	rc = print_target(d, &t, PRINTDOC_LABEL, line, vars, n, o, r, err);
	desk_authorise_end(d);
	return rc;
}

/* {"printer": QUEUE, "profile": PROFILE} as a new string (NULL if out of
 * memory, which audit_add records as no value). */
static char *printer_json(const char *queue, const char *profile)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "printer", queue);
	cJSON_AddStringToObject(o, "profile", profile);
	return json_take_string(o);
}

int print_use_printer(struct desk *d, const char *queue,
		      const char *profile_opt, char *profile,
		      struct cd_error *err)
{
	struct conf probe = d->conf;
	char *before, *after;
	struct spool_dest dest;
	struct profile p;
	struct cd_now now;
	int rc;

	if (desk_require(d, PERM_SETUP, "printer.use", err) != CD_OK ||
	    spool_get(queue, &dest, err) != CD_OK)
		return err->status;
	/* Look the profile up as if QUEUE were not configured yet. */
	probe.printer_profile[0] = '\0';
	if ((rc = print_profile_for(&probe, queue, profile_opt, &p, err)) !=
	    CD_OK)
		return rc;
	snprintf(profile, 64, "%s", p.id);
	profile_free(&p);
	if (conf_write_setting(&d->conf, "printer", queue, err) != CD_OK ||
	    conf_write_setting(&d->conf, "printer_profile", profile, err) !=
		CD_OK)
		return err->status;
	before = printer_json(d->conf.printer, d->conf.printer_profile);
	snprintf(d->conf.printer, sizeof d->conf.printer, "%s", queue);
	snprintf(d->conf.printer_profile, sizeof d->conf.printer_profile, "%s",
		 profile);
	after = printer_json(queue, profile);
	rc = clock_now(&now, err);
	if (rc == CD_OK && (rc = store_begin(d->st, err)) == CD_OK) {
		rc = audit_add(d->st, now.stamp, d->user.id, "printer.use",
			       d->conf.config_path, before, after, err);
		if (rc == CD_OK)
			rc = store_commit(d->st, err);
		else
			store_rollback(d->st);
	}
	free(before);
	free(after);
	return rc;
}

/* Record a test print of QUEUE: its job and how it ended (WHY, or NULL
 * when it printed). */
static void audit_test(struct desk *d, const char *queue, const char *profile,
		       int job_id, const char *why)
{
	cJSON *o = cJSON_CreateObject();
	char *after;

	cJSON_AddStringToObject(o, "queue", queue);
	cJSON_AddStringToObject(o, "profile", profile);
	cJSON_AddNumberToObject(o, "job", job_id);
	cJSON_AddStringToObject(o, "result", why ? "failed" : "printed");
	if (why)
		cJSON_AddStringToObject(o, "reason", why);
	after = json_take_string(o);
	desk_audit_alone(d, d->user.id, "printer.test", queue, after);
	free(after);
}

int print_test(struct desk *d, const struct print_opts *o,
	       struct print_result *r, struct cd_error *err)
{
	/* every digit once in the account and the amount */
	static const struct codeline_supp sample = {
	    "0123456789", "01", 'D', "00", INT64_C(123456789), NULL};
	const char *queue = o->queue ? o->queue : d->conf.printer;
	struct business_slot slot;
	struct printvar vars[24];
	struct e13b_font font;
	struct printdoc doc;
	struct profile p;
	struct cd_now now;
	struct job job;
	char date[DATE_LEN];
	int n = 0, rc;

	memset(r, 0, sizeof *r);
	memset(&job, 0, sizeof job);
	if (desk_require(d, PERM_SETUP, "printer.test", err) != CD_OK)
		return err->status;
	if (queue[0] == '\0')
		return cd_err(err, CD_ECONFIG, "printer",
			      _("Choose the printer queue to test first."));
	if ((rc = desk_slot(d, &now, &slot, err)) != CD_OK ||
	    (rc = print_load_font(d, &font, err)) != CD_OK ||
	    (rc = print_profile_for(&d->conf, queue, o->profile, &p, err)) !=
		CD_OK)
		return rc;
	cd_date_format(slot.date, date);
	codeline_format_supp(&sample, r->codeline, sizeof r->codeline);
	snprintf(r->queue, sizeof r->queue, "%s", queue);
	snprintf(r->profile, sizeof r->profile, "%s", p.id);
	common_vars(d, vars, &n, d->branch.exchange_no, sample.type, sample.dc,
		    sample.fen, date, slot.session);
	var(vars, &n, "item", "0");
	var(vars, &n, "serial", "00000000");
	var(vars, &n, "account", sample.account);
	memset(&doc, 0, sizeof doc);
	rc = printdoc_make(&doc, &p, PRINTDOC_CHEQUE, &font, r->codeline, vars,
			   n, err);
	if (rc == CD_OK)
		rc = printdoc_encode(&doc, &job, err);
	printdoc_free(&doc);
	if (rc == CD_OK)
		rc = spool_create(queue, "chequedesk printer test", &r->job_id,
				  err);
	if (rc == CD_OK) {
		rc = spool_send(queue, r->job_id, job.data, job.len, err);
		if (rc == CD_OK)
			rc = spool_wait(queue, r->job_id, d->conf.print_timeout,
					o->tick, o->ctx, err);
		if (rc != CD_OK)
			spool_cancel(queue, r->job_id);
	}
	audit_test(d, queue, p.id, r->job_id, rc == CD_OK ? NULL : err->msg);
	job_free(&job);
	profile_free(&p);
	return rc;
}
