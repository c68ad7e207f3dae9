/* Requests and decoders for the server overview's sections. One request
 * context per call; the http callback decodes into the caller's record,
 * calls done and frees the context. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/overview.h"
#include "core/request.h"
#include "core/text.h"

enum ov_kind { OV_BACKUP, OV_EVENTS, OV_OPTIONS, OV_FAILOVERS };

struct ov_ctx {
	enum ov_kind kind;
	enum dd_api_flavour api;
	struct dd_account *a;
	struct dd_http *h;
	int64_t server_id;
	char base[400];           /* URL without the page query, for paging */
	void *out;
	dd_done_fn done;
	void *ud;
	int page;
};

/* Which API serves the server: Scaleway when it knows it and we hold keys. */
static int pick_api(const struct dd_account *a, const struct dd_server *s,
		    enum dd_api_flavour *api, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	if ((s->sources & DD_SRC_SCW) && dd_creds_has_scw(c)) {
		if (!s->zone[0])
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Server %" PRId64 " has no known zone; refresh the list first.",
					    s->id);
		*api = DD_API_SCW;
		return 0;
	}
	if ((s->sources & DD_SRC_ONLINE) && dd_creds_has_online(c)) {
		*api = DD_API_ONLINE;
		return 0;
	}
	return dd_error_set(err, DD_E_AUTH, 0, NULL,
			    "No credentials of this profile reach server %" PRId64 ".", s->id);
}

static int scw_url(const struct dd_account *a, const struct dd_server *s, const char *tail,
		   char *buf, size_t len)
{
	const struct dd_creds *c = dd_account_creds(a);
	int n = snprintf(buf, len, "%s/dedibox/v1/zones/%s%s", c->scw_api_url, s->zone, tail);
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

static int start(struct ov_ctx *ctx, enum dd_http_method m, const char *url,
		 const char *body, const char *ctype, struct dd_error *err);

static void fail_done(struct ov_ctx *ctx, const struct dd_error *e)
{
	ctx->done(ctx->ud, e);
	free(ctx);
}

/* ---- decoders ---- */

static void copy_clean(char *dst, size_t len, const char *src)
{
	dd_text_clean_buf(src ? src : "", src ? strlen(src) : 0, dst, len);
}

static int decode_backup(const struct dd_jv *root, enum dd_api_flavour api,
			 struct dd_backup *b, struct dd_error *err)
{
	const char *st = "", *login = "", *server = "";
	bool active = false;
	memset(b, 0, sizeof(*b));
	if (dd_json_str(root, "login", false, &login, err) < 0 ||
	    dd_json_str(root, "server", false, &server, err) < 0 ||
	    dd_json_bool(root, "acl_enabled", false, &b->acl_enabled, err) < 0 ||
	    dd_json_bool(root, "autologin", false, &b->autologin, err) < 0 ||
	    dd_json_int(root, "quota_space", false, &b->quota_space, err) < 0 ||
	    dd_json_int(root, "quota_space_used", false, &b->quota_space_used, err) < 0 ||
	    dd_json_int(root, "quota_files", false, &b->quota_files, err) < 0 ||
	    dd_json_int(root, "quota_files_used", false, &b->quota_files_used, err) < 0)
		return -1;
	if (api == DD_API_SCW) {
		if (dd_json_str(root, "status", false, &st, err) < 0)
			return -1;
		strcpy(b->unit, "B");
	} else {
		if (dd_json_bool(root, "active", false, &active, err) < 0)
			return -1;
		st = active ? "ready" : "inactive";
		strcpy(b->unit, "GB");
	}
	copy_clean(b->status, sizeof(b->status), st);
	copy_clean(b->login, sizeof(b->login), login);
	copy_clean(b->server, sizeof(b->server), server);
	return 0;
}

static int decode_events(const struct dd_jv *root, struct dd_event_page *p, struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n;
	int64_t total = 0;
	if (dd_json_obj(root, "events", true, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0 ||
	    dd_json_int(root, "total_count", false, &total, err) < 0)
		return -1;
	p->v = calloc(n ? n : 1, sizeof(*p->v));
	if (!p->v)
		return dd_error_oom(err);
	p->total = total;
	for (size_t i = 0; i < n; i++) {
		const char *date = "", *desc = "";
		struct dd_event *e = &p->v[p->n];
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "event_id", false, &e->id, err) < 0 ||
		    dd_json_str(&it, "date", false, &date, err) < 0 ||
		    dd_json_str(&it, "description", false, &desc, err) < 0)
			return -1;
		copy_clean(e->date, sizeof(e->date), date);
		e->description = dd_text_clean(desc, strlen(desc));
		if (!e->description)
			return dd_error_oom(err);
		p->n++;
	}
	return 0;
}

