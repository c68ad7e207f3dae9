/* --hostile: hostnames and tags are the hostile strings, sent byte for
 * byte (valid UTF-8 or not), the same in the Scaleway and Online views. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

static int needs_escape(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '"' || *s == '\\' ||
		    (unsigned char)*s == DD_SB_WIRE_MARK)
			return 1;
	return 0;
}

/* The string as a client reads it: the wire marks become what their
 * escape decodes to (NUL; U+FFFD for an unpaired surrogate), and invalid
 * UTF-8 is repaired. */
static char *expected(const char *h, size_t *outlen)
{
	size_t len = strlen(h), k = 0;
	char *w = malloc(len * 3 + 1);
	for (size_t i = 0; w && i < len; i++) {
		if ((unsigned char)h[i] == DD_SB_WIRE_MARK && (h[i + 1] == '0' || h[i + 1] == 'S' || h[i + 1] == 's')) {
			if (h[++i] == '0') {
				w[k++] = '\0';
			} else {
				memcpy(w + k, "\xef\xbf\xbd", 3);
				k += 3;
			}
		} else {
			w[k++] = h[i];
		}
	}
	char *f = w ? sbt_repair_utf8(w, k, outlen) : NULL;
	free(w);
	return f;
}

static int count_kind(const char *const *hs, size_t n, int (*pred)(const char *))
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += pred(hs[i]);
	return k;
}

static int has_esc(const char *s) { return strchr(s, 0x1b) != NULL; }
static int has_c0(const char *s) { for (; *s; s++) if ((unsigned char)*s < 0x20 && *s != 0x1b) return 1; return 0; }
static int has_c1(const char *s) { for (; s[0] && s[1]; s++) if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f) return 1; return 0; }
static int has_bidi(const char *s) { return strstr(s, "\xe2\x80\xae") || strstr(s, "\xe2\x81\xa6") || strstr(s, "\xe2\x80\xaa"); }
static int has_invalid(const char *s)
{
	size_t n, len = strlen(s);
	char *f = sbt_repair_utf8(s, len, &n);
	int changed = n != len || memcmp(f, s, len) != 0;
	free(f);
	return changed;
}
static int is_long(const char *s) { return strlen(s) >= 10240; }

