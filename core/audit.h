/* The append-only local record of every write dedi sends
 * ($XDG_STATE_HOME/dedi/audit.jsonl, 0600), written by the write path
 * (core/write): an intent line before the request leaves (synced to disk),
 * an outcome line after, both carrying the same write id. Never a header;
 * a body only as the write path shows it, with secrets masked. */
#ifndef DD_AUDIT_H
#define DD_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/http.h"

enum dd_audit_phase {
	DD_AUDIT_INTENT,  /* about to send: nothing is known yet */
	DD_AUDIT_OUTCOME  /* what came of it */
};

struct dd_audit_entry {
	enum dd_audit_phase phase;
	const char *write_id;         /* links an intent to its outcome */
	const char *profile;          /* "" if none */
	enum dd_http_method method;
	const char *url;
	const char *summary;          /* intent: one line a person reads, or NULL */
	const char *body;             /* intent: secrets already masked, or NULL */
	int status;                   /* outcome: 0 when no answer came */
	const struct dd_error *error; /* outcome: kind DD_OK on success */
	bool unknown;                 /* outcome: the transport broke after sending */
	const char *reconciled;       /* outcome unknown: what a re-read found, or NULL */
};

/* $XDG_STATE_HOME/dedi/audit.jsonl */
int dd_audit_path(char *buf, size_t len, struct dd_error *err);
/* Appends one line with one write(2) (O_APPEND: lines of concurrent dedi
 * processes never interleave). Creates the file 0600 in a 0700 directory;
 * refuses a symlink, another user's file, or one others can write. */
int dd_audit_append(const char *path, const struct dd_audit_entry *e, struct dd_error *err);

#endif
