/* keyfile-write.c - making, importing, backing up and re-encrypting the
 * branch key file, and exporting its public half; every file written
 * beside its target and renamed (outfile.c). */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "db-audit.h"
#include "db-key.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile-int.h"
#include "keyfile.h"
#include "outfile.h"

/* Write DATA as PATH (MODE) through a temporary file, over a regular
 * file there only when REPLACE. Returns 0 or an errno value. */
static int write_file(const char *path, const void *data, size_t len,
		      mode_t mode, int replace)
{
	return outfile_write(path, data, len, mode, replace);
}

/* Write DATA to a new temporary file beside PATH, to be checked and then
 * installed with outfile_install. Returns 0 or an errno value. */
static int write_temp(struct outfile *o, const char *path, const void *data,
		      size_t len, int replace)
{
	int e = outfile_open(o, path, 0600, replace);

	if (e != 0)
		return e;
	if (o->direct) {
		outfile_abort(o);
		return EINVAL; /* a key file is a regular file */
	}
	errno = 0;
	if (len > 0 && fwrite(data, 1, len, o->fp) != len) {
		e = errno ? errno : EIO;
		outfile_abort(o);
		return e;
	}
	return outfile_finish(o);
}

/* The message for a file that could not be written. */
static int write_problem(const char *path, int e, struct cd_error *err)
{
	if (outfile_refused(path, e, NULL, err) != CD_OK)
		return err->status;
	return cd_err(err, CD_ECONFIG, NULL,
		      _("Cannot write %s (%s). Nothing was changed; check that "
			"the folder exists, may be written and has room."),
		      path, strerror(e));
}

/* The database record of a key written or imported now. */
static void fill_rec(struct key_rec *rec, const char *fp, const char *path,
		     const char *at, const char *by, const char *source)
{
	memset(rec, 0, sizeof *rec);
	snprintf(rec->fingerprint, sizeof rec->fingerprint, "%s", fp);
	snprintf(rec->path, sizeof rec->path, "%s", path);
	snprintf(rec->created_at, sizeof rec->created_at, "%s", at);
	snprintf(rec->created_by, sizeof rec->created_by, "%s", by);
	snprintf(rec->source, sizeof rec->source, "%s", source);
}

/* An audit row ACTION in a transaction of its own with the record REC
 * (when not NULL); the audit object is the key's fingerprint. */
static int record(struct desk *d, const struct key_rec *rec, const char *action,
		  const char *fp, cJSON *after_o, const char *at,
		  struct cd_error *err)
{
	char object[80], *after = json_take_string(after_o);
	int rc;

	snprintf(object, sizeof object, "key:%s", fp);
	if (store_begin(d->st, err) != CD_OK) {
		free(after);
		return err->status;
	}
	rc = rec ? keyrec_put(d->st, rec, err) : CD_OK;
	if (rc == CD_OK)
		rc = audit_add(d->st, at, d->user.id, action, object, NULL,
			       after, err);
	free(after);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Set branch_key = branch.key when it was not set, and take the path. */
static int configure(struct desk *d, const char *path, int *written,
		     struct cd_error *err)
{
	*written = 0;
	if (d->conf.branch_key[0] != '\0')
		return CD_OK;
	if (conf_write_setting(&d->conf, "branch_key", "branch.key", err) !=
	    CD_OK)
		return err->status;
	snprintf(d->conf.branch_key, sizeof d->conf.branch_key, "%s", path);
	*written = 1;
	return CD_OK;
}

/* Refuse to put a key where one is: name it and what to do. */
static int key_there(struct desk *d, const char *path, const char *pub,
		     const char *action, struct cd_error *err)
{
	char fp[SIGN_HEX_LEN], groups[96];
	struct key_rec rec;
	struct cd_error e;

	if (kf_get_rec(d, &rec, &e) != CD_OK)
		memset(&rec, 0, sizeof rec);
	kf_known_fingerprint(&rec, path, pub, fp);
	keyfile_fp_groups(fp[0] ? fp : "?", groups, sizeof groups);
	if (strcmp(action, "key.import") == 0 && fp[0] == '\0')
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("There is already a file at %s, and which key it holds "
		      "is not known (no record, no public half). Nothing was "
		      "changed. If it is not needed, move it away (mv %s "
		      "%s.old) and import again."),
		    path, path, path);
	if (strcmp(action, "key.import") == 0)
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("There is already a different branch key at %s "
		      "(fingerprint %s); it was not replaced. If the centre "
		      "now knows the key you are importing, move the old file "
		      "away first (mv %s %s.old) and import again."),
		    path, groups, path, path);
	return cd_err(
	    err, CD_ECONFLICT, NULL,
	    _("There is already a branch key at %s (fingerprint %s); it was "
	      "not touched. 'chequedesk key show' describes it and "
	      "'chequedesk key passwd' changes its access code. A new key "
	      "must be registered with the centre again; if that is really "
	      "wanted, move the old file away first (mv %s %s.old)."),
	    path, groups, path, path);
}

