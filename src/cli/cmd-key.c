/* cmd-key.c - "chequedesk key new | show | export | import | passwd |
 * backup": the branch key file that signs the outgoing batches. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cmd.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile.h"
#include "out.h"
#include "passwd.h"
#include "prompt.h"

/* Print "  LABEL  VALUE" with the labels in one column. */
static void line(const char *label, const char *value)
{
	printf("  ");
	out_cell(stdout, label, 22, 0);
	printf(" %s\n", value);
}

/* Print the fingerprint in blocks of four, eight blocks a line. */
static void fp_lines(const char *fp)
{
	char groups[96], first[48];

	if (fp[0] == '\0') {
		/* TRANSLATORS: the fingerprint cannot be known. */
		line(_("Fingerprint (SM3):"), _("unknown"));
		return;
	}
	keyfile_fp_groups(fp, groups, sizeof groups);
	snprintf(first, sizeof first, "%.39s", groups);
	line(_("Fingerprint (SM3):"), first);
	if (strlen(groups) > 40)
		line("", groups + 40);
}

/* The current access code: CHEQUEDESK_ACCESS_CODE, or asked with PROMPT;
 * an empty answer cancels. */
static int read_code(const char *prompt, char *buf, size_t len,
		     struct cd_error *err)
{
	if (passwd_read("CHEQUEDESK_ACCESS_CODE", prompt, buf, len, err) !=
	    CD_OK)
		return err->status;
	if (buf[0] == '\0')
		return cd_err(err, CD_EUSAGE, "access_code",
			      _("Cancelled: nothing was changed."));
	return CD_OK;
}

/* A new access code: CHEQUEDESK_NEW_ACCESS_CODE, or asked twice. */
static int read_new_code(char *buf, size_t len, struct cd_error *err)
{
	char again[PASSWD_MAX];
	int same;

	if (getenv("CHEQUEDESK_NEW_ACCESS_CODE") != NULL) {
		if (passwd_read("CHEQUEDESK_NEW_ACCESS_CODE", "", buf, len,
				err) != CD_OK)
			return err->status;
		return keyfile_check_code(buf, err);
	}
	if (passwd_read(NULL,
			_("New access code of the branch key (at least 8 "
			  "characters): "),
			buf, len, err) != CD_OK ||
	    keyfile_check_code(buf, err) != CD_OK ||
	    passwd_read(NULL, _("Type it again: "), again, sizeof again, err) !=
		CD_OK)
		return err->status;
	same = strcmp(buf, again) == 0;
	OPENSSL_cleanse(again, sizeof again);
	if (!same)
		return cd_err(err, CD_EINVAL, "access_code",
			      _("The two access codes differ. Nothing was "
				"changed; run the command again."));
	return CD_OK;
}

/* Before making a key: a backup given with --backup must be possible. */
static int backup_precheck(const char *dest, struct cd_error *err)
{
	struct stat st;
	char dir[600];
	const char *slash = strrchr(dest, '/');

	if (dest[0] == '\0')
		return cd_err(err, CD_EUSAGE, "backup",
			      _("--backup needs the path of the copy, e.g. "
				"/media/usb/branch.key"));
	if (stat(dest, &st) == 0)
		return S_ISDIR(st.st_mode)
			   ? CD_OK
			   : cd_err(err, CD_ECONFLICT, "backup",
				    _("There is already a file at %s. Give "
				      "another name for the backup copy; "
				      "nothing was made."),
				    dest);
	if (slash == NULL)
		return CD_OK;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - dest), dest);
	if (dir[0] != '\0' && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		return cd_err(err, CD_ECONFIG, "backup",
			      _("The folder %s for the backup copy is not "
				"there (is the USB stick in?). Nothing was "
				"made."),
			      dir);
	return CD_OK;
}

/* Read one answer line from the terminal after PROMPT (on stderr); -1 at
 * the end of input. */
