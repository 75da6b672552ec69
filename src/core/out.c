/* out.c - aligned, bilingual terminal output. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "out.h"
#include "text.h"

/* Columns taken by the next character at S; sets *LEN to its bytes. */
static int char_width(const char *s, size_t *len)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;
	int w;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return 1;
	}
	*len = n;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* S escaped for display (text_escape) in BUF, or in a new string in *HEAP
 * (free it) when BUF is too small; S itself if memory runs out. */
static const char *escaped(const char *s, int flags, char *buf, size_t len,
			   char **heap)
{
	*heap = NULL;
	if (text_escape(s, flags, buf, len) < len)
		return buf;
	*heap = text_escape_dup(s, flags);
	return *heap ? *heap : s;
}

/* Display width of S as out_cell shows it (escaped). */
int out_width(const char *s)
{
	char buf[1024], *heap;
	const char *e = escaped(s, 0, buf, sizeof buf, &heap);
	size_t len;
	int w = 0;

	for (s = e; *s; s += len)
		w += char_width(s, &len);
	free(heap);
	return w;
}

/* Print S, escaped, in exactly WIDTH columns. */
void out_cell(FILE *fp, const char *s, int width, int right)
{
	char buf[1024], *heap;
	const char *e = escaped(s, 0, buf, sizeof buf, &heap), *p = e;
	size_t len;
	int w = 0, cw, pad;

	while (*p) {
		cw = char_width(p, &len);
		if (w + cw > width)
			break;
		w += cw;
		p += len;
	}
	pad = width - w;
	if (right)
		fprintf(fp, "%*s", pad, "");
	fwrite(e, 1, (size_t)(p - e), fp);
	if (!right)
		fprintf(fp, "%*s", pad, "");
	free(heap);
}

/* Print S with control characters and bidi controls escaped; newlines and
 * tabs are kept as the layout's own. */
void out_text(FILE *fp, const char *s)
{
	char buf[1024], *heap;

	fputs(escaped(s, TEXT_ESC_KEEP_NL | TEXT_ESC_KEEP_TAB, buf, sizeof buf,
		      &heap),
	      fp);
	free(heap);
}

/* printf, then out_text. */
void out_printf(FILE *fp, const char *fmt, ...)
{
	char buf[1024], *s = buf;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf) {
		s = malloc((size_t)n + 1);
		if (s == NULL)
			return;
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	out_text(fp, s);
	if (s != buf)
		free(s);
}

/* Print an error for the user, escaped: messages echo what was typed. */
void out_error(const struct cd_error *err)
{
	fflush(stdout);
	fputs("chequedesk: ", stderr);
	out_text(stderr, err->msg[0]
			     ? err->msg
			     : _("The command failed for an unknown reason. "
				 "Report this to branch IT."));
	fputc('\n', stderr);
}

/* Print a gathered JSON listing if all went well; free it anyway. */
int out_json_end(cJSON *v, int rc)
{
	if (v != NULL && rc == CD_OK)
		out_json(v);
	else
		cJSON_Delete(v);
	return rc;
}

/* Pretty-print a JSON value and free it. */
void out_json(cJSON *v)
{
	char *s = cJSON_Print(v), *e;

	/* cJSON escapes C0 controls; DEL, C1 and bidi controls and bytes that
	 * are not UTF-8 (only ever inside strings) become \u escapes. */
	e = s ? text_escape_dup(s, TEXT_ESC_JSON | TEXT_ESC_KEEP_NL |
				       TEXT_ESC_KEEP_TAB)
	      : NULL;
	if (e != NULL || s != NULL)
		printf("%s\n", e ? e : s);
	free(e);
	free(s);
	cJSON_Delete(v);
}

/* Check that everything printed reached stdout, as GNU's close_stdout. */
int out_close_stdout(int rc)
{
	int pending = __fpending(stdout) != 0, e = 0;

	errno = 0;
	if (fflush(stdout) != 0)
		e = errno ? errno : EIO;
	else if (ferror(stdout))
		e = EIO;
	/* a closed stdout that nothing was written to is fine */
	if (fclose(stdout) != 0 && e == 0 && (pending || errno != EBADF))
		e = errno ? errno : EIO;
	if (e == 0 || rc != CD_OK)
		return rc;
	fprintf(stderr, "chequedesk: ");
	/* TRANSLATORS: %s is the system's reason, e.g. "No space left on
	 * device" when stdout is a full disk. */
	fprintf(stderr, _("could not write the output: %s"), strerror(e));
	fputc('\n', stderr);
	return CD_EFAIL;
}
