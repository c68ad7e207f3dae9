#include "core/net_write.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/names.h"
#include "core/online.h"
#include "core/request.h"
#include "core/net_load.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_netw.h"
#include "core/sections.h"
#include "core/store.h"
#include "core/i18n.h"

const char *const dd_net_mac_types[4] = { "vmware", "kvm", "xen", NULL };

/* A refusal about one field. */
static int bad_field(enum dd_net_field *field, enum dd_net_field which)
{
	if (field)
		*field = which;
	return -1;
}

static int64_t parse_id(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end || v <= 0 ? 0 : (int64_t)v;
}

const struct dd_failover *dd_net_find_fip(const struct dd_account *a, const char *addr_or_id)
{
	const struct dd_failover_list *l = dd_store_failovers(dd_account_store(a));
	int64_t id = parse_id(addr_or_id);
	struct dd_addr want, have;
	bool is_addr = dd_addr_parse(addr_or_id, DD_IP_ANY, &want, NULL) == 0;

	for (size_t i = 0; l && i < l->n; i++) {
		if (id && l->v[i].id == id)
			return &l->v[i];
		if (is_addr && dd_addr_parse(l->v[i].address, DD_IP_ANY, &have, NULL) == 0 &&
		    dd_addr_equal(&want, &have))
			return &l->v[i];
	}
	return NULL;
}

static int need_scw(const struct dd_account *a, const char *what, struct dd_error *err)
{
	if (dd_creds_has_scw(dd_account_creds(a)))
		return 0;
	return dd_error_set(err, DD_E_AUTH, 0, NULL,
			    _("%s needs Scaleway keys (dedi does it through the Scaleway Dedibox API): "
			    "set SCW_SECRET_KEY or log in with \"dedi auth login\"."), what);
}

/* The plan's target is the failover IP and the server it is routed to,
 * so a protected server refuses changes to its addresses. */
static int fip_start(const struct dd_account *a, const struct dd_failover *f,
		     struct dd_write_plan *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (need_scw(a, _("This change of a failover IP"), err) < 0)
		return -1;
	out->server_id = f->server_id;
	snprintf(out->zone, sizeof(out->zone), "%s", f->zone);
	out->field = DD_WF_STATUS;
	return 0;
}

