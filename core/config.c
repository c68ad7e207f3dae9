#include "core/config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/safefile.h"
#include "core/text.h"
#include "core/vault.h"

#define MAX_CONFIG (64 * 1024)

struct dd_config {
	char *default_profile;
	char *passphrase_command;
	char *theme;
};

static const struct {
	const char *env;
	const char *fallback; /* under $HOME */
} XDG[] = {
	[DD_XDG_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	[DD_XDG_DATA] = { "XDG_DATA_HOME", ".local/share" },
	[DD_XDG_STATE] = { "XDG_STATE_HOME", ".local/state" },
	[DD_XDG_CACHE] = { "XDG_CACHE_HOME", ".cache" },
};

int dd_config_dir(enum dd_xdg which, char *buf, size_t len, struct dd_error *err)
{
	const char *v = getenv(XDG[which].env), *home = getenv("HOME");
	int n;

	if (v && v[0] == '/')
		n = snprintf(buf, len, "%s/dedi", v);
	else if (home && home[0] == '/')
		n = snprintf(buf, len, "%s/%s/dedi", home, XDG[which].fallback);
	else
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "neither %s nor HOME is set to an absolute path: set HOME",
				    XDG[which].env);
	if (n < 0 || (size_t)n >= len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s is too long", XDG[which].env);
	return 0;
}

static int file_in(enum dd_xdg which, const char *name, char *buf, size_t len,
		   struct dd_error *err)
{
	size_t n;

	if (dd_config_dir(which, buf, len, err) != 0)
		return -1;
	n = strlen(buf);
	if (snprintf(buf + n, len - n, "/%s", name) >= (int)(len - n))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "path too long for %s", name);
	return 0;
}

int dd_config_vault_path(char *buf, size_t len, struct dd_error *err)
{
	return file_in(DD_XDG_DATA, "vault", buf, len, err);
}

int dd_config_file_path(char *buf, size_t len, struct dd_error *err)
{
	return file_in(DD_XDG_CONFIG, "config", buf, len, err);
}

void dd_config_free(struct dd_config *c)
{
	if (!c)
		return;
	free(c->default_profile);
	free(c->passphrase_command);
	free(c->theme);
	free(c);
}

static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

/* A piece of the file quoted in a message: cleaned for the terminal. */
static const char *shown(const char *s, char *buf, size_t len)
{
	dd_text_clean_buf(s, strnlen(s, 40), buf, len);
	return buf;
}

static int set_key(struct dd_config *c, const char *key, const char *val, const char *name,
		   unsigned line, struct dd_error *err)
{
	char **slot, show[64];

	if (strcmp(key, "default_profile") == 0)
		slot = &c->default_profile;
	else if (strcmp(key, "passphrase_command") == 0)
		slot = &c->passphrase_command;
	else if (strcmp(key, "theme") == 0)
		slot = &c->theme;
	else
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s:%u: unknown key \"%s\" (known: default_profile, "
				    "passphrase_command, theme)", name, line,
				    shown(key, show, sizeof(show)));
	if (*slot)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%u: %s is set twice", name, line,
				    key);
	if (!*val)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s:%u: %s has an empty value: remove the line or give a value",
				    name, line, key);
	if (slot == &c->default_profile && !dd_vault_name_ok(val))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s:%u: default_profile is not a valid profile name (1 to 63 "
				    "letters, digits, '.', '_', '-')", name, line);
	*slot = strdup(val);
	if (!*slot)
		return dd_error_oom(err);
	return 0;
}

static int parse_line(struct dd_config *c, char *s, char *end, const char *name, unsigned line,
		      struct dd_error *err)
{
	char *eq, *key, *val, show[64];
	size_t vl;

	if (end > s && end[-1] == '\r')
		*--end = '\0';
	for (char *p = s; p < end; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "%s:%u: control character in the line", name, line);
	s = trim(s, end);
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		if (strcmp(s, "[dedi]") == 0)
			return 0;
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s:%u: unknown section %s (only [dedi] is known)", name,
				    line, shown(s, show, sizeof(show)));
	}
	eq = strchr(s, '=');
	if (!eq)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%u: expected \"key = value\"",
				    name, line);
	key = trim(s, eq);
	val = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if (*key == '\0')
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%u: missing key before '='",
				    name, line);
	vl = strlen(val);
	if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
		val[vl - 1] = '\0';
		val++;
	}
	return set_key(c, key, val, name, line, err);
}

struct dd_config *dd_config_parse(const char *text, size_t len, const char *name,
				  struct dd_error *err)
{
	struct dd_config *c = calloc(1, sizeof(*c));
	char *copy = malloc(len + 1);
	char *p, *end;
	unsigned line = 0;

	if (!c || !copy) {
		free(c);
		free(copy);
		dd_error_oom(err);
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (memchr(copy, '\0', len)) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, "%s: contains a NUL byte: not a text file",
			     name);
		goto fail;
	}
	for (p = copy; p < copy + len; p = end + 1) {
		end = memchr(p, '\n', (size_t)(copy + len - p));
		if (!end)
			end = copy + len;
		*end = '\0';
		if (parse_line(c, p, end, name, ++line, err) != 0)
			goto fail;
	}
	free(copy);
	return c;
fail:
	free(copy);
	dd_config_free(c);
	return NULL;
}

struct dd_config *dd_config_load(const char *path, struct dd_error *err)
{
	char def[PATH_MAX];
	unsigned char *buf;
	struct dd_config *c;
	size_t len;
	int fd;

	if (!path) {
		if (dd_config_file_path(def, sizeof(def), err) != 0)
			return NULL;
		path = def;
	}
	if (sodium_init() < 0) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, "libsodium could not initialise");
		return NULL;
	}
	fd = dd_safefile_open(path, DD_E_USAGE, err);
	if (fd == -2) {
		dd_error_clear(err);
		c = calloc(1, sizeof(*c));
		if (!c)
			dd_error_oom(err);
		return c;
	}
	if (fd < 0)
		return NULL;
	buf = dd_safefile_slurp(fd, path, MAX_CONFIG, &len, DD_E_USAGE, err);
	close(fd);
	if (!buf)
		return NULL;
	c = dd_config_parse((const char *)buf, len, path, err);
	sodium_free(buf);
	return c;
}

const char *dd_config_default_profile(const struct dd_config *c)
{
	return c ? c->default_profile : NULL;
}

const char *dd_config_passphrase_command(const struct dd_config *c)
{
	return c ? c->passphrase_command : NULL;
}

const char *dd_config_theme(const struct dd_config *c)
{
	return c ? c->theme : NULL;
}

const char *dd_config_select_profile(const struct dd_config *c, const char *explicit_name)
{
	const char *env = getenv("DEDI_PROFILE");

	if (explicit_name && *explicit_name)
		return explicit_name;
	if (env && *env)
		return env;
	if (c && c->default_profile)
		return c->default_profile;
	return "default";
}
