/* centre-http.c - the simulator's HTTPS service on libmicrohttpd: requests
 * in, routing, faults, and every answer signed on the way out. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "centre-http.h"
#include "i18n.h"
#include "sign.h"
#include "tlscert.h"

/* The name faults use for an endpoint. */
static const char *endpoint_name(enum endpoint ep)
{
	static const char *const names[] = {
	    "none",    "upload", "batch",  "batches",	    "file",
	    "notices", "ack",	 "health", "audit-anchors",
	};

	return names[ep];
}

/* ANS as JSON; OBJ is freed. */
void answer_json(struct answer *ans, unsigned status, cJSON *obj)
{
	ans->status = status;
	ans->body = obj ? cJSON_PrintUnformatted(obj) : NULL;
	ans->len = ans->body ? strlen(ans->body) : 0;
	ans->type = "application/json";
	cJSON_Delete(obj);
	if (ans->body == NULL) {
		ans->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		ans->body = strdup("{\"error\":{\"code\":\"internal\","
				   "\"message\":\"out of memory\"}}");
		ans->len = ans->body ? strlen(ans->body) : 0;
	}
}

/* ANS as a protocol error. */
void answer_error(struct answer *ans, unsigned status, const char *code,
		  const char *fmt, ...)
{
	cJSON *o = cJSON_CreateObject(),
	      *e = cJSON_AddObjectToObject(o, "error");
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", msg);
	free(ans->body);
	free(ans->branch_sig);
	memset(ans, 0, sizeof *ans);
	answer_json(ans, status, o);
}

/* 1 when S is MIN..MAX digits. */
static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* Split URL into its parts under /v1 and choose the endpoint. */
static void route(struct request *r, const char *method, const char *url)
{
	char buf[512], *part[6], *save = NULL, *p;
	int n = 0, get = strcmp(method, "GET") == 0;

	r->ep = EP_NONE;
	snprintf(buf, sizeof buf, "%s", url);
	for (p = strtok_r(buf, "/", &save); p && n < 6;
	     p = strtok_r(NULL, "/", &save))
		part[n++] = p;
	if (p != NULL || n < 2 || strcmp(part[0], "v1") != 0)
		return;
	if (n == 2 && strcmp(part[1], "health") == 0) {
		r->ep = get ? EP_HEALTH : EP_NONE;
		return;
	}
	if (n < 4 || strcmp(part[1], "branches") != 0)
		return;
	if (!all_digits(part[2], 1, CODELINE_BANK_MAX))
		r->bad_param = 1;
	snprintf(r->branch, sizeof r->branch, "%s", part[2]);
	if (n >= 5 && strlen(part[4]) >= BATCH_ID_MAX)
		r->bad_param = 1;
	if (n >= 5)
		snprintf(r->batch_id, sizeof r->batch_id, "%s", part[4]);
	if (strcmp(part[3], "batches") == 0) {
		if (n == 4 && get)
			r->ep = EP_BATCHES;
		else if (n == 5 && strcmp(method, "PUT") == 0)
			r->ep = EP_UPLOAD;
		else if (n == 5 && get)
			r->ep = EP_BATCH;
		else if (n == 6 && get && strcmp(part[5], "file") == 0)
			r->ep = EP_FILE;
	} else if (strcmp(part[3], "notices") == 0) {
		if (n == 4 && get)
			r->ep = EP_NOTICES;
		else if (n == 5 && strcmp(part[4], "ack") == 0 &&
			 strcmp(method, "POST") == 0)
			r->ep = EP_ACK;
	} else if (strcmp(part[3], "audit-anchors") == 0 && n == 4 && get)
		r->ep = EP_ANCHORS;
}

/* Sign BODY with KEY into the response's signature header. */
static void add_signature(struct MHD_Response *resp, EVP_PKEY *key,
			  const char *body, size_t len)
{
	struct cd_error err;
	char *b64 = NULL;

	if (sign_data(key, body, len, &b64, &err) == CD_OK)
		MHD_add_response_header(resp, "X-Chequedesk-Signature", b64);
	else
		fprintf(stderr, "chequedesk-centre: %s\n", err.msg);
	free(b64);
}

