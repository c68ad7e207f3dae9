/* IAM v1alpha1 (/iam/v1alpha1/...): who the demo key belongs to. Fields
 * follow @scaleway/sdk-iam 1.6.0 marshalling.gen.js (APIKey, User). The
 * secret key is never part of an answer. */
#include "sandbox/iam_api.h"

#include <stdio.h>
#include <string.h>

#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"
#include "sandbox/world.h"

/* The Organization's SSH keys (SSHKey in types.gen.d.ts): fixed, one of
 * them disabled, which an installation must refuse. */
static const struct {
	const char *id, *name, *public_key, *fingerprint, *created_at;
	int disabled;
} ssh_keys[] = {
	{ "5e1f0c2a-7d64-4a8e-9a3b-2f6c1d0e9a01", "laptop",
	  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoDemoDemoDemoDemoDemoDemoDemoDemoDemo01 demo@laptop",
	  "256 SHA256:Lp0mD3moF1ngerpr1ntLaptopAAAAAAAAAAAAAAAAAA demo@laptop (ssh-ed25519)",
	  "2023-04-11T08:00:00Z", 0 },
	{ "8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02", "ci-deploy",
	  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoDemoDemoDemoDemoDemoDemoDemoDemoDemo02 ci@deploy",
	  "256 SHA256:C1d3pl0yF1ngerpr1ntCiDeployBBBBBBBBBBBBBBBB ci@deploy (ssh-ed25519)",
	  "2024-01-20T10:30:00Z", 0 },
	{ "c3d5e7f9-2b4d-4c6e-9f8a-0b1c2d3e4f03", "old-desktop",
	  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDemoDemoDemoDemoDemoDemoDemoDemoDemo03 demo@old",
	  "2048 SHA256:0ldD3sktopF1ngerpr1ntCCCCCCCCCCCCCCCCCCCCCCC demo@old (ssh-rsa)",
	  "2019-06-01T12:00:00Z", 1 },
};
#define NKEYS (sizeof(ssh_keys) / sizeof(ssh_keys[0]))

int dd_sb_ssh_key_usable(const char *id)
{
	for (size_t i = 0; id && i < NKEYS; i++)
		if (strcmp(ssh_keys[i].id, id) == 0)
			return ssh_keys[i].disabled ? 0 : 1;
	return -1;
}

static json_t *ssh_key_json(size_t i)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", ssh_keys[i].id, "name",
			 ssh_keys[i].name, "public_key", ssh_keys[i].public_key, "fingerprint",
			 ssh_keys[i].fingerprint, "created_at", ssh_keys[i].created_at, "updated_at",
			 ssh_keys[i].created_at, "organization_id", DD_SANDBOX_ORGANIZATION_ID,
			 "project_id", DD_SANDBOX_PROJECT_ID, "disabled", ssh_keys[i].disabled);
}

/* GET /ssh-keys (page, page_size, order_by, name, disabled) and
 * GET /ssh-keys/{id} */
static void ssh_keys_route(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", "updated_at_asc",
					      "updated_at_desc", "name_asc", "name_desc", NULL };
	if (r->nsegs == 2) {
		for (size_t i = 0; i < NKEYS; i++)
			if (strcmp(ssh_keys[i].id, r->segs[1]) == 0) {
				dd_sb_reply(resp, 200, ssh_key_json(i));
				return;
			}
		dd_sb_scw_not_found(resp, "ssh_key", r->segs[1]);
		return;
	}
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	const char *name = dd_sb_query(r, "name"), *dis = dd_sb_query(r, "disabled");
	if (dis && strcmp(dis, "true") && strcmp(dis, "false")) {
		dd_sb_scw_invalid(resp, "disabled", "format", "must be true or false");
		return;
	}
	/* the table is in creation order except the oldest, last: sort by index */
	size_t order[NKEYS] = { 2, 0, 1 }, total = 0, first = dd_sb_page_first(&pg);
	json_t *arr = json_array();
	for (size_t k = 0; arr && k < NKEYS; k++) {
		size_t i = pg.order == 1 || pg.order == 3 ? order[NKEYS - 1 - k] : order[k];
		if (pg.order >= 4)
			i = pg.order == 4 ? (size_t[]){ 1, 0, 2 }[k] : (size_t[]){ 2, 0, 1 }[k];
		if ((name && *name && !strstr(ssh_keys[i].name, name)) ||
		    (dis && (strcmp(dis, "true") == 0) != ssh_keys[i].disabled))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, ssh_key_json(i));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:o, s:I}", "ssh_keys", arr, "total_count", (json_int_t)total));
}

