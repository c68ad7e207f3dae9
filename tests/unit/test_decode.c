/* Decoders of both backends, the merge, and API error mapping. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/apierr.h"
#include "core/model.h"
#include "core/names.h"
#include "core/request.h"
#include "core/online.h"
#include "core/scw_dedibox.h"
#include "core/text.h"

#define S(x) x, strlen(x)

static const char *page_json =
	"{\"servers\":[{\"id\":101,\"hostname\":\"web-1\",\"status\":\"ready\",\"zone\":\"fr-par-1\","
	"\"offer_name\":\"Start-2-M-SATA\",\"datacenter_name\":\"DC3\",\"os_id\":4,"
	"\"project_id\":\"p\",\"interfaces\":[{\"type\":\"ipmi\",\"ips\":[{\"address\":\"10.0.0.1\",\"version\":\"ipv4\",\"semantic\":\"ipmi\"}]},"
	"{\"type\":\"normal\",\"mac\":\"aa:bb\",\"ips\":[{\"address\":\"10.1.1.1\",\"version\":\"ipv4\",\"semantic\":\"private\"},"
	"{\"address\":\"51.15.1.2\",\"version\":\"ipv4\",\"semantic\":\"public\"},"
	"{\"address\":\"2001:bc8::1\",\"version\":\"ipv6\",\"semantic\":\"public\"}]}]},"
	"{\"id\":102,\"hostname\":\"evil\\u001b[2J\\r\",\"status\":\"stopped\",\"interfaces\":[]}],"
	"\"total_count\":2}";

static void test_scw_page(void **state)
{
	struct dd_server_list l;
	struct dd_error err;
	int64_t total = 0;

	dd_server_list_init(&l);
	assert_int_equal(dd_scw_decode_server_page(S(page_json), "fr-par-1", &l, &total, &err), 0);
	assert_int_equal(total, 2);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, 101);
	assert_string_equal(l.v[0].hostname, "web-1");
	assert_string_equal(l.v[0].ipv4, "51.15.1.2");
	assert_string_equal(l.v[0].ipv6, "2001:bc8::1");
	assert_string_equal(l.v[0].offer, "Start-2-M-SATA");
	assert_string_equal(l.v[1].zone, "fr-par-1"); /* taken from the request */
	/* The hostile hostname came through the sanitizer. */
	assert_null(strchr(l.v[1].hostname, '\x1b'));
	assert_null(strchr(l.v[1].hostname, '\r'));
	dd_server_list_clear(&l);
}

static void test_scw_page_rejected_whole(void **state)
{
	struct dd_server_list l;
	struct dd_error err;
	int64_t total = 0;
	const char *bad = "{\"servers\":[{\"id\":1},{\"id\":\"two\"}],\"total_count\":2}";

	dd_server_list_init(&l);
	assert_int_equal(dd_scw_decode_server_page(S(bad), "fr-par-1", &l, &total, &err), -1);
	assert_int_equal(l.n, 0);
	assert_string_equal(err.message, "servers[1].id: expected an integer, got a string");
	assert_int_equal(dd_scw_decode_server_page(S("{\"total_count\":3}"), "fr-par-1", &l, &total, &err), -1);
	assert_string_equal(err.message, "servers: missing, though total_count is 3");
	assert_int_equal(dd_scw_decode_server_page(S("[]"), "fr-par-1", &l, &total, &err), -1);
	/* A server id is positive (Online refs and servers show say so): 0
	 * or -5 in a list would be a row nobody can open. */
	assert_int_equal(dd_scw_decode_server_page(S("{\"servers\":[{\"id\":1},{\"id\":0}],\"total_count\":2}"),
						   "fr-par-1", &l, &total, &err), -1);
	assert_string_equal(err.message, "servers[1].id: expected a positive server id, got 0");
	assert_int_equal(dd_scw_decode_server_page(S("{\"servers\":[{\"id\":-5}],\"total_count\":1}"),
						   "fr-par-1", &l, &total, &err), -1);
	assert_int_equal(l.n, 0);
	dd_server_list_clear(&l);
}

/* Tags are a list end to end: read with a comma inside one, shown for
 * editing, edited unchanged, sent back: the same list, nothing split. */
