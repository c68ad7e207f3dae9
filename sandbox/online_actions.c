/* Online.net v1 actions and side resources (online-v1.md §3-§5): power,
 * rescue, OS list, FTP backup, reverse DNS, failover IPs, disks. Bodies
 * are form-urlencoded or JSON; answers are bare `true`/`false` as the API
 * gives them. Backup quotas are in bytes, disk capacities in MB. */
#include "sandbox/online_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/sandbox.h"

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static char *form_value(const char *body, size_t len, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = body, *end = body + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *fe = amp ? amp : end;
		if ((size_t)(fe - p) > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			const char *v = p + nlen + 1;
			char *out = malloc((size_t)(fe - v) + 1), *o = out;
			if (!out)
				return NULL;
			for (; v < fe; v++) {
				if (*v == '+') {
					*o++ = ' ';
				} else if (*v == '%' && fe - v >= 3 && hexval(v[1]) >= 0 && hexval(v[2]) >= 0) {
					*o++ = (char)(hexval(v[1]) * 16 + hexval(v[2]));
					v += 2;
				} else {
					*o++ = *v;
				}
			}
			*o = '\0';
			return out;
		}
		p = fe + 1;
	}
	return NULL;
}

char *dd_sb_online_param(const struct dd_sb_req *r, const char *name)
{
	int json = strstr(r->content_type, "json") != NULL || (r->body_len && r->body[0] == '{');
	if (!json)
		return form_value(r->body, r->body_len, name);
	json_t *b = json_loadb(r->body, r->body_len, 0, NULL), *v = json_object_get(b, name);
	char *out = NULL, num[32];
	if (json_is_string(v))
		out = strdup(json_string_value(v));
	else if (json_is_boolean(v))
		out = strdup(json_is_true(v) ? "true" : "false");
	else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		out = strdup(num);
	}
	json_decref(b);
	return out;
}

/* The server named by segs[i]; NULL with a 404 in resp. Caller locks. */
static struct dd_sb_server *server_at(const struct dd_sb_req *r, size_t i, struct dd_sb_resp *resp)
{
	uint32_t id;
	struct dd_sb_server *s = i < r->nsegs && dd_sb_parse_id(r->segs[i], &id) == 0 ? dd_sb_online_server(r, id) : NULL;
	if (!s)
		dd_sb_online_server_unknown(r, resp);
	return s;
}

struct dd_sb_server *dd_sb_online_server(const struct dd_sb_req *r, uint32_t id)
{
	struct dd_sb_server *s = dd_sb_world_server(r->world, id);
	if (s && (r->quirks & DD_SANDBOX_QUIRK_ONLINE_403) &&
	    dd_sb_dc_zone(s->dc) == dd_sb_zone_parse("nl-ams-1"))
		return NULL; /* another Online account's: a server that is not yours */
	return s;
}

void dd_sb_online_server_unknown(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	/* --quirks online-403: the real API does not say whether the server
	 * exists, only that it is not the token's */
	if (r->quirks & DD_SANDBOX_QUIRK_ONLINE_403)
		dd_sb_online_error(resp, 403, "Permission denied: this server is not in your account", 2);
	else
		dd_sb_online_error(resp, 404, "Server not found", 5);
}

static void power(const struct dd_sb_req *r, const char *what, struct dd_sb_resp *resp)
{
	char *reason = dd_sb_online_param(r, "reason");
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = server_at(r, r->nsegs - 1, resp);
	int64_t now = dd_sb_now();
	if (!s) {
		/* resp holds the error */
	} else if (s->status == DD_SB_LOCKED) {
		dd_sb_online_error(resp, 403, "Server is locked", 6);
	} else if (s->status == DD_SB_INSTALLING) {
		/* the Online console refuses power actions until install_status is installed */
		dd_sb_online_error(resp, 400, "Server is being installed: wait until it is done", 4);
	} else if (!strcmp(what, "reboot") && (!reason || !*reason)) {
		/* the API does nothing and says false without a reason */
		dd_sb_reply(resp, 200, json_false());
	} else {
		if (!strcmp(what, "shutdown")) {
			s->status = DD_SB_STOPPED;
			dd_sb_world_add_event(r->world, s, now, "Power off requested");
		} else {
			s->status = DD_SB_READY;
			s->rebooted_at = now;
			dd_sb_world_add_event(r->world, s, now, !strcmp(what, "reboot") ? "Reboot requested"
										: "Boot in normal mode requested");
		}
		s->updated_at = now;
		dd_sb_reply(resp, 200, json_true());
	}
	pthread_rwlock_unlock(&r->world->lock);
	free(reason);
}

