/* test-batchfile.c - unit tests for the batch file (writing, reading and
 * every reader check), wire amounts, batch IDs and centre notices. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchfile.h"
#include "notice.h"

#define STAMP "2026-11-23T10:05:00+0800"

/* A cheque with its codeline fields. */
static void set_cheque(struct batch_item *bi, int ref, const char *serial,
		       const char *bank, int64_t fen, const char *type)
{
	struct item *it = &bi->it;

	memset(bi, 0, sizeof *bi);
	bi->ref = ref;
	bi->bag = -1;
	it->kind = ITEM_CHEQUE;
	snprintf(it->serial, sizeof it->serial, "%s", serial);
	snprintf(it->bank, sizeof it->bank, "%s", bank);
	snprintf(it->account, sizeof it->account, "62220200%04d", ref);
	it->amount_fen = fen;
	snprintf(it->type, sizeof it->type, "%s", type);
	it->dc = 'D';
	snprintf(it->check_code, sizeof it->check_code, "%02d", ref * 7);
	snprintf(it->teller, sizeof it->teller, "teller1");
	snprintf(it->created_at, sizeof it->created_at, STAMP);
	it->prints = 1;
}

/* A bill in bag BAG (its bank, type and D/C copied from the bag). */
static void set_bill(struct batch_item *bi, const struct batch *b, int ref,
		     int bag, const char *serial, int64_t fen)
{
	struct item *it = &bi->it;
	const struct bag *g = &b->bags[bag];

	memset(bi, 0, sizeof *bi);
	bi->ref = ref;
	bi->bag = bag;
	it->kind = ITEM_BILL;
	snprintf(it->serial, sizeof it->serial, "%s", serial);
	snprintf(it->bank, sizeof it->bank, "%s", g->bank);
	snprintf(it->type, sizeof it->type, "%s", g->type);
	it->dc = g->dc;
	it->amount_fen = fen;
	snprintf(it->teller, sizeof it->teller, "teller2");
	snprintf(it->created_at, sizeof it->created_at, STAMP);
}

/* A sealed bag. */
static void set_bag(struct bag *g, int64_t id, const char *bank,
		    const char *type, char dc)
{
	memset(g, 0, sizeof *g);
	g->id = id;
	snprintf(g->bank, sizeof g->bank, "%s", bank);
	snprintf(g->type, sizeof g->type, "%s", type);
	g->dc = dc;
	snprintf(g->sealed_at, sizeof g->sealed_at, "2026-11-23T11:00:00+0800");
}

/* The sample: 2 cheques, bag 7 (0301 credit, one bill), bag 8 (0105
 * debit, two bills); totals computed. */
static void sample(struct batch *b)
{
	struct cd_error err;
	struct item *c;

	memset(b, 0, sizeof *b);
	snprintf(b->h.branch, sizeof b->h.branch, "0202");
	snprintf(b->h.branch_name, sizeof b->h.branch_name, "城东支行");
	snprintf(b->h.business_date, sizeof b->h.business_date, "2026-11-23");
	b->h.session = 1;
	batch_make_id("0202", "2026-11-23", 1, 1, b->h.batch_id);
	snprintf(b->h.created, sizeof b->h.created, "2026-11-23T11:30:05+0800");
	snprintf(b->h.closed_by, sizeof b->h.closed_by, "sup");
	b->nbags = 2;
	b->bags = calloc(2, sizeof *b->bags);
	set_bag(&b->bags[0], 7, "0301", "21", 'C');
	set_bag(&b->bags[1], 8, "0105", "03", 'D');
	b->nitems = 5;
	b->items = calloc(5, sizeof *b->items);
	set_cheque(&b->items[0], 1, "12345678", "0301", 1234500, "01");
	c = &b->items[0].it;
	snprintf(c->phone, sizeof c->phone, "13800138000");
	snprintf(c->paykey_sm2, sizeof c->paykey_sm2,
		 "MHgCIQD+cGF5a2V5LXNtMi1zYW1wbGU=");
	snprintf(c->payee_account, sizeof c->payee_account, "955880001");
	snprintf(c->payee_name, sizeof c->payee_name, "张三");
	set_cheque(&b->items[1], 2, "23456789", "0105", 99, "02");
	b->items[1].it.prints = 2;
	set_bill(&b->items[2], b, 3, 0, "5555", 150000);
	snprintf(b->items[2].it.account, sizeof b->items[2].it.account,
		 "622202000001");
	set_bill(&b->items[3], b, 4, 1, "66666666", 1000);
	set_bill(&b->items[4], b, 5, 1, "7777", 2000);
	snprintf(b->items[4].it.payee_name, sizeof b->items[4].it.payee_name,
		 "李四");
	ck_assert_int_eq(batch_compute_totals(b, &err), CD_OK);
}

/* The sample as file bytes. */
static char *sample_json(size_t *len)
{
	struct batch b;
	struct cd_error err;
	char *s;

	sample(&b);
	s = batch_write(&b, len, &err);
	ck_assert_ptr_nonnull(s);
	batch_free(&b);
	return s;
}

/* A new string: S with the first OLD after ANCHOR (or anywhere, when
 * ANCHOR is NULL) replaced by NEW. */
