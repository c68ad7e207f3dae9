#include "core/scw_dedibox_raid.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/i18n.h"

int dd_scw_url_raid(const struct dd_creds *c, const char *zone, int64_t id, char *buf, size_t len,
		    struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/servers/%" PRId64 "/raid", zone, id);
}

int dd_scw_decode_raid(const char *body, size_t len, struct dd_raid *out, struct dd_error *err)
{
	struct dd_jv root, arrs, a, disks, d;
	size_t n, nd;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_obj(&root, "raid_arrays", true, &arrs, err) < 0 || dd_json_array_size(&arrs, &n, err) < 0)
		rc = -1;
	else if (n > DD_RAID_MAX_ARRAYS)
		rc = dd_json_bad(&root, "raid_arrays", N_("more arrays than dedi can show"), err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct dd_raid_array *ra = &out->arrays[i];
		if (dd_json_at(&arrs, i, &a, err) < 0 ||
		    dd_json_text(&a, "raid_level", ra->level, sizeof(ra->level), err) < 0 ||
		    dd_json_obj(&a, "disks", true, &disks, err) < 0 ||
		    dd_json_array_size(&disks, &nd, err) < 0) {
			rc = -1;
			break;
		}
		if (nd > DD_RAID_MAX_DISKS) {
			rc = dd_json_bad(&a, "disks", N_("more disks than dedi can show"), err);
			break;
		}
		for (size_t k = 0; k < nd; k++) {
			struct dd_raid_disk *rd = &ra->disks[k];
			if (dd_json_at(&disks, k, &d, err) < 0 || dd_json_int(&d, "id", true, &rd->id, err) < 0 ||
			    dd_json_text(&d, "connector", rd->connector, sizeof(rd->connector), err) < 0 ||
			    dd_json_text(&d, "type", rd->type, sizeof(rd->type), err) < 0 ||
			    dd_json_int(&d, "capacity", false, &rd->capacity, err) < 0) {
				rc = -1;
				break;
			}
			ra->n++;
		}
		out->n++;
	}
	json_decref(root.v);
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

int dd_scw_req_update_raid(const struct dd_creds *c, const char *zone, int64_t id,
			   const struct dd_raid *r, struct dd_write_req *out, struct dd_error *err)
{
	json_t *arrays = json_array(), *body;
	char *text;

	memset(out, 0, sizeof(*out));
	out->api = DD_API_SCW;
	out->method = DD_POST;
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/servers/%" PRId64 "/update-raid", zone, id) < 0) {
		json_decref(arrays);
		return -1;
	}
	for (size_t i = 0; arrays && i < r->n; i++) {
		json_t *ids = json_array();
		for (size_t k = 0; ids && k < r->arrays[i].n; k++)
			json_array_append_new(ids, json_integer(r->arrays[i].disks[k].id));
		json_array_append_new(arrays, json_pack("{s:s, s:o}", "raid_level", r->arrays[i].level,
							"disk_ids", ids ? ids : json_array()));
	}
	body = arrays ? json_pack("{s:o}", "raid_arrays", arrays) : NULL;
	text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(body);
	if (!text)
		return dd_error_oom(err);
	if (strlen(text) >= sizeof(out->body)) {
		free(text);
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	}
	snprintf(out->body, sizeof(out->body), "%s", text);
	snprintf(out->shown, sizeof(out->shown), "%s", text);
	free(text);
	out->content_type = "application/json";
	return 0;
}
