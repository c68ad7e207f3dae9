#include "core/order.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/file.h>
#include <unistd.h>

#include <jansson.h>

#include "core/money.h"
#include "core/request.h"
#include "core/safefile.h"
#include "core/i18n.h"

const struct dd_offer *dd_order_find_offer(const struct dd_offer_list *l, const char *text,
					   const char *zone, struct dd_error *err)
{
	const struct dd_offer *hit = NULL;
	char *end;
	long long id;
	size_t n = 0;

	errno = 0;
	id = strtoll(text, &end, 10);
	if (errno || *end || id <= 0)
		id = -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct dd_offer *o = &l->v[i];
		if (zone && strcmp(o->zone, zone) != 0)
			continue;
		if (o->id == id || strcasecmp(o->name, text) == 0) {
			if (!hit)
				hit = o;
			n++;
		}
	}
	if (!hit) {
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL, _("No server offer %s%s%s (see dedi offers)."),
			     text, zone ? " in " : "", zone ? zone : "");
		return NULL;
	}
	if (n > 1) {
		dd_error_set(err, DD_E_USAGE, 0, NULL,
			     _("Offer %s is sold in %zu zones; say which with --zone (see dedi offers)."),
			     text, n);
		return NULL;
	}
	return hit;
}

void dd_order_price_text(const struct dd_offer *o, char *buf, size_t len)
{
	char price[48], fee[48];
	bool monthly = strcmp(o->payment_frequency, "oneshot") != 0;

	dd_money_format(&o->price, price, sizeof(price));
	if (o->has_setup_fee) {
		dd_money_format(&o->setup_fee, fee, sizeof(fee));
		snprintf(buf, len, _("%s%s + %s setup fee, excl. tax"), price,
			 monthly ? "/month" : " once", fee);
	} else {
		snprintf(buf, len, _("%s%s, no setup fee, excl. tax"), price,
			 monthly ? "/month" : " once");
	}
}

int dd_order_plan(const struct dd_account *a, const struct dd_offer *o, struct dd_write_plan *plan,
		  struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);

	memset(plan, 0, sizeof(*plan));
	if (!dd_creds_has_scw(c))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Ordering a server needs a Scaleway secret key (SCW_SECRET_KEY): "
				    "the Online API takes no order."));
	if (strcmp(o->stock, "empty") == 0)
		return dd_error_set(err, DD_E_API, 0, "out_of_stock",
				    _("Offer %s is out of stock in %s; nothing was sent."), o->name, o->zone);
	if (dd_scw_req_order_server(c, o->zone, o->id, &plan->req, err) < 0)
		return -1;
	snprintf(plan->summary, sizeof(plan->summary), _("order of a server, offer %s (%" PRId64 ") in %s"),
		 o->name, o->id, o->zone);
	dd_order_price_text(o, plan->price, sizeof(plan->price));
	snprintf(plan->zone, sizeof(plan->zone), "%s", o->zone);
	snprintf(plan->hostname, sizeof(plan->hostname), "%s", o->name);
	plan->field = DD_WF_STATUS;
	return 0;
}

/* ---- the idempotency record ---- */