/* Fill OUT after a key was put at PATH. */
static void describe(struct desk *d, struct keyfile_info *out)
{
	struct cd_error e;

	if (keyfile_inspect(d, out, &e) != CD_OK)
		out->exists = 1;
}

/* Make a new key. */
int keyfile_new(struct desk *d, const char *access_code,
		struct keyfile_info *out, struct cd_error *err)
{
	char path[512], pub[512], fp[SIGN_HEX_LEN], *pem = NULL, *pubpem = NULL;
	struct key_rec rec;
	struct cd_now now;
	struct stat st;
	EVP_PKEY *key = NULL;
	int e, wrote_conf = 0, rc;
	cJSON *o;

	memset(out, 0, sizeof *out);
	if (desk_require(d, PERM_SETUP, "key.new", err) != CD_OK ||
	    keyfile_check_code(access_code, err) != CD_OK ||
	    clock_now(&now, err) != CD_OK)
		return err->status;
	keyfile_paths(&d->conf, path, sizeof path, pub, sizeof pub);
	if (lstat(path, &st) == 0)
		return key_there(d, path, pub, "key.new", err);
	/* the default place is beside the configuration, maybe not made yet */
	if (d->conf.branch_key[0] == '\0' &&
	    conf_make_dir(&d->conf, err) != CD_OK)
		return err->status;
	key = sign_generate(err);
	if (key == NULL)
		return err->status;
	pem = sign_private_pem(key, access_code);
	pubpem = sign_public_pem(key);
	sign_fingerprint(key, fp);
	EVP_PKEY_free(key);
	if (pem == NULL || pubpem == NULL || fp[0] == '\0') {
		rc = cd_err(err, CD_EFAIL, NULL,
			    _("OpenSSL could not write the new key. Nothing "
			      "was changed; report this to branch IT."));
		goto out;
	}
	e = write_file(path, pem, strlen(pem), 0600, 0);
	if (e == EEXIST) {
		rc = key_there(d, path, pub, "key.new", err);
		goto out;
	}
	if (e != 0) {
		rc = write_problem(path, e, err);
		goto out;
	}
	e = write_file(pub, pubpem, strlen(pubpem), 0644, 1);
	if (e != 0) {
		unlink(path);
		rc = write_problem(pub, e, err);
		goto out;
	}
	if (configure(d, path, &wrote_conf, err) != CD_OK) {
		unlink(path);
		unlink(pub);
		rc = err->status;
		goto out;
	}
	fill_rec(&rec, fp, path, now.stamp, d->user.id, "new");
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "fingerprint", fp);
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "public", pub);
	cJSON_AddBoolToObject(o, "configured", wrote_conf);
	rc = record(d, &rec, "key.new", fp, o, now.stamp, err);
	if (rc != CD_OK) {
		unlink(path);
		unlink(pub);
		goto out;
	}
	describe(d, out);
out:
	if (pem != NULL)
		kf_drop(pem, strlen(pem));
	free(pubpem);
	return rc;
}

/* Compare the file at PATH with DATA byte for byte (after dropping it
 * from the cache where the system allows). */
static int same_bytes(const char *path, const char *data, size_t len)
{
	char *back;
	size_t n;
	int fd, same;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
#ifdef POSIX_FADV_DONTNEED
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
#endif
		close(fd);
	}
	if (kf_slurp(path, &back, &n) != 0)
		return 0;
	same = n == len && memcmp(back, data, len) == 0;
	kf_drop(back, n);
	return same;
}

/* Copy the key file to DEST. */
int keyfile_backup(struct desk *d, const char *dest, char *where, size_t len,
		   struct cd_error *err)
{
	char to[600], fp[SIGN_HEX_LEN], *data = NULL, keyp[512], pub[512];
	const char *path = d->conf.branch_key, *base;
	struct stat st, kst;
	size_t dl;
	struct key_rec rec;
	struct cd_now now;
	size_t n = 0;
	int e, rc;
	cJSON *o;

