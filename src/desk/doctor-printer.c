/* doctor-printer.c - the doctor's printer checks: the configured CUPS
 * queue exists, is enabled and accepts jobs, and a printer profile serves
 * it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor-int.h"
#include "i18n.h"
#include "print.h"
#include "profile.h"
#include "spool.h"

#define QUEUE_STOPPED 5 /* struct spool_dest state */

/* The installed profiles' ids, "a, b", into BUF. */
static void profile_ids(const struct conf *c, char *buf, size_t len)
{
	char **dirs = conf_profile_dirs(c);
	struct profile *all = NULL;
	struct cd_error err;
	size_t used = 0;
	int n = 0, i;

	buf[0] = '\0';
	if (dirs == NULL)
		return;
	profile_load_all((const char *const *)dirs, &all, &n, &err);
	conf_free_dirs(dirs);
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", all[i].id);
	profile_free_all(all, n);
}

/* The CUPS queues' names, "a, b", into BUF ("" when none or no CUPS). */
static void queue_names(char *buf, size_t len)
{
	struct spool_dest *d = NULL;
	struct cd_error err;
	size_t used = 0;
	int n = 0, i;

	buf[0] = '\0';
	if (spool_list(&d, &n, &err) != CD_OK)
		return;
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", d[i].name);
	free(d);
}

/* The queue: there, enabled, accepting. 1 when it exists. */
static int check_queue(struct doctor_state *s, struct spool_dest *d)
{
	const char *q = s->conf.printer, *conf = s->conf.config_path;
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], names[256];
	struct cd_error err;
	int rc;

	cd_err_clear(&err);
	rc = spool_get(q, d, &err);
	if (rc == CD_ENOTFOUND) {
		queue_names(names, sizeof names);
		snprintf(detail, sizeof detail,
			 _("There is no printer queue \"%s\" in CUPS (queues "
			   "there are: %s)."),
			 q, names[0] ? names : _("none"));
		/* TRANSLATORS: the commands and setting stay in English. */
		snprintf(fix, sizeof fix,
			 _("printer = QUEUE in %s with a queue lpstat -e "
			   "lists, or add the printer: lpadmin -p %s -E -v "
			   "DEVICE-URI"),
			 conf, q);
		doctor_emit(s, "printer", _("printer queue"), DOCTOR_FAIL,
			    detail, fix);
	} else if (rc != CD_OK) {
		doctor_emit(s, "printer", _("printer queue"), DOCTOR_FAIL,
			    err.msg, "sudo systemctl start cups");
	}
	if (rc != CD_OK) {
		doctor_emit(s, "printer", _("queue state"), DOCTOR_SKIP,
			    _("not checked: there is no queue"), NULL);
		return 0;
	}
	snprintf(detail, sizeof detail, "%s (%s)", q,
		 d->make_model[0] ? d->make_model
				  : _("make and model unknown"));
	doctor_emit(s, "printer", _("printer queue"), DOCTOR_OK, detail, NULL);

	if (d->state == QUEUE_STOPPED || !d->accepting) {
		snprintf(detail, sizeof detail, "%s%s%s%s%s",
			 d->state == QUEUE_STOPPED ? _("stopped") : "",
			 d->state == QUEUE_STOPPED && !d->accepting ? ", " : "",
			 !d->accepting ? _("rejecting jobs") : "",
			 d->message[0] ? ": " : "", d->message);
		if (d->state == QUEUE_STOPPED && !d->accepting)
			snprintf(fix, sizeof fix,
				 "cupsenable %s && cupsaccept %s", q, q);
		else
			snprintf(fix, sizeof fix, "%s %s",
				 d->state == QUEUE_STOPPED ? "cupsenable"
							   : "cupsaccept",
				 q);
		doctor_emit(s, "printer", _("queue state"), DOCTOR_FAIL, detail,
			    fix);
	} else {
		doctor_emit(s, "printer", _("queue state"), DOCTOR_OK,
			    spool_state_label(d), NULL);
	}
	return 1;
}

/* The profile the queue would print with. */
static void check_profile(struct doctor_state *s, int have_queue,
			  const struct spool_dest *d)
{
	const char *what = _("printer profile");
	char detail[DOCTOR_TEXT], fix[DOCTOR_TEXT], ids[256];
	struct cd_error err;
	struct profile p;

	if (!have_queue && s->conf.printer_profile[0] == '\0') {
		doctor_emit(s, "printer", what, DOCTOR_SKIP,
			    _("not checked: the profile is chosen by the "
			      "queue's make and model"),
			    NULL);
		return;
	}
	cd_err_clear(&err);
	memset(&p, 0, sizeof p);
	if (print_profile_for(&s->conf, s->conf.printer, NULL, &p, &err) ==
	    CD_OK) {
		snprintf(detail, sizeof detail, "%s (%s)", p.id, p.name);
		profile_free(&p);
		doctor_emit(s, "printer", what, DOCTOR_OK, detail, NULL);
		return;
	}
	profile_ids(&s->conf, ids, sizeof ids);
	if (ids[0] == '\0')
		snprintf(fix, sizeof fix,
			 _("add a profile for %s to the printers folder next "
			   "to %s (docs/printers.md)"),
			 have_queue ? d->make_model : s->conf.printer,
			 s->conf.config_path);
	else
		/* TRANSLATORS: "printer_profile = ID in FILE, one of: a, b". */
		snprintf(fix, sizeof fix,
			 _("printer_profile = ID in %s, one of: %s"),
			 s->conf.config_path, ids);
	doctor_emit(s, "printer", what, DOCTOR_FAIL, err.msg, fix);
}

/* The printer group. */
void doctor_printer(struct doctor_state *s)
{
	const char *why = NULL;
	struct spool_dest d;
	int have;

	if (!s->conf_whole)
		why = _("not checked: the configuration file must be mended "
			"first");
	else if (s->conf.printer[0] == '\0')
		why = _("not checked: no printer is set (see the settings "
			"check)");
	if (why != NULL) {
		doctor_emit(s, "printer", _("printer queue"), DOCTOR_SKIP, why,
			    NULL);
		return;
	}
	memset(&d, 0, sizeof d);
	have = check_queue(s, &d);
	check_profile(s, have, &d);
}
