#include "core/names.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Not isalnum(): that follows the locale, and the APIs do not. */
static bool ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static int check_name(const char *what, const char *v, bool fqdn, struct dd_error *err)
{
	size_t len = strlen(v), label = 0;

	if (len == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s cannot be empty.", what);
	/* The root's dot is not part of the name's length (RFC 1035 counts 253
	 * without it), and what is left must still end with a label. */
	if (fqdn && len > 1 && v[len - 1] == '.')
		len--;
	if (len > 253)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The %s is %zu characters long; 253 at most.", what, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '.') {
			if (label == 0)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "The %s has an empty label (two dots, or a dot first).", what);
			if (v[i - 1] == '-')
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "A label of the %s ends with '-'.", what);
			label = 0;
			continue;
		}
		if (!ldh(c))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "The %s may hold only letters, digits, '-' and '.' (character %zu is not).",
					    what, i + 1);
		if (c == '-' && label == 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A label of the %s starts with '-'.", what);
		if (++label > 63)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A label of the %s is longer than 63 characters.", what);
	}
	if (v[len - 1] == '-')
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s ends with '-'.", what);
	if (v[len - 1] == '.')
		return fqdn ? dd_error_set(err, DD_E_USAGE, 0, NULL,
					   "The %s has an empty label (two dots, or a dot first).", what)
			    : dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s ends with a dot.", what);
	/* The final dot counts: "localhost." is absolute, as before. */
	if (fqdn && !strchr(v, '.'))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "A %s must be a full domain name (with a dot).", what);
	return 0;
}

int dd_check_hostname(const char *hostname, struct dd_error *err)
{
	return check_name("hostname", hostname ? hostname : "", false, err);
}

int dd_check_fqdn(const char *what, const char *name, struct dd_error *err)
{
	return check_name(what, name ? name : "", true, err);
}

int dd_check_reverse(const char *reverse, struct dd_error *err)
{
	if (!reverse || !reverse[0])
		return 0; /* removes the reverse */
	return dd_check_fqdn("reverse DNS name", reverse, err);
}

int dd_check_tags(const char *tags, struct dd_error *err)
{
	size_t run = 0;
	for (const unsigned char *p = (const unsigned char *)(tags ? tags : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Tags may not hold control characters.");
		run = *p == ',' ? 0 : run + 1;
		if (run > 128)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A tag is longer than 128 characters.");
	}
	return 0;
}
