/* desk-dual.c - dual control: a supervisor's authorisation for closing a
 * batch, voiding, reprinting, accepting a duplicate and changing the bank
 * directory, with four eyes where the configuration asks for it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "desk.h"
#include "i18n.h"
#include "labels.h"

/* What A is, for messages ("Voiding an item"). */
static const char *dual_label(enum dual_action a)
{
	switch (a) {
	case DUAL_CLOSE:
		return _("Closing a batch");
	case DUAL_VOID:
		return _("Voiding an item");
	case DUAL_REPRINT:
		return _("Printing again");
	case DUAL_DUPLICATE:
		return _("Accepting a duplicate");
	default:
		return _("Changing the bank directory");
	}
}

/* Refuse ACTION on OBJECT, audited, with the message already in ERR. */
static int refuse(struct desk *d, const char *action, const char *object,
		  const char *why, struct cd_error *err)
{
	char after[128];

	snprintf(after, sizeof after, "{\"object\":\"%s\",\"why\":\"%s\"}",
		 object ? object : "", why);
	desk_audit_alone(d, d->user.id[0] ? d->user.id : NULL, "refused",
			 action, after);
	desk_authorise_end(d);
	return err->status;
}

/* Check the authorisation for ACTION. */
int desk_authorise(struct desk *d, enum dual_action a, const char *action,
		   const char *object, struct cd_error *err)
{
	int four = (d->conf.four_eyes >> a) & 1;
	struct user u;

	if (d->st->auth_by[0])
		return CD_OK; /* already authorised for this action */
	if (!d->auth.given) {
		if (d->user.role == ROLE_SUPERVISOR && !four) {
			snprintf(d->st->auth_by, sizeof d->st->auth_by, "%s",
				 d->user.id);
			return CD_OK;
		}
		if (d->user.role == ROLE_SUPERVISOR)
			cd_err(
			    err, CD_EPERM, "authorise",
			    /* TRANSLATORS: %s is e.g. "Voiding an item". */
			    _("%s needs a second supervisor here (four eyes, "
			      "set by four_eyes in chequedesk.conf). Ask "
			      "another supervisor to authorise it: on the "
			      "screen they type their ID and password; on the "
			      "command line give --authorize-by ID."),
			    dual_label(a));
		else
			cd_err(err, CD_EPERM, "authorise",
			       _("%s needs a supervisor's authorisation. Ask a "
				 "supervisor: on the screen they type their ID "
				 "and password; on the command line give "
				 "--authorize-by ID (the password is asked, or "
				 "taken from CHEQUEDESK_AUTH_PASSWORD)."),
			       dual_label(a));
		return refuse(d, action, object, "no authorisation", err);
	}
	if (desk_verify_user(d, d->auth.id, d->auth.password, &u, "auth.failed",
			     err) != CD_OK) {
		if (strcmp(err->field, "locked") != 0)
			cd_err(err, CD_EPERM, "authorise",
			       _("The supervisor's ID or password is wrong, so "
				 "nothing was authorised. Check both and try "
				 "again."));
		return refuse(d, action, object, "authoriser not verified",
			      err);
	}
	if (u.role != ROLE_SUPERVISOR) {
		cd_err(err, CD_EPERM, "authorise",
		       _("%s is a %s; only a supervisor can authorise this. "
			 "Ask a supervisor."),
		       u.id, role_label(u.role));
		return refuse(d, action, object, "authoriser not a supervisor",
			      err);
	}
	if (four && strcmp(u.id, d->user.id) == 0) {
		cd_err(err, CD_EPERM, "authorise",
		       _("Four eyes: you cannot authorise your own action "
			 "(%s). Ask another supervisor."),
		       dual_label(a));
		return refuse(d, action, object, "four eyes", err);
	}
	snprintf(d->st->auth_by, sizeof d->st->auth_by, "%s", u.id);
	OPENSSL_cleanse(d->auth.password, sizeof d->auth.password);
	return CD_OK;
}

/* Forget the authorisation once the action is done. */
void desk_authorise_end(struct desk *d)
{
	d->st->auth_by[0] = '\0';
	OPENSSL_cleanse(&d->auth, sizeof d->auth);
}
