#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/text.h"

int dd_model_set_str(char **field, const char *value)
{
	char *c = strdup(value ? value : "");

	if (!c)
		return -1;
	free(*field);
	*field = c;
	return 0;
}

/* Printable ASCII short enough not to be cut: the sanitizer and the raw
 * copy would both give it back unchanged, so it is copied once. */
static bool plain_ascii(const char *in, size_t len)
{
	if (len > DD_TEXT_MAX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)in[i] < 0x20 || (unsigned char)in[i] > 0x7e)
			return false;
	return true;
}

int dd_server_set_text(struct dd_server *s, enum dd_raw which, char **field, const char *in)
{
	return dd_server_set_textn(s, which, field, in ? in : "", in ? strlen(in) : 0);
}

int dd_server_set_textn(struct dd_server *s, enum dd_raw which, char **field, const char *in,
			size_t len)
{
	char *raw, *c;

	if (plain_ascii(in, len)) {
		c = malloc(len + 1);
		if (!c)
			return -1;
		memcpy(c, in, len);
		c[len] = '\0';
		free(*field);
		*field = c;
		free(s->raw[which]);
		s->raw[which] = NULL;
		return 0;
	}
	raw = dd_text_utf8(in, len);
	c = raw ? dd_text_clean(in, len) : NULL;
	if (!c) {
		free(raw);
		return -1;
	}
	free(*field);
	*field = c;
	free(s->raw[which]);
	s->raw[which] = NULL;
	if (strcmp(raw, *field))
		s->raw[which] = raw;
	else
		free(raw);
	return 0;
}

const char *dd_server_raw(const struct dd_server *s, enum dd_raw which, const char *field)
{
	return s->raw[which] ? s->raw[which] : field;
}

int dd_server_init(struct dd_server *s)
{
	memset(s, 0, sizeof(*s));
	if (dd_model_set_str(&s->hostname, "") < 0 || dd_model_set_str(&s->offer, "") < 0 ||
	    dd_model_set_str(&s->os, "") < 0 || dd_model_set_str(&s->tags, "") < 0 ||
	    dd_model_set_str(&s->datacenter, "") < 0) {
		dd_server_clear(s);
		return -1;
	}
	return 0;
}

void dd_server_clear(struct dd_server *s)
{
	free(s->hostname);
	free(s->offer);
	free(s->os);
	free(s->tags);
	free(s->datacenter);
	for (int i = 0; i < DD_RAW__N; i++)
		free(s->raw[i]);
	if (s->detail) {
		dd_server_detail_clear(s->detail);
		free(s->detail);
	}
	memset(s, 0, sizeof(*s));
}

int dd_server_copy(struct dd_server *dst, const struct dd_server *src)
{
	*dst = *src;
	dst->detail = NULL;
	dst->hostname = dst->offer = dst->os = dst->tags = dst->datacenter = NULL;
	for (int i = 0; i < DD_RAW__N; i++)
		dst->raw[i] = NULL;
	for (int i = 0; i < DD_RAW__N; i++)
		if (src->raw[i] && !(dst->raw[i] = strdup(src->raw[i]))) {
			dd_server_clear(dst);
			return -1;
		}
	if (dd_model_set_str(&dst->hostname, src->hostname) < 0 ||
	    dd_model_set_str(&dst->offer, src->offer) < 0 ||
	    dd_model_set_str(&dst->os, src->os) < 0 ||
	    dd_model_set_str(&dst->tags, src->tags) < 0 ||
	    dd_model_set_str(&dst->datacenter, src->datacenter) < 0) {
		dd_server_clear(dst);
		return -1;
	}
	return 0;
}

void dd_server_list_init(struct dd_server_list *l)
{
	memset(l, 0, sizeof(*l));
}

