/* --faults and POST /__sandbox/faults?spec=...: rules of the form
 * KIND[=ARG][@[METHOD ]GLOB][#N] separated by ';'. A rule applies to the
 * requests whose path matches GLOB (fnmatch, '*' crosses '/') and method
 * METHOD, to its first N matches when #N is given, else to every one. */
#include "sandbox/faults.h"

#include <errno.h>
#include <fnmatch.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RULES 16
#define STALL_MAX_MS (600 * 1000)
/* Past dedi's 8 MiB page cap once decoded. */
#define OVERSIZE_BYTES ((size_t)9 << 20)

struct rule {
	struct dd_sb_fault f;
	char method[8];   /* "" for any */
	char glob[128];   /* "" for any */
	long left;        /* -1: every match */
};

struct dd_sb_faults {
	pthread_mutex_t lock;
	struct rule rules[MAX_RULES];
	size_t n;
	int stopping;
	unsigned long fired;
};

static __thread char page_override[24];
static __thread int page_overridden;

struct dd_sb_faults *dd_sb_faults_new(void)
{
	struct dd_sb_faults *f = calloc(1, sizeof(*f));

	if (f)
		pthread_mutex_init(&f->lock, NULL);
	return f;
}

void dd_sb_faults_free(struct dd_sb_faults *f)
{
	if (!f)
		return;
	pthread_mutex_destroy(&f->lock);
	free(f);
}

void dd_sb_faults_stop(struct dd_sb_faults *f)
{
	if (f)
		__atomic_store_n(&f->stopping, 1, __ATOMIC_SEQ_CST);
}

unsigned long dd_sb_faults_fired(const struct dd_sb_faults *f)
{
	return f ? __atomic_load_n(&f->fired, __ATOMIC_SEQ_CST) : 0;
}

static int whole(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	enum dd_sb_fault_kind kind;
	int arg; /* 0 none, 1 required */
} kinds[] = {
	{ "latency", DD_FAULT_LATENCY, 1 },   { "stall", DD_FAULT_STALL, 0 },
	{ "reset-before", DD_FAULT_RESET_BEFORE, 0 }, { "reset-after", DD_FAULT_RESET_AFTER, 0 },
	{ "truncate", DD_FAULT_TRUNCATE, 0 }, { "oversize", DD_FAULT_OVERSIZE, 0 },
	{ "malformed", DD_FAULT_MALFORMED, 0 }, { "html502", DD_FAULT_HTML502, 0 },
	{ "429", DD_FAULT_429, 0 },           { "retry-after", DD_FAULT_RETRY_AFTER, 1 },
	{ "500", DD_FAULT_STATUS, 0 },        { "502", DD_FAULT_STATUS, 0 },
	{ "503", DD_FAULT_STATUS, 0 },        { "redirect", DD_FAULT_REDIRECT, 1 },
	{ "dup-page", DD_FAULT_DUP_PAGE, 0 }, { "skip-page", DD_FAULT_SKIP_PAGE, 0 },
	{ "total", DD_FAULT_TOTAL, 1 },
};

static int parse_rule(char *s, struct rule *r, char *err, size_t errlen)
{
	char *hash = strrchr(s, '#'), *at, *eq;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->left = -1;
	if (hash) {
		*hash = '\0';
		if (whole(hash + 1, 1, 1000000, &r->left) < 0)
			return snprintf(err, errlen, "#%s: a count is a whole number from 1 to 1000000", hash + 1), -1;
	}
	/* The last '@': a redirect's URL may hold one, a route never does. */
	at = strrchr(s, '@');
	if (at) {
		char *route = at + 1, *sp = strchr(route, ' ');
		*at = '\0';
		if (sp) {
			if ((size_t)(sp - route) >= sizeof(r->method))
				return snprintf(err, errlen, "%s: not a method", route), -1;
			memcpy(r->method, route, (size_t)(sp - route));
			route = sp + 1;
		}
		if (strlen(route) >= sizeof(r->glob) || (route[0] != '/' && route[0] != '*'))
			return snprintf(err, errlen, "route %s: a path glob starting with / or * is wanted", route), -1;
		strcpy(r->glob, route);
	}
	eq = strchr(s, '=');
	if (eq)
		*eq++ = '\0';
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(s, kinds[i].name) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return snprintf(err, errlen, "unknown fault \"%.40s\"", s), -1;
	if (!eq != !kinds[i].arg)
		return snprintf(err, errlen, "fault %s %s", s, kinds[i].arg ? "wants =VALUE" : "takes no value"), -1;
	r->f.kind = kinds[i].kind;
	switch (r->f.kind) {
	case DD_FAULT_LATENCY:
		if (whole(eq, 1, 600000, &r->f.arg) < 0)
			return snprintf(err, errlen, "latency=%s: milliseconds from 1 to 600000", eq), -1;
		break;
	case DD_FAULT_STATUS:
		r->f.arg = strtol(s, NULL, 10);
		break;
	case DD_FAULT_RETRY_AFTER:
		/* sent as given (garbage and negative values are the point),
		 * or an HTTP-date N seconds away with date+N / date-N */
		if (strlen(eq) >= sizeof(r->f.text))
			return snprintf(err, errlen, "retry-after: value too long"), -1;
		strcpy(r->f.text, eq);
		break;
	case DD_FAULT_REDIRECT: {
		char *comma = strchr(eq, ',');
		if (!comma || (*comma = '\0', whole(eq, 300, 399, &r->f.arg) < 0) ||
		    strlen(comma + 1) >= sizeof(r->f.text) || !comma[1])
			return snprintf(err, errlen, "redirect wants CODE,URL (301, 302, 307...)"), -1;
		strcpy(r->f.text, comma + 1);
		break;
	}
	case DD_FAULT_TOTAL:
		if ((eq[0] != '+' && eq[0] != '-') || whole(eq, -1000000, 1000000, &r->f.arg) < 0)
			return snprintf(err, errlen, "total=%s: +N or -N", eq), -1;
		break;
	default:
		break;
	}
	return 0;
}

