#include "core/link_gather.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/billing.h"
#include "core/model.h"
#include "core/model_billing.h"
#include "core/online.h"
#include "core/online_account.h"
#include "core/request.h"
#include "core/scw_billing.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_billing.h"
#include "core/scw_dedibox_order.h"
#include "core/scw_iam.h"
#include "core/i18n.h"

#define MAX_IN_FLIGHT 32
#define SERVER_PAGE 100

enum job_kind {
	J_IAM_KEY, J_IAM_USER, J_SCW_SERVERS, J_SERVICES, J_DBX_INVOICES, J_SCW_INVOICES,
	J_DISCOUNTS, J_ON_SERVERS, J_ON_HOSTINGS, J_ON_USER
};

struct dd_link_gather {
	struct dd_http *h;
	const struct dd_creds *c;
	struct dd_link_facts *f;
	dd_link_gather_done done;
	void *ud;
	int pending;
	bool cancelled, in_free;
	bool scw_servers_failed, services_failed;
	/* every server id of each side, beyond the facts' arrays */
	int64_t *scw_ids, *online_ids;
	size_t n_scw_ids, n_online_ids, cap_scw_ids, cap_online_ids;
	bool ids_oom;
	uint64_t ids[MAX_IN_FLIGHT];
};

struct job {
	struct dd_link_gather *g;
	enum job_kind kind;
	int zone;        /* index in dd_scw_zones */
	int page;
	int slot;
};

static void job_cb(void *ud, const struct dd_http_resp *resp, const struct dd_error *err);

static void why(char *dst, const char *prefix, const struct dd_error *err)
{
	snprintf(dst, DD_LINK_WHY, "%s: %s", prefix, err->message[0] ? err->message : "failed");
}

/* Queues one GET; false (with the source's why set by the caller) when
 * it could not start. */
static bool start(struct dd_link_gather *g, enum job_kind kind, enum dd_api_flavour api,
		  const char *url, int zone, int page, struct dd_error *err)
{
	struct dd_request q = { .api = api, .method = DD_GET, .url = url };
	struct job *j;
	int slot = -1;

	for (int i = 0; i < MAX_IN_FLIGHT; i++)
		if (!g->ids[i]) {
			slot = i;
			break;
		}
	if (slot < 0) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("too many requests at once"));
		return false;
	}
	j = calloc(1, sizeof(*j));
	if (!j) {
		dd_error_oom(err);
		return false;
	}
	*j = (struct job){ g, kind, zone, page, slot };
	g->pending++;
	g->ids[slot] = dd_request_send(g->h, g->c, &q, job_cb, j, err);
	if (!g->ids[slot]) {
		g->pending--;
		free(j);
		return false;
	}
	return true;
}

/* A standard rate near bp: totals rounded to the cent make 20% read as
 * 19.98%. The nearest rate some EU country applies on day, within 0.2
 * points; bp itself when none. */
static int snap_rate(int bp, int64_t day)
{
	char buf[8];

	for (int d = 0; d <= 20; d++) {
		if (dd_link_countries_at_rate(bp - d, day, buf, sizeof(buf)))
			return bp - d;
		if (dd_link_countries_at_rate(bp + d, day, buf, sizeof(buf)))
			return bp + d;
	}
	return bp;
}

static int rate_of(const struct dd_money *vat, const struct dd_money *untaxed)
{
	int64_t v = dd_money_cents(vat), u = dd_money_cents(untaxed);

	return u > 0 ? (int)((v * 10000 + u / 2) / u) : -1;
}

static void add_id(struct dd_link_gather *g, int64_t **v, size_t *n, size_t *cap, int64_t id)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		int64_t *nv = realloc(*v, nc * sizeof(**v));
		if (!nv) {
			g->ids_oom = true;
			return;
		}
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = id;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The servers of both sides compared by id over the whole sets, when the
 * facts' arrays could not hold them. */
