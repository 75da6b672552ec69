/* register.c - checking and storing cheques and bagged bills. */
#include "config.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "db-audit.h"
#include "db-bags.h"
#include "db-banks.h"
#include "db-items.h"
#include "db-users.h"
#include "i18n.h"
#include "labels.h"
#include "json-out.h"
#include "money.h"
#include "register.h"
#include "sign.h"
#include "text.h"

#include <openssl/crypto.h>

#define ACCOUNT_MIN 6
#define PHONE_MIN 7
#define PAYKEY_LEN 16
#define BILL_SERIAL_MIN 4
#define BILL_SERIAL_MAX ITEM_SERIAL_MAX
#define PAYEE_NAME_CHARS 60

/* True when S is NULL or empty. */
static int blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Look BANK up and refuse malformed, unknown and inactive numbers. */
int register_check_bank(struct desk *d, const char *number, struct bank *out,
			struct cd_error *err)
{
	int rc, len;

	if (blank(number))
		return cd_err(err, CD_EINVAL, "bank",
			      _("The exchange bank number is missing. Type the "
				"number from the cheque's code line or the "
				"bill."));
	if (codeline_check_digits(number, 1, CODELINE_BANK_MAX, "bank",
				  _("exchange bank number"), err) != CD_OK)
		return err->status;
	rc = bank_get(d->st, number, out, err);
	if (rc == CD_ENOTFOUND) {
		if (bank_number_length(d->st, &len, err) != CD_OK)
			return err->status;
		if (len > 0 && (size_t)len != strlen(number))
			return cd_err(err, CD_EINVAL, "bank",
				      _("Exchange bank numbers here have %d "
					"digits; \"%s\" has %zu. Check the "
					"number on the document."),
				      len, number, strlen(number));
		return cd_err(
		    err, CD_EINVAL, "bank",
		    _("Exchange bank %s is not in the bank "
		      "directory. Check the number on the document; if "
		      "a bank has joined the exchange, a supervisor "
		      "imports the new directory."),
		    number);
	}
	if (rc != CD_OK)
		return rc;
	if (!out->active)
		return cd_err(
		    err, CD_EINVAL, "bank",
		    _("Exchange bank %s (%s) is closed in the bank "
		      "directory and takes no items. Check the number "
		      "on the document, or ask a supervisor."),
		    number, out->name);
	return CD_OK;
}

/* Look a bill type up and check it suits the kind of registration. */
int register_check_type(struct desk *d, const char *code, int itemised,
			struct bill_type *out, struct cd_error *err)
{
	int rc;

	if (blank(code))
		return cd_err(err, CD_EINVAL, "type",
			      _("The bill type is missing. Give its two-digit "
				"code ('chequedesk bill-types' lists them)."));
	rc = billtype_get(d->st, code, out, err);
	if (rc == CD_ENOTFOUND)
		return cd_err(err, CD_EINVAL, "type",
			      _("There is no bill type \"%s\". Give a "
				"two-digit code from 'chequedesk "
				"bill-types'."),
			      code);
	if (rc != CD_OK)
		return rc;
	if (itemised && !out->cheque)
		return cd_err(err, CD_EINVAL, "type",
			      _("Bill type %s (%s) is not registered one by "
				"one: put it into a bag with 'chequedesk bag "
				"add'."),
			      out->code, label_type(out));
	if (!itemised && out->cheque)
		return cd_err(err, CD_EINVAL, "type",
			      _("Bill type %s (%s) is a cheque: register it "
				"with 'chequedesk cheque add', not in a bag."),
			      out->code, label_type(out));
	return CD_OK;
}

/* An optional digit field. */
static int opt_digits(const char *s, size_t min, size_t max, const char *field,
		      const char *label, char *dst, size_t len,
		      struct cd_error *err)
{
	if (blank(s)) {
		dst[0] = '\0';
		return CD_OK;
	}
	if (codeline_check_digits(s, min, max, field, label, err) != CD_OK)
		return err->status;
	snprintf(dst, len, "%s", s);
	return CD_OK;
}

