/* Server actions of the Dedibox v1 API: power, rescue, BMC access,
 * installation, and the OS catalogue they use. */
#include "sandbox/dedibox_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_api.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/iam_api.h"

#define RESCUE_OS_ID 601u   /* dd_sb_os_json(&dd_sb_oses[0], 1) */
#define BMC_LIFETIME 3600

static const char *const install_steps[] = {
	"unknown", "booting", "setting_up_raid", "partitioning", "formatting", "installing",
	"configuring", "configuring_bootloader", "rebooting", "installed",
};
#define INSTALL_DONE 9
/* Sandbox seconds per step: eight steps make a 12-minute installation,
 * which --time-scale or POST /__sandbox/advance shortens for tests. */
#define INSTALL_STEP_SECONDS 90

static const char *const status_names[] = { "ready", "stopped", "installing", "rescue",
					    "locked", "busy", "error", "delivering" };

/* Moves an installation to the step the sandbox clock has reached. */
static void install_tick(struct dd_sb_world *w, struct dd_sb_server *s)
{
	if (!s->install_step || s->install_step >= INSTALL_DONE || s->status != DD_SB_INSTALLING)
		return;
	int64_t now = dd_sb_now();
	if (!s->install_started)
		s->install_started = now - (int64_t)(s->install_step - 1) * INSTALL_STEP_SECONDS;
	int64_t step = 1 + (now - s->install_started) / INSTALL_STEP_SECONDS;
	if (step < INSTALL_DONE) {
		s->install_step = (uint8_t)step;
		return;
	}
	s->install_step = INSTALL_DONE;
	s->status = DD_SB_READY;
	s->os = s->install_os;
	s->rebooted_at = s->updated_at = s->install_started + (INSTALL_DONE - 1) * INSTALL_STEP_SECONDS;
	dd_sb_world_add_event(w, s, s->updated_at, "Operating system installation finished");
}

/* When the installation of s ends on the sandbox clock; 0 if none runs. */
static int64_t install_end(const struct dd_sb_server *s, int64_t now)
{
	if (!s->install_step || s->install_step >= INSTALL_DONE || s->status != DD_SB_INSTALLING)
		return 0;
	int64_t start = s->install_started ? s->install_started
					   : now - (int64_t)(s->install_step - 1) * INSTALL_STEP_SECONDS;
	return start + (INSTALL_DONE - 1) * INSTALL_STEP_SECONDS;
}

