#include "core/account.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/online.h"
#include "core/request.h"
#include "core/scw_dedibox.h"
#include "core/store.h"
#include "core/validators.h"
#include "core/i18n.h"

/* Requests in flight at once, Scaleway pages and Online server fetches
 * each: the transport's connection limit (DEDI_MAX_CONNECTIONS), so a list
 * of 1,000 pages is not 1,000 transfers queued at once and a limit of 1
 * reads one after the other. */
#define WINDOW(L) dd_http_max_parallel((L)->h)
/* A total_count past this is a broken or hostile answer, not a fleet. */
#define MAX_TOTAL 2000000
/* Records reserved at once from a zone's total_count. */
#define RESERVE_MAX 200000

struct dd_account {
	struct dd_creds *creds;
	struct dd_store *store;
	struct load *load; /* the load in progress, NULL if none */
	bool early_rows;   /* dd_account_set_early_rows */
};

struct online_ctx {
	struct load *L;
	int64_t id;
	const struct dd_validator *old; /* in L->old_val: the copy held, asked If-None-Match; or NULL */
};

struct load {
	struct dd_account *a;
	struct dd_http *h;
	dd_done_fn done;
	void *ud;
	struct dd_server_list scw, online;
	int pending;
	struct dd_error err;
	int64_t zone_total[DD_SCW_NZONES];
	unsigned zone_pages[DD_SCW_NZONES];  /* pages of each zone, known after page 1 */
	unsigned zone_next[DD_SCW_NZONES];   /* next page of each zone to ask for */
	int scw_busy;            /* Scaleway pages in flight */
	char zone[16];
	int64_t *ids;       /* Online server ids still to fetch */
	struct online_ctx *octx; /* one per id: what each fetch asked for */
	size_t n_ids, next;
	int online_busy;    /* Online server fetches in flight */
	/* The parts that failed while the others went on: a zone, the Online
	 * list, Online servers. L->err is for what sinks the whole load. */
	struct dd_error zone_err[DD_SCW_NZONES];
	struct dd_error online_err;  /* the Online list, or the first server that failed */
	size_t online_failed;        /* Online servers that failed */
	int64_t online_failed_id;    /* the first of them */
	int online_asked;            /* the Online list was asked for */
	/* The Online servers' validators: those of the last read (taken
	 * from the store, so nothing can free them under the fetches) and
	 * those of this one, which replace them when the read ends. */
	struct dd_validators old_val, new_val;
	bool val_taken;              /* old_val came from the store: it goes back unless replaced */
	bool online_listed;          /* the Online list was read: new_val is the fleet's */
	bool early;                  /* rows are shown before the end (the store had none) */
	size_t shown;                /* rows put in the store so far */
};

struct page_ctx {
	struct load *L;
	int zone;           /* index in dd_scw_zones */
	unsigned page;
};

struct dd_account *dd_account_new(struct dd_creds *creds)
{
	struct dd_account *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->store = dd_store_new();
	if (!a->store) {
		free(a);
		return NULL;
	}
	dd_creds_finish(creds);
	a->creds = creds;
	return a;
}

void dd_account_free(struct dd_account *a)
{
	if (!a)
		return;
	/* A load still running keeps its own memory until its requests end;
	 * the caller must have drained the http queue first. */
	dd_store_free(a->store);
	dd_creds_free(a->creds);
	free(a);
}

const struct dd_creds *dd_account_creds(const struct dd_account *a)
{
	return a->creds;
}

const struct dd_server_list *dd_account_servers(const struct dd_account *a)
{
	return dd_store_servers(a->store);
}

const struct dd_store *dd_account_store(const struct dd_account *a)
{
	return a->store;
}

struct dd_store *dd_account_store_mut(struct dd_account *a)
{
	return a->store;
}

void dd_account_set_notify(struct dd_account *a, dd_store_notify_fn fn, void *ud)
{
	dd_store_set_notify(a->store, fn, ud);
}

