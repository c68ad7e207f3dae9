#include "core/online.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <curl/curl.h>
#include <sodium.h>

#include "core/json.h"
#include "core/json_arena.h"
#include "core/request.h"
#include "core/text.h"
#include "core/i18n.h"

void dd_online_url_servers(const struct dd_creds *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s/server", c->online_api_url);
}

void dd_online_url_server(const struct dd_creds *c, int64_t id, char *buf, size_t len)
{
	snprintf(buf, len, "%s/server/%" PRId64, c->online_api_url, id);
}

const char *dd_online_zone_of(const char *dc)
{
	static const struct { const char *dc, *zone; } map[] = {
		{ "DC2", "fr-par-1" }, { "DC3", "fr-par-1" }, { "DC5", "fr-par-2" },
		{ "AMS1", "nl-ams-1" }, { "AMS", "nl-ams-1" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(dc, map[i].dc) == 0)
			return map[i].zone;
	return "";
}

/* The id is the last path segment of a reference. */
static int ref_id(const char *ref, int64_t *id)
{
	const char *slash = strrchr(ref, '/');
	char *end;
	long long v;

	if (!slash || !slash[1])
		return -1;
	errno = 0;
	v = strtoll(slash + 1, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int dd_online_decode_refs(const char *body, size_t len, int64_t **ids, size_t *n,
			  struct dd_error *err)
{
	struct dd_jv root, item;
	size_t count = 0;
	int rc = -1;

	*ids = NULL;
	*n = 0;
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_array(root.v)) {
		dd_error_set(err, DD_E_DECODE, 0, NULL, _("server list: expected an array of references"));
		goto out;
	}
	count = json_array_size(root.v);
	*ids = calloc(count ? count : 1, sizeof(**ids));
	if (!*ids) {
		dd_error_oom(err);
		goto out;
	}
	for (size_t i = 0; i < count; i++) {
		const char *ref = NULL;
		if (dd_json_at(&root, i, &item, err) < 0)
			goto fail;
		if (json_is_string(item.v))
			ref = json_string_value(item.v);
		else if (json_is_object(item.v)) /* the 2014 form {"$ref": ...} */
			dd_json_str(&item, "$ref", false, &ref, NULL);
		if (!ref || ref_id(ref, &(*ids)[i]) < 0) {
			dd_error_set(err, DD_E_DECODE, 0, NULL, _("[%zu]: expected a server reference like \"/api/v1/server/1234\""), i);
			goto fail;
		}
	}
	*n = count;
	rc = 0;
	goto out;
fail:
	free(*ids);
	*ids = NULL;
out:
	/* References only ("/api/v1/server/ID"): no secret to wipe. The
	 * server's detail keeps its wipe: its "bmc" holds a session key. */
	dd_json_drop_public(root.v);
	return rc;
}

static int decode_ips(const struct dd_jv *root, struct dd_server_detail *d, struct dd_error *err)
{
	struct dd_jv ips, ip;
	size_t n = 0;
	int best4 = INT_MAX, best6 = INT_MAX;

	if (dd_json_obj(root, "ip", false, &ips, err) < 0 || dd_json_array_size(&ips, &n, err) < 0)
		return -1;
	if (!n)
		return 0;
	/* Online has no interfaces: one per MAC would be a guess, so all the
	 * addresses go on one "normal" interface. */
	d->ifaces = calloc(1, sizeof(*d->ifaces));
	if (!d->ifaces || !(d->ifaces[0].ips = calloc(n, sizeof(struct dd_ip))))
		return dd_error_oom(err);
	d->n_ifaces = 1;
	snprintf(d->ifaces[0].type, sizeof(d->ifaces[0].type), "normal");
	for (size_t i = 0; i < n; i++) {
		const char *addr = "", *type = "", *rev = "", *mac = "";
		struct dd_ip *p = &d->ifaces[0].ips[i];

		if (dd_json_at(&ips, i, &ip, err) < 0 ||
		    dd_json_str(&ip, "address", true, &addr, err) < 0 ||
		    dd_json_str(&ip, "type", false, &type, err) < 0 ||
		    dd_json_str(&ip, "reverse", false, &rev, err) < 0 ||
		    dd_json_str(&ip, "mac", false, &mac, err) < 0)
			return -1;
		dd_text_clean_str(addr, p->address, sizeof(p->address));
		dd_text_clean_str(type, p->semantic, sizeof(p->semantic));
		snprintf(p->version, sizeof(p->version), "%s", strchr(p->address, ':') ? "ipv6" : "ipv4");
		d->ifaces[0].n_ips = i + 1;
		if (dd_ip_set_reverse(p, rev) < 0)
			return dd_error_oom(err);
		if (!d->ifaces[0].mac[0] && mac[0] && strcmp(type, "public") == 0)
			dd_text_clean_str(mac, d->ifaces[0].mac, sizeof(d->ifaces[0].mac));
		/* The order of "ip" says nothing: the semantic picks. */
		int rank = dd_ip_semantic_rank(p->semantic);
		if (rank >= 0 && strcmp(p->version, "ipv4") == 0 && rank < best4) {
			snprintf(d->s.ipv4, sizeof(d->s.ipv4), "%s", p->address);
			best4 = rank;
		}
		if (rank >= 0 && strcmp(p->version, "ipv6") == 0 && rank < best6) {
			snprintf(d->s.ipv6, sizeof(d->s.ipv6), "%s", p->address);
			best6 = rank;
		}
	}
	return 0;
}

int dd_online_decode_server(const char *body, size_t len, struct dd_server_detail *d,
			    struct dd_error *err)
{
	struct dd_jv root, os, loc;
	const char *host = "", *offer = "", *power = "", *boot = "", *support = "", *abuse = "";
	const char *dc = "", *room = "", *last = "", *install = "";
	char rack[32] = "";
	int64_t id = 0;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_object(root.v)) {
		dd_error_set(err, DD_E_DECODE, 0, NULL, _("(document): expected an object"));
		goto out;
	}
	if (dd_json_int(&root, "id", true, &id, err) < 0 ||
	    dd_json_str(&root, "hostname", false, &host, err) < 0 ||
	    dd_json_str(&root, "offer", false, &offer, err) < 0 ||
	    dd_json_str(&root, "power", false, &power, err) < 0 ||
	    dd_json_str(&root, "boot_mode", false, &boot, err) < 0 ||
	    dd_json_str(&root, "support", false, &support, err) < 0 ||
	    dd_json_str(&root, "abuse", false, &abuse, err) < 0 ||
	    dd_json_str(&root, "last_reboot", false, &last, err) < 0 ||
	    dd_json_str(&root, "install_status", false, &install, err) < 0 ||
	    dd_json_obj(&root, "os", false, &os, err) < 0 ||
	    dd_json_obj(&root, "location", false, &loc, err) < 0)
		goto out;
	d->s.id = id;
	d->s.sources = DD_SRC_ONLINE;
	if (dd_server_set_text(&d->s, DD_RAW_HOSTNAME, &d->s.hostname, host) < 0 ||
	    dd_server_set_text(&d->s, DD_RAW_OFFER, &d->s.offer, offer) < 0 ||
	    dd_text_set(&d->level, support) < 0 || dd_text_set(&d->abuse_contact, abuse) < 0)
		goto nomem;
	dd_text_clean_str(power, d->power, sizeof(d->power));
	dd_text_clean_str(boot, d->boot_mode, sizeof(d->boot_mode));
	dd_text_clean_str(last, d->rebooted_at, sizeof(d->rebooted_at));
	/* Online speaks of power and boot mode; map onto Scaleway's status
	 * words so one column means one thing. */
	if (strcasecmp(boot, "rescue") == 0)
		snprintf(d->s.status, sizeof(d->s.status), "rescue");
	else if (install[0] && strcmp(install, "installed") != 0)
		snprintf(d->s.status, sizeof(d->s.status), "installing");
	else if (strcasecmp(power, "ON") == 0)
		snprintf(d->s.status, sizeof(d->s.status), "ready");
	else if (strcasecmp(power, "OFF") == 0)
		snprintf(d->s.status, sizeof(d->s.status), "stopped");
	else
		snprintf(d->s.status, sizeof(d->s.status), "unknown");
	if (os.v) {
		const char *name = "", *ver = "";
		char full[256];
		if (dd_json_str(&os, "name", false, &name, err) < 0 ||
		    dd_json_str(&os, "version", false, &ver, err) < 0)
			goto out;
		snprintf(full, sizeof(full), "%s%s%s", name, ver[0] ? " " : "", ver);
		if (dd_server_set_text(&d->s, DD_RAW_OS, &d->s.os, full) < 0)
			goto nomem;
	}
	if (loc.v) {
		char full[256];
		if (dd_json_str(&loc, "datacenter", false, &dc, err) < 0 ||
		    dd_json_str(&loc, "room", false, &room, err) < 0 ||
		    dd_json_int_or_str(&loc, "rack", false, rack, sizeof(rack), err) < 0)
			goto out;
		snprintf(full, sizeof(full), "%s%s%s%s%s", dc, room[0] ? " room " : "", room,
			 rack[0] ? " rack " : "", rack);
		if (dd_text_set(&d->location, full) < 0 || dd_text_set(&d->s.datacenter, dc) < 0)
			goto nomem;
		dd_text_clean_str(dd_online_zone_of(d->s.datacenter), d->s.zone, sizeof(d->s.zone));
	}
	if (decode_ips(&root, d, err) < 0)
		goto out;
	/* bmc: {session_key}: a server the API gives KVM sessions for */
	d->has_bmc = json_is_object(json_object_get(root.v, "bmc"));
	d->s.detailed = true;
	rc = 0;
	goto out;
nomem:
	dd_error_oom(err);
out:
	json_decref(root.v);
	return rc;
}

int dd_online_url_backup(const struct dd_creds *c, int64_t id, char *buf, size_t len,
			 struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/backup/%" PRId64, id);
}

int dd_online_decode_backup(const char *body, size_t len, struct dd_backup *b,
			    struct dd_error *err)
{
	const char *login = "", *server = "";
	bool active = false;
	struct dd_jv root;
	int rc = -1;

	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	memset(b, 0, sizeof(*b));
	if (dd_json_str(&root, "login", false, &login, err) < 0 ||
	    dd_json_str(&root, "server", false, &server, err) < 0 ||
	    dd_json_bool(&root, "acl_enabled", false, &b->acl_enabled, err) < 0 ||
	    dd_json_bool(&root, "autologin", false, &b->autologin, err) < 0 ||
	    dd_json_int(&root, "quota_space", false, &b->quota_space, err) < 0 ||
	    dd_json_int(&root, "quota_space_used", false, &b->quota_space_used, err) < 0 ||
	    dd_json_int(&root, "quota_files", false, &b->quota_files, err) < 0 ||
	    dd_json_int(&root, "quota_files_used", false, &b->quota_files_used, err) < 0 ||
	    dd_json_bool(&root, "active", false, &active, err) < 0)
		goto out;
	/* Online says only on or off; in Scaleway's words. */
	snprintf(b->status, sizeof(b->status), "%s", active ? "ready" : "inactive");
	strcpy(b->unit, "GB");
	dd_text_clean_buf(login, strlen(login), b->login, sizeof(b->login));
	dd_text_clean_buf(server, strlen(server), b->server, sizeof(b->server));
	rc = 0;
out:
	json_decref(root.v);
	return rc;
}

/* ---- writes: the requests core/write sends (forms) ---- */

/* Appends "&key=value" URL-encoded to body, and to shown with value
 * masked when secret. */
static int form_add(struct dd_write_req *out, const char *key, const char *value, bool secret,
		    struct dd_error *err)
{
	char *enc = curl_easy_escape(NULL, value, 0);
	size_t used = strlen(out->body), sused = strlen(out->shown);
	int n, m;

	if (!enc)
		return dd_error_oom(err);
	n = snprintf(out->body + used, sizeof(out->body) - used, "%s%s=%s", used ? "&" : "", key, enc);
	m = snprintf(out->shown + sused, sizeof(out->shown) - sused, "%s%s=%s", sused ? "&" : "",
		     key, secret ? "********" : enc);
	sodium_memzero(enc, strlen(enc));
	curl_free(enc);
	if (n < 0 || (size_t)n >= sizeof(out->body) - used || m < 0 ||
	    (size_t)m >= sizeof(out->shown) - sused)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	return 0;
}

static int form_start(const struct dd_creds *c, struct dd_write_req *out, enum dd_http_method m,
		      struct dd_error *err, const char *path, int64_t id)
{
	out->api = DD_API_ONLINE;
	out->method = m;
	out->content_type = "application/x-www-form-urlencoded";
	out->body[0] = out->shown[0] = '\0';
	if (id > 0)
		return dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "%s/%" PRId64,
				      path, id);
	return dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "%s", path);
}

