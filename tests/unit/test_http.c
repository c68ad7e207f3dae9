/* The HTTP room against a scripted local server: retry policy (reads
 * only), Retry-After, no redirects, body cap, plaintext refusal, cancel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <microhttpd.h>

#include "core/apierr.h"
#include "core/http.h"

/* The script: the first `fail_times` requests get `fail_status`. */
struct script {
	int hits;
	int fail_times;
	int fail_status;
	const char *retry_after;
	const char *location;
	size_t big;
	int hang_ms;
	int echo;             /* 400 whose message echoes the token */
	const char *gz;       /* a gzip body sent as Content-Encoding: gzip */
	size_t gz_len;
	char last_auth[128];
};

static struct script S;

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct MHD_Response *r;
	const char *auth;
	enum MHD_Result ret;
	int status = 200;
	static int dummy;

	if (*con_cls == NULL) {
		*con_cls = &dummy;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	S.hits++;
	if (S.hang_ms)
		usleep((useconds_t)S.hang_ms * 1000);
	auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Auth-Token");
	snprintf(S.last_auth, sizeof(S.last_auth), "%s", auth ? auth : "");
	if (S.echo) {
		char *b = malloc(512);
		snprintf(b, 512, "{\"type\":\"invalid_arguments\",\"message\":\"token %s is not valid "
			 "(\\u0066ake-secret-for-tests)\",\"details\":[{\"argument_name\":\"%s\","
			 "\"reason\":\"%s\"}]}", S.last_auth, S.last_auth, S.last_auth);
		status = 400;
		r = MHD_create_response_from_buffer(strlen(b), b, MHD_RESPMEM_MUST_FREE);
	} else if (S.gz) {
		r = MHD_create_response_from_buffer(S.gz_len, (void *)S.gz, MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Content-Encoding", "gzip");
		MHD_add_response_header(r, "Content-Type", "application/json");
	} else if (S.big) {
		char *b = malloc(S.big);
		memset(b, 'x', S.big);
		r = MHD_create_response_from_buffer(S.big, b, MHD_RESPMEM_MUST_FREE);
	} else if (S.hits <= S.fail_times) {
		const char *body = "{\"type\":\"transient_state\",\"message\":\"try later\"}";
		status = S.fail_status;
		r = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
		if (S.retry_after)
			MHD_add_response_header(r, "Retry-After", S.retry_after);
		if (S.location)
			MHD_add_response_header(r, "Location", S.location);
	} else {
		const char *body = "{\"ok\":true}";
		r = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "X-Total-Count", "42");
	}
	ret = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
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
	snprintf(base, sizeof(base), "http://127.0.0.1:%u/x", info->port);
	return 0;
}

static int teardown(void **state)
{
	MHD_stop_daemon(daemon_);
	return 0;
}

struct result {
	int called;
	int status;
	long long total;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct result *r = ud;

	r->called++;
	r->err = *err;
	r->status = resp ? resp->status : 0;
	r->total = resp ? resp->total_count : -2;
}

static struct result run(enum dd_http_method m, const struct dd_http_opts *o)
{
	struct dd_http_opts fast = { .max_retries = 3, .max_backoff_ms = 2000 };
	struct dd_http *h = dd_http_new(o ? o : &fast, NULL);
	struct dd_http_req q = { .method = m, .url = base, .auth_name = "X-Auth-Token",
				 .auth_value = "fake-secret-for-tests", .body = m == DD_GET ? NULL : "{}",
				 .body_len = m == DD_GET ? 0 : 2, .content_type = "application/json" };
	struct result r = { 0 };

	assert_non_null(h);
	assert_true(dd_http_send(h, &q, on_done, &r, NULL) > 0);
	assert_int_equal(r.called, 0); /* never from inside send */
	dd_http_run(h);
	dd_http_free(h);
	return r;
}

static void reset(void)
{
	memset(&S, 0, sizeof(S));
}

static void test_get_ok(void **state)
{
	struct result r;

	reset();
	r = run(DD_GET, NULL);
	assert_int_equal(r.called, 1);
	assert_int_equal(r.err.kind, DD_OK);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.total, 42);
	assert_string_equal(S.last_auth, "fake-secret-for-tests");
}

static void test_get_retried_on_503(void **state)
{
	struct result r;

	reset();
	S.fail_times = 2;
	S.fail_status = 503;
	r = run(DD_GET, NULL);
	assert_int_equal(r.err.kind, DD_OK);
	assert_int_equal(S.hits, 3);
}

