#include "core/config.h"

#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "core/safefile.h"
#include "core/text.h"
#include "core/vault.h"
#include "core/i18n.h"

#define MAX_CONFIG (64 * 1024)

/* A [profile NAME] section: the guards of the write path for one profile. */
struct profile_sect {
	char *name;
	int read_only;        /* -1 unset, 0, 1 */
	unsigned read_only_line;
	char *protected_list; /* "1234, web-1" or NULL */
	unsigned protected_line;
	char *ssh_user;       /* the console's ssh login for this profile's servers, or NULL */
};

struct dd_config {
	char *default_profile;
	char *passphrase_command;
	char *theme;
	char *columns;            /* the console's shown server columns */
	char *protected_list;     /* [dedi] protected: every profile */
	unsigned protected_line;
	struct profile_sect *profiles;
	size_t n_profiles;
	struct profile_sect *cur; /* while parsing: the open [profile] or NULL */
	char *name;               /* the file, for messages */
	char *warnings;           /* unknown keys, one line each; NULL if none */
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
				    _("neither %s nor HOME is set to an absolute path: set HOME"),
				    XDG[which].env);
	if (n < 0 || (size_t)n >= len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is too long"), XDG[which].env);
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
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("path too long for %s"), name);
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
	free(c->columns);
	free(c->protected_list);
	for (size_t i = 0; i < c->n_profiles; i++) {
		free(c->profiles[i].name);
		free(c->profiles[i].protected_list);
		free(c->profiles[i].ssh_user);
	}
	free(c->profiles);
	free(c->name);
	free(c->warnings);
	free(c);
}

/* A key a newer (or older) dedi knows must not stop every command: it is
 * told, and the rest of the file still applies. */
static int warn(struct dd_config *c, struct dd_error *err, const char *fmt, ...)
{
	char line[256], *w;
	size_t old = c->warnings ? strlen(c->warnings) : 0, add;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	add = strlen(line);
	w = realloc(c->warnings, old + add + 2);
	if (!w)
		return dd_error_oom(err);
	memcpy(w + old, line, add);
	w[old + add] = '\n';
	w[old + add + 1] = '\0';
	c->warnings = w;
	return 0;
}

const char *dd_config_warnings(const struct dd_config *c)
{
	return c ? c->warnings : NULL;
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

/* read_only and protected: in [dedi] (protected only) or in a
 * [profile NAME] section. */
static int set_guard(struct dd_config *c, const char *key, const char *val, const char *name,
		     unsigned line, struct dd_error *err)
{
	struct profile_sect *p = c->cur;
	char **list = p ? &p->protected_list : &c->protected_list;
	unsigned *at = p ? &p->protected_line : &c->protected_line;

	if (strcmp(key, "read_only") == 0) {
		if (p->read_only >= 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: read_only is set twice"),
					    name, line);
		if (strcmp(val, "true") != 0 && strcmp(val, "false") != 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s:%u: read_only is true or false"), name, line);
		p->read_only = strcmp(val, "true") == 0;
		p->read_only_line = line;
		return 0;
	}
	if (*list)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: protected is set twice"), name,
				    line);
	if (!*val)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%u: protected has an empty value: give server ids or "
				    "hostnames, separated by commas"), name, line);
	*list = strdup(val);
	*at = line;
	return *list ? 0 : dd_error_oom(err);
}

/* "[profile NAME]" opens (or reopens) that profile's section. */
static int open_section(struct dd_config *c, const char *s, const char *name, unsigned line,
			struct dd_error *err)
{
	char pname[80], show[64];
	size_t n = strlen(s);

	if (strcmp(s, "[dedi]") == 0) {
		c->cur = NULL;
		return 0;
	}
	if (strncmp(s, "[profile ", 9) != 0 || s[n - 1] != ']' || n - 10 >= sizeof(pname))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%u: unknown section %s (known: [dedi], [profile NAME])"),
				    name, line, shown(s, show, sizeof(show)));
	memcpy(pname, s + 9, n - 10);
	pname[n - 10] = '\0';
	if (!dd_vault_name_ok(pname))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%u: not a valid profile name (1 to 63 letters, digits, '.', "
				    "'_', '-')"), name, line);
	for (size_t i = 0; i < c->n_profiles; i++)
		if (strcmp(c->profiles[i].name, pname) == 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s:%u: [profile %s] appears twice"), name, line, pname);
	struct profile_sect *v = realloc(c->profiles, (c->n_profiles + 1) * sizeof(*v));
	if (!v)
		return dd_error_oom(err);
	c->profiles = v;
	c->cur = &v[c->n_profiles];
	*c->cur = (struct profile_sect){ .name = strdup(pname), .read_only = -1 };
	c->n_profiles++;
	return c->cur->name ? 0 : dd_error_oom(err);
}

