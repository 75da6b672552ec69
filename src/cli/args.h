/* args.h - command-line options declared as tables, parsed with getopt. */
#ifndef CHEQUEDESK_ARGS_H
#define CHEQUEDESK_ARGS_H

#include "error.h"

#define ARGS_MAX 40
#define ARGS_MAX_POS 4

/* One option: --NAME, or --NAME ARG when ARGNAME is set. HELP is N_(). */
struct opt_spec {
	const char *name;
	const char *argname;
	const char *help;
};

struct args {
	const struct opt_spec *spec[ARGS_MAX];
	const char *value[ARGS_MAX]; /* NULL: not given; flags get "" */
	int nspec;
	char *pos[ARGS_MAX_POS];
	int npos;
};

/* The options every command takes (--db, --config, --user, --help). */
extern const struct opt_spec args_common[];

/* Parse ARGV (from index 0, which is the first word after the command)
 * against SPECS (NULL-terminated) and the common options. */
CD_MUST_CHECK int args_parse(struct args *a, const struct opt_spec *specs,
			     int argc, char **argv, int max_pos,
			     struct cd_error *err);

/* How many words at the start of ARGV (the words after the program's name)
 * are common options with their values, into COUNT; an option that is not
 * common there is wrong usage. */
CD_MUST_CHECK int args_leading(int argc, char **argv, int *count,
			       struct cd_error *err);

/* Move the COUNT leading options of ARGV to just after the WORDS command
 * words that follow them ("--db X cheque list" -> "cheque list --db X"). */
void args_move_leading(char **argv, int count, int words);

/* The option's value, or NULL when it was not given. */
const char *args_get(const struct args *a, const char *name);
int args_has(const struct args *a, const char *name);

/* Print "  --name ARG   help" lines for SPECS. */
void args_print_help(const struct opt_spec *specs);

#endif
