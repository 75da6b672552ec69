/* screen-menu.c - the main menu, by role. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "tui.h"

struct entry {
	char key;
	enum action act;
	const char *label; /* N_() */
	const char *fkey;
	enum perm perm; /* shown to roles with this permission */
};

static const struct entry entries[] = {
    {'1', ACT_CHEQUE, N_("Register cheques"), "F3", PERM_ITEMS},
    {'2', ACT_BAGS, N_("Bags: add bills, see open bags"), "F4", PERM_ITEMS},
    {'3', ACT_LIST, N_("Items of the session"), "F5", PERM_ITEMS},
    {'4', ACT_PRINTERS, N_("Printers: this terminal's printer"), "",
     PERM_SETUP},
    {'5', ACT_NOTICES, N_("Notices from the clearing centre"), "", PERM_ITEMS},
    {'6', ACT_BATCHES, N_("Batches: close, upload, poll"), "", PERM_BATCH},
    {'7', ACT_ADMIN, N_("Set-up: key, printer, centre"), "", PERM_SETUP},
    {'8', ACT_REPORT, N_("Day's report: items and totals"), "", PERM_BATCH},
    {'9', ACT_SIGNOUT, N_("Sign out"), "F9", PERM_ANY},
    {'0', ACT_QUIT, N_("Quit"), "F10", PERM_ANY},
};
#define NENTRIES (int)(sizeof entries / sizeof entries[0])

static int selected;

/* Start at the first entry. */
static void menu_enter(struct tui *t)
{
	(void)t;
	selected = 0;
}

/* "3 new notices from the centre" on ROW, when there are any. */
static void draw_unseen(struct tui *t, int row)
{
	struct desk *d = t->desk;
	int supervisor = d->user.role == ROLE_SUPERVISOR;
	struct cd_error err;
	char line[160];
	int64_t n = 0;

	if (!desk_may(d, PERM_ITEMS))
		return;
	cd_err_clear(&err);
	if (desk_notice_unseen(d, supervisor, supervisor ? NULL : d->user.id,
			       &n, &err) != CD_OK) {
		attrset(tui_attr(PAINT_ERROR));
		tui_print(row, 2, COLS - 4, err.msg);
	} else if (n > 0) {
		snprintf(line, sizeof line,
			 P_("%lld new notice from the centre",
			    "%lld new notices from the centre", n),
			 (long long)n);
		attrset(tui_attr(PAINT_WARNING));
		tui_print(row, 21, COLS - 22, line);
	}
	attrset(tui_attr(PAINT_NORMAL));
}

/* Draw the entries the user's role may use. */
static void menu_draw(struct tui *t, int full)
{
	char line[160];
	int i, row = 4, step;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	snprintf(line, sizeof line, _("Main menu - %s %s (%s)"),
		 t->desk->user.id, t->desk->user.name,
		 role_label(t->desk->user.role));
	tui_print(1, 2, COLS - 4, line);
	attrset(tui_attr(PAINT_NORMAL));
	draw_unseen(t, 2);
	/* ten entries (a supervisor's) fit only one to a row */
	for (i = 0, step = 0; i < NENTRIES; i++)
		step += desk_may(t->desk, entries[i].perm);
	step = step > 9 ? 1 : 2;
	for (i = 0; i < NENTRIES; i++) {
		if (!desk_may(t->desk, entries[i].perm))
			continue;
		attrset(tui_attr(i == selected ? PAINT_FOCUS : PAINT_NORMAL));
		mvhline(row, 20, ' ', 44);
		mvaddch(row, 21, (chtype)entries[i].key);
		tui_print(row, 24, 34, _(entries[i].label));
		tui_print(row, 59, 4, entries[i].fkey);
		attrset(tui_attr(PAINT_NORMAL));
		row += step;
	}
	tui_print(LINES - 3, 1, COLS - 2,
		  _("Type the number or use the arrows and Enter."));
}

/* Carry out an action chosen in the menu, if the user's role allows it
 * (refusals are audited). */
static int menu_do(struct tui *t, enum action act)
{
	struct cd_error err;
	char verb[64];
	int i;

	for (i = 0; i < NENTRIES; i++)
		if (entries[i].act == act &&
		    !desk_may(t->desk, entries[i].perm)) {
			snprintf(verb, sizeof verb, "screen.menu-%c",
				 entries[i].key);
			/* refused, and the refusal audited */
			if (desk_require(t->desk, entries[i].perm, verb,
					 &err) != CD_OK)
				tui_message(t, PAINT_ERROR, "%s", err.msg);
			return TUI_HANDLED;
		}
	switch (act) {
	case ACT_CHEQUE:
		tui_switch(t, &screen_cheque);
		break;
	case ACT_BAGS:
		tui_switch(t, &screen_bags);
		break;
	case ACT_LIST:
		tui_switch(t, &screen_list);
		break;
	case ACT_PRINTERS:
		if (desk_may(t->desk, PERM_SETUP))
			tui_switch(t, &screen_printers);
		break;
	case ACT_ADMIN:
		if (desk_may(t->desk, PERM_SETUP))
			tui_switch(t, &screen_admin);
		break;
	case ACT_NOTICES:
		tui_switch(t, &screen_notices);
		break;
	case ACT_REPORT:
		if (desk_may(t->desk, PERM_BATCH))
			tui_switch(t, &screen_report);
		break;
	case ACT_BATCHES:
		if (desk_may(t->desk, PERM_BATCH))
			tui_switch(t, &screen_batch);
		break;
	case ACT_SIGNOUT:
		desk_session_end(t->desk, "signed-out");
		memset(&t->desk->user, 0, sizeof t->desk->user);
		tui_message(t, PAINT_OK, "%s", _("Signed out."));
		tui_switch(t, &screen_signin);
		break;
	case ACT_QUIT:
		return TUI_QUIT;
	default:
		break;
	}
	return TUI_HANDLED;
}

/* Keys: digits, arrows and Enter, and the F-keys. */
static int menu_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	int i;

	if (act == ACT_UP || act == ACT_DOWN) {
		/* Move to the next entry this user sees. */
		for (i = selected + (act == ACT_UP ? -1 : 1);
		     i >= 0 && i < NENTRIES; i += act == ACT_UP ? -1 : 1)
			if (desk_may(t->desk, entries[i].perm)) {
				selected = i;
				break;
			}
	} else if (act != ACT_NONE)
		return menu_do(t, act);
	else if (!is_key && (ch == '\r' || ch == '\n'))
		return menu_do(t, entries[selected].act);
	else
		for (i = 0; i < NENTRIES; i++)
			if (!is_key && (wint_t)entries[i].key == ch &&
			    desk_may(t->desk, entries[i].perm))
				return menu_do(t, entries[i].act);
	return TUI_HANDLED;
}

const struct screen screen_menu = {
    .name = "menu",
    .id = SCR_MENU,
    .has_form = 0,
    .enter = menu_enter,
    .draw = menu_draw,
    .key = menu_key,
    .place_cursor = NULL,
};
