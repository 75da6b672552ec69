/* batchfile.h - the outgoing batch file (docs/batch-format.md): writing it
 * from a session's items and bags, reading and checking it (branch resync
 * and the centre simulator), and its control totals. */
#ifndef CHEQUEDESK_BATCHFILE_H
#define CHEQUEDESK_BATCHFILE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

#define BATCHFILE_FORMAT "chequedesk-batch"
#define BATCHFILE_VERSION 1
#define BATCH_ID_MAX 40

/* The head of the branch's audit chain when the batch was closed
 * (docs/audit.md): which trail (CHAIN), records FROM..RECORD, the
 * chained hash of RECORD and a short hash of each record's contents. RECORD 0:
 * the file has none. */
#define BATCH_HASH_HEX 64
#define BATCH_LEAF_HEX 16
struct batch_anchor {
	int64_t from, record;
	char chain[BATCH_HASH_HEX + 1]; /* the trail's first record's hash */
	char hash[BATCH_HASH_HEX + 1];
	char *leaves; /* BATCH_LEAF_HEX hex digits per record; malloc() */
};

struct batch_header {
	char branch[CODELINE_BANK_MAX + 1];
	char branch_name[NAME_MAX_BYTES + 1];
	char business_date[DATE_LEN];
	int session;
	char batch_id[BATCH_ID_MAX];
	char created[TIMESTAMP_LEN];
	char closed_by[USER_ID_MAX + 1];
	int resend;
	struct batch_anchor audit; /* freed by batch_free */
};

/* One cheque or bill. IT holds the registered fields: kind, serial, bank,
 * account, amount_fen, type, dc, check_code, phone, paykey, payee_account,
 * payee_name, teller, created_at ("registered"), prints; for a bill, bank,
 * type and dc are its bag's. IT.id is the branch's item id when writing
 * (not written) and 0 after reading. */
struct batch_item {
	int ref; /* 1..n within the batch */
	int bag; /* index into batch.bags for a bill, -1 for a cheque */
	struct item it;
};

/* Count and total of one destination bank and D/C (bank "" for the
 * debit, credit and all rows). */
struct batch_total {
	char bank[CODELINE_BANK_MAX + 1];
	char dc;
	int64_t count;
	int64_t amount_fen;
};

/* A whole batch. Items are cheques first, then each bag's bills in bag
 * order; refs are 1..n in that order. */
struct batch {
	struct batch_header h;
	struct batch_item *items; /* NULL in a plan (batch_plan) */
	size_t nitems;
	size_t ncheques;  /* how many of the items are cheques */
	struct bag *bags; /* id = the branch's bag number; count, amount_fen,
			     sealed_at, bank, type, dc used */
	size_t nbags;
	struct batch_total *by_bank; /* sorted by bank, then C before D */
	size_t nby_bank;
	struct batch_total debit, credit, all;
};

/* Fill B's totals (by_bank, debit, credit, all) and each bag's count and
 * amount from the items. */
CD_MUST_CHECK int batch_compute_totals(struct batch *b, struct cd_error *err);

/* The batch file's exact bytes (compact JSON, no trailing newline) in a
 * new string; *LEN its length. Totals must have been computed. */
char *batch_write(const struct batch *b, size_t *len, struct cd_error *err);

/* Where a batch file's bytes go as they are written: 0, or -1 to stop
 * (the writer then fails with CD_EFAIL and the sink's message in ERR). */
typedef int (*batch_sink)(void *ctx, const char *data, size_t len,
			  struct cd_error *err);

/* A batch file written piece by piece in file order, never held whole:
 * batch_stream_begin, then each cheque, then each bag (with its count and
 * amount already known) followed by its bills, then batch_stream_end with
 * the totals. The bytes are exactly those of batch_write. */
struct batch_stream {
	batch_sink sink;
	void *ctx;
	char *buf; /* one printed object */
	size_t cap;
	int where;    /* 0 cheques, 1 bags, 2 a bag's bills */
	int count;    /* objects written in the open array */
	int next_ref; /* the ref the next item must carry */
	int failed;   /* an error is in ERR already */
};

CD_MUST_CHECK int batch_stream_begin(struct batch_stream *w,
				     const struct batch_header *h,
				     batch_sink sink, void *ctx,
				     struct cd_error *err);
CD_MUST_CHECK int batch_stream_cheque(struct batch_stream *w,
				      const struct batch_item *bi,
				      struct cd_error *err);
CD_MUST_CHECK int batch_stream_bag(struct batch_stream *w, const struct bag *g,
				   struct cd_error *err);
CD_MUST_CHECK int batch_stream_bill(struct batch_stream *w,
				    const struct batch_item *bi,
				    struct cd_error *err);
/* Write the totals of B (by_bank, debit, credit, all) and end the file;
 * frees what W holds, as does batch_stream_free after a failure. */
CD_MUST_CHECK int batch_stream_end(struct batch_stream *w,
				   const struct batch *b, struct cd_error *err);
void batch_stream_free(struct batch_stream *w);

/* Parse and check DATA (every check of docs/batch-format.md, totals
 * included) into OUT. CD_EINVAL with the place in the file ("cheques[3]
 * .amount_fen: ...") when it is not a valid batch file. */
CD_MUST_CHECK int batch_read(const char *data, size_t len, struct batch *out,
			     struct cd_error *err);

void batch_free(struct batch *b);

/* Only the audit anchor of batch file DATA into OUT (record 0 when the
 * file has none); CD_EINVAL when the file is not JSON or the anchor is
 * malformed. Free OUT->leaves. */
CD_MUST_CHECK int batch_read_anchor(const char *data, size_t len,
				    struct batch_anchor *out,
				    struct cd_error *err);
/* An anchor object as header.audit holds it, checked; its JSON. */
CD_MUST_CHECK int batch_anchor_parse(const cJSON *o, struct batch_anchor *a,
				     struct cd_error *err);
cJSON *batch_anchor_json(const struct batch_anchor *a);

/* "BRANCH-YYYYMMDD-S-NN" into OUT (BATCH_ID_MAX bytes). */
void batch_make_id(const char *branch, const char *date, int session, int nn,
		   char *out);

/* Wire amounts: a JSON string of 1..18 decimal digits, fen, no leading
 * zero. Parse returns 0 on success, -1 when TEXT is not such a string. */
int wire_amount_parse(const char *text, int64_t *fen);
cJSON *wire_amount_add(cJSON *obj, const char *name, int64_t fen);

#endif
