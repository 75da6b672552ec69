/* gen-items.c - "cdbench gen-items N": fill a branch database with N
 * printed cheques for the current session, through the store API (each
 * item checked by register_check_cheque, inserted with its chained audit
 * row and marked printed) inside ONE transaction, so 100,000 take seconds
 * instead of 100,000 durable commits. Bench-only: a real branch commits
 * each registration on its own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "db-audit.h"
#include "db-items.h"
#include "db-prints.h"
#include "json-out.h"
#include "register.h"

/* Destination banks the cheques are spread over (active in the sample
 * directory), so the batch has several totals by bank. */
static const char *const banks[] = {"0201", "0203", "0301", "0401",
				    "0501", "0601", "0701", "1601"};

/* Register and print one generated cheque inside the open transaction. */
static int gen_one(struct desk *d, long i, const struct cd_now *now,
		   const struct business_slot *slot, struct cd_error *err)
{
	char serial[24], amount[32], object[32], *after;
	struct cheque_input in;
	struct item it;
	int rc;

	memset(&in, 0, sizeof in);
	snprintf(serial, sizeof serial, "%08ld", 10000000 + i);
	snprintf(amount, sizeof amount, "%ld.%02ld", 100 + i % 9000, i % 100);
	in.serial = serial;
	in.bank = banks[i % (long)(sizeof banks / sizeof banks[0])];
	in.account = "6222020200001234567";
	in.amount = amount;
	in.type = "01";
	if (register_check_cheque(d, &in, &it, err) != CD_OK)
		return err->status;
	cd_date_format(slot->date, it.business_date);
	it.session = slot->session;
	snprintf(it.status, sizeof it.status, "registered");
	snprintf(it.teller, sizeof it.teller, "%s", d->user.id);
	snprintf(it.created_at, sizeof it.created_at, "%s", now->stamp);
	if (item_insert(d->st, &it, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "item:%lld", (long long)it.id);
	after = json_take_string(json_item(&it));
	rc = audit_add(d->st, now->stamp, d->user.id, "cheque.add", object,
		       NULL, after, err);
	free(after);
	if (rc != CD_OK)
		return rc;
	return item_mark_printed(d->st, it.id, now->stamp, err);
}

/* Generate N printed cheques as USER (default t01). */
int bench_gen_items(int argc, char **argv)
{
	long n = bench_arg_long(argc > 0 ? argv[0] : NULL, 100000), i;
	const char *user = argc > 1 ? argv[1] : "t01";
	struct business_slot slot;
	struct cd_error err;
	struct cd_now now;
	struct desk d;
	int64_t t0;

	cd_err_clear(&err);
	bench_open_as(&d, user);
	t0 = bench_ns();
	if (desk_slot(&d, &now, &slot, &err) != CD_OK ||
	    store_begin(d.st, &err) != CD_OK)
		bench_die("starting", &err);
	for (i = 0; i < n; i++)
		if (gen_one(&d, i, &now, &slot, &err) != CD_OK) {
			store_rollback(d.st);
			bench_die("generating an item", &err);
		}
	if (store_commit(d.st, &err) != CD_OK)
		bench_die("committing", &err);
	printf("gen-items %ld %.3f s\n", n, (double)(bench_ns() - t0) / 1e9);
	desk_close(&d);
	return 0;
}
