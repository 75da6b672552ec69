/* doctor.c - "chequedesk doctor": runs the groups of checks in order and
 * holds the configuration and locale groups (the others are in
 * doctor-*.c). Looks, never changes anything. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doctor-int.h"
#include "i18n.h"

#define MIN_COLS 80  /* the screens' smallest terminal */
#define MIN_LINES 24 /* ... */

/* Report one check. */
void doctor_emit(struct doctor_state *s, const char *group, const char *what,
		 enum doctor_status status, const char *detail, const char *fix)
{
	struct doctor_result r;

	memset(&r, 0, sizeof r);
	r.group = group;
	r.status = status;
	snprintf(r.what, sizeof r.what, "%s", what);
	snprintf(r.detail, sizeof r.detail, "%s", detail ? detail : "");
	if (fix != NULL && (status == DOCTOR_WARN || status == DOCTOR_FAIL))
		snprintf(r.fix, sizeof r.fix, "%s", fix);
	if (status == DOCTOR_FAIL)
		s->failed++;
	if (s->cb != NULL)
		s->cb(&r, s->ctx);
}

/* This user's login name, for chown fixes. */
const char *doctor_user(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw && pw->pw_name ? pw->pw_name : "USER";
}

/* The number of the line a configuration error names: the first number
 * after the file's path in MSG ("PATH, line 3: ..."), or 0. */
static int error_line(const char *msg, const char *path)
{
	const char *p = strstr(msg, path);

	p = p ? p + strlen(path) : msg;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	return *p ? atoi(p) : 0;
}

/* The settings a terminal needs that the configuration lacks, as
 * "printer, centre_url" (NAMES) and as the lines to add (LINES). */
static int missing_settings(const struct doctor_state *s, char *names,
			    size_t nlen, char *lines, size_t llen)
{
	static const struct {
		const char *key, *line;
		int centre;
	} need[] = {
	    {"printer", "printer = QUEUE", 0},
	    {"centre_url", "centre_url = https://HOST:PORT", 1},
	    {"centre_key", "centre_key = FILE", 1},
	};
	const char *value[] = {s->conf.printer, s->conf.centre_url,
			       s->conf.centre_key};
	size_t i, nn = 0, nl = 0;
	int n = 0;

	names[0] = lines[0] = '\0';
	for (i = 0; i < sizeof need / sizeof need[0]; i++) {
		if (value[i][0] != '\0' || (need[i].centre && s->o->offline))
			continue;
		nn += (size_t)snprintf(names + nn, nn < nlen ? nlen - nn : 0,
				       "%s%s", n ? ", " : "", need[i].key);
		nl += (size_t)snprintf(lines + nl, nl < llen ? llen - nl : 0,
				       "%s%s", n ? "; " : "", need[i].line);
		n++;
	}
	return n;
}

/* Whether the configuration holds the settings a terminal needs. */
static void check_settings(struct doctor_state *s)
{
	char names[128], lines[256], detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];

	if (missing_settings(s, names, sizeof names, lines, sizeof lines) ==
	    0) {
		snprintf(detail, sizeof detail, "printer = %s%s%s",
			 s->conf.printer[0] ? s->conf.printer : "-",
			 s->conf.centre_url[0] ? ", centre_url = " : "",
			 s->conf.centre_url);
		doctor_emit(s, "config", _("settings"), DOCTOR_OK, detail,
			    NULL);
		return;
	}
	/* TRANSLATORS: %s lists setting names, e.g. "printer, centre_url";
	 * they stay in English. */
	snprintf(detail, sizeof detail,
		 _("This terminal needs settings that are not set: %s."),
		 names);
	/* TRANSLATORS: "Add to FILE: printer = QUEUE; ..."; the settings
	 * stay in English, the upper-case words are to be filled in. */
	snprintf(fix, sizeof fix, _("add to %s: %s"), s->conf.config_path,
		 lines);
	doctor_emit(s, "config", _("settings"), DOCTOR_FAIL, detail, fix);
}

/* The fix for a missing configuration file. */
static void create_fix(const struct doctor_state *s, char *fix, size_t len)
{
	/* TRANSLATORS: the settings stay in English; chequedesk(1) is the
	 * manual page. */
	snprintf(fix, len,
		 _("create %s with the lines printer = QUEUE, centre_url = "
		   "https://HOST:PORT and centre_key = FILE (chequedesk(1), "
		   "CONFIGURATION)"),
		 s->conf.config_path);
}

/* The configuration file: present, readable, every line understood, and
 * the settings this terminal needs. */