/* Serial and bank of a cheque, from the reader line or the typed fields. */
static int cheque_codeline(struct desk *d, const struct cheque_input *in,
			   struct item *it, struct cd_error *err)
{
	struct codeline_pre pre;

	if (!blank(in->micr)) {
		if (codeline_parse_micr(in->micr, &d->conf.micr, &pre, err) !=
		    CD_OK)
			return err->status;
		if ((!blank(in->serial) && strcmp(in->serial, pre.serial)) ||
		    (!blank(in->bank) && strcmp(in->bank, pre.bank)))
			return cd_err(err, CD_EINVAL, "micr",
				      _("The code line read (serial %s, bank "
					"%s) does not match the serial or bank "
					"typed. Give one or the other."),
				      pre.serial, pre.bank);
		snprintf(it->serial, sizeof it->serial, "%s", pre.serial);
		snprintf(it->bank, sizeof it->bank, "%s", pre.bank);
		return CD_OK;
	}
	if (blank(in->serial))
		return cd_err(err, CD_EINVAL, "serial",
			      _("The cheque serial is missing. Type its 8 "
				"digits or read the code line."));
	if (codeline_check_digits(in->serial, CODELINE_SERIAL_LEN,
				  CODELINE_SERIAL_LEN, "serial",
				  _("cheque serial"), err) != CD_OK)
		return err->status;
	snprintf(it->serial, sizeof it->serial, "%s", in->serial);
	snprintf(it->bank, sizeof it->bank, "%s", in->bank ? in->bank : "");
	return CD_OK;
}

/* Check one field of a form. */
int register_check_field(struct desk *d, enum item_kind kind, const char *field,
			 const char *value, char *info, size_t len,
			 struct cd_error *err)
{
	struct bank bank;
	struct bill_type type;
	int64_t fen;
	char tmp[CODELINE_ACCOUNT_MAX + 1];

	info[0] = '\0';
	if (blank(value) && strcmp(field, "type") != 0)
		return CD_OK;
	if (strcmp(field, "serial") == 0)
		return kind == ITEM_CHEQUE
			   ? codeline_check_digits(value, CODELINE_SERIAL_LEN,
						   CODELINE_SERIAL_LEN,
						   "serial", _("cheque serial"),
						   err)
			   : codeline_check_digits(
				 value, BILL_SERIAL_MIN, BILL_SERIAL_MAX,
				 "serial", _("bill's serial number"), err);
	if (strcmp(field, "bank") == 0) {
		if (register_check_bank(d, value, &bank, err) != CD_OK)
			return err->status;
		snprintf(info, len, "%s", bank.name);
		return CD_OK;
	}
	if (strcmp(field, "amount") == 0) {
		if (money_parse(value, &fen, err) != CD_OK)
			return err->status;
		money_format_capitals(fen, info, len);
		return CD_OK;
	}
	if (strcmp(field, "type") == 0) {
		if (blank(value) && kind == ITEM_BILL)
			return CD_OK;
		if (register_check_type(d, blank(value) ? "01" : value,
					kind == ITEM_CHEQUE, &type,
					err) != CD_OK)
			return err->status;
		/* TRANSLATORS: bill type name and debit or credit. */
		snprintf(info, len, _("%s (%s)"), label_type(&type),
			 label_dc(type.dc));
		return CD_OK;
	}
	if (strcmp(field, "account") == 0)
		return opt_digits(value, ACCOUNT_MIN, CODELINE_ACCOUNT_MAX,
				  "account", _("drawer's account"), tmp,
				  sizeof tmp, err);
	if (strcmp(field, "payee_account") == 0)
		return opt_digits(value, ACCOUNT_MIN, CODELINE_ACCOUNT_MAX,
				  "payee_account", _("payee's account"), tmp,
				  sizeof tmp, err);
	if (strcmp(field, "phone") == 0)
		return opt_digits(value, PHONE_MIN, CODELINE_PHONE_MAX, "phone",
				  _("phone number"), tmp, sizeof tmp, err);
	if (strcmp(field, "paykey") == 0)
		return opt_digits(value, PAYKEY_LEN, PAYKEY_LEN, "paykey",
				  _("payment password"), tmp, sizeof tmp, err);
	if (strcmp(field, "payee_name") == 0)
		return text_check(value, 0, PAYEE_NAME_CHARS,
				  NAME_MAX_BYTES * 2, "payee_name",
				  _("payee's name"), err);
	return CD_OK;
}

