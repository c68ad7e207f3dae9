#include "core/export_net.h"

#include <stdlib.h>

#include <jansson.h>

#include "core/fip_move.h"

static char *dump(json_t *doc)
{
	char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	return s;
}

char *dd_export_failovers_json(const struct dd_failover_list *l)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && l && i < l->n; i++) {
		const struct dd_failover *f = &l->v[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:o, s:s?, s:s?, s:s}", "id", (json_int_t)f->id,
				      "address", f->address, "zone", f->zone, "reverse", dd_failover_reverse_raw(f),
				      "server_id", f->server_id ? json_integer(f->server_id) : json_null(),
				      "mac", f->mac[0] ? f->mac : NULL,
				      "mac_type", f->mac[0] ? dd_fip_mac_type(f->mac) : NULL,
				      "status", f->status);
		if (!o || json_array_append_new(arr, o) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return dump(arr ? json_pack("{s:i, s:o}", "version", 1, "failover_ips", arr) : NULL);
}

static json_t *strings(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

char *dd_export_ipv6_json(const struct dd_ipv6_list *l)
{
	json_t *quotas = json_array(), *block = json_null(), *subs = json_array();

	for (size_t i = 0; quotas && l && i < l->n_quotas; i++)
		json_array_append_new(quotas, json_pack("{s:i, s:I}", "cidr", l->quotas[i].cidr, "quota",
							(json_int_t)l->quotas[i].quota));
	if (l && l->n) {
		const struct dd_ipv6_block *b = &l->v[0];
		for (size_t i = 0; subs && i < b->n_subnets; i++)
			json_array_append_new(subs, json_pack("{s:I, s:I, s:s, s:i, s:s}", "id",
							      (json_int_t)b->subnets[i].id, "parent_id",
							      (json_int_t)b->subnets[i].parent_id, "address",
							      b->subnets[i].address, "cidr", b->subnets[i].cidr,
							      "delegation", b->subnets[i].delegation));
		block = json_pack("{s:I, s:s, s:i, s:s, s:o}", "id", (json_int_t)b->id, "address", b->address,
				  "cidr", b->cidr, "delegation", b->delegation, "nameservers",
				  strings(b->nameservers, b->n_nameservers));
	}
	return dump(json_pack("{s:i, s:o, s:o, s:o}", "version", 1, "quotas", quotas, "block", block,
			      "subnets", subs));
}

char *dd_export_free_json(const struct dd_prefix *free_, size_t n, unsigned long long total)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		char s[DD_PREFIX_STRLEN];
		dd_prefix_format(&free_[i], s, sizeof(s));
		json_array_append_new(arr, json_string(s));
	}
	return dump(arr ? json_pack("{s:i, s:I, s:o}", "version", 1, "free_total", (json_int_t)total,
				    "free", arr) : NULL);
}

char *dd_export_fip_quota_json(const struct dd_fip_quota *q, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I, s:I}", "zone", q[i].zone,
						     "failover_ip_quota", (json_int_t)q[i].quota,
						     "failover_ip_remaining", (json_int_t)q[i].remaining,
						     "failover_block_quota", (json_int_t)q[i].block_quota,
						     "failover_block_remaining", (json_int_t)q[i].block_remaining));
	return dump(arr ? json_pack("{s:i, s:o}", "version", 1, "quotas", arr) : NULL);
}
