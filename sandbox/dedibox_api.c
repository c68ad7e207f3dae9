/* Dedibox v1 (/dedibox/v1/...): servers and what hangs off them. Paths,
 * parameters and bodies follow @scaleway/sdk-dedibox 1.4.0 api.gen.js. */
#include "sandbox/dedibox_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_actions.h"
#include "sandbox/dedibox_billing.h"
#include "sandbox/scenario.h"
#include "sandbox/dedibox_ipv6.h"
#include "sandbox/dedibox_rpn.h"
#include "sandbox/dedibox_san.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_order.h"
#include "sandbox/dedibox_raid.h"
#include "sandbox/dedibox_net.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"
#include "sandbox/server_wire.h"

struct dd_sb_server *dd_sb_find_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	uint32_t id;
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, "server_id", "format", "must be a positive integer");
		return NULL;
	}
	struct dd_sb_server *s = dd_sb_world_server(r->world, id);
	/* not linked: the Organization's API does not know the Dedibox account's servers */
	if (!s || dd_sb_dc_zone(s->dc) != zone || !dd_sb_scn_org_sees_servers(r->world->scenario)) {
		dd_sb_scw_not_found(resp, "server", r->segs[3]);
		return NULL;
	}
	return s;
}

int dd_sb_refuse_locked(const struct dd_sb_server *s, struct dd_sb_resp *resp)
{
	if (s->status != DD_SB_LOCKED)
		return 0;
	char id[16];
	snprintf(id, sizeof id, "%u", s->id);
	dd_sb_scw_locked(resp, "server", id);
	return 1;
}

static int icase_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return 1;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

/* Each item's text from the world's cache, the page put together around
 * them: the bytes the tree path below writes (tests/sandbox/test_pages.c). */
static void reply_page(const struct dd_sb_req *r, struct dd_sb_server *const *page, size_t npage,
		       size_t total, struct dd_sb_resp *resp)
{
	struct dd_sb_buf b = { 0 };
	dd_sb_buf_cstr(&b, "{\"total_count\":");
	dd_sb_buf_uint(&b, total);
	dd_sb_buf_cstr(&b, ",\"servers\":[");
	for (size_t i = 0; i < npage; i++) {
		size_t len = 0;
		const char *text = dd_sb_server_summary_text(r->world, page[i], &len);
		if (!text)
			b.oom = 1;
		if (i)
			dd_sb_buf_put(&b, ",", 1);
		dd_sb_buf_put(&b, text, len);
	}
	dd_sb_buf_cstr(&b, "]}");
	size_t n = 0;
	char *body = dd_sb_buf_take(&b, &n);
	if (!body) {
		dd_sb_reply(resp, 500, NULL);
		return;
	}
	dd_sb_reply_bytes(resp, 200, NULL, body, n);
	resp->has_total = 1;
	resp->total = (long long)total;
}

static void list_servers(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	const char *project = dd_sb_query(r, "project_id");
	if (project && *project && !dd_sb_is_uuid(project)) {
		dd_sb_scw_invalid(resp, "project_id", "format", "must be a UUID");
		return;
	}
	const char *search = dd_sb_query(r, "search");
	int other_project = project && *project && strcasecmp(project, DD_SANDBOX_PROJECT_ID) != 0;
	struct dd_sb_server *page[DD_SB_PAGE_SIZE_MAX];
	size_t npage = 0;
	json_t *arr = r->no_page_cache ? json_array() : NULL;
	size_t total = 0, first = dd_sb_page_first(&pg);
	pthread_rwlock_rdlock(&r->world->lock);
	size_t n = other_project || !dd_sb_scn_org_sees_servers(r->world->scenario) ? 0 : r->world->nservers;
	for (size_t k = 0; k < n; k++) {
		struct dd_sb_server *s = &r->world->servers[pg.order == 1 ? n - 1 - k : k];
		if (s->deleted || dd_sb_dc_zone(s->dc) != zone || (search && !icase_contains(s->hostname, search)))
			continue;
		if (total >= first && total < first + pg.size) {
			if (!arr) {
				page[npage++] = s;
			} else {
				/* the reference: each item built as a tree */
				json_t *v = dd_sb_server_summary_json(s);
				dd_sb_ips_quirk(r->world, s, v);
				json_array_append_new(arr, v);
			}
		}
		total++;
	}
	if (!arr)
		reply_page(r, page, npage, total, resp);
	pthread_rwlock_unlock(&r->world->lock);
	if (arr)
		dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "servers", arr));
}

