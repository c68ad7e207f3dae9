#include "core/scw_dedibox.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/json.h"
#include "core/json_arena.h"
#include "core/request.h"
#include "core/scw_server_scan.h"
#include "core/text.h"
#include "core/i18n.h"

const char *const dd_scw_zones[DD_SCW_NZONES + 1] = { "fr-par-1", "fr-par-2", "nl-ams-1", NULL };

int dd_scw_zone_valid(const char *zone)
{
	for (size_t i = 0; dd_scw_zones[i]; i++)
		if (strcmp(zone, dd_scw_zones[i]) == 0)
			return 1;
	return 0;
}

void dd_scw_url_servers(const struct dd_creds *c, const char *zone, unsigned page,
			unsigned page_size, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/dedibox/v1/zones/%s/servers?page=%u&page_size=%u&order_by=created_at_asc",
			 c->scw_api_url, zone, page, page_size);

	/* Project ids are UUIDs: nothing to escape. */
	if (c->project_id[0] && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "&project_id=%s", c->project_id);
}

void dd_scw_url_server(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len)
{
	snprintf(buf, len, "%s/dedibox/v1/zones/%s/servers/%" PRId64, c->scw_api_url, zone, id);
}

static int oom(struct dd_error *err)
{
	return dd_error_oom(err);
}

/* Picks the primary IPv4 and IPv6 by semantic (dd_ip_semantic_rank; the
 * first of the best rank), keeps every IP in d when d is not NULL. */
static int decode_ifaces(const struct dd_jv *obj, struct dd_server *s, struct dd_server_detail *d,
			 struct dd_error *err)
{
	struct dd_jv ifs, itf, ips, ip;
	size_t n = 0;
	int best4 = INT_MAX, best6 = INT_MAX;

	if (dd_json_obj(obj, "interfaces", false, &ifs, err) < 0 ||
	    dd_json_array_size(&ifs, &n, err) < 0)
		return -1;
	if (d && n) {
		d->ifaces = calloc(n, sizeof(*d->ifaces));
		if (!d->ifaces)
			return oom(err);
	}
	for (size_t i = 0; i < n; i++) {
		const char *type = "", *mac = "";
		size_t m = 0;

		if (dd_json_at(&ifs, i, &itf, err) < 0 ||
		    dd_json_str(&itf, "type", false, &type, err) < 0 ||
		    dd_json_str(&itf, "mac", false, &mac, err) < 0 ||
		    dd_json_obj(&itf, "ips", false, &ips, err) < 0 ||
		    dd_json_array_size(&ips, &m, err) < 0)
			return -1;
		if (d) {
			struct dd_iface *f = &d->ifaces[i];
			d->n_ifaces = i + 1;
			dd_text_clean_str(type, f->type, sizeof(f->type));
			dd_text_clean_str(mac, f->mac, sizeof(f->mac));
			f->ips = calloc(m ? m : 1, sizeof(*f->ips));
			if (!f->ips)
				return oom(err);
		}
		for (size_t k = 0; k < m; k++) {
			const char *addr = "", *ver = "", *sem = "", *rev = "";
			int64_t ip_id = 0;

			if (dd_json_at(&ips, k, &ip, err) < 0 ||
			    dd_json_str(&ip, "address", true, &addr, err) < 0 ||
			    dd_json_str(&ip, "version", false, &ver, err) < 0 ||
			    dd_json_str(&ip, "semantic", false, &sem, err) < 0 ||
			    dd_json_str(&ip, "reverse", false, &rev, err) < 0 ||
			    dd_json_int(&ip, "ip_id", false, &ip_id, err) < 0)
				return -1;
			int rank = strcmp(type, "ipmi") == 0 ? -1 : dd_ip_semantic_rank(sem);
			if (rank >= 0 && strcmp(ver, "ipv4") == 0 && rank < best4) {
				dd_text_clean_str(addr, s->ipv4, sizeof(s->ipv4));
				best4 = rank;
			}
			if (rank >= 0 && strcmp(ver, "ipv6") == 0 && rank < best6) {
				dd_text_clean_str(addr, s->ipv6, sizeof(s->ipv6));
				best6 = rank;
			}
			if (d) {
				struct dd_ip *p = &d->ifaces[i].ips[k];
				dd_text_clean_str(addr, p->address, sizeof(p->address));
				dd_text_clean_str(ver, p->version, sizeof(p->version));
				dd_text_clean_str(sem, p->semantic, sizeof(p->semantic));
				p->ip_id = ip_id;
				d->ifaces[i].n_ips = k + 1;
				/* --json carries the API's reverse, the screen its display form */
				if (dd_ip_set_reverse(p, rev) < 0)
					return oom(err);
			}
		}
	}
	return 0;
}

