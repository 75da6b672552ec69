/* codeline.c - reading the MICR code line, the check code, the printed line. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "codeline.h"
#include "i18n.h"

/* Each E13B symbol as UTF-8. */
static const char *const sym_utf8[E13B_NSYMBOLS] = {
    [E13B_TRANSIT] = "\u2446",
    [E13B_AMOUNT] = "\u2447",
    [E13B_ON_US] = "\u2448",
    [E13B_DASH] = "\u2449",
};

/* Each symbol's name, for messages. */
static const char *const sym_name[E13B_NSYMBOLS] = {
    /* TRANSLATORS: the E13B symbol that surrounds the bank number. */
    [E13B_TRANSIT] = N_("transit symbol"),
    /* TRANSLATORS: the E13B symbol that surrounds the amount. */
    [E13B_AMOUNT] = N_("amount symbol"),
    /* TRANSLATORS: the E13B symbol that surrounds the serial number and
     * the account number. */
    [E13B_ON_US] = N_("on-us symbol"),
    /* TRANSLATORS: the E13B dash symbol. */
    [E13B_DASH] = N_("dash symbol"),
};

/* Each symbol's key in chequedesk.conf. */
static const char *const sym_key[E13B_NSYMBOLS] = {
    [E13B_TRANSIT] = "micr.transit",
    [E13B_AMOUNT] = "micr.amount",
    [E13B_ON_US] = "micr.on_us",
    [E13B_DASH] = "micr.dash",
};

/* The common reader substitutions for each symbol. */
static const char *const sym_default[E13B_NSYMBOLS] = {
    [E13B_TRANSIT] = "T",
    [E13B_AMOUNT] = "$A",
    [E13B_ON_US] = "U",
    [E13B_DASH] = "-",
};

/* Kinds of piece a reader line is made of. */
enum tok_kind {
	TOK_END,
	TOK_DIGITS,
	TOK_SYMBOL,
};

/* One piece of a reader line. */
struct tok {
	enum tok_kind kind;
	enum e13b_symbol sym; /* for TOK_SYMBOL */
	const char *text;     /* where it starts in the line */
	size_t len;	      /* its length in bytes */
	int pos;	      /* 1-based character position */
};

/* Walking through a reader line. */
struct lexer {
	const char *start, *p, *end;
	const struct micr_map *map;
};

/* True for an ASCII digit. */
static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* True for the blanks allowed between code line fields. */
static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* C in upper case when it is an ASCII letter, else C itself. */
static unsigned char fold(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
}

/* True when the substitute set SET holds C (letters in either case). */
static int set_has(const char *set, unsigned char c)
{
	for (; *set != '\0'; set++)
		if (fold((unsigned char)*set) == fold(c))
			return 1;
	return 0;
}

/* The symbol whose substitute set in MAP holds C, or E13B_NSYMBOLS. */
static enum e13b_symbol map_lookup(const struct micr_map *map, unsigned char c)
{
	int i;

	if (c == '\0' || map == NULL)
		return E13B_NSYMBOLS;
	for (i = 0; i < E13B_NSYMBOLS; i++)
		if (set_has(map->sym[i], c))
			return (enum e13b_symbol)i;
	return E13B_NSYMBOLS;
}

/* The E13B symbol written in UTF-8 at P, or E13B_NSYMBOLS. */
static enum e13b_symbol utf8_symbol(const char *p, const char *end)
{
	int i;

	if (end - p < 3)
		return E13B_NSYMBOLS;
	for (i = 0; i < E13B_NSYMBOLS; i++)
		if (memcmp(p, sym_utf8[i], 3) == 0)
			return (enum e13b_symbol)i;
	return E13B_NSYMBOLS;
}

/* The 1-based character position of P in a UTF-8 string starting at START. */
static int char_pos(const char *start, const char *p)
{
	int pos = 1;

	for (; start < p; start++)
		if (((unsigned char)*start & 0xC0) != 0x80)
			pos++;
	return pos;
}