int dd_account_loading(const struct dd_account *a)
{
	return a->load != NULL;
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

void dd_account_load_progress(const struct dd_account *a, size_t *have, size_t *expected)
{
	const struct load *L = a->load;

	size_t scw_expected = 0, n;
	int64_t *ids;

	*have = *expected = 0;
	if (!L)
		return;
	/* Both APIs list the same machines: a server read from both is one
	 * server, so the figures count distinct ids, not records. */
	n = L->scw.n;
	for (int z = 0; z < DD_SCW_NZONES; z++)
		if (L->zone_total[z] > 0)
			scw_expected += (size_t)L->zone_total[z];
	*expected = scw_expected > L->n_ids ? scw_expected : L->n_ids;
	ids = malloc((n ? n : 1) * sizeof(*ids));
	if (!ids) {
		*have = n > L->online.n ? n : L->online.n;
	} else {
		for (size_t i = 0; i < n; i++)
			ids[i] = L->scw.v[i].id;
		qsort(ids, n, sizeof(*ids), cmp_int64);
		*have = n;
		for (size_t i = 0; i < L->online.n; i++)
			if (!bsearch(&L->online.v[i].id, ids, n, sizeof(*ids), cmp_int64))
				(*have)++;
		free(ids);
	}
	if (*have > *expected)
		*expected = *have;
}

static uint64_t send_get(struct dd_account *a, struct dd_http *h, enum dd_api_flavour api,
			 const char *url, dd_http_cb cb, void *ud, struct dd_error *err)
{
	struct dd_request q = { .api = api, .method = DD_GET, .url = url };

	return dd_request_send(h, a->creds, &q, cb, ud, err);
}

static void load_fail(struct load *L, const struct dd_error *e)
{
	if (L->err.kind == DD_OK)
		L->err = *e;
}

static void dedupe_by_id(struct dd_server_list *l);

/* One zone failed: its pages stop, the other zones go on. */
static void zone_fail(struct load *L, int z, const struct dd_error *e)
{
	if (L->zone_err[z].kind == DD_OK)
		L->zone_err[z] = *e;
	L->zone_pages[z] = 0;
}

/* Drops the servers of the zones that failed: a zone is whole or absent,
 * never half a list that looks whole. */
static void drop_failed_zones(struct load *L)
{
	size_t w = 0;

	for (size_t r = 0; r < L->scw.n; r++) {
		int z = 0;
		while (dd_scw_zones[z] && strcmp(dd_scw_zones[z], L->scw.v[r].zone) != 0)
			z++;
		if (z < DD_SCW_NZONES && dd_scw_zones[z] && L->zone_err[z].kind != DD_OK) {
			dd_server_clear(&L->scw.v[r]);
			continue;
		}
		L->scw.v[w++] = L->scw.v[r];
	}
	L->scw.n = w;
}

/* Names the missing parts in e ("incomplete: fr-par-2 failed: ..."); false
 * when nothing is missing. When no part arrived, e is the first failure
 * as the API put it: there is nothing to call incomplete. */
static bool missing_parts(const struct load *L, struct dd_error *e, bool *some_arrived)
{
	char msg[sizeof(e->message)] = "";
	const struct dd_error *first = NULL;
	size_t used = 0;

#define ADD(...) (used += (size_t)snprintf(msg + used, used < sizeof(msg) ? sizeof(msg) - used : 0, __VA_ARGS__))
	*some_arrived = false;
	for (int z = 0; z < DD_SCW_NZONES; z++) {
		if (L->zone_err[z].kind != DD_OK) {
			if (!first)
				first = &L->zone_err[z];
			ADD(_("%s%s failed: %s"), used ? "; " : "", dd_scw_zones[z], L->zone_err[z].message);
		} else if (L->zone_total[z] >= 0) {
			*some_arrived = true;
		}
	}
	if (L->online_err.kind != DD_OK) {
		if (!first)
			first = &L->online_err;
		if (L->online_failed > 1)
			ADD(_("%s%zu Online servers failed, the first (%" PRId64 "): %s"), used ? "; " : "",
			    L->online_failed, L->online_failed_id, L->online_err.message);
		else if (L->online_failed == 1)
			ADD(_("%sOnline server %" PRId64 " failed: %s"), used ? "; " : "",
			    L->online_failed_id, L->online_err.message);
		else
			ADD(_("%sthe Online server list failed: %s"), used ? "; " : "", L->online_err.message);
	}
#undef ADD
	if (L->online_asked && (L->online_err.kind == DD_OK || L->online_failed > 0))
		*some_arrived = true;
	if (!first)
		return false;
	if (!*some_arrived)
		*e = *first;
	else
		dd_error_set(e, first->kind, first->http_status, first->api_type, _("incomplete: %s"), msg);
	return true;
}

void dd_account_set_early_rows(struct dd_account *a, bool on)
{
	a->early_rows = on;
}

/* Copies what arrived into the store, merged and in the default order as
 * the end will be: rows never depend on which page came first. Called on
 * each arrival; copies only when the rows have doubled since the last
 * copy, so the copies cost twice the list at most. */
static void show_early(struct load *L)
{
	struct dd_server_list scw, online;
	size_t n = L->scw.n + L->online.n;
	bool ok = true;

	if (!L->early || L->err.kind != DD_OK || n == 0 || n < 2 * L->shown)
		return;
	dd_server_list_init(&scw);
	dd_server_list_init(&online);
	ok = dd_server_list_reserve(&scw, L->scw.n + 1) == 0 &&
	     dd_server_list_reserve(&online, L->online.n + 1) == 0;
	/* A copy that fails leaves its record cleared: n counts only copies. */
	for (size_t i = 0; ok && i < L->scw.n; i++)
		if ((ok = dd_server_copy(&scw.v[scw.n], &L->scw.v[i]) == 0))
			scw.n++;
	for (size_t i = 0; ok && i < L->online.n; i++)
		if ((ok = dd_server_copy(&online.v[online.n], &L->online.v[i]) == 0))
			online.n++;
	dedupe_by_id(&scw);
	dedupe_by_id(&online);
	if (ok && dd_server_list_merge(&scw, &online) == 0) {
		/* Early rows are only a view: failing to copy them loses nothing. */
		dd_server_list_sort_default(&scw);
		L->shown = n;
		dd_store_early_servers(L->a->store, &scw);
		dd_store_notify(L->a->store, DD_KIND_SERVERS, 0);
	}
	dd_server_list_clear(&scw);
	dd_server_list_clear(&online);
}

/* Whether an old row belongs to a part of the fleet this read could not
 * give: a zone that failed, the Online list, or an Online server whose
 * fetch failed (ids sorted). */
static bool part_failed(const struct load *L, const struct dd_server *r)
{
	if (r->sources & DD_SRC_SCW)
		for (int z = 0; z < DD_SCW_NZONES && dd_scw_zones[z]; z++)
			if (L->zone_err[z].kind != DD_OK && strcmp(dd_scw_zones[z], r->zone) == 0)
				return true;
	if ((r->sources & DD_SRC_ONLINE) && L->online_err.kind != DD_OK)
		return L->online_failed == 0 ||
		       bsearch(&r->id, L->ids, L->n_ids, sizeof(*L->ids), cmp_int64) != NULL;
	return false;
}

/* A read that left parts out keeps those parts' last good rows (moved
 * out of the store, details and all) beside the fresh ones, each marked
 * with when it was read: a zone that fails once does not empty itself
 * from the console. The rows of this read win over old ones. */
static int keep_last_good(struct load *L, struct dd_store *st)
{
	struct dd_server_list *old = dd_store_servers_mut(st);
	time_t at = dd_store_meta(st, DD_KIND_SERVERS)->fetched_at;
	int64_t *fresh;
	size_t nkeep = 0, nfresh = L->scw.n;

	if (!at || old->n == 0)
		return 0; /* no good read before this one (or its early rows) */
	fresh = malloc((nfresh ? nfresh : 1) * sizeof(*fresh));
	if (!fresh)
		return -1;
	for (size_t i = 0; i < nfresh; i++)
		fresh[i] = L->scw.v[i].id;
	qsort(fresh, nfresh, sizeof(*fresh), cmp_int64);
	if (L->ids)
		qsort(L->ids, L->n_ids, sizeof(*L->ids), cmp_int64);
	for (size_t i = 0; i < old->n; i++)
		nkeep += part_failed(L, &old->v[i]) &&
			 !bsearch(&old->v[i].id, fresh, nfresh, sizeof(*fresh), cmp_int64);
	if (nkeep && dd_server_list_reserve(&L->scw, L->scw.n + nkeep) < 0) {
		free(fresh);
		return -1;
	}
	for (size_t i = 0; nkeep && i < old->n; i++) {
		struct dd_server *r = &old->v[i];
		if (!part_failed(L, r) || bsearch(&r->id, fresh, nfresh, sizeof(*fresh), cmp_int64))
			continue;
		if (!r->kept_at)
			r->kept_at = at;
		L->scw.v[L->scw.n++] = *r;
		memset(r, 0, sizeof(*r)); /* moved: the store's clear frees nothing twice */
	}
	free(fresh);
	return 0;
}

static void load_finish(struct load *L)
{
	struct dd_account *a = L->a;
	struct dd_error e = L->err;
	bool partial = false, some = false;

	if (e.kind == DD_OK) {
		dedupe_by_id(&L->scw);
		dedupe_by_id(&L->online);
		for (int z = 0; z < DD_SCW_NZONES; z++) {
			size_t have = 0;
			if (L->zone_total[z] < 0 || L->zone_err[z].kind != DD_OK)
				continue;
			for (size_t i = 0; i < L->scw.n; i++)
				have += strcmp(L->scw.v[i].zone, dd_scw_zones[z]) == 0;
			if ((int64_t)have != L->zone_total[z]) {
				dd_error_set(&e, DD_E_API, 0, NULL,
					     _("the server list changed while it was read (%zu of %" PRId64 " servers seen); refresh to read it again"),
					     have, L->zone_total[z]);
				zone_fail(L, z, &e);
				dd_error_clear(&e);
			}
		}
		drop_failed_zones(L);
		partial = missing_parts(L, &e, &some);
		if (partial && !some)
			partial = false; /* nothing arrived: a failure, the old data stays */
	}
	if ((e.kind == DD_OK || partial) && dd_server_list_merge(&L->scw, &L->online) < 0) {
		dd_error_oom(&e);
		partial = false;
	}
	if (partial && keep_last_good(L, a->store) < 0) {
		dd_error_oom(&e);
		partial = false;
	}
	/* A server gone from the list takes its validator with it; one that
	 * failed this time keeps its old one (copied in on_online_server). */
	if ((e.kind == DD_OK || partial) && L->online_listed) {
		dd_validators_sort(&L->new_val);
		dd_validators_swap(dd_store_validators_mut(a->store), &L->new_val);
	} else if (L->val_taken) {
		dd_validators_swap(dd_store_validators_mut(a->store), &L->old_val);
	}
	if (e.kind == DD_OK || partial) {
		time_t now = time(NULL);
		dd_server_list_sort_default(&L->scw);
		dd_store_replace_servers(a->store, &L->scw, now);
		if (partial)
			dd_coll_partial(dd_store_meta_mut(a->store, DD_KIND_SERVERS), now, &e);
	} else {
		if (L->shown) {
			/* Rows of a read that failed must not pass for the fleet. */
			struct dd_server_list none;
			dd_server_list_init(&none);
			dd_store_early_servers(a->store, &none);
		}
		dd_coll_fail(dd_store_meta_mut(a->store, DD_KIND_SERVERS), &e);
	}
	dd_server_list_clear(&L->scw);
	dd_server_list_clear(&L->online);
	free(L->ids);
	free(L->octx);
	dd_validators_clear(&L->old_val);
	dd_validators_clear(&L->new_val);
	a->load = NULL;
	dd_store_notify(a->store, DD_KIND_SERVERS, 0);
	if (L->done)
		L->done(L->ud, &e);
	free(L);
}

static int cmp_id(const void *x, const void *y)
{
	int64_t a = ((const struct dd_server *)x)->id, b = ((const struct dd_server *)y)->id;
	return (a > b) - (a < b);
}

/* Pages read in parallel can overlap if the list moved; keep one each. */
static void dedupe_by_id(struct dd_server_list *l)
{
	size_t w = 0;

	if (l->n < 2)
		return;
	qsort(l->v, l->n, sizeof(*l->v), cmp_id);
	for (size_t r = 0; r < l->n; r++) {
		if (w > 0 && l->v[w - 1].id == l->v[r].id) {
			dd_server_clear(&l->v[r]);
			continue;
		}
		l->v[w++] = l->v[r];
	}
	l->n = w;
}

static void request_done(struct load *L)
{
	if (--L->pending == 0)
		load_finish(L);
}

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *err);

