/* screen-bags.c - putting bills into bags (forms/bill.form) with the open
 * bags of the session listed below. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "desk-read.h"
#include "i18n.h"
#include "money.h"
#include "register.h"
#include "screen-entry.h"
#include "screen-print.h"
#include "tui-form.h"

#define TABLE_ROW 10

static struct tui_form form;
static int64_t last_bag;

/* Load the form once. */
static void bags_enter(struct tui *t)
{
	struct cd_error err;

	if (form.form == NULL) {
		if (tui_form_open(&form, t->desk->conf.datadir, "bill", &err) !=
		    CD_OK)
			tui_fatal(&err);
		tui_form_clear(&form);
	}
}

struct table {
	int row;
	int64_t count, fen;
};

/* One open bag as a table row. */
static int bag_row(const struct bag *b, void *p)
{
	struct table *tb = p;
	char line[160], fig[MONEY_FIGURES_LEN];
	int col;

	tb->count += b->count;
	tb->fen += b->amount_fen;
	if (tb->row >= LINES - 4)
		return 0;
	attrset(tui_attr(b->id == last_bag ? PAINT_OK : PAINT_NORMAL));
	snprintf(line, sizeof line, "%lld", (long long)b->id);
	col = tui_cell(tb->row, 2, 6, line, 1);
	col = tui_cell(tb->row, col, 6, b->bank, 0);
	snprintf(line, sizeof line, "%s%c", b->type, b->dc);
	col = tui_cell(tb->row, col, 4, line, 0);
	snprintf(line, sizeof line, "%lld", (long long)b->count);
	col = tui_cell(tb->row, col, 6, line, 1);
	money_format(b->amount_fen, fig, sizeof fig);
	/* never cut: a wider amount pushes past the column */
	tui_cell(tb->row++, col, (int)strlen(fig) > 18 ? (int)strlen(fig) : 18,
		 fig, 1);
	attrset(tui_attr(PAINT_NORMAL));
	return 0;
}

/* Draw the form and the session's open bags. */
static void bags_draw(struct tui *t, int full)
{
	struct business_slot slot;
	struct bag_filter f;
	struct table tb = {TABLE_ROW + 2, 0, 0};
	struct cd_error err;
	struct cd_now now;
	char date[DATE_LEN], line[160], fig[MONEY_FIGURES_LEN];
	int row, col;

	tui_form_draw(&form, full);
	for (row = TABLE_ROW; row < LINES - 3; row++) {
		move(row, 0);
		clrtoeol();
	}
	if (desk_slot(t->desk, &now, &slot, &err) != CD_OK)
		return;
	memset(&f, 0, sizeof f);
	f.date = cd_date_format(slot.date, date);
	f.session = slot.session;
	f.status = "open";
	attrset(tui_attr(PAINT_TITLE));
	mvhline(TABLE_ROW, 0, ' ', COLS);
	tui_print(TABLE_ROW, 2, COLS - 4, _("Open bags of this session"));
	attrset(tui_attr(PAINT_NORMAL));
	col = tui_cell(TABLE_ROW + 1, 2, 6, _("Bag"), 1);
	col = tui_cell(TABLE_ROW + 1, col, 6, _("Bank"), 0);
	col = tui_cell(TABLE_ROW + 1, col, 4, _("Type"), 0);
	col = tui_cell(TABLE_ROW + 1, col, 6, _("Count"), 1);
	tui_cell(TABLE_ROW + 1, col, 18, _("Amount"), 1);
	if (desk_bag_list(t->desk, &f, bag_row, &tb, &err) != CD_OK)
		tui_message(t, PAINT_ERROR, "%s", err.msg);
	snprintf(line, sizeof line,
		 P_("%lld bill in open bags, total %s",
		    "%lld bills in open bags, total %s", tb.count),
		 (long long)tb.count, money_format(tb.fen, fig, sizeof fig));
	tui_print(tb.row + 1, 2, COLS - 4, line);
}

/* The value of field NAME. */
static const char *value_of(const char *name, char *buf)
{
	int idx = formdef_find(&form.def, name);

	if (idx < 0)
		return NULL;
	return tui_form_value(&form, idx, buf, 256);
}