/* Encrypt the checked payment password PAYKEY to the centre's public key
 * (centre_key) into IT: only the ciphertext is ever kept or sent. */
static int seal_paykey(struct desk *d, const char *paykey, struct item *it,
		       struct cd_error *err)
{
	EVP_PKEY *key;
	int rc;

	if (d->conf.centre_key[0] == '\0')
		return cd_err(err, CD_ECONFIG, "paykey",
			      _("The payment password is kept and sent only "
				"encrypted to the clearing centre's public "
				"key, which is not set. Set centre_key = PATH "
				"in %s to the key file the centre gave the "
				"branch, or register the cheque without its "
				"payment password."),
			      d->conf.config_path);
	key = sign_load_public(d->conf.centre_key, err);
	if (key == NULL)
		return err->status;
	rc = sign_encrypt_b64(key, paykey, strlen(paykey), it->paykey_sm2,
			      sizeof it->paykey_sm2, err);
	EVP_PKEY_free(key);
	return rc;
}

/* Check every field of a cheque and build the item. */
int register_check_cheque(struct desk *d, const struct cheque_input *in,
			  struct item *it, struct cd_error *err)
{
	struct bank bank;
	struct bill_type type;
	char paykey[PAYKEY_MAX + 1];
	int rc;

	memset(it, 0, sizeof *it);
	it->kind = ITEM_CHEQUE;
	if (cheque_codeline(d, in, it, err) != CD_OK ||
	    register_check_bank(d, it->bank, &bank, err) != CD_OK)
		return err->status;
	if (blank(in->account))
		return cd_err(err, CD_EINVAL, "account",
			      _("The drawer's account is missing. Type the "
				"account number written on the cheque."));
	if (opt_digits(in->account, ACCOUNT_MIN, CODELINE_ACCOUNT_MAX,
		       "account", _("drawer's account"), it->account,
		       sizeof it->account, err) != CD_OK)
		return err->status;
	if (blank(in->amount))
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount is missing. Type it in yuan, e.g. "
				"1234.56."));
	if (money_parse(in->amount, &it->amount_fen, err) != CD_OK ||
	    register_check_type(d, blank(in->type) ? "01" : in->type, 1, &type,
				err) != CD_OK)
		return err->status;
	snprintf(it->type, sizeof it->type, "%s", type.code);
	it->dc = type.dc;
	if (opt_digits(in->phone, PHONE_MIN, CODELINE_PHONE_MAX, "phone",
		       _("phone number"), it->phone, sizeof it->phone,
		       err) != CD_OK ||
	    opt_digits(in->payee_account, ACCOUNT_MIN, CODELINE_ACCOUNT_MAX,
		       "payee_account", _("payee's account"), it->payee_account,
		       sizeof it->payee_account, err) != CD_OK ||
	    text_check(in->payee_name, 0, PAYEE_NAME_CHARS,
		       sizeof it->payee_name - 1, "payee_name",
		       _("payee's name"), err) != CD_OK)
		return err->status;
	snprintf(it->payee_name, sizeof it->payee_name, "%s",
		 in->payee_name ? in->payee_name : "");
	rc = opt_digits(in->paykey, PAYKEY_LEN, PAYKEY_LEN, "paykey",
			_("payment password"), paykey, sizeof paykey, err);
	if (rc == CD_OK && paykey[0] != '\0')
		rc = seal_paykey(d, paykey, it, err);
	OPENSSL_cleanse(paykey, sizeof paykey);
	if (rc != CD_OK)
		return rc;
	codeline_check_code(it->serial, it->bank, it->account, it->type,
			    it->amount_fen, it->check_code);
	return CD_OK;
}

