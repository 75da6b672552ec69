/* desk-signin.c - signing in with a count of wrong passwords and a lock,
 * password changes and expiry, and the screens' sessions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "db-audit.h"
#include "db-sessions.h"
#include "db-users.h"
#include "desk.h"
#include "i18n.h"
#include "text.h"

/* The message for a wrong ID or password; REMAINING > 0 and small warns
 * of the coming lock. */
static int wrong_password(struct cd_error *err, int remaining)
{
	if (remaining > 0 && remaining <= 2)
		return cd_err(
		    err, CD_EPERM, "password",
		    P_("The user ID or the password is wrong. After %d more "
		       "wrong password the account will be locked; a "
		       "supervisor can reset a forgotten password.",
		       "The user ID or the password is wrong. After %d more "
		       "wrong passwords the account will be locked; a "
		       "supervisor can reset a forgotten password.",
		       remaining),
		    remaining);
	return cd_err(err, CD_EPERM, "password",
		      _("The user ID or the password is wrong. Check both "
			"and try again; a supervisor can reset a forgotten "
			"password."));
}

/* The message for a locked account. */
static int locked(struct cd_error *err, const char *id)
{
	return cd_err(err, CD_EPERM, "locked",
		      _("The account %s is locked after too many wrong "
			"passwords. Ask a supervisor to unlock it "
			"(chequedesk user unlock %s)."),
		      id, id);
}

/* Count a wrong password for U (locking it at the limit), with its audit
 * rows, in one transaction. */
static int count_failure(struct desk *d, struct user *u, const char *what,
			 struct cd_error *err)
{
	struct cd_error e;
	struct cd_now now;
	char after[64];
	int lock = u->failed + 1 >= d->conf.pw_rules.max_failures, rc;

	cd_err_clear(&e);
	if (clock_now(&now, &e) != CD_OK || store_begin(d->st, &e) != CD_OK)
		return wrong_password(err, 0);
	snprintf(after, sizeof after, "{\"failed\":%d}", u->failed + 1);
	rc = user_set_failed(d->st, u->id, u->failed + 1,
			     lock ? now.stamp : NULL, &e);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, u->id, what, NULL, NULL, after,
			       &e);
	if (rc == CD_OK && lock)
		rc = audit_add(d->st, now.stamp, u->id, "user.locked", NULL,
			       NULL, after, &e);
	if (rc == CD_OK)
		rc = store_commit(d->st, &e);
	else
		store_rollback(d->st);
	if (lock)
		return locked(err, u->id);
	return wrong_password(err,
			      d->conf.pw_rules.max_failures - u->failed - 1);
}

/* Check ID's password: exists, active, not locked, right password. WHAT
 * is the audit verb for a failure ("signin.failed", "auth.failed"). */
int desk_verify_user(struct desk *d, const char *id, const char *pw,
		     struct user *u, const char *what, struct cd_error *err)
{
	char shown[96];
	int rc;

	if (desk_check_user_id(id, err) != CD_OK) {
		/* Refused before any look-up, and audited with the ID
		 * escaped (and cut): no control codes in the trail. */
		text_escape(id, 0, shown, sizeof shown);
		desk_audit_alone(d, shown, what, NULL, "{\"malformed\":true}");
		return err->status;
	}
	rc = user_get(d->st, id, u, err);
	if (rc != CD_OK && rc != CD_ENOTFOUND)
		return rc;
	if (rc == CD_ENOTFOUND || !u->active) {
		desk_audit_alone(d, id, what, NULL, NULL);
		return wrong_password(err, 0);
	}
	if (u->locked_at[0]) {
		desk_audit_alone(d, id, what, NULL, "{\"locked\":true}");
		return locked(err, u->id);
	}
	if (!passwd_verify(pw, u->pw_hash))
		return count_failure(d, u, what, err);
	if (u->failed > 0) {
		/* A right password ends a run of wrong ones. */
		struct cd_error e;
		struct cd_now now;

		cd_err_clear(&e);
		if (clock_now(&now, &e) == CD_OK &&
		    store_begin(d->st, &e) == CD_OK) {
			/* best effort: the count is reset at the next
			 * sign-in otherwise */
			if (user_set_failed(d->st, u->id, 0, NULL, &e) != CD_OK)
				store_rollback(d->st);
			else if (store_commit(d->st, &e) != CD_OK)
				cd_err_clear(&e);
		}
		u->failed = 0;
	}
	return CD_OK;
}

/* Tell the user just signed in about wrong authorising passwords given
 * for their account (into d->notice), and start that count again, with
 * its audit row. */
static void tell_auth_tried(struct desk *d)
{
	struct cd_error e;
	struct cd_now now;
	char object[48], after[96], since[20];
	int rc;

	if (d->user.auth_tried <= 0)
		return;
	/* "2026-11-23T10:00:00+0800" shown as "2026-11-23 10:00" */
	snprintf(since, sizeof since, "%.16s", d->user.auth_tried_since);
	if (strlen(since) > 10 && since[10] == 'T')
		since[10] = ' ';
	cd_err_clear(&e);
	if (clock_now(&now, &e) != CD_OK || store_begin(d->st, &e) != CD_OK)
		return;
	snprintf(object, sizeof object, "user:%s", d->user.id);
	snprintf(after, sizeof after, "{\"wrong\":%d,\"since\":\"%s\"}",
		 d->user.auth_tried, d->user.auth_tried_since);
	rc = user_set_auth_tried(d->st, d->user.id, 0, NULL, &e);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, "auth.failed.told",
			       object, NULL, after, &e);
	if (rc == CD_OK)
		rc = store_commit(d->st, &e);
	else
		store_rollback(d->st);
	snprintf(d->notice, sizeof d->notice,
		 P_("%d wrong authorising password was given for your account "
		    "since %s. If that was not you mistyping, someone may be "
		    "guessing it: choose a new password (chequedesk passwd) "
		    "and look at the audit trail (action auth.failed).",
		    "%d wrong authorising passwords were given for your "
		    "account since %s. If that was not you mistyping, someone "
		    "may be guessing it: choose a new password (chequedesk "
		    "passwd) and look at the audit trail (action auth.failed).",
		    d->user.auth_tried),
		 d->user.auth_tried, since);
}

