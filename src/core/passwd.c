/* passwd.c - scrypt password hashes (OpenSSL) and the branch's password
 * rules. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "i18n.h"
#include "passwd.h"

#define SALT_LEN 16
#define HASH_LEN 32
#define SCRYPT_R 8
#define SCRYPT_P 1
#define SCRYPT_LN 14 /* N = 2^14: 16 MiB, about 50 ms */

/* Derive HASH_LEN bytes from PW and SALT with the given cost. */
static int derive(const char *pw, const unsigned char *salt, size_t saltlen,
		  int ln, int r, int p, unsigned char *out)
{
	uint64_t n = UINT64_C(1) << ln;

	return EVP_PBE_scrypt(pw, strlen(pw), salt, saltlen, n, (uint64_t)r,
			      (uint64_t)p, 0, out, HASH_LEN) == 1
		   ? 0
		   : -1;
}

/* Hash a new password with a fresh random salt. */
int passwd_hash(const char *pw, char *out, size_t len, struct cd_error *err)
{
	unsigned char salt[SALT_LEN], hash[HASH_LEN];
	char salt64[64], hash64[64];

	if (RAND_bytes(salt, sizeof salt) != 1 ||
	    derive(pw, salt, sizeof salt, SCRYPT_LN, SCRYPT_R, SCRYPT_P,
		   hash) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("The password could not be protected (the "
				"cryptography library failed). Nothing was "
				"saved. Report this to branch IT."));
	EVP_EncodeBlock((unsigned char *)salt64, salt, sizeof salt);
	EVP_EncodeBlock((unsigned char *)hash64, hash, sizeof hash);
	snprintf(out, len, "$scrypt$ln=%d,r=%d,p=%d$%s$%s", SCRYPT_LN, SCRYPT_R,
		 SCRYPT_P, salt64, hash64);
	OPENSSL_cleanse(hash, sizeof hash);
	return CD_OK;
}

/* Decode base64 TEXT into OUT; returns the byte count or -1. */
static int unbase64(const char *text, unsigned char *out, size_t outlen)
{
	size_t n = strlen(text);
	int len, pad = 0;

	if (n == 0 || n % 4 != 0 || n / 4 * 3 > outlen)
		return -1;
	len = EVP_DecodeBlock(out, (const unsigned char *)text, (int)n);
	if (len < 0)
		return -1;
	if (text[n - 1] == '=')
		pad++;
	if (text[n - 2] == '=')
		pad++;
	return len - pad;
}

/* Check PW against a stored hash. */
int passwd_verify(const char *pw, const char *stored)
{
	unsigned char salt[64], want[64], got[HASH_LEN];
	char salt64[80], hash64[80];
	int ln, r, p, saltlen, ok;

	if (sscanf(stored, "$scrypt$ln=%d,r=%d,p=%d$%79[^$]$%79s", &ln, &r, &p,
		   salt64, hash64) != 5 ||
	    ln < 10 || ln > 22 || r < 1 || r > 32 || p < 1 || p > 16)
		return 0;
	saltlen = unbase64(salt64, salt, sizeof salt);
	if (saltlen <= 0 || unbase64(hash64, want, sizeof want) != HASH_LEN)
		return 0;
	if (derive(pw, salt, (size_t)saltlen, ln, r, p, got) != 0)
		return 0;
	ok = CRYPTO_memcmp(got, want, HASH_LEN) == 0;
	OPENSSL_cleanse(got, sizeof got);
	return ok;
}

/* How many of letters, digits and other characters PW uses. */
static int classes(const char *pw)
{
	int letter = 0, digit = 0, other = 0;

	for (; *pw; pw++) {
		if (isalpha((unsigned char)*pw))
			letter = 1;
		else if (isdigit((unsigned char)*pw))
			digit = 1;
		else
			other = 1;
	}
	return letter + digit + other;
}

/* Enforce the rules for a new password. */
int passwd_check_new(const char *pw, const struct passwd_rules *rules,
		     struct cd_error *err)
{
	size_t n = strlen(pw);

	if (n < (size_t)rules->min_length)
		return cd_err(err, CD_EINVAL, "password",
			      P_("The new password is too short: use at "
				 "least %d character.",
				 "The new password is too short: use at "
				 "least %d characters.",
				 rules->min_length),
			      rules->min_length);
	if (n > PASSWD_MAX - 1)
		return cd_err(err, CD_EINVAL, "password",
			      _("The new password is too long: use at most "
				"%d characters."),
			      PASSWD_MAX - 1);
	if (classes(pw) < rules->min_classes)
		return cd_err(err, CD_EINVAL, "password",
			      _("The new password is too simple: mix at least "
				"%d of letters, digits and other characters "
				"(such as - or #)."),
			      rules->min_classes);
	return CD_OK;
}
