/* p1-register.c - "cdbench p1 N BAREDB": N cheques registered durably through
 * register_cheque (checks, duplicate search, item and chained audit row in
 * one transaction) against N bare one-row INSERT+COMMITs on a fresh SQLite
 * file with the pragmas store.c sets; rounds alternate so load from other
 * processes falls on both alike. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "register.h"

#define ROUND 25 /* items of each kind per round */

/* A bare database with store.c's journal mode and synchronous level. */
static sqlite3 *bare_open(const char *path, sqlite3_stmt **ins,
			  sqlite3_stmt **begin, sqlite3_stmt **commit)
{
	sqlite3 *db;

	remove(path);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db,
			 "PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = FULL;"
			 "CREATE TABLE t (id INTEGER PRIMARY KEY, serial TEXT,"
			 " bank TEXT, account TEXT, amount_fen INTEGER,"
			 " created_at TEXT);",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO t (serial, bank, account,"
			       " amount_fen, created_at) VALUES (?, ?, ?, ?,"
			       " '2026-11-23T10:00:00+0800')",
			       -1, ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, begin, NULL) !=
		SQLITE_OK ||
	    sqlite3_prepare_v2(db, "COMMIT", -1, commit, NULL) != SQLITE_OK) {
		fprintf(stderr, "cdbench: bare database %s: %s\n", path,
			sqlite3_errmsg(db));
		exit(1);
	}
	return db;
}

/* One bare durable insert; returns its time in ns. */
static int64_t bare_one(sqlite3_stmt *ins, sqlite3_stmt *begin,
			sqlite3_stmt *commit, long i)
{
	char serial[24];
	int64_t t0 = bench_ns();

	snprintf(serial, sizeof serial, "%08ld", 30000000 + i);
	sqlite3_reset(begin);
	sqlite3_reset(ins);
	sqlite3_reset(commit);
	sqlite3_bind_text(ins, 1, serial, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(ins, 2, "0201", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, "6222020200001234567", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 4, 123456);
	if (sqlite3_step(begin) != SQLITE_DONE ||
	    sqlite3_step(ins) != SQLITE_DONE ||
	    sqlite3_step(commit) != SQLITE_DONE) {
		fprintf(stderr, "cdbench: bare insert failed\n");
		exit(1);
	}
	return bench_ns() - t0;
}

/* One real registration; returns its time in ns. */
static int64_t real_one(struct desk *d, long i)
{
	char serial[24];
	struct cheque_input in;
	struct cd_error err;
	struct item it;
	int64_t t0 = bench_ns();

	cd_err_clear(&err);
	memset(&in, 0, sizeof in);
	snprintf(serial, sizeof serial, "%08ld", 20000000 + i);
	in.serial = serial;
	in.bank = "0201";
	in.account = "6222020200001234567";
	in.amount = "1234.56";
	in.type = "01";
	if (register_cheque(d, &in, &it, &err) != CD_OK)
		bench_die("register_cheque", &err);
	return bench_ns() - t0;
}

/* Compare two int64_t for qsort. */
static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Median of V (sorted in place). */
static double median_us(int64_t *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp64);
	return (double)v[n / 2] / 1e3;
}

/* Mean of V in microseconds. */
static double mean_us(const int64_t *v, long n)
{
	double s = 0;
	long i;

	for (i = 0; i < n; i++)
		s += (double)v[i];
	return s / (double)n / 1e3;
}

/* Run N of each, alternating rounds; print "p1 real_med real_mean
 * bare_med bare_mean" in microseconds per item. */
int bench_p1_register(int argc, char **argv)
{
	long n = bench_arg_long(argc > 0 ? argv[0] : NULL, 500), i = 0, j;
	const char *bare = argc > 1 ? argv[1] : "bare.db";
	sqlite3_stmt *ins, *begin, *commit;
	int64_t *real = calloc((size_t)n + 1, sizeof *real);
	int64_t *base = calloc((size_t)n + 1, sizeof *base);
	struct desk d;
	sqlite3 *db;

	if (real == NULL || base == NULL || n < 1)
		return 1;
	bench_open_as(&d, "t01");
	db = bare_open(bare, &ins, &begin, &commit);
	/* one of each first, so both have their statements prepared */
	real_one(&d, n);
	bare_one(ins, begin, commit, n);
	while (i < n) {
		for (j = i; j < n && j < i + ROUND; j++)
			real[j] = real_one(&d, j);
		for (j = i; j < n && j < i + ROUND; j++)
			base[j] = bare_one(ins, begin, commit, j);
		i = j;
	}
	printf("p1 %.1f %.1f %.1f %.1f\n", median_us(real, n), mean_us(real, n),
	       median_us(base, n), mean_us(base, n));
	sqlite3_finalize(ins);
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	desk_close(&d);
	free(real);
	free(base);
	return 0;
}
