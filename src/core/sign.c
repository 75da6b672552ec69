/* sign.c - SM2 signatures with SM3 and SM3 digests through OpenSSL's EVP
 * interface, the SM2 ID always set explicitly. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "i18n.h"
#include "sign.h"

/* Lower-case hex of N bytes into OUT (2N + 1 bytes). */
static void to_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* SM3 of DATA as hex. */
void sign_sm3_hex(const void *data, size_t len, char out[SIGN_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sm3(), NULL) != 1 || n != 32) {
		out[0] = '\0';
		return;
	}
	to_hex(md, n, out);
}

/* A new SM2 key pair. */
EVP_PKEY *sign_generate(struct cd_error *err)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");

	if (k == NULL)
		cd_err(err, CD_EFAIL, NULL,
		       _("Could not make an SM2 key: the OpenSSL library "
			 "lacks SM2. Install Debian's libssl3."));
	return k;
}

/* 1 when KEY is an SM2 key. */
static int is_sm2(EVP_PKEY *key)
{
	return key != NULL && EVP_PKEY_is_a(key, "SM2");
}

/* Passphrase callback: the access code given to sign_load_private. */
static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	const char *code = u;
	int n;

	(void)rwflag;
	if (code == NULL)
		return -1;
	n = (int)strlen(code);
	if (n > size)
		return -1;
	memcpy(buf, code, (size_t)n);
	return n;
}

/* True when OpenSSL's last error says the decryption failed (wrong code). */
static int wrong_code_error(void)
{
	unsigned long e;
	int bad = 0;

	while ((e = ERR_get_error()) != 0) {
		int r = ERR_GET_REASON(e);

		if (r == EVP_R_BAD_DECRYPT || r == PEM_R_BAD_DECRYPT ||
		    r == PEM_R_BAD_PASSWORD_READ ||
		    r == PEM_R_PROBLEMS_GETTING_PASSWORD)
			bad = 1;
	}
	return bad;
}

/* The branch's private key from an encrypted PKCS#8 PEM file. */
EVP_PKEY *sign_load_private(const char *path, const char *access_code,
			    struct cd_error *err)
{
	EVP_PKEY *k;
	FILE *fp;

	if (path == NULL || *path == '\0') {
		cd_err(err, CD_ECONFIG, NULL,
		       _("No branch key file is set. Set branch_key = PATH in "
			 "the configuration to the branch's encrypted key "
			 "file."));
		return NULL;
	}
	fp = fopen(path, "r");
	if (fp == NULL) {
		cd_err(err, CD_ECONFIG, NULL,
		       _("The branch key file %s cannot be opened (%s). Check "
			 "branch_key in the configuration and the file's "
			 "permissions."),
		       path, strerror(errno));
		return NULL;
	}
	ERR_clear_error();
	k = PEM_read_PrivateKey(fp, NULL, pass_cb, (void *)access_code);
	fclose(fp);
	if (k == NULL) {
		if (wrong_code_error())
			cd_err(err, CD_EPERM, "access_code",
			       _("The access code for the branch key file %s "
				 "is wrong. Nothing was signed; try again "
				 "with the right code."),
			       path);
		else
			cd_err(err, CD_ECONFIG, NULL,
			       _("%s is not a readable key file (it may be "
				 "damaged). Restore the branch key file from "
				 "its backup copy."),
			       path);
		ERR_clear_error();
		return NULL;
	}
	if (!is_sm2(k)) {
		EVP_PKEY_free(k);
		cd_err(err, CD_ECONFIG, NULL,
		       _("The key in %s is not an SM2 key. The branch key "
			 "must be an SM2 key."),
		       path);
		return NULL;
	}
	return k;
}

/* An SM2 public key from PEM text. */
EVP_PKEY *sign_public_from_pem(const char *pem, size_t len, const char *what,
			       struct cd_error *err)
{
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;

