/* centre-rules.h - how the simulated centre decides items: the rules file,
 * the bank list, deciding due items and the notices that follow. */
#ifndef CHEQUEDESK_CENTRE_RULES_H
#define CHEQUEDESK_CENTRE_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>

#include "centre-db.h"
#include "error.h"
#include "notice.h"

#define RULES_DECIDE_AFTER 2 /* seconds, when the file does not say */
#define RULES_RETURN_AFTER 5

enum rule_action { RULE_REJECT, RULE_RETURN, RULE_PAYKEY };
enum rule_match { RULE_SERIAL, RULE_BANK, RULE_UNKNOWN_BANKS };

/* One "reject ..." or "return ..." line. */
struct rule {
	enum rule_action action;
	enum rule_match match;
	char value[CODELINE_BANK_MAX + 1]; /* the serial or bank */
	char code[40];
	char reason[256];
	char paykey[PAYKEY_MAX + 1]; /* RULE_PAYKEY: the right password */
};

struct rules {
	int decide_after; /* seconds after receipt */
	int return_after; /* seconds after acceptance */
	struct rule *v;
	size_t n, cap;
	char **banks; /* sorted; from --banks */
	size_t nbanks, bankcap;
	EVP_PKEY *key; /* the centre's own key, to read payment passwords;
			  not owned (set by serve) */
};

/* Defaults: decide after 2 s, return after 5 s, no rules. */
void rules_init(struct rules *r);
/* Read the rules file PATH; errors name the file and line. */
CD_MUST_CHECK int rules_load(struct rules *r, const char *path,
			     struct cd_error *err);
/* Read the bank directory (data/banks.csv format) for "unknown-banks". */
CD_MUST_CHECK int rules_load_banks(struct rules *r, const char *path,
				   struct cd_error *err);
/* Whether the rules can be applied ("reject unknown-banks" needs banks). */
CD_MUST_CHECK int rules_check(const struct rules *r, const char *path,
			      struct cd_error *err);
/* The first rule for ACTION matching an item, or NULL. */
const struct rule *rules_match(const struct rules *r, enum rule_action action,
			       const char *serial, const char *bank);
void rules_free(struct rules *r);

/* Decide every item that is due at NOW, and return accepted items whose
 * return is due, with their notices: one transaction when there is work. */
CD_MUST_CHECK int decide_due(struct cdb *c, const struct rules *r, time_t now,
			     struct cd_error *err);

/* BRANCH's notices after AFTER, at most LIMIT, only of DATE's batches
 * when DATE is not NULL: OUT->v (free it), n, last_seq and more. */
CD_MUST_CHECK int notices_list(struct cdb *c, const char *branch, int64_t after,
			       int limit, const char *date,
			       struct notice_page *out, struct cd_error *err);
/* Acknowledge BRANCH's notices through THROUGH; *ACKED is the highest
 * acknowledged seq afterwards. */
CD_MUST_CHECK int notices_ack(struct cdb *c, const char *branch,
			      int64_t through, int64_t *acked,
			      struct cd_error *err);

#endif
