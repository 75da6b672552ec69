/* conf.c - reading chequedesk.conf and working out the default paths. */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "i18n.h"
#include "outfile.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/share/chequedesk"
#endif

/* Join A, B and C into a new string. */
static char *join3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

/* $VAR/SUFFIX when VAR is set and absolute, else $HOME/FALLBACK/SUFFIX. */
static char *xdg_path(const char *var, const char *fallback, const char *suffix)
{
	const char *base = getenv(var), *home = getenv("HOME");
	char *dir, *path;

	if (base != NULL && base[0] == '/')
		return join3(base, "/", suffix);
	dir = join3(home ? home : ".", "/", fallback);
	if (dir == NULL)
		return NULL;
	path = join3(dir, "/", suffix);
	free(dir);
	return path;
}

/* Strip leading and trailing blanks in place. */
static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* The settings that are whole numbers, with their ranges. */
static const struct int_setting {
	const char *key;
	size_t offset;
	long min, max;
	const char *unit; /* N_() */
} int_settings[] = {
    {"print_timeout", offsetof(struct conf, print_timeout), 5, 3600,
     N_("seconds")},
    {"duplicate_window_days", offsetof(struct conf, dup_window_days), 1, 3660,
     N_("days")},
    {"centre_timeout", offsetof(struct conf, centre_timeout), 1, 3600,
     N_("seconds")},
    {"centre_retries", offsetof(struct conf, centre_retries), 0, 20,
     N_("retries")},
    {"poll_interval", offsetof(struct conf, poll_interval), 1, 86400,
     N_("seconds")},
    {"password_min_length", offsetof(struct conf, pw_rules.min_length), 6, 64,
     N_("characters")},
    {"password_classes", offsetof(struct conf, pw_rules.min_classes), 1, 3,
     N_("kinds of characters")},
    {"password_max_age_days", offsetof(struct conf, pw_rules.max_age_days), 0,
     3650, N_("days")},
    {"lockout_attempts", offsetof(struct conf, pw_rules.max_failures), 1, 20,
     N_("attempts")},
    {"idle_lock_seconds", offsetof(struct conf, idle_lock_seconds), 0, 86400,
     N_("seconds")},
};

static const char *const dual_names[DUAL_COUNT] = {
    "close", "void", "reprint", "duplicate", "directory",
};

/* The four_eyes word for an action under dual control. */
const char *conf_dual_name(enum dual_action a)
{
	return dual_names[a];
}

/* Parse four_eyes: "all", "none", or words from dual_names separated by
 * blanks or commas. */
static int parse_four_eyes(struct conf *c, const char *value, int line,
			   struct cd_error *err)
{
	char buf[256], *w, *save = NULL;
	int i;

	c->four_eyes = 0;
	snprintf(buf, sizeof buf, "%s", value);
	for (w = strtok_r(buf, " ,", &save); w;
	     w = strtok_r(NULL, " ,", &save)) {
		if (strcmp(w, "all") == 0) {
			c->four_eyes = (1u << DUAL_COUNT) - 1;
			continue;
		}
		if (strcmp(w, "none") == 0)
			continue;
		for (i = 0; i < DUAL_COUNT; i++)
			if (strcmp(w, dual_names[i]) == 0)
				break;
		if (i == DUAL_COUNT)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("%s, line %d: four_eyes lists the "
					"actions a supervisor may not "
					"authorise alone: all, none, or some "
					"of close, void, reprint, duplicate, "
					"directory; \"%s\" is not one."),
				      c->config_path, line, w);
		c->four_eyes |= 1u << i;
	}
	return CD_OK;
}

/* The settings that name files; relative paths are taken from the
 * configuration file's folder. */
static const struct path_setting {
	const char *key;
	size_t offset, size;
} path_settings[] = {
    {"centre_ca", offsetof(struct conf, centre_ca),
     sizeof(((struct conf *)0)->centre_ca)},
    {"centre_key", offsetof(struct conf, centre_key),
     sizeof(((struct conf *)0)->centre_key)},
    {"branch_key", offsetof(struct conf, branch_key),
     sizeof(((struct conf *)0)->branch_key)},
    {"transport_cert", offsetof(struct conf, transport_cert),
     sizeof(((struct conf *)0)->transport_cert)},
    {"transport_key", offsetof(struct conf, transport_key),
     sizeof(((struct conf *)0)->transport_key)},
};

