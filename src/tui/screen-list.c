/* screen-list.c - the session's cheques and bills: scroll, filter, search,
 * and one item's details. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "desk-read.h"
#include "exchange.h"
#include "grow.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "screen-print.h"
#include "tui-popup.h"
#include "tui.h"
#include "void.h"

#define TOP 3 /* first row of items */

static struct item *items;
static size_t nitems, cap;
static int selected, offset, detail;
static char filter_text[128];
static char date[DATE_LEN];
static int session;

/* Gather one item into the array. */
static int gather(const struct item *it, void *ctx)
{
	(void)ctx;
	if (GROW_ONE(items, cap, (size_t)nitems) != 0)
		return 1;
	items[nitems++] = *it;
	return 0;
}

/* Apply the filter text ("status:S bank:N teller:ID TERM") to F. */
static void parse_filter(char *text, struct item_filter *f)
{
	struct cd_error err;
	char *tok, *save = NULL;
	int64_t fen;

	for (tok = strtok_r(text, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (strncmp(tok, "status:", 7) == 0)
			f->status = tok + 7;
		else if (strncmp(tok, "bank:", 5) == 0)
			f->bank = tok + 5;
		else if (strncmp(tok, "teller:", 7) == 0)
			f->teller = tok + 7;
		else {
			f->search = tok;
			if (money_parse(tok, &fen, &err) == CD_OK)
				f->search_fen = fen;
		}
	}
}

/* Reload the items of the current session (or bag) with the filter. */
static void reload(struct tui *t)
{
	struct business_slot slot;
	struct item_filter f;
	struct cd_error err;
	struct cd_now now;
	char copy[sizeof filter_text];

	nitems = 0;
	memset(&f, 0, sizeof f);
	if (t->list_bag) {
		f.bag_id = t->list_bag;
	} else {
		if (desk_slot(t->desk, &now, &slot, &err) != CD_OK) {
			tui_message(t, PAINT_ERROR, "%s", err.msg);
			return;
		}
		f.date = cd_date_format(slot.date, date);
		f.session = session = slot.session;
	}
	snprintf(copy, sizeof copy, "%s", filter_text);
	parse_filter(copy, &f);
	if (desk_item_list(t->desk, &f, gather, NULL, &err) != CD_OK)
		tui_message(t, PAINT_ERROR, "%s", err.msg);
	if (selected >= (int)nitems)
		selected = nitems ? (int)nitems - 1 : 0;
}

/* Show the list (kept in place when coming back to it). */
static void list_enter(struct tui *t)
{
	detail = 0;
	reload(t);
	/* Coming back (from printing, say) keeps the place in the list. */
	if (selected >= (int)nitems)
		selected = offset = 0;
}

/* Rows available for items. */
static int page(void)
{
	return LINES - TOP - 4;
}

/* One item's details. */
static void draw_detail(const struct item *it)
{
	char buf[256], fig[MONEY_FIGURES_LEN], cap[MONEY_CAPITALS_LEN];
	int row = TOP;
	const char *labels[] = {
	    _("Item"),		_("Serial"), _("Exchange bank"),
	    _("Account"),	_("Amount"), _("Bill type"),
	    _("Check code"),	_("Phone"),  _("Payee"),
	    _("Business date"), _("Status"), _("Teller"),
	    _("Registered at")};
	char values[13][256];
	const char *why;
	int i;

	snprintf(values[0], 256, "%lld%s", (long long)it->id,
		 it->kind == ITEM_BILL ? _(" (bill in a bag)") : "");
	snprintf(values[1], 256, "%s", it->serial);
	snprintf(values[2], 256, "%s", it->bank);
	snprintf(values[3], 256, "%s", it->account);
	snprintf(values[4], 256, "%s  %s",
		 money_format(it->amount_fen, fig, sizeof fig),
		 money_format_capitals(it->amount_fen, cap, sizeof cap));
	snprintf(values[5], 256, "%s %s", it->type, label_dc(it->dc));
	snprintf(values[6], 256, "%s", it->check_code);
	snprintf(values[7], 256, "%s", it->phone);
	snprintf(values[8], 256, "%s %s", it->payee_account, it->payee_name);
	snprintf(values[9], 256, _("%s, session %d"), it->business_date,
		 it->session);
	why = notice_reason_label(it->reason_code);
	if (why == NULL)
		why = it->reason;
	/* a rejected or returned item says why */
	snprintf(values[10], 256, "%.40s%s%.200s", label_status(it->status),
		 why[0] ? ": " : "", why);
	snprintf(values[11], 256, "%s", it->teller);
	snprintf(values[12], 256, "%s", it->created_at);
	for (i = 0; i < 13; i++) {
		if (values[i][0] == '\0' || strcmp(values[i], " ") == 0)
			continue;
		tui_print(row, 4, 20, labels[i]);
		tui_print(row++, 24, COLS - 26, values[i]);
	}
	(void)buf;
}

/* The width of the amount column: the widest amount in the list. */
static int amount_w = 14;

/* One row of the item table, aligned by display width. */
static void draw_row(int row, const char *id, const char *serial,
		     const char *bank, const char *account, const char *amount,
		     const char *type, const char *status, const char *teller)
{
	int col = tui_cell(row, 0, 5, id, 1);

	col = tui_cell(row, col, 8, serial, 0);
	col = tui_cell(row, col, 6, bank, 0);
	col = tui_cell(row, col, 19, account, 0);
	col = tui_cell(row, col, amount_w, amount, 1);
	col = tui_cell(row, col, 4, type, 0);
	col = tui_cell(row, col, 10, status, 0);
	tui_cell(row, col, COLS - col - 1, teller, 0);
}

/* Draw the list, or the selected item's details. */
static void list_draw(struct tui *t, int full)
{
	char line[256], fig[MONEY_FIGURES_LEN], id[24], type[4];
	int64_t total = 0;
	size_t i;
	int row;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	if (t->list_bag)
		snprintf(line, sizeof line, _("Bills of bag %lld"),
			 (long long)t->list_bag);
	else
		snprintf(line, sizeof line, _("Items of %s session %d"), date,
			 session);
	if (filter_text[0]) {
		size_t n = strlen(line);

		snprintf(line + n, sizeof line - n, _("  [filter: %s]"),
			 filter_text);
	}
	tui_print(1, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
	if (detail && nitems) {
		draw_detail(&items[selected]);
		return;
	}
	amount_w = 14; /* as wide as the largest amount: no digit cut */
	for (i = 0; i < nitems; i++) {
		int w = (int)strlen(
		    money_format(items[i].amount_fen, fig, sizeof fig));

		if (w > amount_w)
			amount_w = w;
	}
	attrset(A_BOLD);
	draw_row(2, _("ID"), _("Serial"), _("Bank"), _("Account"), _("Amount"),
		 _("Type"), _("Status"), _("Teller"));
	attrset(tui_attr(PAINT_NORMAL));
	if (selected < offset)
		offset = selected;
	if (selected >= offset + page())
		offset = selected - page() + 1;
	for (i = 0; i < nitems; i++)
		if (strcmp(items[i].status, "voided") != 0)
			total += items[i].amount_fen;
	for (row = TOP, i = (size_t)offset; i < nitems && row < TOP + page();
	     i++, row++) {
		const struct item *it = &items[i];
		enum tui_paint role = PAINT_NORMAL;

		if ((int)i == selected)
			role = PAINT_FOCUS;
		else if (strcmp(it->status, "rejected") == 0 ||
			 strcmp(it->status, "returned") == 0)
			role = PAINT_ERROR;
		attrset(tui_attr(role));
		mvhline(row, 0, ' ', COLS);
		snprintf(id, sizeof id, "%lld", (long long)it->id);
		snprintf(type, sizeof type, "%s%c", it->type, it->dc);
		draw_row(row, id, it->serial, it->bank,
			 it->account[0] ? it->account : "-",
			 money_format(it->amount_fen, fig, sizeof fig), type,
			 label_status(it->status), it->teller);
		attrset(tui_attr(PAINT_NORMAL));
	}
	snprintf(line, sizeof line,
		 P_("%zu item, total %s", "%zu items, total %s", nitems),
		 nitems, money_format(total, fig, sizeof fig));
	tui_print(LINES - 3, 1, COLS - 2, line);
}

/* F8: void IT after asking why; a supervisor authorises in a pop-up. */
static void void_selected(struct tui *t, const struct item *it)
{
	char reason[256], question[128];
	struct cd_error err;
	int64_t id = it->id;
	int rc;

	snprintf(question, sizeof question, _("Why is item %lld voided?"),
		 (long long)id);
	tui_prompt(t, question, reason, sizeof reason);
	if (reason[0] == '\0') {
		tui_message(t, PAINT_WARNING, "%s",
			    _("Not voided: a reason is needed."));
		return;
	}
	cd_err_clear(&err);
	while ((rc = item_void(t->desk, id, reason, &err)) != CD_OK &&
	       strcmp(err.field, "authorise") == 0 && tui_authorise(t, &err))
		;
	if (rc == CD_OK)
		tui_message(t, PAINT_OK, _("Item %lld voided."), (long long)id);
	else if (strcmp(err.field, "authorise") != 0)
		tui_message(t, PAINT_ERROR, "%s", err.msg);
	reload(t);
}

/* Keys of the list. */
static int list_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	(void)ch;
	(void)is_key;
	if (detail && act != ACT_NONE && act != ACT_PRINT) {
		detail = 0;
		return TUI_HANDLED;
	}
	switch (act) {
	case ACT_UP:
		if (selected > 0)
			selected--;
		break;
	case ACT_DOWN:
		if (selected + 1 < (int)nitems)
			selected++;
		break;
	case ACT_PGUP:
		selected = selected > page() ? selected - page() : 0;
		break;
	case ACT_PGDN:
		selected += page();
		if (selected >= (int)nitems)
			selected = nitems ? (int)nitems - 1 : 0;
		break;
	case ACT_DETAIL:
		detail = nitems > 0;
		break;
	case ACT_PRINT:
		if (nitems == 0)
			break;
		screen_print_open(t, items[selected].kind == ITEM_BILL,
				  items[selected].kind == ITEM_BILL
				      ? items[selected].bag_id
				      : items[selected].id);
		break;
	case ACT_VOID:
		if (nitems > 0)
			void_selected(t, &items[selected]);
		break;
	case ACT_FILTER:
		tui_prompt(t,
			   _("Filter (status:S bank:N teller:ID, or a serial, "
			     "account or amount):"),
			   filter_text, sizeof filter_text);
		selected = offset = 0;
		reload(t);
		break;
	case ACT_BACK:
		t->list_bag = 0;
		tui_switch(t, &screen_menu);
		break;
	case ACT_CHEQUE:
		t->list_bag = 0;
		tui_switch(t, &screen_cheque);
		break;
	case ACT_BAGS:
		t->list_bag = 0;
		tui_switch(t, &screen_bags);
		break;
	default:
		break;
	}
	return TUI_HANDLED;
}

const struct screen screen_list = {
    .name = "list",
    .id = SCR_LIST,
    .has_form = 0,
    .enter = list_enter,
    .draw = list_draw,
    .key = list_key,
    .place_cursor = NULL,
};
