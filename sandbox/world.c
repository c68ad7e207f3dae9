/* World generation: a deterministic function of (seed, server count). */
#include "sandbox/world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/money.h"
#include "sandbox/sandbox.h"
#include "sandbox/server_wire.h"

/* The world's clock: generated dates never pass it, so a seed always gives
 * the same bytes whatever day the tests run. */
#define WORLD_NOW 1793491200LL   /* 2026-11-01T00:00:00Z */
#define WORLD_BIRTH 1306886400LL /* 2011-06-01T00:00:00Z */

const char *const dd_sb_zone_names[DD_SB_NZONES] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
const char *const dd_sb_dc_names[DD_SB_NDCS] = { "DC2", "DC3", "DC5", "AMS1" };

const struct dd_sb_offer dd_sb_offers[] = {
	{ 3125, "Start-2-S-SATA", "start", 8, 990000000, "Intel Atom C2338", 2, 2, 1700, 4, "ddr3", 1, 1000, "sata", 250000000, NULL },
	{ 3126, "Start-2-M-SSD", "start", 11, 990000000, "Intel Atom C2750", 8, 8, 2400, 16, "ddr3", 1, 250, "ssd", 250000000, NULL },
	{ 3160, "Start-3-L", "start", 16, 990000000, "Intel Xeon E3-1220 v2", 4, 4, 3100, 16, "ddr3", 2, 2000, "sata", 250000000, NULL },
	{ 3201, "Pro-4-S", "pro", 39, 990000000, "Intel Xeon E3-1245 v5", 4, 8, 3500, 32, "ddr4", 2, 480, "ssd", 1000000000, "LSI MegaRAID SAS 9271-4i" },
	{ 3202, "Pro-6-M", "pro", 59, 990000000, "Intel Xeon E5-1650 v3", 6, 12, 3500, 64, "ddr4", 2, 1000, "ssd", 1000000000, "LSI MegaRAID SAS 9271-4i" },
	{ 3301, "Core-4-L-SATA", "core", 49, 990000000, "Intel Xeon E3-1240 v6", 4, 8, 3700, 32, "ddr4", 2, 4000, "sata", 1000000000, "Dell PERC H330" },
	{ 3305, "Core-7-XL-NVMe", "core", 129, 990000000, "AMD EPYC 7402P", 24, 48, 2800, 128, "ddr4", 2, 1920, "nvme", 1000000000, NULL },
	{ 3401, "Store-2-L", "store", 34, 990000000, "Intel Xeon D-1531", 6, 12, 2200, 32, "ddr4", 4, 6000, "sata", 1000000000, "Dell PERC H330" },
	{ 3501, "Pro-8-L", "pro", 89, 990000000, "AMD Ryzen 9 5950X", 16, 32, 3400, 128, "ddr4", 2, 1920, "nvme", 1000000000, NULL },
	{ 3601, "Core-5-XL", "core", 199, 990000000, "Intel Xeon Gold 6226R", 16, 32, 2900, 192, "ddr4", 4, 3840, "ssd", 1000000000, "Broadcom MegaRAID 9460-8i" },
};
const size_t dd_sb_noffers = sizeof dd_sb_offers / sizeof dd_sb_offers[0];

const struct dd_sb_os dd_sb_oses[] = {
	{ 501, "Ubuntu", "22.04 LTS (Jammy Jellyfish)", "Ubuntu 22.04 LTS", "Ubuntu", "22.04 LTS", "2022-04-21T00:00:00Z" },
	{ 502, "Ubuntu", "24.04 LTS (Noble Numbat)", "Ubuntu 24.04 LTS", "Ubuntu", "24.04 LTS", "2024-04-25T00:00:00Z" },
	{ 503, "Debian", "12 (Bookworm)", "Debian 12", "Debian", "12", "2023-06-10T00:00:00Z" },
	{ 504, "Debian", "11 (Bullseye)", "Debian 11", "Debian", "11", "2021-08-14T00:00:00Z" },
	{ 505, "Rocky Linux", "9", "Rocky Linux 9", "Rocky Linux", "9", "2022-07-14T00:00:00Z" },
	{ 506, "AlmaLinux", "9", "AlmaLinux 9", "AlmaLinux", "9", "2022-05-26T00:00:00Z" },
	{ 507, "Proxmox VE", "8", "Proxmox VE 8", "Proxmox", "8", "2023-06-22T00:00:00Z" },
	{ 508, "Windows Server", "2022 Standard", "Windows Server 2022", "Windows", "2022", "2021-08-18T00:00:00Z" },
	{ 509, "FreeBSD", "14.0-RELEASE", "FreeBSD 14.0", "FreeBSD", "14.0-RELEASE", "2023-11-20T00:00:00Z" },
	{ 510, "VMware ESXi", "8.0", "VMware ESXi 8.0", "ESXi", "8.0", "2022-10-11T00:00:00Z" },
};
const size_t dd_sb_noses = sizeof dd_sb_oses / sizeof dd_sb_oses[0];