	if (desk_require(d, PERM_SETUP, "key.backup", err) != CD_OK)
		return err->status;
	if (path[0] == '\0')
		return kf_not_configured(d, err);
	if (dest == NULL || dest[0] == '\0')
		return cd_err(err, CD_EUSAGE, "backup",
			      _("Give the path of the backup copy, e.g. a file "
				"on a USB stick: /media/usb/branch.key"));
	if (kf_check_file(path, &data, &n, err) != CD_OK)
		return err->status;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dl = strlen(dest);
	while (dl > 1 && dest[dl - 1] == '/')
		dl--;
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(to, sizeof to, "%.*s/%s", (int)dl, dest, base);
	else
		snprintf(to, sizeof to, "%s", dest);
	snprintf(where, len, "%s", to);
	if (stat(to, &st) == 0 && stat(path, &kst) == 0 &&
	    st.st_dev == kst.st_dev && st.st_ino == kst.st_ino) {
		rc = cd_err(err, CD_EINVAL, "backup",
			    _("%s is the key file itself. A backup copy must "
			      "be somewhere else, best on a USB stick kept "
			      "locked away."),
			    to);
		goto out;
	}
	e = write_file(to, data, n, 0600, 0);
	if (e == EEXIST && !same_bytes(to, data, n)) {
		rc = cd_err(err, CD_ECONFLICT, "backup",
			    _("There is already a different file at %s; it was "
			      "not replaced. Give another name for the backup "
			      "copy."),
			    to);
		goto out;
	}
	if (e == ELOOP || e == EISDIR) {
		rc = outfile_refused(to, e, "backup", err);
		goto out;
	}
	if (e != 0 && e != EEXIST) {
		rc = cd_err(err, CD_ECONFIG, "backup",
			    _("Cannot write the backup copy %s (%s). Check "
			      "that the USB stick or folder is there and may "
			      "be written, then try again."),
			    to, strerror(e));
		goto out;
	}
	if (!same_bytes(to, data, n)) {
		rc = cd_err(err, CD_ECONFIG, "backup",
			    _("The backup copy %s does not read back the same "
			      "as the key file: the disk or stick may be "
			      "faulty. Use another one."),
			    to);
		goto out;
	}
	if (kf_get_rec(d, &rec, err) != CD_OK ||
	    clock_now(&now, err) != CD_OK) {
		rc = err->status;
		goto out;
	}
	keyfile_paths(&d->conf, keyp, sizeof keyp, pub, sizeof pub);
	kf_known_fingerprint(&rec, path, pub, fp);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "copy", to);
	cJSON_AddStringToObject(o, "file", path);
	rc = record(d, NULL, "key.backup", fp, o, now.stamp, err);
out:
	kf_drop(data, n);
	return rc;
}

/* The message for a file to import that cannot be used. */
static int import_problem(const char *file, enum kind k, int e,
			  struct cd_error *err)
{
	if (e == ENOENT)
		return cd_err(err, CD_ENOTFOUND, NULL,
			      _("There is no file %s. Give the path of the key "
				"file you brought, e.g. the backup copy on the "
				"USB stick."),
			      file);
	if (e != 0)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s cannot be read (%s). Check the file and "
				"its permissions."),
			      file, strerror(e));
	if (k == K_PLAIN)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s holds a private key without an access code; only "
		      "encrypted PKCS#8 key files are taken. Encrypt it first "
		      "(openssl pkcs8 -topk8 -v2 aes-256-cbc -in %s -out "
		      "NEW.key) and import NEW.key."),
		    file, file);
	if (k == K_PUBLIC)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s holds only a public key. Import the "
				"private key file (the backup copy of "
				"branch.key)."),
			      file);
	return cd_err(err, CD_ECONFIG, NULL,
		      _("%s is not an encrypted key file, or it is damaged. "
			"Import another backup copy of the branch key."),
		      file);
}

/* Take FILE as the branch key. */
int keyfile_import(struct desk *d, const char *file, const char *access_code,
		   struct keyfile_info *out, struct cd_error *err)
{
	char path[512], pub[512], fp[SIGN_HEX_LEN], old[SIGN_HEX_LEN];
	char *data = NULL, *pubpem = NULL;
	struct outfile of;
	struct key_rec rec;
	struct cd_now now;
	struct stat st;
	EVP_PKEY *key = NULL, *check;
	size_t n = 0;
	int e, k, replace = 0, wrote_conf = 0, rc;
	cJSON *o;