static char *edit(const char *s, const char *anchor, const char *old,
		  const char *new)
{
	const char *from = anchor ? strstr(s, anchor) : s;
	const char *p;
	char *out;
	size_t n;

	ck_assert_msg(from != NULL, "anchor %s not in %s", anchor, s);
	p = strstr(from, old);
	ck_assert_msg(p != NULL, "\"%s\" not in %s", old, from);
	n = strlen(s) - strlen(old) + strlen(new);
	out = malloc(n + 1);
	memcpy(out, s, (size_t)(p - s));
	strcpy(out + (p - s), new);
	strcat(out, p + strlen(old));
	return out;
}

/* Two items are the same in every field the file carries. */
static void same_item(const struct batch_item *a, const struct batch_item *b)
{
	ck_assert_int_eq(a->ref, b->ref);
	ck_assert_int_eq(a->bag, b->bag);
	ck_assert_int_eq(a->it.kind, b->it.kind);
	ck_assert_str_eq(a->it.serial, b->it.serial);
	ck_assert_str_eq(a->it.bank, b->it.bank);
	ck_assert_str_eq(a->it.account, b->it.account);
	ck_assert_int_eq(a->it.amount_fen, b->it.amount_fen);
	ck_assert_str_eq(a->it.type, b->it.type);
	ck_assert_int_eq(a->it.dc, b->it.dc);
	ck_assert_str_eq(a->it.payee_name, b->it.payee_name);
	ck_assert_str_eq(a->it.payee_account, b->it.payee_account);
	ck_assert_str_eq(a->it.teller, b->it.teller);
	ck_assert_str_eq(a->it.created_at, b->it.created_at);
	if (a->it.kind == ITEM_CHEQUE) {
		ck_assert_str_eq(a->it.check_code, b->it.check_code);
		ck_assert_str_eq(a->it.phone, b->it.phone);
		ck_assert_str_eq(a->it.paykey_sm2, b->it.paykey_sm2);
		ck_assert_int_eq(a->it.prints, b->it.prints);
	}
}

/* Writing then reading gives the same batch, and the same bytes again. */
START_TEST(test_round_trip)
{
	static const char head[] = "{\"format\":\"chequedesk-batch\","
				   "\"version\":1,\"header\":{\"branch\":"
				   "\"0202\",\"branch_name\":";
	struct batch b, r;
	struct cd_error err;
	char *s, *s2;
	size_t len, len2, i;

	sample(&b);
	s = batch_write(&b, &len, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(len, strlen(s));
	ck_assert_int_ne(s[len - 1], '\n');
	ck_assert_msg(strncmp(s, head, strlen(head)) == 0, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "\"amount_fen\":\"1234500\""));
	ck_assert_ptr_nonnull(strstr(s, "\"batch_id\":\"0202-20261123-1-01\""));
	ck_assert_ptr_nonnull(strstr(s, "\"resend\":false"));
	ck_assert_ptr_null(strstr(s, "null"));
	ck_assert_ptr_null(strstr(s, "\"\""));
	ck_assert_msg(batch_read(s, len, &r, &err) == CD_OK, "%s", err.msg);
	ck_assert_str_eq(r.h.branch, "0202");
	ck_assert_str_eq(r.h.branch_name, "城东支行");
	ck_assert_str_eq(r.h.batch_id, "0202-20261123-1-01");
	ck_assert_str_eq(r.h.closed_by, "sup");
	ck_assert_int_eq(r.h.session, 1);
	ck_assert_int_eq(r.h.resend, 0);
	ck_assert_uint_eq(r.nitems, 5);
	ck_assert_uint_eq(r.nbags, 2);
	for (i = 0; i < 5; i++) {
		same_item(&b.items[i], &r.items[i]);
		ck_assert_int_eq(r.items[i].it.id, 0);
		ck_assert_str_eq(r.items[i].it.business_date, "2026-11-23");
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(r.bags[i].id, b.bags[i].id);
		ck_assert_str_eq(r.bags[i].bank, b.bags[i].bank);
		ck_assert_str_eq(r.bags[i].type, b.bags[i].type);
		ck_assert_int_eq(r.bags[i].dc, b.bags[i].dc);
		ck_assert_int_eq(r.bags[i].count, b.bags[i].count);
		ck_assert_int_eq(r.bags[i].amount_fen, b.bags[i].amount_fen);
		ck_assert_str_eq(r.bags[i].sealed_at, b.bags[i].sealed_at);
	}
	ck_assert_int_eq(r.bags[1].count, 2);
	ck_assert_int_eq(r.bags[1].amount_fen, 3000);
	ck_assert_uint_eq(r.nby_bank, 3);
	ck_assert_int_eq(r.debit.count, 4);
	ck_assert_int_eq(r.debit.amount_fen, 1234500 + 99 + 3000);
	ck_assert_int_eq(r.credit.count, 1);
	ck_assert_int_eq(r.credit.amount_fen, 150000);
	ck_assert_int_eq(r.all.count, 5);
	ck_assert_int_eq(r.all.amount_fen, 1234500 + 99 + 3000 + 150000);
	s2 = batch_write(&r, &len2, &err);
	ck_assert_ptr_nonnull(s2);
	ck_assert_str_eq(s, s2);
	free(s);
	free(s2);
	batch_free(&b);
	batch_free(&r);
	ck_assert_ptr_null(r.items);
	ck_assert_uint_eq(r.nitems, 0);
}
END_TEST

