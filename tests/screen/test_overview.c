/* core/names: what the edit prompts refuse, and why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/names.h"

static void hostnames(void **state)
{
	struct dd_error e;
	char long_label[80], long_name[300];
	(void)state;
	assert_int_equal(dd_check_hostname("web-01", &e), 0);
	assert_int_equal(dd_check_hostname("web-01.example.com", &e), 0);
	assert_int_equal(dd_check_hostname("", &e), -1);
	assert_int_equal(dd_check_hostname("bad_name", &e), -1);
	assert_non_null(strstr(e.message, "character 4"));
	assert_int_equal(dd_check_hostname("-web", &e), -1);
	assert_int_equal(dd_check_hostname("web-", &e), -1);
	assert_int_equal(dd_check_hostname("a..b", &e), -1);
	assert_int_equal(dd_check_hostname("web.", &e), -1);
	assert_int_equal(dd_check_hostname("w\x1b[31m", &e), -1);
	assert_int_equal(dd_check_hostname("caf\xc3\xa9", &e), -1);
	/* ASCII only, whatever the locale: no byte above 0x7f is a letter */
	for (unsigned c = 0x80; c <= 0xff; c++) {
		char name[4] = { 'a', (char)c, 'b', 0 };
		assert_int_equal(dd_check_hostname(name, &e), -1);
	}
	memset(long_label, 'a', 64);
	long_label[64] = 0;
	assert_int_equal(dd_check_hostname(long_label, &e), -1);
	memset(long_name, 'a', 299);
	long_name[299] = 0;
	for (int i = 50; i < 299; i += 50)
		long_name[i] = '.';
	assert_int_equal(dd_check_hostname(long_name, &e), -1);
	assert_non_null(strstr(e.message, "253"));
}

static void reverses(void **state)
{
	struct dd_error e;
	(void)state;
	assert_int_equal(dd_check_reverse("", &e), 0);
	assert_int_equal(dd_check_reverse("mail.example.com.", &e), 0);
	assert_int_equal(dd_check_reverse("mail.example.com", &e), 0);
	assert_int_equal(dd_check_reverse("localhost", &e), -1);
	assert_int_equal(dd_check_reverse("a b.com", &e), -1);
	assert_int_equal(dd_check_reverse(".example.com", &e), -1);
	/* one final dot, not two */
	assert_int_equal(dd_check_reverse("example.com..", &e), -1);
	assert_int_equal(dd_check_reverse("localhost.", &e), 0);
	/* the final dot is not counted in the 253 */
	char n254[256];
	memset(n254, 'a', 253);
	for (int i = 63; i < 253; i += 64)
		n254[i] = '.';
	n254[253] = '.', n254[254] = 0;
	assert_int_equal(dd_check_reverse(n254, &e), 0);
	n254[253] = 'b';
	assert_int_equal(dd_check_reverse(n254, &e), -1);
	assert_int_equal(dd_check_fqdn("name server", "ns1", &e), -1);
	assert_non_null(strstr(e.message, "name server"));
}

static void tags(void **state)
{
	struct dd_error e;
	char big[200];
	(void)state;
	assert_int_equal(dd_check_tags("", &e), 0);
	assert_int_equal(dd_check_tags("web, prod,db", &e), 0);
	assert_int_equal(dd_check_tags("a\tb", &e), -1);
	memset(big, 'x', 150);
	big[150] = 0;
	assert_int_equal(dd_check_tags(big, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostnames),
		cmocka_unit_test(reverses),
		cmocka_unit_test(tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
