/* The one sanitizer. Every string from the network passes here, once,
 * when it enters the model. The result is valid UTF-8 that holds no
 * control characters, no escape sequences, no bidi overrides or isolates
 * and no invisible characters; each is shown as a visible replacement so
 * two different names never look alike. */
#ifndef DD_TEXT_H
#define DD_TEXT_H

#include <stddef.h>

/* Longest sanitized string kept in the model; longer input is cut and ends
 * with "…". */
#define DD_TEXT_MAX 512

/* Returns a malloc'd sanitized copy (caller frees), NULL only on ENOMEM.
 * in may be NULL (gives ""). */
char *dd_text_clean(const char *in, size_t len);
/* Same into a fixed buffer (always NUL-terminated, cut on a character
 * boundary). Returns the length written. */
size_t dd_text_clean_buf(const char *in, size_t len, char *out, size_t outsz);

/* Number of terminal columns the (sanitized) UTF-8 string takes. */
size_t dd_text_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns. */
size_t dd_text_fit(const char *s, size_t cols);

#endif