static void api_key(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (strcmp(r->segs[1], r->access_key) != 0) {
		dd_sb_scw_not_found(resp, "api_key", r->segs[1]);
		return;
	}
	dd_sb_reply(resp, 200, json_pack(
		"{s:s, s:n, s:n, s:s, s:s, s:s, s:s, s:n, s:s, s:b, s:b, s:b, s:s}",
		"access_key", r->access_key, "secret_key", "application_id",
		"user_id", DD_SB_USER_ID, "description", "dedi demo key",
		"created_at", "2024-02-12T09:30:00Z", "updated_at", "2024-02-12T09:30:00Z",
		"expires_at", "default_project_id", DD_SANDBOX_PROJECT_ID,
		"editable", 1, "deletable", 1, "managed", 0, "creation_ip", "198.51.100.7"));
}

static void user(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int member = r->iam_member || dd_sb_scn_member(r->world->scenario);

	if (strcmp(r->segs[1], DD_SB_USER_ID) != 0) {
		dd_sb_scw_not_found(resp, "user", r->segs[1]);
		return;
	}
	dd_sb_reply(resp, 200, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:s, s:b, s:s,"
		" s:s, s:[], s:b}",
		"id", DD_SB_USER_ID, "email", "demo@dedi-demo.example", "username", "demo",
		"first_name", "Demo", "last_name", "User", "phone_number", "+33100000000",
		"locale", "en_US", "created_at", "2019-05-03T12:00:00Z", "updated_at", "2024-02-12T09:30:00Z",
		"deletable", member, "last_login_at", "2026-10-30T08:15:00Z",
		"type", member ? "member" : "owner", "two_factor_enabled", 1,
		"status", "activated", "mfa", 1, "account_root_user_id",
		member ? "33333333-3333-4333-8333-333333333333" : DD_SB_USER_ID,
		"organization_id", DD_SANDBOX_ORGANIZATION_ID, "tags", "locked", 0));
}

void dd_sb_iam_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (r->quirks & DD_SANDBOX_QUIRK_IAM_DENIED) {
		/* a Dedibox-scoped application key: IAM refuses it outright */
		const char *what = r->nsegs && strcmp(r->segs[0], "users") == 0 ? "user" : "api_key";
		json_t *d = json_pack("{s:s, s:s}", "resource", what,
				      "action", strcmp(r->method, "GET") == 0 ? "read" : "write");
		dd_sb_reply(resp, 403, json_pack("{s:[o], s:s, s:s}", "details", d, "message",
						 "insufficient permissions", "type", "permissions_denied"));
		return;
	}
	if (r->nsegs >= 1 && r->nsegs <= 2 && strcmp(r->segs[0], "ssh-keys") == 0) {
		if (strcmp(r->method, "GET") != 0)
			dd_sb_scw_method(resp, r->nsegs == 1 ? "GET, POST" : "GET, PATCH, DELETE");
		else
			ssh_keys_route(r, resp);
		return;
	}
	if (r->nsegs != 2) {
		dd_sb_scw_no_route(resp);
		return;
	}
	void (*fn)(const struct dd_sb_req *, struct dd_sb_resp *) =
		strcmp(r->segs[0], "api-keys") == 0 ? api_key : strcmp(r->segs[0], "users") == 0 ? user : NULL;
	if (!fn)
		dd_sb_scw_no_route(resp);
	else if (strcmp(r->method, "GET") != 0)
		dd_sb_scw_method(resp, "GET, PATCH, DELETE");
	else
		fn(r, resp);
}
