/* pr2-parse.c - test tool: read an Olivetti PR2 command stream as the
 * printer would, list the commands one per line, and stack the bit images
 * into a PBM. Anything it does not know is an error with its offset.
 *   pr2-parse JOB [IMAGE.pbm] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *buf;
static size_t len, pos;
static unsigned char *img; /* rows of 24, 3 bytes per column */
static int img_w, img_h;

/* Stop with a message about the byte at POS. */
static void die(const char *what)
{
	fprintf(stderr, "pr2-parse: offset %zu: %s\n", pos, what);
	exit(1);
}

/* The next byte. */
static int next(void)
{
	if (pos >= len)
		die("the stream ends inside a command");
	return buf[pos++];
}

/* N ASCII digits as a number. */
static int number(int n)
{
	int v = 0;

	while (n-- > 0) {
		int c = next();

		if (c < '0' || c > '9')
			die("expected a decimal digit");
		v = v * 10 + (c - '0');
	}
	return v;
}

/* ESC 1 B mmmm data ESC 2: one 24-row bit image. */
static void bit_image(void)
{
	int w = number(4), c, b, k;

	printf("image %d\n", w);
	if (img_w == 0)
		img_w = w;
	else if (w != img_w)
		die("bit images of different widths");
	img = realloc(img, (size_t)(img_h + 24) * ((img_w + 7) / 8));
	memset(img + (size_t)img_h * ((img_w + 7) / 8), 0,
	       (size_t)24 * ((img_w + 7) / 8));
	for (c = 0; c < w; c++)
		for (b = 0; b < 3; b++) {
			int v = next();

			for (k = 0; k < 8; k++)
				if (v & (0x80 >> k))
					img[(size_t)(img_h + b * 8 + k) *
						((img_w + 7) / 8) +
					    c / 8] |= 0x80 >> (c % 8);
		}
	img_h += 24;
	if (next() != 0x1b || next() != '2')
		die("a bit image must end with ESC 2");
	printf("image-end\n");
}

/* One escape sequence after ESC. */
static void escape(void)
{
	int c = next(), m;

	switch (c) {
	case '0':
		printf("reset\n");
		break;
	case '!':
		if (next() != 'G')
			die("unknown ESC ! command");
		printf("graphics %s\n", next() == '1' ? "24" : "9");
		break;
	case 'S':
		printf("insert %c\n", next());
		break;
	case 'O':
		printf("eject\n");
		break;
	case '/':
		m = next();
		if (m != '0' && m != '1')
			die("ESC / takes margin 0 or 1");
		printf("vpos %c %d\n", m, number(3));
		break;
	case '|':
		if (next() != 'A')
			die("unknown ESC | command");
		printf("hpos %d\n", number(3));
		break;
	case '1':
		if (next() != 'B')
			die("unsupported bit image mode");
		bit_image();
		break;
	default:
		die("unknown escape sequence");
	}
}

int main(int argc, char **argv)
{
	FILE *f;
	size_t cap = 0, n;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: pr2-parse JOB [IMAGE.pbm]\n");
		return 2;
	}
	do {
		if (len == cap)
			buf = realloc(buf, cap = cap ? cap * 2 : 4096);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	while (pos < len) {
		int c = next();

		if (c == 0x1b) {
			escape();
		} else if (c == '\r') {
			printf("cr\n");
		} else if (c < 0x20) {
			die("unexpected control character");
		} else {
			size_t start = pos - 1;

			while (pos < len && buf[pos] >= 0x20)
				pos++;
			printf("text %zu\n", pos - start);
		}
	}
	if (argc > 2 && img_h > 0) {
		f = fopen(argv[2], "wb");
		if (f == NULL)
			return 1;
		fprintf(f, "P4\n%d %d\n", img_w, img_h);
		fwrite(img, 1, (size_t)img_h * ((img_w + 7) / 8), f);
		fclose(f);
	}
	return 0;
}
