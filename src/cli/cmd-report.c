/* cmd-report.c - "chequedesk report day": the day's report for the
 * supervisor, as text, CSV or JSON, or printed on an ordinary queue. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "report-out.h"

static const struct opt_spec day_options[] = {
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("the business date (default: the current one)")},
    {.name = "session",
     .argname = N_("N"),
     .help = N_("only this session (default: all of the day)")},
    {.name = "format",
     .argname = N_("FORMAT"),
     .help = N_("text (the default), csv or json")},
    {.name = "print",
     .argname = NULL,
     .help =
	 N_("print the text on QUEUE, given after it, or on the report_queue "
	    "setting's queue")},
    {0},
};

/* Check the options that need no database: format, --print and QUEUE. */
static int check_usage(struct args *a, const char **format,
		       struct cd_error *err)
{
	*format = args_get(a, "format") ? args_get(a, "format") : "text";
	if (strcmp(*format, "text") != 0 && strcmp(*format, "csv") != 0 &&
	    strcmp(*format, "json") != 0)
		return cd_err(err, CD_EUSAGE, "format",
			      _("\"%s\" is not a report format; give "
				"--format text, csv or json."),
			      *format);
	if (a->npos > 0 && !args_has(a, "print"))
		return cd_err(err, CD_EUSAGE, NULL,
			      _("Unexpected argument \"%s\". To print the "
				"report on a queue, write --print %s."),
			      a->pos[0], a->pos[0]);
	if (args_has(a, "print") && strcmp(*format, "text") != 0)
		return cd_err(err, CD_EUSAGE, "format",
			      _("Only the text report can be printed. Leave "
				"out --format %s, or save the %s output to a "
				"file instead of printing it."),
			      *format, *format);
	return CD_OK;
}

/* Print the report's text on a queue and say where it went. */
static int print_report(struct cmd_ctx *ctx, const struct report *r)
{
	char used[128];
	size_t len = 0;
	char *text = report_text(r, &len);
	int job = 0, rc;

	if (text == NULL)
		return cd_err(ctx->err, CD_EFAIL, NULL,
			      _("Out of memory while laying out the report. "
				"Close other programs and try again."));
	rc = report_print(ctx->desk, r,
			  ctx->args->npos ? ctx->args->pos[0] : NULL, text, len,
			  used, sizeof used, &job, ctx->err);
	free(text);
	if (rc != CD_OK)
		return rc;
	out_printf(stdout,
		   _("The report of %s was printed on \"%s\" (job %d).\n"),
		   r->date, used, job);
	return CD_OK;
}

/* "report day". */
static int day_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	const char *format, *d = args_get(a, "date");
	char date[DATE_LEN];
	struct report r;
	int session, rc;

	if (check_usage(a, &format, ctx->err) != CD_OK ||
	    cmd_parse_session(args_get(a, "session"), 1, &session, ctx->err) !=
		CD_OK ||
	    (d && cd_date_parse_input(d, date, ctx->err) != CD_OK))
		return ctx->err->status;
	if (report_day(ctx->desk, d ? date : NULL, session, &r, ctx->err) !=
	    CD_OK)
		return ctx->err->status;
	if (args_has(a, "print"))
		rc = print_report(ctx, &r);
	else {
		if (strcmp(format, "json") == 0)
			out_json(report_json(&r));
		else if (strcmp(format, "csv") == 0)
			report_write_csv(stdout, &r);
		else
			report_write_text(stdout, &r);
		report_audit_view(ctx->desk, &r, format);
		rc = CD_OK;
	}
	report_free(&r);
	return rc;
}

const struct cmd_entry cmd_report_day_entry = {
    .name = "report day",
    .usage = N_("[--date YYYY-MM-DD] [--session N] [--format text|csv|json] "
		"[--print [QUEUE]]"),
    .summary = N_("The day's report: items, totals, notices, reprints and "
		  "authorisations (supervisors)"),
    .options = day_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = day_exec,
    .perm = PERM_BATCH,
};
