/* doctor-centre.c - the doctor's clearing-centre checks: the centre can be
 * reached, its TLS certificate is trusted, its answers carry its
 * signature, the clocks agree, and it knows this branch. */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clock.h"
#include "doctor-int.h"
#include "i18n.h"
#include "remote.h"
#include "transport.h"

#define PROBE_TIMEOUT 20  /* longest wait for one answer, seconds */
#define CLOCK_WARN 60	  /* seconds of difference that are worth a word */
#define CLOCK_FAIL 300	  /* ... that break signatures and cut-offs */
#define CERT_WARN_DAYS 30 /* warn this long before the certificate expires */

/* What a plain HTTPS request to the centre's health endpoint gave. */
struct probe {
	CURLcode rc;
	long status;
	char error[CURL_ERROR_SIZE];
	time_t date; /* its Date header; 0 when none */
	double seconds;
	char refused[512]; /* why it was not sent at all; "" when it was */
};

/* Throw the body away: only the transport is looked at here. */
static size_t probe_body(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	(void)ctx;
	return size * n;
}

/* Keep the Date header. */
static size_t probe_header(char *data, size_t size, size_t n, void *ctx)
{
	struct probe *p = ctx;
	size_t len = size * n;
	char value[128];

	if (len > 5 && strncasecmp(data, "Date:", 5) == 0) {
		snprintf(value, sizeof value, "%.*s", (int)(len - 5), data + 5);
		p->date = curl_getdate(value, NULL);
		if (p->date < 0)
			p->date = 0;
	}
	return len;
}

/* GET /v1/health over verified TLS, as remote.c connects, but once and
 * keeping libcurl's own result, which tells an untrusted certificate
 * from an unreachable centre. */
static void probe_centre(const struct conf *c, struct probe *p)
{
	struct cd_error err;
	char url[300];
	CURL *h;
	long timeout = c->centre_timeout < PROBE_TIMEOUT ? c->centre_timeout
							 : PROBE_TIMEOUT;

	memset(p, 0, sizeof p[0]);
	snprintf(url, sizeof url, "%s/v1/health", c->centre_url);
	cd_err_clear(&err);
	if (remote_global_init(&err) != CD_OK) {
		snprintf(p->refused, sizeof p->refused, "%s", err.msg);
		return;
	}
	h = curl_easy_init();
	if (h == NULL) {
		p->rc = CURLE_OUT_OF_MEMORY;
		return;
	}
	if (remote_secure(h, url, c->centre_ca, &err) != CD_OK) {
		snprintf(p->refused, sizeof p->refused, "%s", err.msg);
		curl_easy_cleanup(h);
		return;
	}
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, p->error);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, probe_body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, probe_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, p);
	curl_easy_setopt(h, CURLOPT_USERAGENT, PACKAGE "/" PACKAGE_VERSION);
	p->rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &p->status);
	curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &p->seconds);
	if (p->error[0] == '\0')
		snprintf(p->error, sizeof p->error, "%s",
			 curl_easy_strerror(p->rc));
	curl_easy_cleanup(h);
}

/* 1 when RC is a failure of TLS rather than of reaching the centre. */
static int tls_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return 1;
	default:
		return 0;
	}
}