void dd_server_list_clear(struct dd_server_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		dd_server_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int reserve(struct dd_server_list *l, size_t want)
{
	size_t cap;
	struct dd_server *v;

	if (want <= l->cap)
		return 0;
	cap = l->cap ? l->cap : 64;
	while (cap < want)
		cap *= 2;
	v = realloc(l->v, cap * sizeof(*v));
	if (!v)
		return -1;
	l->v = v;
	l->cap = cap;
	return 0;
}

int dd_server_list_reserve(struct dd_server_list *l, size_t want)
{
	struct dd_server *v;

	if (want <= l->cap)
		return 0;
	v = realloc(l->v, want * sizeof(*v));
	if (!v)
		return -1;
	l->v = v;
	l->cap = want;
	return 0;
}

struct dd_server *dd_server_list_add(struct dd_server_list *l)
{
	struct dd_server *s;

	if (reserve(l, l->n + 1) < 0)
		return NULL;
	s = &l->v[l->n];
	if (dd_server_init(s) < 0)
		return NULL;
	l->n++;
	return s;
}

int dd_server_list_take(struct dd_server_list *dst, struct dd_server_list *src)
{
	if (src->n == 0)
		return 0;
	if (reserve(dst, dst->n + src->n) < 0)
		return -1;
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	memset(src, 0, sizeof(*src));
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct dd_server *)a)->id, y = ((const struct dd_server *)b)->id;
	return (x > y) - (x < y);
}

/* Moves a string field when the destination has none. */
static void fill_str(char **dst, char **src)
{
	if ((*dst)[0] == '\0' && (*src)[0] != '\0') {
		char *t = *dst;
		*dst = *src;
		*src = t;
	}
}

/* The raw value travels with the field fill_str is about to take. */
static void fill_raw(struct dd_server *s, struct dd_server *o, enum dd_raw which, const char *field)
{
	if (field[0] == '\0' && !s->raw[which] && o->raw[which]) {
		s->raw[which] = o->raw[which];
		o->raw[which] = NULL;
	}
}

static void fill_arr(char *dst, const char *src, size_t n)
{
	if (dst[0] == '\0' && src[0] != '\0')
		snprintf(dst, n, "%s", src);
}

int dd_server_list_merge(struct dd_server_list *scw, struct dd_server_list *online)
{
	size_t i = 0, j = 0, n_scw = scw->n;
	struct dd_server_list extra;

	dd_server_list_init(&extra);
	/* Both sorted by id: one linear walk, no quadratic lookups. */
	if (scw->n > 1)
		qsort(scw->v, scw->n, sizeof(*scw->v), cmp_id);
	if (online->n > 1)
		qsort(online->v, online->n, sizeof(*online->v), cmp_id);
	while (j < online->n) {
		struct dd_server *o = &online->v[j];
		while (i < n_scw && scw->v[i].id < o->id)
			i++;
		if (i < n_scw && scw->v[i].id == o->id) {
			struct dd_server *s = &scw->v[i];
			s->sources |= o->sources;
			fill_raw(s, o, DD_RAW_HOSTNAME, s->hostname);
			fill_raw(s, o, DD_RAW_OFFER, s->offer);
			fill_raw(s, o, DD_RAW_OS, s->os);
			fill_raw(s, o, DD_RAW_TAGS, s->tags);
			fill_raw(s, o, DD_RAW_DATACENTER, s->datacenter);
			fill_str(&s->hostname, &o->hostname);
			fill_str(&s->offer, &o->offer);
			fill_str(&s->os, &o->os);
			fill_str(&s->tags, &o->tags);
			fill_str(&s->datacenter, &o->datacenter);
			fill_arr(s->zone, o->zone, sizeof(s->zone));
			fill_arr(s->status, o->status, sizeof(s->status));
			fill_arr(s->ipv4, o->ipv4, sizeof(s->ipv4));
			fill_arr(s->ipv6, o->ipv6, sizeof(s->ipv6));
			dd_server_clear(o);
		} else {
			struct dd_server *x = dd_server_list_add(&extra);
			if (!x) {
				dd_server_list_clear(&extra);
				return -1;
			}
			dd_server_clear(x);
			*x = *o;
			memset(o, 0, sizeof(*o));
		}
		j++;
	}
	free(online->v);
	memset(online, 0, sizeof(*online));
	return dd_server_list_take(scw, &extra);
}

static int cmp_default(const void *a, const void *b)
{
	const struct dd_server *x = a, *y = b;
	int c = strcmp(x->zone, y->zone);

	if (c == 0)
		c = strcmp(x->hostname, y->hostname);
	if (c == 0)
		c = (x->id > y->id) - (x->id < y->id);
	return c;
}

void dd_server_list_sort_default(struct dd_server_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_default);
}

int dd_server_detail_init(struct dd_server_detail *d)
{
	memset(d, 0, sizeof(*d));
	if (dd_server_init(&d->s) < 0 || dd_model_set_str(&d->level, "") < 0 ||
	    dd_model_set_str(&d->location, "") < 0 || dd_model_set_str(&d->abuse_contact, "") < 0 ||
	    dd_model_set_str(&d->rescue_os, "") < 0 || dd_model_set_str(&d->offer_price, "") < 0) {
		dd_server_detail_clear(d);
		return -1;
	}
	return 0;
}