/* Length (0 if malformed) and code point CP of the UTF-8 character at P. */
static int utf8_char(const unsigned char *p, const unsigned char *end,
		     unsigned long *cp)
{
	int n, i;
	unsigned long v;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		v = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		v = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		v = p[0] & 0x07;
	} else {
		return 0;
	}
	if (end - p < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) ||
	    (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* Describe the character at P for a message: 'X', U+0001 or 0xFF. */
static void describe_char(const char *p, const char *end, char *buf, size_t len)
{
	unsigned long cp;
	int n = utf8_char((const unsigned char *)p, (const unsigned char *)end,
			  &cp);

	if (n == 0)
		snprintf(buf, len, "0x%02X", (unsigned)(unsigned char)*p);
	else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		snprintf(buf, len, "U+%04lX", cp);
	else if (n == 1)
		snprintf(buf, len, "'%c'", *p);
	else
		snprintf(buf, len, "'%.*s' (U+%04lX)", n, p, cp);
}

/* Read the next piece of the line into T, refusing unexpected characters. */
static int next_token(struct lexer *lx, struct tok *t, struct cd_error *err)
{
	unsigned char c;
	enum e13b_symbol sym;
	char what[48];

	while (lx->p < lx->end && is_blank((unsigned char)*lx->p))
		lx->p++;
	t->text = lx->p;
	t->pos = char_pos(lx->start, lx->p);
	t->len = 0;
	if (lx->p == lx->end) {
		t->kind = TOK_END;
		return CD_OK;
	}
	c = (unsigned char)*lx->p;
	if (is_digit(c)) {
		while (lx->p < lx->end && is_digit((unsigned char)*lx->p))
			lx->p++;
		t->kind = TOK_DIGITS;
		t->len = (size_t)(lx->p - t->text);
		return CD_OK;
	}
	sym = utf8_symbol(lx->p, lx->end);
	if (sym != E13B_NSYMBOLS) {
		t->len = 3;
	} else {
		sym = map_lookup(lx->map, c);
		t->len = 1;
	}
	if (sym != E13B_NSYMBOLS) {
		lx->p += t->len;
		t->kind = TOK_SYMBOL;
		t->sym = sym;
		return CD_OK;
	}
	if (c == '?')
		return cd_err(
		    err, CD_EINVAL, "micr",
		    /* TRANSLATORS: MICR readers send '?' for a character they
		     * cannot recognise. */
		    _("The reader could not recognise the character at "
		      "position %d of the code line (it sent '?'). Wipe the "
		      "code line clean and scan the cheque again, or type the "
		      "serial number by hand."),
		    t->pos);
	describe_char(lx->p, lx->end, what, sizeof what);
	return cd_err(
	    err, CD_EINVAL, "micr",
	    /* TRANSLATORS: the first %s is a character such as 'X',
	     * %d its position, the other %s are configuration keys. */
	    _("The code line has an unexpected character %s at "
	      "position %d. Scan the cheque again; if your reader "
	      "sends other characters for the E13B symbols, set them "
	      "with %s, %s, %s and %s in chequedesk.conf."),
	    what, t->pos, sym_key[E13B_TRANSIT], sym_key[E13B_AMOUNT],
	    sym_key[E13B_ON_US], sym_key[E13B_DASH]);
}

/* Describe token T for a message, e.g. "the digits 12 at position 3". */
static void describe_tok(const struct tok *t, char *buf, size_t len)
{
	switch (t->kind) {
	case TOK_END:
		snprintf(buf, len, "%s", _("the end of the line"));
		break;
	case TOK_DIGITS:
		/* TRANSLATORS: e.g. "the digits 1234 at position 3". */
		snprintf(buf, len, _("the digits %.*s at position %d"),
			 t->len > 20 ? 20 : (int)t->len, t->text, t->pos);
		break;
	case TOK_SYMBOL:
		/* TRANSLATORS: e.g. "the transit symbol 'T' at position 3";
		 * the second %s is the symbol as the reader sent it. */
		snprintf(buf, len, _("the %s '%.*s' at position %d"),
			 _(sym_name[t->sym]), (int)t->len, t->text, t->pos);
		break;
	}
}

/* Fill MAP with the common substitutes: T, U, $ or A, -. */
void micr_map_default(struct micr_map *map)
{
	int i;

	memset(map, 0, sizeof *map);
	for (i = 0; i < E13B_NSYMBOLS; i++)
		strcpy(map->sym[i], sym_default[i]);
}

/* Set the characters a reader sends for one symbol, from configuration. */
int micr_map_set(struct micr_map *map, enum e13b_symbol sym, const char *chars,
		 struct cd_error *err)
{
	const char *s;
	unsigned char c;
	int i;

	if ((unsigned)sym >= E13B_NSYMBOLS)
		return cd_err(err, CD_EFAIL, NULL,
			      _("Internal error: unknown E13B symbol %d. "
				"Please report this bug."),
			      (int)sym);
	if (chars == NULL)
		chars = "";
	if (strlen(chars) >= sizeof map->sym[sym])
		return cd_err(err, CD_EINVAL, sym_key[sym],
			      _("The setting %s lists too many characters (at "
				"most %zu). List only the characters your MICR "
				"reader sends for the %s, e.g. \"%s\"."),
			      sym_key[sym], sizeof map->sym[sym] - 1,
			      _(sym_name[sym]), sym_default[sym]);
	for (s = chars; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (is_digit(c))
			return cd_err(err, CD_EINVAL, sym_key[sym],
				      _("The setting %s contains the digit "
					"'%c'. Digits cannot stand for a code "
					"line symbol; list only the characters "
					"your MICR reader sends for the %s."),
				      sym_key[sym], c, _(sym_name[sym]));
		if (is_blank(c) || c == '\r' || c == '\n')
			return cd_err(
			    err, CD_EINVAL, sym_key[sym],
			    _("The setting %s contains a blank. Blanks between "
			      "code line fields are ignored and cannot stand "
			      "for a symbol; remove it."),
			    sym_key[sym]);
		if (c < 0x21 || c > 0x7E)
			return cd_err(
			    err, CD_EINVAL, sym_key[sym],
			    _("The setting %s contains a character that is not "
			      "a visible ASCII character. List only the ASCII "
			      "characters your MICR reader sends for the %s, "
			      "e.g. \"%s\"."),
			    sym_key[sym], _(sym_name[sym]), sym_default[sym]);
		for (i = 0; i < E13B_NSYMBOLS; i++)
			if (i != (int)sym && set_has(map->sym[i], c))
				return cd_err(
				    err, CD_EINVAL, sym_key[sym],
				    /* TRANSLATORS: e.g. "The setting
				     * micr.transit contains 'U', which
				     * micr.on_us already uses for the on-us
				     * symbol." */
				    _("The setting %s contains '%c', which %s "
				      "already uses for the %s. Each character "
				      "may stand for only one symbol; change "
				      "one of the two settings."),
				    sym_key[sym], c, sym_key[i],
				    _(sym_name[i]));
	}
	snprintf(map->sym[sym], sizeof map->sym[sym], "%s", chars);
	return CD_OK;
}

/* True when T is the symbol SYM. */
static int is_sym(const struct tok *t, enum e13b_symbol sym)
{
	return t->kind == TOK_SYMBOL && t->sym == sym;
}

/* Parse the pre-printed part of a reader line. */
int codeline_parse_micr(const char *line, const struct micr_map *map,
			struct codeline_pre *out, struct cd_error *err)
{
	struct lexer lx;
	struct tok t;
	struct codeline_pre pre;
	char found[128];
	int rc;

	if (line == NULL)
		line = "";
	lx.start = lx.p = line;
	lx.end = line + strlen(line);
	while (lx.end > lx.start && (lx.end[-1] == '\r' || lx.end[-1] == '\n'))
		lx.end--;
	lx.map = map;

	/* A character that is no digit, blank or symbol is the likely cause
	 * of any other fault, so look for one first. */
	do {
		rc = next_token(&lx, &t, err);
		if (rc != CD_OK)
			return rc;
	} while (t.kind != TOK_END);
	lx.p = lx.start;

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (t.kind == TOK_END)
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The code line is empty. Scan the cheque again, or type "
		      "the 8-digit serial number by hand."));
	if (!is_sym(&t, E13B_ON_US)) {
		describe_tok(&t, found, sizeof found);
		return cd_err(err, CD_EINVAL, "micr",
			      /* TRANSLATORS: the first %s is the on-us symbol,
			       * the second says what was found instead, e.g.
			       * "the digits 1234 at position 1". */
			      _("The code line must start with the on-us "
				"symbol %s before the serial number, but it "
				"starts with %s. Scan the cheque again, face "
				"up; if your reader sends some other character "
				"for this symbol, set %s in chequedesk.conf."),
			      sym_utf8[E13B_ON_US], found, sym_key[E13B_ON_US]);
	}

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (t.kind != TOK_DIGITS) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The serial number is missing after the opening on-us "
		      "symbol %s; found %s instead. Scan the cheque again, or "
		      "type the 8-digit serial number by hand."),
		    sym_utf8[E13B_ON_US], found);
	}
	if (t.len != CODELINE_SERIAL_LEN)
		return cd_err(
		    err, CD_EINVAL, "micr",
		    P_("The serial number on the code line is %zu digit long, "
		       "but it must be %d digits. Scan the cheque again, or "
		       "type the serial number by hand.",
		       "The serial number on the code line is %zu digits long, "
		       "but it must be %d digits. Scan the cheque again, or "
		       "type the serial number by hand.",
		       t.len),
		    t.len, CODELINE_SERIAL_LEN);
	memcpy(pre.serial, t.text, t.len);
	pre.serial[t.len] = '\0';

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (!is_sym(&t, E13B_ON_US)) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The closing on-us symbol %s after the serial number is "
		      "missing; found %s instead. Scan the cheque again."),
		    sym_utf8[E13B_ON_US], found);
	}

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (!is_sym(&t, E13B_TRANSIT)) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The transit symbol %s before the bank number is "
		      "missing; found %s instead. Scan the cheque again; if "
		      "your reader sends some other character for this symbol, "
		      "set %s in chequedesk.conf."),
		    sym_utf8[E13B_TRANSIT], found, sym_key[E13B_TRANSIT]);
	}

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (t.kind != TOK_DIGITS) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The bank number is missing after the transit symbol %s; "
		      "found %s instead. Scan the cheque again."),
		    sym_utf8[E13B_TRANSIT], found);
	}
	if (t.len > CODELINE_BANK_MAX)
		return cd_err(err, CD_EINVAL, "micr",
			      _("The bank number on the code line is %zu "
				"digits long, but it can be at most %d digits. "
				"Scan the cheque again."),
			      t.len, CODELINE_BANK_MAX);
	memcpy(pre.bank, t.text, t.len);
	pre.bank[t.len] = '\0';

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (!is_sym(&t, E13B_TRANSIT)) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The closing transit symbol %s after the bank number is "
		      "missing; found %s instead. Scan the cheque again."),
		    sym_utf8[E13B_TRANSIT], found);
	}

	rc = next_token(&lx, &t, err);
	if (rc != CD_OK)
		return rc;
	if (t.kind != TOK_END) {
		describe_tok(&t, found, sizeof found);
		return cd_err(
		    err, CD_EINVAL, "micr",
		    _("The code line goes on after the closing transit symbol "
		      "%s: found %s. Only the pre-printed part is expected "
		      "here (the serial number, then the bank number); scan "
		      "the cheque again, or type the serial number by hand."),
		    sym_utf8[E13B_TRANSIT], found);
	}
	*out = pre;
	return CD_OK;
}