static int decode_price(const struct dd_jv *offer, char *buf, size_t len, struct dd_error *err)
{
	struct dd_jv pr;
	struct dd_money m = { "", 0, 0 };
	const char *cur = "";
	int64_t units = 0, nanos = 0;
	buf[0] = 0;
	if (dd_json_obj(offer, "pricing", false, &pr, err) < 0)
		return -1;
	if (!pr.v || json_is_null(pr.v))
		return 0;
	if (dd_json_str(&pr, "currency_code", false, &cur, err) < 0 ||
	    dd_json_int(&pr, "units", false, &units, err) < 0 ||
	    dd_json_int(&pr, "nanos", false, &nanos, err) < 0)
		return -1;
	copy_clean(m.currency, sizeof(m.currency), cur);
	m.units = units;
	m.nanos = (int32_t)nanos;
	dd_money_format(&m, buf, len);
	return 0;
}

static int decode_options(const struct dd_jv *root, struct dd_option_list *l, struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n;
	if (dd_json_obj(root, "server_options", true, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	l->v = calloc(n ? n : 1, sizeof(*l->v));
	if (!l->v)
		return dd_error_oom(err);
	for (size_t i = 0; i < n; i++) {
		const char *name = "", *freq = "";
		struct dd_option_offer *o = &l->v[l->n];
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "id", false, &o->id, err) < 0 ||
		    dd_json_str(&it, "name", false, &name, err) < 0 ||
		    dd_json_str(&it, "payment_frequency", false, &freq, err) < 0 ||
		    decode_price(&it, o->price, sizeof(o->price), err) < 0)
			return -1;
		copy_clean(o->frequency, sizeof(o->frequency), freq);
		o->name = dd_text_clean(name, strlen(name));
		if (!o->name)
			return dd_error_oom(err);
		l->n++;
	}
	return 0;
}

/* Appends the failover IPs of one page that belong to the server; sets
 * *page_n to the page's size and *total to the zone's count. */
static int decode_failovers(const struct dd_jv *root, int64_t server_id,
			    struct dd_failover_list *l, size_t *page_n, int64_t *total,
			    struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n;
	if (dd_json_obj(root, "failover_ips", true, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0 ||
	    dd_json_int(root, "total_count", false, total, err) < 0)
		return -1;
	*page_n = n;
	for (size_t i = 0; i < n; i++) {
		const char *addr = "", *st = "", *type = "", *mac = "", *rev = "";
		int64_t sid = 0;
		struct dd_failover f;
		memset(&f, 0, sizeof(f));
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "server_id", false, &sid, err) < 0)
			return -1;
		if (sid != server_id)
			continue;
		if (dd_json_int(&it, "id", false, &f.id, err) < 0 ||
		    dd_json_str(&it, "address", false, &addr, err) < 0 ||
		    dd_json_int(&it, "cidr", false, &f.cidr, err) < 0 ||
		    dd_json_str(&it, "status", false, &st, err) < 0 ||
		    dd_json_str(&it, "ip_version", false, &type, err) < 0 ||
		    dd_json_str(&it, "mac", false, &mac, err) < 0 ||
		    dd_json_str(&it, "reverse", false, &rev, err) < 0)
			return -1;
		copy_clean(f.address, sizeof(f.address), addr);
		copy_clean(f.status, sizeof(f.status), st);
		copy_clean(f.type, sizeof(f.type), type);
		copy_clean(f.mac, sizeof(f.mac), mac);
		f.reverse = dd_text_clean(rev, strlen(rev));
		struct dd_failover *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
		if (!f.reverse || !nv) {
			free(f.reverse);
			if (nv)
				l->v = nv;
			return dd_error_oom(err);
		}
		l->v = nv;
		l->v[l->n++] = f;
	}
	return 0;
}

/* ---- the callback ---- */

