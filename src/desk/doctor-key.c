/* doctor-key.c - the doctor's branch key checks: the key file (set,
 * there, mode 0600, encrypted, not locked), its public half, and its
 * access code when asked to try it (a wrong one is counted). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "doctor-int.h"
#include "i18n.h"
#include "keyfile.h"

/* Try the access code (the key and the database must be usable). */
static void check_access_code(struct doctor_state *s, int usable)
{
	const char *what = _("access code");
	struct cd_error err;
	struct desk d;
	EVP_PKEY *key;

	if (s->o->access_code == NULL) {
		doctor_emit(s, "key", what, DOCTOR_SKIP,
			    _("not tried (chequedesk doctor --check-code tries "
			      "it)"),
			    NULL);
		return;
	}
	if (!usable) {
		doctor_emit(s, "key", what, DOCTOR_SKIP,
			    _("not tried: the key file must be mended first"),
			    NULL);
		return;
	}
	if (!s->db_sound) {
		doctor_emit(s, "key", what, DOCTOR_SKIP,
			    _("not tried: wrong access codes are counted in "
			      "the database, which must be mended first"),
			    NULL);
		return;
	}
	memset(&d, 0, sizeof d);
	d.conf = s->conf;
	d.branch = s->branch;
	if (s->o->user != NULL) /* a wrong code is audited under the name */
		snprintf(d.user.id, sizeof d.user.id, "%s", s->o->user);
	cd_err_clear(&err);
	store_set_centre_key(s->conf.centre_key);
	d.st = store_open(s->conf.db_path, STORE_EXISTING, &err);
	key = d.st ? keyfile_open(&d, s->o->access_code, "doctor", &err) : NULL;
	store_close(d.st);
	if (key != NULL) {
		EVP_PKEY_free(key);
		doctor_emit(s, "key", what, DOCTOR_OK,
			    _("the access code opens the key"), NULL);
		return;
	}
	doctor_emit(s, "key", what, DOCTOR_FAIL, err.msg,
		    err.status == CD_EPERM
			? _("type the access code the key was given when it "
			    "was made or last changed (chequedesk key "
			    "passwd); if nobody knows it, restore a backup "
			    "copy whose code is known: chequedesk key import "
			    "BACKUP")
			: _("see the key file check above"));
}

/* The key file itself: configured, there, readable by this user only,
 * an encrypted key, not locked. 1 when it can be opened. */
