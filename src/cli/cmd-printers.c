/* cmd-printers.c - "chequedesk printers": the CUPS destinations, the
 * profile each would use, and the printer profiles installed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"
#include "print.h"
#include "printer.h"
#include "spool.h"

static const struct opt_spec printers_options[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* Show the destinations (if CUPS answers) and the profiles. */
static int printers_exec(struct cmd_ctx *ctx)
{
	int json = args_has(ctx->args, "json"), ndest = 0, nprof = 0, i, rc;
	struct spool_dest *dests = NULL;
	struct profile *profs = NULL;
	const struct profile *p;
	struct cd_error cups_err, prof_err;
	cJSON *root = NULL, *arr = NULL;
	struct conf c;
	char **dirs;

	if (conf_load(&c, args_get(ctx->args, "config"),
		      args_get(ctx->args, "db"), ctx->err) != CD_OK)
		return ctx->err->status;
	dirs = conf_profile_dirs(&c);
	profile_load_all((const char *const *)dirs, &profs, &nprof, &prof_err);
	cd_err_clear(&cups_err);
	rc = spool_list(&dests, &ndest, &cups_err);
	if (json) {
		root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "printer", c.printer);
		arr = cJSON_AddArrayToObject(root, "destinations");
	} else if (rc == CD_OK) {
		out_printf(stdout, "%s\n",
			   _("Printer queues (* = this terminal's printer):"));
		if (ndest == 0)
			out_printf(stdout, "  %s\n",
				   _("(none: ask branch IT to add the "
				     "passbook printer in CUPS)"));
	}
	for (i = 0; i < ndest; i++) {
		struct spool_dest *d = &dests[i];

		p = print_profile_match(&c, d->name, d->make_model, profs,
					nprof);
		if (json) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "queue", d->name);
			cJSON_AddStringToObject(o, "make_model", d->make_model);
			cJSON_AddNumberToObject(o, "state", d->state);
			cJSON_AddBoolToObject(o, "accepting", d->accepting);
			cJSON_AddStringToObject(o, "profile", p ? p->id : "");
			cJSON_AddItemToArray(arr, o);
			continue;
		}
		out_printf(stdout, "%c ",
			   strcmp(d->name, c.printer) == 0 ? '*' : ' ');
		out_cell(stdout, d->name, 16, 0);
		out_printf(stdout, " ");
		out_cell(stdout, spool_state_label(d), 14, 0);
		out_printf(stdout, " ");
		out_cell(stdout, p ? p->id : _("(no profile)"), 16, 0);
		out_printf(stdout, " %s\n", d->make_model);
	}
	if (json) {
		arr = cJSON_AddArrayToObject(root, "profiles");
	} else {
		out_printf(stdout, "\n%s\n", _("Printer profiles:"));
		if (nprof == 0)
			out_printf(stdout, "  %s\n", _("(none found)"));
	}
	for (i = 0; i < nprof; i++) {
		if (json) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "id", profs[i].id);
			cJSON_AddStringToObject(o, "name", profs[i].name);
			cJSON_AddStringToObject(o, "commands",
						profs[i].cmds->name);
			cJSON_AddStringToObject(o, "path", profs[i].path);
			cJSON_AddItemToArray(arr, o);
			continue;
		}
		out_printf(stdout, "  ");
		out_cell(stdout, profs[i].id, 16, 0);
		out_printf(stdout, " %-6s %4dx%-4d %s\n", profs[i].cmds->name,
			   profs[i].dpi_x, profs[i].dpi_y, profs[i].name);
	}
	if (!json && c.printer[0] == '\0')
		out_printf(stdout, "\n%s\n",
			   _("No printer is set for this terminal: set "
			     "printer = QUEUE in chequedesk.conf."));
	if (json)
		out_json(root);
	profile_free_all(profs, nprof);
	free(dests);
	conf_free_dirs(dirs);
	conf_free(&c);
	if (prof_err.status != CD_OK)
		out_error(&prof_err);
	if (rc != CD_OK) {
		*ctx->err = cups_err;
		return rc;
	}
	return prof_err.status;
}

const struct cmd_entry cmd_printers_entry = {
    .name = "printers",
    .usage = N_("[--json]"),
    .summary = N_("List the printer queues and the printer profiles"),
    .options = printers_options,
    .max_pos = 0,
    .flags = 0,
    .exec = printers_exec,
    .perm = PERM_ANY,
};

static const struct opt_spec use_options[] = {
    {.name = "profile",
     .argname = N_("NAME"),
     .help = N_("the printer profile (default: the one "
		"matching the queue's make and model)")},
    {0},
};

/* "printer use QUEUE": this terminal's printer, in the configuration. */
static int use_exec(struct cmd_ctx *ctx)
{
	char profile[64];

	if (ctx->args->npos < 1)
		return cd_err(ctx->err, CD_EUSAGE, "printer",
			      _("Say which queue: chequedesk printer use "
				"QUEUE (\"chequedesk printers\" lists them)."));
	if (print_use_printer(ctx->desk, ctx->args->pos[0],
			      args_get(ctx->args, "profile"), profile,
			      ctx->err) != CD_OK)
		return ctx->err->status;
	out_printf(stdout,
		   _("This terminal now prints on %s with profile %s (set in "
		     "%s).\n"),
		   ctx->args->pos[0], profile, ctx->desk->conf.config_path);
	return CD_OK;
}

const struct cmd_entry cmd_printer_use_entry = {
    .name = "printer use",
    .usage = N_("QUEUE [--profile NAME]"),
    .summary = N_("Make a CUPS queue this terminal's printer (supervisors)"),
    .options = use_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = use_exec,
    .perm = PERM_SETUP,
};
