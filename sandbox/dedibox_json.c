/* Dedibox v1 wire objects; field names follow marshalling.gen.js. */
#include "sandbox/dedibox_json.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "sandbox/sandbox.h"

#define GB 1000000000LL

json_t *dd_sb_raw_string(const char *s)
{
	/* nocheck: hostile names are sent byte for byte, valid UTF-8 or not */
	return json_stringn_nocheck(s, strlen(s));
}

json_t *dd_sb_time_json(int64_t t)
{
	char buf[32];
	dd_sb_time_str(t, 0, buf);
	return json_string(buf);
}

json_t *dd_sb_money_json(int64_t cents)
{
	struct dd_money m;
	dd_money_from_cents(cents, "EUR", &m);
	return json_pack("{s:s, s:I, s:i}", "currency_code", m.currency, "units", (json_int_t)m.units,
			 "nanos", (int)m.nanos);
}

static json_t *money(unsigned units, unsigned nanos)
{
	return json_pack("{s:s, s:I, s:i}", "currency_code", "EUR", "units", (json_int_t)units,
			 "nanos", (int)nanos);
}

static json_t *offer_base(uint32_t id, const char *name, unsigned units, unsigned nanos)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)id, "name", name,
			 "catalog", "default", "payment_frequency", "monthly",
			 "pricing", money(units, nanos));
}

const char *dd_sb_offer_stock(size_t offer, int dc)
{
	static const char *const levels[] = { "available", "available", "low", "empty" };
	if (dc < 0) {
		/* overall: the best of the datacenters */
		const char *best = "empty";
		for (int d = 0; d < DD_SB_NDCS; d++) {
			const char *st = dd_sb_offer_stock(offer, d);
			if (!strcmp(st, "available"))
				return st;
			if (!strcmp(st, "low"))
				best = st;
		}
		return best;
	}
	/* some offers sell out somewhere, and AMS1 has less of everything */
	size_t k = offer + (size_t)dc * (dc == DD_SB_AMS1 ? 3 : 1);
	return levels[k % 4];
}

json_t *dd_sb_offer_json(const struct dd_sb_offer *o)
{
	size_t idx = (size_t)(o - dd_sb_offers);
	json_t *offer = offer_base(o->id, o->name, o->units, o->nanos);
	json_t *disks = json_array(), *raid = json_array();
	for (unsigned i = 0; i < o->ndisks; i++)
		json_array_append_new(disks, json_pack("{s:I, s:s}", "capacity", (json_int_t)o->disk_gb * GB,
						       "type", o->disk_type));
	if (o->raid_model)
		json_array_append_new(raid, json_pack("{s:s, s:[s,s,s]}", "model", o->raid_model,
						      "raid_level", "raid0", "raid1",
						      o->ndisks >= 4 ? "raid10" : "no_raid"));
	json_t *info = json_pack(
		"{s:I, s:s, s:s, s:o, s:[{s:s, s:i, s:i, s:i}], s:[{s:I, s:s, s:i, s:b}], s:[], s:o,"
		" s:[], s:o, s:I, s:n, s:{s:s, s:s, s:s, s:s}}",
		"bandwidth", (json_int_t)o->bandwidth_mbps, "stock", dd_sb_offer_stock(idx, -1),
		"commercial_range", o->range, "disks", disks,
		"cpus", "name", o->cpu, "core_count", (int)o->cores, "thread_count", (int)o->threads,
		"frequency", (int)o->freq_mhz,
		"memories", "capacity", (json_int_t)o->ram_gb * 1073741824LL, "type", o->ram_type,
		"frequency", strcmp(o->ram_type, "ddr3") == 0 ? 1600 : 2666, "is_ecc", o->raid_model != NULL,
		"persistent_memories", "raid_controllers", raid, "available_options",
		"rpn_version", o == &dd_sb_offers[0] ? json_null() : json_integer(2),
		"connectivity", (json_int_t)o->bandwidth_mbps, "onetime_fees",
		"stock_by_datacenter", "DC2", dd_sb_offer_stock(idx, DD_SB_DC2), "DC3", dd_sb_offer_stock(idx, DD_SB_DC3),
		"DC5", dd_sb_offer_stock(idx, DD_SB_DC5), "AMS1", dd_sb_offer_stock(idx, DD_SB_AMS1));
	if (!offer || !info) {
		json_decref(offer);
		json_decref(info);
		return NULL;
	}
	json_object_set_new(offer, "server_info", info);
	return offer;
}


