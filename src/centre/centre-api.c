/* centre-api.c - the endpoints of docs/centre-protocol.md as the simulator
 * answers them: upload, batch state, a date's batches, the file, notices,
 * acknowledgement and health. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "centre-http.h"
#include "json-out.h"
#include "sign.h"

#define NOTICES_MAX 500

/* A request header's value, or NULL. */
static const char *header(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

/* The receipt answer of an upload. */
static cJSON *receipt_json(const struct cdb_batch *b)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "receipt", b->receipt);
	cJSON_AddStringToObject(o, "batch_id", b->batch_id);
	cJSON_AddStringToObject(o, "digest", b->digest);
	cJSON_AddStringToObject(o, "received_at", b->received_at);
	json_add_int64(o, "items", b->items);
	cJSON_AddStringToObject(
	    o, "state", b->decided == b->items ? "complete" : "received");
	cJSON_AddBoolToObject(o, "replaced", b->replacing);
	return o;
}

/* A batch's state object. */
static cJSON *state_json(const struct cdb_batch *b)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "batch_id", b->batch_id);
	cJSON_AddStringToObject(o, "business_date", b->business_date);
	json_add_int64(o, "session", b->session);
	cJSON_AddStringToObject(o, "digest", b->digest);
	cJSON_AddStringToObject(o, "receipt", b->receipt);
	cJSON_AddStringToObject(o, "received_at", b->received_at);
	cJSON_AddBoolToObject(o, "resend", b->resend);
	cJSON_AddStringToObject(
	    o, "state", b->decided == b->items ? "complete" : "received");
	json_add_int64(o, "items", b->items);
	json_add_int64(o, "decided", b->decided);
	return o;
}

/* Log a refused request: who asked (the certificate) for what. */
static void log_refusal(const struct request *r, const char *code,
			const char *holder)
{
	fprintf(stderr,
		"chequedesk-centre: refused %s for branch %s: certificate "
		"%s%s%s%s\n",
		code, r->branch, r->cert_fp[0] ? r->cert_fp : "(none)",
		holder ? " (branch " : "", holder ? holder : "",
		holder ? ")" : "");
}

/* The connection's certificate must be the one registered for the path's
 * branch, which must be registered; its key PEM in *PUB (may be NULL).
 * The X-Chequedesk-Branch header, when sent, must agree, but proves
 * nothing. 0 when ANS was set. */
static int check_branch(struct centre *c, struct MHD_Connection *conn,
			const struct request *r, char **pub, struct answer *ans)
{
	const char *h = header(conn, "X-Chequedesk-Branch");
	char holder[CODELINE_BANK_MAX + 1];
	struct cd_error err;
	char *key = NULL;
	int rc;

	if (r->bad_param) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "the branch or batch id in the path is malformed");
		return 0;
	}
	if (r->cert_fp[0] == '\0') {
		log_refusal(r, "client-certificate-required", NULL);
		answer_error(ans, MHD_HTTP_UNAUTHORIZED,
			     "client-certificate-required",
			     "the connection presented no client certificate; "
			     "a branch connects with its transport "
			     "certificate");
		return 0;
	}
	rc = cdb_cert_branch(&c->db, r->cert_fp, holder, &err);
	if (rc == CD_ENOTFOUND) {
		log_refusal(r, "unknown-certificate", NULL);
		answer_error(ans, MHD_HTTP_FORBIDDEN, "unknown-certificate",
			     "the client certificate (SHA-256 %s) is not "
			     "registered for any branch",
			     r->cert_fp);
		return 0;
	}
	if (rc != CD_OK) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return 0;
	}
	if (strcmp(holder, r->branch) != 0) {
		log_refusal(r, "wrong-branch", holder);
		answer_error(ans, MHD_HTTP_FORBIDDEN, "wrong-branch",
			     "the client certificate is branch %s's, not "
			     "branch %s's",
			     holder, r->branch);
		return 0;
	}
	if (h != NULL && strcmp(h, r->branch) != 0) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "X-Chequedesk-Branch %s is not the branch %s of "
			     "the path",
			     h, r->branch);
		return 0;
	}
	rc = cdb_branch_key(&c->db, r->branch, &key, &err);
	if (rc == CD_ENOTFOUND)
		answer_error(ans, MHD_HTTP_NOT_FOUND, "unknown-branch",
			     "branch %s is not registered at the centre",
			     r->branch);
	else if (rc != CD_OK)
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
	if (rc == CD_OK && pub)
		*pub = key;
	else
		free(key);
	return rc == CD_OK;
}

