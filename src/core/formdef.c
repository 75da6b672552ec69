/* formdef.c - parsing the forms/NAME.form screen definitions. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formdef.h"
#include "i18n.h"

#define FORM_MAX_BYTES 65536

struct parser {
	const char *path;
	int line;
	const char *p; /* current position in the line */
	struct cd_error *err;
};

/* Report a problem on the current line. */
static int bad(struct parser *ps, const char *what, const char *detail)
{
	return cd_err(ps->err, CD_ECONFIG, NULL, _("%s, line %d: %s%s"),
		      ps->path, ps->line, what, detail);
}

/* Skip blanks. */
static void skip_blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

/* Read a quoted string (after the opening quote) into BUF. */
static int read_quoted(struct parser *ps, char *buf, size_t len)
{
	size_t n = 0;

	for (;;) {
		char c = *ps->p++;

		if (c == '\0' || c == '\n')
			return bad(
			    ps, _("a quoted text is not closed with \"."), "");
		if (c == '"')
			break;
		if (c == '\\' && (*ps->p == '"' || *ps->p == '\\'))
			c = *ps->p++;
		if (n + 1 >= len)
			return bad(ps, _("a text is too long."), "");
		buf[n++] = c;
	}
	buf[n] = '\0';
	return CD_OK;
}

/* Read a value: _("text"), "text" or a bare word. */
static int read_value(struct parser *ps, char *buf, size_t len)
{
	size_t n = 0;

	if (strncmp(ps->p, "_(\"", 3) == 0) {
		ps->p += 3;
		if (read_quoted(ps, buf, len) != CD_OK)
			return ps->err->status;
		if (*ps->p != ')')
			return bad(ps,
				   _("a translated text _(\"...\") lacks its "
				     "closing bracket."),
				   "");
		ps->p++;
		return CD_OK;
	}
	if (*ps->p == '"') {
		ps->p++;
		return read_quoted(ps, buf, len);
	}
	while (*ps->p && !isspace((unsigned char)*ps->p)) {
		if (n + 1 >= len)
			return bad(ps, _("a value is too long."), "");
		buf[n++] = *ps->p++;
	}
	buf[n] = '\0';
	return CD_OK;
}

/* Parse a small non-negative number for KEY. */
static int number(struct parser *ps, const char *key, const char *v, int max,
		  int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > max) {
		char detail[96];

		snprintf(detail, sizeof detail, _(" (%s=%s; expected 0 to %d)"),
			 key, v, max);
		return bad(ps,
			   _("a position or width is not a number in range"),
			   detail);
	}
	*out = (int)n;
	return CD_OK;
}

/* Copy V into DST, refusing values that do not fit. */
static int copy(struct parser *ps, char *dst, size_t len, const char *v)
{
	if (strlen(v) >= len)
		return bad(ps, _("a value is too long: "), v);
	memcpy(dst, v, strlen(v) + 1);
	return CD_OK;
}

/* Apply one key=value (or flag) to field F. */
static int field_set(struct parser *ps, struct fielddef *f, const char *key,
		     const char *v, int has_value)
{
	static const char *const kinds[] = {"digits", "amount", "text",
					    "choice", "secret"};
	size_t i;

	if (!has_value && strcmp(key, "required") == 0)
		f->required = 1;
	else if (!has_value && strcmp(key, "fixed") == 0)
		f->fixed = 1;
	else if (!has_value && strcmp(key, "masked") == 0)
		f->masked = 1;
	else if (!has_value)
		return bad(ps, _("unknown flag: "), key);
	else if (strcmp(key, "name") == 0)
		return copy(ps, f->name, sizeof f->name, v);
	else if (strcmp(key, "row") == 0)
		return number(ps, key, v, 199, &f->row);
	else if (strcmp(key, "col") == 0)
		return number(ps, key, v, 299, &f->col);
	else if (strcmp(key, "width") == 0)
		return number(ps, key, v, 80, &f->width);
	else if (strcmp(key, "validator") == 0)
		return copy(ps, f->validator, sizeof f->validator, v);
	else if (strcmp(key, "label") == 0)
		return copy(ps, f->label, sizeof f->label, v);
	else if (strcmp(key, "help") == 0)
		return copy(ps, f->help, sizeof f->help, v);
	else if (strcmp(key, "kind") == 0) {
		for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (strcmp(v, kinds[i]) == 0) {
				f->kind = (enum field_kind)i;
				return CD_OK;
			}
		return bad(ps,
			   _("unknown kind (use digits, amount, text, "
			     "choice or secret): "),
			   v);
	} else
		return bad(ps, _("unknown setting: "), key);
	return CD_OK;
}