/* Connection and TLS, from the probe; 1 when both are fine. */
static int check_transport(struct doctor_state *s, const struct probe *p)
{
	const struct conf *c = &s->conf;
	const char *ca = c->centre_ca[0] ? c->centre_ca : _("the system's CAs");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];

	if (p->refused[0] != '\0') {
		doctor_emit(
		    s, "centre", _("connection"), DOCTOR_FAIL, p->refused,
		    _("install libcurl 7.85.0 or later, built with TLS"));
		doctor_emit(s, "centre", _("TLS certificate"), DOCTOR_SKIP,
			    _("not checked: the centre cannot be reached"),
			    NULL);
		return 0;
	}
	if (p->rc != CURLE_OK && !tls_failure(p->rc)) {
		snprintf(detail, sizeof detail,
			 _("Cannot reach the clearing centre at %s: %s."),
			 c->centre_url, p->error);
		/* TRANSLATORS: the setting and command stay in English. */
		snprintf(fix, sizeof fix,
			 _("check the network and centre_url = %s in %s "
			   "(curl -v %s/v1/health shows the same)"),
			 c->centre_url, c->config_path, c->centre_url);
		doctor_emit(s, "centre", _("connection"), DOCTOR_FAIL, detail,
			    fix);
		doctor_emit(s, "centre", _("TLS certificate"), DOCTOR_SKIP,
			    _("not checked: the centre cannot be reached"),
			    NULL);
		return 0;
	}
	snprintf(detail, sizeof detail, _("%s answered in %.1f s"),
		 c->centre_url, p->seconds);
	doctor_emit(s, "centre", _("connection"), DOCTOR_OK, detail, NULL);
	if (p->rc == CURLE_OK) {
		snprintf(detail, sizeof detail, _("verified with %s"), ca);
		doctor_emit(s, "centre", _("TLS certificate"), DOCTOR_OK,
			    detail, NULL);
		return 1;
	}
	snprintf(detail, sizeof detail,
		 _("The centre's TLS certificate is not trusted (%s; checked "
		   "with %s). chequedesk never talks to an unverified "
		   "centre."),
		 p->error, ca);
	if (strstr(p->error, "subject name") != NULL)
		/* the certificate is for another host name */
		snprintf(fix, sizeof fix,
			 _("centre_url = https://HOST:PORT in %s, with the "
			   "host name the centre's certificate is for"),
			 c->config_path);
	else
		snprintf(fix, sizeof fix,
			 _("centre_ca = PATH in %s, naming the CA certificate "
			   "(PEM) the centre gave the branch"),
			 c->config_path);
	doctor_emit(s, "centre", _("TLS certificate"), DOCTOR_FAIL, detail,
		    fix);
	return 0;
}

/* "2026-11-23T15:40:02+0800" as a time; 0 when it is not one. */
static time_t parse_stamp(const char *t)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, n = 0;
	struct tm tm;
	time_t base;

	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
		   &n) != 6)
		return 0;
	t += n;
	if ((*t == '+' || *t == '-') &&
	    sscanf(t + 1, "%2d%*[:]%2d", &oh, &om) != 2 &&
	    sscanf(t + 1, "%2d%2d", &oh, &om) != 2)
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	base = timegm(&tm);
	return base - (*t == '-' ? -1 : 1) * (time_t)(oh * 3600 + om * 60);
}

/* The centre's time from its signed health answer (else the Date header)
 * against this terminal's clock. */
static void check_clock(struct doctor_state *s, time_t centre)
{
	const char *what = _("clock");
	char detail[DOCTOR_TEXT];
	long long diff;

	if (centre == 0) {
		doctor_emit(s, "centre", what, DOCTOR_SKIP,
			    _("not checked: the centre did not say its time"),
			    NULL);
		return;
	}
	diff = (long long)(time(NULL) - centre);
	if (diff >= -CLOCK_WARN && diff <= CLOCK_WARN) {
		snprintf(detail, sizeof detail,
			 _("%+lld s from the centre's clock"), diff);
		doctor_emit(s, "centre", what, DOCTOR_OK, detail, NULL);
		return;
	}
	snprintf(detail, sizeof detail,
		 diff > 0 ? _("This terminal's clock is %lld s ahead of the "
			      "centre's: times in batches and cut-offs will "
			      "be wrong.")
			  : _("This terminal's clock is %lld s behind the "
			      "centre's: times in batches and cut-offs will "
			      "be wrong."),
		 diff > 0 ? diff : -diff);
	doctor_emit(s, "centre", what,
		    diff > CLOCK_FAIL || diff < -CLOCK_FAIL ? DOCTOR_FAIL
							    : DOCTOR_WARN,
		    detail, "sudo timedatectl set-ntp true");
}

/* The fix for answers that do not verify with centre_key. */
static void key_fix(const struct doctor_state *s, char *fix, size_t len)
{
	/* TRANSLATORS: the setting stays in English. */
	snprintf(fix, len,
		 _("centre_key = FILE in %s, naming the centre's public key "
		   "(PEM) the centre gave the branch"),
		 s->conf.config_path);
}

/* The centre's signed health answer: its signature, then its time. 1
 * when its answers can be believed. */