int dd_net_plan_fip_order(const struct dd_account *a, const char *zone, int64_t offer_id,
			  int quantity, struct dd_write_plan *out, enum dd_net_field *field,
			  struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (need_scw(a, _("Ordering failover IPs"), err) < 0)
		return -1;
	if (!zone || !dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"),
				    zone ? zone : ""), bad_field(field, DD_NF_ADDRESS);
	if (quantity < 1 || quantity > 32)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A failover IP order is for 1 to 32 addresses.")),
		       bad_field(field, DD_NF_QUANTITY);
	if (offer_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Which failover IP offer? (its id, from the zone's offers)")),
		       bad_field(field, DD_NF_NONE);
	snprintf(out->zone, sizeof(out->zone), "%s", zone);
	snprintf(out->summary, sizeof(out->summary),
		 P_("Order %d failover IP in %s (offer %" PRId64 ")", _("Order %d failover IPs in %s (offer %" PRId64 ")"),
		    quantity), quantity, zone, offer_id);
	snprintf(out->price, sizeof(out->price), _("per the offer's monthly price, x%d"), quantity);
	return dd_scw_req_fip_order(dd_account_creds(a), zone, offer_id, quantity, &out->req, err);
}

/* An Online-only profile: the Online API routes, detaches, sets a reverse
 * and generates or deletes a virtual MAC by address; routing names the
 * destination by its main address, read from the fleet in the store. */
static bool online_only(const struct dd_account *a)
{
	const struct dd_creds *c = dd_account_creds(a);
	return !dd_creds_has_scw(c) && dd_creds_has_online(c);
}

/* The API routes a failover IP only to a server of its zone (a server of
 * another zone is not found there): told before sending when the fleet in
 * the store knows the server's zone. */
static bool other_zone(const struct dd_account *a, const struct dd_failover *f, int64_t to,
		       struct dd_error *err)
{
	const struct dd_server *s = dd_store_server(dd_account_store(a), to);

	if (!s || !s->zone[0] || !f->zone[0] || strcmp(s->zone, f->zone) == 0)
		return false;
	dd_error_set(err, DD_E_USAGE, 0, NULL,
		     _("server %" PRId64 " is in %s and failover IP %s belongs to %s: an address is "
		     "routed only to a server of its zone."), to, s->zone, f->address, f->zone);
	return true;
}

int dd_net_plan_fip_online_route(const struct dd_account *a, const struct dd_failover *f,
				 int64_t to, struct dd_write_plan *out, enum dd_net_field *field,
				 struct dd_error *err)
{
	const struct dd_server *s = dd_store_server(dd_account_store(a), to);

	memset(out, 0, sizeof(*out));
	if (to == f->server_id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is already routed to server %" PRId64 "."),
				    f->address, to), bad_field(field, DD_NF_SERVER);
	if (!s || !s->ipv4[0])
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("server %" PRId64 " is not in the fleet read from the Online API (or "
				    "has no public IPv4): the Online API routes a failover IP to a "
				    "server's main address (see dedi servers list)."), to),
		       bad_field(field, DD_NF_SERVER);
	if (other_zone(a, f, to, err))
		return bad_field(field, DD_NF_SERVER);
	out->server_id = to;
	out->field = DD_WF_STATUS;
	if (f->server_id)
		snprintf(out->summary, sizeof(out->summary),
			 _("Route failover IP %s from server %" PRId64 " to server %" PRId64 " (main address %s)"),
			 f->address, f->server_id, to, s->ipv4);
	else
		snprintf(out->summary, sizeof(out->summary),
			 _("Route failover IP %s to server %" PRId64 " (main address %s)"), f->address, to,
			 s->ipv4);
	return dd_online_req_fip_edit(dd_account_creds(a), f->address, s->ipv4, &out->req, err);
}

bool dd_net_online_only(const struct dd_account *a)
{
	return online_only(a);
}

int dd_net_plan_fip_route(const struct dd_account *a, const struct dd_failover *f, int64_t to,
			  struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err)
{
	if (to && online_only(a)) {
		if (f->server_id && f->server_id != to)
			return memset(out, 0, sizeof(*out)),
			       dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s is routed to server %" PRId64 ": move it (dedi failover move) "
					    "instead of attaching it twice."), f->address, f->server_id),
			       bad_field(field, DD_NF_SERVER);
		return dd_net_plan_fip_online_route(a, f, to, out, field, err);
	}
	if (!to && f->server_id && online_only(a)) {
		memset(out, 0, sizeof(*out));
		out->server_id = f->server_id;
		out->field = DD_WF_STATUS;
		snprintf(out->summary, sizeof(out->summary), _("Detach failover IP %s from server %" PRId64),
			 f->address, f->server_id);
		return dd_online_req_fip_edit(dd_account_creds(a), f->address, "", &out->req, err);
	}
	if (fip_start(a, f, out, err) < 0)
		return -1;
	if (to && f->server_id == to)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is already routed to server %" PRId64 "."),
				    f->address, to), bad_field(field, DD_NF_SERVER);
	if (to && f->server_id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is routed to server %" PRId64 ": move it (dedi failover move) "
				    "instead of attaching it twice."), f->address, f->server_id),
		       bad_field(field, DD_NF_SERVER);
	if (!to && !f->server_id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is not routed to any server."),
				    f->address), bad_field(field, DD_NF_ADDRESS);
	if (to && other_zone(a, f, to, err))
		return bad_field(field, DD_NF_SERVER);
	if (to) {
		/* protected applies to the server that gets the address too */
		out->server_id = to;
		snprintf(out->summary, sizeof(out->summary), _("Route failover IP %s to server %" PRId64),
			 f->address, to);
	} else {
		snprintf(out->summary, sizeof(out->summary),
			 _("Detach failover IP %s from server %" PRId64 "%s"), f->address, f->server_id,
			 f->mac[0] ? _(" (its virtual MAC goes with it)") : "");
	}
	return dd_scw_req_fip_route(dd_account_creds(a), f->zone, f->id, to, &out->req, err);
}

