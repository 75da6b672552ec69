/* centre-main.c - chequedesk-centre, the clearing-centre simulator: its
 * commands (init, branch add, serve, fault, dump) and their options. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centre-http.h"
#include "i18n.h"
#include "sign.h"
#include "tlscert.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

#define MAX_OPTS 12
#define MAX_POS 4

/* One option: --NAME, or --NAME ARG when ARG is set. */
struct opt {
	const char *name;
	const char *arg;
	const char *help;
};

/* A parsed command line. */
struct cmdline {
	const struct opt *opts;
	const char *value[MAX_OPTS];
	const char *pos[MAX_POS];
	int npos;
};

/* One command of the table. */
struct command {
	const char *name;
	const char *usage;
	const char *summary;
	const struct opt *opts;
	int min_pos, max_pos;
	int (*run)(struct cmdline *cl, struct cd_error *err);
};

/* The value of option NAME, or NULL. */
static const char *opt(const struct cmdline *cl, const char *name)
{
	int i;

	for (i = 0; cl->opts[i].name; i++)
		if (strcmp(cl->opts[i].name, name) == 0)
			return cl->value[i];
	return NULL;
}

/* Parse ARGV against the command's options. */
static int parse(const struct command *cmd, int argc, char **argv,
		 struct cmdline *cl, struct cd_error *err)
{
	int i, k, opts_done = 0;

	memset(cl, 0, sizeof *cl);
	cl->opts = cmd->opts;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t n;

		if (opts_done || strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (!opts_done && strcmp(a, "--") == 0) {
				opts_done = 1;
				continue;
			}
			if (cl->npos == cmd->max_pos)
				return cd_err(err, CD_EUSAGE, NULL,
					      _("Unexpected argument \"%s\". "
						"Run 'chequedesk-centre %s "
						"--help' to see how to use "
						"it."),
					      a, cmd->name);
			cl->pos[cl->npos++] = a;
			continue;
		}
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		for (k = 0; cmd->opts[k].name; k++)
			if (strlen(cmd->opts[k].name) == n &&
			    strncmp(cmd->opts[k].name, a + 2, n) == 0)
				break;
		if (cmd->opts[k].name == NULL || (!cmd->opts[k].arg && eq) ||
		    (cmd->opts[k].arg && !eq && i + 1 == argc))
			return cd_err(err, CD_EUSAGE, NULL,
				      _("The option %s is unknown or lacks its "
					"value. Run 'chequedesk-centre %s "
					"--help' to see its options."),
				      a, cmd->name);
		cl->value[k] = !cmd->opts[k].arg ? "" : eq ? eq + 1 : argv[++i];
	}
	return CD_OK;
}

/* The --db value (or CHEQUEDESK_CENTRE_DB); error when neither. */
static const char *db_path(const struct cmdline *cl, struct cd_error *err)
{
	const char *p = opt(cl, "db");

	if (p == NULL || *p == '\0')
		p = getenv("CHEQUEDESK_CENTRE_DB");
	if (p == NULL || *p == '\0')
		cd_err(err, CD_EUSAGE, "db",
		       _("Say which centre database to use with --db PATH "
			 "(or set CHEQUEDESK_CENTRE_DB)."));
	return p && *p ? p : NULL;
}

/* A required option's value; error naming it when missing. */
static const char *need(const struct cmdline *cl, const char *name,
			struct cd_error *err)
{
	const char *v = opt(cl, name);

	if (v == NULL || *v == '\0')
		cd_err(err, CD_EUSAGE, name,
		       _("The option --%s is required. Run the command with "
			 "--help to see its options."),
		       name);
	return v && *v ? v : NULL;
}

/* init: make the database and the centre's key; write the public key. */
static int cmd_init(struct cmdline *cl, struct cd_error *err)
{
	const char *path = db_path(cl, err), *pubfile;
	char *priv = NULL, *pub = NULL;
	EVP_PKEY *key = NULL;
	struct cdb db;
	int rc, had;

	if (path == NULL || (pubfile = need(cl, "public-key", err)) == NULL)
		return err->status;
	if (cdb_open(&db, path, 1, err) != CD_OK)
		return err->status;
	rc = cdb_key_get(&db, &priv, &pub, err);
	had = rc == CD_OK;
	if (rc == CD_ENOTFOUND) {
		key = sign_generate(err);
		priv = key ? sign_private_pem(key, NULL) : NULL;
		pub = key ? sign_public_pem(key) : NULL;
		if (key == NULL)
			rc = err->status;
		else if (priv == NULL || pub == NULL)
			rc = cd_err(
			    err, CD_EFAIL, NULL,
			    _("OpenSSL could not write the centre's key as "
			      "PEM, so no key was stored. Run "
			      "'chequedesk-centre init' again; if it fails "
			      "again, check the OpenSSL installation."));
		else
			rc = cdb_key_put(&db, priv, pub, err);
	}
	if (rc == CD_OK)
		rc = centre_write_file(pubfile, pub, err);
	if (rc == CD_OK)
		printf(had ? _("The centre database %s already had its key; "
			       "its public key is written to %s again.\n")
			   : _("Centre database %s made; its public key is in "
			       "%s (give it to branches as centre_key).\n"),
		       path, pubfile);
	EVP_PKEY_free(key);
	free(priv);
	free(pub);
	cdb_close(&db);
	return rc;
}

