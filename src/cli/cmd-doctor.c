/* cmd-doctor.c - "chequedesk doctor": check this terminal's set-up and say
 * how to fix what is wrong (src/desk/doctor.c does the checks). */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cmd.h"
#include "doctor.h"
#include "i18n.h"
#include "out.h"
#include "passwd.h"
#include "prompt.h"

static const struct opt_spec options[] = {
    {.name = "check-code",
     .argname = NULL,
     .help = N_("ask the branch key's access code and try it (a wrong one is "
		"counted; needs a supervisor's --user)")},
    {.name = "offline",
     .argname = NULL,
     .help = N_("do not contact the clearing centre")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* How the results are shown. */
struct show {
	cJSON *json; /* the array for --json, else NULL */
	int colour;
	int width; /* of the status column */
	const char *group;
	int fails, warns;
};

/* The status word shown (translated). */
static const char *status_word(enum doctor_status st)
{
	switch (st) {
	case DOCTOR_OK:
		/* TRANSLATORS: the status of a check; keep these four
		 * short, they share a column. */
		return _("OK");
	case DOCTOR_WARN:
		return _("WARN");
	case DOCTOR_FAIL:
		return _("FAIL");
	default:
		return _("SKIP");
	}
}

/* The status as JSON has it (never translated). */
static const char *status_id(enum doctor_status st)
{
	static const char *const ids[] = {"ok", "warn", "fail", "skip"};

	return ids[st];
}

/* The heading of a group (translated). */
static const char *group_title(const char *group)
{
	static const struct {
		const char *id, *title;
	} t[] = {
	    {"config", N_("Configuration")},
	    {"database", N_("Database")},
	    {"key", N_("Branch key")},
	    {"printer", N_("Printer")},
	    {"centre", N_("Clearing centre")},
	    {"locale", N_("Locale and terminal")},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].id, group) == 0)
			return _(t[i].title);
	return group;
}

/* Print or gather one result. */
static void on_result(const struct doctor_result *r, void *ctx)
{
	static const char *const colours[] = {"\033[32m", "\033[33m",
					      "\033[1;31m", "\033[2m"};
	struct show *sh = ctx;
	cJSON *o;

	sh->fails += r->status == DOCTOR_FAIL;
	sh->warns += r->status == DOCTOR_WARN;
	if (sh->json != NULL) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "group", r->group);
		cJSON_AddStringToObject(o, "check", r->what);
		cJSON_AddStringToObject(o, "status", status_id(r->status));
		cJSON_AddStringToObject(o, "detail", r->detail);
		if (r->fix[0] != '\0')
			cJSON_AddStringToObject(o, "fix", r->fix);
		else
			cJSON_AddNullToObject(o, "fix");
		cJSON_AddItemToArray(sh->json, o);
		return;
	}
	if (sh->group == NULL || strcmp(sh->group, r->group) != 0) {
		out_printf(stdout, "%s%s\n", sh->group ? "\n" : "",
			   group_title(r->group));
		sh->group = r->group;
	}
	out_printf(stdout, "  ");
	if (sh->colour)
		fputs(colours[r->status], stdout);
	out_cell(stdout, status_word(r->status), sh->width, 0);
	if (sh->colour)
		fputs("\033[0m", stdout);
	out_printf(stdout, " %s: %s\n", r->what, r->detail);
	if (r->fix[0] != '\0') {
		out_printf(stdout, "  %*s ", sh->width, "");
		/* TRANSLATORS: before the command or setting that mends a
		 * failed check. */
		out_printf(stdout, _("Fix: %s\n"), r->fix);
	}
	fflush(stdout);
}

/* The last line: how many problems, or that all is well. */
static void summary(const struct show *sh)
{
	if (sh->fails > 0)
		out_printf(
		    stdout,
		    P_("%d problem found.", "%d problems found.", sh->fails),
		    sh->fails);
	else if (sh->warns > 0)
		out_printf(stdout, "%s", _("No problems found."));
	else
		out_printf(stdout, "%s", _("All checks passed."));
	if (sh->warns > 0) {
		out_printf(stdout, " ");
		out_printf(stdout, P_("%d warning.", "%d warnings.", sh->warns),
			   sh->warns);
	}
	out_printf(stdout, "\n");
}

/* Sign a supervisor in before the access code is tried: wrong codes lock
 * the branch key, so only a supervisor may spend them. Without a usable
 * database no code can be tried (the doctor says why): *SKIP is set. */
static int signin_for_code(struct cmd_ctx *ctx, const char *user, int *skip)
{
	struct args *a = ctx->args;
	struct cd_error e;
	struct desk d;
	int rc;

	cd_err_clear(&e);
	*skip = 0;
	if (desk_open(&d, args_get(a, "config"), args_get(a, "db"), &e) !=
	    CD_OK) {
		*skip = 1;
		desk_close(&d);
		return CD_OK;
	}
	if (user == NULL || *user == '\0') {
		desk_audit_alone(&d, NULL, "refused", "doctor.check-code",
				 "{\"why\":\"not signed in\"}");
		desk_close(&d);
		return cd_err(ctx->err, CD_EPERM, "user",
			      _("Trying the access code needs a supervisor's "
				"sign-in, since wrong codes lock the branch "
				"key: give --user ID (or set CHEQUEDESK_USER), "
				"or leave out --check-code."));
	}
	rc = cmd_signin(a, &d, PERM_BATCH, "doctor.check-code", 0, ctx->err);
	desk_close(&d);
	return rc;
}

/* Run the checks and show them. */
static int exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct doctor_opts o;
	struct show sh;
	char code[PASSWD_MAX];
	enum doctor_status st;
	int w;

	memset(&o, 0, sizeof o);
	memset(&sh, 0, sizeof sh);
	memset(code, 0, sizeof code);
	o.config_opt = args_get(a, "config");
	o.db_opt = args_get(a, "db");
	o.offline = args_has(a, "offline");
	if (args_has(a, "check-code")) {
		const char *user = args_get(a, "user");
		int skip;

		if (user == NULL)
			user = getenv("CHEQUEDESK_USER");
		if (signin_for_code(ctx, user, &skip) != CD_OK)
			return ctx->err->status;
		o.user = user;
		if (!skip &&
		    passwd_read("CHEQUEDESK_ACCESS_CODE",
				_("Access code of the branch key (Enter to "
				  "skip this check): "),
				code, sizeof code, ctx->err) != CD_OK)
			return ctx->err->status;
		if (code[0] != '\0')
			o.access_code = code;
	}
	if (args_has(a, "json")) {
		sh.json = cJSON_CreateArray();
	} else {
		sh.colour = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
		for (st = DOCTOR_OK; st <= DOCTOR_SKIP; st++)
			if ((w = out_width(status_word(st))) > sh.width)
				sh.width = w;
	}
	doctor_run(&o, on_result, &sh);
	OPENSSL_cleanse(code, sizeof code);
	if (sh.json != NULL) {
		out_json(sh.json);
	} else {
		out_printf(stdout, "\n");
		summary(&sh);
	}
	if (sh.fails > 0)
		return cd_err(ctx->err, CD_ECONFIG, NULL,
			      P_("%d check failed; each says how to fix it.",
				 "%d checks failed; each says how to fix it.",
				 sh.fails),
			      sh.fails);
	return CD_OK;
}

const struct cmd_entry cmd_doctor_entry = {
    .name = "doctor",
    .usage = N_("[--check-code] [--offline] [--json]"),
    .summary = N_("Check this terminal's set-up and say how to fix it"),
    .options = options,
    .max_pos = 0,
    .flags = 0,
    .exec = exec,
    .perm = PERM_ANY,
};
