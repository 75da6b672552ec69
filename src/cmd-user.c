/* cmd-user.c - "chequedesk user add" and "user list". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "db-users.h"
#include "i18n.h"
#include "labels.h"
#include "json-out.h"
#include "out.h"
#include "passwd.h"

static const struct opt_spec add_options[] = {
    {"role", N_("ROLE"), N_("teller or supervisor")},
    {"name", N_("NAME"), N_("the user's full name")},
    {NULL, NULL, NULL},
};

/* Add a user (supervisors only). */
static int add_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	const char *role = args_get(a, "role"), *name = args_get(a, "name");
	char pw[PASSWD_MAX];
	enum role r;
	int rc;

	if (a->npos != 1 || role == NULL || name == NULL)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("user add needs the new user's ID, --role and "
				"--name, e.g. chequedesk user add t02 --role "
				"teller --name \"Li Na\"."));
	r = role_parse(role);
	if (r == ROLE_NONE)
		return cd_err(ctx->err, CD_EINVAL, "role",
			      _("The role \"%s\" is unknown: use teller or "
				"supervisor."),
			      role);
	if (desk_require(ctx->desk, ROLE_SUPERVISOR, "user.add", ctx->err) !=
		CD_OK ||
	    desk_check_user_id(a->pos[0], ctx->err) != CD_OK ||
	    cmd_new_password(a->pos[0], pw, sizeof pw, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = desk_add_user(ctx->desk, a->pos[0], r, name, pw, ctx->err);
	memset(pw, 0, sizeof pw);
	if (rc == CD_OK)
		printf(_("User %s (%s, %s) added.\n"), a->pos[0], name,
		       role_label(r));
	return rc;
}

const struct cmd_entry cmd_user_add_entry = {
    "user add",
    N_("ID --role teller|supervisor --name NAME"),
    N_("Add a teller or supervisor (supervisors only)"),
    add_options,
    1,
    CMD_USER,
    add_exec,
};

static const struct opt_spec list_options[] = {
    {"json", NULL, N_("print JSON")},
    {NULL, NULL, NULL},
};

/* Print one user as a table row or add it to the JSON array. */
static int list_one(const struct user *u, void *ctx)
{
	cJSON *arr = ctx;

	if (arr != NULL) {
		cJSON_AddItemToArray(arr, json_user(u));
		return 0;
	}
	out_cell(stdout, u->id, 17, 0);
	out_cell(stdout, role_label(u->role), 11, 0);
	printf("%s\n", u->name);
	return 0;
}

/* List the branch's users. */
static int list_exec(struct cmd_ctx *ctx)
{
	cJSON *arr = NULL;
	int rc;

	if (args_has(ctx->args, "json"))
		arr = cJSON_CreateArray();
	else {
		out_cell(stdout, _("User"), 17, 0);
		out_cell(stdout, _("Role"), 11, 0);
		printf("%s\n", _("Full name"));
	}
	rc = user_list(ctx->desk->st, list_one, arr, ctx->err);
	return out_json_end(arr, rc);
}

const struct cmd_entry cmd_user_list_entry = {
    "user list", "[--json]", N_("List the branch's users"), list_options, 0,
    CMD_USER,	 list_exec,
};