/* A branch number: 4 to 12 digits. */
static int branch_ok(const char *b, struct cd_error *err)
{
	size_t n = strlen(b);

	if (n < 4 || n > CODELINE_BANK_MAX || strspn(b, "0123456789") != n)
		return cd_err(err, CD_EINVAL, "branch",
			      _("\"%s\" is not a branch number: give its "
				"exchange number of 4 to 12 digits."),
			      b);
	return CD_OK;
}

/* The --cert file's certificate described into INFO; says what it is. */
static int read_cert(const char *file, struct tlscert_info *info,
		     struct cd_error *err)
{
	char *text;
	size_t len;
	int rc;

	text = centre_read_file(file, _("The branch's certificate file"), &len,
				err);
	if (text == NULL)
		return err->status;
	rc = tlscert_read(text, len, file, info, err);
	free(text);
	return rc;
}

/* Register BRANCH (with PEM when not NULL) and its certificate FP (when
 * not NULL) in one transaction. */
static int register_branch(const char *path, const char *b, const char *name,
			   const char *pem, int replace, const char *fp,
			   struct cd_error *err)
{
	struct cdb db;
	int rc = cdb_open(&db, path, 0, err);

	if (rc != CD_OK)
		return rc;
	rc = cdb_begin(&db, err);
	if (rc == CD_OK && pem)
		rc = cdb_branch_add(&db, b, name, pem, replace, err);
	if (rc == CD_OK && fp)
		rc = cdb_branch_set_cert(&db, b, fp, err);
	if (rc == CD_OK)
		rc = cdb_commit(&db, err);
	else
		cdb_rollback(&db);
	cdb_close(&db);
	return rc;
}

/* Say which certificate now names branch B. */
static void cert_registered(const char *b, const struct tlscert_info *ci)
{
	printf(_("Branch %s connects with the certificate %s (SHA-256 %s), "
		 "valid until %s.\n"),
	       b, ci->subject, ci->fp_text, ci->not_after_text);
	if (ci->cn[0] && strcmp(ci->cn, b) != 0)
		printf(_("Note: the certificate's name (CN=%s) is not the "
			 "branch number; only its fingerprint counts.\n"),
		       ci->cn);
}

/* branch add BRANCH: register a branch's public key and certificate. */
static int cmd_branch_add(struct cmdline *cl, struct cd_error *err)
{
	const char *path = db_path(cl, err), *keyfile, *b = cl->pos[0];
	const char *certfile = opt(cl, "cert");
	struct tlscert_info ci;
	char *text = NULL, *pem = NULL;
	EVP_PKEY *key = NULL;
	size_t len;
	int rc;

	if (path == NULL || (keyfile = need(cl, "key", err)) == NULL ||
	    branch_ok(b, err) != CD_OK)
		return err->status;
	if (certfile && read_cert(certfile, &ci, err) != CD_OK)
		return err->status;
	text = centre_read_file(keyfile, _("The branch key file"), &len, err);
	if (text == NULL)
		return err->status;
	key =
	    sign_public_from_pem(text, len, _("the branch's public key"), err);
	free(text);
	if (key == NULL)
		return err->status;
	pem = sign_public_pem(key);
	EVP_PKEY_free(key);
	if (pem == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	rc = register_branch(path, b, opt(cl, "name"), pem,
			     opt(cl, "replace") != NULL,
			     certfile ? ci.fp_hex : NULL, err);
	if (rc == CD_OK) {
		printf(_("Branch %s is registered.\n"), b);
		if (certfile)
			cert_registered(b, &ci);
		else
			printf(_("It has no certificate yet, so the centre "
				 "refuses its requests: give it one with "
				 "'chequedesk-centre branch cert %s --cert "
				 "FILE'.\n"),
			       b);
	}
	free(pem);
	return rc;
}

/* branch cert BRANCH: give a registered branch a (new) certificate. */
static int cmd_branch_cert(struct cmdline *cl, struct cd_error *err)
{
	const char *path = db_path(cl, err), *certfile, *b = cl->pos[0];
	struct tlscert_info ci;
	int rc;

	if (path == NULL || (certfile = need(cl, "cert", err)) == NULL ||
	    branch_ok(b, err) != CD_OK ||
	    read_cert(certfile, &ci, err) != CD_OK)
		return err->status;
	rc = register_branch(path, b, NULL, NULL, 0, ci.fp_hex, err);
	if (rc == CD_OK)
		cert_registered(b, &ci);
	return rc;
}

/* A whole number option within MIN..MAX (DEF when absent), or -1. */
static long number(const struct cmdline *cl, const char *name, long def,
		   long min, long max, struct cd_error *err)
{
	const char *v = opt(cl, name);
	char *end;
	long n;

	if (v == NULL)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno || n < min || n > max) {
		cd_err(err, CD_EUSAGE, name,
		       _("--%s wants a whole number from %ld to %ld, not "
			 "\"%s\"."),
		       name, min, max, v);
		return -1;
	}
	return n;
}

