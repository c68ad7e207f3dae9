#include "core/apierr.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/text.h"

enum api { SCW, ONLINE };

static enum dd_error_kind kind_for_status(int status)
{
	switch (status) {
	case 401: return DD_E_AUTH;
	case 403: return DD_E_PERMISSION;
	case 404: return DD_E_NOT_FOUND;
	case 429: return DD_E_RATE_LIMIT;
	default: return DD_E_API;
	}
}

static enum dd_error_kind kind_for_type(const char *type, int status)
{
	static const struct { const char *type; enum dd_error_kind kind; } map[] = {
		{ "denied_authentication", DD_E_AUTH },
		{ "authentication_error", DD_E_AUTH },
		{ "permissions_denied", DD_E_PERMISSION },
		{ "not_found", DD_E_NOT_FOUND },
		{ "unknown_resource", DD_E_NOT_FOUND },
		{ "too_many_requests", DD_E_RATE_LIMIT },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(type, map[i].type) == 0)
			return map[i].kind;
	return kind_for_status(status);
}

static const char *advice(enum dd_error_kind kind, enum api api)
{
	switch (kind) {
	case DD_E_AUTH:
		return api == SCW
			? " Check the Scaleway secret key (SCW_SECRET_KEY or the profile's)."
			: " Check the Dedibox private token (DEDI_ONLINE_TOKEN or the profile's).";
	case DD_E_PERMISSION:
		return " The key is valid but lacks the permission: check its IAM policy.";
	default:
		return "";
	}
}

/* Appends invalid_arguments details: "page_size: must be ... ". */
static void add_details(const struct dd_jv *root, char *buf, size_t len)
{
	struct dd_jv details, d;
	size_t n = 0;

	if (dd_json_obj(root, "details", false, &details, NULL) < 0 || !details.v)
		return;
	if (dd_json_array_size(&details, &n, NULL) < 0)
		return;
	for (size_t i = 0; i < n && i < 4; i++) {
		const char *arg = "", *reason = "", *help = "";
		char carg[64], chelp[160];
		size_t used = strlen(buf);

		if (dd_json_at(&details, i, &d, NULL) < 0 || !json_is_object(d.v))
			continue;
		dd_json_str(&d, "argument_name", false, &arg, NULL);
		dd_json_str(&d, "reason", false, &reason, NULL);
		dd_json_str(&d, "help_message", false, &help, NULL);
		dd_text_clean_buf(arg, strlen(arg), carg, sizeof(carg));
		dd_text_clean_buf(help[0] ? help : reason, strlen(help[0] ? help : reason),
				  chelp, sizeof(chelp));
		snprintf(buf + used, len - used, "%s%s: %s", i ? "; " : " (", carg, chelp);
	}
	if (n > 0) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, ")");
	}
}

static void from_response(enum api api, int status, const char *body,
			     size_t len, long retry_after_s, struct dd_error *err)
{
	const char *who = api == SCW ? "Scaleway" : "Online.net";
	char msg[320] = "", type[48] = "", extra[200] = "";
	enum dd_error_kind kind = kind_for_status(status);
	struct dd_jv root = { 0 };

	if (body && len && dd_json_parse(body, len, &root, NULL) == 0 && json_is_object(root.v)) {
		const char *m = NULL, *t = NULL;

		if (api == SCW) {
			dd_json_str(&root, "message", false, &m, NULL);
			dd_json_str(&root, "type", false, &t, NULL);
			if (t) {
				dd_text_clean_buf(t, strlen(t), type, sizeof(type));
				kind = kind_for_type(type, status);
			}
			if (t && strcmp(t, "not_found") == 0) {
				const char *res = "", *rid = "";
				char cres[64], crid[64];
				dd_json_str(&root, "resource", false, &res, NULL);
				dd_json_str(&root, "resource_id", false, &rid, NULL);
				dd_text_clean_buf(res, strlen(res), cres, sizeof(cres));
				dd_text_clean_buf(rid, strlen(rid), crid, sizeof(crid));
				if (cres[0])
					snprintf(extra, sizeof(extra), " (%s %s)", cres, crid);
			} else if (t && strcmp(t, "invalid_arguments") == 0) {
				add_details(&root, extra, sizeof(extra));
			}
		} else {
			int64_t code = 0;
			dd_json_str(&root, "error", false, &m, NULL);
			if (!m)
				dd_json_str(&root, "error_description", false, &m, NULL);
			if (dd_json_int(&root, "code", false, &code, NULL) == 0 && code)
				snprintf(type, sizeof(type), "code %" PRId64, code);
		}
		if (m)
			dd_text_clean_buf(m, strlen(m), msg, sizeof(msg));
	}
	json_decref(root.v);

	if (!msg[0])
		snprintf(msg, sizeof(msg), "HTTP %d", status);
	if (kind == DD_E_RATE_LIMIT && retry_after_s > 0)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 "; it asks to wait %ld s", retry_after_s);
	dd_error_set(err, kind, status, type, "%s refused the request: %s%s.%s", who, msg,
		     extra, advice(kind, api));
}

void dd_apierr_scw(int status, const char *body, size_t len, long retry_after_s,
		   struct dd_error *err)
{
	from_response(SCW, status, body, len, retry_after_s, err);
}

void dd_apierr_online(int status, const char *body, size_t len, long retry_after_s,
		      struct dd_error *err)
{
	from_response(ONLINE, status, body, len, retry_after_s, err);
}
