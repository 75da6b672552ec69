/* out.c - aligned, bilingual terminal output. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "out.h"

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

/* Display width of S. */
int out_width(const char *s)
{
	size_t len;
	int w = 0;

	while (*s) {
		w += char_width(s, &len);
		s += len;
	}
	return w;
}

/* Print S in exactly WIDTH columns. */
void out_cell(FILE *fp, const char *s, int width, int right)
{
	const char *p = s;
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
	fwrite(s, 1, (size_t)(p - s), fp);
	if (!right)
		fprintf(fp, "%*s", pad, "");
}

/* Print an error for the user. */
void out_error(const struct cd_error *err)
{
	fflush(stdout);
	fprintf(stderr, "chequedesk: %s\n",
		err->msg[0] ? err->msg
			    : _("The command failed for an unknown reason. "
				"Report this to branch IT."));
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
	char *s = cJSON_Print(v);

	if (s != NULL)
		printf("%s\n", s);
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
