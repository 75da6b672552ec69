/* screen-entry.h - what the cheque and bill forms share: checking a field
 * as the cursor leaves it, and feeding keys to the form. */
#ifndef CHEQUEDESK_SCREEN_ENTRY_H
#define CHEQUEDESK_SCREEN_ENTRY_H

#include "model.h"
#include "tui-form.h"

/* Check field IDX of F (an item of KIND) and show the result beside it, or
 * below it when the row below is free (the amount in capitals). */
void entry_check_field(struct tui *t, struct tui_form *f, enum item_kind kind,
		       int idx);

/* Feed a key to F: refused characters beep with a message, and the field
 * the cursor leaves is checked. */
int entry_key(struct tui *t, struct tui_form *f, enum item_kind kind, wint_t ch,
	      int is_key);

/* Show a failed save: the message on the message line and beside the field
 * it names, with the cursor moved there. */
/* After a failed save: 1 to try again (a duplicate accepted: *ACCEPT
 * set; or a supervisor authorised in a pop-up), 0 to show the error. */
CD_MUST_CHECK int entry_retry(struct tui *t, struct tui_form *f,
			      const struct cd_error *err, int *accept);

void entry_show_error(struct tui *t, struct tui_form *f,
		      const struct cd_error *err);

#endif
