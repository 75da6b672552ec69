/* profile.c - reading printer profiles: "key = value" lines, [cheque] and
 * [label] sections, control sequences, millimetres and text templates. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "i18n.h"
#include "printer.h"
#include "profile.h"

#define PROFILE_FILE_MAX (256 * 1024)
#define LINE_MAX_BYTES 1024

const char *const profile_vars[] = {
    "branch",	 "branch_name", "bank",	   "bank_name",	  "type",
    "type_name", "dc",		"dc_name", "count",	  "amount",
    "capitals",	 "date",	"session", "bag",	  "item",
    "serial",	 "account",	"teller",  "teller_name", NULL};

/* Names accepted in control sequences and the bytes they stand for. */
static const struct {
	const char *name;
	unsigned char byte;
} byte_names[] = {
    {"NUL", 0x00}, {"BEL", 0x07}, {"BS", 0x08},	 {"HT", 0x09},	{"LF", 0x0a},
    {"VT", 0x0b},  {"FF", 0x0c},  {"CR", 0x0d},	 {"SO", 0x0e},	{"SI", 0x0f},
    {"DC1", 0x11}, {"DC2", 0x12}, {"DC3", 0x13}, {"DC4", 0x14}, {"CAN", 0x18},
    {"EM", 0x19},  {"ESC", 0x1b}, {"FS", 0x1c},	 {"GS", 0x1d},	{"RS", 0x1e},
    {"US", 0x1f},  {"SP", 0x20},  {"DEL", 0x7f},
};

/* The parser's state: where we are, for messages. */
struct parse {
	struct profile *p;
	const char *name;
	int line;
	struct profile_layout *section; /* NULL at the top level */
	struct cd_error *err;
};

/* Report a problem on the current line. */
static int bad(struct parse *ps, const char *what)
{
	return cd_err(ps->err, CD_ECONFIG, NULL,
		      /* TRANSLATORS: "FILE, line N: problem" in a printer
			 profile. */
		      _("Printer profile %s, line %d: %s"), ps->name, ps->line,
		      what);
}

int profile_dots(int hmm, int dpi)
{
	return (int)(((long long)hmm * dpi + 1270) / 2540);
}

/* Parse a length in millimetres ("12", "12.5", "12.25") into 1/100 mm. */
static int parse_mm(const char *s, const char **end, int *out)
{
	long v = 0;
	int frac = 0, digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (*s++ - '0');
		if (v > 10000)
			return -1;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			if (++digits > 2)
				return -1;
			frac = frac * 10 + (*s++ - '0');
		}
		if (digits == 0)
			return -1;
		if (digits == 1)
			frac *= 10;
	}
	*out = (int)(v * 100 + frac);
	*end = s;
	return 0;
}

/* Parse a whole number in [MIN, MAX] that fills S. */
static int parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* Read a quoted string at S (which points at the opening quote) into OUT,
 * handling \" and \\. Returns the position after the closing quote. */
static const char *parse_quoted(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (s++; *s && *s != '"'; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		if (n + 1 >= len)
			return NULL;
		out[n++] = *s;
	}
	if (*s != '"')
		return NULL;
	out[n] = '\0';
	return s + 1;
}

/* A string value: quoted, or the bare rest of the line. */
static int parse_string(struct parse *ps, const char *v, char *out, size_t len)
{
	const char *end;

	if (*v != '"') {
		if (strlen(v) >= len)
			return bad(ps, _("the value is too long."));
		strcpy(out, v);
		return CD_OK;
	}
	end = parse_quoted(v, out, len);
	if (end == NULL)
		return bad(ps, _("the quoted value has no closing quote "
				 "or is too long."));
	if (*end != '\0')
		return bad(ps, _("unexpected text after the closing quote."));
	return CD_OK;
}

/* Parse a control sequence: names (ESC), numbers (27, 0x1b) and quoted
 * ASCII ("@"), separated by blanks. An empty value is an empty sequence. */
static int parse_bytes(struct parse *ps, const char *v,
		       struct profile_bytes *out)
{
	char word[64], msg[256];
	size_t i, n;

