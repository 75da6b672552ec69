/* centre-rules.c - the simulator's rules file and bank list
 * (docs/centre-protocol.md, "Rules"). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centre-rules.h"
#include "csv.h"
#include "grow.h"
#include "i18n.h"

/* Defaults and no rules. */
void rules_init(struct rules *r)
{
	memset(r, 0, sizeof *r);
	r->decide_after = RULES_DECIDE_AFTER;
	r->return_after = RULES_RETURN_AFTER;
}

/* Free the rules and banks. */
void rules_free(struct rules *r)
{
	size_t i;

	for (i = 0; i < r->nbanks; i++)
		free(r->banks[i]);
	free(r->banks);
	free(r->v);
	rules_init(r);
}

/* 1 when S is MIN..MAX decimal digits. */
static int digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s), i;

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 when S is a reason code: lower-case letters, digits and '-'. */
static int code_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= sizeof((struct rule *)0)->code)
		return 0;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/* The next blank-separated word of *P (NULL at the end); *P moves on. */
static char *word(char **p)
{
	char *s = *p, *e;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	e = s;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	if (*e)
		*e++ = '\0';
	*p = e;
	return s;
}

/* A "decide_after"/"return_after" value: 0 to a day of seconds. */
static int seconds(const char *path, int line, const char *s, int *out,
		   struct cd_error *err)
{
	if (s == NULL || !digits(s, 1, 5) || atoi(s) > 86400)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: give a number of seconds from "
				"0 to 86400."),
			      path, line);
	*out = atoi(s);
	return CD_OK;
}

/* The refusal of a malformed reason code at PATH, LINE. */
static int code_refused(const char *path, int line, struct cd_error *err)
{
	return cd_err(err, CD_ECONFIG, NULL,
		      _("%s, line %d: give a reason code of lower-case "
			"letters, digits and '-' (e.g. ocr-amount-mismatch), "
			"then the reason."),
		      path, line);
}

/* Parse "reject|return serial|bank|unknown-banks ..." (the rest at P). */
static int parse_rule(const char *path, int line, enum rule_action action,
		      char *p, struct rule *out, struct cd_error *err)
{
	char *what = word(&p), *value = NULL, *code;

	memset(out, 0, sizeof *out);
	out->action = action;
	if (what && strcmp(what, "serial") == 0)
		out->match = RULE_SERIAL;
	else if (what && strcmp(what, "bank") == 0)
		out->match = RULE_BANK;
	else if (what && strcmp(what, "unknown-banks") == 0 &&
		 action == RULE_REJECT)
		out->match = RULE_UNKNOWN_BANKS;
	else
		return cd_err(err, CD_ECONFIG, NULL,
			      action == RULE_REJECT
				  ? _("%s, line %d: write 'reject serial "
				      "SERIAL CODE REASON', 'reject bank BANK "
				      "CODE REASON' or 'reject unknown-banks'.")
				  : _("%s, line %d: write 'return serial "
				      "SERIAL CODE REASON' or 'return bank "
				      "BANK CODE REASON'."),
			      path, line);
	if (out->match != RULE_UNKNOWN_BANKS) {
		value = word(&p);
		if (value == NULL ||
		    (out->match == RULE_SERIAL
			 ? !digits(value, CODELINE_SERIAL_LEN,
				   CODELINE_SERIAL_LEN)
			 : !digits(value, 4, CODELINE_BANK_MAX)))
			return cd_err(err, CD_ECONFIG, NULL,
				      out->match == RULE_SERIAL
					  ? _("%s, line %d: a serial is 8 "
					      "digits.")
					  : _("%s, line %d: a bank number is "
					      "4 to 12 digits."),
				      path, line);
		snprintf(out->value, sizeof out->value, "%s", value);
	}
	code = word(&p);
	if (code == NULL && out->match == RULE_UNKNOWN_BANKS)
		code = "unknown-bank";
	if (code == NULL || !code_ok(code))
		return code_refused(path, line, err);
	snprintf(out->code, sizeof out->code, "%s", code);
	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(out->reason, sizeof out->reason, "%s",
		 *p				    ? p
		 : out->match == RULE_UNKNOWN_BANKS ? "Unknown bank"
						    : code);
	return CD_OK;
}

/* Parse "paykey serial SERIAL DIGITS [CODE [REASON]]" (the rest at P). */
static int parse_paykey(const char *path, int line, char *p, struct rule *out,
			struct cd_error *err)
{
	char *what = word(&p), *serial = word(&p), *digits_ = word(&p), *code;