static void compare_all(struct dd_link_gather *g)
{
	struct dd_link_facts *f = g->f;
	size_t i = 0, k = 0, common = 0;

	f->total_scw_servers = g->n_scw_ids;
	f->total_online_servers = g->n_online_ids;
	if (g->n_scw_ids <= DD_LINK_MAX_SERVERS && g->n_online_ids <= DD_LINK_MAX_SERVERS)
		return;
	if (g->ids_oom) {
		f->have_scw_servers = false;
		snprintf(f->scw_servers_why, DD_LINK_WHY, "out of memory while comparing the servers");
		return;
	}
	qsort(g->scw_ids, g->n_scw_ids, sizeof(int64_t), cmp_id);
	qsort(g->online_ids, g->n_online_ids, sizeof(int64_t), cmp_id);
	while (i < g->n_scw_ids && k < g->n_online_ids) {
		if (g->scw_ids[i] == g->online_ids[k]) {
			common++;
			i++;
			k++;
		} else if (g->scw_ids[i] < g->online_ids[k]) {
			i++;
		} else {
			k++;
		}
	}
	f->servers_over_cap = true;
	f->common_over_cap = common;
}

static void on_iam_key(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_iam_key key;
	struct dd_error e;
	char url[512];

	dd_error_clear(&e);
	if (dd_scw_iam_decode_api_key(resp->body, resp->body_len, &key, &e) < 0) {
		why(f->iam_why, "IAM's answer about the key could not be read", &e);
		return;
	}
	if (!key.user_id[0]) {
		f->have_iam = true;
		f->iam_application = true;
		snprintf(f->scw_person_why, DD_LINK_WHY,
			 "the key belongs to an application: IAM has no person to compare");
		return;
	}
	if (dd_scw_iam_url_user(g->c, key.user_id, url, sizeof(url), &e) < 0 ||
	    !start(g, J_IAM_USER, DD_API_SCW, url, 0, 0, &e)) {
		why(f->iam_why, "IAM user", &e);
		snprintf(f->scw_person_why, DD_LINK_WHY, "%s", f->iam_why);
	}
}

static void on_iam_user(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_iam_user u;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_scw_iam_decode_user(resp->body, resp->body_len, &u, &e) < 0) {
		why(f->iam_why, "IAM's answer about the user could not be read", &e);
		snprintf(f->scw_person_why, DD_LINK_WHY, "%s", f->iam_why);
		return;
	}
	f->have_iam = true;
	snprintf(f->iam_type, sizeof(f->iam_type), "%s", u.type);
	snprintf(f->iam_email, sizeof(f->iam_email), "%s", u.email);
	f->have_scw_person = true;
	snprintf(f->scw_person.first_name, sizeof(f->scw_person.first_name), "%s", u.first_name);
	snprintf(f->scw_person.last_name, sizeof(f->scw_person.last_name), "%s", u.last_name);
	snprintf(f->scw_person.email, sizeof(f->scw_person.email), "%s", u.email);
	snprintf(f->scw_person.phone, sizeof(f->scw_person.phone), "%s", u.phone_number);
}

static void on_scw_servers(struct dd_link_gather *g, const struct job *j,
			   const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_server_list l = { 0 };
	int64_t total = -1;
	struct dd_error e;
	char url[512];
	const char *zone = dd_scw_zones[j->zone];

	dd_error_clear(&e);
	if (dd_scw_decode_server_page(resp->body, resp->body_len, zone, &l, &total, &e) < 0) {
		g->scw_servers_failed = true;
		why(f->scw_servers_why, zone, &e);
		dd_server_list_clear(&l);
		return;
	}
	for (size_t i = 0; i < l.n; i++)
		add_id(g, &g->scw_ids, &g->n_scw_ids, &g->cap_scw_ids, l.v[i].id);
	for (size_t i = 0; i < l.n && f->n_scw_servers < DD_LINK_MAX_SERVERS; i++) {
		struct dd_link_server *s = &f->scw_servers[f->n_scw_servers++];
		snprintf(s->id, sizeof(s->id), "%lld", (long long)l.v[i].id);
		snprintf(s->hostname, sizeof(s->hostname), "%s", l.v[i].hostname ? l.v[i].hostname : "");
		snprintf(s->ip, sizeof(s->ip), "%s", l.v[i].ipv4);
	}
	if (l.n == SERVER_PAGE && (int64_t)j->page * SERVER_PAGE < total) {
		dd_scw_url_servers(g->c, zone, (unsigned)j->page + 1, SERVER_PAGE, url, sizeof(url));
		if (!start(g, J_SCW_SERVERS, DD_API_SCW, url, j->zone, j->page + 1, &e)) {
			g->scw_servers_failed = true;
			why(f->scw_servers_why, zone, &e);
		}
	}
	dd_server_list_clear(&l);
}