	out->n = 0;
	while (*v) {
		if (*v == ' ' || *v == '\t') {
			v++;
			continue;
		}
		if (*v == '"') {
			char s[PROFILE_BYTES_MAX + 1];
			const char *end = parse_quoted(v, s, sizeof s);

			if (end == NULL)
				return bad(ps, _("a quoted part of the control "
						 "sequence has no closing "
						 "quote or is too long."));
			for (i = 0; s[i]; i++) {
				if (out->n >= PROFILE_BYTES_MAX)
					goto toolong;
				out->b[out->n++] = (unsigned char)s[i];
			}
			v = end;
			continue;
		}
		for (n = 0; *v && *v != ' ' && *v != '\t'; v++)
			if (n + 1 < sizeof word)
				word[n++] = *v;
		word[n] = '\0';
		if (out->n >= PROFILE_BYTES_MAX)
			goto toolong;
		if (isdigit((unsigned char)word[0])) {
			char *end;
			long b;
			int hex = word[0] == '0' &&
				  (word[1] == 'x' || word[1] == 'X');

			/* Decimal, or hexadecimal after 0x: manuals write
			 * "027" meaning 27, not octal. */
			errno = 0;
			b = strtol(word + (hex ? 2 : 0), &end, hex ? 16 : 10);
			if (hex && end == word + 2)
				b = -1; /* "0x" alone */
			if (errno || *end || b < 0 || b > 255) {
				snprintf(msg, sizeof msg,
					 _("\"%s\" is not a byte value; write "
					   "0 to 255 or 0x00 to 0xff."),
					 word);
				return bad(ps, msg);
			}
			out->b[out->n++] = (unsigned char)b;
			continue;
		}
		for (i = 0; i < sizeof byte_names / sizeof byte_names[0]; i++)
			if (strcmp(word, byte_names[i].name) == 0)
				break;
		if (i == sizeof byte_names / sizeof byte_names[0]) {
			snprintf(msg, sizeof msg,
				 _("\"%s\" is not a control character name; "
				   "use ESC, FS, GS, FF, CR, LF, a number, or "
				   "a character in quotes such as \"@\"."),
				 word);
			return bad(ps, msg);
		}
		out->b[out->n++] = byte_names[i].byte;
	}
	return CD_OK;
toolong:
	snprintf(msg, sizeof msg,
		 _("the control sequence is longer than %d bytes."),
		 PROFILE_BYTES_MAX);
	return bad(ps, msg);
}

/* Check a text template's {placeholders}. */
static int check_template(struct parse *ps, const char *t)
{
	char msg[400];
	const char *open, *close;
	size_t n;
	int i;

	for (open = strchr(t, '{'); open; open = strchr(close, '{')) {
		close = strchr(open, '}');
		if (close == NULL)
			return bad(ps, _("a { in the text has no closing }."));
		n = (size_t)(close - open - 1);
		for (i = 0; profile_vars[i]; i++)
			if (strlen(profile_vars[i]) == n &&
			    strncmp(open + 1, profile_vars[i], n) == 0)
				break;
		if (profile_vars[i] == NULL) {
			snprintf(msg, sizeof msg,
				 _("unknown placeholder {%.*s}; see "
				   "docs/printers.md for the ones there are."),
				 (int)(n > 40 ? 40 : n), open + 1);
			return bad(ps, msg);
		}
	}
	return CD_OK;
}