static void get_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	json_t *v = s ? dd_sb_server_json(s) : NULL;
	if (v)
		dd_sb_ips_quirk(r->world, s, v);
	pthread_rwlock_unlock(&r->world->lock);
	if (s)
		dd_sb_reply(resp, 200, v);
}

/* Reads an optional field of a given JSON type; -1 with a 400 when it has
 * the wrong type. */
static int field(json_t *body, const char *name, json_type type, json_t **out, struct dd_sb_resp *resp)
{
	json_t *v = json_object_get(body, name);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	int ok = type == JSON_TRUE ? json_is_boolean(v) : json_typeof(v) == type;
	if (!ok) {
		char help[64];
		snprintf(help, sizeof help, "must be a %s",
			 type == JSON_STRING ? "string" : type == JSON_TRUE ? "boolean" : "list of strings");
		dd_sb_scw_invalid(resp, name, "format", help);
		return -1;
	}
	*out = v;
	return 0;
}

static void patch_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *hostname, *ipv6;
	if (!body)
		return;
	if (field(body, "hostname", JSON_STRING, &hostname, resp) < 0 ||
	    field(body, "enable_ipv6", JSON_TRUE, &ipv6, resp) < 0) {
		json_decref(body);
		return;
	}
	if (hostname && !dd_sb_valid_hostname(json_string_value(hostname), json_string_length(hostname))) {
		dd_sb_scw_invalid(resp, "hostname", "constraint",
				  "must be a host name: letters, digits, hyphens and dots, labels of 1 to 63 characters");
		json_decref(body);
		return;
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !dd_sb_refuse_locked(s, resp)) {
		int64_t now = dd_sb_now();
		if (hostname) {
			char ev[128];
			snprintf(ev, sizeof ev, "Hostname changed to %.80s", json_string_value(hostname));
			dd_sb_set_string(&s->hostname, json_string_value(hostname));
			dd_sb_world_add_event(r->world, s, now, ev);
		}
		if (ipv6)
			s->ipv6 = json_is_true(ipv6);
		s->updated_at = now;
		dd_sb_reply(resp, 200, dd_sb_server_json(s));
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static void set_tags(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *tags, *t;
	size_t i;
	if (!body)
		return;
	if (field(body, "tags", JSON_ARRAY, &tags, resp) < 0) {
		json_decref(body);
		return;
	}
	json_array_foreach(tags, i, t) {
		if (!json_is_string(t) || json_string_length(t) == 0 || json_string_length(t) > 128) {
			dd_sb_scw_invalid(resp, "tags", "constraint", "each tag must be a string of 1 to 128 characters");
			json_decref(body);
			return;
		}
	}
	size_t n = tags ? json_array_size(tags) : 0;
	char **copy = calloc(n ? n : 1, sizeof *copy);
	for (i = 0; copy && i < n; i++)
		copy[i] = strdup(json_string_value(json_array_get(tags, i)));
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !dd_sb_refuse_locked(s, resp)) {
		for (i = 0; i < s->ntags; i++)
			free(s->tags[i]);
		free(s->tags);
		s->tags = copy;
		s->ntags = n;
		copy = NULL;
		s->updated_at = dd_sb_now();
		dd_sb_reply(resp, 200, dd_sb_server_json(s));
	}
	pthread_rwlock_unlock(&r->world->lock);
	for (i = 0; copy && i < n; i++)
		free(copy[i]);
	free(copy);
	json_decref(body);
}