static void on_services(struct dd_link_gather *g, const struct job *j, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	size_t page_n = 0;
	int64_t total = -1;
	struct dd_error e;
	char url[512];
	const char *zone = dd_scw_zones[j->zone];

	dd_error_clear(&e);
	if (dd_scw_decode_link_services(resp->body, resp->body_len, f->services, DD_LINK_MAX_SERVICES,
					&f->n_services, &page_n, &total, &e) < 0) {
		g->services_failed = true;
		why(f->services_why, zone, &e);
		return;
	}
	if (page_n == DD_SCW_SERVICES_PAGE_SIZE && (int64_t)j->page * DD_SCW_SERVICES_PAGE_SIZE < total) {
		if (dd_scw_url_services_page(g->c, zone, j->page + 1, url, sizeof(url), &e) < 0 ||
		    !start(g, J_SERVICES, DD_API_SCW, url, j->zone, j->page + 1, &e)) {
			g->services_failed = true;
			why(f->services_why, zone, &e);
		}
	}
}

static void on_dbx_invoices(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_invoice_list l = { 0 };
	size_t page_n = 0;
	int64_t total = -1;
	struct dd_error e;
	bool vat_done = false;

	dd_error_clear(&e);
	if (dd_scw_decode_dbx_invoices(resp->body, resp->body_len, &l, &page_n, &total, &e) < 0) {
		why(f->dedibox_invoices_why, "the Dedibox invoices could not be read", &e);
		snprintf(f->dedibox_vat_why, DD_LINK_WHY, "%s", f->dedibox_invoices_why);
		dd_invoice_list_clear(&l);
		return;
	}
	f->have_dedibox_invoices = true;
	for (size_t i = 0; i < l.n && f->n_dedibox_invoices < DD_LINK_MAX_INVOICES; i++) {
		const struct dd_invoice *v = &l.v[i];
		struct dd_link_invoice *o = &f->dedibox_invoices[f->n_dedibox_invoices++];
		struct dd_error pe;
		int bp;

		snprintf(o->number, sizeof(o->number), "%s", v->number[0] ? v->number : v->id);
		snprintf(o->method, sizeof(o->method), "%s", v->payment_method);
		if (dd_billing_parse_day(v->issued, &o->day, &pe) < 0)
			o->day = 0;
		o->untaxed_cents = dd_money_cents(&v->untaxed);
		o->taxed_cents = dd_money_cents(&v->taxed);
		/* the newest invoice with totals tells the VAT (newest first) */
		if (!vat_done && v->has_totals && (bp = rate_of(&v->vat, &v->untaxed)) >= 0) {
			vat_done = true;
			f->have_dedibox_vat = true;
			f->dedibox_vat_day = o->day;
			f->dedibox_vat_bp = snap_rate(bp, o->day ? o->day : f->today);
			snprintf(f->dedibox_vat_invoice, sizeof(f->dedibox_vat_invoice), "%s", o->number);
		}
	}
	if (!vat_done)
		snprintf(f->dedibox_vat_why, DD_LINK_WHY, "no Dedibox invoice shows its totals");
	dd_invoice_list_clear(&l);
}

static void on_scw_invoices(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_invoice_list l = { 0 };
	size_t page_n = 0;
	int64_t total = -1;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_scw_billing_decode_invoices(resp->body, resp->body_len, &l, &page_n, &total, &e) < 0) {
		why(f->scw_vat_why, "the Scaleway invoices could not be read", &e);
		dd_invoice_list_clear(&l);
		return;
	}
	snprintf(f->scw_vat_why, DD_LINK_WHY, "no Scaleway invoice with an amount to tax");
	for (size_t i = 0; i < l.n; i++) {
		const struct dd_invoice *v = &l.v[i];
		int64_t day = 0;
		struct dd_error pe;
		int bp;

		if (strcmp(v->state, "draft") == 0 || !v->has_totals ||
		    (bp = rate_of(&v->vat, &v->untaxed)) < 0)
			continue;
		if (dd_billing_parse_day(v->issued, &day, &pe) < 0)
			day = 0;
		f->have_scw_vat = true;
		f->scw_vat_day = day;
		f->scw_vat_bp = snap_rate(bp, day ? day : f->today);
		snprintf(f->scw_vat_invoice, sizeof(f->scw_vat_invoice), "%s", v->number[0] ? v->number : v->id);
		break;
	}
	dd_invoice_list_clear(&l);
}

