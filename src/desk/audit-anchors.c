/* audit-anchors.c - the anchors of the audit chain (docs/audit.md): read
 * from the signed batch files this database keeps, or from the centre,
 * which holds the files the branch sent. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "db-audit.h"
#include "grow.h"
#include "i18n.h"
#include "keyfile.h"

/* Make room for one more anchor in S. */
static int room(struct anchor_set *s, struct cd_error *err)
{
	if (GROW_ONE(s->v, s->cap, s->n) != 0 ||
	    GROW_ONE(s->batch, s->cap_batch, s->n) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory while checking the audit "
				"trail. Close other programs and try again."));
	return CD_OK;
}

/* Free what S holds. */
void anchors_free(struct anchor_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].leaves);
	free(s->v);
	free(s->batch);
	memset(s, 0, sizeof *s);
}

/* State of the walk over the stored batches. */
struct local {
	struct desk *d;
	struct anchor_set *s;
	EVP_PKEY *key;
	struct cd_error *err;
	int rc;
};

/* The branch's public key, which signed the stored files. */
static EVP_PKEY *branch_public(struct desk *d, struct cd_error *err)
{
	char path[512], pub[512];

	keyfile_paths(&d->conf, path, sizeof path, pub, sizeof pub);
	return sign_load_public(pub, err);
}

/* Take the anchor of one stored batch, once its signature holds. */
static int local_one(const struct batch_rec *b, void *ctx)
{
	struct local *l = ctx;
	struct batch_rec full;
	struct batch_anchor a;

	if (l->key == NULL && (l->key = branch_public(l->d, l->err)) == NULL) {
		l->rc = l->err->status;
		return 1;
	}
	if (batch_rec_get(l->d->st, b->id, 1, &full, l->err) != CD_OK) {
		l->rc = l->err->status;
		return 1;
	}
	if (!sign_verify(l->key, full.file ? full.file : "", full.file_len,
			 full.signature)) {
		free(full.file);
		l->rc = cd_err(l->err, CD_ESTORE, NULL,
			       _("The stored file of batch %s does not verify "
				 "with the branch key: it was changed after "
				 "it was signed, so its audit anchor cannot "
				 "be trusted. Keep the database file as it is "
				 "and report this to the branch's security "
				 "officer; 'chequedesk audit verify --centre' "
				 "checks against the centre's copies."),
			       b->batch_id);
		return 1;
	}
	l->rc = batch_read_anchor(full.file, full.file_len, &a, l->err);
	free(full.file);
	if (l->rc == CD_OK && a.record > 0 &&
	    (l->rc = room(l->s, l->err)) == CD_OK) {
		l->s->v[l->s->n] = a;
		snprintf(l->s->batch[l->s->n++], BATCH_ID_MAX, "%s",
			 b->batch_id);
		return 0;
	}
	free(a.leaves);
	return l->rc != CD_OK;
}

/* State of the walk looking for closes whose file is gone. */
struct closes {
	const struct anchor_set *s;
	int64_t record; /* the first close whose batch has no anchor */
	char batch[BATCH_ID_MAX];
};

/* A close or resend that anchored the trail must have its file here. */
static int close_one(const struct audit_rec *r, void *ctx)
{
	struct closes *c = ctx;
	const char *id;
	size_t i;

	if (r->action == NULL || r->object == NULL || r->after == NULL ||
	    (strcmp(r->action, "batch.close") != 0 &&
	     strcmp(r->action, "batch.resend") != 0) ||
	    strncmp(r->object, "batch:", 6) != 0 ||
	    strstr(r->after, "\"audit_to\"") == NULL)
		return 0;
	id = r->object + 6;
	for (i = 0; i < c->s->n; i++)
		if (strcmp(c->s->batch[i], id) == 0)
			return 0;
	c->record = r->id;
	snprintf(c->batch, sizeof c->batch, "%s", id);
	return 1;
}

/* Every close the trail records has its signed file in this database. */
static int closes_kept(struct desk *d, const struct anchor_set *s,
		       struct cd_error *err)
{
	struct audit_filter all = {NULL, NULL};
	struct closes c = {s, 0, ""};

	if (audit_list(d->st, &all, close_one, &c, err) != CD_OK)
		return err->status;
	if (c.record == 0)
		return CD_OK;
	return cd_err(
	    err, CD_ESTORE, NULL,
	    _("Audit record %lld says batch %s was closed and signed, "
	      "but its file is not in this database: it was "
	      "removed. Keep the database file as it is, report "
	      "this to the branch's security officer, and check "
	      "against the centre's copies with 'chequedesk audit "
	      "verify --centre'."),
	    (long long)c.record, c.batch);
}

/* The anchors of the batch files this database keeps. */
int anchors_local(struct desk *d, struct anchor_set *out, struct cd_error *err)
{
	struct local l = {d, out, NULL, err, CD_OK};
	int rc;

	memset(out, 0, sizeof *out);
	rc = batch_rec_list(d->st, NULL, local_one, &l, err);
	EVP_PKEY_free(l.key);
	if (rc == CD_OK)
		rc = l.rc;
	if (rc == CD_OK)
		rc = closes_kept(d, out, err);
	if (rc != CD_OK)
		anchors_free(out);
	return rc;
}

/* One anchor of the centre's list into S. */
static int centre_one(const cJSON *o, struct anchor_set *s,
		      struct cd_error *err)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "batch_id");
	struct batch_anchor a;

	if (!cJSON_IsString(id) || strlen(id->valuestring) >= BATCH_ID_MAX ||
	    batch_anchor_parse(o, &a, err) != CD_OK)
		return cd_err(err, CD_ENET, NULL,
			      _("The centre's list of audit anchors is not "
				"as docs/centre-protocol.md describes it "
				"(%s). Call the centre."),
			      cJSON_IsString(id) ? err->msg : "batch_id");
	if (room(s, err) != CD_OK) {
		free(a.leaves);
		return err->status;
	}
	s->v[s->n] = a;
	snprintf(s->batch[s->n++], BATCH_ID_MAX, "%s", id->valuestring);
	return CD_OK;
}

/* The anchors of the files the centre received from this branch. */
int anchors_centre(struct desk *d, struct anchor_set *out, struct cd_error *err)
{
	struct remote_answer ans;
	struct remote r;
	const cJSON *arr, *el;
	cJSON *j = NULL;
	char path[96];
	int rc;

	memset(out, 0, sizeof *out);
	if (exchange_open(d, &r, err) != CD_OK)
		return err->status;
	snprintf(path, sizeof path, "/branches/%s/audit-anchors",
		 d->branch.exchange_no);
	rc = remote_call(&r, "GET", path, NULL, 0, NULL, &ans, err);
	if (rc == CD_OK) {
		if (ans.status != 200)
			rc = remote_refused(
			    &ans, _("Reading the audit anchors"), err);
		else
			rc = remote_json(&ans, &j, err);
		remote_answer_free(&ans);
	}
	remote_close(&r);
	arr = cJSON_GetObjectItemCaseSensitive(j, "anchors");
	if (rc == CD_OK && !cJSON_IsArray(arr))
		rc = cd_err(err, CD_ENET, NULL,
			    _("The centre's answer has no list of audit "
			      "anchors. Call the centre."));
	if (rc == CD_OK) {
		cJSON_ArrayForEach(el, arr)
		{
			rc = centre_one(el, out, err);
			if (rc != CD_OK)
				break;
		}
	}
	cJSON_Delete(j);
	if (rc != CD_OK)
		anchors_free(out);
	return rc;
}