	memset(out, 0, sizeof *out);
	if (desk_require(d, PERM_SETUP, "key.import", err) != CD_OK ||
	    clock_now(&now, err) != CD_OK || kf_get_rec(d, &rec, err) != CD_OK)
		return err->status;
	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode))
		return import_problem(file, K_DAMAGED, EISDIR, err);
	e = kf_slurp(file, &data, &n);
	k = e == 0 ? (int)kf_classify(data, n) : K_DAMAGED;
	if (e == EFBIG)
		e = 0;
	if (e != 0 || k != K_ENCRYPTED) {
		kf_drop(data, n);
		return import_problem(file, (enum kind)k, e, err);
	}
	key = sign_load_private(file, access_code ? access_code : "", err);
	if (key == NULL && err->status == CD_EPERM) {
		desk_audit_alone(d, d->user.id, "key.wrong-code", "key.import",
				 NULL);
		rc = cd_err(err, CD_EPERM, "access_code",
			    _("The access code for %s is wrong: it is the code "
			      "the key had when that file was made or last "
			      "changed. Nothing was imported."),
			    file);
		goto out;
	}
	if (key == NULL) {
		rc = err->status;
		goto out;
	}
	sign_fingerprint(key, fp);
	pubpem = sign_public_pem(key);
	keyfile_paths(&d->conf, path, sizeof path, pub, sizeof pub);
	if (lstat(path, &st) == 0) {
		kf_known_fingerprint(&rec, path, pub, old);
		if (old[0] == '\0' || strcmp(old, fp) != 0) {
			rc = key_there(d, path, pub, "key.import", err);
			goto out;
		}
		replace = 1; /* the same key again, e.g. over a damaged copy */
	}
	if (pubpem == NULL || fp[0] == '\0') {
		rc = cd_err(err, CD_EFAIL, NULL,
			    _("OpenSSL could not read the key's public half. "
			      "Nothing was changed; report this to branch "
			      "IT."));
		goto out;
	}
	if (d->conf.branch_key[0] == '\0' &&
	    conf_make_dir(&d->conf, err) != CD_OK) {
		rc = err->status;
		goto out;
	}
	/* the very bytes to be installed must open to the same key */
	e = write_temp(&of, path, data, n, replace);
	if (e != 0) {
		rc = write_problem(path, e, err);
		goto out;
	}
	check = sign_load_private(of.tmp, access_code ? access_code : "", err);
	if (check != NULL) {
		sign_fingerprint(check, old);
		EVP_PKEY_free(check);
	}
	if (check == NULL || strcmp(old, fp) != 0) {
		unlink(of.tmp);
		rc = cd_err(
		    err, CD_ECONFIG, NULL,
		    _("The copy of %s written beside %s does not read back as "
		      "the same key; the disk may be faulty. Nothing was "
		      "changed; check the disk (chequedesk doctor) and import "
		      "again, or report this to branch IT."),
		    file, path);
		goto out;
	}
	e = outfile_install(&of);
	if (e == EEXIST) {
		rc = key_there(d, path, pub, "key.import", err);
		goto out;
	}
	if (e == 0)
		e = write_file(pub, pubpem, strlen(pubpem), 0644, 1);
	if (e != 0) {
		if (!replace)
			unlink(path);
		rc = write_problem(path, e, err);
		goto out;
	}
	if (configure(d, path, &wrote_conf, err) != CD_OK) {
		rc = err->status;
		goto out;
	}
	fill_rec(&rec, fp, path, now.stamp, d->user.id, "import");
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "fingerprint", fp);
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "from", file);
	cJSON_AddBoolToObject(o, "again", replace);
	cJSON_AddBoolToObject(o, "configured", wrote_conf);
	rc = record(d, &rec, "key.import", fp, o, now.stamp, err);
	if (rc == CD_OK)
		describe(d, out);
out:
	EVP_PKEY_free(key);
	kf_drop(data, n);
	free(pubpem);
	return rc;
}

/* Change the access code. */
int keyfile_passwd(struct desk *d, const char *old_code, const char *new_code,
		   struct cd_error *err)
{
	const char *path = d->conf.branch_key;
	char fp[SIGN_HEX_LEN], fp2[SIGN_HEX_LEN], *pem, *after;
	char object[80];
	struct outfile of;
	struct cd_now now;
	EVP_PKEY *key, *check;
	cJSON *o;
	int e, rc;

