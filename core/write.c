/* The one write path: guards, re-read, audit intent, one send, audit
 * outcome, reconciliation. One context per write; it owns a copy of the
 * plan (wiped when freed) and the re-read record. */
#include "core/write.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/online.h"

struct wctx {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_write_policy pol;
	char profile[64];
	struct dd_write_plan plan;
	char seen_host[256], seen_status[24];
	bool check_host, check_status;
	struct dd_server_detail now;  /* the re-read, before and after sending */
	char write_id[24];
	bool has_target;              /* not a server: target lends the re-read */
	struct dd_write_target target;
	dd_write_fn cb;
	void *ud;
	struct dd_write_result res;
};

void dd_write_plan_wipe(struct dd_write_plan *plan)
{
	sodium_memzero(plan, sizeof(*plan));
}

void dd_write_describe(const struct dd_write_plan *p, char *buf, size_t len)
{
	snprintf(buf, len, "%s\n%s %s%s%s%s%s", p->summary, dd_http_method_name(p->req.method),
		 p->req.url, p->req.shown[0] ? "\n" : "", p->req.shown,
		 p->price[0] ? "\nprice: " : "", p->price);
}

static void finish(struct wctx *w)
{
	w->res.plan = &w->plan;
	w->cb(w->ud, &w->res);
	dd_server_detail_clear(&w->now);
	sodium_memzero(&w->plan, sizeof(w->plan));
	free(w);
}

static bool guarded(const struct wctx *w, const char *hostname, struct dd_error *err)
{
	char why[600];
	if (dd_config_read_only(w->pol.config, w->profile, why, sizeof(why))) {
		dd_error_set(err, DD_E_REFUSED, 0, NULL,
			     "Profile %s is read-only (%s): nothing was sent.", w->profile, why);
		return true;
	}
	if (dd_config_protects(w->pol.config, w->profile, w->plan.server_id, hostname, why,
			       sizeof(why))) {
		dd_error_set(err, DD_E_REFUSED, 0, NULL,
			     "Server %" PRId64 " (%s) is protected by %s: nothing was sent.",
			     w->plan.server_id, hostname && *hostname ? hostname : "?", why);
		return true;
	}
	return false;
}

static void audit(struct wctx *w, enum dd_audit_phase phase, const struct dd_error *e,
		  struct dd_error *err)
{
	struct dd_audit_entry ae = {
		.phase = phase, .write_id = w->write_id, .profile = w->profile,
		.method = w->plan.req.method, .url = w->plan.req.url,
		.summary = w->plan.summary, .body = w->plan.req.shown[0] ? w->plan.req.shown : NULL,
		.status = w->res.status, .error = e,
		.unknown = w->res.outcome == DD_WRITE_UNKNOWN,
		.reconciled = w->res.reconciled[0] ? w->res.reconciled : NULL,
	};
	char path[1100];
	if (!w->pol.audit)
		return;
	if (dd_audit_path(path, sizeof(path), err) == 0)
		dd_audit_append(path, &ae, err);
}

/* What the re-read says about the field the write was changing. */
static void reconcile_text(struct wctx *w, char *buf, size_t len)
{
	const struct dd_server *s = &w->now.s;
	switch (w->plan.field) {
	case DD_WF_HOSTNAME:
		snprintf(buf, len, "hostname is now %s", s->hostname);
		return;
	case DD_WF_TAGS:
		snprintf(buf, len, "tags are now \"%s\"", s->tags);
		return;
	case DD_WF_REVERSE:
		for (size_t i = 0; i < w->now.n_ifaces; i++)
			for (size_t k = 0; k < w->now.ifaces[i].n_ips; k++)
				if (strcmp(w->now.ifaces[i].ips[k].address, w->plan.field_key) == 0) {
					const char *r = w->now.ifaces[i].ips[k].reverse;
					snprintf(buf, len, "reverse of %s is now %s", w->plan.field_key,
						 r[0] ? r : "(none)");
					return;
				}
		snprintf(buf, len, "%s is no longer on the server", w->plan.field_key);
		return;
	case DD_WF_STATUS:
		break;
	}
	snprintf(buf, len, "server %" PRId64 " is %s", w->plan.server_id, s->status);
}

