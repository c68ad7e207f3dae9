#include "core/export.h"

#include <stdlib.h>
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

/* The tags as sent: the raw ones (joined by a byte UTF-8 never holds)
 * when they differ from the display's comma-joined list. */
static json_t *tags(const struct dd_server *s)
{
	json_t *a = json_array();
	const char sep_raw[2] = { DD_RAW_TAG_SEP, 0 };
	const char *sep = s->raw[DD_RAW_TAGS] ? sep_raw : ",";
	const char *p = dd_server_raw(s, DD_RAW_TAGS, s->tags);

	while (p && *p) {
		size_t n = strcspn(p, sep);
		json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == sep[0])
			p++;
	}
	return a;
}

/* A list record whose detail was never read has no OS or tags from the
 * API that owns them (the Scaleway list lacks both; Online names the OS
 * its own way): the keys are left out rather than printed as if empty
 * (README: `servers show` has them). */
static json_t *server(const struct dd_server *s)
{
	/* Strings as the API sent them (README: --json), not the console's
	 * \u{...} display form. */
	const char *host = dd_server_raw(s, DD_RAW_HOSTNAME, s->hostname);
	const char *offer = dd_server_raw(s, DD_RAW_OFFER, s->offer);
	const char *dc = dd_server_raw(s, DD_RAW_DATACENTER, s->datacenter);
	const char *os = dd_server_raw(s, DD_RAW_OS, s->os);

	if (!s->detailed)
		return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o}",
				 "id", (json_int_t)s->id, "hostname", host, "zone", s->zone,
				 "offer", offer, "status", s->status,
				 "ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
				 "datacenter", dc[0] ? dc : NULL,
				 "sources", sources(s->sources));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:s?, s:o}",
			 "id", (json_int_t)s->id, "hostname", host, "zone", s->zone,
			 "offer", offer, "status", s->status,
			 "ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
			 "os", os[0] ? os : NULL, "tags", tags(s),
			 "datacenter", dc[0] ? dc : NULL,
			 "sources", sources(s->sources));
}

static char *dump(json_t *doc)
{
	char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	return out;
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
			const char *rev = dd_ip_reverse_raw(p);
			json_array_append_new(ips, json_pack("{s:s, s:s, s:s, s:s?}", "address", p->address,
							     "version", p->version, "semantic", p->semantic,
							     "reverse", rev[0] ? rev : NULL));
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

char *dd_export_profiles_json(const struct dd_vault *v, const char *selected)
{
	json_t *arr = json_array(), *doc;

	for (size_t i = 0; arr && i < dd_vault_count(v); i++) {
		const struct dd_creds *c = dd_vault_at(v, i);
		char masked[64];

		dd_creds_mask(c->access_key, masked, sizeof(masked));
		json_array_append_new(arr, json_pack(
			"{s:s, s:b, s:s, s:s, s:s, s:s, s:b, s:b}", "profile", c->profile,
			"selected", strcmp(c->profile, selected) == 0, "access_key", masked,
			"organization_id", c->organization_id, "project_id", c->project_id,
			"zone", c->zone, "scaleway", dd_creds_has_scw(c),
			"dedibox", dd_creds_has_online(c)));
	}
	/* A selected name that is no profile name (DEDI_PROFILE is anything
	 * the caller set) is null, not a failed document. */
	doc = json_pack("{s:i, s:s?, s:o}", "version", 1, "selected",
			dd_vault_name_ok(selected) ? selected : NULL, "profiles", arr);
	return dump(doc);
}
