#include "core/cache.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/safefile.h"
#include "core/validators.h"
#include "core/vault.h"

/* doc/cache-format.md. The header is in clear so a foreign or future file
 * is told apart from a damaged one without a key, and it is the AEAD's
 * additional data, so none of it can be changed unnoticed. */
static const unsigned char MAGIC[8] = { 'D', 'E', 'D', 'I', 'C', 'A', 'C', 'H' };
#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN crypto_aead_xchacha20poly1305_ietf_ABYTES
/* Bounds on what one record may claim, checked before anything is made of it. */
#define MAX_STR (1u << 20)
#define MAX_LIST 100000u

/* ---- writing ---- */

struct buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
};

static void put(struct buf *b, const void *d, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *np;

		while (cap < b->n + n)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	if (d) /* NULL: room the caller fills */
		memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void put_u64(struct buf *b, uint64_t v)
{
	unsigned char x[8];

	for (int i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	put(b, x, 8);
}

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4];

	for (int i = 0; i < 4; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	put(b, x, 4);
}

static void put_u8(struct buf *b, unsigned v)
{
	unsigned char x = (unsigned char)v;

	put(b, &x, 1);
}

/* The length and the bytes in one reserve: a cache of 10,000 servers
 * writes 150,000 strings. */
static void put_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	unsigned char *d;

	put(b, NULL, 4 + n);
	if (b->oom)
		return;
	d = b->p + b->n - 4 - n;
	d[0] = (unsigned char)n;
	d[1] = (unsigned char)(n >> 8);
	d[2] = (unsigned char)(n >> 16);
	d[3] = (unsigned char)(n >> 24);
	if (n)
		memcpy(d + 4, s, n);
}

static void put_server(struct buf *b, const struct dd_server *s)
{
	unsigned raw = 0;

	put_u64(b, (uint64_t)s->id);
	put_str(b, s->hostname);
	put_str(b, s->zone);
	put_str(b, s->offer);
	put_str(b, s->status);
	put_str(b, s->ipv4);
	put_str(b, s->ipv6);
	put_str(b, s->os);
	put_str(b, s->tags);
	put_str(b, s->datacenter);
	put_str(b, s->project_id);
	put_u64(b, (uint64_t)s->os_id);
	put_u8(b, s->sources);
	put_u8(b, s->detailed);
	for (int i = 0; i < DD_RAW__N; i++)
		raw |= s->raw[i] ? 1u << i : 0;
	put_u8(b, raw);
	for (int i = 0; i < DD_RAW__N; i++)
		if (s->raw[i])
			put_str(b, s->raw[i]);
}

static void put_detail(struct buf *b, const struct dd_server_detail *d)
{
	put_u32(b, (uint32_t)d->n_ifaces);
	for (size_t i = 0; i < d->n_ifaces; i++) {
		const struct dd_iface *f = &d->ifaces[i];

		put_str(b, f->mac);
		put_str(b, f->type);
		put_u32(b, (uint32_t)f->n_ips);
		for (size_t k = 0; k < f->n_ips; k++) {
			put_str(b, f->ips[k].address);
			put_str(b, f->ips[k].version);
			put_str(b, f->ips[k].semantic);
			/* the API's value: the display form is made again on load */
			put_str(b, dd_ip_reverse_raw(&f->ips[k]));
			put_u64(b, (uint64_t)f->ips[k].ip_id);
		}
	}
	put_str(b, d->level);
	put_str(b, d->location);
	put_str(b, d->abuse_contact);
	put_str(b, d->rescue_os);
	put_str(b, d->offer_price);
	put_u32(b, (uint32_t)d->n_options);
	for (size_t i = 0; i < d->n_options; i++)
		put_str(b, d->options[i]);
	put_str(b, d->created_at);
	put_str(b, d->rebooted_at);
	put_str(b, d->expired_at);
	put_u8(b, d->has_bmc);
	put_str(b, d->power);
	put_str(b, d->boot_mode);
}

/* The validators section (format 2): its own version and byte length
 * first, so a later dedi can change it and an earlier reader of format 2
 * skips what it does not know and keeps the servers. */
#define VALIDATORS_SECTION 1u

