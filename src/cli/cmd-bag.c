/* cmd-bag.c - "chequedesk bag add | list | show". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "desk-read.h"
#include "i18n.h"
#include "json-out.h"
#include "money.h"
#include "out.h"
#include "register.h"
#include "view.h"

static const struct opt_spec add_options[] = {
    {.name = "bank",
     .argname = N_("N"),
     .help = N_("the destination exchange bank number")},
    {.name = "type", .argname = N_("CODE"), .help = N_("the bill type")},
    {.name = "serial",
     .argname = N_("N"),
     .help = N_("the bill's serial number")},
    {.name = "amount",
     .argname = N_("YUAN"),
     .help = N_("the amount, e.g. 1234.56")},
    {.name = "account",
     .argname = N_("N"),
     .help = N_("the account on the bill, if any")},
    {.name = "accept-duplicate",
     .argname = NULL,
     .help = N_("add even if the serial was seen before (supervisors)")},
    {.name = "json", .argname = NULL, .help = N_("print the bag as JSON")},
    {0},
};

/* Add a bill to its bag and show the bag. */
static int add_exec(struct cmd_ctx *ctx)
{
	struct args *a = ctx->args;
	struct bill_input in;
	struct item it;
	struct bag bag;
	char fig[MONEY_FIGURES_LEN];

	memset(&in, 0, sizeof in);
	in.bank = args_get(a, "bank");
	in.type = args_get(a, "type");
	in.serial = args_get(a, "serial");
	in.amount = args_get(a, "amount");
	in.account = args_get(a, "account");
	in.accept_duplicate = args_has(a, "accept-duplicate");
	if (register_bill(ctx->desk, &in, &it, &bag, ctx->err) != CD_OK)
		return ctx->err->status;
	if (args_has(a, "json")) {
		cJSON *o = json_bag(&bag);

		cJSON_AddItemToObject(o, "item", json_item(&it));
		out_json(o);
		return CD_OK;
	}
	out_printf(stdout,
		   P_("Bill added as item %lld to bag %lld: %lld bill, total "
		      "%s.\n",
		      "Bill added as item %lld to bag %lld: %lld bills, total "
		      "%s.\n",
		      bag.count),
		   (long long)it.id, (long long)bag.id, (long long)bag.count,
		   money_format(bag.amount_fen, fig, sizeof fig));
	view_bag_detail(ctx->desk, &bag);
	return CD_OK;
}

const struct cmd_entry cmd_bag_add_entry = {
    .name = "bag add",
    .usage = N_("--bank N --type CODE --serial N --amount YUAN [--account N]"),
    .summary = N_("Put a bill into the bag for its bank and type"),
    .options = add_options,
    .max_pos = 0,
    .flags = CMD_USER,
    .exec = add_exec,
    .perm = PERM_ITEMS,
};

static const struct opt_spec list_options[] = {
    {.name = "date",
     .argname = N_("YYYY-MM-DD"),
     .help = N_("only this business date")},
    {.name = "status", .argname = N_("STATUS"), .help = N_("open or sealed")},
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* The table of "bag list": its amount column's width. */
struct list_table {
	cJSON *arr; /* or JSON */
	int amount_w;
};

/* One bag, first pass: widen the amount column for its amount. */
static int list_width(const struct bag *b, void *p)
{
	struct list_table *t = p;

	t->amount_w = view_amount_width(b->amount_fen, t->amount_w);
	return 0;
}

/* One bag: a table row or a JSON element. */
static int list_one(const struct bag *b, void *p)
{
	struct list_table *t = p;

	if (t->arr != NULL)
		cJSON_AddItemToArray(t->arr, json_bag(b));
	else
		view_bag_row(b, t->amount_w);
	return 0;
}

/* List bags. */
static int list_exec(struct cmd_ctx *ctx)
{
	struct bag_filter f;
	struct list_table t;
	char date[DATE_LEN];
	cJSON *arr = NULL;
	int rc;

	memset(&f, 0, sizeof f);
	f.date = args_get(ctx->args, "date");
	f.status = args_get(ctx->args, "status");
	if (f.date != NULL) {
		if (cd_date_parse_input(f.date, date, ctx->err) != CD_OK)
			return ctx->err->status;
		f.date = date;
	}
	if (f.status != NULL && strcmp(f.status, "open") != 0 &&
	    strcmp(f.status, "sealed") != 0)
		return cd_err(ctx->err, CD_EINVAL, "status",
			      _("A bag's status is open or sealed, not "
				"\"%s\"."),
			      f.status);
	t.amount_w = 16;
	if (args_has(ctx->args, "json"))
		arr = cJSON_CreateArray();
	/* two passes: the amount column as wide as the largest amount */
	else if (desk_bag_list(ctx->desk, &f, list_width, &t, ctx->err) !=
		 CD_OK)
		return ctx->err->status;
	else
		view_bag_header(t.amount_w);
	t.arr = arr;
	rc = desk_bag_list(ctx->desk, &f, list_one, &t, ctx->err);
	return out_json_end(arr, rc);
}

const struct cmd_entry cmd_bag_list_entry = {
    .name = "bag list",
    .usage = N_("[--date YYYY-MM-DD] [--status open|sealed] [--json]"),
    .summary = N_("List the bags and their totals"),
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

/* Add one bill to the JSON array, or print it as a row. */
static int bill_one(const struct item *it, void *p)
{
	cJSON *arr = p;

	if (arr != NULL)
		cJSON_AddItemToArray(arr, json_item(it));
	else
		view_item_row(it);
	return 0;
}

/* Show a bag and its bills. */
static int show_exec(struct cmd_ctx *ctx)
{
	struct item_filter f;
	struct bag bag;
	cJSON *o = NULL, *bills = NULL;
	long long id;
	int rc;

	if (cmd_parse_id(ctx->args->npos ? ctx->args->pos[0] : NULL, _("bag"),
			 &id, ctx->err) != CD_OK)
		return ctx->err->status;
	rc = desk_bag_get(ctx->desk, id, &bag, ctx->err);
	if (rc == CD_ENOTFOUND)
		return cd_err(ctx->err, CD_ENOTFOUND, "id",
			      _("There is no bag %lld. 'chequedesk bag list' "
				"shows the bags."),
			      id);
	if (rc != CD_OK)
		return rc;
	memset(&f, 0, sizeof f);
	f.bag_id = bag.id;
	if (args_has(ctx->args, "json")) {
		o = json_bag(&bag);
		bills = cJSON_AddArrayToObject(o, "bills");
	} else {
		view_bag_detail(ctx->desk, &bag);
		out_printf(stdout, "\n");
		view_item_header();
	}
	rc = desk_item_list(ctx->desk, &f, bill_one, bills, ctx->err);
	return out_json_end(o, rc);
}

const struct cmd_entry cmd_bag_show_entry = {
    .name = "bag show",
    .usage = N_("ID [--json]"),
    .summary = N_("Show a bag and its bills"),
    .options = show_options,
    .max_pos = 1,
    .flags = CMD_USER,
    .exec = show_exec,
    .perm = PERM_ITEMS,
};
