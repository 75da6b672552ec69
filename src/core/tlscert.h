/* tlscert.h - the branch's transport certificate, which authenticates its
 * connections to the clearing centre (TLS client certificate): an EC P-256
 * key and a self-signed X.509 certificate made, read and fingerprinted
 * with OpenSSL; shared by chequedesk and chequedesk-centre. */
#ifndef CHEQUEDESK_TLSCERT_H
#define CHEQUEDESK_TLSCERT_H

#include <stddef.h>
#include <time.h>

#include "error.h"

/* SHA-256 as 64 lower-case hex digits and a NUL (how the centre keeps
 * it). */
#define TLSCERT_HEX_LEN 65
/* SHA-256 as "AB:CD:..." (how openssl x509 -fingerprint shows it). */
#define TLSCERT_TEXT_LEN 96

/* Days a new transport certificate is valid. */
#define TLSCERT_DAYS 730

/* What a certificate says. */
struct tlscert_info {
	char subject[256];		/* one line, e.g. "CN=0202" */
	char cn[64];			/* the common name */
	char fp_hex[TLSCERT_HEX_LEN];	/* SHA-256 of its DER */
	char fp_text[TLSCERT_TEXT_LEN]; /* the same, AB:CD:... */
	time_t not_before, not_after;	/* its validity */
	char not_after_text[32];	/* YYYY-MM-DD HH:MM UTC */
};

/* A new EC P-256 key and a certificate for it, self-signed, subject
 * CN=CN, valid from now for DAYS days, for TLS client authentication:
 * the key as unencrypted PKCS#8 PEM and the certificate as PEM, in new
 * strings. */
CD_MUST_CHECK int tlscert_make(const char *cn, int days, char **key_pem,
			       char **cert_pem, struct cd_error *err);

/* Describe the PEM certificate PEM (LEN bytes); WHAT names it in
 * messages. */
CD_MUST_CHECK int tlscert_read(const char *pem, size_t len, const char *what,
			       struct tlscert_info *out, struct cd_error *err);

/* Read the certificate file PATH into OUT; *PEM (when not NULL) gets its
 * text in a new string. CD_ECONFIG, naming PATH, when it cannot. */
CD_MUST_CHECK int tlscert_load(const char *path, struct tlscert_info *out,
			       char **pem, struct cd_error *err);

/* 1 when the private key file KEY_PATH (PEM) is the key of the
 * certificate PEM; 0 when not; -1 (ERR set) when it cannot be read. */
CD_MUST_CHECK int tlscert_key_matches(const char *key_path, const char *pem,
				      struct cd_error *err);

/* SHA-256 of DER (LEN bytes) as hex: a certificate's fingerprint. */
void tlscert_fp_der(const void *der, size_t len, char hex[TLSCERT_HEX_LEN]);

/* HEX as AB:CD:... into TEXT. */
void tlscert_fp_text(const char *hex, char text[TLSCERT_TEXT_LEN]);

#endif
