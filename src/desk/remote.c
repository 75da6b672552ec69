/* remote.c - HTTPS requests to the clearing centre with libcurl: verified
 * TLS, time limits, retries with back-off honouring Retry-After, upload
 * progress, and the centre's signature checked on every answer. */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "grow.h"
#include "i18n.h"
#include "remote.h"

#define BACKOFF_FIRST 1	      /* seconds before the first retry */
#define BACKOFF_MAX 60	      /* longest back-off */
#define RETRY_AFTER_MAX 300   /* longest Retry-After honoured */
#define ANSWER_MAX (64 << 20) /* the biggest answer read */

/* What one attempt gave. */
struct attempt {
	char *body;
	size_t len, cap;
	long status;
	long retry_after; /* -1 when not given */
	char sig[256];
	char branch_sig[256];
	int too_big;
};

/* Set up libcurl once per process; see remote.h. */
int remote_global_init(struct cd_error *err)
{
	static int done;
	CURLcode rc;

	if (done)
		return CD_OK;
	rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK)
		return cd_err(err, CD_ECONFIG, NULL,
			      /* TRANSLATORS: %s is libcurl's reason (in
			       * English). */
			      _("The network library (libcurl) could not start "
				"(%s), so the clearing centre was not "
				"contacted. Report this to branch IT."),
			      curl_easy_strerror(rc));
	done = 1;
	return CD_OK;
}

/* Set what a safe connection rests on; see remote.h. */
int remote_secure(void *curl, const char *url, const char *ca,
		  struct cd_error *err)
{
	const char *what = NULL;
	CURL *c = curl;
	CURLcode rc;

	if ((rc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https")) !=
	    CURLE_OK)
		what = "CURLOPT_PROTOCOLS_STR";
	else if ((rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L)) !=
		 CURLE_OK)
		what = "CURLOPT_SSL_VERIFYPEER";
	else if ((rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L)) !=
		 CURLE_OK)
		what = "CURLOPT_SSL_VERIFYHOST";
	else if (ca[0] != '\0' &&
		 (rc = curl_easy_setopt(c, CURLOPT_CAINFO, ca)) != CURLE_OK)
		what = "CURLOPT_CAINFO";
	else if ((rc = curl_easy_setopt(c, CURLOPT_URL, url)) != CURLE_OK)
		what = "CURLOPT_URL";
	if (what == NULL)
		return CD_OK;
	return cd_err(err, CD_ECONFIG, NULL,
		      /* TRANSLATORS: the first %s is a libcurl option
		       * (CURLOPT_...), the second libcurl's reason (in
		       * English). */
		      _("The network library (libcurl) refused %s (%s), so "
			"the clearing centre's identity could not be "
			"checked and it was not contacted. Install libcurl "
			"7.85.0 or later with TLS support, or report this "
			"to branch IT."),
		      what, curl_easy_strerror(rc));
}

/* Present the transport certificate; see remote.h. */
int remote_client_cert(void *curl, const char *cert, const char *key,
		       struct cd_error *err)
{
	const char *what = NULL;
	CURL *c = curl;
	CURLcode rc;

