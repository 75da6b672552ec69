/* cmd-transport.c - "chequedesk key transport new | show | export": the
 * transport key and certificate that authenticate the branch's
 * connections to the clearing centre. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "i18n.h"
#include "out.h"
#include "transport.h"

/* Days before expiry from which show and doctor warn. */
#define EXPIRY_WARN_DAYS 30

/* Print "  LABEL  VALUE" with the labels in one column. */
static void line(const char *label, const char *value)
{
	printf("  ");
	out_cell(stdout, label, 22, 0);
	printf(" %s\n", value);
}

/* The SHA-256 fingerprint on two lines of 16 bytes. */
static void fp_lines(const char *text)
{
	char first[64];

	snprintf(first, sizeof first, "%.47s", text);
	line(_("Fingerprint (SHA-256):"), first);
	if (strlen(text) > 48)
		line("", text + 48);
}

/* The certificate as JSON. */
static cJSON *info_json(const struct transport_info *ti)
{
	cJSON *o = cJSON_CreateObject();
	char mode[8];

	snprintf(mode, sizeof mode, "%04o", ti->key_mode);
	cJSON_AddStringToObject(o, "certificate", ti->cert_path);
	cJSON_AddStringToObject(o, "key", ti->key_path);
	cJSON_AddBoolToObject(o, "configured", ti->configured);
	cJSON_AddBoolToObject(o, "key_exists", ti->key_exists);
	if (ti->key_exists)
		cJSON_AddStringToObject(o, "key_mode", mode);
	if (ti->cert_ok) {
		cJSON_AddStringToObject(o, "subject", ti->cert.subject);
		cJSON_AddStringToObject(o, "sha256", ti->cert.fp_hex);
		cJSON_AddStringToObject(o, "fingerprint", ti->cert.fp_text);
		cJSON_AddStringToObject(o, "not_after",
					ti->cert.not_after_text);
	}
	cJSON_AddBoolToObject(o, "key_matches", ti->key_matches == 1);
	if (ti->problem[0])
		cJSON_AddStringToObject(o, "problem", ti->problem);
	return o;
}

/* Subject, fingerprint and expiry lines. */
static void describe(const struct transport_info *ti)
{
	char buf[700];
	time_t now = time(NULL);

	line(_("Certificate:"), ti->cert_path);
	snprintf(buf, sizeof buf, "%04o", ti->key_mode);
	if (ti->key_exists && (ti->key_mode & 077))
		snprintf(buf, sizeof buf,
			 _("%s (%04o - others may read it: chmod 600 %s)"),
			 ti->key_path, ti->key_mode, ti->key_path);
	else
		snprintf(buf, sizeof buf, "%s", ti->key_path);
	line(_("Key:"), buf);
	if (!ti->cert_ok)
		return;
	line(_("Subject:"), ti->cert.subject);
	fp_lines(ti->cert.fp_text);
	if (ti->cert.not_after <= now)
		snprintf(buf, sizeof buf,
			 _("%s - EXPIRED: make a new one with 'chequedesk "
			   "key transport new --replace'"),
			 ti->cert.not_after_text);
	else if (ti->cert.not_after - now < EXPIRY_WARN_DAYS * 86400L)
		snprintf(buf, sizeof buf,
			 _("%s - expires soon: make a new one and register "
			   "it with the centre"),
			 ti->cert.not_after_text);
	else
		snprintf(buf, sizeof buf, "%s", ti->cert.not_after_text);
	line(_("Valid until:"), buf);
}

static const struct opt_spec new_options[] = {
    {.name = "replace",
     .argname = NULL,
     .help =
	 N_("replace the transport key and certificate there (the centre must "
	    "then register the new certificate)")},
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

/* "key transport new": a new transport key and certificate. */
static int new_exec(struct cmd_ctx *ctx)
{
	struct transport_info ti;

	if (transport_new(ctx->desk, args_has(ctx->args, "replace"), &ti,
			  ctx->err) != CD_OK)
		return ctx->err->status;
	if (args_has(ctx->args, "json"))
		return out_json_end(info_json(&ti), CD_OK);
	printf(_("A new transport key and certificate for branch %s were "
		 "made.\n"),
	       ctx->desk->branch.exchange_no);
	describe(&ti);
	printf(_("Give the certificate to the clearing centre ('chequedesk "
		 "key transport export FILE' writes it) and read the "
		 "fingerprint out to them: until they register it, the "
		 "centre refuses this branch's requests.\n"));
	return CD_OK;
}

const struct cmd_entry cmd_key_transport_new_entry = {
    .name = "key transport new",
    .usage = N_("[--replace] [--json]"),
    .summary =
	N_("Make the key and certificate the branch connects to the centre "
	   "with"),
    .options = new_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = new_exec,
    .perm = PERM_SETUP,
};

static const struct opt_spec json_options[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* "key transport show": subject, fingerprint, expiry. */
static int show_exec(struct cmd_ctx *ctx)
{
	struct transport_info ti;
	int rc = CD_OK;

	transport_inspect(&ctx->desk->conf, &ti);
	if (!ti.cert_ok || ti.key_matches != 1)
		rc = cd_err(ctx->err, CD_ECONFIG, NULL, "%s", ti.problem);
	if (args_has(ctx->args, "json")) {
		out_json(info_json(&ti));
		return rc;
	}
	if (!ti.configured)
		printf(_("transport_cert and transport_key are not set in %s: "
			 "the branch cannot connect to the centre. Make them "
			 "with 'chequedesk key transport new'.\n"),
		       ctx->desk->conf.config_path);
	describe(&ti);
	return rc;
}

const struct cmd_entry cmd_key_transport_show_entry = {
    .name = "key transport show",
    .usage = "[--json]",
    .summary =
	N_("Show the transport certificate: subject, fingerprint, expiry"),
    .options = json_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = show_exec,
    .perm = PERM_SETUP,
};

static const struct opt_spec export_options[] = {
    {.name = "force",
     .argname = NULL,
     .help = N_("replace FILE if it exists (never a link)")},
    {0},
};

/* "key transport export FILE": the certificate for the centre. */
static int export_exec(struct cmd_ctx *ctx)
{
	struct transport_info ti;

	if (ctx->args->npos != 1)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("Say where the certificate goes: chequedesk "
				"key transport export FILE"));
	if (transport_export(ctx->desk, ctx->args->pos[0],
			     args_has(ctx->args, "force"), &ti,
			     ctx->err) != CD_OK)
		return ctx->err->status;
	printf(_("The transport certificate was written to %s (the key "
		 "stays here). Register it at the centre.\n"),
	       ctx->args->pos[0]);
	fp_lines(ti.cert.fp_text);
	return CD_OK;
}

const struct cmd_entry cmd_key_transport_export_entry = {
    .name = "key transport export",
    .usage = N_("FILE [--force]"),
    .summary = N_("Write the transport certificate for the clearing centre"),
    .options = export_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = export_exec,
    .perm = PERM_SETUP,
};