/* KEY = VALUE inside [cheque] or [label]. */
static int set_layout(struct parse *ps, const char *key, const char *v)
{
	struct profile_layout *l = ps->section;
	const char *end;
	int x, y;

	if (strcmp(key, "width") == 0 || strcmp(key, "height") == 0) {
		if (parse_mm(v, &end, &x) != 0 || *end != '\0' || x < 1000)
			return bad(ps, _("the size must be in millimetres, "
					 "at least 10, e.g. 175 or 80.5."));
		*(key[0] == 'w' ? &l->width : &l->height) = x;
		l->has_size |= key[0] == 'w' ? 1 : 2;
		return CD_OK;
	}
	if (strcmp(key, "codeline") != 0 && strcmp(key, "text") != 0)
		return bad(ps,
			   _("unknown setting in this section; a section knows "
			     "width, height, codeline and text."));
	if (parse_mm(v, &end, &x) != 0 || parse_mm(end, &end, &y) != 0)
		return bad(ps, _("the position must be two numbers in "
				 "millimetres, left then top, e.g. 10 70.5."));
	while (*end == ' ' || *end == '\t')
		end++;
	if (strcmp(key, "codeline") == 0) {
		if (*end != '\0')
			return bad(ps, _("codeline takes only the left and top "
					 "position."));
		l->code_x = x;
		l->code_y = y;
		l->has_codeline = 1;
		return CD_OK;
	}
	if (strcmp(key, "text") == 0) {
		char tmpl[LINE_MAX_BYTES];
		int rc;

		if (l->ntext >= PROFILE_TEXT_MAX)
			return bad(ps, _("too many text lines in this "
					 "section."));
		if (*end != '"')
			return bad(ps, _("the text must follow the position, "
					 "in double quotes."));
		if ((rc = parse_string(ps, end, tmpl, sizeof tmpl)) != CD_OK)
			return rc;
		if ((rc = check_template(ps, tmpl)) != CD_OK)
			return rc;
		if ((l->text[l->ntext].tmpl = strdup(tmpl)) == NULL)
			return cd_err(
			    ps->err, CD_EFAIL, NULL,
			    _("Out of memory. Close other programs or restart "
			      "chequedesk, then try again; if it happens "
			      "again, report it to branch IT."));
		l->text[l->ntext].x = x;
		l->text[l->ntext].y = y;
		l->ntext++;
		return CD_OK;
	}
	return CD_OK;
}

/* KEY = VALUE at the top of the file. */
static int set_top(struct parse *ps, const char *key, const char *v)
{
	struct profile *p = ps->p;
	struct {
		const char *key;
		struct profile_bytes *b;
	} seqs[] = {{"init", &p->init},
		    {"insert", &p->insert},
		    {"eject", &p->eject},
		    {"chinese_on", &p->chinese_on},
		    {"chinese_off", &p->chinese_off}};
	const char *end;
	size_t i;

	if (strcmp(key, "name") == 0)
		return parse_string(ps, v, p->name, sizeof p->name);
	if (strcmp(key, "match") == 0)
		return parse_string(ps, v, p->match, sizeof p->match);
	if (strcmp(key, "encoding") == 0)
		return parse_string(ps, v, p->encoding, sizeof p->encoding);
	if (strcmp(key, "commands") == 0) {
		p->cmds = cmdset_find(v);
		if (p->cmds == NULL)
			return bad(ps, _("unknown command set; chequedesk "
					 "knows escp2 and pr2."));
		return CD_OK;
	}
	if (strcmp(key, "resolution") == 0) {
		char a[16], b[16];

		if (sscanf(v, "%15[0-9]x%15[0-9]", a, b) != 2 ||
		    strlen(a) + strlen(b) + 1 != strlen(v) ||
		    parse_int(a, 60, 1440, &p->dpi_x) != 0 ||
		    parse_int(b, 60, 1440, &p->dpi_y) != 0)
			return bad(ps, _("the resolution must be dots per "
					 "inch across x down, each 60 to "
					 "1440, e.g. 360x180."));
		return CD_OK;
	}
	if (strcmp(key, "band") == 0) {
		if (parse_int(v, 1, 64, &p->band) != 0)
			return bad(ps, _("band must be the number of raster "
					 "rows the head prints at once, 1 to "
					 "64."));
		return CD_OK;
	}
	if (strcmp(key, "char_width") == 0 || strcmp(key, "line_height") == 0) {
		int *to = key[0] == 'c' ? &p->char_width : &p->line_height;

		if (parse_mm(v, &end, to) != 0 || *end != '\0' || *to < 50)
			return bad(ps, _("the value must be in millimetres, at "
					 "least 0.5, e.g. 2.54."));
		return CD_OK;
	}
	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		if (strcmp(key, seqs[i].key) == 0)
			return parse_bytes(ps, v, seqs[i].b);
	return bad(ps, _("unknown setting; see docs/printers.md for the "
			 "settings a profile has."));
}

/* Cut a comment (# outside quotes) and trailing blanks off LINE. */
static void strip_comment(char *line)
{
	int quoted = 0;
	char *s, *e;

	for (s = line; *s; s++) {
		if (*s == '\\' && quoted && s[1])
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (*s == '#' && !quoted) {
			*s = '\0';
			break;
		}
	}
	e = line + strlen(line);
	while (e > line && isspace((unsigned char)e[-1]))
		*--e = '\0';
}