/* Store a file name setting, made absolute against the config's folder. */
static int set_path(struct conf *c, const char *value, char *dst, size_t size,
		    int line, const char *key, struct cd_error *err)
{
	const char *slash = strrchr(c->config_path, '/');
	int n;

	if (value[0] == '/' || slash == NULL)
		n = snprintf(dst, size, "%s", value);
	else
		n = snprintf(dst, size, "%.*s/%s",
			     (int)(slash - c->config_path), c->config_path,
			     value);
	if (n < 0 || (size_t)n >= size)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s, line %d: the file name for %s is too long. Give a "
		      "shorter path (move the file if needed)."),
		    c->config_path, line, key);
	return CD_OK;
}

/* Apply one KEY = VALUE setting; LINE for messages. */
static int conf_set(struct conf *c, const char *key, const char *value,
		    int line, struct cd_error *err)
{
	static const char *const micr_keys[E13B_NSYMBOLS] = {
	    "micr.transit", "micr.amount", "micr.on_us", "micr.dash"};
	struct cd_error sub;
	char *end;
	long n;
	int i;

	cd_err_clear(&sub);
	if (strcmp(key, "database") == 0) {
		if (c->db_path == NULL && (c->db_path = strdup(value)) == NULL)
			return cd_err(
			    err, CD_EFAIL, NULL,
			    _("Out of memory. Close other programs or restart "
			      "chequedesk, then try again; if it happens "
			      "again, report it to branch IT."));
		return CD_OK;
	}
	if (strcmp(key, "signin_note") == 0) {
		snprintf(c->signin_note, sizeof c->signin_note, "%s", value);
		return CD_OK;
	}
	if (strcmp(key, "printer") == 0) {
		snprintf(c->printer, sizeof c->printer, "%s", value);
		return CD_OK;
	}
	if (strcmp(key, "printer_profile") == 0) {
		snprintf(c->printer_profile, sizeof c->printer_profile, "%s",
			 value);
		return CD_OK;
	}
	if (strcmp(key, "report_queue") == 0) {
		snprintf(c->report_queue, sizeof c->report_queue, "%s", value);
		return CD_OK;
	}
	if (strcmp(key, "four_eyes") == 0)
		return parse_four_eyes(c, value, line, err);
	if (strcmp(key, "sessions") == 0) {
		if (calendar_parse_sessions(&c->cal, value, &sub) != CD_OK)
			goto bad;
		return CD_OK;
	}
	if (strcmp(key, "holidays") == 0) {
		if (calendar_parse_holidays(&c->cal, value, &sub) != CD_OK)
			goto bad;
		return CD_OK;
	}
	for (i = 0; i < (int)(sizeof int_settings / sizeof int_settings[0]);
	     i++) {
		const struct int_setting *is = &int_settings[i];

		if (strcmp(key, is->key) != 0)
			continue;
		errno = 0;
		n = strtol(value, &end, 10);
		if (errno != 0 || *end != '\0' || n < is->min || n > is->max)
			return cd_err(err, CD_ECONFIG, NULL,
				      /* TRANSLATORS: e.g. "print_timeout must
				       * be a number of seconds from 5 to
				       * 3600"; %4$s is the unit below. */
				      _("%1$s, line %2$d: %3$s must be a "
					"number of %4$s from %5$ld to %6$ld, "
					"not \"%7$s\"."),
				      c->config_path, line, key, _(is->unit),
				      is->min, is->max, value);
		*(int *)((char *)c + is->offset) = (int)n;
		return CD_OK;
	}
	for (i = 0; i < (int)(sizeof path_settings / sizeof path_settings[0]);
	     i++) {
		if (strcmp(key, path_settings[i].key) == 0)
			return set_path(c, value,
					(char *)c + path_settings[i].offset,
					path_settings[i].size, line, key, err);
	}
	if (strcmp(key, "centre_url") == 0) {
		if (strncmp(value, "https://", 8) != 0 ||
		    strlen(value) >= sizeof c->centre_url)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("%s, line %d: centre_url must be an "
					"https:// address (chequedesk talks to "
					"the centre only over verified TLS), "
					"not \"%s\"."),
				      c->config_path, line, value);
		snprintf(c->centre_url, sizeof c->centre_url, "%s", value);
		/* no trailing slash: paths are appended */
		n = (long)strlen(c->centre_url);
		while (n > 8 && c->centre_url[n - 1] == '/')
			c->centre_url[--n] = '\0';
		return CD_OK;
	}
	for (i = 0; i < E13B_NSYMBOLS; i++) {
		if (strcmp(key, micr_keys[i]) == 0) {
			/* Applied after the whole file is read, so that two
			 * symbols can swap their characters. */
			snprintf(c->micr_pending[i], sizeof c->micr_pending[i],
				 "%s", value);
			c->micr_line[i] = line;
			return CD_OK;
		}
	}
	return cd_err(err, CD_ECONFIG, NULL,
		      _("%s, line %d: unknown setting \"%s\". See "
			"chequedesk(1) for the settings chequedesk knows."),
		      c->config_path, line, key);
