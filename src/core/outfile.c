/* outfile.c - the one writer of output files (previews, exported keys,
 * batch files, key files): a temporary file beside the target, renamed
 * into place without following links or replacing what is there. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "outfile.h"

/* fsync the folder holding PATH, so a rename in it lasts. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	int fd;

	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Open PATH in place when it is a character device or a pipe (possibly
 * through a link, as /dev/stdout is): its descriptor, or -1. */
static int open_device(const char *path)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ||
	     S_ISSOCK(st.st_mode)))
		return fd;
	close(fd); /* a file (opened without O_TRUNC, unchanged), a disk */
	return -1;
}

/* Whether PATH may be written: 0, or the errno value outfile_open would
 * refuse it with (ELOOP, EEXIST, EISDIR); nothing is created. */
int outfile_check(const char *path, int force)
{
	struct stat st;
	int fd = open_device(path);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode))
		return ELOOP;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (!force)
		return EEXIST;
	return S_ISREG(st.st_mode) ? 0 : EINVAL; /* a disk is never replaced */
}

/* Start writing PATH. */
int outfile_open(struct outfile *o, const char *path, mode_t mode, int force)
{
	struct stat st;
	int fd = -1, i;

	memset(o, 0, sizeof *o);
	o->force = force;
	if (snprintf(o->path, sizeof o->path, "%s", path) >=
	    (int)sizeof o->path)
		return ENAMETOOLONG;
	fd = open_device(path);
	if (fd >= 0) {
		o->direct = 1;
	} else {
		if (lstat(path, &st) == 0) {
			if (S_ISLNK(st.st_mode))
				return ELOOP;
			if (S_ISDIR(st.st_mode))
				return EISDIR;
			if (!force)
				return EEXIST;
			if (!S_ISREG(st.st_mode))
				return EINVAL; /* --force replaces files only */
		}
		for (i = 0; i < 100 && fd < 0; i++) {
			snprintf(o->tmp, sizeof o->tmp, "%s.tmp-%ld-%d", path,
				 (long)getpid(), i);
			fd = open(o->tmp,
				  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				      O_CLOEXEC,
				  mode);
			if (fd < 0 && errno != EEXIST)
				return errno;
		}
		if (fd < 0)
			return EEXIST;
		(void)fchmod(fd, mode); /* exactly MODE whatever the umask */
	}
	o->fp = fdopen(fd, "wb");
	if (o->fp == NULL) {
		i = errno;
		close(fd);
		if (!o->direct)
			unlink(o->tmp);
		return i;
	}
	return 0;
}

/* Flush, sync and close the temporary file. */
int outfile_finish(struct outfile *o)
{
	int e = 0;

	if (o->fp == NULL)
		return EBADF;
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		e = errno ? errno : EIO;
	if (e == 0 && !o->direct && fsync(fileno(o->fp)) != 0)
		e = errno;
	if (fclose(o->fp) != 0 && e == 0)
		e = errno ? errno : EIO;
	o->fp = NULL;
	if (e != 0 && !o->direct)
		unlink(o->tmp);
	return e;
}

/* Put the finished temporary file in PATH's place. */
int outfile_install(struct outfile *o)
{
	struct stat st;
	int e = 0;

	if (o->direct)
		return 0;
	if (o->force) {
		/* replaces a link itself, never what it points to */
		if (rename(o->tmp, o->path) != 0)
			e = errno;
	} else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path,
			     RENAME_NOREPLACE) != 0) {
		e = errno;
		if (e == EINVAL || e == ENOSYS || e == ENOTSUP) {
			/* a file system without RENAME_NOREPLACE */
			e = link(o->tmp, o->path) == 0 ? 0 : errno;
			/* and without hard links (a FAT USB stick) */
			if (e != 0 && e != EEXIST && lstat(o->path, &st) != 0 &&
			    errno == ENOENT)
				e = rename(o->tmp, o->path) == 0 ? 0 : errno;
		}
	}
	unlink(o->tmp);
	if (e == 0)
		sync_dir(o->path);
	return e;
}

/* outfile_finish, then outfile_install. */
int outfile_commit(struct outfile *o)
{
	int e = outfile_finish(o);

	return e != 0 ? e : outfile_install(o);
}

/* Give up: close and remove the temporary file. */
void outfile_abort(struct outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	o->fp = NULL;
	if (!o->direct && o->tmp[0])
		unlink(o->tmp);
}

/* Write the LEN bytes at DATA as PATH. */
int outfile_write(const char *path, const void *data, size_t len, mode_t mode,
		  int force)
{
	struct outfile o;
	int e = outfile_open(&o, path, mode, force);

	if (e != 0)
		return e;
	errno = 0;
	if (len > 0 && fwrite(data, 1, len, o.fp) != len) {
		e = errno ? errno : EIO;
		outfile_abort(&o);
		return e;
	}
	return outfile_commit(&o);
}

/* The message for a refusal of outfile_open or outfile_install. */
int outfile_refused(const char *path, int e, const char *field,
		    struct cd_error *err)
{
	if (e == EEXIST)
		return cd_err(err, CD_ECONFLICT, field,
			      _("There is already a file %s; it was not "
				"replaced. Give another file name, or add "
				"--force to replace it."),
			      path);
	if (e == ELOOP)
		return cd_err(err, CD_ECONFLICT, field,
			      _("%s is a symbolic link; chequedesk does not "
				"write through links, even with --force. Give "
				"the name of a new file instead."),
			      path);
	if (e == EISDIR)
		return cd_err(err, CD_EINVAL, field,
			      _("%s is a folder. Give the name of a file to "
				"write in it instead."),
			      path);
	return CD_OK;
}
