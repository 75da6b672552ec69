/* desk-users.c - creating a branch with its first supervisor, and adding
 * users. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-audit.h"
#include "db-banks.h"
#include "db-branch.h"
#include "db-users.h"
#include "desk.h"
#include "directory.h"
#include "i18n.h"
#include "json-out.h"
#include "passwd.h"
#include "text.h"

/* Check the form of a user ID. */
int desk_check_user_id(const char *id, struct cd_error *err)
{
	size_t n = strlen(id), i;

	if (n == 0 || n > USER_ID_MAX)
		return cd_err(err, CD_EINVAL, "user",
			      _("A user ID has 1 to %d characters; \"%s\" has "
				"%zu."),
			      USER_ID_MAX, id, n);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)id[i]) && !strchr("._-", id[i]))
			return cd_err(err, CD_EINVAL, "user",
				      _("The user ID \"%s\" may only use "
					"Latin letters, digits, '.', '-' and "
					"'_'."),
				      id);
	return CD_OK;
}

/* Check the fields of a new user and build the record. */
static int make_user(struct user *u, const char *id, enum role role,
		     const char *name, const char *password,
		     const struct passwd_rules *rules, struct cd_error *err)
{
	memset(u, 0, sizeof *u);
	if (desk_check_user_id(id, err) != CD_OK ||
	    text_check(name, 1, NAME_MAX_CHARS, NAME_MAX_BYTES, "name",
		       _("user's name"), err) != CD_OK ||
	    passwd_check_new(password, rules, err) != CD_OK)
		return err->status;
	if (role == ROLE_NONE)
		return cd_err(err, CD_EINVAL, "role",
			      _("The role must be teller, supervisor or "
				"administrator."));
	snprintf(u->id, sizeof u->id, "%s", id);
	snprintf(u->name, sizeof u->name, "%s", name);
	u->role = role;
	u->active = 1;
	return passwd_hash(password, u->pw_hash, sizeof u->pw_hash, err);
}

/* Insert user U with its audit row (inside a transaction). */
static int put_user(struct store *st, const struct user *u, const char *by,
		    const char *at, struct cd_error *err)
{
	char *after, object[48];
	int rc;

	if (user_put(st, u, by, at, err) != CD_OK)
		return err->status;
	after = json_take_string(json_user(u));
	snprintf(object, sizeof object, "user:%s", u->id);
	rc = audit_add(st, at, by, "user.add", object, NULL, after, err);
	free(after);
	return rc;
}

