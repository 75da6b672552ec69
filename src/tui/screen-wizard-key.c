/* screen-wizard-key.c - set-up step 3: the branch key. A new key (access
 * code twice and a backup copy) or an imported key file, then the key's
 * path, its SM3 fingerprint in groups of four and the public key file to
 * give the clearing centre. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "i18n.h"
#include "keyfile.h"
#include "out.h"
#include "passwd.h"
#include "screen-wizard.h"

/* Where the step is. */
enum phase {
	KEY_CHOOSE, /* new, import or another backup */
	KEY_NEW,    /* form: access code twice, backup copy */
	KEY_IMPORT, /* form: key file, its access code */
	KEY_BACKUP, /* form: backup copy */
	KEY_DONE,   /* the key: path, fingerprint, public half */
};

/* What the backup copy came to. */
enum backup { BACKUP_UNKNOWN, BACKUP_MADE, BACKUP_SKIPPED };

/* The choices of the first phase. */
static const struct {
	char key;
	enum phase to;
	const char *label; /* N_() */
} choices[] = {
    {'1', KEY_NEW, N_("Make a new branch key (a new branch)")},
    {'2', KEY_IMPORT,
     N_("Import a key file (from the old terminal, or a backup)")},
    {'3', KEY_BACKUP, N_("Make another backup copy of the key")},
};
#define NCHOICES (int)(sizeof choices / sizeof choices[0])

static struct tui_form fnew, fimport, fbackup;
static enum phase phase;
static struct keyfile_info info;
static int have_key, selected;
static int fresh; /* a key was just made or imported: its copy is due */
static enum backup backup;
static char backup_where[600];

/* The form of the current phase, or NULL. */
static struct tui_form *phase_form(void)
{
	switch (phase) {
	case KEY_NEW:
		return &fnew;
	case KEY_IMPORT:
		return &fimport;
	case KEY_BACKUP:
		return &fbackup;
	default:
		return NULL;
	}
}

/* Go to phase P: the old form comes off the screen. */
static void set_phase(struct tui *t, enum phase p)
{
	struct tui_form *f = phase_form();

	if (f != NULL)
		unpost_form(f->form);
	phase = p;
	f = phase_form();
	wizard_clear_problem();
	if (f != NULL) {
		tui_form_clear_notes(f);
		tui_form_focus(f, 0);
	}
	t->need_full = 1;
}

/* Look at the key file again. */
static void refresh_info(struct tui *t)
{
	struct cd_error err;

	cd_err_clear(&err);
	have_key =
	    keyfile_inspect(t->desk, &info, &err) == CD_OK && info.exists;
}

/* The number of choices shown: another backup needs a key. */
static int nchoices(void)
{
	return have_key ? NCHOICES : NCHOICES - 1;
}

/* Load the forms; a key that is there is shown, else the choice. */
static void key_enter(struct tui *t)
{
	wizard_form_open(t, &fnew, "wizard-key-new");
	wizard_form_open(t, &fimport, "wizard-key-import");
	wizard_form_open(t, &fbackup, "wizard-key-backup");
	refresh_info(t);
	selected = 0;
	backup = BACKUP_UNKNOWN;
	fresh = 0;
	phase = KEY_CHOOSE;
	set_phase(t, have_key && !wizard_is_again() ? KEY_DONE : KEY_CHOOSE);
}

/* Clear the body of a screen drawn without a form (the loop erases only
 * when switching screens). */
static void clear_body(void)
{
	int row;

	for (row = 1; row < LINES - 2; row++) {
		move(row, 0);
		clrtoeol();
	}
}

/* The fingerprint in groups of four over two lines from ROW, after
 * LABEL; returns the next row. */
static int draw_fingerprint(int row, const char *label)
{
	char groups[96];
	int col;

	keyfile_fp_groups(info.fingerprint[0] ? info.fingerprint : "?", groups,
			  sizeof groups);
	tui_print(row, 2, COLS - 4, label);
	col = 2 + out_width(label) + 1;
	attrset(tui_attr(PAINT_FIELD));
	if (strlen(groups) > 40) {
		groups[39] = '\0';
		tui_print(row, col, COLS - col - 1, groups);
		tui_print(row + 1, col, COLS - col - 1, groups + 40);
		row++;
	} else {
		tui_print(row, col, COLS - col - 1, groups);
	}
	attrset(tui_attr(PAINT_NORMAL));
	return row + 1;
}

