/* void.c - voiding an item: checks, dual control, one audited change. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-bags.h"
#include "db-batches.h"
#include "db-items.h"
#include "i18n.h"
#include "json-out.h"
#include "labels.h"
#include "text.h"
#include "void.h"

/* Refuse to void IT unless it is still at the branch. */
static int may_void(struct desk *d, const struct item *it, struct cd_error *err)
{
	struct bag b;
	int rc;

	if (strcmp(it->status, "registered") != 0 &&
	    strcmp(it->status, "printed") != 0)
		return cd_err(err, CD_ECONFLICT, "id",
			      _("Item %" PRId64 " is %s and can no longer be "
				"voided; only items not yet closed into a "
				"batch can be."),
			      it->id, label_status(it->status));
	if (it->bag_id == 0)
		return CD_OK;
	rc = bag_get(d->st, it->bag_id, &b, err);
	if (rc != CD_OK)
		return rc;
	if (strcmp(b.status, "open") != 0)
		return cd_err(err, CD_ECONFLICT, "id",
			      _("Bill %" PRId64 " is in bag %" PRId64
				", which is sealed and labelled; a bill cannot "
				"leave a sealed bag. Ask the supervisor to "
				"deal with the bag as a whole."),
			      it->id, it->bag_id);
	return CD_OK;
}

/* Void an item, authorised, in one transaction with its audit row. */
int item_void(struct desk *d, int64_t id, const char *reason,
	      struct cd_error *err)
{
	char object[32], *before;
	struct cd_now now;
	struct item it;
	cJSON *why;
	int rc;

	if (desk_require(d, PERM_ITEMS, "item.void", err) != CD_OK ||
	    text_check(reason, 1, 80, 240, "reason", _("reason for voiding"),
		       err) != CD_OK)
		return err->status;
	rc = item_get(d->st, id, &it, err);
	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_ENOTFOUND, "id",
			      _("There is no item %" PRId64 ". Check the "
				"number (chequedesk cheque list)."),
			      id);
	snprintf(object, sizeof object, "item:%" PRId64, id);
	if (rc != CD_OK || may_void(d, &it, err) != CD_OK ||
	    desk_authorise(d, DUAL_VOID, "item.void", object, err) != CD_OK ||
	    clock_now(&now, err) != CD_OK || store_begin(d->st, err) != CD_OK)
		return err->status;
	before = json_take_string(json_item(&it));
	why = cJSON_CreateObject();
	cJSON_AddStringToObject(why, "status", "voided");
	cJSON_AddStringToObject(why, "reason", reason);
	rc = item_set_answer(d->st, id, "voided", "void", reason, err);
	if (rc == CD_OK) {
		char *a = json_take_string(why);

		why = NULL;
		rc = audit_add(d->st, now.stamp, d->user.id, "item.void",
			       object, before, a, err);
		free(a);
	}
	cJSON_Delete(why);
	free(before);
	if (rc != CD_OK) {
		store_rollback(d->st);
		return rc;
	}
	rc = store_commit(d->st, err);
	desk_authorise_end(d);
	return rc;
}
