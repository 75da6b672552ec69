/* screen-poll.c - F6 on the batch and notices screens: poll the clearing
 * centre once, with retries and the outcome on the message line. */
#include "config.h"

#include <stdio.h>

#include "exchange.h"
#include "i18n.h"
#include "screen-poll.h"

/* remote.notice by default: a retry, on the message line. */
static void retry_on_message_line(void *ctx, const char *msg)
{
	struct tui *t = ctx;

	tui_message(t, PAINT_WARNING, "%s", msg);
	tui_show_message(t);
}

/* Poll once from a screen. */
int screen_poll(struct tui *t, remote_notice_fn on_retry, void *ctx, char *note,
		size_t len, enum tui_paint *role)
{
	struct poll_result res;
	struct cd_error err;
	struct remote r;
	int rc;

	note[0] = '\0';
	*role = PAINT_OK;
	cd_err_clear(&err);
	if (exchange_open(t->desk, &r, &err) != CD_OK) {
		snprintf(note, len, "%s", err.msg);
		*role = PAINT_ERROR;
		tui_message(t, PAINT_ERROR, "%s",
			    _("The centre's notices were not read."));
		return err.status;
	}
	r.notice = on_retry ? on_retry : retry_on_message_line;
	r.ctx = on_retry ? ctx : t;
	tui_message(t, PAINT_WARNING, "%s",
		    _("Asking the clearing centre for new notices..."));
	tui_show_message(t);
	rc = poll_once(t->desk, &r, NULL, NULL, &res, &err);
	remote_close(&r);
	if (rc != CD_OK) {
		snprintf(note, len, "%s", err.msg);
		*role = PAINT_ERROR;
		tui_message(t, PAINT_ERROR, "%s",
			    _("The centre's notices were not all read."));
		return rc;
	}
	if (res.applied == 0) {
		tui_message(t, PAINT_OK, "%s", _("No new notices."));
		return CD_OK;
	}
	tui_message(t, res.rejected || res.returned ? PAINT_WARNING : PAINT_OK,
		    P_("%d new notice: %d accepted, %d rejected, %d returned.",
		       "%d new notices: %d accepted, %d rejected, %d "
		       "returned.",
		       res.applied),
		    res.applied, res.accepted, res.rejected, res.returned);
	if (res.unknown > 0) {
		snprintf(note, len,
			 P_("%d notice is for a batch this database does not "
			    "hold: a supervisor runs 'chequedesk resync' for "
			    "its date.",
			    "%d notices are for batches this database does not "
			    "hold: a supervisor runs 'chequedesk resync' for "
			    "their date.",
			    res.unknown),
			 res.unknown);
		*role = PAINT_WARNING;
	}
	return CD_OK;
}