int dd_order_lock(const char *audit_path, struct dd_error *err)
{
	char dir[1024], path[1100];
	int fd;

	if (dd_safefile_dirname(audit_path, dir, sizeof(dir)) < 0 ||
	    snprintf(path, sizeof(path), "%s.lock", audit_path) >= (int)sizeof(path))
		return dd_error_set(err, DD_E_IO, 0, NULL, _("the audit log path is too long"));
	if (dd_safefile_mkdir_private(dir, err) < 0)
		return -1;
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot open the order lock %s: %s"), path,
				    strerror(errno));
	while (flock(fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		dd_error_set(err, DD_E_IO, 0, NULL, _("cannot lock %s: %s"), path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void dd_order_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the last descriptor releases the flock */
}

static bool parse_time(const char *s, time_t *out)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = s ? strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	if (!end || *end)
		return false;
	*out = timegm(&tm);
	return true;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

struct seen_order {
	char write[40];
	time_t when;
	bool refused; /* its outcome line says the API refused it */
};

int dd_order_recent(const char *path, const char *profile, const struct dd_write_plan *plan,
		    time_t now, long window, time_t *when, struct dd_error *err)
{
	FILE *f = fopen(path, "re");
	struct seen_order *v = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	int found = 0;

	if (!f) {
		if (errno == ENOENT)
			return 0;
		return dd_error_set(err, DD_E_IO, 0, NULL,
				    _("cannot read the audit log %s to check for a recent order: %s"),
				    path, strerror(errno));
	}
	while (getline(&line, &lcap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		time_t t;
		if (!o)
			continue; /* a torn line: the others still count */
		const char *phase = str(o, "phase"), *wid = str(o, "write");
		if (strcmp(phase, "intent") == 0 && strcmp(str(o, "method"), "POST") == 0 &&
		    strcmp(str(o, "url"), plan->req.url) == 0 &&
		    strcmp(str(o, "body"), plan->req.shown) == 0 &&
		    strcmp(str(o, "profile"), profile ? profile : "") == 0 &&
		    parse_time(str(o, "time"), &t) && t + window >= now && strlen(wid) < 40) {
			if (n == cap) {
				struct seen_order *nv = realloc(v, (cap ? cap * 2 : 8) * sizeof(*v));
				if (!nv) {
					json_decref(o);
					found = dd_error_oom(err);
					goto out;
				}
				v = nv;
				cap = cap ? cap * 2 : 8;
			}
			snprintf(v[n].write, sizeof(v[n].write), "%s", wid);
			v[n].when = t;
			v[n].refused = false;
			n++;
		} else if (strcmp(phase, "outcome") == 0) {
			const char *oc = str(o, "outcome");
			for (size_t i = 0; i < n; i++)
				if (strcmp(v[i].write, wid) == 0)
					v[i].refused = strcmp(oc, "ok") != 0 && strcmp(oc, "unknown") != 0;
		}
		json_decref(o);
	}
	for (size_t i = 0; i < n; i++)
		if (!v[i].refused && (!found || v[i].when > *when)) {
			*when = v[i].when;
			found = 1;
		}
out:
	free(line);
	free(v);
	fclose(f);
	return found;
}

/* ---- the offer as the write path's target ---- */

struct dd_order {
	struct dd_offer seen;          /* what the user saw and confirmed */
	struct dd_offer now;           /* the last re-read */
	int64_t newest_before;         /* newest order of the offer before sending */
	bool have_before;
	struct dd_order_service found; /* after an unknown outcome */
	/* one re-read in flight */
	struct dd_account *a;
	struct dd_http *h;
	dd_write_reread_done done;
	void *ctx;
};

struct dd_order *dd_order_new(const struct dd_offer *seen)
{
	struct dd_order *o = calloc(1, sizeof(*o));
	if (o)
		o->seen = *seen;
	return o;
}

void dd_order_free(struct dd_order *o)
{
	free(o);
}

const struct dd_order_service *dd_order_found(const struct dd_order *o)
{
	return &o->found;
}

static int get(struct dd_order *o, const char *url, dd_http_cb cb, struct dd_error *err)
{
	struct dd_request r = { .api = DD_API_SCW, .method = DD_GET, .url = url };
	return dd_request_send(o->h, dd_account_creds(o->a), &r, cb, o, err) ? 0 : -1;
}

static void on_services(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct dd_order *o = ud;
	struct dd_order_service v[DD_SCW_SERVICES_PAGE_SIZE];
	struct dd_error err;
	size_t n = 0;
	int64_t newest = 0;

	dd_error_clear(&err);
	if (herr && herr->kind != DD_OK)
		err = *herr;
	else
		dd_scw_decode_services(resp->body, resp->body_len, v, DD_SCW_SERVICES_PAGE_SIZE, &n, &err);
	memset(&o->found, 0, sizeof(o->found));
	for (size_t i = 0; err.kind == DD_OK && i < n; i++)
		if (v[i].offer_id == o->seen.id && strcmp(v[i].type, "order") == 0 && v[i].id > newest) {
			newest = v[i].id;
			if (o->have_before && v[i].id > o->newest_before)
				o->found = v[i];
		}
	if (err.kind == DD_OK && !o->have_before) {
		o->newest_before = newest;
		o->have_before = true;
	}
	o->done(o->ctx, &err);
}

static void on_offer(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct dd_order *o = ud;
	struct dd_error err;
	char url[512];

	dd_error_clear(&err);
	if (herr && herr->kind != DD_OK)
		err = *herr;
	else if (dd_scw_decode_offer(resp->body, resp->body_len, o->seen.zone, &o->now, &err) == 0 &&
		 dd_scw_url_services(dd_account_creds(o->a), o->seen.zone, url, sizeof(url), &err) == 0 &&
		 get(o, url, on_services, &err) == 0)
		return;
	o->done(o->ctx, &err);
}

static int reread(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		  void *ctx, struct dd_error *err)
{
	struct dd_order *o = ud;
	char url[512];

	o->a = a;
	o->h = h;
	o->done = done;
	o->ctx = ctx;
	/* After an unknown outcome only the services matter. */
	if (o->have_before) {
		if (dd_scw_url_services(dd_account_creds(a), o->seen.zone, url, sizeof(url), err) < 0)
			return -1;
		return get(o, url, on_services, err);
	}
	if (dd_scw_url_offer(dd_account_creds(a), o->seen.zone, o->seen.id, url, sizeof(url), err) < 0)
		return -1;
	return get(o, url, on_offer, err);
}

static bool same_money(const struct dd_money *x, const struct dd_money *y)
{
	const char *cx = x->currency[0] ? x->currency : "EUR", *cy = y->currency[0] ? y->currency : "EUR";
	return strcmp(cx, cy) == 0 && x->units == y->units && x->nanos == y->nanos;
}

static bool unchanged(void *ud, char *why, size_t len)
{
	struct dd_order *o = ud;
	char was[120], is[120];

	if (!same_money(&o->seen.price, &o->now.price) ||
	    o->seen.has_setup_fee != o->now.has_setup_fee ||
	    (o->seen.has_setup_fee && !same_money(&o->seen.setup_fee, &o->now.setup_fee))) {
		dd_order_price_text(&o->seen, was, sizeof(was));
		dd_order_price_text(&o->now, is, sizeof(is));
		snprintf(why, len, _("its price is now %s, not %s"), is, was);
		return false;
	}
	if (strcmp(o->now.stock, "empty") == 0) {
		snprintf(why, len, _("it is out of stock now"));
		return false;
	}
	return true;
}

static void describe(void *ud, char *buf, size_t len)
{
	struct dd_order *o = ud;

	if (o->found.id)
		snprintf(buf, len, _("the order was placed: ordered service %" PRId64 " of offer %s is %s"),
			 o->found.id, o->seen.name, o->found.status[0] ? o->found.status : "unknown");
	else
		snprintf(buf, len, _("no order of offer %s was placed"), o->seen.name);
}

void dd_order_target(struct dd_order *o, struct dd_write_target *t)
{
	*t = (struct dd_write_target){ .reread = reread, .unchanged = unchanged,
				       .describe = describe, .ud = o };
}

/* ---- following an ordered service ---- */

struct svc_read {
	struct dd_order_service *out;
	dd_done_fn done;
	void *ud;
};

static void on_service(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct svc_read *r = ud;
	struct dd_error err;

	dd_error_clear(&err);
	if (herr && herr->kind != DD_OK)
		err = *herr;
	else
		dd_scw_decode_service(resp->body, resp->body_len, r->out, &err);
	r->done(r->ud, &err);
	free(r);
}

int dd_order_read_service(struct dd_account *a, struct dd_http *h, const char *zone, int64_t id,
			  struct dd_order_service *out, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	struct svc_read *r;
	char url[512];

	if (dd_scw_url_ordered_service(dd_account_creds(a), zone, id, url, sizeof(url), err) < 0)
		return -1;
	if (!(r = calloc(1, sizeof(*r))))
		return dd_error_oom(err);
	*r = (struct svc_read){ out, done, ud };
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET, .url = url };
	if (!dd_request_send(h, dd_account_creds(a), &q, on_service, r, err)) {
		free(r);
		return -1;
	}
	return 0;
}

static json_t *money_json(const struct dd_money *m)
{
	return json_pack("{s:s, s:I, s:i}", "currency_code", m->currency[0] ? m->currency : "EUR",
			 "units", (json_int_t)m->units, "nanos", (int)m->nanos);
}

char *dd_order_offers_json(const struct dd_offer_list *l, const char *zone)
{
	json_t *arr = json_array(), *doc;
	char *text;

	for (size_t i = 0; arr && i < l->n; i++) {
		const struct dd_offer *o = &l->v[i];
		if (zone && strcmp(o->zone, zone) != 0)
			continue;
		json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:I, s:i, s:I, s:s, s:I, s:o, s:o, s:s}",
				      "id", (json_int_t)o->id, "zone", o->zone, "name", o->name,
				      "commercial_range", o->range, "payment_frequency", o->payment_frequency,
				      "cpu", o->cpu, "cpu_count", o->cpu_count, "cores", o->cores,
				      "threads", o->threads, "memory_bytes", (json_int_t)o->memory_bytes,
				      "disk_count", o->disk_count, "disk_bytes", (json_int_t)o->disk_bytes,
				      "disk_type", o->disk_type, "bandwidth", (json_int_t)o->bandwidth,
				      "price", money_json(&o->price),
				      "setup_fee", o->has_setup_fee ? money_json(&o->setup_fee) : json_null(),
				      "stock", o->stock);
		if (!x || json_array_append_new(arr, x) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	if (!arr || !(doc = json_pack("{s:o}", "offers", arr)))
		return NULL;
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return text;
}