static int decode_summary(const struct dd_jv *o, const char *zone, struct dd_server *s,
			  struct dd_error *err)
{
	const char *host = "", *status = "", *z = "", *offer = "", *dc = "", *proj = "";
	int64_t id = 0, os_id = 0;

	if (dd_json_int(o, "id", true, &id, err) < 0 ||
	    dd_json_str(o, "hostname", false, &host, err) < 0 ||
	    dd_json_str(o, "status", false, &status, err) < 0 ||
	    dd_json_str(o, "zone", false, &z, err) < 0 ||
	    dd_json_str(o, "offer_name", false, &offer, err) < 0 ||
	    dd_json_str(o, "datacenter_name", false, &dc, err) < 0 ||
	    dd_json_str(o, "project_id", false, &proj, err) < 0 ||
	    dd_json_int(o, "os_id", false, &os_id, err) < 0)
		return -1;
	if (id <= 0)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s%sid: expected a positive server id, got %" PRId64),
				    o->path, o->path[0] ? "." : "", id);
	s->id = id;
	s->os_id = os_id;
	s->sources = DD_SRC_SCW;
	if (dd_server_set_text(s, DD_RAW_HOSTNAME, &s->hostname, host) < 0 ||
	    dd_server_set_text(s, DD_RAW_OFFER, &s->offer, offer) < 0 ||
	    dd_server_set_text(s, DD_RAW_DATACENTER, &s->datacenter, dc) < 0)
		return oom(err);
	dd_text_clean_str(status, s->status, sizeof(s->status));
	dd_text_clean_str(z[0] ? z : zone, s->zone, sizeof(s->zone));
	dd_text_clean_str(proj, s->project_id, sizeof(s->project_id));
	return decode_ifaces(o, s, NULL, err);
}

int dd_scw_decode_server_page(const char *body, size_t len, const char *zone,
			      struct dd_server_list *out, int64_t *total, struct dd_error *err)
{
	/* The scanner reads the pages that are what they should be; it gives
	 * any other to the tree decoder, whose errors are the only ones. */
	int rc = dd_scw_scan_server_page(body, len, zone, out, total, err);

	if (rc != 0)
		return rc > 0 ? 0 : -1;
	return dd_scw_decode_server_page_tree(body, len, zone, out, total, err);
}

