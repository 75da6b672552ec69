/* cmd-init.c - "chequedesk init": create a new branch database. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "passwd.h"

static const struct opt_spec options[] = {
    {.name = "branch",
     .argname = N_("NUMBER"),
     .help = N_("the branch's exchange number")},
    {.name = "name", .argname = N_("NAME"), .help = N_("the branch's name")},
    {.name = "supervisor",
     .argname = N_("USER"),
     .help = N_("user ID of the first supervisor")},
    {.name = "supervisor-name",
     .argname = N_("NAME"),
     .help = N_("the first supervisor's name (default: the ID)")},
    {0},
};

/* Create the database with its branch, directory and first supervisor. */
static int exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct init_input in;
	char pw[PASSWD_MAX];
	int rc;

	memset(&in, 0, sizeof in);
	in.branch_no = args_get(a, "branch");
	in.branch_name = args_get(a, "name");
	in.supervisor_id = args_get(a, "supervisor");
	in.supervisor_name = args_get(a, "supervisor-name");
	if (in.branch_no == NULL || in.branch_name == NULL ||
	    in.supervisor_id == NULL)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("init needs --branch NUMBER, --name NAME and "
				"--supervisor ID."));
	if (in.supervisor_name == NULL)
		in.supervisor_name = in.supervisor_id;
	if (cmd_new_password(in.supervisor_id, pw, sizeof pw, ctx->err) !=
	    CD_OK)
		return ctx->err->status;
	in.password = pw;
	rc = desk_init(args_get(a, "config"), args_get(a, "db"), &in, ctx->err);
	memset(pw, 0, sizeof pw);
	if (rc != CD_OK)
		return rc;
	out_printf(stdout,
		   _("Branch %s (%s) is set up; supervisor %s can sign in.\n"),
		   in.branch_no, in.branch_name, in.supervisor_id);
	return CD_OK;
}

const struct cmd_entry cmd_init_entry = {
    .name = "init",
    .usage = N_("--branch NUMBER --name NAME --supervisor ID"),
    .summary = N_("Create a new branch database"),
    .options = options,
    .max_pos = 0,
    .flags = 0,
    .exec = exec,
    .perm = PERM_ANY,
};
