/* test-sign.c - unit tests for SM3 digests, SM2 signatures with the
 * explicit ID, key files and their errors. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/pem.h>

#include "sign.h"

/* A private directory for key and signature files. */
static char dir[64];

/* Make the directory before each test. */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/test-sign-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove the directory and what the tests left in it. */
static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* DIR/NAME into BUF. */
static const char *path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
	return buf;
}

/* Write LEN bytes of DATA to DIR/NAME; its path in BUF. */
static const char *write_file(char *buf, size_t size, const char *name,
			      const void *data, size_t len)
{
	FILE *fp = fopen(path(buf, size, name), "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return buf;
}

/* SM3 of "abc" is the GB/T 32905 example. */
START_TEST(test_sm3_vector)
{
	char hex[SIGN_HEX_LEN];

	sign_sm3_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "66c7f0f462eeedd9d1f2d46bdc10e4e2"
			      "4167c4875cf2f7a2297da02b8f4ba8e0");
	sign_sm3_hex("", 0, hex);
	ck_assert_uint_eq(strlen(hex), 64);
}
END_TEST

/* Sign and verify; any change of data, signature or key fails. */
START_TEST(test_sign_verify)
{
	static const char data[] = "{\"format\":\"chequedesk-batch\"}";
	struct cd_error err;
	EVP_PKEY *key = sign_generate(&err), *other = sign_generate(&err);
	char *sig, *bent;
	size_t n;

	ck_assert_ptr_nonnull(key);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(sign_data(key, data, strlen(data), &sig, &err), CD_OK);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), sig), 1);
	ck_assert_int_eq(sign_verify(key, data, strlen(data) - 1, sig), 0);
	ck_assert_int_eq(sign_verify(key, "{\"format\":\"chequedesk-batcH\"}",
				     strlen(data), sig),
			 0);
	ck_assert_int_eq(sign_verify(other, data, strlen(data), sig), 0);
	bent = strdup(sig);
	n = strlen(bent);
	bent[n / 2] = bent[n / 2] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(sign_verify(key, data, strlen(data), bent), 0);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), ""), 0);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), NULL), 0);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), "!!!!"), 0);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), "not base64"), 0);
	ck_assert_int_eq(sign_verify(key, data, strlen(data), "===="), 0);
	ck_assert_int_eq(sign_verify(NULL, data, strlen(data), sig), 0);
	free(bent);
	free(sig);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
}
END_TEST