static void on_resp(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct ov_ctx *ctx = ud;
	struct dd_error err;
	struct dd_jv root = { NULL, "" };
	dd_error_clear(&err);
	if (herr && herr->kind != DD_OK) {
		fail_done(ctx, herr);
		return;
	}
	if (!resp || dd_json_parse(resp->body, resp->body_len, &root, &err) < 0) {
		if (!resp)
			dd_error_set(&err, DD_E_DECODE, 0, NULL, "The API answered nothing.");
		fail_done(ctx, &err);
		return;
	}
	int rc = 0;
	switch (ctx->kind) {
	case OV_BACKUP:
		rc = decode_backup(&root, ctx->api, ctx->out, &err);
		break;
	case OV_EVENTS:
		rc = decode_events(&root, ctx->out, &err);
		break;
	case OV_OPTIONS:
		rc = decode_options(&root, ctx->out, &err);
		break;
	case OV_FAILOVERS: {
		size_t page_n = 0;
		int64_t total = 0;
		struct dd_failover_list *l = ctx->out;
		rc = decode_failovers(&root, ctx->server_id, l, &page_n, &total, &err);
		if (rc == 0 && page_n > 0 && (int64_t)ctx->page * 100 < total) {
			char url[480];
			ctx->page++;
			snprintf(url, sizeof(url), "%s&page=%d", ctx->base, ctx->page);
			json_decref(root.v);
			if (start(ctx, DD_GET, url, NULL, NULL, &err) < 0)
				fail_done(ctx, &err);
			return;
		}
		break;
	}
	}
	json_decref(root.v);
	if (rc < 0 && err.kind == DD_OK)
		dd_error_set(&err, DD_E_DECODE, 0, NULL, "The API's answer could not be read.");
	fail_done(ctx, &err);
}

static int start(struct ov_ctx *ctx, enum dd_http_method m, const char *url,
		 const char *body, const char *ctype, struct dd_error *err)
{
	struct dd_request req = {
		.api = ctx->api, .method = m, .url = url, .body = body, .content_type = ctype,
	};
	return dd_request_send(ctx->h, dd_account_creds(ctx->a), &req, on_resp, ctx, err) ? 0 : -1;
}

static struct ov_ctx *ctx_new(struct dd_account *a, struct dd_http *h, enum ov_kind kind,
			      enum dd_api_flavour api, const struct dd_server *s, void *out,
			      dd_done_fn done, void *ud, struct dd_error *err)
{
	struct ov_ctx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx) {
		dd_error_oom(err);
		return NULL;
	}
	ctx->kind = kind;
	ctx->api = api;
	ctx->a = a;
	ctx->h = h;
	ctx->server_id = s->id;
	ctx->out = out;
	ctx->done = done;
	ctx->ud = ud;
	ctx->page = 1;
	return ctx;
}

static int go(struct ov_ctx *ctx, enum dd_http_method m, const char *url, const char *body,
	      const char *ctype, struct dd_error *err)
{
	if (start(ctx, m, url, body, ctype, err) < 0) {
		free(ctx);
		return -1;
	}
	return 0;
}

static int too_long(struct dd_error *err)
{
	return dd_error_set(err, DD_E_USAGE, 0, NULL, "The API URL of this profile is too long.");
}

/* ---- reads ---- */

int dd_overview_backup(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       struct dd_backup *out, dd_done_fn done, void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400];
	if (pick_api(a, s, &api, err) < 0)
		return -1;
	if (api == DD_API_SCW) {
		char tail[64];
		snprintf(tail, sizeof(tail), "/servers/%" PRId64 "/backups", s->id);
		if (scw_url(a, s, tail, url, sizeof(url)) < 0)
			return too_long(err);
	} else {
		snprintf(url, sizeof(url), "%s/server/backup/%" PRId64,
			 dd_account_creds(a)->online_api_url, s->id);
	}
	struct ov_ctx *ctx = ctx_new(a, h, OV_BACKUP, api, s, out, done, ud, err);
	return ctx ? go(ctx, DD_GET, url, NULL, NULL, err) : -1;
}

static int only_scw(const struct dd_server *s, enum dd_api_flavour api, const char *what,
		    struct dd_error *err)
{
	if (api == DD_API_SCW)
		return 0;
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    "The Online API does not give %s; add Scaleway keys to this profile to see them.",
			    what);
}

