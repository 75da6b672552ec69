/* ptytime.c - run a program on a new pseudo-terminal and time, from the
 * spawn, its first byte, the first appearance of a marker text and the end
 * of the frame that carried it (the last byte before the output goes quiet);
 * then stop it and report its peak memory (wait4). Used for P4: chequedesk's
 * screens drawn from the outside, with nothing added to the program. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUT_MAX (1 << 20)

/* Nanoseconds on the monotonic clock. */
static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Whether NEEDLE occurs in the first LEN bytes of HAY. */
static int contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* Stop the child (TERM, then KILL) and return its peak RSS in KiB. */
static long stop_child(pid_t pid)
{
	struct rusage ru;
	int status, i;

	kill(pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (wait4(pid, &status, WNOHANG, &ru) == pid)
			return ru.ru_maxrss;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	if (wait4(pid, &status, 0, &ru) == pid)
		return ru.ru_maxrss;
	return -1;
}

/* ptytime MARKER QUIET_MS TIMEOUT_MS PROGRAM [ARG]...; prints "pty
 * FIRST_MS MARKER_MS FRAME_MS MAXRSS_KIB" (-1 for what never came). */
int main(int argc, char **argv)
{
	struct winsize ws = {24, 80, 0, 0};
	static char out[OUT_MAX];
	int64_t t0, first = -1, mark = -1, last = -1, now;
	int quiet_ms, timeout_ms, fd;
	size_t len = 0;
	pid_t pid;

	if (argc < 5) {
		fprintf(stderr, "usage: ptytime MARKER QUIET_MS TIMEOUT_MS "
				"PROGRAM [ARG]...\n");
		return 2;
	}
	quiet_ms = atoi(argv[2]);
	timeout_ms = atoi(argv[3]);
	t0 = now_ns();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ptytime: forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[4], argv + 4);
		perror("ptytime: exec");
		_exit(127);
	}
	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int wait_ms = mark >= 0 ? quiet_ms : 50, rc;
		ssize_t n;

		rc = poll(&p, 1, wait_ms);
		now = now_ns();
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			if (mark >= 0)
				break; /* the frame is complete */
			if ((now - t0) / 1000000 > timeout_ms)
				break;
			continue;
		}
		n = read(fd, out + len, len < OUT_MAX ? OUT_MAX - len : 0);
		if (n <= 0)
			break;
		if (first < 0)
			first = now;
		last = now;
		len += (size_t)n;
		if (mark < 0 && contains(out, len, argv[1]))
			mark = now;
	}
	printf("pty %.2f %.2f %.2f %ld\n",
	       first < 0 ? -1.0 : (double)(first - t0) / 1e6,
	       mark < 0 ? -1.0 : (double)(mark - t0) / 1e6,
	       mark < 0 ? -1.0 : (double)(last - t0) / 1e6, stop_child(pid));
	close(fd);
	return mark < 0;
}