/* Check the branch's signature and the digest of the body. */
static int check_upload_headers(struct MHD_Connection *conn,
				const struct request *r, const char *pub,
				char digest[SIGN_HEX_LEN], struct answer *ans)
{
	const char *sig = header(conn, "X-Chequedesk-Signature");
	const char *dig = header(conn, "X-Chequedesk-Digest");
	struct cd_error err;
	EVP_PKEY *key;
	int ok;

	if (sig == NULL || dig == NULL) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "the %s header is missing",
			     sig ? "X-Chequedesk-Digest"
				 : "X-Chequedesk-Signature");
		return 0;
	}
	key = sign_public_from_pem(pub, strlen(pub), "the branch's key", &err);
	if (key == NULL) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "the registered key of branch %s is unusable",
			     r->branch);
		return 0;
	}
	ok = sign_verify(key, r->body ? r->body : "", r->len, sig);
	EVP_PKEY_free(key);
	if (!ok) {
		answer_error(ans, MHD_HTTP_UNAUTHORIZED, "bad-signature",
			     "the signature does not verify with the key "
			     "registered for branch %s",
			     r->branch);
		return 0;
	}
	sign_sm3_hex(r->body ? r->body : "", r->len, digest);
	if (strcasecmp(dig, digest) != 0) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "X-Chequedesk-Digest %s is not the SM3 digest of "
			     "the body (%s)",
			     dig, digest);
		return 0;
	}
	return 1;
}

/* Parse and check the batch file into P; 0 when ANS was set. */
static int check_file(const struct request *r, struct batch *p,
		      struct answer *ans)
{
	struct cd_error err;
	cJSON *j = cJSON_ParseWithLength(r->body ? r->body : "", r->len);

	if (j == NULL) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-json",
			     "the body is not JSON");
		return 0;
	}
	cJSON_Delete(j);
	cd_err_clear(&err);
	if (batch_read(r->body, r->len, p, &err) != CD_OK) {
		if (strcmp(err.field, "totals") == 0)
			answer_error(ans, MHD_HTTP_UNPROCESSABLE_CONTENT,
				     "bad-totals", "%s", err.msg);
		else
			answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-format",
				     "%s", err.msg);
		batch_free(p);
		return 0;
	}
	if (strcmp(p->h.branch, r->branch) != 0 ||
	    strcmp(p->h.batch_id, r->batch_id) != 0) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-format",
			     "header.branch %s and header.batch_id %s must be "
			     "the path's %s and %s",
			     p->h.branch, p->h.batch_id, r->branch,
			     r->batch_id);
		batch_free(p);
		return 0;
	}
	return 1;
}

/* Store the new (or replacing) file and answer its receipt. */
static void store_upload(struct centre *c, struct MHD_Connection *conn,
			 struct request *r, const char *digest,
			 const struct batch *p, int64_t replaces,
			 struct answer *ans)
{
	struct cdb_batch b;
	struct cd_error err;
	time_t now = time(NULL);

	memset(&b, 0, sizeof b);
	snprintf(b.branch, sizeof b.branch, "%s", r->branch);
	snprintf(b.batch_id, sizeof b.batch_id, "%s", r->batch_id);
	snprintf(b.business_date, sizeof b.business_date, "%s",
		 p->h.business_date);
	b.session = p->h.session;
	snprintf(b.digest, sizeof b.digest, "%s", digest);
	b.file = r->body;
	b.file_len = r->len;
	b.signature = (char *)header(conn, "X-Chequedesk-Signature");
	b.resend = p->h.resend;
	b.received_epoch = (int64_t)now;
	cdb_stamp(now, b.received_at);
	if (cdb_begin(&c->db, &err) != CD_OK ||
	    cdb_batch_put(&c->db, &b, p, replaces, &err) != CD_OK ||
	    cdb_commit(&c->db, &err) != CD_OK) {
		cdb_rollback(&c->db);
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	answer_json(ans, MHD_HTTP_CREATED, receipt_json(&b));
}

/* PUT .../batches/{batch_id}: checks in the protocol's order. */
static void upload(struct centre *c, struct MHD_Connection *conn,
		   struct request *r, struct answer *ans)
{
	const char *resend = header(conn, "X-Chequedesk-Resend");
	char digest[SIGN_HEX_LEN], *pub = NULL;
	struct cdb_batch old;
	struct batch p;
	struct cd_error err;
	int rc, ok;

