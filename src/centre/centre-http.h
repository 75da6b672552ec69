/* centre-http.h - the simulated clearing centre's HTTPS service
 * (libmicrohttpd): routing, signed answers, faults, and the endpoints of
 * docs/centre-protocol.md. */
#ifndef CHEQUEDESK_CENTRE_HTTP_H
#define CHEQUEDESK_CENTRE_HTTP_H

#include <microhttpd.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stddef.h>

#include "centre-db.h"
#include "centre-faults.h"
#include "centre-rules.h"
#include "error.h"
#include "tlscert.h"

/* The largest body the centre takes (413 too-large beyond). */
#define CENTRE_BODY_MAX ((size_t)64 * 1024 * 1024)

/* The running centre. LOCK serialises all work on DB (one connection)
 * between request threads and the timer. */
struct centre {
	struct cdb db;
	pthread_mutex_t lock;
	struct rules rules;
	EVP_PKEY *key;	     /* the centre's own key */
	EVP_PKEY *wrong_key; /* made at start, registered nowhere */
	struct MHD_Daemon *mhd;
	pthread_mutex_t stop_lock;
	pthread_cond_t stop_cond;
	int stopping;
	int port; /* the port listened on */
};

/* An answer being built: status, body (owned), type and extra headers. */
struct answer {
	unsigned status;
	char *body;
	size_t len;
	const char *type;
	char *branch_sig; /* X-Chequedesk-Branch-Signature, owned */
	long retry_after; /* > 0: Retry-After */
};

/* What a request asked for. */
enum endpoint {
	EP_NONE, /* no such endpoint */
	EP_UPLOAD,
	EP_BATCH,
	EP_BATCHES,
	EP_FILE,
	EP_NOTICES,
	EP_ACK,
	EP_HEALTH,
	EP_ANCHORS,
};

/* A request in progress: its route, fault and body. */
struct request {
	enum endpoint ep;
	char branch[CODELINE_BANK_MAX + 1];
	char batch_id[BATCH_ID_MAX];
	int bad_param; /* a path part is malformed */
	struct fault fault;
	char *body;
	size_t len, cap, received;
	int too_large;
	char cert_fp[TLSCERT_HEX_LEN]; /* the client's certificate; "" none */
};

/* What "serve" was told. */
struct serve_options {
	const char *db;
	const char *cert, *cert_key; /* PEM files */
	const char *listen;
	int port; /* 0: any free port */
	const char *port_file;
	const char *rules, *banks; /* or NULL */
};

/* Run the centre until SIGTERM or SIGINT (centre-serve.c). */
CD_MUST_CHECK int centre_serve(const struct serve_options *o,
			       struct cd_error *err);
/* The whole file PATH in a new NUL-terminated string (*LEN its length
 * when LEN is not NULL); WHAT names the file in messages. */
char *centre_read_file(const char *path, const char *what, size_t *len,
		       struct cd_error *err);
/* Write TEXT to PATH through a temporary file and a rename. */
CD_MUST_CHECK int centre_write_file(const char *path, const char *text,
				    struct cd_error *err);

/* Start serving HTTPS on LISTEN:PORT (0: any free port; C->port is set)
 * with the PEM texts CERT and CERT_KEY. */
CD_MUST_CHECK int centre_http_start(struct centre *c, const char *listen,
				    int port, const char *cert,
				    const char *cert_key, struct cd_error *err);
/* Stop: wake sleeping requests, close connections, wait for threads. */
void centre_http_stop(struct centre *c);
/* The one-second timer: decide what is due. */
void centre_tick(struct centre *c);

/* Endpoints (centre-api.c), called with C->lock held: fill ANS. */
void api_handle(struct centre *c, struct MHD_Connection *conn,
		struct request *r, struct answer *ans);
/* ANS as a signed-to-be JSON error {"error":{"code","message"}}. */
void answer_error(struct answer *ans, unsigned status, const char *code,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* ANS as JSON (OBJ is freed). */
void answer_json(struct answer *ans, unsigned status, cJSON *obj);

#endif
