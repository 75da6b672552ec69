/* screen-cheque.c - registering cheques: the form from forms/cheque.form,
 * field checks as the cursor leaves a field, MICR reader lines, F2 to save. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "codeline.h"
#include "i18n.h"
#include "money.h"
#include "register.h"
#include "screen-entry.h"
#include "screen-print.h"
#include "tui-form.h"

static struct tui_form form;
static char micr[CODELINE_LINE_MAX]; /* a reader line being typed */
static int micr_len = -1;	     /* -1: not reading a line */
static char last_saved[256];

/* Load the form once. */
static void cheque_enter(struct tui *t)
{
	struct cd_error err;

	if (form.form == NULL) {
		if (tui_form_open(&form, t->desk->conf.datadir, "cheque",
				  &err) != CD_OK)
			tui_fatal(&err);
		tui_form_clear(&form);
	}
	micr_len = -1;
}

/* Draw the form and the last saved item. */
static void cheque_draw(struct tui *t, int full)
{
	(void)t;
	tui_form_draw(&form, full);
	move(16, 0);
	clrtoeol();
	if (last_saved[0]) {
		attrset(tui_attr(PAINT_OK));
		tui_print(16, 2, COLS - 4, last_saved);
		attrset(tui_attr(PAINT_NORMAL));
	}
	if (micr_len >= 0) {
		attrset(tui_attr(PAINT_WARNING));
		tui_print(LINES - 3, 1, COLS - 2, _("Reading a code line: "));
		tui_print(LINES - 3, 24, COLS - 25, micr);
		attrset(tui_attr(PAINT_NORMAL));
	}
}

/* The whole form as registration input; strings live in BUFS. */
static void form_input(struct cheque_input *in, char bufs[][256])
{
	static const char *const names[] = {
	    "serial", "bank",	"account",	 "amount",    "type",
	    "phone",  "paykey", "payee_account", "payee_name"};
	const char **slot[] = {
	    &in->serial, &in->bank,	     &in->account,
	    &in->amount, &in->type,	     &in->phone,
	    &in->paykey, &in->payee_account, &in->payee_name};
	size_t i;
	int idx;

	memset(in, 0, sizeof *in);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		idx = formdef_find(&form.def, names[i]);
		if (idx < 0)
			continue;
		*slot[i] = tui_form_value(&form, idx, bufs[i], 256);
	}
}

/* F2: check everything, store, and get ready for the next cheque. */
static int cheque_save(struct tui *t)
{
	char bufs[9][256];
	struct cheque_input in;
	struct cd_error err;
	struct item it;

	form_input(&in, bufs);
	cd_err_clear(&err);
	while (register_cheque(t->desk, &in, &it, &err) != CD_OK) {
		if (entry_retry(t, &form, &err, &in.accept_duplicate))
			continue;
		entry_show_error(t, &form, &err);
		return TUI_HANDLED;
	}
	snprintf(
	    last_saved, sizeof last_saved,
	    _("Saved: item %lld, serial %s, check code %s, %s session %d."),
	    (long long)it.id, it.serial, it.check_code, it.business_date,
	    it.session);
	tui_form_clear(&form);
	/* With a printer at this counter, offer to print it now: the
	 * preview, and F7 prints. */
	if (t->desk->conf.printer[0])
		screen_print_open(t, 0, it.id);
	tui_message(t, PAINT_OK, "%s", last_saved);
	return TUI_HANDLED;
}

/* Whether CH starts or continues a MICR reader line. */
static int is_micr_char(struct tui *t, wint_t ch)
{
	char s[8] = {0};

	if (ch >= 0x2446 && ch <= 0x2449)
		return 1;
	if (ch > 127)
		return 0;
	s[0] = (char)ch;
	return codeline_looks_like_micr(s, &t->desk->conf.micr);
}

/* Collect a reader line typed into the serial field; Enter ends it. */
static int micr_key(struct tui *t, wint_t ch)
{
	struct codeline_pre pre;
	struct cd_error err;
	char mb[8];
	int n, serial = formdef_find(&form.def, "serial"),
	       bank = formdef_find(&form.def, "bank");

	if (ch == '\r' || ch == '\n') {
		micr_len = -1;
		if (codeline_parse_micr(micr, &t->desk->conf.micr, &pre,
					&err) != CD_OK) {
			tui_form_note(&form, serial, PAINT_ERROR, 0, err.msg);
			tui_message(t, PAINT_ERROR, "%s", err.msg);
			return TUI_HANDLED;
		}
		tui_form_set(&form, serial, pre.serial);
		tui_form_note(&form, serial, PAINT_OK, 0, "");
		tui_form_set(&form, bank, pre.bank);
		entry_check_field(t, &form, ITEM_CHEQUE, bank);
		tui_form_focus(&form,
			       bank + 1 < form.def.nfields ? bank + 1 : bank);
		return TUI_HANDLED;
	}
	if (ch == 27) {
		micr_len = -1;
		return TUI_HANDLED;
	}
	n = wctomb(mb, (wchar_t)ch);
	if (n > 0 && micr_len + n < (int)sizeof micr - 1) {
		memcpy(micr + micr_len, mb, (size_t)n);
		micr_len += n;
		micr[micr_len] = '\0';
	}
	return TUI_HANDLED;
}

/* Esc and screen switches ask before dropping typed fields. */
static int may_leave(struct tui *t)
{
	if (!tui_form_dirty(&form))
		return 1;
	if (!tui_confirm(t, _("Discard what you typed? (y/n)")))
		return 0;
	tui_form_clear(&form);
	return 1;
}

/* Keys of the cheque form. */
static int cheque_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	int serial = formdef_find(&form.def, "serial");

	if (micr_len >= 0 && !is_key)
		return micr_key(t, ch);
	switch (act) {
	case ACT_SAVE:
		return cheque_save(t);
	case ACT_BACK:
		if (may_leave(t))
			tui_switch(t, &screen_menu);
		return TUI_HANDLED;
	case ACT_BAGS:
	case ACT_LIST:
		if (may_leave(t))
			tui_switch(t, act == ACT_BAGS ? &screen_bags
						      : &screen_list);
		return TUI_HANDLED;
	default:
		break;
	}
	if (!is_key && tui_form_current(&form) == serial &&
	    is_micr_char(t, ch)) {
		micr[0] = '\0';
		micr_len = 0;
		return micr_key(t, ch);
	}
	return entry_key(t, &form, ITEM_CHEQUE, ch, is_key);
}

/* Leave the cursor in the form. */
static void cheque_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen screen_cheque = {
    .name = "cheque",
    .id = SCR_CHEQUE,
    .has_form = 1,
    .enter = cheque_enter,
    .draw = cheque_draw,
    .key = cheque_key,
    .place_cursor = cheque_cursor,
};