bad:
	return cd_err(err, CD_ECONFIG, NULL, _("%s, line %d: %s"),
		      c->config_path, line, sub.msg);
}

/* Apply the micr.* settings: clear every configured symbol first, then set
 * each, so a character may move from one symbol to another. */
static int conf_apply_micr(struct conf *c, struct cd_error *err)
{
	struct cd_error sub;
	int i;

	for (i = 0; i < E13B_NSYMBOLS; i++)
		if (c->micr_line[i])
			c->micr.sym[i][0] = '\0';
	for (i = 0; i < E13B_NSYMBOLS; i++) {
		if (!c->micr_line[i])
			continue;
		if (micr_map_set(&c->micr, i, c->micr_pending[i], &sub) !=
		    CD_OK)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("%s, line %d: %s"), c->config_path,
				      c->micr_line[i], sub.msg);
	}
	return CD_OK;
}

/* Read the configuration file line by line. */
static int conf_read(struct conf *c, FILE *fp, struct cd_error *err)
{
	char buf[1024], *line, *eq;
	int lineno = 0;

	while (fgets(buf, sizeof buf, fp) != NULL) {
		lineno++;
		if (strchr(buf, '\n') == NULL && !feof(fp))
			return cd_err(err, CD_ECONFIG, NULL,
				      _("%s, line %d: the line is too long (at "
					"most %d characters). Shorten it."),
				      c->config_path, lineno,
				      (int)sizeof buf - 2);
		line = trim(buf);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL)
			return cd_err(err, CD_ECONFIG, NULL,
				      _("%s, line %d: expected \"setting = "
					"value\", found \"%s\"."),
				      c->config_path, lineno, line);
		*eq = '\0';
		if (conf_set(c, trim(line), trim(eq + 1), lineno, err) != CD_OK)
			return err->status;
	}
	return conf_apply_micr(c, err);
}

/* Load the configuration and resolve paths. */
int conf_load(struct conf *c, const char *config_opt, const char *db_opt,
	      struct cd_error *err)
{
	const char *env;
	int asked = 0, rc = CD_OK;
	FILE *fp;

	memset(c, 0, sizeof *c);
	calendar_default(&c->cal);
	micr_map_default(&c->micr);
	c->dup_window_days = 180;
	c->print_timeout = 120;
	c->centre_timeout = 120;
	c->pw_rules.min_length = 8;
	c->pw_rules.min_classes = 2;
	c->pw_rules.max_age_days = 90;
	c->pw_rules.max_failures = 5;
	c->idle_lock_seconds = 300;
	c->four_eyes = 0;
	c->centre_retries = 5;
	c->poll_interval = 30;

	if (db_opt == NULL)
		db_opt = getenv("CHEQUEDESK_DB");
	if (db_opt != NULL && *db_opt != '\0' &&
	    (c->db_path = strdup(db_opt)) == NULL)
		goto oom;
	if (config_opt == NULL)
		config_opt = getenv("CHEQUEDESK_CONFIG");
	if (config_opt != NULL && *config_opt != '\0') {
		asked = 1;
		c->config_path = strdup(config_opt);
	} else {
		c->config_path = xdg_path("XDG_CONFIG_HOME", ".config",
					  "chequedesk/chequedesk.conf");
	}
	if (c->config_path == NULL)
		goto oom;
	env = getenv("CHEQUEDESK_DATADIR");
	c->datadir = strdup(env && *env ? env : PKGDATADIR);
	if (c->datadir == NULL)
		goto oom;

	fp = fopen(c->config_path, "r");
	if (fp != NULL) {
		c->config_found = 1;
		rc = conf_read(c, fp, err);
		fclose(fp);
		if (rc != CD_OK)
			return rc;
	} else if (asked || errno != ENOENT) {
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot read the configuration file %s (%s). "
				"Check the path given with --config or "
				"CHEQUEDESK_CONFIG."),
			      c->config_path, strerror(errno));
	}
	if (c->db_path == NULL)
		c->db_path = xdg_path("XDG_DATA_HOME", ".local/share",
				      "chequedesk/chequedesk.db");
	if (c->db_path == NULL)
		goto oom;
	return CD_OK;