/* An encrypted private key file opens with its access code only. */
START_TEST(test_private_pem)
{
	struct cd_error err;
	EVP_PKEY *key = sign_generate(&err), *back;
	char *pem = sign_private_pem(key, "code"), file[128];
	char fa[SIGN_HEX_LEN], fb[SIGN_HEX_LEN];

	ck_assert_ptr_nonnull(pem);
	ck_assert_ptr_nonnull(strstr(pem, "ENCRYPTED PRIVATE KEY"));
	write_file(file, sizeof file, "branch.key", pem, strlen(pem));
	back = sign_load_private(file, "code", &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	sign_fingerprint(key, fa);
	sign_fingerprint(back, fb);
	ck_assert_str_eq(fa, fb);
	EVP_PKEY_free(back);
	ck_assert_ptr_null(sign_load_private(file, "wrong", &err));
	ck_assert_int_eq(err.status, CD_EPERM);
	ck_assert_ptr_nonnull(strstr(err.msg, file));
	free(pem);
	EVP_PKEY_free(key);
}
END_TEST

/* Missing, damaged and non-SM2 key files are configuration errors. */
START_TEST(test_private_errors)
{
	static const char garbage[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
				      "bm90IGEga2V5\n"
				      "-----END ENCRYPTED PRIVATE KEY-----\n";
	struct cd_error err;
	EVP_PKEY *ec;
	char file[128];
	FILE *fp;

	ck_assert_ptr_null(
	    sign_load_private(path(file, sizeof file, "none"), "code", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, file));
	ck_assert_ptr_null(sign_load_private("", "code", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	write_file(file, sizeof file, "garbage", garbage, strlen(garbage));
	ck_assert_ptr_null(sign_load_private(file, "code", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	write_file(file, sizeof file, "text", "hello\n", 6);
	ck_assert_ptr_null(sign_load_private(file, "code", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ck_assert_ptr_nonnull(ec);
	fp = fopen(path(file, sizeof file, "p256.key"), "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(PEM_write_PKCS8PrivateKey(fp, ec, EVP_aes_256_cbc(),
						   NULL, 0, NULL, "code"),
			 1);
	fclose(fp);
	ck_assert_ptr_null(sign_load_private(file, "code", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "SM2"));
	EVP_PKEY_free(ec);
}
END_TEST

/* Public keys survive PEM; the fingerprint is 64 hex digits, stable. */
START_TEST(test_public_pem)
{
	static const char data[] = "batch";
	struct cd_error err;
	EVP_PKEY *key = sign_generate(&err), *pub, *pub2;
	char *pem = sign_public_pem(key), *sig, file[128];
	char fa[SIGN_HEX_LEN], fb[SIGN_HEX_LEN], fc[SIGN_HEX_LEN];

	ck_assert_ptr_nonnull(pem);
	pub = sign_public_from_pem(pem, strlen(pem), "test key", &err);
	ck_assert_ptr_nonnull(pub);
	write_file(file, sizeof file, "branch.pub", pem, strlen(pem));
	pub2 = sign_load_public(file, &err);
	ck_assert_ptr_nonnull(pub2);
	sign_fingerprint(key, fa);
	sign_fingerprint(pub, fb);
	sign_fingerprint(pub2, fc);
	ck_assert_uint_eq(strlen(fa), 64);
	ck_assert_uint_eq(strspn(fa, "0123456789abcdef"), 64);
	ck_assert_str_eq(fa, fb);
	ck_assert_str_eq(fa, fc);
	sign_fingerprint(key, fb);
	ck_assert_str_eq(fa, fb);
	ck_assert_int_eq(sign_data(key, data, 5, &sig, &err), CD_OK);
	ck_assert_int_eq(sign_verify(pub, data, 5, sig), 1);
	ck_assert_ptr_null(sign_public_from_pem("junk", 4, "test key", &err));
	ck_assert_int_eq(err.status, CD_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "test key"));
	free(sig);
	free(pem);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(pub2);
	EVP_PKEY_free(key);
}
END_TEST

/* A file's contents as Base64 in a new string. */
static char *file_base64(const char *file)
{
	unsigned char der[256];
	size_t n;
	char *b64;
	FILE *fp = fopen(file, "rb");

	ck_assert_ptr_nonnull(fp);
	n = fread(der, 1, sizeof der, fp);
	fclose(fp);
	ck_assert_uint_gt(n, 0);
	b64 = malloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)b64, der, (int)n);
	return b64;
}

/* Sign DATA with the openssl command line into DIR/OUT, with OPTS. */
static void openssl_sign(const char *key, const char *data, const char *out,
			 const char *opts)
{
	char cmd[512], sig[128];

	snprintf(cmd, sizeof cmd,
		 "openssl pkeyutl -sign -rawin -digest sm3 -inkey '%s' "
		 "-in '%s' -out '%s' %s",
		 key, data, path(sig, sizeof sig, out), opts);
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
}

/* A signature by the openssl command line with the GM/T ID verifies; one
 * with OpenSSL's default (empty) ID does not. */
START_TEST(test_openssl_cli)
{
	static const char data[] = "{\"format\":\"chequedesk-batch\"}";
	struct cd_error err;
	EVP_PKEY *key;
	char *pem, *b64, kfile[128], dfile[128], sfile[128];

	if (system("command -v openssl >/dev/null 2>&1") != 0)
		return; /* no openssl on PATH: nothing to compare with */
	key = sign_generate(&err);
	pem = sign_private_pem(key, NULL);
	write_file(kfile, sizeof kfile, "k.pem", pem, strlen(pem));
	write_file(dfile, sizeof dfile, "data", data, strlen(data));
	openssl_sign(kfile, dfile, "with-id", "-pkeyopt distid:" SIGN_SM2_ID);
	openssl_sign(kfile, dfile, "without-id", "");
	b64 = file_base64(path(sfile, sizeof sfile, "with-id"));
	ck_assert_int_eq(sign_verify(key, data, strlen(data), b64), 1);
	free(b64);
	b64 = file_base64(path(sfile, sizeof sfile, "without-id"));
	ck_assert_int_eq(sign_verify(key, data, strlen(data), b64), 0);
	free(b64);
	free(pem);
	EVP_PKEY_free(key);
}
END_TEST

/* The suite of signature tests. */
/* A payment password encrypted to a public key comes back only with its
 * private key; each encryption differs; a damaged text does not decrypt. */
START_TEST(test_encrypt)
{
	static const char pk[] = "4821736950124587";
	struct cd_error err;
	EVP_PKEY *key = sign_generate(&err), *other = sign_generate(&err), *pub;
	char *pem = sign_public_pem(key), a[256], b[256], back[32];

	pub = sign_public_from_pem(pem, strlen(pem), "test key", &err);
	ck_assert_ptr_nonnull(pub);
	ck_assert_int_eq(sign_encrypt_b64(pub, pk, 16, a, sizeof a, &err),
			 CD_OK);
	ck_assert_int_eq(sign_encrypt_b64(pub, pk, 16, b, sizeof b, &err),
			 CD_OK);
	ck_assert_str_ne(a, b);
	ck_assert_ptr_null(strstr(a, pk));
	ck_assert_int_eq(sign_decrypt_b64(key, a, back, sizeof back), 0);
	ck_assert_str_eq(back, pk);
	ck_assert_int_eq(sign_decrypt_b64(other, a, back, sizeof back), -1);
	ck_assert_str_eq(back, "");
	a[20] = a[20] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(sign_decrypt_b64(key, a, back, sizeof back), -1);
	ck_assert_int_eq(sign_decrypt_b64(key, "not base64", back, sizeof back),
			 -1);
	ck_assert_int_eq(sign_encrypt_b64(pub, pk, 16, a, 40, &err), CD_EFAIL);
	free(pem);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(other);
	EVP_PKEY_free(key);
}
END_TEST

static Suite *sign_suite(void)
{
	Suite *s = suite_create("sign");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sm3_vector);
	tcase_add_test(tc, test_sign_verify);
	tcase_add_test(tc, test_private_pem);
	tcase_add_test(tc, test_private_errors);
	tcase_add_test(tc, test_public_pem);
	tcase_add_test(tc, test_openssl_cli);
	tcase_add_test(tc, test_encrypt);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(sign_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
