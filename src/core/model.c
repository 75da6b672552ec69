/* model.c - the names the model's values are stored under. */
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