/* The header's audit anchor goes through, and a malformed one is refused
 * with its place. */
START_TEST(test_anchor)
{
	static const char leaves[] = "0123456789abcdef"
				     "fedcba9876543210";
	struct batch b, r;
	struct batch_anchor a;
	struct cd_error err;
	char *s, *bad;
	size_t len;

	sample(&b);
	b.h.audit.from = 41;
	b.h.audit.record = 42;
	memset(b.h.audit.hash, 'a', BATCH_HASH_HEX);
	memset(b.h.audit.chain, 'b', BATCH_HASH_HEX);
	b.h.audit.leaves = strdup(leaves);
	s = batch_write(&b, &len, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(strstr(s, "\"audit\":{\"chain\":\"bbbb"));
	ck_assert_msg(batch_read(s, len, &r, &err) == CD_OK, "%s", err.msg);
	ck_assert_int_eq(r.h.audit.from, 41);
	ck_assert_int_eq(r.h.audit.record, 42);
	ck_assert_str_eq(r.h.audit.hash, b.h.audit.hash);
	ck_assert_str_eq(r.h.audit.chain, b.h.audit.chain);
	ck_assert_str_eq(r.h.audit.leaves, leaves);
	batch_free(&r);
	ck_assert_int_eq(batch_read_anchor(s, len, &a, &err), CD_OK);
	ck_assert_int_eq(a.record, 42);
	free(a.leaves);
	/* one leaf short for two records */
	bad = edit(s, "\"leaves\":", leaves, "0123456789abcdef");
	ck_assert_int_eq(batch_read(bad, strlen(bad), &r, &err), CD_EINVAL);
	ck_assert_msg(strstr(err.msg, "header.audit.leaves") != NULL, "%s",
		      err.msg);
	free(bad);
	bad = edit(s, "\"audit\":", "\"record\":42", "\"record\":40");
	ck_assert_int_eq(batch_read(bad, strlen(bad), &r, &err), CD_EINVAL);
	ck_assert_msg(strstr(err.msg, "header.audit.record") != NULL, "%s",
		      err.msg);
	free(bad);
	free(s);
	batch_free(&b);
}
END_TEST

/* by_bank rows are sorted by bank, then C before D; sides add up. */
START_TEST(test_by_bank_order)
{
	static const struct {
		const char *bank;
		char dc;
		int64_t fen;
	} in[] = {
	    {"0500", 'D', 10}, {"0105", 'C', 20}, {"0500", 'C', 30},
	    {"0105", 'D', 40}, {"0500", 'D', 50}, {"01050", 'C', 60},
	};
	struct batch b;
	struct cd_error err;
	size_t i;

	memset(&b, 0, sizeof b);
	b.nitems = sizeof in / sizeof in[0];
	b.items = calloc(b.nitems, sizeof *b.items);
	for (i = 0; i < b.nitems; i++) {
		set_cheque(&b.items[i], (int)i + 1, "12345678", in[i].bank,
			   in[i].fen, "01");
		b.items[i].it.dc = in[i].dc;
	}
	ck_assert_int_eq(batch_compute_totals(&b, &err), CD_OK);
	ck_assert_uint_eq(b.nby_bank, 5);
	ck_assert_str_eq(b.by_bank[0].bank, "0105");
	ck_assert_int_eq(b.by_bank[0].dc, 'C');
	ck_assert_str_eq(b.by_bank[1].bank, "0105");
	ck_assert_int_eq(b.by_bank[1].dc, 'D');
	ck_assert_str_eq(b.by_bank[2].bank, "01050");
	ck_assert_str_eq(b.by_bank[3].bank, "0500");
	ck_assert_int_eq(b.by_bank[3].dc, 'C');
	ck_assert_int_eq(b.by_bank[3].amount_fen, 30);
	ck_assert_str_eq(b.by_bank[4].bank, "0500");
	ck_assert_int_eq(b.by_bank[4].dc, 'D');
	ck_assert_int_eq(b.by_bank[4].count, 2);
	ck_assert_int_eq(b.by_bank[4].amount_fen, 60);
	ck_assert_int_eq(b.debit.amount_fen, 100);
	ck_assert_int_eq(b.credit.amount_fen, 110);
	ck_assert_int_eq(b.all.count, 6);
	ck_assert_int_eq(b.all.amount_fen, 210);
	/* Computing again replaces the rows. */
	ck_assert_int_eq(batch_compute_totals(&b, &err), CD_OK);
	ck_assert_uint_eq(b.nby_bank, 5);
	/* Overflow is refused. */
	b.items[0].it.amount_fen = INT64_MAX / 2 + 1;
	b.items[4].it.amount_fen = INT64_MAX / 2 + 1;
	ck_assert_int_eq(batch_compute_totals(&b, &err), CD_EINVAL);
	ck_assert_str_eq(err.field, "totals");
	batch_free(&b);
}
END_TEST

/* The writer refuses refs out of file order and unknown bags. */
START_TEST(test_write_refuses)
{
	struct batch b;
	struct cd_error err;
	size_t len;

	sample(&b);
	b.items[3].ref = 5;
	b.items[4].ref = 4;
	ck_assert_ptr_null(batch_write(&b, &len, &err));
	ck_assert_int_eq(err.status, CD_EINVAL);
	b.items[4].bag = 2;
	ck_assert_ptr_null(batch_write(&b, &len, &err));
	ck_assert_int_eq(err.status, CD_EINVAL);
	ck_assert_int_eq(batch_compute_totals(&b, &err), CD_EINVAL);
	batch_free(&b);
}
END_TEST

/* A file the reader must refuse: an edit of the sample, the field and a
 * piece of the message. */
struct bad_edit {
	const char *anchor, *old, *new;
	const char *field, *msg;
};

/* Every check of the reader, each with its place. */
static const struct bad_edit bad_edits[] = {
    {NULL, "\"chequedesk-batch\"", "\"other\"", "format",
     "format: \"other\" is not"},
    {NULL, "\"version\":1", "\"version\":2", "format", "version: 2"},
    {NULL, "\"version\":1", "\"version\":\"1\"", "format", "version: must"},
    {NULL, "\"version\":1,", "", "format", "version: missing"},
    {NULL, "\"header\"", "\"heeder\"", "format", "header: missing"},
    {NULL, "\"cheques\"", "\"cheque\"", "format", "cheques: missing"},
    {NULL, "\"totals\"", "\"total\"", "format", "totals: missing"},
    {NULL, "\"bills\"", "\"bill\"", "format", "bags[0].bills: missing"},
    {NULL, "\"cheques\":[", "\"cheques\":7,\"x\":[", "format",
     "cheques: must be an array"},
    {NULL, "\"serial\":\"12345678\",", "", "format",
     "cheques[0].serial: missing"},
    {NULL, "\"1234500\"", "\"012\"", "format",
     "cheques[0].amount_fen: \"012\" is not an amount in fen"},
    {NULL, "\"amount_fen\":\"99\"", "\"amount_fen\":\"12a\"", "format",
     "cheques[1].amount_fen: \"12a\" is not an amount in fen"},
    {NULL, "\"1234500\"", "\"\"", "format",
     "cheques[0].amount_fen: \"\" is not an amount"},
    {NULL, "\"1234500\"", "\"0\"", "format",
     "cheques[0].amount_fen: an item's amount must be more than 0"},
    {NULL, "\"1234500\"", "1234500", "format",
     "cheques[0].amount_fen: must be a string"},
    {NULL, "\"1234500\"", "\"1234500.00\"", "format",
     "cheques[0].amount_fen: \"1234500.00\""},
    {NULL, "\"ref\":2", "\"ref\":3", "format",
     "cheques[1].ref: 3 leaves a gap"},
    {NULL, "\"ref\":2", "\"ref\":1", "format",
     "cheques[1].ref: 1 repeats an earlier item's ref"},
    {NULL, "\"ref\":4", "\"ref\":5", "format",
     "bags[1].bills[0].ref: 5 leaves a gap; the ref here must be 4"},
    {NULL, "\"ref\":1", "\"ref\":1.5", "format", "cheques[0].ref: must be"},
    {NULL, "\"ref\":1", "\"ref\":0", "format", "cheques[0].ref: must be"},
    {NULL, "\"ref\":1", "\"ref\":1e300", "format", "cheques[0].ref: must be"},
    {NULL, "\"ref\":1", "\"ref\":-1", "format", "cheques[0].ref: must be"},
    {"\"bag\":8", "\"count\":2", "\"count\":3", "format",
     "bags[1].count: 3, but the bag has 2 bills"},
    {"\"bag\":8", "\"amount_fen\":\"3000\"", "\"amount_fen\":\"3001\"",
     "format", "bags[1].amount_fen: 3001 fen, but"},
    {"\"totals\"", "\"debit\":{\"count\":4", "\"debit\":{\"count\":5", "totals",
     "totals.debit"},
    {"\"totals\"", "\"all\":{\"count\":5,\"amount_fen\":\"1387599\"",
     "\"all\":{\"count\":5,\"amount_fen\":\"1387598\"", "totals", "totals.all"},
    {"\"totals\"", "\"amount_fen\":\"150000\"", "\"amount_fen\":\"150001\"",
     "totals", "totals.by_bank[1]: bank 0301 C says"},
    {"\"totals\"", "\"bank\":\"0301\",\"dc\":\"C\"",
     "\"bank\":\"0302\",\"dc\":\"C\"", "totals", "totals.by_bank[1]"},
    {"\"by_bank\"", "\"by_bank\":[",
     "\"by_bank\":[{\"bank\":\"0001\","
     "\"dc\":\"D\",\"count\":1,\"amount_fen\":\"1\"},",
     "totals", "totals.by_bank[0]"},
    {"\"by_bank\"",
     ",{\"bank\":\"0301\",\"dc\":\"D\",\"count\":1,"
     "\"amount_fen\":\"1234500\"}",
     "", "totals", "totals.by_bank: no row for bank 0301 D"},
    {"\"by_bank\"", "\"dc\":\"C\"", "\"dc\":\"c\"", "format",
     "totals.by_bank[1].dc: \"c\" must be \"D\""},
    {"\"totals\"", "\"count\":1", "\"count\":\"1\"", "format",
     "totals.by_bank[1].count: must be"},
    {NULL, "\"dc\":\"D\"", "\"dc\":\"X\"", "format",
     "cheques[0].dc: \"X\" must be \"D\""},
    {NULL, "\"12345678\"", "\"1234567\"", "format",
     "cheques[0].serial: \"1234567\" must be 8 digits"},
    {NULL, "\"12345678\"", "\"123456789\"", "format",
     "cheques[0].serial: \"123456789\" must be 8 digits"},
    {NULL, "\"bank\":\"0301\"", "\"bank\":\"03a1\"", "format",
     "cheques[0].bank: \"03a1\" must be 4 to 12 digits"},
    {NULL, "\"bank\":\"0301\"", "\"bank\":\"030\"", "format",
     "cheques[0].bank: \"030\" must be 4 to 12 digits"},
    {NULL, "\"type\":\"01\"", "\"type\":\"1\"", "format",
     "cheques[0].type: \"1\" must be 2 digits"},
    {NULL, "\"check_code\":\"07\"", "\"check_code\":\"7x\"", "format",
     "cheques[0].check_code"},
    {NULL, "\"phone\":\"13800138000\"", "\"phone\":\"+8613800138000\"",
     "format", "cheques[0].phone"},
    {NULL, "\"phone\":\"13800138000\"", "\"phone\":\"\"", "format",
     "cheques[0].phone: is empty"},
    {NULL, "\"phone\":\"13800138000\"", "\"phone\":null", "format",
     "cheques[0].phone: must be a string"},
    {NULL, "\"teller\":\"teller1\"", "\"teller\":\"teller one\"", "format",
     "cheques[0].teller"},
    {NULL, "\"teller\":\"teller1\"", "\"teller\":\"t1234567890123456\"",
     "format", "cheques[0].teller: too long"},
    {NULL, "\"registered\":\"2026", "\"registered\":\"x026", "format",
     "cheques[0].registered"},
    {NULL, "\"prints\":1", "\"prints\":-1", "format", "cheques[0].prints"},
    {NULL, "\"session\":1", "\"session\":0", "format", "header.session"},
    {NULL, "\"resend\":false", "\"resend\":0", "format",
     "header.resend: must be true or false"},
    {NULL, "\"business_date\":\"2026-11-23\"",
     "\"business_date\":\"2026-02-30\"", "format", "header.business_date"},
    {NULL, "\"branch_name\":\"", "\"branch_name\":\"\\u0001", "format",
     "header.branch_name: is not UTF-8 text"},
    {NULL, "\"branch_name\":\"", "\"branch_name\":\"\xff", "format",
     "header.branch_name: is not UTF-8 text"},
    {NULL, "\"branch\":\"0202\"", "\"branch\":2", "format",
     "header.branch: must be a string"},
    {"\"bag\":8", "\"dc\":\"D\"", "\"dc\":\"\"", "format", "bags[1].dc"},
    {NULL, "\"bag\":7", "\"bag\":0", "format", "bags[0].bag"},
    {NULL, "\"sealed\":\"2026", "\"sealed\":\"2026x", "format",
     "bags[0].sealed"},
    {NULL, "\"bills\":[{", "\"bills\":[1,{", "format",
     "bags[0].bills[0]: must be an object"},
    {NULL, "\"cheques\":[{", "\"cheques\":[[],{", "format",
     "cheques[0]: must be an object"},
    {NULL, "\"serial\":\"5555\"", "\"serial\":\"555\"", "format",
     "bags[0].bills[0].serial"},
    {NULL, "\"amount_fen\":\"1000\"", "\"amount_fen\":\"01000\"", "format",
     "bags[1].bills[0].amount_fen: \"01000\" is not an amount in fen"},
};

/* The reader refuses each bad edit of the sample, naming the place. */
START_TEST(test_read_bad_edit)
{
	const struct bad_edit *e = &bad_edits[_i];
	struct batch r;
	struct cd_error err;
	size_t len;
	char *good = sample_json(&len),
	     *bad = edit(good, e->anchor, e->old, e->new);

	cd_err_clear(&err);
	ck_assert_int_eq(batch_read(bad, strlen(bad), &r, &err), CD_EINVAL);
	ck_assert_int_eq(err.status, CD_EINVAL);
	ck_assert_str_eq(err.field, e->field);
	ck_assert_msg(strstr(err.msg, e->msg) != NULL,
		      "edit %d: message \"%s\" lacks \"%s\"", _i, err.msg,
		      e->msg);
	if (strcmp(e->field, "totals") == 0)
		ck_assert_msg(strncmp(err.msg, "totals", 6) == 0, "%s",
			      err.msg);
	ck_assert_ptr_null(r.items);
	ck_assert_ptr_null(r.bags);
	ck_assert_ptr_null(r.by_bank);
	free(good);
	free(bad);
}
END_TEST

/* Read TEXT (LEN bytes), expect CD_EINVAL "format" with MSG in it. */
static void refused(const char *text, size_t len, const char *msg)
{
	struct batch r;
	struct cd_error err;

	cd_err_clear(&err);
	ck_assert_int_eq(batch_read(text, len, &r, &err), CD_EINVAL);
	ck_assert_str_eq(err.field, "format");
	ck_assert_msg(strstr(err.msg, msg) != NULL, "\"%s\" lacks \"%s\"",
		      err.msg, msg);
}

/* Broken JSON, other values than an object, trailing data. */
START_TEST(test_read_not_json)
{
	struct batch r;
	struct cd_error err;
	size_t len;
	char *good = sample_json(&len), *more;

	refused(good, len / 2, "not valid JSON");
	refused(good, len - 1, "not valid JSON");
	refused("", 0, "empty");
	refused(NULL, 0, "empty");
	refused("[1,2]", 5, "not a JSON object");
	refused("\"x\"", 3, "not a JSON object");
	refused("42", 2, "not a JSON object");
	refused("{}", 2, "format: missing");
	refused("{\"format\":\"chequedesk-batch\"", 28, "not valid JSON");
	more = malloc(len + 3);
	memcpy(more, good, len);
	memcpy(more + len, " x", 2);
	refused(more, len + 2, "goes on after");
	memcpy(more + len, "\0", 1);
	refused(more, len + 1, "goes on after");
	/* A trailing newline or blanks are harmless. */
	memcpy(more + len, "\r\n", 2);
	ck_assert_int_eq(batch_read(more, len + 2, &r, &err), CD_OK);
	batch_free(&r);
	/* Not NUL-terminated: only LEN bytes are read. */
	memcpy(more, good, len);
	more[len] = '}';
	ck_assert_int_eq(batch_read(more, len, &r, &err), CD_OK);
	batch_free(&r);
	free(more);
	free(good);
}
END_TEST

/* A copy of GOOD with string member NAME's value replaced by N bytes of
 * C. */
static char *huge(const char *good, const char *old, char c, size_t n)
{
	char *value = malloc(n + 3), *out;

	value[0] = '"';
	memset(value + 1, c, n);
	value[n + 1] = '"';
	value[n + 2] = '\0';
	out = edit(good, NULL, old, value);
	free(value);
	return out;
}

/* Strings longer than their buffers are refused, not cut. */
START_TEST(test_read_huge_strings)
{
	size_t len;
	char *good = sample_json(&len), *bad;

	bad = huge(good, "\"12345678\"", '1', 100000);
	refused(bad, strlen(bad), "cheques[0].serial: \"1111111111");
	free(bad);
	bad = huge(good, "\"城东支行\"", 'a', 10000);
	refused(bad, strlen(bad), "header.branch_name: too long");
	free(bad);
	bad = huge(good, "\"张三\"", 'b', NAME_MAX_BYTES * 2 + 1);
	refused(bad, strlen(bad), "cheques[0].payee_name: too long");
	free(bad);
	bad = huge(good, "\"0202-20261123-1-01\"", 'c', BATCH_ID_MAX);
	refused(bad, strlen(bad), "header.batch_id: too long");
	free(bad);
	bad = huge(good, "\"1234500\"", '9', 19);
	refused(bad, strlen(bad), "is not an amount in fen");
	free(bad);
	free(good);
}
END_TEST

/* Cut or damaged files never crash the reader or leak (run it under
 * valgrind with CK_FORK=no). */
START_TEST(test_read_damaged)
{
	struct batch r;
	struct cd_error err;
	size_t len, i;
	char *good = sample_json(&len), *copy = malloc(len);
	unsigned seed = 12345;

	for (i = 0; i < len; i++)
		ck_assert_int_ne(batch_read(good, i, &r, &err), CD_OK);
	for (i = 0; i < 3000; i++) {
		memcpy(copy, good, len);
		seed = seed * 1103515245u + 12345u;
		copy[(seed >> 8) % len] = (char)(seed >> 20);
		seed = seed * 1103515245u + 12345u;
		if (i % 2)
			copy[(seed >> 8) % len] = (char)(seed >> 20);
		if (batch_read(copy, len, &r, &err) == CD_OK)
			batch_free(&r);
		else
			ck_assert_int_ne(err.msg[0], '\0');
	}
	free(copy);
	free(good);
}
END_TEST

/* Wire amounts: 1..18 digits, no leading zero; "0" parses as 0. */
START_TEST(test_wire_amount)
{
	static const char *const bad[] = {
	    "",
	    "012",
	    "00",
	    "-1",
	    "+1",
	    " 1",
	    "1 ",
	    "1.0",
	    "1e3",
	    "0x10",
	    "１2",
	    "12a",
	    "1000000000000000000",
	};
	cJSON *o = cJSON_CreateObject();
	int64_t fen = 0;
	size_t i;
	char *s;

	ck_assert_int_eq(wire_amount_parse("1", &fen), 0);
	ck_assert_int_eq(fen, 1);
	ck_assert_int_eq(wire_amount_parse("0", &fen), 0);
	ck_assert_int_eq(fen, 0);
	ck_assert_int_eq(wire_amount_parse("999999999999999999", &fen), 0);
	ck_assert_int_eq(fen, INT64_C(999999999999999999));
	ck_assert_int_eq(wire_amount_parse("1234500", &fen), 0);
	ck_assert_int_eq(fen, 1234500);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fen = 42;
		ck_assert_msg(wire_amount_parse(bad[i], &fen) == -1,
			      "\"%s\" accepted", bad[i]);
		ck_assert_int_eq(fen, 42);
	}
	ck_assert_int_eq(wire_amount_parse(NULL, &fen), -1);
	ck_assert_ptr_nonnull(wire_amount_add(o, "a", 1234500));
	ck_assert_ptr_nonnull(wire_amount_add(o, "z", 0));
	ck_assert_ptr_null(wire_amount_add(o, "n", -1));
	ck_assert_ptr_null(
	    wire_amount_add(o, "big", INT64_C(1000000000000000000)));
	s = cJSON_PrintUnformatted(o);
	ck_assert_str_eq(s, "{\"a\":\"1234500\",\"z\":\"0\"}");
	free(s);
	cJSON_Delete(o);
}
END_TEST

