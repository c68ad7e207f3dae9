/* RAID arrays of a server's disks and the default partitioning of an OS
 * over them. Only servers with a hardware RAID controller can change their
 * arrays. */
#include "sandbox/dedibox_raid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_api.h"
#include "sandbox/dedibox_json.h"

static const char *const levels[] = { "no_raid", "raid0", "raid1", "raid5", "raid6", "raid10" };
enum { NO_RAID, RAID0, RAID1, RAID5, RAID6, RAID10 };

/* The arrays as stored, or the delivery default: one array of every disk,
 * RAID 1 (RAID 10 with four disks) behind a controller, else no RAID. */
static void layout(const struct dd_sb_server *s, uint8_t group[4], uint8_t level[4])
{
	const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
	if (s->raid_set) {
		memcpy(group, s->raid_group, 4);
		memcpy(level, s->raid_levels, 4);
		return;
	}
	for (unsigned k = 0; k < 4; k++) {
		group[k] = o->raid_model ? 0 : (uint8_t)k;
		level[k] = o->raid_model ? (o->ndisks >= 4 ? RAID10 : RAID1) : NO_RAID;
	}
}

static json_t *raid_json(const struct dd_sb_server *s)
{
	uint8_t group[4], level[4];
	unsigned nd = dd_sb_offers[s->offer].ndisks;
	layout(s, group, level);
	json_t *arrays = json_array();
	for (unsigned g = 0; arrays && g < 4; g++) {
		json_t *disks = json_array();
		for (unsigned k = 0; disks && k < nd && k < 4; k++)
			if (group[k] == g)
				json_array_append_new(disks, dd_sb_disk_json(s, k));
		if (json_array_size(disks))
			json_array_append_new(arrays, json_pack("{s:s, s:o}", "raid_level", levels[level[g]], "disks", disks));
		else
			json_decref(disks);
	}
	return json_pack("{s:o}", "raid_arrays", arrays);
}

static int level_index(const char *name)
{
	for (int i = 0; i < (int)(sizeof levels / sizeof levels[0]); i++)
		if (!strcmp(name, levels[i]))
			return i;
	return -1;
}

static int level_fits(int level, size_t n)
{
	switch (level) {
	case NO_RAID: return n == 1;
	case RAID0: return n >= 2;
	case RAID1: return n >= 2 && n % 2 == 0;
	case RAID5: return n >= 3;
	case RAID6: return n >= 4;
	default: return n >= 4 && n % 2 == 0;
	}
}

/* Validates raid_arrays against the server's disks; fills the layout. */
static int parse_arrays(json_t *arrays, const struct dd_sb_server *s, uint8_t group[4], uint8_t level[4],
			struct dd_sb_resp *resp)
{
	unsigned nd = dd_sb_offers[s->offer].ndisks;
	unsigned used = 0;
	json_t *a, *d;
	size_t i, k;
	if (!json_is_array(arrays) || json_array_size(arrays) == 0 || json_array_size(arrays) > 4) {
		dd_sb_scw_invalid(resp, "raid_arrays", arrays ? "format" : "required", "must be a list of 1 to 4 arrays");
		return -1;
	}
	json_array_foreach(arrays, i, a) {
		json_t *ids = json_object_get(a, "disk_ids"), *lv = json_object_get(a, "raid_level");
		int l = json_is_string(lv) ? level_index(json_string_value(lv)) : -1;
		if (l < 0) {
			dd_sb_scw_invalid(resp, "raid_level", lv ? "constraint" : "required",
					  "must be one of no_raid, raid0, raid1, raid5, raid6, raid10");
			return -1;
		}
		if (!json_is_array(ids) || !level_fits(l, json_array_size(ids))) {
			char help[96];
			snprintf(help, sizeof help, "%s cannot be built from %zu disk(s)", levels[l], json_array_size(ids));
			dd_sb_scw_invalid(resp, "disk_ids", ids ? "constraint" : "required", help);
			return -1;
		}
		json_array_foreach(ids, k, d) {
			json_int_t id = json_integer_value(d);
			json_int_t first = 3000000 + (json_int_t)s->index * 8;
			if (!json_is_integer(d) || id < first || id >= first + nd) {
				char buf[24];
				snprintf(buf, sizeof buf, "%lld", (long long)id);
				dd_sb_scw_not_found(resp, "disk", buf);
				return -1;
			}
			unsigned bit = 1u << (id - first);
			if (used & bit) {
				dd_sb_scw_invalid(resp, "disk_ids", "constraint", "a disk belongs to one array only");
				return -1;
			}
			used |= bit;
			group[id - first] = (uint8_t)i;
		}
		level[i] = (uint8_t)l;
	}
	if (used != (1u << nd) - 1u) {
		dd_sb_scw_invalid(resp, "disk_ids", "constraint", "every disk of the server must be in an array");
		return -1;
	}
	return 0;
}

