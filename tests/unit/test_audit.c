/* The audit log: an intent and an outcome line per write, private, append-only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/audit.h"

static char dir[256], path[300];

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/dedi-audit-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/state/audit.jsonl", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static size_t read_all(char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return n;
}

static void test_append_lines(void **state)
{
	struct dd_error ok, fail, err;
	struct dd_audit_entry e = { .phase = DD_AUDIT_INTENT, .write_id = "0123456789abcdef",
				    .profile = "work", .method = DD_PATCH,
				    .url = "https://api.scaleway.com/dedibox/v1/zones/fr-par-1/servers/7",
				    .summary = "Rename server 7 from a to b",
				    .body = "{\"password\":\"********\"}" };
	struct stat st;
	char buf[4096];

	dd_error_clear(&ok);
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	e.phase = DD_AUDIT_OUTCOME;
	e.status = 200;
	e.error = &ok;
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	dd_error_set(&fail, DD_E_API, 400, "invalid_arguments", "Scaleway refused: \"hostname\"\n");
	e.method = DD_POST;
	e.status = 400;
	e.error = &fail;
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	dd_error_set(&fail, DD_E_NETWORK, 0, NULL, "the connection broke");
	e.status = 0;
	e.unknown = true;
	e.reconciled = "re-read: hostname is now b";
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	read_all(buf, sizeof(buf));
	assert_non_null(strstr(buf, "\"profile\":\"work\",\"write\":\"0123456789abcdef\",\"phase\":\"intent\",\"method\":\"PATCH\""));
	assert_non_null(strstr(buf, "\"summary\":\"Rename server 7 from a to b\",\"body\":\"{\\\"password\\\":\\\"********\\\"}\"}\n"));
	assert_non_null(strstr(buf, "\"phase\":\"outcome\",\"method\":\"PATCH\""));
	assert_non_null(strstr(buf, "\"status\":200,\"outcome\":\"ok\"}\n"));
	assert_non_null(strstr(buf, "\"outcome\":\"api\""));
	assert_non_null(strstr(buf, "\\\"hostname\\\"\\n")); /* escaped: one line per entry */
	assert_non_null(strstr(buf, "\"status\":0,\"outcome\":\"unknown\",\"message\":\"the connection broke\",\"reconciled\":\"re-read: hostname is now b\"}\n"));
	/* the intent has no outcome, the outcome no body */
	assert_null(strstr(strchr(buf, '\n'), "\"body\""));
	{
		int lines = 0;
		for (char *p = buf; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 4);
	}
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

/* Every write leaves its record: a field JSON cannot carry as it is (a
 * message cut inside a character, bytes that are not UTF-8, a huge body)
 * is repaired or cut, never a reason to drop the line. */
static void test_record_always_written(void **state)
{
	struct dd_error fail, err;
	char big[20000], buf[65536];
	struct dd_audit_entry e = { .phase = DD_AUDIT_INTENT, .write_id = "feedface",
				    .profile = "w\xC3", .method = DD_POST,
				    .url = "https://api.scaleway.com/x\xFF", .summary = "cut \xE2\x82",
				    .body = big };
	int lines = 0;

	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	e.phase = DD_AUDIT_OUTCOME;
	e.status = 400;
	dd_error_clear(&fail);
	fail.kind = DD_E_API;
	snprintf(fail.message, sizeof(fail.message), "Scaleway refused the request: caf\xC3");
	e.error = &fail;
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	read_all(buf, sizeof(buf));
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 2);
	assert_non_null(strstr(buf, "\"write\":\"feedface\",\"phase\":\"intent\""));
	assert_non_null(strstr(buf, "\"summary\":\"cut "));
	assert_non_null(strstr(buf, "\"body\":\"bbbb"));
	assert_true(strlen(buf) < 12000); /* the body was cut */
	assert_non_null(strstr(buf, "\"outcome\":\"api\",\"message\":\"Scaleway refused the request: caf"));
}

static void test_refuses_unsafe(void **state)
{
	struct dd_error ok, err;
	struct dd_audit_entry e = { .phase = DD_AUDIT_OUTCOME, .method = DD_DELETE, .url = "x",
				    .error = &ok };
	char target[320];

	dd_error_clear(&ok);
	assert_int_equal(dd_audit_append(path, &e, &err), 0);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(dd_audit_append(path, &e, &err), -1);
	assert_non_null(strstr(err.message, "chmod 600"));
	assert_int_equal(unlink(path), 0);
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(dd_audit_append(path, &e, &err), -1);
	assert_non_null(strstr(err.message, "symlink"));
	assert_int_equal(access(target, F_OK), -1); /* nothing written through it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_append_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_always_written, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_unsafe, setup, teardown),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
