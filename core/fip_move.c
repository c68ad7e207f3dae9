#include "core/fip_move.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/net_write.h"
#include "core/sections.h"
#include "core/store.h"
#include "core/i18n.h"

enum move_state { MV_DETACH, MV_ATTACH, MV_FOLLOW, MV_MAC, MV_REVERSE, MV_DONE };

struct move {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_write_policy pol;
	struct dd_failover f;        /* as seen; reverse points at rev_shown */
	char rev_shown[256];
	char *rev;                   /* the API's reverse (raw), set again if lost; owned */
	int64_t to;
	enum move_state st;
	int reads;
	long long follow_start;      /* monotonic ms of the first read */
	bool online;                 /* Online-only: one edit moves it, no detach */
	struct dd_net_target tgt;
	dd_fip_move_step_fn step;
	dd_fip_move_done_fn done;
	void *ud;
};

const char *dd_fip_mac_type(const char *mac)
{
	static const struct { const char *oui, *type; } t[] = {
		{ "00:50:56", "vmware" }, { "52:54:00", "kvm" }, { "00:16:3e", "xen" },
	};
	for (size_t i = 0; mac && i < sizeof(t) / sizeof(t[0]); i++)
		if (strncasecmp(mac, t[i].oui, 8) == 0)
			return t[i].type;
	return "";
}

static int check(const struct dd_failover *f, int64_t to, struct dd_error *err)
{
	if (to <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Move %s to which server?"), f->address);
	if (!f->server_id)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is not routed to any server: attach it instead of moving it."),
				    f->address);
	if (f->server_id == to)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is already routed to server %" PRId64 "."),
				    f->address, to);
	return 0;
}

int dd_fip_move_describe(const struct dd_account *a, const struct dd_failover *f, int64_t to,
			 char *buf, size_t len, struct dd_error *err)
{
	struct dd_write_plan p;
	struct dd_failover loose = *f;
	char d1[1200], d2[1200];
	const char *type = dd_fip_mac_type(f->mac);

	if (check(f, to, err) < 0)
		return -1;
	if (dd_net_online_only(a)) {
		if (dd_net_plan_fip_online_route(a, f, to, &p, NULL, err) < 0)
			return -1;
		dd_write_describe(&p, d1, sizeof(d1));
		dd_write_plan_wipe(&p);
		snprintf(buf, len,
			 _("Move failover IP %s: server %" PRId64 " -> server %" PRId64 "\n"
			 "1. %s\n2. follow until the API reports it routed to server %" PRId64 "\n"
			 "3. virtual MAC: %s%s%s\n4. reverse DNS: %s%s"),
			 f->address, f->server_id, to, d1, to,
			 !f->mac[0] ? _("none to carry") : _("kept by the edit ("),
			 f->mac[0] ? f->mac : "",
			 f->mac[0] ? _("); if lost, a new one of its type is generated (the Online API "
				       "cannot attach a given MAC)") : "",
			 f->reverse && *f->reverse ? f->reverse : _("the default"),
			 f->reverse && *f->reverse ? _(" (kept by the address; set again if lost)") : "");
		return 0;
	}
	if (dd_net_plan_fip_route(a, f, 0, &p, NULL, err) < 0)
		return -1;
	dd_write_describe(&p, d1, sizeof(d1));
	loose.server_id = 0;
	if (dd_net_plan_fip_route(a, &loose, to, &p, NULL, err) < 0)
		return -1;
	dd_write_describe(&p, d2, sizeof(d2));
	dd_write_plan_wipe(&p);
	snprintf(buf, len,
		 _("Move failover IP %s: server %" PRId64 " -> server %" PRId64 "\n"
		 "1. %s\n2. %s\n3. follow until the API reports it routed to server %" PRId64 "\n"
		 "4. virtual MAC: %s%s%s\n5. reverse DNS: %s%s"),
		 f->address, f->server_id, to, d1, d2, to,
		 !f->mac[0] ? _("none to carry") : *type ? _("attach the same MAC again (") : "",
		 !f->mac[0] ? "" : *type ? f->mac : f->mac,
		 !f->mac[0] ? "" : *type ? ")" : _(" has no vmware/kvm/xen prefix: it cannot be re-attached; a new one is needed"),
		 f->reverse && *f->reverse ? f->reverse : _("the default"),
		 f->reverse && *f->reverse ? _(" (kept by the address; set again if lost)") : "");
	return 0;
}

static void finish(struct move *m, const struct dd_error *err)
{
	struct dd_error ok;

	dd_error_clear(&ok);
	m->done(m->ud, err ? err : &ok);
	free(m->rev);
	free(m);
}