int dd_scw_decode_server_page_tree(const char *body, size_t len, const char *zone,
				   struct dd_server_list *out, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, item;
	size_t n = 0, start = out->n;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	*total = -1;
	if (dd_json_list(&root, "servers", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_server *s = dd_server_list_add(out);
		if (!s) {
			oom(err);
			goto undo;
		}
		if (dd_json_at(&arr, i, &item, err) < 0 || decode_summary(&item, zone, s, err) < 0)
			goto undo;
	}
	rc = 0;
	goto out;
undo:
	/* A page is taken whole or not at all. */
	while (out->n > start)
		dd_server_clear(&out->v[--out->n]);
out:
	dd_json_drop(root.v);
	return rc;
}

static int decode_options(const struct dd_jv *root, struct dd_server_detail *d,
			  struct dd_error *err)
{
	struct dd_jv opts, o, offer;
	size_t n = 0;

	if (dd_json_obj(root, "options", false, &opts, err) < 0 ||
	    dd_json_array_size(&opts, &n, err) < 0)
		return -1;
	if (!n)
		return 0;
	d->options = calloc(n, sizeof(*d->options));
	if (!d->options)
		return oom(err);
	for (size_t i = 0; i < n; i++) {
		const char *name = "";
		if (dd_json_at(&opts, i, &o, err) < 0 ||
		    dd_json_obj(&o, "offer", false, &offer, err) < 0)
			return -1;
		if (offer.v && dd_json_str(&offer, "name", false, &name, err) < 0)
			return -1;
		d->options[i] = dd_text_clean(name, strlen(name));
		if (!d->options[i])
			return oom(err);
		d->n_options = i + 1;
	}
	return 0;
}

static int decode_offer(const struct dd_jv *root, struct dd_server_detail *d,
			struct dd_error *err)
{
	struct dd_jv offer, price;
	const char *name = "", *freq = "", *cur = "EUR";
	int64_t units = 0, nanos = 0;

	if (dd_json_obj(root, "offer", false, &offer, err) < 0 || !offer.v)
		return 0;
	if (dd_json_str(&offer, "name", false, &name, err) < 0 ||
	    dd_json_str(&offer, "payment_frequency", false, &freq, err) < 0 ||
	    dd_json_obj(&offer, "pricing", false, &price, err) < 0)
		return -1;
	if (dd_text_set(&d->s.offer, name) < 0)
		return oom(err);
	if (price.v) {
		struct dd_money m = { .currency = "EUR" };
		char buf[64], cfreq[16];
		if (dd_json_str(&price, "currency_code", false, &cur, err) < 0 ||
		    dd_json_int(&price, "units", false, &units, err) < 0 ||
		    dd_json_int(&price, "nanos", false, &nanos, err) < 0)
			return -1;
		dd_text_clean_str(cur, m.currency, sizeof(m.currency));
		m.units = units;
		m.nanos = (int32_t)nanos;
		dd_money_format(&m, buf, sizeof(buf));
		dd_text_clean_str(freq, cfreq, sizeof(cfreq));
		{
			char full[96];
			snprintf(full, sizeof(full), "%s%s%s", buf, cfreq[0] ? "/" : "", cfreq);
			if (dd_model_set_str(&d->offer_price, full) < 0)
				return oom(err);
		}
	}
	return 0;
}

static void copy_date(const struct dd_jv *o, const char *key, char *dst, size_t n,
		      struct dd_error *err)
{
	const char *v = "";

	if (dd_json_str(o, key, false, &v, err) == 0)
		dd_text_clean_str(v, dst, n);
}

int dd_scw_decode_server(const char *body, size_t len, struct dd_server_detail *d,
			 struct dd_error *err)
{
	struct dd_jv root, os, level, loc, tags, rescue;
	const char *osname = "", *osver = "", *lvl = "", *abuse = "";
	bool has_bmc = false;
	size_t ntags = 0;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_object(root.v)) {
		dd_error_set(err, DD_E_DECODE, 0, NULL, _("(document): expected an object"));
		goto out;
	}
	if (decode_summary(&root, "", &d->s, err) < 0)
		goto out;
	/* decode_summary only found the primary addresses; keep them all. */
	d->s.ipv4[0] = d->s.ipv6[0] = '\0';
	if (decode_ifaces(&root, &d->s, d, err) < 0 || decode_options(&root, d, err) < 0 ||
	    decode_offer(&root, d, err) < 0)
		goto out;
	if (dd_json_obj(&root, "os", false, &os, err) < 0 ||
	    dd_json_obj(&root, "level", false, &level, err) < 0 ||
	    dd_json_obj(&root, "location", false, &loc, err) < 0 ||
	    dd_json_obj(&root, "tags", false, &tags, err) < 0 ||
	    dd_json_obj(&root, "rescue_os", false, &rescue, err) < 0 ||
	    dd_json_array_size(&tags, &ntags, err) < 0 ||
	    dd_json_bool(&root, "has_bmc", false, &has_bmc, err) < 0 ||
	    dd_json_str(&root, "abuse_contact", false, &abuse, err) < 0)
		goto out;
	d->has_bmc = has_bmc;
	if (dd_text_set(&d->abuse_contact, abuse) < 0)
		goto nomem;
	if (os.v) {
		char full[256];
		if (dd_json_str(&os, "name", false, &osname, err) < 0 ||
		    dd_json_str(&os, "version", false, &osver, err) < 0)
			goto out;
		snprintf(full, sizeof(full), "%s%s%s", osname, osver[0] ? " " : "", osver);
		if (dd_server_set_text(&d->s, DD_RAW_OS, &d->s.os, full) < 0)
			goto nomem;
	}
	if (rescue.v) {
		const char *rn = "";
		if (dd_json_str(&rescue, "name", false, &rn, err) < 0)
			goto out;
		if (dd_text_set(&d->rescue_os, rn) < 0)
			goto nomem;
	}
	if (level.v) {
		if (dd_json_str(&level, "level", false, &lvl, err) < 0)
			goto out;
		if (dd_text_set(&d->level, lvl) < 0)
			goto nomem;
	}
	if (loc.v) {
		const char *dc = "", *room = "", *rack = "";
		char full[256];
		if (dd_json_str(&loc, "datacenter_name", false, &dc, err) < 0 ||
		    dd_json_str(&loc, "room", false, &room, err) < 0 ||
		    dd_json_str(&loc, "rack", false, &rack, err) < 0)
			goto out;
		snprintf(full, sizeof(full), "%s%s%s%s%s", dc, room[0] ? " room " : "", room,
			 rack[0] ? " rack " : "", rack);
		if (dd_text_set(&d->location, full) < 0 ||
		    dd_server_set_text(&d->s, DD_RAW_DATACENTER, &d->s.datacenter, dc) < 0)
			goto nomem;
	}
	{
		/* Tags joined with ", "; each sanitized on its own so a tag
		 * cannot forge the separator. */
		size_t cap = 1, used = 0, rused = 0;
		char *joined = malloc(1), *rawj = NULL;
		bool differ = false;
		struct dd_jv t;
		if (!joined)
			goto nomem;
		joined[0] = '\0';
		for (size_t i = 0; i < ntags; i++) {
			char *c, *nj;
			size_t cl;
			if (dd_json_at(&tags, i, &t, err) < 0 || !json_is_string(t.v)) {
				free(joined);
				if (t.v)
					dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s: expected a string"), t.path);
				goto out;
			}
			c = dd_text_clean(json_string_value(t.v), json_string_length(t.v));
			if (!c) {
				free(joined);
				goto nomem;
			}
			cl = strlen(c);
			nj = realloc(joined, cap + cl + 2);
			if (!nj) {
				free(c);
				free(joined);
				goto nomem;
			}
			joined = nj;
			cap += cl + 2;
			used += (size_t)sprintf(joined + used, "%s%s", i ? "," : "", c);
			/* --json gets each tag as sent (a comma in a tag included). */
			char *r = dd_text_utf8(json_string_value(t.v), json_string_length(t.v));
			char *nr = r ? realloc(rawj, rused + strlen(r) + 2) : NULL;
			if (!nr) {
				free(r);
				free(c);
				free(rawj);
				free(joined);
				goto nomem;
			}
			rawj = nr;
			differ = differ || strcmp(r, c) || strchr(r, ',');
			if (i)
				rawj[rused++] = DD_RAW_TAG_SEP;
			rused += (size_t)sprintf(rawj + rused, "%s", r);
			free(r);
			free(c);
		}
		free(d->s.tags);
		d->s.tags = joined;
		free(d->s.raw[DD_RAW_TAGS]);
		d->s.raw[DD_RAW_TAGS] = differ ? rawj : NULL;
		if (!differ)
			free(rawj);
	}
	copy_date(&root, "created_at", d->created_at, sizeof(d->created_at), err);
	copy_date(&root, "rebooted_at", d->rebooted_at, sizeof(d->rebooted_at), err);
	copy_date(&root, "expired_at", d->expired_at, sizeof(d->expired_at), err);
	d->s.detailed = true;
	rc = 0;
	goto out;
nomem:
	oom(err);
out:
	json_decref(root.v);
	return rc;
}

