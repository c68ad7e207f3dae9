/* The sandbox's times, which tests/sandbox/test_load only reports: they
 * depend on the machine and its load, so they are read, never asserted.
 *   tests/bench/bench_sandbox [ROUNDS] */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/sandbox/sbtest.h"

static size_t sink(char *p, size_t sz, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return sz * n;
}

/* n GETs at once; the milliseconds until the last answer. */
static double parallel(struct sbt *t, const char *path, int n)
{
	CURLM *m = curl_multi_init();
	CURL **e = calloc((size_t)n, sizeof *e);
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	char url[512];
	int running = 1;
	double t0, el;

	snprintf(url, sizeof url, "%s%s", sbt_url(t), path);
	for (int i = 0; i < n; i++) {
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, sink);
		curl_multi_add_handle(m, e[i]);
	}
	t0 = sbt_ms();
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	el = sbt_ms() - t0;
	for (int i = 0; i < n; i++) {
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_slist_free_all(h);
	free(e);
	curl_multi_cleanup(m);
	return el;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;

	for (int r = 0; r < rounds; r++) {
		struct dd_sandbox_opts lo = { .servers = 24, .latency_ms = 20 };
		struct dd_sandbox_opts bo = { .servers = 100000, .servers_set = 1 };
		struct sbt_resp resp;
		struct sbt *t = sbt_start(&lo);
		double el = parallel(t, "/dedibox/v1/zones/fr-par-1/servers", 16);
		double t0, gen, page;

		sbt_stop(t);
		t0 = sbt_ms();
		t = sbt_start(&bo);
		gen = sbt_ms() - t0;
		t0 = sbt_ms();
		sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page=500&page_size=100", &resp);
		page = sbt_ms() - t0;
		sbt_resp_free(&resp);
		sbt_stop(t);
		printf("round %d: 16 requests with --latency 20 in %.1f ms (320 if served one at a time); "
		       "100,000 servers generated in %.1f ms; page 500 in %.1f ms\n",
		       r + 1, el, gen, page);
	}
	return 0;
}
