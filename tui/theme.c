/* Theme files: parse, find, apply. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "core/config.h"
#include "core/text.h"
#include "tui/theme.h"

static const char *const role_names[DD_R__COUNT] = {
	[DD_R_NORMAL] = "normal",
	[DD_R_TAB] = "tab",
	[DD_R_TAB_ACTIVE] = "tab.active",
	[DD_R_HEADER] = "table.header",
	[DD_R_HEADER_SORT] = "table.sort",
	[DD_R_ROW] = "table.row",
	[DD_R_CURSOR] = "table.cursor",
	[DD_R_MATCH] = "table.match",
	[DD_R_STALE] = "table.stale",
	[DD_R_STATUS] = "status",
	[DD_R_STATUS_INFO] = "status.info",
	[DD_R_STATUS_ERROR] = "status.error",
	[DD_R_STATUS_BUSY] = "status.busy",
	[DD_R_HELP] = "help",
	[DD_R_HELP_KEY] = "help.key",
	[DD_R_DIALOG] = "dialog",
	[DD_R_DIALOG_TITLE] = "dialog.title",
	[DD_R_PROMPT] = "prompt",
	[DD_R_SECTION] = "section",
	[DD_R_LABEL] = "label",
	[DD_R_VALUE] = "value",
	[DD_R_DIM] = "dim",
	[DD_R_ERROR] = "error",
	[DD_R_OK] = "ok",
	[DD_R_BORDER] = "border",
	[DD_R_STATE_READY] = "state.ready",
	[DD_R_STATE_STOPPED] = "state.stopped",
	[DD_R_STATE_ERROR] = "state.error",
	[DD_R_STATE_LOCKED] = "state.locked",
	[DD_R_STATE_INSTALLING] = "state.installing",
};

/* The default theme, the same text as themes/dark.theme (a test checks):
 * what loads when no file can. */
static const char builtin_dark[] =
	"[8]\n"
	"normal = default default\n"
	"tab = white blue\n"
	"tab.active = black cyan bold\n"
	"table.header = black cyan\n"
	"table.sort = black cyan bold underline\n"
	"table.row = default default\n"
	"table.cursor = black white\n"
	"table.match = yellow default bold underline\n"
	"table.stale = yellow default\n"
	"status = white blue\n"
	"status.info = green blue bold\n"
	"status.error = white red bold\n"
	"status.busy = yellow blue bold\n"
	"help = default default\n"
	"help.key = cyan default bold\n"
	"dialog = white blue\n"
	"dialog.title = yellow blue bold\n"
	"prompt = default default\n"
	"section = cyan default bold\n"
	"label = default default dim\n"
	"value = default default\n"
	"dim = default default dim\n"
	"error = red default bold\n"
	"ok = green default\n"
	"border = blue default\n"
	"[256]\n"
	"tab = 252 24\n"
	"tab.active = 16 75 bold\n"
	"table.header = 16 110\n"
	"table.sort = 16 110 bold underline\n"
	"table.cursor = 16 117\n"
	"table.match = 220 default bold underline\n"
	"status = 252 24\n"
	"status.info = 120 24 bold\n"
	"status.error = 231 160 bold\n"
	"status.busy = 220 24 bold\n"
	"dialog = 252 24\n"
	"dialog.title = 220 24 bold\n"
	"section = 75 default bold\n"
	"label = 245 default\n"
	"border = 24 default\n"
	"[8]\n"
	"state.ready = green default\n"
	"state.stopped = default default dim\n"
	"state.error = red default bold\n"
	"state.locked = magenta default bold\n"
	"state.installing = yellow default\n";

const char *dd_theme_role_name(enum dd_role r)
{
	return (r >= 0 && r < DD_R__COUNT) ? role_names[r] : "?";
}

static void theme_zero(struct dd_theme *t)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < DD_R__COUNT; i++)
		t->s[i].fg = t->s[i].bg = DD_COLOR_DEFAULT;
}

static void builtin(struct dd_theme *t, int colors)
{
	struct dd_error err;
	/* The built-in text is known good. */
	dd_theme_parse(builtin_dark, "built-in", colors, t, &err);
	snprintf(t->name, sizeof(t->name), "dark");
}