	if ((rc = curl_easy_setopt(c, CURLOPT_SSLCERT, cert)) != CURLE_OK)
		what = "CURLOPT_SSLCERT";
	else if ((rc = curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM")) !=
		 CURLE_OK)
		what = "CURLOPT_SSLCERTTYPE";
	else if ((rc = curl_easy_setopt(c, CURLOPT_SSLKEY, key)) != CURLE_OK)
		what = "CURLOPT_SSLKEY";
	else if ((rc = curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM")) !=
		 CURLE_OK)
		what = "CURLOPT_SSLKEYTYPE";
	if (what == NULL)
		return CD_OK;
	return cd_err(err, CD_ECONFIG, NULL,
		      /* TRANSLATORS: the first %s is a libcurl option
		       * (CURLOPT_...), the second libcurl's reason (in
		       * English). */
		      _("The network library (libcurl) refused %s (%s), so "
			"the branch could not present its transport "
			"certificate and the centre was not contacted. "
			"Install libcurl with TLS support, or report this to "
			"branch IT."),
		      what, curl_easy_strerror(rc));
}

/* The refusal when no transport certificate is configured. */
static int no_transport_cert(const struct remote *r, struct cd_error *err)
{
	return cd_err(err, CD_ECONFIG, NULL,
		      _("The branch has no transport certificate, so the "
			"clearing centre cannot tell it is this branch; "
			"nothing was sent. A supervisor makes one with "
			"'chequedesk key transport new' (it sets "
			"transport_cert and transport_key in %s) and gives "
			"the certificate to the centre to register."),
		      r->config_path);
}

/* Set up R from the configuration. */
int remote_open(struct remote *r, const struct conf *c, const char *branch,
		struct cd_error *err)
{
	memset(r, 0, sizeof *r);
	if (c->centre_url[0] == '\0')
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The clearing centre's address is not set. "
				"Set centre_url = https://... in %s."),
			      c->config_path);
	if (c->centre_key[0] == '\0')
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The clearing centre's public key is not set, "
				"so its answers cannot be checked. Set "
				"centre_key = PATH in %s to the key file the "
				"centre gave the branch."),
			      c->config_path);
	if (remote_global_init(err) != CD_OK)
		return err->status;
	r->centre_key = sign_load_public(c->centre_key, err);
	if (r->centre_key == NULL)
		return err->status;
	snprintf(r->base, sizeof r->base, "%s/v1", c->centre_url);
	snprintf(r->branch, sizeof r->branch, "%s", branch);
	snprintf(r->ca, sizeof r->ca, "%s", c->centre_ca);
	snprintf(r->key_path, sizeof r->key_path, "%s", c->centre_key);
	snprintf(r->config_path, sizeof r->config_path, "%s",
		 c->config_path ? c->config_path : "chequedesk.conf");
	if (c->transport_cert[0] != '\0' && c->transport_key[0] != '\0') {
		snprintf(r->tls_cert, sizeof r->tls_cert, "%s",
			 c->transport_cert);
		snprintf(r->tls_key, sizeof r->tls_key, "%s", c->transport_key);
	}
	r->timeout = c->centre_timeout;
	r->retries = c->centre_retries;
	r->curl = curl_easy_init();
	if (r->curl == NULL) {
		remote_close(r);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	}
	return CD_OK;
}

/* Release what remote_open set up. */
void remote_close(struct remote *r)
{
	if (r->curl != NULL)
		curl_easy_cleanup(r->curl);
	EVP_PKEY_free(r->centre_key);
	memset(r, 0, sizeof *r);
}

/* Collect the answer body. */
static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct attempt *a = ctx;
	size_t add = size * n;

	if (a->len + add > ANSWER_MAX) {
		a->too_big = 1;
		return 0;
	}
	if (grow(&a->body, &a->cap, a->len + add + 1, 1) != 0)
		return 0;
	memcpy(a->body + a->len, data, add);
	a->len += add;
	a->body[a->len] = '\0';
	return add;
}

/* Copy header value VAL (LEN bytes, trimmed) into BUF. */
static void header_value(const char *val, size_t len, char *buf, size_t size)
{
	while (len > 0 && (*val == ' ' || *val == '\t')) {
		val++;
		len--;
	}
	while (len > 0 && (val[len - 1] == '\r' || val[len - 1] == '\n' ||
			   val[len - 1] == ' '))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, val, len);
	buf[len] = '\0';
}

/* Pick the headers the protocol uses. */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	static const char sig[] = "X-Chequedesk-Signature:",
			  bsig[] = "X-Chequedesk-Branch-Signature:",
			  ra[] = "Retry-After:";
	struct attempt *a = ctx;
	size_t len = size * n;
	char num[16];

	if (len > sizeof sig - 1 && strncasecmp(data, sig, sizeof sig - 1) == 0)
		header_value(data + sizeof sig - 1, len - (sizeof sig - 1),
			     a->sig, sizeof a->sig);
	else if (len > sizeof bsig - 1 &&
		 strncasecmp(data, bsig, sizeof bsig - 1) == 0)
		header_value(data + sizeof bsig - 1, len - (sizeof bsig - 1),
			     a->branch_sig, sizeof a->branch_sig);
	else if (len > sizeof ra - 1 &&
		 strncasecmp(data, ra, sizeof ra - 1) == 0) {
		header_value(data + sizeof ra - 1, len - (sizeof ra - 1), num,
			     sizeof num);
		a->retry_after = strtol(num, NULL, 10);
	} else if (len > 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new answer (after a redirect or 100): forget the last */
		a->sig[0] = a->branch_sig[0] = '\0';
		a->retry_after = -1;
	}
	return len;
}

/* Report upload progress. */
static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct remote *r = ctx;

	(void)dltotal;
	(void)dlnow;
	if (r->progress != NULL && ultotal > 0)
		r->progress(r->ctx, (int64_t)ulnow, (int64_t)ultotal);
	return 0;
}

