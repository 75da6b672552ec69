/* conf.h - chequedesk.conf and the paths chequedesk uses. */
#ifndef CHEQUEDESK_CONF_H
#define CHEQUEDESK_CONF_H

#include "calendar.h"
#include "codeline.h"
#include "error.h"
#include "passwd.h"

/* The actions under dual control; four_eyes names those a supervisor may
 * not authorise for themselves. */
enum dual_action {
	DUAL_CLOSE,	/* closing a batch */
	DUAL_VOID,	/* voiding an item */
	DUAL_REPRINT,	/* printing a code line or label again */
	DUAL_DUPLICATE, /* accepting a duplicate */
	DUAL_DIRECTORY, /* changing the bank directory */
	DUAL_COUNT
};

/* The word four_eyes uses for A ("close", "void", ...). */
const char *conf_dual_name(enum dual_action a);

struct conf {
	char *config_path; /* the file read, or the default looked for */
	int config_found;  /* 0 when running on defaults */
	char *db_path;
	char *datadir; /* bank directory, bill types, forms */
	struct calendar cal;
	struct micr_map micr;
	int dup_window_days;	  /* duplicate serial+bank window */
	char signin_note[160];	  /* shown on the sign-in screen */
	char printer[128];	  /* this terminal's passbook printer queue */
	char printer_profile[64]; /* its profile; "" = match make and model */
	char report_queue[128];	  /* an ordinary queue for the day's report */
	int print_timeout;	  /* seconds to wait for a job to print */
	/* the clearing centre (docs/centre-protocol.md) */
	char centre_url[256];	  /* https://host:port */
	char centre_ca[512];	  /* CA file for its certificate; "" = system */
	char centre_key[512];	  /* its public key (PEM), checks its answers */
	char branch_key[512];	  /* the branch's encrypted private key */
	char transport_cert[512]; /* TLS client certificate to the centre */
	char transport_key[512];  /* its private key (PEM, 0600) */
	int centre_timeout;	  /* seconds one request may take */
	int centre_retries;	  /* retries of a failed request */
	int poll_interval;	  /* seconds between polls (poll --watch) */
	/* security (#6) */
	struct passwd_rules pw_rules;
	int idle_lock_seconds; /* lock the screens after this long; 0: never */
	unsigned four_eyes;    /* 1 << enum dual_action */
	/* micr.* values as read, applied together at the end of the file */
	char micr_pending[E13B_NSYMBOLS][16];
	int micr_line[E13B_NSYMBOLS]; /* 0: not set in the file */
};

/* Load the configuration. CONFIG_OPT / DB_OPT are --config / --db (or NULL);
 * then CHEQUEDESK_CONFIG / CHEQUEDESK_DB; then the file's "database" key;
 * then the XDG defaults. A missing default file means defaults; a missing
 * file that was asked for is an error. Errors name file, line and problem. */
CD_MUST_CHECK int conf_load(struct conf *c, const char *config_opt,
			    const char *db_opt, struct cd_error *err);
void conf_free(struct conf *c);

/* The folders searched for printer profiles, in order: "printers" next
 * to the configuration file, then DATADIR/printers. NULL-terminated;
 * free with conf_free_dirs. */
char **conf_profile_dirs(const struct conf *c);
void conf_free_dirs(char **dirs);

/* Set KEY = VALUE in the configuration file C was read from: the first
 * line setting KEY is replaced (later ones dropped), or the setting is
 * appended; the file is rewritten whole (temporary file, fsync, rename),
 * with its folder created if need be. */
CD_MUST_CHECK int conf_write_setting(const struct conf *c, const char *key,
				     const char *value, struct cd_error *err);

/* Create the folder of the configuration file when it is missing, with
 * the folders leading to it (like mkdir -p), private to the user (0700). */
CD_MUST_CHECK int conf_make_dir(const struct conf *c, struct cd_error *err);

/* DATADIR/NAME in a new string. */
char *conf_data_file(const struct conf *c, const char *name);

#endif
