/* remote.h - requests to the clearing centre over HTTPS (libcurl): TLS
 * always verified, time limits, retries with back-off and Retry-After,
 * upload progress, and every answer's signature checked with the centre's
 * key (docs/centre-protocol.md). */
#ifndef CHEQUEDESK_REMOTE_H
#define CHEQUEDESK_REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "error.h"
#include "sign.h"

/* Told how much of a request body has gone out. */
typedef void (*remote_progress_fn)(void *ctx, int64_t sent, int64_t total);
/* Told, in the user's language, that a request failed and is retried. */
typedef void (*remote_notice_fn)(void *ctx, const char *msg);

struct remote {
	void *curl;
	EVP_PKEY *centre_key;
	char base[300];	 /* centre_url + "/v1" */
	char branch[16]; /* X-Chequedesk-Branch */
	char ca[512];	 /* "" = the system's CAs */
	char key_path[512];
	char tls_cert[512]; /* transport_cert; "" = none configured */
	char tls_key[512];  /* transport_key */
	char config_path[512];
	int timeout, retries;
	remote_progress_fn progress;
	remote_notice_fn notice;
	void *ctx;
};

/* A verified answer: any HTTP status, body signed by the centre. */
struct remote_answer {
	long status;
	char *body; /* NUL-terminated */
	size_t len;
	char code[40];	      /* error.code of an error answer */
	char message[256];    /* error.message of an error answer */
	char branch_sig[256]; /* X-Chequedesk-Branch-Signature, if any */
};

/* Start libcurl (once per process); CD_ECONFIG when it cannot start. */
CD_MUST_CHECK int remote_global_init(struct cd_error *err);

/* Set on the libcurl handle CURL what the safety of a connection rests on:
 * https only, the peer's certificate and host name verified, the CA file
 * CA ("" = the system's), and the URL. CD_ECONFIG, naming the option,
 * when libcurl refuses one: then nothing may be sent. */
CD_MUST_CHECK int remote_secure(void *curl, const char *url, const char *ca,
				struct cd_error *err);

/* Present the transport certificate CERT with its key KEY (PEM files) on
 * the libcurl handle CURL, so the centre knows the branch. CD_ECONFIG,
 * naming the option, when libcurl refuses one. */
CD_MUST_CHECK int remote_client_cert(void *curl, const char *cert,
				     const char *key, struct cd_error *err);

/* Set R up from the configuration: centre_url, centre_ca, centre_key,
 * transport_cert, transport_key, centre_timeout, centre_retries. Every
 * request but /health is refused before connecting (CD_ECONFIG) when no
 * transport certificate is configured. */
CD_MUST_CHECK int remote_open(struct remote *r, const struct conf *c,
			      const char *branch, struct cd_error *err);
void remote_close(struct remote *r);

/* One request to PATH (under /v1, e.g. "/branches/0202/notices?after=3"),
 * with BODY (LEN bytes, may be NULL) and extra HEADERS ("Name: value",
 * NULL-terminated, may be NULL). Network failures, time-outs, 500, 503 and
 * unsigned or badly signed answers are retried; CD_OK means ANS holds a
 * signed answer, whatever its status; CD_ENET means the centre could not
 * be reached or its answers could not be trusted, with ERR saying which
 * and what to do; CD_ECONFIG that libcurl refused a setting of
 * remote_secure, so nothing was sent. */
CD_MUST_CHECK int remote_call(struct remote *r, const char *method,
			      const char *path, const void *body, size_t len,
			      const char *const *headers,
			      struct remote_answer *ans, struct cd_error *err);
void remote_answer_free(struct remote_answer *ans);

/* A request body read in pieces, so it is never whole in memory: LEN
 * bytes, READ filling BUF with N bytes from OFFSET (0, or -1 to stop);
 * read again from the start for each attempt. */
struct remote_body {
	size_t len;
	int (*read)(void *ctx, size_t offset, void *buf, size_t n);
	void *ctx;
};
/* remote_call with a body read in pieces. */
CD_MUST_CHECK int
remote_call_body(struct remote *r, const char *method, const char *path,
		 const struct remote_body *body, const char *const *headers,
		 struct remote_answer *ans, struct cd_error *err);

/* ERR for an error answer (status >= 400): the user's message for its
 * code, what to do, and the centre's own message. WHAT says what was
 * being done ("Uploading batch ..."). Returns the status class. */
int remote_refused(const struct remote_answer *ans, const char *what,
		   struct cd_error *err);

/* The answer body as JSON; CD_ENET with a message when it is not. */
struct cJSON;
CD_MUST_CHECK int remote_json(const struct remote_answer *ans,
			      struct cJSON **out, struct cd_error *err);

#endif
