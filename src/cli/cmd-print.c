/* cmd-print.c - "chequedesk print cheque | bag": the code line or the bag
 * label on the passbook printer, or a PNG preview of it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"
#include "print.h"

static const struct opt_spec print_options[] = {
    {.name = "printer",
     .argname = N_("QUEUE"),
     .help = N_("the CUPS queue (default: the printer "
		"setting)")},
    {.name = "profile",
     .argname = N_("NAME"),
     .help = N_("the printer profile (default: the "
		"queue's)")},
    {.name = "preview",
     .argname = N_("FILE.png"),
     .help = N_("write a true-scale PNG of what would "
		"be printed, and print nothing")},
    {.name = "force",
     .argname = NULL,
     .help = N_("let --preview replace an existing file (never a link)")},
    {.name = "reprint",
     .argname = NULL,
     .help = N_("print again what was printed (supervisors; "
		"counted and audited)")},
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

/* While waiting: a one-line count on a terminal. */
static void tick(void *ctx, int seconds)
{
	int *shown = ctx;

	if (seconds == *shown || !isatty(STDERR_FILENO))
		return;
	*shown = seconds;
	fputc('\r', stderr);
	fprintf(stderr, _("Waiting for the printer... %d s "), seconds);
	fflush(stderr);
}

/* Print or preview one cheque (BAG 0) or bag label (BAG 1). */
static int print_exec(struct cmd_ctx *ctx, int bag)
{
	struct args *a = ctx->args;
	struct print_result r;
	struct print_opts o;
	long long id;
	int shown = 0, rc;

	if (cmd_parse_id(a->npos ? a->pos[0] : NULL,
			 bag ? _("bag") : _("cheque"), &id, ctx->err) != CD_OK)
		return ctx->err->status;
	memset(&o, 0, sizeof o);
	o.queue = args_get(a, "printer");
	o.profile = args_get(a, "profile");
	o.preview = args_get(a, "preview");
	o.force = args_has(a, "force");
	o.reprint = args_has(a, "reprint");
	o.tick = tick;
	o.ctx = &shown;
	rc = bag ? print_bag(ctx->desk, id, &o, &r, ctx->err)
		 : print_cheque(ctx->desk, id, &o, &r, ctx->err);
	if (shown)
		fputc('\n', stderr);
	if (rc != CD_OK)
		return rc;
	if (args_has(a, "json")) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddNumberToObject(j, bag ? "bag" : "item", (double)id);
		cJSON_AddStringToObject(j, "codeline", r.codeline);
		cJSON_AddStringToObject(j, "profile", r.profile);
		if (o.preview) {
			cJSON_AddStringToObject(j, "preview", o.preview);
		} else {
			cJSON_AddStringToObject(j, "queue", r.queue);
			cJSON_AddNumberToObject(j, "job", r.job_id);
			cJSON_AddNumberToObject(j, "prints", r.prints);
			cJSON_AddBoolToObject(j, "recovered", r.recovered);
		}
		out_json(j);
		return CD_OK;
	}
	if (o.preview)
		out_printf(stdout,
			   _("Preview written to %s (profile %s); nothing was "
			     "printed.\n"),
			   o.preview, r.profile);
	else if (r.recovered)
		out_printf(stdout,
			   _("%s %lld had already been printed by job %d on %s "
			     "before chequedesk stopped; it is now recorded as "
			     "printed. Nothing was sent again.\n"),
			   bag ? _("Bag") : _("Cheque"), id, r.job_id, r.queue);
	else if (bag)
		out_printf(
		    stdout,
		    _("Label of bag %lld printed on %s (job %d); the bag "
		      "is sealed.\n"),
		    id, r.queue, r.job_id);
	else
		out_printf(stdout, _("Cheque %lld printed on %s (job %d).\n"),
			   id, r.queue, r.job_id);
	out_printf(stdout, "  %s\n", r.codeline);
	if (r.prints > 1)
		out_printf(stdout, _("  This was print number %d (reprint).\n"),
			   r.prints);
	return CD_OK;
}

/* "print cheque ID". */
static int cheque_exec(struct cmd_ctx *ctx)
{
	return print_exec(ctx, 0);
}

/* "print bag ID". */
static int bag_exec(struct cmd_ctx *ctx)
{
	return print_exec(ctx, 1);
}

const struct cmd_entry cmd_print_cheque_entry = {
    .name = "print cheque",
    .usage =
	N_("ID [--printer QUEUE] [--preview FILE.png [--force]] [--reprint]"),
    .summary = N_("Print a cheque's supplementary code line in E13B"),
    .options = print_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = cheque_exec,
    .perm = PERM_ITEMS,
};

const struct cmd_entry cmd_print_bag_entry = {
    .name = "print bag",
    .usage =
	N_("ID [--printer QUEUE] [--preview FILE.png [--force]] [--reprint]"),
    .summary = N_("Print a bag's label and seal the bag"),
    .options = print_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = bag_exec,
    .perm = PERM_ITEMS,
};
