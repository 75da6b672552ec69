/* cmd-passwd.c - "chequedesk passwd": a user changes their own password. */
#include "config.h"

#include <stdio.h>

#include <openssl/crypto.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"

/* Change the signed-in user's password (they have just signed in with the
 * current one). */
static int exec(struct cmd_ctx *ctx)
{
	struct desk *d = ctx->desk;
	char pw[PASSWD_MAX];
	int rc, days = d->conf.pw_rules.max_age_days;

	rc = cmd_new_password(d->user.id, pw, sizeof pw, ctx->err);
	if (rc == CD_OK)
		rc = desk_change_password(d, pw, ctx->err);
	OPENSSL_cleanse(pw, sizeof pw);
	if (rc != CD_OK)
		return rc;
	if (days > 0)
		out_printf(
		    stdout,
		    P_("Password of %s changed; it must be changed again "
		       "within %d day.\n",
		       "Password of %s changed; it must be changed again "
		       "within %d days.\n",
		       days),
		    d->user.id, days);
	else
		out_printf(stdout, _("Password of %s changed.\n"), d->user.id);
	return CD_OK;
}

const struct cmd_entry cmd_passwd_entry = {
    .name = "passwd",
    .usage = "",
    .summary =
	N_("Change your own password (the new one from CHEQUEDESK_NEW_PASSWORD "
	   "or asked twice)"),
    .options = NULL,
    .max_pos = 0,
    .flags = CMD_USER | CMD_PWDUE,
    .exec = exec,
    .perm = PERM_ANY,
};
