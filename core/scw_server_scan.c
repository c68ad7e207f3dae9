#include "core/scw_server_scan.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_scan.h"
#include "core/text.h"

/* Every check below mirrors one of core/scw_dedibox.c's decode_summary
 * and decode_ifaces (through core/json.c's getters): where the jansson
 * path would fail, this one gives up, so the failure is worded there. */

enum { GIVE_UP = 0, DONE = 1, NOMEM = -1 };

/* An address an interface lists, kept until the interface's type is
 * known (it may come after "ips"). */
struct ip_seen {
	struct dd_js_str addr, ver, sem;
};

struct best {
	struct dd_js_str addr;
	int rank;
};

struct scan {
	struct dd_js js;
	struct ip_seen *ips;    /* the current interface's */
	size_t nips, ips_cap;
};

static const struct dd_js_str EMPTY = { "", 0 };

/* A string or null (then ""), as dd_json_str with required=false. */
static bool opt_str(struct dd_js *js, struct dd_js_str *v)
{
	if (dd_js_null(js)) {
		*v = EMPTY;
		return true;
	}
	return dd_js_string(js, v);
}

static bool opt_int(struct dd_js *js, int64_t *v, bool *present)
{
	if (dd_js_null(js)) {
		*present = false;
		return true;
	}
	*present = true;
	return dd_js_int(js, v);
}

/* A key this decoder reads; a table of them ends with a NULL name. */
struct name {
	const char *s;
	size_t n;
};
#define NAME(lit) { lit, sizeof(lit) - 1 }

/* Index of k in names, -1 when unknown. Lengths and first bytes first:
 * some 40 keys a server, most of them unknown. */
static int which(const struct dd_js_str *k, const struct name *names)
{
	for (int i = 0; names[i].s; i++)
		if (names[i].n == k->n && names[i].s[0] == k->p[0] &&
		    memcmp(names[i].s, k->p, k->n) == 0)
			return i;
	return -1;
}

/* The next key of an object: *idx its index in names or -1 (an unknown
 * key, recorded against duplicates); a known key seen twice gives up. */
static bool next_key(struct dd_js *js, struct dd_js_cur *c, const struct name *names,
		     unsigned *seen, bool *more, int *idx)
{
	struct dd_js_str k;

	if (!dd_js_obj_next(js, c, more, &k))
		return false;
	if (!*more)
		return true;
	*idx = which(&k, names);
	if (*idx < 0)
		return dd_js_key_unknown(js, c, &k);
	if (*seen & (1u << *idx))
		return false;
	*seen |= 1u << *idx;
	return true;
}

static int semantic_rank(const struct dd_js_str *sem)
{
	char buf[16];

	/* No known semantic is this long: such a one ranks as unknown. */
	if (sem->n >= sizeof(buf))
		return dd_ip_semantic_rank("unknown");
	memcpy(buf, sem->p, sem->n);
	buf[sem->n] = '\0';
	return dd_ip_semantic_rank(buf);
}

static const struct name ip_keys[] = {
	NAME("address"), NAME("version"), NAME("semantic"), NAME("reverse"), NAME("ip_id"), { NULL, 0 }
};

static int ip(struct scan *sc)
{
	struct dd_js *js = &sc->js;
	struct dd_js_cur c;
	struct ip_seen v = { EMPTY, EMPTY, EMPTY };
	struct dd_js_str ignored;
	unsigned seen = 0;
	bool more, has_addr = false, present;
	int idx = -1;
	int64_t id;

	if (!dd_js_obj_begin(js, &c))
		return GIVE_UP;
	for (;;) {
		if (!next_key(js, &c, ip_keys, &seen, &more, &idx))
			return GIVE_UP;
		if (!more)
			break;
		bool ok;
		switch (idx) {
		case 0:
			has_addr = !dd_js_null(js);
			ok = !has_addr || dd_js_string(js, &v.addr);
			break;
		case 1: ok = opt_str(js, &v.ver); break;
		case 2: ok = opt_str(js, &v.sem); break;
		case 3: ok = opt_str(js, &ignored); break;
		case 4: ok = opt_int(js, &id, &present); break;
		default: ok = dd_js_skip(js); break;
		}
		if (!ok)
			return GIVE_UP;
	}
	if (!has_addr)
		return GIVE_UP; /* "address" is required */
	if (sc->nips == sc->ips_cap) {
		size_t cap = sc->ips_cap ? sc->ips_cap * 2 : 8;
		struct ip_seen *n = realloc(sc->ips, cap * sizeof(*n));
		if (!n)
			return NOMEM;
		sc->ips = n;
		sc->ips_cap = cap;
	}
	sc->ips[sc->nips++] = v;
	return DONE;
}