	BIO_free(b);
	ERR_clear_error();
	if (!is_sm2(k)) {
		EVP_PKEY_free(k);
		cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s is not an SM2 public key in PEM form (\"-----BEGIN "
		      "PUBLIC KEY-----\"). Ask for the key file again."),
		    what);
		return NULL;
	}
	return k;
}

/* An SM2 public key from a PEM file. */
EVP_PKEY *sign_load_public(const char *path, struct cd_error *err)
{
	char buf[8192];
	size_t n;
	FILE *fp = path && *path ? fopen(path, "r") : NULL;

	if (fp == NULL) {
		cd_err(err, CD_ECONFIG, NULL,
		       _("The public key file %s cannot be opened (%s). Check "
			 "the path in the configuration."),
		       path ? path : "", strerror(errno));
		return NULL;
	}
	n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	return sign_public_from_pem(buf, n, path, err);
}

/* A private key from unencrypted PEM text. */
EVP_PKEY *sign_private_from_pem(const char *pem, size_t len,
				struct cd_error *err)
{
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;

	BIO_free(b);
	ERR_clear_error();
	if (!is_sm2(k)) {
		EVP_PKEY_free(k);
		cd_err(err, CD_ECONFIG, NULL,
		       _("The stored private key is not an SM2 key (the centre "
			 "database may be damaged). Make a new centre database "
			 "with 'chequedesk-centre init'."));
		return NULL;
	}
	return k;
}

/* The contents of a memory BIO as a new string. */
static char *bio_string(BIO *b)
{
	char *data, *s;
	long n = BIO_get_mem_data(b, &data);

	s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s != NULL) {
		memcpy(s, data, (size_t)n);
		s[n] = '\0';
	}
	return s;
}

/* The public key as PEM. */
char *sign_public_pem(EVP_PKEY *key)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;

	if (b != NULL && PEM_write_bio_PUBKEY(b, key) == 1)
		s = bio_string(b);
	BIO_free(b);
	return s;
}

/* The private key as PKCS#8 PEM, encrypted when ACCESS_CODE is given. */
/* Write KEY to B as PKCS#8 encrypted with ACCESS_CODE: PBES2, scrypt
 * (SIGN_SCRYPT_N, _R, _P, a random 16-byte salt) and AES-256-CBC. 1 on
 * success. */
static int write_scrypt_pkcs8(BIO *b, EVP_PKEY *key, const char *access_code)
{
	PKCS8_PRIV_KEY_INFO *inf = EVP_PKEY2PKCS8(key);
	X509_ALGOR *pbe = NULL;
	X509_SIG *p8 = NULL;
	int ok = 0;

	if (inf != NULL)
		pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), NULL, 16, NULL,
					    SIGN_SCRYPT_N, SIGN_SCRYPT_R,
					    SIGN_SCRYPT_P);
	if (pbe != NULL)
		p8 = PKCS8_set0_pbe(access_code, (int)strlen(access_code), inf,
				    pbe);
	if (p8 == NULL)
		X509_ALGOR_free(pbe); /* owned by P8 only on success */
	else
		ok = PEM_write_bio_PKCS8(b, p8);
	X509_SIG_free(p8);
	PKCS8_PRIV_KEY_INFO_free(inf);
	return ok;
}

char *sign_private_pem(EVP_PKEY *key, const char *access_code)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *s = NULL;
	int ok;

	if (b == NULL)
		return NULL;
	if (access_code != NULL)
		ok = write_scrypt_pkcs8(b, key, access_code);
	else
		ok = PEM_write_bio_PKCS8PrivateKey(b, key, NULL, NULL, 0, NULL,
						   NULL);
	if (ok == 1)
		s = bio_string(b);
	BIO_free(b);
	return s;
}

/* SM3 of the DER-encoded public key. */
void sign_fingerprint(EVP_PKEY *key, char out[SIGN_HEX_LEN])
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(key, &der);

	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	sign_sm3_hex(der, (size_t)n, out);
	OPENSSL_free(der);
}

/* A digest context for SM2 with SM3 and the explicit ID, for signing
 * (SIGN 1) or verifying. */
