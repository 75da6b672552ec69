/* model.c - the names the model's values are stored under, and the
 * batch's state machine. */
#include "config.h"

#include <string.h>

#include "model.h"

/* The names roles are stored under. */
const char *role_name(enum role role)
{
	switch (role) {
	case ROLE_TELLER:
		return "teller";
	case ROLE_SUPERVISOR:
		return "supervisor";
	case ROLE_ADMIN:
		return "administrator";
	default:
		return "none";
	}
}

/* Parse a stored or typed role name. */
enum role role_parse(const char *name)
{
	if (strcmp(name, "teller") == 0)
		return ROLE_TELLER;
	if (strcmp(name, "supervisor") == 0)
		return ROLE_SUPERVISOR;
	if (strcmp(name, "administrator") == 0)
		return ROLE_ADMIN;
	return ROLE_NONE;
}

static const char *const state_names[BATCH_STATES] = {
    [BATCH_CLOSED] = "closed",	   [BATCH_UPLOADING] = "uploading",
    [BATCH_RECEIVED] = "received", [BATCH_COMPLETE] = "complete",
    [BATCH_FAILED] = "failed",
};

/* The stored name of a batch state. */
const char *batch_state_name(enum batch_state s)
{
	return (unsigned)s < BATCH_STATES ? state_names[s] : "unknown";
}

/* A stored name back to its state. */
int batch_state_parse(const char *name, enum batch_state *out)
{
	int i;

	for (i = 0; i < BATCH_STATES; i++)
		if (strcmp(state_names[i], name) == 0) {
			*out = (enum batch_state)i;
			return 0;
		}
	return -1;
}

/* The moves: a close makes a batch closed; an upload attempt makes it
 * uploading, then received, or failed when refused (uploading again
 * when the network failed); a resend of a batch the centre has not
 * received makes it closed again; the last answer makes it complete
 * (also when its receipt was lost on the way). */
static const unsigned char moves[BATCH_STATES][BATCH_STATES] = {
    [BATCH_CLOSED] = {[BATCH_CLOSED] = 1, [BATCH_UPLOADING] = 1},
    [BATCH_UPLOADING] = {[BATCH_CLOSED] = 1,
			 [BATCH_UPLOADING] = 1,
			 [BATCH_RECEIVED] = 1,
			 [BATCH_COMPLETE] = 1,
			 [BATCH_FAILED] = 1},
    [BATCH_FAILED] =
	{[BATCH_CLOSED] = 1, [BATCH_UPLOADING] = 1, [BATCH_FAILED] = 1},
    [BATCH_RECEIVED] = {[BATCH_RECEIVED] = 1, [BATCH_COMPLETE] = 1},
    [BATCH_COMPLETE] = {[BATCH_COMPLETE] = 1},
};

/* Whether FROM may become TO. */
int batch_state_may(enum batch_state from, enum batch_state to)
{
	return (unsigned)from < BATCH_STATES && (unsigned)to < BATCH_STATES &&
	       moves[from][to];
}

/* Whether a batch is still to be sent. */
int batch_state_to_send(enum batch_state s)
{
	return s == BATCH_CLOSED || s == BATCH_UPLOADING || s == BATCH_FAILED;
}
