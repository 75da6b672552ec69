/* keyfile.c - the branch key file: where it is, what is wrong with it,
 * opening it with its access code (wrong codes counted, audited and, after
 * too many, locked for a while), and making, importing, backing up and
 * re-encrypting it, every file written beside its target and renamed. */
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
#include "keyfile.h"
#include "outfile.h"

#define KEYFILE_MAX_BYTES 65536 /* a key file is well under 1 kB */

/* What a file holds, judged without its access code. */
enum kind {
	K_ENCRYPTED, /* an encrypted PKCS#8 PEM block */
	K_EMPTY,
	K_TRUNCATED, /* the PEM block is cut short */
	K_DAMAGED,   /* not a key file, or a PEM block that does not parse */
	K_PLAIN,     /* a private key without an access code */
	K_PUBLIC,    /* only a public key */
};

/* 1 when NEEDLE occurs in the LEN bytes at DATA. */
static int has(const char *data, size_t len, const char *needle)
{
	return memmem(data, len, needle, strlen(needle)) != NULL;
}

/* Judge the contents of a key file. */
static enum kind classify(const char *data, size_t len)
{
	X509_SIG *p8;
	BIO *b;

	if (len == 0)
		return K_EMPTY;
	if (has(data, len, "-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
		if (!has(data, len, "-----END ENCRYPTED PRIVATE KEY-----"))
			return K_TRUNCATED;
		b = BIO_new_mem_buf(data, (int)len);
		p8 = b ? PEM_read_bio_PKCS8(b, NULL, NULL, NULL) : NULL;
		BIO_free(b);
		ERR_clear_error();
		if (p8 == NULL)
			return K_DAMAGED;
		X509_SIG_free(p8);
		return K_ENCRYPTED;
	}
	if (has(data, len, "Proc-Type: 4,ENCRYPTED"))
		return K_DAMAGED; /* OpenSSL's old format, not PKCS#8 */
	if (has(data, len, "PRIVATE KEY-----"))
		return K_PLAIN;
	if (has(data, len, "-----BEGIN PUBLIC KEY-----"))
		return K_PUBLIC;
	return K_DAMAGED;
}

/* Name in KDF (LEN bytes) how the access code of the encrypted PKCS#8 key
 * in DATA is stretched; 1 when that is cheap to guess (PBKDF2 under
 * 600,000 iterations, scrypt under N=2^14, anything else). */
static int judge_kdf(const char *data, size_t len, char *kdf, size_t kdflen)
{
	const X509_ALGOR *alg = NULL;
	PBE2PARAM *pbe2 = NULL;
	PBKDF2PARAM *kdp = NULL;
	SCRYPT_PARAMS *sp = NULL;
	X509_SIG *p8;
	uint64_t n = 0;
	long iter = 0;
	int nid = NID_undef, weak = 1;
	BIO *b = BIO_new_mem_buf(data, (int)len);

	p8 = b ? PEM_read_bio_PKCS8(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	if (p8 != NULL)
		X509_SIG_get0(p8, &alg, NULL);
	if (alg != NULL && OBJ_obj2nid(alg->algorithm) == NID_pbes2)
		pbe2 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM),
						 alg->parameter);
	if (pbe2 != NULL)
		nid = OBJ_obj2nid(pbe2->keyfunc->algorithm);
	if (nid == NID_id_scrypt)
		sp = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(SCRYPT_PARAMS),
					       pbe2->keyfunc->parameter);
	else if (nid == NID_id_pbkdf2)
		kdp = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBKDF2PARAM),
						pbe2->keyfunc->parameter);
	if (sp != NULL && ASN1_INTEGER_get_uint64(&n, sp->costParameter) == 1) {
		snprintf(kdf, kdflen, "scrypt");
		weak = n < SIGN_SCRYPT_N;
	} else if (kdp != NULL && (iter = ASN1_INTEGER_get(kdp->iter)) > 0) {
		snprintf(kdf, kdflen, "pbkdf2-%ld", iter);
		weak = iter < 600000;
	} else {
		snprintf(kdf, kdflen, "other");
	}
	SCRYPT_PARAMS_free(sp);
	PBKDF2PARAM_free(kdp);
	PBE2PARAM_free(pbe2);
	X509_SIG_free(p8);
	ERR_clear_error();
	return weak;
}