void dd_sb_raid(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	int update = strcmp(r->segs[4], "update-raid") == 0;
	json_t *body = update ? dd_sb_json_body(r, resp) : NULL;
	if (update && !body)
		return;
	if (update)
		dd_sb_world_wrlock(r->world);
	else
		pthread_rwlock_rdlock(&r->world->lock);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	uint8_t group[4] = { 0 }, level[4] = { 0 };
	if (!s) {
		/* resp holds the error */
	} else if (!update) {
		dd_sb_reply(resp, 200, raid_json(s));
	} else if (!dd_sb_offers[s->offer].raid_model) {
		dd_sb_scw_precondition(resp, "unknown_precondition", "this server has no hardware RAID controller");
	} else if (s->status == DD_SB_INSTALLING) {
		/* the disks are being written: the API waits for the end */
		char id[16];
		snprintf(id, sizeof id, "%u", s->id);
		dd_sb_scw_transient(resp, "server", id, "installing");
	} else if (!dd_sb_refuse_locked(s, resp) &&
		   parse_arrays(json_object_get(body, "raid_arrays"), s, group, level, resp) == 0) {
		memcpy(s->raid_group, group, 4);
		memcpy(s->raid_levels, level, 4);
		s->raid_set = 1;
		dd_sb_world_add_event(r->world, s, dd_sb_now(), "RAID configuration updated");
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

void dd_sb_partitioning(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	uint32_t os_id;
	size_t os = dd_sb_noses;
	if (dd_sb_parse_id(r->segs[5], &os_id) < 0) {
		dd_sb_scw_invalid(resp, "os_id", "format", "must be a positive integer");
		return;
	}
	for (size_t i = 0; i < dd_sb_noses; i++)
		if (dd_sb_oses[i].id == os_id)
			os = i;
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && os == dd_sb_noses) {
		dd_sb_scw_not_found(resp, "os", r->segs[5]);
	} else if (s) {
		/* the partitions go on the first array */
		uint8_t group[4], level[4];
		layout(s, group, level);
		const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
		json_t *conn = json_array();
		for (unsigned k = 0; conn && k < o->ndisks && k < 4; k++)
			if (group[k] == 0) {
				char c[2] = { (char)('A' + k), 0 };
				json_array_append_new(conn, json_string(c));
			}
		int windows = strstr(dd_sb_oses[os].name, "Windows") != NULL;
		long long disk = (long long)o->disk_gb * 1000000000LL, swap = 4LL * 1073741824LL, efi = 536870912LL;
		const char *lv = levels[level[0]];
		dd_sb_reply(resp, 200, json_pack(
			"{s:[{s:s, s:s, s:s, s:s, s:I, s:O}, {s:s, s:s, s:n, s:s, s:I, s:O}, {s:s, s:s, s:s, s:s, s:I, s:O}]}",
			"partitions",
			"type", "primary", "file_system", windows ? "fat32" : "efi", "mount_point", "/boot/efi",
			"raid_level", lv, "capacity", (json_int_t)efi, "connectors", conn,
			"type", "primary", "file_system", "swap", "mount_point", "raid_level", lv,
			"capacity", (json_int_t)swap, "connectors", conn,
			"type", "primary", "file_system", windows ? "ntfs" : "ext4", "mount_point", windows ? "C:" : "/",
			"raid_level", lv, "capacity", (json_int_t)(disk - efi - swap), "connectors", conn));
		json_decref(conn);
	}
	pthread_rwlock_unlock(&r->world->lock);
}