static void put_validators(struct buf *b, const struct dd_validators *l)
{
	struct buf sec = { 0 };
	uint32_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].body_len <= MAX_STR && dd_etag_ok(l->v[i].etag);
	put_u32(&sec, n);
	for (size_t i = 0; i < l->n && n; i++) {
		const struct dd_validator *v = &l->v[i];

		/* One that would not read back is left out: a full read next time. */
		if (v->body_len > MAX_STR || !dd_etag_ok(v->etag))
			continue;
		put_u64(&sec, (uint64_t)v->id);
		put_str(&sec, v->etag);
		put_u32(&sec, (uint32_t)v->body_len);
		put(&sec, v->body, v->body_len);
	}
	if (sec.oom)
		b->oom = true;
	put_u32(b, VALIDATORS_SECTION);
	put_u64(b, sec.n);
	put(b, sec.p, sec.n);
	free(sec.p);
}

static void put_header(struct buf *b, const struct dd_creds *c, time_t written_at)
{
	put(b, MAGIC, sizeof(MAGIC));
	put_u32(b, DD_CACHE_VERSION);
	put_u64(b, (uint64_t)written_at);
	put_str(b, c->profile);
	put_str(b, c->cache_scope[0] ? c->cache_scope : c->scw_api_url);
	put_str(b, c->cache_scope[0] ? c->cache_scope : c->online_api_url);
}

int dd_cache_seal(const struct dd_store *st, const struct dd_creds *c,
		  const unsigned char key[32], time_t written_at, unsigned char **out,
		  size_t *len, struct dd_error *err)
{
	const struct dd_server_list *l = dd_store_servers(st);
	const struct dd_coll *m = dd_store_meta(st, DD_KIND_SERVERS);
	struct buf h = { 0 }, p = { 0 };
	size_t hlen, at;

	*out = NULL;
	*len = 0;
	put_header(&h, c, written_at);
	if (h.oom || sodium_init() < 0)
		goto oom;
	hlen = h.n;
	/* The file in one buffer, sealed where the records lie (libsodium's
	 * AEAD encrypts in place): header, nonce, records, tag. A second
	 * buffer for the ciphertext was megabytes of pages touched once.
	 * About 250 bytes a server: grown once, not doubled twenty times. */
	p.cap = hlen + NONCE_LEN + 64 + l->n * 256 + TAG_LEN;
	if (!(p.p = malloc(p.cap)))
		goto oom;
	put(&p, h.p, hlen);
	put(&p, NULL, NONCE_LEN);
	at = p.n;
	/* The data's own date: a cache rewritten from a cache keeps its age. */
	put_u64(&p, (uint64_t)m->fetched_at);
	put_u32(&p, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++) {
		put_server(&p, &l->v[i]);
		put_u8(&p, l->v[i].detail != NULL);
		if (l->v[i].detail)
			put_detail(&p, l->v[i].detail);
	}
	put_validators(&p, dd_store_validators(st));
	put(&p, NULL, TAG_LEN);
	if (p.oom)
		goto oom;
	randombytes_buf(p.p + hlen, NONCE_LEN);
	crypto_aead_xchacha20poly1305_ietf_encrypt(p.p + at, NULL, p.p + at, p.n - at - TAG_LEN,
						   p.p, hlen, NULL, p.p + hlen, key);
	*out = p.p;
	*len = p.n;
	/* The plaintext is gone under the ciphertext: records only, no
	 * secret (the key, the one secret here, is the caller's and wiped by
	 * it). */
	free(h.p);
	return 0;
oom:
	free(h.p);
	free(p.p);
	return dd_error_oom(err);
}

/* ---- reading ---- */

struct rd {
	const unsigned char *p;
	size_t n, at;
	bool bad;
};

static bool take(struct rd *r, void *out, size_t n)
{
	if (r->bad || r->n - r->at < n) {
		r->bad = true;
		memset(out, 0, n);
		return false;
	}
	memcpy(out, r->p + r->at, n);
	r->at += n;
	return true;
}

static uint64_t get_u64(struct rd *r)
{
	unsigned char x[8];
	uint64_t v = 0;

	take(r, x, 8);
	for (int i = 7; i >= 0; i--)
		v = v << 8 | x[i];
	return v;
}

