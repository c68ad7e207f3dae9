#include "core/apierr.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/text.h"
#include "core/i18n.h"

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
		/* A 403 that no IAM policy would cure. */
		{ "quotas_exceeded", DD_E_API },
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
			? _(" Check the Scaleway secret key (SCW_SECRET_KEY or the profile's).")
			: _(" Check the Dedibox private token (DEDI_ONLINE_TOKEN or the profile's).");
	case DD_E_PERMISSION:
		/* IAM is Scaleway's: an Online token has no policy to check. */
		return api == SCW
			? _(" The key is valid but lacks the permission: check its IAM policy.")
			: _(" The token is valid but this account may not do that (is the server yours?).");
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
		dd_utf8_trim_cut(buf);
	}
	if (n > 0) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, ")");
	}
}

/* Appends s cleaned by core/text; a no-op once buf is full. */
static void add_clean(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf);
	if (used + 1 < len)
		dd_text_clean_buf(s, strlen(s), buf + used, len - used);
}

static void add_str(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf);
	if (used + 1 < len)
		snprintf(buf + used, len - used, "%s", s);
	dd_utf8_trim_cut(buf);
}

static const char *opt_str(const struct dd_jv *o, const char *key)
{
	const char *v = NULL;
	dd_json_str(o, key, false, &v, NULL);
	return v ? v : "";
}

/* permissions_denied: details[] of {action, resource}, the SDK's
 * PermissionsDeniedError; quotas_exceeded: details[] of {resource, quota,
 * current}. Both name what the API refused, not only that it did. */
static void add_denied_or_quota(const struct dd_jv *root, bool quota, char *buf, size_t len)
{
	struct dd_jv details, d;
	size_t n = 0;

	if (dd_json_obj(root, "details", false, &details, NULL) < 0 || !details.v ||
	    dd_json_array_size(&details, &n, NULL) < 0)
		return;
	for (size_t i = 0, shown = 0; i < n && shown < 4; i++) {
		if (dd_json_at(&details, i, &d, NULL) < 0 || !json_is_object(d.v))
			continue;
		add_str(buf, len, shown++ ? "; " : " (");
		if (quota) {
			int64_t q = 0, cur = 0;
			char num[48];
			add_clean(buf, len, opt_str(&d, "resource"));
			dd_json_int(&d, "quota", false, &q, NULL);
			dd_json_int(&d, "current", false, &cur, NULL);
			snprintf(num, sizeof(num), _(": %" PRId64 " of %" PRId64 " used"), cur, q);
			add_str(buf, len, num);
		} else {
			add_clean(buf, len, opt_str(&d, "action"));
			add_str(buf, len, " on ");
			add_clean(buf, len, opt_str(&d, "resource"));
		}
		if (i + 1 == n || shown == 4)
			add_str(buf, len, ")");
	}
}

/* The legacy invalid_request_error: fields is {name: [message, ...]}. */
static void add_fields(const struct dd_jv *root, char *buf, size_t len)
{
	const char *key;
	json_t *msgs;
	int shown = 0;
	json_t *fields = json_object_get(root->v, "fields");

	if (!json_is_object(fields))
		return;
	json_object_foreach(fields, key, msgs) {
		if (shown == 4)
			break;
		add_str(buf, len, shown++ ? "; " : " (");
		add_clean(buf, len, key);
		add_str(buf, len, ":");
		for (size_t i = 0; i < json_array_size(msgs) && i < 2; i++) {
			const char *m = json_string_value(json_array_get(msgs, i));
			add_str(buf, len, i ? ", " : " ");
			add_clean(buf, len, m ? m : "?");
		}
	}
	if (shown)
		add_str(buf, len, ")");
}

