/* The sandbox's HTTP plumbing as seen by the API rooms: a parsed request,
 * a response to fill, and the error bodies of each API. */
#ifndef DD_SB_SERVER_H
#define DD_SB_SERVER_H

#include <jansson.h>
#include <stddef.h>

#include "sandbox/etag.h"
#include "sandbox/world.h"

#define DD_SB_MAX_SEGS 12
#define DD_SB_BODY_MAX (1024 * 1024)
#define DD_SB_USER_ID "22222222-2222-4222-8222-222222222222"

struct MHD_Connection;

struct dd_sb_req {
	struct dd_sb_world *world;
	struct MHD_Connection *conn;
	const char *method;
	const char *segs[DD_SB_MAX_SEGS]; /* path segments after the API prefix */
	size_t nsegs;
	const char *body;                 /* NUL-terminated; body_len bytes */
	size_t body_len;
	const char *content_type;         /* "" when absent */
	const char *access_key;           /* the configured credentials */
	int iam_member;                   /* the demo user is a member, not the owner */
	unsigned quirks;                  /* DD_SANDBOX_QUIRK_* bits */
	int no_page_cache;                /* lists built as trees, as before server_wire.c (the reference) */
};

struct dd_sb_resp {
	unsigned status;
	char *body;        /* owned */
	size_t len;
	const char *allow; /* Allow header for 405, static */
	const char *ctype; /* NULL: JSON; static */
	int has_total;     /* a list answer: its total_count, sent as X-Total-Count too */
	json_int_t total;
	int envoy_limited; /* x-envoy-ratelimited: true, as Scaleway's edge refuses */
	char etag[DD_SB_ETAG_LEN]; /* "" or the ETag sent (an Online read) */
};

/* The value of a query argument, NULL when absent. */
const char *dd_sb_query(const struct dd_sb_req *r, const char *name);

/* Takes ownership of v. A NULL v (allocation failed) gives a 500. */
void dd_sb_reply(struct dd_sb_resp *resp, unsigned status, json_t *v);

/* A non-JSON body (PDF, CSV); takes ownership of body. */
void dd_sb_reply_bytes(struct dd_sb_resp *resp, unsigned status, const char *ctype, char *body, size_t len);

/* Scaleway error bodies (sdk-client dist/scw/errors). */
void dd_sb_scw_invalid(struct dd_sb_resp *resp, const char *argument,
		       const char *reason, const char *help);
void dd_sb_scw_not_found(struct dd_sb_resp *resp, const char *resource,
			 const char *resource_id);
void dd_sb_scw_no_route(struct dd_sb_resp *resp);
void dd_sb_scw_method(struct dd_sb_resp *resp, const char *allow);
void dd_sb_scw_error(struct dd_sb_resp *resp, unsigned status, const char *type,
		     const char *message);

/* 412 precondition_failed with a precondition name and a help sentence. */
void dd_sb_scw_precondition(struct dd_sb_resp *resp, const char *precondition, const char *help);
/* 409 transient_state: the resource is busy in current_state. */
void dd_sb_scw_transient(struct dd_sb_resp *resp, const char *resource, const char *resource_id,
			 const char *current_state);
/* 423 locked. */
void dd_sb_scw_locked(struct dd_sb_resp *resp, const char *resource, const char *resource_id);
/* 204 with no body: what the API answers for an action without a result. */
void dd_sb_no_content(struct dd_sb_resp *resp);

/* Online error body {"error": ..., "code": ...}. */
void dd_sb_online_error(struct dd_sb_resp *resp, unsigned status,
			const char *message, int code);

/* The request's body as a JSON object; on failure the response is a 400
 * invalid_arguments and NULL is returned. An empty body is {}. */
json_t *dd_sb_json_body(const struct dd_sb_req *r, struct dd_sb_resp *resp);

/* Parses a decimal id in 1..UINT32_MAX; -1 when it is not one. */
int dd_sb_parse_id(const char *s, uint32_t *out);
/* A UUID in canonical text form. */
int dd_sb_is_uuid(const char *s);
/* A host name under core's dd_check_hostname; len is the string's length in
 * the request, so a name with a NUL inside is refused. */
int dd_sb_valid_hostname(const char *s, size_t len);
/* A reverse or a name server under core's dd_check_fqdn (a dot required, a
 * final dot allowed). */
int dd_sb_valid_fqdn(const char *s, size_t len);
/* An IPv4 address under core's dd_addr_parse, in host order; -1 if not. */
int dd_sb_parse_ipv4(const char *s, uint32_t *out);
/* Current time, unix seconds. */
int64_t dd_sb_now(void);
/* --time-scale (thousandths; 0 means 1000) and POST /__sandbox/advance. */
void dd_sb_clock_set_scale(uint32_t milli);
uint32_t dd_sb_clock_scale(void);
int64_t dd_sb_clock_advance(int64_t seconds);

#endif
