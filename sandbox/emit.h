/* JSON output that keeps a string's bytes as they are.
 *
 * jansson's json_dumps refuses a string that is not valid UTF-8, but the
 * hostile world must be able to send such bytes (as a broken or malicious
 * server would). This writer escapes what JSON requires and copies every
 * other byte unchanged. */
#ifndef DD_SB_EMIT_H
#define DD_SB_EMIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* A malloc'd, NUL-terminated text; NULL on out of memory. Caller frees. */
char *dd_sb_emit(const json_t *v, size_t *len);

/* The same writer on a growing buffer, for answers assembled from pieces
 * (a list page from each server's cached text): what it writes is what
 * dd_sb_emit writes for the same values. A failed allocation is kept in
 * oom and every later write is dropped. */
struct dd_sb_buf {
	char *p;      /* NUL-terminated once anything is written */
	size_t len, cap;
	int oom;
};
void dd_sb_buf_put(struct dd_sb_buf *b, const char *s, size_t n);
void dd_sb_buf_cstr(struct dd_sb_buf *b, const char *s);
/* A JSON string of n bytes, escaped as dd_sb_emit escapes. */
void dd_sb_buf_str(struct dd_sb_buf *b, const char *s, size_t n);
void dd_sb_buf_uint(struct dd_sb_buf *b, uint64_t v);
void dd_sb_buf_value(struct dd_sb_buf *b, const json_t *v);
/* The text (caller frees; NULL after an allocation failure) and its
 * length; b is empty again. */
char *dd_sb_buf_take(struct dd_sb_buf *b, size_t *len);

#endif