/* Batch IDs. */
START_TEST(test_make_id)
{
	char id[BATCH_ID_MAX];

	batch_make_id("0202", "2026-11-23", 1, 1, id);
	ck_assert_str_eq(id, "0202-20261123-1-01");
	batch_make_id("030100000001", "2026-01-05", 2, 12, id);
	ck_assert_str_eq(id, "030100000001-20260105-2-12");
}
END_TEST

/* A good page of two notices. */
static const char good_page[] =
    "{\"notices\":["
    "{\"seq\":41,\"batch_id\":\"0202-20261123-1-01\",\"ref\":3,"
    "\"serial\":\"12345678\",\"bank\":\"0301\",\"amount_fen\":\"1234500\","
    "\"kind\":\"rejected\",\"reason_code\":\"ocr-amount-mismatch\","
    "\"reason\":\"OCR amount mismatch\",\"at\":\"2026-11-23T15:41:00+0800\","
    "\"acknowledged\":false},"
    "{\"seq\":42,\"batch_id\":\"0202-20261123-1-01\",\"ref\":4,"
    "\"serial\":\"5555\",\"bank\":\"0105\",\"amount_fen\":\"99\","
    "\"kind\":\"accepted\",\"at\":\"2026-11-23T15:42:00+0800\","
    "\"acknowledged\":true}"
    "],\"last_seq\":42,\"more\":true}";