static int check_signed(struct doctor_state *s, struct remote *r,
			time_t date_header)
{
	const char *what = _("signature");
	struct remote_answer ans;
	struct cd_error err;
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];
	time_t t = 0;
	cJSON *j, *tm;
	int ans_ok = 0;

	key_fix(s, fix, sizeof fix);
	cd_err_clear(&err);
	if (remote_call(r, "GET", "/health", NULL, 0, NULL, &ans, &err) !=
	    CD_OK) {
		doctor_emit(s, "centre", what, DOCTOR_FAIL, err.msg, fix);
		check_clock(s, date_header);
		return 0;
	}
	if (ans.status != 200) {
		remote_refused(&ans, "GET /v1/health", &err);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, err.msg,
			    _("call the clearing centre"));
	} else {
		snprintf(detail, sizeof detail,
			 _("answers are signed with the centre's key %s"),
			 s->conf.centre_key);
		doctor_emit(s, "centre", what, DOCTOR_OK, detail, NULL);
		ans_ok = 1;
		if (remote_json(&ans, &j, &err) == CD_OK) {
			tm = cJSON_GetObjectItemCaseSensitive(j, "time");
			if (cJSON_IsString(tm))
				t = parse_stamp(tm->valuestring);
			cJSON_Delete(j);
		}
	}
	remote_answer_free(&ans);
	check_clock(s, t ? t : date_header);
	return ans_ok;
}

/* The transport certificate: configured, readable, with its key, not
 * expired. 1 when the branch can present it. */
static int check_transport_cert(struct doctor_state *s)
{
	const char *what = _("transport certificate");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];
	struct transport_info ti;
	time_t now = time(NULL);

	transport_inspect(&s->conf, &ti);
	/* TRANSLATORS: the commands stay in English. */
	snprintf(fix, sizeof fix,
		 _("chequedesk key transport new%s, then chequedesk key "
		   "transport export FILE and give FILE to the centre"),
		 ti.cert_ok || ti.key_exists ? " --replace" : "");
	if (!ti.configured) {
		snprintf(detail, sizeof detail,
			 _("transport_cert and transport_key are not set in "
			   "%s, so the centre refuses every request of this "
			   "terminal but the health check."),
			 s->conf.config_path);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, detail, fix);
		return 0;
	}
	if (!ti.cert_ok || ti.key_matches != 1) {
		doctor_emit(s, "centre", what, DOCTOR_FAIL, ti.problem, fix);
		return 0;
	}
	if (ti.cert.not_after <= now) {
		snprintf(detail, sizeof detail,
			 _("The transport certificate %s expired on %s."),
			 ti.cert_path, ti.cert.not_after_text);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, detail, fix);
		return 0;
	}
	if (ti.key_mode & 077) {
		snprintf(detail, sizeof detail,
			 _("The transport key %s may be read by others "
			   "(%04o)."),
			 ti.key_path, ti.key_mode);
		snprintf(fix, sizeof fix, "chmod 600 %s", ti.key_path);
		doctor_emit(s, "centre", what, DOCTOR_WARN, detail, fix);
		return 1;
	}
	if (ti.cert.not_after - now < CERT_WARN_DAYS * 86400L) {
		snprintf(detail, sizeof detail,
			 _("The transport certificate %s expires on %s."),
			 ti.cert_path, ti.cert.not_after_text);
		doctor_emit(s, "centre", what, DOCTOR_WARN, detail, fix);
		return 1;
	}
	snprintf(detail, sizeof detail,
		 _("%s, SHA-256 %.23s..., valid until %s"), ti.cert.subject,
		 ti.cert.fp_text, ti.cert.not_after_text);
	doctor_emit(s, "centre", what, DOCTOR_OK, detail, NULL);
	return 1;
}

/* Whether the centre knows this branch and its transport certificate: a
 * read of today's batches, which the centre answers 404 unknown-branch for
 * a stranger and 403 for a certificate not registered for the branch. */
