/* The account-linking report: the JSON document of `dedi link check
 * --json` and the --report FILE writer (Markdown when FILE ends in .md,
 * JSON otherwise), shared by the command and the console wizard. */
#ifndef DD_LINK_REPORT_H
#define DD_LINK_REPORT_H

#include <stdbool.h>

#include "core/error.h"
#include "core/linking.h"

/* The JSON document, one object, ending in a newline. Caller frees. NULL
 * with err on out of memory. */
char *dd_link_report_json(const struct dd_link_facts *f, const struct dd_link_report *r,
			  struct dd_error *err);
/* The Markdown document. Caller frees. */
char *dd_link_report_markdown(const struct dd_link_facts *f, const struct dd_link_report *r,
			      struct dd_error *err);
/* Writes the report to path, whole or nothing (core/safefile, 0600);
 * Markdown when path ends in ".md", JSON otherwise. An existing file is
 * replaced only when overwrite. -1 with err. */
int dd_link_report_write(const char *path, const struct dd_link_facts *f,
			 const struct dd_link_report *r, bool overwrite, struct dd_error *err);

#endif