const struct dd_sb_option dd_sb_options[DD_SB_NOPTIONS] = {
	{ 4001, "Backup Storage 100 GB", 0, 0 },
	{ 4002, "Backup Storage 750 GB", 4, 990000000 },
	{ 4010, "Anti-DDoS Preventive", 9, 990000000 },
	{ 4020, "Business service level", 29, 990000000 },
	{ 4030, "Failover IP", 1, 990000000 },
	{ 4040, "RPN SAN 500 GB", 24, 990000000 },
	{ 4050, "Bandwidth 1 Gbit/s", 19, 990000000 },
	{ 4060, "cPanel license", 15, 0 },
};

static const char *const custom_names[] = {
	"web-01", "web-02", "db-primary", "db-replica", "backup", "mail",
	"git.example.net", "ci-runner", "proxmox-a", "storage-nas", "vpn-gw",
	"monitoring", "k8s-node", "minecraft", "build.example.org", "edge-cache",
};

static const char *const plain_tags[] = {
	"prod", "staging", "web", "db", "backup", "k8s", "monitoring", "legacy",
};

static const char *const event_texts[] = {
	"Server delivered",
	"Reboot requested",
	"Operating system installation started",
	"Operating system installation finished",
	"Rescue mode enabled",
	"Rescue mode disabled",
	"Hardware intervention: disk replaced",
	"Power off requested",
	"Power on requested",
	"Monitoring alert: server unreachable",
	"Monitoring alert resolved",
	"Reverse DNS updated",
};