static EVP_MD_CTX *sm2_ctx(EVP_PKEY *key, int sign)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(key, NULL);

	if (md == NULL || pctx == NULL ||
	    EVP_PKEY_CTX_set1_id(pctx, SIGN_SM2_ID, strlen(SIGN_SM2_ID)) <= 0)
		goto fail;
	EVP_MD_CTX_set_pkey_ctx(md, pctx);
	if ((sign ? EVP_DigestSignInit(md, NULL, EVP_sm3(), NULL, key)
		  : EVP_DigestVerifyInit(md, NULL, EVP_sm3(), NULL, key)) != 1)
		goto fail;
	return md;
fail:
	EVP_MD_CTX_free(md);
	EVP_PKEY_CTX_free(pctx);
	return NULL;
}

/* Free a context made by sm2_ctx (it does not own its key context). */
static void sm2_ctx_free(EVP_MD_CTX *md)
{
	if (md != NULL) {
		EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(md));
		EVP_MD_CTX_free(md);
	}
}

/* Sign DATA; Base64 of the DER signature. */
int sign_data(EVP_PKEY *key, const void *data, size_t len, char **b64,
	      struct cd_error *err)
{
	EVP_MD_CTX *md = sm2_ctx(key, 1);
	unsigned char sig[160];
	size_t n = sizeof sig;
	char *out;