/* Queue ANS, signed, with the request's fault applied to the answer. */
static enum MHD_Result send_answer(struct centre *c,
				   struct MHD_Connection *conn,
				   const struct request *r, struct answer *ans)
{
	enum fault_kind f = r->fault.kind;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len = ans->len;
	char num[32];

	if (f == FAULT_TRUNCATE)
		len = ans->len / 2;
	if (f == FAULT_DROP_RESPONSE)
		resp =
		    fault_drop_response(ans->body, len, (size_t)r->fault.arg);
	else
		resp = MHD_create_response_from_buffer(len, ans->body,
						       MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	if (f != FAULT_UNSIGNED)
		add_signature(resp,
			      f == FAULT_WRONG_KEY ? c->wrong_key : c->key,
			      ans->body, len);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				ans->type ? ans->type : "application/json");
	if (ans->branch_sig)
		MHD_add_response_header(resp, "X-Chequedesk-Branch-Signature",
					ans->branch_sig);
	if (ans->retry_after > 0) {
		snprintf(num, sizeof num, "%ld", ans->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, num);
	}
	ret = MHD_queue_response(conn, ans->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Send ANS, log the request, and free the answer. */
static enum MHD_Result finish(struct centre *c, struct MHD_Connection *conn,
			      const struct request *r, const char *method,
			      const char *url, struct answer *ans)
{
	enum MHD_Result ret = send_answer(c, conn, r, ans);

	fprintf(stderr, "chequedesk-centre: %s %s -> %u%s%s\n", method, url,
		ans->status, r->fault.kind ? " fault " : "",
		r->fault.kind ? fault_kind_name(r->fault.kind) : "");
	free(ans->body);
	free(ans->branch_sig);
	return ret;
}

/* Wait SECONDS unless the centre stops first (no other lock held). */
static void slow_wait(struct centre *c, int64_t seconds)
{
	struct timespec until;
	struct timeval now;

	gettimeofday(&now, NULL);
	until.tv_sec = now.tv_sec + (time_t)seconds;
	until.tv_nsec = (long)now.tv_usec * 1000;
	pthread_mutex_lock(&c->stop_lock);
	while (!c->stopping &&
	       pthread_cond_timedwait(&c->stop_cond, &c->stop_lock, &until) !=
		   ETIMEDOUT)
		;
	pthread_mutex_unlock(&c->stop_lock);
}

/* Close the connection without an answer (drop-request, or no memory). */
static enum MHD_Result dropped(const struct request *r, const char *method,
			       const char *url)
{
	fprintf(
	    stderr, "chequedesk-centre: %s %s -> closed after %zu bytes%s\n",
	    method, url, r->received,
	    r->fault.kind == FAULT_DROP_REQUEST ? " fault drop-request" : "");
	return MHD_NO;
}

/* The SHA-256 fingerprint of the certificate the client presented in the
 * TLS handshake into FP; "" when it presented none. GnuTLS has checked in
 * the handshake that the client holds the certificate's key. */
static void peer_fingerprint(struct MHD_Connection *conn,
			     char fp[TLSCERT_HEX_LEN])
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	const gnutls_datum_t *peers;
	gnutls_session_t session;
	unsigned n = 0;

	fp[0] = '\0';
	if (ci == NULL || ci->tls_session == NULL)
		return;
	session = (gnutls_session_t)ci->tls_session;
	if (gnutls_certificate_type_get(session) != GNUTLS_CRT_X509)
		return;
	peers = gnutls_certificate_get_peers(session, &n);
	if (peers == NULL || n == 0 || peers[0].size == 0)
		return;
	tlscert_fp_der(peers[0].data, peers[0].size, fp);
}

/* First call for a request: route it and take its fault. */
static enum MHD_Result begin(struct centre *c, struct MHD_Connection *conn,
			     const char *method, const char *url,
			     void **con_cls)
{
	struct request *r = calloc(1, sizeof *r);
	struct cd_error err;
	struct answer ans;
	const char *cl;

	if (r == NULL)
		return MHD_NO;
	*con_cls = r;
	route(r, method, url);
	peer_fingerprint(conn, r->cert_fp);
	pthread_mutex_lock(&c->lock);
	if (fault_take(&c->db, endpoint_name(r->ep), &r->fault, &err) != CD_OK)
		fprintf(stderr, "chequedesk-centre: %s\n", err.msg);
	pthread_mutex_unlock(&c->lock);
	if (r->fault.kind == FAULT_DROP_REQUEST && r->fault.arg <= 0)
		return dropped(r, method, url);
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > CENTRE_BODY_MAX &&
	    r->fault.kind != FAULT_DROP_REQUEST) {
		r->too_large = 1;
		memset(&ans, 0, sizeof ans);
		answer_error(&ans, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
			     "the body of %s bytes exceeds the limit of %zu "
			     "bytes",
			     cl, CENTRE_BODY_MAX);
		return finish(c, conn, r, method, url, &ans);
	}
	return MHD_YES;
}

/* Keep a chunk of the body (or note that it is too large). */
static enum MHD_Result take_body(struct request *r, const char *data, size_t n)
{
	char *p;

	r->received += n;
	if (!r->too_large && r->len + n > CENTRE_BODY_MAX) {
		r->too_large = 1;
		free(r->body);
		r->body = NULL;
		r->len = r->cap = 0;
	}
	if (!r->too_large) {
		if (r->len + n + 1 > r->cap) {
			size_t cap = (r->len + n + 1) * 2;

			if (cap > CENTRE_BODY_MAX + 1)
				cap = CENTRE_BODY_MAX + 1;
			p = realloc(r->body, cap);
			if (p == NULL)
				return MHD_NO;
			r->body = p;
			r->cap = cap;
		}
		memcpy(r->body + r->len, data, n);
		r->len += n;
		r->body[r->len] = '\0';
	}
	if (r->fault.kind == FAULT_DROP_REQUEST &&
	    r->received >= (size_t)r->fault.arg)
		return MHD_NO;
	return MHD_YES;
}

