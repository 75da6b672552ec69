/* screen-wizard-centre.c - set-up step 5: the clearing centre's address,
 * CA certificate and public key, tested live (GET /v1/health over
 * verified TLS with its signature checked, then whether it knows this
 * branch) before they are written to the configuration. */
#include "config.h"

#include <cjson/cJSON.h>
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "json-out.h"
#include "keyfile.h"
#include "remote.h"
#include "screen-wizard.h"
#include "transport.h"

#define TEST_TIMEOUT 20 /* longest wait for one answer, seconds */
#define NLINES 3	/* lines of test results */

/* The settings as typed, checked and made absolute. */
struct centre_input {
	char url[256];
	char ca[512];
	char key[512];
};

static struct tui_form form;
static char lines[NLINES][1200];
static enum tui_paint roles[NLINES];
static int nlines;

/* Add a line of test results. */
static void add_line(enum tui_paint role, const char *text)
{
	if (nlines == NLINES)
		return;
	snprintf(lines[nlines], sizeof lines[nlines], "%s", text);
	roles[nlines++] = role;
}

/* Put SETTING (when set) into field NAME. */
static void prefill(const char *name, const char *setting)
{
	if (setting[0])
		tui_form_set(&form, formdef_find(&form.def, name), setting);
}

/* Load the form with the settings there are. */
static void centre_enter(struct tui *t)
{
	const struct conf *c = &t->desk->conf;

	wizard_form_open(t, &form, "wizard-centre");
	prefill("url", c->centre_url);
	prefill("ca", c->centre_ca);
	prefill("key", c->centre_key);
	tui_form_clear_notes(&form);
	wizard_clear_problem();
	nlines = 0;
}

/* The form and the last test's results. */
static void centre_draw(struct tui *t, int full)
{
	int i, row;

	tui_form_draw(&form, full);
	for (row = 12; row < LINES - 3; row++) {
		move(row, 0);
		clrtoeol();
	}
	if (nlines == 0)
		tui_print_wrapped(12, 2, COLS - 4, 3,
				  _("The centre gives the branch its address, "
				    "the CA certificate of its TLS certificate "
				    "and its public key. F7 tests them; F2 "
				    "tests and saves them."));
	for (i = 0, row = 12; i < nlines && row < LINES - 4; i++) {
		attrset(tui_attr(roles[i]));
		row += tui_print_wrapped(row, 2, COLS - 4, 3, lines[i]);
		attrset(tui_attr(PAINT_NORMAL));
	}
	wizard_indicator(t, WIZ_CENTRE); /* last: it shows errors whole */
}

/* A file setting typed into field NAME: readable, made absolute into
 * OUT. */
static int file_field(const char *name, const char *typed, char *out,
		      size_t len, struct cd_error *err)
{
	char abs[PATH_MAX];

	if (realpath(typed, abs) == NULL || access(abs, R_OK) != 0)
		return cd_err(
		    err, CD_EINVAL, name,
		    strcmp(name, "ca") == 0
			? _("Cannot read the CA file %s (%s). Give "
			    "the CA certificate (PEM) the centre gave "
			    "the branch, or leave it empty for the "
			    "system's CAs.")
			: _("Cannot read the key file %s (%s). Give "
			    "the centre's public key file (PEM) the "
			    "centre gave the branch."),
		    typed, strerror(errno));
	if (strlen(abs) >= len)
		return cd_err(err, CD_EINVAL, name,
			      _("The path %s is too long; move the file "
				"somewhere shorter."),
			      abs);
	snprintf(out, len, "%s", abs);
	return CD_OK;
}

/* The fields, checked, into IN. */
static int read_fields(struct tui *t, struct centre_input *in,
		       struct cd_error *err)
{
	char url[512], ca[512], key[512];
	size_t n;

	tui_form_value(&form, formdef_find(&form.def, "url"), url, sizeof url);
	tui_form_value(&form, formdef_find(&form.def, "ca"), ca, sizeof ca);
	tui_form_value(&form, formdef_find(&form.def, "key"), key, sizeof key);
	n = strlen(url);
	while (n > 8 && url[n - 1] == '/')
		url[--n] = '\0';
	if (strncmp(url, "https://", 8) != 0 || n <= 8 || n >= sizeof in->url)
		return cd_err(err, CD_EINVAL, "url", "%s",
			      _("The centre's address starts with https:// "
				"(chequedesk talks to it only over verified "
				"TLS), e.g. https://clearing.example:8443."));
	snprintf(in->url, sizeof in->url, "%s", url);
	in->ca[0] = '\0';
	if (ca[0] == '\0' && t->desk->conf.centre_ca[0])
		return cd_err(err, CD_EINVAL, "ca",
			      _("To use the system's CAs, remove the centre_ca "
				"line from %s; or give a CA file here."),
			      t->desk->conf.config_path);
	if (ca[0] && file_field("ca", ca, in->ca, sizeof in->ca, err) != CD_OK)
		return err->status;
	if (key[0] == '\0')
		return cd_err(err, CD_EINVAL, "key", "%s",
			      _("Give the centre's public key file: without "
				"it its answers cannot be checked."));
	return file_field("key", key, in->key, sizeof in->key, err);
}