/* ---- the overview's sections ------------------------------------------ */

int dd_scw_url_backup(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		      size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/servers/%" PRId64 "/backups", zone, id);
}

int dd_scw_url_events(const struct dd_creds *c, const char *zone, int64_t id, int page,
		      int page_size, char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/servers/%" PRId64
			      "/events?order_by=created_at_desc&page=%d&page_size=%d",
			      zone, id, page, page_size);
}

int dd_scw_url_options(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/servers/%" PRId64
			      "/subscribable-server-options?page_size=%d",
			      zone, id, DD_SCW_OPTIONS_PAGE_SIZE);
}

int dd_scw_url_failovers(const struct dd_creds *c, const char *zone, int page, char *buf,
			 size_t len, struct dd_error *err)
{
	/* Project ids are UUIDs: nothing to escape. */
	if (c->project_id[0])
		return dd_request_url(c, DD_API_SCW, buf, len, err,
				      "/dedibox/v1/zones/%s/failover-ips?page_size=%d&page=%d&project_id=%s",
				      zone, DD_SCW_FAILOVER_PAGE_SIZE, page, c->project_id);
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/failover-ips?page_size=%d&page=%d",
			      zone, DD_SCW_FAILOVER_PAGE_SIZE, page);
}

static void copy_clean(char *dst, size_t len, const char *src)
{
	dd_text_clean_buf(src ? src : "", src ? strlen(src) : 0, dst, len);
}

/* Parses body into root; an empty answer is a decode error. */
static int parse(const char *body, size_t len, struct dd_jv *root, struct dd_error *err)
{
	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	return dd_json_parse(body, len, root, err);
}

