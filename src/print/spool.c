/* spool.c - CUPS through libcups: destinations, raw jobs, job states. */
#include "config.h"

#include <cups/cups.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "spool.h"

/* Connect to the scheduler, or say plainly that it is not there. */
static http_t *connect_cups(struct cd_error *err)
{
	http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
				    cupsEncryption(), 1, 10000, NULL);

	if (http == NULL)
		cd_err(err, CD_ECONFIG, "printer",
		       _("Cannot reach the print service (CUPS) at %s. Ask "
			 "branch IT to start it (systemctl start cups) or to "
			 "check the server setting (CUPS_SERVER, "
			 "/etc/cups/client.conf)."),
		       cupsServer());
	return http;
}

/* Fill D from a libcups destination. */
static void dest_from_cups(const cups_dest_t *c, struct spool_dest *d)
{
	const char *v;

	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", c->name);
	d->is_default = c->is_default;
#define OPT(name) cupsGetOption(name, c->num_options, c->options)
	v = OPT("printer-info");
	snprintf(d->info, sizeof d->info, "%s", v ? v : "");
	v = OPT("printer-make-and-model");
	snprintf(d->make_model, sizeof d->make_model, "%s", v ? v : "");
	v = OPT("printer-state-reasons");
	snprintf(d->reasons, sizeof d->reasons, "%s", v ? v : "");
	v = OPT("printer-state-message");
	snprintf(d->message, sizeof d->message, "%s", v ? v : "");
	v = OPT("printer-state");
	d->state = v ? atoi(v) : 3;
	v = OPT("printer-is-accepting-jobs");
	d->accepting = v == NULL || strcmp(v, "true") == 0;
#undef OPT
}

const char *spool_state_label(const struct spool_dest *d)
{
	if (d->state == IPP_PSTATE_STOPPED)
		return _("stopped");
	if (!d->accepting)
		return _("rejecting jobs");
	if (d->state == IPP_PSTATE_PROCESSING)
		return _("printing");
	return _("ready");
}

int spool_list(struct spool_dest **out, int *n, struct cd_error *err)
{
	cups_dest_t *dests = NULL;
	http_t *http;
	int count, i;

	*out = NULL;
	*n = 0;
	if ((http = connect_cups(err)) == NULL)
		return err->status;
	count = cupsGetDests2(http, &dests);
	httpClose(http);
	if (count == 0)
		return CD_OK;
	*out = calloc((size_t)count, sizeof **out);
	if (*out == NULL) {
		cupsFreeDests(count, dests);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	}
	for (i = 0; i < count; i++)
		dest_from_cups(&dests[i], &(*out)[i]);
	*n = count;
	cupsFreeDests(count, dests);
	return CD_OK;
}

/* The destination QUEUE over HTTP. */
static int get_dest(http_t *http, const char *queue, struct spool_dest *d,
		    struct cd_error *err)
{
	cups_dest_t *c = cupsGetNamedDest(http, queue, NULL);

	if (c == NULL)
		return cd_err(err, CD_ENOTFOUND, "printer",
			      _("There is no printer queue \"%s\" on this "
				"terminal. Run \"chequedesk printers\" to see "
				"the queues there are, and set \"printer\" in "
				"chequedesk.conf (or give --printer)."),
			      queue);
	dest_from_cups(c, d);
	cupsFreeDests(1, c);
	return CD_OK;
}

int spool_get(const char *queue, struct spool_dest *d, struct cd_error *err)
{
	http_t *http = connect_cups(err);
	int rc;

	if (http == NULL)
		return err->status;
	rc = get_dest(http, queue, d, err);
	httpClose(http);
	return rc;
}

/* Why a destination cannot take a job now, or CD_OK. */
static int dest_ready(const struct spool_dest *d, struct cd_error *err)
{
	if (d->state == IPP_PSTATE_STOPPED)
		return cd_err(err, CD_ECONFLICT, "printer",
			      _("The printer queue \"%s\" is stopped%s%s%s. "
				"Check the printer (power, cable, paper), "
				"then ask branch IT to start the queue again "
				"(cupsenable %s) and print again."),
			      d->name, d->message[0] ? " (" : "", d->message,
			      d->message[0] ? ")" : "", d->name);
	if (!d->accepting)
		return cd_err(err, CD_ECONFLICT, "printer",
			      _("The printer queue \"%s\" is not accepting "
				"jobs. Ask branch IT to let it accept jobs "
				"again (cupsaccept %s), then print again."),
			      d->name, d->name);
	return CD_OK;
}