static void on_discounts(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_discount_list l = { 0 };
	size_t page_n = 0;
	int64_t total = -1;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_scw_billing_decode_discounts(resp->body, resp->body_len, &l, &page_n, &total, &e) < 0) {
		why(f->discounts_why, "the Scaleway discounts could not be read", &e);
		dd_discount_list_clear(&l);
		return;
	}
	f->have_discounts = true;
	for (size_t i = 0; i < l.n; i++) {
		const struct dd_discount *d = &l.v[i];
		struct dd_error pe;
		/* the credit of account linking, in its description or its coupon's */
		if (!strcasestr(d->description, "link") && !strcasestr(d->coupon, "link") &&
		    !strcasestr(d->description, "first customer"))
			continue;
		f->discount_found = true;
		snprintf(f->discount_description, sizeof(f->discount_description), "%s", d->description);
		f->discount_remaining = d->value_remaining;
		if (!d->stop[0] || dd_billing_parse_day(d->stop, &f->discount_end_day, &pe) < 0)
			f->discount_end_day = 0;
		break;
	}
	dd_discount_list_clear(&l);
}

static void on_online_servers(struct dd_link_gather *g, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	int64_t *ids = NULL;
	size_t n = 0;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_online_decode_refs(resp->body, resp->body_len, &ids, &n, &e) < 0) {
		why(f->online_servers_why, "the Online server list could not be read", &e);
		return;
	}
	f->have_online_servers = true;
	for (size_t i = 0; i < n; i++)
		add_id(g, &g->online_ids, &g->n_online_ids, &g->cap_online_ids, ids[i]);
	for (size_t i = 0; i < n && f->n_online_servers < DD_LINK_MAX_SERVERS; i++)
		snprintf(f->online_servers[f->n_online_servers++].id, sizeof(f->online_servers[0].id),
			 "%lld", (long long)ids[i]);
	free(ids);
}

static void on_response(struct dd_link_gather *g, const struct job *j, const struct dd_http_resp *resp)
{
	struct dd_link_facts *f = g->f;
	struct dd_error e;

	dd_error_clear(&e);
	switch (j->kind) {
	case J_IAM_KEY: on_iam_key(g, resp); break;
	case J_IAM_USER: on_iam_user(g, resp); break;
	case J_SCW_SERVERS: on_scw_servers(g, j, resp); break;
	case J_SERVICES: on_services(g, j, resp); break;
	case J_DBX_INVOICES: on_dbx_invoices(g, resp); break;
	case J_SCW_INVOICES: on_scw_invoices(g, resp); break;
	case J_DISCOUNTS: on_discounts(g, resp); break;
	case J_ON_SERVERS: on_online_servers(g, resp); break;
	case J_ON_HOSTINGS:
		if (dd_online_decode_hostings(resp->body, resp->body_len, &f->n_hostings,
					      f->hosting_first, sizeof(f->hosting_first), &e) < 0)
			why(f->hostings_why, "the Online hosting list could not be read", &e);
		else
			f->have_hostings = true;
		break;
	case J_ON_USER:
		if (dd_online_decode_user(resp->body, resp->body_len, &f->dedibox_person, &e) < 0)
			why(f->dedibox_person_why, "the Online user could not be read", &e);
		else
			f->have_dedibox_person = true;
		break;
	}
}

/* A refusal: the source it fed says why, and the rules say "cannot be
 * checked". */