static void test_tags_keep_commas(void **state)
{
	const char *doc = "{\"id\":7,\"hostname\":\"db\",\"status\":\"ready\",\"zone\":\"fr-par-1\","
			  "\"tags\":[\"env=prod,eu\",\"a\\\\b\",\"plain\"]}";
	struct dd_server_detail d;
	struct dd_creds c;
	struct dd_write_req req;
	struct dd_error err;
	char **v, *text;
	size_t n;

	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_scw_decode_server(S(doc), &d, &err), 0);
	text = dd_server_tags_text(&d.s);
	assert_non_null(text);
	assert_string_equal(text, "env=prod\\,eu,a\\\\b,plain");
	assert_int_equal(dd_tags_split(text, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "env=prod,eu");
	assert_string_equal(v[1], "a\\b");
	assert_string_equal(v[2], "plain");
	memset(&c, 0, sizeof(c));
	dd_request_default_bases(&c);
	memset(&req, 0, sizeof(req));
	assert_int_equal(dd_scw_req_tags(&c, "fr-par-1", 7, (const char *const *)v, n, &req, &err), 0);
	assert_string_equal(req.body, "{\"tags\":[\"env=prod,eu\",\"a\\\\b\",\"plain\"]}");
	free(v);
	free(text);
	/* What a person types: blanks dropped, empty tags dropped. */
	assert_int_equal(dd_tags_split(" blue , green,,x\\,y ", &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "blue");
	assert_string_equal(v[1], "green");
	assert_string_equal(v[2], "x,y");
	free(v);
	assert_int_equal(dd_check_tags("a\x01", &err), -1);
	dd_server_detail_clear(&d);
}

static void test_scw_detail(void **state)
{
	const char *doc =
		"{\"id\":7,\"hostname\":\"db\",\"status\":\"ready\",\"zone\":\"nl-ams-1\",\"has_bmc\":true,"
		"\"abuse_contact\":\"abuse@example.com\",\"offer\":{\"name\":\"Pro-6-S\",\"payment_frequency\":\"monthly\","
		"\"pricing\":{\"currency_code\":\"EUR\",\"units\":49,\"nanos\":990000000}},"
		"\"os\":{\"name\":\"Debian\",\"version\":\"12\"},\"level\":{\"level\":\"business\"},"
		"\"location\":{\"datacenter_name\":\"AMS1\",\"room\":\"1\",\"rack\":\"B2\"},"
		"\"tags\":[\"prod\",\"db\\u202e\"],\"options\":[{\"offer\":{\"name\":\"Backup 100G\"}}],"
		"\"interfaces\":[{\"type\":\"normal\",\"mac\":\"aa\",\"ips\":[{\"address\":\"62.210.0.1\",\"version\":\"ipv4\","
		"\"semantic\":\"public\",\"reverse\":\"db.example.com\",\"ip_id\":55}]}],\"created_at\":\"2024-01-02T03:04:05Z\"}";
	struct dd_server_detail d;
	struct dd_error err;

	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_scw_decode_server(S(doc), &d, &err), 0);
	assert_int_equal(d.s.id, 7);
	assert_string_equal(d.s.os, "Debian 12");
	assert_string_equal(d.s.offer, "Pro-6-S");
	assert_string_equal(d.offer_price, "49.99 EUR/monthly");
	assert_string_equal(d.level, "business");
	assert_string_equal(d.location, "AMS1 room 1 rack B2");
	assert_string_equal(d.s.zone, "nl-ams-1");
	assert_int_equal(strncmp(d.s.tags, "prod,db", 7), 0);
	assert_null(strstr(d.s.tags, "\xe2\x80\xae")); /* no RLO */
	assert_int_equal(d.n_options, 1);
	assert_string_equal(d.options[0], "Backup 100G");
	assert_int_equal(d.n_ifaces, 1);
	assert_string_equal(d.ifaces[0].ips[0].reverse, "db.example.com");
	assert_int_equal(d.ifaces[0].ips[0].ip_id, 55);
	assert_string_equal(d.s.ipv4, "62.210.0.1");
	assert_true(d.has_bmc);
	assert_true(d.s.detailed);
	dd_server_detail_clear(&d);
}

static const char *online_json =
	"{\"id\":101,\"offer\":\"Pro-1-S-SATA\",\"hostname\":\"web-1\",\"os\":{\"name\":\"FreeBSD\",\"version\":\"11.1-RELEASE\"},"
	"\"power\":\"OFF\",\"boot_mode\":\"normal\",\"support\":\"Basic service level\","
	"\"location\":{\"datacenter\":\"DC5\",\"room\":\"4 4-4\",\"rack\":12,\"position\":19},"
	"\"ip\":[{\"address\":\"195.154.172.149\",\"type\":\"public\",\"reverse\":\"x.rev.poneytelecom.eu.\",\"mac\":\"28:92\"},"
	"{\"address\":\"10.90.53.212\",\"type\":\"private\",\"reverse\":null,\"mac\":null}]}";