/* fault add KIND [ARG]: make the centre misbehave on purpose. */
static int cmd_fault_add(struct cmdline *cl, struct cd_error *err)
{
	const char *path = db_path(cl, err), *argname;
	struct fault f;
	struct cdb db;
	long arg = 0, times;
	int rc;

	if (path == NULL)
		return err->status;
	memset(&f, 0, sizeof f);
	f.kind = fault_kind_parse(cl->pos[0]);
	if (f.kind == FAULT_NONE)
		return cd_err(err, CD_EUSAGE, "kind",
			      _("\"%s\" is not a fault. Faults are: %s."),
			      cl->pos[0], fault_kinds());
	argname = fault_arg_name(f.kind);
	if (argname && cl->npos < 2)
		return cd_err(err, CD_EUSAGE, "arg",
			      _("The fault %s needs a number of %s after "
				"it."),
			      cl->pos[0], argname);
	if (!argname && cl->npos > 1)
		return cd_err(err, CD_EUSAGE, "arg",
			      _("The fault %s takes no argument; remove "
				"\"%s\"."),
			      cl->pos[0], cl->pos[1]);
	if (argname) {
		char *end;

		errno = 0;
		arg = strtol(cl->pos[1], &end, 10);
		if (*cl->pos[1] == '\0' || *end || errno || arg < 0 ||
		    arg > 1000000000L)
			return cd_err(err, CD_EUSAGE, "arg",
				      _("\"%s\" is not a number of %s."),
				      cl->pos[1], argname);
	}
	f.arg = arg;
	snprintf(f.endpoint, sizeof f.endpoint, "%s",
		 opt(cl, "on") ? opt(cl, "on") : "any");
	if (!fault_endpoint_ok(f.endpoint))
		return cd_err(err, CD_EUSAGE, "on",
			      _("\"%s\" is not an endpoint. Give --on one of: "
				"%s."),
			      f.endpoint, fault_endpoints());
	times = number(cl, "times", 1, 1, 1000000, err);
	if (times < 0)
		return err->status;
	f.times = times;
	rc = cdb_open(&db, path, 0, err);
	if (rc == CD_OK) {
		rc = fault_add(&db, &f, err);
		cdb_close(&db);
	}
	return rc;
}

/* fault clear / fault list. */
static int cmd_fault_other(struct cmdline *cl, struct cd_error *err, int clear)
{
	const char *path = db_path(cl, err);
	struct cdb db;
	int rc;

	if (path == NULL || cdb_open(&db, path, 0, err) != CD_OK)
		return err->status;
	rc = clear ? fault_clear(&db, err) : fault_list(&db, err);
	cdb_close(&db);
	return rc;
}

/* fault clear. */
static int cmd_fault_clear(struct cmdline *cl, struct cd_error *err)
{
	return cmd_fault_other(cl, err, 1);
}

/* fault list. */
static int cmd_fault_list(struct cmdline *cl, struct cd_error *err)
{
	return cmd_fault_other(cl, err, 0);
}

/* dump: everything held, as JSON. */
static int cmd_dump(struct cmdline *cl, struct cd_error *err)
{
	const char *path = db_path(cl, err);
	struct cdb db;
	cJSON *d;
	char *s;

	if (path == NULL || cdb_open(&db, path, 0, err) != CD_OK)
		return err->status;
	d = cdb_dump(&db, err);
	cdb_close(&db);
	if (d == NULL)
		return err->status;
	s = cJSON_Print(d);
	if (s)
		printf("%s\n", s);
	free(s);
	cJSON_Delete(d);
	return CD_OK;
}

