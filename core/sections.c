#include "core/sections.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/netcalc.h"
#include "core/online.h"
#include "core/online_net.h"
#include "core/request.h"
#include "core/scw_dedibox.h"
#include "core/i18n.h"

/* A zone with more failover IPs than this is a broken or hostile answer. */
#define MAX_FAILOVER_PAGES 1000

struct sect_load {
	struct dd_account *a;
	struct dd_http *h;
	enum dd_kind kind;
	enum dd_api_flavour api;
	int64_t id;                  /* the server, 0 for the zones' list */
	char srv_zone[16];           /* the server's zone, for its failovers */
	int page;                    /* events */
	dd_done_fn done;
	void *ud;
	int pending;
	struct dd_error err;
	union {
		struct dd_backup backup;
		struct dd_event_page events;
		struct dd_option_list options;
	} u;
	struct dd_failover_list fo;  /* failovers, every zone's pages */
};

/* One zone's pages of failover IPs. */
struct fo_pager {
	struct sect_load *L;
	char zone[16];
	int page;
};

static uint64_t send_get(struct sect_load *L, const char *url, dd_http_cb cb, void *ud,
			 struct dd_error *err)
{
	struct dd_request q = { .api = L->api, .method = DD_GET, .url = url };

	return dd_request_send(L->h, dd_account_creds(L->a), &q, cb, ud, err);
}

static struct dd_coll *meta_of(struct dd_account *a, enum dd_kind kind, int64_t id)
{
	struct dd_server_sections *s;

	if (kind == DD_KIND_FAILOVERS)
		return dd_store_meta_mut(dd_account_store_mut(a), kind);
	s = dd_store_sections_get(dd_account_store_mut(a), id);
	return s ? &s->meta[kind] : NULL;
}

/* Zones answer in any order: the list is sorted by zone, then address,
 * so that a re-read never reorders what the user was looking at. */