static void test_online_detail(void **state)
{
	struct dd_server_detail d;
	struct dd_error err;

	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_online_decode_server(S(online_json), &d, &err), 0);
	assert_int_equal(d.s.id, 101);
	assert_string_equal(d.s.status, "stopped");
	assert_string_equal(d.s.zone, "fr-par-2");
	assert_string_equal(d.s.os, "FreeBSD 11.1-RELEASE");
	assert_string_equal(d.location, "DC5 room 4 4-4 rack 12");
	assert_string_equal(d.s.ipv4, "195.154.172.149");
	assert_int_equal(d.ifaces[0].n_ips, 2);
	dd_server_detail_clear(&d);
	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_online_decode_server(S("{\"hostname\":\"x\"}"), &d, &err), -1);
	assert_string_equal(err.message, "id: missing");
	dd_server_detail_clear(&d);
}

static void test_online_refs(void **state)
{
	int64_t *ids;
	size_t n;
	struct dd_error err;

	assert_int_equal(dd_online_decode_refs(S("[\"/api/v1/server/12\",{\"$ref\":\"/api/v1/server/34\"}]"), &ids, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 12);
	assert_int_equal(ids[1], 34);
	free(ids);
	assert_int_equal(dd_online_decode_refs(S("[\"/api/v1/server/abc\"]"), &ids, &n, &err), -1);
	assert_int_equal(dd_online_decode_refs(S("{}"), &ids, &n, &err), -1);
	assert_int_equal(dd_online_decode_refs(S("[]"), &ids, &n, &err), 0);
	assert_int_equal(n, 0);
	free(ids);
}

static void test_merge(void **state)
{
	struct dd_server_list scw, onl;
	struct dd_server *s;

	dd_server_list_init(&scw);
	dd_server_list_init(&onl);
	s = dd_server_list_add(&scw);
	s->id = 2;
	s->sources = DD_SRC_SCW;
	dd_model_set_str(&s->hostname, "b");
	s = dd_server_list_add(&scw);
	s->id = 1;
	s->sources = DD_SRC_SCW;
	dd_model_set_str(&s->hostname, "a");
	s = dd_server_list_add(&onl);
	s->id = 2;
	s->sources = DD_SRC_ONLINE;
	dd_model_set_str(&s->os, "Debian 12");
	dd_model_set_str(&s->hostname, "ignored");
	s = dd_server_list_add(&onl);
	s->id = 3;
	s->sources = DD_SRC_ONLINE;
	dd_model_set_str(&s->hostname, "c");
	assert_int_equal(dd_server_list_merge(&scw, &onl), 0);
	assert_int_equal(onl.n, 0);
	assert_int_equal(scw.n, 3);
	assert_int_equal(scw.v[1].id, 2);
	assert_int_equal(scw.v[1].sources, DD_SRC_SCW | DD_SRC_ONLINE);
	assert_string_equal(scw.v[1].hostname, "b");   /* Scaleway wins */
	assert_string_equal(scw.v[1].os, "Debian 12"); /* Online fills */
	assert_int_equal(scw.v[2].id, 3);
	dd_server_list_clear(&scw);
	dd_server_list_clear(&onl);
}

static void test_apierr(void **state)
{
	struct dd_error e;

	dd_apierr_scw(401, S("{\"type\":\"denied_authentication\",\"method\":\"api_key\",\"reason\":\"invalid_argument\",\"message\":\"authentication is denied\"}"), -1, &e);
	assert_int_equal(e.kind, DD_E_AUTH);
	assert_string_equal(e.api_type, "denied_authentication");
	assert_non_null(strstr(e.message, "authentication is denied"));
	assert_non_null(strstr(e.message, "SCW_SECRET_KEY"));
	dd_apierr_scw(404, S("{\"type\":\"not_found\",\"resource\":\"dedibox_server\",\"resource_id\":\"9\",\"message\":\"resource is not found\"}"), -1, &e);
	assert_int_equal(e.kind, DD_E_NOT_FOUND);
	assert_non_null(strstr(e.message, "dedibox_server 9"));
	dd_apierr_scw(400, S("{\"type\":\"invalid_arguments\",\"message\":\"invalid argument(s)\",\"details\":[{\"argument_name\":\"page_size\",\"reason\":\"constraint\",\"help_message\":\"must be lower or equal to 100\"}]}"), -1, &e);
	assert_int_equal(e.kind, DD_E_API);
	assert_non_null(strstr(e.message, "page_size: must be lower or equal to 100"));
	dd_apierr_scw(429, S("{\"type\":\"too_many_requests\",\"message\":\"slow down\"}"), 7, &e);
	assert_int_equal(e.kind, DD_E_RATE_LIMIT);
	assert_non_null(strstr(e.message, "7 s"));
	dd_apierr_online(401, S("{\"error\":\"Invalid token\",\"code\":1}"), -1, &e);
	assert_int_equal(e.kind, DD_E_AUTH);
	assert_non_null(strstr(e.message, "Invalid token"));
	assert_non_null(strstr(e.message, "DEDI_ONLINE_TOKEN"));
	dd_apierr_scw(502, S("<html>bad gateway</html>"), -1, &e);
	assert_int_equal(e.kind, DD_E_API);
	assert_non_null(strstr(e.message, "HTTP 502"));
	/* A hostile message cannot carry escapes to the terminal. */
	dd_apierr_scw(400, S("{\"message\":\"x\\u001b]0;pwned\\u0007\"}"), -1, &e);
	assert_null(strchr(e.message, '\x1b'));
	assert_null(strchr(e.message, '\a'));
}

static void test_money(void **state)
{
	struct dd_money m = { "EUR", 12, 990000000 };
	char buf[32];

	dd_money_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "12.99 EUR");
	m.units = 0;
	m.nanos = 4999999;
	dd_money_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "0.00 EUR");
	m.nanos = 5000000;
	dd_money_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "0.01 EUR");
	m.units = -3;
	m.nanos = -500000000;
	dd_money_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "-3.50 EUR");
}