static uint32_t get_u32(struct rd *r)
{
	unsigned char x[4];

	take(r, x, 4);
	return (uint32_t)x[0] | (uint32_t)x[1] << 8 | (uint32_t)x[2] << 16 | (uint32_t)x[3] << 24;
}

static unsigned get_u8(struct rd *r)
{
	unsigned char x;

	take(r, &x, 1);
	return x;
}

/* The bytes of a string in place; NULL (and r->bad) when it does not fit
 * or holds a NUL. */
static const char *get_span(struct rd *r, size_t *n)
{
	uint32_t len = get_u32(r);
	const char *s;

	if (r->bad || len > MAX_STR || r->n - r->at < len) {
		r->bad = true;
		return NULL;
	}
	s = (const char *)r->p + r->at;
	if (memchr(s, 0, len)) {
		r->bad = true;
		return NULL;
	}
	r->at += len;
	*n = len;
	return s;
}

static void get_fixed(struct rd *r, char *dst, size_t cap)
{
	size_t n;
	const char *s = get_span(r, &n);

	if (!s || n >= cap) {
		r->bad = true;
		dst[0] = 0;
		return;
	}
	memcpy(dst, s, n);
	dst[n] = 0;
}

/* *dst (NULL or owned) becomes an owned copy. */
static void get_owned(struct rd *r, char **dst)
{
	size_t n;
	const char *s = get_span(r, &n);
	char *v;

	if (!s)
		return;
	v = malloc(n + 1);
	if (!v) {
		r->bad = true;
		return;
	}
	memcpy(v, s, n);
	v[n] = 0;
	free(*dst);
	*dst = v;
}

static size_t get_count(struct rd *r)
{
	uint32_t n = get_u32(r);

	if (n > MAX_LIST)
		r->bad = true;
	return r->bad ? 0 : n;
}

static void get_server(struct rd *r, struct dd_server *s)
{
	unsigned raw;

	s->id = (int64_t)get_u64(r);
	get_owned(r, &s->hostname);
	get_fixed(r, s->zone, sizeof(s->zone));
	get_owned(r, &s->offer);
	get_fixed(r, s->status, sizeof(s->status));
	get_fixed(r, s->ipv4, sizeof(s->ipv4));
	get_fixed(r, s->ipv6, sizeof(s->ipv6));
	get_owned(r, &s->os);
	get_owned(r, &s->tags);
	get_owned(r, &s->datacenter);
	get_fixed(r, s->project_id, sizeof(s->project_id));
	s->os_id = (int64_t)get_u64(r);
	s->sources = get_u8(r);
	s->detailed = get_u8(r) != 0;
	raw = get_u8(r);
	for (int i = 0; i < DD_RAW__N; i++)
		if (raw & 1u << i)
			get_owned(r, &s->raw[i]);
	if (raw >> DD_RAW__N)
		r->bad = true;
}

static void get_detail(struct rd *r, struct dd_server_detail *d)
{
	size_t n = get_count(r);
	char *rev = NULL;

	if (n && !(d->ifaces = calloc(n, sizeof(*d->ifaces)))) {
		r->bad = true;
		return;
	}
	for (size_t i = 0; i < n && !r->bad; i++) {
		struct dd_iface *f = &d->ifaces[i];
		size_t k_n;

		d->n_ifaces = i + 1;
		get_fixed(r, f->mac, sizeof(f->mac));
		get_fixed(r, f->type, sizeof(f->type));
		k_n = get_count(r);
		if (k_n && !(f->ips = calloc(k_n, sizeof(*f->ips)))) {
			r->bad = true;
			return;
		}
		for (size_t k = 0; k < k_n && !r->bad; k++) {
			struct dd_ip *ip = &f->ips[k];

			f->n_ips = k + 1;
			get_fixed(r, ip->address, sizeof(ip->address));
			get_fixed(r, ip->version, sizeof(ip->version));
			get_fixed(r, ip->semantic, sizeof(ip->semantic));
			get_owned(r, &rev);
			if (!rev || dd_ip_set_reverse(ip, rev) < 0)
				r->bad = true;
			free(rev);
			rev = NULL;
			ip->ip_id = (int64_t)get_u64(r);
		}
	}
	get_owned(r, &d->level);
	get_owned(r, &d->location);
	get_owned(r, &d->abuse_contact);
	get_owned(r, &d->rescue_os);
	get_owned(r, &d->offer_price);
	n = get_count(r);
	if (n && !(d->options = calloc(n, sizeof(*d->options)))) {
		r->bad = true;
		return;
	}
	for (size_t i = 0; i < n && !r->bad; i++) {
		d->n_options = i + 1;
		get_owned(r, &d->options[i]);
		if (!d->options[i])
			r->bad = true;
	}
	get_fixed(r, d->created_at, sizeof(d->created_at));
	get_fixed(r, d->rebooted_at, sizeof(d->rebooted_at));
	get_fixed(r, d->expired_at, sizeof(d->expired_at));
	d->has_bmc = get_u8(r) != 0;
	get_fixed(r, d->power, sizeof(d->power));
	get_fixed(r, d->boot_mode, sizeof(d->boot_mode));
}