/* notice_page_read reads a good page. */
START_TEST(test_notice_page_good)
{
	static const char empty[] =
	    "{\"notices\":[],\"last_seq\":7,\"more\":false}";
	struct notice_page p;
	struct cd_error err;

	ck_assert_msg(
	    notice_page_read(good_page, strlen(good_page), &p, &err) == CD_OK,
	    "%s", err.msg);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_int_eq(p.last_seq, 42);
	ck_assert_int_eq(p.more, 1);
	ck_assert_int_eq(p.v[0].seq, 41);
	ck_assert_str_eq(p.v[0].batch_id, "0202-20261123-1-01");
	ck_assert_int_eq(p.v[0].ref, 3);
	ck_assert_str_eq(p.v[0].serial, "12345678");
	ck_assert_str_eq(p.v[0].bank, "0301");
	ck_assert_int_eq(p.v[0].amount_fen, 1234500);
	ck_assert_int_eq(p.v[0].kind, NOTICE_REJECTED);
	ck_assert_str_eq(p.v[0].reason_code, "ocr-amount-mismatch");
	ck_assert_str_eq(p.v[0].reason, "OCR amount mismatch");
	ck_assert_str_eq(p.v[0].at, "2026-11-23T15:41:00+0800");
	ck_assert_int_eq(p.v[0].acknowledged, 0);
	ck_assert_int_eq(p.v[1].kind, NOTICE_ACCEPTED);
	ck_assert_str_eq(p.v[1].reason_code, "");
	ck_assert_int_eq(p.v[1].acknowledged, 1);
	notice_page_free(&p);
	ck_assert_ptr_null(p.v);
	ck_assert_int_eq(notice_page_read(empty, strlen(empty), &p, &err),
			 CD_OK);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_int_eq(p.last_seq, 7);
	notice_page_free(&p);
}
END_TEST

