/* Host names, DNS names and tags: the rules the APIs apply to what a person
 * types, written once for the console, the scripts and the sandbox. The
 * rules are ASCII and locale-free: a byte above 0x7f is never a letter,
 * whatever LC_CTYPE says, so a Latin-1 locale cannot widen them. Pure
 * functions: no I/O, no allocation. */
#ifndef DD_NAMES_H
#define DD_NAMES_H

#include "core/error.h"

/* A server's host name: labels of ASCII letters, digits and '-' (not first
 * or last), 1 to 63 each, joined by dots, 253 characters at most, no final
 * dot. NULL counts as "". Returns 0, or -1 with err (DD_E_USAGE) saying
 * what is wrong. */
int dd_check_hostname(const char *hostname, struct dd_error *err);
/* A fully qualified domain name (a name server, a reverse): the host name
 * rule, with at least one dot and one optional final dot (not counted in
 * the 253). what names the field in the message ("name server"). */
int dd_check_fqdn(const char *what, const char *name, struct dd_error *err);
/* A reverse DNS name: "" (or NULL) removes it; otherwise dd_check_fqdn. */
int dd_check_reverse(const char *reverse, struct dd_error *err);
/* Tags as a person types them: separated by commas, "\\," is a comma
 * inside a tag and "\\\\" a backslash; blanks around a tag are dropped,
 * empty tags too. Each: no control characters, 128 bytes at most. */
int dd_check_tags(const char *tags, struct dd_error *err);
/* Splits tags text (the rule above) into *out, an array of *n strings in
 * one allocation (caller frees *out once). -1 with err filled. */
int dd_tags_split(const char *text, char ***out, size_t *n, struct dd_error *err);
/* The text of a tag list by the same rule (split gives the list back).
 * Caller frees; NULL only on ENOMEM. */
char *dd_tags_join(const char *const *tags, size_t n);

#endif