/* The validators section into out (sorted); an unknown section version
 * is skipped whole. Damage marks r bad, as in the servers. */
static void get_validators(struct rd *r, struct dd_validators *out)
{
	uint32_t version = get_u32(r);
	uint64_t len = get_u64(r);
	size_t end, n;

	if (r->bad || len > r->n - r->at) {
		r->bad = true;
		return;
	}
	end = r->at + (size_t)len;
	if (version != VALIDATORS_SECTION) {
		r->at = end;
		return;
	}
	n = get_count(r);
	for (size_t i = 0; i < n && !r->bad; i++) {
		int64_t id = (int64_t)get_u64(r);
		char etag[DD_ETAG_MAX + 1];
		size_t blen;
		const char *body;

		get_fixed(r, etag, sizeof(etag));
		body = get_span(r, &blen);
		if (r->bad || !body || !dd_etag_ok(etag)) {
			r->bad = true;
			break;
		}
		if (dd_validators_add(out, id, etag, body, blen) < 0)
			r->bad = true;
	}
	if (r->at != end)
		r->bad = true;
	dd_validators_sort(out);
}

static int discard(struct dd_error *err, const char *why)
{
	return dd_error_set(err, DD_E_IO, 0, DD_CACHE_DISCARDED, "%s", why);
}

/* The header against the profile in use. */
static int check_header(struct rd *r, const struct dd_creds *c, time_t *written_at,
			uint32_t *format, struct dd_error *err)
{
	unsigned char magic[sizeof(MAGIC)];
	const char *mine[3] = { c->profile, c->cache_scope[0] ? c->cache_scope : c->scw_api_url,
				c->cache_scope[0] ? c->cache_scope : c->online_api_url };
	static const char *what[3] = { N_("profile"), N_("Scaleway API endpoint"), N_("Online API endpoint") };
	uint32_t version;

	if (!take(r, magic, sizeof(magic)) || memcmp(magic, MAGIC, sizeof(MAGIC)) != 0)
		return discard(err, _("the cache is not a dedi cache (bad magic)"));
	version = get_u32(r);
	if (!r->bad && version > DD_CACHE_VERSION)
		return dd_error_set(err, DD_E_IO, 0, DD_CACHE_DISCARDED,
				    _("the cache was written by a newer dedi (format %u; this one reads %u)"),
				    (unsigned)version, DD_CACHE_VERSION);
	/* Format 1 is format 2 without the validators: still read. */
	if (!r->bad && version != DD_CACHE_VERSION && version != 1)
		return dd_error_set(err, DD_E_IO, 0, DD_CACHE_DISCARDED,
				    _("the cache has an old format (%u)"), (unsigned)version);
	*format = version;
	*written_at = (time_t)get_u64(r);
	for (int i = 0; i < 3; i++) {
		size_t n;
		const char *s = get_span(r, &n);

		if (!s)
			break;
		if (n != strlen(mine[i]) || memcmp(s, mine[i], n) != 0)
			return dd_error_set(err, DD_E_IO, 0, DD_CACHE_DISCARDED,
					    _("the cache belongs to another %s"), _(what[i]));
	}
	if (r->bad)
		return discard(err, _("the cache is damaged (truncated header)"));
	return 0;
}