/* A page edit the reader must refuse and a piece of its message. */
static const struct bad_edit bad_pages[] = {
    {NULL, "\"seq\":42", "\"seq\":40", "format",
     "notices[1].seq: 40 does not come after 41"},
    {NULL, "\"seq\":42", "\"seq\":41", "format", "notices[1].seq: 41"},
    {NULL, "\"kind\":\"accepted\"", "\"kind\":\"lost\"", "format",
     "notices[1].kind: \"lost\" is not a notice kind"},
    {NULL, "\"reason_code\":\"ocr-amount-mismatch\",", "", "format",
     "notices[0].reason_code: missing; a rejected notice"},
    {NULL, "\"kind\":\"accepted\"", "\"kind\":\"returned\"", "format",
     "notices[1].reason_code: missing; a returned notice"},
    {NULL, "\"last_seq\":42", "\"last_seq\":43", "format", "last_seq: 43"},
    {NULL, "\"more\":true", "\"more\":1", "format", "more: must be"},
    {NULL, "\"amount_fen\":\"99\"", "\"amount_fen\":99", "format",
     "notices[1].amount_fen: must be a string"},
    {NULL, "\"amount_fen\":\"99\"", "\"amount_fen\":\"099\"", "format",
     "notices[1].amount_fen: \"099\" is not an amount"},
    {NULL, "\"amount_fen\":\"99\"", "\"amount_fen\":\"0\"", "format",
     "notices[1].amount_fen"},
    {NULL, "\"bank\":\"0105\"", "\"bank\":\"01x5\"", "format",
     "notices[1].bank: may only hold digits"},
    {NULL, "\"serial\":\"5555\"", "\"serial\":\"123456789012345678901\"",
     "format", "notices[1].serial"},
    {NULL, "\"ref\":4", "\"ref\":0", "format", "notices[1].ref"},
    {NULL, "\"seq\":41", "\"seq\":1e20", "format", "notices[0].seq"},
    {NULL, "\"at\":\"2026-11-23T15:42:00+0800\",", "", "format",
     "notices[1].at: missing"},
    {NULL, "\"acknowledged\":true", "\"acknowledged\":null", "format",
     "notices[1].acknowledged"},
    {NULL, "{\"seq\":42", "7,{\"seq\":42", "format",
     "notices[1]: must be an object"},
    {NULL, "{\"notices\":[", "{\"notices\":{", "format", "not one JSON object"},
    {NULL, "\"notices\"", "\"notice\"", "format", "notices: missing"},
};

