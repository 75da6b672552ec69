/* cmd-session.c - "chequedesk session": today's business date, the current
 * session and its cut-off. */
#include "config.h"

#include <stdio.h>

#include "calendar.h"
#include "clock.h"
#include "cmd.h"
#include "conf.h"
#include "i18n.h"
#include "json-out.h"
#include "out.h"

static const struct opt_spec options[] = {
    {.name = "json", .argname = NULL, .help = N_("print JSON")},
    {0},
};

/* Minutes from NOW until the slot's cut-off (across days). */
static long minutes_left(const struct cd_now *now,
			 const struct business_slot *slot)
{
	long days = cd_date_to_days(slot->date) - cd_date_to_days(now->date);

	return days * 1440 + slot->cutoff - now->minute;
}

/* Print the current business date and session. */
static int exec(struct cmd_ctx *ctx)
{
	struct conf c;
	struct cd_now now;
	struct business_slot slot;
	char date[DATE_LEN];
	long left;
	int rc;

	rc = conf_load(&c, args_get(ctx->args, "config"),
		       args_get(ctx->args, "db"), ctx->err);
	if (rc == CD_OK)
		rc = clock_now(&now, ctx->err);
	if (rc != CD_OK) {
		conf_free(&c);
		return rc;
	}
	calendar_slot(&c.cal, now.date, now.minute, &slot);
	cd_date_format(slot.date, date);
	left = minutes_left(&now, &slot);
	if (args_has(ctx->args, "json")) {
		cJSON *o = cJSON_CreateObject();
		char cut[16];

		snprintf(cut, sizeof cut, "%02d:%02d", slot.cutoff / 60,
			 slot.cutoff % 60);
		cJSON_AddStringToObject(o, "business_date", date);
		cJSON_AddNumberToObject(o, "session", slot.session);
		cJSON_AddNumberToObject(o, "sessions", c.cal.nsessions);
		cJSON_AddStringToObject(o, "cutoff", cut);
		cJSON_AddNumberToObject(o, "minutes_to_cutoff", (double)left);
		out_json(o);
	} else {
		out_printf(stdout, _("Business date %s, session %d of %d.\n"),
			   date, slot.session, c.cal.nsessions);
		out_printf(
		    stdout, _("Cut-off at %02d:%02d, in %ld h %02ld min.\n"),
		    slot.cutoff / 60, slot.cutoff % 60, left / 60, left % 60);
	}
	conf_free(&c);
	return CD_OK;
}

const struct cmd_entry cmd_session_entry = {
    .name = "session",
    .usage = "[--json]",
    .summary = N_("Show the business date, session and time to cut-off"),
    .options = options,
    .max_pos = 0,
    .flags = 0,
    .exec = exec,
    .perm = PERM_ITEMS,
};