static int send_page(struct load *L, int zone, unsigned page, struct dd_error *err)
{
	struct page_ctx *pc = malloc(sizeof(*pc));
	char url[512];

	if (!pc)
		return dd_error_oom(err);
	pc->L = L;
	pc->zone = zone;
	pc->page = page;
	dd_scw_url_servers(L->a->creds, dd_scw_zones[zone], page, DD_SCW_PAGE_SIZE, url, sizeof(url));
	if (!send_get(L->a, L->h, DD_API_SCW, url, on_page, pc, err)) {
		free(pc);
		return -1;
	}
	L->pending++;
	L->scw_busy++;
	return 0;
}

/* Keeps up to WINDOW pages in flight, zone after zone. */
static void scw_next(struct load *L)
{
	for (int z = 0; z < DD_SCW_NZONES && L->err.kind == DD_OK; z++) {
		while (L->err.kind == DD_OK && L->scw_busy < WINDOW(L) &&
		       L->zone_next[z] >= 2 && L->zone_next[z] <= L->zone_pages[z]) {
			struct dd_error e;
			if (send_page(L, z, L->zone_next[z]++, &e) < 0)
				load_fail(L, &e);
		}
	}
}

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct page_ctx *pc = ud;
	struct load *L = pc->L;
	const char *zone = dd_scw_zones[pc->zone];
	int64_t total = -1;
	struct dd_error e;
	size_t before = L->scw.n;

	L->scw_busy--;
	dd_error_clear(&e);
	if (err->kind != DD_OK) {
		zone_fail(L, pc->zone, err);
	} else if (L->err.kind == DD_OK && L->zone_err[pc->zone].kind == DD_OK) {
		if (dd_scw_decode_server_page(resp->body, resp->body_len, zone, &L->scw, &total, &e) < 0) {
			dd_error_prefix(&e, _("server list page %u"), pc->page);
			zone_fail(L, pc->zone, &e);
		} else {
			if (total < 0)
				total = resp->total_count;
			if (pc->page == 1) {
				if (total < 0 || total > MAX_TOTAL) {
					dd_error_set(&e, DD_E_DECODE, 0, NULL,
						     _("server list of %s: total_count is missing or implausible"), zone);
					zone_fail(L, pc->zone, &e);
				} else {
					L->zone_total[pc->zone] = total;
					L->zone_pages[pc->zone] = (unsigned)((total + DD_SCW_PAGE_SIZE - 1) / DD_SCW_PAGE_SIZE);
					L->zone_next[pc->zone] = 2;
					/* One allocation for the zone's rest, not a
					 * doubling per few pages; a huge claimed total
					 * grows as pages really arrive. */
					if (total <= RESERVE_MAX && total > (int64_t)(L->scw.n - before) &&
					    dd_server_list_reserve(&L->scw, L->scw.n + (size_t)total - (L->scw.n - before)) < 0) {
						dd_error_oom(&e);
						zone_fail(L, pc->zone, &e);
					}
				}
			} else if (L->scw.n == before) {
				/* An empty page before the last one: the list shrank
				 * or total_count lies; do not read on to the end. */
				dd_error_set(&e, DD_E_API, 0, NULL,
					     _("the server list of %s changed while it was read (page %u of %u came back empty); refresh to read it again"),
					     zone, pc->page, L->zone_pages[pc->zone]);
				zone_fail(L, pc->zone, &e);
			}
		}
	}
	free(pc);
	scw_next(L);
	if (L->pending > 1)
		show_early(L);
	request_done(L);
}

