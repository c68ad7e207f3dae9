/* The refusals are the Online API's {"error", "code"} bodies with the
 * sandbox's codes (online_api.c): 4 invalid parameter, 5 not found,
 * 6 locked. A refused request changes nothing. */
#include "sandbox/online_install.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_actions.h"
#include "sandbox/online_actions.h"
#include "sandbox/sandbox.h"

/* The Online account's keys: UUIDs, not the Organization's IAM ids. */
static const struct {
	const char *uuid, *description, *fingerprint;
} keys[] = {
	{ "1c7f74bb-5e0d-4c1f-9a3e-0b6e0c1d2a01", "workstation",
	  "SHA256:W0rkst4t10nF1ngerpr1ntOnl1neAAAAAAAAAAAAAAA" },
	{ "1c7f74bb-5e0d-4c1f-9a3e-0b6e0c1d2a02", "backup-robot",
	  "SHA256:B4ckupR0b0tF1ngerpr1ntOnl1neBBBBBBBBBBBBBBBB" },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static json_t *key_json(size_t i)
{
	return json_pack("{s:s, s:s, s:s}", "uuid_ref", keys[i].uuid, "description", keys[i].description,
			 "fingerprint", keys[i].fingerprint);
}

static int key_known(const char *uuid)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].uuid, uuid))
			return 1;
	return 0;
}

static void ssh_keys(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (r->nsegs == 4) {
		for (size_t i = 0; i < NKEYS; i++)
			if (!strcmp(keys[i].uuid, r->segs[3])) {
				dd_sb_reply(resp, 200, key_json(i));
				return;
			}
		dd_sb_online_error(resp, 404, "SSH key not found", 5);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; a && i < NKEYS; i++)
		json_array_append_new(a, key_json(i));
	dd_sb_reply(resp, 200, a);
}

static int pw_ok(const char *pw)
{
	return pw && strlen(pw) >= 8 && strlen(pw) <= 64;
}

/* ssh_keys: a JSON array of UUIDs (the form's array text, or JSON). */
static const char *check_keys(const struct dd_sb_req *r)
{
	const char *why = NULL;
	json_t *v = NULL;
	int json = strstr(r->content_type, "json") != NULL || (r->body_len && r->body[0] == '{');
	if (json) {
		json_t *b = json_loadb(r->body, r->body_len, 0, NULL);
		v = json_incref(json_object_get(b, "ssh_keys"));
		json_decref(b);
	} else {
		char *text = dd_sb_online_param(r, "ssh_keys");
		if (!text)
			return NULL;
		v = json_loads(text, 0, NULL);
		free(text);
		if (!v)
			return "Invalid parameter: ssh_keys must be a JSON array of SSH key UUIDs";
	}
	size_t i;
	json_t *k;
	if (v && !json_is_array(v))
		why = "Invalid parameter: ssh_keys must be a JSON array of SSH key UUIDs";
	json_array_foreach(v, i, k) {
		if (!why && (!json_is_string(k) || !key_known(json_string_value(k))))
			why = "Invalid parameter: ssh_keys: not the UUID of an SSH key of this account (GET /user/key/ssh)";
	}
	json_decref(v);
	return why;
}

/* The request's first fault, as the API words it; NULL when none. */
static const char *check(const struct dd_sb_req *r, size_t *os, char **hostname, char *msg, size_t msglen)
{
	static const char *const pws[] = { "user_password", "root_password", "panel_password" };
	char *osid = dd_sb_online_param(r, "os_id"), *user = dd_sb_online_param(r, "user_login");
	char *parts = dd_sb_online_param(r, "partitioning"), *tmpl = dd_sb_online_param(r, "partitioning_template_ref");
	const char *why = NULL;
	uint32_t id = 0;
	*hostname = dd_sb_online_param(r, "hostname");
	size_t i = 0;
	if (!osid || dd_sb_parse_id(osid, &id) < 0)
		why = "Invalid parameter: os_id is required (an id of /server/operatingSystems/{id})";
	while (!why && i < dd_sb_noses && dd_sb_oses[i].id != id)
		i++;
	if (!why && i == dd_sb_noses)
		why = "Invalid parameter: os_id is not a system this server can install";
	*os = i;
	if (!why && (!*hostname || !dd_sb_valid_hostname(*hostname, strlen(*hostname)) || strlen(*hostname) > 63))
		why = "Invalid parameter: hostname must be a valid host name";
	if (!why && (!user || !*user))
		why = "Invalid parameter: user_login is required";
	for (size_t k = 0; !why && k < sizeof pws / sizeof pws[0]; k++) {
		char *pw = dd_sb_online_param(r, pws[k]);
		if (!pw_ok(pw)) {
			snprintf(msg, msglen, "Invalid parameter: %s must be 8 to 64 characters long", pws[k]);
			why = msg;
		}
		if (pw)
			memset(pw, 0, strlen(pw));
		free(pw);
	}
	if (!why && tmpl)
		why = "Invalid parameter: partitioning_template_ref is not a partitioning template of this account";
	if (!why && parts) {
		/* the layout is one object per disk, its arrays of equal length */
		json_t *p = json_loads(parts, 0, NULL), *d;
		if (!json_is_array(p) || !json_array_size(p))
			why = "Invalid parameter: partitioning must be a JSON array with one object per disk";
		json_array_foreach(p, i, d) {
			json_t *mount = json_object_get(d, "mount"), *size = json_object_get(d, "size");
			if (!why && (!json_is_array(mount) || !json_is_array(size) ||
				     json_array_size(mount) != json_array_size(size) || !json_array_size(size)))
				why = "Invalid parameter: partitioning: each disk needs mount and size arrays of one length";
		}
		json_decref(p);
	}
	if (!why)
		why = check_keys(r);
	free(osid);
	free(user);
	free(parts);
	free(tmpl);
	return why;
}

static void install(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	size_t os = 0;
	char *hostname = NULL;
	char msg[96];
	const char *why = check(r, &os, &hostname, msg, sizeof msg);
	uint32_t id;
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_parse_id(r->segs[2], &id) == 0 ? dd_sb_online_server(r, id) : NULL;
	if (s)
		dd_sb_install_catch_up(r->world, s);
	if (!s)
		dd_sb_online_server_unknown(r, resp);
	else if (s->status == DD_SB_LOCKED)
		dd_sb_online_error(resp, 403, "Server is locked", 6);
	else if (s->status == DD_SB_INSTALLING || s->status == DD_SB_BUSY || s->status == DD_SB_DELIVERING)
		dd_sb_online_error(resp, 400, "Server is being installed: wait until it is done", 4);
	else if (why)
		dd_sb_online_error(resp, 400, why, 4);
	else {
		dd_sb_install_begin(r->world, s, os, hostname);
		dd_sb_reply(resp, 201, json_true());
	}
	pthread_rwlock_unlock(&r->world->lock);
	free(hostname);
}

int dd_sb_online_install(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int get = !strcmp(r->method, "GET"), post = !strcmp(r->method, "POST");
	if (get && (r->nsegs == 3 || r->nsegs == 4) && !strcmp(r->segs[0], "user") &&
	    !strcmp(r->segs[1], "key") && !strcmp(r->segs[2], "ssh"))
		ssh_keys(r, resp);
	else if (post && r->nsegs == 3 && !strcmp(r->segs[0], "server") && !strcmp(r->segs[1], "install"))
		install(r, resp);
	else
		return 0;
	return 1;
}
