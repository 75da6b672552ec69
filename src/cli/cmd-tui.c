/* cmd-tui.c - "chequedesk tui" (and chequedesk with no arguments on a
 * terminal): the screens, or the set-up wizard when there is no
 * configuration file or no branch database yet. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "tui.h"

/* Load the configuration. A file named with --config or
 * CHEQUEDESK_CONFIG that is not there yet is the one the wizard will
 * write: the defaults are loaded (from an empty file) and its path kept. */
static int load_conf(struct conf *c, const char *config, const char *db,
		     struct cd_error *err)
{
	struct stat sb;

	if (config == NULL)
		config = getenv("CHEQUEDESK_CONFIG");
	if (config == NULL || *config == '\0' || stat(config, &sb) == 0 ||
	    errno != ENOENT)
		return conf_load(c, config, db, err);
	if (conf_load(c, "/dev/null", db, err) != CD_OK)
		return err->status;
	free(c->config_path);
	c->config_path = strdup(config);
	c->config_found = 0;
	if (c->config_path == NULL)
		return cd_err(err, CD_EFAIL, NULL, _("Out of memory."));
	return CD_OK;
}

/* Run the screens on the branch database, or the wizard to make one. */
static int exec(struct cmd_ctx *ctx)
{
	const char *config = args_get(ctx->args, "config"),
		   *db = args_get(ctx->args, "db");
	struct desk d;
	int rc;

	memset(&d, 0, sizeof d);
	rc = load_conf(&d.conf, config, db, ctx->err);
	if (rc == CD_OK && d.conf.config_found &&
	    access(d.conf.db_path, F_OK) == 0) {
		conf_free(&d.conf);
		rc = desk_open(&d, config, db, ctx->err);
		if (rc == CD_OK)
			rc = tui_run(&d, ctx->err);
	} else if (rc == CD_OK) {
		rc = tui_run_from(&d, &screen_wizard, ctx->err);
	}
	desk_close(&d);
	return rc;
}

const struct cmd_entry cmd_tui_entry = {
    .name = "tui",
    .usage = "",
    .summary = N_("Open the teller screens (the default on a terminal)"),
    .options = NULL,
    .max_pos = 0,
    .flags = 0,
    .exec = exec,
    .perm = PERM_ANY,
};
