/* screen-entry.c - field checks and key handling shared by the cheque and
 * bill forms. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "register.h"
#include "screen-entry.h"
#include "tui-popup.h"

/* Whether no field of F sits on ROW. */
static int row_free(const struct tui_form *f, int row)
{
	int i;

	for (i = 0; i < f->def.nfields; i++)
		if (f->def.field[i].row == row)
			return 0;
	return 1;
}

/* Check one field and show the outcome. */
void entry_check_field(struct tui *t, struct tui_form *f, enum item_kind kind,
		       int idx)
{
	char value[256], info[MONEY_CAPITALS_LEN];
	const struct fielddef *d = &f->def.field[idx];
	struct cd_error err;

	tui_form_value(f, idx, value, sizeof value);
	cd_err_clear(&err);
	if (register_check_field(t->desk, kind, d->name, value, info,
				 sizeof info, &err) != CD_OK) {
		tui_form_note(f, idx, PAINT_ERROR, 0, err.msg);
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return;
	}
	tui_form_note(f, idx, PAINT_OK,
		      d->kind == FIELD_AMOUNT && row_free(f, d->row + 1), info);
}

/* Feed one key to the form. */
int entry_key(struct tui *t, struct tui_form *f, enum item_kind kind, wint_t ch,
	      int is_key)
{
	int left, refused;

	t->msg[0] = '\0';
	left = tui_form_key(f, ch, is_key, &refused);
	if (refused) {
		beep();
		tui_message(t, PAINT_WARNING, "%s", tui_form_refusal(f));
	}
	if (left >= 0)
		entry_check_field(t, f, kind, left);
	return TUI_HANDLED;
}

/* Show why saving failed, at the field to blame. */
/* After a failed save: 1 when it should be tried again, because the user
 * chose to accept a duplicate (*ACCEPT set) or a supervisor has just
 * authorised; 0 to show ERR. */
int entry_retry(struct tui *t, struct tui_form *f, const struct cd_error *err,
		int *accept)
{
	if (!*accept && err->status == CD_ECONFLICT &&
	    strcmp(err->field, "serial") == 0) {
		entry_show_error(t, f, err);
		if (tui_confirm(t, _("Register it anyway as a duplicate, with "
				     "a supervisor's authorisation? (y/n)"))) {
			*accept = 1;
			return 1;
		}
		return 0;
	}
	return strcmp(err->field, "authorise") == 0 && tui_authorise(t, err);
}

void entry_show_error(struct tui *t, struct tui_form *f,
		      const struct cd_error *err)
{
	int idx = formdef_find(&f->def, err->field);

	if (idx >= 0) {
		tui_form_focus(f, idx);
		tui_form_note(f, idx, PAINT_ERROR, 0, err->msg);
	}
	tui_message(t, PAINT_ERROR, "%s", err->msg);
}
