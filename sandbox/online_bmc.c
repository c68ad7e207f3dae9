#include "sandbox/online_bmc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/online_actions.h"
#include "sandbox/sandbox.h"

#define BMC_LIFETIME 3600
/* A new session answers 202 for this long: the BMC is being set up. */
#define BMC_READY 2

/* Open, not expired: s->bmc set and its time not passed. */
static int open_now(const struct dd_sb_server *s, int64_t now)
{
	return s->bmc && s->bmc_expires > now;
}

/* The key names the server and the session's start: a new session has
 * a new key, an old key finds nothing. */
static void key_of(const struct dd_sb_server *s, char out[40])
{
	snprintf(out, 40, "%08x%016" PRIx64, (unsigned)s->id ^ 0x5eed5eedu, (uint64_t)s->bmc_expires * 2654435761u);
}

json_t *dd_sb_online_bmc_key(const struct dd_sb_server *s)
{
	char key[40];
	if (!open_now(s, dd_sb_now()))
		return json_null();
	key_of(s, key);
	return json_string(key);
}

static struct dd_sb_server *by_key(struct dd_sb_world *w, const char *key, int64_t now)
{
	char k[40];
	for (size_t i = 0; i < w->nservers; i++) {
		struct dd_sb_server *s = &w->servers[i];
		if (s->deleted || !open_now(s, now))
			continue;
		key_of(s, k);
		if (!strcmp(k, key))
			return s;
	}
	return NULL;
}

static void open_session(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *sid = dd_sb_online_param(r, "server_id"), *ip = dd_sb_online_param(r, "ip");
	uint32_t id = 0, addr;
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = sid && dd_sb_parse_id(sid, &id) == 0 ? dd_sb_online_server(r, id) : NULL;
	int64_t now = dd_sb_now();
	if (!sid) {
		dd_sb_online_error(resp, 400, "Invalid parameter: server_id is required", 4);
	} else if (!s) {
		dd_sb_online_server_unknown(r, resp);
	} else if (!ip || dd_sb_parse_ipv4(ip, &addr) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: ip must be the IPv4 address allowed to reach the BMC", 4);
	} else if (!dd_sb_offers[s->offer].raid_model) {
		dd_sb_online_error(resp, 400, "This server has no BMC (no KVM over IP)", 4);
	} else if (s->status == DD_SB_LOCKED) {
		dd_sb_online_error(resp, 403, "Server is locked", 6);
	} else if (open_now(s, now)) {
		dd_sb_online_error(resp, 400, "A BMC session is already open on this server: close it first", 4);
	} else {
		char key[40];
		s->bmc = 1;
		s->bmc_ip = addr;
		s->bmc_expires = now + BMC_LIFETIME;
		key_of(s, key);
		dd_sb_reply(resp, 201, json_string(key));
	}
	pthread_rwlock_unlock(&r->world->lock);
	free(sid);
	free(ip);
}

static void session(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int del = !strcmp(r->method, "DELETE");
	dd_sb_world_wrlock(r->world);
	int64_t now = dd_sb_now();
	struct dd_sb_server *s = by_key(r->world, r->segs[3], now);
	if (!s) {
		dd_sb_online_error(resp, 404, "BMC session not found (closed or expired)", 5);
	} else if (del) {
		s->bmc = 0;
		dd_sb_reply(resp, 200, json_true());
	} else if (now < s->bmc_expires - BMC_LIFETIME + BMC_READY) {
		dd_sb_reply(resp, 202, json_object());
	} else {
		char url[96], login[24], pw[17];
		struct dd_sb_server copy = *s;
		snprintf(url, sizeof url, "https://bmc-%u.dedi-demo.example/", s->id);
		snprintf(login, sizeof login, "dedi-%u", s->id);
		/* the same password at every read of one session */
		copy.secrets = (uint16_t)(s->secrets ? s->secrets - 1 : 0);
		if (s->bmc == 1)
			dd_sb_password(r->world, s, pw);
		else
			dd_sb_password(r->world, &copy, pw);
		s->bmc = 2;
		dd_sb_reply(resp, 200, json_pack("{s:s, s:s, s:s, s:o}", "url", url, "login", login, "password", pw,
						 "expiration", dd_sb_time_json(s->bmc_expires)));
	}
	pthread_rwlock_unlock(&r->world->lock);
}

int dd_sb_online_bmc(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (r->nsegs < 3 || strcmp(r->segs[0], "server") || strcmp(r->segs[1], "bmc") || strcmp(r->segs[2], "session"))
		return 0;
	if (r->nsegs == 3 && !strcmp(r->method, "POST"))
		open_session(r, resp);
	else if (r->nsegs == 4 && (!strcmp(r->method, "GET") || !strcmp(r->method, "DELETE")))
		session(r, resp);
	else
		return 0;
	return 1;
}