static void on_refusal(struct dd_link_gather *g, const struct job *j, const struct dd_error *err)
{
	struct dd_link_facts *f = g->f;

	switch (j->kind) {
	case J_IAM_KEY:
	case J_IAM_USER:
		if (err->kind == DD_E_PERMISSION)
			why(f->iam_why, "IAM refused to say whose key it is (a key scoped to Dedibox "
			    "only?)", err);
		else
			why(f->iam_why, "IAM", err);
		snprintf(f->scw_person_why, DD_LINK_WHY, "%s", f->iam_why);
		break;
	case J_SCW_SERVERS:
		g->scw_servers_failed = true;
		why(f->scw_servers_why, dd_scw_zones[j->zone], err);
		break;
	case J_SERVICES:
		g->services_failed = true;
		why(f->services_why, dd_scw_zones[j->zone], err);
		break;
	case J_DBX_INVOICES:
		why(f->dedibox_invoices_why, "the Dedibox invoices", err);
		snprintf(f->dedibox_vat_why, DD_LINK_WHY, "%s", f->dedibox_invoices_why);
		break;
	case J_SCW_INVOICES: why(f->scw_vat_why, "the Scaleway invoices", err); break;
	case J_DISCOUNTS: why(f->discounts_why, "the Scaleway discounts", err); break;
	case J_ON_SERVERS: why(f->online_servers_why, "the Online server list", err); break;
	case J_ON_HOSTINGS: why(f->hostings_why, "the Online hosting list", err); break;
	case J_ON_USER: why(f->dedibox_person_why, "the Online user", err); break;
	}
}

static void finish(struct dd_link_gather *g)
{
	struct dd_link_facts *f = g->f;

	if (f->have_scaleway_creds) {
		f->have_scw_servers = !g->scw_servers_failed;
		f->have_services = !g->services_failed;
	}
	compare_all(g);
	g->done(g->ud, f);
}

static void gather_free(struct dd_link_gather *g)
{
	free(g->scw_ids);
	free(g->online_ids);
	free(g);
}

static void job_end(struct dd_link_gather *g)
{
	if (--g->pending > 0)
		return;
	if (g->cancelled) {
		if (!g->in_free)
			gather_free(g);
		return;
	}
	finish(g);
}

static void job_cb(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct job *j = ud;
	struct dd_link_gather *g = j->g;

	g->ids[j->slot] = 0;
	if (!g->cancelled) {
		if (err->kind != DD_OK)
			on_refusal(g, j, err);
		else
			on_response(g, j, resp);
	}
	free(j);
	job_end(g);
}

static void start_scaleway(struct dd_link_gather *g)
{
	struct dd_link_facts *f = g->f;
	struct dd_error e;
	char url[512];

	dd_error_clear(&e);
	if (dd_scw_iam_url_api_key(g->c, url, sizeof(url), &e) < 0 ||
	    !start(g, J_IAM_KEY, DD_API_SCW, url, 0, 0, &e)) {
		why(f->iam_why, "IAM", &e);
		snprintf(f->scw_person_why, DD_LINK_WHY, "%s", f->iam_why);
	}
	for (int z = 0; dd_scw_zones[z]; z++) {
		dd_scw_url_servers(g->c, dd_scw_zones[z], 1, SERVER_PAGE, url, sizeof(url));
		if (!start(g, J_SCW_SERVERS, DD_API_SCW, url, z, 1, &e)) {
			g->scw_servers_failed = true;
			why(f->scw_servers_why, dd_scw_zones[z], &e);
		}
		if (dd_scw_url_services_page(g->c, dd_scw_zones[z], 1, url, sizeof(url), &e) < 0 ||
		    !start(g, J_SERVICES, DD_API_SCW, url, z, 1, &e)) {
			g->services_failed = true;
			why(f->services_why, dd_scw_zones[z], &e);
		}
	}
	if (dd_scw_url_dbx_invoices(g->c, 1, url, sizeof(url), &e) < 0 ||
	    !start(g, J_DBX_INVOICES, DD_API_SCW, url, 0, 1, &e)) {
		why(f->dedibox_invoices_why, "the Dedibox invoices", &e);
		snprintf(f->dedibox_vat_why, DD_LINK_WHY, "%s", f->dedibox_invoices_why);
	}
	if (dd_scw_billing_url_invoices(g->c, 1, url, sizeof(url), &e) < 0 ||
	    !start(g, J_SCW_INVOICES, DD_API_SCW, url, 0, 1, &e))
		why(f->scw_vat_why, "the Scaleway invoices", &e);
	if (dd_scw_billing_url_discounts(g->c, 1, url, sizeof(url), &e) < 0 ||
	    !start(g, J_DISCOUNTS, DD_API_SCW, url, 0, 1, &e))
		why(f->discounts_why, "the Scaleway discounts", &e);
}

