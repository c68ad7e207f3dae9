/* IAM v1alpha1 (/iam/v1alpha1/...): who the demo key belongs to. Fields
 * follow @scaleway/sdk-iam 1.6.0 marshalling.gen.js (APIKey, User). The
 * secret key is never part of an answer. */
#include "sandbox/iam_api.h"

#include <string.h>

#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"
#include "sandbox/world.h"

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
