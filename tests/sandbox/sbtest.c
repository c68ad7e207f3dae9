/* Test plumbing for the sandbox tests. */
#include "tests/sandbox/sbtest.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int t_count, t_failed;

int t_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++t_count);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (!cond)
		t_failed++;
	return cond;
}

void t_diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

int t_done(void)
{
	printf("1..%d\n", t_count);
	return t_failed ? 1 : 0;
}

struct sbt {
	struct dd_sandbox *sb;
	CURL *curl;   /* reused: keep-alive */
};

void sbt_stats(const struct sbt *t, struct dd_sandbox_stats *out)
{
	dd_sandbox_stats(t->sb, out);
}

struct sbt *sbt_start(const struct dd_sandbox_opts *opts)
{
	static int curl_ready;
	if (!curl_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_ready = 1;
	}
	struct sbt *t = calloc(1, sizeof *t);
	char err[256];
	if (!t || !(t->sb = dd_sandbox_start(opts, err, sizeof err)) || !(t->curl = curl_easy_init())) {
		printf("Bail out! cannot start the sandbox: %s\n", t && !t->sb ? err : "out of memory");
		exit(1);
	}
	return t;
}

void sbt_stop(struct sbt *t)
{
	if (!t)
		return;
	curl_easy_cleanup(t->curl);
	dd_sandbox_stop(t->sb);
	free(t);
}

const char *sbt_url(const struct sbt *t)
{
	return dd_sandbox_url(t->sb);
}

static size_t on_data(char *p, size_t sz, size_t n, void *ud)
{
	struct sbt_resp *r = ud;
	char *nb = realloc(r->body, r->len + sz * n + 1);
	if (!nb)
		return 0;
	memcpy(nb + r->len, p, sz * n);
	r->body = nb;
	r->len += sz * n;
	r->body[r->len] = '\0';
	return sz * n;
}

static size_t on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct sbt_resp *r = ud;
	size_t len = sz * n;
	if (len > 6 && strncasecmp(p, "Allow:", 6) == 0) {
		size_t k = len - 6;
		if (k >= sizeof r->allow)
			k = sizeof r->allow - 1;
		memcpy(r->allow, p + 6, k);
		r->allow[k] = '\0';
		/* trim */
		char *s = r->allow;
		while (*s == ' ')
			memmove(s, s + 1, strlen(s));
		s[strcspn(s, "\r\n")] = '\0';
	}
	return len;
}

/* The code unit of a \uXXXX escape at p, -1 if there is none. */
static long escape_unit(const char *p, size_t left)
{
	char hex[5];
	char *end;
	if (left < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	memcpy(hex, p + 2, 4);
	hex[4] = '\0';
	long v = strtol(hex, &end, 16);
	return *end ? -1 : v;
}

/* jansson refuses an unpaired surrogate escape (\ud800 alone), which is
 * valid JSON text; it becomes \ufffd, the same length, as dedi does. */
void sbt_repair_surrogates(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n)
			continue;
		if (s[i + 1] != 'u') {
			i++; /* \\ and friends: the next byte is not an escape */
			continue;
		}
		long u = escape_unit(s + i, n - i);
		if (u >= 0xd800 && u <= 0xdbff) {
			long next = escape_unit(s + i + 6, n - i - 6);
			if (next >= 0xdc00 && next <= 0xdfff) {
				i += 11;
				continue;
			}
			memcpy(s + i + 2, "fffd", 4);
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			memcpy(s + i + 2, "fffd", 4);
		}
		i += 5;
	}
}

long sbt_req(struct sbt *t, enum sbt_auth auth, const char *method, const char *path,
	     const char *body, const char *ctype, struct sbt_resp *out)
{
	memset(out, 0, sizeof *out);
	char url[4096], hdr[256];
	snprintf(url, sizeof url, "%s%s", sbt_url(t), path);
	struct curl_slist *h = NULL;
	if (auth == SBT_SCW)
		h = curl_slist_append(h, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	else if (auth == SBT_ONLINE)
		h = curl_slist_append(h, "Authorization: Bearer " DD_SANDBOX_ONLINE_TOKEN);
	if (body) {
		snprintf(hdr, sizeof hdr, "Content-Type: %s", ctype ? ctype : "application/json; charset=utf-8");
		h = curl_slist_append(h, hdr);
	}
	CURL *c = t->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	CURLcode rc = curl_easy_perform(c);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		t_diag("%s %s: %s", method, path, curl_easy_strerror(rc));
		return 0;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	if (out->body) {
		size_t n;
		char *fixed = sbt_repair_utf8(out->body, out->len, &n);
		if (fixed)
			sbt_repair_surrogates(fixed, n);
		out->json = fixed ? json_loadb(fixed, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL) : NULL;
		free(fixed);
	}
	return out->status;
}

long sbt_get(struct sbt *t, const char *path, struct sbt_resp *out)
{
	return sbt_req(t, SBT_SCW, "GET", path, NULL, NULL, out);
}

void sbt_resp_free(struct sbt_resp *r)
{
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t need;
	unsigned cp;
	if (c >= 0xC2 && c <= 0xDF) { need = 2; cp = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { need = 3; cp = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { need = 4; cp = c & 0x07; }
	else return 0;
	if (n < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need;
}

char *sbt_repair_utf8(const char *s, size_t len, size_t *outlen)
{
	char *out = malloc(len * 3 + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_len((const unsigned char *)s + i, len - i);
		if (k == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		}
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

double sbt_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
