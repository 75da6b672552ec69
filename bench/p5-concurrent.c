/* p5-concurrent.c - "cdbench p5-worker N FIRST USER": one of several
 * sessions registering cheques on the same database at once. Each prints
 * its monotonic start and end so the driver can work out the throughput of
 * all of them together, and the registrations that failed (a busy database
 * reaching the user counts as an error). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "register.h"

/* Register N cheques with serials FIRST, FIRST+1, ... as USER. Prints
 * "p5 OK ERRORS BUSY START_NS END_NS". */
int bench_p5_worker(int argc, char **argv)
{
	long n = bench_arg_long(argc > 0 ? argv[0] : NULL, 200);
	long first = bench_arg_long(argc > 1 ? argv[1] : NULL, 40000000), i;
	const char *user = argc > 2 ? argv[2] : "t01";
	long ok = 0, errors = 0, busy = 0;
	char serial[24];
	struct cheque_input in;
	struct cd_error err;
	struct item it;
	struct desk d;
	int64_t t0, t1;

	bench_open_as(&d, user);
	memset(&in, 0, sizeof in);
	in.serial = serial;
	in.bank = "0301";
	in.account = "6222020200001234567";
	in.amount = "2500.00";
	in.type = "01";
	t0 = bench_ns();
	for (i = 0; i < n; i++) {
		cd_err_clear(&err);
		snprintf(serial, sizeof serial, "%08ld", first + i);
		if (register_cheque(&d, &in, &it, &err) == CD_OK) {
			ok++;
			continue;
		}
		errors++;
		if (strstr(err.msg, "busy") != NULL)
			busy++;
		if (errors <= 3)
			fprintf(stderr, "cdbench p5: %s\n", err.msg);
	}
	t1 = bench_ns();
	printf("p5 %ld %ld %ld %lld %lld\n", ok, errors, busy, (long long)t0,
	       (long long)t1);
	desk_close(&d);
	return 0;
}