static void next(struct move *m);

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct move *m = ud;
	char line[700];

	if (r->outcome != DD_WRITE_OK) {
		struct dd_error e = r->error;
		const char *where = m->st == MV_DETACH || (m->st == MV_ATTACH && m->online)
				    ? _("still routed to the old server")
				    : m->st == MV_ATTACH ? _("detached, routed to no server")
				    : _("routed to the new server");
		if (r->outcome == DD_WRITE_UNKNOWN) {
			/* where the address is comes from the re-read, not from
			 * the step; the next step is not sent on a guess */
			dd_error_set(&e, DD_E_NETWORK, 0, NULL, _("outcome unknown: %s"), r->reconciled);
			snprintf(line, sizeof(line),
				 _("%s: %s; the move stopped there, nothing sent again (finish it with "
				 "dedi failover attach %s %" PRId64 " if it is routed nowhere)"),
				 r->plan->summary, e.message, m->f.address, m->to);
		} else {
			snprintf(line, sizeof(line), _("%s: %s (the address is %s)"), r->plan->summary,
				 e.message, where);
		}
		char type[sizeof(e.api_type)];
		snprintf(type, sizeof(type), "%s", e.api_type);
		dd_error_set(&e, e.kind == DD_OK ? DD_E_API : e.kind, e.http_status, type[0] ? type : NULL,
			     "%s", line);
		finish(m, &e);
		return;
	}
	snprintf(line, sizeof(line), _("%s: done."), r->plan->summary);
	m->step(m->ud, line);
	m->st++;
	next(m);
}

static void send_plan(struct move *m, struct dd_write_plan *p, struct dd_failover *seen)
{
	struct dd_error err;
	int rc;

	dd_net_target_fip(&m->tgt, m->a, seen);
	rc = dd_write_send_target(m->a, m->h, &m->pol, p, &m->tgt.t, on_write, m, &err);
	dd_write_plan_wipe(p);
	if (rc != 0) {
		if (rc == 1)
			dd_error_set(&err, DD_E_USAGE, 0, NULL, _("dry run: nothing sent"));
		finish(m, &err);
	}
}

static const struct dd_failover *now(struct move *m)
{
	const struct dd_failover_list *l = dd_store_failovers(dd_account_store(m->a));
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].id == m->f.id)
			return &l->v[i];
	return NULL;
}

