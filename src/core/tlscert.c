/* tlscert.c - the transport certificate with OpenSSL: an EC P-256 key and
 * a self-signed X.509 client certificate, read back, fingerprinted
 * (SHA-256 of the DER) and matched with its key. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "i18n.h"
#include "tlscert.h"

/* SHA-256 of DER as hex; see tlscert.h. */
void tlscert_fp_der(const void *der, size_t len, char hex[TLSCERT_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	hex[0] = '\0';
	if (EVP_Digest(der, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* HEX as AB:CD:...; see tlscert.h. */
void tlscert_fp_text(const char *hex, char text[TLSCERT_TEXT_LEN])
{
	size_t i, o = 0;

	for (i = 0; hex[i] && hex[i + 1] && o + 3 < TLSCERT_TEXT_LEN; i += 2) {
		if (o > 0)
			text[o++] = ':';
		text[o++] = (char)toupper((unsigned char)hex[i]);
		text[o++] = (char)toupper((unsigned char)hex[i + 1]);
	}
	text[o] = '\0';
}

/* Add extension NID with VALUE (OpenSSL's config syntax) to X. */
static int add_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;
	int ok;

	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (e == NULL)
		return 0;
	ok = X509_add_ext(x, e, -1) == 1;
	X509_EXTENSION_free(e);
	return ok;
}

/* A new random positive serial number for X. */
static int set_serial(X509 *x)
{
	BIGNUM *bn = BN_new();
	int ok = bn != NULL &&
		 BN_rand(bn, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
		 BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL;

	BN_free(bn);
	return ok;
}

/* Everything written to BIO B as a new string. */
static char *bio_text(BIO *b)
{
	char *data, *s;
	long n = BIO_get_mem_data(b, &data);

	if (n <= 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	memcpy(s, data, (size_t)n);
	s[n] = '\0';
	return s;
}

/* Make a key and its self-signed certificate; see tlscert.h. */
int tlscert_make(const char *cn, int days, char **key_pem, char **cert_pem,
		 struct cd_error *err)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509_NAME *name;
	BIO *kb = BIO_new(BIO_s_mem()), *cb = BIO_new(BIO_s_mem());
	int ok;

	*key_pem = *cert_pem = NULL;
	ok =
	    k != NULL && x != NULL && kb != NULL && cb != NULL &&
	    X509_set_version(x, X509_VERSION_3) == 1 && set_serial(x) &&
	    X509_gmtime_adj(X509_getm_notBefore(x), -300) != NULL &&
	    X509_gmtime_adj(X509_getm_notAfter(x), (long)days * 86400L) != NULL;
	if (ok) {
		name = X509_get_subject_name(x);
		ok = X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
						(const unsigned char *)cn, -1,
						-1, 0) == 1 &&
		     X509_NAME_add_entry_by_txt(
			 name, "OU", MBSTRING_UTF8,
			 (const unsigned char *)"chequedesk transport", -1, -1,
			 0) == 1 &&
		     X509_set_issuer_name(x, name) == 1 &&
		     X509_set_pubkey(x, k) == 1 &&
		     add_ext(x, NID_basic_constraints, "critical,CA:FALSE") &&
		     add_ext(x, NID_key_usage, "critical,digitalSignature") &&
		     add_ext(x, NID_ext_key_usage, "clientAuth") &&
		     add_ext(x, NID_subject_key_identifier, "hash") &&
		     X509_sign(x, k, EVP_sha256()) > 0;
	}
	ok = ok &&
	     PEM_write_bio_PrivateKey(kb, k, NULL, NULL, 0, NULL, NULL) == 1 &&
	     PEM_write_bio_X509(cb, x) == 1;
	if (ok) {
		*key_pem = bio_text(kb);
		*cert_pem = bio_text(cb);
		ok = *key_pem != NULL && *cert_pem != NULL;
	}
	if (kb != NULL) {
		char *data;
		long n = BIO_get_mem_data(kb, &data);

		if (n > 0)
			OPENSSL_cleanse(data, (size_t)n);
	}
	BIO_free(kb);
	BIO_free(cb);
	X509_free(x);
	EVP_PKEY_free(k);
	if (ok)
		return CD_OK;
	if (*key_pem != NULL)
		OPENSSL_cleanse(*key_pem, strlen(*key_pem));
	free(*key_pem);
	free(*cert_pem);
	*key_pem = *cert_pem = NULL;
	return cd_err(err, CD_EFAIL, NULL,
		      _("OpenSSL could not make the transport key and "
			"certificate. Nothing was changed; report this to "
			"branch IT."));
}

/* An ASN1_TIME as a time_t; 0 when it cannot be read. */
static time_t asn1_time(const ASN1_TIME *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return timegm(&tm);
}

/* NAME on one line as "CN = 0202, OU = chequedesk transport". */
static void subject_line(const X509_NAME *name, char *out, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data;
	long n;

	out[0] = '\0';
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, name, 0,
			       XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		n = BIO_get_mem_data(b, &data);
		if (n > 0)
			snprintf(out, len, "%.*s", (int)n, data);
	}
	BIO_free(b);
}

/* Describe a certificate; see tlscert.h. */
int tlscert_read(const char *pem, size_t len, const char *what,
		 struct tlscert_info *out, struct cd_error *err)
{
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	unsigned char *der = NULL;
	struct tm tm;
	int n;

	memset(out, 0, sizeof *out);
	BIO_free(b);
	if (x == NULL)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s is not a PEM X.509 certificate. Give the "
		      "certificate file (-----BEGIN CERTIFICATE-----)."),
		    what);
	n = i2d_X509(x, &der);
	if (n > 0)
		tlscert_fp_der(der, (size_t)n, out->fp_hex);
	OPENSSL_free(der);
	tlscert_fp_text(out->fp_hex, out->fp_text);
	subject_line(X509_get_subject_name(x), out->subject,
		     sizeof out->subject);
	X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName,
				  out->cn, sizeof out->cn);
	out->not_before = asn1_time(X509_get0_notBefore(x));
	out->not_after = asn1_time(X509_get0_notAfter(x));
	if (out->not_after != 0 && gmtime_r(&out->not_after, &tm) != NULL)
		strftime(out->not_after_text, sizeof out->not_after_text,
			 "%Y-%m-%d %H:%M UTC", &tm);
	X509_free(x);
	if (out->fp_hex[0] == '\0')
		return cd_err(err, CD_EFAIL, NULL,
			      _("OpenSSL could not fingerprint %s. Report "
				"this to branch IT."),
			      what);
	return CD_OK;
}

