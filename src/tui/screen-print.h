/* screen-print.h - the print screen, opened from the cheque, bags and list
 * screens for one cheque or one bag. */
#ifndef CHEQUEDESK_SCREEN_PRINT_H
#define CHEQUEDESK_SCREEN_PRINT_H

#include <stdint.h>

#include "tui.h"

/* Show the preview of cheque ID (BAG 0) or bag ID's label (BAG 1), ready
 * for F7; Esc or a good print returns to the current screen. */
void screen_print_open(struct tui *t, int bag, int64_t id);

#endif
