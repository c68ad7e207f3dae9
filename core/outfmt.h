/* Output formats of the listing commands (-o json|yaml|table|csv): every
 * listing builds its JSON document once (core/export*.c); YAML and CSV are
 * written from that document here, so the three carry the same fields
 * under the same names. Small writers of our own, no library. */
#ifndef DD_OUTFMT_H
#define DD_OUTFMT_H

#include "core/buf.h"
#include "core/error.h"

enum dd_outfmt { DD_OUT_TABLE, DD_OUT_JSON, DD_OUT_YAML, DD_OUT_CSV };

/* "json", "yaml", "table", "csv" (case-sensitive): 0 and *out set, or -1. */
int dd_outfmt_parse(const char *name, enum dd_outfmt *out);
const char *dd_outfmt_name(enum dd_outfmt f);

/* The JSON document doc as YAML (a block document, every string that
 * could read as something else double-quoted) or CSV (RFC 4180, CRLF;
 * see dd_outfmt_csv). JSON and table give doc back as it is. NULL with
 * err filled when doc is not JSON or has no list for CSV. Caller frees. */
char *dd_outfmt_convert(const char *doc, enum dd_outfmt f, struct dd_error *err);

/* CSV rows: the records of the document's list, that is the top-level
 * array, or the arrays of objects in the top-level object (with several,
 * a first column "list" names the member each row comes from). Columns
 * are the records' fields in first-seen order; a nested object's fields
 * are "name.field"; an array of strings or numbers is joined with ";",
 * anything deeper is its compact JSON; null is an empty cell. */
char *dd_outfmt_csv(const char *doc, struct dd_error *err);
char *dd_outfmt_yaml(const char *doc, struct dd_error *err);

/* The two writers' rules for one string, for writers that skip the JSON
 * document (core/export_list.c): s as a YAML scalar (plain, or
 * double-quoted when a reader could take it for something else), and as
 * a CSV cell (quoted when it must be, control characters as U+FFFD). */
void dd_outfmt_yaml_string(struct dd_buf *o, const char *s);
void dd_outfmt_csv_cell(struct dd_buf *o, const char *s);

#endif
