/* Theme files: the shipped ones parse, the default file is the built-in
 * theme, a broken line is named, [256] overrides [8] only with 256
 * colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/theme.h"

static char *slurp(const char *name)
{
	char path[512];
	const char *src = getenv("DD_SRCDIR");
	snprintf(path, sizeof(path), "%s/themes/%s", src ? src : ".", name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *buf = calloc(1, 65536);
	assert_non_null(buf);
	assert_true(fread(buf, 1, 65535, f) > 0);
	fclose(f);
	return buf;
}

static void shipped_themes_parse(void **state)
{
	static const char *const names[] = { "dark.theme", "light.theme", "high-contrast.theme", "mono.theme" };
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct dd_theme t;
		struct dd_error err;
		char *text = slurp(names[i]);
		assert_int_equal(dd_theme_parse(text, names[i], 256, &t, &err), 0);
		assert_int_equal(dd_theme_parse(text, names[i], 8, &t, &err), 0);
		free(text);
	}
}

static void dark_file_is_builtin(void **state)
{
	struct dd_theme a, b;
	struct dd_error err;
	(void)state;
	for (int colors = 8; colors <= 256; colors += 248) {
		char *text = slurp("dark.theme");
		assert_int_equal(dd_theme_parse(text, "dark.theme", colors, &a, &err), 0);
		free(text);
		dd_theme_builtin(&b, colors);
		assert_memory_equal(a.s, b.s, sizeof(a.s));
	}
}

static void mono_has_no_colour(void **state)
{
	struct dd_theme t;
	struct dd_error err;
	(void)state;
	char *text = slurp("mono.theme");
	assert_int_equal(dd_theme_parse(text, "mono.theme", 256, &t, &err), 0);
	free(text);
	assert_true(t.mono);
	assert_true(t.s[DD_R_CURSOR].attrs & DD_A_REVERSE);
}

static void broken_line_is_named(void **state)
{
	struct dd_theme t;
	struct dd_error err;
	(void)state;
	assert_int_equal(dd_theme_parse("[8]\nnormal = default default\n\ntabel.cursor = red blue\n",
					"x.theme", 8, &t, &err), -1);
	assert_non_null(strstr(err.message, "x.theme:4:"));
	assert_non_null(strstr(err.message, "tabel.cursor"));
	assert_int_equal(dd_theme_parse("normal = red blue\n", "y.theme", 8, &t, &err), -1);
	assert_non_null(strstr(err.message, "y.theme:1:"));
	assert_int_equal(dd_theme_parse("[8]\nnormal = 200 blue\n", "z.theme", 256, &t, &err), -1);
	assert_non_null(strstr(err.message, "z.theme:2: bad colour"));
	assert_int_equal(dd_theme_parse("[8]\nnormal = red blue blink\n", "w.theme", 8, &t, &err), -1);
	assert_non_null(strstr(err.message, "unknown attribute 'blink'"));
	assert_int_equal(dd_theme_parse("[16]\n", "v.theme", 8, &t, &err), -1);
	assert_int_equal(dd_theme_parse("# nothing\n", "u.theme", 8, &t, &err), -1);
	assert_non_null(strstr(err.message, "no [8] section"));
}

static void overrides_need_256(void **state)
{
	struct dd_theme t;
	struct dd_error err;
	const char *text = "[8]\nstatus = white blue bold\n[256]\nstatus = 252 24\n";
	(void)state;
	assert_int_equal(dd_theme_parse(text, "t", 8, &t, &err), 0);
	assert_int_equal(t.s[DD_R_STATUS].fg, 7);
	assert_int_equal(t.s[DD_R_STATUS].bg, 4);
	assert_true(t.s[DD_R_STATUS].attrs & DD_A_BOLD);
	assert_int_equal(dd_theme_parse(text, "t", 256, &t, &err), 0);
	assert_int_equal(t.s[DD_R_STATUS].fg, 252);
	assert_int_equal(t.s[DD_R_STATUS].bg, 24);
}

static void choose_honours_no_color(void **state)
{
	(void)state;
	setenv("NO_COLOR", "1", 1);
	assert_string_equal(dd_theme_choose(NULL, "light"), "mono");
	assert_string_equal(dd_theme_choose("light", NULL), "light");
	setenv("NO_COLOR", "", 1);
	assert_string_equal(dd_theme_choose(NULL, "light"), "light");
	unsetenv("NO_COLOR");
	assert_string_equal(dd_theme_choose(NULL, NULL), "dark");
}

static void load_falls_back(void **state)
{
	struct dd_theme t;
	struct dd_error err;
	(void)state;
	setenv("XDG_CONFIG_HOME", "/nonexistent-dedi-test", 1);
	assert_int_equal(dd_theme_load("no-such-theme", 256, &t, &err), -1);
	assert_string_equal(t.name, "dark");
	assert_int_equal(dd_theme_load("../etc", 256, &t, &err), -1);
	assert_int_equal(dd_theme_load("light", 256, &t, &err), 0);
	assert_string_equal(t.name, "light");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_themes_parse),
		cmocka_unit_test(dark_file_is_builtin),
		cmocka_unit_test(mono_has_no_colour),
		cmocka_unit_test(broken_line_is_named),
		cmocka_unit_test(overrides_need_256),
		cmocka_unit_test(choose_honours_no_color),
		cmocka_unit_test(load_falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
