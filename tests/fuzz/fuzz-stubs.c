/* fuzz-stubs.c - stand-ins for the few functions the pure modules under
 * fuzzing link against but never call, so no target needs the store. */
#include "config.h"

#include "model.h"

/* json-out.c's json_user names the role with desk.c's role_name; the batch
 * file and notices never write users. */
const char *role_name(enum role role)
{
	(void)role;
	return "none";
}