/* notice_page_read refuses each bad page with the place. */
START_TEST(test_notice_page_bad)
{
	const struct bad_edit *e = &bad_pages[_i];
	struct notice_page p;
	struct cd_error err;
	char *bad = edit(good_page, e->anchor, e->old, e->new);

	cd_err_clear(&err);
	ck_assert_int_eq(notice_page_read(bad, strlen(bad), &p, &err),
			 CD_EINVAL);
	ck_assert_str_eq(err.field, e->field);
	ck_assert_msg(strstr(err.msg, e->msg) != NULL,
		      "page %d: message \"%s\" lacks \"%s\"", _i, err.msg,
		      e->msg);
	ck_assert_ptr_null(p.v);
	free(bad);
}
END_TEST

/* Truncated and damaged pages are refused without crashing. */
START_TEST(test_notice_page_truncated)
{
	struct notice_page p;
	struct cd_error err;
	size_t i, len = strlen(good_page);

	for (i = 0; i < len; i++) {
		ck_assert_int_eq(notice_page_read(good_page, i, &p, &err),
				 CD_EINVAL);
		ck_assert_ptr_null(p.v);
	}
	ck_assert_int_eq(notice_page_read("[]", 2, &p, &err), CD_EINVAL);
	ck_assert_int_eq(notice_page_read(NULL, 0, &p, &err), CD_EINVAL);
}
END_TEST