int dd_cache_unseal(const unsigned char *buf, size_t len, const struct dd_creds *c,
		    const unsigned char key[32], struct dd_store *st, time_t *written_at,
		    struct dd_error *err)
{
	struct rd r = { .p = buf, .n = len };
	struct dd_server_list l;
	struct dd_validators vals;
	unsigned char *pt;
	unsigned long long ptlen;
	size_t hlen, n;
	time_t data_at;
	uint32_t format = 0;

	if (check_header(&r, c, written_at, &format, err) < 0)
		return -1;
	hlen = r.at;
	if (len - hlen < NONCE_LEN + TAG_LEN)
		return discard(err, _("the cache is damaged (truncated)"));
	if (sodium_init() < 0 || !(pt = malloc(len - hlen - NONCE_LEN - TAG_LEN + 1)))
		return dd_error_oom(err);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &ptlen, NULL, buf + hlen + NONCE_LEN,
						       len - hlen - NONCE_LEN, buf, hlen,
						       buf + hlen, key) != 0) {
		free(pt);
		return discard(err, _("the cache does not open with this profile's key "
			       "(damaged, or sealed by another vault or other keys)"));
	}
	r = (struct rd){ .p = pt, .n = (size_t)ptlen };
	data_at = (time_t)get_u64(&r);
	n = get_count(&r);
	dd_server_list_init(&l);
	if (n && dd_server_list_reserve(&l, n) < 0)
		r.bad = true;
	for (size_t i = 0; i < n && !r.bad; i++) {
		struct dd_server *s = dd_server_list_add(&l);

		if (!s) {
			r.bad = true;
			break;
		}
		get_server(&r, s);
		if (get_u8(&r) && !r.bad) {
			struct dd_server_detail *d = malloc(sizeof(*d));

			if (!d || dd_server_detail_init(d) < 0) {
				free(d);
				r.bad = true;
				break;
			}
			s->detail = d;
			get_detail(&r, d);
			/* The detail's summary is the record's, as after a fold. */
			dd_server_clear(&d->s);
			if (!r.bad && dd_server_copy(&d->s, s) < 0)
				r.bad = true;
		}
	}
	dd_validators_init(&vals);
	if (format >= 2 && !r.bad)
		get_validators(&r, &vals);
	if (r.at != r.n)
		r.bad = true;
	/* No wipe: the payload is the records (doc/cache-format.md: no secret
	 * is ever written), which the store now holds in the clear anyway. */
	free(pt);
	if (r.bad) {
		dd_server_list_clear(&l);
		dd_validators_clear(&vals);
		return discard(err, _("the cache is damaged (records do not read back)"));
	}
	dd_validators_swap(dd_store_validators_mut(st), &vals);
	dd_validators_clear(&vals);
	dd_store_replace_servers(st, &l, data_at ? data_at : *written_at);
	dd_store_meta_mut(st, DD_KIND_SERVERS)->cached = true;
	return 0;
}

/* ---- keys and files ---- */

int dd_cache_key(const struct dd_creds *c, unsigned char out[32], struct dd_error *err)
{
	static const char label[] = "dedi cache key v1 (no vault)";
	crypto_generichash_state h;

	if (c->cache_key_set) {
		memcpy(out, c->cache_key, 32);
		return 0;
	}
	if (!c->secret_key[0] && !c->online_token[0])
		return dd_error_set(err, DD_E_AUTH, 0, NULL,
				    _("the profile has no secret to seal a cache with"));
	if (sodium_init() < 0)
		return dd_error_oom(err);
	/* Both secrets, each with its length, so no two pairs hash alike. */
	crypto_generichash_init(&h, NULL, 0, 32);
	crypto_generichash_update(&h, (const unsigned char *)label, sizeof(label));
	for (int i = 0; i < 2; i++) {
		const char *s = i ? c->online_token : c->secret_key;
		unsigned char n[4] = { (unsigned char)strlen(s) };

		crypto_generichash_update(&h, n, sizeof(n));
		crypto_generichash_update(&h, (const unsigned char *)s, strlen(s));
	}
	crypto_generichash_final(&h, out, 32);
	/* The hash state has absorbed the API secrets: wiped. */
	sodium_memzero(&h, sizeof(h));
	return 0;
}

