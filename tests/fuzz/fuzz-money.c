/* fuzz-money.c - libFuzzer target for typed amounts: parsing, and a parsed
 * amount formatted (plain and grouped) parsing back to the same fen. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* Stop the run: a property the code promises does not hold. */
static void fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz-money: %s (\"%s\")\n", what, text);
	abort();
}

/* FEN formatted by FORMAT must parse back to FEN. */
static void round_trip(int64_t fen, char *(*format)(int64_t, char *, size_t),
		       const char *text)
{
	char buf[MONEY_FIGURES_LEN];
	struct cd_error err;
	int64_t back = -1;

	format(fen, buf, sizeof buf);
	if (money_parse(buf, &back, &err) != CD_OK)
		fail("a formatted amount does not parse", buf);
	if (back != fen)
		fail("a formatted amount parses to another amount", text);
}

/* The Chinese capitals of FEN must fit the documented buffer and end in
 * 整 or 分. */
static void check_capitals(int64_t fen, const char *text)
{
	char buf[MONEY_CAPITALS_LEN];
	size_t n;

	money_format_capitals(fen, buf, sizeof buf);
	n = strlen(buf);
	if (n < 3 ||
	    (strcmp(buf + n - 3, "整") != 0 && strcmp(buf + n - 3, "分") != 0))
		fail("the capitals are cut short", text);
}

/* Any int64 (the first 8 bytes) through every formatter, small buffers
 * included: no overrun, always a C string. */
static void format_any(const uint8_t *data, size_t size)
{
	char small[8], buf[MONEY_CAPITALS_LEN];
	uint64_t u = 0;
	int64_t v;
	size_t i, len;

	if (size < 8)
		return;
	for (i = 0; i < 8; i++)
		u = u << 8 | data[i];
	memcpy(&v, &u, sizeof v);
	len = data[0] % sizeof small;
	money_format(v, small, len);
	money_format_plain(v, small, len);
	money_format_capitals(v, small, len);
	money_format(v, buf, MONEY_FIGURES_LEN);
	money_format_plain(v, buf, MONEY_FIGURES_LEN);
	money_format_capitals(v, buf, sizeof buf);
	if (strlen(buf) >= sizeof buf)
		fail("capitals overran", "");
}

/* Parse one typed amount and check what comes out. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_error err;
	int64_t fen = -1;
	char *text;

	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (money_parse(text, &fen, &err) == CD_OK) {
		if (fen < 1 || fen > MONEY_MAX_FEN)
			fail("a parsed amount is out of range", text);
		round_trip(fen, money_format_plain, text);
		round_trip(fen, money_format, text);
		check_capitals(fen, text);
	} else if (err.status != CD_EINVAL || err.msg[0] == '\0') {
		fail("a refused amount has no message", text);
	}
	format_any(data, size);
	free(text);
	return 0;
}
