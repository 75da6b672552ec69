/* keyfile-lock.c - the key file's lock-out policy: wrong access codes
 * counted and audited, and after too many in a row the key not tried for
 * a while. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "db-audit.h"
#include "db-key.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile-int.h"
#include "keyfile.h"
#include "outfile.h"

/* Parse an ISO 8601 stamp with offset into seconds since the epoch (UTC)
 * and the offset in seconds. */
static int stamp_parse(const char *s, long long *utc, long *off)
{
	int y, mo, d, h, mi, se, oh, om;
	char sign;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d%2d", &y, &mo, &d, &h, &mi,
		   &se, &sign, &oh, &om) != 9 ||
	    (sign != '+' && sign != '-') ||
	    !cd_date_valid((struct cd_date){y, mo, d}))
		return -1;
	*off = (sign == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	*utc = cd_date_to_days((struct cd_date){y, mo, d}) * 86400LL +
	       h * 3600LL + mi * 60LL + se - *off;
	return 0;
}

/* 1 when REC's wrong codes lock the key at NOW; UNTIL gets the end of the
 * lock in the local time of the last wrong code. */
int kf_lock_until(const struct key_rec *rec, const struct cd_now *now,
		  char *until, size_t len)
{
	long long last, t, end;
	long off, off_now;
	time_t local;
	struct tm tm;

	if (rec->wrong_codes < KEYFILE_MAX_WRONG ||
	    stamp_parse(rec->last_wrong_at, &last, &off) != 0 ||
	    stamp_parse(now->stamp, &t, &off_now) != 0)
		return 0;
	end = last + KEYFILE_LOCK_MINUTES * 60;
	if (t >= end)
		return 0;
	local = (time_t)(end + off);
	gmtime_r(&local, &tm);
	if (tm.tm_year + 1900 == now->date.year &&
	    tm.tm_mon + 1 == now->date.month && tm.tm_mday == now->date.day)
		strftime(until, len, "%H:%M", &tm);
	else
		strftime(until, len, "%Y-%m-%d %H:%M", &tm);
	return 1;
}

/* Whether wrong access codes lock the key now. */
int keyfile_locked(struct desk *d, char *until, size_t len)
{
	struct cd_error e;
	struct key_rec rec;
	struct cd_now now;

	until[0] = '\0';
	if (d->st == NULL || keyrec_get(d->st, &rec, &e) != CD_OK ||
	    clock_now(&now, &e) != CD_OK)
		return 0;
	return kf_lock_until(&rec, &now, until, len);
}

/* Count a wrong access code for PURPOSE in one transaction with its audit
 * row, and say so plainly. */
int kf_wrong_code(struct desk *d, const char *path, const char *purpose,
		  struct cd_error *err)
{
	struct key_rec rec;
	struct cd_error e;
	struct cd_now now;
	char until[32] = "", *after, by[USER_ID_MAX + 32];
	cJSON *o;
	int n;

	cd_err_clear(&e);
	if (kf_get_rec(d, &rec, &e) != CD_OK)
		memset(&rec, 0, sizeof rec);
	n = rec.wrong_codes + 1;
	if (d->st != NULL && clock_now(&now, &e) == CD_OK &&
	    store_begin(d->st, &e) == CD_OK) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "wrong_codes", n);
		cJSON_AddStringToObject(o, "file", path);
		after = json_take_string(o);
		if (keyrec_wrong(d->st, now.stamp, &e) != CD_OK ||
		    audit_add(
			d->st, now.stamp, d->user.id[0] ? d->user.id : NULL,
			"key.wrong-code", purpose, NULL, after, &e) != CD_OK ||
		    store_commit(d->st, &e) != CD_OK)
			store_rollback(d->st);
		free(after);
		rec.wrong_codes = n;
		snprintf(rec.last_wrong_at, sizeof rec.last_wrong_at, "%s",
			 now.stamp);
		kf_lock_until(&rec, &now, until, sizeof until);
	}
	if (rec.created_by[0])
		snprintf(by, sizeof by, "%s", rec.created_by);
	else
		/* TRANSLATORS: who chose the access code when unknown. */
		snprintf(by, sizeof by, "%s", _("whoever made the key"));
	if (until[0])
		/* TRANSLATORS: %1$s the file, %2$d the count (5 or more),
		 * %3$s the time the lock ends, %4$s who set the code. */
		return cd_err(
		    err, CD_EPERM, "access_code",
		    _("The access code for the branch key file %1$s is wrong "
		      "(%2$d wrong codes in a row). Nothing was done, and the "
		      "key cannot be tried again until %3$s. The code was set "
		      "by %4$s; if nobody knows it any more, restore a backup "
		      "copy whose code is known (chequedesk key import "
		      "BACKUP)."),
		    path, n, until, by);
	return cd_err(err, CD_EPERM, "access_code",
		      P_("The access code for the branch key file %1$s is "
			 "wrong (%2$d wrong code in a row; after %3$d the key "
			 "is locked for %4$d minutes). Nothing was done. The "
			 "code was set by %5$s; if it must change, use "
			 "'chequedesk key passwd'. A backup copy opens with "
			 "the code it had when it was made.",
			 "The access code for the branch key file %1$s is "
			 "wrong (%2$d wrong codes in a row; after %3$d the key "
			 "is locked for %4$d minutes). Nothing was done. The "
			 "code was set by %5$s; if it must change, use "
			 "'chequedesk key passwd'. A backup copy opens with "
			 "the code it had when it was made.",
			 n),
		      path, n, KEYFILE_MAX_WRONG, KEYFILE_LOCK_MINUTES, by);
}

/* A right access code after wrong ones: start counting again, audited. */
void kf_right_code(struct desk *d, int had, const char *purpose)
{
	struct cd_error e;
	struct cd_now now;
	char after[48];

	if (had == 0 || d->st == NULL)
		return;
	snprintf(after, sizeof after, "{\"wrong_codes_before\":%d}", had);
	if (clock_now(&now, &e) != CD_OK || store_begin(d->st, &e) != CD_OK)
		return;
	if (keyrec_right(d->st, &e) != CD_OK ||
	    audit_add(d->st, now.stamp, d->user.id[0] ? d->user.id : NULL,
		      "key.right-code", purpose, NULL, after, &e) != CD_OK ||
	    store_commit(d->st, &e) != CD_OK)
		store_rollback(d->st);
}