/* The access handler: gather the body, then answer. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct centre *c = cls;
	struct request *r = *con_cls;
	struct answer ans;
	struct cd_error err;

	(void)version;
	if (r == NULL)
		return begin(c, conn, method, url, con_cls);
	if (*upload_size) {
		size_t n = *upload_size;

		*upload_size = 0;
		if (take_body(r, upload, n) == MHD_YES)
			return MHD_YES;
		return dropped(r, method, url);
	}
	if (r->fault.kind == FAULT_DROP_REQUEST)
		return dropped(r, method, url);
	memset(&ans, 0, sizeof ans);
	if (r->too_large)
		answer_error(&ans, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
			     "the body exceeds the limit of %zu bytes",
			     CENTRE_BODY_MAX);
	else if (r->fault.kind == FAULT_STATUS_500)
		answer_error(&ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "the centre failed (simulated fault)");
	else if (r->fault.kind == FAULT_STATUS_503) {
		answer_error(&ans, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
			     "the centre is busy; try again in %lld seconds",
			     (long long)r->fault.arg);
		ans.retry_after = r->fault.arg > 0 ? (long)r->fault.arg : 1;
	} else {
		if (r->fault.kind == FAULT_SLOW)
			slow_wait(c, r->fault.arg);
		pthread_mutex_lock(&c->lock);
		if (decide_due(&c->db, &c->rules, time(NULL), &err) != CD_OK)
			fprintf(stderr, "chequedesk-centre: %s\n", err.msg);
		api_handle(c, conn, r, &ans);
		pthread_mutex_unlock(&c->lock);
	}
	return finish(c, conn, r, method, url, &ans);
}

/* The request is over: free its state. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct request *r = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (r) {
		free(r->body);
		free(r);
		*con_cls = NULL;
	}
}

/* Start the daemon. */
int centre_http_start(struct centre *c, const char *listen, int port,
		      const char *cert, const char *cert_key,
		      struct cd_error *err)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_THREAD_PER_CONNECTION | MHD_USE_TLS |
			 MHD_USE_ERROR_LOG;
	struct sockaddr_storage ss;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	const union MHD_DaemonInfo *info;

	memset(&ss, 0, sizeof ss);
	if (inet_pton(AF_INET, listen, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, listen, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		flags |= MHD_USE_IPv6;
	} else {
		return cd_err(err, CD_EUSAGE, "listen",
			      _("\"%s\" is not an IP address. Give --listen an "
				"address such as 127.0.0.1 or ::1."),
			      listen);
	}
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("This libmicrohttpd was built without HTTPS. "
				"Install a libmicrohttpd with TLS (GnuTLS)."));
	c->mhd = MHD_start_daemon(
	    flags, (uint16_t)port, NULL, NULL, on_request, c,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_HTTPS_MEM_KEY, cert_key, MHD_OPTION_HTTPS_MEM_CERT, cert,
	    /* libmicrohttpd asks clients for a certificate only when it has
	     * a trust list. Any will do: a branch's certificate is not
	     * checked against it (GnuTLS only proves the client holds the
	     * key) but pinned by its fingerprint (centre-api.c). */
	    MHD_OPTION_HTTPS_MEM_TRUST, cert, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, c, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)300,
	    MHD_OPTION_END);
	if (c->mhd == NULL)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Could not listen on %s port %d: the port may "
				"be in use, or the certificate and key do not "
				"match or are not PEM. Check --port, --cert "
				"and --cert-key (messages above may say "
				"more)."),
			      listen, port);
	info = MHD_get_daemon_info(c->mhd, MHD_DAEMON_INFO_BIND_PORT);
	c->port = info ? info->port : port;
	return CD_OK;
}

/* Stop serving. */
void centre_http_stop(struct centre *c)
{
	pthread_mutex_lock(&c->stop_lock);
	c->stopping = 1;
	pthread_cond_broadcast(&c->stop_cond);
	pthread_mutex_unlock(&c->stop_lock);
	if (c->mhd)
		MHD_stop_daemon(c->mhd);
	c->mhd = NULL;
}

/* Decide what is due now. */
void centre_tick(struct centre *c)
{
	struct cd_error err;

	pthread_mutex_lock(&c->lock);
	if (decide_due(&c->db, &c->rules, time(NULL), &err) != CD_OK)
		fprintf(stderr, "chequedesk-centre: %s\n", err.msg);
	pthread_mutex_unlock(&c->lock);
}