/* Check every field of a bill going into a bag. */
int register_check_bill(struct desk *d, const struct bill_input *in,
			struct item *it, struct cd_error *err)
{
	struct bank bank;
	struct bill_type type;

	memset(it, 0, sizeof *it);
	it->kind = ITEM_BILL;
	if (register_check_bank(d, in->bank, &bank, err) != CD_OK ||
	    register_check_type(d, in->type, 0, &type, err) != CD_OK)
		return err->status;
	if (blank(in->serial))
		return cd_err(err, CD_EINVAL, "serial",
			      _("The bill's serial number is missing. Type the "
				"number printed on the bill."));
	if (codeline_check_digits(in->serial, BILL_SERIAL_MIN, BILL_SERIAL_MAX,
				  "serial", _("bill's serial number"),
				  err) != CD_OK)
		return err->status;
	if (blank(in->amount))
		return cd_err(err, CD_EINVAL, "amount",
			      _("The amount is missing. Type it in yuan, e.g. "
				"1234.56."));
	if (money_parse(in->amount, &it->amount_fen, err) != CD_OK ||
	    opt_digits(in->account, ACCOUNT_MIN, CODELINE_ACCOUNT_MAX,
		       "account", _("account"), it->account, sizeof it->account,
		       err) != CD_OK)
		return err->status;
	snprintf(it->serial, sizeof it->serial, "%s", in->serial);
	snprintf(it->bank, sizeof it->bank, "%s", bank.number);
	snprintf(it->type, sizeof it->type, "%s", type.code);
	it->dc = type.dc;
	return CD_OK;
}

/* Refuse a duplicate unless a supervisor accepts it; inside the
 * transaction so two terminals cannot both pass. */
static int check_duplicate(struct desk *d, struct item *it,
			   const struct business_slot *slot, int accept,
			   struct cd_error *err)
{
	struct cd_date since =
	    cd_date_add_days(slot->date, -d->conf.dup_window_days);
	struct item old;
	struct user who;
	char sincebuf[DATE_LEN], when[20];
	int found;

	if (item_find_duplicate(d->st, it->serial, it->bank,
				cd_date_format(since, sincebuf), &old, &found,
				err) != CD_OK)
		return err->status;
	if (found == 0)
		return CD_OK;
	if (accept) {
		it->duplicate_of = old.id;
		return CD_OK;
	}
	if (user_get(d->st, old.teller, &who, err) != CD_OK)
		snprintf(who.name, sizeof who.name, "%s", old.teller);
	snprintf(when, sizeof when, "%.10s %.5s", old.created_at,
		 old.created_at + 11);
	return cd_err(err, CD_ECONFLICT, "serial",
		      _("Serial %s of bank %s was already registered on %s by "
			"%s (%s) as item %lld. Check the document; if it "
			"really must be registered again, a supervisor can "
			"accept the duplicate."),
		      it->serial, it->bank, when, who.name, old.teller,
		      (long long)old.id);
}