static void on_online_server(void *ud, const struct dd_http_resp *resp, const struct dd_error *err);

static void online_next(struct load *L)
{
	/* The window counts Online fetches only: Scaleway pages in flight
	 * must not stop the Online list from being read at all. */
	while (L->err.kind == DD_OK && L->next < L->n_ids && L->online_busy < WINDOW(L)) {
		char url[512];
		struct dd_error e;
		struct online_ctx *oc = &L->octx[L->next];
		struct dd_request q = { .api = DD_API_ONLINE, .method = DD_GET, .url = url };

		oc->L = L;
		oc->id = L->ids[L->next++];
		oc->old = dd_validators_find(&L->old_val, oc->id);
		q.if_none_match = oc->old ? oc->old->etag : NULL;
		dd_online_url_server(L->a->creds, oc->id, url, sizeof(url));
		if (!dd_request_send(L->h, L->a->creds, &q, on_online_server, oc, &e)) {
			load_fail(L, &e);
			return;
		}
		L->pending++;
		L->online_busy++;
	}
}

/* The validator of what was just used, for the next read: a 200's own
 * ETag and body, or, after a 304 or a failure, a copy of the one held
 * (a copy: a load that fails puts the held ones back whole). */
static void keep_validator(struct load *L, const struct online_ctx *oc, const struct dd_http_resp *resp)
{
	const struct dd_validator *o = oc->old;
	struct dd_error e;
	int rc = 0;

	if (resp && resp->status == 200) {
		if (resp->etag && dd_etag_ok(resp->etag))
			rc = dd_validators_add(&L->new_val, oc->id, resp->etag, resp->body, resp->body_len);
	} else if (o) {
		rc = dd_validators_add(&L->new_val, oc->id, o->etag, o->body, o->body_len);
	}
	if (rc < 0) {
		dd_error_oom(&e);
		load_fail(L, &e);
	}
}

