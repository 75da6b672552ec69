/* register.h - registering cheques and bagged bills: checking every field,
 * duplicates, and storing the item with its audit record. */
#ifndef CHEQUEDESK_REGISTER_H
#define CHEQUEDESK_REGISTER_H

#include "desk.h"
#include "model.h"

/* What a teller typed for a cheque; NULL or "" for fields not given. */
struct cheque_input {
	const char *micr; /* a reader line: gives serial and bank */
	const char *serial;
	const char *bank;
	const char *account;
	const char *amount; /* yuan, as typed */
	const char *type;   /* default: the first itemised type (01) */
	const char *phone;
	const char *paykey;
	const char *payee_account;
	const char *payee_name;
	int accept_duplicate; /* supervisors only */
};

/* What a teller typed for a bill going into a bag. */
struct bill_input {
	const char *bank;
	const char *type;
	const char *serial;
	const char *amount;
	const char *account; /* optional */
	int accept_duplicate;
};

/* Look BANK up and refuse malformed, unknown and inactive numbers. */
CD_MUST_CHECK int register_check_bank(struct desk *d, const char *number,
				      struct bank *out, struct cd_error *err);

/* Look a bill type up; ITEMISED says whether the caller registers items one
 * by one (cheques, 1) or puts them into bags (0). */
CD_MUST_CHECK int register_check_type(struct desk *d, const char *code,
				      int itemised, struct bill_type *out,
				      struct cd_error *err);

/* Check every field of a cheque and fill IT (no id, slot or status yet);
 * stores nothing. The first problem found is returned with its field. */
CD_MUST_CHECK int register_check_cheque(struct desk *d,
					const struct cheque_input *in,
					struct item *it, struct cd_error *err);

/* Check one field as a screen leaves it, with the same rules as the whole
 * registration. FIELD is a form field name (serial, bank, account, amount,
 * type, phone, paykey, payee_account, payee_name); KIND says whether it is
 * a cheque or a bill. INFO gets a short confirmation to show beside the
 * field (the bank's name, the amount in capitals, the type's name) or "".
 * Empty optional fields pass; empty required fields are left to saving. */
CD_MUST_CHECK int register_check_field(struct desk *d, enum item_kind kind,
				       const char *field, const char *value,
				       char *info, size_t len,
				       struct cd_error *err);

/* Check and store a cheque in one transaction with its audit record. */
CD_MUST_CHECK int register_cheque(struct desk *d, const struct cheque_input *in,
				  struct item *it, struct cd_error *err);

/* Check every field of a bill; stores nothing. */
CD_MUST_CHECK int register_check_bill(struct desk *d,
				      const struct bill_input *in,
				      struct item *it, struct cd_error *err);

/* Check a bill and add it to the open bag for its date, session, bank and
 * type (opening one if needed), in one transaction with its audit records.
 * BAG gets the bag with its new count and total. */
CD_MUST_CHECK int register_bill(struct desk *d, const struct bill_input *in,
				struct item *it, struct bag *bag,
				struct cd_error *err);

#endif