/* What the centre said about itself, as a result line. */
static void health_line(const struct remote_answer *ans)
{
	const cJSON *name, *version;
	struct cd_error err;
	char line[600];
	cJSON *j = NULL;

	if (remote_json(ans, &j, &err) != CD_OK)
		j = NULL; /* the line below says "?" for what it lacks */
	name = cJSON_GetObjectItemCaseSensitive(j, "centre");
	version = cJSON_GetObjectItemCaseSensitive(j, "version");
	snprintf(line, sizeof line,
		 _("The centre answers (%s %s): its TLS certificate is "
		   "verified and its answer carries its signature."),
		 cJSON_IsString(name) ? name->valuestring : "?",
		 cJSON_IsString(version) ? version->valuestring : "");
	add_line(PAINT_OK, line);
	cJSON_Delete(j);
}

/* Whether the centre knows this branch: 0 yes, 1 no, -1 no answer. */
static int branch_known(struct tui *t, struct remote *r)
{
	const char *b = t->desk->branch.exchange_no;
	struct remote_answer ans;
	struct keyfile_info k;
	struct transport_info ti;
	struct cd_error err;
	struct cd_now now;
	char path[128], line[1200];
	int rc = -1;

	cd_err_clear(&err);
	if (clock_now(&now, &err) != CD_OK) {
		add_line(PAINT_ERROR, err.msg);
		return -1;
	}
	snprintf(path, sizeof path, "/branches/%s/batches?date=%.10s", b,
		 now.stamp);
	if (remote_call(r, "GET", path, NULL, 0, NULL, &ans, &err) != CD_OK) {
		add_line(PAINT_ERROR, err.msg);
		return -1;
	}
	if (ans.status == 200) {
		snprintf(line, sizeof line, _("The centre knows branch %s."),
			 b);
		add_line(PAINT_OK, line);
		rc = 0;
	} else if (ans.status == 404 &&
		   strcmp(ans.code, "unknown-branch") == 0) {
		if (keyfile_inspect(t->desk, &k, &err) != CD_OK)
			k.pub_path[0] = '\0';
		snprintf(line, sizeof line,
			 _("The centre does not know branch %s yet: give it "
			   "the public key file %s, then test again."),
			 b, k.pub_path[0] ? k.pub_path : "?");
		add_line(PAINT_WARNING, line);
		rc = 1;
	} else if (ans.status == 403 &&
		   strcmp(ans.code, "unknown-certificate") == 0) {
		if (keyfile_inspect(t->desk, &k, &err) != CD_OK)
			k.pub_path[0] = '\0';
		transport_inspect(&t->desk->conf, &ti);
		snprintf(line, sizeof line,
			 _("The centre does not know branch %s yet: give it "
			   "the public key file %s and the transport "
			   "certificate %s (SHA-256 %s), then test again."),
			 b, k.pub_path[0] ? k.pub_path : "?", ti.cert_path,
			 ti.cert.fp_text);
		add_line(PAINT_WARNING, line);
		rc = 1;
	} else {
		remote_refused(&ans,
			       _("Asking whether the centre knows the "
				 "branch"),
			       &err);
		add_line(PAINT_ERROR, err.msg);
	}
	remote_answer_free(&ans);
	return rc;
}

/* Test IN live: 0 all good, 1 the centre does not know the branch, -1
 * it could not be asked or its answer not trusted. */
static int live_test(struct tui *t, const struct centre_input *in)
{
	struct conf c;
	struct remote_answer ans;
	struct transport_info ti;
	struct cd_error err;
	struct remote r;
	char line[1200];
	int rc;

	nlines = 0;
	cd_err_clear(&err);
	/* the branch connects with its transport certificate: make it now
	 * when there is none, to give the centre with the public key */
	if (t->desk->conf.transport_cert[0] == '\0') {
		if (transport_new(t->desk, 0, &ti, &err) != CD_OK) {
			add_line(PAINT_ERROR, err.msg);
			return -1;
		}
		snprintf(line, sizeof line,
			 _("Made the transport certificate %s (SHA-256 %s), "
			   "which the centre must register."),
			 ti.cert_path, ti.cert.fp_text);
		add_line(PAINT_OK, line);
	}
	c = t->desk->conf;
	snprintf(c.centre_url, sizeof c.centre_url, "%s", in->url);
	snprintf(c.centre_ca, sizeof c.centre_ca, "%s", in->ca);
	snprintf(c.centre_key, sizeof c.centre_key, "%s", in->key);
	c.centre_retries = 0;
	if (c.centre_timeout > TEST_TIMEOUT)
		c.centre_timeout = TEST_TIMEOUT;
	cd_err_clear(&err);
	if (remote_open(&r, &c, t->desk->branch.exchange_no, &err) != CD_OK) {
		add_line(PAINT_ERROR, err.msg);
		return -1;
	}
	tui_message(t, PAINT_WARNING, _("Asking the centre at %s..."), in->url);
	tui_show_message(t);
	if (remote_call(&r, "GET", "/health", NULL, 0, NULL, &ans, &err) !=
	    CD_OK) {
		add_line(PAINT_ERROR, err.msg);
		rc = -1;
	} else if (ans.status != 200) {
		remote_refused(&ans, _("Asking the centre how it is"), &err);
		add_line(PAINT_ERROR, err.msg);
		remote_answer_free(&ans);
		rc = -1;
	} else {
		health_line(&ans);
		remote_answer_free(&ans);
		rc = branch_known(t, &r);
	}
	remote_close(&r);
	t->msg[0] = '\0';
	return rc;
}

