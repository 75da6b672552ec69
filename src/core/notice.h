/* notice.h - the clearing centre's notices (docs/centre-protocol.md):
 * accepted, rejected or returned, one per item and event. */
#ifndef CHEQUEDESK_NOTICE_H
#define CHEQUEDESK_NOTICE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "batchfile.h"
#include "error.h"

enum notice_kind { NOTICE_ACCEPTED, NOTICE_REJECTED, NOTICE_RETURNED };

struct notice {
	int64_t seq;
	char batch_id[BATCH_ID_MAX];
	int ref;
	char serial[ITEM_SERIAL_MAX + 1];
	char bank[CODELINE_BANK_MAX + 1];
	int64_t amount_fen;
	enum notice_kind kind;
	char reason_code[40];
	char reason[256];
	char at[TIMESTAMP_LEN];
	int acknowledged;
};

/* One answer to GET .../notices. */
struct notice_page {
	struct notice *v;
	size_t n;
	int64_t last_seq;
	int more;
};

/* "accepted", "rejected", "returned" and back (-1 when unknown). */
const char *notice_kind_name(enum notice_kind k);
int notice_kind_parse(const char *name);

/* A notice as the protocol's JSON object. */
cJSON *notice_to_json(const struct notice *n);
/* One notice from its JSON object; WHERE names it in messages
 * ("notices[2]"). CD_EINVAL with the member at fault. */
CD_MUST_CHECK int notice_from_json(const cJSON *o, const char *where,
				   struct notice *out, struct cd_error *err);

/* Parse a whole notices answer. Seqs must increase; rejected and returned
 * notices must carry a reason code. */
CD_MUST_CHECK int notice_page_read(const char *data, size_t len,
				   struct notice_page *out,
				   struct cd_error *err);
void notice_page_free(struct notice_page *p);

#endif