static int check_mac(const char *mac, struct dd_error *err)
{
	unsigned v[6];
	char end;

	if (strlen(mac) != 17 ||
	    sscanf(mac, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("\"%.20s\" is not a MAC address like 52:54:00:12:34:56."), mac);
	return 0;
}

int dd_net_plan_fip_mac(const struct dd_account *a, const struct dd_failover *f, const char *type,
			const char *mac, struct dd_write_plan *out, enum dd_net_field *field,
			struct dd_error *err)
{
	size_t k;
	bool online = online_only(a);

	if (online)
		memset(out, 0, sizeof(*out));
	else if (fip_start(a, f, out, err) < 0)
		return -1;
	for (k = 0; dd_net_mac_types[k]; k++)
		if (type && strcmp(type, dd_net_mac_types[k]) == 0)
			break;
	if (!dd_net_mac_types[k])
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown MAC type \"%.16s\": the API knows vmware, kvm and xen"),
				    type ? type : ""), bad_field(field, DD_NF_MAC_TYPE);
	if (mac && *mac && check_mac(mac, err) < 0)
		return bad_field(field, DD_NF_MAC);
	if (!f->server_id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is not routed to a server: attach it first, then give it a MAC."),
				    f->address), bad_field(field, DD_NF_ADDRESS);
	if (online && mac && *mac)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the Online API only generates a virtual MAC: it cannot attach a given "
				    "one (leave --mac out, or use Scaleway keys).")), bad_field(field, DD_NF_MAC);
	if (mac && *mac)
		snprintf(out->summary, sizeof(out->summary), _("Give failover IP %s the %s MAC %s"),
			 f->address, type, mac);
	else
		snprintf(out->summary, sizeof(out->summary), _("Give failover IP %s a new %s MAC"),
			 f->address, type);
	if (online) {
		out->server_id = f->server_id;
		out->field = DD_WF_STATUS;
		return dd_online_req_fip_mac(dd_account_creds(a), f->address, type, &out->req, err);
	}
	return dd_scw_req_fip_mac(dd_account_creds(a), f->zone, f->id, type, mac, &out->req, err);
}

int dd_net_plan_fip_mac_detach(const struct dd_account *a, const struct dd_failover *f,
			       struct dd_write_plan *out, enum dd_net_field *field,
			       struct dd_error *err)
{
	bool online = online_only(a);

	if (online)
		memset(out, 0, sizeof(*out));
	else if (fip_start(a, f, out, err) < 0)
		return -1;
	if (!f->mac[0])
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s has no virtual MAC."), f->address),
		       bad_field(field, DD_NF_ADDRESS);
	snprintf(out->summary, sizeof(out->summary), _("Remove the virtual MAC %s of failover IP %s"),
		 f->mac, f->address);
	if (online) {
		out->server_id = f->server_id;
		out->field = DD_WF_STATUS;
		return dd_online_req_fip_mac_delete(dd_account_creds(a), f->address, &out->req, err);
	}
	return dd_scw_req_fip_mac_detach(dd_account_creds(a), f->zone, f->id, &out->req, err);
}

int dd_net_plan_fip_reverse(const struct dd_account *a, const struct dd_failover *f,
			    const char *reverse, struct dd_write_plan *out, enum dd_net_field *field,
			    struct dd_error *err)
{
	bool online = online_only(a);

	if (dd_check_reverse(reverse, err) < 0)
		return bad_field(field, DD_NF_REVERSE);
	if (online)
		memset(out, 0, sizeof(*out));
	else if (fip_start(a, f, out, err) < 0)
		return -1;
	out->server_id = f->server_id;
	out->field = DD_WF_REVERSE;
	snprintf(out->field_key, sizeof(out->field_key), "%s", f->address);
	if (reverse[0])
		snprintf(out->summary, sizeof(out->summary), _("Set the reverse DNS of failover IP %s to %s"),
			 f->address, reverse);
	else
		snprintf(out->summary, sizeof(out->summary), _("Reset the reverse DNS of failover IP %s"),
			 f->address);
	if (online)
		return dd_online_req_reverse(dd_account_creds(a), f->address, reverse, &out->req, err);
	return dd_scw_req_reverse(dd_account_creds(a), f->zone, f->id, reverse, &out->req, err);
}

