/* tui-popup.h - small boxes over the current screen: the supervisor's
 * authorisation, the screen lock and the forced password change. */
#ifndef CHEQUEDESK_TUI_POPUP_H
#define CHEQUEDESK_TUI_POPUP_H

#include <stddef.h>

#include "tui.h"

/* One line of input in a pop-up. */
struct popup_field {
	const char *label; /* translated */
	char *buf;	   /* in: initial text; out: what was typed */
	size_t len;
	int secret; /* shown as '*' */
};

/* How a pop-up ended. */
enum popup_end {
	POPUP_OK,     /* Enter on the last field */
	POPUP_CANCEL, /* Esc */
	POPUP_KEY,    /* one of the function keys it was given */
	POPUP_IDLE,   /* no key for 30 seconds */
};

/* Show TITLE, TEXT (wrapped; NOTE below it in ROLE's colour, may be NULL)
 * and FIELDS in a box over the current screen and read them. KEYS (0-
 * terminated curses key codes, may be NULL) end it with POPUP_KEY and the
 * key in *KEY. */
enum popup_end tui_popup(struct tui *t, const char *title, const char *text,
			 const char *note, enum tui_paint role,
			 struct popup_field *fields, int n, const int *keys,
			 int *key);

/* Ask a supervisor to authorise what ERR refused (its message explains)
 * at this screen: ID and password into t->desk->auth. 1 when given, 0
 * when cancelled. */
CD_MUST_CHECK int tui_authorise(struct tui *t, const struct cd_error *err);

/* Lock the screen until the signed-in user types their password again;
 * 0 when unlocked, 1 when the user was signed out (F9, lock-out). */
int tui_lock(struct tui *t);

/* Make the user choose a new password (first sign-in, reset, expiry);
 * 0 when changed, 1 when they gave up (and were signed out). */
int tui_change_password(struct tui *t);

#endif
