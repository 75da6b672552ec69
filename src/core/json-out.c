/* json-out.c - building JSON objects for records. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "json-out.h"

/* Add V as a raw integer literal so no amount passes through a double. */
cJSON *json_add_int64(cJSON *obj, const char *name, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	return cJSON_AddRawToObject(obj, name, buf);
}

/* A one-character string member. */
static void add_char(cJSON *obj, const char *name, char c)
{
	char s[2] = {c, '\0'};

	cJSON_AddStringToObject(obj, name, s);
}

/* A string member, or null when NULL or empty. */
void json_add_opt(cJSON *obj, const char *name, const char *s)
{
	if (s != NULL && s[0])
		cJSON_AddStringToObject(obj, name, s);
	else
		cJSON_AddNullToObject(obj, name);
}

/* An item (cheque or bagged bill). */
cJSON *json_item(const struct item *it)
{
	cJSON *o = cJSON_CreateObject();

	json_add_int64(o, "id", it->id);
	cJSON_AddStringToObject(o, "kind",
				it->kind == ITEM_BILL ? "bill" : "cheque");
	cJSON_AddStringToObject(o, "serial", it->serial);
	cJSON_AddStringToObject(o, "bank", it->bank);
	json_add_opt(o, "account", it->account);
	json_add_int64(o, "amount_fen", it->amount_fen);
	cJSON_AddStringToObject(o, "type", it->type);
	add_char(o, "dc", it->dc);
	json_add_opt(o, "check_code", it->check_code);
	json_add_opt(o, "phone", it->phone);
	cJSON_AddBoolToObject(o, "paykey_given", it->paykey_sm2[0] != '\0');
	json_add_opt(o, "payee_account", it->payee_account);
	json_add_opt(o, "payee_name", it->payee_name);
	cJSON_AddStringToObject(o, "business_date", it->business_date);
	cJSON_AddNumberToObject(o, "session", it->session);
	cJSON_AddStringToObject(o, "status", it->status);
	cJSON_AddStringToObject(o, "teller", it->teller);
	if (it->bag_id)
		json_add_int64(o, "bag", it->bag_id);
	else
		cJSON_AddNullToObject(o, "bag");
	if (it->duplicate_of)
		json_add_int64(o, "duplicate_of", it->duplicate_of);
	cJSON_AddStringToObject(o, "created_at", it->created_at);
	return o;
}

/* A bag with its count and total. */
cJSON *json_bag(const struct bag *b)
{
	cJSON *o = cJSON_CreateObject();

	json_add_int64(o, "id", b->id);
	cJSON_AddStringToObject(o, "bank", b->bank);
	cJSON_AddStringToObject(o, "type", b->type);
	add_char(o, "dc", b->dc);
	json_add_int64(o, "count", b->count);
	json_add_int64(o, "amount_fen", b->amount_fen);
	cJSON_AddStringToObject(o, "business_date", b->business_date);
	cJSON_AddNumberToObject(o, "session", b->session);
	cJSON_AddStringToObject(o, "status", b->status);
	cJSON_AddStringToObject(o, "opened_by", b->opened_by);
	cJSON_AddStringToObject(o, "created_at", b->created_at);
	return o;
}

/* A bank of the directory. */
cJSON *json_bank(const struct bank *b)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "number", b->number);
	cJSON_AddStringToObject(o, "name", b->name);
	cJSON_AddBoolToObject(o, "active", b->active);
	return o;
}

/* A bill type. */
cJSON *json_bill_type(const struct bill_type *t)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "code", t->code);
	cJSON_AddStringToObject(o, "name_zh", t->name_zh);
	cJSON_AddStringToObject(o, "name_en", t->name_en);
	add_char(o, "dc", t->dc);
	cJSON_AddBoolToObject(o, "itemised", t->cheque);
	return o;
}

/* A user, without the password hash. */
cJSON *json_user(const struct user *u)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", u->id);
	cJSON_AddStringToObject(o, "name", u->name);
	cJSON_AddStringToObject(o, "role", role_name(u->role));
	cJSON_AddBoolToObject(o, "active", u->active);
	return o;
}

/* Serialise and free. */
char *json_take_string(cJSON *obj)
{
	char *s = obj ? cJSON_PrintUnformatted(obj) : NULL;

	cJSON_Delete(obj);
	return s;
}
