/* ops.c - "cdbench close | upload | list": one whole-session operation on a
 * large database through the service layer, timed in-process, with this
 * process's peak memory (no sign-in KDF in it). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "bench.h"
#include "db-items.h"
#include "exchange.h"
#include "money.h"

/* Close the current session as s01 the way 'batch close' does: the plan
 * shown, then batch_close (which plans again, writes, signs and locks).
 * Prints "close SECONDS ITEMS BATCH_ID MAXRSS_KIB". */
int bench_close(int argc, char **argv)
{
	const char *code = getenv("CHEQUEDESK_ACCESS_CODE");
	struct cd_error err;
	struct batch plan;
	struct batch_rec r;
	struct desk d;
	int64_t t0, t1;

	(void)argc;
	(void)argv;
	cd_err_clear(&err);
	bench_open_as(&d, "s01");
	t0 = bench_ns();
	if (batch_plan(&d, NULL, 0, &plan, &err) != CD_OK)
		bench_die("batch_plan", &err);
	if (batch_close(&d, &plan, code ? code : "", &r, &err) != CD_OK)
		bench_die("batch_close", &err);
	t1 = bench_ns();
	batch_free(&plan);
	printf("close %.4f %lld %s %ld\n", (double)(t1 - t0) / 1e9,
	       (long long)r.items, r.batch_id, bench_maxrss_kib());
	desk_close(&d);
	return 0;
}

/* Upload BATCH_ID as s01 over the configured connection. Prints "upload
 * SECONDS STATE MAXRSS_KIB". */
int bench_upload(int argc, char **argv)
{
	struct batch_rec r;
	struct cd_error err;
	struct remote rem;
	struct desk d;
	int already = 0;
	int64_t t0, t1;

	if (argc < 1) {
		fprintf(stderr, "cdbench upload BATCH_ID\n");
		return 2;
	}
	cd_err_clear(&err);
	bench_open_as(&d, "s01");
	if (exchange_open(&d, &rem, &err) != CD_OK)
		bench_die("exchange_open", &err);
	t0 = bench_ns();
	if (upload_batch(&d, &rem, argv[0], &r, &already, &err) != CD_OK)
		bench_die("upload_batch", &err);
	t1 = bench_ns();
	printf("upload %.4f %s%s %ld\n", (double)(t1 - t0) / 1e9,
	       batch_state_name(r.state), already ? "(already)" : "",
	       bench_maxrss_kib());
	remote_close(&rem);
	desk_close(&d);
	return 0;
}

/* What listing counts, as 'cheque list' shows it. */
struct list_acc {
	int64_t rows, fen;
	size_t bytes;
};

/* Format one row as the list would and add it up. */
static int list_row(const struct item *it, void *ctx)
{
	struct list_acc *a = ctx;
	char amount[40], line[256];

	money_format(it->amount_fen, amount, sizeof amount);
	a->bytes += (size_t)snprintf(line, sizeof line,
				     "%6lld %-8s %-4s %-19s %14s %s\n",
				     (long long)it->id, it->serial, it->bank,
				     it->account, amount, it->status);
	a->rows++;
	a->fen += it->amount_fen;
	return 0;
}

/* List every cheque of the current session as t01. Prints "list SECONDS
 * ROWS MAXRSS_KIB". */
int bench_list(int argc, char **argv)
{
	struct item_filter f = {0};
	struct business_slot slot;
	struct list_acc acc = {0, 0, 0};
	char date[DATE_LEN];
	struct cd_error err;
	struct cd_now now;
	struct desk d;
	int64_t t0, t1;

	(void)argc;
	(void)argv;
	cd_err_clear(&err);
	bench_open_as(&d, "t01");
	t0 = bench_ns();
	if (desk_slot(&d, &now, &slot, &err) != CD_OK)
		bench_die("desk_slot", &err);
	f.date = cd_date_format(slot.date, date);
	f.session = slot.session;
	if (item_list(d.st, &f, list_row, &acc, &err) != CD_OK)
		bench_die("item_list", &err);
	t1 = bench_ns();
	printf("list %.4f %lld %ld\n", (double)(t1 - t0) / 1e9,
	       (long long)acc.rows, bench_maxrss_kib());
	desk_close(&d);
	return 0;
}