/* Choose: what the key is for, where it is, the choices. */
static void draw_choose(struct tui *t)
{
	char line[700];
	int i, row;

	wizard_frame(t, WIZ_KEY, _("Set-up: the branch key"));
	row =
	    4 + tui_print_wrapped(4, 2, COLS - 4, 3,
				  _("The branch key signs every batch sent to "
				    "the clearing centre. It is kept in a file "
				    "behind an access code; the centre checks "
				    "the signatures with its public half."));
	row++;
	if (have_key) {
		snprintf(line, sizeof line, _("The branch key is %s."),
			 info.path);
		row += tui_print_wrapped(row, 2, COLS - 4, 2, line);
		row = draw_fingerprint(row, _("Fingerprint (SM3):"));
	} else {
		snprintf(line, sizeof line,
			 _("There is no branch key yet. It will be kept in "
			   "%s."),
			 info.path);
		row += tui_print_wrapped(row, 2, COLS - 4, 2, line);
	}
	row++;
	for (i = 0; i < nchoices(); i++, row += 2) {
		attrset(tui_attr(i == selected ? PAINT_FOCUS : PAINT_NORMAL));
		mvhline(row, 6, ' ', 66);
		mvaddch(row, 7, (chtype)choices[i].key);
		tui_print(row, 10, 61, _(choices[i].label));
		attrset(tui_attr(PAINT_NORMAL));
	}
	tui_print(LINES - 3, 1, COLS - 2,
		  _("Type the number or use the arrows and Enter."));
}

/* Done: the key, its fingerprint, the public half and the backup. */
static void draw_done(struct tui *t)
{
	char line[800];
	int row = 4;

	wizard_frame(t, WIZ_KEY, _("Set-up: the branch key is ready"));
	snprintf(line, sizeof line, _("Key file: %s"), info.path);
	row += tui_print_wrapped(row, 2, COLS - 4, 2, line);
	row = draw_fingerprint(row, _("Fingerprint (SM3):"));
	snprintf(line, sizeof line, _("Public key for the centre: %s"),
		 info.pub_path);
	attrset(tui_attr(PAINT_OK));
	row += tui_print_wrapped(row + 1, 2, COLS - 4, 2, line) + 1;
	attrset(tui_attr(PAINT_NORMAL));
	if (backup == BACKUP_MADE) {
		snprintf(line, sizeof line, _("Backup copy: %s"), backup_where);
		row += tui_print_wrapped(row, 2, COLS - 4, 2, line);
	} else if (backup == BACKUP_SKIPPED) {
		attrset(tui_attr(PAINT_WARNING));
		row += tui_print_wrapped(
		    row, 2, COLS - 4, 2,
		    _("No backup copy was made: make one soon from the "
		      "set-up menu."));
		attrset(tui_attr(PAINT_NORMAL));
	}
	tui_print_wrapped(row + 1, 2, COLS - 4, 4,
			  _("Give the public key file to the clearing centre "
			    "so that it can check the branch's batches, and "
			    "read them the fingerprint over the phone: they "
			    "compare it with the file they got."));
	tui_print(LINES - 3, 1, COLS - 2,
		  wizard_is_again()
		      ? _("F2 goes back to the set-up menu.")
		      : _("F2 goes on to the printer; the centre may get the "
			  "public key later."));
}

/* A form phase: the form, and what it is about. */
static void draw_form(struct tui *t, struct tui_form *f, int full)
{
	char line[1200];

	tui_form_draw(f, full);
	if (phase == KEY_NEW) {
		snprintf(line, sizeof line,
			 _("The key will be kept in %s, its public half in "
			   "%s."),
			 info.path, info.pub_path);
		tui_print_wrapped(12, 2, COLS - 4, 2, line);
		tui_print_wrapped(
		    14, 2, COLS - 4, 3,
		    _("Write the access code down and keep it locked away: "
		      "without it no batch can be signed, and nobody can "
		      "find it again. The backup copy is part of this step."));
	} else if (phase == KEY_IMPORT) {
		snprintf(line, sizeof line,
			 _("The key is copied to %s (only this user may read "
			   "it), its public half to %s."),
			 info.path, info.pub_path);
		tui_print_wrapped(11, 2, COLS - 4, 3, line);
	} else {
		snprintf(line, sizeof line,
			 _("The key file is %s. Its copy belongs on a USB "
			   "stick kept locked away, not on this disk."),
			 info.path);
		tui_print_wrapped(9, 2, COLS - 4, 3, line);
	}
	wizard_indicator(t, WIZ_KEY); /* last: it shows errors whole */
}

/* Draw the phase. */
static void key_draw(struct tui *t, int full)
{
	struct tui_form *f = phase_form();

	if (f != NULL) {
		draw_form(t, f, full);
		return;
	}
	if (!full)
		clear_body();
	if (phase == KEY_DONE)
		draw_done(t);
	else
		draw_choose(t);
}