/* Check ID and PASSWORD; on success remember the user. */
int desk_signin(struct desk *d, const char *user_id, const char *password,
		struct cd_error *err)
{
	struct user u;

	d->notice[0] = '\0';
	if (desk_verify_user(d, user_id, password, &u, "signin.failed", err) !=
	    CD_OK)
		return err->status;
	d->user = u;
	tell_auth_tried(d);
	return CD_OK;
}

/* Check the signed-in user's password again (screen lock). */
int desk_check_password(struct desk *d, const char *password,
			struct cd_error *err)
{
	struct user u;

	if (desk_verify_user(d, d->user.id, password, &u, "unlock.failed",
			     err) != CD_OK)
		return err->status;
	d->user = u;
	return CD_OK;
}

/* Whether the signed-in user must change the password first. */
int desk_password_due(struct desk *d)
{
	return desk_user_password_due(d, &d->user);
}

/* Whether U must change the password first: 1 new/reset, 2 expired. */
int desk_user_password_due(struct desk *d, const struct user *u)
{
	struct cd_date changed;
	struct cd_now now;
	struct cd_error e;
	int days = d->conf.pw_rules.max_age_days;
	char day[DATE_LEN];

	if (u->must_change)
		return 1;
	snprintf(day, sizeof day, "%.10s", u->pw_changed_at);
	if (days <= 0 || cd_date_parse(day, &changed) != 0 ||
	    clock_now(&now, &e) != CD_OK)
		return 0;
	return cd_date_to_days(now.date) - cd_date_to_days(changed) >= days ? 2
									    : 0;
}

/* Change the signed-in user's own password. */
int desk_change_password(struct desk *d, const char *new_pw,
			 struct cd_error *err)
{
	char hash[160], object[48];
	struct cd_now now;
	int rc;

	if (d->user.role == ROLE_NONE)
		return desk_require(d, PERM_ANY, "user.passwd", err);
	if (passwd_check_new(new_pw, &d->conf.pw_rules, err) != CD_OK)
		return err->status;
	if (passwd_verify(new_pw, d->user.pw_hash))
		return cd_err(err, CD_EINVAL, "password",
			      _("The new password is the same as the old one. "
				"Choose a different password."));
	if (passwd_hash(new_pw, hash, sizeof hash, err) != CD_OK ||
	    clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "user:%s", d->user.id);
	rc = user_set_password(d->st, d->user.id, hash, 0, now.stamp, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, "user.passwd",
			       object, NULL, NULL, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	if ((rc = store_commit(d->st, err)) == CD_OK) {
		snprintf(d->user.pw_hash, sizeof d->user.pw_hash, "%s", hash);
		snprintf(d->user.pw_changed_at, sizeof d->user.pw_changed_at,
			 "%s", now.stamp);
		d->user.must_change = 0;
	}
	OPENSSL_cleanse(hash, sizeof hash);
	return rc;
}

/* Run FN-style work: one transaction ending session(s) with an audit row. */
static int end_sessions(struct desk *d, const char *user, int64_t id,
			const char *by, const char *reason, int *n,
			struct cd_error *err)
{
	struct cd_now now;
	char object[48], after[96];
	int rc;

	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	if (id)
		rc = session_end(d->st, id, by, reason, now.stamp, err);
	else
		rc = session_end_user(d->st, user, by, reason, now.stamp, n,
				      err);
	snprintf(object, sizeof object, "user:%s", user);
	snprintf(after, sizeof after, "{\"reason\":\"%s\"}", reason);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, by ? by : user, "session.end",
			       object, NULL, after, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Start this terminal's screen session for the signed-in user. */
int desk_session_start(struct desk *d, struct cd_error *err)
{
	const char *tty = ttyname(STDIN_FILENO);
	char object[48];
	struct cd_now now;
	int rc;

	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "user:%s", d->user.id);
	rc = session_start(d->st, d->user.id, tty, now.stamp, &d->session, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, "session.start",
			       object, NULL, NULL, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		d->session = 0;
		return rc;
	}
	return store_commit(d->st, err);
}

/* End this terminal's session (sign-out, lock-out, quitting). */
void desk_session_end(struct desk *d, const char *reason)
{
	struct cd_error e;

	cd_err_clear(&e);
	if (d->session)
		end_sessions(d, d->user.id, d->session, NULL, reason, NULL, &e);
	d->session = 0;
}

/* Whether this terminal's session was ended elsewhere. */
int desk_session_ended(struct desk *d, char *by, size_t len)
{
	struct cd_error e;
	int ended = 0;

	cd_err_clear(&e);
	if (d->session == 0 ||
	    session_get(d->st, d->session, &ended, by, len, &e) != CD_OK)
		return 0;
	if (ended)
		d->session = 0;
	return ended;
}

/* Sign a user out of every screen (PERM_USERS). */
int desk_sign_out_user(struct desk *d, const char *id, int *ended,
		       struct cd_error *err)
{
	struct user u;
	int rc;

	*ended = 0;
	if (desk_require(d, PERM_USERS, "user.signout", err) != CD_OK)
		return err->status;
	if ((rc = desk_find_user(d, id, &u, err)) != CD_OK)
		return rc;
	return end_sessions(d, id, 0, d->user.id, "signed-out", ended, err);
}
