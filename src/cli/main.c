/* main.c - chequedesk's entry point: locale, global options, and dispatch to
 * the command table. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "passwd.h"
#include "prompt.h"
#include "text.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"
#endif

const struct cmd_entry *const cmd_table[] = {
    &cmd_init_entry,
    &cmd_user_add_entry,
    &cmd_user_list_entry,
    &cmd_user_reset_entry,
    &cmd_user_unlock_entry,
    &cmd_user_signout_entry,
    &cmd_passwd_entry,
    &cmd_cheque_add_entry,
    &cmd_cheque_list_entry,
    &cmd_cheque_show_entry,
    &cmd_item_void_entry,
    &cmd_bag_add_entry,
    &cmd_bag_list_entry,
    &cmd_bag_show_entry,
    &cmd_bill_types_entry,
    &cmd_bank_list_entry,
    &cmd_bank_import_entry,
    &cmd_print_cheque_entry,
    &cmd_print_bag_entry,
    &cmd_printers_entry,
    &cmd_printer_use_entry,
    &cmd_key_new_entry,
    &cmd_key_show_entry,
    &cmd_key_export_entry,
    &cmd_key_import_entry,
    &cmd_key_passwd_entry,
    &cmd_key_backup_entry,
    &cmd_key_transport_new_entry,
    &cmd_key_transport_show_entry,
    &cmd_key_transport_export_entry,
    &cmd_batch_close_entry,
    &cmd_batch_upload_entry,
    &cmd_batch_list_entry,
    &cmd_batch_show_entry,
    &cmd_poll_entry,
    &cmd_resync_entry,
    &cmd_session_entry,
    &cmd_doctor_entry,
    &cmd_audit_list_entry,
    &cmd_audit_verify_entry,
    &cmd_tui_entry,
    &cmd_report_day_entry,
    NULL,
};

/* Set up gettext; CHEQUEDESK_LOCALEDIR overrides the installed catalogs. */
static void init_i18n(void)
{
	const char *dir = getenv("CHEQUEDESK_LOCALEDIR");

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	textdomain(PACKAGE);
}

/* --version, in the GNU style. */
static void print_version(void)
{
	printf("chequedesk %s\n", PACKAGE_VERSION);
	if (clock_is_test())
		/* TRANSLATORS: said by --version of a build for the tests. */
		printf("%s\n", _("Built for tests: the time comes from "
				 "CHEQUEDESK_NOW when it is set. Not for use "
				 "at a branch."));
	printf("Copyright (C) 2026 %s\n", _("The chequedesk authors."));
	printf(_("License GPLv3+: GNU GPL version 3 or later "
		 "<https://gnu.org/licenses/gpl.html>.\n"
		 "This is free software: you are free to change and "
		 "redistribute it.\n"
		 "There is NO WARRANTY, to the extent permitted by law.\n"));
}

