/* doctor-int.h - what the doctor's groups of checks (doctor*.c) share: the
 * state of one run and the function each group is. Not for other modules;
 * they use doctor.h. */
#ifndef CHEQUEDESK_DOCTOR_INT_H
#define CHEQUEDESK_DOCTOR_INT_H

#include "conf.h"
#include "doctor.h"
#include "model.h"
#include "store.h"

/* Room for a detail or fix while it is written; doctor_emit keeps what
 * fits struct doctor_result. */
#define DOCTOR_TEXT 2048

/* One run of the doctor. */
struct doctor_state {
	const struct doctor_opts *o;
	doctor_cb cb;
	void *ctx;
	int failed;
	struct conf conf;
	int conf_loaded;  /* conf_load was called (conf must be freed) */
	int conf_whole;	  /* conf holds every setting of the file, or the
			     defaults when there is none */
	int db_sound;	  /* the database exists, is current and intact */
	struct store *ro; /* a read-only connection to it, or NULL */
	struct branch branch;
	int have_branch;
};

/* Report one check to the caller's callback (FIX may be NULL or ""). */
void doctor_emit(struct doctor_state *s, const char *group, const char *what,
		 enum doctor_status status, const char *detail,
		 const char *fix);

/* This user's login name, for chown fixes. */
const char *doctor_user(void);

/* The groups, in the order they run. */
void doctor_config(struct doctor_state *s);   /* doctor.c */
void doctor_database(struct doctor_state *s); /* doctor-store.c */
void doctor_key(struct doctor_state *s);      /* doctor-key.c */
void doctor_printer(struct doctor_state *s);  /* doctor-printer.c */
void doctor_centre(struct doctor_state *s);   /* doctor-centre.c */
void doctor_locale(struct doctor_state *s);   /* doctor.c */

#endif