int dd_net_plan_fip_delete(const struct dd_account *a, const struct dd_failover *f,
			   struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err)
{
	(void)field;
	if (fip_start(a, f, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary), _("Delete failover IP %s%s"), f->address,
		 f->server_id ? _(" (it is routed to a server: the address stops answering)") : "");
	return dd_scw_req_fip_delete(dd_account_creds(a), f->zone, f->id, &out->req, err);
}

int dd_net_v6_block(const struct dd_ipv6_list *l, struct dd_prefix *out, struct dd_error *err)
{
	char text[DD_PREFIX_STRLEN + 8];

	if (!l || !l->n)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("This account has no IPv6 block: order one with \"dedi ipv6 order\"."));
	snprintf(text, sizeof(text), "%s/%d", l->v[0].address, l->v[0].cidr);
	return dd_prefix_parse(text, DD_IPV6, 0, out, err);
}

size_t dd_net_v6_used(const struct dd_ipv6_list *l, struct dd_prefix *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; l && l->n && i < l->v[0].n_subnets && n < max; i++) {
		char text[DD_PREFIX_STRLEN + 8];
		snprintf(text, sizeof(text), "%s/%d", l->v[0].subnets[i].address, l->v[0].subnets[i].cidr);
		if (dd_prefix_parse(text, DD_IPV6, 0, &out[n], NULL) == 0)
			n++;
	}
	return n;
}

int dd_net_plan_v6_order(const struct dd_account *a, struct dd_write_plan *out,
			 enum dd_net_field *field, struct dd_error *err)
{
	(void)field;
	memset(out, 0, sizeof(*out));
	if (need_scw(a, _("Ordering an IPv6 block"), err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary), _("Order the Organization's IPv6 /48 block"));
	return dd_scw_req_v6_order(dd_account_creds(a), &out->req, err);
}

int dd_net_plan_v6_nameservers(const struct dd_account *a, const struct dd_ipv6_list *l,
			       const char *ns, struct dd_write_plan *out, enum dd_net_field *field,
			       struct dd_error *err)
{
	char copy[1024], *names[6], *save = NULL;
	size_t n = 0;
	struct dd_prefix block;

	memset(out, 0, sizeof(*out));
	if (need_scw(a, "IPv6 delegation", err) < 0 || dd_net_v6_block(l, &block, err) < 0)
		return -1;
	snprintf(copy, sizeof(copy), "%s", ns ? ns : "");
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		if (n == 5)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("At most 5 name servers may serve the block.")),
			       bad_field(field, DD_NF_NAMESERVERS);
		if (dd_check_fqdn(_("name server"), t, err) < 0)
			return bad_field(field, DD_NF_NAMESERVERS);
		for (size_t k = 0; k < n; k++)
			if (strcasecmp(names[k], t) == 0)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("Name server %s is given twice."), t),
				       bad_field(field, DD_NF_NAMESERVERS);
		names[n++] = t;
	}
	if (n == 1)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A delegation needs 2 to 5 name servers (none stops it).")),
		       bad_field(field, DD_NF_NAMESERVERS);
	if (n)
		snprintf(out->summary, sizeof(out->summary), _("Delegate the reverse zone of %s/%d to %s"),
			 l->v[0].address, l->v[0].cidr, ns);
	else
		snprintf(out->summary, sizeof(out->summary), _("Stop delegating the reverse zone of %s/%d"),
			 l->v[0].address, l->v[0].cidr);
	return dd_scw_req_v6_nameservers(dd_account_creds(a), l->v[0].id, (const char *const *)names,
					 n, &out->req, err);
}

