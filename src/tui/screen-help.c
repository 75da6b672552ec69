/* screen-help.c - F1: the keys of the screen it was called from, drawn
 * from the same table as the F-key bar. */
#include "config.h"

#include <curses.h>

#include "i18n.h"
#include "tui.h"

/* Nothing to prepare. */
static void help_enter(struct tui *t)
{
	(void)t;
}

/* List the keys of the previous screen. */
static void help_draw(struct tui *t, int full)
{
	int row;

	(void)full;
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 4, _("Help: keys of this screen"));
	attrset(tui_attr(PAINT_NORMAL));
	row = keys_draw_help(t->back ? t->back->id : SCR_MENU, 3) + 1;
	/* Whole sentences: wrapped, never cut, above "Press Esc". */
	if (row < LINES - 3)
		row +=
		    tui_print_wrapped(row, 4, COLS - 6, LINES - 3 - row,
				      _("In a form, Ctrl-U empties a field."));
	if (row < LINES - 3)
		tui_print_wrapped(row, 4, COLS - 6, LINES - 3 - row,
				  _("A MICR reader may type a whole code line "
				    "into the serial field."));
	tui_print(LINES - 3, 1, COLS - 2, _("Press Esc to go back."));
}

/* Any key goes back. */
static int help_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	(void)act;
	(void)ch;
	(void)is_key;
	t->cur = t->back ? t->back : &screen_menu;
	t->need_full = 1; /* a form screen is not erased between keys */
	return TUI_HANDLED;
}

const struct screen screen_help = {
    .name = "help",
    .id = SCR_HELP,
    .has_form = 0,
    .enter = help_enter,
    .draw = help_draw,
    .key = help_key,
    .place_cursor = NULL,
};