static void on_reconciled(void *ud, const struct dd_error *err)
{
	struct wctx *w = ud;
	char what[240];

	if (err->kind == DD_OK && w->has_target)
		w->target.describe(w->target.ud, what, sizeof(what));
	else if (err->kind == DD_OK)
		reconcile_text(w, what, sizeof(what));
	else
		snprintf(what, sizeof(what), "the re-read failed too (%s)", err->message);
	char cause[200];
	snprintf(cause, sizeof(cause), "%s", w->res.error.message);
	snprintf(w->res.reconciled, sizeof(w->res.reconciled), "re-read: %s", what);
	dd_error_set(&w->res.error, w->res.error.kind, 0, NULL,
		     "outcome unknown (the request was sent, then %s); %s", cause,
		     w->res.reconciled);
	audit(w, DD_AUDIT_OUTCOME, &w->res.error, &w->res.audit);
	finish(w);
}

static void on_sent(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct wctx *w = ud;
	struct dd_error aerr;

	dd_error_clear(&aerr);
	w->res.status = resp ? resp->status : 0;
	if ((!herr || herr->kind == DD_OK) && w->plan.req.api == DD_API_ONLINE && resp &&
	    dd_online_answered_false(resp->body, resp->body_len)) {
		/* 200 and false: refused, whatever the status says */
		w->res.outcome = DD_WRITE_FAILED;
		dd_error_set(&w->res.error, DD_E_API, w->res.status, "false",
			     "The Online API answered false: the change was not made.");
	} else if (!herr || herr->kind == DD_OK) {
		w->res.outcome = DD_WRITE_OK;
		dd_error_clear(&w->res.error);
		w->res.body = resp ? resp->body : NULL;
		w->res.body_len = resp ? resp->body_len : 0;
		w->res.date = resp ? resp->date : -1;
	} else if (w->res.status > 0) {
		w->res.outcome = DD_WRITE_FAILED;
		w->res.error = *herr;
	} else {
		/* The request may have been applied: never resend, look instead. */
		w->res.outcome = DD_WRITE_UNKNOWN;
		w->res.error = *herr;
		dd_server_detail_clear(&w->now);
		memset(&w->now, 0, sizeof(w->now));
		if (strcmp(herr->api_type, "cancelled") != 0 &&
		    (w->has_target
		     ? w->target.reread(w->target.ud, w->a, w->h, on_reconciled, w, &aerr)
		     : dd_account_load_server(w->a, w->h, w->plan.server_id,
					      w->plan.zone[0] ? w->plan.zone : NULL, &w->now,
					      on_reconciled, w, &aerr)) == 0)
			return;
		on_reconciled(w, aerr.kind != DD_OK ? &aerr : herr);
		return;
	}
	audit(w, DD_AUDIT_OUTCOME, &w->res.error, &w->res.audit);
	finish(w);
}

static void refuse_changed(struct wctx *w, const char *what, const char *was, const char *now)
{
	w->res.outcome = DD_WRITE_REFUSED;
	dd_error_set(&w->res.error, DD_E_REFUSED, 0, NULL,
		     "Server %" PRId64 " changed since it was read: its %s is now \"%s\", not \"%s\". "
		     "Nothing was sent; look again and retry.", w->plan.server_id, what, now, was);
	finish(w);
}

static void send_now(struct wctx *w, const char *hostname);

static void on_reread(void *ud, const struct dd_error *err)
{
	struct wctx *w = ud;
	const struct dd_server *s = &w->now.s;
	struct dd_error e;

	dd_error_clear(&e);
	if (err->kind != DD_OK) {
		w->res.outcome = DD_WRITE_FAILED;
		w->res.error = *err;
		dd_error_prefix(&w->res.error, "the server could not be re-read before sending, so "
				"nothing was sent");
		finish(w);
		return;
	}
	if (w->check_host && strcmp(w->seen_host, s->hostname) != 0) {
		refuse_changed(w, "hostname", w->seen_host, s->hostname);
		return;
	}
	if (w->check_status && strcmp(w->seen_status, s->status) != 0) {
		refuse_changed(w, "status", w->seen_status, s->status);
		return;
	}
	send_now(w, s->hostname);
}

/* The target is as the caller saw it: guards again (the re-read may have
 * brought the hostname a protected entry names), intent, one send. */
