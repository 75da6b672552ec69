/* report-out.h - the day's report as text (80 columns), CSV (RFC 4180)
 * and JSON. */
#ifndef CHEQUEDESK_REPORT_OUT_H
#define CHEQUEDESK_REPORT_OUT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "report.h"

/* The report as aligned text, 80 columns, wide characters measured. */
void report_write_text(FILE *fp, const struct report *r);

/* The text in a new buffer (free it); NULL when out of memory. */
char *report_text(const struct report *r, size_t *len);

/* One CSV row per item, then the totals (CRLF line ends, RFC 4180). */
void report_write_csv(FILE *fp, const struct report *r);

/* The whole report as JSON; amounts are integers in fen. */
cJSON *report_json(const struct report *r);

#endif