static void on_online_server(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct online_ctx *oc = ud;
	struct load *L = oc->L;
	struct dd_server_detail d;
	struct dd_error e;
	const char *body = resp ? resp->body : NULL;
	size_t body_len = resp ? resp->body_len : 0;

	L->online_busy--;
	/* 304: the copy held is current; it decodes as the answer would. */
	if (err->kind == DD_OK && resp && resp->status == 304 && oc->old) {
		body = oc->old->body;
		body_len = oc->old->body_len;
	}
	if (err->kind == DD_E_NOT_FOUND) {
		/* Deleted between the list and now: not an error. */
	} else if (err->kind != DD_OK) {
		/* One server that fails leaves the others in the list. */
		if (L->online_failed++ == 0) {
			L->online_err = *err;
			L->online_failed_id = oc->id;
		}
		keep_validator(L, oc, NULL);
	} else if (L->err.kind == DD_OK) {
		if (dd_server_detail_init(&d) < 0) {
			dd_error_oom(&e);
			load_fail(L, &e);
		} else if (dd_online_decode_server(body, body_len, &d, &e) < 0) {
			dd_error_prefix(&e, _("Online server %s"), resp->url);
			load_fail(L, &e);
			dd_server_detail_clear(&d);
		} else if (d.s.id != oc->id) {
			/* Kept, it would stand in for a server left out. */
			dd_error_set(&e, DD_E_DECODE, 0, NULL,
				     _("Online server %" PRId64 ": answered with server %" PRId64), oc->id, d.s.id);
			load_fail(L, &e);
			dd_server_detail_clear(&d);
		} else {
			keep_validator(L, oc, resp);
			if (!L->zone[0] || strcmp(L->zone, d.s.zone) == 0) {
				struct dd_server *s = dd_server_list_add(&L->online);
				if (!s) {
					dd_error_oom(&e);
					load_fail(L, &e);
				} else {
					dd_server_clear(s);
					*s = d.s;
					memset(&d.s, 0, sizeof(d.s));
					dd_server_init(&d.s);
				}
			}
			dd_server_detail_clear(&d);
		}
	}
	online_next(L);
	if (L->pending > 1)
		show_early(L);
	request_done(L);
}

