#include "core/raid.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/request.h"
#include "core/i18n.h"

static const char *const levels[] = { "no_raid", "raid0", "raid1", "raid5", "raid6", "raid10" };

int dd_raid_level_fits(const char *level, size_t n, struct dd_error *err)
{
	size_t i;
	int ok;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(level, levels[i]))
			break;
	switch (i) {
	case 0: ok = n == 1; break;
	case 1: ok = n >= 2; break;
	case 2: ok = n >= 2 && n % 2 == 0; break;
	case 3: ok = n >= 3; break;
	case 4: ok = n >= 4; break;
	case 5: ok = n >= 4 && n % 2 == 0; break;
	default:
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("\"%.32s\" is not a RAID level (no_raid, raid0, raid1, raid5, raid6, "
				    "raid10)"), level);
	}
	if (!ok)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s cannot be built from %zu disk%s"), level, n, n == 1 ? "" : "s");
	return 0;
}

struct load {
	struct dd_raid *out;
	dd_done_fn done;
	void *ud;
};

static void on_raid(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	if (err.kind == DD_OK && dd_scw_decode_raid(resp->body, resp->body_len, L->out, &err) == 0)
		dd_error_clear(&err);
	L->done(L->ud, &err);
	free(L);
}

static int scw_only(const struct dd_account *a, const struct dd_server *s, struct dd_error *err)
{
	enum dd_api_flavour api;
	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	if (api != DD_API_SCW)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The RAID of server %" PRId64 " is read through Scaleway keys only."),
				    s->id);
	return 0;
}

int dd_raid_load(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		 struct dd_raid *out, dd_done_fn done, void *ud, struct dd_error *err)
{
	char url[512];
	struct load *L;

	if (scw_only(a, s, err) < 0 ||
	    dd_scw_url_raid(dd_account_creds(a), s->zone, s->id, url, sizeof(url), err) < 0)
		return -1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ out, done, ud };
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET, .url = url };
	if (!dd_request_send(h, dd_account_creds(a), &q, on_raid, L, err)) {
		free(L);
		return -1;
	}
	return 0;
}

int dd_raid_plan(const struct dd_account *a, const struct dd_server *s, const struct dd_raid *cur,
		 size_t i, const char *level, struct dd_write_plan *out, struct dd_error *err)
{
	struct dd_raid next = *cur;

	memset(out, 0, sizeof(*out));
	if (i >= cur->n)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("There is no array %zu."), i + 1);
	if (dd_raid_level_fits(level, cur->arrays[i].n, err) < 0 || scw_only(a, s, err) < 0)
		return -1;
	snprintf(next.arrays[i].level, sizeof(next.arrays[i].level), "%s", level);
	out->server_id = s->id;
	out->field = DD_WF_STATUS;
	snprintf(out->zone, sizeof(out->zone), "%s", s->zone);
	snprintf(out->hostname, sizeof(out->hostname), "%s", s->hostname ? s->hostname : "");
	snprintf(out->summary, sizeof(out->summary),
		 _("Set array %zu of server %" PRId64 " (%s) from %s to %s: its data is lost"), i + 1,
		 s->id, out->hostname[0] ? out->hostname : "?", cur->arrays[i].level, level);
	return dd_scw_req_update_raid(dd_account_creds(a), s->zone, s->id, &next, &out->req, err);
}

char *dd_raid_json(const struct dd_server *s, const struct dd_raid *r)
{
	json_t *arrays = json_array(), *root;
	char *out;

	for (size_t i = 0; arrays && i < r->n; i++) {
		const struct dd_raid_array *a = &r->arrays[i];
		json_t *disks = json_array();
		for (size_t k = 0; disks && k < a->n; k++)
			json_array_append_new(disks, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)a->disks[k].id,
							       "connector", a->disks[k].connector, "type",
							       a->disks[k].type, "capacity",
							       (json_int_t)a->disks[k].capacity));
		json_array_append_new(arrays, json_pack("{s:I, s:s, s:o*}", "array", (json_int_t)(i + 1), "level",
							a->level, "disks", disks));
	}
	/* the Dedibox v1 API names no controller in GET .../raid: null says
	 * "not reported", not "none" */
	root = json_pack("{s:i, s:I, s:s, s:s, s:n, s:o*}", "version", 1, "server_id", (json_int_t)s->id,
			 "hostname", s->hostname ? s->hostname : "", "zone", s->zone, "controller", "arrays",
			 arrays);
	out = root ? json_dumps(root, JSON_INDENT(2)) : NULL;
	json_decref(root);
	return out;
}
