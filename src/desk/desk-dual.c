/* desk-dual.c - dual control: a supervisor's authorisation for closing a
 * batch, voiding, reprinting, accepting a duplicate and changing the bank
 * directory, with four eyes where the configuration asks for it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "db-audit.h"
#include "db-users.h"
#include "desk.h"
#include "i18n.h"
#include "labels.h"

/* The longest wait between authorising attempts, in seconds. */
#define AUTH_WAIT_MAX 300

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

/* Seconds since the epoch-free origin of STAMP (ISO 8601, local time),
 * enough to tell the seconds between two stamps; -1 when unreadable. */
static long long stamp_seconds(const char *stamp)
{
	struct cd_date day;
	char date[DATE_LEN];
	int h, m, sec;

	snprintf(date, sizeof date, "%.10s", stamp);
	if (strlen(stamp) < 19 || cd_date_parse(date, &day) != 0 ||
	    sscanf(stamp + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3)
		return -1;
	return (long long)cd_date_to_days(day) * 86400 + h * 3600 + m * 60 +
	       sec;
}

/* The wait after N wrong authorising passwords in a row: none after the
 * first (a slip), then 1, 2, 4 ... seconds, at most AUTH_WAIT_MAX. */
static int auth_wait(int n)
{
	return n < 2 ? 0 : n - 2 >= 9 ? AUTH_WAIT_MAX : 1 << (n - 2);
}

/* Seconds U must still wait before the next authorising attempt (0:
 * none). */
static int auth_wait_left(const struct user *u, const struct cd_now *now)
{
	long long last = stamp_seconds(u->auth_wrong_at),
		  at = stamp_seconds(now->stamp), left;

	if (u->auth_wrong < 2 || last < 0 || at < 0)
		return 0;
	left = last + auth_wait(u->auth_wrong) - at;
	return left > AUTH_WAIT_MAX ? AUTH_WAIT_MAX : left > 0 ? (int)left : 0;
}

/* Set the signed-in user's count of wrong authorising passwords to N (the
 * last at AT), inside a transaction. */
static int set_wrong(struct desk *d, int n, const char *at,
		     struct cd_error *err)
{
	if (user_set_auth_wrong(d->st, d->user.id, n, n ? at : NULL, err) !=
	    CD_OK)
		return err->status;
	d->user.auth_wrong = n;
	snprintf(d->user.auth_wrong_at, sizeof d->user.auth_wrong_at, "%s",
		 n ? at : "");
	return CD_OK;
}

/* Before a password is checked, count the attempt as wrong (undone when
 * it was right), re-reading the count in the same transaction so that
 * attempts at once from many terminals wait in turn. The seconds still to
 * wait into *WAIT (then nothing is counted); the count before into
 * *BEFORE. */
static int reserve_attempt(struct desk *d, const struct cd_now *now, int *wait,
			   int *before, struct cd_error *err)
{
	struct user me;

	*wait = 0;
	if (store_begin(d->st, err) != CD_OK)
		return err->status;
	if (user_get(d->st, d->user.id, &me, err) != CD_OK) {
		store_rollback(d->st);
		return err->status;
	}
	d->user.auth_wrong = *before = me.auth_wrong;
	snprintf(d->user.auth_wrong_at, sizeof d->user.auth_wrong_at, "%s",
		 me.auth_wrong_at);
	if ((*wait = auth_wait_left(&me, now)) > 0) {
		store_rollback(d->st);
		return CD_OK;
	}
	if (set_wrong(d, me.auth_wrong + 1, now->stamp, err) != CD_OK) {
		store_rollback(d->st);
		return err->status;
	}
	return store_commit(d->st, err);
}

/* Set the signed-in user's count back to N after an attempt whose
 * password was right (0: an authorisation went through). */
static void undo_attempt(struct desk *d, int n, const struct cd_now *now)
{
	struct cd_error e;

	cd_err_clear(&e);
	if (store_begin(d->st, &e) != CD_OK)
		return;
	/* best effort: the count stays as it was when it cannot be saved */
	if (set_wrong(d, n, now->stamp, &e) != CD_OK)
		store_rollback(d->st);
	else if (store_commit(d->st, &e) != CD_OK)
		return;
}

/* Record a wrong authorising password given by the signed-in user (already
 * counted by reserve_attempt) for ID (the supervisor U, or NULL when there
 * is no such active user): told to U at their next sign-in, in one
 * transaction with its audit row. The supervisor's sign-in is not
 * locked. */
static void count_wrong(struct desk *d, const char *id, const struct user *u,
			const struct cd_now *now)
{
	const char *tty = ttyname(STDIN_FILENO);
	int n = d->user.auth_wrong, rc = CD_OK;
	char after[256];
	struct cd_error e;

	cd_err_clear(&e);
	snprintf(after, sizeof after,
		 "{\"asked_by\":\"%s\",\"terminal\":\"%s\",\"wrong\":%d,"
		 "\"wait\":%d}",
		 d->user.id, tty ? tty : "", n, auth_wait(n));
	if (store_begin(d->st, &e) != CD_OK)
		return;
	if (u != NULL)
		rc = user_set_auth_tried(
		    d->st, u->id, u->auth_tried + 1,
		    u->auth_tried ? u->auth_tried_since : now->stamp, &e);
	if (rc == CD_OK)
		rc = audit_add(d->st, now->stamp, id, "auth.failed", NULL, NULL,
			       after, &e);
	if (rc != CD_OK)
		store_rollback(d->st);
	else if (store_commit(d->st, &e) != CD_OK)
		return; /* the refusal stands without its record */
}

/* Check the rules an authoriser U must meet besides the password and the
 * role; the refusal's reason (for the audit) into *WHY. */
static int check_authoriser(struct desk *d, const struct user *u, int four,
			    enum dual_action a, const char **why,
			    struct cd_error *err)
{
	const char *me = d->user.id;
	int due = desk_user_password_due(d, u);

	if (due == 1) {
		*why = "authoriser on a temporary password";
		return cd_err(
		    err, CD_EPERM, "authorise",
		    _("%1$s cannot authorise yet: the password of %1$s was set "
		      "by someone else (a new account or a reset) and %1$s has "
		      "not chosen their own. %1$s signs in once and chooses a "
		      "password (chequedesk passwd --user %1$s); until then "
		      "ask another supervisor."),
		    u->id);
	}
	if (due == 2) {
		*why = "authoriser password expired";
		return cd_err(err, CD_EPERM, "authorise",
			      _("%1$s cannot authorise: the password of %1$s "
				"has expired. %1$s signs in and chooses a new "
				"one (chequedesk passwd --user %1$s); until "
				"then ask another supervisor."),
			      u->id);
	}
	if (four && strcmp(u->id, me) == 0) {
		*why = "four eyes";
		return cd_err(err, CD_EPERM, "authorise",
			      _("Four eyes: you cannot authorise your own "
				"action (%s). Ask another supervisor."),
			      dual_label(a));
	}
	if (strcmp(u->id, me) == 0)
		return CD_OK;
	if (strcmp(u->created_by, me) == 0) {
		*why = "authoriser created by the actor";
		return cd_err(
		    err, CD_EPERM, "authorise",
		    _("%s cannot authorise your actions: you created that "
		      "account, and nobody may authorise the work of whoever "
		      "created, reset or unlocked their account. Ask another "
		      "supervisor (an administrator should add supervisors)."),
		    u->id);
	}
	if (strcmp(u->reset_by, me) == 0) {
		*why = "authoriser reset by the actor";
		return cd_err(
		    err, CD_EPERM, "authorise",
		    _("%s cannot authorise your actions: you last reset that "
		      "password, and nobody may authorise the work of whoever "
		      "created, reset or unlocked their account. Ask another "
		      "supervisor; once someone else has reset it, this rule "
		      "no longer applies."),
		    u->id);
	}
	if (strcmp(u->unlocked_by, me) == 0) {
		*why = "authoriser unlocked by the actor";
		return cd_err(
		    err, CD_EPERM, "authorise",
		    _("%s cannot authorise your actions: you unlocked that "
		      "account, and nobody may authorise the work of whoever "
		      "created, reset or unlocked their account. Ask another "
		      "supervisor; once someone else has reset the password, "
		      "this rule no longer applies."),
		    u->id);
	}
	return CD_OK;
}

/* Check the authorisation for ACTION. */
int desk_authorise(struct desk *d, enum dual_action a, const char *action,
		   const char *object, struct cd_error *err)
{
	int four = (d->conf.four_eyes >> a) & 1, wait = 0, before = 0, rc;
	const char *why = NULL;
	struct cd_now now;
	struct user u;

	if (d->st->auth_by[0])
		return CD_OK; /* already authorised for this action */
	if (!d->auth.given) {
		if (d->user.role == ROLE_SUPERVISOR && !four) {
			/* The bootstrap: a branch's only supervisor works
			 * alone where four eyes does not apply; said in the
			 * audit trail. */
			char after[128];

			snprintf(after, sizeof after,
				 "{\"object\":\"%s\",\"why\":\"four_eyes does "
				 "not name it\"}",
				 object ? object : "");
			desk_audit_alone(d, d->user.id, "auth.alone", action,
					 after);
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
	if (clock_now(&now, err) != CD_OK ||
	    reserve_attempt(d, &now, &wait, &before, err) != CD_OK)
		return refuse(d, action, object, "not counted", err);
	if (wait > 0) {
		cd_err(err, CD_EPERM, "authorise",
		       P_("%d wrong authorising passwords were given in a row "
			  "here, so nothing was checked: wait %d second, then "
			  "try again.",
			  "%d wrong authorising passwords were given in a row "
			  "here, so nothing was checked: wait %d seconds, then "
			  "try again.",
			  wait),
		       d->user.auth_wrong, wait);
		return refuse(d, action, object, "authorising slowed", err);
	}
	rc = user_get(d->st, d->auth.id, &u, err);
	if (rc != CD_OK && rc != CD_ENOTFOUND) {
		undo_attempt(d, before, &now);
		return refuse(d, action, object, "authoriser not read", err);
	}
	if (rc == CD_OK && u.active && u.locked_at[0]) {
		undo_attempt(d, before, &now);
		cd_err(err, CD_EPERM, "authorise",
		       _("The account %s is locked after too many wrong "
			 "passwords, so it cannot authorise. Ask another "
			 "supervisor, or have it unlocked first."),
		       u.id);
		return refuse(d, action, object, "authoriser locked", err);
	}
	if (rc == CD_ENOTFOUND || !u.active ||
	    !passwd_verify(d->auth.password, u.pw_hash)) {
		count_wrong(d, d->auth.id, rc == CD_OK && u.active ? &u : NULL,
			    &now);
		cd_err(err, CD_EPERM, "authorise",
		       _("The supervisor's ID or password is wrong, so "
			 "nothing was authorised. Check both and try "
			 "again."));
		return refuse(d, action, object, "authoriser not verified",
			      err);
	}
	if (u.role != ROLE_SUPERVISOR) {
		undo_attempt(d, before, &now);
		cd_err(err, CD_EPERM, "authorise",
		       _("%s is a %s; only a supervisor can authorise this. "
			 "Ask a supervisor."),
		       u.id, role_label(u.role));
		return refuse(d, action, object, "authoriser not a supervisor",
			      err);
	}
	if (check_authoriser(d, &u, four, a, &why, err) != CD_OK) {
		undo_attempt(d, before, &now);
		return refuse(d, action, object, why, err);
	}
	undo_attempt(d, 0, &now);
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
