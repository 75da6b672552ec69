/* screen-poll.h - asking the clearing centre for new notices from a
 * screen (F6 on the batch and notices screens). */
#ifndef CHEQUEDESK_SCREEN_POLL_H
#define CHEQUEDESK_SCREEN_POLL_H

#include <stddef.h>

#include "remote.h"
#include "tui.h"

/* Poll once. The message line says how it went; NOTE (LEN bytes) gets
 * the details to show on the screen (the error, or notices for batches
 * this database does not hold; "" when none) and *ROLE their colour.
 * Retries go to ON_RETRY with CTX, or to the message line when NULL. */
int screen_poll(struct tui *t, remote_notice_fn on_retry, void *ctx, char *note,
		size_t len, enum tui_paint *role);

#endif
