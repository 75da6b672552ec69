/* tui.h - the screens: shared state, the main loop, colours, the status
 * line, the message line and the F-key bar. One screen per screen-*.c. */
#ifndef CHEQUEDESK_TUI_H
#define CHEQUEDESK_TUI_H

#include <wchar.h>

#include "desk.h"
#include "keys.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* What a piece of the screen shows (PAINT_*, not the users' ROLE_*); the
 * theme table maps each to curses attributes, so NO_COLOR is one switch. */
enum tui_paint {
	PAINT_NORMAL,
	PAINT_FIELD,
	PAINT_FOCUS,
	PAINT_ERROR,
	PAINT_WARNING,
	PAINT_OK,
	PAINT_TITLE,
	PAINT_COUNT
};

/* What a screen's key handler asks the loop to do. */
enum tui_flags {
	TUI_HANDLED = 0,
	TUI_REDRAW = 1, /* draw the whole screen again */
	TUI_QUIT = 2,	/* leave the program */
};

struct tui;

/* One screen: entered, drawn and fed keys by the main loop. */
struct screen {
	const char *name;
	enum screen_id id;
	int has_form; /* keep the screen between keys (see draw) */
	/* Set up when the screen is shown (again); may switch screens. */
	void (*enter)(struct tui *t);
	/* Draw the body (rows 1..LINES-3); the frame is drawn by the loop.
	 * FULL is set when the screen was erased first (a form screen is
	 * only erased when switched to or resized, so that the form library
	 * keeps its cursor between keys). */
	void (*draw)(struct tui *t, int full);
	/* Handle a key or action; ACT is ACT_NONE for keys with no action. */
	int (*key)(struct tui *t, enum action act, wint_t ch, int is_key);
	/* Where the cursor should be left after drawing; NULL parks it in the
	 * bottom-right corner (screens without input). */
	void (*place_cursor)(struct tui *t);
};

extern const struct screen screen_signin;
extern const struct screen screen_menu;
extern const struct screen screen_cheque;
extern const struct screen screen_bags;
extern const struct screen screen_list;
extern const struct screen screen_help;
extern const struct screen screen_print;
extern const struct screen screen_printers;
extern const struct screen screen_batch;
extern const struct screen screen_notices;
extern const struct screen screen_wizard; /* first run: set up a branch */
extern const struct screen screen_admin;  /* set-up steps again, later */
extern const struct screen screen_report; /* the day's report */

struct tui {
	struct desk *desk;
	const struct screen *cur;
	const struct screen *back; /* the screen help returns to */
	char msg[512];
	enum tui_paint msg_role;
	int64_t list_bag; /* the list screen shows this bag's bills (0: all) */
	int too_small;
	int need_full; /* erase and draw everything on the next draw */
};

/* Run the screens on DESK until the user quits. */
CD_MUST_CHECK int tui_run(struct desk *d, struct cd_error *err);

/* Run the screens starting at FIRST (the set-up wizard starts with a desk
 * whose database is not open yet: d->st == NULL, no user signed in). */
CD_MUST_CHECK int tui_run_from(struct desk *d, const struct screen *first,
			       struct cd_error *err);

/* Switch to screen S (calls its enter). */
void tui_switch(struct tui *t, const struct screen *s);

/* Set the message line (printf-style), in ROLE's colour. */
void tui_message(struct tui *t, enum tui_paint role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Draw the whole screen at once (before a pop-up goes over it). */
void tui_draw(struct tui *t);

/* Draw the message line at once (before a call that blocks). */
void tui_show_message(struct tui *t);

/* The curses attribute for a role. */
int tui_attr(enum tui_paint role);

/* Print S at ROW, COL in at most WIDTH columns (wide characters measured). */
void tui_print(int row, int col, int width, const char *s);

/* Restore the terminal, print ERR and exit with its status. */
void tui_fatal(const struct cd_error *err) __attribute__((noreturn));

/* Print S from ROW, COL over at most ROWS lines of WIDTH columns, broken
 * at blanks where possible; returns the lines used. */
int tui_print_wrapped(int row, int col, int width, int rows, const char *s);

/* Print S in a column of WIDTH display columns at ROW, COL, aligned left
 * or (RIGHT) right; returns the column after it plus one blank. */
int tui_cell(int row, int col, int width, const char *s, int right);

/* Ask for a line of text on the message line; empty when nothing typed. */
void tui_prompt(struct tui *t, const char *question, char *buf, size_t len);

/* Read a key with get_wch; when CHEQUEDESK_KEYLOG names a file, append a
 * line for it there (WHERE, the key's name; printable keys as "<hidden>"
 * when HIDE is set). Every place that reads keys goes through here. */
int tui_get_key(wint_t *ch, const char *where, int hide);

/* Tell the key log whether the focus is now in a secret field (a form
 * sets it when placing its cursor; each redraw clears it first). */
void tui_keylog_hide(int hide);

/* Ask a yes/no question on the message line; 1 for yes. */
int tui_confirm(struct tui *t, const char *question);

#endif