json_t *dd_sb_option_offer_json(unsigned i)
{
	json_t *o = offer_base(dd_sb_options[i].id, dd_sb_options[i].name, dd_sb_options[i].units, dd_sb_options[i].nanos);
	json_t *info;
	const char *key;
	switch (i) {
	case 0: case 1:
		key = "backup_info";
		info = json_pack("{s:I}", "size", (json_int_t)(i == 0 ? 100 : 750) * GB);
		break;
	case 2:
		key = "antidos_info";
		info = json_pack("{s:s}", "type", "preventive");
		break;
	case 3:
		key = "service_level_info";
		info = json_pack("{s:b, s:b, s:b, s:s, s:i, s:b, s:b, s:b, s:b, s:i, s:[]}",
				 "support_ticket", 1, "support_phone", 1, "sales_support", 1,
				 "git", "4h", "sla", 99, "priority_support", 1,
				 "high_rpn_bandwidth", 1, "customization", 1, "antidos", 1,
				 "extra_failover_quota", 32, "available_options");
		break;
	case 4:
		key = "failover_ip_info";
		info = json_pack("{s:n}", "onetime_fees");
		break;
	case 5:
		key = "san_info";
		info = json_pack("{s:I, s:b, s:s}", "size", (json_int_t)500 * GB, "ha", 0, "device_type", "hdd");
		break;
	case 6:
		key = "bandwidth_info";
		info = json_pack("{s:I}", "speed", (json_int_t)1000000000);
		break;
	default:
		key = "license_info";
		info = json_pack("{s:b}", "bound_to_ip", 1);
		break;
	}
	if (!o || !info) {
		json_decref(o);
		json_decref(info);
		return NULL;
	}
	json_object_set_new(o, key, info);
	return o;
}

json_t *dd_sb_os_json(const struct dd_sb_os *os, int rescue)
{
	const char *type = rescue ? "rescue" : strstr(os->name, "Proxmox") || strstr(os->name, "ESXi") ? "virtu" : "server";
	int windows = strstr(os->name, "Windows") != NULL;
	return json_pack(
		"{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:[s,s,s], s:b, s:[], s:i,"
		" s:s, s:s, s:n, s:b, s:s, s:i, s:s}",
		"id", (json_int_t)(rescue ? os->id + 100 : os->id), "name", os->name, "type", type,
		"version", os->version, "arch", "amd64",
		"allow_custom_partitioning", !rescue, "allow_ssh_keys", !windows,
		"requires_user", !windows, "requires_admin_password", windows,
		"requires_panel_password", 0,
		"allowed_filesystems", windows ? "ntfs" : "ext4", "xfs", "swap",
		"requires_license", windows, "license_offers", "max_partitions", 8,
		"display_name", rescue ? "Ubuntu Rescue" : os->display,
		"password_regex", "^[A-Za-z0-9!@#$%^&*()_+=-]{8,64}$", "panel_password_regex",
		"requires_valid_hostname", 1, "hostname_regex", "^[a-zA-Z0-9.-]{1,63}$",
		"hostname_max_length", 63, "released_at", os->released);
}

static const char *reverse_of(const struct dd_sb_server *s, unsigned which, char buf[64])
{
	if (which == 0) {
		if (s->reverse)
			return s->reverse;
		dd_sb_default_reverse(s->pub4, buf);
		return buf;
	}
	if (which == 1)
		return s->reverse6 ? s->reverse6 : "";
	return "";
}

