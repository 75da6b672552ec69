/* keys.c - actions, keys and help texts in one table; the F-key bar and the
 * help screen are drawn from it. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "out.h"
#include "tui.h"

#define FORMS (SCR_CHEQUE | SCR_BAGS | SCR_SIGNIN)

const struct binding keys_table[] = {
    {.act = ACT_HELP,
     .key = KEY_F(1),
     .keyname = "F1",
     .label = N_("Help"),
     .help = N_("show the keys of this screen"),
     .screens = SCR_ALL & ~SCR_HELP},
    {.act = ACT_SAVE,
     .key = KEY_F(2),
     .keyname = "F2",
     .label = N_("Save"),
     .help = N_("save the form (all fields are checked first)"),
     .screens = SCR_CHEQUE | SCR_BAGS},
    /* TRANSLATORS: F2 on the batch screen: close the session's batch. */
    {.act = ACT_CLOSE,
     .key = KEY_F(2),
     .keyname = "F2",
     .label = N_("Close"),
     .help = N_("close the batch shown; asks for the branch key's access code"),
     .screens = SCR_BATCH},
    {.act = ACT_CHEQUE,
     .key = KEY_F(3),
     .keyname = "F3",
     .label = N_("Cheque"),
     .help = N_("register cheques"),
     .screens = SCR_MENU | SCR_BAGS | SCR_LIST},
    {.act = ACT_BAGS,
     .key = KEY_F(4),
     .keyname = "F4",
     .label = N_("Bags"),
     .help = N_("put bills into bags and see the open bags"),
     .screens = SCR_MENU | SCR_CHEQUE | SCR_LIST},
    {.act = ACT_LIST,
     .key = KEY_F(5),
     .keyname = "F5",
     .label = N_("List"),
     .help = N_("list the session's cheques and bills"),
     .screens = SCR_MENU | SCR_CHEQUE | SCR_BAGS},
    {.act = ACT_UPLOAD,
     .key = KEY_F(5),
     .keyname = "F5",
     .label = N_("Upload"),
     .help = N_("send the selected (or every waiting) batch to the centre"),
     .screens = SCR_BATCH},
    {.act = ACT_FILTER,
     .key = KEY_F(6),
     .keyname = "F6",
     .label = N_("Filter"),
     .help =
	 N_("filter by status, bank or teller, or search a serial, account or "
	    "amount"),
     .screens = SCR_LIST},
    {.act = ACT_BAGBILLS,
     .key = KEY_F(6),
     .keyname = "F6",
     .label = N_("Bills"),
     .help = N_("list the bills of the bag for the bank and type typed"),
     .screens = SCR_BAGS},
    /* TRANSLATORS: F6: ask the clearing centre for its new notices. */
    {.act = ACT_POLL,
     .key = KEY_F(6),
     .keyname = "F6",
     .label = N_("Poll"),
     .help = N_("read the clearing centre's new notices"),
     .screens = SCR_BATCH | SCR_NOTICES},
    {.act = ACT_PRINT,
     .key = KEY_F(7),
     .keyname = "F7",
     .label = N_("Print"),
     .help = N_("print the cheque's code line, or the bag's label (which seals "
		"the bag)"),
     .screens = SCR_PRINT | SCR_BAGS | SCR_LIST},
    /* TRANSLATORS: F8 on the list: void the selected item. */
    {.act = ACT_VOID,
     .key = KEY_F(8),
     .keyname = "F8",
     .label = N_("Void"),
     .help = N_("void the selected item (a supervisor authorises it)"),
     .screens = SCR_LIST},
    {.act = ACT_SIGNOUT,
     .key = KEY_F(9),
     .keyname = "F9",
     .label = N_("Sign out"),
     .help = N_("sign out and leave the terminal to the next user"),
     .screens = SCR_MENU},
    {.act = ACT_QUIT,
     .key = KEY_F(10),
     .keyname = "F10",
     .label = N_("Quit"),
     .help = N_("leave chequedesk"),
     .screens = SCR_MENU | SCR_SIGNIN},
    {.act = ACT_BACK,
     .key = 27,
     .keyname = "Esc",
     .label = N_("Back"),
     .help = N_("go back (a form asks first if something was typed)"),
     .screens = SCR_CHEQUE | SCR_BAGS | SCR_LIST | SCR_HELP | SCR_PRINT |
		SCR_PRINTERS | SCR_BATCH | SCR_NOTICES},
    {.act = ACT_DETAIL,
     .key = '\n',
     .keyname = "Enter",
     .label = NULL,
     .help = N_("show the selected item"),
     .screens = SCR_LIST},
    {.act = ACT_NEXT,
     .key = '\t',
     .keyname = "Tab",
     .label = NULL,
     .help = N_("next field (Enter too)"),
     .screens = FORMS},
    {.act = ACT_PREV,
     .key = KEY_BTAB,
     .keyname = "Shift-Tab",
     .label = NULL,
     .help = N_("previous field"),
     .screens = FORMS},
    {.act = ACT_UP,
     .key = KEY_UP,
     .keyname = "Up",
     .label = NULL,
     .help = N_("previous line"),
     .screens = SCR_LIST | SCR_MENU | SCR_PRINTERS | SCR_BATCH | SCR_NOTICES},
    {.act = ACT_DOWN,
     .key = KEY_DOWN,
     .keyname = "Down",
     .label = NULL,
     .help = N_("next line"),
     .screens = SCR_LIST | SCR_MENU | SCR_PRINTERS | SCR_BATCH | SCR_NOTICES},
    {.act = ACT_PGUP,
     .key = KEY_PPAGE,
     .keyname = "PgUp",
     .label = NULL,
     .help = N_("previous page"),
     .screens = SCR_LIST | SCR_NOTICES},
    {.act = ACT_PGDN,
     .key = KEY_NPAGE,
     .keyname = "PgDn",
     .label = NULL,
     .help = N_("next page"),
     .screens = SCR_LIST | SCR_NOTICES},
    /* The day's report (supervisors). */
    /* TRANSLATORS: F6 on the report screen: choose the date and session. */
    {.act = ACT_FILTER,
     .key = KEY_F(6),
     .keyname = "F6",
     .label = N_("Day"),
     .help = N_("choose the business date and session of the report"),
     .screens = SCR_REPORT},
    {.act = ACT_PRINT,
     .key = KEY_F(7),
     .keyname = "F7",
     .label = N_("Print"),
     .help =
	 N_("print the report on the ordinary printer (setting report_queue)"),
     .screens = SCR_REPORT},
    {.act = ACT_BACK,
     .key = 27,
     .keyname = "Esc",
     .label = N_("Back"),
     .help = N_("go back to the menu"),
     .screens = SCR_REPORT},
    {.act = ACT_UP,
     .key = KEY_UP,
     .keyname = "Up",
     .label = NULL,
     .help = N_("scroll up a line"),
     .screens = SCR_REPORT},
    {.act = ACT_DOWN,
     .key = KEY_DOWN,
     .keyname = "Down",
     .label = NULL,
     .help = N_("scroll down a line"),
     .screens = SCR_REPORT},
    {.act = ACT_PGUP,
     .key = KEY_PPAGE,
     .keyname = "PgUp",
     .label = NULL,
     .help = N_("previous page"),
     .screens = SCR_REPORT},
    {.act = ACT_PGDN,
     .key = KEY_NPAGE,
     .keyname = "PgDn",
     .label = NULL,
     .help = N_("next page"),
     .screens = SCR_REPORT},
    /* The set-up wizard (each step) and the administrator's set-up menu. */
    /* TRANSLATORS: F2 in the set-up wizard: this step is done. */
    {.act = ACT_SAVE,
     .key = KEY_F(2),
     .keyname = "F2",
     .label = N_("Done"),
     .help = N_("check and save this step, then go on"),
     .screens = SCR_WIZARD},
    /* TRANSLATORS: F7 in the set-up wizard: try what was set up. */
    {.act = ACT_TEST,
     .key = KEY_F(7),
     .keyname = "F7",
     .label = N_("Test"),
     .help = N_("print a test line, ask the centre, or run the checks again"),
     .screens = SCR_WIZARD},
    {.act = ACT_QUIT,
     .key = KEY_F(10),
     .keyname = "F10",
     .label = N_("Quit"),
     .help = N_("leave the set-up; the next start goes on where it stopped"),
     .screens = SCR_WIZARD},
    {.act = ACT_BACK,
     .key = 27,
     .keyname = "Esc",
     .label = N_("Back"),
     .help = N_("go back a step, or to the set-up menu"),
     .screens = SCR_WIZARD | SCR_ADMIN},
    {.act = ACT_NEXT,
     .key = '\t',
     .keyname = "Tab",
     .label = NULL,
     .help = N_("next field (Enter too; in the last field Enter is F2)"),
     .screens = SCR_WIZARD},
    {.act = ACT_PREV,
     .key = KEY_BTAB,
     .keyname = "Shift-Tab",
     .label = NULL,
     .help = N_("previous field"),
     .screens = SCR_WIZARD},
    {.act = ACT_UP,
     .key = KEY_UP,
     .keyname = "Up",
     .label = NULL,
     .help = N_("previous line or field"),
     .screens = SCR_WIZARD | SCR_ADMIN},
    {.act = ACT_DOWN,
     .key = KEY_DOWN,
     .keyname = "Down",
     .label = NULL,
     .help = N_("next line or field"),
     .screens = SCR_WIZARD | SCR_ADMIN},
    {.act = ACT_NONE,
     .key = KEY_LEFT,
     .keyname = "Left/Right",
     .label = NULL,
     .help = N_("choose the printer's profile (printer step)"),
     .screens = SCR_WIZARD},
    {.act = ACT_NONE,
     .key = '\r',
     .keyname = "Enter",
     .label = NULL,
     .help = N_("carry out the chosen entry"),
     .screens = SCR_ADMIN},
    {.act = ACT_NONE,
     .key = 0,
     .keyname = NULL,
     .label = NULL,
     .help = NULL,
     .screens = 0},
};