	if (!check_branch(c, conn, r, &pub, ans))
		return;
	ok = check_upload_headers(conn, r, pub, digest, ans);
	free(pub);
	if (!ok)
		return;
	rc = cdb_batch_get(&c->db, r->branch, r->batch_id, 0, &old, &err);
	if (rc != CD_OK && rc != CD_ENOTFOUND) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	if (rc == CD_OK && strcmp(old.digest, digest) == 0) {
		answer_json(ans, MHD_HTTP_OK, receipt_json(&old));
		return;
	}
	if (rc == CD_OK && (resend == NULL || strcmp(resend, "1") != 0)) {
		answer_error(ans, MHD_HTTP_CONFLICT, "digest-mismatch",
			     "batch %s was received with another digest",
			     r->batch_id);
		return;
	}
	memset(&p, 0, sizeof p);
	if (!check_file(r, &p, ans))
		return;
	if (rc == CD_OK && !p.h.resend)
		answer_error(ans, MHD_HTTP_CONFLICT, "digest-mismatch",
			     "batch %s was received with another digest and "
			     "this file is not marked as a resend",
			     r->batch_id);
	else if (rc == CD_OK && old.decided > 0)
		answer_error(ans, MHD_HTTP_CONFLICT, "already-decided",
			     "the centre has decided %lld items of batch %s",
			     (long long)old.decided, r->batch_id);
	else
		store_upload(c, conn, r, digest, &p, rc == CD_OK ? old.id : 0,
			     ans);
	batch_free(&p);
}

/* GET .../batches/{batch_id} and .../file. */
static void get_batch(struct centre *c, struct request *r, int file,
		      struct answer *ans)
{
	struct cdb_batch b;
	struct cd_error err;
	int rc = cdb_batch_get(&c->db, r->branch, r->batch_id, file, &b, &err);

	if (rc == CD_ENOTFOUND) {
		answer_error(ans, MHD_HTTP_NOT_FOUND, "unknown-batch",
			     "batch %s of branch %s was not received",
			     r->batch_id, r->branch);
		return;
	}
	if (rc != CD_OK) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	if (!file) {
		answer_json(ans, MHD_HTTP_OK, state_json(&b));
		return;
	}
	ans->status = MHD_HTTP_OK;
	ans->type = "application/json";
	ans->body = b.file;
	ans->len = b.file_len;
	ans->branch_sig = b.signature;
}

/* A YYYY-MM-DD date parameter. */
static int date_ok(const char *s)
{
	static const char pattern[] = "dddd-dd-dd";
	size_t i;

	for (i = 0; pattern[i]; i++)
		if (s[i] == '\0' ||
		    (pattern[i] == 'd' ? !isdigit((unsigned char)s[i])
				       : s[i] != '-'))
			return 0;
	return s[i] == '\0';
}

/* cdb_batch_list callback: add a state object. */
static void add_state(const struct cdb_batch *b, void *ctx)
{
	cJSON_AddItemToArray(ctx, state_json(b));
}

/* GET .../batches?date=. */
static void list_batches(struct centre *c, struct MHD_Connection *conn,
			 struct request *r, struct answer *ans)
{
	const char *date =
	    MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date");
	cJSON *o, *arr;
	struct cd_error err;

	if (date == NULL || !date_ok(date)) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "give the parameter date=YYYY-MM-DD");
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "date", date);
	arr = cJSON_AddArrayToObject(o, "batches");
	if (cdb_batch_list(&c->db, r->branch, date, add_state, arr, &err) !=
	    CD_OK) {
		cJSON_Delete(o);
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	answer_json(ans, MHD_HTTP_OK, o);
}

/* A non-negative integer parameter NAME (DEF when absent); -1 if bad. */
static int64_t int_param(struct MHD_Connection *conn, const char *name,
			 int64_t def)
{
	const char *v =
	    MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);

	if (v == NULL)
		return def;
	if (*v == '\0' || strlen(v) > 15 ||
	    strspn(v, "0123456789") != strlen(v))
		return -1;
	return strtoll(v, NULL, 10);
}

/* GET .../notices?after=&limit=&date=. */
static void list_notices(struct centre *c, struct MHD_Connection *conn,
			 struct request *r, struct answer *ans)
{
	const char *date =
	    MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date");
	int64_t after = int_param(conn, "after", 0);
	int64_t limit = int_param(conn, "limit", NOTICES_MAX);
	struct notice_page page;
	struct cd_error err;
	cJSON *o, *arr;
	size_t i;