/* Add a user: supervisors only, one transaction with its audit row. */
int desk_add_user(struct desk *d, const char *id, enum role role,
		  const char *name, const char *password, struct cd_error *err)
{
	struct user u, old;
	struct cd_now now;
	int rc;

	if (desk_require(d, PERM_USERS, "user.add", err) != CD_OK ||
	    make_user(&u, id, role, name, password, &d->conf.pw_rules, err) !=
		CD_OK ||
	    clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	u.must_change = 1; /* the password was chosen by someone else */
	rc = user_get(d->st, id, &old, err);
	if (rc == CD_OK)
		rc = cd_err(err, CD_ECONFLICT, "user",
			    _("There is already a user %s (%s). Choose another "
			      "ID."),
			    old.id, old.name);
	else if (rc == CD_ENOTFOUND)
		rc = put_user(d->st, &u, d->user.id, now.stamp, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Look up user ID for an administrative change, with a message naming
 * the command that lists users. */
int desk_find_user(struct desk *d, const char *id, struct user *u,
		   struct cd_error *err)
{
	int rc = user_get(d->st, id, u, err);

	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_ENOTFOUND, "user",
			      _("There is no user %s. 'chequedesk user list' "
				"shows the branch's users."),
			      id);
	return rc;
}

/* Give a user a temporary password, to be changed at the next sign-in. */
int desk_reset_password(struct desk *d, const char *id, const char *password,
			struct cd_error *err)
{
	char hash[160], object[48];
	struct cd_now now;
	struct user u;
	int rc;

	if (desk_require(d, PERM_USERS, "user.reset", err) != CD_OK ||
	    desk_find_user(d, id, &u, err) != CD_OK ||
	    passwd_check_new(password, &d->conf.pw_rules, err) != CD_OK ||
	    passwd_hash(password, hash, sizeof hash, err) != CD_OK ||
	    clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "user:%s", id);
	rc = user_set_password(d->st, id, hash, 1, now.stamp, err);
	if (rc == CD_OK) /* the resetter may not authorise this user's work */
		rc = user_set_reset_by(d->st, id, d->user.id, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, "user.reset",
			       object, NULL, NULL, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Unlock an account locked by wrong passwords. */
int desk_unlock_user(struct desk *d, const char *id, struct cd_error *err)
{
	char object[48], before[64];
	struct cd_now now;
	struct user u;
	int rc;

	if (desk_require(d, PERM_USERS, "user.unlock", err) != CD_OK ||
	    desk_find_user(d, id, &u, err) != CD_OK)
		return err->status;
	if (!u.locked_at[0] && u.failed == 0)
		return cd_err(err, CD_ECONFLICT, "user",
			      _("The account %s is not locked; nothing was "
				"changed."),
			      id);
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "user:%s", id);
	snprintf(before, sizeof before, "{\"failed\":%d,\"locked\":%s}",
		 u.failed, u.locked_at[0] ? "true" : "false");
	rc = user_set_failed(d->st, id, 0, NULL, err);
	if (rc == CD_OK) /* nor may the unlocker */
		rc = user_set_unlocked_by(d->st, id, d->user.id, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, "user.unlock",
			       object, before, NULL, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Load the bundled bank directory and bill types into a new database. */
static int load_bundled(struct store *st, const struct conf *c, const char *at,
			struct cd_error *err)
{
	struct bank *banks = NULL;
	struct bill_type *types = NULL;
	size_t nb = 0, nt = 0, i;
	char *bpath = conf_data_file(c, "banks.csv");
	char *tpath = conf_data_file(c, "bill-types.csv");
	char summary[96];
	int rc;

	rc = directory_read_banks(bpath, &banks, &nb, err);
	if (rc == CD_OK)
		rc = directory_read_types(tpath, &types, &nt, err);
	for (i = 0; rc == CD_OK && i < nb; i++)
		rc = bank_put(st, &banks[i], err);
	for (i = 0; rc == CD_OK && i < nt; i++)
		rc = billtype_put(st, &types[i], err);
	if (rc == CD_OK) {
		snprintf(summary, sizeof summary,
			 "{\"banks\":%zu,\"bill_types\":%zu}", nb, nt);
		rc = audit_add(st, at, NULL, "directory.load", bpath, NULL,
			       summary, err);
	}
	free(banks);
	free(types);
	free(bpath);
	free(tpath);
	return rc;
}

/* Create the folders leading to PATH that are missing (like mkdir -p),
 * private to the user, as XDG asks for data directories. */
static void make_parent(const char *path)
{
	char *dir = strdup(path), *p;

	if (dir == NULL)
		return;
	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	free(dir);
}

/* Remove a half-made database and its WAL files. */
static void remove_db_files(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char buf[4096];
	size_t i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
		unlink(buf);
	}
}

/* Create a new branch database. */
int desk_init(const char *config_opt, const char *db_opt,
	      const struct init_input *in, struct cd_error *err)
{
	struct conf c;
	struct store *st = NULL;
	struct branch b;
	struct user u;
	struct cd_now now;
	char *after = NULL;
	int rc;

	memset(&b, 0, sizeof b);
	if (conf_load(&c, config_opt, db_opt, err) != CD_OK) {
		conf_free(&c);
		return err->status;
	}
	rc = codeline_check_digits(in->branch_no, 1, CODELINE_BANK_MAX,
				   "branch", _("branch exchange number"), err);
	if (rc == CD_OK)
		rc = text_check(in->branch_name, 1, NAME_MAX_CHARS,
				NAME_MAX_BYTES, "name", _("branch name"), err);
	if (rc == CD_OK)
		rc = make_user(&u, in->supervisor_id, ROLE_SUPERVISOR,
			       in->supervisor_name, in->password, &c.pw_rules,
			       err);
	if (rc == CD_OK)
		rc = clock_now(&now, err);
	if (rc == CD_OK) {
		make_parent(c.db_path);
		st = store_open(c.db_path, STORE_CREATE, err);
		rc = st ? store_begin(st, err) : (int)err->status;
	}
	if (rc == CD_OK) {
		snprintf(b.exchange_no, sizeof b.exchange_no, "%s",
			 in->branch_no);
		snprintf(b.name, sizeof b.name, "%s", in->branch_name);
		snprintf(b.created_at, sizeof b.created_at, "%s", now.stamp);
		rc = branch_put(st, &b, err);
	}
	if (rc == CD_OK) {
		after = json_take_string(cJSON_CreateString(b.name));
		rc = audit_add(st, now.stamp, u.id, "branch.init",
			       b.exchange_no, NULL, after, err);
	}
	if (rc == CD_OK)
		rc = load_bundled(st, &c, now.stamp, err);
	if (rc == CD_OK)
		rc = put_user(st, &u, NULL, now.stamp, err);
	if (rc == CD_OK)
		rc = store_commit(st, err);
	else if (st != NULL)
		store_rollback(st);
	free(after);
	store_close(st);
	if (rc != CD_OK && st != NULL)
		remove_db_files(c.db_path);
	conf_free(&c);
	return rc;
}