/* The action for KEY on SCREEN. */
enum action keys_action(unsigned screen, int key, int is_key)
{
	const struct binding *b;

	for (b = keys_table; b->keyname; b++) {
		if (!(b->screens & screen) || b->key != key)
			continue;
		/* Function keys come as key codes, Esc/Tab/Enter as chars. */
		if ((b->key >= KEY_MIN) == !!is_key)
			return b->act;
	}
	if (!is_key && key == '\r' && (screen & SCR_LIST))
		return ACT_DETAIL;
	return ACT_NONE;
}

/* Draw "F1 Help  F2 Save ..." on the last line. */
void keys_draw_bar(unsigned screen)
{
	const struct binding *b;
	int col = 0, w;

	move(LINES - 1, 0);
	clrtoeol();
	for (b = keys_table; b->keyname; b++) {
		if (!b->label || !(b->screens & screen))
			continue;
		w = (int)strlen(b->keyname);
		if (col + w + 1 >= COLS)
			break;
		attrset(tui_attr(PAINT_TITLE));
		mvaddstr(LINES - 1, col, b->keyname);
		attrset(tui_attr(PAINT_NORMAL));
		col += w + 1;
		tui_print(LINES - 1, col, COLS - col, _(b->label));
		col += out_width(_(b->label)) + 2;
	}
}

/* Draw the help lines for SCREEN, each wrapped into whole sentences. */
int keys_draw_help(unsigned screen, int row)
{
	const struct binding *b;
	int used;

	for (b = keys_table; b->keyname && row < LINES - 3; b++) {
		if (!(b->screens & screen))
			continue;
		attrset(tui_attr(PAINT_TITLE));
		mvaddstr(row, 4, b->keyname);
		attrset(tui_attr(PAINT_NORMAL));
		used = tui_print_wrapped(row, 16, COLS - 18, LINES - 3 - row,
					 _(b->help));
		row += used > 0 ? used : 1;
	}
	return row;
}
