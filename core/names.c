#include "core/names.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
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
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The %s cannot be empty."), what);
	/* The root's dot is not part of the name's length (RFC 1035 counts 253
	 * without it), and what is left must still end with a label. */
	if (fqdn && len > 1 && v[len - 1] == '.')
		len--;
	if (len > 253)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The %s is %zu characters long; 253 at most."), what, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '.') {
			if (label == 0)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("The %s has an empty label (two dots, or a dot first)."), what);
			if (v[i - 1] == '-')
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("A label of the %s ends with '-'."), what);
			label = 0;
			continue;
		}
		if (!ldh(c))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("The %s may hold only letters, digits, '-' and '.' (character %zu is not)."),
					    what, i + 1);
		if (c == '-' && label == 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("A label of the %s starts with '-'."), what);
		if (++label > 63)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("A label of the %s is longer than 63 characters."), what);
	}
	if (v[len - 1] == '-')
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The %s ends with '-'."), what);
	if (v[len - 1] == '.')
		return fqdn ? dd_error_set(err, DD_E_USAGE, 0, NULL,
					   _("The %s has an empty label (two dots, or a dot first)."), what)
			    : dd_error_set(err, DD_E_USAGE, 0, NULL, _("The %s ends with a dot."), what);
	/* The final dot counts: "localhost." is absolute, as before. */
	if (fqdn && !strchr(v, '.'))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A %s must be a full domain name (with a dot)."), what);
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
	return dd_check_fqdn(_("reverse DNS name"), reverse, err);
}

int dd_check_tags(const char *tags, struct dd_error *err)
{
	char **v;
	size_t n;

	if (dd_tags_split(tags, &v, &n, err) < 0)
		return -1;
	free(v);
	return 0;
}

/* Tags keep their commas: the list is never joined on "," and split
 * again (a tag "a,b" would come back as two). */
int dd_tags_split(const char *text, char ***out, size_t *n, struct dd_error *err)
{
	size_t len = text ? strlen(text) : 0, max = 1, k = 0;
	char **v;
	char *w, *tag;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < len; i++)
		max += text[i] == ',';
	v = malloc(max * sizeof(*v) + len + max);
	if (!v)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory"));
	w = (char *)(v + max);
	for (size_t i = 0; i <= len;) {
		size_t tl;
		tag = w;
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		for (; i < len && text[i] != ','; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c < 0x20 || c == 0x7f) {
				free(v);
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("Tags may not hold control characters."));
			}
			if (c == '\\' && i + 1 < len && (text[i + 1] == ',' || text[i + 1] == '\\'))
				c = (unsigned char)text[++i];
			*w++ = (char)c;
		}
		while (w > tag && (w[-1] == ' ' || w[-1] == '\t'))
			w--;
		tl = (size_t)(w - tag);
		*w++ = '\0';
		if (tl > 128) {
			free(v);
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("A tag is longer than 128 characters."));
		}
		if (tl)
			v[k++] = tag;
		else
			w = tag;
		i++; /* the comma, or past the end */
	}
	*out = v;
	*n = k;
	return 0;
}

char *dd_tags_join(const char *const *tags, size_t n)
{
	size_t len = 1;
	char *s, *o;

	for (size_t i = 0; i < n; i++) {
		len += 1;
		for (const char *p = tags[i]; *p; p++)
			len += (*p == ',' || *p == '\\') ? 2 : 1;
	}
	s = o = malloc(len);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		for (const char *p = tags[i]; *p; p++) {
			if (*p == ',' || *p == '\\')
				*o++ = '\\';
			*o++ = *p;
		}
	}
	*o = '\0';
	return s;
}
