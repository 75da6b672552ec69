/* json-out.h - records as JSON objects (cJSON), for --json output, audit
 * rows and, later, batch files. Amounts are written as exact integers. */
#ifndef CHEQUEDESK_JSON_OUT_H
#define CHEQUEDESK_JSON_OUT_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "model.h"

/* Add an int64 member as a JSON integer, without going through double. */
cJSON *json_add_int64(cJSON *obj, const char *name, int64_t v);
/* Add a string member, or null when S is NULL or empty. */
void json_add_opt(cJSON *obj, const char *name, const char *s);

cJSON *json_item(const struct item *it);
cJSON *json_bag(const struct bag *b);
cJSON *json_bank(const struct bank *b);
cJSON *json_bill_type(const struct bill_type *t);
cJSON *json_user(const struct user *u); /* never includes the hash */

/* Print OBJ compactly into a new string and free OBJ. */
char *json_take_string(cJSON *obj);

#endif