static const struct name iface_keys[] = { NAME("type"), NAME("mac"), NAME("ips"), { NULL, 0 } };

/* The primary IPv4 and IPv6 as decode_ifaces picks them: the first of
 * the best rank, interface after interface, address after address. */
static int iface(struct scan *sc, struct best *b4, struct best *b6)
{
	struct dd_js *js = &sc->js;
	struct dd_js_cur c, a;
	struct dd_js_str type = EMPTY, mac;
	unsigned seen = 0;
	bool more;
	int idx = -1, rc;

	sc->nips = 0;
	if (!dd_js_obj_begin(js, &c))
		return GIVE_UP;
	for (;;) {
		if (!next_key(js, &c, iface_keys, &seen, &more, &idx))
			return GIVE_UP;
		if (!more)
			break;
		if (idx == 0 || idx == 1) {
			if (!opt_str(js, idx == 0 ? &type : &mac))
				return GIVE_UP;
		} else if (idx < 0) {
			if (!dd_js_skip(js))
				return GIVE_UP;
		} else if (!dd_js_null(js)) {
			if (!dd_js_arr_begin(js, &a))
				return GIVE_UP;
			for (;;) {
				if (!dd_js_arr_next(js, &a, &more))
					return GIVE_UP;
				if (!more)
					break;
				if ((rc = ip(sc)) != DONE)
					return rc;
			}
		}
	}
	for (size_t k = 0; k < sc->nips; k++) {
		const struct ip_seen *p = &sc->ips[k];
		int rank = dd_js_str_is(&type, "ipmi") ? -1 : semantic_rank(&p->sem);

		if (rank >= 0 && dd_js_str_is(&p->ver, "ipv4") && rank < b4->rank)
			*b4 = (struct best){ p->addr, rank };
		if (rank >= 0 && dd_js_str_is(&p->ver, "ipv6") && rank < b6->rank)
			*b6 = (struct best){ p->addr, rank };
	}
	return DONE;
}

static const struct name server_keys[] = {
	NAME("id"), NAME("hostname"), NAME("status"), NAME("zone"), NAME("offer_name"),
	NAME("datacenter_name"), NAME("project_id"), NAME("os_id"), NAME("interfaces"), { NULL, 0 }
};
enum { S_ID, S_HOST, S_STATUS, S_ZONE, S_OFFER, S_DC, S_PROJ, S_OS_ID, S_IFACES };

static void clean_into(const struct dd_js_str *v, char *dst, size_t n)
{
	dd_text_clean_buf(v->p, v->n, dst, n);
}

