/* cmd-directory.c - "chequedesk bill-types", "bank list", "bank import". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "json-out.h"
#include "out.h"

static const struct opt_spec json_only[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* One bill type: a row or a JSON element. */
static int type_one(const struct bill_type *t, void *p)
{
	cJSON *arr = p;

	if (arr != NULL) {
		cJSON_AddItemToArray(arr, json_bill_type(t));
		return 0;
	}
	out_cell(stdout, t->code, 5, 0);
	out_cell(stdout, label_dc(t->dc), 7, 0);
	out_cell(stdout, t->cheque ? _("one by one") : _("in bags"), 13, 0);
	out_printf(stdout, "%s / %s\n", t->name_zh, t->name_en);
	return 0;
}

/* List the bill types. */
static int types_exec(struct cmd_ctx *ctx)
{
	cJSON *arr = NULL;
	int rc;

	if (args_has(ctx->args, "json"))
		arr = cJSON_CreateArray();
	else {
		out_cell(stdout, _("Code"), 5, 0);
		out_cell(stdout, _("D/C"), 7, 0);
		out_cell(stdout, _("Registered"), 13, 0);
		out_printf(stdout, "%s\n", _("Name"));
	}
	rc = desk_billtype_list(ctx->desk, type_one, arr, ctx->err);
	return out_json_end(arr, rc);
}

const struct cmd_entry cmd_bill_types_entry = {
    .name = "bill-types",
    .usage = "[--json]",
    .summary = N_("List the bill types and their codes"),
    .options = json_only,
    .max_pos = 0,
    .flags = CMD_DESK,
    .exec = types_exec,
    .perm = PERM_ANY,
};

/* One bank: a row or a JSON element. */
static int bank_one(const struct bank *b, void *p)
{
	cJSON *arr = p;

	if (arr != NULL) {
		cJSON_AddItemToArray(arr, json_bank(b));
		return 0;
	}
	out_cell(stdout, b->number, 8, 0);
	out_cell(stdout, b->active ? _("active") : _("closed"), 8, 0);
	out_printf(stdout, "%s\n", b->name);
	return 0;
}

/* List the bank directory. */
static int banks_exec(struct cmd_ctx *ctx)
{
	cJSON *arr = NULL;
	int rc;

	if (args_has(ctx->args, "json"))
		arr = cJSON_CreateArray();
	else {
		out_cell(stdout, _("Number"), 8, 0);
		out_cell(stdout, _("State"), 8, 0);
		out_printf(stdout, "%s\n", _("Name"));
	}
	rc = desk_bank_list(ctx->desk, bank_one, arr, ctx->err);
	return out_json_end(arr, rc);
}

const struct cmd_entry cmd_bank_list_entry = {
    .name = "bank list",
    .usage = "[--json]",
    .summary = N_("List the exchange bank directory"),
    .options = json_only,
    .max_pos = 0,
    .flags = CMD_DESK,
    .exec = banks_exec,
    .perm = PERM_ANY,
};

/* Replace the directory from a file. */
static int import_exec(struct cmd_ctx *ctx)
{
	int added, changed, closed;

	if (ctx->args->npos != 1)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("bank import needs the directory file, e.g. "
				"chequedesk bank import banks.csv."));
	if (desk_import_banks(ctx->desk, ctx->args->pos[0], &added, &changed,
			      &closed, ctx->err) != CD_OK)
		return ctx->err->status;
	out_printf(
	    stdout,
	    _("Bank directory imported from %s: %d added, %d changed, %d "
	      "closed.\n"),
	    ctx->args->pos[0], added, changed, closed);
	return CD_OK;
}

const struct cmd_entry cmd_bank_import_entry = {
    .name = "bank import",
    .usage = N_("FILE"),
    .summary = N_("Replace the bank directory from a CSV file (supervisors)"),
    .options = NULL,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = import_exec,
    .perm = PERM_SETUP,
};
