/* outfile.h - writing an output file whole or not at all: never through a
 * symbolic link, never over an existing file unless forced. */
#ifndef CHEQUEDESK_OUTFILE_H
#define CHEQUEDESK_OUTFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "error.h"

/* An output file being written. */
struct outfile {
	FILE *fp;   /* write here */
	int direct; /* PATH itself: a device or a pipe */
	int force;  /* replace a regular file at PATH */
	char path[4096];
	char tmp[4200]; /* the temporary file beside PATH */
};

/* Start writing PATH. A device or pipe (/dev/full, /dev/stdout) is
 * written in place; otherwise a new temporary file beside PATH is made
 * (O_EXCL, exactly MODE). Returns 0 or an errno value: ELOOP when PATH is
 * a symbolic link to a file, EEXIST when a file is there and FORCE is 0,
 * EISDIR for a folder, EINVAL for something FORCE may not replace (a disk),
 * or the system's reason. */
int outfile_open(struct outfile *o, const char *path, mode_t mode, int force);

/* Whether PATH may be written: 0, or the errno value outfile_open would
 * refuse it with (ELOOP, EEXIST, EISDIR); nothing is created. */
int outfile_check(const char *path, int force);

/* Flush, sync and close the temporary file (its name stays in o->tmp for
 * a check before outfile_install). Returns 0 or an errno value; the
 * temporary file is removed on failure. */
int outfile_finish(struct outfile *o);

/* Put the finished temporary file in PATH's place: over a regular file
 * only when forced, never over one that appeared meanwhile (EEXIST).
 * Returns 0 or an errno value; the temporary file is gone either way. */
int outfile_install(struct outfile *o);

/* outfile_finish, then outfile_install. */
int outfile_commit(struct outfile *o);

/* Give up: close and remove the temporary file. */
void outfile_abort(struct outfile *o);

/* Write the LEN bytes at DATA as PATH (outfile_open, then commit).
 * Returns 0 or an errno value. */
int outfile_write(const char *path, const void *data, size_t len, mode_t mode,
		  int force);

/* The message (with FIELD) for E when it is a refusal of outfile_open or
 * outfile_install (a link, an existing file, a folder) and returns its
 * status; CD_OK for any other E, which the caller describes itself. */
int outfile_refused(const char *path, int e, const char *field,
		    struct cd_error *err);

#endif