int dd_overview_events(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       int page, int page_size, struct dd_event_page *out,
		       dd_done_fn done, void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400], tail[160];
	if (pick_api(a, s, &api, err) < 0 || only_scw(s, api, "server events", err) < 0)
		return -1;
	if (page < 1)
		page = 1;
	if (page_size < 1 || page_size > 100)
		page_size = 20;
	snprintf(tail, sizeof(tail),
		 "/servers/%" PRId64 "/events?order_by=created_at_desc&page=%d&page_size=%d",
		 s->id, page, page_size);
	if (scw_url(a, s, tail, url, sizeof(url)) < 0)
		return too_long(err);
	out->page = page;
	out->page_size = page_size;
	struct ov_ctx *ctx = ctx_new(a, h, OV_EVENTS, api, s, out, done, ud, err);
	return ctx ? go(ctx, DD_GET, url, NULL, NULL, err) : -1;
}

int dd_overview_options(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			struct dd_option_list *out, dd_done_fn done, void *ud,
			struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400], tail[160];
	if (pick_api(a, s, &api, err) < 0 || only_scw(s, api, "subscribable options", err) < 0)
		return -1;
	snprintf(tail, sizeof(tail), "/servers/%" PRId64 "/subscribable-server-options?page_size=100",
		 s->id);
	if (scw_url(a, s, tail, url, sizeof(url)) < 0)
		return too_long(err);
	struct ov_ctx *ctx = ctx_new(a, h, OV_OPTIONS, api, s, out, done, ud, err);
	return ctx ? go(ctx, DD_GET, url, NULL, NULL, err) : -1;
}

int dd_overview_failovers(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			  struct dd_failover_list *out, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[480];
	if (pick_api(a, s, &api, err) < 0 ||
	    only_scw(s, api, "the failover IPs of a server", err) < 0)
		return -1;
	struct ov_ctx *ctx = ctx_new(a, h, OV_FAILOVERS, api, s, out, done, ud, err);
	if (!ctx)
		return -1;
	if (scw_url(a, s, "/failover-ips?page_size=100", ctx->base, sizeof(ctx->base)) < 0) {
		free(ctx);
		return too_long(err);
	}
	snprintf(url, sizeof(url), "%s&page=1", ctx->base);
	return go(ctx, DD_GET, url, NULL, NULL, err);
}

/* ---- validation ---- */

static int check_name(const char *what, const char *v, bool allow_final_dot, struct dd_error *err)
{
	size_t len = strlen(v), label = 0;
	if (len == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s cannot be empty.", what);
	if (len > 253)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The %s is %zu characters long; 253 at most.", what, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '.') {
			if (label == 0 && !(allow_final_dot && i == len - 1 && i > 0))
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "The %s has an empty label (two dots, or a dot first).", what);
			if (v[i - 1] == '-')
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "A label of the %s ends with '-'.", what);
			label = 0;
			continue;
		}
		if (!isalnum(c) && c != '-')
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "The %s may hold only letters, digits, '-' and '.' (character %zu is not).",
					    what, i + 1);
		if (c == '-' && label == 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A label of the %s starts with '-'.", what);
		if (++label > 63)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A label of the %s is longer than 63 characters.", what);
	}
	if (v[len - 1] == '-')
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s ends with '-'.", what);
	if (v[len - 1] == '.' && !allow_final_dot)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The %s ends with a dot.", what);
	return 0;
}

int dd_overview_check_hostname(const char *hostname, struct dd_error *err)
{
	return check_name("hostname", hostname ? hostname : "", false, err);
}

int dd_overview_check_reverse(const char *reverse, struct dd_error *err)
{
	if (!reverse || !reverse[0])
		return 0; /* removes the reverse */
	if (!strchr(reverse, '.'))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "A reverse DNS name must be a full domain name (with a dot).");
	return check_name("reverse DNS name", reverse, true, err);
}

int dd_overview_check_tags(const char *tags, struct dd_error *err)
{
	size_t run = 0;
	for (const unsigned char *p = (const unsigned char *)(tags ? tags : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Tags may not hold control characters.");
		run = *p == ',' ? 0 : run + 1;
		if (run > 128)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "A tag is longer than 128 characters.");
	}
	return 0;
}

/* ---- cleanup ---- */

void dd_event_page_clear(struct dd_event_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].description);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void dd_option_list_clear(struct dd_option_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void dd_failover_list_clear(struct dd_failover_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].reverse);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