/* The carved subnet equal to p, or NULL. */
static const struct dd_ipv6_prefix *carved(const struct dd_ipv6_list *l, const struct dd_prefix *p)
{
	for (size_t i = 0; l && l->n && i < l->v[0].n_subnets; i++) {
		const struct dd_ipv6_prefix *s = &l->v[0].subnets[i];
		struct dd_addr addr;
		if ((unsigned)s->cidr == p->len && dd_addr_parse(s->address, DD_IPV6, &addr, NULL) == 0 &&
		    dd_addr_equal(&addr, &p->addr))
			return s;
	}
	return NULL;
}

int dd_net_plan_v6_subnet(const struct dd_account *a, const struct dd_ipv6_list *l,
			  const char *prefix, struct dd_write_plan *out, enum dd_net_field *field,
			  struct dd_error *err)
{
	struct dd_prefix block, p, used[512];
	char text[DD_PREFIX_STRLEN], addr[DD_ADDR_STRLEN];
	int64_t parent;
	size_t nused;

	memset(out, 0, sizeof(*out));
	if (need_scw(a, _("Carving IPv6 subnets"), err) < 0 || dd_net_v6_block(l, &block, err) < 0)
		return -1;
	if (dd_prefix_parse(prefix, DD_IPV6, DD_PREFIX_STRICT, &p, err) < 0)
		return bad_field(field, DD_NF_ADDRESS);
	dd_prefix_format(&p, text, sizeof(text));
	if (p.len != 56 && p.len != 64)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s: subnets of the block are /56 or /64."), text),
		       bad_field(field, DD_NF_ADDRESS);
	if (!dd_prefix_within(&p, &block)) {
		char net[DD_PREFIX_STRLEN];
		dd_prefix_format(&block, net, sizeof(net));
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is outside the block %s."), text, net),
		       bad_field(field, DD_NF_ADDRESS);
	}
	parent = l->v[0].id;
	nused = dd_net_v6_used(l, used, sizeof(used) / sizeof(used[0]));
	for (size_t i = 0; i < nused; i++) {
		char other[DD_PREFIX_STRLEN];
		/* a /64 lies inside its carved /56: that one is its parent */
		if (p.len == 64 && used[i].len == 56 && dd_prefix_within(&p, &used[i])) {
			parent = carved(l, &used[i])->id;
			continue;
		}
		if (!dd_prefix_overlaps(&p, &used[i]))
			continue;
		dd_prefix_format(&used[i], other, sizeof(other));
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s overlaps the subnet %s already carved."),
				    text, other), bad_field(field, DD_NF_ADDRESS);
	}
	if (p.len == 64 && parent == l->v[0].id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s: a /64 is carved inside a /56; carve its /56 first."), text),
		       bad_field(field, DD_NF_ADDRESS);
	dd_addr_format(&p.addr, addr, sizeof(addr));
	snprintf(out->summary, sizeof(out->summary), _("Carve the subnet %s"), text);
	return dd_scw_req_v6_subnet(dd_account_creds(a), parent, addr, (int)p.len, &out->req, err);
}

int dd_net_plan_v6_subnet_delete(const struct dd_account *a, const struct dd_ipv6_list *l,
				 const char *prefix_or_id, struct dd_write_plan *out,
				 enum dd_net_field *field, struct dd_error *err)
{
	const struct dd_ipv6_prefix *s = NULL;
	struct dd_prefix block, p;
	int64_t id = parse_id(prefix_or_id);

	memset(out, 0, sizeof(*out));
	if (need_scw(a, _("Deleting IPv6 subnets"), err) < 0 || dd_net_v6_block(l, &block, err) < 0)
		return -1;
	if (id) {
		for (size_t i = 0; i < l->v[0].n_subnets && !s; i++)
			if (l->v[0].subnets[i].id == id)
				s = &l->v[0].subnets[i];
	} else if (dd_prefix_parse(prefix_or_id, DD_IPV6, DD_PREFIX_STRICT, &p, err) < 0) {
		return bad_field(field, DD_NF_ADDRESS);
	} else {
		s = carved(l, &p);
	}
	if (!s)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("%.64s is not a carved subnet of the block (see dedi ipv6 subnets)."),
				    prefix_or_id), bad_field(field, DD_NF_ADDRESS);
	for (size_t i = 0; i < l->v[0].n_subnets; i++)
		if (l->v[0].subnets[i].parent_id == s->id)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s/%d still holds the /64 %s: delete its /64s first."),
					    s->address, s->cidr, l->v[0].subnets[i].address),
			       bad_field(field, DD_NF_ADDRESS);
	snprintf(out->summary, sizeof(out->summary), _("Delete the subnet %s/%d (id %" PRId64 ")"),
		 s->address, s->cidr, s->id);
	return dd_scw_req_v6_delete(dd_account_creds(a), s->id, &out->req, err);
}

