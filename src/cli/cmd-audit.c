/* cmd-audit.c - "chequedesk audit list" and "audit verify": reading the
 * audit trail and checking its hash chain. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "cmd.h"
#include "desk-read.h"
#include "exchange.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"

static const struct opt_spec list_options[] = {
    {.name = "by",
     .argname = N_("ID"),
     .help = N_("only what this user did or authorised (--user "
		"is who you are)")},
    {.name = "date", .argname = N_("YYYY-MM-DD"), .help = N_("only this day")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* Print one record as a line, or add it to the JSON array. */
static int list_one(const struct audit_rec *r, void *ctx)
{
	cJSON *arr = ctx, *o;

	if (arr != NULL) {
		o = cJSON_CreateObject();
		json_add_int64(o, "id", r->id);
		json_add_opt(o, "at", r->at);
		json_add_opt(o, "user", r->user);
		json_add_opt(o, "authorised_by", r->auth);
		json_add_opt(o, "action", r->action);
		json_add_opt(o, "object", r->object);
		json_add_opt(o, "before", r->before);
		json_add_opt(o, "after", r->after);
		json_add_opt(o, "hash", r->hash);
		cJSON_AddItemToArray(arr, o);
		return 0;
	}
	out_printf(stdout, "%6" PRId64 "  %.19s  ", r->id, r->at ? r->at : "");
	out_cell(stdout, r->user ? r->user : "-", 10, 0);
	out_cell(stdout, r->auth ? r->auth : "", 10, 0);
	out_cell(stdout, r->action ? r->action : "", 20, 0);
	/* Stored text, a typed user ID among it: escaped. */
	out_printf(stdout, "%s%s%s", r->object ? r->object : "",
		   r->after ? "  " : "", r->after ? r->after : "");
	putchar('\n');
	return 0;
}

/* List the audit trail. */
static int list_exec(struct cmd_ctx *ctx)
{
	struct audit_filter f = {args_get(ctx->args, "by"), NULL};
	char date[DATE_LEN];
	cJSON *arr = NULL;
	int rc;

	if (args_get(ctx->args, "date")) {
		if (cd_date_parse_input(args_get(ctx->args, "date"), date,
					ctx->err) != CD_OK)
			return ctx->err->status;
		f.date = date;
	}
	if (args_has(ctx->args, "json"))
		arr = cJSON_CreateArray();
	else {
		out_printf(stdout, "%6s  ", _("No."));
		out_cell(stdout, _("Time"), 19, 0);
		out_printf(stdout, "  ");
		out_cell(stdout, _("User"), 10, 0);
		/* TRANSLATORS: column: the supervisor who authorised it. */
		out_cell(stdout, _("Auth."), 10, 0);
		out_cell(stdout, _("Action"), 20, 0);
		out_printf(stdout, "%s\n", _("Object and change"));
	}
	rc = desk_audit_list(ctx->desk, &f, list_one, arr, ctx->err);
	return out_json_end(arr, rc);
}

const struct cmd_entry cmd_audit_list_entry = {
    .name = "audit list",
    .usage = N_("[--by ID] [--date YYYY-MM-DD] [--json]"),
    .summary = N_("Show the audit trail (supervisors and administrators)"),
    .options = list_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = list_exec,
    .perm = PERM_AUDIT,
};

