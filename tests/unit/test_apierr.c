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
#include "core/error.h"

#include <jansson.h>

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

/* A message cut to fit must stay valid UTF-8 (the audit log encodes it as
 * JSON): cut between characters, never inside one. */
static void assert_utf8(const char *s)
{
	json_t *v = json_string(s);

	if (!v)
		fail_msg("not valid UTF-8: \"%s\"", s);
	json_decref(v);
}

static void test_long_messages_cut_between_characters(void **state)
{
	char body[4096], big[2048];
	struct dd_error e;
	size_t k = 0;

	(void)state;
	/* "é" is two bytes; an odd prefix shifts where every cut lands. */
	for (int shift = 0; shift < 4; shift++) {
		k = 0;
		for (int i = 0; i < shift; i++)
			big[k++] = 'a';
		while (k + 4 < sizeof(big) - 1) {
			memcpy(big + k, shift & 1 ? "\xE2\x82\xAC" : "\xC3\xA9", shift & 1 ? 3 : 2);
			k += shift & 1 ? 3 : 2;
		}
		big[k] = '\0';
		snprintf(body, sizeof(body), "{\"type\":\"invalid_arguments\",\"message\":\"%s\","
			 "\"details\":[{\"argument_name\":\"%.300s\",\"help_message\":\"%s\"}]}",
			 big, big, big);
		dd_apierr_scw(400, body, strlen(body), -1, &e);
		assert_int_equal(e.kind, DD_E_API);
		assert_utf8(e.message);
		dd_apierr_online(400, body, strlen(body), -1, &e);
		assert_utf8(e.message);
		dd_error_set(&e, DD_E_API, 400, big, "%s", big);
		assert_utf8(e.message);
		assert_utf8(e.api_type);
		dd_error_prefix(&e, "%s", big);
		assert_utf8(e.message);
	}
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
		cmocka_unit_test(test_long_messages_cut_between_characters),
		cmocka_unit_test(test_permissions_denied_details),
		cmocka_unit_test(test_too_many_requests_help_and_reset),
		cmocka_unit_test(test_invalid_request_error_fields),
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_online_never_mentions_iam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