/* Read the file at PATH (at most KEYFILE_MAX_BYTES) into a new buffer.
 * Returns 0, or an errno value (EFBIG for a file too large to be a key). */
static int slurp(const char *path, char **data, size_t *len)
{
	char *buf = malloc(KEYFILE_MAX_BYTES + 1);
	size_t n = 0;
	ssize_t r;
	int fd, e = 0;

	*data = NULL;
	*len = 0;
	if (buf == NULL)
		return ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		free(buf);
		return e;
	}
	while (n <= KEYFILE_MAX_BYTES &&
	       (r = read(fd, buf + n, KEYFILE_MAX_BYTES + 1 - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	if (e == 0 && n > KEYFILE_MAX_BYTES)
		e = EFBIG;
	if (e != 0) {
		free(buf);
		return e;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* Overwrite and free a buffer that held key material. */
static void drop(char *data, size_t len)
{
	if (data != NULL) {
		OPENSSL_cleanse(data, len);
		free(data);
	}
}

/* The name of user UID, or its number, into BUF. */
static const char *user_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%lu", (unsigned long)uid);
	return buf;
}

/* The message for a branch key file at PATH that cannot be opened (errno
 * E after stat ST, which is valid when E is not ENOENT). */
static int open_problem(const char *path, int e, const struct stat *st,
			struct cd_error *err)
{
	char owner[64], me[64];

	if (e == ENOENT)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("There is no branch key file at %s. If it was moved or "
		      "lost, restore its backup copy with 'chequedesk key "
		      "import BACKUP'; for a new branch make one with "
		      "'chequedesk key new' (a new key must then be "
		      "registered with the clearing centre)."),
		    path);
	if (e == EACCES || e == EPERM)
		/* TRANSLATORS: "cannot be read by user cd (it belongs to
		 * root, mode 0600). As root: chown cd FILE; chmod 600 FILE" */
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The branch key file %1$s cannot be read by "
				"user %2$s (it belongs to %3$s, mode %4$04o). "
				"Let branch IT give it to that user: chown "
				"%2$s %1$s; chmod 600 %1$s"),
			      path, user_name(geteuid(), me, sizeof me),
			      user_name(st->st_uid, owner, sizeof owner),
			      (unsigned)(st->st_mode & 07777));
	if (e == EISDIR)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s is a folder, not the branch key file. Set "
				"branch_key in the configuration to the key "
				"file itself."),
			      path);
	return cd_err(err, CD_ECONFIG, NULL,
		      _("The branch key file %s cannot be read (%s). Check "
			"branch_key in the configuration and the disk."),
		      path, strerror(e));
}

/* The message for a branch key file whose contents are of kind K. */
static int kind_problem(const char *path, enum kind k, struct cd_error *err)
{
	switch (k) {
	case K_ENCRYPTED:
		return CD_OK;
	case K_EMPTY:
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The branch key file %s is empty. Restore it "
				"from its backup copy: chequedesk key import "
				"BACKUP"),
			      path);
	case K_TRUNCATED:
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("The branch key file %s is cut short (damaged). "
		      "Restore it from its backup copy: chequedesk "
		      "key import BACKUP"),
		    path);
	case K_PLAIN:
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("The branch key file %s holds a private key without an "
		      "access code; chequedesk does not use such a file, as "
		      "anyone who copies it could sign batches. Restore the "
		      "protected backup copy (chequedesk key import BACKUP), "
		      "or encrypt this one with an access code: openssl pkcs8 "
		      "-topk8 -v2 aes-256-cbc -in %s -out NEW.key, then "
		      "chequedesk key import NEW.key (it takes this file's "
		      "place)."),
		    path, path);
	case K_PUBLIC:
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The branch key file %s holds only a public "
				"key; signing needs the private key. Restore "
				"it from its backup copy: chequedesk key "
				"import BACKUP"),
			      path);
	case K_DAMAGED:
		break;
	}
	return cd_err(err, CD_ECONFIG, NULL,
		      _("%s is not a readable branch key file (it is damaged "
			"or another kind of file). Restore it from its backup "
			"copy: chequedesk key import BACKUP"),
		      path);
}

/* Read the branch key file at PATH and check it holds an encrypted key;
 * its contents in *DATA (NULL allowed). */
