/* Fuzz harness: the two text formats a user writes by hand, the INI config
 * (core/config.c) and a colour theme (tui/theme.c). The first byte picks
 * the parser and, for a theme, the terminal's colour count. Whatever the
 * text: no crash, no leak; a refusal is one clean line naming the file; a
 * parsed config answers every query; a parsed theme has colours in range. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "tests/fuzz/decode_check.h"
#include "tui/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void config(const char *text, size_t n)
{
	struct dd_error err;
	struct dd_config *c;
	char why[256];

	memset(&err, 0, sizeof(err));
	c = dd_config_parse(text, n, "fuzz.conf", &err);
	if (c == NULL) {
		if (err.message[0] == '\0')
			abort();
		dd_fuzz_check_error(&err);
		return;
	}
	dd_config_default_profile(c);
	dd_config_passphrase_command(c);
	dd_config_theme(c);
	dd_config_columns(c);
	dd_config_warnings(c);
	dd_config_select_profile(c, NULL);
	dd_config_ssh_user(c, "default");
	dd_config_read_only(c, "default", why, sizeof(why));
	dd_config_protects(c, "default", 42, "web-1", why, sizeof(why));
	dd_config_protects(c, NULL, 7, NULL, why, sizeof(why));
	dd_config_free(c);
}

static void theme(const char *text, int colors)
{
	struct dd_error err;
	struct dd_theme t;

	memset(&err, 0, sizeof(err));
	memset(&t, 0, sizeof(t));
	if (dd_theme_parse(text, "fuzz.theme", colors, &t, &err) != 0) {
		if (err.message[0] == '\0')
			abort();
		dd_fuzz_check_error(&err);
		return;
	}
	for (int r = 0; r < DD_R__COUNT; r++) {
		struct dd_style s = dd_theme_look(&t, (enum dd_role)r, colors);

		if (s.fg < DD_COLOR_DEFAULT || s.fg > 255 || s.bg < DD_COLOR_DEFAULT ||
		    s.bg > 255)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int colors[] = { 0, 8, 16, 88, 256 };
	char *text;

	if (size == 0)
		return 0;
	/* Both parsers read a C string, as their callers give them. */
	text = malloc(size);
	if (text == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (data[0] & 1)
		theme(text, colors[(data[0] >> 1) % 5]);
	else
		config(text, strlen(text));
	free(text);
	return 0;
}
