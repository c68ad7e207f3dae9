/* The encrypted cache: a fleet with details reads back field for field;
 * a truncated, bit-flipped, foreign (profile, endpoint, key) or
 * future-version file is refused with its reason and leaves the store
 * untouched; the file is 0600 under umask 000 and 077; no secret byte of
 * the profile is in it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/cache.h"
#include "core/store.h"

#define SECRET "11111111-2222-4333-8444-fa4e5ec7e700"
#define TOKEN "fakeonlinetoken0000000000000000000000000"

static struct dd_creds *creds(const char *profile, const char *url)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->profile, sizeof(c->profile), "%s", profile);
	snprintf(c->secret_key, sizeof(c->secret_key), SECRET);
	snprintf(c->online_token, sizeof(c->online_token), TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", url);
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", url);
	return c;
}

/* Three servers; the second with a detail, a raw hostname and odd bytes. */
static struct dd_store *fleet(void)
{
	struct dd_store *st = dd_store_new();
	struct dd_server_list l;
	struct dd_server_detail d;

	assert_non_null(st);
	dd_server_list_init(&l);
	for (int i = 0; i < 3; i++) {
		struct dd_server *s = dd_server_list_add(&l);
		char host[32];

		assert_non_null(s);
		s->id = 1000 + i;
		snprintf(host, sizeof(host), "sd-%d.example", i);
		assert_int_equal(dd_model_set_str(&s->hostname, host), 0);
		assert_int_equal(dd_model_set_str(&s->offer, "Start-2-M-SATA"), 0);
		assert_int_equal(dd_model_set_str(&s->tags, "web,prod"), 0);
		snprintf(s->zone, sizeof(s->zone), "fr-par-%d", 1 + i % 2);
		snprintf(s->status, sizeof(s->status), "ready");
		snprintf(s->ipv4, sizeof(s->ipv4), "51.15.0.%d", i + 1);
		s->sources = DD_SRC_SCW | (i == 1 ? DD_SRC_ONLINE : 0);
		s->os_id = 7;
	}
	assert_int_equal(dd_model_set_str(&l.v[1].raw[DD_RAW_HOSTNAME], "sd-1\x1b[31m"), 0);
	dd_store_replace_servers(st, &l, 1700000000);
	assert_int_equal(dd_server_detail_init(&d), 0);
	assert_int_equal(dd_server_copy((dd_server_clear(&d.s), &d.s), dd_store_server(st, 1001)), 0);
	assert_int_equal(dd_model_set_str(&d.location, "DC3 room 4 rack A23"), 0);
	assert_int_equal(dd_model_set_str(&d.s.os, "Debian 12"), 0);
	d.options = calloc(1, sizeof(*d.options));
	assert_non_null(d.options);
	d.options[0] = strdup("backup 100 GB");
	d.n_options = 1;
	d.ifaces = calloc(1, sizeof(*d.ifaces));
	assert_non_null(d.ifaces);
	d.n_ifaces = 1;
	snprintf(d.ifaces[0].mac, sizeof(d.ifaces[0].mac), "00:11:22:33:44:55");
	snprintf(d.ifaces[0].type, sizeof(d.ifaces[0].type), "normal");
	d.ifaces[0].ips = calloc(2, sizeof(*d.ifaces[0].ips));
	d.ifaces[0].n_ips = 2;
	snprintf(d.ifaces[0].ips[0].address, sizeof(d.ifaces[0].ips[0].address), "51.15.0.2");
	d.ifaces[0].ips[0].reverse = strdup("sd-1.example.");
	/* a reverse whose display form differs: the cache keeps the API's */
	snprintf(d.ifaces[0].ips[1].address, sizeof(d.ifaces[0].ips[1].address), "51.15.0.3");
	assert_int_equal(dd_ip_set_reverse(&d.ifaces[0].ips[1], "evil\x1b[2J\xe2\x80\xae.example."), 0);
	assert_string_equal(d.ifaces[0].ips[1].reverse, "evil\\u{1B}[2J\\u{202E}.example.");
	d.has_bmc = true;
	snprintf(d.boot_mode, sizeof(d.boot_mode), "rescue");
	assert_non_null(dd_store_fold_detail(st, &d));
	return st;
}

static unsigned char key_a[32] = { 1 }, key_b[32] = { 2 };

static void seal(const struct dd_store *st, const struct dd_creds *c, const unsigned char *key,
		 unsigned char **buf, size_t *len)
{
	struct dd_error err;

	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, buf, len, &err), 0);
	assert_true(*len > 100);
}

