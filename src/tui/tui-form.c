/* tui-form.c - building a curses form from a form definition, filtering
 * keys by field kind, and drawing labels and notes. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "i18n.h"
#include "tui-form.h"

/* Make the curses fields and post the form on the standard screen. */
int tui_form_open(struct tui_form *f, const char *datadir, const char *name,
		  struct cd_error *err)
{
	int i;

	memset(f, 0, sizeof *f);
	if (formdef_load(datadir, name, &f->def, err) != CD_OK)
		return err->status;
	for (i = 0; i < f->def.nfields; i++) {
		const struct fielddef *d = &f->def.field[i];
		FIELD *fl = new_field(1, d->width, d->row, d->col, 0, 0);

		if (fl == NULL)
			return cd_err(
			    err, CD_EFAIL, NULL,
			    _("Out of memory. Close other programs or restart "
			      "chequedesk, then try again; if it happens "
			      "again, report it to branch IT."));
		set_field_back(fl, tui_attr(PAINT_FIELD));
		field_opts_off(fl, O_AUTOSKIP);
		if (d->fixed)
			field_opts_on(fl, O_AUTOSKIP);
		if (d->kind == FIELD_SECRET || d->masked)
			field_opts_off(fl, O_PUBLIC);
		f->fields[i] = fl;
	}
	f->fields[i] = NULL;
	f->form = new_form(f->fields);
	if (f->form == NULL)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	set_form_win(f->form, stdscr);
	set_form_sub(f->form, stdscr);
	return CD_OK;
}

/* Free the form and its fields. */
void tui_form_close(struct tui_form *f)
{
	int i;

	if (f->form) {
		unpost_form(f->form);
		free_form(f->form);
	}
	for (i = 0; i < f->def.nfields; i++)
		if (f->fields[i])
			free_field(f->fields[i]);
	memset(f, 0, sizeof *f);
}

/* Highlight the current field. */
static void mark_current(struct tui_form *f)
{
	int i, cur = tui_form_current(f);

	for (i = 0; i < f->def.nfields; i++)
		set_field_back(f->fields[i],
			       tui_attr(i == cur ? PAINT_FOCUS : PAINT_FIELD));
}

/* Draw everything of the form. */
void tui_form_draw(struct tui_form *f, int full)
{
	int i;

	/* Posting erases the form's window (the whole screen): first. */
	mark_current(f);
	if (full) {
		unpost_form(f->form);
		post_form(f->form);
	}
	attrset(tui_attr(PAINT_TITLE));
	mvhline(1, 0, ' ', COLS);
	tui_print(1, 2, COLS - 4, _(f->def.title));
	attrset(tui_attr(PAINT_NORMAL));
	for (i = 0; i < f->def.nfields; i++) {
		const struct fielddef *d = &f->def.field[i];

		tui_print(d->row, 2, d->col - 3, _(d->label));
		if (d->required)
			mvaddch(d->row, d->col - 1, '*');
		move(d->row, d->col + d->width);
		clrtoeol();
		if (f->note_below[i] || !f->note[i][0]) {
			/* a note below an amount field has its own row */
			if (i + 1 >= f->def.nfields ||
			    f->def.field[i + 1].row > d->row + 1) {
				move(d->row + 1, d->col);
				clrtoeol();
			}
		}
		if (f->note[i][0]) {
			attrset(tui_attr(f->note_role[i]));
			if (f->note_below[i])
				tui_print(d->row + 1, d->col, COLS - d->col - 1,
					  f->note[i]);
			else
				tui_print(d->row, d->col + d->width + 1,
					  COLS - d->col - d->width - 2,
					  f->note[i]);
			attrset(tui_attr(PAINT_NORMAL));
		}
	}
	i = tui_form_current(f);
	attrset(tui_attr(PAINT_NORMAL));
	move(LINES - 3, 0);
	clrtoeol();
	tui_print(LINES - 3, 1, COLS - 2, _(f->def.field[i].help));
}

/* Put the cursor where the form wants it. */
void tui_form_cursor(struct tui_form *f)
{
	int cur = tui_form_current(f);

	pos_form_cursor(f->form);
	/* What is typed in a secret or masked field (or as a payment
	 * password) never reaches the key log. */
	tui_keylog_hide(cur >= 0 && cur < f->def.nfields &&
			(f->def.field[cur].kind == FIELD_SECRET ||
			 f->def.field[cur].masked ||
			 strcmp(f->def.field[cur].name, "paykey") == 0));
}

