/* desk.h - the service layer shared by the command line and the screens:
 * an open branch database, its configuration and the signed-in user. */
#ifndef CHEQUEDESK_DESK_H
#define CHEQUEDESK_DESK_H

#include "calendar.h"
#include "clock.h"
#include "conf.h"
#include "model.h"
#include "passwd.h"
#include "store.h"

/* What a role may do. Each command and screen action names one, and
 * desk_require checks it against the signed-in user's role. */
enum perm {
	PERM_ANY,   /* any signed-in user */
	PERM_ITEMS, /* register, print, list items and bags; notices; poll */
	PERM_BATCH, /* close, upload and resync batches (supervisors) */
	PERM_USERS, /* add users, reset passwords, unlock, sign out */
	PERM_SETUP, /* printers, the branch key, the bank directory */
	PERM_AUDIT, /* read and verify the audit trail */
	PERM_COUNT
};

struct desk {
	struct conf conf;
	struct store *st;
	struct branch branch;
	struct user user; /* role ROLE_NONE until desk_signin succeeds */
	int64_t session;  /* the screens' session (sessions.id); 0 otherwise */
	/* Dual control: the supervisor offered to authorise the next action
	 * (--authorize-by, or the screens' pop-up), checked by
	 * desk_authorise and forgotten by desk_authorise_end. */
	struct {
		char id[USER_ID_MAX + 1];
		char password[PASSWD_MAX];
		int given;
	} auth;
	/* Said to the user just signed in (wrong authorising passwords given
	 * for their account since their last sign-in), or "". */
	char notice[512];
};

/* Load configuration and open the existing branch database. */
CD_MUST_CHECK int desk_open(struct desk *d, const char *config_opt,
			    const char *db_opt, struct cd_error *err);
void desk_close(struct desk *d);
/* Open the configured database and read its branch: desk_open's second
 * half, for a desk whose database was made after it was opened. */
CD_MUST_CHECK int desk_attach(struct desk *d, struct cd_error *err);
/* Whether D has a database open. */
int desk_has_store(const struct desk *d);

/* Sign USER_ID in with PASSWORD. A wrong ID and a wrong password give the
 * same message (CD_EPERM). Failures are counted and audited; the account
 * is locked after lockout_attempts of them in a row. */
CD_MUST_CHECK int desk_signin(struct desk *d, const char *user_id,
			      const char *password, struct cd_error *err);

/* Check user ID's PASSWORD into U without signing them in; failures are
 * counted, audited as WHAT, and lock. (Authorisers are checked by
 * desk_authorise, whose failures do not lock.) */
CD_MUST_CHECK int desk_verify_user(struct desk *d, const char *id,
				   const char *password, struct user *u,
				   const char *what, struct cd_error *err);

/* Check PASSWORD for the signed-in user again (the screens' idle lock);
 * failures count towards the lock as in desk_signin. */
CD_MUST_CHECK int desk_check_password(struct desk *d, const char *password,
				      struct cd_error *err);

/* Why the signed-in user must change their password before working:
 * 0 none, 1 new or reset, 2 expired. */
int desk_password_due(struct desk *d);
/* The same for any user U (an authoriser). */
int desk_user_password_due(struct desk *d, const struct user *u);

/* Change the signed-in user's password, just after they gave the current
 * one (sign-in); checks the rules, and that it differs. Clears a forced
 * change. */
CD_MUST_CHECK int desk_change_password(struct desk *d, const char *new_pw,
				       struct cd_error *err);

/* Refuse (CD_EPERM, audited as "refused" with ACTION) unless the signed-in
 * user's role has permission P. ACTION is the audit verb, e.g. "user.add". */
CD_MUST_CHECK int desk_require(struct desk *d, enum perm p, const char *action,
			       struct cd_error *err);

/* 1 when the signed-in user's role has permission P. */
int desk_may(const struct desk *d, enum perm p);