int dd_sb_faults_set(struct dd_sb_faults *f, const char *spec, char *err, size_t errlen)
{
	struct rule rules[MAX_RULES];
	size_t n = 0;
	char *copy = strdup(spec), *save = NULL, *tok;

	if (!copy)
		return snprintf(err, errlen, "out of memory"), -1;
	for (tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		if (!*tok)
			continue;
		if (n == MAX_RULES) {
			snprintf(err, errlen, "at most %d rules", MAX_RULES);
			free(copy);
			return -1;
		}
		if (parse_rule(tok, &rules[n], err, errlen) < 0) {
			free(copy);
			return -1;
		}
		n++;
	}
	free(copy);
	pthread_mutex_lock(&f->lock);
	memcpy(f->rules, rules, n * sizeof(rules[0]));
	f->n = n;
	pthread_mutex_unlock(&f->lock);
	return 0;
}

int dd_sb_faults_take(struct dd_sb_faults *f, struct MHD_Connection *c, const char *method,
		      const char *url, struct dd_sb_fault *out)
{
	int hit = 0;

	page_overridden = 0;
	if (!f)
		return 0;
	pthread_mutex_lock(&f->lock);
	for (size_t i = 0; i < f->n && !hit; i++) {
		struct rule *r = &f->rules[i];
		if (r->left == 0 || (r->method[0] && strcmp(r->method, method) != 0) ||
		    (r->glob[0] && fnmatch(r->glob, url, 0) != 0))
			continue;
		if (r->f.kind == DD_FAULT_DUP_PAGE || r->f.kind == DD_FAULT_SKIP_PAGE) {
			/* Only a listing's later pages: the first has nothing to repeat. */
			const char *p = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
			long page;
			if (!p || whole(p, 2, 1000000, &page) < 0)
				continue;
			*out = r->f;
			snprintf(out->page, sizeof(out->page), "%ld",
				 r->f.kind == DD_FAULT_DUP_PAGE ? page - 1 : page + 1);
		} else {
			*out = r->f;
		}
		if (r->left > 0)
			r->left--;
		hit = 1;
	}
	pthread_mutex_unlock(&f->lock);
	if (hit) {
		__atomic_add_fetch(&f->fired, 1, __ATOMIC_SEQ_CST);
		if (out->page[0]) {
			snprintf(page_override, sizeof(page_override), "%s", out->page);
			page_overridden = 1;
		}
	}
	return hit;
}

const char *dd_sb_fault_query(const char *name)
{
	return page_overridden && strcmp(name, "page") == 0 ? page_override : NULL;
}

