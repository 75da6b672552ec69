/* desk.c - opening a branch, signing in, role checks and the business slot. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-branch.h"
#include "db-users.h"
#include "desk.h"
#include "i18n.h"
#include "labels.h"
#include "passwd.h"

/* The names roles are stored under. */
const char *role_name(enum role role)
{
	switch (role) {
	case ROLE_TELLER:
		return "teller";
	case ROLE_SUPERVISOR:
		return "supervisor";
	default:
		return "none";
	}
}

/* Parse a stored or typed role name. */
enum role role_parse(const char *name)
{
	if (strcmp(name, "teller") == 0)
		return ROLE_TELLER;
	if (strcmp(name, "supervisor") == 0)
		return ROLE_SUPERVISOR;
	return ROLE_NONE;
}

/* Load the configuration and open the branch database. */
int desk_open(struct desk *d, const char *config_opt, const char *db_opt,
	      struct cd_error *err)
{
	memset(d, 0, sizeof *d);
	if (conf_load(&d->conf, config_opt, db_opt, err) != CD_OK)
		return err->status;
	d->st = store_open(d->conf.db_path, STORE_EXISTING, err);
	if (d->st == NULL)
		return err->status;
	return branch_get(d->st, &d->branch, err);
}

/* Close everything desk_open opened. */
void desk_close(struct desk *d)
{
	store_close(d->st);
	conf_free(&d->conf);
	memset(d, 0, sizeof *d);
}

/* Write a single audit row in its own transaction (refusals, failed
 * sign-ins); a failure to write it is reported in place of ERR's message
 * only when ERR is still clear. */
void desk_audit_alone(struct desk *d, const char *user, const char *action,
		      const char *object, const char *after)
{
	struct cd_error e;
	struct cd_now now;

	cd_err_clear(&e);
	if (clock_now(&now, &e) != CD_OK || store_begin(d->st, &e) != CD_OK)
		return;
	if (audit_add(d->st, now.stamp, user, action, object, NULL, after,
		      &e) != CD_OK) {
		store_rollback(d->st);
		return;
	}
	store_commit(d->st, &e);
}

/* Check ID and PASSWORD; on success remember the user. */
int desk_signin(struct desk *d, const char *user_id, const char *password,
		struct cd_error *err)
{
	struct user u;
	int rc = user_get(d->st, user_id, &u, err);

	if (rc != CD_OK && rc != CD_ENOTFOUND)
		return rc;
	if (rc == CD_ENOTFOUND || !u.active ||
	    !passwd_verify(password, u.pw_hash)) {
		desk_audit_alone(d, user_id, "signin.failed", NULL, NULL);
		return cd_err(err, CD_EPERM, "password",
			      _("The user ID or the password is wrong. Check "
				"both and try again; a supervisor can reset a "
				"forgotten password."));
	}
	d->user = u;
	return CD_OK;
}

/* Refuse unless the signed-in user has at least ROLE. */
int desk_require(struct desk *d, enum role role, const char *action,
		 struct cd_error *err)
{
	if (d->user.role >= role)
		return CD_OK;
	desk_audit_alone(d, d->user.id[0] ? d->user.id : NULL, "refused",
			 action, NULL);
	if (d->user.role == ROLE_NONE)
		return cd_err(err, CD_EPERM, "user",
			      _("Sign in first: only a signed-in %s may do "
				"this."),
			      role_label(role));
	return cd_err(err, CD_EPERM, NULL,
		      _("Only a %s may do this (you are signed in as %s, a "
			"%s). Ask a %s to do it."),
		      role_label(role), d->user.id, role_label(d->user.role),
		      role_label(role));
}

/* The time now and the slot an item registered now belongs to. */
int desk_slot(struct desk *d, struct cd_now *now, struct business_slot *slot,
	      struct cd_error *err)
{
	if (clock_now(now, err) != CD_OK)
		return err->status;
	calendar_slot(&d->conf.cal, now->date, now->minute, slot);
	return CD_OK;
}
