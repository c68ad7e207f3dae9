/* Private files done carefully: refuse what others could read, change or
 * redirect; read with a size bound; replace atomically and durably; lock.
 * Used by the vault and the config file. */
#ifndef DD_SAFEFILE_H
#define DD_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/error.h"

/* Creates dir and its missing parents with mode 0700, then checks that dir
 * is a real directory of ours that group and others cannot enter. */
int dd_safefile_mkdir_private(const char *dir, struct dd_error *err);
/* The checks alone (dir must exist). kind is the error kind on refusal. */
int dd_safefile_check_dir(const char *dir, int kind, struct dd_error *err);

/* Opens path for reading, refusing a symlink, a non-regular file, a file
 * of another user, or one group/other can read or write. Returns the fd,
 * -2 with DD_E_NOT_FOUND when missing, -1 with err filled (of kind) on
 * refusal. */
int dd_safefile_open(const char *path, int kind, struct dd_error *err);
/* Reads all of fd (at most max bytes, else refused) into a sodium_malloc'd
 * buffer of *len bytes plus a NUL; caller sodium_free()s. */
unsigned char *dd_safefile_slurp(int fd, const char *path, size_t max, size_t *len,
				 int kind, struct dd_error *err);

/* Replaces path with data: path.tmp in the same directory (0600, O_EXCL),
 * write, fsync, then (keep_bak) path becomes path.bak by a hard link, then
 * rename over path, then fsync of the directory. At every instant path is
 * the old file or the new one. The caller holds the lock (path.tmp is a
 * fixed name). */
int dd_safefile_replace(const char *path, const void *data, size_t len, bool keep_bak,
			struct dd_error *err);

/* Creates path with data (mode 0600): a unique temporary file in the same
 * directory, write, fsync, then rename over path (overwrite) or a hard
 * link that fails when path exists (the file is never clobbered), then
 * fsync of the directory. Path is absent or whole at every instant; a
 * failure leaves no temporary behind. DD_E_USAGE "exists" when path
 * exists and overwrite is false. For downloads, where no lock is held. */
int dd_safefile_create(const char *path, const void *data, size_t len, bool overwrite,
		       struct dd_error *err);
/* The same, overwriting, without the two fsyncs: for a file whose loss
 * costs nothing and whose damage its reader detects (the cache: sealed,
 * so a torn file after a crash is discarded with a message and read
 * again from the API). A sync is milliseconds on a busy disk, paid at
 * every listing. Path is still absent, old or new at every instant
 * while the system runs. */
int dd_safefile_create_unsynced(const char *path, const void *data, size_t len,
				struct dd_error *err);

/* Exclusive lock on path.lock (created 0600), waiting for it. Returns the
 * fd to close to release it, -1 with err filled. */
int dd_safefile_lock(const char *path, struct dd_error *err);

/* 1 when another process holds the lock of path right now, 0 when not
 * (or when that cannot be told): a hint so a caller can say why it waits. */
int dd_safefile_lock_busy(const char *path);

/* Splits "dir/name": copies the directory part ("." if none) into dir. */
int dd_safefile_dirname(const char *path, char *dir, size_t len);

#endif
