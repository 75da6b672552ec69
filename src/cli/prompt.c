/* prompt.c - asking the user at the terminal: passwords without echo, or
 * from the environment. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"
#include "prompt.h"

/* Read a password from ENV or, without echo, from the terminal. */
int passwd_read(const char *env, const char *prompt, char *buf, size_t len,
		struct cd_error *err)
{
	const char *value = env ? getenv(env) : NULL;
	struct termios old, noecho;
	ssize_t n;
	size_t used = 0;
	char c;
	int fd;

	if (value != NULL) {
		if (strlen(value) >= len)
			return cd_err(err, CD_EINVAL, "password",
				      _("The password in %s is too long. Check "
					"what the variable holds, or unset it "
					"to be asked for the password."),
				      env);
		snprintf(buf, len, "%s", value);
		return CD_OK;
	}
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || tcgetattr(fd, &old) != 0) {
		if (fd >= 0)
			close(fd);
		return cd_err(err, CD_EPERM, "password",
			      _("A password is needed but there is no terminal "
				"to ask it on. Set %s, or run the command in a "
				"terminal."),
			      env ? env : "CHEQUEDESK_PASSWORD");
	}
	noecho = old;
	noecho.c_lflag &= ~(tcflag_t)ECHO;
	noecho.c_lflag |= ECHONL;
	dprintf(fd, "%s", prompt);
	tcsetattr(fd, TCSAFLUSH, &noecho);
	while ((n = read(fd, &c, 1)) == 1 && c != '\n' && c != '\r') {
		if (used + 1 < len)
			buf[used++] = c;
	}
	buf[used] = '\0';
	tcsetattr(fd, TCSAFLUSH, &old);
	close(fd);
	return CD_OK;
}