	if (after < 0 || limit <= 0 || (date && !date_ok(date))) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-request",
			     "after and limit must be whole numbers "
			     "(limit 1 or more) and date YYYY-MM-DD");
		return;
	}
	if (limit > NOTICES_MAX)
		limit = NOTICES_MAX;
	if (notices_list(&c->db, r->branch, after, (int)limit, date, &page,
			 &err) != CD_OK) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	o = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(o, "notices");
	for (i = 0; i < page.n; i++)
		cJSON_AddItemToArray(arr, notice_to_json(&page.v[i]));
	json_add_int64(o, "last_seq", page.last_seq);
	cJSON_AddBoolToObject(o, "more", page.more);
	free(page.v);
	answer_json(ans, MHD_HTTP_OK, o);
}

/* POST .../notices/ack {"through": N}. */
static void ack(struct centre *c, struct request *r, struct answer *ans)
{
	cJSON *j = cJSON_ParseWithLength(r->body ? r->body : "", r->len);
	cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "through"), *o;
	struct cd_error err;
	int64_t acked = 0;
	double v;

	if (j == NULL) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-json",
			     "the body is not JSON");
		return;
	}
	v = cJSON_IsNumber(t) ? t->valuedouble : -1;
	cJSON_Delete(j);
	if (v < 0 || v > 9e15 || v != (double)(int64_t)v) {
		answer_error(ans, MHD_HTTP_BAD_REQUEST, "bad-format",
			     "through: give the last seq to acknowledge "
			     "as a whole number");
		return;
	}
	if (notices_ack(&c->db, r->branch, (int64_t)v, &acked, &err) != CD_OK) {
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	o = cJSON_CreateObject();
	json_add_int64(o, "acknowledged_through", acked);
	answer_json(ans, MHD_HTTP_OK, o);
}

/* cdb_batch_files callback: the anchor of one file, if it has one. */
static void add_anchor(const struct cdb_batch *b, void *ctx)
{
	struct batch_anchor a;
	struct cd_error err;
	cJSON *o;

	if (batch_read_anchor(b->file, b->file_len, &a, &err) != CD_OK ||
	    a.record == 0) {
		free(a.leaves);
		return;
	}
	o = batch_anchor_json(&a);
	free(a.leaves);
	if (o == NULL)
		return;
	cJSON_AddStringToObject(o, "batch_id", b->batch_id);
	cJSON_AddStringToObject(o, "received_at", b->received_at);
	cJSON_AddItemToArray(ctx, o);
}

/* GET .../audit-anchors: the heads of the branch's audit chain that the
 * files it sent carry (docs/audit.md). */
static void list_anchors(struct centre *c, struct request *r,
			 struct answer *ans)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "anchors");
	struct cd_error err;

	if (cdb_batch_files(&c->db, r->branch, add_anchor, arr, &err) !=
	    CD_OK) {
		cJSON_Delete(o);
		answer_error(ans, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			     "%s", err.msg);
		return;
	}
	answer_json(ans, MHD_HTTP_OK, o);
}

/* GET /v1/health. */
static void health(struct answer *ans)
{
	cJSON *o = cJSON_CreateObject();
	char now[TIMESTAMP_LEN];

	cdb_stamp(time(NULL), now);
	cJSON_AddStringToObject(o, "centre", "chequedesk-centre");
	cJSON_AddStringToObject(o, "version", PACKAGE_VERSION);
	cJSON_AddStringToObject(o, "time", now);
	answer_json(ans, MHD_HTTP_OK, o);
}

/* Answer request R. */
void api_handle(struct centre *c, struct MHD_Connection *conn,
		struct request *r, struct answer *ans)
{
	switch (r->ep) {
	case EP_HEALTH:
		health(ans);
		return;
	case EP_UPLOAD:
		upload(c, conn, r, ans);
		return;
	case EP_NONE:
		answer_error(ans, MHD_HTTP_NOT_FOUND, "not-found",
			     "no such endpoint");
		return;
	default:
		break;
	}
	if (!check_branch(c, conn, r, NULL, ans))
		return;
	switch (r->ep) {
	case EP_BATCH:
		get_batch(c, r, 0, ans);
		return;
	case EP_FILE:
		get_batch(c, r, 1, ans);
		return;
	case EP_BATCHES:
		list_batches(c, conn, r, ans);
		return;
	case EP_NOTICES:
		list_notices(c, conn, r, ans);
		return;
	case EP_ANCHORS:
		list_anchors(c, r, ans);
		return;
	default:
		ack(c, r, ans);
		return;
	}
}
