#include "core/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/config.h"
#include "core/safefile.h"

int dd_audit_path(char *buf, size_t len, struct dd_error *err)
{
	char dir[1024];
	int n;

	if (dd_config_dir(DD_XDG_STATE, dir, sizeof(dir), err) < 0)
		return -1;
	n = snprintf(buf, len, "%s/audit.jsonl", dir);
	if (n < 0 || (size_t)n >= len)
		return dd_error_set(err, DD_E_IO, 0, NULL, "the audit log path is too long");
	return 0;
}

/* intent:  {"time","profile","write","phase":"intent","method","url","summary","body"}
 * outcome: {"time","profile","write","phase":"outcome","method","url","status",
 *           "outcome": "ok" | "unknown" | an error kind, "message", "reconciled"} */
static char *line_for(const struct dd_audit_entry *e)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	json_t *o;
	char *s;
	bool failed = e->error && e->error->kind != DD_OK;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "time", when, "profile",
		      e->profile ? e->profile : "", "write", e->write_id ? e->write_id : "",
		      "phase", e->phase == DD_AUDIT_INTENT ? "intent" : "outcome", "method",
		      dd_http_method_name(e->method), "url", e->url ? e->url : "");
	if (!o)
		return NULL;
	if (e->phase == DD_AUDIT_INTENT) {
		if (e->summary)
			json_object_set_new(o, "summary", json_string(e->summary));
		if (e->body)
			json_object_set_new(o, "body", json_string(e->body));
	} else {
		json_object_set_new(o, "status", json_integer(e->status));
		json_object_set_new(o, "outcome", json_string(e->unknown ? "unknown" : failed ?
					dd_error_kind_name(e->error->kind) : "ok"));
		if (failed)
			json_object_set_new(o, "message", json_string(e->error->message));
		if (e->reconciled)
			json_object_set_new(o, "reconciled", json_string(e->reconciled));
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(o);
	return s;
}

int dd_audit_append(const char *path, const struct dd_audit_entry *e, struct dd_error *err)
{
	char dir[1024];
	struct stat st;
	char *line;
	size_t len;
	ssize_t w;
	int fd;

	if (dd_safefile_dirname(path, dir, sizeof(dir)) < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, "the audit log path is too long");
	if (dd_safefile_mkdir_private(dir, err) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, "cannot open the audit log %s: %s%s", path,
				    strerror(errno), errno == ELOOP ? " (it is a symlink; remove it)" : "");
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 0077)) {
		close(fd);
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    "refusing the audit log %s: it must be a regular file of yours that only you can read and write (chmod 600 %s)",
				    path, path);
	}
	line = line_for(e);
	if (!line) {
		close(fd);
		return dd_error_oom(err);
	}
	len = strlen(line);
	line[len++] = '\n'; /* json_dumps leaves room: the NUL becomes the newline */
	w = write(fd, line, len);
	free(line);
	if (w != (ssize_t)len || fsync(fd) < 0) {
		int e2 = errno;
		close(fd);
		return dd_error_set(err, DD_E_IO, 0, NULL, "cannot write the audit log %s: %s", path,
				    w < 0 || w == (ssize_t)len ? strerror(e2) : "short write");
	}
	close(fd);
	return 0;
}
