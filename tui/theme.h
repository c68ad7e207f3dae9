/* Colour themes: roles, not hues. A theme file holds lines
 * `role = fg bg [bold|reverse|underline|dim|standout]` under an `[8]`
 * section (required) and an optional `[256]` section that overrides it on
 * terminals with 256 colours. Parsing is pure; dd_theme_apply talks to
 * curses. */
#ifndef DD_TUI_THEME_H
#define DD_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

enum dd_role {
	DD_R_NORMAL,
	DD_R_TAB,
	DD_R_TAB_ACTIVE,
	DD_R_HEADER,
	DD_R_HEADER_SORT,
	DD_R_ROW,
	DD_R_CURSOR,
	DD_R_MATCH,
	DD_R_STALE,
	DD_R_STATUS,
	DD_R_STATUS_INFO,
	DD_R_STATUS_ERROR,
	DD_R_STATUS_BUSY,
	DD_R_HELP,
	DD_R_HELP_KEY,
	DD_R_DIALOG,
	DD_R_DIALOG_TITLE,
	DD_R_PROMPT,
	DD_R_SECTION,
	DD_R_LABEL,
	DD_R_VALUE,
	DD_R_DIM,
	DD_R_ERROR,
	DD_R_OK,
	DD_R_BORDER,
	DD_R_STATE_READY,       /* a server's status by meaning */
	DD_R_STATE_STOPPED,
	DD_R_STATE_ERROR,
	DD_R_STATE_LOCKED,
	DD_R_STATE_INSTALLING,
	DD_R__COUNT
};

/* Attribute bits, independent of curses so the parser stays pure. */
enum {
	DD_A_BOLD = 1,
	DD_A_REVERSE = 2,
	DD_A_UNDERLINE = 4,
	DD_A_DIM = 8,
	DD_A_STANDOUT = 16
};

#define DD_COLOR_DEFAULT (-1)

struct dd_style {
	short fg, bg;       /* 0..255 or DD_COLOR_DEFAULT */
	unsigned attrs;     /* DD_A_* */
};

struct dd_theme {
	char name[64];
	struct dd_style s[DD_R__COUNT];
	bool mono;          /* attributes only, no colour at all */
};

const char *dd_theme_role_name(enum dd_role r);

/* What the terminal shows for a role with its colour count: no colour
 * when mono or colours is 0, colours it lacks mapped to their 8-colour
 * base. dd_theme_apply sets the pairs from it. */
struct dd_style dd_theme_look(const struct dd_theme *t, enum dd_role r, int colors);

/* The built-in dark theme, used when nothing else loads. */
void dd_theme_builtin(struct dd_theme *t, int colors);

/* Parses a theme text. colors is the terminal's colour count: [256]
 * applies when it is >= 256. file names the source in messages
 * ("dark.theme:12: unknown role 'tabel.cursor'"). */
int dd_theme_parse(const char *text, const char *file, int colors, struct dd_theme *out,
		   struct dd_error *err);

/* Finds NAME.theme (or a path with a '/') in, in order: the user's
 * $XDG_CONFIG_HOME/dedi/themes, $DD_SRCDIR/themes, the executable's
 * directory's themes/, DD_DATADIR/themes. On failure *out is the built-in
 * theme and err says why. */
int dd_theme_load(const char *name, int colors, struct dd_theme *out, struct dd_error *err);

/* Picks the theme name: --theme wins, then NO_COLOR (mono), then the
 * configured name, then "dark". */
const char *dd_theme_choose(const char *cli_theme, const char *config_theme);

/* Installs the colour pairs (call after start_color). */
void dd_theme_apply(const struct dd_theme *t);
/* The curses attribute of a role (colour pair and attributes). */
unsigned long dd_theme_attr(const struct dd_theme *t, enum dd_role r);

#endif