/* The one rounding rule (core/money.h): half away from zero, to cents. */
static void test_money_cents(void **state)
{
	struct dd_money m = { "EUR", 12, 345000000 };
	(void)state;

	assert_int_equal(dd_money_cents(&m), 1235);
	m.nanos = 344999999;
	assert_int_equal(dd_money_cents(&m), 1234);
	m.units = -12;
	m.nanos = -345000000;
	assert_int_equal(dd_money_cents(&m), -1235);
	m.nanos = -344999999;
	assert_int_equal(dd_money_cents(&m), -1234);
	m.units = 0;
	m.nanos = 995000000;
	assert_int_equal(dd_money_cents(&m), 100);
	m.units = INT64_MAX;
	assert_true(dd_money_cents(&m) == INT64_MAX);
	m.units = INT64_MIN;
	m.nanos = -1;
	assert_true(dd_money_cents(&m) == INT64_MIN);

	char buf[48];
	dd_money_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "-92233720368547758.08 EUR");
	for (int64_t c = -1001; c <= 1001; c += 7) {
		dd_money_from_cents(c, NULL, &m);
		assert_string_equal(m.currency, "EUR");
		assert_true(m.units == c / 100 && (m.nanos <= 0 || c > 0) && (m.nanos >= 0 || c < 0));
		assert_true(dd_money_cents(&m) == c);
	}
}

/* The copy-once path for plain ASCII and its edges: a name the
 * sanitizer changes (a control, DEL, a tab, non-ASCII) still keeps its raw
 * value for --json; a plain one has none. reserve keeps the records. */
static void test_set_text_once(void **state)
{
	static const struct { const char *in, *shown; bool raw; } cases[] = {
		{ "web-1.example.fr", "web-1.example.fr", false },
		{ "a\\b ~!", "a\\b ~!", false },
		{ "", "", false },
		{ "tab\there", "tab\\u{09}here", true },
		{ "del\x7f", "del\\u{7F}", true },
		{ "caf\xc3\xa9", "caf\xc3\xa9", false },
		{ "bad\xff", "bad\xef\xbf\xbd", false },
	};
	struct dd_server_list l;
	struct dd_server *s;

	(void)state;
	dd_server_list_init(&l);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = dd_server_list_add(&l);
		assert_non_null(s);
		s->id = (int64_t)i + 1;
		assert_int_equal(dd_server_set_text(s, DD_RAW_HOSTNAME, &s->hostname, cases[i].in), 0);
		assert_string_equal(s->hostname, cases[i].shown);
		if (cases[i].raw)
			assert_string_equal(s->raw[DD_RAW_HOSTNAME], cases[i].in);
		else
			assert_null(s->raw[DD_RAW_HOSTNAME]);
	}
	/* A long plain name is cut by the sanitizer: the raw one is kept. */
	{
		char big[DD_TEXT_MAX + 10];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(dd_server_set_text(s, DD_RAW_HOSTNAME, &s->hostname, big), 0);
		assert_true(strlen(s->hostname) < strlen(big));
		assert_string_equal(s->raw[DD_RAW_HOSTNAME], big);
	}
	assert_int_equal(dd_server_list_reserve(&l, 5000), 0);
	assert_true(l.cap >= 5000);
	assert_int_equal(l.n, 7);
	assert_int_equal(l.v[0].id, 1);
	assert_string_equal(l.v[0].hostname, "web-1.example.fr");
	assert_int_equal(dd_server_list_reserve(&l, 3), 0);
	assert_true(l.cap >= 5000);
	dd_server_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scw_page),
		cmocka_unit_test(test_scw_page_rejected_whole),
		cmocka_unit_test(test_scw_detail),
		cmocka_unit_test(test_tags_keep_commas),
		cmocka_unit_test(test_online_detail),
		cmocka_unit_test(test_online_refs),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_apierr),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_money_cents),
		cmocka_unit_test(test_set_text_once),
	};
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