/* True when TEXT holds an E13B symbol or one of MAP's substitutes. */
int codeline_looks_like_micr(const char *text, const struct micr_map *map)
{
	const char *p, *end;

	if (text == NULL)
		return 0;
	end = text + strlen(text);
	for (p = text; p < end; p++) {
		if (is_digit((unsigned char)*p))
			continue;
		if (utf8_symbol(p, end) != E13B_NSYMBOLS ||
		    map_lookup(map, (unsigned char)*p) != E13B_NSYMBOLS)
			return 1;
	}
	return 0;
}

/* Feed the digits of S into remainder R modulo 97, skipping non-digits. */
static unsigned mod97(unsigned r, const char *s)
{
	if (s == NULL)
		return r;
	for (; *s != '\0'; s++)
		if (is_digit((unsigned char)*s))
			r = (r * 10 + (unsigned)(*s - '0')) % 97;
	return r;
}

/* ISO 7064 MOD 97-10 check digits over the code line's fields. */
void codeline_check_code(const char *serial, const char *bank,
			 const char *account, const char *type, int64_t fen,
			 char out[3])
{
	char amount[24];
	unsigned r = 0, check;

	snprintf(amount, sizeof amount, "%012" PRId64, fen);
	r = mod97(r, serial);
	r = mod97(r, bank);
	r = mod97(r, account);
	r = mod97(r, type);
	r = mod97(r, amount);
	check = 98 - r * 100 % 97;
	out[0] = (char)('0' + check / 10);
	out[1] = (char)('0' + check % 10);
	out[2] = '\0';
}