int spool_ready(const char *queue, struct cd_error *err)
{
	struct spool_dest d;
	int rc = spool_get(queue, &d, err);

	return rc != CD_OK ? rc : dest_ready(&d, err);
}

/* The scheduler refused REQUEST: say so with its reason. */
static int refused(const char *queue, struct cd_error *err)
{
	ipp_status_t st = cupsLastError();

	if (st == IPP_STATUS_ERROR_NOT_FOUND)
		return cd_err(err, CD_ENOTFOUND, "printer",
			      _("There is no printer queue \"%s\" on this "
				"terminal. Run \"chequedesk printers\" to see "
				"the queues there are."),
			      queue);
	if (st == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
		return cd_err(err, CD_ECONFLICT, "printer",
			      _("The printer queue \"%s\" is not accepting "
				"jobs. Ask branch IT to let it accept jobs "
				"again (cupsaccept %s), then print again."),
			      queue, queue);
	return cd_err(err, CD_ECONFIG, "printer",
		      _("The print service refused the job for \"%s\": %s. "
			"Nothing was printed; ask branch IT to check the "
			"queue."),
		      queue, cupsLastErrorString());
}

int spool_create(const char *queue, const char *title, int *job_id,
		 struct cd_error *err)
{
	http_t *http = connect_cups(err);
	struct spool_dest d;
	int rc;

	if (http == NULL)
		return err->status;
	if ((rc = get_dest(http, queue, &d, err)) != CD_OK ||
	    (rc = dest_ready(&d, err)) != CD_OK) {
		httpClose(http);
		return rc;
	}
	*job_id = cupsCreateJob(http, queue, title, 0, NULL);
	if (*job_id == 0)
		rc = refused(queue, err);
	httpClose(http);
	return rc;
}

int spool_send(const char *queue, int job_id, const void *data, size_t len,
	       struct cd_error *err)
{
	return spool_send_as(queue, job_id, CUPS_FORMAT_RAW, data, len, err);
}

int spool_send_as(const char *queue, int job_id, const char *format,
		  const void *data, size_t len, struct cd_error *err)
{
	http_t *http = connect_cups(err);
	ipp_status_t st;

	if (http == NULL)
		return err->status;
	if (cupsStartDocument(http, queue, job_id, "chequedesk", format, 1) !=
		HTTP_STATUS_CONTINUE ||
	    cupsWriteRequestData(http, data, len) != HTTP_STATUS_CONTINUE) {
		cupsFinishDocument(http, queue);
		httpClose(http);
		return refused(queue, err);
	}
	st = cupsFinishDocument(http, queue);
	httpClose(http);
	if (st > IPP_STATUS_OK_CONFLICTING)
		return refused(queue, err);
	return CD_OK;
}

/* Ask for one job's state, reasons and the printer's message. */
static int job_attrs(http_t *http, int job_id, int *state, char *reasons,
		     size_t rlen, char *msg, size_t mlen)
{
	static const char *const want[] = {"job-state", "job-state-reasons",
					   "job-printer-state-message"};
	char uri[HTTP_MAX_URI];
	ipp_attribute_t *a;
	ipp_t *req, *resp;

	req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL,
			 "localhost", 0, "/jobs/%d", job_id);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME,
		     "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
		      "requested-attributes", 3, NULL, want);
	resp = cupsDoRequest(http, req, "/");
	if (resp == NULL ||
	    ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
		ippDelete(resp);
		return -1;
	}
	*state = (a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM))
		     ? ippGetInteger(a, 0)
		     : IPP_JSTATE_PENDING;
	a = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD);
	snprintf(reasons, rlen, "%s", a ? ippGetString(a, 0, NULL) : "");
	a = ippFindAttribute(resp, "job-printer-state-message", IPP_TAG_TEXT);
	snprintf(msg, mlen, "%s", a ? ippGetString(a, 0, NULL) : "");
	ippDelete(resp);
	return 0;
}

int spool_state(const char *queue, int job_id, enum spool_outcome *out,
		struct cd_error *err)
{
	char reasons[128], msg[256];
	http_t *http = connect_cups(err);
	int state;

