/* Writing one key of the config: the rest of the file, comments and
 * all, is the user's and stays as it was. */
#include <ctype.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/safefile.h"
#include "core/i18n.h"

#define MAX_CONFIG (64 * 1024)

/* Whether line (no newline) is "key = ..." for this key. */
static bool line_sets(const char *line, size_t len, const char *key)
{
	size_t k = strlen(key), i = 0;
	while (i < len && isspace((unsigned char)line[i]))
		i++;
	if (len - i < k || strncmp(line + i, key, k))
		return false;
	i += k;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] == '=';
}

/* A section header other than [dedi] ends the top section. */
static int header(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && isspace((unsigned char)line[i]))
		i++;
	if (i == len || line[i] != '[')
		return 0;
	return !strncmp(line + i, "[dedi]", 6) ? 1 : 2;
}

/* The new text: old with key's line replaced or added. Caller frees. */
static char *with_key(const char *old, size_t len, const char *key, const char *value,
		      size_t *out_len)
{
	size_t cap = len + strlen(key) + strlen(value) + 8, n = 0, at = len;
	char *out = malloc(cap + 1);
	bool top = true, done = false;
	if (!out)
		return NULL;
	for (size_t p = 0; p < len;) {
		const char *nl = memchr(old + p, '\n', len - p);
		size_t l = nl ? (size_t)(nl - (old + p)) : len - p;
		int h = header(old + p, l);
		if (h)
			top = h == 1;
		if (h == 2 && at == len)
			at = p; /* where a new line goes: before the first [profile] */
		if (top && !done && line_sets(old + p, l, key)) {
			n += (size_t)sprintf(out + n, "%s = %s", key, value);
			done = true;
		} else {
			memcpy(out + n, old + p, l);
			n += l;
		}
		if (nl)
			out[n++] = '\n';
		p += l + (nl ? 1 : 0);
	}
	if (!done) {
		/* Inserted at `at` of the old text: rebuild around it. */
		char *ins = malloc(cap + 1);
		size_t m = 0;
		if (!ins) {
			free(out);
			return NULL;
		}
		memcpy(ins, old, at);
		m = at;
		if (m && ins[m - 1] != '\n')
			ins[m++] = '\n';
		m += (size_t)sprintf(ins + m, "%s = %s\n", key, value);
		memcpy(ins + m, old + at, len - at);
		m += len - at;
		free(out);
		out = ins;
		n = m;
	}
	out[n] = 0;
	*out_len = n;
	return out;
}

int dd_config_set(const char *path, const char *key, const char *value, struct dd_error *err)
{
	char def[PATH_MAX], dir[PATH_MAX];
	unsigned char *buf = NULL;
	size_t len = 0, nlen;
	char *text;
	int fd, lock, rc;
	struct dd_config *check;

	if (strchr(value, '\n') || strchr(key, '\n') || strchr(value, '#') || strchr(value, ';'))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("a config value is one line without '#' or ';'"));
	if (!path) {
		if (dd_config_file_path(def, sizeof(def), err) != 0)
			return -1;
		path = def;
	}
	if (sodium_init() < 0)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libsodium could not initialise"));
	if (dd_safefile_dirname(path, dir, sizeof(dir)) < 0 || dd_safefile_mkdir_private(dir, err) < 0)
		return err->kind != DD_OK ? -1
					  : dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: no directory"), path);
	lock = dd_safefile_lock(path, err);
	if (lock < 0)
		return -1;
	fd = dd_safefile_open(path, DD_E_USAGE, err);
	if (fd == -2) {
		dd_error_clear(err);
	} else if (fd < 0) {
		close(lock);
		return -1;
	} else {
		buf = dd_safefile_slurp(fd, path, MAX_CONFIG, &len, DD_E_USAGE, err);
		close(fd);
		if (!buf) {
			close(lock);
			return -1;
		}
	}
	/* The file may already hold keys this dedi does not know (warnings);
	 * the new line must not add one. */
	size_t known_warnings = 0;
	{
		struct dd_error ignore;
		struct dd_config *before = dd_config_parse(buf ? (const char *)buf : "", len, path,
							   &ignore);
		const char *w = before ? dd_config_warnings(before) : NULL;
		known_warnings = w ? strlen(w) : 0;
		dd_config_free(before);
	}
	text = with_key(buf ? (const char *)buf : "", len, key, value, &nlen);
	if (buf)
		sodium_free(buf);
	if (!text) {
		close(lock);
		return dd_error_oom(err);
	}
	/* What is written must read back: a bad value never lands on disk. */
	check = dd_config_parse(text, nlen, path, err);
	if (!check) {
		free(text);
		close(lock);
		return -1;
	}
	{
		const char *w = dd_config_warnings(check);
		if (w && strlen(w) > known_warnings) {
			dd_error_set(err, DD_E_USAGE, 0, NULL, "%s", w + known_warnings);
			dd_config_free(check);
			free(text);
			close(lock);
			return -1;
		}
	}
	dd_config_free(check);
	rc = dd_safefile_replace(path, text, nlen, false, err);
	free(text);
	close(lock);
	return rc < 0 ? -1 : 0;
}