static void send_now(struct wctx *w, const char *hostname)
{
	struct dd_error e;

	dd_error_clear(&e);
	if (guarded(w, hostname, &e)) {
		w->res.outcome = DD_WRITE_REFUSED;
		w->res.error = e;
		finish(w);
		return;
	}
	/* No intent on disk, no request: the audit must never miss a write. */
	audit(w, DD_AUDIT_INTENT, NULL, &e);
	if (e.kind != DD_OK) {
		w->res.outcome = DD_WRITE_FAILED;
		w->res.error = e;
		dd_error_prefix(&w->res.error, "nothing was sent");
		finish(w);
		return;
	}
	struct dd_request req = {
		.api = w->plan.req.api, .method = w->plan.req.method, .url = w->plan.req.url,
		.body = w->plan.req.body[0] ? w->plan.req.body : NULL,
		.content_type = w->plan.req.content_type,
	};
	if (dd_request_send(w->h, dd_account_creds(w->a), &req, on_sent, w, &e) == 0) {
		w->res.outcome = DD_WRITE_FAILED;
		w->res.error = e;
		audit(w, DD_AUDIT_OUTCOME, &w->res.error, &w->res.audit);
		finish(w);
		return;
	}
	/* http copied the body; ours may hold a password. */
	sodium_memzero(w->plan.req.body, sizeof(w->plan.req.body));
}

static void on_target_reread(void *ud, const struct dd_error *err)
{
	struct wctx *w = ud;
	char why[300] = "";

	if (err->kind != DD_OK) {
		w->res.outcome = DD_WRITE_FAILED;
		w->res.error = *err;
		dd_error_prefix(&w->res.error, "the target could not be re-read before sending, so "
				"nothing was sent");
		finish(w);
		return;
	}
	if (w->target.unchanged && !w->target.unchanged(w->target.ud, why, sizeof(why))) {
		w->res.outcome = DD_WRITE_REFUSED;
		dd_error_set(&w->res.error, DD_E_REFUSED, 0, NULL,
			     "%s changed since it was read: %s. Nothing was sent; look again and retry.",
			     w->plan.summary[0] ? w->plan.summary : "The target", why[0] ? why : "it differs");
		finish(w);
		return;
	}
	send_now(w, w->plan.hostname);
}

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

int dd_write_send(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
		  const struct dd_write_plan *plan, const struct dd_write_seen *seen,
		  dd_write_fn cb, void *ud, struct dd_error *err)
{
	struct wctx *w = calloc(1, sizeof(*w));
	unsigned char rnd[8];

	if (!w)
		return dd_error_oom(err);
	/* The re-read before sending and the reconciliation after an unknown
	 * outcome read a server; a write of another kind of target brings
	 * its own re-read to this path first. */
	if (plan->server_id <= 0) {
		free(w);
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "This write names no server to re-read; nothing was sent.");
	}
	w->a = a;
	w->h = h;
	w->pol = *p;
	copy(w->profile, sizeof(w->profile), p->profile);
	w->plan = *plan;
	w->cb = cb;
	w->ud = ud;
	if (seen && seen->hostname) {
		w->check_host = true;
		copy(w->seen_host, sizeof(w->seen_host), seen->hostname);
	}
	if (seen && seen->status) {
		w->check_status = true;
		copy(w->seen_status, sizeof(w->seen_status), seen->status);
	}
	if (guarded(w, seen && seen->hostname ? seen->hostname : plan->hostname, err)) {
		sodium_memzero(w, sizeof(*w));
		free(w);
		return -1;
	}
	if (p->dry_run) {
		sodium_memzero(w, sizeof(*w));
		free(w);
		return 1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(w->write_id, sizeof(w->write_id), rnd, sizeof(rnd));
	if (dd_account_load_server(a, h, plan->server_id, plan->zone[0] ? plan->zone : NULL,
				   &w->now, on_reread, w, err) < 0) {
		dd_server_detail_clear(&w->now);
		sodium_memzero(w, sizeof(*w));
		free(w);
		return -1;
	}
	return 0;
}

int dd_write_send_target(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
			 const struct dd_write_plan *plan, const struct dd_write_target *target,
			 dd_write_fn cb, void *ud, struct dd_error *err)
{
	if (!target || !target->reread || !target->describe)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "This write brings no way to re-read its target; nothing was sent.");
	struct wctx *w = calloc(1, sizeof(*w));
	unsigned char rnd[8];

	if (!w)
		return dd_error_oom(err);
	w->a = a;
	w->h = h;
	w->pol = *p;
	copy(w->profile, sizeof(w->profile), p->profile);
	w->plan = *plan;
	w->has_target = true;
	w->target = *target;
	w->cb = cb;
	w->ud = ud;
	bool refused = guarded(w, plan->hostname, err);
	if (refused || p->dry_run) {
		sodium_memzero(w, sizeof(*w));
		free(w);
		return refused ? -1 : 1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(w->write_id, sizeof(w->write_id), rnd, sizeof(rnd));
	if (target->reread(target->ud, a, h, on_target_reread, w, err) < 0) {
		sodium_memzero(w, sizeof(*w));
		free(w);
		return -1;
	}
	return 0;
}
