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
};

/* Requests received, by method (the /__sandbox/ routes are not counted):
 * what tests read to prove that a write was or was not sent. */
struct dd_sandbox_stats {
	unsigned long get, head, post, put, patch, del, other;
	unsigned long writes;     /* POST + PUT + PATCH + DELETE */
	unsigned long cut;        /* writes whose connection was cut after they were applied */
	unsigned long served;     /* responses sent whole (a client got its answer) */
	unsigned long max_in_flight; /* most requests being handled at one time: concurrency, not speed */
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

#endif