static const char *const rescue_images[] = { "ubuntu-22.04_amd64", "debian-12_amd64", "ubuntu-24.04_amd64", "winpe-3.0_amd64" };

static void rescue(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *image = dd_sb_online_param(r, "image");
	int known = 0;
	for (size_t i = 0; image && i < sizeof rescue_images / sizeof rescue_images[0]; i++)
		known |= !strcmp(image, rescue_images[i]);
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = server_at(r, 3, resp);
	if (s && !known) {
		dd_sb_online_error(resp, 400, "Invalid parameter: image must be one of /server/rescue_images/{id}", 4);
	} else if (s && s->status == DD_SB_LOCKED) {
		dd_sb_online_error(resp, 403, "Server is locked", 6);
	} else if (s && s->status == DD_SB_INSTALLING) {
		dd_sb_online_error(resp, 400, "Server is being installed: wait until it is done", 4);
	} else if (s) {
		char pw[17], login[24], ip[16];
		int64_t now = dd_sb_now();
		dd_sb_password(r->world, s, pw);
		snprintf(login, sizeof login, "sd-%u", s->id);
		dd_sb_ipv4_str(s->pub4, ip);
		s->status = DD_SB_RESCUE;
		s->rebooted_at = s->updated_at = now;
		dd_sb_world_add_event(r->world, s, now, "Rescue mode enabled");
		dd_sb_reply(resp, 200, json_pack("{s:s, s:s, s:s, s:s}", "login", login, "password", pw,
						 "protocol", "ssh", "ip", ip));
	}
	pthread_rwlock_unlock(&r->world->lock);
	free(image);
}

static void backup_get(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = server_at(r, 2, resp);
	if (s) {
		char login[24];
		int on = s->backup == DD_SB_BK_READY;
		snprintf(login, sizeof login, "sd-%u", s->id);
		dd_sb_reply(resp, 200, json_pack("{s:s, s:s, s:b, s:b, s:b, s:I, s:I, s:I, s:I}", "login", login,
			"server", s->dc == DD_SB_AMS1 ? "dedibackup-ams1.online.net" : "dedibackup-dc3.online.net",
			"active", on, "acl_enabled", s->backup_acl, "autologin", s->backup_autologin,
			"quota_space", (json_int_t)100000000000LL,
			"quota_space_used", on ? (json_int_t)(s->id % 90 + 1) * 1000000000LL : (json_int_t)0,
			"quota_files", (json_int_t)100000, "quota_files_used", on ? (json_int_t)(s->id % 50000) : (json_int_t)0));
	}
	pthread_rwlock_unlock(&r->world->lock);
}

static int parse_bool(const char *v, int *out)
{
	if (!v)
		return 0;
	if (!strcmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "false") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 1;
}

static void backup_edit(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *sid = dd_sb_online_param(r, "server_id"), *pw = dd_sb_online_param(r, "password");
	char *al = dd_sb_online_param(r, "autologin"), *acl = dd_sb_online_param(r, "acl_enabled");
	int autologin = 0, acl_on = 0, has_al = parse_bool(al, &autologin), has_acl = parse_bool(acl, &acl_on);
	uint32_t id = 0;
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = sid && dd_sb_parse_id(sid, &id) == 0 ? dd_sb_online_server(r, id) : NULL;
	if (!s)
		dd_sb_online_server_unknown(r, resp);
	else if (has_al < 0 || has_acl < 0)
		dd_sb_online_error(resp, 400, "Invalid parameter: autologin and acl_enabled must be true or false", 4);
	else if (pw && (strlen(pw) < 8 || strlen(pw) > 64))
		dd_sb_online_error(resp, 400, "Invalid parameter: the password must be 8 to 64 characters long", 4);
	else {
		if (pw)
			s->backup = DD_SB_BK_READY;
		if (has_al)
			s->backup_autologin = (uint8_t)autologin;
		if (has_acl)
			s->backup_acl = (uint8_t)acl_on;
		dd_sb_reply(resp, 200, json_true());
	}
	pthread_rwlock_unlock(&r->world->lock);
	if (pw)
		memset(pw, 0, strlen(pw));
	free(sid);
	free(pw);
	free(al);
	free(acl);
}