static void start_online(struct dd_link_gather *g)
{
	struct dd_link_facts *f = g->f;
	struct dd_error e;
	char url[512];

	dd_error_clear(&e);
	dd_online_url_servers(g->c, url, sizeof(url));
	if (!start(g, J_ON_SERVERS, DD_API_ONLINE, url, 0, 0, &e))
		why(f->online_servers_why, "the Online server list", &e);
	dd_online_url_hostings(g->c, url, sizeof(url));
	if (!start(g, J_ON_HOSTINGS, DD_API_ONLINE, url, 0, 0, &e))
		why(f->hostings_why, "the Online hosting list", &e);
	dd_online_url_user(g->c, url, sizeof(url));
	if (!start(g, J_ON_USER, DD_API_ONLINE, url, 0, 0, &e))
		why(f->dedibox_person_why, "the Online user", &e);
}

/* What each source needs when its credential is missing. */
static void missing(struct dd_link_facts *f, bool scw, bool online)
{
	static const char key[] = "needs the Scaleway key: ";
	static const char tok[] = "needs the Dedibox token: ";

	if (!scw) {
		snprintf(f->scw_servers_why, DD_LINK_WHY, "%sthe Organization's Dedibox servers are "
			 "listed by the Scaleway Dedibox API", key);
		snprintf(f->services_why, DD_LINK_WHY, "%sthe Dedibox services are listed by the "
			 "Scaleway Dedibox API", key);
		snprintf(f->dedibox_invoices_why, DD_LINK_WHY, "%sthe Dedibox invoices are read "
			 "through the Scaleway Dedibox API", key);
		snprintf(f->dedibox_vat_why, DD_LINK_WHY, "%s", f->dedibox_invoices_why);
		snprintf(f->iam_why, DD_LINK_WHY, "%sIAM tells who owns it", key);
		snprintf(f->scw_vat_why, DD_LINK_WHY, "%sthe Scaleway invoices tell its VAT", key);
		snprintf(f->discounts_why, DD_LINK_WHY, "%sthe Billing API lists the discounts", key);
		snprintf(f->scw_person_why, DD_LINK_WHY, "%sIAM holds the Scaleway user", key);
	}
	if (!online) {
		snprintf(f->online_servers_why, DD_LINK_WHY, "%sthe Online API lists the Dedibox "
			 "account's servers", tok);
		snprintf(f->hostings_why, DD_LINK_WHY, "%sthe Online API lists the web hostings", tok);
		snprintf(f->dedibox_person_why, DD_LINK_WHY, "%sthe Online API holds the Dedibox "
			 "user", tok);
	}
}

struct dd_link_gather *dd_link_gather_start(struct dd_http *h, const struct dd_creds *c,
					    struct dd_link_facts *facts,
					    dd_link_gather_done done, void *ud,
					    struct dd_error *err)
{
	bool scw = dd_creds_has_scw(c), online = dd_creds_has_online(c);
	struct dd_link_gather *g;

	if (!scw && !online) {
		dd_error_set(err, DD_E_USAGE, 0, NULL,
			     _("linking needs a Dedibox token, Scaleway keys, or both"));
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		dd_error_oom(err);
		return NULL;
	}
	*g = (struct dd_link_gather){ .h = h, .c = c, .f = facts, .done = done, .ud = ud };
	facts->have_scaleway_creds = scw;
	facts->have_dedibox_creds = online;
	missing(facts, scw, online);
	/* pending starts at 1 so that no callback finishes the gathering
	 * while requests are being queued */
	g->pending = 1;
	if (scw)
		start_scaleway(g);
	if (online)
		start_online(g);
	/* the callbacks never run from inside a send: finish on the next poll
	 * if nothing started, through one request-less pass */
	if (g->pending == 1) {
		g->pending = 0;
		free(g);
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("no request could start"));
		return NULL;
	}
	g->pending--;
	return g;
}

void dd_link_gather_free(struct dd_link_gather *g)
{
	if (!g)
		return;
	if (g->pending == 0) {
		gather_free(g);
		return;
	}
	g->cancelled = true;
	g->in_free = true;
	for (int i = 0; i < MAX_IN_FLIGHT; i++)
		if (g->ids[i])
			dd_http_cancel(g->h, g->ids[i]);
	g->in_free = false;
	if (g->pending == 0)
		gather_free(g);
}