static void test_get_gives_up(void **state)
{
	struct result r;

	reset();
	S.fail_times = 100;
	S.fail_status = 503;
	r = run(DD_GET, NULL);
	assert_int_equal(r.err.kind, DD_E_API);
	assert_int_equal(r.err.http_status, 503);
	assert_int_equal(S.hits, 4); /* 1 + max_retries */
}

static void test_writes_never_retried(void **state)
{
	enum dd_http_method writes[] = { DD_POST, DD_PATCH, DD_PUT, DD_DELETE };

	for (size_t i = 0; i < 4; i++) {
		struct result r;
		reset();
		S.fail_times = 5;
		S.fail_status = i % 2 ? 429 : 503;
		r = run(writes[i], NULL);
		assert_int_not_equal(r.err.kind, DD_OK);
		assert_int_equal(S.hits, 1);
	}
}

static void test_retry_after_honoured(void **state)
{
	struct timespec a, b;
	struct result r;
	double s;

	reset();
	S.fail_times = 1;
	S.fail_status = 429;
	S.retry_after = "1";
	clock_gettime(CLOCK_MONOTONIC, &a);
	r = run(DD_GET, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	assert_int_equal(r.err.kind, DD_OK);
	assert_int_equal(S.hits, 2);
	assert_true(s >= 0.95);
}

/* A Retry-After past the cap (an hour, or too big for a long, or for a
 * long times 1000) is clamped to the cap: one more try after it, no
 * overflow (UBSan), no hour-long hang. */
static void test_retry_after_absurd_clamped(void **state)
{
	static const char *const absurd[] = { "3600", "9223372036854775807", "99999999999999999999",
					      "9223372036854776" };
	struct dd_http_opts o = { .max_retries = 1, .max_backoff_ms = 100 };

	for (size_t i = 0; i < 4; i++) {
		struct result r;
		reset();
		S.fail_times = 1;
		S.fail_status = 429;
		S.retry_after = absurd[i];
		r = run(DD_GET, &o);
		assert_int_equal(r.err.kind, DD_OK);
		assert_int_equal(S.hits, 2);
	}
}

/* Negative or garbage: no Retry-After at all, the ordinary backoff. */
static void test_retry_after_garbage_ignored(void **state)
{
	static const char *const bad[] = { "-5", "soon", "12abc", "Mon, 99 Foo 2026" };
	struct dd_http_opts o = { .max_retries = 1, .max_backoff_ms = 100 };

	for (size_t i = 0; i < 4; i++) {
		struct result r;
		reset();
		S.fail_times = 1;
		S.fail_status = 429;
		S.retry_after = bad[i];
		r = run(DD_GET, &o);
		assert_int_equal(r.err.kind, DD_OK);
		assert_int_equal(S.hits, 2);
	}
}

static void test_no_redirect(void **state)
{
	struct result r;

	reset();
	S.fail_times = 1;
	S.fail_status = 302;
	S.location = "http://127.0.0.1:1/elsewhere";
	r = run(DD_GET, NULL);
	assert_int_equal(r.err.kind, DD_E_API);
	assert_int_equal(r.err.http_status, 302);
	assert_int_equal(S.hits, 1);
}

static void test_body_cap(void **state)
{
	struct dd_http_opts o = { .max_body = 1000, .max_retries = 0 };
	struct result r;

	reset();
	S.big = 5000;
	r = run(DD_GET, &o);
	assert_int_equal(r.err.kind, DD_E_API);
	assert_non_null(strstr(r.err.message, "larger than"));
}

/* 24 MiB of {"servers":[{},{},...]} gzipped: a few tens of KiB on the
 * wire. The cap counts the decoded bytes, a page's few MiB. */
static void test_gzip_bomb_capped(void **state)
{
	char tmp[] = "/tmp/dedi-bomb-XXXXXX", cmd[128], gzpath[64];
	size_t n = (size_t)24 << 20;
	char *plain = malloc(n), *gz = malloc(1 << 20);
	struct result r;
	FILE *f;
	int fd = mkstemp(tmp);

	assert_true(fd >= 0 && plain && gz);
	memcpy(plain, "{\"servers\":[", 12);
	for (size_t i = 12; i + 3 < n; i += 3)
		memcpy(plain + i, "{},", 3);
	memcpy(plain + n - 4, "{}]}", 4);
	assert_int_equal(write(fd, plain, n), (ssize_t)n);
	close(fd);
	free(plain);
	snprintf(cmd, sizeof(cmd), "gzip -9 -f '%s'", tmp);
	assert_int_equal(system(cmd), 0);
	snprintf(gzpath, sizeof(gzpath), "%s.gz", tmp);
	f = fopen(gzpath, "rb");
	assert_non_null(f);
	reset();
	S.gz = gz;
	S.gz_len = fread(gz, 1, 1 << 20, f);
	fclose(f);
	unlink(gzpath);
	assert_true(S.gz_len > 0 && S.gz_len < (1 << 20));
	r = run(DD_GET, NULL);
	free(gz);
	assert_int_equal(r.err.kind, DD_E_API);
	assert_non_null(strstr(r.err.message, "larger than the 8192 KiB limit"));
}

/* A server that echoes the token in its refusal: the sentence the user
 * reads (and the audit log keeps) has stars where the token was. */
static struct dd_error echoed;
static void on_echo(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	echoed = *err;
	assert_non_null(resp);
	assert_null(strstr(resp->body, "fake-secret-for-tests"));
}

static void test_echoed_token_redacted(void **state)
{
	struct dd_http_opts o = { .max_retries = 0 };
	struct dd_http *h = dd_http_new(&o, NULL);
	struct dd_http_req q = { .method = DD_PATCH, .url = base, .auth_name = "X-Auth-Token",
				 .auth_value = "fake-secret-for-tests", .body = "{}", .body_len = 2,
				 .content_type = "application/json", .refusal = dd_apierr_scw };

	reset();
	S.echo = 1;
	memset(&echoed, 0, sizeof(echoed));
	assert_true(dd_http_send(h, &q, on_echo, NULL, NULL) > 0);
	dd_http_run(h);
	dd_http_free(h);
	assert_int_equal(S.hits, 1);
	assert_string_equal(S.last_auth, "fake-secret-for-tests");
	assert_int_equal(echoed.kind, DD_E_API);
	assert_non_null(strstr(echoed.message, "is not valid"));
	assert_null(strstr(echoed.message, "fake-secret-for-tests"));
	assert_null(strstr(echoed.message, "secret-for"));
	assert_non_null(strstr(echoed.message, "*****"));
}

static void test_plaintext_remote_refused(void **state)
{
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_http_req q = { .method = DD_GET, .url = "http://api.example.com/x",
				 .auth_name = "X-Auth-Token", .auth_value = "fake" };
	struct dd_error err;

	assert_int_equal(dd_http_send(h, &q, on_done, NULL, &err), 0);
	assert_int_equal(err.kind, DD_E_USAGE);
	/* The host is what libcurl connects to, not the text before the first
	 * ':' or '/': a loopback name in the user info is no loopback. */
	q.url = "http://127.0.0.1:x@127.0.0.2:1/x";
	assert_int_equal(dd_http_send(h, &q, on_done, NULL, &err), 0);
	assert_int_equal(err.kind, DD_E_USAGE);
	q.url = "http://localhost:x@api.example.com/x";
	assert_int_equal(dd_http_send(h, &q, on_done, NULL, &err), 0);
	assert_int_equal(err.kind, DD_E_USAGE);
	q.url = "http://[::1]@api.example.com/x";
	assert_int_equal(dd_http_send(h, &q, on_done, NULL, &err), 0);
	assert_int_equal(err.kind, DD_E_USAGE);
	q.url = "ftp://127.0.0.1/x";
	assert_int_equal(dd_http_send(h, &q, on_done, NULL, &err), 0);
	assert_int_equal(dd_http_in_flight(h), 0);
	dd_http_free(h);
}

/* A second server playing an http proxy: counts what reaches it. */
static int proxy_hits;

static enum MHD_Result proxy_handle(void *cls, struct MHD_Connection *c, const char *url,
				    const char *method, const char *version, const char *upload,
				    size_t *upload_size, void **con_cls)
{
	static const char body[] = "{\"proxied\":true}";
	struct MHD_Response *r;
	enum MHD_Result ret;

	proxy_hits++;
	r = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ret;
}

/* http_proxy must not turn "plain http only to loopback" into "the token
 * in clear to whatever proxy the environment names". */
static void test_http_proxy_not_used_for_plain_http(void **state)
{
	struct MHD_Daemon *proxy;
	const union MHD_DaemonInfo *info;
	char purl[64];
	struct result r;

	proxy = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
				 NULL, NULL, proxy_handle, NULL, MHD_OPTION_END);
	assert_non_null(proxy);
	info = MHD_get_daemon_info(proxy, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(purl, sizeof(purl), "http://127.0.0.1:%u", info->port);
	setenv("http_proxy", purl, 1);
	setenv("HTTP_PROXY", purl, 1);
	setenv("ALL_PROXY", purl, 1);
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");
	reset();
	proxy_hits = 0;
	r = run(DD_GET, NULL);
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("ALL_PROXY");
	MHD_stop_daemon(proxy);
	assert_int_equal(r.err.kind, DD_OK);
	assert_int_equal(proxy_hits, 0);
	assert_int_equal(S.hits, 1);
	assert_string_equal(S.last_auth, "fake-secret-for-tests");
}

/* libcurl would write the TLS session keys to the file SSLKEYLOGFILE
 * names; dedi removes it before libcurl reads it. */
static void test_sslkeylogfile_unset(void **state)
{
	struct dd_http *h;

	/* dd_http_new starts libcurl once per process: this test runs first. */
	setenv("SSLKEYLOGFILE", "/tmp/dedi-test-keylog-never-written", 1);
	h = dd_http_new(NULL, NULL);
	assert_non_null(h);
	assert_null(getenv("SSLKEYLOGFILE"));
	dd_http_free(h);
}

static void test_connection_refused_is_network(void **state)
{
	struct dd_http_opts o = { .max_retries = 1, .max_backoff_ms = 50 };
	struct dd_http *h = dd_http_new(&o, NULL);
	struct dd_http_req q = { .method = DD_GET, .url = "http://127.0.0.1:1/x" };
	struct result r = { 0 };

	assert_true(dd_http_send(h, &q, on_done, &r, NULL) > 0);
	dd_http_run(h);
	assert_int_equal(r.called, 1);
	assert_int_equal(r.err.kind, DD_E_NETWORK);
	assert_non_null(strstr(r.err.message, "after 2 attempts"));
	dd_http_free(h);
}

static void test_timeout_retried_once(void **state)
{
	struct dd_http_opts o = { .total_timeout_ms = 150, .max_retries = 4, .max_backoff_ms = 50 };
	struct result r;

	reset();
	S.hang_ms = 400;
	r = run(DD_GET, &o);
	assert_int_equal(r.err.kind, DD_E_NETWORK);
	assert_non_null(strstr(r.err.message, "in time"));
	assert_int_equal(S.hits, 2);
}

/* No byte for stall_s: abandoned long before the total timeout, with the
 * host named, and tried once more (a read). */
static void test_stall_names_host(void **state)
{
	struct dd_http_opts o = { .total_timeout_ms = 20000, .stall_s = 1, .max_retries = 4,
				  .max_backoff_ms = 50 };
	struct result r;

	reset();
	S.hang_ms = 3000;
	r = run(DD_GET, &o);
	assert_int_equal(r.err.kind, DD_E_NETWORK);
	assert_non_null(strstr(r.err.message, "127.0.0.1:"));
	assert_non_null(strstr(r.err.message, "stalled: no data for 1 s"));
	assert_int_equal(S.hits, 2);
}

static void test_cancel(void **state)
{
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_http_req q = { .method = DD_GET, .url = base };
	struct result r = { 0 };
	uint64_t id;

	reset();
	id = dd_http_send(h, &q, on_done, &r, NULL);
	dd_http_cancel(h, id);
	dd_http_run(h);
	assert_int_equal(r.called, 1);
	assert_int_equal(r.err.kind, DD_E_NETWORK);
	assert_string_equal(r.err.api_type, "cancelled");
	assert_int_equal(dd_http_in_flight(h), 0);
	dd_http_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sslkeylogfile_unset),
		cmocka_unit_test(test_get_ok),
		cmocka_unit_test(test_http_proxy_not_used_for_plain_http),
		cmocka_unit_test(test_get_retried_on_503),
		cmocka_unit_test(test_get_gives_up),
		cmocka_unit_test(test_writes_never_retried),
		cmocka_unit_test(test_retry_after_honoured),
		cmocka_unit_test(test_retry_after_absurd_clamped),
		cmocka_unit_test(test_retry_after_garbage_ignored),
		cmocka_unit_test(test_stall_names_host),
		cmocka_unit_test(test_no_redirect),
		cmocka_unit_test(test_body_cap),
		cmocka_unit_test(test_gzip_bomb_capped),
		cmocka_unit_test(test_echoed_token_redacted),
		cmocka_unit_test(test_plaintext_remote_refused),
		cmocka_unit_test(test_connection_refused_is_network),
		cmocka_unit_test(test_timeout_retried_once),
		cmocka_unit_test(test_cancel),
	};
	return cmocka_run_group_tests_name("http", tests, setup, teardown);
}
