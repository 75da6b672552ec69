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
    {ACT_HELP, KEY_F(1), "F1", N_("Help"), N_("show the keys of this screen"),
     SCR_ALL & ~SCR_HELP},
    {ACT_SAVE, KEY_F(2), "F2", N_("Save"),
     N_("save the form (all fields are checked first)"), SCR_CHEQUE | SCR_BAGS},
    /* TRANSLATORS: F2 on the batch screen: close the session's batch. */
    {ACT_CLOSE, KEY_F(2), "F2", N_("Close"),
     N_("close the batch shown; asks for the branch key's access code"),
     SCR_BATCH},
    {ACT_CHEQUE, KEY_F(3), "F3", N_("Cheque"), N_("register cheques"),
     SCR_MENU | SCR_BAGS | SCR_LIST},
    {ACT_BAGS, KEY_F(4), "F4", N_("Bags"),
     N_("put bills into bags and see the open bags"),
     SCR_MENU | SCR_CHEQUE | SCR_LIST},
    {ACT_LIST, KEY_F(5), "F5", N_("List"),
     N_("list the session's cheques and bills"),
     SCR_MENU | SCR_CHEQUE | SCR_BAGS},
    {ACT_UPLOAD, KEY_F(5), "F5", N_("Upload"),
     N_("send the selected (or every waiting) batch to the centre"), SCR_BATCH},
    {ACT_FILTER, KEY_F(6), "F6", N_("Filter"),
     N_("filter by status, bank or teller, or search a serial, account or "
	"amount"),
     SCR_LIST},
    {ACT_BAGBILLS, KEY_F(6), "F6", N_("Bills"),
     N_("list the bills of the bag for the bank and type typed"), SCR_BAGS},
    /* TRANSLATORS: F6: ask the clearing centre for its new notices. */
    {ACT_POLL, KEY_F(6), "F6", N_("Poll"),
     N_("read the clearing centre's new notices"), SCR_BATCH | SCR_NOTICES},
    {ACT_PRINT, KEY_F(7), "F7", N_("Print"),
     N_("print the cheque's code line, or the bag's label (which seals "
	"the bag)"),
     SCR_PRINT | SCR_BAGS | SCR_LIST},
    /* TRANSLATORS: F8 on the list: void the selected item. */
    {ACT_VOID, KEY_F(8), "F8", N_("Void"),
     N_("void the selected item (a supervisor authorises it)"), SCR_LIST},
    {ACT_SIGNOUT, KEY_F(9), "F9", N_("Sign out"),
     N_("sign out and leave the terminal to the next user"), SCR_MENU},
    {ACT_QUIT, KEY_F(10), "F10", N_("Quit"), N_("leave chequedesk"),
     SCR_MENU | SCR_SIGNIN},
    {ACT_BACK, 27, "Esc", N_("Back"),
     N_("go back (a form asks first if something was typed)"),
     SCR_CHEQUE | SCR_BAGS | SCR_LIST | SCR_HELP | SCR_PRINT | SCR_PRINTERS |
	 SCR_BATCH | SCR_NOTICES},
    {ACT_DETAIL, '\n', "Enter", NULL, N_("show the selected item"), SCR_LIST},
    {ACT_NEXT, '\t', "Tab", NULL, N_("next field (Enter too)"), FORMS},
    {ACT_PREV, KEY_BTAB, "Shift-Tab", NULL, N_("previous field"), FORMS},
    {ACT_UP, KEY_UP, "Up", NULL, N_("previous line"),
     SCR_LIST | SCR_MENU | SCR_PRINTERS | SCR_BATCH | SCR_NOTICES},
    {ACT_DOWN, KEY_DOWN, "Down", NULL, N_("next line"),
     SCR_LIST | SCR_MENU | SCR_PRINTERS | SCR_BATCH | SCR_NOTICES},
    {ACT_PGUP, KEY_PPAGE, "PgUp", NULL, N_("previous page"),
     SCR_LIST | SCR_NOTICES},
    {ACT_PGDN, KEY_NPAGE, "PgDn", NULL, N_("next page"),
     SCR_LIST | SCR_NOTICES},
    /* The day's report (supervisors). */
    /* TRANSLATORS: F6 on the report screen: choose the date and session. */
    {ACT_FILTER, KEY_F(6), "F6", N_("Day"),
     N_("choose the business date and session of the report"), SCR_REPORT},
    {ACT_PRINT, KEY_F(7), "F7", N_("Print"),
     N_("print the report on the ordinary printer (setting report_queue)"),
     SCR_REPORT},
    {ACT_BACK, 27, "Esc", N_("Back"), N_("go back to the menu"), SCR_REPORT},
    {ACT_UP, KEY_UP, "Up", NULL, N_("scroll up a line"), SCR_REPORT},
    {ACT_DOWN, KEY_DOWN, "Down", NULL, N_("scroll down a line"), SCR_REPORT},
    {ACT_PGUP, KEY_PPAGE, "PgUp", NULL, N_("previous page"), SCR_REPORT},
    {ACT_PGDN, KEY_NPAGE, "PgDn", NULL, N_("next page"), SCR_REPORT},
    /* The set-up wizard (each step) and the administrator's set-up menu. */
    /* TRANSLATORS: F2 in the set-up wizard: this step is done. */
    {ACT_SAVE, KEY_F(2), "F2", N_("Done"),
     N_("check and save this step, then go on"), SCR_WIZARD},
    /* TRANSLATORS: F7 in the set-up wizard: try what was set up. */
    {ACT_TEST, KEY_F(7), "F7", N_("Test"),
     N_("print a test line, ask the centre, or run the checks again"),
     SCR_WIZARD},
    {ACT_QUIT, KEY_F(10), "F10", N_("Quit"),
     N_("leave the set-up; the next start goes on where it stopped"),
     SCR_WIZARD},
    {ACT_BACK, 27, "Esc", N_("Back"),
     N_("go back a step, or to the set-up menu"), SCR_WIZARD | SCR_ADMIN},
    {ACT_NEXT, '\t', "Tab", NULL,
     N_("next field (Enter too; in the last field Enter is F2)"), SCR_WIZARD},
    {ACT_PREV, KEY_BTAB, "Shift-Tab", NULL, N_("previous field"), SCR_WIZARD},
    {ACT_UP, KEY_UP, "Up", NULL, N_("previous line or field"),
     SCR_WIZARD | SCR_ADMIN},
    {ACT_DOWN, KEY_DOWN, "Down", NULL, N_("next line or field"),
     SCR_WIZARD | SCR_ADMIN},
    {ACT_NONE, KEY_LEFT, "Left/Right", NULL,
     N_("choose the printer's profile (printer step)"), SCR_WIZARD},
    {ACT_NONE, '\r', "Enter", NULL, N_("carry out the chosen entry"),
     SCR_ADMIN},
    {ACT_NONE, 0, NULL, NULL, NULL, 0},
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
