/* What every API room of the sandbox answers with and checks its input
 * with: the replies and error bodies of each API, the argument parsers,
 * and the sandbox clock. Kept apart from server.c, which is the
 * libmicrohttpd plumbing that calls the rooms. */
#include "sandbox/server.h"

#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/names.h"
#include "core/netcalc.h"
#include "sandbox/faults.h"
#include "sandbox/emit.h"

const char *dd_sb_query(const struct dd_sb_req *r, const char *name)
{
	const char *v = dd_sb_fault_query(name); /* --faults dup-page, skip-page */
	return v ? v : MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* The sandbox clock: one per process (the demo runs one sandbox; tests
 * that start several share it). Real seconds since the first reading are
 * multiplied by the scale (in thousandths, --time-scale), and
 * POST /__sandbox/advance adds whole seconds, so that install steps, BMC
 * sessions and deliveries move on without a test waiting real minutes. */
static int64_t clock_start;          /* 0 until the first reading */
static uint32_t clock_scale_milli = 1000;
static int64_t clock_offset;

void dd_sb_clock_set_scale(uint32_t milli)
{
	__atomic_store_n(&clock_scale_milli, milli ? milli : 1000, __ATOMIC_SEQ_CST);
}

uint32_t dd_sb_clock_scale(void)
{
	return __atomic_load_n(&clock_scale_milli, __ATOMIC_SEQ_CST);
}

int64_t dd_sb_clock_advance(int64_t seconds)
{
	__atomic_add_fetch(&clock_offset, seconds, __ATOMIC_SEQ_CST);
	return dd_sb_now();
}

int64_t dd_sb_now(void)
{
	int64_t real = (int64_t)time(NULL), zero = 0;
	__atomic_compare_exchange_n(&clock_start, &zero, real, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	int64_t start = __atomic_load_n(&clock_start, __ATOMIC_SEQ_CST);
	int64_t scale = __atomic_load_n(&clock_scale_milli, __ATOMIC_SEQ_CST);
	return start + (real - start) * scale / 1000 + __atomic_load_n(&clock_offset, __ATOMIC_SEQ_CST);
}

void dd_sb_reply(struct dd_sb_resp *resp, unsigned status, json_t *v)
{
	free(resp->body);
	resp->body = v ? dd_sb_emit(v, &resp->len) : NULL;
	resp->ctype = NULL;
	json_t *total = json_object_get(v, "total_count");
	resp->has_total = json_is_integer(total);
	resp->total = json_integer_value(total);
	json_decref(v);
	if (!resp->body) {
		static const char oom[] = "{\"message\":\"out of memory\",\"type\":\"internal_error\"}";
		resp->body = strdup(oom);
		resp->len = resp->body ? strlen(oom) : 0;
		resp->status = 500;
		return;
	}
	resp->status = status;
}

void dd_sb_reply_bytes(struct dd_sb_resp *resp, unsigned status, const char *ctype, char *body, size_t len)
{
	free(resp->body);
	resp->body = body;
	resp->len = len;
	resp->status = status;
	resp->ctype = ctype;
	resp->has_total = 0;
}

void dd_sb_scw_invalid(struct dd_sb_resp *resp, const char *argument,
		       const char *reason, const char *help)
{
	json_t *d = json_pack("{s:s, s:s, s:s}", "argument_name", argument,
			      "reason", reason, "help_message", help);
	dd_sb_reply(resp, 400, json_pack("{s:[o], s:s, s:s}", "details", d,
					 "message", "invalid argument(s)",
					 "type", "invalid_arguments"));
}

void dd_sb_scw_not_found(struct dd_sb_resp *resp, const char *resource,
			 const char *resource_id)
{
	/* an id taken from the path may be any bytes: never echo invalid UTF-8 */
	json_t *id = json_string(resource_id);
	dd_sb_reply(resp, 404, json_pack("{s:s, s:s, s:o, s:s}", "message", "resource is not found",
					 "resource", resource, "resource_id", id ? id : json_string("?"),
					 "type", "not_found"));
}

void dd_sb_scw_no_route(struct dd_sb_resp *resp)
{
	dd_sb_reply(resp, 404, json_pack("{s:s, s:s}", "message", "route not found",
					 "type", "not_found"));
}

void dd_sb_scw_method(struct dd_sb_resp *resp, const char *allow)
{
	dd_sb_reply(resp, 405, json_pack("{s:s, s:s}", "message", "method not allowed",
					 "type", "method_not_allowed"));
	resp->allow = allow;
}

void dd_sb_scw_error(struct dd_sb_resp *resp, unsigned status, const char *type,
		     const char *message)
{
	dd_sb_reply(resp, status, json_pack("{s:s, s:s}", "message", message, "type", type));
}

void dd_sb_scw_precondition(struct dd_sb_resp *resp, const char *precondition, const char *help)
{
	dd_sb_reply(resp, 412, json_pack("{s:s, s:s, s:s, s:s}", "help_message", help,
					 "message", "precondition is not respected",
					 "precondition", precondition, "type", "precondition_failed"));
}

void dd_sb_scw_transient(struct dd_sb_resp *resp, const char *resource, const char *resource_id,
			 const char *current_state)
{
	dd_sb_reply(resp, 409, json_pack("{s:s, s:s, s:s, s:s, s:s}", "current_state", current_state,
					 "message", "resource is in a transient state",
					 "resource", resource, "resource_id", resource_id,
					 "type", "transient_state"));
}

void dd_sb_scw_locked(struct dd_sb_resp *resp, const char *resource, const char *resource_id)
{
	dd_sb_reply(resp, 423, json_pack("{s:s, s:s, s:s, s:s}", "message", "resource is locked",
					 "resource", resource, "resource_id", resource_id, "type", "locked"));
}

void dd_sb_no_content(struct dd_sb_resp *resp)
{
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
	resp->status = 204;
}

void dd_sb_online_error(struct dd_sb_resp *resp, unsigned status,
			const char *message, int code)
{
	dd_sb_reply(resp, status, json_pack("{s:s, s:i}", "error", message, "code", code));
}

json_t *dd_sb_json_body(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (r->body_len == 0)
		return json_object();
	json_error_t err;
	json_t *v = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!v) {
		dd_sb_scw_invalid(resp, "body", "format", "the request body is not valid JSON");
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		dd_sb_scw_invalid(resp, "body", "format", "the request body must be a JSON object");
		return NULL;
	}
	return v;
}

int dd_sb_parse_id(const char *s, uint32_t *out)
{
	if (!s || !*s || strlen(s) > 10)
		return -1;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v == 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int dd_sb_is_uuid(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

/* The rules are core's (core/names.h); what is left here is JSON's length,
 * which counts an embedded NUL that a C string would silently cut at. */
int dd_sb_valid_hostname(const char *s, size_t len)
{
	return s && strlen(s) == len && dd_check_hostname(s, NULL) == 0;
}

int dd_sb_valid_fqdn(const char *s, size_t len)
{
	return s && strlen(s) == len && dd_check_fqdn("name", s, NULL) == 0;
}

int dd_sb_parse_ipv4(const char *s, uint32_t *out)
{
	struct dd_addr a;
	if (!s || dd_addr_parse(s, DD_IPV4, &a, NULL) < 0)
		return -1;
	*out = (uint32_t)a.b[0] << 24 | (uint32_t)a.b[1] << 16 | (uint32_t)a.b[2] << 8 | a.b[3];
	return 0;
}
