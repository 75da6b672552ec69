/* view.c - printing items and bags as text. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "desk-read.h"
#include "exchange.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "out.h"
#include "print.h"
#include "view.h"

/* Print "  LABEL  VALUE" with labels aligned by display width. */
static void field(const char *label, const char *value)
{
	printf("  ");
	out_cell(stdout, label, 18, 0);
	putchar(' ');
	out_text(stdout, value);
	putchar('\n');
}

/* The bank's name, or a note that it is unknown. */
static void bank_name(struct desk *d, const char *number, char *buf, size_t len)
{
	struct bank b;
	struct cd_error e;

	if (desk_bank_get(d, number, &b, &e) == CD_OK)
		/* TRANSLATORS: exchange bank number and name. */
		snprintf(buf, len, b.active ? _("%s %s") : _("%s %s (closed)"),
			 number, b.name);
	else
		snprintf(buf, len, "%s", number);
}

/* The bill type's code, name and debit/credit side. */
static void type_name(struct desk *d, const char *code, char *buf, size_t len)
{
	struct bill_type t;
	struct cd_error e;

	if (desk_billtype_get(d, code, &t, &e) == CD_OK)
		/* TRANSLATORS: bill type code, name, and debit or credit. */
		snprintf(buf, len, _("%s %s (%s)"), code, label_type(&t),
			 label_dc(t.dc));
	else
		snprintf(buf, len, "%s", code);
}

/* Every field of one item. */
void view_item_detail(struct desk *d, const struct item *it)
{
	char buf[512], fig[MONEY_FIGURES_LEN], cap[MONEY_CAPITALS_LEN];

	snprintf(buf, sizeof buf, "%lld", (long long)it->id);
	field(it->kind == ITEM_CHEQUE ? _("Cheque") : _("Bill"), buf);
	field(_("Serial"), it->serial);
	bank_name(d, it->bank, buf, sizeof buf);
	field(_("Exchange bank"), buf);
	if (it->account[0])
		field(_("Account"), it->account);
	snprintf(buf, sizeof buf, "%s  %s",
		 money_format(it->amount_fen, fig, sizeof fig),
		 money_format_capitals(it->amount_fen, cap, sizeof cap));
	field(_("Amount"), buf);
	type_name(d, it->type, buf, sizeof buf);
	field(_("Bill type"), buf);
	if (it->check_code[0])
		field(_("Check code"), it->check_code);
	if (it->phone[0])
		field(_("Phone"), it->phone);
	if (it->paykey_sm2[0])
		field(_("Payment password"), _("given"));
	if (it->payee_account[0])
		field(_("Payee account"), it->payee_account);
	if (it->payee_name[0])
		field(_("Payee name"), it->payee_name);
	snprintf(buf, sizeof buf, _("%s, session %d"), it->business_date,
		 it->session);
	field(_("Business date"), buf);
	field(_("Status"), label_status(it->status));
	field(_("Teller"), it->teller);
	field(_("Registered at"), it->created_at);
	if (it->bag_id) {
		snprintf(buf, sizeof buf, "%lld", (long long)it->bag_id);
		field(_("Bag"), buf);
	}
	if (it->duplicate_of) {
		snprintf(buf, sizeof buf,
			 _("accepted as a duplicate of item "
			   "%lld"),
			 (long long)it->duplicate_of);
		field(_("Note"), buf);
	}
	if (it->reason[0] || it->reason_code[0]) {
		const char *r = notice_reason_label(it->reason_code);

		field(_("Centre's reason"),
		      r ? r : (it->reason[0] ? it->reason : it->reason_code));
	}
	if (it->kind == ITEM_CHEQUE) {
		field(_("Code line to print"),
		      print_cheque_codeline(it, buf, sizeof buf));
	}
}

/* Column headings of the item table. */
void view_item_header(void)
{
	out_cell(stdout, _("ID"), 6, 1);
	printf(" ");
	out_cell(stdout, _("Serial"), 8, 0);
	printf(" ");
	out_cell(stdout, _("Bank"), 6, 0);
	printf(" ");
	out_cell(stdout, _("Account"), 19, 0);
	printf(" ");
	out_cell(stdout, _("Amount"), 16, 1);
	printf(" ");
	out_cell(stdout, _("Type"), 4, 0);
	printf(" ");
	out_cell(stdout, _("Status"), 10, 0);
	printf(" %s\n", _("Teller"));
}

