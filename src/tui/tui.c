/* tui.c - the screens' main loop: curses set-up and teardown, colours by
 * role, the status line, the message line, resizing. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "out.h"
#include "text.h"
#include "tui-popup.h"
#include "tui.h"

/* The theme: colours per paint, and the attribute used without colour. */
static const struct {
	short fg, bg;
	int mono;
} theme[PAINT_COUNT] = {
    [PAINT_NORMAL] = {-1, -1, A_NORMAL},
    [PAINT_FIELD] = {COLOR_WHITE, COLOR_BLUE, A_UNDERLINE},
    [PAINT_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_REVERSE},
    [PAINT_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
    [PAINT_WARNING] = {COLOR_YELLOW, -1, A_BOLD},
    [PAINT_OK] = {COLOR_GREEN, -1, A_BOLD},
    [PAINT_TITLE] = {COLOR_BLACK, COLOR_WHITE, A_REVERSE},
};

static int use_color;
static volatile sig_atomic_t got_winch;
static int keylog_fd = -1; /* CHEQUEDESK_KEYLOG, opened on first key */
static int keylog_tried;   /* opened (or failed) once already */
static int keylog_hide;	   /* the focus is in a secret field */

/* The attribute for ROLE in the current theme. */
int tui_attr(enum tui_paint role)
{
	if (use_color)
		return COLOR_PAIR(role + 1) |
		       (role == PAINT_ERROR || role == PAINT_OK ? A_BOLD : 0);
	return theme[role].mono;
}

/* SIGWINCH only sets a flag; the loop redraws. */
static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

/* Restore the terminal before dying of a fatal signal. */
static void on_fatal(int sig)
{
	endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Restore the terminal at exit, whatever the path. */
static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* Start curses with colours unless NO_COLOR is set. */
static void start_curses(void)
{
	const char *nc = getenv("NO_COLOR");
	struct sigaction sa;
	int i;

	initscr();
	atexit(restore_terminal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	use_color = has_colors() && (nc == NULL || *nc == '\0');
	if (use_color) {
		start_color();
		use_default_colors();
		for (i = 0; i < PAINT_COUNT; i++)
			init_pair((short)(i + 1), theme[i].fg, theme[i].bg);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* How many of the N wide characters from WS fit in WIDTH columns; *BRK
 * (if not NULL) gets the count up to and including the last blank. */
static size_t fit(const wchar_t *ws, size_t n, int width, size_t *brk)
{
	int w = 0, cw;
	size_t i;

	if (brk)
		*brk = 0;
	for (i = 0; i < n; i++) {
		cw = wcwidth(ws[i]);
		if (cw < 0)
			cw = 1;
		if (w + cw > width)
			break;
		w += cw;
		if (brk && ws[i] == L' ')
			*brk = i + 1;
	}
	return i;
}

/* S as shown on a screen: control and bidi characters and bytes that are
 * not UTF-8 escaped (text_escape), in BUF; cut when longer. */
static const char *shown(const char *s, int flags, char *buf, size_t len)
{
	text_escape(s, flags, buf, len);
	return buf;
}

/* Print S at ROW, COL cut to WIDTH columns, escaped. */
void tui_print(int row, int col, int width, const char *s)
{
	char ebuf[2048];
	wchar_t wbuf[512];
	size_t n = mbstowcs(wbuf, shown(s, 0, ebuf, sizeof ebuf), 511);

	if (n == (size_t)-1 || width <= 0)
		return;
	move(row, col);
	addnwstr(wbuf, (int)fit(wbuf, n, width, NULL));
}

/* Print S, escaped, wrapped at blanks in WIDTH columns on at most ROWS
 * rows from ROW, COL; returns the rows used. */
int tui_print_wrapped(int row, int col, int width, int rows, const char *s)
{
	char ebuf[4096];
	wchar_t wbuf[1024];
	size_t n = mbstowcs(wbuf, shown(s, TEXT_ESC_KEEP_NL, ebuf, sizeof ebuf),
			    1023),
	       start = 0, i, brk;
	int used = 0;

	if (n == (size_t)-1 || width <= 0)
		return 0;
	while (start < n && used < rows) {
		/* Take what fits; break after the last blank if there is
		 * one (Chinese text has none and breaks anywhere). */
		i = start + fit(wbuf + start, n - start, width, &brk);
		if (i < n && brk > 0)
			i = start + brk;
		move(row + used, col);
		clrtoeol();
		addnwstr(wbuf + start, (int)(i - start));
		used++;
		start = i;
		while (start < n && wbuf[start] == L' ')
			start++;
	}
	return used;
}

/* Print one table cell, aligned by display width. */
int tui_cell(int row, int col, int width, const char *s, int right)
{
	int w = out_width(s);

	if (right && w < width)
		tui_print(row, col + width - w, w, s);
	else
		tui_print(row, col, width, s);
	return col + width + 1;
}

/* Draw the message line now, before something that blocks. */
void tui_show_message(struct tui *t)
{
	move(LINES - 2, 0);
	clrtoeol();
	attrset(tui_attr(t->msg_role));
	tui_print(LINES - 2, 1, COLS - 2, t->msg);
	attrset(tui_attr(PAINT_NORMAL));
	refresh();
}

/* Set the message line. */
void tui_message(struct tui *t, enum tui_paint role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_role = role;
}

/* Switch screens. */
void tui_switch(struct tui *t, const struct screen *s)
{
	if (s == &screen_help)
		t->back = t->cur;
	t->cur = s;
	t->need_full = 1;
	if (s->enter)
		s->enter(t);
}

/* The top line: branch, user, business date, session, cut-off, totals. */
static void draw_status(struct tui *t)
{
	struct desk *d = t->desk;
	struct business_slot slot;
	struct cd_error err;
	struct cd_now now;
	char line[512], date[DATE_LEN], fig[MONEY_FIGURES_LEN];
	int64_t count = 0, fen = 0;
	long left;

	attrset(tui_attr(PAINT_TITLE));
	mvhline(0, 0, ' ', COLS);
	if (desk_slot(d, &now, &slot, &err) != CD_OK) {
		tui_print(0, 1, COLS - 2, err.msg);
		attrset(tui_attr(PAINT_NORMAL));
		return;
	}
	cd_date_format(slot.date, date);
	left = (cd_date_to_days(slot.date) - cd_date_to_days(now.date)) * 1440 +
	       slot.cutoff - now.minute;
	if (desk_has_store(d) && desk_may(d, PERM_ITEMS))
		if (desk_slot_totals(d, date, slot.session, &count, &fen,
				     &err) != CD_OK)
			count = fen = 0; /* the status line goes on without */
	/* TRANSLATORS: the status line: branch number and name, user,
	   business date, session, its cut-off and the time left to it, and
	   the session's item count and total. */
	snprintf(
	    line, sizeof line,
	    _("%s %s | %s | %s S%d cut-off %02d:%02d (%ld:%02ld) | %lld: %s"),
	    d->branch.exchange_no, d->branch.name,
	    d->user.role != ROLE_NONE ? d->user.id : "-", date, slot.session,
	    slot.cutoff / 60, slot.cutoff % 60, left / 60, left % 60,
	    (long long)count, money_format(fen, fig, sizeof fig));
	tui_print(0, 1, COLS - 8, line);
	snprintf(line, sizeof line, "%02d:%02d", now.minute / 60,
		 now.minute % 60);
	mvaddstr(0, COLS - 6, line);
	attrset(tui_attr(PAINT_NORMAL));
}

/* Draw the whole screen: status, body, message line, F-key bar. */
static void draw(struct tui *t)
{
	int full = t->need_full || !t->cur->has_form || t->too_small;

	/* Keys read while too small are thrown away: hide them all (one may
	 * be typing a password); else a form whose focus is secret sets it
	 * again when it places its cursor. */
	keylog_hide = 1;
	if (full)
		erase();
	if (LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS) {
		t->too_small = 1;
		tui_print(0, 0, COLS,
			  _("chequedesk needs a terminal of at least 80x24."));
		tui_print(1, 0, COLS, _("Make this window larger, please."));
		refresh();
		return;
	}
	t->too_small = 0;
	keylog_hide = 0;
	t->cur->draw(t, full); /* first: posting a form erases the screen */
	t->need_full = 0;
	draw_status(t);
	move(LINES - 2, 0);
	clrtoeol();
	attrset(tui_attr(t->msg_role));
	tui_print(LINES - 2, 1, COLS - 2, t->msg);
	attrset(tui_attr(PAINT_NORMAL));
	keys_draw_bar(t->cur->id);
	if (t->cur->place_cursor)
		t->cur->place_cursor(t);
	else
		move(LINES - 1, COLS - 1); /* screens without input */
	refresh();
}

/* Draw everything now (before a pop-up goes over it). */
void tui_draw(struct tui *t)
{
	draw(t);
}

/* Seconds on a clock that only goes forward. */
static double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Between keys: a supervisor may have signed this user out elsewhere;
 * 1 when so (back at the sign-in screen). */
static int check_session(struct tui *t)
{
	char by[USER_ID_MAX + 1];

	if (t->desk->session == 0 ||
	    !desk_session_ended(t->desk, by, sizeof by))
		return 0;
	memset(&t->desk->user, 0, sizeof t->desk->user);
	if (by[0])
		tui_message(t, PAINT_WARNING,
			    _("Supervisor %s signed you out of this screen."),
			    by);
	tui_switch(t, &screen_signin);
	return 1;
}

/* Milliseconds to wait for a key: the clock is redrawn twice a minute,
 * and the screen locks when the user has been idle too long. */
static int wait_ms(struct tui *t, double last_key)
{
	int idle = t->desk->conf.idle_lock_seconds, ms = 30000;
	double left;

	if (idle > 0 && t->desk->user.role != ROLE_NONE) {
		left = last_key + idle - mono_seconds();
		if (left * 1000 < ms)
			ms = left > 0 ? (int)(left * 1000) + 1 : 0;
	}
	return ms;
}

/* Lock the screen if the signed-in user has been idle too long. */
static void check_idle(struct tui *t, double *last_key)
{
	int idle = t->desk->conf.idle_lock_seconds;

	if (idle <= 0 || t->desk->user.role == ROLE_NONE ||
	    mono_seconds() - *last_key < idle)
		return;
	tui_lock(t);
	*last_key = mono_seconds();
	timeout(30000);
}

/* Open CHEQUEDESK_KEYLOG once (append, owner only); -1 when not asked. */
static int keylog_open(void)
{
	const char *path = getenv("CHEQUEDESK_KEYLOG");
	struct stat st;

	if (keylog_tried)
		return keylog_fd;
	keylog_tried = 1;
	if (path == NULL || *path == '\0')
		return -1;
	keylog_fd = open(
	    path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (keylog_fd < 0)
		return -1;
	/* A file made earlier with a wider mode is narrowed to the owner. */
	if (fstat(keylog_fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 077) != 0)
		(void)fchmod(keylog_fd, 0600);
	return keylog_fd;
}

/* Append one line for a consumed key: WHERE, a tab, the key's name;
 * printable keys are "<hidden>" when HIDE is set (secret fields). */
static void keylog_write(const char *where, int rc, wint_t ch, int hide)
{
	char line[128];
	const char *name;
	int n, fd = keylog_open();
	ssize_t w;

	if (fd < 0 || rc == ERR || (rc == KEY_CODE_YES && ch == KEY_RESIZE))
		return;
	if (rc == KEY_CODE_YES)
		name = keyname((int)ch);
	else if (hide && ch >= 32 && ch != 127)
		name = "<hidden>";
	else if (ch == ' ')
		name = "SPACE";
	else
		name = key_name((wchar_t)ch);
	n = snprintf(line, sizeof line, "%s\t%s\n", where ? where : "-",
		     name ? name : "?");
	if (n <= 0)
		return;
	if (n >= (int)sizeof line)
		n = (int)sizeof line - 1;
	/* One write per key: the line is in the file at once, whole. */
	do
		w = write(fd, line, (size_t)n);
	while (w < 0 && errno == EINTR);
}

/* Whether the key log hides printable keys now (a secret field). */
void tui_keylog_hide(int hide)
{
	keylog_hide = hide;
}

/* Read a key, logging it when CHEQUEDESK_KEYLOG asks for it. */
int tui_get_key(wint_t *ch, const char *where, int hide)
{
	int rc = get_wch(ch);

	keylog_write(where, rc, *ch, hide);
	return rc;
}

/* Leave the screens because of ERR. */
void tui_fatal(const struct cd_error *err)
{
	restore_terminal();
	out_error(err);
	exit(err->status ? (int)err->status : CD_EFAIL);
}

/* Ask a yes/no question on the message line. */
int tui_confirm(struct tui *t, const char *question)
{
	wint_t ch;
	int rc;

	tui_message(t, PAINT_WARNING, "%s", question);
	draw(t);
	curs_set(0);
	do {
		rc = tui_get_key(&ch, "confirm", 0);
	} while (rc == KEY_CODE_YES && ch == KEY_RESIZE);
	curs_set(1);
	t->msg[0] = '\0';
	t->need_full = 1;
	/* TRANSLATORS: the keys that answer "yes" to a question. */
	return rc == OK && ch < 128 && strchr(_("yY"), (int)ch) != NULL;
}

/* Read a line of text on the message line. */
void tui_prompt(struct tui *t, const char *question, char *buf, size_t len)
{
	wint_t wbuf[128];
	wchar_t wc[128];
	int i, w;

	t->msg[0] = '\0';
	draw(t);
	move(LINES - 2, 0);
	clrtoeol();
	attrset(tui_attr(PAINT_WARNING));
	tui_print(LINES - 2, 1, COLS / 2, question);
	attrset(tui_attr(PAINT_NORMAL));
	w = out_width(question) + 2;
	move(LINES - 2, w < COLS / 2 ? w : COLS / 2);
	echo();
	curs_set(1);
	if (getn_wstr(wbuf, 127) != OK)
		wbuf[0] = 0;
	noecho();
	/* curses edits the line itself: the key log gets what it kept, one
	 * line per character, and the Enter that ended it. */
	for (i = 0; i < 127 && wbuf[i]; i++) {
		wc[i] = (wchar_t)wbuf[i];
		keylog_write("prompt", OK, wbuf[i], 0);
	}
	wc[i] = L'\0';
	keylog_write("prompt", OK, '\r', 0);
	if (wcstombs(buf, wc, len) == (size_t)-1)
		buf[0] = '\0';
	buf[len - 1] = '\0';
	t->need_full = 1;
}

/* The main loop: draw, read a key, dispatch, until a handler quits. */
int tui_run(struct desk *d, struct cd_error *err)
{
	return tui_run_from(d, &screen_signin, err);
}

/* The main loop, starting at FIRST. */
int tui_run_from(struct desk *d, const struct screen *first,
		 struct cd_error *err)
{
	struct tui t;
	wint_t ch;
	int rc, flags = 0;
	enum action act;
	double last_key;

	(void)err;
	memset(&t, 0, sizeof t);
	t.desk = d;
	start_curses();
	tui_switch(&t, first);
	last_key = mono_seconds();
	while (!(flags & TUI_QUIT)) {
		check_session(&t);
		check_idle(&t, &last_key);
		timeout(wait_ms(&t, last_key));
		if (got_winch) {
			got_winch = 0;
			endwin();
			refresh();
			t.need_full = 1;
		}
		draw(&t);
		rc = tui_get_key(&ch, t.cur->name, keylog_hide);
		if (rc == ERR)
			continue;
		last_key = mono_seconds();
		if (check_session(&t))
			continue; /* the key was meant for the ended session */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			t.need_full = 1;
			continue;
		}
		if (t.too_small)
			continue;
		act = keys_action(t.cur->id, (int)ch, rc == KEY_CODE_YES);
		if (act == ACT_HELP) {
			tui_switch(&t, &screen_help);
			continue;
		}
		flags = t.cur->key(&t, act, ch, rc == KEY_CODE_YES);
		if (desk_has_store(d))
			desk_authorise_end(
			    d); /* one authorisation, one action */
	}
	endwin();
	return CD_OK;
}