/* notice_to_json and notice_from_json agree; kinds' names. */
START_TEST(test_notice_json)
{
	struct notice n, back;
	struct cd_error err;
	cJSON *o;
	char *text;

	memset(&n, 0, sizeof n);
	n.seq = INT64_C(5000000000);
	snprintf(n.batch_id, sizeof n.batch_id, "0202-20261123-1-01");
	n.ref = 9;
	snprintf(n.serial, sizeof n.serial, "87654321");
	snprintf(n.bank, sizeof n.bank, "0399");
	n.amount_fen = 1;
	n.kind = NOTICE_RETURNED;
	snprintf(n.reason_code, sizeof n.reason_code, "insufficient-funds");
	snprintf(n.reason, sizeof n.reason, "余额不足");
	snprintf(n.at, sizeof n.at, "2026-11-24T09:00:00+0800");
	n.acknowledged = 1;
	o = notice_to_json(&n);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(notice_from_json(o, "n", &back, &err), CD_OK);
	ck_assert_mem_eq(&n, &back, sizeof n);
	text = cJSON_PrintUnformatted(o);
	ck_assert_ptr_nonnull(strstr(text, "{\"seq\":5000000000,"));
	ck_assert_ptr_nonnull(strstr(text, "\"amount_fen\":\"1\""));
	free(text);
	cJSON_Delete(o);
	n.amount_fen = -1;
	ck_assert_ptr_null(notice_to_json(&n));
	ck_assert_str_eq(notice_kind_name(NOTICE_ACCEPTED), "accepted");
	ck_assert_str_eq(notice_kind_name(NOTICE_RETURNED), "returned");
	ck_assert_int_eq(notice_kind_parse("rejected"), NOTICE_REJECTED);
	ck_assert_int_eq(notice_kind_parse("Rejected"), -1);
	ck_assert_int_eq(notice_kind_parse(NULL), -1);
	ck_assert_int_eq(notice_from_json(NULL, "x", &back, &err), CD_EINVAL);
	ck_assert_str_eq(err.msg, "x: must be an object.");
}
END_TEST

/* The suite of batch file and notice tests. */
static Suite *batchfile_suite(void)
{
	Suite *s = suite_create("batchfile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_anchor);
	tcase_add_test(tc, test_by_bank_order);
	tcase_add_test(tc, test_write_refuses);
	tcase_add_loop_test(tc, test_read_bad_edit, 0,
			    sizeof bad_edits / sizeof bad_edits[0]);
	tcase_add_test(tc, test_read_not_json);
	tcase_add_test(tc, test_read_huge_strings);
	tcase_add_test(tc, test_read_damaged);
	tcase_add_test(tc, test_wire_amount);
	tcase_add_test(tc, test_make_id);
	tcase_add_test(tc, test_notice_page_good);
	tcase_add_loop_test(tc, test_notice_page_bad, 0,
			    sizeof bad_pages / sizeof bad_pages[0]);
	tcase_add_test(tc, test_notice_page_truncated);
	tcase_add_test(tc, test_notice_json);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; fail when any test fails. */
int main(void)
{
	SRunner *sr = srunner_create(batchfile_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
