/* error.h - the error record every core function fills in, and its classes. */
#ifndef CHEQUEDESK_ERROR_H
#define CHEQUEDESK_ERROR_H

/* On every function that returns an enum cd_status: a caller cannot drop
 * the result without the compiler saying so. */
#define CD_MUST_CHECK __attribute__((warn_unused_result))

#include <stddef.h>

/* Error classes; the numeric value is the command line's exit status. */
enum cd_status {
	CD_OK = 0,
	CD_EFAIL = 1, /* unexpected internal failure */
	CD_EUSAGE =
	    2, /* command line syntax: unknown option, missing argument */
	CD_EINVAL = 3,	  /* a value is malformed or out of range */
	CD_EPERM = 4,	  /* wrong password, or the role may not do this */
	CD_ECONFLICT = 5, /* duplicate, already exists, wrong state */
	CD_ENOTFOUND = 6, /* no such item, bag, user, bank */
	CD_ESTORE = 7,	  /* the database cannot be read or written */
	CD_ECONFIG = 8, /* configuration or data files are missing or broken */
	CD_ENET = 9,	/* the clearing centre cannot be reached, or its
			   answers cannot be trusted */
};

/* What went wrong (translated, with what to do about it) and, when one input
 * field is to blame, that field's name so a screen can show the message next
 * to it. */
struct cd_error {
	enum cd_status status;
	char field[32];
	char msg[512];
};

/* Record an error; returns STATUS so callers can write `return cd_err(...)`.
 * FIELD may be NULL. ERR may be NULL (the error is then dropped). */
int cd_err(struct cd_error *err, enum cd_status status, const char *field,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reset ERR to "no error". */
void cd_err_clear(struct cd_error *err);

#endif
