/* bench.h - shared helpers of the benchmark program (bench/cdbench): clock,
 * peak memory, opening a branch as a user without the sign-in KDF. */
#ifndef CHEQUEDESK_BENCH_H
#define CHEQUEDESK_BENCH_H

#include <stdint.h>

#include "desk.h"

/* Nanoseconds on CLOCK_MONOTONIC. */
int64_t bench_ns(void);

/* This process's peak resident set so far, in KiB (getrusage). */
long bench_maxrss_kib(void);

/* Open the branch database (CHEQUEDESK_DB / CHEQUEDESK_CONFIG as the
 * program does) and make USER_ID the signed-in user without checking a
 * password: the benchmarks measure the work after sign-in, and the scrypt
 * KDF of desk_signin would hide it. Exits on failure. */
void bench_open_as(struct desk *d, const char *user_id);

/* Print ERR's message with WHAT and exit 1. */
void bench_die(const char *what, const struct cd_error *err);

/* A positive integer argument, or DEF when ARG is NULL. */
long bench_arg_long(const char *arg, long def);

/* The subcommands, one per file. */
int bench_gen_items(int argc, char **argv);
int bench_p1_register(int argc, char **argv);
int bench_close(int argc, char **argv);
int bench_upload(int argc, char **argv);
int bench_list(int argc, char **argv);
int bench_p5_worker(int argc, char **argv);

#endif