void dd_server_detail_clear(struct dd_server_detail *d)
{
	dd_server_clear(&d->s);
	for (size_t i = 0; i < d->n_ifaces; i++) {
		for (size_t k = 0; k < d->ifaces[i].n_ips; k++) {
			free(d->ifaces[i].ips[k].reverse);
			free(d->ifaces[i].ips[k].reverse_raw);
		}
		free(d->ifaces[i].ips);
	}
	free(d->ifaces);
	for (size_t i = 0; i < d->n_options; i++)
		free(d->options[i]);
	free(d->options);
	free(d->level);
	free(d->location);
	free(d->abuse_contact);
	free(d->rescue_os);
	free(d->offer_price);
	memset(d, 0, sizeof(*d));
}

static int copy_if_empty(char **dst, const char *src)
{
	if ((*dst)[0] == '\0' && src && src[0])
		return dd_model_set_str(dst, src);
	return 0;
}

static int copy_raw_if_empty(struct dd_server *d, const struct dd_server *s, enum dd_raw which,
			     const char *field)
{
	if (field[0] == '\0' && !d->raw[which] && s->raw[which] &&
	    !(d->raw[which] = strdup(s->raw[which])))
		return -1;
	return 0;
}

static int copy_ifaces(struct dd_server_detail *dst, const struct dd_server_detail *src)
{
	dst->ifaces = calloc(src->n_ifaces, sizeof(*dst->ifaces));
	if (!dst->ifaces)
		return -1;
	for (size_t i = 0; i < src->n_ifaces; i++) {
		const struct dd_iface *s = &src->ifaces[i];
		struct dd_iface *d = &dst->ifaces[i];
		*d = *s;
		d->ips = calloc(s->n_ips ? s->n_ips : 1, sizeof(*d->ips));
		d->n_ips = 0;
		dst->n_ifaces = i + 1;
		if (!d->ips)
			return -1;
		for (size_t k = 0; k < s->n_ips; k++) {
			d->ips[k] = s->ips[k];
			d->ips[k].reverse = strdup(s->ips[k].reverse ? s->ips[k].reverse : "");
			d->ips[k].reverse_raw = s->ips[k].reverse_raw ? strdup(s->ips[k].reverse_raw) : NULL;
			d->n_ips = k + 1;
			if (!d->ips[k].reverse || (s->ips[k].reverse_raw && !d->ips[k].reverse_raw))
				return -1;
		}
	}
	return 0;
}

int dd_server_detail_merge(struct dd_server_detail *dst, const struct dd_server_detail *src)
{
	struct dd_server *d = &dst->s;
	const struct dd_server *s = &src->s;

	d->sources |= s->sources;
	if (copy_raw_if_empty(d, s, DD_RAW_HOSTNAME, d->hostname) < 0 ||
	    copy_raw_if_empty(d, s, DD_RAW_OFFER, d->offer) < 0 ||
	    copy_raw_if_empty(d, s, DD_RAW_OS, d->os) < 0 ||
	    copy_raw_if_empty(d, s, DD_RAW_TAGS, d->tags) < 0 ||
	    copy_raw_if_empty(d, s, DD_RAW_DATACENTER, d->datacenter) < 0)
		return -1;
	if (copy_if_empty(&d->hostname, s->hostname) < 0 || copy_if_empty(&d->offer, s->offer) < 0 ||
	    copy_if_empty(&d->os, s->os) < 0 || copy_if_empty(&d->tags, s->tags) < 0 ||
	    copy_if_empty(&d->datacenter, s->datacenter) < 0 ||
	    copy_if_empty(&dst->level, src->level) < 0 ||
	    copy_if_empty(&dst->location, src->location) < 0 ||
	    copy_if_empty(&dst->abuse_contact, src->abuse_contact) < 0 ||
	    copy_if_empty(&dst->offer_price, src->offer_price) < 0)
		return -1;
	fill_arr(d->zone, s->zone, sizeof(d->zone));
	fill_arr(d->status, s->status, sizeof(d->status));
	fill_arr(d->ipv4, s->ipv4, sizeof(d->ipv4));
	fill_arr(d->ipv6, s->ipv6, sizeof(d->ipv6));
	fill_arr(dst->power, src->power, sizeof(dst->power));
	fill_arr(dst->boot_mode, src->boot_mode, sizeof(dst->boot_mode));
	fill_arr(dst->created_at, src->created_at, sizeof(dst->created_at));
	fill_arr(dst->rebooted_at, src->rebooted_at, sizeof(dst->rebooted_at));
	if (dst->n_ifaces == 0 && src->n_ifaces > 0 && copy_ifaces(dst, src) < 0)
		return -1;
	return 0;
}