/* One line of the file. */
static int parse_line(struct parse *ps, char *line)
{
	char *s = line, *eq, *key, *v;

	strip_comment(line);
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return CD_OK;
	if (*s == '[') {
		if (strcmp(s, "[cheque]") == 0)
			ps->section = &ps->p->cheque;
		else if (strcmp(s, "[label]") == 0)
			ps->section = &ps->p->label;
		else
			return bad(ps, _("unknown section; a profile has "
					 "[cheque] and [label]."));
		return CD_OK;
	}
	eq = strchr(s, '=');
	if (eq == NULL)
		return bad(ps, _("expected \"setting = value\"."));
	*eq = '\0';
	key = s;
	for (v = eq; v > key && isspace((unsigned char)v[-1]);)
		*--v = '\0';
	v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*key == '\0')
		return bad(ps, _("the setting name is missing before \"=\"."));
	return ps->section ? set_layout(ps, key, v) : set_top(ps, key, v);
}

/* After the last line: everything needed is there and makes sense. */
static int check_complete(struct parse *ps)
{
	struct profile *p = ps->p;
	struct profile_layout *ls[2] = {&p->cheque, &p->label};
	const char *names[2] = {"[cheque]", "[label]"};
	char msg[400];
	int i, t;

	ps->line = 0;
	if (p->cmds == NULL || p->dpi_x == 0 || p->name[0] == '\0') {
		snprintf(msg, sizeof msg,
			 _("the profile must set name, commands and "
			   "resolution."));
		goto fail;
	}
	if (p->cmds->check && p->cmds->check(p) != NULL) {
		snprintf(msg, sizeof msg, "%s", p->cmds->check(p));
		goto fail;
	}
	for (i = 0; i < 2; i++) {
		struct profile_layout *l = ls[i];

		if (l->has_size != 3 || !l->has_codeline) {
			snprintf(msg, sizeof msg,
				 _("the %s section must set width, height and "
				   "codeline."),
				 names[i]);
			goto fail;
		}
		/* The code line is 0.117 inch high: 297/100 mm. */
		if (l->code_x >= l->width || l->code_y + 297 > l->height) {
			snprintf(msg, sizeof msg,
				 _("in %s the code line does not fit on the "
				   "document; check codeline against width "
				   "and height."),
				 names[i]);
			goto fail;
		}
		for (t = 0; t < l->ntext; t++)
			if (l->text[t].x >= l->width ||
			    l->text[t].y >= l->height) {
				snprintf(msg, sizeof msg,
					 _("in %s a text line starts outside "
					   "the document."),
					 names[i]);
				goto fail;
			}
	}
	return CD_OK;
fail:
	return cd_err(ps->err, CD_ECONFIG, NULL, _("Printer profile %s: %s"),
		      ps->name, msg);
}

int profile_parse(struct profile *p, const char *text, size_t len,
		  const char *name, struct cd_error *err)
{
	struct parse ps = {p, name, 0, NULL, err};
	char line[LINE_MAX_BYTES + 1];
	size_t i = 0, n;
	int rc = CD_OK;

	memset(p, 0, sizeof *p);
	p->band = 24;
	p->char_width = 254;
	p->line_height = 423;
	strcpy(p->encoding, "GB18030");
	while (i < len) {
		ps.line++;
		for (n = 0; i < len && text[i] != '\n'; i++) {
			if (text[i] == '\0') {
				rc = bad(&ps, _("the file holds a NUL byte; "
						"is it a text file?"));
				goto fail;
			}
			if (n < LINE_MAX_BYTES)
				line[n] = text[i];
			n++;
		}
		i++; /* the newline */
		if (n > LINE_MAX_BYTES) {
			rc = bad(&ps, _("the line is too long."));
			goto fail;
		}
		line[n] = '\0';
		if ((rc = parse_line(&ps, line)) != CD_OK)
			goto fail;
	}
	if ((rc = check_complete(&ps)) != CD_OK)
		goto fail;
	return CD_OK;
fail:
	profile_free(p);
	return rc;
}