static int check_key_file(struct doctor_state *s, struct desk *d,
			  const struct keyfile_info *k)
{
	const char *what = _("key file"), *conf = s->conf.config_path;
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], until[32];
	struct cd_error err;
	size_t n;

	cd_err_clear(&err);
	if (!k->exists && !k->configured) {
		snprintf(detail, sizeof detail,
			 _("No branch key is set up (branch_key is not set in "
			   "%s): batches cannot be signed."),
			 conf);
		snprintf(fix, sizeof fix, "%s", "chequedesk key new");
	} else if (!k->exists) {
		snprintf(detail, sizeof detail,
			 _("There is no branch key file at %s (branch_key): "
			   "batches cannot be signed."),
			 k->path);
		/* TRANSLATORS: the commands stay in English. */
		snprintf(fix, sizeof fix,
			 _("chequedesk key import BACKUP (the backup copy), "
			   "or for a new branch chequedesk key new"));
	} else if (!k->configured) {
		snprintf(detail, sizeof detail,
			 _("There is a key file at %s, but branch_key is not "
			   "set in %s, so chequedesk does not use it."),
			 k->path, conf);
		snprintf(fix, sizeof fix, _("branch_key = %s in %s"), k->path,
			 conf);
	} else if (!k->readable) {
		if (keyfile_check(d, &err) == CD_OK) /* readable after all */
			cd_err_clear(&err);
		snprintf(detail, sizeof detail, "%s", err.msg);
		snprintf(fix, sizeof fix, "sudo chown %s %s && chmod 600 %s",
			 doctor_user(), k->path, k->path);
	} else if ((k->mode & 077) != 0) {
		snprintf(detail, sizeof detail,
			 _("The key file %s has mode %04o: other users may "
			   "read it. It must be 0600."),
			 k->path, k->mode & 07777);
		snprintf(fix, sizeof fix, "chmod 600 %s", k->path);
	} else if (keyfile_check(d, &err) != CD_OK || !k->encrypted) {
		snprintf(detail, sizeof detail, "%s",
			 err.msg[0] ? err.msg
				    : _("The key file does not hold an "
					"encrypted key."));
		snprintf(fix, sizeof fix, "%s", "chequedesk key import BACKUP");
	} else if (keyfile_locked(d, until, sizeof until)) {
		snprintf(detail, sizeof detail,
			 _("The key is locked until %s after %d wrong access "
			   "codes in a row; batches cannot be closed."),
			 until, k->wrong_codes);
		snprintf(fix, sizeof fix,
			 _("wait until %s, then try the right code: "
			   "chequedesk doctor --check-code"),
			 until);
	} else {
		snprintf(detail, sizeof detail, _("%s, mode 0600, encrypted"),
			 k->path);
		n = strlen(detail);
		if (k->created_at[0] != '\0')
			snprintf(detail + n, sizeof detail - n,
				 _("; made %s by %s"), k->created_at,
				 k->created_by[0] ? k->created_by : "?");
		n = strlen(detail);
		if (k->wrong_codes > 0)
			snprintf(detail + n, sizeof detail - n,
				 P_("; %d wrong access code since the last "
				    "right one",
				    "; %d wrong access codes since the last "
				    "right one",
				    k->wrong_codes),
				 k->wrong_codes);
		doctor_emit(s, "key", what, DOCTOR_OK, detail, NULL);
		return 1;
	}
	doctor_emit(s, "key", what, DOCTOR_FAIL, detail, fix);
	return 0;
}

/* The public half beside the key, which the centre registers. */
static void check_public(struct doctor_state *s, const struct keyfile_info *k)
{
	const char *what = _("public key");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], fp[100];
	struct stat sb;

	if (!k->exists) {
		doctor_emit(s, "key", what, DOCTOR_SKIP,
			    _("not checked: there is no key"), NULL);
	} else if (stat(k->pub_path, &sb) != 0) {
		snprintf(detail, sizeof detail,
			 _("The public half %s is missing; the centre needs it "
			   "to check the branch's signatures."),
			 k->pub_path);
		snprintf(fix, sizeof fix, "chequedesk key export --public %s",
			 k->pub_path);
		doctor_emit(s, "key", what, DOCTOR_WARN, detail, fix);
	} else {
		keyfile_fp_groups(k->fingerprint[0] ? k->fingerprint : "?", fp,
				  sizeof fp);
		snprintf(detail, sizeof detail, _("%s, fingerprint %s"),
			 k->pub_path, fp);
		doctor_emit(s, "key", what, DOCTOR_OK, detail, NULL);
	}
}

/* The branch key: the file, its public half, and the access code when
 * asked. */
void doctor_key(struct doctor_state *s)
{
	struct keyfile_info k;
	struct cd_error err;
	struct desk d;
	int usable;

	if (!s->conf_whole) {
		doctor_emit(s, "key", _("key file"), DOCTOR_SKIP,
			    _("not checked: the configuration file must be "
			      "mended first"),
			    NULL);
		return;
	}
	memset(&d, 0, sizeof d);
	memset(&k, 0, sizeof k);
	d.conf = s->conf;
	/* the key's record is in the current schema only */
	d.st = s->db_sound ? s->ro : NULL;
	d.branch = s->branch;
	if (s->o->user != NULL) /* a wrong code is audited under the name */
		snprintf(d.user.id, sizeof d.user.id, "%s", s->o->user);
	cd_err_clear(&err);
	if (keyfile_inspect(&d, &k, &err) != CD_OK) {
		doctor_emit(s, "key", _("key file"), DOCTOR_FAIL, err.msg,
			    _("see the database checks above"));
		return;
	}
	usable = check_key_file(s, &d, &k);
	check_public(s, &k);
	check_access_code(s, usable);
}