int dd_online_req_hostname(const struct dd_creds *c, int64_t id, const char *hostname,
			   struct dd_write_req *out, struct dd_error *err)
{
	if (form_start(c, out, DD_PUT, err, "/server", id) < 0)
		return -1;
	return form_add(out, "hostname", hostname, false, err);
}

int dd_online_req_reverse(const struct dd_creds *c, const char *address, const char *reverse,
			  struct dd_write_req *out, struct dd_error *err)
{
	if (form_start(c, out, DD_POST, err, "/server/ip/edit", 0) < 0 ||
	    form_add(out, "address", address, false, err) < 0)
		return -1;
	return form_add(out, "reverse", reverse, false, err);
}

int dd_online_req_fip_edit(const struct dd_creds *c, const char *source, const char *destination,
			   struct dd_write_req *out, struct dd_error *err)
{
	if (form_start(c, out, DD_POST, err, "/server/failover/edit", 0) < 0 ||
	    form_add(out, "source", source, false, err) < 0)
		return -1;
	return form_add(out, "destination", destination, false, err);
}

int dd_online_req_fip_mac(const struct dd_creds *c, const char *address, const char *type,
			  struct dd_write_req *out, struct dd_error *err)
{
	if (form_start(c, out, DD_POST, err, "/server/failover/generateMac", 0) < 0 ||
	    form_add(out, "address", address, false, err) < 0)
		return -1;
	return form_add(out, "type", type, false, err);
}

