/* keyfile.c - the branch key file: where it is, what is wrong with it, and
 * opening it with its access code (keyfile-lock.c counts wrong codes;
 * keyfile-write.c makes, imports, backs up and re-encrypts it). */
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

/* 1 when NEEDLE occurs in the LEN bytes at DATA. */
int kf_has(const char *data, size_t len, const char *needle)
{
	return memmem(data, len, needle, strlen(needle)) != NULL;
}

/* Judge the contents of a key file. */
enum kind kf_classify(const char *data, size_t len)
{
	X509_SIG *p8;
	BIO *b;

	if (len == 0)
		return K_EMPTY;
	if (kf_has(data, len, "-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
		if (!kf_has(data, len, "-----END ENCRYPTED PRIVATE KEY-----"))
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
	if (kf_has(data, len, "Proc-Type: 4,ENCRYPTED"))
		return K_DAMAGED; /* OpenSSL's old format, not PKCS#8 */
	if (kf_has(data, len, "PRIVATE KEY-----"))
		return K_PLAIN;
	if (kf_has(data, len, "-----BEGIN PUBLIC KEY-----"))
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
int kf_slurp(const char *path, char **data, size_t *len)
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
void kf_drop(char *data, size_t len)
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
int kf_check_file(const char *path, char **data, size_t *len,
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
	e = kf_slurp(path, &buf, &n);
	if (e == EFBIG)
		return kind_problem(path, K_DAMAGED, err);
	if (e != 0)
		return open_problem(path, e, &st, err);
	e = kind_problem(path, kf_classify(buf, n), err);
	if (e != CD_OK || data == NULL) {
		kf_drop(buf, n);
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
void kf_known_fingerprint(const struct key_rec *rec, const char *path,
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
	if (kf_slurp(path, &data, &n) == 0) {
		if (kf_classify(data, n) == K_PLAIN) {
			k = sign_private_from_pem(data, n, &e);
			if (k != NULL)
				sign_fingerprint(k, fp);
			EVP_PKEY_free(k);
		}
		kf_drop(data, n);
	}
	if (!fp[0])
		snprintf(fp, SIGN_HEX_LEN, "%s", rec->fingerprint);
}

/* The record, or an empty one without a database. */
int kf_get_rec(struct desk *d, struct key_rec *rec, struct cd_error *err)
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
	if (kf_get_rec(d, &rec, err) != CD_OK)
		return err->status;
	if (stat(out->path, &st) == 0) {
		out->exists = 1;
		out->mode = (unsigned)(st.st_mode & 07777);
		fd = S_ISREG(st.st_mode) ? open(out->path, O_RDONLY | O_CLOEXEC)
					 : -1;
		out->readable = fd >= 0;
		if (fd >= 0)
			close(fd);
		if (out->readable && kf_slurp(out->path, &data, &n) == 0) {
			out->encrypted = kf_classify(data, n) == K_ENCRYPTED;
			if (out->encrypted)
				out->weak_kdf = judge_kdf(data, n, out->kdf,
							  sizeof out->kdf);
			kf_drop(data, n);
		}
	}
	kf_known_fingerprint(&rec, out->path, out->pub_path, out->fingerprint);
	snprintf(out->created_at, sizeof out->created_at, "%s", rec.created_at);
	snprintf(out->created_by, sizeof out->created_by, "%s", rec.created_by);
	snprintf(out->source, sizeof out->source, "%s", rec.source);
	out->wrong_codes = rec.wrong_codes;
	return CD_OK;
}

/* Refuse when branch_key is not set: say where the default file would be
 * and how to get one. */
int kf_not_configured(struct desk *d, struct cd_error *err)
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
		return kf_not_configured(d, err);
	return kf_check_file(d->conf.branch_key, NULL, NULL, err);
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
		kf_not_configured(d, err);
		return NULL;
	}
	if (kf_check_file(path, NULL, NULL, err) != CD_OK ||
	    kf_get_rec(d, &rec, err) != CD_OK || clock_now(&now, err) != CD_OK)
		return NULL;
	if (kf_lock_until(&rec, &now, until, sizeof until)) {
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
		kf_wrong_code(d, path, purpose, err);
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
	kf_right_code(d, rec.wrong_codes, purpose);
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
