/* --faults SPEC: the network's and the gateways' failures, on chosen
 * routes, for the tests that check how dedi copes (doc/dedi-sandbox.1). */
#ifndef DD_SB_FAULTS_H
#define DD_SB_FAULTS_H

#include <stddef.h>

#include "sandbox/server.h"

struct MHD_Connection;
struct MHD_Response;

enum dd_sb_fault_kind {
	DD_FAULT_NONE,
	DD_FAULT_LATENCY,      /* latency=MS: answered, late */
	DD_FAULT_STALL,        /* accepted, never answered */
	DD_FAULT_RESET_BEFORE, /* closed before anything is done or sent */
	DD_FAULT_RESET_AFTER,  /* the change is made, then closed unanswered */
	DD_FAULT_TRUNCATE,     /* half the body, then closed */
	DD_FAULT_OVERSIZE,     /* a 9 MiB JSON body (dedi's page cap is 8 MiB) */
	DD_FAULT_MALFORMED,    /* 200 with half the JSON text */
	DD_FAULT_HTML502,      /* a proxy's HTML error page */
	DD_FAULT_429,          /* 429 without Retry-After, x-envoy-ratelimited */
	DD_FAULT_RETRY_AFTER,  /* retry-after=V: 429 with Retry-After V */
	DD_FAULT_STATUS,       /* 500, 502, 503 with the API's error body */
	DD_FAULT_REDIRECT,     /* redirect=CODE,URL: answered with Location: URL */
	DD_FAULT_DUP_PAGE,     /* page N (N >= 2) answers page N-1 again */
	DD_FAULT_SKIP_PAGE,    /* page N (N >= 2) answers page N+1 */
	DD_FAULT_TOTAL,        /* total=+N / total=-N: total_count lies */
};

/* One fault taken by a request: what to do, and its argument. */
struct dd_sb_fault {
	enum dd_sb_fault_kind kind;
	long arg;          /* ms, status, code or total change */
	char text[256];    /* Retry-After value or redirect URL */
	char page[24];     /* the page asked for instead (dup/skip) */
};

struct dd_sb_faults;

struct dd_sb_faults *dd_sb_faults_new(void);
void dd_sb_faults_free(struct dd_sb_faults *f);
/* Replaces every rule by those of spec ("" clears); on a bad spec the
 * rules stay as they were and err says what is wrong. */
int dd_sb_faults_set(struct dd_sb_faults *f, const char *spec, char *err, size_t errlen);
/* Wakes every stalled request: the sandbox is stopping. */
void dd_sb_faults_stop(struct dd_sb_faults *f);
/* Faults fired so far. */
unsigned long dd_sb_faults_fired(const struct dd_sb_faults *f);

/* The first rule matching this request, its #N taken: 1 and *out, or 0. */
int dd_sb_faults_take(struct dd_sb_faults *f, struct MHD_Connection *c, const char *method,
		      const char *url, struct dd_sb_fault *out);
/* Before routing. Returns 0 to go on (after a latency), 1 when the fault
 * answers instead of the API (resp filled), -1 to close the connection
 * without an answer (a stall ends so, once woken). */
int dd_sb_fault_before(struct dd_sb_faults *f, const struct dd_sb_fault *ft, const char *url,
		       struct dd_sb_resp *resp);
/* After routing: reshapes resp; -1 to close without an answer. */
int dd_sb_fault_after(const struct dd_sb_fault *ft, struct dd_sb_resp *resp);
/* A response of its own (a truncated body), or NULL for the ordinary one;
 * takes resp->body when it returns one. */
struct MHD_Response *dd_sb_fault_response(const struct dd_sb_fault *ft, struct dd_sb_resp *resp);
/* Headers the fault adds (Retry-After, Location, x-envoy-ratelimited). */
void dd_sb_fault_headers(const struct dd_sb_fault *ft, struct MHD_Response *mr);
/* The page query as the fault rewrote it, NULL when it did not (this
 * thread's request only). */
const char *dd_sb_fault_query(const char *name);
/* Clears this thread's rewrite when its request is answered. */
void dd_sb_fault_done(void);

#endif
