/* fuzz-codeline.c - libFuzzer target for the MICR code line reader, the
 * reader's symbol map, the check code and the digit-string check. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeline.h"
#include "money.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what, const char *line)
{
	fprintf(stderr, "fuzz-codeline: %s (line \"%s\")\n", what, line);
	abort();
}

/* True when S is N..M ASCII digits. */
static int all_digits(const char *s, size_t n, size_t m)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i >= n && i <= m;
}

/* Set MAP's symbols from SPEC, "TRANSIT|AMOUNT|ON_US|DASH" (any part may
 * be missing or refused; refused parts keep the default). */
static void map_from_spec(struct micr_map *map, char *spec)
{
	struct cd_error err;
	char *part = spec, *bar;
	int sym;

	micr_map_default(map);
	for (sym = 0; sym < E13B_NSYMBOLS && part != NULL; sym++) {
		bar = strchr(part, '|');
		if (bar != NULL)
			*bar = '\0';
		micr_map_set(map, (enum e13b_symbol)sym, part, &err);
		part = bar ? bar + 1 : NULL;
	}
}

/* Check what a successful parse gave: digit fields, the same result from
 * the line rebuilt in Unicode symbols, and a check code that verifies. */
static void check_parsed(const char *line, const struct micr_map *map,
			 const struct codeline_pre *pre, int64_t fen)
{
	struct codeline_pre again;
	struct cd_error err;
	char rebuilt[CODELINE_LINE_MAX], digits[CODELINE_LINE_MAX], cc[3];

	if (!all_digits(pre->serial, CODELINE_SERIAL_LEN, CODELINE_SERIAL_LEN))
		fail("serial is not 8 digits", line);
	if (!all_digits(pre->bank, 1, CODELINE_BANK_MAX))
		fail("bank is not 1 to 12 digits", line);
	if (!codeline_looks_like_micr(line, map))
		fail("a parsed line does not look like a reader line", line);
	snprintf(rebuilt, sizeof rebuilt, "\u2448%s\u2448 \u2446%s\u2446\r\n",
		 pre->serial, pre->bank);
	if (codeline_parse_micr(rebuilt, NULL, &again, &err) != CD_OK ||
	    strcmp(again.serial, pre->serial) != 0 ||
	    strcmp(again.bank, pre->bank) != 0)
		fail("the rebuilt line does not parse the same", line);
	codeline_check_code(pre->serial, pre->bank, "6222020012345678", "01",
			    fen, cc);
	snprintf(digits, sizeof digits, "%s%s%s%s%012lld%s", pre->serial,
		 pre->bank, "6222020012345678", "01", (long long)fen, cc);
	if (!codeline_check_valid(digits))
		fail("the check code does not verify", digits);
}

/* The printed lines from TEXT's pieces into a buffer of LEN bytes (small
 * ones included): never past LEN, always a C string. */
static void format_lines(const char *text, size_t len, int64_t fen)
{
	struct codeline_supp in = {text, "01", 'D', "49", 0, text};
	char *buf = malloc(len ? len : 1);

	if (buf == NULL)
		return;
	in.fen = fen;
	codeline_format_supp(&in, buf, len);
	if (len > 0 && strlen(buf) >= len)
		fail("the supplementary line overran its buffer", text);
	codeline_format_bag(text, "21", 'C', fen, buf, len);
	if (len > 0 && strlen(buf) >= len)
		fail("the bag line overran its buffer", text);
	free(buf);
}

/* Run every entry point on one input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct micr_map dflt, map;
	struct codeline_pre pre;
	struct cd_error err;
	char *text, *nl;
	int64_t fen = 0;
	size_t i;

	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < size && i < 5; i++)
		fen = fen * 256 + data[i];
	fen %= MONEY_MAX_FEN + 1;

	micr_map_default(&dflt);
	if (codeline_parse_micr(text, &dflt, &pre, &err) == CD_OK)
		check_parsed(text, &dflt, &pre, fen);
	else if (err.status != CD_EINVAL || err.msg[0] == '\0')
		fail("a refused line has no message", text);
	codeline_looks_like_micr(text, &dflt);
	codeline_looks_like_micr(text, NULL);
	codeline_check_valid(text);
	codeline_check_digits(text, 1, 32, "account", "account number", &err);
	codeline_check_digits(text, 8, 8, "serial", "serial number", &err);
	format_lines(text, size > 0 ? data[size - 1] % 96 : 0, fen);

	/* "MAP-SPEC\nLINE": the same with a reader's own symbol map. */
	nl = strchr(text, '\n');
	if (nl != NULL && nl[1] != '\0') {
		*nl = '\0';
		map_from_spec(&map, text);
		if (codeline_parse_micr(nl + 1, &map, &pre, &err) == CD_OK)
			check_parsed(nl + 1, &map, &pre, fen);
		codeline_looks_like_micr(nl + 1, &map);
	}
	free(text);
	return 0;
}
