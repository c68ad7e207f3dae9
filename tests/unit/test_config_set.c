/* dd_config_set: one key written, every other line of the user's file
 * kept, a value that would not read back refused with the file untouched;
 * dd_text_utf8: the API's value kept, only invalid UTF-8 replaced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/text.h"

static char dir[64];
static char path[128];

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, 0600), 0);
}

static char *read_file(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dd-cfgset-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/config", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void adds_then_replaces(void **state)
{
	struct dd_error err;
	struct dd_config *c;
	(void)state;
	write_file("# my comment\ntheme = light\n\n[profile work]\nread_only = true\n");
	assert_int_equal(dd_config_set(path, "columns", "hostname,ipv4", &err), 0);
	assert_string_equal(read_file(), "# my comment\ntheme = light\n\ncolumns = hostname,ipv4\n"
					 "[profile work]\nread_only = true\n");
	assert_int_equal(dd_config_set(path, "columns", "hostname,os", &err), 0);
	assert_string_equal(read_file(), "# my comment\ntheme = light\n\ncolumns = hostname,os\n"
					 "[profile work]\nread_only = true\n");
	c = dd_config_load(path, &err);
	assert_non_null(c);
	assert_string_equal(dd_config_columns(c), "hostname,os");
	assert_string_equal(dd_config_theme(c), "light");
	dd_config_free(c);
	/* No .tmp left behind: the replace renamed it. */
	char tmp[160];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_not_equal(access(tmp, F_OK), 0);
}

static void a_missing_file_is_created(void **state)
{
	struct dd_error err;
	(void)state;
	unlink(path);
	assert_int_equal(dd_config_set(path, "columns", "hostname", &err), 0);
	assert_string_equal(read_file(), "columns = hostname\n");
}

static void refuses_what_would_not_parse(void **state)
{
	struct dd_error err;
	(void)state;
	write_file("theme = dark\n");
	assert_int_equal(dd_config_set(path, "columns", "", &err), -1);
	assert_int_equal(dd_config_set(path, "columns", "a\nb = c", &err), -1);
	assert_int_equal(dd_config_set(path, "no_such_key", "x", &err), -1);
	assert_string_equal(read_file(), "theme = dark\n");
}

static void utf8_keeps_the_value(void **state)
{
	(void)state;
	char *s = dd_text_utf8("\x1b[31mred\xe2\x80\xae", 11);
	assert_string_equal(s, "\x1b[31mred\xe2\x80\xae");
	free(s);
	s = dd_text_utf8("over\xc0\xafx\xff", 8);
	assert_string_equal(s, "over\xef\xbf\xbd\xef\xbf\xbdx\xef\xbf\xbd");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(adds_then_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(a_missing_file_is_created, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_would_not_parse, setup, teardown),
		cmocka_unit_test(utf8_keeps_the_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