json_t *dd_sb_ip_json(const struct dd_sb_server *s, unsigned which)
{
	char addr[48], gw[48], rev[64];
	uint32_t a = which == 0 ? s->pub4 : which == 2 ? s->priv4 : s->ipmi4;
	const char *semantic = which == 2 ? "private" : which == 3 ? "ipmi" : "proxad";
	if (which == 1) {
		dd_sb_server_ipv6(s, addr);
		snprintf(gw, sizeof gw, "fe80::1");
	} else {
		dd_sb_ipv4_str(a, addr);
		dd_sb_ipv4_str((a & 0xFFFFFF00u) | 1u, gw);
	}
	return json_pack("{s:I, s:s, s:o, s:s, s:i, s:s, s:s, s:s, s:s}",
			 "ip_id", (json_int_t)dd_sb_ip_id(s, which), "address", addr,
			 "reverse", dd_sb_raw_string(reverse_of(s, which, rev)),
			 "version", which == 1 ? "ipv6" : "ipv4", "cidr", which == 1 ? 64 : 24,
			 "netmask", which == 1 ? "ffff:ffff:ffff:ffff::" : "255.255.255.0",
			 "semantic", semantic, "gateway", gw, "status", "ready");
}

json_t *dd_sb_failover_ip_json(const struct dd_sb_failover *f)
{
	char addr[16], rev[64];
	dd_sb_ipv4_str(f->addr, addr);
	if (!f->reverse)
		dd_sb_default_reverse(f->addr, rev);
	return json_pack("{s:I, s:s, s:o, s:s, s:i, s:s, s:s, s:s, s:s}",
			 "ip_id", (json_int_t)f->id, "address", addr,
			 "reverse", dd_sb_raw_string(f->reverse ? f->reverse : rev),
			 "version", "ipv4", "cidr", 32, "netmask", "255.255.255.255",
			 "semantic", "redirect", "gateway", "", "status", "ready");
}

static json_t *interfaces(const struct dd_sb_server *s)
{
	char mac0[18], mac1[18], mac2[18];
	dd_sb_server_mac(s, 0, mac0);
	dd_sb_server_mac(s, 1, mac1);
	dd_sb_server_mac(s, 2, mac2);
	json_t *pub = json_pack("[o]", dd_sb_ip_json(s, 0));
	if (pub && s->ipv6)
		json_array_append_new(pub, dd_sb_ip_json(s, 1));
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	json_t *v = json_pack("[{s:i, s:i, s:s, s:s, s:o}, {s:i, s:i, s:s, s:s, s:[o]}]",
			      "card_id", 1, "device_id", (int)(s->index * 3 + 1), "mac", mac0,
			      "type", "normal", "ips", pub,
			      "card_id", 2, "device_id", (int)(s->index * 3 + 2), "mac", mac1,
			      "type", "normal", "ips", dd_sb_ip_json(s, 2));
	if (v && o->raid_model)
		json_array_append_new(v, json_pack("{s:i, s:i, s:s, s:s, s:[o]}", "card_id", 3,
						   "device_id", (int)(s->index * 3 + 3), "mac", mac2,
						   "type", "ipmi", "ips", dd_sb_ip_json(s, 3)));
	return v;
}

static const char *status_name(unsigned st)
{
	static const char *const names[] = { "ready", "stopped", "installing", "rescue",
					     "locked", "busy", "error", "delivering" };
	return st < sizeof names / sizeof names[0] ? names[st] : "unknown";
}

static json_t *level(const struct dd_sb_server *s)
{
	return json_pack("{s:I, s:s}", "offer_id", (json_int_t)(s->business ? 4020 : 4000),
			 "level", s->business ? "business" : "basic");
}

static json_t *tags(const struct dd_sb_server *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->ntags; i++)
		json_array_append_new(a, dd_sb_raw_string(s->tags[i]));
	return a;
}