uint64_t dd_sb_mix(uint64_t seed, uint64_t a, uint64_t b)
{
	/* splitmix64 finaliser over the three inputs */
	uint64_t z = seed * 0x9E3779B97F4A7C15ULL ^ (a + 0x632BE59BD9B4E019ULL) * 0xBF58476D1CE4E5B9ULL
		^ (b + 0x85EBCA77C2B2AE63ULL) * 0x94D049BB133111EBULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int dd_sb_zone_parse(const char *name)
{
	for (int i = 0; i < DD_SB_NZONES; i++)
		if (name && strcmp(name, dd_sb_zone_names[i]) == 0)
			return i;
	return -1;
}

int dd_sb_dc_zone(unsigned dc)
{
	return dc == DD_SB_DC5 ? DD_SB_ZONE_PAR2 : dc == DD_SB_AMS1 ? DD_SB_ZONE_AMS1 : DD_SB_ZONE_PAR1;
}

/* Each datacenter draws public addresses from its own halves of real
 * Dedibox /16s, so addresses are unique for up to ~32k servers per half. */
struct range { uint32_t prefix16; uint32_t half; };
static const struct range dc_ranges[DD_SB_NDCS][2] = {
	{ { (195u << 24) | (154u << 16), 0 }, { (62u << 24) | (210u << 16), 0 } },
	{ { (62u << 24) | (210u << 16), 1 }, { (163u << 24) | (172u << 16), 0 } },
	{ { (51u << 24) | (15u << 16), 0 }, { (163u << 24) | (172u << 16), 1 } },
	{ { (51u << 24) | (158u << 16), 0 }, { (51u << 24) | (158u << 16), 1 } },
};

static uint32_t host_in_half(uint32_t k)
{
	/* skip .0, .1 (gateway) and .255 */
	return ((k / 253u) << 8) | (2u + k % 253u);
}

static uint32_t public_ipv4(unsigned dc, uint32_t rank)
{
	const struct range *r = &dc_ranges[dc][rank % 2];
	uint32_t k = (rank / 2) % (127u * 253u);
	return r->prefix16 | (r->half << 15) | host_in_half(k);
}

void dd_sb_ipv4_str(uint32_t a, char out[16])
{
	snprintf(out, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

void dd_sb_default_reverse(uint32_t a, char out[64])
{
	snprintf(out, 64, "%u-%u-%u-%u.rev.poneytelecom.eu.", a >> 24, (a >> 16) & 255,
		 (a >> 8) & 255, a & 255);
}

void dd_sb_server_mac(const struct dd_sb_server *s, unsigned iface, char out[18])
{
	uint32_t v = s->index * 4u + iface;
	snprintf(out, 18, "28:92:4a:%02x:%02x:%02x", (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

void dd_sb_server_ipv6(const struct dd_sb_server *s, char out[48])
{
	snprintf(out, 48, "2001:bc8:%x:%x::1", 0x600u + s->dc * 0x100u, s->dc_rank + 0x100u);
}

uint32_t dd_sb_ip_id(const struct dd_sb_server *s, unsigned which)
{
	return 1000000u + s->index * 4u + which;
}

void dd_sb_time_str(int64_t t, int millis, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, millis ? "%Y-%m-%dT%H:%M:%S.000Z" : "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int dd_sb_set_string(char **slot, const char *value)
{
	char *copy = strdup(value);
	if (!copy)
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

void dd_sb_gen_event(const struct dd_sb_world *w, const struct dd_sb_server *s,
		     uint32_t i, uint32_t *id, int64_t *date, const char **description)
{
	int64_t span = WORLD_NOW - s->created_at;
	*id = s->index * 16u + i + 1u;
	/* the first event is the delivery, an hour after the order */
	*date = i == 0 ? s->created_at + 3600
		: s->created_at + span * (int64_t)i / (int64_t)s->gen_events;
	*description = i == 0 ? event_texts[0]
		: event_texts[1 + dd_sb_mix(w->seed, s->id, 100 + i) % (sizeof event_texts / sizeof event_texts[0] - 1)];
}

void dd_sb_password(const struct dd_sb_world *w, struct dd_sb_server *s, char out[17])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	uint64_t h = dd_sb_mix(w->seed, s->id, 1000u + s->secrets++);
	for (int i = 0; i < 16; i++) {
		out[i] = alphabet[h % (sizeof alphabet - 1)];
		h = h / (sizeof alphabet - 1) ^ dd_sb_mix(w->seed, h, (uint64_t)i);
	}
	out[16] = '\0';
}

static int pick_status(uint64_t h)
{
	unsigned p = (unsigned)(h % 100);
	if (p < 80) return DD_SB_READY;
	if (p < 86) return DD_SB_STOPPED;
	if (p < 90) return DD_SB_INSTALLING;
	if (p < 93) return DD_SB_RESCUE;
	if (p < 95) return DD_SB_LOCKED;
	if (p < 97) return DD_SB_BUSY;
	if (p < 98) return DD_SB_ERROR;
	return DD_SB_DELIVERING;
}

static int make_hostname(struct dd_sb_world *w, struct dd_sb_server *s, uint64_t h)
{
	char buf[64];
	if (w->hostile) {
		size_t n;
		const char *const *hs = dd_sandbox_hostile_strings(&n);
		/* server 0 is the genuine name that one hostile string imitates */
		if (s->index == 0)
			return dd_sb_set_string(&s->hostname, "web-prod-01");
		return dd_sb_set_string(&s->hostname, hs[(s->index - 1) % n]);
	}
	if (h % 100 < 65)
		snprintf(buf, sizeof buf, "sd-%u", s->id);
	else
		snprintf(buf, sizeof buf, "%s", custom_names[(h >> 8) % (sizeof custom_names / sizeof custom_names[0])]);
	return dd_sb_set_string(&s->hostname, buf);
}

static int make_tags(struct dd_sb_world *w, struct dd_sb_server *s, uint64_t h)
{
	size_t n = w->hostile ? 1 + h % 2 : h % 4;
	if (n == 0)
		return 0;
	s->tags = calloc(n, sizeof *s->tags);
	if (!s->tags)
		return -1;
	s->ntags = n;
	for (size_t i = 0; i < n; i++) {
		const char *t;
		if (w->hostile) {
			size_t nh;
			const char *const *hs = dd_sandbox_hostile_strings(&nh);
			t = hs[(s->index * 7u + 3u + i * 11u) % nh];
		} else {
			t = plain_tags[(s->index + i * 3u + (h >> 16)) % (sizeof plain_tags / sizeof plain_tags[0])];
		}
		if (dd_sb_set_string(&s->tags[i], t) < 0)
			return -1;
	}
	return 0;
}

static int gen_server(struct dd_sb_world *w, struct dd_sb_server *s, uint32_t i,
		      size_t n, uint32_t rank[DD_SB_NDCS])
{
	uint64_t h = dd_sb_mix(w->seed, i, 1);
	uint64_t h2 = dd_sb_mix(w->seed, i, 2);
	unsigned dcp = (unsigned)(h % 100);

	s->index = i;
	s->id = 100000u + i * 8u + (uint32_t)(h2 % 8);
	s->dc = dcp < 25 ? DD_SB_DC2 : dcp < 55 ? DD_SB_DC3 : dcp < 85 ? DD_SB_DC5 : DD_SB_AMS1;
	s->dc_rank = rank[s->dc]++;
	s->created_at = WORLD_BIRTH + (int64_t)((WORLD_NOW - 86400 * 30 - WORLD_BIRTH) * (double)i / (double)(n ? n : 1))
		+ (int64_t)(h2 >> 40) % 3600;
	s->updated_at = s->created_at + (int64_t)((h2 >> 8) % (uint64_t)(WORLD_NOW - s->created_at));
	s->rebooted_at = s->updated_at;
	s->offer = (uint8_t)((h >> 8) % dd_sb_noffers);
	s->os = (uint8_t)((h >> 16) % dd_sb_noses);
	s->status = (uint8_t)pick_status(h >> 24);
	s->business = (h >> 32) % 100 < 15;
	s->backup = (uint8_t)((h >> 40) % 3);
	s->backup_autologin = (h >> 42) & 1;
	s->backup_acl = (h >> 43) & 1;
	s->ipv6 = (h >> 44) % 4 != 0;
	s->room = (uint8_t)(1 + (h >> 46) % 5);
	s->rack_row = (uint8_t)('A' + (h >> 49) % 8);
	s->rack_pos = (uint8_t)(1 + (h >> 52) % 40);
	s->options = (uint8_t)((h2 >> 48) & (h2 >> 56) & 0x17);
	s->pub4 = public_ipv4(s->dc, s->dc_rank);
	s->priv4 = (10u << 24) | ((88u + s->dc) << 16) | host_in_half(s->dc_rank % (255u * 253u));
	s->ipmi4 = (10u << 24) | ((100u + s->dc) << 16) | host_in_half(s->dc_rank % (255u * 253u));
	if (s->status == DD_SB_INSTALLING) {
		s->install_step = (uint8_t)(1 + (h2 >> 28) % 8);
		s->install_os = s->os;
	}
	s->gen_events = 1 + (uint32_t)((h2 >> 20) % 12);
	if (make_hostname(w, s, h2 >> 4) < 0 || make_tags(w, s, h2 >> 12) < 0)
		return -1;
	return 0;
}

/* Failover k alternates between 212.83/16 (even k) and 212.129/16 (odd k). */
static uint32_t failover_addr(size_t k)
{
	uint32_t prefix = k % 2 ? ((212u << 24) | (129u << 16)) : ((212u << 24) | (83u << 16));
	return prefix | host_in_half((uint32_t)(k / 2) % (255u * 253u));
}

struct dd_sb_san *dd_sb_world_add_san(struct dd_sb_world *w, unsigned dc, int64_t when)
{
	struct dd_sb_san *v = realloc(w->sans, (w->nsans + 1) * sizeof *v);
	if (!v)
		return NULL;
	w->sans = v;
	v = &v[w->nsans];
	memset(v, 0, sizeof *v);
	v->id = 9800001u + (uint32_t)w->nsans;
	v->dc = (uint8_t)dc;
	v->created_at = when;
	w->nsans++;
	return v;
}

struct dd_sb_failover *dd_sb_world_add_failover(struct dd_sb_world *w, unsigned zone)
{
	struct dd_sb_failover *f = realloc(w->failovers, (w->nfailovers + 1) * sizeof *f);
	if (!f)
		return NULL;
	w->failovers = f;
	f = &f[w->nfailovers];
	memset(f, 0, sizeof *f);
	f->id = 2000000u + (uint32_t)w->nfailovers;
	f->addr = failover_addr(w->nfailovers);
	f->zone = (uint8_t)zone;
	w->nfailovers++;
	return f;
}

struct dd_sb_service *dd_sb_world_add_service(struct dd_sb_world *w, uint32_t resource, int offer,
					      int order, int64_t now)
{
	struct dd_sb_service *v = realloc(w->services, (w->nservices + 1) * sizeof *v);
	if (!v)
		return NULL;
	w->services = v;
	v = &v[w->nservices];
	memset(v, 0, sizeof *v);
	v->id = 9700001u + (uint32_t)w->nservices;
	v->resource = resource;
	v->offer = offer;
	v->order = (uint8_t)(order != 0);
	v->created_at = now;
	w->nservices++;
	return v;
}

static void gen_failovers(struct dd_sb_world *w)
{
	for (size_t k = 0; k < w->nfailovers; k++) {
		struct dd_sb_failover *f = &w->failovers[k];
		uint64_t h = dd_sb_mix(w->seed, k, 7);
		f->id = 2000000u + (uint32_t)k;
		f->addr = failover_addr(k);
		if (w->nservers && h % 100 < 60) {
			const struct dd_sb_server *s = &w->servers[(h >> 8) % w->nservers];
			f->server = s->id;
			/* A route obeys the attach rule every route the API
			 * takes must obey: a failover IP goes to a server of
			 * its own zone only. */
			f->zone = (uint8_t)dd_sb_dc_zone(s->dc);
			if ((h >> 40) % 3 == 0) {
				f->mac_type = (uint8_t)(1 + (h >> 42) % 3);
				static const uint8_t ouis[3][3] = { { 0x00, 0x50, 0x56 }, { 0x52, 0x54, 0x00 }, { 0x00, 0x16, 0x3e } };
				memcpy(f->mac, ouis[f->mac_type - 1], 3);
				f->mac[3] = (uint8_t)(k >> 16);
				f->mac[4] = (uint8_t)(k >> 8);
				f->mac[5] = (uint8_t)k;
			}
		} else {
			f->zone = (uint8_t)((h >> 16) % DD_SB_NZONES);
		}
	}
}

struct dd_sb_v6 *dd_sb_world_add_v6(struct dd_sb_world *w, const uint8_t addr[16], unsigned cidr, uint32_t parent)
{
	struct dd_sb_v6 *v = realloc(w->v6, (w->nv6 + 1) * sizeof *v);
	if (!v)
		return NULL;
	w->v6 = v;
	v = &w->v6[w->nv6++];
	memset(v, 0, sizeof *v);
	v->id = w->next_v6_id++;
	memcpy(v->addr, addr, 16);
	v->cidr = (uint8_t)cidr;
	v->parent = parent;
	return v;
}

int64_t dd_sb_price_cents(unsigned units, unsigned nanos)
{
	struct dd_money m = { "EUR", units, (int32_t)nanos };
	return dd_money_cents(&m);
}

int64_t dd_sb_monthly_cents(const struct dd_sb_server *s)
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	int64_t cents = dd_sb_price_cents(o->units, o->nanos);
	for (unsigned k = 0; k < DD_SB_NOPTIONS; k++)
		if (s->options & (1u << k))
			cents += dd_sb_price_cents(dd_sb_options[k].units, dd_sb_options[k].nanos);
	if (s->business && !(s->options & (1u << 3)))
		cents += dd_sb_price_cents(dd_sb_options[3].units, dd_sb_options[3].nanos);
	return cents;
}

struct dd_sb_server *dd_sb_world_add_server(struct dd_sb_world *w, unsigned dc, unsigned offer,
					    unsigned options, int64_t now)
{
	size_t n = w->nservers;
	struct dd_sb_server *a = realloc(w->servers, (n + 1) * sizeof *a);
	if (!a)
		return NULL;
	w->servers = a;
	int64_t *p = realloc(w->price_prefix, (n + 2) * sizeof *p);
	if (!p)
		return NULL;
	w->price_prefix = p;
	struct dd_sb_server *s = &a[n];
	memset(s, 0, sizeof *s);
	uint64_t h = dd_sb_mix(w->seed, n, 3);
	s->index = (uint32_t)n;
	s->id = (n ? a[n - 1].id : 100000u) + 1u + (uint32_t)(h % 8);
	s->dc = (uint8_t)dc;
	s->dc_rank = w->dc_count[dc]++;
	s->created_at = s->updated_at = s->rebooted_at = now;
	s->offer = (uint8_t)offer;
	s->status = DD_SB_DELIVERING;
	s->options = (uint8_t)options;
	s->room = (uint8_t)(1 + (h >> 8) % 5);
	s->rack_row = (uint8_t)('A' + (h >> 12) % 8);
	s->rack_pos = (uint8_t)(1 + (h >> 16) % 40);
	s->pub4 = public_ipv4(s->dc, s->dc_rank);
	s->priv4 = (10u << 24) | ((88u + s->dc) << 16) | host_in_half(s->dc_rank % (255u * 253u));
	s->ipmi4 = (10u << 24) | ((100u + s->dc) << 16) | host_in_half(s->dc_rank % (255u * 253u));
	char name[24];
	snprintf(name, sizeof name, "sd-%u", s->id);
	if (dd_sb_set_string(&s->hostname, name) < 0)
		return NULL;
	w->nservers = n + 1;
	p[n + 1] = p[n] + dd_sb_monthly_cents(s);
	dd_sb_world_add_event(w, s, now, "Server ordered");
	return s;
}

int dd_sb_rpn_capable(const struct dd_sb_server *s)
{
	return s->offer != 0;
}

struct dd_sb_rpn_group *dd_sb_world_add_rpn(struct dd_sb_world *w, int v2, const char *name, int64_t when)
{
	char *copy = strdup(name);
	struct dd_sb_rpn_group *g = copy ? realloc(w->rpn, (w->nrpn + 1) * sizeof *g) : NULL;
	if (!g) {
		free(copy);
		return NULL;
	}
	w->rpn = g;
	g = &w->rpn[w->nrpn++];
	memset(g, 0, sizeof *g);
	g->id = w->next_rpn_id++;
	g->v2 = (uint8_t)(v2 != 0);
	g->name = copy;
	g->created_at = when;
	return g;
}

struct dd_sb_rpn_member *dd_sb_rpn_add_member(struct dd_sb_world *w, struct dd_sb_rpn_group *g, uint32_t server)
{
	struct dd_sb_rpn_member *m = realloc(g->m, (g->nm + 1) * sizeof *m);
	if (!m)
		return NULL;
	g->m = m;
	m = &g->m[g->nm++];
	memset(m, 0, sizeof *m);
	m->id = w->next_member_id++;
	m->server = server;
	m->vlan = 3900;
	return m;
}

int dd_sb_rpn_log(struct dd_sb_world *w, uint32_t group, uint32_t member, unsigned action, int64_t when)
{
	struct dd_sb_rpn_log *l = realloc(w->rpn_logs, (w->nrpn_logs + 1) * sizeof *l);
	if (!l)
		return -1;
	w->rpn_logs = l;
	l[w->nrpn_logs++] = (struct dd_sb_rpn_log){ 9600001u + (uint32_t)w->nrpn_logs, group, member, (uint8_t)action, when };
	return 0;
}

/* One RPN v1 group of three servers and one RPN v2 group of three others. */
static int gen_rpn(struct dd_sb_world *w)
{
	static const char *const names[2] = { "backend", "private-lan" };
	size_t next = 0, nh;
	const char *const *hs = dd_sandbox_hostile_strings(&nh);
	for (int v2 = 0; v2 < 2; v2++) {
		const char *name = w->hostile ? hs[(5 + 7 * (size_t)v2) % nh] : names[v2];
		struct dd_sb_rpn_group *g = dd_sb_world_add_rpn(w, v2, name, WORLD_NOW - 86400 * (400 - 200 * v2));
		if (!g)
			return -1;
		uint32_t gid = g->id;
		if (v2 && dd_sb_rpn_log(w, gid, 0, 1 /* group_created */, g->created_at) < 0)
			return -1;
		for (int k = 0; k < 3 && next < w->nservers; next++) {
			struct dd_sb_server *s = &w->servers[next];
			if (!dd_sb_rpn_capable(s))
				continue;
			struct dd_sb_rpn_member *m = dd_sb_rpn_add_member(w, &w->rpn[w->nrpn - 1], s->id);
			if (!m)
				return -1;
			if (v2) {
				s->rpnv2 = 1;
				if (dd_sb_rpn_log(w, gid, m->id, 3 /* members_added */, w->rpn[w->nrpn - 1].created_at) < 0)
					return -1;
			}
			k++;
		}
	}
	/* Another account's RPN v1 group, which invites this account's first
	 * RPN server: an invitation to accept or refuse. */
	struct dd_sb_rpn_group *f = dd_sb_world_add_rpn(w, 0, "partner-lan", WORLD_NOW - 86400 * 30);
	if (!f)
		return -1;
	f->foreign = 1;
	if (!dd_sb_rpn_add_member(w, f, DD_SB_FOREIGN_SERVER_FIRST))
		return -1;
	for (size_t i = 0; i < w->nservers; i++)
		if (dd_sb_rpn_capable(&w->servers[i])) {
			struct dd_sb_rpn_member *m = dd_sb_rpn_add_member(w, f, w->servers[i].id);
			if (!m)
				return -1;
			m->invited = 1;
			break;
		}
	return 0;
}

/* One RPN SAN in the first server's datacenter, reachable from it. */
static int gen_san(struct dd_sb_world *w)
{
	const struct dd_sb_server *s = &w->servers[0];
	struct dd_sb_san *san = dd_sb_world_add_san(w, s->dc, WORLD_NOW - 86400 * 90);
	if (!san || !(san->ips = malloc(sizeof *san->ips)))
		return -1;
	san->ips[0] = dd_sb_ip_id(s, 2);
	san->nips = 1;
	return 0;
}

/* The Organization's /48 with two /56 and one /64 already carved. */
static int gen_ipv6(struct dd_sb_world *w)
{
	uint8_t a[16] = { 0x20, 0x01, 0x0b, 0xc8 };
	uint32_t x = 0x1000u + (uint32_t)(dd_sb_mix(w->seed, 0, 600) % 0xE000u);
	a[4] = (uint8_t)(x >> 8);
	a[5] = (uint8_t)x;
	struct dd_sb_v6 *b = dd_sb_world_add_v6(w, a, 48, 0);
	if (!b)
		return -1;
	uint32_t id48 = b->id;
	a[6] = 1;
	if (!(b = dd_sb_world_add_v6(w, a, 56, id48)))
		return -1;
	uint32_t id56 = b->id;
	a[6] = 2;
	if (!dd_sb_world_add_v6(w, a, 56, id48))
		return -1;
	a[6] = 1;
	a[7] = 1;
	return dd_sb_world_add_v6(w, a, 64, id56) ? 0 : -1;
}

/* In the hostile world, reverse DNS names are hostile too: every third
 * server's public IPv4 and every failover IP. */
static int hostile_reverses(struct dd_sb_world *w)
{
	size_t n;
	const char *const *hs = dd_sandbox_hostile_strings(&n);
	for (size_t i = 0; i < w->nservers; i += 3)
		if (dd_sb_set_string(&w->servers[i].reverse, hs[(i * 5 + 1) % n]) < 0)
			return -1;
	for (size_t k = 0; k < w->nfailovers; k++)
		if (dd_sb_set_string(&w->failovers[k].reverse, hs[(k * 3 + 2) % n]) < 0)
			return -1;
	return 0;
}

struct dd_sb_world *dd_sb_world_new(uint64_t seed, unsigned nservers, int hostile)
{
	struct dd_sb_world *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	if (pthread_rwlock_init(&w->lock, NULL) != 0) {
		free(w);
		return NULL;
	}
	w->wire = dd_sb_wire_cache_new();
	if (!w->wire) {
		pthread_rwlock_destroy(&w->lock);
		free(w);
		return NULL;
	}
	w->seed = seed;
	w->hostile = hostile;
	w->nservers = nservers;
	w->nfailovers = nservers / 3 + (nservers ? 2 : 0);
	w->servers = calloc(nservers ? nservers : 1, sizeof *w->servers);
	w->failovers = calloc(w->nfailovers ? w->nfailovers : 1, sizeof *w->failovers);
	if (!w->servers || !w->failovers) {
		dd_sb_world_free(w);
		return NULL;
	}
	uint32_t rank[DD_SB_NDCS] = { 0 };
	for (uint32_t i = 0; i < nservers; i++) {
		if (gen_server(w, &w->servers[i], i, nservers, rank) < 0) {
			dd_sb_world_free(w);
			return NULL;
		}
		/* a world-made installation starts at the first read: settle it then */
		if (w->servers[i].status == DD_SB_INSTALLING)
			w->install_due = 1;
	}
	gen_failovers(w);
	memcpy(w->dc_count, rank, sizeof rank);
	if (hostile && hostile_reverses(w) < 0) {
		dd_sb_world_free(w);
		return NULL;
	}
	/* what every server costs a month, summed in creation order: the
	 * Dedibox invoice of a month is one subtraction */
	w->price_prefix = calloc(nservers + 1u, sizeof *w->price_prefix);
	if (!w->price_prefix) {
		dd_sb_world_free(w);
		return NULL;
	}
	for (uint32_t i = 0; i < nservers; i++)
		w->price_prefix[i + 1] = w->price_prefix[i] + dd_sb_monthly_cents(&w->servers[i]);
	w->next_event_id = (uint32_t)nservers * 16u + 1u;
	w->next_v6_id = 9100001u;
	w->next_rpn_id = 9300001u;
	w->next_member_id = 9500001u;
	if (nservers && (gen_ipv6(w) < 0 || gen_rpn(w) < 0 || gen_san(w) < 0)) {
		dd_sb_world_free(w);
		return NULL;
	}
	return w;
}

static void free_server(struct dd_sb_server *s)
{
	free(s->hostname);
	free(s->reverse);
	free(s->reverse6);
	for (size_t i = 0; i < s->ntags; i++)
		free(s->tags[i]);
	free(s->tags);
	for (size_t i = 0; i < s->nevents; i++)
		free(s->events[i].description);
	free(s->events);
}

void dd_sb_world_wrlock(struct dd_sb_world *w)
{
	pthread_rwlock_wrlock(&w->lock);
	w->gen++;
}

void dd_sb_world_free(struct dd_sb_world *w)
{
	if (!w)
		return;
	dd_sb_wire_cache_free(w->wire);
	if (w->servers)
		for (size_t i = 0; i < w->nservers; i++)
			free_server(&w->servers[i]);
	free(w->servers);
	if (w->failovers)
		for (size_t i = 0; i < w->nfailovers; i++)
			free(w->failovers[i].reverse);
	free(w->failovers);
	free(w->price_prefix);
	for (size_t i = 0; i < w->nv6; i++) {
		for (size_t k = 0; k < w->v6[i].nns; k++)
			free(w->v6[i].ns[k]);
		free(w->v6[i].ns);
	}
	free(w->v6);
	for (size_t i = 0; i < w->nrpn; i++) {
		free(w->rpn[i].name);
		free(w->rpn[i].m);
	}
	free(w->rpn);
	free(w->rpn_logs);
	free(w->services);
	for (size_t i = 0; i < w->nsans; i++)
		free(w->sans[i].ips);
	free(w->sans);
	pthread_rwlock_destroy(&w->lock);
	free(w);
}

struct dd_sb_server *dd_sb_world_server(struct dd_sb_world *w, uint32_t id)
{
	size_t lo = 0, hi = w->nservers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->servers[mid].id == id)
			return w->servers[mid].deleted ? NULL : &w->servers[mid];
		if (w->servers[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct dd_sb_failover *dd_sb_world_failover(struct dd_sb_world *w, uint32_t id)
{
	if (id < 2000000u || id - 2000000u >= w->nfailovers || w->failovers[id - 2000000u].deleted)
		return NULL;
	return &w->failovers[id - 2000000u];
}

int dd_sb_world_add_event(struct dd_sb_world *w, struct dd_sb_server *s,
			  int64_t when, const char *description)
{
	struct dd_sb_event *ev = realloc(s->events, (s->nevents + 1) * sizeof *ev);
	if (!ev)
		return -1;
	s->events = ev;
	ev[s->nevents].description = strdup(description);
	if (!ev[s->nevents].description)
		return -1;
	ev[s->nevents].id = w->next_event_id++;
	ev[s->nevents].date = when;
	s->nevents++;
	return 0;
}
