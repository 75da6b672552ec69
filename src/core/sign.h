/* sign.h - SM2 signatures with SM3 and SM3 digests (OpenSSL EVP), for
 * batch files, the branch key and the clearing centre's answers. */
#ifndef CHEQUEDESK_SIGN_H
#define CHEQUEDESK_SIGN_H

#include <openssl/evp.h>
#include <stddef.h>

#include "error.h"

/* The SM2 distinguishing ID (GM/T 0009). OpenSSL's default is empty, so
 * every signature and verification sets it explicitly. */
#define SIGN_SM2_ID "1234567812345678"

/* An SM3 digest as 64 lower-case hex digits and a NUL. */
#define SIGN_HEX_LEN 65

/* SM3 of DATA as hex into OUT. */
void sign_sm3_hex(const void *data, size_t len, char out[SIGN_HEX_LEN]);

/* A new SM2 key pair. */
EVP_PKEY *sign_generate(struct cd_error *err);

/* The private key in the PEM file PATH: encrypted PKCS#8 opened with
 * ACCESS_CODE. A wrong access code is CD_EPERM; a missing, unreadable or
 * damaged file, or a key that is not SM2, CD_ECONFIG; messages name PATH
 * and say what to do. */
EVP_PKEY *sign_load_private(const char *path, const char *access_code,
			    struct cd_error *err);

/* An SM2 public key from a PEM file (SubjectPublicKeyInfo) or from PEM
 * text in memory. WHAT names it in messages ("the centre's key"). */
EVP_PKEY *sign_load_public(const char *path, struct cd_error *err);
EVP_PKEY *sign_public_from_pem(const char *pem, size_t len, const char *what,
			       struct cd_error *err);
/* A private key from unencrypted PKCS#8 PEM text (the simulator keeps
 * its own key so). */
EVP_PKEY *sign_private_from_pem(const char *pem, size_t len,
				struct cd_error *err);

/* The scrypt cost of a key file's access code: 16 MiB and about 0.4 s
 * (OWASP's N=2^14, r=8, p=5). OpenSSL refuses more than 32 MiB when it
 * reads a key, so N stays at 2^14 and p adds the time. */
#define SIGN_SCRYPT_N 16384
#define SIGN_SCRYPT_R 8
#define SIGN_SCRYPT_P 5

/* KEY as PEM text in a new string: the public part, or the private key
 * unencrypted (simulator only) or encrypted with ACCESS_CODE (PKCS#8,
 * PBES2 with scrypt and AES-256-CBC). NULL on failure. */
char *sign_public_pem(EVP_PKEY *key);
char *sign_private_pem(EVP_PKEY *key, const char *access_code);

/* SM3 over the DER public key, hex: the key's fingerprint. */
void sign_fingerprint(EVP_PKEY *key, char out[SIGN_HEX_LEN]);

/* Sign DATA with KEY (SM2, SM3, SIGN_SM2_ID): Base64 of the DER signature
 * in a new string in *B64. */
CD_MUST_CHECK int sign_data(EVP_PKEY *key, const void *data, size_t len,
			    char **b64, struct cd_error *err);

/* A signature and an SM3 digest made in one pass over data given piece
 * by piece: sign_stream_begin, sign_stream_update for each piece, then
 * sign_stream_end (same signature as sign_data of the whole, digest as
 * sign_sm3_hex); sign_stream_free in every case. */
struct sign_stream {
	EVP_MD_CTX *sig, *sm3;
};
CD_MUST_CHECK int sign_stream_begin(struct sign_stream *s, EVP_PKEY *key,
				    struct cd_error *err);
int sign_stream_update(struct sign_stream *s, const void *data, size_t len);
CD_MUST_CHECK int sign_stream_end(struct sign_stream *s, char **b64,
				  char digest[SIGN_HEX_LEN],
				  struct cd_error *err);
void sign_stream_free(struct sign_stream *s);

/* Encrypt DATA to the SM2 public KEY (EVP_PKEY_encrypt: the GM/T 0003 DER
 * ciphertext) as Base64 into OUT of SIZE bytes. */
CD_MUST_CHECK int sign_encrypt_b64(EVP_PKEY *key, const void *data, size_t len,
				   char *out, size_t size,
				   struct cd_error *err);
/* Decrypt Base64 B64 with the SM2 private KEY into OUT as a string: 0, or
 * -1 (OUT empty) when B64 is not a ciphertext for KEY or does not fit. */
int sign_decrypt_b64(EVP_PKEY *key, const char *b64, char *out, size_t size);

/* 1 when B64 is a good signature of DATA by KEY, else 0. */
int sign_verify(EVP_PKEY *key, const void *data, size_t len, const char *b64);

#endif
