/* Shared by the sandbox tests: TAP output, an in-process sandbox and HTTP
 * requests to it through libcurl. */
#ifndef DD_SBTEST_H
#define DD_SBTEST_H

#include <jansson.h>
#include <stddef.h>

#include "sandbox/sandbox.h"

/* TAP: one line per check; t_done prints the plan and gives the exit code. */
int t_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void t_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int t_done(void);

struct sbt;

/* Starts a sandbox; exits the test (Bail out!) when it cannot. */
struct sbt *sbt_start(const struct dd_sandbox_opts *opts);
void sbt_stop(struct sbt *t);
const char *sbt_url(const struct sbt *t);
/* Its counters (dd_sandbox_stats). */
void sbt_stats(const struct sbt *t, struct dd_sandbox_stats *out);

struct sbt_resp {
	long status;
	char *body;     /* raw bytes, NUL-terminated */
	size_t len;
	json_t *json;   /* the body parsed after UTF-8 repair; NULL if not JSON */
	char allow[64]; /* Allow header */
};

enum sbt_auth { SBT_NONE, SBT_SCW, SBT_ONLINE };

/* method, path (appended to the URL), optional body (JSON content type
 * unless ctype says otherwise). Returns the status, 0 on transport failure. */
long sbt_req(struct sbt *t, enum sbt_auth auth, const char *method, const char *path,
	     const char *body, const char *ctype, struct sbt_resp *out);
/* Shorthand for a GET with Scaleway auth; resp cleared first. */
long sbt_get(struct sbt *t, const char *path, struct sbt_resp *out);
void sbt_resp_free(struct sbt_resp *r);

/* Replaces invalid UTF-8 with U+FFFD, as dedi's client does before parsing.
 * Caller frees. */
char *sbt_repair_utf8(const char *s, size_t len, size_t *outlen);
/* Unpaired surrogate escapes in JSON text become \ufffd, in place. */
void sbt_repair_surrogates(char *s, size_t n);

/* Monotonic milliseconds. */
double sbt_ms(void);

#endif