void dd_event_page_clear(struct dd_event_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].description);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void dd_option_list_clear(struct dd_option_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void dd_failover_list_clear(struct dd_failover_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].reverse);
		free(l->v[i].reverse_raw);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int dd_ip_set_reverse(struct dd_ip *p, const char *in)
{
	size_t len = in ? strlen(in) : 0;
	char *c = dd_text_clean(in, len), *raw = c ? dd_text_utf8(in, len) : NULL;

	if (!raw) {
		free(c);
		return -1;
	}
	if (strcmp(raw, c) == 0) {
		free(raw);
		raw = NULL;
	}
	free(p->reverse);
	free(p->reverse_raw);
	p->reverse = c;
	p->reverse_raw = raw;
	return 0;
}

const char *dd_ip_reverse_raw(const struct dd_ip *p)
{
	return p->reverse_raw ? p->reverse_raw : p->reverse;
}

const char *dd_failover_reverse_raw(const struct dd_failover *f)
{
	return f->reverse_raw ? f->reverse_raw : f->reverse;
}

int dd_failover_list_take(struct dd_failover_list *dst, struct dd_failover_list *src)
{
	struct dd_failover *nv;

	if (!src->n)
		return 0;
	nv = realloc(dst->v, (dst->n + src->n) * sizeof(*nv));
	if (!nv)
		return -1;
	memcpy(nv + dst->n, src->v, src->n * sizeof(*nv));
	dst->v = nv;
	dst->n += src->n;
	free(src->v);
	memset(src, 0, sizeof(*src));
	return 0;
}

int dd_ip_semantic_rank(const char *semantic)
{
	static const struct { const char *name; int rank; } ranks[] = {
		{ "proxad", 0 },                   /* the server's own address (Dedibox) */
		{ "public", 1 },                   /* a public one (Online calls its own so) */
		{ "ext", 2 },                      /* an extra address of its own */
		{ "unknown", 3 }, { "", 3 },
		{ "redirect", 4 }, { "failover", 4 }, /* moves to other servers */
		{ "migration", 5 },                /* on its way out */
		{ "private", -1 }, { "ipmi", -1 }, { "adm", -1 },
	};
	for (size_t i = 0; i < sizeof(ranks) / sizeof(ranks[0]); i++)
		if (strcmp(semantic, ranks[i].name) == 0)
			return ranks[i].rank;
	return 3; /* a semantic newer than this list: after the known public ones */
}

/* The display's list, joined on plain commas, as editable text. */
static char *dd_tags_text_plain(const char *tags)
{
	size_t n = 1, k = 0;
	char *copy = strdup(tags ? tags : ""), **v, *out;

	if (!copy)
		return NULL;
	for (const char *p = copy; *p; p++)
		n += *p == ',';
	v = calloc(n, sizeof(*v));
	if (!v) {
		free(copy);
		return NULL;
	}
	for (char *p = copy; *p;) {
		size_t len = strcspn(p, ",");
		v[k++] = p;
		p += len;
		if (*p)
			*p++ = '\0';
	}
	out = dd_tags_join((const char *const *)v, k);
	free(v);
	free(copy);
	return out;
}

char *dd_server_tags_text(const struct dd_server *s)
{
	const char *raw = s->raw[DD_RAW_TAGS];
	char **v, *out = NULL;
	size_t n = 0, k = 0;

	/* Without raw tags, none held a comma or needed cleaning: the
	 * display's comma-joined list is the list. */
	if (!raw)
		return dd_tags_text_plain(s->tags);
	for (const char *p = raw; *p; p++)
		n += *p == DD_RAW_TAG_SEP;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (const char *p = raw;; k++) {
		size_t len = strcspn(p, (const char[]){ DD_RAW_TAG_SEP, 0 });
		if (!(v[k] = dd_text_clean(p, len)))
			goto out;
		p += len;
		if (!*p) {
			k++;
			break;
		}
		p++;
	}
	out = dd_tags_join((const char *const *)v, k);
out:
	for (size_t i = 0; i <= n; i++)
		free(v[i]);
	free(v);
	return out;
}