void doctor_config(struct doctor_state *s)
{
	const char *what = _("configuration file");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];
	struct cd_error err;
	struct stat sb;
	int rc, line;

	cd_err_clear(&err);
	rc = conf_load(&s->conf, s->o->config_opt, s->o->db_opt, &err);
	s->conf_loaded = 1;
	if (s->conf.config_path == NULL) {
		doctor_emit(s, "config", what, DOCTOR_FAIL, err.msg,
			    _("free some memory and run chequedesk doctor "
			      "again"));
		return;
	}
	if (rc == CD_OK && s->conf.config_found) {
		s->conf_whole = 1;
		doctor_emit(s, "config", what, DOCTOR_OK, s->conf.config_path,
			    NULL);
		check_settings(s);
		return;
	}
	if (rc == CD_OK ||
	    (stat(s->conf.config_path, &sb) != 0 && errno == ENOENT)) {
		/* Running on the defaults: there is nothing to read. */
		s->conf_whole = 1;
		snprintf(detail, sizeof detail,
			 _("There is no configuration file at %s, so "
			   "chequedesk runs on its defaults: no printer and no "
			   "clearing centre."),
			 s->conf.config_path);
		create_fix(s, fix, sizeof fix);
		doctor_emit(s, "config", what, DOCTOR_FAIL, detail, fix);
		doctor_emit(s, "config", _("settings"), DOCTOR_SKIP,
			    _("there is no configuration file to read"), NULL);
		return;
	}
	if (access(s->conf.config_path, R_OK) != 0) {
		snprintf(fix, sizeof fix, "chmod 644 %s", s->conf.config_path);
	} else {
		line = error_line(err.msg, s->conf.config_path);
		if (line > 0)
			/* TRANSLATORS: "correct or remove line 3 of FILE
			 * (...)". */
			snprintf(fix, sizeof fix,
				 _("correct or remove line %d of %s (the "
				   "settings are listed in chequedesk(1), "
				   "CONFIGURATION)"),
				 line, s->conf.config_path);
		else
			snprintf(fix, sizeof fix,
				 _("correct %s (the settings are listed in "
				   "chequedesk(1), CONFIGURATION)"),
				 s->conf.config_path);
	}
	doctor_emit(s, "config", what, DOCTOR_FAIL, err.msg, fix);
	doctor_emit(s, "config", _("settings"), DOCTOR_SKIP,
		    _("the configuration file could not be read to its end"),
		    NULL);
}

/* The first non-empty environment variable of NAMES (NULL-terminated);
 * its name in *WHICH. */
static const char *first_env(const char *const *names, const char **which)
{
	const char *v;

	for (; *names; names++)
		if ((v = getenv(*names)) != NULL && *v != '\0') {
			*which = *names;
			return v;
		}
	*which = "LANG";
	return NULL;
}

/* The locale's character set: the locale must exist and be UTF-8. */
static void check_encoding(struct doctor_state *s)
{
	static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG", NULL};
	const char *which, *name = first_env(vars, &which);
	const char *what = _("character set");
	const char *codeset = nl_langinfo(CODESET);
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], lang[64];
	locale_t l = newlocale(LC_ALL_MASK, "", (locale_t)0);
	size_t n;

	if (l == (locale_t)0 && name != NULL) {
		/* e.g. zh_CN.UTF-8 -> localedef -i zh_CN -f UTF-8 */
		n = strcspn(name, ".@");
		snprintf(lang, sizeof lang, "%.*s", (int)n, name);
		snprintf(detail, sizeof detail,
			 _("The locale %s=%s is not installed on this system, "
			   "so chequedesk falls back to plain ASCII."),
			 which, name);
		if (lang[0] != '\0' && strcmp(lang, "C") != 0)
			snprintf(fix, sizeof fix,
				 "sudo localedef -i %s -f UTF-8 %s.UTF-8", lang,
				 lang);
		else
			snprintf(fix, sizeof fix, "export LANG=C.UTF-8");
		doctor_emit(s, "locale", what, DOCTOR_FAIL, detail, fix);
		return;
	}
	if (l != (locale_t)0)
		freelocale(l);
	if (strcmp(codeset, "UTF-8") != 0) {
		snprintf(detail, sizeof detail,
			 _("The character set is %s (%s=%s); chequedesk's "
			   "screens and Chinese names need UTF-8."),
			 codeset, which, name ? name : "C");
		doctor_emit(s, "locale", what, DOCTOR_FAIL, detail,
			    /* TRANSLATORS: a shell command; keep it. */
			    _("export LANG=zh_CN.UTF-8 (or LANG=C.UTF-8)"));
		return;
	}
	snprintf(detail, sizeof detail, "%s (%s=%s)", codeset, which,
		 name ? name : "C");
	doctor_emit(s, "locale", what, DOCTOR_OK, detail, NULL);
}

/* The language messages are wanted in: LANGUAGE's first entry, else the
 * locale's LC_MESSAGES, into BUF. */