static int ask(const char *prompt, char *buf, size_t len)
{
	size_t n;

	fputs(prompt, stderr);
	fflush(stderr);
	if (fgets(buf, (int)len, stdin) == NULL)
		return -1;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

/* On a terminal: ask for the backup copy's path until one is written or
 * the user agrees to go on without it. WHERE gets the copy ("" none). */
static void ask_backup(struct desk *d, char *where, size_t len)
{
	char answer[512];
	struct cd_error e;

	where[0] = '\0';
	fputs(_("Make a backup copy of the key file now, best on a USB stick "
		"kept locked away: if this disk fails, the copy is the only "
		"way back without registering a new key with the centre.\n"),
	      stderr);
	for (;;) {
		if (ask(_("Path of the backup copy (Enter to skip): "), answer,
			sizeof answer) != 0)
			return;
		if (answer[0] == '\0') {
			if (ask(_("Skip the backup? [y/N] "), answer,
				sizeof answer) != 0 ||
			    answer[0] == 'y' || answer[0] == 'Y')
				return;
			continue;
		}
		cd_err_clear(&e);
		if (keyfile_backup(d, answer, where, len, &e) == CD_OK)
			return;
		where[0] = '\0';
		out_error(&e);
	}
}

/* The key as JSON (for new, show and import). */
static cJSON *info_json(const struct keyfile_info *ki)
{
	cJSON *o = cJSON_CreateObject();
	char mode[8];

	snprintf(mode, sizeof mode, "%04o", ki->mode);
	cJSON_AddStringToObject(o, "path", ki->path);
	cJSON_AddStringToObject(o, "public_path", ki->pub_path);
	cJSON_AddBoolToObject(o, "configured", ki->configured);
	cJSON_AddBoolToObject(o, "exists", ki->exists);
	cJSON_AddBoolToObject(o, "readable", ki->readable);
	cJSON_AddStringToObject(o, "mode", mode);
	cJSON_AddBoolToObject(o, "encrypted", ki->encrypted);
	cJSON_AddStringToObject(o, "fingerprint", ki->fingerprint);
	cJSON_AddStringToObject(o, "created_at", ki->created_at);
	cJSON_AddStringToObject(o, "created_by", ki->created_by);
	cJSON_AddStringToObject(o, "source", ki->source);
	cJSON_AddNumberToObject(o, "wrong_codes", ki->wrong_codes);
	if (ki->kdf[0]) {
		cJSON_AddStringToObject(o, "kdf", ki->kdf);
		cJSON_AddBoolToObject(o, "weak_kdf", ki->weak_kdf);
	}
	return o;
}

static const struct opt_spec new_options[] = {
    {.name = "backup",
     .argname = N_("PATH"),
     .help =
	 N_("copy the new key file to PATH (e.g. a USB stick) and check the "
	    "copy")},
    {.name = "no-backup",
     .argname = NULL,
     .help = N_("make no backup copy now")},
    {.name = "json", .argname = NULL, .help = N_("print the result as JSON")},
    {0},
};

/* "key new": make the key, then its backup copy. */
static int new_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	const char *backup = args_get(a, "backup");
	int nobackup = args_has(a, "no-backup"), json = args_has(a, "json");
	char code[PASSWD_MAX], where[600] = "", msg[sizeof ctx->err->msg];
	struct keyfile_info ki;
	cJSON *o;
	int rc;

	if (backup != NULL && nobackup)
		return cd_err(ctx->err, CD_EUSAGE, "backup",
			      _("Give either --backup PATH or --no-backup, not "
				"both."));
	if (backup == NULL && !nobackup && !isatty(STDIN_FILENO))
		return cd_err(
		    ctx->err, CD_EUSAGE, "backup",
		    _("Say where the backup copy of the new key goes: --backup "
		      "PATH (e.g. /media/usb/branch.key), or --no-backup to "
		      "make one later with 'chequedesk key backup PATH'. "
		      "Nothing was made."));
	if (backup != NULL && backup_precheck(backup, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = read_new_code(code, sizeof code, ctx->err);
	if (rc == CD_OK)
		rc = keyfile_new(ctx->desk, code, &ki, ctx->err);
	OPENSSL_cleanse(code, sizeof code);
	if (rc != CD_OK)
		return rc;
	if (!json) {
		printf(_("The branch key was made.\n"));
		line(_("Key file:"), ki.path);
		line(_("Public half:"), ki.pub_path);
		fp_lines(ki.fingerprint);
		printf(_("Give the public half %s to the clearing centre to "
			 "register the branch, and read them the fingerprint "
			 "so they can check it. The access code is asked "
			 "whenever a batch is closed.\n"),
		       ki.pub_path);
		fflush(stdout);
	}
	if (backup != NULL)
		rc = keyfile_backup(ctx->desk, backup, where, sizeof where,
				    ctx->err);
	else if (!nobackup)
		ask_backup(ctx->desk, where, sizeof where);
	if (rc != CD_OK) {
		snprintf(msg, sizeof msg, "%s", ctx->err->msg);
		cd_err(ctx->err, rc, "backup",
		       _("The key was made, but not its backup copy: %s Make "
			 "the copy with 'chequedesk key backup PATH'."),
		       msg);
	}
	if (json) {
		o = info_json(&ki);
		if (where[0])
			cJSON_AddStringToObject(o, "backup", where);
		else
			cJSON_AddNullToObject(o, "backup");
		out_json(o);
		return rc;
	}
	if (where[0])
		printf(_("Backup copy: %s (read back and checked). Keep it "
			 "locked away, apart from this terminal.\n"),
		       where);
	else if (rc == CD_OK)
		printf(_("No backup copy was made. If this disk fails, the "
			 "branch needs a new key registered with the centre; "
			 "make a copy soon with 'chequedesk key backup "
			 "PATH'.\n"));
	return rc;
}

const struct cmd_entry cmd_key_new_entry = {
    .name = "key new",
    .usage = N_("[--backup PATH | --no-backup] [--json]"),
    .summary = N_("Make the branch key that signs batches (supervisors)"),
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

/* Where the key came from, in words. */
static const char *source_label(const char *source)
{
	if (strcmp(source, "new") == 0)
		/* TRANSLATORS: how the branch key came: made here. */
		return _("made here");
	if (strcmp(source, "import") == 0)
		/* TRANSLATORS: how the branch key came: from a file. */
		return _("imported");
	return source;
}

/* The line saying how the access code is stretched, and how to mend a
 * weak one. */
static void kdf_line(const struct keyfile_info *ki)
{
	char name[64], buf[400];

	if (strncmp(ki->kdf, "pbkdf2-", 7) == 0)
		/* TRANSLATORS: %s is a number of iterations. */
		snprintf(name, sizeof name, _("PBKDF2, %s iterations"),
			 ki->kdf + 7);
	else if (strcmp(ki->kdf, "scrypt") == 0)
		snprintf(name, sizeof name, "scrypt");
	else
		/* TRANSLATORS: a key derivation chequedesk does not know. */
		snprintf(name, sizeof name, "%s", _("another method"));
	if (ki->weak_kdf)
		/* TRANSLATORS: %s is e.g. "PBKDF2, 2048 iterations". */
		snprintf(buf, sizeof buf,
			 _("%s - cheap to guess offline; 'chequedesk key "
			   "passwd' re-encrypts it with scrypt"),
			 name);
	else
		snprintf(buf, sizeof buf, "%s", name);
	/* TRANSLATORS: how the access code is turned into the key that
	 * encrypts the file. */
	line(_("Access code KDF:"), buf);
}

/* "key show": what is known about the key file without its code. */
static int show_exec(struct cmd_ctx *ctx)
{
	struct keyfile_info ki;
	char buf[700], until[32];
	int rc, locked;
	cJSON *o;

	if (keyfile_inspect(ctx->desk, &ki, ctx->err) != CD_OK)
		return ctx->err->status;
	locked = keyfile_locked(ctx->desk, until, sizeof until);
	rc = keyfile_check(ctx->desk, ctx->err);
	if (args_has(ctx->args, "json")) {
		o = info_json(&ki);
		if (locked)
			cJSON_AddStringToObject(o, "locked_until", until);
		if (rc != CD_OK)
			cJSON_AddStringToObject(o, "problem", ctx->err->msg);
		out_json(o);
		return rc;
	}
	if (ki.configured)
		line(_("Key file:"), ki.path);
	else {
		snprintf(buf, sizeof buf,
			 _("%s (branch_key is not set; this "
			   "is where 'key new' puts it)"),
			 ki.path);
		line(_("Key file:"), buf);
	}
	if (ki.exists) {
		snprintf(buf, sizeof buf, "%04o", ki.mode);
		if (ki.mode & 077)
			snprintf(buf, sizeof buf,
				 _("%04o - others may read it: chmod 600 %s"),
				 ki.mode, ki.path);
		line(_("Permissions:"), buf);
	}
	line(_("Public half:"), ki.pub_path);
	fp_lines(ki.fingerprint);
	if (ki.created_at[0]) {
		/* TRANSLATORS: "2026-11-23T10:00:00+0800 by s01 (made
		 * here)" */
		snprintf(buf, sizeof buf, _("%s by %s (%s)"), ki.created_at,
			 ki.created_by, source_label(ki.source));
		line(_("Created:"), buf);
	}
	if (ki.kdf[0])
		kdf_line(&ki);
	snprintf(buf, sizeof buf, "%d", ki.wrong_codes);
	if (locked)
		snprintf(buf, sizeof buf,
			 _("%d - locked until %s, then it may be tried again"),
			 ki.wrong_codes, until);
	line(_("Wrong codes in a row:"), buf);
	return rc;
}

const struct cmd_entry cmd_key_show_entry = {
    .name = "key show",
    .usage = "[--json]",
    .summary = N_("Show the branch key file: where, fingerprint, created"),
    .options = json_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = show_exec,
    .perm = PERM_SETUP,
};

static const struct opt_spec export_options[] = {
    {.name = "public",
     .argname = N_("FILE"),
     .help = N_("write the public key (PEM) to FILE")},
    {.name = "force",
     .argname = NULL,
     .help = N_("replace FILE if it exists (never a link)")},
    {0},
};

/* "key export --public FILE". */
static int export_exec(struct cmd_ctx *ctx)
{
	const char *file = args_get(ctx->args, "public");
	int force = args_has(ctx->args, "force");
	char fp[SIGN_HEX_LEN], code[PASSWD_MAX];
	int rc;

	if (file == NULL || file[0] == '\0')
		return cd_err(ctx->err, CD_EUSAGE, "public",
			      _("Say where the public key goes: chequedesk key "
				"export --public FILE"));
	rc = keyfile_export_public(ctx->desk, file, force, NULL, fp, ctx->err);
	if (rc == CD_EPERM && strcmp(ctx->err->field, "access_code") == 0) {
		out_error(ctx->err);
		rc = read_code(_("Access code of the branch key: "), code,
			       sizeof code, ctx->err);
		if (rc == CD_OK)
			rc = keyfile_export_public(ctx->desk, file, force, code,
						   fp, ctx->err);
		OPENSSL_cleanse(code, sizeof code);
	}
	if (rc != CD_OK)
		return rc;
	printf(_("The branch's public key was written to %s.\n"), file);
	fp_lines(fp);
	return CD_OK;
}

const struct cmd_entry cmd_key_export_entry = {
    .name = "key export",
    .usage = N_("--public FILE [--force]"),
    .summary = N_("Write the branch key's public half for the clearing centre"),
    .options = export_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = export_exec,
    .perm = PERM_SETUP,
};

/* "key import FILE": take a key file brought from elsewhere. */
static int import_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	char code[PASSWD_MAX], prompt[600];
	struct keyfile_info ki;
	int rc;

	if (a->npos != 1)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("Give the key file to import, e.g. chequedesk "
				"key import /media/usb/branch.key"));
	snprintf(prompt, sizeof prompt, _("Access code of %s: "), a->pos[0]);
	rc = read_code(prompt, code, sizeof code, ctx->err);
	if (rc == CD_OK)
		rc = keyfile_import(ctx->desk, a->pos[0], code, &ki, ctx->err);
	OPENSSL_cleanse(code, sizeof code);
	if (rc != CD_OK)
		return rc;
	if (args_has(a, "json"))
		return out_json_end(info_json(&ki), CD_OK);
	printf(_("%s is now the branch key.\n"), a->pos[0]);
	line(_("Key file:"), ki.path);
	line(_("Public half:"), ki.pub_path);
	fp_lines(ki.fingerprint);
	printf(_("Its access code is the one it had. The clearing centre "
		 "must have this key registered (the same fingerprint).\n"));
	return CD_OK;
}

const struct cmd_entry cmd_key_import_entry = {
    .name = "key import",
    .usage = N_("FILE [--json]"),
    .summary = N_("Take a branch key file from a backup or an old terminal"),
    .options = json_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = import_exec,
    .perm = PERM_SETUP,
};

/* "key passwd": a new access code for the key file. */
static int passwd_exec(struct cmd_ctx *ctx)
{
	char old[PASSWD_MAX], code[PASSWD_MAX];
	int rc;

	rc = read_code(_("Current access code of the branch key: "), old,
		       sizeof old, ctx->err);
	if (rc == CD_OK)
		rc = read_new_code(code, sizeof code, ctx->err);
	if (rc == CD_OK)
		rc = keyfile_passwd(ctx->desk, old, code, ctx->err);
	OPENSSL_cleanse(old, sizeof old);
	OPENSSL_cleanse(code, sizeof code);
	if (rc != CD_OK)
		return rc;
	printf(_("The access code of the branch key file %s was changed. "
		 "Backup copies made before still open with the old code "
		 "only; make a new one with 'chequedesk key backup PATH'.\n"),
	       ctx->desk->conf.branch_key);
	return CD_OK;
}

const struct cmd_entry cmd_key_passwd_entry = {
    .name = "key passwd",
    .usage = "",
    .summary = N_("Change the access code of the branch key file"),
    .options = NULL,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = passwd_exec,
    .perm = PERM_SETUP,
};

/* "key backup PATH": copy the key file and check the copy. */
static int backup_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	char where[600];

	if (a->npos != 1)
		return cd_err(ctx->err, CD_EUSAGE, NULL,
			      _("Give the path of the backup copy, e.g. "
				"chequedesk key backup /media/usb/branch.key"));
	if (keyfile_backup(ctx->desk, a->pos[0], where, sizeof where,
			   ctx->err) != CD_OK)
		return ctx->err->status;
	printf(_("Backup copy: %s (read back and checked). Keep it locked "
		 "away, apart from this terminal.\n"),
	       where);
	return CD_OK;
}

const struct cmd_entry cmd_key_backup_entry = {
    .name = "key backup",
    .usage = N_("PATH"),
    .summary =
	N_("Copy the branch key file (e.g. to a USB stick) and check it"),
    .options = NULL,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = backup_exec,
    .perm = PERM_SETUP,
};