static void round_trip(void **state)
{
	struct dd_creds *c = creds("work", "http://127.0.0.1:1");
	struct dd_store *st = fleet(), *back = dd_store_new();
	const struct dd_server_list *l;
	const struct dd_server *s;
	unsigned char *buf;
	size_t len;
	time_t at = 0;
	struct dd_error err;
	(void)state;

	seal(st, c, key_a, &buf, &len);
	assert_int_equal(dd_cache_unseal(buf, len, c, key_a, back, &at, &err), 0);
	assert_int_equal(at, 1700000100);
	l = dd_store_servers(back);
	assert_int_equal(l->n, 3);
	/* The data's date, not the file's, and marked as cached. */
	assert_int_equal(dd_store_meta(back, DD_KIND_SERVERS)->fetched_at, 1700000000);
	assert_true(dd_store_meta(back, DD_KIND_SERVERS)->cached);
	s = dd_store_server(back, 1001);
	assert_non_null(s);
	assert_string_equal(s->hostname, "sd-1.example");
	assert_string_equal(s->raw[DD_RAW_HOSTNAME], "sd-1\x1b[31m");
	assert_string_equal(s->zone, "fr-par-2");
	assert_string_equal(s->ipv4, "51.15.0.2");
	assert_string_equal(s->os, "Debian 12");
	assert_int_equal(s->sources, DD_SRC_SCW | DD_SRC_ONLINE);
	assert_true(s->detailed);
	assert_non_null(s->detail);
	assert_string_equal(s->detail->location, "DC3 room 4 rack A23");
	assert_string_equal(s->detail->options[0], "backup 100 GB");
	assert_string_equal(s->detail->ifaces[0].ips[0].reverse, "sd-1.example.");
	assert_null(s->detail->ifaces[0].ips[0].reverse_raw);
	assert_string_equal(s->detail->ifaces[0].ips[1].reverse, "evil\\u{1B}[2J\\u{202E}.example.");
	assert_string_equal(dd_ip_reverse_raw(&s->detail->ifaces[0].ips[1]), "evil\x1b[2J\xe2\x80\xae.example.");
	assert_string_equal(s->detail->s.hostname, "sd-1.example");
	assert_true(s->detail->has_bmc);
	assert_string_equal(s->detail->boot_mode, "rescue");
	assert_null(dd_store_server(back, 1000)->detail);
	/* A read of this run takes the mark away. */
	dd_coll_succeed(dd_store_meta_mut(back, DD_KIND_SERVERS), 1700000200);
	assert_false(dd_store_meta(back, DD_KIND_SERVERS)->cached);
	/* No secret of the profile is in the file. */
	assert_null(memmem(buf, len, SECRET, strlen(SECRET)));
	assert_null(memmem(buf, len, TOKEN, strlen(TOKEN)));
	/* Nor the records in clear. */
	assert_null(memmem(buf, len, "sd-1.example", 12));
	free(buf);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

/* A refusal says why and leaves what the store held. */
static void refused(const unsigned char *buf, size_t len, const struct dd_creds *c,
		    const unsigned char *key, const char *why)
{
	struct dd_store *back = dd_store_new();
	struct dd_error err;
	time_t at;

	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), -1);
	assert_string_equal(err.api_type, DD_CACHE_DISCARDED);
	if (!strstr(err.message, why))
		fail_msg("\"%s\" does not say \"%s\"", err.message, why);
	assert_int_equal(dd_store_servers(back)->n, 0);
	assert_false(dd_coll_has_data(dd_store_meta(back, DD_KIND_SERVERS)));
	dd_store_free(back);
}

static void corrupt(void **state)
{
	struct dd_creds *c = creds("work", "http://127.0.0.1:1");
	struct dd_store *st = fleet();
	unsigned char *buf;
	size_t len;
	(void)state;

	seal(st, c, key_a, &buf, &len);
	/* Truncated anywhere: in the header, in the body, one byte short. */
	refused(buf, 5, c, key_a, "not a dedi cache");
	refused(buf, 20, c, key_a, "damaged");
	refused(buf, len / 2, c, key_a, "does not open");
	refused(buf, len - 1, c, key_a, "does not open");
	/* One bit flipped in the sealed part, then in the header's date. */
	buf[len - 40] ^= 0x10;
	refused(buf, len, c, key_a, "does not open");
	buf[len - 40] ^= 0x10;
	buf[13] ^= 0x01;
	refused(buf, len, c, key_a, "does not open");
	buf[13] ^= 0x01;
	/* Whole again: it opens. */
	{
		struct dd_store *back = dd_store_new();
		struct dd_error err;
		time_t at;

		assert_int_equal(dd_cache_unseal(buf, len, c, key_a, back, &at, &err), 0);
		dd_store_free(back);
	}
	free(buf);
	dd_store_free(st);
	dd_creds_free(c);
}

