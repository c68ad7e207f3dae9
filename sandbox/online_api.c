/* Online.net v1 (/api/v1/...): the same servers as the Scaleway view, in
 * the legacy shapes of /work/shared/api/online-v1.md §3 and §8.
 *
 * Error codes (the API documents only {"error", "code"}; the numbers other
 * than 3 are the sandbox's): 1 authentication, 3 unknown method,
 * 4 invalid parameter, 5 not found, 6 locked. */
#include "sandbox/online_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_order.h"
#include "sandbox/dedibox_actions.h"
#include "sandbox/online_actions.h"
#include "sandbox/online_failover.h"
#include "sandbox/online_bmc.h"
#include "sandbox/online_install.h"
#include "sandbox/online_rpn.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

/* {"$ref": "/api/v1/<kind>/<id>"} */
static json_t *ref(const char *kind, uint32_t id)
{
	char buf[96];
	snprintf(buf, sizeof buf, "/api/v1/%s/%u", kind, id);
	return json_pack("{s:s}", "$ref", buf);
}

static json_t *ip_entry(uint32_t addr, const char *type, const char *reverse, const char *mac)
{
	char a[16], rev[64];
	dd_sb_ipv4_str(addr, a);
	if (!reverse && strcmp(type, "public") == 0) {
		dd_sb_default_reverse(addr, rev);
		reverse = rev;
	}
	return json_pack("{s:s, s:s, s:o, s:s?, s:s}", "address", a, "type", type,
			 "reverse", reverse ? dd_sb_raw_string(reverse) : json_null(),
			 "mac", mac, "switch_port_state", "up");
}

static json_t *server_json(const struct dd_sb_world *w, const struct dd_sb_server *s)
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	const struct dd_sb_os *os = &dd_sb_oses[s->os];
	char mac0[18], mac1[18], pub[16], priv[16], room[16], rack[8], reboot[32];
	dd_sb_server_mac(s, 0, mac0);
	dd_sb_server_mac(s, 1, mac1);
	dd_sb_ipv4_str(s->pub4, pub);
	dd_sb_ipv4_str(s->priv4, priv);
	snprintf(room, sizeof room, "%u %u-%u", (unsigned)s->room, (unsigned)s->room, (unsigned)s->rack_row - 'A' + 1);
	snprintf(rack, sizeof rack, "%c%u", s->rack_row, (unsigned)s->rack_pos);
	dd_sb_time_str(s->rebooted_at, 1, reboot);

	json_t *ips = json_pack("[o, o]", ip_entry(s->pub4, "public", s->reverse, mac0),
				ip_entry(s->priv4, "private", NULL, mac1));
	if (w->ip_shuffle)
		dd_sb_shuffle(ips, s->id + 1); /* +1: private first for the first servers too */
	json_t *ipfo = json_array();
	for (size_t k = 0; ips && ipfo && k < w->nfailovers; k++) {
		const struct dd_sb_failover *f = &w->failovers[k];
		if (f->server != s->id)
			continue;
		char a[16], rev[64];
		dd_sb_ipv4_str(f->addr, a);
		if (!f->reverse)
			dd_sb_default_reverse(f->addr, rev);
		json_array_append_new(ipfo, json_string(a));
		json_t *e = json_pack("{s:s, s:s, s:o, s:n, s:s, s:o, s:s}", "address", a, "type", "failover",
				      "reverse", dd_sb_raw_string(f->reverse ? f->reverse : rev), "mac",
				      "destination", pub, "server", ref("server", s->id),
				      "status", "active");
		if (e && f->mac_type) {
			char mac[18];
			snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", f->mac[0], f->mac[1],
				 f->mac[2], f->mac[3], f->mac[4], f->mac[5]);
			json_object_set_new(e, "mac", json_string(mac));
		}
		json_array_append_new(ips, e);
	}
	json_t *disks = json_array(), *array_disks = json_array(), *raids = json_array();
	for (unsigned k = 0; disks && array_disks && k < o->ndisks; k++) {
		json_array_append_new(disks, ref("server/hardware/disk", 3000000u + s->index * 8u + k));
		json_array_append_new(array_disks, ref("server/hardware/disk", 3000000u + s->index * 8u + k));
	}
	json_t *arrays = json_array();
	if (o->raid_model && arrays && raids) {
		json_array_append_new(raids, ref("server/hardware/raidController", 9000000u + s->index));
		json_array_append_new(arrays, json_pack("{s:o, s:o, s:s}", "disks", array_disks,
							"raid_controller", ref("server/hardware/raidController", 9000000u + s->index),
							"raid_level", o->ndisks >= 4 ? "RAID10" : "RAID1"));
	} else {
		json_decref(array_disks);
	}
	json_t *v = json_pack(
		"{s:I, s:s, s:o, s:{s:s, s:s}, s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:s,"
		" s:{s:s, s:s, s:s, s:s, s:i}, s:{s:[s], s:[s], s:o}, s:o, s:{s:s, s:s}, s:o, s:o, s:o,"
		" s:{s:o}, s:s}",
		"id", (json_int_t)s->id, "offer", o->name, "hostname", dd_sb_raw_string(s->hostname),
		"os", "name", os->online_name, "version", os->online_version,
		"power", s->status == DD_SB_STOPPED ? "OFF" : "ON",
		"boot_mode", s->status == DD_SB_RESCUE ? "rescue" : "normal",
		"last_reboot", reboot, "anti_ddos", (s->options & 0x04) != 0,
		"hardware_watch", s->business, "proactive_monitoring", s->business,
		"support", s->business ? "Business service level" : "Basic service level",
		"abuse", "abuse@dedi-demo.example",
		"location", "datacenter", dd_sb_dc_names[s->dc], "room", room, "block", "A",
		"rack", rack, "position", (int)s->rack_pos,
		"network", "ip", pub, "private", priv, "ipfo", ipfo,
		"ip", ips, "contacts", "owner", "demo", "tech", "demo",
		"disks", disks, "drive_arrays", arrays, "raid_controllers", raids,
		"bmc", "session_key", dd_sb_online_bmc_key(s), "install_status",
		s->status == DD_SB_INSTALLING ? "installing" : "installed");
	if (v && !o->raid_model)
		json_object_del(v, "bmc"); /* no KVM over IP on this offer */
	return v;
}

