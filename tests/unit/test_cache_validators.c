/* The Online validators in the encrypted cache (format 2): they read back
 * with their bodies, sorted; a format-1 file (no section) still loads,
 * without them; a section of an unknown version is skipped, the servers
 * kept; a damaged section discards the file. And the tags dedi would send
 * back: nothing that could split a header line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/cache.h"
#include "core/store.h"
#include "core/validators.h"

#define SECRET "11111111-2222-4333-8444-fa4e5ec7e700"
#define TOKEN "fakeonlinetoken0000000000000000000000000"
#define URL "http://127.0.0.1:1"
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES

static unsigned char key[32] = { 7 };

static struct dd_creds *creds(void)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->profile, sizeof(c->profile), "work");
	snprintf(c->secret_key, sizeof(c->secret_key), SECRET);
	snprintf(c->online_token, sizeof(c->online_token), TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", URL);
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", URL);
	return c;
}

/* Two servers; validators for 12 and 11 (added out of order), or none. */
static struct dd_store *fleet(int with_validators)
{
	struct dd_store *st = dd_store_new();
	struct dd_server_list l;

	assert_non_null(st);
	dd_server_list_init(&l);
	for (int i = 0; i < 2; i++) {
		struct dd_server *s = dd_server_list_add(&l);

		assert_non_null(s);
		s->id = 11 + i;
		assert_int_equal(dd_model_set_str(&s->hostname, i ? "b.example" : "a.example"), 0);
		s->sources = DD_SRC_ONLINE;
	}
	dd_store_replace_servers(st, &l, 1700000000);
	if (with_validators) {
		struct dd_validators *v = dd_store_validators_mut(st);

		assert_int_equal(dd_validators_add(v, 12, "W/\"b-2\"", "{\"id\":12}", 9), 0);
		assert_int_equal(dd_validators_add(v, 11, "\"a-1\"", "{\"id\":11,\"hostname\":\"a\"}", 24), 0);
		dd_validators_sort(v);
	}
	return st;
}

static void round_trip(void **state)
{
	struct dd_creds *c = creds();
	struct dd_store *st = fleet(1), *back = dd_store_new();
	const struct dd_validator *v;
	unsigned char *buf;
	size_t len;
	time_t at;
	struct dd_error err;
	(void)state;

	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, &buf, &len, &err), 0);
	assert_int_equal(buf[8], DD_CACHE_VERSION);
	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), 0);
	assert_int_equal(dd_store_servers(back)->n, 2);
	assert_int_equal(dd_store_validators(back)->n, 2);
	assert_int_equal(dd_store_validators(back)->v[0].id, 11);
	v = dd_validators_find(dd_store_validators(back), 12);
	assert_non_null(v);
	assert_string_equal(v->etag, "W/\"b-2\"");
	assert_int_equal(v->body_len, 9);
	assert_memory_equal(v->body, "{\"id\":12}", 10); /* NUL-terminated too */
	assert_null(dd_validators_find(dd_store_validators(back), 13));
	/* The body is sealed, not in clear. */
	assert_null(memmem(buf, len, "hostname", 8));
	free(buf);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

/* Re-seals buf with the version at offset 8 set to version and the last
 * cut bytes of the payload replaced by the add bytes. */
static void reseal(unsigned char **buf, size_t *len, const struct dd_creds *c, unsigned version,
		   size_t cut, const unsigned char *add, size_t addn)
{
	size_t hlen = 8 + 4 + 8 + 4 + strlen(c->profile) + 4 + strlen(c->scw_api_url) + 4 +
		      strlen(c->online_api_url);
	size_t ctlen = *len - hlen - NONCE;
	unsigned char *pt = malloc(ctlen + addn), *out;
	unsigned long long ptlen;

	assert_non_null(pt);
	assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &ptlen, NULL, *buf + hlen + NONCE, ctlen,
								    *buf, hlen, *buf + hlen, key), 0);
	assert_true(ptlen >= cut);
	ptlen -= cut;
	if (addn) /* add may be NULL: memcpy from NULL is undefined even for 0 bytes */
		memcpy(pt + ptlen, add, addn);
	ptlen += addn;
	out = malloc(hlen + NONCE + ptlen + TAG);
	assert_non_null(out);
	memcpy(out, *buf, hlen + NONCE);
	out[8] = (unsigned char)version;
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + hlen + NONCE, NULL, pt, ptlen, out, hlen, NULL,
						   out + hlen, key);
	free(pt);
	free(*buf);
	*buf = out;
	*len = hlen + NONCE + ptlen + TAG;
}