static void foreign_and_version(void **state)
{
	struct dd_creds *c = creds("work", "http://127.0.0.1:1");
	struct dd_creds *other = creds("home", "http://127.0.0.1:1");
	struct dd_creds *moved = creds("work", "http://127.0.0.1:2");
	struct dd_store *st = fleet();
	unsigned char *buf;
	size_t len;
	(void)state;

	seal(st, c, key_a, &buf, &len);
	refused(buf, len, other, key_a, "another profile");
	refused(buf, len, moved, key_a, "another Scaleway API endpoint");
	refused(buf, len, c, key_b, "another vault");
	/* The version follows the magic, little-endian. */
	buf[8] = DD_CACHE_VERSION + 1;
	refused(buf, len, c, key_a, "newer dedi");
	buf[8] = 0;
	refused(buf, len, c, key_a, "old format");
	free(buf);
	dd_store_free(st);
	dd_creds_free(c);
	dd_creds_free(other);
	dd_creds_free(moved);
}

/* The keys: a vault profile's is the one given, the environment's comes
 * from the secrets (another secret, another key). */
static void keys(void **state)
{
	struct dd_creds *c = creds("env", "http://x");
	unsigned char a[32], b[32];
	struct dd_error err;
	(void)state;

	assert_int_equal(dd_cache_key(c, a, &err), 0);
	c->secret_key[0] = '9';
	assert_int_equal(dd_cache_key(c, b, &err), 0);
	assert_memory_not_equal(a, b, 32);
	memcpy(c->cache_key, key_a, 32);
	c->cache_key_set = true;
	assert_int_equal(dd_cache_key(c, a, &err), 0);
	assert_memory_equal(a, key_a, 32);
	c->cache_key_set = false;
	c->secret_key[0] = 0;
	c->online_token[0] = 0;
	assert_int_equal(dd_cache_key(c, a, &err), -1);
	dd_creds_free(c);
}

static void file_mode(mode_t mask)
{
	char dir[] = "/tmp/dedi-cache-test.XXXXXX", path[512];
	struct dd_creds *c = creds("work", "http://127.0.0.1:1");
	struct dd_store *st = fleet(), *back = dd_store_new();
	struct dd_error err;
	struct stat sb;
	time_t at;
	mode_t old;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	old = umask(mask);
	assert_int_equal(dd_cache_save(st, c, &err), 0);
	umask(old);
	snprintf(path, sizeof(path), "%s/dedi/work.cache", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	snprintf(path, sizeof(path), "%s/dedi", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(dd_cache_load(back, c, &at, &err), 1);
	assert_int_equal(dd_store_servers(back)->n, 3);
	/* A damaged file is removed once refused; then there is none. */
	snprintf(path, sizeof(path), "%s/dedi/work.cache", dir);
	f = fopen(path, "r+");
	assert_non_null(f);
	fseek(f, -3, SEEK_END);
	fputc('x', f);
	fclose(f);
	dd_store_free(back);
	back = dd_store_new();
	assert_int_equal(dd_cache_load(back, c, &at, &err), -1);
	assert_non_null(strstr(err.message, "discarded the cache of profile work: "));
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(dd_cache_load(back, c, &at, &err), 0);
	assert_int_equal(rmdir((snprintf(path, sizeof(path), "%s/dedi", dir), path)), 0);
	assert_int_equal(rmdir(dir), 0);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

static void mode_umask_000(void **state)
{
	(void)state;
	file_mode(0);
}

static void mode_umask_077(void **state)
{
	(void)state;
	file_mode(077);
}

static void age(void **state)
{
	char b[32];
	(void)state;

	dd_cache_age(1000, 1002, b, sizeof(b));
	assert_string_equal(b, "just now");
	dd_cache_age(1000, 1000 + 3 * 60 + 10, b, sizeof(b));
	assert_string_equal(b, "3 min ago");
	dd_cache_age(1000, 1000 + 5 * 3600, b, sizeof(b));
	assert_string_equal(b, "5 h ago");
	dd_cache_age(1000, 1000 + 4 * 86400, b, sizeof(b));
	assert_string_equal(b, "4 days ago");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(corrupt),
		cmocka_unit_test(foreign_and_version),
		cmocka_unit_test(keys),
		cmocka_unit_test(mode_umask_000),
		cmocka_unit_test(mode_umask_077),
		cmocka_unit_test(age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