static int set_key(struct dd_config *c, const char *key, const char *val, const char *name,
		   unsigned line, struct dd_error *err)
{
	char **slot, show[64];
	struct profile_sect *p = c->cur;

	if (strcmp(key, "protected") == 0 || (p && strcmp(key, "read_only") == 0))
		return set_guard(c, key, val, name, line, err);
	if (p && strcmp(key, "ssh_user") == 0) {
		size_t n = strlen(val);
		if (p->ssh_user)
			return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: ssh_user is set twice"),
					    name, line);
		/* it becomes an argument of ssh: nothing an option or a shell reads */
		if (!n || n > 32 || val[0] == '-' || strspn(val, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s:%u: ssh_user is 1 to 32 letters, digits, '.', '_', '-' "
					    "(not first)"), name, line);
		p->ssh_user = strdup(val);
		return p->ssh_user ? 0 : dd_error_oom(err);
	}
	if (p)
		return warn(c, err, _("%s:%u: unknown key \"%s\" in [profile %s] ignored (known: "
			    "read_only, protected, ssh_user)"), name, line, shown(key, show, sizeof(show)),
			    p->name);
	if (strcmp(key, "default_profile") == 0)
		slot = &c->default_profile;
	else if (strcmp(key, "passphrase_command") == 0)
		slot = &c->passphrase_command;
	else if (strcmp(key, "theme") == 0)
		slot = &c->theme;
	else if (strcmp(key, "columns") == 0)
		slot = &c->columns;
	else
		return warn(c, err, _("%s:%u: unknown key \"%s\" ignored (known: default_profile, "
			    "passphrase_command, theme, columns, protected)"), name, line,
			    shown(key, show, sizeof(show)));
	if (*slot)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: %s is set twice"), name, line,
				    key);
	if (!*val)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%u: %s has an empty value: remove the line or give a value"),
				    name, line, key);
	if (slot == &c->default_profile && !dd_vault_name_ok(val))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%u: default_profile is not a valid profile name (1 to 63 "
				    "letters, digits, '.', '_', '-')"), name, line);
	*slot = strdup(val);
	if (!*slot)
		return dd_error_oom(err);
	return 0;
}

static int parse_line(struct dd_config *c, char *s, char *end, const char *name, unsigned line,
		      struct dd_error *err)
{
	char *eq, *key, *val;
	size_t vl;

	if (end > s && end[-1] == '\r')
		*--end = '\0';
	for (char *p = s; p < end; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s:%u: control character in the line"), name, line);
	s = trim(s, end);
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return open_section(c, s, name, line, err);
	eq = strchr(s, '=');
	if (!eq)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: expected \"key = value\""),
				    name, line);
	key = trim(s, eq);
	val = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if (*key == '\0')
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%u: missing key before '='"),
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
	if (!(c->name = strdup(name))) {
		dd_error_oom(err);
		goto fail;
	}
	if (memchr(copy, '\0', len)) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: contains a NUL byte: not a text file"),
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
	c->cur = NULL;
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
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libsodium could not initialise"));
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

const char *dd_config_columns(const struct dd_config *c)
{
	return c ? c->columns : NULL;
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

static const struct profile_sect *section(const struct dd_config *c, const char *profile)
{
	for (size_t i = 0; c && profile && i < c->n_profiles; i++)
		if (strcmp(c->profiles[i].name, profile) == 0)
			return &c->profiles[i];
	return NULL;
}

bool dd_config_read_only(const struct dd_config *c, const char *profile, char *why, size_t len)
{
	const struct profile_sect *p = section(c, profile);
	if (!p || p->read_only != 1)
		return false;
	snprintf(why, len, _("read_only = true in [profile %s] of %s (line %u)"), p->name, c->name,
		 p->read_only_line);
	return true;
}

/* One entry of a comma-separated list equals want (blanks trimmed). */
static bool in_list(const char *list, const char *want)
{
	size_t wl = strlen(want);
	for (const char *p = list; want[0] && *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;
		while (n && isspace((unsigned char)*q))
			q++, n--;
		while (n && isspace((unsigned char)q[n - 1]))
			n--;
		if (n == wl && strncasecmp(q, want, n) == 0)
			return true;
		p += e ? (size_t)(e - p) + 1 : strlen(p);
	}
	return false;
}

bool dd_config_protects(const struct dd_config *c, const char *profile, int64_t id,
			const char *hostname, char *why, size_t len)
{
	const struct profile_sect *p = section(c, profile);
	char ids[24];
	const char *hn = hostname ? hostname : "";

	snprintf(ids, sizeof(ids), "%" PRId64, id);
	if (p && p->protected_list && (in_list(p->protected_list, ids) || in_list(p->protected_list, hn))) {
		snprintf(why, len, _("protected = %.200s in [profile %s] of %s (line %u)"),
			 p->protected_list, p->name, c->name, p->protected_line);
		return true;
	}
	if (c && c->protected_list && (in_list(c->protected_list, ids) || in_list(c->protected_list, hn))) {
		snprintf(why, len, _("protected = %.200s in %s (line %u)"), c->protected_list, c->name,
			 c->protected_line);
		return true;
	}
	return false;
}

const char *dd_config_ssh_user(const struct dd_config *c, const char *profile)
{
	for (size_t i = 0; c && profile && i < c->n_profiles; i++)
		if (strcmp(c->profiles[i].name, profile) == 0)
			return c->profiles[i].ssh_user;
	return NULL;
}