/* True when DIGITS, ending in its check digits, is 1 modulo 97. */
int codeline_check_valid(const char *digits)
{
	const char *p;

	if (digits == NULL || strlen(digits) < 2)
		return 0;
	for (p = digits; *p != '\0'; p++)
		if (!is_digit((unsigned char)*p))
			return 0;
	return mod97(0, digits) == 1;
}

/* Format the supplementary code line in E13B symbols. */
char *codeline_format_supp(const struct codeline_supp *in, char *buf,
			   size_t len)
{
	const char *phone = in->phone ? in->phone : "";
	char dc;

	if (in->dc == 'D' || in->dc == 'd')
		dc = '1';
	else if (in->dc == 'C' || in->dc == 'c')
		dc = '2';
	else
		dc = '?';
	if (len == 0)
		return buf;
	snprintf(buf, len, "%s%s%s %s%c%s%s %s%012" PRId64 "%s%s%s%s",
		 sym_utf8[E13B_ON_US], in->account ? in->account : "",
		 sym_utf8[E13B_ON_US], in->type ? in->type : "", dc,
		 sym_utf8[E13B_DASH], in->check_code ? in->check_code : "",
		 sym_utf8[E13B_AMOUNT], in->fen, sym_utf8[E13B_AMOUNT],
		 *phone ? " " : "", *phone ? sym_utf8[E13B_DASH] : "", phone);
	return buf;
}

