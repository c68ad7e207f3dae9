/* Reading the audit log back (core/audit writes it): each write's intent
 * paired with its outcome by write id, newest first, for dedi audit and
 * the console's :audit screen. What the log holds was masked when written;
 * every string is sanitized again on the way in (the file is ours, but a
 * person may have edited it). */
#ifndef DD_AUDIT_LOG_H
#define DD_AUDIT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct dd_audit_record {
	char time[24];        /* of the intent (or of the outcome when the intent is missing) */
	char write[40];
	char profile[64];
	char method[8];
	char url[512];
	char summary[300];
	char body[1024];      /* as audited: secrets masked */
	bool has_outcome;     /* false: sent and never answered (or dedi died) */
	int status;
	char outcome[24];     /* ok, unknown, or an error kind */
	char message[300];
	char reconciled[300];
};

struct dd_audit_log {
	struct dd_audit_record *v; /* newest first */
	size_t n;
	size_t skipped;            /* lines that could not be read */
};

/* Reads the log at path; a missing log is an empty one. */
int dd_audit_read(const char *path, struct dd_audit_log *out, struct dd_error *err);
void dd_audit_log_clear(struct dd_audit_log *l);
/* {"writes": [...]} of the first limit records (0: all); caller frees. */
char *dd_audit_log_json(const struct dd_audit_log *l, size_t limit);

#endif
