/* desk.c - opening a branch, role names, permission checks and the
 * business slot. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "db-audit.h"
#include "db-branch.h"
#include "desk.h"
#include "i18n.h"
#include "labels.h"

/* Load the configuration and open the branch database. */
int desk_open(struct desk *d, const char *config_opt, const char *db_opt,
	      struct cd_error *err)
{
	memset(d, 0, sizeof *d);
	if (conf_load(&d->conf, config_opt, db_opt, err) != CD_OK)
		return err->status;
	return desk_attach(d, err);
}

/* Open the configured database (made since the configuration was loaded,
 * e.g. by the set-up wizard) and read the branch. */
int desk_attach(struct desk *d, struct cd_error *err)
{
	store_set_centre_key(d->conf.centre_key);
	d->st = store_open(d->conf.db_path, STORE_EXISTING, err);
	if (d->st == NULL)
		return err->status;
	return branch_get(d->st, &d->branch, err);
}

/* Whether a database is open. */
int desk_has_store(const struct desk *d)
{
	return d->st != NULL;
}

/* Close everything desk_open opened. */
void desk_close(struct desk *d)
{
	if (d->session)
		desk_session_end(d, "quit");
	OPENSSL_cleanse(&d->auth, sizeof d->auth);
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
	if (store_commit(d->st, &e) != CD_OK)
		return; /* the refusal stands without its record */
}

/* The roles allowed each permission (1 << enum role). */
#define R(r) (1u << (r))
static const unsigned perm_roles[PERM_COUNT] = {
    [PERM_ANY] = R(ROLE_TELLER) | R(ROLE_SUPERVISOR) | R(ROLE_ADMIN),
    [PERM_ITEMS] = R(ROLE_TELLER) | R(ROLE_SUPERVISOR),
    [PERM_BATCH] = R(ROLE_SUPERVISOR),
    [PERM_USERS] = R(ROLE_SUPERVISOR) | R(ROLE_ADMIN),
    [PERM_SETUP] = R(ROLE_SUPERVISOR) | R(ROLE_ADMIN),
    [PERM_AUDIT] = R(ROLE_SUPERVISOR) | R(ROLE_ADMIN),
};
#undef R

/* Who may do what P allows, for messages. */
static const char *perm_who(enum perm p)
{
	switch (p) {
	case PERM_ITEMS:
		return _("a teller or a supervisor");
	case PERM_BATCH:
		return _("a supervisor");
	case PERM_USERS:
	case PERM_SETUP:
	case PERM_AUDIT:
		return _("a supervisor or an administrator");
	default:
		return _("a signed-in user");
	}
}

/* Whether the signed-in user's role allows P. */
int desk_may(const struct desk *d, enum perm p)
{
	return d->user.role != ROLE_NONE && (perm_roles[p] >> d->user.role) & 1;
}

/* Refuse unless the signed-in user's role allows P. */
int desk_require(struct desk *d, enum perm p, const char *action,
		 struct cd_error *err)
{
	if (desk_may(d, p))
		return CD_OK;
	desk_audit_alone(d, d->user.id[0] ? d->user.id : NULL, "refused",
			 action, NULL);
	if (d->user.role == ROLE_NONE)
		return cd_err(err, CD_EPERM, "user",
			      _("Sign in first: only %s may do this."),
			      perm_who(p));
	/* TRANSLATORS: "Only a supervisor may do this (you are signed in
	 * as t01, a teller). Ask a supervisor to do it." */
	return cd_err(err, CD_EPERM, NULL,
		      _("Only %1$s may do this (you are signed in as %2$s, a "
			"%3$s). Ask %1$s to do it."),
		      perm_who(p), d->user.id, role_label(d->user.role));
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