/* Write IN to the configuration, audited. */
static int save(struct tui *t, const struct centre_input *in)
{
	struct desk *d = t->desk;
	struct cd_error err;
	char *after;
	cJSON *o;

	cd_err_clear(&err);
	if (conf_write_setting(&d->conf, "centre_url", in->url, &err) !=
		CD_OK ||
	    (in->ca[0] && conf_write_setting(&d->conf, "centre_ca", in->ca,
					     &err) != CD_OK) ||
	    conf_write_setting(&d->conf, "centre_key", in->key, &err) !=
		CD_OK) {
		tui_message(t, PAINT_ERROR, "%s", err.msg);
		return -1;
	}
	snprintf(d->conf.centre_url, sizeof d->conf.centre_url, "%s", in->url);
	snprintf(d->conf.centre_ca, sizeof d->conf.centre_ca, "%s", in->ca);
	snprintf(d->conf.centre_key, sizeof d->conf.centre_key, "%s", in->key);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "centre_url", in->url);
	cJSON_AddStringToObject(o, "centre_ca", in->ca);
	cJSON_AddStringToObject(o, "centre_key", in->key);
	after = json_take_string(o);
	desk_audit_alone(d, d->user.id, "centre.set", d->conf.config_path,
			 after);
	free(after);
	return 0;
}

/* F7 (TEST_ONLY) or F2: check the fields, test, and for F2 save and go
 * on (asking first when the test failed). */
static int centre_submit(struct tui *t, int test_only)
{
	struct centre_input in;
	struct cd_error err;
	int rc;

	tui_form_clear_notes(&form);
	wizard_clear_problem();
	cd_err_clear(&err);
	if (read_fields(t, &in, &err) != CD_OK) {
		nlines = 0;
		wizard_form_error(t, &form, &err);
		return TUI_HANDLED;
	}
	rc = live_test(t, &in);
	if (test_only) {
		if (rc == 0)
			tui_message(t, PAINT_OK, "%s",
				    _("The test passed. F2 saves these "
				      "settings."));
		else
			tui_message(t, PAINT_ERROR, "%s",
				    _("The test did not pass: see above."));
		return TUI_HANDLED;
	}
	if (rc < 0 && !tui_confirm(t, _("The test did not pass. Save these "
					"settings anyway? (y/n)")))
		return TUI_HANDLED;
	if (save(t, &in) != 0)
		return TUI_HANDLED;
	if (rc == 0)
		tui_message(t, PAINT_OK, "%s",
			    _("The centre's settings are saved and work."));
	else
		tui_message(t, PAINT_WARNING, "%s",
			    rc > 0 ? _("The centre's settings are saved; the "
				       "centre still needs the branch's public "
				       "key.")
				   : _("The centre's settings are saved, "
				       "untested."));
	wizard_done(t, WIZ_CENTRE);
	return TUI_HANDLED;
}

/* Keys: the form, F7, F2, Esc and F10. */
static int centre_key(struct tui *t, enum action act, wint_t ch, int is_key)
{
	switch (act) {
	case ACT_QUIT:
		return wizard_quit(t);
	case ACT_BACK:
		wizard_back(t, WIZ_CENTRE);
		return TUI_HANDLED;
	case ACT_SAVE:
		return centre_submit(t, 0);
	case ACT_TEST:
		return centre_submit(t, 1);
	default:
		break;
	}
	if (wizard_form_key(t, &form, ch, is_key))
		return centre_submit(t, 0);
	return TUI_HANDLED;
}

/* Leave the cursor in the form. */
static void centre_cursor(struct tui *t)
{
	(void)t;
	tui_form_cursor(&form);
}

const struct screen wizard_centre = {
    .name = "wizard-centre",
    .id = SCR_WIZARD,
    .has_form = 1,
    .enter = centre_enter,
    .draw = centre_draw,
    .key = centre_key,
    .place_cursor = centre_cursor,
};