/* --- targets --- */

static int fip_reread(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		      void *ctx, struct dd_error *err)
{
	/* every zone: the store's list stays whole for the views that show it */
	(void)ud;
	return dd_account_load_failovers(a, h, NULL, done, ctx, err);
}

static const struct dd_failover *fip_now(const struct dd_net_target *t)
{
	const struct dd_failover_list *l = dd_store_failovers(dd_account_store(t->a));
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].id == t->id)
			return &l->v[i];
	return NULL;
}

static bool fip_unchanged(void *ud, char *why, size_t len)
{
	struct dd_net_target *t = ud;
	const struct dd_failover *f = fip_now(t);

	if (t->id <= 0)
		return true; /* an order: nothing exists yet to compare */
	if (!f) {
		snprintf(why, len, _("failover IP %s no longer exists"), t->what);
		return false;
	}
	if (t->seen_server >= 0 && f->server_id != t->seen_server) {
		if (f->server_id)
			snprintf(why, len, _("failover IP %s is now routed to server %" PRId64 ", not %s"),
				 t->what, f->server_id, t->seen_server ? _("the one shown") : _("nowhere"));
		else
			snprintf(why, len, _("failover IP %s is no longer routed to server %" PRId64),
				 t->what, t->seen_server);
		return false;
	}
	return true;
}

static void fip_describe(void *ud, char *buf, size_t len)
{
	struct dd_net_target *t = ud;
	const struct dd_failover *f = fip_now(t);
	const struct dd_failover_list *l = dd_store_failovers(dd_account_store(t->a));

	if (t->id <= 0)
		snprintf(buf, len, _("%s has %zu failover IPs"), t->zone, l ? l->n : 0);
	else if (!f)
		snprintf(buf, len, _("failover IP %s no longer exists"), t->what);
	else if (f->server_id)
		snprintf(buf, len, _("failover IP %s is routed to server %" PRId64 "%s%s"), t->what,
			 f->server_id, f->mac[0] ? ", MAC " : "", f->mac);
	else
		snprintf(buf, len, _("failover IP %s is not routed"), t->what);
}

void dd_net_target_fip(struct dd_net_target *t, struct dd_account *a, const struct dd_failover *f)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
	t->id = f->id;
	t->seen_server = f->server_id;
	snprintf(t->zone, sizeof(t->zone), "%s", f->zone);
	snprintf(t->what, sizeof(t->what), "%s", f->address);
	t->t = (struct dd_write_target){ .reread = fip_reread, .unchanged = fip_unchanged,
					 .describe = fip_describe, .ud = t };
}

static int v6_reread(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		     void *ctx, struct dd_error *err)
{
	(void)ud;
	return dd_account_load_ipv6(a, h, done, ctx, err);
}

/* The subnet or block with id, or (id 0) the carved subnet equal to what. */
static const struct dd_ipv6_prefix *v6_now(const struct dd_net_target *t, bool *is_block)
{
	const struct dd_ipv6_list *l = dd_store_ipv6(dd_account_store(t->a));
	struct dd_prefix p;

	*is_block = false;
	if (!l || !l->n)
		return NULL;
	if (!t->id) {
		if (dd_prefix_parse(t->what, DD_IPV6, 0, &p, NULL) < 0)
			return NULL;
		return carved(l, &p);
	}
	if (l->v[0].id == t->id) {
		*is_block = true;
		return NULL;
	}
	for (size_t i = 0; i < l->v[0].n_subnets; i++)
		if (l->v[0].subnets[i].id == t->id)
			return &l->v[0].subnets[i];
	return NULL;
}