json_t *dd_sb_server_summary_json(const struct dd_sb_server *s)
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	return json_pack(
		"{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:n, s:I, s:s, s:s, s:I, s:o, s:s, s:o,"
		" s:b, s:b, s:o, s:b}",
		"id", (json_int_t)s->id, "datacenter_name", dd_sb_dc_names[s->dc],
		"organization_id", DD_SANDBOX_ORGANIZATION_ID, "project_id", DD_SANDBOX_PROJECT_ID,
		"hostname", dd_sb_raw_string(s->hostname), "created_at", dd_sb_time_json(s->created_at),
		"updated_at", dd_sb_time_json(s->updated_at), "expired_at",
		"offer_id", (json_int_t)o->id, "offer_name", o->name, "status", status_name(s->status),
		"os_id", (json_int_t)dd_sb_oses[s->os].id, "interfaces", interfaces(s),
		"zone", dd_sb_zone_names[dd_sb_dc_zone(s->dc)], "level", level(s),
		"is_outsourced", 0, "qinq", o->raid_model != NULL,
		"rpn_version", dd_sb_rpn_capable(s) ? json_integer(2) : json_null(), "is_hds", 0);
}

static json_t *server_options(const struct dd_sb_server *s)
{
	json_t *a = json_array();
	for (unsigned i = 0; a && i < DD_SB_NOPTIONS; i++) {
		if (!(s->options & (1u << i)))
			continue;
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:n, s:[]}",
						   "offer", dd_sb_option_offer_json(i),
						   "created_at", dd_sb_time_json(s->created_at + 86400),
						   "updated_at", dd_sb_time_json(s->created_at + 86400),
						   "expired_at", "options"));
	}
	return a;
}

json_t *dd_sb_server_json(const struct dd_sb_server *s)
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	char room[16], rack[8];
	snprintf(room, sizeof room, "%u %u-%u", (unsigned)s->room, (unsigned)s->room, (unsigned)s->rack_row - 'A' + 1);
	snprintf(rack, sizeof rack, "%c%u", s->rack_row, (unsigned)s->rack_pos);
	return json_pack(
		"{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:n, s:o, s:s, s:{s:s, s:s, s:s}, s:s, s:o,"
		" s:o, s:s, s:o, s:o, s:b, s:o, s:o, s:b, s:b, s:b, s:b, s:b}",
		"id", (json_int_t)s->id, "organization_id", DD_SANDBOX_ORGANIZATION_ID,
		"project_id", DD_SANDBOX_PROJECT_ID, "hostname", dd_sb_raw_string(s->hostname),
		"rebooted_at", dd_sb_time_json(s->rebooted_at), "created_at", dd_sb_time_json(s->created_at),
		"updated_at", dd_sb_time_json(s->updated_at), "expired_at",
		"offer", dd_sb_offer_json(o), "status", status_name(s->status),
		"location", "rack", rack, "room", room, "datacenter_name", dd_sb_dc_names[s->dc],
		"abuse_contact", "abuse@dedi-demo.example", "os", dd_sb_os_json(&dd_sb_oses[s->os], 0),
		"interfaces", interfaces(s), "zone", dd_sb_zone_names[dd_sb_dc_zone(s->dc)],
		"options", server_options(s), "level", level(s), "has_bmc", o->raid_model != NULL,
		"rescue_os", s->status == DD_SB_RESCUE ? dd_sb_os_json(&dd_sb_oses[0], 1) : json_null(),
		"tags", tags(s), "is_outsourced", 0, "ipv6_slaac", s->ipv6, "qinq", o->raid_model != NULL,
		"is_rpnv2_member", s->rpnv2 != 0, "is_hds", 0);
}

/* The zone of the server a failover IP is routed to: not always the zone
 * the failover is listed in. */
static const char *server_zone(const struct dd_sb_world *w, const struct dd_sb_failover *f)
{
	size_t lo = 0, hi = w->nservers;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->servers[mid].id < f->server)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < w->nservers && w->servers[lo].id == f->server)
		return dd_sb_zone_names[dd_sb_dc_zone(w->servers[lo].dc)];
	return dd_sb_zone_names[f->zone];
}

