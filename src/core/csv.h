/* csv.h - reading the bundled comma-separated data files. */
#ifndef CHEQUEDESK_CSV_H
#define CHEQUEDESK_CSV_H

#include <stdio.h>

#include "error.h"

#define CSV_MAX_FIELDS 8

/* Called for each data row (after the header) with its fields, already
 * unquoted and trimmed. Return CD_OK to go on, or an error status (ERR set). */
typedef int (*csv_row_cb)(char **fields, int nfields, int line, void *ctx,
			  struct cd_error *err);

/* Read PATH: '#' comment lines and blank lines are skipped; the first other
 * line must be HEADER exactly (e.g. "number,name,active"); every row must
 * have as many fields as the header. Errors say "PATH, line N: problem". */
CD_MUST_CHECK int csv_read(const char *path, const char *header, csv_row_cb cb,
			   void *ctx, struct cd_error *err);

#endif
