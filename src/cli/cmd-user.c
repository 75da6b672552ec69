/* cmd-user.c - "chequedesk user add|list|reset|unlock|signout": the
 * branch's users, managed by supervisors and administrators. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "json-out.h"
#include "out.h"
#include "passwd.h"

static const struct opt_spec add_options[] = {
    {.name = "role",
     .argname = N_("ROLE"),
     .help = N_("teller, supervisor or administrator")},
    {.name = "name", .argname = N_("NAME"), .help = N_("the user's full name")},
    {0},
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
				"teller --name \"Li Na\". The first password "
				"is asked (or taken from "
				"CHEQUEDESK_NEW_PASSWORD); the user changes it "
				"at the first sign-in."));
	r = role_parse(role);
	if (r == ROLE_NONE)
		return cd_err(ctx->err, CD_EINVAL, "role",
			      _("The role \"%s\" is unknown: use teller, "
				"supervisor or administrator."),
			      role);
	if (desk_require(ctx->desk, PERM_USERS, "user.add", ctx->err) !=
		CD_OK ||
	    desk_check_user_id(a->pos[0], ctx->err) != CD_OK ||
	    cmd_new_password(a->pos[0], pw, sizeof pw, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = desk_add_user(ctx->desk, a->pos[0], r, name, pw, ctx->err);
	memset(pw, 0, sizeof pw);
	if (rc == CD_OK)
		out_printf(
		    stdout,
		    _("User %s (%s, %s) added. They must choose their own "
		      "password when they first sign in.\n"),
		    a->pos[0], name, role_label(r));
	return rc;
}

const struct cmd_entry cmd_user_add_entry = {
    .name = "user add",
    .usage = N_("ID --role teller|supervisor|administrator --name NAME"),
    .summary = N_("Add a user (supervisors and administrators)"),
    .options = add_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = add_exec,
    .perm = PERM_USERS,
};

static const struct opt_spec list_options[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

struct list_ctx {
	struct desk *d;
	cJSON *arr;
};

/* A user's state for people: locked, must change the password, ... */
static const char *state_label(const struct user *u)
{
	if (!u->active)
		return _("inactive");
	if (u->locked_at[0])
		return _("locked");
	if (u->must_change)
		return _("new password due");
	return _("active");
}

/* Print one user as a table row or add it to the JSON array. */
static int list_one(const struct user *u, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct cd_error err;
	char on[16];
	int n = 0;

	cd_err_clear(&err);
	if (desk_user_screens(lc->d, u->id, &n, &err) != CD_OK)
		n = 0; /* the list shows the user, without the count */
	if (lc->arr != NULL) {
		cJSON *o = json_user(u);

		cJSON_AddBoolToObject(o, "locked", u->locked_at[0] != '\0');
		cJSON_AddBoolToObject(o, "must_change", u->must_change);
		cJSON_AddNumberToObject(o, "failed", u->failed);
		cJSON_AddNumberToObject(o, "screens", n);
		cJSON_AddItemToArray(lc->arr, o);
		return 0;
	}
	out_cell(stdout, u->id, 17, 0);
	out_cell(stdout, role_label(u->role), 15, 0);
	out_cell(stdout, state_label(u), 17, 0);
	snprintf(on, sizeof on, "%d", n);
	out_cell(stdout, n ? on : "-", 8, 0);
	out_text(stdout, u->name);
	putchar('\n');
	return 0;
}

/* List the branch's users. */
static int list_exec(struct cmd_ctx *ctx)
{
	struct list_ctx lc = {ctx->desk, NULL};
	int rc;

	if (args_has(ctx->args, "json"))
		lc.arr = cJSON_CreateArray();
	else {
		out_cell(stdout, _("User"), 17, 0);
		out_cell(stdout, _("Role"), 15, 0);
		out_cell(stdout, _("State"), 17, 0);
		/* TRANSLATORS: column: how many screens the user is signed
		 * in on. */
		out_cell(stdout, _("Screens"), 8, 0);
		out_printf(stdout, "%s\n", _("Full name"));
	}
	rc = desk_user_list(ctx->desk, list_one, &lc, ctx->err);
	return out_json_end(lc.arr, rc);
}

const struct cmd_entry cmd_user_list_entry = {
    .name = "user list",
    .usage = "[--json]",
    .summary = N_("List the branch's users"),
    .options = list_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = list_exec,
    .perm = PERM_USERS,
};

/* The user ID that user reset/unlock/signout act on. */
static int one_id(struct cmd_ctx *ctx, const char *example)
{
	if (ctx->args->npos != 1)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("Give the user's ID, e.g. %s."), example);
	return desk_check_user_id(ctx->args->pos[0], ctx->err);
}

/* Give a user a temporary password to change at the next sign-in. */
static int reset_exec(struct cmd_ctx *ctx)
{
	char pw[PASSWD_MAX];
	int rc;

	if (one_id(ctx, "chequedesk user reset t01") != CD_OK ||
	    desk_require(ctx->desk, PERM_USERS, "user.reset", ctx->err) !=
		CD_OK ||
	    cmd_new_password(ctx->args->pos[0], pw, sizeof pw, ctx->err) !=
		CD_OK)
		return ctx->err->status;
	rc = desk_reset_password(ctx->desk, ctx->args->pos[0], pw, ctx->err);
	memset(pw, 0, sizeof pw);
	if (rc == CD_OK)
		out_printf(
		    stdout,
		    _("Password of %s reset and the account unlocked. Give "
		      "them the temporary password; they must change it "
		      "when they sign in.\n"),
		    ctx->args->pos[0]);
	return rc;
}

const struct cmd_entry cmd_user_reset_entry = {
    .name = "user reset",
    .usage = N_("ID"),
    .summary =
	N_("Give a user a temporary password (changed at their next sign-in)"),
    .options = NULL,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = reset_exec,
    .perm = PERM_USERS,
};

/* Unlock an account after too many wrong passwords. */
static int unlock_exec(struct cmd_ctx *ctx)
{
	if (one_id(ctx, "chequedesk user unlock t01") != CD_OK ||
	    desk_unlock_user(ctx->desk, ctx->args->pos[0], ctx->err) != CD_OK)
		return ctx->err->status;
	out_printf(stdout, _("The account %s is unlocked.\n"),
		   ctx->args->pos[0]);
	return CD_OK;
}

const struct cmd_entry cmd_user_unlock_entry = {
    .name = "user unlock",
    .usage = N_("ID"),
    .summary = N_("Unlock an account locked by wrong passwords"),
    .options = NULL,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = unlock_exec,
    .perm = PERM_USERS,
};

/* Sign a user out of every screen they are signed in on. */
static int signout_exec(struct cmd_ctx *ctx)
{
	int n = 0;

	if (one_id(ctx, "chequedesk user signout t01") != CD_OK ||
	    desk_sign_out_user(ctx->desk, ctx->args->pos[0], &n, ctx->err) !=
		CD_OK)
		return ctx->err->status;
	if (n == 0)
		out_printf(stdout, _("%s is not signed in on any screen.\n"),
			   ctx->args->pos[0]);
	else
		out_printf(stdout,
			   P_("%s is signed out of %d screen.\n",
			      "%s is signed out of %d screens.\n", n),
			   ctx->args->pos[0], n);
	return CD_OK;
}

const struct cmd_entry cmd_user_signout_entry = {
    .name = "user signout",
    .usage = N_("ID"),
    .summary = N_("Sign a user out of the screens (e.g. a teller who left)"),
    .options = NULL,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = signout_exec,
    .perm = PERM_USERS,
};