static int get_server(const struct dd_sb_req *r, uint32_t *id, struct dd_sb_resp *resp)
{
	if (dd_sb_parse_id(r->segs[1], id) < 0 || !dd_sb_online_server(r, *id)) {
		dd_sb_online_server_unknown(r, resp);
		return -1;
	}
	return 0;
}

static void put_server(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *hostname = dd_sb_online_param(r, "hostname");
	if (!hostname || !dd_sb_valid_hostname(hostname, strlen(hostname))) {
		free(hostname);
		dd_sb_online_error(resp, 400, "Invalid parameter: hostname must be a valid host name", 4);
		return;
	}
	uint32_t id;
	dd_sb_world_wrlock(r->world);
	if (get_server(r, &id, resp) == 0) {
		struct dd_sb_server *s = dd_sb_world_server(r->world, id);
		if (s->status == DD_SB_LOCKED) {
			dd_sb_online_error(resp, 403, "Server is locked", 6);
		} else if (dd_sb_set_string(&s->hostname, hostname) < 0) {
			dd_sb_reply(resp, 500, NULL);
		} else {
			char ev[128];
			snprintf(ev, sizeof ev, "Hostname changed to %.80s", hostname);
			s->updated_at = dd_sb_now();
			dd_sb_world_add_event(r->world, s, s->updated_at, ev);
			dd_sb_reply(resp, 200, json_true());
		}
	}
	pthread_rwlock_unlock(&r->world->lock);
	free(hostname);
}

static void list_servers(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	json_t *a = json_array();
	pthread_rwlock_rdlock(&r->world->lock);
	for (size_t i = 0; a && i < r->world->nservers; i++) {
		char buf[40];
		if (r->world->servers[i].deleted || !dd_sb_online_server(r, r->world->servers[i].id))
			continue;
		snprintf(buf, sizeof buf, "/api/v1/server/%u", r->world->servers[i].id);
		json_array_append_new(a, json_string(buf));
	}
	pthread_rwlock_unlock(&r->world->lock);
	dd_sb_reply(resp, 200, a);
}

void dd_sb_online_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int get = strcmp(r->method, "GET") == 0;
	if (get) {
		dd_sb_deliver(r->world);
		dd_sb_install_settle(r->world);
	}
	if (dd_sb_online_actions(r, resp) || dd_sb_online_install(r, resp) || dd_sb_online_bmc(r, resp) || dd_sb_online_failover(r, resp) ||
	    dd_sb_online_rpn(r, resp))
		return;
	if (r->nsegs == 1 && strcmp(r->segs[0], "user") == 0 && get) {
		dd_sb_reply(resp, 200, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}", "id", 99999,
						 "login", "demo", "email", "demo@dedi-demo.example",
						 "first_name", "Demo", "last_name", "User",
						 "company", "Dedi Demo SAS"));
	} else if (r->nsegs == 1 && strcmp(r->segs[0], "hosting") == 0 && get) {
		/* online-v1.md §7: a list of links to hostings */
		json_t *a = json_array();
		for (size_t i = 0; a && i < dd_sb_scn_hostings(r->world->scenario); i++) {
			char buf[48];
			snprintf(buf, sizeof buf, "/api/v1/hosting/%zu", 5500 + i);
			json_array_append_new(a, json_string(buf));
		}
		dd_sb_reply(resp, 200, a);
	} else if (r->nsegs == 1 && strcmp(r->segs[0], "server") == 0 && get) {
		list_servers(r, resp);
	} else if (r->nsegs == 2 && strcmp(r->segs[0], "server") == 0 && get) {
		uint32_t id;
		pthread_rwlock_rdlock(&r->world->lock);
		if (get_server(r, &id, resp) == 0)
			dd_sb_reply(resp, 200, server_json(r->world, dd_sb_world_server(r->world, id)));
		pthread_rwlock_unlock(&r->world->lock);
	} else if (r->nsegs == 2 && strcmp(r->segs[0], "server") == 0 && strcmp(r->method, "PUT") == 0) {
		put_server(r, resp);
	} else {
		dd_sb_online_error(resp, 404, "Unknown method", 3);
	}
}
