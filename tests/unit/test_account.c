/* The account's server list against a scripted Scaleway that lies:
 * total_count bigger or smaller than the pages, pages that repeat ids,
 * a huge total_count over empty pages. The sandbox is honest; this fake
 * is not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <microhttpd.h>
#include <pthread.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/http.h"

enum lie { HONEST, BIGGER, SMALLER, REPEAT, HUGE_EMPTY, WRONG_DETAIL };

struct script {
	enum lie lie;
	int total;          /* servers per zone, as honest total_count */
	int hits;           /* requests seen */
	int max_in_flight;  /* most requests handled at once */
	int in_flight;
	pthread_mutex_t mu;
};

static struct script S = { .mu = PTHREAD_MUTEX_INITIALIZER };

static int zone_base(const char *url)
{
	if (strstr(url, "/zones/fr-par-2/"))
		return 2000000;
	if (strstr(url, "/zones/nl-ams-1/"))
		return 3000000;
	return 1000000;
}

/* One page of the Dedibox v1 list, as the SDK's marshalling reads it. */
static char *page_doc(const char *url, int page, int size)
{
	int total = S.total, first = (page - 1) * size, n, base = zone_base(url);
	size_t cap = 256 + (size_t)size * 160, len;
	char *b = malloc(cap);

	n = total - first;
	if (n < 0)
		n = 0;
	if (n > size)
		n = size;
	switch (S.lie) {
	case BIGGER: total += 50; break;
	case SMALLER: total = total > 1 ? total / 2 : 0; break;
	case REPEAT: first = 0; break;
	case HUGE_EMPTY: total = 1999999; n = page == 1 ? n : 0; break;
	default: break;
	}
	len = (size_t)snprintf(b, cap, "{\"total_count\":%d,\"servers\":[", total);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(b + len, cap - len,
			"%s{\"id\":%d,\"hostname\":\"h%d\",\"offer_name\":\"o\",\"status\":\"ready\","
			"\"datacenter_name\":\"DC2\",\"interfaces\":[]}",
			i ? "," : "", base + first + i, first + i);
	snprintf(b + len, cap - len, "]}");
	return b;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	static int dummy;
	const char *p = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
	const char *ps = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page_size");
	struct MHD_Response *r;
	enum MHD_Result ret;
	char *doc;

	if (*con_cls == NULL) {
		*con_cls = &dummy;
		return MHD_YES;
	}
	pthread_mutex_lock(&S.mu);
	S.hits++;
	if (++S.in_flight > S.max_in_flight)
		S.max_in_flight = S.in_flight;
	pthread_mutex_unlock(&S.mu);
	if (strcmp(url, "/api/v1/server") == 0) {
		/* The Online list: references to S.total servers. */
		size_t cap = 16 + (size_t)S.total * 32, len = 1;
		doc = malloc(cap);
		strcpy(doc, "[");
		for (int i = 0; i < S.total; i++)
			len += (size_t)snprintf(doc + len, cap - len, "%s\"/api/v1/server/%d\"",
						i ? "," : "", 5000 + i);
		snprintf(doc + len, cap - len, "]");
	} else if (strncmp(url, "/api/v1/server/", 15) == 0) {
		/* The last server answers as the one before it. */
		long id = atol(url + 15);
		if (S.lie == WRONG_DETAIL && id == 5000 + S.total - 1)
			id--;
		doc = malloc(160);
		snprintf(doc, 160, "{\"id\":%ld,\"hostname\":\"o%ld\",\"location\":{\"datacenter\":\"DC2\"}}",
			 id, id);
	} else if (S.lie == WRONG_DETAIL && strstr(url, "/servers/")) {
		/* Asked for one server, answers with its neighbour. */
		long id = atol(strrchr(url, '/') + 1) + 1;
		doc = malloc(160);
		snprintf(doc, 160, "{\"id\":%ld,\"hostname\":\"neighbour\",\"zone\":\"fr-par-1\","
			 "\"status\":\"ready\",\"interfaces\":[]}", id);
	} else {
		doc = page_doc(url, p ? atoi(p) : 1, ps ? atoi(ps) : 100);
	}
	r = MHD_create_response_from_buffer(strlen(doc), doc, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "application/json");
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	pthread_mutex_lock(&S.mu);
	S.in_flight--;
	pthread_mutex_unlock(&S.mu);
	return ret;
}