static const struct opt_spec verify_options[] = {
    {.name = "centre",
     .argname = NULL,
     .help = N_("check against the anchors the centre holds, not those of this "
		"database's batch files")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* Say how far the anchors reach. */
static void report_anchors(const struct audit_check *c, int centre)
{
	if (c->foreign > 0)
		out_printf(stdout,
			   P_("%lld anchor is of the trail this database was "
			      "rebuilt from (resync): not checked here.\n",
			      "%lld anchors are of the trail this database was "
			      "rebuilt from (resync): not checked here.\n",
			      c->foreign),
			   (long long)c->foreign);
	if (c->anchors == 0) {
		out_printf(
		    stdout,
		    _("No closed batch has anchored the trail yet: it is "
		      "protected by its chain alone until the next batch "
		      "is closed.\n"));
		return;
	}
	out_printf(stdout,
		   centre
		       ? P_("It matches %lld anchor in the batch files the "
			    "centre received, through record %lld.\n",
			    "It matches %lld anchors in the batch files the "
			    "centre received, through record %lld.\n",
			    c->anchors)
		       : P_("It matches %lld anchor in the signed batch files "
			    "of this database, through record %lld.\n",
			    "It matches %lld anchors in the signed batch files "
			    "of this database, through record %lld.\n",
			    c->anchors),
		   (long long)c->anchors, (long long)c->anchored);
	if (c->unanchored > 0)
		out_printf(stdout,
			   P_("%lld record after record %lld is not anchored "
			      "yet: the next batch close anchors it.\n",
			      "%lld records after record %lld are not anchored "
			      "yet: the next batch close anchors them.\n",
			      c->unanchored),
			   (long long)c->unanchored, (long long)c->anchored);
}

/* Say what audit_verify found; CD_ESTORE when the chain is broken. */
static int report(struct cmd_ctx *ctx, const struct audit_check *c,
		  const struct anchor_set *s, int centre)
{
	switch (c->fault) {
	case AUDIT_INTACT:
		out_printf(stdout,
			   P_("The audit trail is intact: %lld record, each "
			      "chained to the one before.\n",
			      "The audit trail is intact: %lld records, each "
			      "chained to the one before.\n",
			      c->rows),
			   (long long)c->rows);
		report_anchors(c, centre);
		out_printf(stdout, _("Last record's hash: %s\n"), c->head);
		return CD_OK;
	case AUDIT_CHANGED:
		if (c->anchor_fault)
			return cd_err(ctx->err, CD_ESTORE, NULL,
				      _("Audit record %" PRId64 " was changed "
					"after it was written: it no longer "
					"matches what batch %s signed, and "
					"the records after it were re-hashed "
					"to hide it. Keep the database file "
					"as it is and report this to the "
					"branch's security officer."),
				      c->id, s->batch[c->anchor]);
		return cd_err(ctx->err, CD_ESTORE, NULL,
			      _("Audit record %" PRId64 " was changed after "
				"it was written: its contents no longer match "
				"its hash. Keep the database file as it is "
				"and report this to the branch's security "
				"officer."),
			      c->id);
	case AUDIT_REMOVED:
		if (c->anchor_fault && c->id == 0)
			return cd_err(ctx->err, CD_ESTORE, NULL,
				      _("Audit records after record %" PRId64
					" were removed: batch %s anchored the "
					"trail through record %" PRId64
					". Keep the database file as it is "
					"and report this to the branch's "
					"security officer."),
				      c->after_id, s->batch[c->anchor],
				      s->v[c->anchor].record);
		if (c->after_id == 0)
			return cd_err(ctx->err, CD_ESTORE, NULL,
				      _("Audit records before record %" PRId64
					" were removed. Keep the database "
					"file as it is and report this to the "
					"branch's security officer."),
				      c->id);
		return cd_err(ctx->err, CD_ESTORE, NULL,
			      _("Audit records between record %" PRId64
				" and record %" PRId64 " were removed. Keep "
				"the database file as it is and report this "
				"to the branch's security officer."),
			      c->after_id, c->id);
	case AUDIT_FOREIGN:
		return cd_err(ctx->err, CD_ESTORE, NULL,
			      _("Batch %s carries the anchor of another audit "
				"trail than this database's, and this "
				"database was never rebuilt from the centre "
				"(resync): its trail was replaced from the "
				"first record. Keep the database file as it "
				"is and report this to the branch's security "
				"officer."),
			      s->batch[c->anchor]);
	default:
		if (c->anchor_fault)
			return cd_err(ctx->err, CD_ESTORE, NULL,
				      _("Audit record %" PRId64
					" was inserted: "
					"batch %s signed the trail without "
					"it. Keep the database file as it is "
					"and report this to the branch's "
					"security officer."),
				      c->id, s->batch[c->anchor]);
		return cd_err(ctx->err, CD_ESTORE, NULL,
			      _("Audit record %" PRId64 " was inserted: it "
				"was not written by chequedesk and does not "
				"belong in the chain. Keep the database file "
				"as it is and report this to the branch's "
				"security officer."),
			      c->id);
	}
}

/* Check the whole chain, then the anchors. */
static int verify_exec(struct cmd_ctx *ctx)
{
	static const char *const names[] = {"intact", "changed", "removed",
					    "inserted", "replaced"};
	int centre = args_has(ctx->args, "centre");
	struct anchor_set s;
	struct audit_check c;
	cJSON *o;
	int rc;

	rc = centre ? anchors_centre(ctx->desk, &s, ctx->err)
		    : anchors_local(ctx->desk, &s, ctx->err);
	if (rc != CD_OK)
		return rc;
	rc = desk_audit_verify(ctx->desk, s.v, s.n, &c, ctx->err);
	if (rc == CD_OK && args_has(ctx->args, "json")) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "result", names[c.fault]);
		json_add_int64(o, "records", c.rows);
		if (c.fault != AUDIT_INTACT && c.id > 0)
			json_add_int64(o, "record", c.id);
		if (c.fault == AUDIT_REMOVED)
			json_add_int64(o, "after", c.after_id);
		if (c.fault == AUDIT_INTACT)
			cJSON_AddStringToObject(o, "head", c.head);
		cJSON_AddStringToObject(o, "anchors_from",
					centre ? "centre" : "database");
		json_add_int64(o, "anchors", c.anchors);
		json_add_int64(o, "anchored_through", c.anchored);
		json_add_int64(o, "not_anchored", c.unanchored);
		json_add_int64(o, "other_trail", c.foreign);
		if (c.anchor_fault)
			cJSON_AddStringToObject(o, "anchor_batch",
						s.batch[c.anchor]);
		out_json_end(o, CD_OK);
		if (c.fault == AUDIT_INTACT) {
			anchors_free(&s);
			return CD_OK;
		}
	}
	if (rc == CD_OK)
		rc = report(ctx, &c, &s, centre);
	anchors_free(&s);
	return rc;
}

const struct cmd_entry cmd_audit_verify_entry = {
    .name = "audit verify",
    .usage = N_("[--centre] [--json]"),
    .summary =
	N_("Check that no audit record was changed, removed or inserted"),
    .options = verify_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = verify_exec,
    .perm = PERM_AUDIT,
};