/* One row of the item table. */
void view_item_row(const struct item *it)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)it->id);
	out_cell(stdout, buf, 6, 1);
	printf(" ");
	out_cell(stdout, it->serial, 8, 0);
	printf(" ");
	out_cell(stdout, it->bank, 6, 0);
	printf(" ");
	out_cell(stdout, it->account[0] ? it->account : "-", 19, 0);
	printf(" ");
	view_amount_cell(it->amount_fen, 16);
	printf(" ");
	snprintf(buf, sizeof buf, "%s%c", it->type, it->dc);
	out_cell(stdout, buf, 4, 0);
	printf(" ");
	out_cell(stdout, label_status(it->status), 10, 0);
	putchar(' ');
	out_text(stdout, it->teller);
	putchar('\n');
}

/* An amount right-aligned in WIDTH columns, or wider when it needs more:
 * a cell never drops a digit of money. */
void view_amount_cell(int64_t fen, int width)
{
	char fig[MONEY_FIGURES_LEN];

	printf("%*s", width, money_format(fen, fig, sizeof fig));
}

/* The columns FEN takes as figures, or MIN when that is more. */
int view_amount_width(int64_t fen, int min)
{
	char fig[MONEY_FIGURES_LEN];
	int w = (int)strlen(money_format(fen, fig, sizeof fig));

	return w > min ? w : min;
}

/* The totals line under a table of items. */
void view_item_totals(int64_t count, int64_t fen)
{
	char fig[MONEY_FIGURES_LEN];

	printf(P_("%lld item, total %s\n", "%lld items, total %s\n", count),
	       (long long)count, money_format(fen, fig, sizeof fig));
}

/* Column headings of the bag table. */
void view_bag_header(int amount_w)
{
	out_cell(stdout, _("ID"), 5, 1);
	printf(" ");
	out_cell(stdout, _("Bank"), 6, 0);
	printf(" ");
	out_cell(stdout, _("Type"), 4, 0);
	printf(" ");
	out_cell(stdout, _("Count"), 6, 1);
	printf(" ");
	out_cell(stdout, _("Amount"), amount_w, 1);
	printf(" ");
	out_cell(stdout, _("Date"), 10, 0);
	printf(" ");
	out_cell(stdout, _("Session"), 7, 1);
	printf(" %s\n", _("Status"));
}

/* A bag's status in the user's language. */
static const char *bag_label_status(const char *status)
{
	return strcmp(status, "open") == 0 ? _("open") : _("sealed");
}

/* One row of the bag table. */
void view_bag_row(const struct bag *b, int amount_w)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)b->id);
	out_cell(stdout, buf, 5, 1);
	printf(" ");
	out_cell(stdout, b->bank, 6, 0);
	printf(" ");
	snprintf(buf, sizeof buf, "%s%c", b->type, b->dc);
	out_cell(stdout, buf, 4, 0);
	printf(" ");
	snprintf(buf, sizeof buf, "%lld", (long long)b->count);
	out_cell(stdout, buf, 6, 1);
	printf(" ");
	view_amount_cell(b->amount_fen, amount_w);
	printf(" ");
	out_cell(stdout, b->business_date, 10, 0);
	printf(" ");
	snprintf(buf, sizeof buf, "%d", b->session);
	out_cell(stdout, buf, 7, 1);
	printf(" %s\n", bag_label_status(b->status));
}

/* A bag's details. */
void view_bag_detail(struct desk *d, const struct bag *b)
{
	char buf[512], fig[MONEY_FIGURES_LEN], cap[MONEY_CAPITALS_LEN];

	snprintf(buf, sizeof buf, "%lld", (long long)b->id);
	field(_("Bag"), buf);
	bank_name(d, b->bank, buf, sizeof buf);
	field(_("Exchange bank"), buf);
	type_name(d, b->type, buf, sizeof buf);
	field(_("Bill type"), buf);
	snprintf(buf, sizeof buf, "%lld", (long long)b->count);
	field(_("Bills"), buf);
	snprintf(buf, sizeof buf, "%s  %s",
		 money_format(b->amount_fen, fig, sizeof fig),
		 money_format_capitals(b->amount_fen, cap, sizeof cap));
	field(_("Amount"), buf);
	snprintf(buf, sizeof buf, _("%s, session %d"), b->business_date,
		 b->session);
	field(_("Business date"), buf);
	field(_("Status"), bag_label_status(b->status));
	field(_("Opened by"), b->opened_by);
}
