/* Importing scw's config.yaml with a real YAML parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scw_import.h"

static int imp(const char *text, struct dd_scw_import *im, struct dd_error *err)
{
	return dd_scw_import_text(text, strlen(text), "config.yaml", im, err);
}

static void scw_layout(void **state)
{
	static const char yaml[] =
		"# scw config\n"
		"access_key: SCWTESTIMPORT0000001\n"
		"secret_key: 00000000-0000-4000-8000-1e57000000a1\n"
		"default_organization_id: 22222222-2222-4222-8222-222222222222\n"
		"default_project_id: 33333333-3333-4333-8333-333333333333\n"
		"default_region: fr-par\n"
		"default_zone: fr-par-2\n"
		"send_telemetry: true\n"
		"active_profile: work\n"
		"profiles:\n"
		"  work:\n"
		"    access_key: \"SCWTESTIMPORT0000002\"\n"
		"    secret_key: '00000000-0000-4000-8000-1e57000000a2'\n"
		"    default_zone: nl-ams-1\n"
		"    api_url: http://127.0.0.1:9/\n"
		"  flow: {access_key: SCWTESTIMPORT0000003, secret_key: x-3}\n"
		"  nokeys:\n"
		"    default_zone: fr-par-1\n";
	struct dd_scw_import im;
	struct dd_error err;

	assert_int_equal(imp(yaml, &im, &err), 0);
	assert_int_equal(im.n, 3);
	assert_string_equal(im.active, "work");
	assert_string_equal(im.prof[0].profile, "default");
	assert_string_equal(im.prof[0].access_key, "SCWTESTIMPORT0000001");
	assert_string_equal(im.prof[0].zone, "fr-par-2");
	assert_string_equal(im.prof[0].project_id, "33333333-3333-4333-8333-333333333333");
	assert_string_equal(im.prof[1].profile, "work");
	assert_string_equal(im.prof[1].secret_key, "00000000-0000-4000-8000-1e57000000a2");
	assert_string_equal(im.prof[1].scw_api_url, "http://127.0.0.1:9/");
	assert_string_equal(im.prof[1].organization_id, "");
	assert_string_equal(im.prof[2].profile, "flow");
	assert_string_equal(im.prof[2].secret_key, "x-3");
	dd_scw_import_free(&im);
}

static void only_profiles(void **state)
{
	struct dd_scw_import im;
	struct dd_error err;

	assert_int_equal(imp("profiles:\n  a:\n    access_key: A\n    secret_key: S\n", &im, &err), 0);
	assert_int_equal(im.n, 1);
	assert_string_equal(im.prof[0].profile, "a");
	dd_scw_import_free(&im);
}

static void refusals(void **state)
{
	static const struct {
		const char *yaml;
		const char *msg;
	} bad[] = {
		{ "", "the file is empty" },
		{ "- a\n- b\n", "config.yaml:1:1: expected a mapping" },
		{ "access_key: [a, b]\n", "config.yaml:1:13: access_key must be a plain value" },
		{ "access_key: A\n  bad: indentation\n", "config.yaml:2:" },
		{ "profiles:\n  \"../x\":\n    access_key: A\n", "config.yaml:2:3: profile name dedi cannot use" },
		{ "profiles: [1]\n", "profiles must be a mapping" },
		{ "profiles:\n  a: 1\n", "a profile must be a mapping" },
		{ "default_zone: fr-par-1\n", "holds no profile" },
		{ "secret_key: \"a\\nb\"\n", "the secret key contains a control character" },
		{ "default_zone: fr-par-1-and-far-too-long\nsecret_key: x\n", "default_zone is too long" },
		{ "access_key: A\nsecret_key: B\nprofiles:\n  default:\n    secret_key: C\n", "profile defined twice" },
		/* Two values for one key: which one scw uses is not ours to guess. */
		{ "access_key: SCWA\naccess_key: SCWB\nsecret_key: S\n", "config.yaml:2:1: access_key is set twice" },
		{ "profiles:\n  p:\n    secret_key: S\n    secret_key: T\n", "config.yaml:4:5: secret_key is set twice" },
		/* A NUL would cut the value short without a word. */
		{ "secret_key: \"abc\\0def\"\n", "secret_key holds a NUL byte" },
	};
	struct dd_scw_import im;
	struct dd_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(imp(bad[i].yaml, &im, &err), -1);
		if (!strstr(err.message, bad[i].msg))
			fail_msg("%s: got %s", bad[i].msg, err.message);
		/* Never quote a secret back. */
		assert_null(strstr(err.message, "secret_key: "));
	}
}

/* Caps before libyaml: the size (64 KiB) and the nesting. */
static void caps(void **state)
{
	size_t n = 200000;
	char *t = malloc(n + 1);
	struct dd_scw_import im;
	struct dd_error err;
	size_t k;

	assert_non_null(t);
	/* Flow nesting: minutes of libyaml CPU before the cap. */
	for (k = 0; k < 30000; k++)
		t[k] = '[';
	t[k] = '\0';
	assert_int_equal(dd_scw_import_text(t, k, "config.yaml", &im, &err), -1);
	assert_non_null(strstr(err.message, "nested deeper"));
	/* Block nesting: one more space a level. */
	k = 0;
	for (int lvl = 0; lvl < 200; lvl++) {
		for (int sp = 0; sp < lvl; sp++)
			t[k++] = ' ';
		k += (size_t)sprintf(t + k, "k%d:\n", lvl);
	}
	t[k] = '\0';
	assert_int_equal(dd_scw_import_text(t, k, "config.yaml", &im, &err), -1);
	assert_non_null(strstr(err.message, "nested deeper"));
	/* "- - - -" opens a sequence per dash. */
	for (k = 0; k < 2000; k += 2)
		memcpy(t + k, "- ", 2);
	memcpy(t + k, "x\n", 3);
	k += 2;
	assert_int_equal(dd_scw_import_text(t, k, "config.yaml", &im, &err), -1);
	assert_non_null(strstr(err.message, "nested deeper"));
	/* Size: a long comment of valid YAML is still refused. */
	memset(t, ' ', n);
	t[0] = '#';
	memcpy(t + n - 30, "\nsecret_key: S\naccess_key: A\n", 30);
	assert_int_equal(dd_scw_import_text(t, n, "config.yaml", &im, &err), -1);
	assert_non_null(strstr(err.message, "larger than 64 KiB"));
	/* A real file's shape is still read, quoted brackets and dashes in
	 * values included. */
	assert_int_equal(imp("profiles:\n  a:\n    access_key: A\n    secret_key: \"[[[[\"\n"
			     "    default_project_id: a - - -\n", &im, &err), 0);
	assert_int_equal(im.n, 1);
	dd_scw_import_free(&im);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scw_layout),
		cmocka_unit_test(only_profiles),
		cmocka_unit_test(refusals),
		cmocka_unit_test(caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