int dd_cache_path(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err)
{
	char dir[4096];

	if (!dd_vault_name_ok(c->profile))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the profile name cannot name a cache file"));
	if (dd_config_dir(DD_XDG_CACHE, dir, sizeof(dir), err) != 0)
		return -1;
	if ((size_t)snprintf(buf, len, "%s/%s.cache", dir, c->profile) >= len)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("the cache path is too long"));
	return 0;
}

int dd_cache_save(const struct dd_store *st, const struct dd_creds *c, struct dd_error *err)
{
	unsigned char *key = sodium_malloc(32), *file = NULL;
	char path[4200], dir[4200];
	size_t len;
	int rc = -1;

	if (!key)
		return dd_error_oom(err);
	if (dd_cache_path(c, path, sizeof(path), err) < 0 || dd_cache_key(c, key, err) < 0 ||
	    dd_safefile_dirname(path, dir, sizeof(dir)) < 0 ||
	    dd_safefile_mkdir_private(dir, err) < 0 ||
	    dd_cache_seal(st, c, key, time(NULL), &file, &len, err) < 0)
		goto out;
	rc = dd_safefile_create_unsynced(path, file, len, err);
out:
	sodium_free(key); /* the cache key: locked memory, wiped at free */
	free(file);       /* ciphertext: nothing to wipe */
	return rc;
}

int dd_cache_load(struct dd_store *st, const struct dd_creds *c, time_t *written_at,
		  struct dd_error *err)
{
	unsigned char *key = NULL, *file = NULL;
	char path[4200];
	size_t len = 0;
	int fd, rc = -1;

	if (dd_cache_path(c, path, sizeof(path), err) < 0)
		return -1;
	fd = dd_safefile_open(path, DD_E_IO, err);
	if (fd == -2) {
		dd_error_clear(err);
		return 0;
	}
	if (fd < 0)
		return -1;
	file = dd_safefile_slurp(fd, path, DD_CACHE_MAX_FILE, &len, DD_E_IO, err);
	close(fd);
	if (!file)
		return -1;
	key = sodium_malloc(32);
	if (!key) {
		dd_error_oom(err);
		goto out;
	}
	if (dd_cache_key(c, key, err) < 0)
		goto out;
	if (dd_cache_unseal(file, len, c, key, st, written_at, err) == 0) {
		rc = 1;
	} else if (!strcmp(err->api_type, DD_CACHE_DISCARDED)) {
		/* Gone, so the next start does not say it again; the fresh
		 * data replaces it. */
		unlink(path);
		dd_error_prefix(err, _("discarded the cache of profile %s"), c->profile);
	}
out:
	sodium_free(key);  /* the cache key: wiped at free */
	sodium_free(file); /* dd_safefile_slurp's buffer (shared with the vault) */
	return rc;
}

int dd_cache_load_validators(struct dd_store *st, const struct dd_creds *c, struct dd_error *err)
{
	struct dd_store *tmp = dd_store_new();
	time_t at;
	int rc;

	if (!tmp)
		return dd_error_oom(err);
	rc = dd_cache_load(tmp, c, &at, err);
	if (rc == 1)
		dd_validators_swap(dd_store_validators_mut(st), dd_store_validators_mut(tmp));
	dd_store_free(tmp);
	return rc;
}

int dd_cache_load_account(struct dd_account *a, time_t *written_at, struct dd_error *err)
{
	int rc = dd_cache_load(dd_account_store_mut(a), dd_account_creds(a), written_at, err);

	if (rc == 1)
		dd_store_notify(dd_account_store(a), DD_KIND_SERVERS, 0);
	return rc;
}

int dd_cache_save_account(const struct dd_account *a, struct dd_error *err)
{
	return dd_cache_save(dd_account_store(a), dd_account_creds(a), err);
}

void dd_cache_age(time_t then, time_t now, char *buf, size_t len)
{
	long long s = (long long)now - (long long)then;

	if (s < 5)
		snprintf(buf, len, "%s", _("just now"));
	else if (s < 60)
		snprintf(buf, len, _("%lld s ago"), s);
	else if (s < 3600)
		snprintf(buf, len, _("%lld min ago"), s / 60);
	else if (s < 2 * 86400)
		snprintf(buf, len, _("%lld h ago"), s / 3600);
	else
		snprintf(buf, len, _("%lld days ago"), s / 86400);
}