int profile_load(struct profile *p, const char *path, struct cd_error *err)
{
	const char *base = strrchr(path, '/');
	char *buf;
	size_t n;
	FILE *f;
	int rc = CD_OK;

	f = fopen(path, "r");
	if (f == NULL)
		return cd_err(err, errno == ENOENT ? CD_ENOTFOUND : CD_ECONFIG,
			      NULL,
			      _("Cannot read the printer profile %s (%s). "
				"Check the file is there and readable."),
			      path, strerror(errno));
	buf = malloc(PROFILE_FILE_MAX);
	if (buf == NULL) {
		fclose(f);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	}
	n = fread(buf, 1, PROFILE_FILE_MAX, f);
	fclose(f);
	if (n == PROFILE_FILE_MAX) {
		free(buf);
		return cd_err(err, CD_ECONFIG, NULL,
			      _("The printer profile %s is too large to be "
				"a profile."),
			      path);
	}
	rc = profile_parse(p, buf, n, path, err);
	free(buf);
	if (rc != CD_OK)
		return rc;
	base = base ? base + 1 : path;
	snprintf(p->id, sizeof p->id, "%.*s",
		 (int)(strlen(base) > 8 &&
			       strcmp(base + strlen(base) - 8, ".profile") == 0
			   ? strlen(base) - 8
			   : strlen(base)),
		 base);
	snprintf(p->path, sizeof p->path, "%s", path);
	return CD_OK;
}

/* True when ID is a plain file name part (no slashes, not hidden). */
static int id_ok(const char *id)
{
	size_t i;

	if (id[0] == '\0' || id[0] == '.' || strlen(id) > 60)
		return 0;
	for (i = 0; id[i]; i++)
		if (!isalnum((unsigned char)id[i]) && !strchr("-_.", id[i]))
			return 0;
	return 1;
}

int profile_find(struct profile *p, const char *id, const char *const *dirs,
		 struct cd_error *err)
{
	char path[1024], where[768] = "";
	int i, rc;

	if (!id_ok(id))
		return cd_err(err, CD_EINVAL, "profile",
			      _("\"%s\" is not a printer profile name; names "
				"are letters, digits, - and _, like "
				"epson-plq20."),
			      id);
	for (i = 0; dirs[i]; i++) {
		snprintf(path, sizeof path, "%s/%s.profile", dirs[i], id);
		rc = profile_load(p, path, err);
		if (rc != CD_ENOTFOUND)
			return rc;
		if (strlen(where) + strlen(dirs[i]) + 3 < sizeof where) {
			if (where[0])
				strcat(where, ", ");
			strcat(where, dirs[i]);
		}
	}
	return cd_err(err, CD_ENOTFOUND, "profile",
		      _("There is no printer profile \"%s\" (looked in %s). "
			"Run \"chequedesk printers\" to see the profiles "
			"there are, or add %s.profile to one of those "
			"folders."),
		      id, where, id);
}

/* qsort order for profiles: by id. */
static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct profile *)a)->id,
		      ((const struct profile *)b)->id);
}

int profile_load_all(const char *const *dirs, struct profile **out, int *n,
		     struct cd_error *err)
{
	struct profile *all = NULL;
	size_t cap = 0;
	struct cd_error sub;
	struct dirent *de;
	char path[1024];
	int count = 0, i, j, dup;
	DIR *d;

	cd_err_clear(err);
	for (i = 0; dirs[i]; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			size_t len = strlen(de->d_name);

			if (len <= 8 || de->d_name[0] == '.' ||
			    strcmp(de->d_name + len - 8, ".profile") != 0)
				continue;
			if (GROW_ONE(all, cap, (size_t)count) != 0)
				break;
			snprintf(path, sizeof path, "%s/%s", dirs[i],
				 de->d_name);
			if (profile_load(&all[count], path, &sub) != CD_OK) {
				if (err && err->status == CD_OK)
					*err = sub;
				continue;
			}
			for (dup = 0, j = 0; j < count; j++)
				dup |= strcmp(all[j].id, all[count].id) == 0;
			if (dup)
				profile_free(&all[count]);
			else
				count++;
		}
		closedir(d);
	}
	if (count > 1)
		qsort(all, count, sizeof *all, by_id);
	*out = all;
	*n = count;
	return CD_OK;
}

void profile_free(struct profile *p)
{
	int i;

	for (i = 0; i < p->cheque.ntext; i++)
		free(p->cheque.text[i].tmpl);
	for (i = 0; i < p->label.ntext; i++)
		free(p->label.text[i].tmpl);
	p->cheque.ntext = p->label.ntext = 0;
}

void profile_free_all(struct profile *all, int n)
{
	int i;

	for (i = 0; i < n; i++)
		profile_free(&all[i]);
	free(all);
}
