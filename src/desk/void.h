/* void.h - voiding an item registered by mistake (dual control). */
#ifndef CHEQUEDESK_VOID_H
#define CHEQUEDESK_VOID_H

#include <stdint.h>

#include "desk.h"

/* Void item ID for REASON: only before it goes out in a batch, and for a
 * bill only while its bag is open. Needs a supervisor's authorisation
 * (desk_authorise, DUAL_VOID); one transaction with its audit row. */
CD_MUST_CHECK int item_void(struct desk *d, int64_t id, const char *reason,
			    struct cd_error *err);

#endif