/* The resource and its id, in the words of transient_state and locked. */
static void add_resource(const struct dd_jv *root, const char *what, char *buf, size_t len)
{
	const char *state = opt_str(root, "current_state");

	if (!*opt_str(root, "resource"))
		return;
	add_str(buf, len, " (");
	add_clean(buf, len, opt_str(root, "resource"));
	add_str(buf, len, " ");
	add_clean(buf, len, opt_str(root, "resource_id"));
	add_str(buf, len, what);
	if (*state) {
		add_str(buf, len, ": ");
		add_clean(buf, len, state);
	}
	add_str(buf, len, ")");
}

/* too_many_requests and precondition_failed: help_message (what the
 * precondition is), and reset_seconds, when the body has them. */
static void add_rate(const struct dd_jv *root, char *buf, size_t len, long *reset_s)
{
	int64_t reset = 0;
	const char *help = opt_str(root, "help_message");

	if (*help) {
		add_str(buf, len, " (");
		add_clean(buf, len, help);
		add_str(buf, len, ")");
	}
	if (dd_json_int(root, "reset_seconds", false, &reset, NULL) == 0 && reset > 0 &&
	    reset < 86400 * 30)
		*reset_s = (long)reset;
}

/* Plain words for the types whose message alone says little. */
static const char *plain_words(const char *type)
{
	static const struct { const char *type, *words; } map[] = {
		{ "transient_state", N_(" The resource is busy with another change: try again once it is done.") },
		{ "locked", N_(" The resource is locked (by Scaleway, or a pending operation): it cannot be changed now.") },
		{ "quotas_exceeded", N_(" A quota of the Organization is reached: free something, or ask Scaleway support to raise it.") },
		{ "too_many_requests", N_(" dedi was rate-limited: wait a little, then try again.") },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(type, map[i].type) == 0)
			return _(map[i].words);
	return "";
}

static void from_response(enum api api, int status, const char *body,
			     size_t len, long retry_after_s, struct dd_error *err)
{
	const char *who = api == SCW ? "Scaleway" : "Online.net";
	char msg[320] = "", type[48] = "", extra[240] = "";
	const char *words = "";
	long reset_s = -1;
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
				if (cres[0]) {
					snprintf(extra, sizeof(extra), " (%s %s)", cres, crid);
					dd_utf8_trim_cut(extra);
				}
			} else if (t && strcmp(t, "invalid_arguments") == 0) {
				add_details(&root, extra, sizeof(extra));
			} else if (t && strcmp(t, "permissions_denied") == 0) {
				add_denied_or_quota(&root, false, extra, sizeof(extra));
			} else if (t && strcmp(t, "quotas_exceeded") == 0) {
				add_denied_or_quota(&root, true, extra, sizeof(extra));
			} else if (t && strcmp(t, "invalid_request_error") == 0) {
				add_fields(&root, extra, sizeof(extra));
			} else if (t && strcmp(t, "transient_state") == 0) {
				add_resource(&root, _(" is in a transient state"), extra, sizeof(extra));
			} else if (t && (strcmp(t, "locked") == 0 || strcmp(t, "resource_locked") == 0)) {
				add_resource(&root, _(" is locked"), extra, sizeof(extra));
			} else if (t && (strcmp(t, "too_many_requests") == 0 ||
				   strcmp(t, "precondition_failed") == 0)) {
				add_rate(&root, extra, sizeof(extra), &reset_s);
			}
			words = plain_words(type);
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
	/* Online's gateway answers a bare 503 to a poll that came too soon. */
	if (api == ONLINE && status == 503 && !*words)
		words = _(" Online.net answers 503 when it is polled too fast: wait a little, then try again.");
	if (retry_after_s <= 0)
		retry_after_s = reset_s;
	if (kind == DD_E_RATE_LIMIT && retry_after_s > 0)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 _("; it asks to wait %ld s"), retry_after_s);
	else if (kind == DD_E_RATE_LIMIT && !*words)
		words = _(" dedi was rate-limited: wait a little, then try again.");
	dd_error_set(err, kind, status, type, _("%s refused the request: %s%s.%s%s"), who, msg,
		     extra, words, advice(kind, api));
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