/* Whether field kind KIND accepts character CH. */
static int accepts(enum field_kind kind, wint_t ch)
{
	switch (kind) {
	case FIELD_DIGITS:
	case FIELD_CHOICE:
		return ch >= '0' && ch <= '9';
	case FIELD_AMOUNT:
		return (ch >= '0' && ch <= '9') || ch == '.' || ch == ',';
	default:
		return ch >= ' ' && ch != 127;
	}
}

/* Feed one key to the form. */
int tui_form_key(struct tui_form *f, wint_t ch, int is_key, int *refused)
{
	int before = tui_form_current(f), req = -1;

	*refused = 0;
	if (is_key) {
		switch (ch) {
		case KEY_BTAB:
		case KEY_UP:
			req = REQ_PREV_FIELD;
			break;
		case KEY_DOWN:
			req = REQ_NEXT_FIELD;
			break;
		case KEY_LEFT:
			req = REQ_PREV_CHAR;
			break;
		case KEY_RIGHT:
			req = REQ_NEXT_CHAR;
			break;
		case KEY_HOME:
			req = REQ_BEG_FIELD;
			break;
		case KEY_END:
			req = REQ_END_FIELD;
			break;
		case KEY_BACKSPACE:
			req = REQ_DEL_PREV;
			break;
		case KEY_DC:
			req = REQ_DEL_CHAR;
			break;
		default:
			return -1;
		}
		form_driver(f->form, req);
	} else if (ch == '\t' || ch == '\r' || ch == '\n') {
		form_driver(f->form, REQ_NEXT_FIELD);
		form_driver(f->form, REQ_END_FIELD);
	} else if (ch == 127 || ch == 8) {
		form_driver(f->form, REQ_DEL_PREV);
	} else if (ch == 21) { /* Ctrl-U clears the field */
		form_driver(f->form, REQ_CLR_FIELD);
	} else if (!accepts(f->def.field[before].kind, ch)) {
		*refused = 1;
		return -1;
	} else {
		form_driver_w(f->form, OK, ch);
	}
	form_driver(f->form, REQ_VALIDATION);
	if (tui_form_current(f) != before) {
		mark_current(f);
		return before;
	}
	return -1;
}

/* Explain what the current field accepts. */
const char *tui_form_refusal(struct tui_form *f)
{
	switch (f->def.field[tui_form_current(f)].kind) {
	case FIELD_AMOUNT:
		return _("The amount takes digits, '.' and ',' only.");
	case FIELD_DIGITS:
	case FIELD_CHOICE:
		return _("This field takes digits only.");
	default:
		return _("This character cannot be typed here.");
	}
}

/* A field's value, trimmed. */
const char *tui_form_value(struct tui_form *f, int idx, char *buf, size_t len)
{
	const char *v;
	size_t n;

	form_driver(f->form, REQ_VALIDATION);
	v = field_buffer(f->fields[idx], 0);
	snprintf(buf, len, "%s", v ? v : "");
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	while (*buf == ' ')
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

/* Set a field's text. */
void tui_form_set(struct tui_form *f, int idx, const char *text)
{
	set_field_buffer(f->fields[idx], 0, text);
}

/* The index of the current field. */
int tui_form_current(struct tui_form *f)
{
	return field_index(current_field(f->form));
}

/* Move the cursor to field IDX. */
void tui_form_focus(struct tui_form *f, int idx)
{
	set_current_field(f->form, f->fields[idx]);
	form_driver(f->form, REQ_END_FIELD);
	mark_current(f);
}

/* Clear the notes. */
void tui_form_clear_notes(struct tui_form *f)
{
	memset(f->note, 0, sizeof f->note);
}

/* Empty the form. */
void tui_form_clear(struct tui_form *f)
{
	int i;

	for (i = 0; i < f->def.nfields; i++)
		set_field_buffer(f->fields[i], 0, "");
	tui_form_clear_notes(f);
	tui_form_focus(f, 0);
	form_driver(f->form, REQ_BEG_FIELD);
}

/* Whether any field holds text. */
int tui_form_dirty(struct tui_form *f)
{
	char buf[256];
	int i;

	for (i = 0; i < f->def.nfields; i++)
		if (*tui_form_value(f, i, buf, sizeof buf))
			return 1;
	return 0;
}

/* Set or clear a field's note. */
void tui_form_note(struct tui_form *f, int idx, enum tui_paint role, int below,
		   const char *text)
{
	if (idx < 0 || idx >= f->def.nfields)
		return;
	snprintf(f->note[idx], sizeof f->note[idx], "%s", text ? text : "");
	f->note_role[idx] = role;
	f->note_below[idx] = below;
}