	if (http == NULL)
		return err->status;
	if (job_attrs(http, job_id, &state, reasons, sizeof reasons, msg,
		      sizeof msg) != 0) {
		httpClose(http);
		/* The scheduler no longer knows the job: it did not print
		 * as far as anyone can tell. */
		*out = SPOOL_FAILED;
		cd_err(err, CD_ECONFLICT, "printer",
		       _("The print service no longer knows job %d on "
			 "\"%s\"."),
		       job_id, queue);
		return CD_OK;
	}
	httpClose(http);
	if (state == IPP_JSTATE_COMPLETED)
		*out = SPOOL_DONE;
	else if (state == IPP_JSTATE_ABORTED || state == IPP_JSTATE_CANCELED) {
		*out = SPOOL_FAILED;
		cd_err(err, CD_ECONFLICT, "printer",
		       _("Print job %d on \"%s\" was %s (%s)."), job_id, queue,
		       state == IPP_JSTATE_ABORTED ? _("aborted")
						   : _("cancelled"),
		       msg[0] ? msg : reasons);
	} else
		*out = SPOOL_PENDING;
	return CD_OK;
}

void spool_cancel(const char *queue, int job_id)
{
	struct cd_error ignored;
	http_t *http = connect_cups(&ignored);

	if (http == NULL)
		return;
	cupsCancelJob2(http, queue, job_id, 0);
	httpClose(http);
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int spool_wait(const char *queue, int job_id, int timeout, spool_tick tick,
	       void *ctx, struct cd_error *err)
{
	struct timespec pause = {0, 200 * 1000000L};
	long long start = now_ms(), passed;
	char reasons[128], msg[256];
	struct spool_dest d;
	http_t *http;
	int state, stopped_polls = 0;

	if ((http = connect_cups(err)) == NULL)
		return err->status;
	for (;;) {
		if (job_attrs(http, job_id, &state, reasons, sizeof reasons,
			      msg, sizeof msg) != 0) {
			httpClose(http);
			return cd_err(err, CD_ECONFIG, "printer",
				      _("Lost track of print job %d on \"%s\" "
					"(%s). Look at the document: if it "
					"was printed, a supervisor can mark "
					"it; if not, print again."),
				      job_id, queue, cupsLastErrorString());
		}
		if (state == IPP_JSTATE_COMPLETED) {
			httpClose(http);
			return CD_OK;
		}
		/* CUPS holds a job whose backend failed under the
		 * retry-job error policy: it will not print by itself soon. */
		if (state == IPP_JSTATE_ABORTED ||
		    state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_HELD) {
			if (state == IPP_JSTATE_HELD)
				cupsCancelJob2(http, queue, job_id, 0);
			httpClose(http);
			return cd_err(err, CD_ECONFLICT, "printer",
				      _("The printer \"%s\" could not print "
					"job %d (%s). Check the printer and "
					"the document, then print again."),
				      queue, job_id,
				      msg[0]	   ? msg
				      : reasons[0] ? reasons
						   : _("no reason given"));
		}
		/* A queue that stops while our job waits will not print it
		 * until someone intervenes: give up now. */
		if (get_dest(http, queue, &d, err) == CD_OK &&
		    d.state == IPP_PSTATE_STOPPED) {
			if (d.message[0] == '\0')
				snprintf(d.message, sizeof d.message, "%s",
					 msg);
			/* CUPS may stop the queue a moment before it records
			 * the printer's reason (a busy scheduler): give the
			 * reason up to a second to arrive, so the teller is
			 * told what the printer said. */
			if (d.message[0] == '\0' && ++stopped_polls < 5) {
				nanosleep(&pause, NULL);
				continue;
			}
			cupsCancelJob2(http, queue, job_id, 0);
			httpClose(http);
			return cd_err(err, CD_ECONFLICT, "printer",
				      _("The printer queue \"%s\" stopped "
					"while printing%s%s%s; the job was "
					"cancelled. Check the printer (power, "
					"cable, paper), ask branch IT to "
					"start the queue (cupsenable %s), "
					"then print again."),
				      queue, d.message[0] ? " (" : "",
				      d.message, d.message[0] ? ")" : "",
				      queue);
		}
		passed = now_ms() - start;
		if (passed >= (long long)timeout * 1000) {
			cupsCancelJob2(http, queue, job_id, 0);
			httpClose(http);
			return cd_err(err, CD_ECONFLICT, "printer",
				      _("The printer \"%s\" did not finish "
					"within %d seconds, so the job was "
					"cancelled. Check that the document "
					"is inserted and the printer is on "
					"line, then print again."),
				      queue, timeout);
		}
		if (tick)
			tick(ctx, (int)(passed / 1000));
		nanosleep(&pause, NULL);
	}
}