int main(void)
{
	size_t n;
	const char *const *hs = dd_sandbox_hostile_strings(&n);
	t_ok(n >= 50, "%zu hostile strings (at least 50)", n);
	t_ok(count_kind(hs, n, has_esc) >= 6 && count_kind(hs, n, has_c0) >= 5 && count_kind(hs, n, has_c1) >= 2 &&
	     count_kind(hs, n, has_bidi) >= 3 && count_kind(hs, n, has_invalid) >= 6 && count_kind(hs, n, is_long) == 1,
	     "they cover escape sequences, C0, C1, bidi, invalid UTF-8 and a 10 KB name");

	struct dd_sandbox_opts o = { .seed = 2, .servers = (unsigned)n + 1, .servers_set = 1, .hostile = 1 };
	struct sbt *t = sbt_start(&o);
	static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
	char *raw = NULL;
	size_t rawlen = 0;
	json_t *names = json_array(), *tags = json_array();
	for (size_t z = 0; z < 3; z++) {
		char path[128];
		struct sbt_resp r;
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=100", zones[z]);
		sbt_get(t, path, &r);
		const json_t *s;
		size_t i;
		json_array_foreach(json_object_get(r.json, "servers"), i, s) {
			json_array_append(names, json_object_get(s, "hostname"));
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld", zones[z],
				 (long long)json_integer_value(json_object_get(s, "id")));
			struct sbt_resp g;
			sbt_get(t, path, &g);
			json_array_extend(tags, json_object_get(g.json, "tags"));
			raw = realloc(raw, rawlen + g.len + 1);
			memcpy(raw + rawlen, g.body, g.len);
			rawlen += g.len;
			sbt_resp_free(&g);
		}
		sbt_resp_free(&r);
	}
	size_t seen = 0, raw_seen = 0, raw_wanted = 0;
	for (size_t i = 0; i < n; i++) {
		size_t fl;
		char *fixed = expected(hs[i], &fl);
		int found = 0;
		const json_t *v;
		size_t k;
		json_array_foreach(names, k, v)
			found |= json_string_length(v) == fl && memcmp(json_string_value(v), fixed, fl) == 0;
		seen += found;
		if (!found)
			t_diag("hostile string %zu is no hostname", i);
		free(fixed);
		if (!needs_escape(hs[i]) && *hs[i]) {
			raw_wanted++;
			raw_seen += memmem(raw, rawlen, hs[i], strlen(hs[i])) != NULL;
		}
	}
	t_ok(seen == n, "every hostile string is some server's hostname (%zu/%zu)", seen, n);
	t_ok(raw_seen == raw_wanted, "their bytes go out unchanged, invalid UTF-8 included (%zu/%zu)", raw_seen, raw_wanted);
	size_t hostile_tags = 0;
	const json_t *v;
	size_t k;
	json_array_foreach(tags, k, v) {
		for (size_t i = 0; i < n; i++) {
			size_t fl;
			char *fixed = expected(hs[i], &fl);
			if (json_string_length(v) == fl && memcmp(json_string_value(v), fixed, fl) == 0) {
				hostile_tags++;
				free(fixed);
				break;
			}
			free(fixed);
		}
	}
	t_ok(json_array_size(tags) > 0 && hostile_tags == json_array_size(tags), "every tag is a hostile string (%zu)", hostile_tags);
	t_ok(strstr(raw, "\"web-prod-01\"") && memmem(raw, rawlen, "w\xd0\xb5" "b-prod-01", 12),
	     "one hostname imitates another server's with a homoglyph");

	/* the Online view sends the same hostnames */
	struct sbt_resp l;
	sbt_req(t, SBT_ONLINE, "GET", "/api/v1/server", NULL, NULL, &l);
	int same = json_array_size(l.json) == json_array_size(names);
	for (size_t i = 0; same && i < json_array_size(l.json); i++) {
		struct sbt_resp g;
		sbt_req(t, SBT_ONLINE, "GET", json_string_value(json_array_get(l.json, i)), NULL, NULL, &g);
		const json_t *h = json_object_get(g.json, "hostname");
		int in = 0;
		json_array_foreach(names, k, v)
			in |= json_equal(v, h);
		same = in;
		sbt_resp_free(&g);
	}
	t_ok(same, "Online shows the same hostile hostnames");
	sbt_resp_free(&l);

	/* reverse names and RPN group names are hostile too */
	size_t fo = 0, fo_hostile = 0;
	for (size_t z = 0; z < 3; z++) {
		char path[128];
		struct sbt_resp f;
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/failover-ips?page_size=100", zones[z]);
		sbt_get(t, path, &f);
		json_array_foreach(json_object_get(f.json, "failover_ips"), k, v) {
			const json_t *rev = json_object_get(v, "reverse");
			fo++;
			for (size_t i = 0; i < n; i++) {
				size_t fl;
				char *fixed = expected(hs[i], &fl);
				if (json_string_length(rev) == fl && memcmp(json_string_value(rev), fixed, fl) == 0) {
					fo_hostile++;
					free(fixed);
					break;
				}
				free(fixed);
			}
		}
		sbt_resp_free(&f);
	}
	t_ok(fo > 0 && fo_hostile == fo, "every failover IP's reverse is a hostile string (%zu/%zu)", fo_hostile, fo);
	sbt_get(t, "/dedibox/v1/rpnv1/groups", &l);
	t_ok(l.status == 200 && json_array_size(json_object_get(l.json, "rpn_groups")) == 1, "the RPN group with a hostile name is served");
	sbt_resp_free(&l);

	/* the hostile world is deterministic */
	struct sbt *t2 = sbt_start(&o);
	struct sbt_resp a, b;
	sbt_get(t, "/dedibox/v1/zones/fr-par-2/servers?page_size=100", &a);
	sbt_get(t2, "/dedibox/v1/zones/fr-par-2/servers?page_size=100", &b);
	t_ok(a.len == b.len && memcmp(a.body, b.body, a.len) == 0, "the same seed gives the same hostile bytes");
	sbt_resp_free(&a);
	sbt_resp_free(&b);
	sbt_stop(t2);

	free(raw);
	json_decref(names);
	json_decref(tags);
	sbt_stop(t);
	return t_done();
}
