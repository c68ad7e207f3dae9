/* Every shipped theme stays readable on an 8-colour terminal (TERM=xterm):
 * loaded with 8 colours and mapped as the console maps them
 * (dd_theme_look), the roles a user must tell apart look different. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/theme.h"

static const char *const shipped[] = { "dark", "light", "high-contrast", "mono" };

/* Pairs of roles that sit next to each other or replace each other on
 * screen: the cursor over a row and under the header, the active tab
 * among tabs, an error on the status line. */
static const enum dd_role apart[][2] = {
	{ DD_R_HEADER, DD_R_CURSOR },
	{ DD_R_CURSOR, DD_R_ROW },
	{ DD_R_CURSOR, DD_R_NORMAL },
	{ DD_R_HEADER, DD_R_ROW },
	{ DD_R_TAB, DD_R_TAB_ACTIVE },
	{ DD_R_STATUS, DD_R_STATUS_ERROR },
	{ DD_R_MATCH, DD_R_ROW },
};

/* What the eye gets: the colours after reverse, and underline; bold
 * alone does not count (on many 8-colour terminals it only brightens). */
static void seen(struct dd_style s, short *fg, short *bg, bool *ul)
{
	*fg = s.fg;
	*bg = s.bg;
	if (s.attrs & (DD_A_REVERSE | DD_A_STANDOUT)) {
		*fg = s.bg;
		*bg = s.fg;
		/* Reverse of the terminal's defaults: still differs from them. */
		if (*fg == DD_COLOR_DEFAULT && *bg == DD_COLOR_DEFAULT)
			*fg = -2, *bg = -3;
	}
	*ul = (s.attrs & DD_A_UNDERLINE) != 0;
}

static bool told_apart(struct dd_style a, struct dd_style b)
{
	short af, ab, bf, bb;
	bool au, bu;
	seen(a, &af, &ab, &au);
	seen(b, &bf, &bb, &bu);
	return af != bf || ab != bb || au != bu;
}

/* The shipped file by its path: never a user's copy of the same name. */
static void load(const char *name, int colors, struct dd_theme *t)
{
	struct dd_error err;
	char path[512];
	const char *src = getenv("DD_SRCDIR");
	snprintf(path, sizeof(path), "%s/themes/%s.theme", src ? src : ".", name);
	if (dd_theme_load(path, colors, t, &err) < 0)
		fail_msg("%s: %s", path, err.message);
}

static void roles_apart_with_8_colours(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		struct dd_theme t;
		load(shipped[i], 8, &t);
		for (size_t k = 0; k < sizeof(apart) / sizeof(apart[0]); k++) {
			struct dd_style a = dd_theme_look(&t, apart[k][0], 8);
			struct dd_style b = dd_theme_look(&t, apart[k][1], 8);
			if (!told_apart(a, b))
				fail_msg("%s with 8 colours: %s and %s look the same", shipped[i],
					 dd_theme_role_name(apart[k][0]), dd_theme_role_name(apart[k][1]));
		}
	}
}

/* The mapping itself: a colour the terminal lacks becomes its base. */
static void look_maps_to_8(void **state)
{
	struct dd_theme t;
	struct dd_error err;
	(void)state;
	assert_int_equal(dd_theme_parse("[8]\nnormal = default default\n[256]\nnormal = 15 24\n",
					"x.theme", 256, &t, &err), 0);
	struct dd_style s = dd_theme_look(&t, DD_R_NORMAL, 8);
	assert_int_equal(s.fg, 7);
	assert_int_equal(s.bg, 0);
	s = dd_theme_look(&t, DD_R_NORMAL, 256);
	assert_int_equal(s.fg, 15);
	assert_int_equal(s.bg, 24);
	s = dd_theme_look(&t, DD_R_NORMAL, 0);
	assert_int_equal(s.fg, DD_COLOR_DEFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_apart_with_8_colours),
		cmocka_unit_test(look_maps_to_8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
