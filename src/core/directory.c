/* directory.c - loading and checking banks.csv and bill-types.csv. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "directory.h"
#include "grow.h"
#include "i18n.h"
#include "text.h"

struct bank_acc {
	const char *path;
	struct bank *v;
	size_t n, cap;
};

struct type_acc {
	const char *path;
	struct bill_type *v;
	size_t n, cap;
};

/* Check "0" / "1". */
static int parse_flag(const char *s, int *out)
{
	if (strcmp(s, "0") == 0 || strcmp(s, "1") == 0) {
		*out = s[0] == '1';
		return 0;
	}
	return -1;
}

/* One row of banks.csv. */
static int bank_row(char **f, int nf, int line, void *ctx, struct cd_error *err)
{
	struct bank_acc *a = ctx;
	struct bank *b;
	struct cd_error sub;
	size_t i, len = strlen(f[0]);

	(void)nf;
	if (len == 0 || len > CODELINE_BANK_MAX ||
	    strspn(f[0], "0123456789") != len)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: the exchange number \"%s\" must "
				"be 1 to %d digits."),
			      a->path, line, f[0], CODELINE_BANK_MAX);
	if (a->n > 0 && strlen(a->v[0].number) != len)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: the exchange number \"%s\" has "
				"%zu digits but the numbers above have %zu; "
				"all numbers in a directory have one length."),
			      a->path, line, f[0], len, strlen(a->v[0].number));
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].number, f[0]) == 0)
			return cd_err(
			    err, CD_ECONFIG, NULL,
			    _("%s, line %d: the exchange number %s appears "
			      "twice. Remove one of the two lines."),
			    a->path, line, f[0]);
	if (text_check(f[1], 1, 64, sizeof a->v->name - 1, "name",
		       _("bank name"), &sub) != CD_OK)
		return cd_err(err, CD_ECONFIG, NULL, _("%s, line %d: %s"),
			      a->path, line, sub.msg);
	if (GROW_ONE(a->v, a->cap, a->n) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	b = &a->v[a->n];
	memset(b, 0, sizeof *b);
	if (parse_flag(f[2], &b->active) != 0)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: active must be 1 (in use) or 0 "
				"(closed), not \"%s\"."),
			      a->path, line, f[2]);
	snprintf(b->number, sizeof b->number, "%s", f[0]);
	snprintf(b->name, sizeof b->name, "%s", f[1]);
	a->n++;
	return CD_OK;
}

/* Read banks.csv. */
int directory_read_banks(const char *path, struct bank **out, size_t *n,
			 struct cd_error *err)
{
	struct bank_acc a = {path, NULL, 0, 0};
	int rc = csv_read(path, "number,name,active", bank_row, &a, err);

	if (rc == CD_OK && a.n == 0)
		rc = cd_err(err, CD_ECONFIG, NULL,
			    _("%s lists no banks. A directory needs at least "
			      "one bank."),
			    path);
	if (rc != CD_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.n;
	return CD_OK;
}

/* One row of bill-types.csv. */
static int type_row(char **f, int nf, int line, void *ctx, struct cd_error *err)
{
	struct type_acc *a = ctx;
	struct bill_type *t;
	struct cd_error sub;
	size_t i;

	(void)nf;
	if (strlen(f[0]) != 2 || strspn(f[0], "0123456789") != 2)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: the bill type code \"%s\" must "
				"be 2 digits."),
			      a->path, line, f[0]);
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].code, f[0]) == 0)
			return cd_err(
			    err, CD_ECONFIG, NULL,
			    _("%s, line %d: the bill type code %s appears "
			      "twice. Remove one of the two lines."),
			    a->path, line, f[0]);
	if (text_check(f[1], 1, 32, NAME_MAX_BYTES, "name_zh", "name_zh",
		       &sub) != CD_OK ||
	    text_check(f[2], 1, 48, NAME_MAX_BYTES, "name_en", "name_en",
		       &sub) != CD_OK)
		return cd_err(err, CD_ECONFIG, NULL, _("%s, line %d: %s"),
			      a->path, line, sub.msg);
	if (strcmp(f[3], "D") != 0 && strcmp(f[3], "C") != 0)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: dc must be D (debit) or C "
				"(credit), not \"%s\"."),
			      a->path, line, f[3]);
	if (GROW_ONE(a->v, a->cap, a->n) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk, then try again; if it "
				"happens again, report it to branch IT."));
	t = &a->v[a->n];
	memset(t, 0, sizeof *t);
	if (parse_flag(f[4], &t->cheque) != 0)
		return cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s, line %d: itemised must be 1 (registered "
		      "one by one with its code line) or 0 (goes into "
		      "bags), not \"%s\"."),
		    a->path, line, f[4]);
	snprintf(t->code, sizeof t->code, "%s", f[0]);
	snprintf(t->name_zh, sizeof t->name_zh, "%s", f[1]);
	snprintf(t->name_en, sizeof t->name_en, "%s", f[2]);
	t->dc = f[3][0];
	a->n++;
	return CD_OK;
}

/* Read bill-types.csv. */
int directory_read_types(const char *path, struct bill_type **out, size_t *n,
			 struct cd_error *err)
{
	struct type_acc a = {path, NULL, 0, 0};
	int rc = csv_read(path, "code,name_zh,name_en,dc,itemised", type_row,
			  &a, err);

	if (rc == CD_OK && a.n == 0)
		rc = cd_err(
		    err, CD_ECONFIG, NULL,
		    _("%s lists no bill types. Check the file, or reinstall "
		      "chequedesk to restore the bundled one."),
		    path);
	if (rc != CD_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.n;
	return CD_OK;
}