static struct MHD_Daemon *daemon_;
static char base[64];

static int setup(void **state)
{
	const union MHD_DaemonInfo *info;

	daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
				   NULL, NULL, handle, NULL, MHD_OPTION_END);
	if (!daemon_)
		return -1;
	info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(base, sizeof(base), "http://127.0.0.1:%u", info->port);
	return 0;
}

static int teardown(void **state)
{
	MHD_stop_daemon(daemon_);
	return 0;
}

struct wait {
	int done;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;

	w->done++;
	w->err = *err;
}

static size_t max_queued; /* most requests dedi had queued at once */

/* Loads the list of one zone (or all) against the script. */
static struct wait load(enum lie lie, int total, const char *zone, size_t *n)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };

	assert_non_null(c);
	assert_non_null(h);
	S.lie = lie;
	S.total = total;
	S.hits = S.max_in_flight = S.in_flight = 0;
	snprintf(c->secret_key, sizeof(c->secret_key), "fake-secret-for-tests");
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", base);
	a = dd_account_new(c);
	assert_non_null(a);
	assert_int_equal(dd_account_load_servers(a, h, zone, on_done, &w, &err), 0);
	max_queued = 0;
	while (dd_http_in_flight(h) > 0) {
		if (dd_http_in_flight(h) > max_queued)
			max_queued = dd_http_in_flight(h);
		dd_http_poll(h, -1, 1000, NULL);
	}
	assert_int_equal(w.done, 1);
	*n = dd_account_servers(a)->n;
	dd_account_free(a);
	dd_http_free(h);
	return w;
}

static void test_honest(void **state)
{
	size_t n;
	struct wait w = load(HONEST, 250, NULL, &n);

	assert_int_equal(w.err.kind, DD_OK);
	assert_int_equal(n, 750);
}

static void test_total_bigger_than_pages(void **state)
{
	size_t n;
	struct wait w = load(BIGGER, 250, "fr-par-1", &n);

	assert_int_equal(w.err.kind, DD_E_API);
	assert_non_null(strstr(w.err.message, "changed while it was read"));
	assert_int_equal(n, 0);
}

static void test_total_smaller_than_pages(void **state)
{
	size_t n;
	struct wait w = load(SMALLER, 250, "fr-par-1", &n);

	assert_int_equal(w.err.kind, DD_E_API);
	assert_int_equal(n, 0);
}

static void test_pages_repeat_ids(void **state)
{
	size_t n;
	struct wait w = load(REPEAT, 250, "fr-par-1", &n);

	assert_int_equal(w.err.kind, DD_E_API);
	assert_int_equal(n, 0);
}

/* total_count 1,999,999 over empty pages: the list is refused after a few
 * requests, not after 20,000 queued at once (800 MB and a minute). */
static void test_huge_total_over_empty_pages(void **state)
{
	size_t n;
	struct wait w = load(HUGE_EMPTY, 10, "fr-par-1", &n);

	assert_int_equal(w.err.kind, DD_E_API);
	assert_int_equal(n, 0);
	assert_true(S.hits <= 64);
}

/* 100 pages of one zone are read through a window, not all at once. */
static void test_pages_windowed(void **state)
{
	size_t n;
	struct wait w = load(HONEST, 10000, "nl-ams-1", &n);

	assert_int_equal(w.err.kind, DD_OK);
	assert_int_equal(n, 10000);
	assert_int_equal(S.hits, 100);
	assert_true(S.max_in_flight <= 16);
	assert_true(max_queued <= 32);
}

/* A project id goes into the query string: one that is not an id must
 * not add parameters of its own (x&page_size=1 changed the paging). */