/* Why a transfer failed, for the user; *FINAL set when retrying cannot
 * help (the certificate is not trusted). */
static void transfer_failure(const struct remote *r, CURLcode rc,
			     const char *detail, char *buf, size_t size,
			     int *final)
{
	*final = 0;
	switch (rc) {
	case CURLE_SSL_CERTPROBLEM:
		*final = 1;
		snprintf(buf, size,
			 _("the branch's transport certificate %s or its key "
			   "%s could not be used (%s). 'chequedesk key "
			   "transport show' says what is wrong with them"),
			 r->tls_cert, r->tls_key, detail);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		*final = 1;
		snprintf(buf, size,
			 _("the centre's TLS certificate is not trusted (%s). "
			   "Check centre_url and centre_ca (%s) in the "
			   "configuration; chequedesk never connects without "
			   "verifying the centre"),
			 detail, r->ca[0] ? r->ca : _("the system's CAs"));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(buf, size,
			 _("the centre did not answer within %d seconds "
			   "(centre_timeout)"),
			 r->timeout);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		snprintf(buf, size,
			 _("cannot connect to the centre at %s (%s); check the "
			   "network and centre_url"),
			 r->base, detail);
		break;
	default:
		snprintf(buf, size,
			 _("the connection to the centre failed (%s)"), detail);
		break;
	}
}

/* A body in pieces, as far as this attempt has sent it. */
struct body_pos {
	const struct remote_body *b;
	size_t off;
};

/* Hand libcurl the next piece of a body read in pieces. */
static size_t on_read(char *buf, size_t size, size_t n, void *ctx)
{
	struct body_pos *p = ctx;
	size_t k = size * n, left = p->b->len - p->off;

	if (k > left)
		k = left;
	if (k > 0 && p->b->read(p->b->ctx, p->off, buf, k) != 0)
		return CURL_READFUNC_ABORT;
	p->off += k;
	return k;
}

/* Run one attempt on the handle remote_secure set up; CURLcode result, A
 * filled. BODY (LEN bytes) in memory, or PIECES, or neither. */
static CURLcode attempt_once(struct remote *r, const char *method,
			     const void *body, size_t len,
			     const struct remote_body *pieces,
			     struct curl_slist *hdrs, struct attempt *a,
			     char *errbuf)
{
	struct body_pos pos = {pieces, 0};
	CURL *c = r->curl;
	CURLcode rc;

	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)r->timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (pieces != NULL) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(c, CURLOPT_READDATA, &pos);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)pieces->len);
	} else if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)len);
	} else if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, a);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, r);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" PACKAGE_VERSION);
	errbuf[0] = '\0';
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
	return rc;
}

/* Fill the error members of an error answer. */
static void read_error_body(const char *body, size_t len,
			    struct remote_answer *ans)
{
	cJSON *j = cJSON_ParseWithLength(body ? body : "", len);
	cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
	cJSON *code = cJSON_GetObjectItemCaseSensitive(e, "code");
	cJSON *msg = cJSON_GetObjectItemCaseSensitive(e, "message");

	if (cJSON_IsString(code))
		snprintf(ans->code, sizeof ans->code, "%s", code->valuestring);
	if (cJSON_IsString(msg))
		snprintf(ans->message, sizeof ans->message, "%s",
			 msg->valuestring);
	cJSON_Delete(j);
}

/* True when BODY is one whole JSON value. */
static int is_json(const char *body, size_t len)
{
	cJSON *j = cJSON_ParseWithLength(body ? body : "", len);

	cJSON_Delete(j);
	return j != NULL;
}

/* Seconds to wait before attempt number TRY (from 1). */
static long backoff(int try, long retry_after)
{
	long s = BACKOFF_FIRST;
	int i;

	if (retry_after >= 0)
		return retry_after > RETRY_AFTER_MAX ? RETRY_AFTER_MAX
						     : retry_after;
	for (i = 1; i < try && s < BACKOFF_MAX; i++)
		s *= 2;
	return s > BACKOFF_MAX ? BACKOFF_MAX : s;
}

