/* cmd-cheque.c - "chequedesk cheque add | list | show". */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "calendar.h"
#include "cmd.h"
#include "desk-read.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"
#include "passwd.h"
#include "prompt.h"
#include "register.h"
#include "view.h"

static const struct opt_spec add_options[] = {
    {.name = "serial",
     .argname = N_("N"),
     .help = N_("the cheque's 8-digit serial")},
    {.name = "bank",
     .argname = N_("N"),
     .help = N_("the drawee's exchange bank number")},
    {.name = "micr",
     .argname = N_("LINE"),
     .help = N_("the code line from a MICR reader (gives "
		"serial and bank)")},
    {.name = "account", .argname = N_("N"), .help = N_("the drawer's account")},
    {.name = "amount",
     .argname = N_("YUAN"),
     .help = N_("the amount, e.g. 1234.56")},
    {.name = "type",
     .argname = N_("CODE"),
     .help = N_("bill type (default 01, transfer cheque)")},
    {.name = "phone",
     .argname = N_("N"),
     .help = N_("the drawer's phone number")},
    {.name = "paykey",
     .argname = N_("-"),
     .help =
	 N_("the 16-digit payment password: '-' asks for it without echo (or "
	    "reads standard input, or CHEQUEDESK_PAYKEY)")},
    {.name = "payee-account",
     .argname = N_("N"),
     .help = N_("the payee's account")},
    {.name = "payee-name",
     .argname = N_("NAME"),
     .help = N_("the payee's name")},
    {.name = "accept-duplicate",
     .argname = NULL,
     .help = N_("register even if the serial was seen before (supervisors)")},
    {.name = "json", .argname = NULL, .help = N_("print the item as JSON")},
    {0},
};

/* The payment password for "--paykey -" into BUF: CHEQUEDESK_PAYKEY, or
 * asked without echo on the terminal, or the first line of standard input
 * when it is not a terminal. A value on the command line is refused: every
 * user of the computer sees it in ps. */
static int read_paykey(const char *opt, char *buf, size_t len,
		       struct cd_error *err)
{
	size_t n;

	if (strcmp(opt, "-") != 0)
		return cd_err(err, CD_EINVAL, "paykey",
			      _("A payment password on the command line can "
				"be seen by every user of this computer. Give "
				"--paykey - and type it when asked (or pipe it "
				"in, or set CHEQUEDESK_PAYKEY)."));
	if (getenv("CHEQUEDESK_PAYKEY") != NULL || isatty(STDIN_FILENO)) {
		if (passwd_read("CHEQUEDESK_PAYKEY",
				_("Payment password (not shown): "), buf, len,
				err) != CD_OK)
			return err->status;
	} else {
		if (fgets(buf, (int)len, stdin) == NULL)
			buf[0] = '\0';
		n = strcspn(buf, "\r\n");
		if (buf[n] == '\0' && n + 1 == len)
			return cd_err(err, CD_EINVAL, "paykey",
				      _("The payment password on standard "
					"input is too long. It has 16 "
					"digits."));
		buf[n] = '\0';
	}
	if (buf[0] == '\0')
		return cd_err(err, CD_EINVAL, "paykey",
			      _("No payment password was given. Type its 16 "
				"digits when asked, or leave out --paykey for "
				"a cheque without one."));
	return CD_OK;
}

/* Register one cheque and show what was stored. */
static int add_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct cheque_input in;
	struct item it;
	char paykey[64];
	int cutoff, rc;

	memset(&in, 0, sizeof in);
	in.micr = args_get(a, "micr");
	in.serial = args_get(a, "serial");
	in.bank = args_get(a, "bank");
	in.account = args_get(a, "account");
	in.amount = args_get(a, "amount");
	in.type = args_get(a, "type");
	in.phone = args_get(a, "phone");
	in.paykey = args_get(a, "paykey");
	if (in.paykey != NULL) {
		if (read_paykey(in.paykey, paykey, sizeof paykey, ctx->err) !=
		    CD_OK)
			return ctx->err->status;
		in.paykey = paykey;
	}
	in.payee_account = args_get(a, "payee-account");
	in.payee_name = args_get(a, "payee-name");
	in.accept_duplicate = args_has(a, "accept-duplicate");
	rc = register_cheque(ctx->desk, &in, &it, ctx->err);
	OPENSSL_cleanse(paykey, sizeof paykey);
	if (rc != CD_OK)
		return rc;
	if (args_has(a, "json")) {
		out_json(json_item(&it));
		return CD_OK;
	}
	cutoff = ctx->desk->conf.cal.cutoff[it.session - 1];
	out_printf(stdout,
		   _("Cheque registered as item %lld, check code %s, for %s "
		     "session %d (cut-off %02d:%02d).\n"),
		   (long long)it.id, it.check_code, it.business_date,
		   it.session, cutoff / 60, cutoff % 60);
	view_item_detail(ctx->desk, &it);
	return CD_OK;
}