/* Insert IT with its audit row (inside the transaction). */
static int insert_with_audit(struct desk *d, struct item *it,
			     const char *action, struct cd_error *err)
{
	char object[32], *after;
	int rc;

	if (item_insert(d->st, it, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "item:%lld", (long long)it->id);
	after = json_take_string(json_item(it));
	rc = audit_add(d->st, it->created_at, d->user.id, action, object, NULL,
		       after, err);
	free(after);
	return rc;
}

/* Stamp IT with the teller, slot and time of registration. */
static void stamp_item(struct desk *d, struct item *it,
		       const struct cd_now *now,
		       const struct business_slot *slot)
{
	cd_date_format(slot->date, it->business_date);
	it->session = slot->session;
	snprintf(it->status, sizeof it->status, "registered");
	snprintf(it->teller, sizeof it->teller, "%s", d->user.id);
	snprintf(it->created_at, sizeof it->created_at, "%s", now->stamp);
}

/* Common checks before any registration. */
static int may_register(struct desk *d, int accept_duplicate,
			const char *action, struct cd_error *err)
{
	if (desk_require(d, PERM_ITEMS, action, err) != CD_OK)
		return err->status;
	if (accept_duplicate)
		return desk_authorise(d, DUAL_DUPLICATE, "duplicate.accept",
				      NULL, err);
	return CD_OK;
}

/* Check and store a cheque. */
int register_cheque(struct desk *d, const struct cheque_input *in,
		    struct item *it, struct cd_error *err)
{
	struct business_slot slot;
	struct cd_now now;
	int rc;

	if (may_register(d, in->accept_duplicate, "cheque.add", err) != CD_OK ||
	    register_check_cheque(d, in, it, err) != CD_OK ||
	    desk_slot(d, &now, &slot, err) != CD_OK)
		return err->status;
	stamp_item(d, it, &now, &slot);
	if (store_begin(d->st, err) != CD_OK)
		return err->status;
	rc = check_duplicate(d, it, &slot, in->accept_duplicate, err);
	if (rc == CD_OK)
		rc = insert_with_audit(d, it,
				       it->duplicate_of ? "cheque.add.duplicate"
							: "cheque.add",
				       err);
	if (rc != CD_OK) {
		store_rollback(d->st);
		it->id = 0;
		return rc;
	}
	return store_commit(d->st, err);
}

/* Find or open the bag for IT's slot, bank and type. */
static int open_bag(struct desk *d, const struct item *it, struct bag *bag,
		    struct cd_error *err)
{
	char object[32], *after;
	int found, rc;

	found = bag_find_open(d->st, it->business_date, it->session, it->bank,
			      it->type, bag, err);
	if (found < 0)
		return err->status;
	if (found)
		return CD_OK;
	memset(bag, 0, sizeof *bag);
	snprintf(bag->business_date, sizeof bag->business_date, "%s",
		 it->business_date);
	bag->session = it->session;
	snprintf(bag->bank, sizeof bag->bank, "%s", it->bank);
	snprintf(bag->type, sizeof bag->type, "%s", it->type);
	bag->dc = it->dc;
	snprintf(bag->status, sizeof bag->status, "open");
	snprintf(bag->opened_by, sizeof bag->opened_by, "%s", d->user.id);
	snprintf(bag->created_at, sizeof bag->created_at, "%s", it->created_at);
	if (bag_insert(d->st, bag, err) != CD_OK)
		return err->status;
	snprintf(object, sizeof object, "bag:%lld", (long long)bag->id);
	after = json_take_string(json_bag(bag));
	rc = audit_add(d->st, it->created_at, d->user.id, "bag.open", object,
		       NULL, after, err);
	free(after);
	return rc;
}

/* Check a bill and put it into its bag. */
int register_bill(struct desk *d, const struct bill_input *in, struct item *it,
		  struct bag *bag, struct cd_error *err)
{
	struct business_slot slot;
	struct cd_now now;
	int rc;

	if (may_register(d, in->accept_duplicate, "bill.add", err) != CD_OK ||
	    register_check_bill(d, in, it, err) != CD_OK ||
	    desk_slot(d, &now, &slot, err) != CD_OK)
		return err->status;
	stamp_item(d, it, &now, &slot);
	if (store_begin(d->st, err) != CD_OK)
		return err->status;
	rc = check_duplicate(d, it, &slot, in->accept_duplicate, err);
	if (rc == CD_OK)
		rc = open_bag(d, it, bag, err);
	if (rc == CD_OK) {
		it->bag_id = bag->id;
		rc = insert_with_audit(
		    d, it, it->duplicate_of ? "bill.add.duplicate" : "bill.add",
		    err);
	}
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	if (rc != CD_OK) {
		it->id = 0;
		return rc;
	}
	return bag_get(d->st, bag->id, bag, err);
}
