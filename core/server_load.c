/* One server: its detail read from every API that may know it (the
 * first answer wins over refusals elsewhere), folded into the store's
 * record; and which API serves a server. The fleet's load is in
 * core/account.c. */
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
#include "core/i18n.h"

static uint64_t get(struct dd_account *a, struct dd_http *h, enum dd_api_flavour api,
		    const char *url, dd_http_cb cb, void *ud, struct dd_error *err)
{
	struct dd_request q = { .api = api, .method = DD_GET, .url = url };

	return dd_request_send(h, dd_account_creds(a), &q, cb, ud, err);
}

/* ---- one server's detail ---------------------------------------------- */

struct detail {
	struct dd_account *a;
	dd_done_fn done;
	void *ud;
	struct dd_server_detail *out;
	struct dd_server_detail scw, online;
	int have_scw, have_online;
	int pending;
	struct dd_error err;   /* first error other than not found or refused */
	struct dd_error denied; /* first 403: Online's answer for a server not yours */
	int denied_online;     /* that 403 came from Online */
	int notfound;          /* probes that answered 404 */
	int64_t id;
	char zone[16];         /* --zone, "" for any */
	char where[96];
};

static void detail_finish(struct detail *D)
{
	struct dd_error e = D->err;

	/* An answer found anywhere wins over a probe refused or failed
	 * elsewhere; without one, a failure other than 404 or 403 says the
	 * most (the server may be where it happened), then 404: Online
	 * refuses a server that is not the token's with 403, so 403 beside a
	 * 404 is "nobody has it". Only a 403 everywhere is a refusal. */
	if (D->have_scw || D->have_online)
		dd_error_clear(&e);
	else if (e.kind == DD_OK && D->denied.kind != DD_OK && !D->notfound)
		e = D->denied;
	if (e.kind == DD_OK) {
		if (!D->have_scw && !D->have_online) {
			dd_error_set(&e, DD_E_NOT_FOUND, 404, "not_found",
				     _("no server with id %" PRId64 " in %s%s"), D->id, D->where,
				     D->denied_online ? _(" (the Online API refused to show it: it "
				     "answers 403 for a server that is not the token's)") : "");
		} else {
			struct dd_server_detail *first = D->have_scw ? &D->scw : &D->online;
			dd_server_detail_clear(D->out);
			*D->out = *first;
			dd_server_detail_init(first);
			if (D->have_scw && D->have_online &&
			    dd_server_detail_merge(D->out, &D->online) < 0)
				dd_error_oom(&e);
		}
	}
	dd_server_detail_clear(&D->scw);
	dd_server_detail_clear(&D->online);
	if (D->done)
		D->done(D->ud, &e);
	free(D);
}

static void detail_got(struct detail *D, int scw, const struct dd_http_resp *resp,
		       const struct dd_error *err)
{
	struct dd_error e;
	int *have = scw ? &D->have_scw : &D->have_online;
	struct dd_server_detail *d = scw ? &D->scw : &D->online;

	if (err->kind == DD_E_NOT_FOUND) {
		D->notfound++; /* another zone or API may have it */
	} else if (err->kind == DD_E_PERMISSION) {
		if (D->denied.kind == DD_OK) {
			D->denied = *err;
			D->denied_online = !scw;
		}
	} else if (err->kind != DD_OK) {
		if (D->err.kind == DD_OK)
			D->err = *err;
	} else if (!*have) {
		int rc = scw ? dd_scw_decode_server(resp->body, resp->body_len, d, &e)
			     : dd_online_decode_server(resp->body, resp->body_len, d, &e);
		if (rc == 0 && d->s.id != D->id) {
			dd_error_set(&e, DD_E_DECODE, 0, NULL, _("answered with server %" PRId64), d->s.id);
			rc = -1;
		}
		if (rc < 0) {
			dd_error_prefix(&e, _("%s server %" PRId64), scw ? "Scaleway" : "Online", D->id);
			if (D->err.kind == DD_OK)
				D->err = e;
		} else if (!scw && D->zone[0] && strcmp(d->s.zone, D->zone) != 0) {
			/* Online answers for every zone: --zone must mean what
			 * it means to Scaleway, as in the list. */
			dd_server_detail_clear(d);
			dd_server_detail_init(d);
		} else {
			*have = 1;
		}
	}
	if (--D->pending == 0)
		detail_finish(D);
}

static void on_detail_scw(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	detail_got(ud, 1, resp, err);
}

static void on_detail_online(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	detail_got(ud, 0, resp, err);
}