/* Sleep S seconds. */
static void pause_for(long s)
{
	struct timespec ts = {s, 0};

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Headers of one request: the branch, the caller's and the body's type. */
static struct curl_slist *make_headers(const struct remote *r,
				       const char *const *extra, int body)
{
	struct curl_slist *h = NULL;
	char line[64];

	snprintf(line, sizeof line, "X-Chequedesk-Branch: %s", r->branch);
	h = curl_slist_append(h, line);
	h = curl_slist_append(h, "Accept: application/json");
	if (body)
		h = curl_slist_append(h, "Content-Type: application/json");
	/* no "Expect: 100-continue" round trip */
	h = curl_slist_append(h, "Expect:");
	for (; extra && *extra; extra++)
		h = curl_slist_append(h, *extra);
	return h;
}

static int call(struct remote *r, const char *method, const char *path,
		const void *body, size_t len, const struct remote_body *pieces,
		const char *const *headers, struct remote_answer *ans,
		struct cd_error *err);

/* One request with retries; see remote.h. */
int remote_call(struct remote *r, const char *method, const char *path,
		const void *body, size_t len, const char *const *headers,
		struct remote_answer *ans, struct cd_error *err)
{
	return call(r, method, path, body, len, NULL, headers, ans, err);
}

/* One request with a body read in pieces; see remote.h. */
int remote_call_body(struct remote *r, const char *method, const char *path,
		     const struct remote_body *body, const char *const *headers,
		     struct remote_answer *ans, struct cd_error *err)
{
	return call(r, method, path, NULL, 0, body, headers, ans, err);
}

/* One request with retries, its body in memory or in PIECES. */
static int call(struct remote *r, const char *method, const char *path,
		const void *body, size_t len, const struct remote_body *pieces,
		const char *const *headers, struct remote_answer *ans,
		struct cd_error *err)
{
	char url[1024], errbuf[CURL_ERROR_SIZE], why[600], note[700];
	struct curl_slist *hdrs =
	    make_headers(r, headers, body != NULL || pieces != NULL);
	int try, final = 0;
	long wait;

	memset(ans, 0, sizeof *ans);
	/* only the health answer is open to a connection without the
	 * branch's certificate */
	if (r->tls_cert[0] == '\0' && strcmp(path, "/health") != 0) {
		curl_slist_free_all(hdrs);
		return no_transport_cert(r, err);
	}
	snprintf(url, sizeof url, "%s%s", r->base, path);
	for (try = 1;; try++) {
		struct attempt a;
		CURLcode rc;

		memset(&a, 0, sizeof a);
		a.retry_after = -1;
		curl_easy_reset(r->curl);
		if (remote_secure(r->curl, url, r->ca, err) != CD_OK ||
		    (r->tls_cert[0] != '\0' &&
		     remote_client_cert(r->curl, r->tls_cert, r->tls_key,
					err) != CD_OK)) {
			curl_slist_free_all(hdrs);
			return err->status;
		}
		rc = attempt_once(r, method, body, len, pieces, hdrs, &a,
				  errbuf);
		if (rc != CURLE_OK) {
			transfer_failure(
			    r, rc, errbuf[0] ? errbuf : curl_easy_strerror(rc),
			    why, sizeof why, &final);
		} else if (a.too_big) {
			snprintf(why, sizeof why,
				 _("the centre's answer is larger than %d MiB"),
				 ANSWER_MAX >> 20);
		} else if (a.sig[0] == '\0') {
			snprintf(why, sizeof why,
				 _("the centre's answer (HTTP %ld) was not "
				   "signed, so it was refused"),
				 a.status);
		} else if (!sign_verify(r->centre_key, a.body ? a.body : "",
					a.len, a.sig)) {
			snprintf(
			    why, sizeof why,
			    _("the signature on the centre's answer (HTTP "
			      "%ld) does not match the centre's key in %s; "
			      "the answer was refused as possibly forged"),
			    a.status, r->key_path);
		} else if (!is_json(a.body, a.len)) {
			snprintf(
			    why, sizeof why,
			    _("the centre's answer (HTTP %ld) was cut short "
			      "or is not JSON"),
			    a.status);
		} else if (a.status == 500 || a.status == 503) {
			read_error_body(a.body, a.len, ans);
			snprintf(
			    why, sizeof why,
			    _("the centre is not available (HTTP %ld: %s)"),
			    a.status, ans->message);
			memset(ans, 0, sizeof *ans);
		} else {
			ans->status = a.status;
			ans->body = a.body ? a.body : strdup("");
			ans->len = a.len;
			snprintf(ans->branch_sig, sizeof ans->branch_sig, "%s",
				 a.branch_sig);
			if (a.status >= 400)
				read_error_body(a.body, a.len, ans);
			curl_slist_free_all(hdrs);
			return CD_OK;
		}
		free(a.body);
		if (final || try > r->retries)
			break;
		wait = backoff(try, a.retry_after);
		if (r->notice != NULL) {
			snprintf(note, sizeof note,
				 _("%s; trying again in %ld s (%d of %d)."),
				 why, wait, try, r->retries);
			r->notice(r->ctx, note);
		}
		pause_for(wait);
	}
	curl_slist_free_all(hdrs);
	if (final)
		return cd_err(err, CD_ENET, NULL, _("%s %s: %s."), method, path,
			      why);
	return cd_err(err, CD_ENET, NULL,
		      _("The clearing centre could not be used: %s. Tried %d "
			"times; nothing was lost. Try again later (the same "
			"command is safe to repeat), or call the centre if it "
			"persists."),
		      why, try);
}

/* Free an answer's body. */
void remote_answer_free(struct remote_answer *ans)
{
	free(ans->body);
	memset(ans, 0, sizeof *ans);
}

/* The user's words for a centre error code. */
static const char *code_advice(const char *code)
{
	static const struct {
		const char *code, *msg;
	} table[] = {
	    {"bad-json", N_("the centre could not read what was sent. Report "
			    "this to branch IT")},
	    {"bad-format", N_("the centre found the batch file malformed. "
			      "Report this to branch IT")},
	    {"bad-request", N_("the centre refused the request as malformed. "
			       "Report this to branch IT")},
	    {"bad-signature",
	     N_("the centre could not verify the branch's signature. Check "
		"that the centre has the public key of this branch's key "
		"file (branch_key), then upload again")},
	    {"unknown-branch",
	     N_("the centre does not know this branch. Ask the centre to "
		"register the branch and its public key")},
	    {"client-certificate-required",
	     N_("the centre wants the branch's transport certificate and "
		"none was presented. Check transport_cert and transport_key "
		"in the configuration ('chequedesk key transport show')")},
	    {"unknown-certificate",
	     N_("the centre does not know this branch's transport "
		"certificate. Give it the certificate ('chequedesk key "
		"transport export FILE') and read it the fingerprint "
		"('chequedesk key transport show') so it registers it")},
	    {"wrong-branch",
	     N_("the centre registered this transport certificate for "
		"another branch, so it refuses it for this one. Check the "
		"branch number and ask the centre to register this branch's "
		"certificate")},
	    {"unknown-batch", N_("the centre has no such batch")},
	    {"not-found", N_("the centre does not offer this request; check "
			     "centre_url")},
	    {"digest-mismatch",
	     N_("the centre already holds this batch with different "
		"contents. Ask a supervisor to check the batch with the "
		"centre; to replace it, run 'chequedesk batch close --resend "
		"ID'")},
	    {"already-decided",
	     N_("the centre has already decided items of this batch, so it "
		"cannot be replaced")},
	    {"too-large", N_("the batch is larger than the centre accepts; "
			     "call the centre")},
	    {"bad-totals",
	     N_("the centre found that the batch's control totals do not "
		"match its items. Report this to branch IT")},
	};
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].code, code) == 0)
			return _(table[i].msg);
	return NULL;
}