void dd_sb_fault_done(void)
{
	page_overridden = 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int online_path(const char *url)
{
	return strncmp(url, "/api/", 5) == 0;
}

static void set_text(struct dd_sb_resp *resp, unsigned status, const char *ctype, const char *text)
{
	char *b = strdup(text);
	dd_sb_reply_bytes(resp, status, ctype, b, b ? strlen(b) : 0);
}

int dd_sb_fault_before(struct dd_sb_faults *f, const struct dd_sb_fault *ft, const char *url,
		       struct dd_sb_resp *resp)
{
	switch (ft->kind) {
	case DD_FAULT_LATENCY:
		sleep_ms(ft->arg);
		return 0;
	case DD_FAULT_STALL:
		/* Accepted and read, then silence: until the sandbox stops or
		 * ten minutes pass, whichever comes first. */
		for (long t = 0; t < STALL_MAX_MS && !__atomic_load_n(&f->stopping, __ATOMIC_SEQ_CST); t += 50)
			sleep_ms(50);
		return -1;
	case DD_FAULT_RESET_BEFORE:
		return -1;
	case DD_FAULT_HTML502:
		set_text(resp, 502, "text/html",
			 "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
			 "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
			 "</body>\r\n</html>\r\n");
		return 1;
	case DD_FAULT_429:
	case DD_FAULT_RETRY_AFTER:
		/* Scaleway's edge: an empty text body, no error JSON. */
		set_text(resp, 429, "text/plain", "");
		resp->envoy_limited = ft->kind == DD_FAULT_429;
		return 1;
	case DD_FAULT_STATUS:
		if (online_path(url))
			dd_sb_online_error(resp, (unsigned)ft->arg,
					   ft->arg == 503 ? "Service Unavailable: too many requests"
							  : "Internal error",
					   (int)ft->arg);
		else
			dd_sb_scw_error(resp, (unsigned)ft->arg,
					ft->arg == 500 ? "internal_error" : "service_unavailable",
					ft->arg == 500 ? "internal error" : "service unavailable");
		return 1;
	case DD_FAULT_REDIRECT:
		set_text(resp, (unsigned)ft->arg, "text/html", "<html><body>Moved</body></html>\r\n");
		return 1;
	default:
		return 0;
	}
}

/* The JSON of a listing with its total_count moved by delta (never below 0). */
static void lie_total(struct dd_sb_resp *resp, long delta)
{
	json_t *v = json_loadb(resp->body ? resp->body : "", resp->len, 0, NULL);
	json_t *t = v ? json_object_get(v, "total_count") : NULL;
	char *text;

	if (!json_is_integer(t)) {
		json_decref(v);
		return;
	}
	json_int_t n = json_integer_value(t) + delta;
	json_object_set_new(v, "total_count", json_integer(n < 0 ? 0 : n));
	text = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (!text)
		return;
	free(resp->body);
	resp->body = text;
	resp->len = strlen(text);
	if (resp->has_total)
		resp->total = n < 0 ? 0 : n;
}

int dd_sb_fault_after(const struct dd_sb_fault *ft, struct dd_sb_resp *resp)
{
	switch (ft->kind) {
	case DD_FAULT_RESET_AFTER:
		return -1;
	case DD_FAULT_MALFORMED:
		if (resp->len > 1)
			resp->len /= 2;
		else
			set_text(resp, 200, NULL, "{\"servers\": [");
		resp->status = 200;
		return 0;
	case DD_FAULT_OVERSIZE: {
		static const char head[] = "{\"total_count\": 0, \"servers\": [], \"padding\": \"";
		char *b = malloc(OVERSIZE_BYTES + 1);
		if (!b)
			return -1;
		memcpy(b, head, sizeof(head) - 1);
		memset(b + sizeof(head) - 1, 'x', OVERSIZE_BYTES - sizeof(head) - 1);
		memcpy(b + OVERSIZE_BYTES - 2, "\"}", 2);
		b[OVERSIZE_BYTES] = '\0';
		free(resp->body);
		resp->body = b;
		resp->len = OVERSIZE_BYTES;
		resp->status = 200;
		resp->ctype = NULL;
		return 0;
	}
	case DD_FAULT_TOTAL:
		lie_total(resp, ft->arg);
		return 0;
	default:
		return 0;
	}
}

struct trunc {
	char *body;
	size_t len, sent;
};

/* Half the body, then an error: MHD closes with Content-Length unmet. */
static ssize_t trunc_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct trunc *t = cls;
	size_t half = t->len / 2, n;

	if (pos >= half)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = half - (size_t)pos < max ? half - (size_t)pos : max;
	memcpy(buf, t->body + pos, n);
	return (ssize_t)n;
}

static void trunc_free(void *cls)
{
	struct trunc *t = cls;
	free(t->body);
	free(t);
}

struct MHD_Response *dd_sb_fault_response(const struct dd_sb_fault *ft, struct dd_sb_resp *resp)
{
	struct trunc *t;
	struct MHD_Response *mr;

	if (ft->kind != DD_FAULT_TRUNCATE || resp->len < 2 || !(t = calloc(1, sizeof(*t))))
		return NULL;
	t->body = resp->body;
	t->len = resp->len;
	mr = MHD_create_response_from_callback(resp->len, 4096, trunc_read, t, trunc_free);
	if (!mr) {
		free(t);
		return NULL;
	}
	resp->body = NULL;
	return mr;
}

void dd_sb_fault_headers(const struct dd_sb_fault *ft, struct MHD_Response *mr)
{
	char v[300];

	if (ft->kind == DD_FAULT_RETRY_AFTER) {
		long d;
		if ((strncmp(ft->text, "date+", 5) == 0 || strncmp(ft->text, "date-", 5) == 0) &&
		    whole(ft->text + 5, 0, 1000000000L, &d) == 0) {
			/* The client compares with its own clock: real time here,
			 * not the sandbox's scaled one. */
			time_t t = time(NULL) + (ft->text[4] == '+' ? d : -d);
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(v, sizeof(v), "%a, %d %b %Y %H:%M:%S GMT", &tm);
			MHD_add_response_header(mr, "Retry-After", v);
		} else {
			MHD_add_response_header(mr, "Retry-After", ft->text);
		}
	} else if (ft->kind == DD_FAULT_REDIRECT) {
		MHD_add_response_header(mr, MHD_HTTP_HEADER_LOCATION, ft->text);
	}
}