int dd_account_load_server(struct dd_account *a, struct dd_http *h, int64_t id,
			   const char *zone, struct dd_server_detail *out,
			   dd_done_fn done, void *ud, struct dd_error *err)
{
	int scw = dd_creds_has_scw(dd_account_creds(a)), online = dd_creds_has_online(dd_account_creds(a));
	struct detail *D;
	char url[512];

	if (!scw && !online)
		return dd_error_set(err, DD_E_AUTH, 0, NULL,
				    _("no credentials: set SCW_SECRET_KEY or DEDI_ONLINE_TOKEN, or log in with \"dedi auth login\""));
	if (id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("a server id is a positive number"));
	if (zone && zone[0] && !dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"), zone);
	D = calloc(1, sizeof(*D));
	if (!D || dd_server_detail_init(&D->scw) < 0 || dd_server_detail_init(&D->online) < 0) {
		if (D) {
			dd_server_detail_clear(&D->scw);
			free(D);
		}
		return dd_error_oom(err);
	}
	D->a = a;
	D->done = done;
	D->ud = ud;
	D->out = out;
	D->id = id;
	snprintf(D->zone, sizeof(D->zone), "%s", zone ? zone : "");
	snprintf(D->where, sizeof(D->where), "%s%s%s%s%s",
		 scw ? (zone && zone[0] ? zone : "fr-par-1, fr-par-2, nl-ams-1") : "",
		 scw && online ? _(" or ") : "", online && !scw && zone && zone[0] ? zone : "",
		 online && !scw && zone && zone[0] ? _(" of ") : "", online ? _("the Online account") : "");
	D->pending = 1;
	if (scw) {
		for (int z = 0; dd_scw_zones[z]; z++) {
			if (zone && zone[0] && strcmp(zone, dd_scw_zones[z]) != 0)
				continue;
			dd_scw_url_server(dd_account_creds(a), dd_scw_zones[z], id, url, sizeof(url));
			if (!get(a, h, DD_API_SCW, url, on_detail_scw, D, err))
				goto fail;
			D->pending++;
		}
	}
	if (online) {
		dd_online_url_server(dd_account_creds(a), id, url, sizeof(url));
		if (!get(a, h, DD_API_ONLINE, url, on_detail_online, D, err))
			goto fail;
		D->pending++;
	}
	if (--D->pending == 0)
		detail_finish(D);
	return 0;
fail:
	D->done = NULL;
	if (D->err.kind == DD_OK)
		D->err = *err;
	if (--D->pending == 0)
		detail_finish(D);
	return -1;
}

/* ---- one server, into the store --------------------------------------- */

struct reload {
	struct dd_account *a;
	int64_t id;
	dd_done_fn done;
	void *ud;
	struct dd_server_detail d;
};

/* The detail's read of a server whose sections are kept, or NULL. */
static struct dd_coll *detail_meta(struct dd_account *a, int64_t id)
{
	const struct dd_server_sections *s = dd_store_sections(dd_account_store_mut(a), id);

	return s ? &dd_store_sections_get(dd_account_store_mut(a), id)->meta[DD_KIND_SERVERS] : NULL;
}

static void reload_done(void *ud, const struct dd_error *err)
{
	struct reload *R = ud;
	struct dd_account *a = R->a;
	struct dd_coll *m = detail_meta(a, R->id);
	struct dd_error e = *err;

	if (e.kind == DD_OK && !dd_store_fold_detail(dd_account_store_mut(a), &R->d) &&
	    dd_store_server(dd_account_store_mut(a), R->id))
		dd_error_oom(&e);
	if (e.kind != DD_OK) {
		struct dd_server *rec = dd_store_server_mut(dd_account_store_mut(a), R->id);
		if (rec)
			rec->detail_state = DD_DETAIL_FAILED;
		if (m)
			dd_coll_fail(m, &e);
	} else if (m) {
		dd_coll_succeed(m, time(NULL));
	}
	dd_server_detail_clear(&R->d);
	dd_store_notify(dd_account_store_mut(a), DD_KIND_SERVERS, R->id);
	if (R->done)
		R->done(R->ud, &e);
	free(R);
}

int dd_account_reload_server(struct dd_account *a, struct dd_http *h, int64_t id,
			     dd_done_fn done, void *ud, struct dd_error *err)
{
	struct dd_server *rec = dd_store_server_mut(dd_account_store_mut(a), id);
	struct dd_coll *m;
	struct reload *R;

	if (!rec)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("Server %" PRId64 " is not in the list; refresh it with r."), id);
	R = calloc(1, sizeof(*R));
	if (!R || dd_server_detail_init(&R->d) < 0) {
		free(R);
		return dd_error_oom(err);
	}
	R->a = a;
	R->id = id;
	R->done = done;
	R->ud = ud;
	if (dd_account_load_server(a, h, id, rec->zone[0] ? rec->zone : NULL, &R->d, reload_done,
				   R, err) < 0) {
		dd_server_detail_clear(&R->d);
		free(R);
		return -1;
	}
	/* The load may not have answered yet: the record is still there. */
	rec = dd_store_server_mut(dd_account_store_mut(a), id);
	if (rec)
		rec->detail_state = DD_DETAIL_LOADING;
	if ((m = detail_meta(a, id)))
		dd_coll_begin(m);
	dd_store_notify(dd_account_store_mut(a), DD_KIND_SERVERS, id);
	return 0;
}

int dd_account_watch_server(struct dd_account *a, int64_t id)
{
	return dd_store_sections_get(dd_account_store_mut(a), id) ? 0 : -1;
}

int dd_account_api_for(const struct dd_account *a, const struct dd_server *s,
		       enum dd_api_flavour *api, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);

	if ((s->sources & DD_SRC_SCW) && dd_creds_has_scw(c)) {
		if (!s->zone[0])
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("Server %" PRId64 " has no known zone; refresh the list first."),
					    s->id);
		*api = DD_API_SCW;
		return 0;
	}
	if ((s->sources & DD_SRC_ONLINE) && dd_creds_has_online(c)) {
		*api = DD_API_ONLINE;
		return 0;
	}
	return dd_error_set(err, DD_E_AUTH, 0, NULL,
			    _("No credentials of this profile reach server %" PRId64 "."), s->id);
}
