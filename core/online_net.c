#include "core/online_net.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/json.h"
#include "core/netcalc.h"
#include "core/request.h"

int dd_online_url_failovers(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/failover");
}

/* "/api/v1/server/42" -> 42; 0 when it names no server. */
static int64_t server_of_ref(const char *ref)
{
	const char *p = ref ? strrchr(ref, '/') : NULL;
	char *end;
	long long v = p ? strtoll(p + 1, &end, 10) : 0;
	return p && p[1] && !*end && v > 0 ? (int64_t)v : 0;
}

static int decode_one(const struct dd_jv *o, struct dd_failover *f, struct dd_error *err)
{
	struct dd_jv srv;
	struct dd_addr a;
	char ref[128];

	if (dd_json_text(o, "source", f->address, sizeof(f->address), err) < 0 ||
	    dd_json_text(o, "mac", f->mac, sizeof(f->mac), err) < 0 ||
	    dd_json_text(o, "status", f->status, sizeof(f->status), err) < 0 ||
	    dd_json_obj(o, "server", false, &srv, err) < 0)
		return -1;
	if (dd_addr_parse(f->address, DD_IPV4, &a, NULL) < 0)
		return dd_json_bad(o, "source", N_("expected an IPv4 address"), err);
	f->id = (int64_t)a.b[0] << 24 | (int64_t)a.b[1] << 16 | (int64_t)a.b[2] << 8 | a.b[3];
	f->cidr = 32;
	memcpy(f->type, "ipv4", 5);
	if (srv.v) {
		if (dd_json_text(&srv, "$ref", ref, sizeof(ref), err) < 0)
			return -1;
		f->server_id = server_of_ref(ref);
	}
	return 0;
}

int dd_online_decode_failovers(const char *body, size_t len, struct dd_failover_list *l,
			       struct dd_error *err)
{
	struct dd_jv root, item;
	struct dd_failover_list got = { 0 };
	size_t n;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_array_size(&root, &n, err) < 0)
		goto out;
	if (n && !(got.v = calloc(n, sizeof(*got.v)))) {
		dd_error_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&root, i, &item, err) < 0 || decode_one(&item, &got.v[i], err) < 0)
			goto out;
		got.n++;
	}
	rc = dd_failover_list_take(l, &got);
	if (rc < 0)
		dd_error_oom(err);
out:
	dd_failover_list_clear(&got);
	json_decref(root.v);
	return rc;
}
