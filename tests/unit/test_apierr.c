/* The refusals of each API read into sentences that carry what the API
 * said: the bodies are the shapes of the official SDK's error classes
 * (sdk-client dist/scw/errors) and Online's {"error", "code"}. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/apierr.h"

#define S(lit) lit, sizeof(lit) - 1

static void has(const char *msg, const char *part)
{
	if (!strstr(msg, part))
		fail_msg("\"%s\" is not in \"%s\"", part, msg);
}

static void hasnt(const char *msg, const char *part)
{
	if (strstr(msg, part))
		fail_msg("\"%s\" should not be in \"%s\"", part, msg);
}

static void test_permissions_denied_details(void **state)
{
	struct dd_error e;

	(void)state;
	dd_apierr_scw(403, S("{\"type\":\"permissions_denied\",\"message\":\"insufficient permissions\","
			     "\"details\":[{\"resource\":\"iam\",\"action\":\"read\"},"
			     "{\"resource\":\"dedibox_server\",\"action\":\"write\"}]}"), -1, &e);
	assert_int_equal(e.kind, DD_E_PERMISSION);
	assert_string_equal(e.api_type, "permissions_denied");
	has(e.message, "insufficient permissions");
	has(e.message, "read on iam");
	has(e.message, "write on dedibox_server");
	has(e.message, "IAM policy");
}

static void test_too_many_requests_help_and_reset(void **state)
{
	struct dd_error e;

	(void)state;
	dd_apierr_scw(429, S("{\"type\":\"too_many_requests\",\"message\":\"too many requests\","
			     "\"help_message\":\"quota of 20 requests per second\","
			     "\"limit\":{\"quota\":20,\"window_seconds\":1},\"reset_seconds\":12}"), -1, &e);
	assert_int_equal(e.kind, DD_E_RATE_LIMIT);
	has(e.message, "quota of 20 requests per second");
	has(e.message, "wait 12 s");
	/* The Retry-After header, when there is one, wins over the body. */
	dd_apierr_scw(429, S("{\"type\":\"too_many_requests\",\"message\":\"slow\",\"reset_seconds\":12}"), 3, &e);
	has(e.message, "wait 3 s");
	/* As Scaleway's edge sends it: no Retry-After, no type, an empty body. */
	dd_apierr_scw(429, "", 0, -1, &e);
	assert_int_equal(e.kind, DD_E_RATE_LIMIT);
	has(e.message, "rate-limited");
}

static void test_invalid_request_error_fields(void **state)
{
	struct dd_error e;

	(void)state;
	dd_apierr_scw(400, S("{\"type\":\"invalid_request_error\",\"message\":\"Validation Error\","
			     "\"fields\":{\"hostname\":[\"is too long\"],\"os_id\":[\"is required\",\"must be a number\"]}}"),
		      -1, &e);
	assert_int_equal(e.kind, DD_E_API);
	has(e.message, "Validation Error");
	has(e.message, "hostname: is too long");
	has(e.message, "os_id: is required, must be a number");
}

static void test_plain_words(void **state)
{
	struct dd_error e;

	(void)state;
	dd_apierr_scw(409, S("{\"type\":\"transient_state\",\"message\":\"resource is in a transient state\","
			     "\"resource\":\"dedibox_server\",\"resource_id\":\"42\",\"current_state\":\"installing\"}"),
		      -1, &e);
	has(e.message, "dedibox_server 42 is in a transient state: installing");
	has(e.message, "busy with another change");
	dd_apierr_scw(423, S("{\"type\":\"locked\",\"message\":\"resource is locked\","
			     "\"resource\":\"dedibox_server\",\"resource_id\":\"7\"}"), -1, &e);
	has(e.message, "dedibox_server 7 is locked");
	has(e.message, "cannot be changed now");
	dd_apierr_scw(403, S("{\"type\":\"quotas_exceeded\",\"message\":\"quota(s) exceeded for this resource\","
			     "\"details\":[{\"resource\":\"dedibox_failover_ips\",\"quota\":16,\"current\":16}]}"),
		      -1, &e);
	has(e.message, "dedibox_failover_ips: 16 of 16 used");
	has(e.message, "quota of the Organization is reached");
	/* quotas_exceeded comes as 403 but is not a missing permission. */
	hasnt(e.message, "IAM");
}

static void test_online_never_mentions_iam(void **state)
{
	struct dd_error e;

	(void)state;
	dd_apierr_online(403, S("{\"error\":\"Forbidden\",\"code\":4}"), -1, &e);
	assert_int_equal(e.kind, DD_E_PERMISSION);
	has(e.message, "Forbidden");
	hasnt(e.message, "IAM");
	dd_apierr_online(503, "", 0, -1, &e);
	has(e.message, "polled too fast");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permissions_denied_details),
		cmocka_unit_test(test_too_many_requests_help_and_reset),
		cmocka_unit_test(test_invalid_request_error_fields),
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_online_never_mentions_iam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
