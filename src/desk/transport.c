/* transport.c - the transport key and certificate: made with tlscert.c
 * beside the configuration, described, and exported for the centre. The
 * key is not encrypted: 'poll' must use it unattended, run by a teller who
 * does not know the branch key's access code; it is 0600 (see
 * docs/centre-protocol.md, "Transport"). */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "clock.h"
#include "db-audit.h"
#include "i18n.h"
#include "json-out.h"
#include "outfile.h"
#include "transport.h"

/* The two paths; see transport.h. */
void transport_paths(const struct conf *c, char *cert, size_t certlen,
		     char *key, size_t keylen)
{
	const char *slash =
	    c->config_path ? strrchr(c->config_path, '/') : NULL;
	int dir = slash ? (int)(slash - c->config_path) : 0;

	if (c->transport_cert[0] != '\0')
		snprintf(cert, certlen, "%s", c->transport_cert);
	else if (slash != NULL)
		snprintf(cert, certlen, "%.*s/transport.pem", dir,
			 c->config_path);
	else
		snprintf(cert, certlen, "transport.pem");
	if (c->transport_key[0] != '\0')
		snprintf(key, keylen, "%s", c->transport_key);
	else if (slash != NULL)
		snprintf(key, keylen, "%.*s/transport.key", dir,
			 c->config_path);
	else
		snprintf(key, keylen, "transport.key");
}

/* Describe the files; see transport.h. */
void transport_inspect(const struct conf *c, struct transport_info *out)
{
	struct cd_error e;
	struct stat st;
	char *pem = NULL;

	memset(out, 0, sizeof *out);
	transport_paths(c, out->cert_path, sizeof out->cert_path, out->key_path,
			sizeof out->key_path);
	out->configured =
	    c->transport_cert[0] != '\0' && c->transport_key[0] != '\0';
	out->key_matches = -1;
	if (stat(out->key_path, &st) == 0) {
		out->key_exists = 1;
		out->key_mode = st.st_mode & 07777;
	}
	cd_err_clear(&e);
	if (tlscert_load(out->cert_path, &out->cert, &pem, &e) != CD_OK) {
		snprintf(out->problem, sizeof out->problem, "%s", e.msg);
		return;
	}
	out->cert_ok = 1;
	out->key_matches = tlscert_key_matches(out->key_path, pem, &e);
	if (out->key_matches < 0)
		snprintf(out->problem, sizeof out->problem, "%s", e.msg);
	else if (out->key_matches == 0)
		snprintf(out->problem, sizeof out->problem,
			 _("The transport key %s is not the key of the "
			   "certificate %s. Make both again with 'chequedesk "
			   "key transport new --replace' and register the new "
			   "certificate with the centre."),
			 out->key_path, out->cert_path);
	free(pem);
}

/* The message for a file that could not be written. */
static int write_problem(const char *path, int e, struct cd_error *err)
{
	if (outfile_refused(path, e, NULL, err) != CD_OK)
		return err->status;
	return cd_err(err, CD_ECONFIG, NULL,
		      _("Cannot write %s (%s). Nothing was changed; check that "
			"the folder exists, may be written and has room."),
		      path, strerror(e));
}

/* Refuse to replace transport files without --replace. */
static int files_there(const char *cert, const char *key, struct cd_error *err)
{
	struct cd_error e;
	struct tlscert_info ci;

	if (tlscert_load(cert, &ci, NULL, &e) == CD_OK)
		return cd_err(
		    err, CD_ECONFLICT, NULL,
		    _("There is already a transport certificate at %s "
		      "(SHA-256 %s); it was not touched. 'chequedesk key "
		      "transport show' describes it. A new one must be "
		      "registered with the centre before the branch can "
		      "connect again; if that is wanted, add --replace."),
		    cert, ci.fp_text);
	return cd_err(err, CD_ECONFLICT, NULL,
		      _("There is already a file at %s or %s; it was not "
			"touched. Add --replace to make a new transport key "
			"and certificate in their place."),
		      cert, key);
}