static int check_file(const char *path, char **data, size_t *len,
		      struct cd_error *err)
{
	struct stat st;
	char *buf;
	size_t n;
	int e;

	if (data != NULL)
		*data = NULL;
	if (stat(path, &st) != 0)
		return open_problem(path, errno, &st, err);
	if (S_ISDIR(st.st_mode))
		return open_problem(path, EISDIR, &st, err);
	e = slurp(path, &buf, &n);
	if (e == EFBIG)
		return kind_problem(path, K_DAMAGED, err);
	if (e != 0)
		return open_problem(path, e, &st, err);
	e = kind_problem(path, classify(buf, n), err);
	if (e != CD_OK || data == NULL) {
		drop(buf, n);
		return e;
	}
	*data = buf;
	*len = n;
	return CD_OK;
}

/* The key file's path and its public half's. */
void keyfile_paths(const struct conf *c, char *path, size_t len, char *pub,
		   size_t publen)
{
	const char *slash =
	    c->config_path ? strrchr(c->config_path, '/') : NULL;
	size_t n;

	if (c->branch_key[0] != '\0')
		snprintf(path, len, "%s", c->branch_key);
	else if (slash != NULL)
		snprintf(path, len, "%.*s/branch.key",
			 (int)(slash - c->config_path), c->config_path);
	else
		snprintf(path, len, "branch.key");
	n = strlen(path);
	if (n > 4 && strcmp(path + n - 4, ".key") == 0)
		snprintf(pub, publen, "%.*s.pub", (int)(n - 4), path);
	else
		snprintf(pub, publen, "%s.pub", path);
}

/* The fingerprint of the public key in the file PUB, or "". */
static void pub_fingerprint(const char *pub, char fp[SIGN_HEX_LEN])
{
	struct cd_error e;
	EVP_PKEY *k;
	struct stat st;

	fp[0] = '\0';
	if (stat(pub, &st) != 0)
		return;
	k = sign_load_public(pub, &e);
	if (k != NULL)
		sign_fingerprint(k, fp);
	EVP_PKEY_free(k);
}

/* The fingerprint of the key at PATH as far as it can be known without
 * its access code: the record when it is about PATH, the public half,
 * an unprotected key itself, then the record whatever its path. */
static void known_fingerprint(const struct key_rec *rec, const char *path,
			      const char *pub, char fp[SIGN_HEX_LEN])
{
	struct cd_error e;
	EVP_PKEY *k;
	char *data;
	size_t n;

	if (rec->fingerprint[0] && strcmp(rec->path, path) == 0) {
		snprintf(fp, SIGN_HEX_LEN, "%s", rec->fingerprint);
		return;
	}
	pub_fingerprint(pub, fp);
	if (fp[0])
		return;
	if (slurp(path, &data, &n) == 0) {
		if (classify(data, n) == K_PLAIN) {
			k = sign_private_from_pem(data, n, &e);
			if (k != NULL)
				sign_fingerprint(k, fp);
			EVP_PKEY_free(k);
		}
		drop(data, n);
	}
	if (!fp[0])
		snprintf(fp, SIGN_HEX_LEN, "%s", rec->fingerprint);
}

/* The record, or an empty one without a database. */
static int get_rec(struct desk *d, struct key_rec *rec, struct cd_error *err)
{
	memset(rec, 0, sizeof *rec);
	if (d->st == NULL)
		return CD_OK;
	return keyrec_get(d->st, rec, err);
}

/* Look at the key file and its record. */
int keyfile_inspect(struct desk *d, struct keyfile_info *out,
		    struct cd_error *err)
{
	struct key_rec rec;
	struct stat st;
	char *data;
	size_t n;
	int fd;