void dd_theme_builtin(struct dd_theme *t, int colors)
{
	builtin(t, colors);
}

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static int parse_color(const char *w, bool allow256, short *out)
{
	if (!strcmp(w, "default")) {
		*out = DD_COLOR_DEFAULT;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (!strcmp(w, color_names[i])) {
			*out = (short)i;
			return 0;
		}
		if (!strncmp(w, "bright", 6) && !strcmp(w + 6, color_names[i]) && allow256) {
			*out = (short)(i + 8);
			return 0;
		}
	}
	if (isdigit((unsigned char)w[0])) {
		char *end;
		long v = strtol(w, &end, 10);
		if (*end == 0 && v >= 0 && v <= (allow256 ? 255 : 7)) {
			*out = (short)v;
			return 0;
		}
	}
	return -1;
}

static int parse_attr(const char *w, unsigned *attrs)
{
	static const struct { const char *n; unsigned a; } tab[] = {
		{ "bold", DD_A_BOLD },       { "reverse", DD_A_REVERSE },
		{ "underline", DD_A_UNDERLINE }, { "dim", DD_A_DIM },
		{ "standout", DD_A_STANDOUT }, { "none", 0 },
	};
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(w, tab[i].n)) {
			*attrs |= tab[i].a;
			return 0;
		}
	return -1;
}

static int find_role(const char *w)
{
	for (int i = 0; i < DD_R__COUNT; i++)
		if (!strcmp(w, role_names[i]))
			return i;
	return -1;
}

/* Splits a line into words in place; returns the count (at most max). */
static int split(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == '='))
			*p++ = 0;
		if (!*p)
			break;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p && !isspace((unsigned char)*p) && *p != '=')
			p++;
	}
	return n;
}

int dd_theme_parse(const char *text, const char *file, int colors, struct dd_theme *out,
		   struct dd_error *err)
{
	struct dd_theme t;
	int section = 0; /* 0 none yet, 8, 256 */
	bool seen8 = false;
	int lineno = 0;
	const char *p = text;
	theme_zero(&t);
	while (*p) {
		char line[512], *w[8];
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len >= sizeof(line))
			return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%d: line too long.", file, lineno);
		memcpy(line, p, len);
		line[len] = 0;
		p += len + (nl ? 1 : 0);
		char *hash = strchr(line, '#');
		if (hash)
			*hash = 0;
		char *s = line;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			continue;
		if (*s == '[') {
			if (!strncmp(s, "[8]", 3) && !s[3 + strspn(s + 3, " \t\r")]) {
				section = 8;
				seen8 = true;
			} else if (!strncmp(s, "[256]", 5) && !s[5 + strspn(s + 5, " \t\r")]) {
				section = 256;
			} else {
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "%s:%d: unknown section (only [8] and [256] exist).",
						    file, lineno);
			}
			continue;
		}
		if (!section)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "%s:%d: a role before the [8] section.", file, lineno);
		if (!strchr(s, '='))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "%s:%d: expected 'role = fg bg [attributes]'.", file, lineno);
		int n = split(s, w, 7);
		if (n < 3 || n > 7)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "%s:%d: expected 'role = fg bg [attributes]'.", file, lineno);
		int role = find_role(w[0]);
		/* The file's words reach a terminal in the message: sanitized
		 * (a control byte in a theme file is an escape sequence). */
		char shown[64];
		if (role < 0) {
			dd_text_clean_str(w[0], shown, 41);
			return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%d: unknown role '%s'.",
					    file, lineno, shown);
		}
		struct dd_style st = { DD_COLOR_DEFAULT, DD_COLOR_DEFAULT, 0 };
		if (parse_color(w[1], section == 256, &st.fg) < 0 ||
		    parse_color(w[2], section == 256, &st.bg) < 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "%s:%d: bad colour (use default, black..white%s).", file,
					    lineno, section == 256 ? ", bright*, or 0-255" : " or 0-7");
		for (int i = 3; i < n; i++)
			if (parse_attr(w[i], &st.attrs) < 0) {
				dd_text_clean_str(w[i], shown, 41);
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "%s:%d: unknown attribute '%s'.", file, lineno, shown);
			}
		if (section == 8 || colors >= 256)
			t.s[role] = st;
	}
	if (!seen8)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s: no [8] section.", file);
	t.mono = true;
	for (int i = 0; i < DD_R__COUNT; i++)
		if (t.s[i].fg != DD_COLOR_DEFAULT || t.s[i].bg != DD_COLOR_DEFAULT)
			t.mono = false;
	*out = t;
	return 0;
}