oom:
	return cd_err(
	    err, CD_EFAIL, NULL,
	    _("Out of memory. Close other programs or restart chequedesk, then "
	      "try again; if it happens again, report it to branch IT."));
}

/* Release what conf_load allocated. */
void conf_free(struct conf *c)
{
	free(c->config_path);
	free(c->db_path);
	free(c->datadir);
	memset(c, 0, sizeof *c);
}

/* The path of a bundled data file. */
/* Whether LINE sets KEY. */
static int sets_key(const char *line, const char *key)
{
	size_t n = strlen(key);

	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, key, n) != 0)
		return 0;
	line += n;
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '=';
}

/* mkdir -p the configuration file's folder, private to the user. */
int conf_make_dir(const struct conf *c, struct cd_error *err)
{
	const char *slash = strrchr(c->config_path, '/');
	char *dir, *s;
	struct stat st;
	int e = 0;

	if (slash == NULL || slash == c->config_path)
		return CD_OK;
	dir = strndup(c->config_path, (size_t)(slash - c->config_path));
	if (dir == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	for (s = dir + 1;; s++) {
		s = strchr(s, '/');
		if (s != NULL)
			*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			e = errno;
		if (s == NULL)
			break;
		*s = '/';
	}
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(dir);
		return CD_OK;
	}
	cd_err(err, CD_ECONFIG, NULL,
	       _("Cannot create the configuration folder %s (%s). Nothing was "
		 "changed; check that you may write to the folder above it, "
		 "or give another configuration file with --config or "
		 "CHEQUEDESK_CONFIG."),
	       dir, strerror(e ? e : ENOTDIR));
	free(dir);
	return err->status;
}

int conf_write_setting(const struct conf *c, const char *key, const char *value,
		       struct cd_error *err)
{
	struct outfile out;
	char buf[1024];
	int done = 0, e;
	FILE *in;

	if (conf_make_dir(c, err) != CD_OK)
		return err->status;
	e = outfile_open(&out, c->config_path, 0600, 1);
	if (e != 0) {
		if (outfile_refused(c->config_path, e, NULL, err) != CD_OK)
			return err->status;
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot write the configuration file %s (%s). "
				"Check that you may write to its folder."),
			      c->config_path, strerror(e));
	}
	in = fopen(c->config_path, "r");
	errno = 0;
	while (in && fgets(buf, sizeof buf, in) != NULL) {
		if (!sets_key(buf, key)) {
			fputs(buf, out.fp);
			if (strchr(buf, '\n') == NULL)
				fputc('\n', out.fp);
			continue;
		}
		if (!done)
			fprintf(out.fp, "%s = %s\n", key, value);
		done = 1;
	}
	/* a file read only in part would lose the rest */
	e = in && ferror(in) ? (errno ? errno : EIO) : 0;
	if (in)
		fclose(in);
	if (!done)
		fprintf(out.fp, "%s = %s\n", key, value);
	if (e != 0)
		outfile_abort(&out);
	else
		e = outfile_commit(&out);
	if (e != 0)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("Cannot write the configuration file %s (%s). "
				"Nothing was changed; check that you may write "
				"to its folder and that the disk has room, then "
				"try again."),
			      c->config_path, strerror(e));
	return CD_OK;
}

char **conf_profile_dirs(const struct conf *c)
{
	char **dirs = calloc(3, sizeof *dirs);
	const char *slash = strrchr(c->config_path, '/');
	char *confdir;

	if (dirs == NULL)
		return NULL;
	confdir = slash ? strndup(c->config_path, slash - c->config_path)
			: strdup(".");
	if (confdir != NULL) {
		dirs[0] = join3(confdir, "/", "printers");
		free(confdir);
	}
	dirs[dirs[0] ? 1 : 0] = conf_data_file(c, "printers");
	return dirs;
}

void conf_free_dirs(char **dirs)
{
	int i;

	for (i = 0; dirs && dirs[i]; i++)
		free(dirs[i]);
	free(dirs);
}

char *conf_data_file(const struct conf *c, const char *name)
{
	return join3(c->datadir, "/", name);
}