static bool v6_unchanged(void *ud, char *why, size_t len)
{
	struct dd_net_target *t = ud;
	bool is_block;
	const struct dd_ipv6_prefix *s = v6_now(t, &is_block);

	if (!t->id && s) {
		snprintf(why, len, _("%s is already carved (id %" PRId64 ")"), t->what, s->id);
		return false;
	}
	if (t->id && !s && !is_block) {
		snprintf(why, len, _("%s no longer exists"), t->what);
		return false;
	}
	return true;
}

static void v6_describe(void *ud, char *buf, size_t len)
{
	struct dd_net_target *t = ud;
	bool is_block;
	const struct dd_ipv6_prefix *s = v6_now(t, &is_block);

	if (s)
		snprintf(buf, len, _("%s is carved (id %" PRId64 ")"), t->what, s->id);
	else if (is_block)
		snprintf(buf, len, _("the block %s exists"), t->what);
	else
		snprintf(buf, len, _("%s does not exist"), t->what);
}

void dd_net_target_v6(struct dd_net_target *t, struct dd_account *a, int64_t id, const char *what)
{
	memset(t, 0, sizeof(*t));
	t->a = a;
	t->v6 = true;
	t->id = id;
	t->seen_server = -1;
	snprintf(t->what, sizeof(t->what), "%s", what ? what : "");
	t->t = (struct dd_write_target){ .reread = v6_reread, .unchanged = v6_unchanged,
					 .describe = v6_describe, .ud = t };
}

/* --- the failover quota of the zones --- */

struct quota_read {
	struct dd_fip_quota *out;
	size_t *n;
	int pending;
	struct dd_error err;
	dd_done_fn done;
	void *ud;
};

struct quota_zone {
	struct quota_read *R;
	struct dd_fip_quota *q;
};

static void quota_end(struct quota_read *R)
{
	if (--R->pending)
		return;
	R->done(R->ud, &R->err);
	free(R);
}

static void on_quota(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct quota_zone *Z = ud;
	struct quota_read *R = Z->R;
	struct dd_error e;

	dd_error_clear(&e);
	if (herr->kind != DD_OK)
		e = *herr;
	else
		dd_scw_decode_fip_quota(resp->body, resp->body_len, Z->q, &e);
	if (e.kind != DD_OK && R->err.kind == DD_OK)
		R->err = e;
	free(Z);
	quota_end(R);
}

int dd_net_read_fip_quota(struct dd_account *a, struct dd_http *h, const char *zone,
			  struct dd_fip_quota *out, size_t *n, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	struct quota_read *R;

	if (need_scw(a, _("The failover quota"), err) < 0)
		return -1;
	if (zone && *zone && !dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"), zone);
	if (!(R = calloc(1, sizeof(*R))))
		return dd_error_oom(err);
	*R = (struct quota_read){ .out = out, .n = n, .pending = 1, .done = done, .ud = ud };
	*n = 0;
	for (int z = 0; dd_scw_zones[z]; z++) {
		struct quota_zone *Z;
		char url[512];
		if (zone && *zone && strcmp(zone, dd_scw_zones[z]) != 0)
			continue;
		struct dd_fip_quota *q = &out[(*n)++];
		memset(q, 0, sizeof(*q));
		snprintf(q->zone, sizeof(q->zone), "%s", dd_scw_zones[z]);
		if (dd_scw_url_fip_quota(c, dd_scw_zones[z], url, sizeof(url), &R->err) < 0 ||
		    !(Z = calloc(1, sizeof(*Z))))
			break;
		*Z = (struct quota_zone){ .R = R, .q = q };
		struct dd_request rq = { .api = DD_API_SCW, .method = DD_GET, .url = url };
		R->pending++;
		if (!dd_request_send(h, c, &rq, on_quota, Z, &R->err)) {
			R->pending--;
			free(Z);
			break;
		}
	}
	if (R->pending == 1) { /* nothing went out: no callback will come */
		if (err)
			*err = R->err;
		free(R);
		return -1;
	}
	quota_end(R); /* the first hold: done runs after the last answer */
	return 0;
}