static char *slurp(const char *path, size_t max)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
	fclose(f);
	if (!buf || n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

static bool valid_name(const char *name)
{
	if (!name[0] || strlen(name) > 48)
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return false;
	return true;
}

int dd_theme_load(const char *name, int colors, struct dd_theme *out, struct dd_error *err)
{
	char dirs[4][PATH_MAX], path[PATH_MAX + 80], user[PATH_MAX];
	int nd = 0;
	struct dd_error derr;
	const char *src = getenv("DD_SRCDIR");
	char exe[PATH_MAX];
	ssize_t el;
	builtin(out, colors);
	if (!name || !name[0])
		name = "dark";
	if (strchr(name, '/')) {
		snprintf(path, sizeof(path), "%s", name);
		nd = -1;
	} else if (!valid_name(name)) {
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "Theme name '%.48s' is not valid (letters, digits, '-', '_').", name);
	}
	if (nd == 0) {
		if (dd_config_dir(DD_XDG_CONFIG, user, sizeof(user), &derr) == 0)
			snprintf(dirs[nd++], PATH_MAX, "%.*s/themes", PATH_MAX - 8, user);
		if (src && src[0])
			snprintf(dirs[nd++], PATH_MAX, "%s/themes", src);
		el = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (el > 0) {
			exe[el] = 0;
			char *slash = strrchr(exe, '/');
			if (slash) {
				*slash = 0;
				snprintf(dirs[nd++], PATH_MAX, "%s/themes", exe);
			}
		}
		snprintf(dirs[nd++], PATH_MAX, "%s/themes", DD_DATADIR);
	}
	char *text = NULL;
	for (int i = 0; nd >= 0 && i < nd && !text; i++) {
		snprintf(path, sizeof(path), "%s/%s.theme", dirs[i], name);
		text = slurp(path, 65536);
	}
	if (nd < 0)
		text = slurp(path, 65536);
	if (!text) {
		if (!strcmp(name, "dark"))
			return 0; /* the built-in one is dark */
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    "Theme '%.48s' was not found; using the default theme.", name);
	}
	const char *base = strrchr(path, '/');
	struct dd_theme t;
	int rc = dd_theme_parse(text, base ? base + 1 : path, colors, &t, err);
	free(text);
	if (rc < 0) {
		size_t l = strlen(err->message);
		if (l + 32 < sizeof(err->message))
			snprintf(err->message + l, sizeof(err->message) - l,
				 " Using the default theme.");
		return -1;
	}
	const char *b = strrchr(name, '/');
	snprintf(t.name, sizeof(t.name), "%.48s", b ? b + 1 : name);
	*out = t;
	return 0;
}

const char *dd_theme_choose(const char *cli_theme, const char *config_theme)
{
	const char *nc = getenv("NO_COLOR");
	if (cli_theme && cli_theme[0])
		return cli_theme;
	if (nc && nc[0])
		return "mono";
	if (config_theme && config_theme[0])
		return config_theme;
	return "dark";
}

static attr_t to_curses(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & DD_A_BOLD)
		r |= A_BOLD;
	if (a & DD_A_REVERSE)
		r |= A_REVERSE;
	if (a & DD_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & DD_A_DIM)
		r |= A_DIM;
	if (a & DD_A_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

struct dd_style dd_theme_look(const struct dd_theme *t, enum dd_role r, int colors)
{
	struct dd_style s = t->s[r];
	if (t->mono || colors <= 0) {
		s.fg = s.bg = DD_COLOR_DEFAULT;
		return s;
	}
	/* A colour the terminal lacks falls to its 8-colour base (bright
	 * white is white). */
	if (s.fg >= colors)
		s.fg = (short)(s.fg % 8);
	if (s.bg >= colors)
		s.bg = (short)(s.bg % 8);
	return s;
}

void dd_theme_apply(const struct dd_theme *t)
{
	if (t->mono || !has_colors())
		return;
	for (int i = 0; i < DD_R__COUNT; i++) {
		struct dd_style s = dd_theme_look(t, (enum dd_role)i, COLORS);
		init_pair((short)(i + 1), s.fg, s.bg);
	}
}

unsigned long dd_theme_attr(const struct dd_theme *t, enum dd_role r)
{
	attr_t a = to_curses(t->s[r].attrs);
	if (!t->mono && has_colors())
		a |= (attr_t)COLOR_PAIR(r + 1);
	return a;
}
