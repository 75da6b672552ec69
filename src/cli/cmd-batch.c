/* cmd-batch.c - "chequedesk batch close | upload | list | show": the
 * supervisor's outgoing batches. */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cmd.h"
#include "desk-read.h"
#include "exchange.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"
#include "outfile.h"
#include "passwd.h"
#include "prompt.h"
#include "view.h"

static const struct opt_spec close_options[] = {
    {.name = "session",
     .argname = N_("N"),
     .help = N_("the session to close (default: the current one)")},
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("the business date (default: today's); needs --session")},
    {.name = "resend",
     .argname = N_("BATCH"),
     .help = N_("write and sign batch BATCH's file again, to replace what the "
		"centre refused")},
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

static const struct opt_spec upload_options[] = {
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

static const struct opt_spec list_options[] = {
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("only this business date")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

static const struct opt_spec show_options[] = {
    {.name = "file",
     .argname = N_("FILE"),
     .help = N_("also write the signed batch file to FILE")},
    {.name = "force",
     .argname = NULL,
     .help = N_("replace FILE if it exists (never a link)")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* A batch record as JSON. */
static cJSON *batch_json(const struct batch_rec *b)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "batch_id", b->batch_id);
	cJSON_AddStringToObject(o, "business_date", b->business_date);
	cJSON_AddNumberToObject(o, "session", b->session);
	cJSON_AddStringToObject(o, "state", batch_state_name(b->state));
	cJSON_AddBoolToObject(o, "resend", b->resend);
	json_add_int64(o, "items", b->items);
	json_add_int64(o, "debit_count", b->debit_count);
	json_add_int64(o, "debit_fen", b->debit_fen);
	json_add_int64(o, "credit_count", b->credit_count);
	json_add_int64(o, "credit_fen", b->credit_fen);
	cJSON_AddStringToObject(o, "digest", b->digest);
	cJSON_AddStringToObject(o, "closed_by", b->closed_by);
	cJSON_AddStringToObject(o, "closed_at", b->closed_at);
	if (b->receipt[0])
		cJSON_AddStringToObject(o, "receipt", b->receipt);
	if (b->received_at[0])
		cJSON_AddStringToObject(o, "received_at", b->received_at);
	cJSON_AddNumberToObject(o, "attempts", b->attempts);
	json_add_int64(o, "accepted", b->accepted);
	json_add_int64(o, "rejected", b->rejected);
	json_add_int64(o, "returned", b->returned);
	json_add_int64(o, "waiting", b->waiting);
	if (b->last_error[0])
		cJSON_AddStringToObject(o, "last_error", b->last_error);
	return o;
}

/* Ask for the branch key's access code; an empty answer cancels. */
static int read_access_code(char *code, size_t len, struct cd_error *err)
{
	if (passwd_read("CHEQUEDESK_ACCESS_CODE",
			_("Access code of the branch key (Enter to cancel): "),
			code, len, err) != CD_OK)
		return err->status;
	if (code[0] == '\0')
		return cd_err(err, CD_EUSAGE, "access_code",
			      _("Cancelled: nothing was closed."));
	return CD_OK;
}

/* "batch close --resend ID". */
static int resend_exec(struct cmd_ctx *ctx, const char *id)
{
	char code[PASSWD_MAX];
	struct batch_rec r;
	int rc;

	if (read_access_code(code, sizeof code, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = batch_resend(ctx->desk, id, code, &r, ctx->err);
	memset(code, 0, sizeof code);
	if (rc != CD_OK)
		return rc;
	if (args_has(ctx->args, "json"))
		return out_json_end(batch_json(&r), CD_OK);
	out_printf(
	    stdout,
	    _("Batch %s was written and signed again as a resend; upload "
	      "it with 'chequedesk batch upload %s'.\n"),
	    r.batch_id, r.batch_id);
	return CD_OK;
}

/* "batch close": report, access code, close. */
static int close_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	char date[DATE_LEN], code[PASSWD_MAX];
	const char *d = args_get(a, "date");
	struct batch plan;
	struct batch_rec r;
	int session, rc, json = args_has(a, "json");

	if (args_get(a, "resend") != NULL)
		return resend_exec(ctx, args_get(a, "resend"));
	if (desk_require(ctx->desk, PERM_BATCH, "batch.close", ctx->err) !=
		CD_OK ||
	    cmd_parse_session(args_get(a, "session"), 0, &session, ctx->err) !=
		CD_OK ||
	    (d && cd_date_parse_input(d, date, ctx->err) != CD_OK))
		return ctx->err->status;
	if (batch_plan(ctx->desk, d ? date : NULL, session, &plan, ctx->err) !=
	    CD_OK)
		return ctx->err->status;
	if (!json) {
		view_balance(ctx->desk, &plan);
		fflush(stdout);
	}
	rc = read_access_code(code, sizeof code, ctx->err);
	if (rc == CD_OK)
		rc = batch_close(ctx->desk, &plan, code, &r, ctx->err);
	memset(code, 0, sizeof code);
	batch_free(&plan);
	if (rc != CD_OK)
		return rc;
	if (json)
		return out_json_end(batch_json(&r), CD_OK);
	out_printf(stdout,
		   _("Batch %s is closed and signed: %lld items locked. Upload "
		     "it with 'chequedesk batch upload %s'.\n"),
		   r.batch_id, (long long)r.items, r.batch_id);
	out_printf(stdout, _("  Digest (SM3): %s\n"), r.digest);
	return CD_OK;
}

/* A progress bar on the terminal while a batch goes out. */
static void progress(void *ctx, int64_t sent, int64_t total)
{
	int *last = ctx, pct = (int)(total > 0 ? sent * 100 / total : 0), i;

	if (!isatty(STDERR_FILENO) || pct == *last)
		return;
	*last = pct;
	fputs("\r  [", stderr);
	for (i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%%  %lld / %lld kB", pct,
		(long long)(sent / 1024), (long long)(total / 1024));
	if (pct == 100)
		fputc('\n', stderr);
	fflush(stderr);
}

/* A retry, told on the terminal. */
static void retrying(void *ctx, const char *msg)
{
	int *last = ctx;

	if (*last >= 0 && *last < 100)
		fputc('\n', stderr);
	*last = -1;
	out_printf(stderr, "chequedesk: %s\n", msg);
}

/* Batch callback: collect the ids of the batches to upload. */
static int add_pending(const struct batch_rec *b, void *ctx)
{
	char ***ids = ctx;
	size_t n = 0;
	char **v;

	while (*ids && (*ids)[n])
		n++;
	v = realloc(*ids, (n + 2) * sizeof *v);
	if (v == NULL)
		return 1;
	v[n] = strdup(b->batch_id);
	v[n + 1] = NULL;
	*ids = v;
	return 0;
}

/* Upload one batch and say what happened. */
static int upload_one(struct cmd_ctx *ctx, struct remote *r, const char *id,
		      cJSON *arr)
{
	struct batch_rec b;
	int already, rc;

	rc = upload_batch(ctx->desk, r, id, &b, &already, ctx->err);
	if (rc != CD_OK)
		return rc;
	if (arr != NULL) {
		cJSON *o = batch_json(&b);

		cJSON_AddBoolToObject(o, "already", already);
		cJSON_AddItemToArray(arr, o);
	} else if (already) {
		out_printf(
		    stdout,
		    _("Batch %s: the centre already had it (receipt %s); "
		      "nothing was sent twice.\n"),
		    b.batch_id, b.receipt);
	} else {
		out_printf(stdout,
			   _("Batch %s: received by the centre, receipt %s at "
			     "%s.\n"),
			   b.batch_id, b.receipt, b.received_at);
	}
	return CD_OK;
}

/* "batch upload [ID]". */
static int upload_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct remote r;
	char **ids = NULL;
	cJSON *arr = args_has(a, "json") ? cJSON_CreateArray() : NULL;
	int last = -1, rc, i;

	if (desk_require(ctx->desk, PERM_BATCH, "batch.upload", ctx->err) !=
		CD_OK ||
	    exchange_open(ctx->desk, &r, ctx->err) != CD_OK) {
		cJSON_Delete(arr);
		return ctx->err->status;
	}
	r.progress = progress;
	r.notice = retrying;
	r.ctx = &last;
	if (a->npos > 0) {
		ids = calloc(2, sizeof *ids);
		if (ids != NULL)
			ids[0] = strdup(a->pos[0]);
		rc = ids && ids[0]
			 ? CD_OK
			 : cd_err(ctx->err, CD_EFAIL, NULL,
				  _("Out of memory. Close other programs or "
				    "restart chequedesk, then try again; if it "
				    "happens again, report it to branch IT."));
	} else {
		rc = desk_batch_pending(ctx->desk, add_pending, &ids, ctx->err);
	}
	if (rc == CD_OK && (ids == NULL || ids[0] == NULL) && !arr)
		out_printf(
		    stdout,
		    _("There is no closed batch waiting to be uploaded.\n"));
	for (i = 0; rc == CD_OK && ids && ids[i]; i++) {
		last = -1;
		rc = upload_one(ctx, &r, ids[i], arr);
	}
	for (i = 0; ids && ids[i]; i++)
		free(ids[i]);
	free(ids);
	remote_close(&r);
	if (arr != NULL)
		return out_json_end(arr, rc);
	return rc;
}

/* The table of "batch list": its amount column's width. */
struct list_table {
	cJSON *arr; /* or JSON */
	int amount_w;
};

/* Batch callback, first pass: widen the amount column for B's total. */
static int list_width(const struct batch_rec *b, void *ctx)
{
	struct list_table *t = ctx;

	t->amount_w =
	    view_amount_width(b->debit_fen + b->credit_fen, t->amount_w);
	return 0;
}

/* Batch callback: one row or one JSON object. */
static int list_one(const struct batch_rec *b, void *ctx)
{
	struct list_table *t = ctx;

	if (t->arr != NULL)
		cJSON_AddItemToArray(t->arr, batch_json(b));
	else
		view_batch_row(b, t->amount_w);
	return 0;
}

/* "batch list". */
static int list_exec(struct cmd_ctx *ctx)
{
	char date[DATE_LEN];
	const char *d = args_get(ctx->args, "date");
	cJSON *arr = args_has(ctx->args, "json") ? cJSON_CreateArray() : NULL;
	struct list_table t;
	int rc;

	if (d && cd_date_parse_input(d, date, ctx->err) != CD_OK) {
		cJSON_Delete(arr);
		return ctx->err->status;
	}
	t.arr = arr;
	t.amount_w = 16;
	/* two passes: the amount column as wide as the largest total */
	rc = arr ? CD_OK
		 : desk_batch_list(ctx->desk, d ? date : NULL, list_width, &t,
				   ctx->err);
	if (rc != CD_OK)
		return rc;
	if (arr == NULL)
		view_batch_header(t.amount_w);
	rc =
	    desk_batch_list(ctx->desk, d ? date : NULL, list_one, &t, ctx->err);
	if (arr != NULL)
		return out_json_end(arr, rc);
	return rc;
}

/* Item callback: the items of a batch the centre rejected or returned. */
static int show_item(const struct item *it, void *ctx)
{
	cJSON *arr = ctx;

	if (arr != NULL) {
		cJSON_AddItemToArray(arr, json_item(it));
		return 0;
	}
	if (strcmp(it->status, "rejected") == 0 ||
	    strcmp(it->status, "returned") == 0) {
		const char *r = notice_reason_label(it->reason_code);

		view_item_row(it);
		out_printf(stdout, "       %s\n", r ? r : it->reason);
	}
	return 0;
}

/* Write the signed file of B to PATH whole or not at all (it holds
 * payment data, so 0600): a new file, or over a regular one with FORCE,
 * never through a link; a device or pipe is written in place. */
static int write_file(const struct batch_rec *b, const char *path, int force,
		      struct cd_error *err)
{
	int e = outfile_write(path, b->file, b->file_len, 0600, force);

	if (e == 0 || outfile_refused(path, e, "file", err) != CD_OK)
		return e == 0 ? CD_OK : err->status;
	if (e == ENOSPC || e == EDQUOT)
		return cd_err(err, CD_EINVAL, "file",
			      _("The disk holding %s is full, so the batch "
				"file was not written (nothing was left "
				"half-written). Free some space there, or "
				"choose another place, then try again."),
			      path);
	return cd_err(err, CD_EINVAL, "file",
		      /* TRANSLATORS: the second %s is the system's reason. */
		      _("Cannot write %s (%s). Check the folder exists and "
			"that you may write to it."),
		      path, strerror(e));
}

/* "batch show ID". */
static int show_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct item_filter f = {0};
	const char *file = args_get(a, "file");
	struct batch_rec b;
	cJSON *o = NULL, *items = NULL;
	int rc, force;

	if (a->npos < 1)
		return cd_err(ctx->err, CD_EUSAGE, "batch",
			      _("Give the batch, e.g. 'chequedesk batch show "
				"0202-20261123-1-01'."));
	force = args_has(a, "force");
	rc = file ? outfile_check(file, force) : 0;
	if (rc != 0 && outfile_refused(file, rc, "file", ctx->err) != CD_OK)
		return ctx->err->status;
	rc = batch_find(ctx->desk, a->pos[0], file != NULL, &b, ctx->err);
	if (rc != CD_OK)
		return rc;
	if (file != NULL) {
		rc = write_file(&b, file, force, ctx->err);
		free(b.file);
		if (rc != CD_OK)
			return rc;
	}
	if (args_has(a, "json")) {
		o = batch_json(&b);
		items = cJSON_AddArrayToObject(o, "items");
	} else {
		view_batch_detail(&b);
		if (b.rejected || b.returned) {
			out_printf(stdout, "\n%s\n",
				   _("Rejected and returned items:"));
			view_item_header();
		}
	}
	f.batch = b.id;
	rc = desk_item_list(ctx->desk, &f, show_item, items, ctx->err);
	if (o != NULL)
		return out_json_end(o, rc);
	return rc;
}

const struct cmd_entry cmd_batch_close_entry = {
    .name = "batch close",
    .usage = N_("[--session N] [--date YYYY-MM-DD] [--resend BATCH]"),
    .summary = N_("Close a session's outgoing batch: balance, sign, lock"),
    .options = close_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = close_exec,
    .perm = PERM_BATCH,
};

const struct cmd_entry cmd_batch_upload_entry = {
    .name = "batch upload",
    .usage = N_("[BATCH]"),
    .summary = N_("Send closed batches to the clearing centre"),
    .options = upload_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = upload_exec,
    .perm = PERM_BATCH,
};

const struct cmd_entry cmd_batch_list_entry = {
    .name = "batch list",
    .usage = N_("[--date YYYY-MM-DD] [--json]"),
    .summary = N_("List outgoing batches and their state"),
    .options = list_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = list_exec,
    .perm = PERM_BATCH,
};

const struct cmd_entry cmd_batch_show_entry = {
    .name = "batch show",
    .usage = N_("BATCH [--file FILE [--force]] [--json]"),
    .summary = N_("Show a batch, its answers and rejected items"),
    .options = show_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = show_exec,
    .perm = PERM_BATCH,
};
