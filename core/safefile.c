#include "core/safefile.h"
#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#ifdef DD_SAFEFILE_FAULTS
/* Test builds only: DD_FAULT=step fails that step with EIO, step:exit
 * ends the process there as a crash would, step:short writes half then
 * fails. Steps: open, write, fsync, close, link, rename-bak, rename,
 * fsync-dir. */
static int fault(const char *step)
{
	const char *f = getenv("DD_FAULT");
	size_t n = strlen(step);

	if (!f || strncmp(f, step, n) != 0 || (f[n] != '\0' && f[n] != ':'))
		return 0;
	if (f[n] == ':' && strcmp(f + n + 1, "exit") == 0)
		_exit(70);
	errno = EIO;
	return 1;
}
static int fault_short(void)
{
	const char *f = getenv("DD_FAULT");

	return f && strcmp(f, "write:short") == 0;
}
#else
#define fault(step) 0
#define fault_short() 0
#endif

int dd_safefile_dirname(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash)
		return snprintf(dir, len, ".") >= (int)len ? -1 : 0;
	n = (size_t)(slash - path);
	if (n == 0)
		n = 1;
	if (n >= len)
		return -1;
	memcpy(dir, path, n);
	dir[n] = '\0';
	return 0;
}

static int check_stat(const struct stat *st, const char *path, bool is_dir, int kind,
		      struct dd_error *err)
{
	if (is_dir ? !S_ISDIR(st->st_mode) : !S_ISREG(st->st_mode))
		return dd_error_set(err, kind, 0, NULL, _("%s is not a %s: move it away and try again"),
				    path, is_dir ? _("directory") : _("regular file"));
	if (st->st_uid != geteuid())
		return dd_error_set(err, kind, 0, NULL,
				    _("%s belongs to uid %lu, not to you (uid %lu): it could have been "
				    "planted; check it, then chown it to yourself or move it away"),
				    path, (unsigned long)st->st_uid, (unsigned long)geteuid());
	/* A directory others may write to is shared (/tmp, a team's
	 * folder): making it private would break it for them. */
	if (is_dir && (st->st_mode & (S_ISVTX | 022)))
		return dd_error_set(err, kind, 0, NULL,
				    _("%s is a shared directory (mode %04o): move the file into a "
				    "directory of its own that only you can enter (mkdir -m 700)"),
				    path, (unsigned)(st->st_mode & 07777));
	if (st->st_mode & 077)
		return dd_error_set(err, kind, 0, NULL,
				    _("%s can be %s by group or others (mode %04o): run chmod %s %s"),
				    path, is_dir ? _("entered") : _("read or written"),
				    (unsigned)(st->st_mode & 07777), is_dir ? "700" : "600", path);
	return 0;
}

int dd_safefile_check_dir(const char *dir, int kind, struct dd_error *err)
{
	struct stat st;

	if (lstat(dir, &st) != 0)
		return dd_error_set(err, errno == ENOENT ? DD_E_NOT_FOUND : DD_E_IO, 0, NULL,
				    "%s: %s", dir, strerror(errno));
	if (S_ISLNK(st.st_mode))
		return dd_error_set(err, kind, 0, NULL,
				    _("%s is a symbolic link: dedi keeps secrets only in a real "
				    "directory it owns; replace the link with the directory"), dir);
	return check_stat(&st, dir, true, kind, err);
}

int dd_safefile_mkdir_private(const char *dir, struct dd_error *err)
{
	char buf[PATH_MAX];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(buf))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("directory path too long or empty"));
	memcpy(buf, dir, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot create %s: %s"), buf,
					    strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot create %s: %s"), buf,
				    strerror(errno));
	return dd_safefile_check_dir(dir, DD_E_IO, err);
}