static int server(struct scan *sc, const char *zone, struct dd_server_list *out)
{
	struct dd_js *js = &sc->js;
	struct dd_js_cur c, a;
	struct dd_js_str str[S_PROJ + 1];
	struct best b4 = { EMPTY, INT_MAX }, b6 = { EMPTY, INT_MAX };
	struct dd_server *s;
	int64_t id = 0, os_id = 0;
	unsigned seen = 0;
	bool more, has_id = false, present;
	int idx = -1, rc;

	for (int i = 0; i <= S_PROJ; i++)
		str[i] = EMPTY;
	if (!dd_js_obj_begin(js, &c))
		return GIVE_UP;
	for (;;) {
		if (!next_key(js, &c, server_keys, &seen, &more, &idx))
			return GIVE_UP;
		if (!more)
			break;
		bool ok = true;
		if (idx < 0) {
			ok = dd_js_skip(js);
		} else if (idx == S_ID) {
			ok = opt_int(js, &id, &has_id);
		} else if (idx == S_OS_ID) {
			ok = opt_int(js, &os_id, &present);
		} else if (idx == S_IFACES) {
			if (!dd_js_null(js)) {
				ok = dd_js_arr_begin(js, &a);
				while (ok) {
					ok = dd_js_arr_next(js, &a, &more);
					if (!ok || !more)
						break;
					if ((rc = iface(sc, &b4, &b6)) != DONE)
						return rc;
				}
			}
		} else {
			ok = opt_str(js, &str[idx]);
		}
		if (!ok)
			return GIVE_UP;
	}
	/* A missing or null id, or one below 1, is an error of the jansson
	 * path ("expected a positive server id"). */
	if (!has_id || id <= 0)
		return GIVE_UP;
	s = dd_server_list_add(out);
	if (!s)
		return NOMEM;
	s->id = id;
	s->os_id = os_id;
	s->sources = DD_SRC_SCW;
	if (dd_server_set_textn(s, DD_RAW_HOSTNAME, &s->hostname, str[S_HOST].p, str[S_HOST].n) < 0 ||
	    dd_server_set_textn(s, DD_RAW_OFFER, &s->offer, str[S_OFFER].p, str[S_OFFER].n) < 0 ||
	    dd_server_set_textn(s, DD_RAW_DATACENTER, &s->datacenter, str[S_DC].p, str[S_DC].n) < 0)
		return NOMEM;
	clean_into(&str[S_STATUS], s->status, sizeof(s->status));
	if (str[S_ZONE].n)
		clean_into(&str[S_ZONE], s->zone, sizeof(s->zone));
	else
		dd_text_clean_str(zone, s->zone, sizeof(s->zone));
	clean_into(&str[S_PROJ], s->project_id, sizeof(s->project_id));
	if (b4.rank != INT_MAX)
		clean_into(&b4.addr, s->ipv4, sizeof(s->ipv4));
	if (b6.rank != INT_MAX)
		clean_into(&b6.addr, s->ipv6, sizeof(s->ipv6));
	return DONE;
}

static const struct name page_keys[] = { NAME("servers"), NAME("total_count"), { NULL, 0 } };

static int page(struct scan *sc, const char *zone, struct dd_server_list *out, int64_t *total)
{
	struct dd_js *js = &sc->js;
	struct dd_js_cur c, a;
	unsigned seen = 0;
	bool more, has_list = false, present;
	int idx = -1, rc;

	*total = -1;
	if (!dd_js_obj_begin(js, &c))
		return GIVE_UP;
	for (;;) {
		if (!next_key(js, &c, page_keys, &seen, &more, &idx))
			return GIVE_UP;
		if (!more)
			break;
		if (idx < 0) {
			if (!dd_js_skip(js))
				return GIVE_UP;
		} else if (idx == 1) {
			if (!opt_int(js, total, &present))
				return GIVE_UP;
			if (!present)
				*total = -1;
		} else if (!dd_js_null(js)) {
			has_list = true;
			if (!dd_js_arr_begin(js, &a))
				return GIVE_UP;
			for (;;) {
				if (!dd_js_arr_next(js, &a, &more))
					return GIVE_UP;
				if (!more)
					break;
				if ((rc = server(sc, zone, out)) != DONE)
					return rc;
			}
		}
	}
	/* No list though total_count says there are servers: the jansson
	 * path's error ("missing, though total_count is N"). */
	if (!dd_js_end(js) || (!has_list && *total > 0))
		return GIVE_UP;
	return DONE;
}

int dd_scw_scan_server_page(const char *body, size_t len, const char *zone,
			    struct dd_server_list *out, int64_t *total, struct dd_error *err)
{
	struct scan sc = { 0 };
	size_t start = out->n;
	int64_t t = -1;
	int rc = GIVE_UP;

	if (dd_js_init(&sc.js, body, len))
		rc = page(&sc, zone, out, &t);
	if (rc == GIVE_UP && sc.js.oom)
		rc = NOMEM;
	dd_js_free(&sc.js);
	free(sc.ips);
	if (rc != DONE) {
		/* A page is taken whole or not at all. */
		while (out->n > start)
			dd_server_clear(&out->v[--out->n]);
		if (rc == NOMEM)
			return dd_error_oom(err);
		return 0;
	}
	*total = t;
	return 1;
}
