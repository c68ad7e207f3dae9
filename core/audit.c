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
#include "core/text.h"
#include "core/i18n.h"

int dd_audit_path(char *buf, size_t len, struct dd_error *err)
{
	char dir[1024];
	int n;

	if (dd_config_dir(DD_XDG_STATE, dir, sizeof(dir), err) < 0)
		return -1;
	n = snprintf(buf, len, "%s/audit.jsonl", dir);
	if (n < 0 || (size_t)n >= len)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("the audit log path is too long"));
	return 0;
}

/* Longest value kept in a record: a body or message past it is cut (on a
 * character boundary) rather than making the record too big to write. */
#define AUDIT_FIELD_MAX 8192

/* Sets key to s as valid UTF-8: a byte JSON cannot carry becomes U+FFFD
 * and an overlong value is cut, so no field can cost the record. */
static void put_str(json_t *o, const char *key, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *fixed = dd_text_utf8(s ? s : "", n);
	json_t *v;

	if (fixed && strlen(fixed) > AUDIT_FIELD_MAX) {
		fixed[AUDIT_FIELD_MAX] = '\0';
		dd_utf8_trim_cut(fixed);
	}
	v = json_string(fixed ? fixed : "");
	free(fixed);
	json_object_set_new(o, key, v ? v : json_string(""));
}

/* intent:  {"time","profile","write","phase":"intent","method","url","summary","body"}
 * outcome: {"time","profile","write","phase":"outcome","method","url","status",
 *           "outcome": "ok" | "unknown" | an error kind, "message", "reconciled"} */
static char *line_for(const struct dd_audit_entry *e, const char *when)
{
	json_t *o = json_object();
	char *s;
	bool failed = e->error && e->error->kind != DD_OK;

	if (!o)
		return NULL;
	put_str(o, "time", when);
	put_str(o, "profile", e->profile);
	put_str(o, "write", e->write_id);
	put_str(o, "phase", e->phase == DD_AUDIT_INTENT ? "intent" : "outcome");
	put_str(o, "method", dd_http_method_name(e->method));
	put_str(o, "url", e->url);
	if (e->phase == DD_AUDIT_INTENT) {
		if (e->summary)
			put_str(o, "summary", e->summary);
		if (e->body)
			put_str(o, "body", e->body);
	} else {
		json_object_set_new(o, "status", json_integer(e->status));
		put_str(o, "outcome", e->unknown ? "unknown" : failed ?
			dd_error_kind_name(e->error->kind) : "ok");
		if (failed)
			put_str(o, "message", e->error->message);
		if (e->reconciled)
			put_str(o, "reconciled", e->reconciled);
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(o);
	return s;
}

/* The record of last resort, built without allocating: a write must never
 * leave no trace, even when the full record could not be built. */
static size_t fallback_line(const struct dd_audit_entry *e, const char *when, char *buf,
			    size_t len)
{
	char id[64];
	size_t k = 0;
	int n;

	for (const char *p = e->write_id ? e->write_id : ""; *p && k + 1 < sizeof(id); p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    *p == '-')
			id[k++] = *p;
	id[k] = '\0';
	n = snprintf(buf, len,
		     "{\"time\":\"%s\",\"write\":\"%s\",\"phase\":\"%s\",\"method\":\"%s\","
		     "\"outcome\":\"%s\",\"message\":\"the full record could not be built\"}\n",
		     when, id, e->phase == DD_AUDIT_INTENT ? "intent" : "outcome",
		     dd_http_method_name(e->method),
		     e->phase == DD_AUDIT_INTENT ? "" : e->unknown ? "unknown" :
		     e->error && e->error->kind != DD_OK ? dd_error_kind_name(e->error->kind) : "ok");
	return n > 0 && (size_t)n < len ? (size_t)n : 0;
}

int dd_audit_append(const char *path, const struct dd_audit_entry *e, struct dd_error *err)
{
	char dir[1024];
	struct stat st;
	char *line, when[32], spare[512];
	time_t now = time(NULL);
	struct tm tm;
	size_t len;
	ssize_t w;
	int fd;

	if (dd_safefile_dirname(path, dir, sizeof(dir)) < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("the audit log path is too long"));
	if (dd_safefile_mkdir_private(dir, err) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot open the audit log %s: %s%s"), path,
				    strerror(errno), errno == ELOOP ? _(" (it is a symlink; remove it)") : "");
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 0077)) {
		close(fd);
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("refusing the audit log %s: it must be a regular file of yours that only you can read and write (chmod 600 %s)"),
				    path, path);
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = line_for(e, when);
	if (line) {
		len = strlen(line);
		line[len++] = '\n'; /* json_dumps leaves room: the NUL becomes the newline */
		w = write(fd, line, len);
		free(line);
	} else {
		len = fallback_line(e, when, spare, sizeof(spare));
		w = write(fd, spare, len);
	}
	if (w != (ssize_t)len || fsync(fd) < 0) {
		int e2 = errno;
		close(fd);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot write the audit log %s: %s"), path,
				    w < 0 || w == (ssize_t)len ? strerror(e2) : _("short write"));
	}
	close(fd);
	return 0;
}