json_t *dd_sb_failover_json(const struct dd_sb_world *w, const struct dd_sb_failover *f)
{
	char addr[16], mac[18], rev[64];
	dd_sb_ipv4_str(f->addr, addr);
	if (!f->reverse)
		dd_sb_default_reverse(f->addr, rev);
	snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", f->mac[0], f->mac[1], f->mac[2],
		 f->mac[3], f->mac[4], f->mac[5]);
	return json_pack("{s:I, s:s, s:o, s:s, s:i, s:s, s:s, s:s?, s:o, s:s, s:n, s:s, s:s?}",
			 "id", (json_int_t)f->id, "address", addr,
			 "reverse", dd_sb_raw_string(f->reverse ? f->reverse : rev),
			 "ip_version", "ipv4", "cidr", 32, "netmask", "255.255.255.255",
			 "gateway_ip", "62.210.0.1", "mac", f->mac_type ? mac : NULL,
			 "server_id", f->server ? json_integer(f->server) : json_null(),
			 "status", "ready", "block", "type", f->mac_type ? "virtual" : "normal",
			 "server_zone", f->server ? server_zone(w, f) : NULL);
}

json_t *dd_sb_backup_json(const struct dd_sb_server *s)
{
	static const char *const st[] = { "uninitialized", "inactive", "ready" };
	char login[24];
	snprintf(login, sizeof login, "sd-%u", s->id);
	int on = s->backup == DD_SB_BK_READY;
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:I, s:I, s:I, s:I}",
			 "id", (json_int_t)s->id, "login", login,
			 "server", s->dc == DD_SB_AMS1 ? "dedibackup-ams1.online.net" : "dedibackup-dc3.online.net",
			 "status", st[s->backup], "acl_enabled", s->backup_acl, "autologin", s->backup_autologin,
			 "quota_space", (json_int_t)100 * GB,
			 "quota_space_used", on ? (json_int_t)(s->id % 90 + 1) * GB : (json_int_t)0,
			 "quota_files", (json_int_t)100000,
			 "quota_files_used", on ? (json_int_t)(s->id % 50000) : (json_int_t)0);
}

json_t *dd_sb_disk_json(const struct dd_sb_server *s, unsigned k)
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	char conn[8];
	snprintf(conn, sizeof conn, "%c", 'A' + k);
	return json_pack("{s:I, s:s, s:s, s:I, s:b}", "id", (json_int_t)(3000000u + s->index * 8u + k),
			 "connector", conn, "type", o->disk_type,
			 "capacity", (json_int_t)o->disk_gb * GB, "is_addon", 0);
}

void dd_sb_shuffle(json_t *arr, uint64_t key)
{
	uint64_t x = key * 0x9E3779B97F4A7C15ull + 1;
	size_t n = json_array_size(arr);

	for (size_t i = n; i > 1; i--) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		size_t j = (size_t)(x % i);
		json_t *a = json_incref(json_array_get(arr, i - 1));
		json_t *b = json_incref(json_array_get(arr, j));
		json_array_set_new(arr, i - 1, b);
		json_array_set_new(arr, j, a);
	}
}

void dd_sb_ips_quirk(const struct dd_sb_world *w, const struct dd_sb_server *s, json_t *server)
{
	/* proxad (the server's own address) is already there; private and
	 * ipmi are on their own interfaces. Addresses from TEST-NET-3. */
	static const char *const extra[] = { "unknown", "ext", "public", "adm", "redirect", "migration",
					     "private", "ipmi" };
	json_t *ips = json_object_get(json_array_get(json_object_get(server, "interfaces"), 0), "ips");

	if (!w->ip_shuffle || !json_is_array(ips))
		return;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		char addr[16];
		snprintf(addr, sizeof addr, "203.0.113.%u", (unsigned)(s->index % 25) * 10 + (unsigned)i + 1);
		json_array_append_new(ips, json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s}",
			"ip_id", (json_int_t)(4000000000u - s->index * 16u - i), "address", addr, "reverse", "",
			"version", "ipv4", "cidr", 32, "netmask", "255.255.255.255",
			"semantic", extra[i], "gateway", "", "status", "ready"));
	}
	dd_sb_shuffle(ips, s->id);
}
