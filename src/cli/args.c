/* args.c - parsing a command's options from its table with getopt_long. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "i18n.h"
#include "out.h"

const struct opt_spec args_common[] = {
    {.name = "db",
     .argname = N_("PATH"),
     .help = N_("use the branch database at PATH")},
    {.name = "config",
     .argname = N_("PATH"),
     .help = N_("read settings from PATH")},
    {.name = "user",
     .argname = N_("USER"),
     .help = N_("act as user ID (password from "
		"CHEQUEDESK_PASSWORD or asked)")},
    {.name = "authorize-by",
     .argname = N_("ID"),
     .help = N_("a supervisor authorises this action (dual control; password "
		"from CHEQUEDESK_AUTH_PASSWORD or asked)")},
    {.name = "help", .argname = NULL, .help = N_("show this help and exit")},
    {0},
};

/* Count the common options (with their values) in front of the command:
 * ARGV[0..ARGC) are the words after the program's name. */
int args_leading(int argc, char **argv, int *count, struct cd_error *err)
{
	struct option longopts[ARGS_MAX + 1];
	const char *bad;
	int n = 0, c, idx;

	*count = 0;
	for (; args_common[n].name && n < ARGS_MAX; n++) {
		longopts[n].name = args_common[n].name;
		longopts[n].has_arg =
		    args_common[n].argname ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = 0;
	}
	memset(&longopts[n], 0, sizeof longopts[0]);

	/* "+": stop at the first word that is not an option (the command),
	 * ":": tell a missing value from an unknown option;
	 * optind 0 makes getopt start afresh, as args_parse does. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc + 1, argv - 1, "+:", longopts, &idx)) !=
	       -1) {
		if (c != '?' && c != ':')
			continue;
		bad = (argv - 1)[optind - 1];
		if (c == ':')
			return cd_err(err, CD_EUSAGE, NULL,
				      _("The option %s needs a value, as in "
					"%s VALUE."),
				      bad, bad);
		return cd_err(
		    err, CD_EUSAGE, NULL,
		    _("The option %s cannot come before the command: "
		      "only the options every command takes can "
		      "('chequedesk --help' lists them). Put it after "
		      "the command, and check it with 'chequedesk "
		      "COMMAND --help'."),
		    bad);
	}
	*count = optind - 1;
	/* a "--" ends the options: it stays, and is no command */
	if (*count > 0 && strcmp(argv[*count - 1], "--") == 0)
		(*count)--;
	return CD_OK;
}

/* Put the COUNT leading options of ARGV after the WORDS command words that
 * follow them, so the command's own parsing sees them. */
void args_move_leading(char **argv, int count, int words)
{
	char *w;
	int i, j;

	for (i = 0; i < words; i++) {
		w = argv[count + i];
		for (j = count + i; j > i; j--)
			argv[j] = argv[j - 1];
		argv[i] = w;
	}
}

/* Add every spec of LIST to A. */
static int add_specs(struct args *a, const struct opt_spec *list)
{
	for (; list && list->name; list++) {
		if (a->nspec == ARGS_MAX)
			return -1;
		a->spec[a->nspec++] = list;
	}
	return 0;
}

/* Parse a command's options. */
int args_parse(struct args *a, const struct opt_spec *specs, int argc,
	       char **argv, int max_pos, struct cd_error *err)
{
	struct option longopts[ARGS_MAX + 1];
	int i, c, idx;

	memset(a, 0, sizeof *a);
	if (add_specs(a, specs) != 0 || add_specs(a, args_common) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Internal error: the command has more options "
				"than chequedesk can take. Nothing was done; "
				"report this to branch IT."));
	for (i = 0; i < a->nspec; i++) {
		longopts[i].name = a->spec[i]->name;
		longopts[i].has_arg =
		    a->spec[i]->argname ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = 0;
	}
	memset(&longopts[a->nspec], 0, sizeof longopts[0]);

	/* getopt wants argv[0] to be the program; ARGV[-1] is the command.
	 * optind 0 starts afresh (args_leading may have run before). */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc + 1, argv - 1, "", longopts, &idx)) !=
	       -1) {
		if (c == '?' || c == ':')
			return cd_err(err, CD_EUSAGE, NULL,
				      _("The option %s is unknown or lacks its "
					"value. Run the command with --help to "
					"see its options."),
				      (argv - 1)[optind - 1]);
		a->value[idx] = optarg ? optarg : "";
	}
	for (i = optind - 1; i < argc; i++) {
		if (a->npos == max_pos || a->npos == ARGS_MAX_POS)
			return cd_err(err, CD_EUSAGE, NULL,
				      _("Unexpected argument \"%s\". Run the "
					"command with --help to see how to "
					"use it."),
				      argv[i]);
		a->pos[a->npos++] = argv[i];
	}
	return CD_OK;
}

/* The value of option NAME, or NULL. */
const char *args_get(const struct args *a, const char *name)
{
	int i;

	for (i = 0; i < a->nspec; i++)
		if (strcmp(a->spec[i]->name, name) == 0)
			return a->value[i];
	return NULL;
}

/* Whether option NAME was given. */
int args_has(const struct args *a, const char *name)
{
	return args_get(a, name) != NULL;
}

/* Print the option table as help lines. */
void args_print_help(const struct opt_spec *specs)
{
	char left[64];

	for (; specs && specs->name; specs++) {
		snprintf(left, sizeof left, "--%s%s%s", specs->name,
			 specs->argname ? " " : "",
			 specs->argname ? _(specs->argname) : "");
		printf("  ");
		out_cell(stdout, left, 24, 0);
		printf(" %s\n", _(specs->help));
	}
}
