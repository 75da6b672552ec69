/* tui-form.h - a form from forms/NAME.form on the screen, with the curses form
 * library doing the editing. */
#ifndef CHEQUEDESK_TUI_FORM_H
#define CHEQUEDESK_TUI_FORM_H

#include <form.h>

#include "formdef.h"
#include "tui.h"

struct tui_form {
	struct formdef def;
	FIELD *fields[FORMDEF_MAX_FIELDS + 1];
	FORM *form;
	char note[FORMDEF_MAX_FIELDS][256]; /* shown beside / below a field */
	enum tui_paint note_role[FORMDEF_MAX_FIELDS];
	int note_below[FORMDEF_MAX_FIELDS]; /* draw the note on the next row */
};

/* Load forms/NAME.form and build its fields. */
CD_MUST_CHECK int tui_form_open(struct tui_form *f, const char *datadir,
				const char *name, struct cd_error *err);
void tui_form_close(struct tui_form *f);

/* Draw title, labels, fields and notes; FULL after the screen was erased
 * (the form is posted again), else only what changes between keys. */
void tui_form_draw(struct tui_form *f, int full);
/* Put the cursor in the current field. */
void tui_form_cursor(struct tui_form *f);

/* Feed a key. Returns the index of the field the cursor left, or -1.
 * Characters a field's kind does not take are refused with *REFUSED set. */
int tui_form_key(struct tui_form *f, wint_t ch, int is_key, int *refused);

/* Why the current field refused a character, for the message line. */
const char *tui_form_refusal(struct tui_form *f);

/* A field's text without trailing blanks. */
const char *tui_form_value(struct tui_form *f, int idx, char *buf, size_t len);
void tui_form_set(struct tui_form *f, int idx, const char *text);
int tui_form_current(struct tui_form *f);
void tui_form_focus(struct tui_form *f, int idx);
/* Empty every field and note; the cursor goes to the first field. */
void tui_form_clear(struct tui_form *f);
/* True when something was typed. */
int tui_form_dirty(struct tui_form *f);
/* Set (or clear with NULL) the note of field IDX. */
void tui_form_note(struct tui_form *f, int idx, enum tui_paint role, int below,
		   const char *text);
void tui_form_clear_notes(struct tui_form *f);

#endif