	memset(out, 0, sizeof *out);
	keyfile_paths(&d->conf, out->path, sizeof out->path, out->pub_path,
		      sizeof out->pub_path);
	out->configured = d->conf.branch_key[0] != '\0';
	if (get_rec(d, &rec, err) != CD_OK)
		return err->status;
	if (stat(out->path, &st) == 0) {
		out->exists = 1;
		out->mode = (unsigned)(st.st_mode & 07777);
		fd = S_ISREG(st.st_mode) ? open(out->path, O_RDONLY | O_CLOEXEC)
					 : -1;
		out->readable = fd >= 0;
		if (fd >= 0)
			close(fd);
		if (out->readable && slurp(out->path, &data, &n) == 0) {
			out->encrypted = classify(data, n) == K_ENCRYPTED;
			if (out->encrypted)
				out->weak_kdf = judge_kdf(data, n, out->kdf,
							  sizeof out->kdf);
			drop(data, n);
		}
	}
	known_fingerprint(&rec, out->path, out->pub_path, out->fingerprint);
	snprintf(out->created_at, sizeof out->created_at, "%s", rec.created_at);
	snprintf(out->created_by, sizeof out->created_by, "%s", rec.created_by);
	snprintf(out->source, sizeof out->source, "%s", rec.source);
	out->wrong_codes = rec.wrong_codes;
	return CD_OK;
}

/* Refuse when branch_key is not set: say where the default file would be
 * and how to get one. */
static int not_configured(struct desk *d, struct cd_error *err)
{
	char path[512], pub[512];
	struct stat st;

	keyfile_paths(&d->conf, path, sizeof path, pub, sizeof pub);
	if (stat(path, &st) == 0)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("No branch key is set up: branch_key is not "
		      "set in %s. There is a key file at %s; if it is "
		      "this branch's, add the line 'branch_key = "
		      "branch.key' to the configuration, or take it "
		      "in with 'chequedesk key import %s'."),
		    d->conf.config_path, path, path);
	return cd_err(err, CD_ECONFIG, NULL,
		      _("No branch key is set up: branch_key is not set in %s. "
			"Make the branch key with 'chequedesk key new', or "
			"bring it from the old terminal with 'chequedesk key "
			"import FILE'."),
		      d->conf.config_path);
}

/* Check the key file without its access code. */
int keyfile_check(struct desk *d, struct cd_error *err)
{
	if (d->conf.branch_key[0] == '\0')
		return not_configured(d, err);
	return check_file(d->conf.branch_key, NULL, NULL, err);
}

/* Parse an ISO 8601 stamp with offset into seconds since the epoch (UTC)
 * and the offset in seconds. */
static int stamp_parse(const char *s, long long *utc, long *off)
{
	int y, mo, d, h, mi, se, oh, om;
	char sign;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d%2d", &y, &mo, &d, &h, &mi,
		   &se, &sign, &oh, &om) != 9 ||
	    (sign != '+' && sign != '-') ||
	    !cd_date_valid((struct cd_date){y, mo, d}))
		return -1;
	*off = (sign == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	*utc = cd_date_to_days((struct cd_date){y, mo, d}) * 86400LL +
	       h * 3600LL + mi * 60LL + se - *off;
	return 0;
}

/* 1 when REC's wrong codes lock the key at NOW; UNTIL gets the end of the
 * lock in the local time of the last wrong code. */
static int lock_until(const struct key_rec *rec, const struct cd_now *now,
		      char *until, size_t len)
{
	long long last, t, end;
	long off, off_now;
	time_t local;
	struct tm tm;

	if (rec->wrong_codes < KEYFILE_MAX_WRONG ||
	    stamp_parse(rec->last_wrong_at, &last, &off) != 0 ||
	    stamp_parse(now->stamp, &t, &off_now) != 0)
		return 0;
	end = last + KEYFILE_LOCK_MINUTES * 60;
	if (t >= end)
		return 0;
	local = (time_t)(end + off);
	gmtime_r(&local, &tm);
	if (tm.tm_year + 1900 == now->date.year &&
	    tm.tm_mon + 1 == now->date.month && tm.tm_mday == now->date.day)
		strftime(until, len, "%H:%M", &tm);
	else
		strftime(until, len, "%Y-%m-%d %H:%M", &tm);
	return 1;
}

/* Whether wrong access codes lock the key now. */
int keyfile_locked(struct desk *d, char *until, size_t len)
{
	struct cd_error e;
	struct key_rec rec;
	struct cd_now now;

	until[0] = '\0';
	if (d->st == NULL || keyrec_get(d->st, &rec, &e) != CD_OK ||
	    clock_now(&now, &e) != CD_OK)
		return 0;
	return lock_until(&rec, &now, until, len);
}

/* Count a wrong access code for PURPOSE in one transaction with its audit
 * row, and say so plainly. */
