/* cmd-void.c - "chequedesk item void": void an item registered by
 * mistake, with a supervisor's authorisation. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "void.h"

static const struct opt_spec options[] = {
    {.name = "reason",
     .argname = N_("TEXT"),
     .help = N_("why the item is voided (required)")},
    {0},
};

/* Void the item named on the command line. */
static int exec(struct cmd_ctx *ctx)
{
	const char *reason = args_get(ctx->args, "reason");
	long long id;

	if (cmd_parse_id(ctx->args->npos ? ctx->args->pos[0] : NULL, _("item"),
			 &id, ctx->err) != CD_OK)
		return ctx->err->status;
	if (reason == NULL)
		return cd_err(ctx->err, CD_EUSAGE, "reason",
			      _("Say why the item is voided with --reason, "
				"e.g. --reason \"amount typed wrong\"."));
	if (item_void(ctx->desk, id, reason, ctx->err) != CD_OK)
		return ctx->err->status;
	out_printf(stdout,
		   _("Item %lld voided; it no longer counts in any total.\n"),
		   id);
	return CD_OK;
}

const struct cmd_entry cmd_item_void_entry = {
    .name = "item void",
    .usage = N_("ID --reason TEXT [--authorize-by SUPERVISOR]"),
    .summary =
	N_("Void an item registered by mistake (a supervisor authorises)"),
    .options = options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = exec,
    .perm = PERM_ITEMS,
};