/* A field's value. */
static const char *value(struct tui_form *f, const char *name, char *buf,
			 size_t len)
{
	return tui_form_value(f, formdef_find(&f->def, name), buf, len);
}

/* The key is there: show it. */
static void show_done(struct tui *t)
{
	fresh = 0;
	refresh_info(t);
	set_phase(t, KEY_DONE);
}

/* Make a backup copy at DEST; 0 when made. */
static int make_backup(struct tui *t, struct tui_form *f, const char *dest)
{
	struct cd_error err;

	cd_err_clear(&err);
	if (keyfile_backup(t->desk, dest, backup_where, sizeof backup_where,
			   &err) != CD_OK) {
		if (!err.field[0])
			snprintf(err.field, sizeof err.field, "backup");
		if (f != &fbackup) { /* the key is made: only the copy left */
			refresh_info(t);
			set_phase(t, KEY_BACKUP);
			tui_form_set(&fbackup, 0, dest);
		}
		wizard_form_error(t, &fbackup, &err);
		if (f != &fbackup)
			tui_message(t, PAINT_ERROR,
				    _("The key is made, but its backup copy "
				      "failed: %s"),
				    err.msg);
		return -1;
	}
	backup = BACKUP_MADE;
	return 0;
}

/* Whether to go on without a backup copy (asked). */
static int skip_backup(struct tui *t, struct tui_form *f)
{
	if (tui_confirm(t, _("No backup copy: if this disk fails, no batch "
			     "can be signed. Go on? (y/n)")))
		return 1;
	tui_form_focus(f, formdef_find(&f->def, "backup"));
	tui_message(t, PAINT_WARNING, "%s",
		    _("Type where the backup copy goes, e.g. "
		      "/media/usb/branch.key."));
	return 0;
}

/* F2 on the new key form. */
static int save_new(struct tui *t)
{
	char c1[PASSWD_MAX], c2[PASSWD_MAX], dest[512];
	struct keyfile_info made;
	struct cd_error err;
	int rc, ok = 0;

	value(&fnew, "access_code", c1, sizeof c1);
	value(&fnew, "again", c2, sizeof c2);
	value(&fnew, "backup", dest, sizeof dest);
	tui_form_clear_notes(&fnew);
	wizard_clear_problem();
	cd_err_clear(&err);
	if (strcmp(c1, c2) != 0)
		rc = cd_err(&err, CD_EINVAL, "access_code",
			    _("The two access codes differ. Type it twice "
			      "again."));
	else
		rc = keyfile_check_code(c1, &err);
	if (rc == CD_OK && dest[0] == '\0' && !skip_backup(t, &fnew)) {
		/* the codes stay typed: only the copy's place is missing */
		OPENSSL_cleanse(c1, sizeof c1);
		OPENSSL_cleanse(c2, sizeof c2);
		return TUI_HANDLED;
	}
	if (rc == CD_OK)
		rc = keyfile_new(t->desk, c1, &made, &err);
	if (rc == CD_OK) {
		wizard_keep_code(c1);
		fresh = ok = 1;
	}
	OPENSSL_cleanse(c1, sizeof c1);
	OPENSSL_cleanse(c2, sizeof c2);
	tui_form_set(&fnew, formdef_find(&fnew.def, "access_code"), "");
	tui_form_set(&fnew, formdef_find(&fnew.def, "again"), "");
	if (!ok) {
		wizard_form_error(t, &fnew, &err);
		return TUI_HANDLED;
	}
	tui_message(t, PAINT_OK, "%s",
		    _("The branch key is made. Give its public key file to "
		      "the clearing centre."));
	if (dest[0] == '\0')
		backup = BACKUP_SKIPPED;
	else if (make_backup(t, &fnew, dest) != 0)
		return TUI_HANDLED;
	tui_form_clear(&fnew);
	show_done(t);
	return TUI_HANDLED;
}

