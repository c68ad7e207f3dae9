/* The one write path. Every change dedi sends (an edit, an action, an
 * order, a network or billing change) is planned as a struct
 * dd_write_plan (a backend room builds the request, a feature adds the
 * summary) and sent by dd_write_send, which:
 *   - refuses on a read_only profile or a protected server (config),
 *   - under --dry-run describes and sends nothing,
 *   - re-reads the server and refuses if its hostname or status is no
 *     longer what the caller saw,
 *   - writes the audit intent (synced), sends once (never retried),
 *     writes the outcome,
 *   - when the transport breaks after sending, says "outcome unknown",
 *     re-reads and reports what the server now is. */
#ifndef DD_WRITE_H
#define DD_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/config.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/request.h"

/* The request exactly as it will be sent, built by a backend room. */
struct dd_write_req {
	enum dd_api_flavour api;
	enum dd_http_method method;
	char url[512];
	char body[2048];          /* as sent; may hold a secret: dd_write_plan_wipe */
	char shown[2048];         /* the body with every secret masked */
	const char *content_type; /* static string, NULL when there is no body */
};

/* What a reconciling re-read reports after an unknown outcome. */
enum dd_write_field { DD_WF_STATUS, DD_WF_HOSTNAME, DD_WF_TAGS, DD_WF_REVERSE };

/* A write, described before it is sent: what a dialog, --dry-run and the
 * audit show. Plain data; wipe it when done (the body may hold a secret). */
struct dd_write_plan {
	struct dd_write_req req;
	char summary[300];        /* one line: "hostname of server 12 (web-1): web-2" */
	char price[96];           /* "" when it costs nothing; monthly + setup fee for an order */
	int64_t server_id;        /* the target */
	char zone[16];            /* "" if unknown */
	char hostname[256];       /* the target's hostname when planned (for protected) */
	enum dd_write_field field;
	char field_key[64];       /* DD_WF_REVERSE: the address */
};

/* What the caller saw of the target when it decided; NULL fields are not
 * compared. */
struct dd_write_seen {
	const char *hostname;
	const char *status;
};

/* Set once per profile and process. */
struct dd_write_policy {
	const char *profile;            /* config sections and the audit; "" if none */
	const struct dd_config *config; /* read_only, protected; NULL: no guards */
	bool dry_run;                   /* describe, send nothing */
	bool audit;                     /* false: no audit log (the demo) */
};

enum dd_write_outcome {
	DD_WRITE_OK,       /* the API accepted it */
	DD_WRITE_REFUSED,  /* not sent: the server changed (error says how) */
	DD_WRITE_FAILED,   /* not applied: the API refused, or nothing was sent */
	DD_WRITE_UNKNOWN   /* sent, no answer: reconciled says what the re-read found */
};

struct dd_write_result {
	enum dd_write_outcome outcome;
	const struct dd_write_plan *plan; /* borrowed for the callback; body wiped */
	struct dd_error error;            /* DD_OK only for DD_WRITE_OK */
	char reconciled[300];             /* UNKNOWN: "hostname is now web-2" */
	int status;                       /* HTTP status, 0 when no answer came */
	const char *body;                 /* OK: the API's answer, borrowed */
	size_t body_len;
	long long date;                   /* OK: the answer's Date (epoch s), -1 if absent */
	struct dd_error audit;            /* the outcome line could not be written, else DD_OK */
};

/* Called once per write that dd_write_send started. */
typedef void (*dd_write_fn)(void *ud, const struct dd_write_result *r);

/* Returns 0 when started (cb runs once, never from inside this call); 1
 * for a dry run (nothing sent, cb never runs: show dd_write_describe);
 * -1 with err filled when refused before anything started (DD_E_REFUSED
 * names the setting) or it could not start; cb never runs then. plan is
 * copied; seen may be NULL. */
int dd_write_send(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
		  const struct dd_write_plan *plan, const struct dd_write_seen *seen,
		  dd_write_fn cb, void *ud, struct dd_error *err);

/* The target of a write that is not a server (an order, a failover IP, a
 * subnet, an RPN group): the write path cannot read it itself, so the
 * feature lends it three functions. ud must live until cb has run. */
typedef void (*dd_write_reread_done)(void *ctx, const struct dd_error *err);
struct dd_write_target {
	/* Starts reading the target again; calls done(ctx, err) once, never
	 * from inside this call. Returns 0 when started, -1 with err filled. */
	int (*reread)(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		      void *ctx, struct dd_error *err);
	/* After the re-read before sending: false, with why ("its price is
	 * now 30.00 EUR, not 25.00 EUR"), when the target is no longer what
	 * the caller saw; nothing is sent then. NULL: nothing to compare. */
	bool (*unchanged)(void *ud, char *why, size_t len);
	/* After an unknown outcome and its re-read: one line of what the
	 * target now is ("2 orders of offer 1234 exist"). */
	void (*describe)(void *ud, char *buf, size_t len);
	void *ud;
};

/* dd_write_send for a target that is not a server: the same guards,
 * dry run, audit, single send and reconciliation, with the target's own
 * re-read. plan->server_id may be 0; when it is set (the server an IP is
 * routed to, say), protected servers still refuse. */
int dd_write_send_target(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
			 const struct dd_write_plan *plan, const struct dd_write_target *target,
			 dd_write_fn cb, void *ud, struct dd_error *err);

/* The plan for people: summary, "METHOD URL", the masked body and the
 * price, one per line. Truncated to len. */
void dd_write_describe(const struct dd_write_plan *plan, char *buf, size_t len);

/* Zeroes the plan, secret first. */
void dd_write_plan_wipe(struct dd_write_plan *plan);

#endif