	memset(out, 0, sizeof *out);
	out->action = RULE_PAYKEY;
	out->match = RULE_SERIAL;
	if (what == NULL || strcmp(what, "serial") != 0 || serial == NULL ||
	    !digits(serial, CODELINE_SERIAL_LEN, CODELINE_SERIAL_LEN) ||
	    digits_ == NULL || !digits(digits_, 16, 16))
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: write 'paykey serial SERIAL "
				"PASSWORD [CODE REASON]': the 8-digit serial, "
				"then the 16-digit payment password."),
			      path, line);
	snprintf(out->value, sizeof out->value, "%s", serial);
	snprintf(out->paykey, sizeof out->paykey, "%s", digits_);
	code = word(&p);
	if (code != NULL && !code_ok(code))
		return code_refused(path, line, err);
	snprintf(out->code, sizeof out->code, "%s",
		 code ? code : "paykey-wrong");
	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(out->reason, sizeof out->reason, "%s",
		 *p ? p : "Wrong payment password");
	return CD_OK;
}

/* Parse one line (comment already cut off) into R. */
static int parse_line(struct rules *r, const char *path, int line, char *p,
		      struct cd_error *err)
{
	char *key = word(&p);
	struct rule rule;
	int rc;

	if (key == NULL)
		return CD_OK;
	if (strcmp(key, "decide_after") == 0 ||
	    strcmp(key, "return_after") == 0) {
		int *dst = strcmp(key, "decide_after") == 0 ? &r->decide_after
							    : &r->return_after;

		rc = seconds(path, line, word(&p), dst, err);
		if (rc == CD_OK && word(&p) != NULL)
			rc = seconds(path, line, NULL, dst, err);
		return rc;
	}
	if (strcmp(key, "reject") != 0 && strcmp(key, "return") != 0 &&
	    strcmp(key, "paykey") != 0)
		return cd_err(err, CD_ECONFIG, NULL,
			      _("%s, line %d: \"%s\" is not a rule. Rules are "
				"decide_after, return_after, reject, return "
				"and paykey."),
			      path, line, key);
	if (strcmp(key, "paykey") == 0)
		rc = parse_paykey(path, line, p, &rule, err);
	else
		rc = parse_rule(path, line,
				strcmp(key, "reject") == 0 ? RULE_REJECT
							   : RULE_RETURN,
				p, &rule, err);
	if (rc != CD_OK)
		return rc;
	if (GROW_ONE(r->v, r->cap, r->n) != 0)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	r->v[r->n++] = rule;
	return CD_OK;
}

/* Read the rules file. */
int rules_load(struct rules *r, const char *path, struct cd_error *err)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL, *hash;
	size_t cap = 0;
	int line = 0, rc = CD_OK;

	if (fp == NULL)
		return cd_err(err, CD_ECONFIG, "rules",
			      _("The rules file %s cannot be opened (%s). "
				"Check the path given to --rules."),
			      path, strerror(errno));
	while (rc == CD_OK && getline(&buf, &cap, fp) != -1) {
		line++;
		hash = strchr(buf, '#');
		if (hash)
			*hash = '\0';
		buf[strcspn(buf, "\r\n")] = '\0';
		rc = parse_line(r, path, line, buf, err);
	}
	free(buf);
	fclose(fp);
	return rc;
}

/* csv_read callback: keep the bank number. */
static int bank_row(char **f, int nf, int line, void *ctx, struct cd_error *err)
{
	struct rules *r = ctx;
	char *num = strdup(f[0]);

	(void)nf;
	(void)line;
	if (num == NULL || GROW_ONE(r->banks, r->bankcap, r->nbanks) != 0) {
		free(num);
		return cd_err(err, CD_EFAIL, NULL,
			      _("Out of memory. Close other programs or "
				"restart chequedesk-centre, then try again."));
	}
	r->banks[r->nbanks++] = num;
	return CD_OK;
}

/* qsort/bsearch comparison of bank strings. */
static int bank_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the bank list. */
int rules_load_banks(struct rules *r, const char *path, struct cd_error *err)
{
	int rc = csv_read(path, "number,name,active", bank_row, r, err);

	if (rc == CD_OK)
		qsort(r->banks, r->nbanks, sizeof *r->banks, bank_cmp);
	return rc;
}

/* "reject unknown-banks" needs a bank list. */
int rules_check(const struct rules *r, const char *path, struct cd_error *err)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].match == RULE_UNKNOWN_BANKS && r->nbanks == 0)
			return cd_err(err, CD_EUSAGE, "banks",
				      _("The rules file %s says 'reject "
					"unknown-banks' but no bank list was "
					"given. Add --banks FILE (e.g. the "
					"installed banks.csv)."),
				      path ? path : "");
	return CD_OK;
}

/* The first matching rule for ACTION. */
const struct rule *rules_match(const struct rules *r, enum rule_action action,
			       const char *serial, const char *bank)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct rule *u = &r->v[i];

		if (u->action != action)
			continue;
		if ((u->match == RULE_SERIAL &&
		     strcmp(u->value, serial) == 0) ||
		    (u->match == RULE_BANK && strcmp(u->value, bank) == 0))
			return u;
		if (u->match == RULE_UNKNOWN_BANKS &&
		    bsearch(&bank, r->banks, r->nbanks, sizeof *r->banks,
			    bank_cmp) == NULL)
			return u;
	}
	return NULL;
}