static int fo_cmp(const void *pa, const void *pb)
{
	const struct dd_failover *a = pa, *b = pb;
	struct dd_addr x, y;
	struct dd_error e;
	int c = strcmp(a->zone, b->zone);
	if (c)
		return c;
	if (dd_addr_parse(a->address, DD_IP_ANY, &x, &e) == 0 &&
	    dd_addr_parse(b->address, DD_IP_ANY, &y, &e) == 0 && (c = dd_addr_cmp(&x, &y)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void install(struct sect_load *L)
{
	struct dd_store *st = dd_account_store_mut(L->a);
	struct dd_coll *m = meta_of(L->a, L->kind, L->id);
	struct dd_server_sections *s = L->id ? dd_store_sections_get(st, L->id) : NULL;

	if (L->err.kind == DD_OK && (!m || (L->id && !s)))
		dd_error_oom(&L->err);
	if (L->err.kind != DD_OK) {
		if (m)
			dd_coll_fail(m, &L->err);
		return;
	}
	if (L->fo.n > 1)
		qsort(L->fo.v, L->fo.n, sizeof(*L->fo.v), fo_cmp);
	switch (L->kind) {
	case DD_KIND_BACKUP:
		s->backup = L->u.backup;
		break;
	case DD_KIND_EVENTS:
		dd_event_page_clear(&s->events);
		s->events = L->u.events;
		memset(&L->u.events, 0, sizeof(L->u.events));
		break;
	case DD_KIND_OPTIONS:
		dd_option_list_clear(&s->options);
		s->options = L->u.options;
		memset(&L->u.options, 0, sizeof(L->u.options));
		break;
	case DD_KIND_SRV_FAILOVERS:
		dd_failover_list_clear(&s->failovers);
		s->failovers = L->fo;
		memset(&L->fo, 0, sizeof(L->fo));
		break;
	case DD_KIND_FAILOVERS:
		dd_failover_list_clear(dd_store_failovers_mut(st));
		*dd_store_failovers_mut(st) = L->fo;
		memset(&L->fo, 0, sizeof(L->fo));
		break;
	default:
		break;
	}
	dd_coll_succeed(m, time(NULL));
}

static void finish(struct sect_load *L)
{
	install(L);
	dd_store_notify(dd_account_store(L->a), L->kind, L->id);
	if (L->done)
		L->done(L->ud, &L->err);
	if (L->kind == DD_KIND_EVENTS)
		dd_event_page_clear(&L->u.events);
	if (L->kind == DD_KIND_OPTIONS)
		dd_option_list_clear(&L->u.options);
	dd_failover_list_clear(&L->fo);
	free(L);
}

static void fail(struct sect_load *L, const struct dd_error *e)
{
	if (L->err.kind == DD_OK)
		L->err = *e;
}

static void release(struct sect_load *L)
{
	if (--L->pending == 0)
		finish(L);
}

static void on_section(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct sect_load *L = ud;
	struct dd_error e;
	int rc = 0;

	dd_error_clear(&e);
	if (herr->kind != DD_OK) {
		fail(L, herr);
	} else {
		switch (L->kind) {
		case DD_KIND_BACKUP:
			rc = L->api == DD_API_SCW
				? dd_scw_decode_backup(resp->body, resp->body_len, &L->u.backup, &e)
				: dd_online_decode_backup(resp->body, resp->body_len, &L->u.backup, &e);
			break;
		case DD_KIND_EVENTS:
			rc = dd_scw_decode_events(resp->body, resp->body_len, &L->u.events, &e);
			L->u.events.page = L->page;
			L->u.events.page_size = DD_EVENTS_PAGE_SIZE;
			break;
		case DD_KIND_OPTIONS:
			rc = dd_scw_decode_subscribable(resp->body, resp->body_len, &L->u.options, &e);
			break;
		default:
			break;
		}
		if (rc < 0)
			fail(L, &e);
	}
	release(L);
}

static int send_fo_page(struct fo_pager *P, struct dd_error *err);

static void on_fo_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct fo_pager *P = ud;
	struct sect_load *L = P->L;
	struct dd_error e;
	size_t page_n = 0;
	int64_t total = 0;

	dd_error_clear(&e);
	if (herr->kind != DD_OK) {
		fail(L, herr);
	} else if (L->err.kind == DD_OK) {
		if (dd_scw_decode_failovers(resp->body, resp->body_len, P->zone,
					    L->kind == DD_KIND_SRV_FAILOVERS ? L->id : 0, L->srv_zone, &L->fo,
					    &page_n, &total, &e) < 0) {
			dd_error_prefix(&e, _("failover IPs of %s, page %d"), P->zone, P->page);
			fail(L, &e);
		} else if (page_n > 0 && (int64_t)P->page * DD_SCW_FAILOVER_PAGE_SIZE < total &&
			   P->page < MAX_FAILOVER_PAGES) {
			P->page++;
			if (send_fo_page(P, &e) == 0)
				return; /* the pager lives on */
			fail(L, &e);
		}
	}
	free(P);
	release(L);
}

static int send_fo_page(struct fo_pager *P, struct dd_error *err)
{
	char url[512];

	if (dd_scw_url_failovers(dd_account_creds(P->L->a), P->zone, P->page, url, sizeof(url),
				 err) < 0)
		return -1;
	return send_get(P->L, url, on_fo_page, P, err) ? 0 : -1;
}

static int start_fo_zone(struct sect_load *L, const char *zone, struct dd_error *err)
{
	struct fo_pager *P = calloc(1, sizeof(*P));

	if (!P)
		return dd_error_oom(err);
	P->L = L;
	P->page = 1;
	snprintf(P->zone, sizeof(P->zone), "%s", zone);
	if (send_fo_page(P, err) < 0) {
		free(P);
		return -1;
	}
	L->pending++;
	return 0;
}

static int only_scw(enum dd_api_flavour api, const char *what, struct dd_error *err)
{
	if (api == DD_API_SCW)
		return 0;
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("The Online API does not give %s; add Scaleway keys to this profile to see them."),
			    what);
}

static struct sect_load *load_new(struct dd_account *a, struct dd_http *h, enum dd_kind kind,
				  int64_t id, dd_done_fn done, void *ud, struct dd_error *err)
{
	struct sect_load *L = calloc(1, sizeof(*L));

	if (!L) {
		dd_error_oom(err);
		return NULL;
	}
	L->a = a;
	L->h = h;
	L->kind = kind;
	L->id = id;
	L->done = done;
	L->ud = ud;
	/* Held while starting so no completion can finish the load early. */
	L->pending = 1;
	return L;
}

/* Marks the collection loading (or failed, when the load cannot start). */
static int started(struct dd_account *a, enum dd_kind kind, int64_t id, int rc,
		   const struct dd_error *err)
{
	struct dd_coll *m = meta_of(a, kind, id);

	if (m) {
		if (rc < 0)
			dd_coll_fail(m, err);
		else
			dd_coll_begin(m);
	}
	dd_store_notify(dd_account_store(a), kind, id);
	return rc;
}

static int section_start(struct dd_account *a, struct dd_http *h, int64_t id, enum dd_kind kind,
			 int page, dd_done_fn done, void *ud, struct dd_error *err)
{
	const struct dd_server *s = dd_store_server(dd_account_store(a), id);
	const struct dd_creds *c = dd_account_creds(a);
	struct sect_load *L;
	enum dd_api_flavour api = DD_API_SCW;
	char url[512] = "";
	int rc = 0;

	if (!s)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("Server %" PRId64 " is not in the list; refresh it with r."), id);
	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	switch (kind) {
	case DD_KIND_BACKUP:
		rc = api == DD_API_SCW ? dd_scw_url_backup(c, s->zone, id, url, sizeof(url), err)
				       : dd_online_url_backup(c, id, url, sizeof(url), err);
		break;
	case DD_KIND_EVENTS:
		rc = only_scw(api, _("server events"), err) < 0 ? -1
			: dd_scw_url_events(c, s->zone, id, page, DD_EVENTS_PAGE_SIZE, url,
					    sizeof(url), err);
		break;
	case DD_KIND_OPTIONS:
		rc = only_scw(api, _("subscribable options"), err) < 0 ? -1
			: dd_scw_url_options(c, s->zone, id, url, sizeof(url), err);
		break;
	case DD_KIND_SRV_FAILOVERS:
		rc = only_scw(api, _("the failover IPs of a server"), err);
		break;
	default:
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("not a section of a server"));
	}
	if (rc < 0 || !(L = load_new(a, h, kind, id, done, ud, err)))
		return -1;
	L->api = api;
	L->page = page;
	if (kind == DD_KIND_SRV_FAILOVERS) {
		/* A failover IP is listed in its own zone, which need not be
		 * the server's (server_zone): every zone is asked. */
		snprintf(L->srv_zone, sizeof(L->srv_zone), "%s", s->zone);
		for (int z = 0; rc == 0 && dd_scw_zones[z]; z++)
			rc = start_fo_zone(L, dd_scw_zones[z], err);
	} else if (send_get(L, url, on_section, L, err))
		L->pending++;
	else
		rc = -1;
	if (rc < 0 && L->pending == 1) {
		free(L);
		return -1;
	}
	if (rc < 0)
		fail(L, err); /* the zones already asked end and find the error */
	L->pending--; /* the hold of load_new; requests are out */
	return 0;
}

