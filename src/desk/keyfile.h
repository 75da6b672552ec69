/* keyfile.h - the branch key file: the branch's SM2 private key in an
 * encrypted PKCS#8 file (mode 0600) behind an access code, its public half
 * beside it, and the record of it in the database (created, fingerprint,
 * wrong access codes). */
#ifndef CHEQUEDESK_KEYFILE_H
#define CHEQUEDESK_KEYFILE_H

#include <openssl/evp.h>

#include "desk.h"
#include "sign.h"

/* What can be learnt about the key file without its access code. */
struct keyfile_info {
	char path[512];	    /* the private key file */
	char pub_path[512]; /* its public half (PEM) */
	int configured;	    /* branch_key is set in the configuration */
	int exists;	    /* the private key file exists */
	int readable;	    /* ... and this user may read it */
	unsigned mode;	    /* its permission bits (0600 expected) */
	int encrypted;	    /* it holds an encrypted PKCS#8 PEM block */
	char fingerprint[SIGN_HEX_LEN]; /* SM3 of the public key; "" unknown */
	char created_at[TIMESTAMP_LEN]; /* from the database; "" unknown */
	char created_by[USER_ID_MAX + 1];
	char source[16]; /* "new" or "import"; "" unknown */
	int wrong_codes; /* wrong access codes in a row */
	char kdf[32]; /* "scrypt", "pbkdf2-ITERATIONS", "other"; "" unknown */
	int weak_kdf; /* cheap to guess: 'key passwd' writes scrypt */
};

/* The key file's path: branch_key from the configuration, or branch.key
 * next to the configuration file. PUB gets the public half's path (the
 * same with ".pub" in place of ".key", or ".pub" appended). */
void keyfile_paths(const struct conf *c, char *path, size_t len, char *pub,
		   size_t publen);

/* Look at the key file and its database record; never needs the access
 * code and never fails for a missing or damaged file (see the fields). */
CD_MUST_CHECK int keyfile_inspect(struct desk *d, struct keyfile_info *out,
				  struct cd_error *err);

/* Open the private key with ACCESS_CODE for PURPOSE (the audit object,
 * e.g. the batch id). A wrong code is said plainly, counted and audited
 * (CD_EPERM); a missing, unreadable or damaged file gets a message naming
 * the file and the command that fixes it (CD_ECONFIG). */
EVP_PKEY *keyfile_open(struct desk *d, const char *access_code,
		       const char *purpose, struct cd_error *err);

/* Access codes have at least this many characters. */
#define KEYFILE_CODE_MIN 8
/* After this many wrong access codes in a row the key file is not tried
 * for KEYFILE_LOCK_MINUTES. */
#define KEYFILE_MAX_WRONG 5
#define KEYFILE_LOCK_MINUTES 15

/* Check the key file as keyfile_open would find it, without its access
 * code: CD_OK, or CD_ECONFIG with the message naming the file and the
 * command that mends it. */
CD_MUST_CHECK int keyfile_check(struct desk *d, struct cd_error *err);

/* 1 when too many wrong access codes lock the key file now; UNTIL gets
 * "HH:MM" (or "YYYY-MM-DD HH:MM" on another day). */
int keyfile_locked(struct desk *d, char *until, size_t len);

/* Check a new access code: at least KEYFILE_CODE_MIN characters. */
CD_MUST_CHECK int keyfile_check_code(const char *code, struct cd_error *err);

/* The fingerprint FP in blocks of four ("1a2b 3c4d ..."), for reading it
 * aloud over the phone; OUT holds at least 80 bytes. */
void keyfile_fp_groups(const char *fp, char *out, size_t len);

/* Make a new SM2 key (PERM_SETUP): the private key encrypted with
 * ACCESS_CODE at the key path (refused when a file is there, CD_ECONFLICT
 * naming its fingerprint), the public half beside it, branch_key written
 * into the configuration when it was not set, and the record (source
 * "new") with its audit row "key.new". OUT describes the new key. */
CD_MUST_CHECK int keyfile_new(struct desk *d, const char *access_code,
			      struct keyfile_info *out, struct cd_error *err);

/* Copy the key file to DEST (a file, or a folder to put branch.key in):
 * mode 0600, never over a different file, read back byte for byte;
 * audited "key.backup". WHERE gets the copy's path. */
CD_MUST_CHECK int keyfile_backup(struct desk *d, const char *dest, char *where,
				 size_t len, struct cd_error *err);

/* Take FILE, an encrypted PKCS#8 SM2 key opened with ACCESS_CODE (its
 * own), as the branch key (PERM_SETUP): copied to the key path (0600) with
 * its public half, recorded (source "import"), audited "key.import". A
 * different key already there is never replaced (CD_ECONFLICT); the same
 * key again is fine (restoring a damaged file). */
CD_MUST_CHECK int keyfile_import(struct desk *d, const char *file,
				 const char *access_code,
				 struct keyfile_info *out,
				 struct cd_error *err);

/* Change the key file's access code (PERM_SETUP): opened with OLD_CODE
 * (a wrong one counts as in keyfile_open), written again with NEW_CODE
 * in its place, audited "key.passwd". */
CD_MUST_CHECK int keyfile_passwd(struct desk *d, const char *old_code,
				 const char *new_code, struct cd_error *err);

/* Write the public half to FILE (PEM) and its fingerprint into FP. When
 * the public half beside the key is missing or does not match the record,
 * the private key is opened with ACCESS_CODE; without one, CD_EPERM with
 * field "access_code" asks for it. An existing FILE is replaced only
 * with FORCE, a symbolic link never; a device or pipe is written in place. */
CD_MUST_CHECK int keyfile_export_public(struct desk *d, const char *file,
					int force, const char *access_code,
					char fp[SIGN_HEX_LEN],
					struct cd_error *err);

#endif
