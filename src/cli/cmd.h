/* cmd.h - the command table: each cmd-*.c file exports one cmd_entry. */
#ifndef CHEQUEDESK_CMD_H
#define CHEQUEDESK_CMD_H

#include "args.h"
#include "desk.h"
#include "error.h"

enum cmd_flags {
	CMD_DESK = 1,  /* needs the branch database open */
	CMD_USER = 2,  /* needs a signed-in user (implies CMD_DESK) */
	CMD_PWDUE = 4, /* runs even when the user's password must change */
};

struct cmd_ctx {
	struct args *args;
	struct desk *desk; /* NULL for commands without CMD_DESK */
	struct cd_error *err;
};

struct cmd_entry {
	const char *name;    /* "cheque add" */
	const char *usage;   /* arguments after the name, N_() */
	const char *summary; /* one line, N_() */
	const struct opt_spec *options;
	int max_pos; /* positional arguments allowed */
	int flags;
	int (*exec)(struct cmd_ctx *ctx);
	enum perm perm; /* checked before exec for CMD_USER commands */
};

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_user_add_entry;
extern const struct cmd_entry cmd_user_list_entry;
extern const struct cmd_entry cmd_user_reset_entry;
extern const struct cmd_entry cmd_user_unlock_entry;
extern const struct cmd_entry cmd_user_signout_entry;
extern const struct cmd_entry cmd_passwd_entry;
extern const struct cmd_entry cmd_audit_list_entry;
extern const struct cmd_entry cmd_audit_verify_entry;
extern const struct cmd_entry cmd_item_void_entry;
extern const struct cmd_entry cmd_cheque_add_entry;
extern const struct cmd_entry cmd_cheque_list_entry;
extern const struct cmd_entry cmd_cheque_show_entry;
extern const struct cmd_entry cmd_bag_add_entry;
extern const struct cmd_entry cmd_bag_list_entry;
extern const struct cmd_entry cmd_bag_show_entry;
extern const struct cmd_entry cmd_bill_types_entry;
extern const struct cmd_entry cmd_bank_list_entry;
extern const struct cmd_entry cmd_bank_import_entry;
extern const struct cmd_entry cmd_session_entry;
extern const struct cmd_entry cmd_print_cheque_entry;
extern const struct cmd_entry cmd_print_bag_entry;
extern const struct cmd_entry cmd_printers_entry;
extern const struct cmd_entry cmd_printer_use_entry;
extern const struct cmd_entry cmd_key_new_entry;
extern const struct cmd_entry cmd_key_show_entry;
extern const struct cmd_entry cmd_key_export_entry;
extern const struct cmd_entry cmd_key_import_entry;
extern const struct cmd_entry cmd_key_passwd_entry;
extern const struct cmd_entry cmd_key_backup_entry;
extern const struct cmd_entry cmd_key_transport_new_entry;
extern const struct cmd_entry cmd_key_transport_show_entry;
extern const struct cmd_entry cmd_key_transport_export_entry;
extern const struct cmd_entry cmd_batch_close_entry;
extern const struct cmd_entry cmd_batch_upload_entry;
extern const struct cmd_entry cmd_batch_list_entry;
extern const struct cmd_entry cmd_batch_show_entry;
extern const struct cmd_entry cmd_poll_entry;
extern const struct cmd_entry cmd_resync_entry;
extern const struct cmd_entry cmd_tui_entry;
extern const struct cmd_entry cmd_doctor_entry;
extern const struct cmd_entry cmd_report_day_entry;

/* All commands, NULL-terminated, in the order help lists them. */
extern const struct cmd_entry *const cmd_table[];

/* Sign in the user named by --user (or CHEQUEDESK_USER) on the open desk D
 * and check permission P (audit verb VERB); PWDUE lets a user whose
 * password must change through. For commands that need a sign-in only
 * for some of their options. */
CD_MUST_CHECK int cmd_signin(struct args *a, struct desk *d, enum perm p,
			     const char *verb, int pwdue, struct cd_error *err);

/* Parse "ID" positional argument as a positive item/bag number. */
CD_MUST_CHECK int cmd_parse_id(const char *text, const char *what,
			       long long *id, struct cd_error *err);

/* Parse --session (1 to 99; 0 when TEXT is NULL). WHOLE_DAY says, when it
 * is wrong, that leaving it out means the whole day. */
CD_MUST_CHECK int cmd_parse_session(const char *text, int whole_day,
				    int *session, struct cd_error *err);

/* A new password: CHEQUEDESK_NEW_PASSWORD, or asked twice on the
 * terminal (the rules are checked where it is saved). */
CD_MUST_CHECK int cmd_new_password(const char *user_id, char *buf, size_t len,
				   struct cd_error *err);

#endif