int dd_account_load_section(struct dd_account *a, struct dd_http *h, int64_t id,
			    enum dd_kind kind, int page, dd_done_fn done, void *ud,
			    struct dd_error *err)
{
	struct dd_error e;

	if (page < 1)
		page = 1;
	dd_error_clear(&e);
	if (section_start(a, h, id, kind, page, done, ud, &e) < 0) {
		if (err)
			*err = e;
		return started(a, kind, id, -1, &e);
	}
	return started(a, kind, id, 0, &e);
}

/* An Online-only profile: the account's failover IPs in one answer
 * (core/online_net.h); the Online API has no zones. */
static void on_online_fo(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct sect_load *L = ud;
	struct dd_error e;

	dd_error_clear(&e);
	if (herr->kind != DD_OK)
		fail(L, herr);
	else if (dd_online_decode_failovers(resp->body, resp->body_len, &L->fo, &e) < 0)
		fail(L, &e);
	release(L);
}

static int load_online_failovers(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
				 struct dd_error *err)
{
	struct sect_load *L;
	struct dd_error e;
	char url[512];

	dd_error_clear(&e);
	if (!(L = load_new(a, h, DD_KIND_FAILOVERS, 0, done, ud, &e)) ||
	    dd_online_url_failovers(dd_account_creds(a), url, sizeof(url), &e) < 0) {
		free(L);
		if (err)
			*err = e;
		return started(a, DD_KIND_FAILOVERS, 0, -1, &e);
	}
	L->api = DD_API_ONLINE;
	if (send_get(L, url, on_online_fo, L, &e))
		L->pending++;
	else
		fail(L, &e);
	started(a, DD_KIND_FAILOVERS, 0, 0, &e);
	release(L);
	return 0;
}

int dd_account_load_failovers(struct dd_account *a, struct dd_http *h, const char *zone,
			      dd_done_fn done, void *ud, struct dd_error *err)
{
	struct sect_load *L;
	struct dd_error e;

	dd_error_clear(&e);
	if (!dd_creds_has_scw(dd_account_creds(a)) && dd_creds_has_online(dd_account_creds(a)))
		return load_online_failovers(a, h, done, ud, err);
	if (!dd_creds_has_scw(dd_account_creds(a)))
		dd_error_set(&e, DD_E_AUTH, 0, NULL,
			     _("Failover IPs need Scaleway keys: set SCW_SECRET_KEY or log in with \"dedi auth login\"."));
	else if (zone && zone[0] && !dd_scw_zone_valid(zone))
		dd_error_set(&e, DD_E_USAGE, 0, NULL,
			     _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"), zone);
	if (e.kind != DD_OK || !(L = load_new(a, h, DD_KIND_FAILOVERS, 0, done, ud, &e))) {
		if (err)
			*err = e;
		return started(a, DD_KIND_FAILOVERS, 0, -1, &e);
	}
	L->api = DD_API_SCW;
	for (int z = 0; dd_scw_zones[z]; z++) {
		if (zone && zone[0] && strcmp(zone, dd_scw_zones[z]) != 0)
			continue;
		if (start_fo_zone(L, dd_scw_zones[z], &e) < 0) {
			/* Pages already out still end; they find the error. */
			fail(L, &e);
			break;
		}
	}
	started(a, DD_KIND_FAILOVERS, 0, 0, &e);
	release(L);
	return 0;
}
