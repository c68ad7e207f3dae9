/* The append-only local record of every mutating request dedi sent
 * ($XDG_STATE_HOME/dedi/audit.jsonl, 0600): one JSON line each, with the
 * time, profile, method, URL, HTTP status and outcome. Never a header,
 * never a body: secrets and passwords cannot reach it. */
#ifndef DD_AUDIT_H
#define DD_AUDIT_H

#include <stddef.h>

#include "core/error.h"
#include "core/http.h"

struct dd_audit_entry {
	const char *profile;          /* "" if none */
	enum dd_http_method method;
	const char *url;
	int status;                   /* 0 when no answer came */
	const struct dd_error *error; /* kind DD_OK on success */
};

/* $XDG_STATE_HOME/dedi/audit.jsonl */
int dd_audit_path(char *buf, size_t len, struct dd_error *err);
/* Appends one line with one write(2) (O_APPEND: lines of concurrent dedi
 * processes never interleave). Creates the file 0600 in a 0700 directory;
 * refuses a symlink, another user's file, or one others can write. */
int dd_audit_append(const char *path, const struct dd_audit_entry *e, struct dd_error *err);

#endif
