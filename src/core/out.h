/* out.h - terminal output helpers: padding by display width, the user's
 * language for bilingual names, printing errors. */
#ifndef CHEQUEDESK_OUT_H
#define CHEQUEDESK_OUT_H

#include <stdio.h>

#include "error.h"
#include "model.h"

/* Display width of UTF-8 text as out_cell shows it, escaped (wide
 * characters count two). */
int out_width(const char *s);

/* Print S padded (or cut) to WIDTH columns; RIGHT aligns right. Control
 * characters, bidi controls and bytes that are not UTF-8 are shown escaped
 * (text_escape). */
void out_cell(FILE *fp, const char *s, int width, int right);

/* Print text that may hold stored or typed values, escaped as out_cell
 * does; newlines and tabs are kept as the layout's own. */
void out_text(FILE *fp, const char *s);

/* Format, then print as out_text. */
void out_printf(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print "chequedesk: MESSAGE" to stderr, MESSAGE escaped (out_text). */
void out_error(const struct cd_error *err);

/* Flush and close stdout at the end of a command: CD_EFAIL, after saying
 * so on stderr, when what was printed could not be written and RC was
 * CD_OK; RC otherwise. */
int out_close_stdout(int rc);

/* Print a JSON value (and free it), pretty, with a newline. */
struct cJSON;
void out_json(struct cJSON *v);

/* End a listing that may have gathered JSON: print V when RC is CD_OK,
 * free it either way (V may be NULL for a text listing). Returns RC. */
int out_json_end(struct cJSON *v, int rc);

#endif