int dd_online_req_fip_mac_delete(const struct dd_creds *c, const char *address,
				 struct dd_write_req *out, struct dd_error *err)
{
	if (form_start(c, out, DD_POST, err, "/server/failover/deleteMac", 0) < 0)
		return -1;
	return form_add(out, "address", address, false, err);
}

int dd_online_req_backup(const struct dd_creds *c, int64_t id, bool acl_enabled, bool autologin,
			 const char *password, struct dd_write_req *out, struct dd_error *err)
{
	char ids[24];

	snprintf(ids, sizeof(ids), "%" PRId64, id);
	if (form_start(c, out, DD_POST, err, "/server/backup/edit", 0) < 0 ||
	    form_add(out, "server_id", ids, false, err) < 0 ||
	    form_add(out, "autologin", autologin ? "true" : "false", false, err) < 0 ||
	    form_add(out, "acl_enabled", acl_enabled ? "true" : "false", false, err) < 0)
		return -1;
	if (password && *password)
		return form_add(out, "password", password, true, err);
	return 0;
}

int dd_online_answered_false(const char *body, size_t len)
{
	json_t *v = body ? json_loadb(body, len, JSON_DECODE_ANY, NULL) : NULL;
	int no = json_is_false(v);

	json_decref(v);
	return no;
}
