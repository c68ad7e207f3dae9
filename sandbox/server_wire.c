/* The server list's items as text, written directly and kept; see
 * server_wire.h for why. Field order and values mirror
 * dd_sb_server_summary_json() and dd_sb_ip_json() in dedibox_json.c: a
 * change there must be made here too (tests/sandbox/test_pages.c fails
 * otherwise). */
#include "sandbox/server_wire.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/sandbox.h"

struct slot {
	char *text;           /* owned; NULL: not written yet */
	size_t len;
	uint64_t gen;         /* the world's generation it was written in */
};

struct dd_sb_wire_cache {
	pthread_mutex_t lock; /* readers of the world fill slots side by side */
	struct slot *slots;   /* by server index */
	size_t n;
};

struct dd_sb_wire_cache *dd_sb_wire_cache_new(void)
{
	struct dd_sb_wire_cache *c = calloc(1, sizeof *c);
	if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

void dd_sb_wire_cache_free(struct dd_sb_wire_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->slots[i].text);
	free(c->slots);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* keys are plain ASCII: nothing to escape */
static void key(struct dd_sb_buf *b, const char *k)
{
	dd_sb_buf_put(b, "\"", 1);
	dd_sb_buf_cstr(b, k);
	dd_sb_buf_put(b, "\":", 2);
}

static void str_field(struct dd_sb_buf *b, const char *k, const char *v, int last)
{
	key(b, k);
	dd_sb_buf_str(b, v, strlen(v));
	if (!last)
		dd_sb_buf_put(b, ",", 1);
}

static void uint_field(struct dd_sb_buf *b, const char *k, uint64_t v)
{
	key(b, k);
	dd_sb_buf_uint(b, v);
	dd_sb_buf_put(b, ",", 1);
}

static void time_field(struct dd_sb_buf *b, const char *k, int64_t t)
{
	char buf[32];
	dd_sb_time_str(t, 0, buf);
	str_field(b, k, buf, 0);
}

static void bool_field(struct dd_sb_buf *b, const char *k, int v)
{
	key(b, k);
	dd_sb_buf_cstr(b, v ? "true," : "false,");
}

/* dd_sb_ip_json(s, which) */
static void ip(struct dd_sb_buf *b, const struct dd_sb_server *s, unsigned which)
{
	char addr[48], gw[48], rev[64];
	const char *reverse = "";
	uint32_t a = which == 0 ? s->pub4 : which == 2 ? s->priv4 : s->ipmi4;
	if (which == 1) {
		dd_sb_server_ipv6(s, addr);
		strcpy(gw, "fe80::1");
	} else {
		dd_sb_ipv4_str(a, addr);
		dd_sb_ipv4_str((a & 0xFFFFFF00u) | 1u, gw);
	}
	if (which == 0) {
		if (s->reverse) {
			reverse = s->reverse;
		} else {
			dd_sb_default_reverse(s->pub4, rev);
			reverse = rev;
		}
	} else if (which == 1 && s->reverse6) {
		reverse = s->reverse6;
	}
	dd_sb_buf_put(b, "{", 1);
	uint_field(b, "ip_id", dd_sb_ip_id(s, which));
	str_field(b, "address", addr, 0);
	str_field(b, "reverse", reverse, 0);
	str_field(b, "version", which == 1 ? "ipv6" : "ipv4", 0);
	uint_field(b, "cidr", which == 1 ? 64 : 24);
	str_field(b, "netmask", which == 1 ? "ffff:ffff:ffff:ffff::" : "255.255.255.0", 0);
	str_field(b, "semantic", which == 2 ? "private" : which == 3 ? "ipmi" : "proxad", 0);
	str_field(b, "gateway", gw, 0);
	str_field(b, "status", "ready", 1);
	dd_sb_buf_put(b, "}", 1);
}

static void iface(struct dd_sb_buf *b, const struct dd_sb_server *s, unsigned card)
{
	char mac[18];
	dd_sb_server_mac(s, card - 1, mac);
	dd_sb_buf_put(b, "{", 1);
	uint_field(b, "card_id", card);
	uint_field(b, "device_id", (uint64_t)s->index * 3 + card);
	str_field(b, "mac", mac, 0);
	str_field(b, "type", card == 3 ? "ipmi" : "normal", 0);
	key(b, "ips");
	dd_sb_buf_put(b, "[", 1);
	if (card == 1) {
		ip(b, s, 0);
		if (s->ipv6) {
			dd_sb_buf_put(b, ",", 1);
			ip(b, s, 1);
		}
	} else {
		ip(b, s, card == 2 ? 2 : 3);
	}
	dd_sb_buf_put(b, "]}", 2);
}

void dd_sb_server_summary_wire(const struct dd_sb_world *w, const struct dd_sb_server *s,
			       struct dd_sb_buf *b)
{
	static const char *const status[] = { "ready", "stopped", "installing", "rescue",
					      "locked", "busy", "error", "delivering" };
	if (w->ip_shuffle) {
		/* the quirk reorders a tree: kept on the tree path */
		json_t *v = dd_sb_server_summary_json(s);
		if (!v) {
			b->oom = 1;
			return;
		}
		dd_sb_ips_quirk(w, s, v);
		dd_sb_buf_value(b, v);
		json_decref(v);
		return;
	}
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	dd_sb_buf_put(b, "{", 1);
	uint_field(b, "id", s->id);
	str_field(b, "datacenter_name", dd_sb_dc_names[s->dc], 0);
	str_field(b, "organization_id", DD_SANDBOX_ORGANIZATION_ID, 0);
	str_field(b, "project_id", DD_SANDBOX_PROJECT_ID, 0);
	str_field(b, "hostname", s->hostname, 0);
	time_field(b, "created_at", s->created_at);
	time_field(b, "updated_at", s->updated_at);
	key(b, "expired_at");
	dd_sb_buf_cstr(b, "null,");
	uint_field(b, "offer_id", o->id);
	str_field(b, "offer_name", o->name, 0);
	str_field(b, "status", s->status < sizeof status / sizeof status[0] ? status[s->status] : "unknown", 0);
	uint_field(b, "os_id", dd_sb_oses[s->os].id);
	key(b, "interfaces");
	dd_sb_buf_put(b, "[", 1);
	iface(b, s, 1);
	dd_sb_buf_put(b, ",", 1);
	iface(b, s, 2);
	if (o->raid_model) {
		dd_sb_buf_put(b, ",", 1);
		iface(b, s, 3);
	}
	dd_sb_buf_put(b, "],", 2);
	str_field(b, "zone", dd_sb_zone_names[dd_sb_dc_zone(s->dc)], 0);
	key(b, "level");
	dd_sb_buf_put(b, "{", 1);
	uint_field(b, "offer_id", s->business ? 4020 : 4000);
	str_field(b, "level", s->business ? "business" : "basic", 1);
	dd_sb_buf_put(b, "},", 2);
	bool_field(b, "is_outsourced", 0);
	bool_field(b, "qinq", o->raid_model != NULL);
	key(b, "rpn_version");
	dd_sb_buf_cstr(b, dd_sb_rpn_capable(s) ? "2," : "null,");
	key(b, "is_hds");
	dd_sb_buf_cstr(b, "false}");
}

const char *dd_sb_server_summary_text(struct dd_sb_world *w, const struct dd_sb_server *s,
				      size_t *len)
{
	struct dd_sb_wire_cache *c = w->wire;
	size_t i = s->index;
	const char *hit = NULL;

	/* w->gen only moves under the write lock, which our read lock keeps
	 * out: a slot of this generation is never replaced while we read it */
	pthread_mutex_lock(&c->lock);
	if (i < c->n && c->slots[i].text && c->slots[i].gen == w->gen) {
		hit = c->slots[i].text;
		*len = c->slots[i].len;
	}
	pthread_mutex_unlock(&c->lock);
	if (hit)
		return hit;

	struct dd_sb_buf b = { 0 };
	dd_sb_server_summary_wire(w, s, &b);
	size_t n;
	char *text = dd_sb_buf_take(&b, &n);
	if (!text)
		return NULL;
	pthread_mutex_lock(&c->lock);
	if (i >= c->n) {
		size_t want = w->nservers > i ? w->nservers : i + 1;
		struct slot *p = realloc(c->slots, want * sizeof *p);
		if (!p) {
			pthread_mutex_unlock(&c->lock);
			free(text);
			return NULL;
		}
		memset(p + c->n, 0, (want - c->n) * sizeof *p);
		c->slots = p;
		c->n = want;
	}
	struct slot *sl = &c->slots[i];
	if (sl->text && sl->gen == w->gen) {
		/* another reader wrote it meanwhile: theirs is the one others hold */
		free(text);
	} else {
		free(sl->text);
		*sl = (struct slot){ text, n, w->gen };
	}
	hit = sl->text;
	*len = sl->len;
	pthread_mutex_unlock(&c->lock);
	return hit;
}