/* The server whose public IPv4 is addr, or the failover IP addr. */
static void find_ip(struct dd_sb_world *w, uint32_t addr, struct dd_sb_server **s, struct dd_sb_failover **f)
{
	*s = NULL;
	*f = NULL;
	for (size_t i = 0; i < w->nservers && !*s; i++)
		if (w->servers[i].pub4 == addr && !w->servers[i].deleted)
			*s = &w->servers[i];
	for (size_t i = 0; i < w->nfailovers && !*s && !*f; i++)
		if (w->failovers[i].addr == addr && !w->failovers[i].deleted)
			*f = &w->failovers[i];
}

static void ip_edit(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *addr = dd_sb_online_param(r, "address"), *rev = dd_sb_online_param(r, "reverse");
	uint32_t a;
	struct dd_sb_server *s;
	struct dd_sb_failover *f;
	if (dd_sb_parse_ipv4(addr, &a) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: address must be an IPv4 address", 4);
	} else if (!rev || (*rev && !dd_sb_valid_fqdn(rev, strlen(rev)))) {
		dd_sb_online_error(resp, 400, "Invalid parameter: reverse must be a host name", 4);
	} else {
		dd_sb_world_wrlock(r->world);
		find_ip(r->world, a, &s, &f);
		char **slot = s ? &s->reverse : f ? &f->reverse : NULL;
		if (!slot) {
			dd_sb_online_error(resp, 404, "IP address not found", 5);
		} else {
			if (*rev)
				dd_sb_set_string(slot, rev);
			else {
				free(*slot);
				*slot = NULL;
			}
			dd_sb_reply(resp, 200, json_true());
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	free(addr);
	free(rev);
}

static json_t *failover_entry(struct dd_sb_world *w, const struct dd_sb_failover *f)
{
	char src[16], dst[16], mac[18], ref[48];
	const struct dd_sb_server *s = f->server ? dd_sb_world_server(w, f->server) : NULL;
	dd_sb_ipv4_str(f->addr, src);
	if (s) {
		dd_sb_ipv4_str(s->pub4, dst);
		snprintf(ref, sizeof ref, "/api/v1/server/%u", s->id);
	}
	snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", f->mac[0], f->mac[1], f->mac[2], f->mac[3],
		 f->mac[4], f->mac[5]);
	return json_pack("{s:s, s:s?, s:s?, s:s, s:o}", "source", src, "destination", s ? dst : NULL,
			 "mac", f->mac_type ? mac : NULL, "status", s ? "active" : "available",
			 "server", s ? json_pack("{s:s}", "$ref", ref) : json_null());
}

static void failover_edit(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *src = dd_sb_online_param(r, "source"), *dst = dd_sb_online_param(r, "destination");
	uint32_t a, b = 0;
	if (dd_sb_parse_ipv4(src, &a) < 0 || (dst && *dst && dd_sb_parse_ipv4(dst, &b) < 0)) {
		dd_sb_online_error(resp, 400, "Invalid parameter: source and destination must be IPv4 addresses", 4);
	} else {
		dd_sb_world_wrlock(r->world);
		struct dd_sb_server *s = NULL, *target = NULL;
		struct dd_sb_failover *f = NULL, *unused;
		find_ip(r->world, a, &s, &f);
		if (dst && *dst)
			find_ip(r->world, b, &target, &unused);
		if (!f)
			dd_sb_online_error(resp, 404, "Failover IP not found", 5);
		else if (dst && *dst && !target)
			dd_sb_online_error(resp, 404, "Destination server not found", 5);
		else if (target && dd_sb_dc_zone(target->dc) != f->zone)
			dd_sb_online_error(resp, 400, "Invalid parameter: the destination is in another zone", 4);
		else {
			f->server = target ? target->id : 0;
			if (!target)
				f->mac_type = 0;
			dd_sb_reply(resp, 200, json_true());
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	free(src);
	free(dst);
}

static void operating_systems(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_server *s = server_at(r, 2, resp);
	pthread_rwlock_unlock(&r->world->lock);
	if (!s)
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < dd_sb_noses; i++) {
		const struct dd_sb_os *os = &dd_sb_oses[i];
		char release[32];
		snprintf(release, sizeof release, "%.10sT00:00:00.000Z", os->released);
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:n}", "id", (json_int_t)os->id,
			"name", os->online_name, "version", os->version,
			"type", strstr(os->name, "Proxmox") || strstr(os->name, "ESXi") ? "virtualization" : "server",
			"arch", "64 bits", "release", release, "end_of_life"));
	}
	dd_sb_reply(resp, 200, a);
}