/* Keeps w->install_due no later than an installation that starts now. */
static void install_due_at(struct dd_sb_world *w, int64_t end)
{
	int64_t due = __atomic_load_n(&w->install_due, __ATOMIC_ACQUIRE);
	while ((!due || end < due) &&
	       !__atomic_compare_exchange_n(&w->install_due, &due, end, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
}

void dd_sb_install_settle(struct dd_sb_world *w)
{
	int64_t due = __atomic_load_n(&w->install_due, __ATOMIC_ACQUIRE);
	if (!due || dd_sb_now() < due)
		return;
	dd_sb_world_wrlock(w);
	int64_t now = dd_sb_now(), next = 0;
	for (size_t i = 0; i < w->nservers; i++) {
		struct dd_sb_server *s = &w->servers[i];
		install_tick(w, s);
		int64_t end = install_end(s, now);
		if (end && (!next || end < next))
			next = end;
	}
	__atomic_store_n(&w->install_due, next, __ATOMIC_RELEASE);
	pthread_rwlock_unlock(&w->lock);
}

void dd_sb_install_catch_up(struct dd_sb_world *w, struct dd_sb_server *s)
{
	install_tick(w, s);
}

void dd_sb_install_begin(struct dd_sb_world *w, struct dd_sb_server *s, size_t os, const char *hostname)
{
	int64_t now = dd_sb_now();
	s->status = DD_SB_INSTALLING;
	s->install_step = 1;
	s->install_started = now;
	s->install_os = (uint8_t)os;
	s->updated_at = now;
	install_due_at(w, install_end(s, now));
	dd_sb_set_string(&s->hostname, hostname);
	dd_sb_world_add_event(w, s, now, "Operating system installation started");
}

/* Refuses an action on a server that is locked or in a transient state. */
static int refuse_busy(struct dd_sb_world *w, struct dd_sb_server *s, struct dd_sb_resp *resp)
{
	char id[16];
	snprintf(id, sizeof id, "%u", s->id);
	install_tick(w, s);
	if (dd_sb_refuse_locked(s, resp))
		return 1;
	if (s->status == DD_SB_INSTALLING || s->status == DD_SB_BUSY || s->status == DD_SB_DELIVERING) {
		dd_sb_scw_transient(resp, "server", id, status_names[s->status]);
		return 1;
	}
	return 0;
}

void dd_sb_power(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	const char *what = r->segs[4];
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !refuse_busy(r->world, s, resp)) {
		int64_t now = dd_sb_now();
		if (strcmp(what, "stop") == 0) {
			s->status = DD_SB_STOPPED;
			dd_sb_world_add_event(r->world, s, now, "Power off requested");
		} else {
			/* reboot and start both end in the normal system */
			s->status = DD_SB_READY;
			s->rebooted_at = now;
			dd_sb_world_add_event(r->world, s, now, strcmp(what, "start") == 0 ? "Power on requested"
											: "Reboot requested");
		}
		s->updated_at = now;
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
}

static json_t *rescue_json(const struct dd_sb_server *s, const char *password)
{
	char login[24];
	snprintf(login, sizeof login, "sd-%u", s->id);
	return json_pack("{s:I, s:s, s:s, s:s}", "os_id", (json_int_t)RESCUE_OS_ID, "login", login,
			 "password", password, "protocol", "ssh");
}

void dd_sb_rescue(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = NULL;
	int post = strcmp(r->method, "POST") == 0, get = strcmp(r->method, "GET") == 0;
	if (post) {
		if (!(body = dd_sb_json_body(r, resp)))
			return;
		json_t *os = json_object_get(body, "os_id");
		if (!json_is_integer(os)) {
			dd_sb_scw_invalid(resp, "os_id", os ? "format" : "required", "must be the id of a rescue OS");
			json_decref(body);
			return;
		}
		if (json_integer_value(os) != RESCUE_OS_ID) {
			dd_sb_scw_invalid(resp, "os_id", "constraint", "must be the id of a rescue OS (601)");
			json_decref(body);
			return;
		}
	}
	if (get)
		pthread_rwlock_rdlock(&r->world->lock);
	else
		dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	char id[16], pw[17];
	if (s)
		snprintf(id, sizeof id, "%u", s->id);
	if (!s) {
		/* resp holds the error */
	} else if (post) {
		if (!refuse_busy(r->world, s, resp)) {
			int64_t now = dd_sb_now();
			s->status = DD_SB_RESCUE;
			s->rebooted_at = s->updated_at = now;
			dd_sb_password(r->world, s, pw);
			dd_sb_world_add_event(r->world, s, now, "Rescue mode enabled");
			dd_sb_reply(resp, 200, rescue_json(s, pw));
		}
	} else if (s->status != DD_SB_RESCUE) {
		dd_sb_scw_not_found(resp, "rescue", id);
	} else if (get) {
		/* the current credentials: the last password handed out */
		struct dd_sb_server copy = *s;
		copy.secrets = (uint16_t)(s->secrets ? s->secrets - 1 : 0);
		dd_sb_password(r->world, &copy, pw);
		dd_sb_reply(resp, 200, rescue_json(s, pw));
	} else {
		int64_t now = dd_sb_now();
		s->status = DD_SB_READY;
		s->rebooted_at = s->updated_at = now;
		dd_sb_world_add_event(r->world, s, now, "Rescue mode disabled");
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static json_t *bmc_json(const struct dd_sb_server *s, const char *password, const char *status)
{
	char url[96], login[24];
	snprintf(url, sizeof url, "https://bmc-%u.dedi-demo.example/", s->id);
	snprintf(login, sizeof login, "dedi-%u", s->id);
	return json_pack("{s:s, s:s, s:s, s:o, s:s}", "url", url, "login", login, "password", password,
			 "expires_at", dd_sb_time_json(s->bmc_expires), "status", status);
}

void dd_sb_bmc(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = NULL;
	uint32_t ip = 0;
	int post = strcmp(r->method, "POST") == 0, get = strcmp(r->method, "GET") == 0;
	if (post) {
		if (!(body = dd_sb_json_body(r, resp)))
			return;
		json_t *v = json_object_get(body, "ip");
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v) ||
		    dd_sb_parse_ipv4(json_string_value(v), &ip) < 0) {
			dd_sb_scw_invalid(resp, "ip", v ? "format" : "required",
					  "must be the IPv4 address allowed to reach the BMC");
			json_decref(body);
			return;
		}
	}
	/* GET moves creating to created: it changes state too */
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	char id[16], pw[17];
	if (s)
		snprintf(id, sizeof id, "%u", s->id);
	if (s && s->bmc && s->bmc_expires <= dd_sb_now())
		s->bmc = 0;
	if (!s) {
		/* resp holds the error */
	} else if (post) {
		if (!dd_sb_offers[s->offer].raid_model) {
			dd_sb_scw_precondition(resp, "unknown_precondition", "this server has no BMC (no KVM over IP)");
		} else if (!dd_sb_refuse_locked(s, resp)) {
			s->bmc = 1;
			s->bmc_ip = ip;
			s->bmc_expires = dd_sb_now() + BMC_LIFETIME;
			dd_sb_password(r->world, s, pw);
			dd_sb_reply(resp, 200, bmc_json(s, pw, "creating"));
		}
	} else if (!s->bmc) {
		dd_sb_scw_not_found(resp, "bmc_access", id);
	} else if (get) {
		struct dd_sb_server copy = *s;
		copy.secrets = (uint16_t)(s->secrets ? s->secrets - 1 : 0);
		dd_sb_password(r->world, &copy, pw);
		s->bmc = 2;
		dd_sb_reply(resp, 200, bmc_json(s, pw, "created"));
	} else {
		s->bmc = 0;
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static json_t *install_json(const struct dd_sb_server *s, const char *user)
{
	return json_pack("{s:I, s:o, s:s?, s:[], s:[], s:s, s:n}",
			 "os_id", (json_int_t)dd_sb_oses[s->install_os].id, "hostname", dd_sb_raw_string(s->hostname),
			 "user_login", user, "partitions", "ssh_key_ids",
			 "status", install_steps[s->install_step], "panel_url");
}

static const struct dd_sb_os *os_by_id(json_int_t id, size_t *index)
{
	for (size_t i = 0; i < dd_sb_noses; i++)
		if (dd_sb_oses[i].id == id) {
			*index = i;
			return &dd_sb_oses[i];
		}
	return NULL;
}

/* Checks an install request; 0 and the OS index, or -1 with a 400. */
static int check_install(json_t *body, struct dd_sb_resp *resp, size_t *os)
{
	json_t *osid = json_object_get(body, "os_id"), *host = json_object_get(body, "hostname");
	json_t *user = json_object_get(body, "user_login"), *pw = json_object_get(body, "user_password");
	json_t *keys = json_object_get(body, "ssh_key_ids");
	if (!json_is_integer(osid) || !os_by_id(json_integer_value(osid), os)) {
		dd_sb_scw_invalid(resp, "os_id", osid ? "constraint" : "required", "must be the id of an OS from GET /os");
		return -1;
	}
	if (!json_is_string(host) || !dd_sb_valid_hostname(json_string_value(host), json_string_length(host)) ||
	    json_string_length(host) > 63) {
		dd_sb_scw_invalid(resp, "hostname", host ? "constraint" : "required",
				  "must be a host name of at most 63 characters");
		return -1;
	}
	int windows = strstr(dd_sb_oses[*os].name, "Windows") != NULL;
	if (!windows && (!json_is_string(user) || json_string_length(user) == 0)) {
		dd_sb_scw_invalid(resp, "user_login", user ? "format" : "required", "this OS needs a user account");
		return -1;
	}
	if (!windows && (!json_is_string(pw) || json_string_length(pw) < 8 || json_string_length(pw) > 64)) {
		dd_sb_scw_invalid(resp, "user_password", pw ? "constraint" : "required", "must be 8 to 64 characters long");
		return -1;
	}
	if (keys && !json_is_array(keys)) {
		dd_sb_scw_invalid(resp, "ssh_key_ids", "format", "must be a list of SSH key ids");
		return -1;
	}
	/* the ids of the Organization's IAM keys, not disabled */
	size_t ki;
	json_t *kv;
	json_array_foreach(keys, ki, kv) {
		int ok = json_is_string(kv) ? dd_sb_ssh_key_usable(json_string_value(kv)) : -1;
		if (ok <= 0) {
			dd_sb_scw_invalid(resp, "ssh_key_ids", "constraint",
					  ok == 0 ? "an SSH key is disabled" : "not the id of an SSH key of the Organization");
			return -1;
		}
	}
	/* the SDK's Partition: file_system, raid_level, capacity (bytes),
	 * connectors, mount_point */
	json_t *parts = json_object_get(body, "partitions"), *p;
	size_t i;
	if (parts && !json_is_null(parts) && !json_is_array(parts)) {
		dd_sb_scw_invalid(resp, "partitions", "format", "must be a list of partitions");
		return -1;
	}
	json_array_foreach(parts, i, p) {
		json_t *cap = json_object_get(p, "capacity"), *fs = json_object_get(p, "file_system");
		json_t *conn = json_object_get(p, "connectors");
		if (!json_is_object(p) || !json_is_string(fs) || !json_is_integer(cap) ||
		    json_integer_value(cap) <= 0 || !json_is_array(conn) || json_array_size(conn) == 0) {
			dd_sb_scw_invalid(resp, "partitions", "constraint",
					  "each partition needs a file_system, a capacity above 0 and its connectors");
			return -1;
		}
	}
	return 0;
}

void dd_sb_install(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = NULL;
	size_t os = 0;
	int cancel = strcmp(r->segs[4], "cancel-install") == 0;
	int post = !cancel && strcmp(r->method, "POST") == 0;
	if (post) {
		if (!(body = dd_sb_json_body(r, resp)))
			return;
		if (check_install(body, resp, &os) < 0) {
			json_decref(body);
			return;
		}
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	char id[16];
	if (s) {
		snprintf(id, sizeof id, "%u", s->id);
		install_tick(r->world, s);
	}
	if (!s) {
		/* resp holds the error */
	} else if (post) {
		if (!refuse_busy(r->world, s, resp)) {
			dd_sb_install_begin(r->world, s, os, json_string_value(json_object_get(body, "hostname")));
			dd_sb_reply(resp, 200, install_json(s, json_string_value(json_object_get(body, "user_login"))));
		}
	} else if (!s->install_step) {
		dd_sb_scw_not_found(resp, "install", id);
	} else if (cancel) {
		if (s->install_step >= INSTALL_DONE) {
			dd_sb_scw_precondition(resp, "unknown_precondition", "the installation is already finished");
		} else {
			s->install_step = 0;
			s->status = DD_SB_READY;
			dd_sb_world_add_event(r->world, s, dd_sb_now(), "Operating system installation cancelled");
			dd_sb_no_content(resp);
		}
	} else {
		dd_sb_reply(resp, 200, install_json(s, NULL));
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static const char *os_type(size_t i)
{
	return strstr(dd_sb_oses[i].name, "Proxmox") || strstr(dd_sb_oses[i].name, "ESXi") ? "virtu" : "server";
}

static void list_os(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", "released_at_asc",
					      "released_at_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	uint32_t sid;
	const char *server = dd_sb_query(r, "server_id"), *type = dd_sb_query(r, "type");
	if (!server || dd_sb_parse_id(server, &sid) < 0) {
		dd_sb_scw_invalid(resp, "server_id", server ? "format" : "required", "must be the id of a server");
		return;
	}
	static const char *const types[] = { "unknown_type", "server", "virtu", "panel", "desktop", "custom", "rescue" };
	int known = !type;
	for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
		known |= strcmp(type, types[i]) == 0;
	if (!known) {
		dd_sb_scw_invalid(resp, "type", "constraint", "must be one of server, virtu, panel, desktop, custom, rescue");
		return;
	}
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_world_server(r->world, sid);
	int here = s && dd_sb_dc_zone(s->dc) == zone;
	pthread_rwlock_unlock(&r->world->lock);
	if (!here) {
		dd_sb_scw_not_found(resp, "server", server);
		return;
	}
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	int rescue_only = type && strcmp(type, "rescue") == 0;
	size_t n = rescue_only ? 1 : dd_sb_noses;
	for (size_t k = 0; k < n; k++) {
		/* the table is in release order, oldest first */
		size_t i = rescue_only ? 0 : pg.order % 2 ? n - 1 - k : k;
		if (!rescue_only && type && strcmp(type, os_type(i)) != 0 && strcmp(type, "unknown_type") != 0)
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, dd_sb_os_json(&dd_sb_oses[i], rescue_only));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "os", arr));
}

void dd_sb_os_routes(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	if (strcmp(r->method, "GET") != 0) {
		dd_sb_scw_method(resp, "GET");
	} else if (r->nsegs == 3) {
		list_os(r, zone, resp);
	} else if (r->nsegs == 4) {
		uint32_t id;
		size_t i;
		if (dd_sb_parse_id(r->segs[3], &id) < 0)
			dd_sb_scw_invalid(resp, "os_id", "format", "must be a positive integer");
		else if (id == RESCUE_OS_ID)
			dd_sb_reply(resp, 200, dd_sb_os_json(&dd_sb_oses[0], 1));
		else if (os_by_id(id, &i))
			dd_sb_reply(resp, 200, dd_sb_os_json(&dd_sb_oses[i], 0));
		else
			dd_sb_scw_not_found(resp, "os", r->segs[3]);
	} else {
		dd_sb_scw_no_route(resp);
	}
}
