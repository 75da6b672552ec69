/* centre-faults.c - the simulator's faults: names, storing them, using
 * them up one request at a time, and a response that breaks off. */
#include "config.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centre-faults.h"
#include "i18n.h"

/* Each kind's name and what its argument is (NULL: none). */
static const struct {
	enum fault_kind kind;
	const char *name;
	const char *arg;
} kinds[] = {
    {FAULT_DROP_REQUEST, "drop-request", N_("bytes")},
    {FAULT_DROP_RESPONSE, "drop-response", N_("bytes")},
    {FAULT_STATUS_500, "status-500", NULL},
    {FAULT_STATUS_503, "status-503", N_("seconds")},
    {FAULT_SLOW, "slow", N_("seconds")},
    {FAULT_TRUNCATE, "truncate", NULL},
    {FAULT_WRONG_KEY, "wrong-key", NULL},
    {FAULT_UNSIGNED, "unsigned", NULL},
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *const endpoints[] = {
    "upload", "batch",	"batches",	 "file", "notices",
    "ack",    "health", "audit-anchors", "any",
};

/* The kind's name. */
const char *fault_kind_name(enum fault_kind k)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return "none";
}

/* The kind named NAME. */
enum fault_kind fault_kind_parse(const char *name)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return kinds[i].kind;
	return FAULT_NONE;
}

/* What the kind's argument means, or NULL. */
const char *fault_arg_name(enum fault_kind k)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].kind == k)
			return kinds[i].arg ? _(kinds[i].arg) : NULL;
	return NULL;
}

/* Whether NAME is an endpoint (or "any"). */
int fault_endpoint_ok(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof endpoints / sizeof endpoints[0]; i++)
		if (strcmp(endpoints[i], name) == 0)
			return 1;
	return 0;
}

/* The endpoint names, comma-separated. */
const char *fault_endpoints(void)
{
	return "upload, batch, batches, file, notices, ack, health, any";
}

/* The kind names, comma-separated. */
const char *fault_kinds(void)
{
	return "drop-request, drop-response, status-500, status-503, slow, "
	       "truncate, wrong-key, unsigned";
}

/* Store a new fault. */
int fault_add(struct cdb *c, const struct fault *f, struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, CST_FAULT_ADD,
				   "INSERT INTO faults (kind, arg, endpoint, "
				   "times, added_at) VALUES (?, ?, ?, ?, ?)",
				   err);
	char now[TIMESTAMP_LEN];

	if (s == NULL)
		return CD_ESTORE;
	cdb_stamp(time(NULL), now);
	sqlite3_bind_text(s, 1, fault_kind_name(f->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, f->arg);
	sqlite3_bind_text(s, 3, f->endpoint, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, f->times);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	return cdb_exec(c, s, err);
}

/* Remove every fault. */
int fault_clear(struct cdb *c, struct cd_error *err)
{
	return cdb_exec(
	    c, cdb_stmt(c, CST_FAULT_CLEAR, "DELETE FROM faults", err), err);
}

/* Print the faults waiting, one a line. */
int fault_list(struct cdb *c, struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(c, CST_FAULT_LIST,
				   "SELECT id, kind, arg, endpoint, times FROM "
				   "faults WHERE times > 0 ORDER BY id",
				   err);
	enum fault_kind k;
	char kind[32], on[16];
	int rc, n = 0;

	if (s == NULL)
		return CD_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cdb_col(s, 1, kind, sizeof kind);
		cdb_col(s, 3, on, sizeof on);
		k = fault_kind_parse(kind);
		printf("%lld\t%s", (long long)sqlite3_column_int64(s, 0), kind);
		if (fault_arg_name(k))
			printf(" %lld", (long long)sqlite3_column_int64(s, 2));
		/* TRANSLATORS: a fault: on ENDPOINT, N requests left. */
		printf("\t%s %s\t", _("on"), on);
		printf(P_("%lld time left\n", "%lld times left\n",
			  (unsigned long)sqlite3_column_int64(s, 4)),
		       (long long)sqlite3_column_int64(s, 4));
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Listing faults"));
	if (n == 0)
		printf("%s\n", _("No faults are set."));
	return CD_OK;
}

/* Use up one request of the oldest fault for ENDPOINT. */
int fault_take(struct cdb *c, const char *endpoint, struct fault *out,
	       struct cd_error *err)
{
	sqlite3_stmt *s = cdb_stmt(
	    c, CST_FAULT_USE,
	    "UPDATE faults SET times = times - 1 WHERE id = (SELECT id FROM "
	    "faults WHERE endpoint IN (?, 'any') AND times > 0 ORDER BY id "
	    "LIMIT 1) RETURNING id, kind, arg, endpoint, times",
	    err);
	char kind[32];
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return CD_ESTORE;
	sqlite3_bind_text(s, 1, endpoint, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		cdb_col(s, 1, kind, sizeof kind);
		out->kind = fault_kind_parse(kind);
		out->arg = sqlite3_column_int64(s, 2);
		cdb_col(s, 3, out->endpoint, sizeof out->endpoint);
		out->times = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cdb_fail(c, err, _("Reading faults"));
	if (rc == SQLITE_ROW && out->times <= 0)
		return cdb_exec(c,
				cdb_stmt(c, CST_FAULT_DROP,
					 "DELETE FROM faults WHERE times <= 0",
					 err),
				err);
	return CD_OK;
}

/* A body given out up to a point. */
struct drop {
	char *body;
	size_t len, after;
};

/* Response callback: the first AFTER bytes, then an error. */
static ssize_t drop_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct drop *d = cls;
	size_t n;

	if (pos >= d->after || pos >= d->len)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = d->after - (size_t)pos;
	if (n > d->len - (size_t)pos)
		n = d->len - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, d->body + pos, n);
	return (ssize_t)n;
}

/* Free the copy of the body. */
static void drop_free(void *cls)
{
	struct drop *d = cls;

	free(d->body);
	free(d);
}

/* A response that breaks off after AFTER bytes. */
struct MHD_Response *fault_drop_response(const char *body, size_t len,
					 size_t after)
{
	struct drop *d = calloc(1, sizeof *d);
	struct MHD_Response *r;

	if (d == NULL || (d->body = malloc(len ? len : 1)) == NULL) {
		free(d);
		return NULL;
	}
	memcpy(d->body, body, len);
	d->len = len;
	d->after = after;
	r = MHD_create_response_from_callback(len, 4096, drop_read, d,
					      drop_free);
	if (r == NULL)
		drop_free(d);
	return r;
}
