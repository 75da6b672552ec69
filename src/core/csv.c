/* csv.c - a small reader for the project's own CSV data files. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"

/* Split LINE in place into FIELDS; handles "quoted, fields" and "" inside
 * quotes. Returns the field count, or -1 for an unterminated quote. */
static int split(char *line, char **fields, int max)
{
	char *r = line, *w, *start, *e;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		start = w = r;
		if (*r == '"') {
			start = w = ++r;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
			while (*r == ' ' || *r == '\t')
				r++;
		} else {
			while (*r != ',' && *r != '\0')
				*w++ = *r++;
			e = w;
			while (e > start && isspace((unsigned char)e[-1]))
				e--;
			w = e;
		}
		if (n < max)
			fields[n] = start;
		n++;
		if (*r != ',') {
			*w = '\0';
			return *r == '\0' ? n : -1;
		}
		r++;
		*w = '\0';
	}
}

/* Read a CSV data file row by row. */
int csv_read(const char *path, const char *header, csv_row_cb cb, void *ctx,
	     struct cd_error *err)
{
	char buf[1024], *fields[CSV_MAX_FIELDS], *p;
	int line = 0, seen_header = 0, want = 1, n, rc = CD_OK;
	size_t len;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot open %s (%s). Check the file name, or "
				"reinstall chequedesk if a bundled file is "
				"missing."),
			      path, strerror(errno));
	for (p = strchr(header, ','); p != NULL; p = strchr(p + 1, ','))
		want++;
	while (fgets(buf, sizeof buf, fp) != NULL) {
		line++;
		len = strlen(buf);
		if (len > 0 && buf[len - 1] != '\n' && !feof(fp)) {
			rc = cd_err(err, CD_ECONFIG, NULL,
				    _("%s, line %d: the line is too long. "
				      "Check that this is the right CSV file, "
				      "and correct that line."),
				    path, line);
			break;
		}
		buf[strcspn(buf, "\r\n")] = '\0';
		p = buf;
		if (line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3; /* a byte order mark from a spreadsheet */
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if (!seen_header) {
			if (strcmp(p, header) != 0) {
				rc =
				    cd_err(err, CD_ECONFIG, NULL,
					   _("%s, line %d: the first line must "
					     "be the header \"%s\"."),
					   path, line, header);
				break;
			}
			seen_header = 1;
			continue;
		}
		n = split(p, fields, CSV_MAX_FIELDS);
		if (n < 0) {
			rc = cd_err(err, CD_ECONFIG, NULL,
				    _("%s, line %d: a quoted field is not "
				      "closed. Add the closing quote (\")."),
				    path, line);
			break;
		}
		if (n != want) {
			rc = cd_err(err, CD_ECONFIG, NULL,
				    _("%s, line %d: expected %d fields (%s), "
				      "found %d. Correct that line; a field "
				      "that holds a comma must be in quotes."),
				    path, line, want, header, n);
			break;
		}
		rc = cb(fields, n, line, ctx, err);
		if (rc != CD_OK)
			break;
	}
	if (rc == CD_OK && !seen_header)
		rc = cd_err(err, CD_ECONFIG, NULL,
			    _("%s: the file is empty; it must start with the "
			      "header \"%s\"."),
			    path, header);
	fclose(fp);
	return rc;
}