/* F2: add the bill; bank and type stay for the next bill. */
static int bags_save(struct tui *t)
{
	char b[5][256];
	struct bill_input in;
	struct cd_error err;
	struct item it;
	struct bag bag;
	char fig[MONEY_FIGURES_LEN];
	int idx;

	memset(&in, 0, sizeof in);
	in.bank = value_of("bank", b[0]);
	in.type = value_of("type", b[1]);
	in.serial = value_of("serial", b[2]);
	in.amount = value_of("amount", b[3]);
	in.account = value_of("account", b[4]);
	cd_err_clear(&err);
	while (register_bill(t->desk, &in, &it, &bag, &err) != CD_OK) {
		if (entry_retry(t, &form, &err, &in.accept_duplicate))
			continue;
		entry_show_error(t, &form, &err);
		return TUI_HANDLED;
	}
	last_bag = bag.id;
	tui_message(t, PAINT_OK,
		    P_("Saved: item %lld in bag %lld, now %lld bill, %s.",
		       "Saved: item %lld in bag %lld, now %lld bills, %s.",
		       bag.count),
		    (long long)it.id, (long long)bag.id, (long long)bag.count,
		    money_format(bag.amount_fen, fig, sizeof fig));
	/* The next bill usually goes into the same bag. */
	idx = formdef_find(&form.def, "serial");
	tui_form_set(&form, idx, "");
	tui_form_set(&form, formdef_find(&form.def, "amount"), "");
	if (formdef_find(&form.def, "account") >= 0)
		tui_form_set(&form, formdef_find(&form.def, "account"), "");
	tui_form_note(&form, idx, PAINT_NORMAL, 0, NULL);
	tui_form_note(&form, formdef_find(&form.def, "amount"), PAINT_NORMAL, 0,
		      NULL);
	tui_form_focus(&form, idx);
	return TUI_HANDLED;
}

/* The open bag for the bank and type typed, else the last bag used; 0
 * (with a message) when there is none. */
static int64_t current_bag(struct tui *t)
{
	char bank[256], type[256];
	struct business_slot slot;
	struct cd_error err;
	struct cd_now now;
	struct bag bag;
	char date[DATE_LEN];

	value_of("bank", bank);
	value_of("type", type);
	if (bank[0] && type[0] &&
	    desk_slot(t->desk, &now, &slot, &err) == CD_OK &&
	    desk_bag_find_open(t->desk, cd_date_format(slot.date, date),
			       slot.session, bank, type, &bag, &err) == 1)
		last_bag = bag.id;
	if (last_bag == 0)
		tui_message(t, PAINT_WARNING, "%s",
			    _("No bag yet: type the bank and bill type of a "
			      "bag first."));
	return last_bag;
}

/* F6: the bills of the bag for the bank and type typed. */
static int bags_bills(struct tui *t)
{
	if (current_bag(t) == 0)
		return TUI_HANDLED;
	t->list_bag = last_bag;
	tui_switch(t, &screen_list);
	return TUI_HANDLED;
}

/* F7: print that bag's label (which seals it). */
static int bags_print(struct tui *t)
{
	if (current_bag(t) == 0)
		return TUI_HANDLED;
	screen_print_open(t, 1, last_bag);
	return TUI_HANDLED;
}

/* Whether a bill is half typed (bank and type stay between bills). */
static int bill_typed(void)
{
	static const char *const names[] = {"serial", "amount", "account"};
	char buf[256];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = value_of(names[i], buf);

		if (v != NULL && *v)
			return 1;
	}
	return 0;
}

/* Keys of the bags screen. */
static int bags_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	switch (act) {
	case ACT_SAVE:
		return bags_save(t);
	case ACT_BAGBILLS:
		return bags_bills(t);
	case ACT_PRINT:
		return bags_print(t);
	case ACT_BACK:
	case ACT_CHEQUE:
	case ACT_LIST:
		if (bill_typed() &&
		    !tui_confirm(t, _("Discard what you typed? (y/n)")))
			return TUI_HANDLED;
		tui_form_clear(&form);
		tui_switch(t, act == ACT_BACK	  ? &screen_menu
			      : act == ACT_CHEQUE ? &screen_cheque
						  : &screen_list);
		return TUI_HANDLED;
	default:
		break;
	}
	return entry_key(t, &form, ITEM_BILL, ch, is_key);
}

/* Leave the cursor in the form. */
static void bags_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen screen_bags = {
    .name = "bags",
    .id = SCR_BAGS,
    .has_form = 1,
    .enter = bags_enter,
    .draw = bags_draw,
    .key = bags_key,
    .place_cursor = bags_cursor,
};