/* The error for a refusal answer. */
int remote_refused(const struct remote_answer *ans, const char *what,
		   struct cd_error *err)
{
	const char *advice = code_advice(ans->code);
	int status = ans->status == 404	  ? CD_ENOTFOUND
		     : ans->status == 409 ? CD_ECONFLICT
		     : ans->status == 401 ? CD_EPERM
		     : ans->status == 403 ? CD_EPERM
					  : CD_ENET;

	if (advice != NULL)
		return cd_err(err, status, NULL,
			      _("%s: refused by the centre: %s. (Centre: "
				"\"%s\")"),
			      what, advice, ans->message);
	return cd_err(err, status, NULL,
		      _("%s: refused by the centre (HTTP %ld, %s: \"%s\"). "
			"Report this to branch IT."),
		      what, ans->status, ans->code[0] ? ans->code : "?",
		      ans->message);
}

/* Parse the answer body as JSON. */
int remote_json(const struct remote_answer *ans, cJSON **out,
		struct cd_error *err)
{
	*out = cJSON_ParseWithLength(ans->body ? ans->body : "", ans->len);
	if (*out == NULL || !cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return cd_err(err, CD_ENET, NULL,
			      _("The centre's answer is signed but is not "
				"readable JSON; nothing was changed. Try again "
				"later, or call the centre if it persists."));
	}
	return CD_OK;
}
