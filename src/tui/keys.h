/* keys.h - the one table of actions, their keys and help texts, which also
 * draws the F-key bar and the help screen. */
#ifndef CHEQUEDESK_KEYS_H
#define CHEQUEDESK_KEYS_H

#include <wchar.h>

enum screen_id {
	SCR_SIGNIN = 1 << 0,
	SCR_MENU = 1 << 1,
	SCR_CHEQUE = 1 << 2,
	SCR_BAGS = 1 << 3,
	SCR_LIST = 1 << 4,
	SCR_HELP = 1 << 5,
	SCR_PRINT = 1 << 6,
	SCR_PRINTERS = 1 << 7,
	SCR_BATCH = 1 << 8,
	SCR_NOTICES = 1 << 9,
	SCR_WIZARD = 1 << 10,
	SCR_ADMIN = 1 << 11,
	SCR_REPORT = 1 << 12,
	SCR_LAST = SCR_REPORT, /* the last above: SCR_ALL follows from it */
	SCR_ALL = (SCR_LAST << 1) - 1,
};

enum action {
	ACT_NONE,
	ACT_HELP,
	ACT_SAVE,
	ACT_CHEQUE,
	ACT_BAGS,
	ACT_LIST,
	ACT_FILTER,
	ACT_DETAIL,
	ACT_BACK,
	ACT_QUIT,
	ACT_NEXT,
	ACT_PREV,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_SIGNOUT,
	ACT_BAGBILLS,
	ACT_PRINT,
	ACT_PRINTERS,
	ACT_CLOSE,
	ACT_UPLOAD,
	ACT_POLL,
	ACT_NOTICES,
	ACT_BATCHES,
	ACT_TEST, /* F7 in the set-up: test print, centre test, checks */
	ACT_ADMIN,
	ACT_VOID,
	ACT_REPORT, /* the day's report (supervisors) */
};

struct binding {
	enum action act;
	int key;	     /* curses key code or character */
	const char *keyname; /* as shown: "F2", "Esc" */
	const char
	    *label;	  /* short, for the F-key bar (N_()), NULL: not shown */
	const char *help; /* one line for the help screen (N_()) */
	unsigned screens; /* where it applies (enum screen_id bits) */
};

extern const struct binding keys_table[];

/* The action bound to KEY on SCREEN, or ACT_NONE. */
enum action keys_action(unsigned screen, int key, int is_key);

/* Draw the F-key bar for SCREEN on the bottom line. */
void keys_draw_bar(unsigned screen);

/* Draw the help for SCREEN from row ROW on; returns the next free row. */
int keys_draw_help(unsigned screen, int row);

#endif
