/* upload.c - sending a closed batch to the clearing centre: the state is
 * saved before the first byte goes out and after the receipt comes back,
 * so a crash at any point leaves a batch that the next upload moves on. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "db-audit.h"
#include "exchange.h"
#include "i18n.h"
#include "json-out.h"

/* Open the connection to the centre. */
int exchange_open(struct desk *d, struct remote *r, struct cd_error *err)
{
	return remote_open(r, &d->conf, d->branch.exchange_no, err);
}

/* Move batch B to STATE with its audit record, in one transaction. */
static int set_state(struct desk *d, struct batch_rec *b,
		     enum batch_state state, const char *receipt,
		     const char *received_at, const char *error, int attempt,
		     struct cd_error *err)
{
	struct cd_now now;
	char object[64], after[700];
	cJSON *o;
	char *json;
	int rc;

	if (!batch_state_may(b->state, state))
		return cd_err(err, CD_ECONFLICT, NULL,
			      _("Batch %s cannot go from %s to %s. Nothing was "
				"changed; 'chequedesk batch show %s' says "
				"where it stands."),
			      b->batch_id, batch_state_label(b->state),
			      batch_state_label(state), b->batch_id);
	if (clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "state", batch_state_name(state));
	if (receipt)
		cJSON_AddStringToObject(o, "receipt", receipt);
	if (error)
		cJSON_AddStringToObject(o, "error", error);
	json = json_take_string(o);
	snprintf(after, sizeof after, "%s", json ? json : "");
	free(json);
	snprintf(object, sizeof object, "batch:%s", b->batch_id);
	rc = batch_rec_set_state(d->st, b->id, state, receipt, received_at,
				 error, attempt, now.stamp, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id,
			       attempt ? "batch.upload" : "batch.state", object,
			       NULL, after, err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	rc = store_commit(d->st, err);
	if (rc == CD_OK)
		b->state = state;
	return rc;
}

/* Keep ERR's message with the batch, moved to STATE; ERR is left as is
 * (a failure to save it is not worse than the failure being saved). */
static void record_failure(struct desk *d, struct batch_rec *b,
			   enum batch_state state, struct cd_error *err)
{
	struct cd_error keep = *err, e2;

	cd_err_clear(&e2);
	set_state(d, b, state, NULL, NULL, keep.msg, 0, &e2);
	*err = keep;
}

/* Read the receipt of a 200/201 answer and check it is for our file. */
static int read_receipt(const struct remote_answer *ans,
			const struct batch_rec *b, char *receipt,
			char *received_at, struct cd_error *err)
{
	cJSON *j, *rc_, *dg, *at, *id;

	if (remote_json(ans, &j, err) != CD_OK)
		return err->status;
	rc_ = cJSON_GetObjectItemCaseSensitive(j, "receipt");
	dg = cJSON_GetObjectItemCaseSensitive(j, "digest");
	at = cJSON_GetObjectItemCaseSensitive(j, "received_at");
	id = cJSON_GetObjectItemCaseSensitive(j, "batch_id");
	if (!cJSON_IsString(rc_) || !cJSON_IsString(dg) ||
	    !cJSON_IsString(at) || !cJSON_IsString(id) ||
	    strcmp(dg->valuestring, b->digest) != 0 ||
	    strcmp(id->valuestring, b->batch_id) != 0) {
		cJSON_Delete(j);
		return cd_err(err, CD_ENET, NULL,
			      _("The centre's receipt for batch %s does not "
				"name this batch and its digest; it was not "
				"accepted. Upload again; call the centre if "
				"this persists."),
			      b->batch_id);
	}
	snprintf(receipt, 64, "%s", rc_->valuestring);
	snprintf(received_at, TIMESTAMP_LEN, "%s", at->valuestring);
	cJSON_Delete(j);
	return CD_OK;
}

/* The stored file, read in pieces as libcurl sends it. */
struct upload_src {
	struct batch_file f;
	struct cd_error err;
};

/* remote_body's reader over the stored file. */
static int read_piece(void *ctx, size_t offset, void *buf, size_t n)
{
	struct upload_src *u = ctx;

	return batch_file_read(&u->f, offset, buf, n, &u->err) == CD_OK ? 0
									: -1;
}

/* Upload one batch, its file read from the database as it goes out. */
int upload_batch(struct desk *d, struct remote *r, const char *batch_id,
		 struct batch_rec *out, int *already, struct cd_error *err)
{
	char path[160], sig_h[300], dig_h[120], receipt[64],
	    received_at[TIMESTAMP_LEN], what[160];
	const char *hdrs[4] = {sig_h, dig_h, NULL, NULL};
	struct remote_answer ans;
	struct remote_body body;
	struct upload_src src;
	int rc;

	*already = 0;
	if (desk_require(d, PERM_BATCH, "batch.upload", err) != CD_OK)
		return err->status;
	rc = batch_find(d, batch_id, 0, out, err);
	if (rc != CD_OK)
		return rc;
	if (out->state == BATCH_RECEIVED || out->state == BATCH_COMPLETE) {
		*already = 1;
		return CD_OK;
	}
	snprintf(path, sizeof path, "/branches/%s/batches/%s",
		 d->branch.exchange_no, out->batch_id);
	snprintf(sig_h, sizeof sig_h, "X-Chequedesk-Signature: %s",
		 out->signature);
	snprintf(dig_h, sizeof dig_h, "X-Chequedesk-Digest: %s", out->digest);
	if (out->resend)
		hdrs[2] = "X-Chequedesk-Resend: 1";
	snprintf(what, sizeof what, _("Uploading batch %s"), out->batch_id);
	/* saved before anything goes out: a crash from here on leaves the
	 * batch "uploading", and uploading again is always safe */
	rc = set_state(d, out, BATCH_UPLOADING, NULL, NULL, NULL, 1, err);
	if (rc == CD_OK)
		rc = batch_file_open(d->st, out->id, 0, &src.f, err);
	if (rc == CD_OK) {
		cd_err_clear(&src.err);
		body.len = src.f.len;
		body.read = read_piece;
		body.ctx = &src;
		rc = remote_call_body(r, "PUT", path, &body, hdrs, &ans, err);
		batch_file_close(&src.f);
	}
	if (rc == CD_ENET) {
		record_failure(d, out, BATCH_UPLOADING, err);
		return rc;
	}
	if (rc != CD_OK)
		return rc;
	if (ans.status != 200 && ans.status != 201) {
		rc = remote_refused(&ans, what, err);
		record_failure(d, out, BATCH_FAILED, err);
		remote_answer_free(&ans);
		out->state = BATCH_FAILED;
		return rc;
	}
	rc = read_receipt(&ans, out, receipt, received_at, err);
	*already = ans.status == 200;
	remote_answer_free(&ans);
	if (rc == CD_OK)
		rc = set_state(d, out, BATCH_RECEIVED, receipt, received_at,
			       NULL, 0, err);
	if (rc == CD_OK) {
		out->state = BATCH_RECEIVED;
		snprintf(out->receipt, sizeof out->receipt, "%s", receipt);
		snprintf(out->received_at, sizeof out->received_at, "%s",
			 received_at);
	}
	return rc;
}
