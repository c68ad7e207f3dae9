/* The one sanitizer. Every string from the network passes here, once,
 * when it enters the model. The result is valid UTF-8 that holds no
 * control characters, no escape sequences, no bidi overrides or isolates
 * and no invisible characters; each is shown as a visible replacement so
 * two different names never look alike.
 *
 * The replacements, one notation for all (ASCII, short):
 *   - a code point that may not be shown is written \u{HEX}: uppercase hex,
 *     at least two digits ("\u{1B}" for ESC, "\u{9B}" for the C1 CSI,
 *     "\u{202E}" for RLO, "\u{E0041}" for a tag character). That covers C0
 *     (TAB, CR, LF included), DEL, C1, every format character (bidi
 *     controls, zero-width spaces and joiners, BOM, soft hyphen, tags),
 *     spaces other than U+0020, line and paragraph separators, fillers,
 *     variation selectors, noncharacters and code points unassigned in the
 *     built-in Unicode version (DD_TEXT_UNICODE_VERSION in text.c);
 *   - a combining mark beyond the second in a row is written \u{HEX} too,
 *     so a string cannot draw outside its cell;
 *   - each maximal invalid UTF-8 subpart (lone continuation, truncated
 *     sequence, overlong form, encoded surrogate, byte FE/FF, past U+10FFFF)
 *     becomes U+FFFD, as the Unicode standard recommends.
 * A backslash in the input stays as it is, so cleaning is idempotent:
 * dd_text_clean(dd_text_clean(x)) equals dd_text_clean(x).
 * Nothing depends on the locale; nothing is allocated but the result. */
#ifndef DD_TEXT_H
#define DD_TEXT_H

#include <stddef.h>

/* Longest sanitized string kept in the model, counting its NUL: the output
 * holds at most DD_TEXT_MAX - 1 bytes, so it fits a char[DD_TEXT_MAX].
 * Longer output is cut on a character boundary and ends with "…". */
#define DD_TEXT_MAX 512

/* Returns a malloc'd sanitized copy (caller frees), NULL only on ENOMEM.
 * in may be NULL (gives ""). len bytes are read; NUL bytes among them are
 * escaped like any other control character. */
char *dd_text_clean(const char *in, size_t len);
/* Same into a fixed buffer (always NUL-terminated when outsz > 0, cut on a
 * character boundary; "…" ends a cut string when outsz >= 4). At most
 * DD_TEXT_MAX - 1 bytes are written before the NUL whatever outsz is.
 * Returns the length written, without the NUL. */
size_t dd_text_clean_buf(const char *in, size_t len, char *out, size_t outsz);

/* Conveniences for NUL-terminated input (NULL gives ""): a sanitized
 * copy into a fixed buffer, or into *field (the old value is freed).
 * dd_text_set returns -1 on ENOMEM and leaves *field unchanged. */
size_t dd_text_clean_str(const char *in, char *out, size_t outsz);
int dd_text_set(char **field, const char *in);

/* The value as the API sent it, for --json only (which escapes what JSON
 * must): every valid UTF-8 sequence stays as it is, control characters
 * and escapes included; each maximal invalid subpart becomes U+FFFD, the
 * one change. Not cut, never for a terminal. NULL only on ENOMEM. */
char *dd_text_utf8(const char *in, size_t len);

/* Number of terminal columns the (sanitized) UTF-8 string takes: East Asian
 * wide and fullwidth characters count 2, combining marks 0, others 1.
 * NULL counts 0. */
size_t dd_text_width(const char *s);
/* Byte length of the longest prefix of s that fits in cols columns. It
 * never splits a character and keeps the combining marks of the last
 * character that fits. */
size_t dd_text_fit(const char *s, size_t cols);

#endif