static void test_project_id_not_injected(void **state)
{
	static const char *const bad[] = { "x&page_size=1", "a#b", "a b", "%26", "p?q=1" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct dd_creds *c = dd_creds_new();
		struct dd_http *h = dd_http_new(NULL, NULL);
		struct dd_account *a;
		struct dd_error err;
		struct wait w = { 0 };

		S.hits = 0;
		snprintf(c->secret_key, sizeof(c->secret_key), "fake-secret-for-tests");
		snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", base);
		snprintf(c->project_id, sizeof(c->project_id), "%s", bad[i]);
		a = dd_account_new(c);
		assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &w, &err), -1);
		assert_int_equal(err.kind, DD_E_USAGE);
		assert_non_null(strstr(err.message, "project"));
		dd_http_run(h);
		assert_int_equal(S.hits, 0);
		dd_account_free(a);
		dd_http_free(h);
	}
}

/* A detail that does not decode says which API and which server. */
static void test_detail_decode_error_names_its_source(void **state)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_server_detail d;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };

	S.lie = HONEST;
	S.total = 3;
	snprintf(c->secret_key, sizeof(c->secret_key), "fake-secret-for-tests");
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", base);
	a = dd_account_new(c);
	memset(&d, 0, sizeof(d));
	/* The fake answers every URL with a list page, not a server. */
	assert_int_equal(dd_account_load_server(a, h, 42, "fr-par-1", &d, on_done, &w, &err), 0);
	dd_http_run(h);
	assert_int_equal(w.done, 1);
	assert_int_equal(w.err.kind, DD_E_DECODE);
	if (!strstr(w.err.message, "Scaleway") || !strstr(w.err.message, "42"))
		fail_msg("no source in: %s", w.err.message);
	dd_server_detail_clear(&d);
	dd_account_free(a);
	dd_http_free(h);
}

/* An answer about another server is not this server. */
static void test_detail_of_another_id_refused(void **state)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_server_detail d;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };

	S.lie = WRONG_DETAIL;
	snprintf(c->secret_key, sizeof(c->secret_key), "fake-secret-for-tests");
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", base);
	a = dd_account_new(c);
	memset(&d, 0, sizeof(d));
	assert_int_equal(dd_account_load_server(a, h, 42, "fr-par-1", &d, on_done, &w, &err), 0);
	dd_http_run(h);
	assert_int_equal(w.done, 1);
	assert_int_equal(w.err.kind, DD_E_DECODE);
	assert_non_null(strstr(w.err.message, "43"));
	dd_server_detail_clear(&d);
	dd_account_free(a);
	dd_http_free(h);
}

/* Online: every reference fetched, every answer about the server asked
 * for; one answering for its neighbour would leave a server out of the
 * list without a word. */
static void load_online(enum lie lie, int total, struct wait *w, size_t *n)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	struct dd_error err;

	S.lie = lie;
	S.total = total;
	snprintf(c->online_token, sizeof(c->online_token), "fake-token-for-tests");
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", base);
	a = dd_account_new(c);
	memset(w, 0, sizeof(*w));
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, w, &err), 0);
	dd_http_run(h);
	assert_int_equal(w->done, 1);
	*n = dd_account_servers(a)->n;
	dd_account_free(a);
	dd_http_free(h);
}

static void test_online_answer_for_another_id(void **state)
{
	struct wait w;
	size_t n;

	load_online(HONEST, 40, &w, &n);
	assert_int_equal(w.err.kind, DD_OK);
	assert_int_equal(n, 40);
	load_online(WRONG_DETAIL, 40, &w, &n);
	assert_int_equal(w.err.kind, DD_E_DECODE);
	assert_non_null(strstr(w.err.message, "5039"));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_honest),
		cmocka_unit_test(test_total_bigger_than_pages),
		cmocka_unit_test(test_total_smaller_than_pages),
		cmocka_unit_test(test_pages_repeat_ids),
		cmocka_unit_test(test_huge_total_over_empty_pages),
		cmocka_unit_test(test_pages_windowed),
		cmocka_unit_test(test_project_id_not_injected),
		cmocka_unit_test(test_detail_decode_error_names_its_source),
		cmocka_unit_test(test_detail_of_another_id_refused),
		cmocka_unit_test(test_online_answer_for_another_id),
	};
	return cmocka_run_group_tests_name("account", tests, setup, teardown);
}