/* Parse the rest of a "field" line. */
static int parse_field(struct parser *ps, struct formdef *out)
{
	struct fielddef *f;
	char key[24], value[256];
	size_t n;

	if (out->nfields == FORMDEF_MAX_FIELDS)
		return bad(ps, _("too many fields in one form."), "");
	f = &out->field[out->nfields];
	memset(f, 0, sizeof *f);
	for (;;) {
		skip_blanks(ps);
		if (*ps->p == '\0' || *ps->p == '\n' || *ps->p == '#')
			break;
		n = strcspn(ps->p, "= \t\n");
		if (n == 0 || n >= sizeof key)
			return bad(ps, _("expected key=value."), "");
		memcpy(key, ps->p, n);
		key[n] = '\0';
		ps->p += n;
		if (*ps->p == '=') {
			ps->p++;
			if (read_value(ps, value, sizeof value) != CD_OK ||
			    field_set(ps, f, key, value, 1) != CD_OK)
				return ps->err->status;
		} else if (field_set(ps, f, key, NULL, 0) != CD_OK) {
			return ps->err->status;
		}
	}
	if (f->name[0] == '\0' || f->label[0] == '\0' || f->width == 0)
		return bad(ps, _("a field needs name=, label= and width=."),
			   "");
	if (f->col + f->width > 80 || f->row > 21)
		return bad(ps, _("the field does not fit on an 80x24 screen: "),
			   f->name);
	if (formdef_find(out, f->name) >= 0)
		return bad(ps, _("the field appears twice: "), f->name);
	out->nfields++;
	return CD_OK;
}

/* Parse one line. */
static int parse_line(struct parser *ps, struct formdef *out)
{
	skip_blanks(ps);
	if (*ps->p == '\0' || *ps->p == '\n' || *ps->p == '#')
		return CD_OK;
	if (strncmp(ps->p, "title", 5) == 0 &&
	    isblank((unsigned char)ps->p[5])) {
		ps->p += 5;
		skip_blanks(ps);
		return read_value(ps, out->title, sizeof out->title);
	}
	if (strncmp(ps->p, "field", 5) == 0 &&
	    isblank((unsigned char)ps->p[5])) {
		ps->p += 5;
		return parse_field(ps, out);
	}
	return bad(ps,
		   _("expected \"title\" or \"field\" at the start of "
		     "the line."),
		   "");
}

/* Parse a whole form text. */
int formdef_parse(const char *path, const char *text, struct formdef *out,
		  struct cd_error *err)
{
	struct parser ps = {path, 0, text, err};
	char line[1024];
	const char *nl;
	size_t n;

	memset(out, 0, sizeof *out);
	snprintf(out->path, sizeof out->path, "%s", path);
	while (*text) {
		ps.line++;
		nl = strchr(text, '\n');
		n = nl ? (size_t)(nl - text) : strlen(text);
		if (n >= sizeof line)
			return bad(&ps, _("the line is too long."), "");
		memcpy(line, text, n);
		line[n] = '\0';
		ps.p = line;
		if (parse_line(&ps, out) != CD_OK)
			return err->status;
		text += n + (nl != NULL);
	}
	if (out->nfields == 0)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s: the form has no fields. Add its field lines "
		      "(cheque.form describes them), or reinstall chequedesk "
		      "to restore the bundled form."),
		    path);
	return CD_OK;
}

/* Read and parse DATADIR/forms/NAME.form. */
int formdef_load(const char *datadir, const char *name, struct formdef *out,
		 struct cd_error *err)
{
	char path[512], *text;
	size_t n;
	FILE *fp;
	int rc;

	snprintf(path, sizeof path, "%s/forms/%s.form", datadir, name);
	fp = fopen(path, "r");
	if (fp == NULL)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot open the form file %s (%s). Reinstall "
				"chequedesk or set CHEQUEDESK_DATADIR."),
			      path, strerror(errno));
	text = malloc(FORM_MAX_BYTES + 1);
	if (text == NULL) {
		fclose(fp);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	}
	n = fread(text, 1, FORM_MAX_BYTES, fp);
	text[n] = '\0';
	fclose(fp);
	rc = formdef_parse(path, text, out, err);
	free(text);
	return rc;
}

/* The index of field NAME. */
int formdef_find(const struct formdef *f, const char *name)
{
	int i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->field[i].name, name) == 0)
			return i;
	return -1;
}
