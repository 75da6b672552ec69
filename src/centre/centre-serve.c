/* centre-serve.c - the serve command's run: certificate, key, rules and
 * banks loaded, HTTPS started, a one-second timer, a clean stop on
 * SIGTERM or SIGINT; and the file helpers the commands share. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "centre-http.h"
#include "i18n.h"
#include "outfile.h"
#include "sign.h"

/* The whole file PATH in a new NUL-terminated string; WHAT names it. */
char *centre_read_file(const char *path, const char *what, size_t *len,
		       struct cd_error *err)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t n = 0, cap = 0, got;

	if (fp == NULL) {
		cd_err(err, CD_ECONFIG, NULL,
		       _("%s %s cannot be opened (%s). Check the path."), what,
		       path, strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			p = realloc(buf, cap);
			if (p == NULL) {
				free(buf);
				fclose(fp);
				cd_err(err, CD_EFAIL, NULL,
				       _("Out of memory. Close other programs "
					 "or restart chequedesk-centre, then "
					 "try again."));
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, 4096, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Write TEXT to PATH whole or not at all (outfile.c: a temporary file,
 * synced, renamed, the folder synced), replacing what was there. */
int centre_write_file(const char *path, const char *text, struct cd_error *err)
{
	int e = outfile_write(path, text, strlen(text), 0644, 1);

	if (e == 0 || outfile_refused(path, e, NULL, err) != CD_OK)
		return e == 0 ? CD_OK : err->status;
	return cd_err(err, CD_ECONFIG, NULL,
		      _("Cannot write %s (%s). Check the disk and the "
			"directory's permissions."),
		      path, strerror(e));
}

/* Load the key, rules and banks into C. */
static int serve_setup(struct centre *c, const struct serve_options *o,
		       struct cd_error *err)
{
	char *priv = NULL, *pub = NULL;

	rules_init(&c->rules);
	if ((o->rules && rules_load(&c->rules, o->rules, err) != CD_OK) ||
	    (o->banks && rules_load_banks(&c->rules, o->banks, err) != CD_OK) ||
	    rules_check(&c->rules, o->rules, err) != CD_OK)
		return err->status;
	if (cdb_open(&c->db, o->db, 0, err) != CD_OK)
		return err->status;
	if (cdb_key_get(&c->db, &priv, &pub, err) != CD_OK)
		return err->status;
	c->key = sign_private_from_pem(priv, strlen(priv), err);
	free(priv);
	free(pub);
	if (c->key == NULL)
		return err->status;
	c->rules.key = c->key;
	c->wrong_key = sign_generate(err);
	return c->wrong_key ? CD_OK : err->status;
}

/* Serve until SIGTERM or SIGINT, deciding due items every second. */
static int serve_loop(struct centre *c, const struct serve_options *o,
		      const sigset_t *set, struct cd_error *err)
{
	struct timespec tick = {1, 0};
	int v6 = strchr(o->listen, ':') != NULL, sig;
	char num[32];

	printf("chequedesk-centre: listening on https://%s%s%s:%d\n",
	       v6 ? "[" : "", o->listen, v6 ? "]" : "", c->port);
	fflush(stdout);
	snprintf(num, sizeof num, "%d\n", c->port);
	if (o->port_file && centre_write_file(o->port_file, num, err) != CD_OK)
		return err->status;
	for (;;) {
		sig = sigtimedwait(set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		centre_tick(c);
	}
	fprintf(stderr, "chequedesk-centre: %s\n", _("stopping"));
	return CD_OK;
}

/* Free what serve_setup and the start made. */
static void serve_cleanup(struct centre *c)
{
	EVP_PKEY_free(c->key);
	EVP_PKEY_free(c->wrong_key);
	rules_free(&c->rules);
	if (c->db.db)
		cdb_close(&c->db);
	pthread_cond_destroy(&c->stop_cond);
	pthread_mutex_destroy(&c->stop_lock);
	pthread_mutex_destroy(&c->lock);
}

/* Run the centre. */
int centre_serve(const struct serve_options *o, struct cd_error *err)
{
	struct centre c;
	char *cert, *ckey = NULL;
	sigset_t set;
	int rc;

	memset(&c, 0, sizeof c);
	pthread_mutex_init(&c.lock, NULL);
	pthread_mutex_init(&c.stop_lock, NULL);
	pthread_cond_init(&c.stop_cond, NULL);
	cert = centre_read_file(o->cert, _("The certificate file"), NULL, err);
	if (cert)
		ckey = centre_read_file(
		    o->cert_key, _("The certificate key file"), NULL, err);
	rc = ckey ? serve_setup(&c, o, err) : (int)err->status;
	/* Signals go to the loop only: every thread started later inherits
	 * this mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (rc == CD_OK)
		rc = centre_http_start(&c, o->listen, o->port, cert, ckey, err);
	if (rc == CD_OK) {
		rc = serve_loop(&c, o, &set, err);
		centre_http_stop(&c);
	}
	if (ckey)
		memset(ckey, 0, strlen(ckey));
	free(cert);
	free(ckey);
	serve_cleanup(&c);
	return rc;
}