int dd_scw_decode_backup(const char *body, size_t len, struct dd_backup *b, struct dd_error *err)
{
	const char *st = "", *login = "", *server = "";
	struct dd_jv root;
	int rc = -1;

	if (parse(body, len, &root, err) < 0)
		return -1;
	memset(b, 0, sizeof(*b));
	if (dd_json_str(&root, "login", false, &login, err) < 0 ||
	    dd_json_str(&root, "server", false, &server, err) < 0 ||
	    dd_json_bool(&root, "acl_enabled", false, &b->acl_enabled, err) < 0 ||
	    dd_json_bool(&root, "autologin", false, &b->autologin, err) < 0 ||
	    dd_json_int(&root, "quota_space", false, &b->quota_space, err) < 0 ||
	    dd_json_int(&root, "quota_space_used", false, &b->quota_space_used, err) < 0 ||
	    dd_json_int(&root, "quota_files", false, &b->quota_files, err) < 0 ||
	    dd_json_int(&root, "quota_files_used", false, &b->quota_files_used, err) < 0 ||
	    dd_json_str(&root, "status", false, &st, err) < 0)
		goto out;
	strcpy(b->unit, "B");
	copy_clean(b->status, sizeof(b->status), st);
	copy_clean(b->login, sizeof(b->login), login);
	copy_clean(b->server, sizeof(b->server), server);
	rc = 0;
out:
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_events(const char *body, size_t len, struct dd_event_page *p,
			 struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n;
	int64_t total = 0;
	int rc = -1;

	if (parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "events", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, &total, err) < 0)
		goto out;
	p->v = calloc(n ? n : 1, sizeof(*p->v));
	if (!p->v) {
		oom(err);
		goto out;
	}
	p->total = total;
	for (size_t i = 0; i < n; i++) {
		const char *date = "", *desc = "";
		struct dd_event *e = &p->v[p->n];
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "event_id", false, &e->id, err) < 0 ||
		    dd_json_str(&it, "date", false, &date, err) < 0 ||
		    dd_json_str(&it, "description", false, &desc, err) < 0)
			goto out;
		copy_clean(e->date, sizeof(e->date), date);
		e->description = dd_text_clean(desc, strlen(desc));
		if (!e->description) {
			oom(err);
			goto out;
		}
		p->n++;
	}
	rc = 0;
out:
	json_decref(root.v);
	return rc;
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

int dd_scw_decode_subscribable(const char *body, size_t len, struct dd_option_list *l,
			       struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n;
	int rc = -1;

	if (parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "server_options", &arr, &n, err) < 0)
		goto out;
	l->v = calloc(n ? n : 1, sizeof(*l->v));
	if (!l->v) {
		oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = "", *freq = "";
		struct dd_option_offer *o = &l->v[l->n];
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "id", false, &o->id, err) < 0 ||
		    dd_json_str(&it, "name", false, &name, err) < 0 ||
		    dd_json_str(&it, "payment_frequency", false, &freq, err) < 0 ||
		    decode_price(&it, o->price, sizeof(o->price), err) < 0)
			goto out;
		copy_clean(o->frequency, sizeof(o->frequency), freq);
		o->name = dd_text_clean(name, strlen(name));
		if (!o->name) {
			oom(err);
			goto out;
		}
		l->n++;
	}
	rc = 0;
