/* dedi-sandbox as a library: a stateful imitation of the Scaleway Dedibox
 * v1, IAM v1alpha1, Billing v2beta1 and Online.net v1 APIs, served over
 * loopback HTTP by libmicrohttpd in its own thread(s).
 *
 * Scaleway paths live at the root (URL/dedibox/v1/..., URL/iam/v1alpha1/...),
 * Online's under URL/api/v1/... . */
#ifndef DD_SANDBOX_H
#define DD_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

/* The documented demo credentials: obviously fake, printed in the README. */
#define DD_SANDBOX_ACCESS_KEY "SCWDEMO0000000000000"
#define DD_SANDBOX_SECRET_KEY "00000000-0000-4000-8000-00000000de70"
#define DD_SANDBOX_ORGANIZATION_ID "11111111-1111-4111-8111-111111111111"
#define DD_SANDBOX_PROJECT_ID "11111111-1111-4111-8111-111111111111"
#define DD_SANDBOX_ONLINE_TOKEN "demo0000000000000000000000000000online"

struct dd_sandbox_opts {
	unsigned port;            /* 0: an ephemeral port */
	uint64_t seed;            /* world seed, default 1 */
	unsigned servers;         /* default 24, up to 100000 */
	int servers_set;          /* servers counts even when 0 (an empty world) */
	unsigned latency_ms;      /* added before every response */
	const char *access_key;   /* NULL: the demo value */
	const char *secret_key;
	const char *online_token;
	int hostile;              /* hostnames and tags are hostile strings */
	int iam_member;           /* the demo user is a member, not the Organization's owner */
	unsigned cut_writes;      /* the next N writes are applied, then their connection is cut unanswered */
	const char *stats_path;   /* NULL, or a file rewritten with the request counts after each request */
	unsigned quirks;          /* DD_SANDBOX_QUIRK_* bits: --quirks */
	uint32_t time_scale_milli; /* --time-scale X, in thousandths; 0: real time */
	/* --quirks: real-API behaviours that are off by default, one field
	 * each (doc/dedi-sandbox.1 lists the names). */
	unsigned rate_limit;      /* rate-limit=N: the next N API requests are refused as the real gateways do (Scaleway 429 without Retry-After, Online 503) */
	unsigned rate_limit_writes; /* rate-limit-writes=N: the same for the next N writes only */
	const char *fail_zone;    /* fail-zone=ZONE: every Dedibox read in that zone answers 500 */
	uint32_t fail_online_server; /* fail-online-server=ID: Online's GET of that server answers 500 */
	int scenario;             /* --scenario: enum dd_sb_scenario (sandbox/scenario.h), 0 none */
	int ip_shuffle;           /* ip-shuffle: a server's addresses come in any order, with every semantic of the SDK's enum */
	const char *faults;       /* --faults SPEC (sandbox/faults.h), NULL: none */
	unsigned slow_pages_ms;   /* slow-pages=MS: Dedibox server list pages after the first answer MS later */
	unsigned invoices;        /* --invoices N: at least N invoices over both sources (Dedibox months billed in batches); 0: one Dedibox invoice a month */
	int no_page_cache;        /* --no-page-cache: server list pages built as trees, uncached (the reference) */
};

/* Habits of the real APIs that the sandbox has only when asked
 * (--quirks NAME[,NAME]; the names are in sandbox/quirks.c). */
/* issue 17, part 2 (quirks1) */
#define DD_SANDBOX_QUIRK_IAM_DENIED   (1u << 0) /* IAM answers 403 permissions_denied: a Dedibox-scoped key */
#define DD_SANDBOX_QUIRK_ONLINE_403   (1u << 1) /* Online answers 403, not 404, for a server not yours */
#define DD_SANDBOX_QUIRK_BARE_LISTS   (1u << 2) /* an empty Scaleway list is {"total_count":0}, no array */
#define DD_SANDBOX_QUIRK_NULL_LISTS   (1u << 3) /* an empty Scaleway list has its array as null */
#define DD_SANDBOX_QUIRK_ONLINE_FALSE (1u << 4) /* Online edits and actions answer false, change nothing */

/* Adds the bits of a comma-separated list of quirk names to *out; -1 with
 * a message naming every quirk in err for an unknown name. */
int dd_sandbox_quirks_parse(const char *list, unsigned *out, char *err, size_t errlen);

/* Requests received, by method (the /__sandbox/ routes are not counted):
 * what tests read to prove that a write was or was not sent. */
struct dd_sandbox_stats {
	unsigned long get, head, post, put, patch, del, other;
	unsigned long writes;     /* POST + PUT + PATCH + DELETE */
	unsigned long cut;        /* writes whose connection was cut after they were applied */
	unsigned long limited;    /* requests refused by the rate-limit quirks (counted above too) */
	unsigned long served;     /* responses sent whole (a client got its answer) */
	unsigned long max_in_flight; /* most requests being handled at one time: concurrency, not speed */
	unsigned long not_modified; /* Online reads answered 304 (If-None-Match named the ETag) */
};

struct dd_sandbox;

/* Starts serving; NULL with a message in err on failure. */
struct dd_sandbox *dd_sandbox_start(const struct dd_sandbox_opts *opts, char *err, size_t errlen);
/* "http://127.0.0.1:PORT", borrowed. */
const char *dd_sandbox_url(const struct dd_sandbox *sb);
void dd_sandbox_stop(struct dd_sandbox *sb);
/* The counts so far (also GET URL/__sandbox/stats on loopback). */
void dd_sandbox_stats(const struct dd_sandbox *sb, struct dd_sandbox_stats *out);

/* The hostile strings that --hostile draws hostnames and tags from (escape
 * sequences, control characters, bidi overrides, invalid UTF-8...), in a
 * fixed order; borrowed, valid for the life of the process. Screen tests
 * iterate them. */
const char *const *dd_sandbox_hostile_strings(size_t *n);
/* Marks in a hostile string that the JSON writer sends as the escape no C
 * string holds: \u0000, an unpaired high (\ud800) or low (\udc00)
 * surrogate. 0xF8 never starts a UTF-8 character. */
#define DD_SB_WIRE_MARK 0xf8
#define DD_SB_WIRE_NUL "\xf8" "0"
#define DD_SB_WIRE_HIGH "\xf8" "S"
#define DD_SB_WIRE_LOW "\xf8" "s"

#endif