static void on_online_list(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct load *L = ud;
	struct dd_error e;

	if (err->kind != DD_OK) {
		L->online_err = *err;
	} else if (dd_online_decode_refs(resp->body, resp->body_len, &L->ids, &L->n_ids, &e) < 0) {
		L->online_err = e;
	} else if (!(L->octx = calloc(L->n_ids ? L->n_ids : 1, sizeof(*L->octx)))) {
		dd_error_oom(&e);
		load_fail(L, &e);
	} else {
		L->online_listed = true;
		online_next(L);
	}
	request_done(L);
}

int dd_account_load_servers(struct dd_account *a, struct dd_http *h, const char *zone,
			    dd_done_fn done, void *ud, struct dd_error *err)
{
	struct load *L;
	int scw = dd_creds_has_scw(a->creds), online = dd_creds_has_online(a->creds);

	if (a->load)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the server list is already loading"));
	if (!scw && !online)
		return dd_error_set(err, DD_E_AUTH, 0, NULL,
				    _("no credentials: set SCW_SECRET_KEY (Scaleway) or DEDI_ONLINE_TOKEN (Dedibox console), or log in with \"dedi auth login\""));
	if (zone && zone[0] && !dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"), zone);
	/* It goes into the query string as it is. */
	if (scw && a->creds->project_id[strspn(a->creds->project_id,
		"0123456789abcdefABCDEF-")] != '\0')
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the project id is not a Scaleway project id (a UUID such as 11111111-2222-4333-8444-555555555555): check SCW_DEFAULT_PROJECT_ID or the profile's"));
	L = calloc(1, sizeof(*L));
	if (!L)
		return dd_error_oom(err);
	L->a = a;
	L->h = h;
	L->done = done;
	L->ud = ud;
	snprintf(L->zone, sizeof(L->zone), "%s", zone ? zone : "");
	for (int z = 0; z < DD_SCW_NZONES; z++)
		L->zone_total[z] = -1;
	/* Held while starting so no completion can finish the load early. */
	L->pending = 1;
	a->load = L;
	L->early = a->early_rows && !dd_coll_has_data(dd_store_meta(a->store, DD_KIND_SERVERS));
	dd_coll_begin(dd_store_meta_mut(a->store, DD_KIND_SERVERS));
	dd_store_notify(a->store, DD_KIND_SERVERS, 0);
	if (scw) {
		for (int z = 0; dd_scw_zones[z]; z++) {
			if (L->zone[0] && strcmp(L->zone, dd_scw_zones[z]) != 0)
				continue;
			if (send_page(L, z, 1, err) < 0)
				goto fail;
		}
	}
	if (online) {
		char url[512];
		dd_validators_swap(&L->old_val, dd_store_validators_mut(a->store));
		L->val_taken = true;
		dd_online_url_servers(a->creds, url, sizeof(url));
		if (!send_get(a, h, DD_API_ONLINE, url, on_online_list, L, err))
			goto fail;
		L->pending++;
		L->online_asked = 1;
	}
	request_done(L);
	return 0;
fail:
	/* Requests already sent will still complete; let them drain. */
	load_fail(L, err);
	L->done = NULL;
	request_done(L);
	return -1;
}
