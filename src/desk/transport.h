/* transport.h - the branch's transport key and certificate, which
 * authenticate every connection to the clearing centre (TLS client
 * certificate; docs/centre-protocol.md, "Transport"): made, described and
 * exported for the centre. */
#ifndef CHEQUEDESK_TRANSPORT_H
#define CHEQUEDESK_TRANSPORT_H

#include "desk.h"
#include "tlscert.h"

/* What can be learnt about the transport files. */
struct transport_info {
	char cert_path[512]; /* transport_cert, or the default */
	char key_path[512];  /* transport_key, or the default */
	int configured;	     /* both are set in the configuration */
	int cert_ok;	     /* the certificate was read into CERT */
	struct tlscert_info cert;
	int key_exists;	   /* the key file is there */
	unsigned key_mode; /* its permission bits (0600 expected) */
	int key_matches;   /* 1 yes, 0 no, -1 unknown (see PROBLEM) */
	char problem[512]; /* why CERT_OK or KEY_MATCHES is not 1 */
};

/* The certificate's and key's paths: transport_cert and transport_key
 * from the configuration, or transport.pem and transport.key next to the
 * configuration file. */
void transport_paths(const struct conf *c, char *cert, size_t certlen,
		     char *key, size_t keylen);

/* Look at the certificate and key files; never fails (see the fields). */
void transport_inspect(const struct conf *c, struct transport_info *out);

/* Make a new transport key and certificate (PERM_SETUP): an EC P-256 key
 * (0600) and a self-signed certificate for the branch number, written
 * where transport_paths says, transport_cert and transport_key set in the
 * configuration, audited as "key.transport.new". Files already there are
 * CD_ECONFLICT unless REPLACE. OUT describes the new certificate. */
CD_MUST_CHECK int transport_new(struct desk *d, int replace,
				struct transport_info *out,
				struct cd_error *err);

/* Write the certificate (never the key) to FILE for the centre
 * (PERM_SETUP), over a file only when FORCE. OUT describes it. */
CD_MUST_CHECK int transport_export(struct desk *d, const char *file, int force,
				   struct transport_info *out,
				   struct cd_error *err);

#endif