/* serve: run the centre until SIGTERM or SIGINT. */
static int cmd_serve(struct cmdline *cl, struct cd_error *err)
{
	struct serve_options o;
	const char *path = db_path(cl, err);
	long port;

	memset(&o, 0, sizeof o);
	if (path == NULL || (o.cert = need(cl, "cert", err)) == NULL ||
	    (o.cert_key = need(cl, "cert-key", err)) == NULL)
		return err->status;
	port = number(cl, "port", 8443, 0, 65535, err);
	if (port < 0)
		return err->status;
	o.db = path;
	o.port = (int)port;
	o.listen = opt(cl, "listen") ? opt(cl, "listen") : "127.0.0.1";
	o.port_file = opt(cl, "port-file");
	o.rules = opt(cl, "rules");
	o.banks = opt(cl, "banks");
	return centre_serve(&o, err);
}

static const struct opt db_only[] = {
    {.name = "db", .arg = N_("PATH"), .help = N_("the centre database")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};
static const struct opt init_opts[] = {
    {.name = "db",
     .arg = N_("PATH"),
     .help = N_("the centre database to make")},
    {.name = "public-key",
     .arg = N_("FILE"),
     .help = N_("write the centre's public key to FILE")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};
static const struct opt branch_opts[] = {
    {.name = "db", .arg = N_("PATH"), .help = N_("the centre database")},
    {.name = "key",
     .arg = N_("FILE"),
     .help = N_("the branch's SM2 public key (PEM)")},
    {.name = "name", .arg = N_("NAME"), .help = N_("the branch's name")},
    {.name = "cert",
     .arg = N_("FILE"),
     .help =
	 N_("the branch's transport certificate (PEM), which its connections "
	    "must present")},
    {.name = "replace",
     .arg = NULL,
     .help = N_("give an already registered branch this key")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};
static const struct opt branch_cert_opts[] = {
    {.name = "db", .arg = N_("PATH"), .help = N_("the centre database")},
    {.name = "cert",
     .arg = N_("FILE"),
     .help = N_("the branch's new transport certificate (PEM); the old one is "
		"refused from now on")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};
static const struct opt serve_opts[] = {
    {.name = "db", .arg = N_("PATH"), .help = N_("the centre database")},
    {.name = "cert",
     .arg = N_("FILE"),
     .help = N_("the server certificate (PEM)")},
    {.name = "cert-key",
     .arg = N_("FILE"),
     .help = N_("its private key (PEM, unencrypted)")},
    {.name = "listen",
     .arg = N_("ADDRESS"),
     .help = N_("listen on ADDRESS (default 127.0.0.1)")},
    {.name = "port",
     .arg = N_("PORT"),
     .help = N_("listen on PORT (default 8443; 0: any free)")},
    {.name = "port-file",
     .arg = N_("FILE"),
     .help = N_("write the port to FILE once listening")},
    {.name = "rules",
     .arg = N_("FILE"),
     .help = N_("decide items by the rules in FILE")},
    {.name = "banks",
     .arg = N_("FILE"),
     .help = N_("the bank list for 'reject unknown-banks'")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};
static const struct opt fault_opts[] = {
    {.name = "db", .arg = N_("PATH"), .help = N_("the centre database")},
    {.name = "on",
     .arg = N_("ENDPOINT"),
     .help = N_("upload, batch, batches, file, notices, ack, health or any "
		"(default)")},
    {.name = "times",
     .arg = N_("N"),
     .help = N_("fire on the next N requests (default 1)")},
    {.name = "help", .arg = NULL, .help = N_("show this help and exit")},
    {0},
};

static const struct command commands[] = {
    {.name = "init",
     .usage = "--db PATH --public-key FILE",
     .summary = N_("Make the centre database and the centre's SM2 key."),
     .opts = init_opts,
     .min_pos = 0,
     .max_pos = 0,
     .run = cmd_init},
    {.name = "branch add",
     .usage = "BRANCH --db PATH --key FILE --cert FILE [--name NAME]",
     .summary = N_("Register a branch, its public key and its certificate."),
     .opts = branch_opts,
     .min_pos = 1,
     .max_pos = 1,
     .run = cmd_branch_add},
    {.name = "branch cert",
     .usage = "BRANCH --db PATH --cert FILE",
     .summary = N_("Give a branch a new transport certificate."),
     .opts = branch_cert_opts,
     .min_pos = 1,
     .max_pos = 1,
     .run = cmd_branch_cert},
    {.name = "serve",
     .usage = "--db PATH --cert FILE --cert-key FILE [OPTION]...",
     .summary = N_("Serve the clearing-centre protocol over HTTPS."),
     .opts = serve_opts,
     .min_pos = 0,
     .max_pos = 0,
     .run = cmd_serve},
    {.name = "fault add",
     .usage = "KIND [ARG] --db PATH [--on ENDPOINT] [--times N]",
     .summary = N_("Make the next requests fail on purpose."),
     .opts = fault_opts,
     .min_pos = 1,
     .max_pos = 2,
     .run = cmd_fault_add},
    {.name = "fault clear",
     .usage = "--db PATH",
     .summary = N_("Remove every fault."),
     .opts = db_only,
     .min_pos = 0,
     .max_pos = 0,
     .run = cmd_fault_clear},
    {.name = "fault list",
     .usage = "--db PATH",
     .summary = N_("Show the faults waiting."),
     .opts = db_only,
     .min_pos = 0,
     .max_pos = 0,
     .run = cmd_fault_list},
    {.name = "dump",
     .usage = "--db PATH",
     .summary = N_("Print the batches, items and notices held, as JSON."),
     .opts = db_only,
     .min_pos = 0,
     .max_pos = 0,
     .run = cmd_dump},
    {0},
};

/* --help for one command. */
static void command_help(const struct command *cmd)
{
	const struct opt *o;
	char left[64];

	printf(_("Usage: chequedesk-centre %s %s\n"), cmd->name, cmd->usage);
	printf("%s\n\n%s\n", _(cmd->summary), _("Options:"));
	for (o = cmd->opts; o->name; o++) {
		snprintf(left, sizeof left, "--%s%s%s", o->name,
			 o->arg ? " " : "", o->arg ? _(o->arg) : "");
		printf("  %-22s %s\n", left, _(o->help));
	}
}

/* --help for the program. */
static void program_help(void)
{
	const struct command *cmd;

	printf(_("Usage: chequedesk-centre COMMAND [OPTION]...\n"));
	printf("%s\n\n%s\n",
	       _("A simulated same-city clearing centre for chequedesk "
		 "(training, demonstrations, tests)."),
	       _("Commands:"));
	for (cmd = commands; cmd->name; cmd++)
		printf("  %-12s %s\n", cmd->name, _(cmd->summary));
	printf("\n%s\n", _("Run 'chequedesk-centre COMMAND --help' for a "
			   "command's options."));
	printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* The command named by the first one or two words of ARGV. */
static const struct command *find_command(int argc, char **argv, int *used)
{
	const struct command *cmd;
	char two[64];

	if (argc >= 2) {
		snprintf(two, sizeof two, "%s %s", argv[0], argv[1]);
		for (cmd = commands; cmd->name; cmd++)
			if (strcmp(cmd->name, two) == 0) {
				*used = 2;
				return cmd;
			}
	}
	for (cmd = commands; cmd->name; cmd++)
		if (strcmp(cmd->name, argv[0]) == 0) {
			*used = 1;
			return cmd;
		}
	return NULL;
}

/* Run one command line. */
int main(int argc, char **argv)
{
	const struct command *cmd;
	const char *dir = getenv("CHEQUEDESK_LOCALEDIR");
	struct cmdline cl;
	struct cd_error err;
	int used = 0, rc;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	textdomain(PACKAGE);
	cd_err_clear(&err);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		program_help();
		return argc < 2 ? CD_EUSAGE : CD_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("chequedesk-centre %s\n", PACKAGE_VERSION);
		return CD_OK;
	}
	cmd = find_command(argc - 1, argv + 1, &used);
	if (cmd == NULL) {
		fprintf(stderr,
			_("chequedesk-centre: \"%s\" is not a command. Run "
			  "'chequedesk-centre --help' to see the commands.\n"),
			argv[1]);
		return CD_EUSAGE;
	}
	rc = parse(cmd, argc - 1 - used, argv + 1 + used, &cl, &err);
	if (rc == CD_OK && opt(&cl, "help")) {
		command_help(cmd);
		return CD_OK;
	}
	if (rc == CD_OK && cl.npos < cmd->min_pos)
		rc = cd_err(&err, CD_EUSAGE, NULL,
			    _("'chequedesk-centre %s' needs %s. Run it with "
			      "--help to see how to use it."),
			    cmd->name, cmd->usage);
	if (rc == CD_OK)
		rc = cmd->run(&cl, &err);
	if (rc != CD_OK)
		fprintf(stderr, "chequedesk-centre: %s\n",
			err.msg[0] ? err.msg
				   : _("The command failed for an unknown "
				       "reason."));
	return rc;
}