static int wrong_code(struct desk *d, const char *path, const char *purpose,
		      struct cd_error *err)
{
	struct key_rec rec;
	struct cd_error e;
	struct cd_now now;
	char until[32] = "", *after, by[USER_ID_MAX + 32];
	cJSON *o;
	int n;

	cd_err_clear(&e);
	if (get_rec(d, &rec, &e) != CD_OK)
		memset(&rec, 0, sizeof rec);
	n = rec.wrong_codes + 1;
	if (d->st != NULL && clock_now(&now, &e) == CD_OK &&
	    store_begin(d->st, &e) == CD_OK) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "wrong_codes", n);
		cJSON_AddStringToObject(o, "file", path);
		after = json_take_string(o);
		if (keyrec_wrong(d->st, now.stamp, &e) != CD_OK ||
		    audit_add(
			d->st, now.stamp, d->user.id[0] ? d->user.id : NULL,
			"key.wrong-code", purpose, NULL, after, &e) != CD_OK ||
		    store_commit(d->st, &e) != CD_OK)
			store_rollback(d->st);
		free(after);
		rec.wrong_codes = n;
		snprintf(rec.last_wrong_at, sizeof rec.last_wrong_at, "%s",
			 now.stamp);
		lock_until(&rec, &now, until, sizeof until);
	}
	if (rec.created_by[0])
		snprintf(by, sizeof by, "%s", rec.created_by);
	else
		/* TRANSLATORS: who chose the access code when unknown. */
		snprintf(by, sizeof by, "%s", _("whoever made the key"));
	if (until[0])
		/* TRANSLATORS: %1$s the file, %2$d the count (5 or more),
		 * %3$s the time the lock ends, %4$s who set the code. */
		return cd_err(
		    err, CD_EPERM, "access_code",
		    _("The access code for the branch key file %1$s is wrong "
		      "(%2$d wrong codes in a row). Nothing was done, and the "
		      "key cannot be tried again until %3$s. The code was set "
		      "by %4$s; if nobody knows it any more, restore a backup "
		      "copy whose code is known (chequedesk key import "
		      "BACKUP)."),
		    path, n, until, by);
	return cd_err(err, CD_EPERM, "access_code",
		      P_("The access code for the branch key file %1$s is "
			 "wrong (%2$d wrong code in a row; after %3$d the key "
			 "is locked for %4$d minutes). Nothing was done. The "
			 "code was set by %5$s; if it must change, use "
			 "'chequedesk key passwd'. A backup copy opens with "
			 "the code it had when it was made.",
			 "The access code for the branch key file %1$s is "
			 "wrong (%2$d wrong codes in a row; after %3$d the key "
			 "is locked for %4$d minutes). Nothing was done. The "
			 "code was set by %5$s; if it must change, use "
			 "'chequedesk key passwd'. A backup copy opens with "
			 "the code it had when it was made.",
			 n),
		      path, n, KEYFILE_MAX_WRONG, KEYFILE_LOCK_MINUTES, by);
}

/* A right access code after wrong ones: start counting again, audited. */
static void right_code(struct desk *d, int had, const char *purpose)
{
	struct cd_error e;
	struct cd_now now;
	char after[48];

	if (had == 0 || d->st == NULL)
		return;
	snprintf(after, sizeof after, "{\"wrong_codes_before\":%d}", had);
	if (clock_now(&now, &e) != CD_OK || store_begin(d->st, &e) != CD_OK)
		return;
	if (keyrec_right(d->st, &e) != CD_OK ||
	    audit_add(d->st, now.stamp, d->user.id[0] ? d->user.id : NULL,
		      "key.right-code", purpose, NULL, after, &e) != CD_OK ||
	    store_commit(d->st, &e) != CD_OK)
		store_rollback(d->st);
}