	*b64 = NULL;
	if (md == NULL || EVP_DigestSign(md, sig, &n, data, len) != 1) {
		sm2_ctx_free(md);
		ERR_clear_error();
		return cd_err(err, CD_EFAIL, NULL,
			      _("Signing failed inside OpenSSL. Nothing was "
				"signed; report this to branch IT."));
	}
	sm2_ctx_free(md);
	out = malloc(4 * ((n + 2) / 3) + 1);
	if (out == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	EVP_EncodeBlock((unsigned char *)out, sig, (int)n);
	*b64 = out;
	return CD_OK;
}

/* The error of a signature OpenSSL could not make. */
static int sign_failed(struct cd_error *err)
{
	ERR_clear_error();
	return cd_err(err, CD_EFAIL, NULL,
		      _("Signing failed inside OpenSSL. Nothing was "
			"signed; report this to branch IT."));
}

/* Start a signature and a digest of data to come. */
int sign_stream_begin(struct sign_stream *s, EVP_PKEY *key,
		      struct cd_error *err)
{
	s->sig = sm2_ctx(key, 1);
	s->sm3 = EVP_MD_CTX_new();
	if (s->sig == NULL || s->sm3 == NULL ||
	    EVP_DigestInit_ex(s->sm3, EVP_sm3(), NULL) != 1) {
		sign_stream_free(s);
		return sign_failed(err);
	}
	return CD_OK;
}

/* Feed the next piece to both; 0 on success, -1 on failure. */
int sign_stream_update(struct sign_stream *s, const void *data, size_t len)
{
	if (EVP_DigestSignUpdate(s->sig, data, len) != 1 ||
	    EVP_DigestUpdate(s->sm3, data, len) != 1)
		return -1;
	return 0;
}

/* The Base64 signature and the hex digest of everything fed. */
int sign_stream_end(struct sign_stream *s, char **b64,
		    char digest[SIGN_HEX_LEN], struct cd_error *err)
{
	unsigned char sig[160], md[EVP_MAX_MD_SIZE];
	size_t n = sizeof sig;
	unsigned int mdn = 0;

	*b64 = NULL;
	if (EVP_DigestSignFinal(s->sig, sig, &n) != 1 ||
	    EVP_DigestFinal_ex(s->sm3, md, &mdn) != 1 || mdn != 32)
		return sign_failed(err);
	to_hex(md, mdn, digest);
	*b64 = malloc(4 * ((n + 2) / 3) + 1);
	if (*b64 == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	EVP_EncodeBlock((unsigned char *)*b64, sig, (int)n);
	return CD_OK;
}

/* Free a stream's contexts. */
void sign_stream_free(struct sign_stream *s)
{
	sm2_ctx_free(s->sig);
	EVP_MD_CTX_free(s->sm3);
	s->sig = NULL;
	s->sm3 = NULL;
}

/* Verify a Base64 signature. */
int sign_verify(EVP_PKEY *key, const void *data, size_t len, const char *b64)
{
	unsigned char sig[240];
	size_t blen = b64 ? strlen(b64) : 0;
	int n, pad = 0, ok;
	EVP_MD_CTX *md;

	if (key == NULL || blen == 0 || blen % 4 != 0 ||
	    blen / 4 * 3 > sizeof sig)
		return 0;
	n = EVP_DecodeBlock(sig, (const unsigned char *)b64, (int)blen);
	if (n < 0)
		return 0;
	if (b64[blen - 1] == '=')
		pad++;
	if (b64[blen - 2] == '=')
		pad++;
	md = sm2_ctx(key, 0);
	ok = md != NULL &&
	     EVP_DigestVerify(md, sig, (size_t)(n - pad), data, len) == 1;
	sm2_ctx_free(md);
	ERR_clear_error();
	return ok;
}

/* Encrypt DATA to the SM2 public KEY (SM3 inside, GM/T 0003 DER
 * ciphertext) as Base64 into OUT; CD_EFAIL when OpenSSL fails or OUT is
 * too small. */
int sign_encrypt_b64(EVP_PKEY *key, const void *data, size_t len, char *out,
		     size_t size, struct cd_error *err)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	unsigned char *ct = NULL;
	size_t n = 0;
	int ok = ctx != NULL && EVP_PKEY_encrypt_init(ctx) > 0 &&
		 EVP_PKEY_encrypt(ctx, NULL, &n, data, len) > 0 &&
		 (ct = malloc(n)) != NULL &&
		 EVP_PKEY_encrypt(ctx, ct, &n, data, len) > 0 &&
		 (n + 2) / 3 * 4 < size;

	const char *why = ERR_reason_error_string(ERR_peek_last_error());

	if (ok)
		EVP_EncodeBlock((unsigned char *)out, ct, (int)n);
	free(ct);
	EVP_PKEY_CTX_free(ctx);
	if (!ok)
		cd_err(err, CD_EFAIL, NULL,
		       _("Encrypting to the clearing centre's key failed "
			 "(%s). Check that centre_key names the centre's SM2 "
			 "public key; if it does, report this to branch IT."),
		       why ? why : "OpenSSL");
	ERR_clear_error();
	return ok ? CD_OK : err->status;
}

/* Decrypt Base64 B64 with the SM2 private KEY into OUT (NUL-terminated);
 * 0 on success, -1 when it is not a ciphertext for KEY or does not fit. */
int sign_decrypt_b64(EVP_PKEY *key, const char *b64, char *out, size_t size)
{
	size_t blen = strlen(b64), n = size;
	unsigned char *ct = malloc(blen / 4 * 3 + 3);
	EVP_PKEY_CTX *ctx = NULL;
	int ctlen = -1, ok = 0;

	if (ct != NULL && blen > 0 && blen % 4 == 0)
		ctlen =
		    EVP_DecodeBlock(ct, (const unsigned char *)b64, (int)blen);
	if (ctlen > 0) {
		ctlen -= (b64[blen - 1] == '=') + (b64[blen - 2] == '=');
		ctx = EVP_PKEY_CTX_new(key, NULL);
		ok = ctx != NULL && EVP_PKEY_decrypt_init(ctx) > 0 &&
		     EVP_PKEY_decrypt(ctx, NULL, &n, ct, (size_t)ctlen) > 0 &&
		     n < size &&
		     EVP_PKEY_decrypt(ctx, (unsigned char *)out, &n, ct,
				      (size_t)ctlen) > 0;
	}
	if (ok)
		out[n] = '\0';
	else if (size > 0)
		out[0] = '\0';
	free(ct);
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return ok ? 0 : -1;
}