/* --help for the whole program. */
static void print_help(void)
{
	const struct cmd_entry *const *c;
	char left[64];

	printf(_("Usage: chequedesk [OPTION]... COMMAND [OPTION]...\n"));
	printf(_("Register cheques and bags of bills for same-city clearing at "
		 "a bank branch.\n"));
	printf("\n%s\n", _("Commands:"));
	for (c = cmd_table; *c; c++) {
		snprintf(left, sizeof left, "%s", (*c)->name);
		printf("  ");
		out_cell(stdout, left, 20, 0);
		printf(" %s\n", _((*c)->summary));
	}
	printf("\n%s\n", _("Options for every command (before or after "
			   "it):"));
	args_print_help(args_common);
	printf("  ");
	out_cell(stdout, "--version", 24, 0);
	printf(" %s\n", _("show the version and exit"));
	printf("\n%s\n", _("Run 'chequedesk COMMAND --help' for a command's "
			   "options."));
	printf("%s\n", _("Exit status: 0 done; 1 internal error; 2 wrong "
			 "usage; 3 invalid input; 4 not permitted or wrong "
			 "password; 5 duplicate or conflict; 6 not found; 7 "
			 "database error; 8 configuration error; 9 the "
			 "clearing centre cannot be reached or its answer "
			 "was refused."));
	printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* --help for one command. */
static void print_cmd_help(const struct cmd_entry *c)
{
	printf(_("Usage: chequedesk %s %s\n"), c->name, _(c->usage));
	printf("%s\n", _(c->summary));
	if (c->options && c->options->name) {
		printf("\n%s\n", _("Options:"));
		args_print_help(c->options);
	}
	printf("\n%s\n", _("Common options:"));
	args_print_help(args_common);
}

/* Find the command named by the first one, two or three words of ARGV. */
static const struct cmd_entry *find_cmd(int argc, char **argv, int *used)
{
	const struct cmd_entry *const *c;
	char two[64];

	if (argc >= 3) {
		snprintf(two, sizeof two, "%s %s %s", argv[0], argv[1],
			 argv[2]);
		for (c = cmd_table; *c; c++)
			if (strcmp((*c)->name, two) == 0) {
				*used = 3;
				return *c;
			}
	}
	if (argc >= 2) {
		snprintf(two, sizeof two, "%s %s", argv[0], argv[1]);
		for (c = cmd_table; *c; c++)
			if (strcmp((*c)->name, two) == 0) {
				*used = 2;
				return *c;
			}
	}
	for (c = cmd_table; *c; c++)
		if (strcmp((*c)->name, argv[0]) == 0) {
			*used = 1;
			return *c;
		}
	return NULL;
}

/* A command's name as an audit verb: "batch close" -> "batch.close". */
static const char *audit_verb(const char *name, char *buf, size_t len)
{
	char *p;

	snprintf(buf, len, "%s", name);
	for (p = buf; *p; p++)
		if (*p == ' ')
			*p = '.';
	return buf;
}

/* Refuse work until the signed-in user has changed their password. */
static int password_due(struct desk *d, struct cd_error *err)
{
	desk_audit_alone(d, d->user.id, "refused", "password-due", NULL);
	if (desk_password_due(d) == 2)
		return cd_err(err, CD_EPERM, "password",
			      _("Your password has expired (passwords last %d "
				"days here). Choose a new one first: "
				"chequedesk passwd --user %s"),
			      d->conf.pw_rules.max_age_days, d->user.id);
	return cd_err(err, CD_EPERM, "password",
		      _("Your password was set by someone else and must be "
			"changed before you can work. Choose your own first: "
			"chequedesk passwd --user %s"),
		      d->user.id);
}

/* Take --authorize-by ID and the supervisor's password for dual control;
 * it is checked only when the command does something that needs it. */
static int offered_authoriser(struct args *a, struct desk *d,
			      struct cd_error *err)
{
	const char *by = args_get(a, "authorize-by");
	char prompt[128];

	if (by == NULL)
		return CD_OK;
	if (desk_check_user_id(by, err) != CD_OK)
		return err->status;
	snprintf(d->auth.id, sizeof d->auth.id, "%s", by);
	snprintf(prompt, sizeof prompt,
		 _("Password of supervisor %s (authorising): "), by);
	if (passwd_read("CHEQUEDESK_AUTH_PASSWORD", prompt, d->auth.password,
			sizeof d->auth.password, err) != CD_OK)
		return err->status;
	d->auth.given = 1;
	return CD_OK;
}

/* Sign in the user --user (or CHEQUEDESK_USER) names on the open desk D
 * and check permission P for VERB; PWDUE lets a password that must change
 * through. */
int cmd_signin(struct args *a, struct desk *d, enum perm p, const char *verb,
	       int pwdue, struct cd_error *err)
{
	const char *user = args_get(a, "user");
	char pw[PASSWD_MAX], prompt[96], shown[64];
	int rc;

	if (user == NULL)
		user = getenv("CHEQUEDESK_USER");
	if (user == NULL || *user == '\0')
		return cd_err(err, CD_EUSAGE, "user",
			      _("Say who you are with --user ID (or set "
				"CHEQUEDESK_USER)."));
	/* the ID as typed, escaped: the prompt goes to the terminal */
	text_escape(user, 0, shown, sizeof shown);
	snprintf(prompt, sizeof prompt, _("Password for %s: "), shown);
	if (passwd_read("CHEQUEDESK_PASSWORD", prompt, pw, sizeof pw, err) !=
	    CD_OK)
		return err->status;
	rc = desk_signin(d, user, pw, err);
	memset(pw, 0, sizeof pw);
	if (rc != CD_OK)
		return rc;
	if (d->notice[0] != '\0')
		fprintf(stderr, "chequedesk: %s\n", d->notice);
	if (!pwdue && desk_password_due(d))
		return password_due(d, err);
	return desk_require(d, p, verb, err);
}

/* Open the database and sign the user in, as the command requires. */
static int prepare_desk(const struct cmd_entry *c, struct args *a,
			struct desk *d, struct cd_error *err)
{
	char verb[64];

	if (desk_open(d, args_get(a, "config"), args_get(a, "db"), err) !=
	    CD_OK)
		return err->status;
	if (!(c->flags & CMD_USER))
		return CD_OK;
	if (cmd_signin(a, d, c->perm, audit_verb(c->name, verb, sizeof verb),
		       c->flags & CMD_PWDUE, err) != CD_OK)
		return err->status;
	return offered_authoriser(a, d, err);
}

/* Whether one of the N options in ARGV asks for --help. */
static int asks_help(int n, char **argv)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* Run one command line. */
static int run(int argc, char **argv)
{
	const struct cmd_entry *c;
	struct cd_error err;
	struct desk desk;
	struct args args;
	struct cmd_ctx ctx = {&args, NULL, &err};
	int used = 0, lead = 0, rc;

	init_i18n();
	cd_err_clear(&err);
	memset(&desk, 0, sizeof desk);
	if (argc < 2 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		static char *tui_argv[] = {"chequedesk", "tui", NULL};

		argv = tui_argv;
		argc = 2;
	}
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		print_help();
		return argc < 2 ? CD_EUSAGE : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		print_version();
		return 0;
	}
	/* common options may come before the command, as in git */
	if (args_leading(argc - 1, argv + 1, &lead, &err) == CD_OK &&
	    lead == argc - 1 && asks_help(lead, argv + 1)) {
		print_help();
		return 0;
	}
	if (err.status == CD_OK && lead == argc - 1)
		cd_err(&err, CD_EUSAGE, NULL,
		       _("No command follows the options. Name one after "
			 "them, as in 'chequedesk --db PATH cheque list'; run "
			 "'chequedesk --help' to see the commands."));
	if (err.status != CD_OK) {
		out_error(&err);
		return CD_EUSAGE;
	}
	c = find_cmd(argc - 1 - lead, argv + 1 + lead, &used);
	if (c == NULL) {
		cd_err(&err, CD_EUSAGE, NULL,
		       _("\"%s\" is not a chequedesk command. Run 'chequedesk "
			 "--help' to see the commands."),
		       argv[1 + lead]);
		out_error(&err);
		return CD_EUSAGE;
	}
	args_move_leading(argv + 1, lead, used);
	rc = args_parse(&args, c->options, argc - 1 - used, argv + 1 + used,
			c->max_pos, &err);
	if (rc == CD_OK && args_has(&args, "help")) {
		print_cmd_help(c);
		return 0;
	}
	if (rc == CD_OK && (c->flags & (CMD_DESK | CMD_USER))) {
		ctx.desk = &desk;
		rc = prepare_desk(c, &args, &desk, &err);
	}
	if (rc == CD_OK)
		rc = c->exec(&ctx);
	if (rc != CD_OK)
		out_error(&err);
	if (ctx.desk != NULL) {
		if (desk.st != NULL)
			desk_authorise_end(&desk);
		desk_close(&desk);
	}
	return rc;
}

/* Run the command line, then check that its output was written. */
int main(int argc, char **argv)
{
	return out_close_stdout(run(argc, argv));
}