/* The whole file PATH in a new string; NULL with errno set. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t n = 0, cap = 0, got;
	int e;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 4097 > cap) {
			cap = (n + 4097) * 2;
			if (cap > (1 << 20) ||
			    (p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				errno = EFBIG;
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, 4096, fp);
		n += got;
	} while (got > 0);
	e = ferror(fp) ? EIO : 0;
	fclose(fp);
	if (e) {
		free(buf);
		errno = e;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Read a certificate file; see tlscert.h. */
int tlscert_load(const char *path, struct tlscert_info *out, char **pem,
		 struct cd_error *err)
{
	size_t len = 0;
	char *text = slurp(path, &len);
	int rc;

	if (pem)
		*pem = NULL;
	memset(out, 0, sizeof *out);
	if (text == NULL)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The transport certificate %s cannot be read "
				"(%s). Check transport_cert in the "
				"configuration, or make one with 'chequedesk "
				"key transport new'."),
			      path, strerror(errno));
	rc = tlscert_read(text, len, path, out, err);
	if (rc == CD_OK && pem)
		*pem = text;
	else
		free(text);
	return rc;
}

/* Whether a key file holds the certificate's key; see tlscert.h. */
int tlscert_key_matches(const char *key_path, const char *pem,
			struct cd_error *err)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	FILE *fp = fopen(key_path, "r");
	EVP_PKEY *k = NULL;
	int rc = -1, e = errno;

	BIO_free(b);
	if (fp != NULL) {
		k = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
		fclose(fp);
	}
	if (fp == NULL)
		cd_err(err, CD_ECONFIG, NULL,
		       _("The transport key %s cannot be read (%s). Check "
			 "transport_key in the configuration and the file's "
			 "owner; 'chequedesk key transport new' makes a new "
			 "one."),
		       key_path, strerror(e));
	else if (k == NULL)
		cd_err(err, CD_ECONFIG, NULL,
		       _("The transport key %s is not an unencrypted PEM "
			 "private key. Make a new one with 'chequedesk key "
			 "transport new --replace'."),
		       key_path);
	else if (x == NULL)
		cd_err(err, CD_ECONFIG, NULL,
		       _("The transport certificate is not a PEM X.509 "
			 "certificate."));
	else
		rc = EVP_PKEY_eq(k, X509_get0_pubkey(x)) == 1;
	EVP_PKEY_free(k);
	X509_free(x);
	return rc;
}