static void backups(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = NULL, *pw = NULL, *autologin = NULL, *acl = NULL;
	int patch = strcmp(r->method, "PATCH") == 0;
	if (patch) {
		if (!(body = dd_sb_json_body(r, resp)))
			return;
		if (field(body, "password", JSON_STRING, &pw, resp) < 0 ||
		    field(body, "autologin", JSON_TRUE, &autologin, resp) < 0 ||
		    field(body, "acl_enabled", JSON_TRUE, &acl, resp) < 0) {
			json_decref(body);
			return;
		}
		if (pw && (json_string_length(pw) < 8 || json_string_length(pw) > 64)) {
			dd_sb_scw_invalid(resp, "password", "constraint", "must be 8 to 64 characters long");
			json_decref(body);
			return;
		}
	}
	if (patch)
		dd_sb_world_wrlock(r->world);
	else
		pthread_rwlock_rdlock(&r->world->lock);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !(patch && dd_sb_refuse_locked(s, resp))) {
		if (pw)
			s->backup = DD_SB_BK_READY;
		if (autologin)
			s->backup_autologin = json_is_true(autologin);
		if (acl)
			s->backup_acl = json_is_true(acl);
		dd_sb_reply(resp, 200, dd_sb_backup_json(s));
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static void options(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, NULL, &pg) < 0)
		return;
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	unsigned subscribed = s ? s->options : 0;
	pthread_rwlock_unlock(&r->world->lock);
	if (!s)
		return;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	for (unsigned i = 0; i < DD_SB_NOPTIONS; i++) {
		if (subscribed & (1u << i))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, dd_sb_option_offer_json(i));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "server_options", arr));
}

static void events(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	json_t *arr = json_array();
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	size_t total = s ? s->gen_events + s->nevents : 0, first = dd_sb_page_first(&pg);
	for (size_t k = first; s && k < total && k < first + pg.size; k++) {
		size_t j = pg.order == 1 ? total - 1 - k : k;
		uint32_t id;
		int64_t date;
		const char *desc;
		if (j < s->gen_events) {
			dd_sb_gen_event(r->world, s, (uint32_t)j, &id, &date, &desc);
		} else {
			id = s->events[j - s->gen_events].id;
			date = s->events[j - s->gen_events].date;
			desc = s->events[j - s->gen_events].description;
		}
		json_array_append_new(arr, json_pack("{s:I, s:o, s:o}", "event_id", (json_int_t)id,
						     "description", dd_sb_raw_string(desc),
						     "date", dd_sb_time_json(date)));
	}
	pthread_rwlock_unlock(&r->world->lock);
	if (!s) {
		json_decref(arr);
		return;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "events", arr));
}

static void disks(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	json_t *arr = json_array();
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	size_t total = s ? dd_sb_offers[s->offer].ndisks : 0, first = dd_sb_page_first(&pg);
	for (size_t k = first; s && k < total && k < first + pg.size; k++)
		json_array_append_new(arr, dd_sb_disk_json(s, (unsigned)(pg.order == 1 ? total - 1 - k : k)));
	pthread_rwlock_unlock(&r->world->lock);
	if (!s) {
		json_decref(arr);
		return;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "disks", arr));
}

static int method_is(const struct dd_sb_req *r, const char *m)
{
	return strcmp(r->method, m) == 0;
}

