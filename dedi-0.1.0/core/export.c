#include "core/export.h"

#include <string.h>

#include <jansson.h>

static json_t *sources(unsigned s)
{
	json_t *a = json_array();

	if (s & DD_SRC_SCW)
		json_array_append_new(a, json_string("scaleway"));
	if (s & DD_SRC_ONLINE)
		json_array_append_new(a, json_string("online"));
	return a;
}

static json_t *tags(const char *joined)
{
	json_t *a = json_array();
	const char *p = joined;

	while (p && *p) {
		size_t n = strcspn(p, ",");
		json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

static json_t *server(const struct dd_server *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:s?, s:o}",
			 "id", (json_int_t)s->id, "hostname", s->hostname, "zone", s->zone,
			 "offer", s->offer, "status", s->status,
			 "ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
			 "os", s->os[0] ? s->os : NULL, "tags", tags(s->tags),
			 "datacenter", s->datacenter[0] ? s->datacenter : NULL,
			 "sources", sources(s->sources));
}

static char *dump(json_t *doc)
{
	char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	return out;
}

char *dd_export_servers_json(const struct dd_server_list *l)
{
	json_t *arr = json_array();

	if (!arr)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (json_array_append_new(arr, server(&l->v[i])) < 0) {
			json_decref(arr);
			return NULL;
		}
	return dump(json_pack("{s:i, s:I, s:o}", "version", 1, "total_count",
			      (json_int_t)l->n, "servers", arr));
}

char *dd_export_server_detail_json(const struct dd_server_detail *d)
{
	json_t *s = server(&d->s), *ifs = json_array(), *opts = json_array();

	if (!s || !ifs || !opts) {
		json_decref(s);
		json_decref(ifs);
		json_decref(opts);
		return NULL;
	}
	for (size_t i = 0; i < d->n_ifaces; i++) {
		const struct dd_iface *f = &d->ifaces[i];
		json_t *ips = json_array();
		for (size_t k = 0; k < f->n_ips; k++) {
			const struct dd_ip *p = &f->ips[k];
			json_array_append_new(ips, json_pack("{s:s, s:s, s:s, s:s?}", "address", p->address,
							     "version", p->version, "semantic", p->semantic,
							     "reverse", p->reverse[0] ? p->reverse : NULL));
		}
		json_array_append_new(ifs, json_pack("{s:s?, s:s, s:o}", "mac", f->mac[0] ? f->mac : NULL,
						     "type", f->type, "ips", ips));
	}
	for (size_t i = 0; i < d->n_options; i++)
		json_array_append_new(opts, json_string(d->options[i]));
	json_object_set_new(s, "interfaces", ifs);
	json_object_set_new(s, "options", opts);
#define OPT(k, v) json_object_set_new(s, k, (v)[0] ? json_string(v) : json_null())
	OPT("service_level", d->level);
	OPT("location", d->location);
	OPT("abuse_contact", d->abuse_contact);
	OPT("rescue_os", d->rescue_os);
	OPT("offer_price", d->offer_price);
	OPT("created_at", d->created_at);
	OPT("rebooted_at", d->rebooted_at);
	OPT("power", d->power);
	OPT("boot_mode", d->boot_mode);
#undef OPT
	json_object_set_new(s, "has_bmc", json_boolean(d->has_bmc));
	return dump(json_pack("{s:i, s:o}", "version", 1, "server", s));
}
