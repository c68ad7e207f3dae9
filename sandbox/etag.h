/* Validators of the Online v1 API's reads (online-v1.md §1: "Sends ETag
 * headers; honours If-None-Match"): a strong ETag made of the exact body
 * bytes, and RFC 9110 §13.1.2's If-None-Match test for a GET. */
#ifndef DD_SB_ETAG_H
#define DD_SB_ETAG_H

#include <stddef.h>

/* "\"" + 16 hex digits + "-" + up to 16 hex digits + "\"" + NUL */
#define DD_SB_ETAG_LEN 40

/* The ETag of a body: any change of a byte or of the length gives another. */
void dd_sb_etag_of(const char *body, size_t len, char out[DD_SB_ETAG_LEN]);

/* 1 when the If-None-Match field value names etag (weak comparison, as
 * RFC 9110 asks for If-None-Match: W/"x" matches "x"), or is "*" (the
 * resource exists: only asked of a 200). A malformed member matches
 * nothing, so a bad header gets the full answer, never a false 304. */
int dd_sb_etag_matches(const char *if_none_match, const char *etag);

#endif