/* /zones/{z}/servers[/{id}[/sub]] */
static void servers(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	if (r->nsegs == 3) {
		if (method_is(r, "GET"))
			list_servers(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, POST");
		return;
	}
	if (r->nsegs == 4) {
		if (method_is(r, "GET"))
			get_server(r, zone, resp);
		else if (method_is(r, "PATCH"))
			patch_server(r, zone, resp);
		else if (method_is(r, "DELETE"))
			dd_sb_delete_server(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, PATCH, DELETE");
		return;
	}
	if (r->nsegs == 6 && strcmp(r->segs[4], "partitioning") == 0) {
		if (method_is(r, "GET"))
			dd_sb_partitioning(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET");
		return;
	}
	if (r->nsegs != 5) {
		dd_sb_scw_no_route(resp);
		return;
	}
	static const struct {
		const char *name, *method, *allow;
		void (*fn)(const struct dd_sb_req *, int, struct dd_sb_resp *);
	} subs[] = {
		{ "backups", "GET", "GET, PATCH", backups },
		{ "backups", "PATCH", "GET, PATCH", backups },
		{ "tags", "POST", "POST", set_tags },
		{ "subscribable-server-options", "GET", "GET", options },
		{ "events", "GET", "GET", events },
		{ "disks", "GET", "GET", disks },
		{ "reboot", "POST", "POST", dd_sb_power },
		{ "start", "POST", "POST", dd_sb_power },
		{ "stop", "POST", "POST", dd_sb_power },
		{ "rescue", "POST", "GET, POST, DELETE", dd_sb_rescue },
		{ "rescue", "GET", "GET, POST, DELETE", dd_sb_rescue },
		{ "rescue", "DELETE", "GET, POST, DELETE", dd_sb_rescue },
		{ "bmc-access", "POST", "GET, POST, DELETE", dd_sb_bmc },
		{ "bmc-access", "GET", "GET, POST, DELETE", dd_sb_bmc },
		{ "bmc-access", "DELETE", "GET, POST, DELETE", dd_sb_bmc },
		{ "install", "POST", "GET, POST", dd_sb_install },
		{ "install", "GET", "GET, POST", dd_sb_install },
		{ "cancel-install", "POST", "POST", dd_sb_install },
		{ "subscribe-server-option", "PATCH", "PATCH", dd_sb_subscribe_option },
		{ "subscribe-storage-options", "POST", "POST", dd_sb_subscribe_storage },
		{ "raid", "GET", "GET", dd_sb_raid },
		{ "update-raid", "POST", "POST", dd_sb_raid },
	};
	const char *allow = NULL;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(r->segs[4], subs[i].name) != 0)
			continue;
		if (method_is(r, subs[i].method)) {
			subs[i].fn(r, zone, resp);
			return;
		}
		allow = subs[i].allow;
	}
	if (allow)
		dd_sb_scw_method(resp, allow);
	else
		dd_sb_scw_no_route(resp);
}

void dd_sb_dedibox_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (strcmp(r->method, "GET") == 0) {
		dd_sb_deliver(r->world);
		dd_sb_install_settle(r->world);
	}
	if (dd_sb_dedibox_billing(r, resp) || dd_sb_dedibox_ipv6(r, resp) || dd_sb_dedibox_rpn(r, resp) ||
	    dd_sb_dedibox_san(r, resp))
		return;
	if (r->nsegs < 3 || strcmp(r->segs[0], "zones") != 0) {
		dd_sb_scw_no_route(resp);
		return;
	}
	int zone = dd_sb_zone_parse(r->segs[1]);
	if (zone < 0) {
		dd_sb_scw_invalid(resp, "zone", "constraint", "must be one of fr-par-1, fr-par-2, nl-ams-1");
		return;
	}
	if (dd_sb_dedibox_order(r, zone, resp))
		return;
	if (strcmp(r->segs[2], "servers") == 0)
		servers(r, zone, resp);
	else if (strcmp(r->segs[2], "failover-ips") == 0)
		dd_sb_failover_ips(r, zone, resp);
	else if (strcmp(r->segs[2], "reverses") == 0)
		dd_sb_reverses(r, zone, resp);
	else if (strcmp(r->segs[2], "os") == 0)
		dd_sb_os_routes(r, zone, resp);
	else
		dd_sb_scw_no_route(resp);
}
