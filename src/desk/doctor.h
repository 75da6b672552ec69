/* doctor.h - "chequedesk doctor": checks a terminal's set-up and says how
 * to fix what is wrong. Used by the command and by the set-up wizard. */
#ifndef CHEQUEDESK_DOCTOR_H
#define CHEQUEDESK_DOCTOR_H

enum doctor_status { DOCTOR_OK, DOCTOR_WARN, DOCTOR_FAIL, DOCTOR_SKIP };

/* One check's result. GROUP is a fixed English id ("config", "database",
 * "key", "printer", "centre", "locale"); WHAT, DETAIL and FIX are
 * translated. FIX is the exact command or setting that mends a failure. */
struct doctor_result {
	const char *group;
	char what[128];
	enum doctor_status status;
	char detail[512];
	char fix[512];
};

struct doctor_opts {
	const char *config_opt;	 /* --config, or NULL */
	const char *db_opt;	 /* --db, or NULL */
	const char *access_code; /* try the key with it; NULL: skip */
	const char *user;	 /* the supervisor trying it, or NULL */
	int offline;		 /* skip the centre checks */
};

typedef void (*doctor_cb)(const struct doctor_result *r, void *ctx);

/* Run every check in order, calling CB for each; returns how many
 * failed (DOCTOR_FAIL). */
int doctor_run(const struct doctor_opts *o, doctor_cb cb, void *ctx);

#endif
