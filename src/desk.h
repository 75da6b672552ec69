/* desk.h - the service layer shared by the command line and the screens:
 * an open branch database, its configuration and the signed-in user. */
#ifndef CHEQUEDESK_DESK_H
#define CHEQUEDESK_DESK_H

#include "calendar.h"
#include "clock.h"
#include "conf.h"
#include "model.h"
#include "store.h"

struct desk {
	struct conf conf;
	struct store *st;
	struct branch branch;
	struct user user; /* role ROLE_NONE until desk_signin succeeds */
};

/* Load configuration and open the existing branch database. */
int desk_open(struct desk *d, const char *config_opt, const char *db_opt,
	      struct cd_error *err);
void desk_close(struct desk *d);

/* Sign USER_ID in with PASSWORD. A wrong ID and a wrong password give the
 * same message (CD_EPERM). Failures are audited. */
int desk_signin(struct desk *d, const char *user_id, const char *password,
		struct cd_error *err);

/* Refuse (CD_EPERM, audited) unless the signed-in user has at least ROLE.
 * ACTION is the audit verb, e.g. "user.add". */
int desk_require(struct desk *d, enum role role, const char *action,
		 struct cd_error *err);

/* Write one audit row in a transaction of its own (refusals, failed
 * sign-ins, wrong access codes); failing to write it is ignored. */
void desk_audit_alone(struct desk *d, const char *user, const char *action,
		      const char *object, const char *after);

/* Now and the business date / session an item registered now belongs to. */
int desk_slot(struct desk *d, struct cd_now *now, struct business_slot *slot,
	      struct cd_error *err);

/* Create a new branch database (refuses an existing file): the branch, the
 * bundled bank directory and bill types, and the first supervisor. */
struct init_input {
	const char *branch_no;
	const char *branch_name;
	const char *supervisor_id;
	const char *supervisor_name;
	const char *password;
};
int desk_init(const char *config_opt, const char *db_opt,
	      const struct init_input *in, struct cd_error *err);

/* Add a user (supervisors only). */
int desk_add_user(struct desk *d, const char *id, enum role role,
		  const char *name, const char *password, struct cd_error *err);

/* Check a user ID's form: 1..USER_ID_MAX letters, digits, '.', '-', '_'. */
int desk_check_user_id(const char *id, struct cd_error *err);

/* Replace the bank directory from a CSV file (supervisors only): banks in
 * the file are added or updated, banks missing from it become inactive.
 * Counts are returned through the pointers. */
int desk_import_banks(struct desk *d, const char *path, int *added,
		      int *changed, int *closed, struct cd_error *err);

#endif