static void disk(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	uint32_t id;
	pthread_rwlock_rdlock(&r->world->lock);
	struct dd_sb_world *w = r->world;
	const struct dd_sb_server *s = NULL;
	unsigned k = 0;
	if (dd_sb_parse_id(r->segs[3], &id) == 0 && id >= 3000000u && (id - 3000000u) / 8u < w->nservers) {
		s = &w->servers[(id - 3000000u) / 8u];
		k = (id - 3000000u) % 8u;
		if (s->deleted || k >= dd_sb_offers[s->offer].ndisks)
			s = NULL;
	}
	if (!s) {
		dd_sb_online_error(resp, 404, "Disk not found", 5);
	} else {
		const struct dd_sb_offer *o = &dd_sb_offers[s->offer];
		char conn[2] = { (char)('A' + k), 0 }, type[8], ref[64];
		snprintf(type, sizeof type, "%s", o->disk_type);
		for (char *p = type; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		snprintf(ref, sizeof ref, "/api/v1/server/hardware/raidController/%u", 9000000u + s->index);
		dd_sb_reply(resp, 200, json_pack("{s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)id, "connector", conn,
						 "type", type, "capacity", (json_int_t)o->disk_gb * 953674 / 1000,
						 "raid_controller", o->raid_model ? json_pack("{s:s}", "$ref", ref) : json_null()));
	}
	pthread_rwlock_unlock(&r->world->lock);
}

static int is(const struct dd_sb_req *r, size_t i, const char *s)
{
	return r->nsegs > i && strcmp(r->segs[i], s) == 0;
}

int dd_sb_online_actions(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int get = !strcmp(r->method, "GET"), post = !strcmp(r->method, "POST");
	size_t n = r->nsegs;
	if (!is(r, 0, "server"))
		return 0;
	if (post && n == 3 && (is(r, 1, "reboot") || is(r, 1, "shutdown")))
		power(r, r->segs[1], resp);
	else if (post && n == 4 && is(r, 1, "boot") && is(r, 2, "normal"))
		power(r, "normal", resp);
	else if (post && n == 4 && is(r, 1, "boot") && is(r, 2, "rescue"))
		rescue(r, resp);
	else if (get && n == 3 && is(r, 1, "rescue_images")) {
		pthread_rwlock_rdlock(&r->world->lock);
		if (server_at(r, 2, resp))
			dd_sb_reply(resp, 200, json_pack("[s, s, s, s]", rescue_images[0], rescue_images[1],
							 rescue_images[2], rescue_images[3]));
		pthread_rwlock_unlock(&r->world->lock);
	} else if (get && n == 3 && is(r, 1, "operatingSystems"))
		operating_systems(r, resp);
	else if (get && n == 3 && is(r, 1, "backup"))
		backup_get(r, resp);
	else if (post && n == 3 && is(r, 1, "backup") && is(r, 2, "edit"))
		backup_edit(r, resp);
	else if (post && n == 3 && is(r, 1, "ip") && is(r, 2, "edit"))
		ip_edit(r, resp);
	else if (get && n == 2 && is(r, 1, "failover")) {
		json_t *a = json_array();
		pthread_rwlock_rdlock(&r->world->lock);
		for (size_t i = 0; a && i < r->world->nfailovers; i++)
			if (!r->world->failovers[i].deleted)
				json_array_append_new(a, failover_entry(r->world, &r->world->failovers[i]));
		pthread_rwlock_unlock(&r->world->lock);
		dd_sb_reply(resp, 200, a);
	} else if (post && n == 3 && is(r, 1, "failover") && is(r, 2, "edit"))
		failover_edit(r, resp);
	else if (get && n == 4 && is(r, 1, "hardware") && is(r, 2, "disk"))
		disk(r, resp);
	else
		return 0;
	return 1;
}
