/* centre-faults.h - faults the simulated centre can be told to show
 * (docs/centre-protocol.md, "Faults"), kept in its database. */
#ifndef CHEQUEDESK_CENTRE_FAULTS_H
#define CHEQUEDESK_CENTRE_FAULTS_H

#include <stddef.h>
#include <stdint.h>

#include "centre-db.h"
#include "error.h"

enum fault_kind {
	FAULT_NONE = 0,
	FAULT_DROP_REQUEST,
	FAULT_DROP_RESPONSE,
	FAULT_STATUS_500,
	FAULT_STATUS_503,
	FAULT_SLOW,
	FAULT_TRUNCATE,
	FAULT_WRONG_KEY,
	FAULT_UNSIGNED,
};

struct fault {
	int64_t id;
	enum fault_kind kind;
	int64_t arg;	   /* bytes or seconds, for the kinds that take it */
	char endpoint[16]; /* upload, batch, ..., or any */
	int64_t times;	   /* requests left */
};

/* "drop-request" ... and back (FAULT_NONE when unknown). */
const char *fault_kind_name(enum fault_kind k);
enum fault_kind fault_kind_parse(const char *name);
/* What the kind's ARG is: "bytes", "seconds", or NULL when it takes none. */
const char *fault_arg_name(enum fault_kind k);
/* 1 when NAME is an endpoint name or "any". */
int fault_endpoint_ok(const char *name);
/* The endpoint names, for messages: "upload, batch, ...". */
const char *fault_endpoints(void);
/* The kind names, for messages. */
const char *fault_kinds(void);

/* Store, remove all, or print the faults. */
CD_MUST_CHECK int fault_add(struct cdb *c, const struct fault *f,
			    struct cd_error *err);
CD_MUST_CHECK int fault_clear(struct cdb *c, struct cd_error *err);
CD_MUST_CHECK int fault_list(struct cdb *c, struct cd_error *err);

/* Take one use of the oldest fault for ENDPOINT (or "any") into OUT;
 * OUT->kind is FAULT_NONE when there is none. Atomic: concurrent
 * requests never use one fault more often than its --times. */
CD_MUST_CHECK int fault_take(struct cdb *c, const char *endpoint,
			     struct fault *out, struct cd_error *err);

/* For drop-response: a response that announces LEN bytes of BODY (copied)
 * but gives only the first AFTER, then breaks the connection. */
struct MHD_Response;
struct MHD_Response *fault_drop_response(const char *body, size_t len,
					 size_t after);

#endif
