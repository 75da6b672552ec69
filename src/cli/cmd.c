/* cmd.c - helpers shared by the cmd-*.c commands. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cmd.h"
#include "i18n.h"
#include "passwd.h"
#include "prompt.h"

/* Parse a positive record number given on the command line. */
int cmd_parse_id(const char *text, const char *what, long long *id,
		 struct cd_error *err)
{
	char *end;

	if (text == NULL)
		return cd_err(err, CD_EUSAGE, "id",
			      _("Give the %s number, e.g. 12."), what);
	errno = 0;
	*id = strtoll(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || *id <= 0)
		return cd_err(err, CD_EINVAL, "id",
			      _("\"%s\" is not a %s number; give the number "
				"shown in the list, e.g. 12."),
			      text, what);
	return CD_OK;
}

/* Parse --session: a number from 1 on (the range is checked later). */
int cmd_parse_session(const char *text, int whole_day, int *session,
		      struct cd_error *err)
{
	char *end;
	long n;

	*session = 0;
	if (text == NULL)
		return CD_OK;
	n = strtol(text, &end, 10);
	if (*text != '\0' && *end == '\0' && n >= 1 && n <= 99) {
		*session = (int)n;
		return CD_OK;
	}
	if (whole_day)
		return cd_err(err, CD_EINVAL, "session",
			      _("\"%s\" is not a session number; give 1, 2, "
				"... or leave --session out for the whole "
				"day."),
			      text);
	return cd_err(err, CD_EINVAL, "session",
		      _("\"%s\" is not a session number; give 1, 2, ..."),
		      text);
}

/* Read and confirm a new password. */
int cmd_new_password(const char *user_id, char *buf, size_t len,
		     struct cd_error *err)
{
	char again[PASSWD_MAX], prompt[128];
	int same;

	if (getenv("CHEQUEDESK_NEW_PASSWORD") != NULL) {
		return passwd_read("CHEQUEDESK_NEW_PASSWORD", "", buf, len,
				   err);
	}
	snprintf(prompt, sizeof prompt, _("New password for %s: "), user_id);
	if (passwd_read(NULL, prompt, buf, len, err) != CD_OK)
		return err->status;
	snprintf(prompt, sizeof prompt, _("Type it again: "));
	if (passwd_read(NULL, prompt, again, sizeof again, err) != CD_OK)
		return err->status;
	same = strcmp(buf, again) == 0;
	memset(again, 0, sizeof again);
	if (!same)
		return cd_err(err, CD_EINVAL, "password",
			      _("The two passwords differ. Nothing was saved; "
				"run the command again."));
	return CD_OK;
}