static const char *wanted_language(char *buf, size_t len)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG",
					   NULL};
	const char *which, *v = getenv("LANGUAGE");

	if (v == NULL || *v == '\0')
		v = first_env(vars, &which);
	snprintf(buf, len, "%.*s", v ? (int)strcspn(v, ":") : 0, v ? v : "");
	return buf;
}

/* Messages: a Chinese locale needs the Chinese catalog. */
static void check_messages(struct doctor_state *s)
{
	/* a message every catalog translates (main.c's usage line) */
	static const char probe[] =
	    "Usage: chequedesk [OPTION]... COMMAND [OPTION]...\n";
	const char *what = _("messages");
	const char *dir = bindtextdomain(PACKAGE, NULL);
	char lang[64], detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], mo[600];
	struct stat sb;

	wanted_language(lang, sizeof lang);
	if (strncmp(lang, "zh", 2) != 0) {
		doctor_emit(s, "locale", what, DOCTOR_OK,
			    _("in English (LANGUAGE=zh_CN shows them in "
			      "Chinese)"),
			    NULL);
		return;
	}
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", dir ? dir : "",
		 PACKAGE);
	if (strcmp(gettext(probe), probe) != 0) {
		snprintf(detail, sizeof detail, _("in Chinese (%s)"), mo);
		doctor_emit(s, "locale", what, DOCTOR_OK, detail, NULL);
		return;
	}
	if (stat(mo, &sb) == 0) {
		/* The catalog is there: the C locale makes gettext ignore
		 * LANGUAGE. */
		snprintf(detail, sizeof detail,
			 _("Chinese is asked for (%s) but messages are in "
			   "English: the locale is \"%s\", in which messages "
			   "are never translated."),
			 lang, setlocale(LC_MESSAGES, NULL));
		doctor_emit(s, "locale", what, DOCTOR_FAIL, detail,
			    "export LANG=zh_CN.UTF-8");
		return;
	}
	snprintf(detail, sizeof detail,
		 _("Chinese is asked for (%s) but chequedesk's Chinese "
		   "messages are not installed: there is no %s."),
		 lang, mo);
	snprintf(fix, sizeof fix,
		 _("install the catalog as %s (make install does), or set "
		   "CHEQUEDESK_LOCALEDIR to the folder that has "
		   "zh_CN/LC_MESSAGES/%s.mo"),
		 mo, PACKAGE);
	doctor_emit(s, "locale", what, DOCTOR_FAIL, detail, fix);
}

/* The terminal: the screens need 80x24 (only when output is one). */
static void check_terminal(struct doctor_state *s)
{
	const char *what = _("terminal");
	const char *term = getenv("TERM");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT];
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) ||
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) {
		doctor_emit(s, "locale", what, DOCTOR_SKIP,
			    _("not checked: the output is not a terminal"),
			    NULL);
		return;
	}
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		snprintf(detail, sizeof detail,
			 _("TERM is \"%s\": the screens cannot be drawn."),
			 term ? term : "");
		doctor_emit(s, "locale", what, DOCTOR_WARN, detail,
			    "export TERM=xterm-256color");
		return;
	}
	if (ws.ws_col < MIN_COLS || ws.ws_row < MIN_LINES) {
		snprintf(detail, sizeof detail,
			 _("%dx%d: the screens need at least %dx%d."),
			 ws.ws_col, ws.ws_row, MIN_COLS, MIN_LINES);
		snprintf(fix, sizeof fix,
			 _("make the window at least %d columns wide and %d "
			   "lines high"),
			 MIN_COLS, MIN_LINES);
		doctor_emit(s, "locale", what, DOCTOR_WARN, detail, fix);
		return;
	}
	snprintf(detail, sizeof detail, "%dx%d, TERM=%s", ws.ws_col, ws.ws_row,
		 term);
	doctor_emit(s, "locale", what, DOCTOR_OK, detail, NULL);
}

/* Locale and terminal. */
void doctor_locale(struct doctor_state *s)
{
	check_encoding(s);
	check_messages(s);
	check_terminal(s);
}

/* Run every group of checks; see doctor.h. */
int doctor_run(const struct doctor_opts *o, doctor_cb cb, void *ctx)
{
	static const struct doctor_opts none;
	struct doctor_state s;

	memset(&s, 0, sizeof s);
	s.o = o ? o : &none;
	s.cb = cb;
	s.ctx = ctx;
	doctor_config(&s);
	doctor_database(&s);
	doctor_key(&s);
	doctor_printer(&s);
	doctor_centre(&s);
	doctor_locale(&s);
	store_close(s.ro);
	if (s.conf_loaded)
		conf_free(&s.conf);
	return s.failed;
}
