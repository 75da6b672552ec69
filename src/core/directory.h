/* directory.h - reading the bank directory and bill types from CSV. */
#ifndef CHEQUEDESK_DIRECTORY_H
#define CHEQUEDESK_DIRECTORY_H

#include <stddef.h>

#include "error.h"
#include "model.h"

/* Read and check a bank directory file ("number,name,active"): numbers are
 * digits, all of one length, unique. *OUT is malloc'd. */
CD_MUST_CHECK int directory_read_banks(const char *path, struct bank **out,
				       size_t *n, struct cd_error *err);

/* Read and check a bill types file
 * ("code,name_zh,name_en,dc,itemised"). *OUT is malloc'd. */
CD_MUST_CHECK int directory_read_types(const char *path, struct bill_type **out,
				       size_t *n, struct cd_error *err);

#endif