static void format_1_still_loads(void **state)
{
	struct dd_creds *c = creds();
	struct dd_store *st = fleet(0), *back = fleet(1);
	unsigned char *buf;
	size_t len;
	time_t at;
	struct dd_error err;
	(void)state;

	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, &buf, &len, &err), 0);
	/* An empty section is 16 bytes: version, length, count 0. */
	reseal(&buf, &len, c, 1, 16, NULL, 0);
	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), 0);
	assert_int_equal(dd_store_servers(back)->n, 2);
	assert_string_equal(dd_store_server(back, 11)->hostname, "a.example");
	/* No validators in it: the ones held before are gone with the rest. */
	assert_int_equal(dd_store_validators(back)->n, 0);
	free(buf);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

static void unknown_section_skipped(void **state)
{
	static const unsigned char later[] = { 9, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 'x', 'y', 'z' };
	struct dd_creds *c = creds();
	struct dd_store *st = fleet(0), *back = dd_store_new();
	unsigned char *buf;
	size_t len;
	time_t at;
	struct dd_error err;
	(void)state;

	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, &buf, &len, &err), 0);
	reseal(&buf, &len, c, DD_CACHE_VERSION, 16, later, sizeof(later));
	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), 0);
	assert_int_equal(dd_store_servers(back)->n, 2);
	assert_int_equal(dd_store_validators(back)->n, 0);
	free(buf);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

static void damaged_section(void **state)
{
	/* Claims 1000 bytes that are not there. */
	static const unsigned char bad[] = { 1, 0, 0, 0, 0xe8, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* One validator whose tag holds a space: not a tag dedi sends. */
	static const unsigned char badtag[] = { 1, 0, 0, 0, 22, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
						11, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, '"', ' ', '"',
						0, 0, 0, 0 };
	struct dd_creds *c = creds();
	struct dd_store *st = fleet(0), *back = fleet(1);
	unsigned char *buf;
	size_t len;
	time_t at;
	struct dd_error err;
	(void)state;

	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, &buf, &len, &err), 0);
	reseal(&buf, &len, c, DD_CACHE_VERSION, 16, bad, sizeof(bad));
	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), -1);
	assert_string_equal(err.api_type, DD_CACHE_DISCARDED);
	free(buf);
	assert_int_equal(dd_cache_seal(st, c, key, 1700000100, &buf, &len, &err), 0);
	reseal(&buf, &len, c, DD_CACHE_VERSION, 16, badtag, sizeof(badtag));
	assert_int_equal(dd_cache_unseal(buf, len, c, key, back, &at, &err), -1);
	assert_string_equal(err.api_type, DD_CACHE_DISCARDED);
	/* The store is untouched by a refused file. */
	assert_int_equal(dd_store_validators(back)->n, 2);
	free(buf);
	dd_store_free(st);
	dd_store_free(back);
	dd_creds_free(c);
}

static void tags(void **state)
{
	char longtag[DD_ETAG_MAX + 2];
	struct dd_validators l;
	(void)state;

	assert_true(dd_etag_ok("\"abc\""));
	assert_true(dd_etag_ok("W/\"abc\""));
	assert_false(dd_etag_ok(""));
	assert_false(dd_etag_ok(NULL));
	assert_false(dd_etag_ok("\"a\"\r\nX-Evil: 1"));
	assert_false(dd_etag_ok("\"a b\""));
	assert_false(dd_etag_ok("\"caf\xc3\xa9\""));
	memset(longtag, 'a', sizeof(longtag) - 1);
	longtag[sizeof(longtag) - 1] = '\0';
	assert_false(dd_etag_ok(longtag));
	longtag[DD_ETAG_MAX] = '\0';
	assert_true(dd_etag_ok(longtag));

	dd_validators_init(&l);
	assert_null(dd_validators_find(&l, 1));
	for (int i = 5; i > 0; i--)
		assert_int_equal(dd_validators_add(&l, i, "\"t\"", "{}", 2), 0);
	assert_int_equal(dd_validators_add(&l, 3, "\"dup\"", "{}", 2), 0);
	dd_validators_sort(&l);
	assert_int_equal(l.n, 5);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].id, (int64_t)i + 1);
	assert_non_null(dd_validators_find(&l, 3));
	assert_null(dd_validators_find(&l, 6));
	dd_validators_clear(&l);
	assert_int_equal(l.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(format_1_still_loads),
		cmocka_unit_test(unknown_section_skipped),
		cmocka_unit_test(damaged_section),
		cmocka_unit_test(tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
