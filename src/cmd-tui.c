/* cmd-tui.c - "chequedesk tui" (and chequedesk with no arguments on a
 * terminal): the screens. */
#include "config.h"

#include "cmd.h"
#include "i18n.h"
#include "tui.h"

/* Run the screens on the open branch database. */
static int exec(struct cmd_ctx *ctx)
{
	return tui_run(ctx->desk, ctx->err);
}

const struct cmd_entry cmd_tui_entry = {
    "tui", "", N_("Open the teller screens (the default on a terminal)"),
    NULL,  0,  CMD_DESK,
    exec,
};