/* Open the private key with its access code. */
EVP_PKEY *keyfile_open(struct desk *d, const char *access_code,
		       const char *purpose, struct cd_error *err)
{
	const char *path = d->conf.branch_key;
	struct key_rec rec;
	struct cd_now now;
	char until[32], msg[sizeof err->msg];
	EVP_PKEY *key;

	if (path[0] == '\0') {
		not_configured(d, err);
		return NULL;
	}
	if (check_file(path, NULL, NULL, err) != CD_OK ||
	    get_rec(d, &rec, err) != CD_OK || clock_now(&now, err) != CD_OK)
		return NULL;
	if (lock_until(&rec, &now, until, sizeof until)) {
		desk_audit_alone(d, d->user.id[0] ? d->user.id : NULL,
				 "key.locked", purpose, NULL);
		cd_err(err, CD_EPERM, "access_code",
		       _("The branch key file %s is locked after %d wrong "
			 "access codes in a row: it cannot be tried again "
			 "until %s. Nothing was done. Find out the right code "
			 "meanwhile (it was set when the key was made or last "
			 "changed with 'chequedesk key passwd')."),
		       path, rec.wrong_codes, until);
		return NULL;
	}
	key = sign_load_private(path, access_code ? access_code : "", err);
	if (key == NULL && err->status == CD_EPERM) {
		wrong_code(d, path, purpose, err);
		return NULL;
	}
	if (key == NULL) {
		/* opened, but no usable SM2 key inside (damaged, or another
		 * kind of key): sign.c says which; add the way out */
		snprintf(msg, sizeof msg, "%s", err->msg);
		cd_err(err, CD_ECONFIG, NULL,
		       _("%s Mend it with 'chequedesk key import BACKUP' (the "
			 "backup copy); without a backup, move %s away, run "
			 "'chequedesk key new' and register the new key with "
			 "the centre."),
		       msg, path);
		return NULL;
	}
	right_code(d, rec.wrong_codes, purpose);
	return key;
}

/* Check a new access code. */
int keyfile_check_code(const char *code, struct cd_error *err)
{
	const unsigned char *p = (const unsigned char *)code;
	size_t chars = 0;

	for (; *p; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	if (chars < KEYFILE_CODE_MIN)
		return cd_err(err, CD_EINVAL, "access_code",
			      _("An access code needs at least %d characters; "
				"this one has %zu. Nothing was changed; choose "
				"a longer one."),
			      KEYFILE_CODE_MIN, chars);
	return CD_OK;
}

/* The fingerprint in blocks of four. */
void keyfile_fp_groups(const char *fp, char *out, size_t len)
{
	size_t i, o = 0;

	if (len == 0)
		return;
	for (i = 0; fp[i]; i++) {
		if (o + (i > 0 && i % 4 == 0) + 1 >= len)
			break;
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = fp[i];
	}
	out[o] = '\0';
}

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

	if (get_rec(d, &rec, &e) != CD_OK)
		memset(&rec, 0, sizeof rec);
	known_fingerprint(&rec, path, pub, fp);
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
		drop(pem, strlen(pem));
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
	if (slurp(path, &back, &n) != 0)
		return 0;
	same = n == len && memcmp(back, data, len) == 0;
	drop(back, n);
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
		return not_configured(d, err);
	if (dest == NULL || dest[0] == '\0')
		return cd_err(err, CD_EUSAGE, "backup",
			      _("Give the path of the backup copy, e.g. a file "
				"on a USB stick: /media/usb/branch.key"));
	if (check_file(path, &data, &n, err) != CD_OK)
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
	if (get_rec(d, &rec, err) != CD_OK || clock_now(&now, err) != CD_OK) {
		rc = err->status;
		goto out;
	}
	keyfile_paths(&d->conf, keyp, sizeof keyp, pub, sizeof pub);
	known_fingerprint(&rec, path, pub, fp);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "copy", to);
	cJSON_AddStringToObject(o, "file", path);
	rc = record(d, NULL, "key.backup", fp, o, now.stamp, err);
out:
	drop(data, n);
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
	    clock_now(&now, err) != CD_OK || get_rec(d, &rec, err) != CD_OK)
		return err->status;
	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode))
		return import_problem(file, K_DAMAGED, EISDIR, err);
	e = slurp(file, &data, &n);
	k = e == 0 ? (int)classify(data, n) : K_DAMAGED;
	if (e == EFBIG)
		e = 0;
	if (e != 0 || k != K_ENCRYPTED) {
		drop(data, n);
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
		known_fingerprint(&rec, path, pub, old);
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
	drop(data, n);
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
	drop(pem, strlen(pem));
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
	    get_rec(d, &rec, err) != CD_OK)
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
		if (S_ISREG(st.st_mode) && slurp(file, &data, &n) == 0) {
			w = has(data, n, "PRIVATE KEY");
			drop(data, n);
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
