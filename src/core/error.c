/* error.c - filling in struct cd_error. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

/* Record an error with a printf-style message. */
int cd_err(struct cd_error *err, enum cd_status status, const char *field,
	   const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return status;
	err->status = status;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}

/* Reset to "no error". */
void cd_err_clear(struct cd_error *err)
{
	if (err == NULL)
		return;
	err->status = CD_OK;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}
