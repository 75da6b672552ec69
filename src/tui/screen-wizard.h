/* screen-wizard.h - what the set-up wizard's steps (screen-wizard-*.c) and
 * the administrator's set-up menu (screen-admin.c) share: the steps, going
 * from one to the next, and their common drawing. */
#ifndef CHEQUEDESK_SCREEN_WIZARD_H
#define CHEQUEDESK_SCREEN_WIZARD_H

#include "tui-form.h"

/* The steps, in order. */
enum wizard_step {
	WIZ_BRANCH = 1, /* branch number and name, bank directory */
	WIZ_USER,	/* the first supervisor: the database is made here */
	WIZ_KEY,	/* the branch key file and its backup */
	WIZ_PRINTER,	/* the counter's printer, with a test print */
	WIZ_CENTRE,	/* the clearing centre, with a live test */
	WIZ_DOCTOR,	/* every check, in colour */
	WIZ_STEPS = WIZ_DOCTOR
};

/* One screen per step. */
extern const struct screen wizard_branch;
extern const struct screen wizard_user;
extern const struct screen wizard_key;
extern const struct screen wizard_printer;
extern const struct screen wizard_centre;
extern const struct screen wizard_doctor;

/* What step 1 collected for step 2, which creates the branch. */
struct wizard_branch_input {
	char number[64];
	char name[256];
	char banks[512]; /* a bank directory CSV to import; "" bundled */
};
struct wizard_branch_input *wizard_input(void);

/* Run STEP on its own from the set-up menu ("again" mode): Esc and the
 * end of the step return to the menu. */
void wizard_again(struct tui *t, enum wizard_step step);

/* 1 while a step runs from the set-up menu. */
int wizard_is_again(void);

/* STEP is finished: the next step still to do (the wizard) or the set-up
 * menu (again). */
void wizard_done(struct tui *t, enum wizard_step step);

/* Esc on STEP: the step before, or the set-up menu. */
void wizard_back(struct tui *t, enum wizard_step step);

/* F10: ask, then TUI_QUIT or TUI_HANDLED. */
int wizard_quit(struct tui *t);

/* 1 when STEP still needs doing (the key, printer and centre steps look
 * at what is there; the others are done once the database is). */
int wizard_missing(struct tui *t, enum wizard_step step);

/* The title bar with TITLE, "Step N of 6" and the row of steps. */
void wizard_frame(struct tui *t, enum wizard_step step, const char *title);

/* The step indicator only (forms draw their own title). */
void wizard_indicator(struct tui *t, enum wizard_step step);

/* Load forms/NAME.form into F once; its text fields scroll for long
 * paths. Fatal when the form file is broken. */
void wizard_form_open(struct tui *t, struct tui_form *f, const char *name);

/* Show ERR on the message line, beside the field it names and whole
 * above the help line (until the step is left or cleared). */
void wizard_form_error(struct tui *t, struct tui_form *f,
		       const struct cd_error *err);

/* Forget the error wizard_form_error showed. */
void wizard_clear_problem(void);

/* Feed a key to a step's form; 1 when Enter was pressed in its last
 * field (the step then does what F2 does). */
int wizard_form_key(struct tui *t, struct tui_form *f, wint_t ch, int is_key);

/* The keys of a step that is one form F: F10, Esc, F2 and F7, typing, and
 * Enter in the last field, which saves with SAVE like F2. */
int wizard_form_step_key(struct tui *t, enum wizard_step step,
			 struct tui_form *f, int (*save)(struct tui *t),
			 enum action act, wint_t ch, int is_key);

/* The branch key's access code given in this run (for the checks), or
 * NULL; wizard_forget_code wipes it. */
void wizard_keep_code(const char *code);
const char *wizard_code(void);
void wizard_forget_code(void);

#endif