const struct cmd_entry cmd_cheque_add_entry = {
    .name = "cheque add",
    .usage = N_("--serial N --bank N --account N --amount YUAN [OPTION]..."),
    .summary = N_("Register a cheque received at the counter"),
    .options = add_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = add_exec,
    .perm = PERM_ITEMS,
};

static const struct opt_spec list_options[] = {
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("business date (default: today's)")},
    {.name = "session", .argname = N_("N"), .help = N_("only this session")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

struct list_ctx {
	cJSON *arr;
	int64_t count, fen;
};

/* One item: a table row or a JSON element. */
static int list_one(const struct item *it, void *p)
{
	struct list_ctx *lc = p;

	if (lc->arr != NULL) {
		cJSON_AddItemToArray(lc->arr, json_item(it));
		return 0;
	}
	view_item_row(it);
	if (strcmp(it->status, "voided") != 0) {
		lc->count++;
		lc->fen += it->amount_fen;
	}
	return 0;
}

/* Work out the date and session filter from the options. */
static int slot_filter(struct cmd_ctx *ctx, char *date, int *session)
{
	const char *d = args_get(ctx->args, "date");
	const char *s = args_get(ctx->args, "session");
	struct business_slot slot;
	struct cd_now now;
	long long n;

	*session = 0;
	if (d != NULL) {
		if (cd_date_parse_input(d, date, ctx->err) != CD_OK)
			return ctx->err->status;
	} else {
		if (desk_slot(ctx->desk, &now, &slot, ctx->err) != CD_OK)
			return ctx->err->status;
		cd_date_format(slot.date, date);
	}
	if (s != NULL) {
		if (cmd_parse_id(s, _("session"), &n, ctx->err) != CD_OK)
			return ctx->err->status;
		if (n > ctx->desk->conf.cal.nsessions)
			return cd_err(ctx->err, CD_EINVAL, "session",
				      P_("There is only %d session a day.",
					 "There are only %d sessions a day.",
					 ctx->desk->conf.cal.nsessions),
				      ctx->desk->conf.cal.nsessions);
		*session = (int)n;
	}
	return CD_OK;
}

/* List the cheques of a business date. */
static int list_exec(struct cmd_ctx *ctx)
{
	struct item_filter f;
	struct list_ctx lc = {NULL, 0, 0};
	char date[DATE_LEN];
	int rc;

	memset(&f, 0, sizeof f);
	if (slot_filter(ctx, date, &f.session) != CD_OK)
		return ctx->err->status;
	f.date = date;
	f.kind = "cheque";
	if (args_has(ctx->args, "json"))
		lc.arr = cJSON_CreateArray();
	else
		view_item_header();
	rc = desk_item_list(ctx->desk, &f, list_one, &lc, ctx->err);
	if (lc.arr == NULL && rc == CD_OK)
		view_item_totals(lc.count, lc.fen);
	return out_json_end(lc.arr, rc);
}

const struct cmd_entry cmd_cheque_list_entry = {
    .name = "cheque list",
    .usage = N_("[--date YYYY-MM-DD] [--session N] [--json]"),
    .summary = N_("List the cheques of a business date"),
    .options = list_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = list_exec,
    .perm = PERM_ITEMS,
};

static const struct opt_spec show_options[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* Show one item. */
static int show_exec(struct cmd_ctx *ctx)
{
	struct item it;
	long long id;
	int rc;

	if (cmd_parse_id(ctx->args->npos ? ctx->args->pos[0] : NULL, _("item"),
			 &id, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = desk_item_get(ctx->desk, id, &it, ctx->err);
	if (rc == CD_ENOTFOUND)
		return cd_err(ctx->err, CD_ENOTFOUND, "id",
			      _("There is no item %lld. 'chequedesk cheque "
				"list' shows the items of the day."),
			      id);
	if (rc != CD_OK)
		return rc;
	if (args_has(ctx->args, "json"))
		out_json(json_item(&it));
	else
		view_item_detail(ctx->desk, &it);
	return CD_OK;
}

const struct cmd_entry cmd_cheque_show_entry = {
    .name = "cheque show",
    .usage = N_("ID [--json]"),
    .summary = N_("Show one registered item"),
    .options = show_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = show_exec,
    .perm = PERM_ITEMS,
};