/* Set transport_cert and transport_key when not set as PATHS already. */
static int configure(struct desk *d, const char *cert, const char *key,
		     struct cd_error *err)
{
	if (d->conf.transport_cert[0] == '\0') {
		if (conf_write_setting(&d->conf, "transport_cert",
				       "transport.pem", err) != CD_OK)
			return err->status;
		snprintf(d->conf.transport_cert, sizeof d->conf.transport_cert,
			 "%s", cert);
	}
	if (d->conf.transport_key[0] == '\0') {
		if (conf_write_setting(&d->conf, "transport_key",
				       "transport.key", err) != CD_OK)
			return err->status;
		snprintf(d->conf.transport_key, sizeof d->conf.transport_key,
			 "%s", key);
	}
	return CD_OK;
}

/* The audit row of ACTION on the certificate CI. */
static int audit(struct desk *d, const char *action,
		 const struct transport_info *ti, const char *file,
		 struct cd_error *err)
{
	struct cd_now now;
	char object[96], *after;
	cJSON *o;
	int rc;

	if (clock_now(&now, err) != CD_OK)
		return err->status;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "sha256", ti->cert.fp_hex);
	cJSON_AddStringToObject(o, "subject", ti->cert.subject);
	cJSON_AddStringToObject(o, "not_after", ti->cert.not_after_text);
	cJSON_AddStringToObject(o, file ? "file" : "path",
				file ? file : ti->cert_path);
	after = json_take_string(o);
	snprintf(object, sizeof object, "transport:%.70s", ti->cert.fp_hex);
	rc = store_begin(d->st, err);
	if (rc == CD_OK)
		rc = audit_add(d->st, now.stamp, d->user.id, action, object,
			       NULL, after, err);
	if (rc == CD_OK)
		rc = store_commit(d->st, err);
	else
		store_rollback(d->st);
	free(after);
	return rc;
}

/* Make the key and certificate; see transport.h. */
int transport_new(struct desk *d, int replace, struct transport_info *out,
		  struct cd_error *err)
{
	char cert[512], key[512], *key_pem = NULL, *cert_pem = NULL;
	struct stat st;
	int e, rc;

	memset(out, 0, sizeof *out);
	if (desk_require(d, PERM_SETUP, "key.transport.new", err) != CD_OK)
		return err->status;
	transport_paths(&d->conf, cert, sizeof cert, key, sizeof key);
	if (!replace && (lstat(cert, &st) == 0 || lstat(key, &st) == 0))
		return files_there(cert, key, err);
	if ((d->conf.transport_cert[0] == '\0' ||
	     d->conf.transport_key[0] == '\0') &&
	    conf_make_dir(&d->conf, err) != CD_OK)
		return err->status;
	if (tlscert_make(d->branch.exchange_no, TLSCERT_DAYS, &key_pem,
			 &cert_pem, err) != CD_OK)
		return err->status;
	/* the key first: a certificate without its key is no use */
	e = outfile_write(key, key_pem, strlen(key_pem), 0600, replace);
	if (e == 0) {
		e = outfile_write(cert, cert_pem, strlen(cert_pem), 0644,
				  replace);
		if (e != 0)
			rc = write_problem(cert, e, err);
		else
			rc = CD_OK;
	} else {
		rc = write_problem(key, e, err);
	}
	OPENSSL_cleanse(key_pem, strlen(key_pem));
	free(key_pem);
	free(cert_pem);
	if (rc == CD_OK)
		rc = configure(d, cert, key, err);
	if (rc != CD_OK)
		return rc;
	transport_inspect(&d->conf, out);
	if (!out->cert_ok || out->key_matches != 1)
		return cd_err(err, CD_EFAIL, NULL, "%s", out->problem);
	return audit(d, "key.transport.new", out, NULL, err);
}

/* Export the certificate; see transport.h. */
int transport_export(struct desk *d, const char *file, int force,
		     struct transport_info *out, struct cd_error *err)
{
	char *pem = NULL;
	int e, rc;

	if (desk_require(d, PERM_SETUP, "key.transport.export", err) != CD_OK)
		return err->status;
	transport_inspect(&d->conf, out);
	if (!out->cert_ok)
		return cd_err(err, CD_ECONFIG, NULL, "%s", out->problem);
	if (tlscert_load(out->cert_path, &out->cert, &pem, err) != CD_OK)
		return err->status;
	e = outfile_write(file, pem, strlen(pem), 0644, force);
	free(pem);
	if (e != 0)
		return write_problem(file, e, err);
	rc = audit(d, "key.transport.export", out, file, err);
	return rc;
}
