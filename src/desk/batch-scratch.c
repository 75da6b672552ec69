/* batch-scratch.c - where a batch file goes while it is written at a
 * close: a scratch file (so the file is never whole in memory), signed and
 * hashed as it goes, then copied into the store. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch-scratch.h"
#include "i18n.h"

/* The error of a scratch file that could not be written or read. */
static int scratch_error(struct cd_error *err)
{
	return cd_err(err, CD_EFAIL, NULL,
		      _("The batch file could not be written to a temporary "
			"file (%s). Nothing was closed. Free some space in "
			"the temporary folder (TMPDIR, or /tmp), then try "
			"again."),
		      strerror(errno));
}

/* Pass the gathered bytes on to the scratch file and the signature. */
static int scratch_flush(struct scratch *sp, struct cd_error *err)
{
	if (sp->n == 0)
		return CD_OK;
	if (fwrite(sp->buf, 1, sp->n, sp->tmp) != sp->n)
		return scratch_error(err);
	if (sign_stream_update(&sp->sg, sp->buf, sp->n) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Signing failed inside OpenSSL. Nothing was "
				"signed; report this to branch IT."));
	sp->n = 0;
	return CD_OK;
}

/* The batch writer's sink. */
int scratch_sink(void *ctx, const char *data, size_t len, struct cd_error *err)
{
	struct scratch *sp = ctx;
	size_t k;

	while (len > 0) {
		if (sp->n == SCRATCH_CHUNK && scratch_flush(sp, err) != CD_OK)
			return -1;
		k = SCRATCH_CHUNK - sp->n < len ? SCRATCH_CHUNK - sp->n : len;
		memcpy(sp->buf + sp->n, data, k);
		sp->n += k;
		sp->total += k;
		data += k;
		len -= k;
	}
	return 0;
}

/* Start writing a batch file signed with KEY. */
struct scratch *scratch_open(EVP_PKEY *key, struct cd_error *err)
{
	struct scratch *sp = calloc(1, sizeof *sp);

	if (sp == NULL) {
		cd_err(err, CD_EFAIL, NULL,
		       _("Out of memory. Close other programs or restart "
			 "chequedesk, then try again; if it happens again, "
			 "report it to branch IT."));
		return NULL;
	}
	sp->tmp = tmpfile();
	if (sp->tmp == NULL) {
		scratch_error(err);
		free(sp);
		return NULL;
	}
	if (sign_stream_begin(&sp->sg, key, err) != CD_OK) {
		fclose(sp->tmp);
		free(sp);
		return NULL;
	}
	return sp;
}

/* Drop a scratch file. */
void scratch_free(struct scratch *sp)
{
	if (sp == NULL)
		return;
	sign_stream_free(&sp->sg);
	if (sp->tmp != NULL)
		fclose(sp->tmp);
	free(sp);
}

/* Finish the file: its length, signature and digest into R. */
int scratch_finish(struct scratch *sp, struct batch_rec *r,
		   struct cd_error *err)
{
	char *sig = NULL;

	if (scratch_flush(sp, err) != CD_OK)
		return err->status;
	if (fflush(sp->tmp) != 0)
		return scratch_error(err);
	if (sign_stream_end(&sp->sg, &sig, r->digest, err) != CD_OK)
		return err->status;
	snprintf(r->signature, sizeof r->signature, "%s", sig);
	free(sig);
	r->file = NULL;
	r->file_len = sp->total;
	return CD_OK;
}

/* Copy the finished file into the stored batch R (saved with zeros). */
int scratch_store(struct desk *d, struct scratch *sp, const struct batch_rec *r,
		  struct cd_error *err)
{
	struct batch_file f;
	size_t off = 0, n;
	int rc;

	if (fseek(sp->tmp, 0, SEEK_SET) != 0)
		return scratch_error(err);
	rc = batch_file_open(d->st, r->id, 1, &f, err);
	while (rc == CD_OK && off < sp->total) {
		n = fread(sp->buf, 1, SCRATCH_CHUNK, sp->tmp);
		if (n == 0) {
			rc = scratch_error(err);
			break;
		}
		rc = batch_file_write(&f, off, sp->buf, n, err);
		off += n;
	}
	if (f.blob != NULL)
		batch_file_close(&f);
	return rc;
}