/* Dual control for ACTION (its audit verb) of kind A: the authoriser in
 * d->auth must be an active, unlocked supervisor with the right password,
 * on a password of their own (not new, reset or expired), whose account
 * the acting user did not create, last reset or last unlock, and not the
 * acting user when four_eyes names A. A supervisor acting without one
 * authorises themselves unless four_eyes names A (audited as auth.alone).
 * Without an authoriser, CD_EPERM with field "authorise" (the screens then
 * ask). Wrong authorising passwords do not lock the supervisor: they slow
 * the acting user's next tries (1, 2, 4 ... 300 s after the second) and
 * are told to the supervisor at their next sign-in. Refusals and wrong
 * passwords are audited; on success the authoriser is named in every
 * audit row until desk_authorise_end. */
CD_MUST_CHECK int desk_authorise(struct desk *d, enum dual_action a,
				 const char *action, const char *object,
				 struct cd_error *err);
void desk_authorise_end(struct desk *d);

/* Screen sessions: started at sign-in, ended at sign-out, or by a
 * supervisor (desk_sign_out_user). desk_session_ended says whether this
 * terminal's session was ended elsewhere, and by whom (BY, USER_ID_MAX+1). */
CD_MUST_CHECK int desk_session_start(struct desk *d, struct cd_error *err);
void desk_session_end(struct desk *d, const char *reason);
int desk_session_ended(struct desk *d, char *by, size_t len);

/* Write one audit row in a transaction of its own (refusals, failed
 * sign-ins, wrong access codes); failing to write it is ignored. */
void desk_audit_alone(struct desk *d, const char *user, const char *action,
		      const char *object, const char *after);

/* Now and the business date / session an item registered now belongs to. */
CD_MUST_CHECK int desk_slot(struct desk *d, struct cd_now *now,
			    struct business_slot *slot, struct cd_error *err);

/* Create a new branch database (refuses an existing file): the branch, the
 * bundled bank directory and bill types, and the first supervisor. */
struct init_input {
	const char *branch_no;
	const char *branch_name;
	const char *supervisor_id;
	const char *supervisor_name;
	const char *password;
};
CD_MUST_CHECK int desk_init(const char *config_opt, const char *db_opt,
			    const struct init_input *in, struct cd_error *err);

/* Add a user (PERM_USERS); they must change the password at first
 * sign-in. */
CD_MUST_CHECK int desk_add_user(struct desk *d, const char *id, enum role role,
				const char *name, const char *password,
				struct cd_error *err);

/* Look up user ID for an administrative change; CD_ENOTFOUND with a
 * message naming 'chequedesk user list' when there is none. */
CD_MUST_CHECK int desk_find_user(struct desk *d, const char *id, struct user *u,
				 struct cd_error *err);

/* Give user ID a new temporary password (PERM_USERS); they must change it
 * at the next sign-in. Also unlocks the account. */
CD_MUST_CHECK int desk_reset_password(struct desk *d, const char *id,
				      const char *password,
				      struct cd_error *err);

/* Unlock user ID after too many wrong passwords (PERM_USERS). */
CD_MUST_CHECK int desk_unlock_user(struct desk *d, const char *id,
				   struct cd_error *err);

/* End every screen session of user ID (PERM_USERS); *ENDED says how many
 * were open. */
CD_MUST_CHECK int desk_sign_out_user(struct desk *d, const char *id, int *ended,
				     struct cd_error *err);

/* Check a user ID's form: 1..USER_ID_MAX letters, digits, '.', '-', '_'. */
CD_MUST_CHECK int desk_check_user_id(const char *id, struct cd_error *err);

/* Replace the bank directory from a CSV file (supervisors only): banks in
 * the file are added or updated, banks missing from it become inactive.
 * Counts are returned through the pointers. */
CD_MUST_CHECK int desk_import_banks(struct desk *d, const char *path,
				    int *added, int *changed, int *closed,
				    struct cd_error *err);

#endif