static void check_branch(struct doctor_state *s, struct remote *r)
{
	const char *what = _("branch registered");
	const char *b = s->branch.exchange_no;
	struct remote_answer ans;
	struct cd_error err;
	struct cd_now now;
	char path[128], detail[DOCTOR_TEXT];
	int wrong;

	if (!s->have_branch) {
		doctor_emit(s, "centre", what, DOCTOR_SKIP,
			    _("not checked: the branch's number is in the "
			      "database, which must be there first"),
			    NULL);
		return;
	}
	cd_err_clear(&err);
	if (clock_now(&now, &err) != CD_OK) {
		doctor_emit(s, "centre", what, DOCTOR_FAIL, err.msg,
			    "unset CHEQUEDESK_NOW");
		return;
	}
	snprintf(path, sizeof path, "/branches/%s/batches?date=%.10s", b,
		 now.stamp);
	if (remote_call(r, "GET", path, NULL, 0, NULL, &ans, &err) != CD_OK) {
		doctor_emit(s, "centre", what, DOCTOR_FAIL, err.msg,
			    _("see the checks above"));
		return;
	}
	if (ans.status == 200) {
		snprintf(detail, sizeof detail, _("the centre knows branch %s"),
			 b);
		doctor_emit(s, "centre", what, DOCTOR_OK, detail, NULL);
	} else if (ans.status == 404 &&
		   strcmp(ans.code, "unknown-branch") == 0) {
		snprintf(detail, sizeof detail,
			 _("The centre does not know branch %s, so it will "
			   "refuse its batches."),
			 b);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, detail,
			    /* TRANSLATORS: the command stays in English. */
			    _("register the public key: chequedesk key export "
			      "--public FILE, then give FILE to the centre"));
	} else if (strcmp(ans.code, "unknown-certificate") == 0 ||
		   strcmp(ans.code, "wrong-branch") == 0) {
		wrong = strcmp(ans.code, "wrong-branch") == 0;
		snprintf(detail, sizeof detail,
			 wrong ? _("The centre has this terminal's transport "
				   "certificate registered for another branch, "
				   "not for branch %s (centre: \"%s\").")
			       : _("The centre does not know this terminal's "
				   "transport certificate, so it refuses "
				   "branch %s's requests (centre: \"%s\")."),
			 b, ans.message);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, detail,
			    /* TRANSLATORS: the commands stay in English. */
			    wrong ? _("make this branch's own: chequedesk key "
				      "transport new --replace, then give the "
				      "centre the certificate (chequedesk key "
				      "transport export FILE)")
				  : _("give the centre the certificate: "
				      "chequedesk key transport export FILE, "
				      "and read it the fingerprint (chequedesk "
				      "key transport show)"));
	} else {
		remote_refused(&ans, "GET /v1/branches", &err);
		doctor_emit(s, "centre", what, DOCTOR_FAIL, err.msg,
			    _("call the clearing centre"));
	}
	remote_answer_free(&ans);
}

/* Every check of the group as SKIP with the same reason. */
static void skip_all(struct doctor_state *s, const char *why)
{
	const char *what[] = {_("connection"),
			      _("TLS certificate"),
			      _("signature"),
			      _("clock"),
			      _("transport certificate"),
			      _("branch registered")};
	size_t i;

	for (i = 0; i < sizeof what / sizeof what[0]; i++)
		doctor_emit(s, "centre", what[i], DOCTOR_SKIP, why, NULL);
}

/* The clearing centre group. */
void doctor_centre(struct doctor_state *s)
{
	struct cd_error err;
	struct remote r;
	struct probe p;
	char fix[DOCTOR_TEXT];
	int signed_ok, cert_ok;

	if (s->o->offline) {
		skip_all(s, _("not checked (--offline)"));
		return;
	}
	if (!s->conf_whole || s->conf.centre_url[0] == '\0') {
		skip_all(s, !s->conf_whole
				? _("not checked: the configuration file must "
				    "be mended first")
				: _("not checked: centre_url is not set (see "
				    "the settings check)"));
		return;
	}
	probe_centre(&s->conf, &p);
	if (!check_transport(s, &p)) {
		doctor_emit(s, "centre", _("signature"), DOCTOR_SKIP,
			    _("not checked: no trusted connection"), NULL);
		check_clock(s, p.date);
		check_transport_cert(s);
		doctor_emit(s, "centre", _("branch registered"), DOCTOR_SKIP,
			    _("not checked: no trusted connection"), NULL);
		return;
	}
	cd_err_clear(&err);
	if (remote_open(&r, &s->conf,
			s->have_branch ? s->branch.exchange_no : "",
			&err) != CD_OK) {
		key_fix(s, fix, sizeof fix);
		doctor_emit(s, "centre", _("signature"), DOCTOR_FAIL, err.msg,
			    fix);
		check_clock(s, p.date);
		check_transport_cert(s);
		doctor_emit(s, "centre", _("branch registered"), DOCTOR_SKIP,
			    _("not checked: the centre's answers cannot be "
			      "checked"),
			    NULL);
		return;
	}
	/* one try each, and not longer than the probe may take */
	r.retries = 0;
	if (r.timeout > PROBE_TIMEOUT)
		r.timeout = PROBE_TIMEOUT;
	signed_ok = check_signed(s, &r, p.date);
	cert_ok = check_transport_cert(s);
	if (signed_ok && cert_ok)
		check_branch(s, &r);
	else if (signed_ok)
		doctor_emit(s, "centre", _("branch registered"), DOCTOR_SKIP,
			    _("not checked: the branch has no usable transport "
			      "certificate"),
			    NULL);
	else
		doctor_emit(s, "centre", _("branch registered"), DOCTOR_SKIP,
			    _("not checked: the centre's answers cannot be "
			      "checked"),
			    NULL);
	remote_close(&r);
}
