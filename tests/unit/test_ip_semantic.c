/* The primary address of a server is chosen by its semantic, from the
 * SDK's whole IP.Semantic enum (tests/data/sdk-enums.txt), never by its
 * place in the list: the APIs give addresses in any order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/online.h"
#include "core/scw_dedibox.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_rank_covers_the_sdk_enum(void **state)
{
	char line[512], *tok;
	FILE *f;
	int seen = 0;
	const char *src = getenv("DD_SRCDIR");
	char path[1024];

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/data/sdk-enums.txt", src ? src : ".");
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "dedibox.IPSemantic ", 19) != 0)
			continue;
		for (tok = strtok(line + 19, " \n"); tok; tok = strtok(NULL, " \n")) {
			int r = dd_ip_semantic_rank(tok);
			/* Only the addresses of the inside are never primary. */
			if (!strcmp(tok, "private") || !strcmp(tok, "ipmi") || !strcmp(tok, "adm"))
				assert_int_equal(r, -1);
			else
				assert_true(r >= 0);
			seen++;
		}
	}
	fclose(f);
	assert_int_equal(seen, 9);
	assert_true(dd_ip_semantic_rank("proxad") < dd_ip_semantic_rank("public"));
	assert_true(dd_ip_semantic_rank("public") < dd_ip_semantic_rank("ext"));
	assert_true(dd_ip_semantic_rank("ext") < dd_ip_semantic_rank("unknown"));
	assert_true(dd_ip_semantic_rank("unknown") < dd_ip_semantic_rank("redirect"));
	assert_true(dd_ip_semantic_rank("redirect") < dd_ip_semantic_rank("migration"));
	assert_true(dd_ip_semantic_rank("failover") < dd_ip_semantic_rank("migration"));
}

/* Every semantic of the enum, the public address last. */
static const char scw_page[] =
	"{\"total_count\":1,\"servers\":[{\"id\":7,\"hostname\":\"h\",\"status\":\"ready\",\"zone\":\"fr-par-1\","
	"\"interfaces\":[{\"type\":\"normal\",\"mac\":\"00:00:00:00:00:01\",\"ips\":["
	"{\"address\":\"10.0.0.9\",\"version\":\"ipv4\",\"semantic\":\"private\"},"
	"{\"address\":\"203.0.113.4\",\"version\":\"ipv4\",\"semantic\":\"migration\"},"
	"{\"address\":\"203.0.113.3\",\"version\":\"ipv4\",\"semantic\":\"redirect\"},"
	"{\"address\":\"10.1.0.9\",\"version\":\"ipv4\",\"semantic\":\"adm\"},"
	"{\"address\":\"203.0.113.2\",\"version\":\"ipv4\",\"semantic\":\"unknown\"},"
	"{\"address\":\"2001:db8::3\",\"version\":\"ipv6\",\"semantic\":\"redirect\"},"
	"{\"address\":\"203.0.113.5\",\"version\":\"ipv4\",\"semantic\":\"ext\"},"
	"{\"address\":\"2001:db8::1\",\"version\":\"ipv6\",\"semantic\":\"proxad\"},"
	"{\"address\":\"62.210.0.7\",\"version\":\"ipv4\",\"semantic\":\"proxad\"},"
	"{\"address\":\"62.210.0.8\",\"version\":\"ipv4\",\"semantic\":\"public\"}]},"
	"{\"type\":\"ipmi\",\"mac\":\"00:00:00:00:00:02\",\"ips\":["
	"{\"address\":\"10.2.0.9\",\"version\":\"ipv4\",\"semantic\":\"ipmi\"}]}]}]}";

static void test_scw_primary_by_semantic(void **state)
{
	struct dd_server_list l;
	struct dd_server_detail d;
	struct dd_error err;
	int64_t total = -1;

	(void)state;
	dd_server_list_init(&l);
	assert_int_equal(dd_scw_decode_server_page(S(scw_page), "fr-par-1", &l, &total, &err), 0);
	assert_int_equal(l.n, 1);
	/* The first public one, not the first listed nor the last. */
	assert_string_equal(l.v[0].ipv4, "62.210.0.7");
	assert_string_equal(l.v[0].ipv6, "2001:db8::1");
	dd_server_list_clear(&l);

	/* Only a failover and a migration: the failover is the better. */
	dd_server_list_init(&l);
	assert_int_equal(dd_scw_decode_server_page(S(
		"{\"total_count\":1,\"servers\":[{\"id\":8,\"hostname\":\"h\",\"status\":\"ready\",\"zone\":\"fr-par-1\","
		"\"interfaces\":[{\"type\":\"normal\",\"ips\":["
		"{\"address\":\"203.0.113.4\",\"version\":\"ipv4\",\"semantic\":\"migration\"},"
		"{\"address\":\"10.0.0.1\",\"version\":\"ipv4\",\"semantic\":\"private\"},"
		"{\"address\":\"203.0.113.3\",\"version\":\"ipv4\",\"semantic\":\"redirect\"}]}]}]}"),
		"fr-par-1", &l, &total, &err), 0);
	assert_string_equal(l.v[0].ipv4, "203.0.113.3");
	dd_server_list_clear(&l);

	/* The detail decoder picks the same one and keeps every address. */
	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_scw_decode_server(S(
		"{\"id\":7,\"hostname\":\"h\",\"status\":\"ready\",\"zone\":\"fr-par-1\","
		"\"interfaces\":[{\"type\":\"normal\",\"mac\":\"00:00:00:00:00:01\",\"ips\":["
		"{\"address\":\"203.0.113.3\",\"version\":\"ipv4\",\"semantic\":\"redirect\"},"
		"{\"address\":\"62.210.0.7\",\"version\":\"ipv4\",\"semantic\":\"proxad\"}]}]}"), &d, &err), 0);
	assert_string_equal(d.s.ipv4, "62.210.0.7");
	assert_int_equal(d.ifaces[0].n_ips, 2);
	dd_server_detail_clear(&d);
}

static void test_online_primary_by_type(void **state)
{
	struct dd_server_detail d;
	struct dd_error err;

	(void)state;
	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_online_decode_server(S(
		"{\"id\":101,\"hostname\":\"h\",\"ip\":["
		"{\"address\":\"10.90.0.1\",\"type\":\"private\"},"
		"{\"address\":\"203.0.113.8\",\"type\":\"failover\"},"
		"{\"address\":\"195.154.172.149\",\"type\":\"public\"}]}"), &d, &err), 0);
	assert_string_equal(d.s.ipv4, "195.154.172.149");
	dd_server_detail_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_covers_the_sdk_enum),
		cmocka_unit_test(test_scw_primary_by_semantic),
		cmocka_unit_test(test_online_primary_by_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
