/* cdbench.c - the benchmark program's entry point and shared helpers; the
 * subcommands measure chequedesk's own service layer in-process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"
#include "db-users.h"

/* Nanoseconds on the monotonic clock. */
int64_t bench_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Peak RSS of this process in KiB. */
long bench_maxrss_kib(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return ru.ru_maxrss;
}

/* Report a failure and stop. */
void bench_die(const char *what, const struct cd_error *err)
{
	fprintf(stderr, "cdbench: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* Parse a positive count. */
long bench_arg_long(const char *arg, long def)
{
	char *end;
	long n;

	if (arg == NULL)
		return def;
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 0) {
		fprintf(stderr, "cdbench: \"%s\" is not a count\n", arg);
		exit(2);
	}
	return n;
}

/* Open the branch and take USER_ID as signed in, skipping the KDF. */
void bench_open_as(struct desk *d, const char *user_id)
{
	struct cd_error err;

	cd_err_clear(&err);
	if (desk_open(d, NULL, NULL, &err) != CD_OK)
		bench_die("opening the branch", &err);
	if (user_get(d->st, user_id, &d->user, &err) != CD_OK)
		bench_die("reading the user", &err);
}

/* Usage on stderr. */
static int usage(void)
{
	fprintf(stderr, "usage: cdbench gen-items N [USER]\n"
			"       cdbench p1 N BAREDB\n"
			"       cdbench close\n"
			"       cdbench upload BATCH_ID\n"
			"       cdbench list\n"
			"       cdbench p5-worker N FIRST_SERIAL USER\n"
			"Environment: CHEQUEDESK_DB, CHEQUEDESK_CONFIG, "
			"CHEQUEDESK_NOW, CHEQUEDESK_ACCESS_CODE (close).\n");
	return 2;
}

/* Dispatch to a subcommand. */
int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} sub[] = {
	    {"gen-items", bench_gen_items}, {"p1", bench_p1_register},
	    {"close", bench_close},	    {"upload", bench_upload},
	    {"list", bench_list},	    {"p5-worker", bench_p5_worker},
	};
	size_t i;

	if (argc < 2)
		return usage();
	for (i = 0; i < sizeof sub / sizeof sub[0]; i++)
		if (strcmp(argv[1], sub[i].name) == 0)
			return sub[i].fn(argc - 2, argv + 2);
	return usage();
}
