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

/* A malloc'd, NUL-terminated text; NULL on out of memory. Caller frees. */
char *dd_sb_emit(const json_t *v, size_t *len);

#endif
