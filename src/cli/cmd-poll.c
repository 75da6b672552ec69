/* cmd-poll.c - "chequedesk poll" and "chequedesk resync": the centre's
 * notices, once or continuously, and rebuilding a day on a new terminal. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "exchange.h"
#include "i18n.h"
#include "json-out.h"
#include "labels.h"
#include "money.h"
#include "out.h"

static const struct opt_spec poll_options[] = {
    {.name = "once",
     .argname = NULL,
     .help = N_("read the new notices once and stop (the default)")},
    {.name = "watch",
     .argname = NULL,
     .help = N_("keep polling every poll_interval seconds until interrupted")},
    {.name = "json",
     .argname = NULL,
     .help = N_("print the notices applied as JSON")},
    {0},
};

static const struct opt_spec resync_options[] = {
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("the business date to rebuild")},
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

static volatile sig_atomic_t stop;

/* SIGINT/SIGTERM during --watch: finish the current poll, then stop. */
static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A notice as JSON. */
static cJSON *notice_json(const struct notice_rec *n)
{
	cJSON *o = cJSON_CreateObject();

	json_add_int64(o, "seq", n->seq);
	cJSON_AddStringToObject(o, "batch_id", n->batch_id);
	cJSON_AddNumberToObject(o, "ref", n->ref);
	if (n->item_id)
		json_add_int64(o, "item", n->item_id);
	cJSON_AddStringToObject(o, "kind", n->kind);
	cJSON_AddStringToObject(o, "serial", n->serial);
	cJSON_AddStringToObject(o, "bank", n->bank);
	json_add_int64(o, "amount_fen", n->amount_fen);
	if (n->reason_code[0])
		cJSON_AddStringToObject(o, "reason_code", n->reason_code);
	if (n->reason[0])
		cJSON_AddStringToObject(o, "reason", n->reason);
	cJSON_AddStringToObject(o, "teller", n->teller);
	cJSON_AddStringToObject(o, "at", n->at);
	return o;
}

/* One notice as a line of text, or into the JSON array CTX. */
static void show_notice(void *ctx, const struct notice_rec *n)
{
	char fig[MONEY_FIGURES_LEN];
	const char *why;

	if (ctx != NULL) {
		cJSON_AddItemToArray(ctx, notice_json(n));
		return;
	}
	if (n->item_id == 0) {
		out_printf(
		    stdout,
		    _("Notice %lld: item %d of batch %s, which this "
		      "database does not hold (run 'chequedesk resync' for "
		      "its date).\n"),
		    (long long)n->seq, n->ref, n->batch_id);
		return;
	}
	why = notice_reason_label(n->reason_code);
	/* The centre's text: escaped. */
	out_printf(stdout, "%-10s %s  %s  %s  %s  %s", label_status(n->kind),
		   n->serial, n->bank,
		   money_format(n->amount_fen, fig, sizeof fig), n->batch_id,
		   n->teller);
	if (n->reason_code[0])
		out_printf(stdout, "  %s", why ? why : n->reason);
	out_printf(stdout, "\n");
	fflush(stdout);
}

/* The summary of one poll. */
static void summary(const struct poll_result *r)
{
	if (r->applied == 0) {
		out_printf(stdout, _("No new notices.\n"));
		return;
	}
	out_printf(stdout,
		   P_("%d new notice: ", "%d new notices: ", r->applied),
		   r->applied);
	out_printf(stdout, _("%d accepted, %d rejected, %d returned.\n"),
		   r->accepted, r->rejected, r->returned);
}

/* A failed request about to be tried again, told on the terminal so the
 * user is not left waiting in silence. */
static void retrying(void *ctx, const char *msg)
{
	(void)ctx;
	fputs("chequedesk: ", stderr);
	out_text(stderr, msg);
	fputc('\n', stderr);
	fflush(stderr);
}

/* Sleep up to S seconds, waking early when told to stop. */
static void nap(int s)
{
	struct timespec ts = {1, 0};

	while (s-- > 0 && !stop)
		nanosleep(&ts, NULL);
}

/* "poll [--once | --watch]". */
static int poll_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct poll_result res;
	struct remote r;
	cJSON *arr = args_has(a, "json") ? cJSON_CreateArray() : NULL;
	int watch = args_has(a, "watch"), rc;

	if (watch && args_has(a, "once")) {
		cJSON_Delete(arr);
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("Give --once or --watch, not both."));
	}
	if (exchange_open(ctx->desk, &r, ctx->err) != CD_OK) {
		cJSON_Delete(arr);
		return ctx->err->status;
	}
	r.notice = retrying;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	do {
		rc = poll_once(ctx->desk, &r, show_notice, arr, &res, ctx->err);
		if (rc == CD_OK && arr == NULL && (!watch || res.applied))
			summary(&res);
		if (watch && rc != CD_OK) {
			/* keep watching: the next poll tries again */
			out_error(ctx->err);
			cd_err_clear(ctx->err);
			rc = CD_OK;
		}
		if (watch)
			nap(ctx->desk->conf.poll_interval);
	} while (watch && !stop);
	remote_close(&r);
	if (arr != NULL)
		return out_json_end(arr, rc);
	return rc;
}

/* "resync --date D". */
static int resync_exec(struct cmd_ctx *ctx)
{
	const char *d = args_get(ctx->args, "date");
	struct resync_result res;
	struct remote r;
	char date[DATE_LEN];
	int rc;

	if (d == NULL)
		return cd_err(ctx->err, CD_EUSAGE, "date",
			      _("Say which day to rebuild with --date "
				"YYYY-MM-DD."));
	if (cd_date_parse_input(d, date, ctx->err) != CD_OK ||
	    desk_require(ctx->desk, PERM_BATCH, "resync", ctx->err) != CD_OK ||
	    exchange_open(ctx->desk, &r, ctx->err) != CD_OK)
		return ctx->err->status;
	r.notice = retrying;
	rc = resync_day(ctx->desk, &r, date, &res, ctx->err);
	remote_close(&r);
	if (rc != CD_OK)
		return rc;
	if (args_has(ctx->args, "json")) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "date", date);
		cJSON_AddNumberToObject(o, "batches", res.batches);
		cJSON_AddNumberToObject(o, "bags", res.bags);
		cJSON_AddNumberToObject(o, "items", res.items);
		cJSON_AddNumberToObject(o, "notices", res.notices);
		cJSON_AddNumberToObject(o, "placeholders", res.placeholders);
		return out_json_end(o, CD_OK);
	}
	out_printf(
	    stdout,
	    _("Rebuilt %s from the centre: %d batches, %d bags, %d items, "
	      "%d notices.\n"),
	    date, res.batches, res.bags, res.items, res.notices);
	if (res.placeholders)
		out_printf(
		    stdout,
		    _("%d users or banks this database did not know were "
		      "added inactive; check them with 'chequedesk user "
		      "list' and 'chequedesk bank list'.\n"),
		    res.placeholders);
	return CD_OK;
}

const struct cmd_entry cmd_poll_entry = {
    .name = "poll",
    .usage = N_("[--once | --watch] [--json]"),
    .summary = N_("Read and apply the clearing centre's notices"),
    .options = poll_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = poll_exec,
    .perm = PERM_ITEMS,
};

const struct cmd_entry cmd_resync_entry = {
    .name = "resync",
    .usage = N_("--date YYYY-MM-DD [--json]"),
    .summary = N_("Rebuild a day's batches and notices from the centre"),
    .options = resync_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = resync_exec,
    .perm = PERM_BATCH,
};