/* F2 on the import form. */
static int save_import(struct tui *t)
{
	char file[512], c[PASSWD_MAX];
	struct keyfile_info got;
	struct cd_error err;
	int rc;

	value(&fimport, "file", file, sizeof file);
	value(&fimport, "access_code", c, sizeof c);
	tui_form_clear_notes(&fimport);
	wizard_clear_problem();
	cd_err_clear(&err);
	if (file[0] == '\0')
		rc = cd_err(&err, CD_EINVAL, "file", "%s",
			    _("Type the path of the key file to import."));
	else
		rc = keyfile_import(t->desk, file, c, &got, &err);
	if (rc == CD_OK)
		wizard_keep_code(c);
	OPENSSL_cleanse(c, sizeof c);
	tui_form_set(&fimport, formdef_find(&fimport.def, "access_code"), "");
	if (rc != CD_OK) {
		if (!err.field[0])
			snprintf(err.field, sizeof err.field, "file");
		wizard_form_error(t, &fimport, &err);
		return TUI_HANDLED;
	}
	tui_form_clear(&fimport);
	refresh_info(t);
	fresh = 1;
	set_phase(t, KEY_BACKUP);
	tui_message(t, PAINT_OK,
		    _("The key from %s is now the branch key. Make a backup "
		      "copy of it, or leave the field empty."),
		    file);
	return TUI_HANDLED;
}

/* F2 on the backup form. */
static int save_backup(struct tui *t)
{
	char dest[512];

	value(&fbackup, "backup", dest, sizeof dest);
	tui_form_clear_notes(&fbackup);
	wizard_clear_problem();
	if (dest[0] == '\0') {
		if (!skip_backup(t, &fbackup))
			return TUI_HANDLED;
		backup = BACKUP_SKIPPED;
	} else if (make_backup(t, &fbackup, dest) != 0) {
		return TUI_HANDLED;
	}
	tui_form_clear(&fbackup);
	if (backup == BACKUP_MADE)
		tui_message(t, PAINT_OK, _("The backup copy is %s."),
			    backup_where);
	show_done(t);
	return TUI_HANDLED;
}

/* F2 (or Enter in the last field) in the phase. */
static int key_save(struct tui *t)
{
	switch (phase) {
	case KEY_CHOOSE:
		set_phase(t, choices[selected].to);
		t->msg[0] = '\0';
		return TUI_HANDLED;
	case KEY_NEW:
		return save_new(t);
	case KEY_IMPORT:
		return save_import(t);
	case KEY_BACKUP:
		return save_backup(t);
	default:
		wizard_done(t, WIZ_KEY);
		return TUI_HANDLED;
	}
}

/* Keys of the choice: arrows, digits, Enter. */
static int choose_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	int i;

	if (act == ACT_UP && selected > 0)
		selected--;
	else if (act == ACT_DOWN && selected + 1 < nchoices())
		selected++;
	else if (!is_key && (ch == '\r' || ch == '\n'))
		return key_save(t);
	else
		for (i = 0; !is_key && i < nchoices(); i++)
			if ((wint_t)choices[i].key == ch) {
				selected = i;
				return key_save(t);
			}
	return TUI_HANDLED;
}

/* Esc: forms go back to the choice; otherwise the step before. */
static void key_back(struct tui *t)
{
	if (phase == KEY_BACKUP && fresh) {
		/* the key was just made or imported: the copy is asked for */
		if (skip_backup(t, &fbackup)) {
			backup = BACKUP_SKIPPED;
			show_done(t);
		}
		return;
	}
	if (phase == KEY_NEW || phase == KEY_IMPORT || phase == KEY_BACKUP) {
		tui_form_clear(phase_form());
		set_phase(t, have_key && !wizard_is_again() ? KEY_DONE
							    : KEY_CHOOSE);
		return;
	}
	wizard_back(t, WIZ_KEY);
}

/* Keys of the step. */
static int key_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	struct tui_form *f = phase_form();

	switch (act) {
	case ACT_QUIT:
		return wizard_quit(t);
	case ACT_BACK:
		key_back(t);
		return TUI_HANDLED;
	case ACT_SAVE:
		return key_save(t);
	case ACT_TEST:
		tui_message(t, PAINT_WARNING, "%s",
			    _("There is nothing to test at this step."));
		return TUI_HANDLED;
	default:
		break;
	}
	if (phase == KEY_CHOOSE)
		return choose_key(t, act, ch, is_key);
	if (f == NULL) {
		if (!is_key && (ch == '\r' || ch == '\n'))
			return key_save(t);
		return TUI_HANDLED;
	}
	if (wizard_form_key(t, f, ch, is_key))
		return key_save(t);
	return TUI_HANDLED;
}

/* The cursor: in the form, or parked. */
static void key_cursor(struct tui *t)
{
	struct tui_form *f = phase_form();

	(void)t;
	if (f != NULL)
		tui_form_cursor(f);
	else
		move(LINES - 1, COLS - 1);
}

const struct screen wizard_key = {
    .name = "wizard-key",
    .id = SCR_WIZARD,
    .has_form = 1,
    .enter = key_enter,
    .draw = key_draw,
    .key = key_key,
    .place_cursor = key_cursor,
};