	if (desk_require(d, PERM_SETUP, "key.passwd", err) != CD_OK ||
	    keyfile_check_code(new_code, err) != CD_OK)
		return err->status;
	if (old_code != NULL && strcmp(old_code, new_code) == 0)
		return cd_err(
		    err, CD_EINVAL, "access_code",
		    _("The new access code is the same as the old one. Nothing "
		      "was changed; choose a different code."));
	key = keyfile_open(d, old_code, "key.passwd", err);
	if (key == NULL)
		return err->status;
	sign_fingerprint(key, fp);
	pem = sign_private_pem(key, new_code);
	EVP_PKEY_free(key);
	if (pem == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("OpenSSL could not encrypt the key. Nothing "
				"was changed; report this to branch IT."));
	e = write_temp(&of, path, pem, strlen(pem), 1);
	kf_drop(pem, strlen(pem));
	if (e != 0)
		return write_problem(path, e, err);
	check = sign_load_private(of.tmp, new_code, err);
	fp2[0] = '\0';
	if (check != NULL)
		sign_fingerprint(check, fp2);
	EVP_PKEY_free(check);
	if (strcmp(fp, fp2) != 0) {
		unlink(of.tmp);
		return cd_err(err, CD_EFAIL, NULL,
			      _("The key written with the new access code does "
				"not read back; nothing was changed. Report "
				"this to branch IT."));
	}
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK) {
		unlink(of.tmp);
		return err->status;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "fingerprint", fp);
	cJSON_AddStringToObject(o, "path", path);
	after = json_take_string(o);
	snprintf(object, sizeof object, "key:%s", fp);
	rc = audit_add(d->st, now.stamp, d->user.id, "key.passwd", object, NULL,
		       after, err);
	free(after);
	if (rc == CD_OK) {
		e = outfile_install(&of);
		if (e != 0)
			rc = write_problem(path, e, err);
	} else {
		unlink(of.tmp);
	}
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	return store_commit(d->st, err);
}

/* Write the public half to FILE. */
int keyfile_export_public(struct desk *d, const char *file, int force,
			  const char *access_code, char fp[SIGN_HEX_LEN],
			  struct cd_error *err)
{
	char path[512], pub[512], *pem = NULL, *data;
	struct key_rec rec;
	struct stat st, kst;
	struct cd_error e;
	EVP_PKEY *key = NULL;
	size_t n;
	int rc = CD_OK, from_private = 0, w;

	fp[0] = '\0';
	if (desk_require(d, PERM_SETUP, "key.export", err) != CD_OK ||
	    kf_get_rec(d, &rec, err) != CD_OK)
		return err->status;
	keyfile_paths(&d->conf, path, sizeof path, pub, sizeof pub);
	if (stat(file, &st) == 0) {
		if (S_ISDIR(st.st_mode) ||
		    (stat(path, &kst) == 0 && st.st_dev == kst.st_dev &&
		     st.st_ino == kst.st_ino))
			return cd_err(
			    err, CD_ECONFLICT, "public",
			    _("%s is the key file itself or a folder; "
			      "give a new file name for the public "
			      "key, e.g. branch-0202.pub."),
			    file);
		/* only a file: reading a pipe (/dev/stdout) would wait */
		if (S_ISREG(st.st_mode) && kf_slurp(file, &data, &n) == 0) {
			w = kf_has(data, n, "PRIVATE KEY");
			kf_drop(data, n);
			if (w)
				return cd_err(
				    err, CD_ECONFLICT, "public",
				    _("%s holds a private key; it was not "
				      "overwritten. Give a new file name for "
				      "the public key."),
				    file);
		}
	}
	w = outfile_check(file, force);
	if (w != 0 && outfile_refused(file, w, "public", err) != CD_OK)
		return err->status;
	key = stat(pub, &kst) == 0 ? sign_load_public(pub, &e) : NULL;
	if (key != NULL) {
		sign_fingerprint(key, fp);
		if (rec.fingerprint[0] && strcmp(rec.fingerprint, fp) != 0) {
			EVP_PKEY_free(key);
			key = NULL;
		}
	}
	if (key == NULL) {
		if (access_code == NULL)
			return cd_err(err, CD_EPERM, "access_code",
				      _("The public half %s is missing or does "
					"not match the key; the key's access "
					"code is needed to take it from %s."),
				      pub, path);
		key = keyfile_open(d, access_code, "key.export", err);
		if (key == NULL)
			return err->status;
		sign_fingerprint(key, fp);
		from_private = 1;
	}
	pem = sign_public_pem(key);
	EVP_PKEY_free(key);
	if (pem == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("OpenSSL could not write the public key. "
				"Report this to branch IT."));
	/* a device or pipe (/dev/stdout) is written as it is, never
	 * replaced; a file only when new or FORCE */
	w = write_file(file, pem, strlen(pem), 0644, force);
	if (w != 0 && outfile_refused(file, w, "public", err) != CD_OK)
		rc = err->status;
	else if (w != 0)
		rc = write_problem(file, w, err);
	else if (from_private)
		/* mend the public half beside the key while at it */
		(void)write_file(pub, pem, strlen(pem), 0644, 1);
	free(pem);
	return rc;
}
