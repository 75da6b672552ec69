/* keyfile-int.h - what keyfile.c, keyfile-lock.c and keyfile-write.c
 * share. */
#ifndef CHEQUEDESK_KEYFILE_INT_H
#define CHEQUEDESK_KEYFILE_INT_H

#include <stddef.h>
#include <sys/stat.h>

#include "db-key.h"
#include "keyfile.h"

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

/* The record, or an empty one without a database. */
CD_MUST_CHECK int kf_get_rec(struct desk *d, struct key_rec *rec,
			     struct cd_error *err);

/* The fingerprint of the key at PATH as far as it can be known without
 * its access code: the record when it is about PATH, the public half,
 * an unprotected key itself, then the record whatever its path. */
void kf_known_fingerprint(const struct key_rec *rec, const char *path,
			  const char *pub, char fp[SIGN_HEX_LEN]);

/* Overwrite and free a buffer that held key material. */
void kf_drop(char *data, size_t len);

/* Read the file at PATH (at most KEYFILE_MAX_BYTES) into a new buffer.
 * Returns 0, or an errno value (EFBIG for a file too large to be a key). */
int kf_slurp(const char *path, char **data, size_t *len);

/* Refuse when branch_key is not set: say where the default file would be
 * and how to get one. */
int kf_not_configured(struct desk *d, struct cd_error *err);

/* Read the branch key file at PATH and check it holds an encrypted key;
 * its contents in *DATA (NULL allowed). */
CD_MUST_CHECK int kf_check_file(const char *path, char **data, size_t *len,
				struct cd_error *err);

/* Judge the contents of a key file. */
enum kind kf_classify(const char *data, size_t len);

/* 1 when NEEDLE occurs in the LEN bytes at DATA. */
int kf_has(const char *data, size_t len, const char *needle);

/* 1 when REC's wrong codes lock the key at NOW; UNTIL gets the end of the
 * lock in the local time of the last wrong code. */
int kf_lock_until(const struct key_rec *rec, const struct cd_now *now,
		  char *until, size_t len);

/* Count a wrong access code for PURPOSE in one transaction with its audit
 * row, and say so plainly. */
int kf_wrong_code(struct desk *d, const char *path, const char *purpose,
		  struct cd_error *err);

/* A right access code after wrong ones: start counting again, audited. */
void kf_right_code(struct desk *d, int had, const char *purpose);

#endif
