/* IAM decoders and URL builders used by auth login. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/scw_iam.h"

static void api_key(void **state)
{
	static const char body[] = "{\"access_key\": \"SCWX\", \"secret_key\": null, "
		"\"user_id\": \"6a1b0c2d-0000-4000-8000-000000000001\", \"application_id\": null, "
		"\"description\": \"laptop \\u001b[31mred\", \"default_project_id\": \"p\"}";
	struct dd_iam_key k;
	struct dd_error err;

	assert_int_equal(dd_scw_iam_decode_api_key(body, strlen(body), &k, &err), 0);
	assert_string_equal(k.user_id, "6a1b0c2d-0000-4000-8000-000000000001");
	assert_string_equal(k.application_id, "");
	assert_null(strchr(k.description, '\x1b'));
	assert_int_equal(dd_scw_iam_decode_api_key("{}", 2, &k, &err), -1);
	assert_int_equal(err.kind, DD_E_DECODE);
	assert_int_equal(dd_scw_iam_decode_api_key("{\"user_id\": 3}", 14, &k, &err), -1);
	assert_non_null(strstr(err.message, "user_id"));
	assert_int_equal(dd_scw_iam_decode_api_key("not json", 8, &k, &err), -1);
}

static void user(void **state)
{
	static const char body[] = "{\"id\": \"u1\", \"email\": \"a@b.example\", \"type\": \"owner\", "
		"\"organization_id\": \"o1\"}";
	struct dd_iam_user u;
	struct dd_error err;

	assert_int_equal(dd_scw_iam_decode_user(body, strlen(body), &u, &err), 0);
	assert_string_equal(u.email, "a@b.example");
	assert_string_equal(u.type, "owner");
	assert_int_equal(dd_scw_iam_decode_user("{\"email\": \"x\"}", 14, &u, &err), -1);
}

static void urls(void **state)
{
	struct dd_creds c;
	struct dd_error err;
	char url[512];

	memset(&c, 0, sizeof(c));
	strcpy(c.scw_api_url, "https://api.example");
	strcpy(c.access_key, "SCWABC123");
	assert_int_equal(dd_scw_iam_url_api_key(&c, url, sizeof(url), &err), 0);
	assert_string_equal(url, "https://api.example/iam/v1alpha1/api-keys/SCWABC123");
	strcpy(c.access_key, "SCW/../users");
	assert_int_equal(dd_scw_iam_url_api_key(&c, url, sizeof(url), &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_int_equal(dd_scw_iam_url_user(&c, "6a1b0c2d-0000-4000-8000-000000000001", url,
					     sizeof(url), &err), 0);
	assert_int_equal(dd_scw_iam_url_user(&c, "../x", url, sizeof(url), &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_key),
		cmocka_unit_test(user),
		cmocka_unit_test(urls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