/* Check TEXT is all digits with a length from MIN to MAX. */
int codeline_check_digits(const char *text, size_t min, size_t max,
			  const char *field, const char *label,
			  struct cd_error *err)
{
	const char *p;
	unsigned char c;
	size_t n;
	int pos;

	if (text == NULL)
		text = "";
	for (p = text; *p != '\0'; p++) {
		c = (unsigned char)*p;
		if (is_digit(c))
			continue;
		pos = char_pos(text, p);
		if (is_blank(c))
			return cd_err(err, CD_EINVAL, field,
				      /* TRANSLATORS: %s is what is being typed,
				       * e.g. "account number". */
				      _("The %s contains a blank at position "
					"%d. Type the digits without blanks."),
				      label, pos);
		if (c < 0x20 || c >= 0x7F)
			return cd_err(
			    err, CD_EINVAL, field,
			    _("The %s may contain only the digits 0-9, but "
			      "position %d holds some other character "
			      "(full-width digits are not accepted). Type it "
			      "again with the plain digits 0-9."),
			    label, pos);
		return cd_err(
		    err, CD_EINVAL, field,
		    _("The %s may contain only the digits 0-9, but position %d "
		      "holds '%c'. Type it again with the digits 0-9 only."),
		    label, pos, c);
	}
	n = (size_t)(p - text);
	if (n == 0 && min > 0) {
		if (min == max)
			return cd_err(
			    err, CD_EINVAL, field,
			    P_("The %s is empty. Type its %zu digit.",
			       "The %s is empty. Type its %zu digits.", min),
			    label, min);
		return cd_err(err, CD_EINVAL, field,
			      _("The %s is empty. Type it: %zu to %zu digits."),
			      label, min, max);
	}
	if (n >= min && n <= max)
		return CD_OK;
	if (min == max)
		return cd_err(err, CD_EINVAL, field,
			      P_("The %s must be %zu digit; you typed %zu. "
				 "Check it and type it again.",
				 "The %s must be %zu digits; you typed %zu. "
				 "Check it and type it again.",
				 min),
			      label, min, n);
	return cd_err(err, CD_EINVAL, field,
		      _("The %s must be between %zu and %zu digits long; you "
			"typed %zu. Check it and type it again."),
		      label, min, max, n);
}

char *codeline_format_bag(const char *bank, const char *type, char dc,
			  int64_t fen, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	snprintf(buf, len, "%s%s%s %s%c%s %s%012" PRId64 "%s",
		 sym_utf8[E13B_TRANSIT], bank, sym_utf8[E13B_TRANSIT], type,
		 dc == 'C' || dc == 'c' ? '2' : '1', sym_utf8[E13B_DASH],
		 sym_utf8[E13B_AMOUNT], fen, sym_utf8[E13B_AMOUNT]);
	return buf;
}