long dd_fip_follow_delay(int reads, long elapsed_ms)
{
	long wait = DD_FIP_MOVE_FOLLOW_FIRST_MS;

	if (reads >= DD_FIP_MOVE_FOLLOW_READS)
		return -1;
	if (reads <= 0)
		return 0;
	for (int i = 1; i < reads && wait < DD_FIP_MOVE_FOLLOW_MAX_MS; i++)
		wait *= 2;
	if (wait > DD_FIP_MOVE_FOLLOW_MAX_MS)
		wait = DD_FIP_MOVE_FOLLOW_MAX_MS;
	if (elapsed_ms + wait > DD_FIP_MOVE_FOLLOW_SECONDS * 1000L)
		return -1;
	return wait;
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_wait(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct move *m = ud;

	(void)resp;
	if (err->kind != DD_OK) { /* the loop was told to stop */
		finish(m, err);
		return;
	}
	next(m);
}

static void on_follow(void *ud, const struct dd_error *err)
{
	struct move *m = ud;
	const struct dd_failover *f = now(m);
	char line[300];
	long elapsed, wait;
	struct dd_error e;

	m->reads++;
	if (f && f->server_id == m->to && (!err || err->kind == DD_OK)) {
		snprintf(line, sizeof(line), _("The API reports %s routed to server %" PRId64 "."),
			 m->f.address, m->to);
		m->step(m->ud, line);
		m->st = MV_MAC;
		next(m);
		return;
	}
	elapsed = (long)(mono_ms() - m->follow_start);
	wait = dd_fip_follow_delay(m->reads, elapsed);
	if (wait < 0) {
		if (err && err->kind != DD_OK) {
			finish(m, err);
			return;
		}
		dd_error_set(&e, DD_E_API, 0, NULL,
			     _("After %d reads in %ld s the API does not report %s routed to server %" PRId64
			     " yet; check with dedi failover list."), m->reads, (elapsed + 500) / 1000,
			     m->f.address, m->to);
		finish(m, &e);
		return;
	}
	snprintf(line, sizeof(line),
		 _("Following: read %d%s does not report %s on server %" PRId64 " yet (%ld s of at most %d s); "
		 "reading again in %ld s."), m->reads, err && err->kind != DD_OK ? _(" failed and") : "",
		 m->f.address, m->to, (elapsed + 500) / 1000, DD_FIP_MOVE_FOLLOW_SECONDS,
		 (wait + 999) / 1000);
	m->step(m->ud, line);
	if (!dd_http_after(m->h, wait, on_wait, m, &e))
		finish(m, &e);
}

static void next(struct move *m)
{
	struct dd_write_plan p;
	struct dd_failover seen = m->f;
	struct dd_error err;
	const struct dd_failover *f;

	switch (m->st) {
	case MV_DETACH:
		if (dd_net_plan_fip_route(m->a, &m->f, 0, &p, NULL, &err) < 0)
			break;
		send_plan(m, &p, &seen);
		return;
	case MV_ATTACH:
		if (m->online) {
			if (dd_net_plan_fip_online_route(m->a, &seen, m->to, &p, NULL, &err) < 0)
				break;
			send_plan(m, &p, &seen);
			return;
		}
		seen.server_id = 0;
		if (dd_net_plan_fip_route(m->a, &seen, m->to, &p, NULL, &err) < 0)
			break;
		send_plan(m, &p, &seen);
		return;
	case MV_FOLLOW:
		if (!m->reads)
			m->follow_start = mono_ms();
		if (dd_account_load_failovers(m->a, m->h, NULL, on_follow, m, &err) < 0)
			break;
		return;
	case MV_MAC:
		f = now(m);
		if (!m->f.mac[0] || (f && f->mac[0] && strcasecmp(f->mac, m->f.mac) == 0)) {
			m->st = MV_REVERSE;
			next(m);
			return;
		}
		if (!*dd_fip_mac_type(m->f.mac)) {
			m->step(m->ud, _("The old virtual MAC has no vmware/kvm/xen prefix and cannot be "
				"attached again: give the address a new one (dedi failover mac)."));
			m->st = MV_REVERSE;
			next(m);
			return;
		}
		seen.server_id = m->to;
		if (m->online)
			m->step(m->ud, _("The virtual MAC did not travel, and the Online API cannot attach a "
				"given MAC: a new one of the same type is generated."));
		if (dd_net_plan_fip_mac(m->a, &seen, dd_fip_mac_type(m->f.mac), m->online ? NULL : m->f.mac,
					&p, NULL, &err) < 0)
			break;
		send_plan(m, &p, &seen);
		return;
	case MV_REVERSE:
		f = now(m);
		if (!m->rev[0] || (f && f->reverse && strcmp(dd_failover_reverse_raw(f), m->rev) == 0)) {
			m->st = MV_DONE;
			next(m);
			return;
		}
		seen.server_id = m->to;
		if (dd_net_plan_fip_reverse(m->a, &seen, m->rev, &p, NULL, &err) < 0)
			break;
		send_plan(m, &p, &seen);
		return;
	case MV_DONE:
		finish(m, NULL);
		return;
	}
	finish(m, &err);
}

int dd_fip_move(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
		const struct dd_failover *f, int64_t to, dd_fip_move_step_fn step,
		dd_fip_move_done_fn done, void *ud, struct dd_error *err)
{
	struct dd_write_plan plan;
	struct dd_net_target tgt;
	struct move *m;
	int rc;

	if (check(f, to, err) < 0)
		return -1;
	if (p->dry_run) {
		/* the guards (read_only, protected) still speak under --dry-run */
		if ((dd_net_online_only(a) ? dd_net_plan_fip_online_route(a, f, to, &plan, NULL, err)
					   : dd_net_plan_fip_route(a, f, 0, &plan, NULL, err)) < 0)
			return -1;
		dd_net_target_fip(&tgt, a, f);
		rc = dd_write_send_target(a, h, p, &plan, &tgt.t, NULL, NULL, err);
		dd_write_plan_wipe(&plan);
		return rc;
	}
	if (!(m = calloc(1, sizeof(*m))))
		return dd_error_oom(err);
	m->a = a;
	m->h = h;
	m->pol = *p;
	m->f = *f;
	/* The store's strings go with its next read: copies. The reverse set
	 * again is the API's value, not the display form a person reads. */
	snprintf(m->rev_shown, sizeof(m->rev_shown), "%s", f->reverse ? f->reverse : "");
	m->f.reverse = m->rev_shown;
	m->f.reverse_raw = NULL;
	m->rev = strdup(f->reverse ? dd_failover_reverse_raw(f) : "");
	if (!m->rev) {
		free(m);
		return dd_error_oom(err);
	}
	m->to = to;
	m->step = step;
	m->done = done;
	m->ud = ud;
	m->online = dd_net_online_only(a);
	if (m->online)
		m->st = MV_ATTACH;
	/* the first step's refusals come back here, before anything is sent */
	if ((m->online ? dd_net_plan_fip_online_route(a, &m->f, to, &plan, NULL, err)
		       : dd_net_plan_fip_route(a, &m->f, 0, &plan, NULL, err)) < 0) {
		free(m->rev);
		free(m);
		return -1;
	}
	dd_net_target_fip(&m->tgt, a, &m->f);
	rc = dd_write_send_target(a, h, p, &plan, &m->tgt.t, on_write, m, err);
	dd_write_plan_wipe(&plan);
	if (rc != 0) {
		free(m->rev);
		free(m);
	}
	return rc;
}