out:
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_failovers(const char *body, size_t len, const char *zone, int64_t server_id,
			    const char *server_zone, struct dd_failover_list *l, size_t *page_n, int64_t *total,
			    struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n;
	int rc = -1;

	if (parse(body, len, &root, err) < 0)
		return -1;
	*total = 0;
	if (dd_json_list(&root, "failover_ips", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	*page_n = n;
	for (size_t i = 0; i < n; i++) {
		const char *addr = "", *st = "", *type = "", *mac = "", *rev = "", *szone = "";
		struct dd_failover f;
		struct dd_failover *nv;

		memset(&f, 0, sizeof(f));
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_int(&it, "server_id", false, &f.server_id, err) < 0 ||
		    dd_json_str(&it, "server_zone", false, &szone, err) < 0)
			goto out;
		if (server_id && f.server_id != server_id)
			continue;
		if (server_id && server_zone && server_zone[0] && szone[0] && strcmp(szone, server_zone) != 0)
			continue;
		if (dd_json_int(&it, "id", false, &f.id, err) < 0 ||
		    dd_json_str(&it, "address", false, &addr, err) < 0 ||
		    dd_json_int(&it, "cidr", false, &f.cidr, err) < 0 ||
		    dd_json_str(&it, "status", false, &st, err) < 0 ||
		    dd_json_str(&it, "ip_version", false, &type, err) < 0 ||
		    dd_json_str(&it, "mac", false, &mac, err) < 0 ||
		    dd_json_str(&it, "reverse", false, &rev, err) < 0)
			goto out;
		copy_clean(f.zone, sizeof(f.zone), zone);
		copy_clean(f.address, sizeof(f.address), addr);
		copy_clean(f.status, sizeof(f.status), st);
		copy_clean(f.type, sizeof(f.type), type);
		copy_clean(f.mac, sizeof(f.mac), mac);
		f.reverse = dd_text_clean(rev, strlen(rev));
		/* --json and a move that sets the reverse again carry the
		 * API's value, not its display form. */
		f.reverse_raw = f.reverse ? dd_text_utf8(rev, strlen(rev)) : NULL;
		if (f.reverse_raw && strcmp(f.reverse_raw, f.reverse) == 0) {
			free(f.reverse_raw);
			f.reverse_raw = NULL;
		} else if (!f.reverse_raw) {
			free(f.reverse);
			f.reverse = NULL;
		}
		nv = f.reverse ? realloc(l->v, (l->n + 1) * sizeof(*nv)) : NULL;
		if (!nv) {
			free(f.reverse_raw);
			free(f.reverse);
			oom(err);
			goto out;
		}
		l->v = nv;
		l->v[l->n++] = f;
	}
	rc = 0;
out:
	json_decref(root.v);
	return rc;
}

/* ---- writes: the requests core/write sends ---- */

/* body as sent; shown is the same JSON with the password masked. */
static int put_json(json_t *body, const char *secret_key, struct dd_write_req *out,
		    struct dd_error *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	int rc = 0;

	if (!text) {
		json_decref(body);
		return dd_error_oom(err);
	}
	if (strlen(text) >= sizeof(out->body))
		rc = dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	else
		memcpy(out->body, text, strlen(text) + 1);
	sodium_memzero(text, strlen(text));
	free(text);
	if (rc == 0 && secret_key && json_object_get(body, secret_key))
		json_object_set_new(body, secret_key, json_string("********"));
	text = rc == 0 ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(body);
	if (rc == 0 && !text)
		return dd_error_oom(err);
	if (text)
		snprintf(out->shown, sizeof(out->shown), "%s", text);
	free(text);
	out->api = DD_API_SCW;
	out->content_type = "application/json";
	return rc;
}

int dd_scw_req_hostname(const struct dd_creds *c, const char *zone, int64_t id,
			const char *hostname, struct dd_write_req *out, struct dd_error *err)
{
	out->method = DD_PATCH;
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/servers/%" PRId64, zone, id) < 0)
		return -1;
	return put_json(json_pack("{s:s}", "hostname", hostname), NULL, out, err);
}

int dd_scw_req_tags(const struct dd_creds *c, const char *zone, int64_t id,
		    const char *const *tags, size_t n, struct dd_write_req *out,
		    struct dd_error *err)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		if (json_array_append_new(arr, json_string(tags[i])) < 0) {
			json_decref(arr);
			arr = NULL;
		}
	out->method = DD_POST;
	if (!arr)
		return dd_error_oom(err);
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/servers/%" PRId64 "/tags", zone, id) < 0) {
		json_decref(arr);
		return -1;
	}
	return put_json(json_pack("{s:o}", "tags", arr), NULL, out, err);
}

int dd_scw_req_reverse(const struct dd_creds *c, const char *zone, int64_t ip_id,
		       const char *reverse, struct dd_write_req *out, struct dd_error *err)
{
	out->method = DD_PATCH;
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/reverses/%" PRId64, zone, ip_id) < 0)
		return -1;
	return put_json(json_pack("{s:s}", "reverse", reverse), NULL, out, err);
}

int dd_scw_req_backup(const struct dd_creds *c, const char *zone, int64_t id, bool acl_enabled,
		      bool autologin, const char *password, struct dd_write_req *out,
		      struct dd_error *err)
{
	json_t *body = json_pack("{s:b, s:b}", "acl_enabled", acl_enabled, "autologin", autologin);

	out->method = DD_PATCH;
	if (body && password && *password)
		json_object_set_new(body, "password", json_string(password));
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/servers/%" PRId64 "/backups", zone, id) < 0) {
		json_decref(body);
		return -1;
	}
	return put_json(body, "password", out, err);
}
