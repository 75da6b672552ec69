/* desk-banks.c - replacing the bank directory from a CSV file. */
#include "config.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-banks.h"
#include "desk.h"
#include "directory.h"
#include "grow.h"
#include "i18n.h"
#include "json-out.h"

struct import {
	struct desk *d;
	const char *at;
	struct bank *file;
	size_t nfile;
	struct bank *closing; /* banks in the database but not the file */
	size_t nclosing, capclosing;
	int added, changed;
};

/* Remember active banks of the database that the file does not list. */
static int collect_missing(const struct bank *b, void *ctx)
{
	struct import *im = ctx;
	size_t i;

	if (!b->active)
		return 0;
	for (i = 0; i < im->nfile; i++)
		if (strcmp(im->file[i].number, b->number) == 0)
			return 0;
	if (GROW_ONE(im->closing, im->capclosing, im->nclosing) != 0)
		return 1;
	im->closing[im->nclosing++] = *b;
	return 0;
}

/* Write NEW (and its audit row with OLD) when it differs from OLD. */
static int apply_bank(struct import *im, const struct bank *old,
		      const struct bank *new, struct cd_error *err)
{
	char *before = NULL, *after, object[32];
	int rc;

	if (old != NULL && strcmp(old->name, new->name) == 0 &&
	    old->active == new->active)
		return CD_OK;
	if (bank_put(im->d->st, new, err) != CD_OK)
		return err->status;
	if (old != NULL)
		before = json_take_string(json_bank(old));
	after = json_take_string(json_bank(new));
	snprintf(object, sizeof object, "bank:%s", new->number);
	rc = audit_add(im->d->st, im->at, im->d->user.id, "bank.import", object,
		       before, after, err);
	free(before);
	free(after);
	if (rc == CD_OK && old == NULL)
		im->added++;
	else if (rc == CD_OK && new->active)
		im->changed++;
	return rc;
}

/* Apply the whole file inside the open transaction. */
static int apply_all(struct import *im, int *closed, struct cd_error *err)
{
	struct bank old, gone;
	size_t i;
	int rc;

	for (i = 0; i < im->nfile; i++) {
		rc = bank_get(im->d->st, im->file[i].number, &old, err);
		if (rc != CD_OK && rc != CD_ENOTFOUND)
			return rc;
		rc = apply_bank(im, rc == CD_OK ? &old : NULL, &im->file[i],
				err);
		if (rc != CD_OK)
			return rc;
	}
	if (bank_list(im->d->st, collect_missing, im, err) != CD_OK)
		return err->status;
	for (i = 0; i < im->nclosing; i++) {
		gone = im->closing[i];
		gone.active = 0;
		if (apply_bank(im, &im->closing[i], &gone, err) != CD_OK)
			return err->status;
	}
	*closed = (int)im->nclosing;
	return CD_OK;
}

/* Replace the bank directory from PATH. */
int desk_import_banks(struct desk *d, const char *path, int *added,
		      int *changed, int *closed, struct cd_error *err)
{
	struct import im;
	struct cd_now now;
	int rc;

	memset(&im, 0, sizeof im);
	im.d = d;
	*added = *changed = *closed = 0;
	if (desk_require(d, PERM_SETUP, "bank.import", err) != CD_OK ||
	    directory_read_banks(path, &im.file, &im.nfile, err) != CD_OK ||
	    desk_authorise(d, DUAL_DIRECTORY, "bank.import", path, err) !=
		CD_OK) {
		free(im.file);
		return err->status;
	}
	rc = clock_now(&now, err);
	im.at = now.stamp;
	if (rc == CD_OK)
		rc = store_begin(d->st, err);
	if (rc == CD_OK) {
		rc = apply_all(&im, closed, err);
		if (rc == CD_OK)
			rc = store_commit(d->st, err);
		else
			store_rollback(d->st);
	}
	if (rc == CD_OK) {
		*added = im.added;
		*changed = im.changed;
	} else {
		*closed = 0;
	}
	free(im.file);
	free(im.closing);
	return rc;
}