int dd_safefile_open(const char *path, int kind, struct dd_error *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		if (errno == ENOENT) {
			dd_error_set(err, DD_E_NOT_FOUND, 0, NULL, _("%s does not exist"), path);
			return -2;
		}
		if (errno == ELOOP)
			dd_error_set(err, kind, 0, NULL,
				     _("%s is a symbolic link: dedi opens only a regular file "
				     "you own; replace the link with the file itself"), path);
		else
			dd_error_set(err, DD_E_IO, 0, NULL, _("cannot open %s: %s"), path,
				     strerror(errno));
		return -1;
	}
	/* fstat on the open descriptor: what was checked is what is read. */
	if (fstat(fd, &st) != 0) {
		dd_error_set(err, DD_E_IO, 0, NULL, _("cannot stat %s: %s"), path, strerror(errno));
		close(fd);
		return -1;
	}
	if (check_stat(&st, path, false, kind, err) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

unsigned char *dd_safefile_slurp(int fd, const char *path, size_t max, size_t *len,
				 int kind, struct dd_error *err)
{
	struct stat st;
	unsigned char *buf;
	size_t cap, got = 0;

	if (fstat(fd, &st) != 0) {
		dd_error_set(err, DD_E_IO, 0, NULL, _("cannot stat %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		dd_error_set(err, kind, 0, NULL,
			     _("%s is %lld bytes, more than the %zu a valid file can have"), path,
			     (long long)st.st_size, max);
		return NULL;
	}
	/* One byte more than the size: a file growing under us is noticed. */
	cap = (size_t)st.st_size + 1;
	buf = sodium_malloc(cap + 1);
	if (!buf) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory reading %s"), path);
		return NULL;
	}
	for (;;) {
		ssize_t r = read(fd, buf + got, cap - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			dd_error_set(err, DD_E_IO, 0, NULL, _("cannot read %s: %s"), path,
				     strerror(errno));
			sodium_free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got == cap) {
			dd_error_set(err, DD_E_IO, 0, NULL,
				     _("%s changed while it was read: try again"), path);
			sodium_free(buf);
			return NULL;
		}
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	if (fault_short()) {
		if (write(fd, p, len / 2) < 0)
			return -1;
		errno = ENOSPC;
		return -1;
	}
	if (fault("write"))
		return -1;
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int fsync_dir(const char *dir)
{
	int fd, rc;

	if (fault("fsync-dir"))
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int dd_safefile_replace(const char *path, const void *data, size_t len, bool keep_bak,
			struct dd_error *err)
{
	char tmp[PATH_MAX], bak[PATH_MAX], baktmp[PATH_MAX], dir[PATH_MAX];
	struct stat st;
	int fd, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp) ||
	    snprintf(bak, sizeof(bak), "%s.bak", path) >= (int)sizeof(bak) ||
	    snprintf(baktmp, sizeof(baktmp), "%s.bak.tmp", path) >= (int)sizeof(baktmp) ||
	    dd_safefile_dirname(path, dir, sizeof(dir)) != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("path too long: %s"), path);
	/* A crash may have left these; we hold the lock, so they are stale. */
	unlink(tmp);
	unlink(baktmp);
	fd = fault("open") ? -1 : open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot create %s: %s"), tmp,
				    strerror(errno));
	if (write_all(fd, data, len) != 0 || fault("fsync") || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("cannot write %s: %s (the previous file is unchanged)"), tmp,
				    strerror(saved));
	}
	if (fault("close") || close(fd) != 0) {
		saved = errno;
		unlink(tmp);
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("cannot write %s: %s (the previous file is unchanged)"), tmp,
				    strerror(saved));
	}
	if (keep_bak && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		/* link + rename: path.bak is always a whole file, old or older. */
		if (fault("link") || link(path, baktmp) != 0 ||
		    fault("rename-bak") || rename(baktmp, bak) != 0) {
			saved = errno;
			unlink(baktmp);
			unlink(tmp);
			return dd_error_set(err, DD_E_IO, 0, NULL,
					    _("cannot keep the previous file as %s: %s (nothing was "
					    "changed)"), bak, strerror(saved));
		}
	}
	if (fault("rename") || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("cannot replace %s: %s (the previous file is unchanged)"), path,
				    strerror(saved));
	}
	if (fsync_dir(dir) != 0)
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("%s was replaced but its directory could not be synced (%s): "
				    "a power loss now could bring back the previous file"), path,
				    strerror(errno));
	return 0;
}

int dd_safefile_lock_busy(const char *path)
{
	char lock[PATH_MAX];
	int fd, busy = 0;

	if (snprintf(lock, sizeof(lock), "%s.lock", path) >= (int)sizeof(lock))
		return 0;
	/* No O_CREAT: a missing lock file means nobody holds it. */
	fd = open(lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0)
		busy = errno == EWOULDBLOCK;
	close(fd); /* also releases the lock if we got it */
	return busy;
}

int dd_safefile_lock(const char *path, struct dd_error *err)
{
	char lock[PATH_MAX];
	struct stat st;
	int fd;

	if (snprintf(lock, sizeof(lock), "%s.lock", path) >= (int)sizeof(lock))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("path too long: %s"), path);
	fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot open the lock %s: %s"), lock,
				    errno == ELOOP ? _("it is a symbolic link") : strerror(errno));
	if (fstat(fd, &st) != 0 || check_stat(&st, lock, false, DD_E_VAULT, err) != 0) {
		close(fd);
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		dd_error_set(err, DD_E_IO, 0, NULL, _("cannot lock %s: %s"), lock, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int create(const char *path, const void *data, size_t len, bool overwrite, bool sync,
		  struct dd_error *err)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *base = strrchr(path, '/');
	int fd, saved;

	base = base ? base + 1 : path;
	if (!*base || dd_safefile_dirname(path, dir, sizeof(dir)) != 0 ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= (int)sizeof(tmp))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("not a file name: %s"), path);
	if (!overwrite && access(path, F_OK) == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s exists: it was left as it is (choose another file, or allow "
				    "replacing it)"), path);
	/* mkstemp: 0600 and a name no other download can take. */
	fd = fault("open") ? -1 : mkstemp(tmp);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot create a file in %s: %s"), dir,
				    strerror(errno));
	if (write_all(fd, data, len) != 0 || (sync && (fault("fsync") || fsync(fd) != 0))) {
		saved = errno;
		close(fd);
		unlink(tmp);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot write %s: %s (nothing was saved)"),
				    path, strerror(saved));
	}
	if (close(fd) != 0) {
		saved = errno;
		unlink(tmp);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot write %s: %s (nothing was saved)"),
				    path, strerror(saved));
	}
	if (overwrite ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		if (saved == EEXIST)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s appeared meanwhile: it was left as it is"), path);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot create %s: %s (nothing was saved)"),
				    path, strerror(saved));
	}
	if (!overwrite)
		unlink(tmp);
	if (sync && fsync_dir(dir) != 0)
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("%s was written but its directory could not be synced (%s)"), path,
				    strerror(errno));
	return 0;
}

int dd_safefile_create(const char *path, const void *data, size_t len, bool overwrite,
		       struct dd_error *err)
{
	return create(path, data, len, overwrite, true, err);
}

int dd_safefile_create_unsynced(const char *path, const void *data, size_t len,
				struct dd_error *err)
{
	return create(path, data, len, true, false, err);
}
