#include "core/rpn_write.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/online_rpn.h"
#include "core/request.h"
#include "core/scw_dedibox_net.h"
#include "core/store.h"
#include "core/i18n.h"

int dd_rpn_check_name(const char *name, struct dd_error *err)
{
	size_t n = strlen(name);

	if (n == 0 || n > DD_RPN_NAME_MAX)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A group name is 1 to %d characters long."), DD_RPN_NAME_MAX);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("A group name holds no control character."));
	if (name[0] == ' ' || name[n - 1] == ' ')
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A group name neither starts nor ends with a space."));
	return 0;
}

int dd_rpn_parse_vlan(const char *text, int *vlan, struct dd_error *err)
{
	char *end;
	long v;

	if (strcmp(text, "default") == 0) {
		*vlan = -1;
		return 0;
	}
	errno = 0;
	v = strtol(text, &end, 10);
	if (!*text || *end || errno || v < DD_RPN_VLAN_MIN || v > DD_RPN_VLAN_MAX)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A VLAN is a number from %d to %d, or \"default\"."),
				    DD_RPN_VLAN_MIN, DD_RPN_VLAN_MAX);
	*vlan = (int)v;
	return 0;
}

int dd_rpn_parse_ids(const char *text, const char *what, struct dd_rpn_change *ch,
		     struct dd_error *err)
{
	const char *p = text;

	ch->n_ids = 0;
	while (*p) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(p, &end, 10);
		if (end == p || errno || v <= 0 || (*end && *end != ','))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s: a list of positive ids separated by commas (12,13)."), what);
		for (size_t i = 0; i < ch->n_ids; i++)
			if (ch->ids[i] == v)
				return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: %lld is given twice."),
						    what, v);
		if (ch->n_ids == DD_RPN_MAX_IDS)
			return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: at most %d ids at a time."),
					    what, DD_RPN_MAX_IDS);
		ch->ids[ch->n_ids++] = v;
		p = *end ? end + 1 : end;
		if (*end && !*p)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s: a list of positive ids separated by commas (12,13)."), what);
	}
	if (!ch->n_ids)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: at least one id."), what);
	return 0;
}

bool dd_rpn_destructive(const struct dd_rpn_change *ch)
{
	return ch->op == DD_RPN_DELETE || ch->op == DD_RPN_REMOVE || ch->op == DD_RPN_LEAVE ||
	       ch->op == DD_RPN_REFUSE;
}

static void ids_text(const struct dd_rpn_change *ch, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ch->n_ids && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%" PRId64, i ? "," : "", ch->ids[i]);
}

/* The values an op needs, checked before anything is built. */
static int check(const struct dd_rpn_change *ch, struct dd_error *err)
{
	bool v1_only = ch->op == DD_RPN_INVITE || ch->op == DD_RPN_LEAVE ||
		       ch->op == DD_RPN_ACCEPT || ch->op == DD_RPN_REFUSE;
	bool v2_only = ch->op == DD_RPN_VLAN || ch->op == DD_RPN_COMPAT_ON ||
		       ch->op == DD_RPN_COMPAT_OFF;

	if ((v1_only && ch->v2) || (v2_only && !ch->v2))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("RPN v%d has no such change."),
				    ch->v2 ? 2 : 1);
	if ((ch->op == DD_RPN_CREATE || ch->op == DD_RPN_RENAME) &&
	    dd_rpn_check_name(ch->name, err) < 0)
		return -1;
	if (ch->op == DD_RPN_CREATE && ch->type[0] && strcmp(ch->type, "standard") &&
	    strcmp(ch->type, "qinq"))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("An RPN v2 group is of type standard or qinq."));
	if (ch->op == DD_RPN_CREATE && ch->v2 && !ch->n_ids)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("An RPN v2 group is created with at least one server."));
	if ((ch->op == DD_RPN_ADD || ch->op == DD_RPN_REMOVE || ch->op == DD_RPN_INVITE ||
	     ch->op == DD_RPN_LEAVE || ch->op == DD_RPN_VLAN) && !ch->n_ids)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Which servers or members?"));
	if (ch->op == DD_RPN_VLAN && (ch->vlan < -1 || ch->vlan > DD_RPN_VLAN_MAX))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A VLAN is a number from %d to %d, or \"default\"."),
				    DD_RPN_VLAN_MIN, DD_RPN_VLAN_MAX);
	if (ch->op == DD_RPN_COMPAT_ON && ch->v1_group <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Compatibility names the RPN v1 group to join (its id)."));
	if ((ch->op == DD_RPN_ACCEPT || ch->op == DD_RPN_REFUSE) && ch->member_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Which invitation (its id)?"));
	if (ch->op != DD_RPN_CREATE && ch->op != DD_RPN_ACCEPT && ch->op != DD_RPN_REFUSE &&
	    ch->group_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Which group (its id)?"));
	return 0;
}

/* A profile with Scaleway keys changes RPN through Scaleway Dedibox (the
 * richer API); one with only an Online token through Online's routes. */
static bool online_only(const struct dd_account *a)
{
	const struct dd_creds *c = dd_account_creds(a);
	return !dd_creds_has_scw(c) && dd_creds_has_online(c);
}

/* Online removes members by their server: the servers of ch's member ids,
 * read from the group in the store. */
static int member_servers(const struct dd_account *a, const struct dd_rpn_change *ch,
			  int64_t *out, struct dd_error *err)
{
	const struct dd_store *st = dd_account_store(a);
	const struct dd_rpn_list *l = ch->v2 ? dd_store_rpnv2(st) : dd_store_rpnv1(st);
	const struct dd_rpn_group *g = NULL;

	for (size_t i = 0; i < l->n && !g; i++)
		if (l->v[i].id == ch->group_id)
			g = &l->v[i];
	for (size_t k = 0; k < ch->n_ids; k++) {
		out[k] = 0;
		for (size_t i = 0; g && i < g->n_members && !out[k]; i++)
			if (g->members[i].id == ch->ids[k])
				out[k] = g->members[i].server_id;
		if (!out[k])
			return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
					    _("RPN v%d group %" PRId64 " has no member %" PRId64 " of a server of this account (see dedi rpn list)."),
					    ch->v2 ? 2 : 1, ch->group_id, ch->ids[k]);
	}
	return 0;
}

/* members: false before the store is read (the ids stand for themselves;
 * only whether Online has the route is checked). */
static int online_req(const struct dd_account *a, const struct dd_rpn_change *ch, bool members,
		      struct dd_write_req *out, struct dd_error *err)
{
	int64_t servers[DD_RPN_MAX_IDS];

	if (ch->op == DD_RPN_REMOVE && members) {
		if (member_servers(a, ch, servers, err) < 0)
			return -1;
	} else {
		memcpy(servers, ch->ids, ch->n_ids * sizeof(servers[0]));
	}
	return dd_online_req_rpn(dd_account_creds(a), ch, servers, ch->n_ids, out, err);
}

int dd_rpn_check_change(const struct dd_account *a, const struct dd_rpn_change *ch,
			struct dd_error *err)
{
	struct dd_write_req req;

	if (check(ch, err) < 0)
		return -1;
	if (online_only(a) && online_req(a, ch, false, &req, err) < 0)
		return -1;
	return 0;
}

int dd_rpn_plan(const struct dd_account *a, const struct dd_rpn_change *ch, const char *seen_name,
		struct dd_write_plan *plan, struct dd_error *err)
{
	char ids[DD_RPN_MAX_IDS * 21], grp[200];
	int v = ch->v2 ? 2 : 1;

	memset(plan, 0, sizeof(*plan));
	if (check(ch, err) < 0)
		return -1;
	if (online_only(a) ? online_req(a, ch, true, &plan->req, err) < 0
			   : dd_scw_req_rpn(dd_account_creds(a), ch, &plan->req, err) < 0)
		return -1;
	ids_text(ch, ids, sizeof(ids));
	snprintf(grp, sizeof(grp), _("RPN v%d group %" PRId64 "%s%s%s"), v, ch->group_id,
		 seen_name && *seen_name ? " (" : "", seen_name ? seen_name : "",
		 seen_name && *seen_name ? ")" : "");
	switch (ch->op) {
	case DD_RPN_CREATE:
		snprintf(plan->summary, sizeof(plan->summary), _("create RPN v%d group %s%s%s%s%s"), v,
			 ch->name, ch->v2 ? _(" of type ") : "", ch->v2 ? (ch->type[0] ? ch->type : "standard") : "",
			 ch->n_ids ? _(" with servers ") : "", ids);
		break;
	case DD_RPN_RENAME:
		snprintf(plan->summary, sizeof(plan->summary), _("rename %s to %s"), grp, ch->name);
		break;
	case DD_RPN_DELETE:
		snprintf(plan->summary, sizeof(plan->summary), _("delete %s"), grp);
		break;
	case DD_RPN_ADD:
		snprintf(plan->summary, sizeof(plan->summary), _("add servers %s to %s"), ids, grp);
		break;
	case DD_RPN_REMOVE:
		snprintf(plan->summary, sizeof(plan->summary), _("remove members %s from %s"), ids, grp);
		break;
	case DD_RPN_INVITE:
		snprintf(plan->summary, sizeof(plan->summary), _("invite servers %s into %s"), ids, grp);
		break;
	case DD_RPN_LEAVE:
		snprintf(plan->summary, sizeof(plan->summary), _("members %s leave %s"), ids, grp);
		break;
	case DD_RPN_ACCEPT:
	case DD_RPN_REFUSE:
		snprintf(plan->summary, sizeof(plan->summary), ch->op == DD_RPN_ACCEPT
			 ? _("accept RPN v1 invitation %" PRId64) : _("refuse RPN v1 invitation %" PRId64),
			 ch->member_id);
		break;
	case DD_RPN_VLAN:
		if (ch->vlan < 0)
			snprintf(plan->summary, sizeof(plan->summary),
				 _("members %s of %s back on the default VLAN"), ids, grp);
		else
			snprintf(plan->summary, sizeof(plan->summary), _("members %s of %s on VLAN %d"),
				 ids, grp, ch->vlan);
		break;
	case DD_RPN_COMPAT_ON:
		snprintf(plan->summary, sizeof(plan->summary),
			 _("make %s compatible with RPN v1 group %" PRId64), grp, ch->v1_group);
		break;
	case DD_RPN_COMPAT_OFF:
		snprintf(plan->summary, sizeof(plan->summary),
			 _("end the RPN v1 compatibility of %s"), grp);
		break;
	}
	/* plan->hostname names a server for `protected`, never a group: a
	 * group named like a protected server is no server. One server added
	 * is that server; a member's server is lent by dd_rpn_plan_member. */
	if (ch->op == DD_RPN_ADD && ch->n_ids == 1)
		plan->server_id = ch->ids[0];
	return 0;
}

void dd_rpn_plan_member(struct dd_write_plan *plan, const struct dd_rpn_member *m)
{
	if (!m || !m->server_id)
		return;
	plan->server_id = m->server_id;
	snprintf(plan->hostname, sizeof(plan->hostname), "%s", m->hostname);
}

/* What a write's target is: one group, the group list (a creation), or
 * the invitations (an answer to one). */
enum what { T_GROUP, T_LIST, T_INVITES };

struct dd_rpn_target {
	struct dd_rpn_change ch;
	enum what what;
	char seen[DD_RPN_NAME_MAX * 4 + 1];
	int reads;                   /* re-reads done: 1 before sending, 2 after */
	bool online;                 /* read through Online's /rpn routes */
	bool gone;                   /* the group or invitation is no more */
	struct dd_rpn_group now;     /* T_GROUP: as last read */
	size_t named, named_before;  /* T_LIST: groups of ch.name */
	dd_write_reread_done done;
	void *ctx;
};

static void count_named(struct dd_rpn_target *t, const struct dd_rpn_list *l)
{
	t->named = 0;
	for (size_t i = 0; i < l->n; i++)
		t->named += strcmp(l->v[i].name, t->ch.name) == 0;
	if (t->reads == 1)
		t->named_before = t->named;
}

static void on_reread(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct dd_rpn_target *t = ud;
	struct dd_error e;
	struct dd_rpn_list l = { 0 };
	size_t page_n;
	int64_t total;

	dd_error_clear(&e);
	t->reads++;
	t->gone = false;
	/* Online says an unknown group with its code 7 */
	if ((herr->kind == DD_E_NOT_FOUND || (t->online && strcmp(herr->api_type, "code 7") == 0)) &&
	    t->what == T_GROUP) {
		t->gone = true;
	} else if (herr->kind != DD_OK) {
		e = *herr;
	} else if (t->online && t->what == T_GROUP) {
		dd_online_decode_rpn_group(resp->body, resp->body_len, t->ch.v2, &t->now, &e);
	} else if (t->online && t->what == T_LIST) {
		if (dd_online_decode_rpn_groups(resp->body, resp->body_len, t->ch.v2, &l, &e) == 0)
			count_named(t, &l);
	} else if (t->what == T_GROUP) {
		dd_rpn_group_clear(&t->now);
		dd_scw_decode_rpn_group(resp->body, resp->body_len, t->ch.v2, &t->now, &e);
	} else if (t->what == T_LIST) {
		if (dd_scw_decode_rpn_groups(resp->body, resp->body_len, t->ch.v2, &l, &page_n, &total,
					     &e) == 0)
			count_named(t, &l);
	} else if (dd_scw_decode_rpn_invites(resp->body, resp->body_len, &l, &page_n, &total,
					     &e) == 0) {
		t->gone = true;
		for (size_t i = 0; i < l.n_invites; i++)
			if (l.invites[i].id == t->ch.member_id)
				t->gone = false;
	}
	dd_rpn_list_clear(&l);
	t->done(t->ctx, &e);
}

static int reread(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		  void *ctx, struct dd_error *err)
{
	struct dd_rpn_target *t = ud;
	const struct dd_creds *c = dd_account_creds(a);
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET };
	char url[512];
	int rc;

	t->online = !dd_creds_has_scw(c) && dd_creds_has_online(c);
	if (t->online && t->what == T_INVITES)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The Online API has no RPN invitations."));
	if (t->online) {
		q.api = DD_API_ONLINE;
		rc = t->what == T_GROUP
			     ? dd_online_url_rpn_group(c, t->ch.v2, t->ch.group_id, url, sizeof(url), err)
			     : dd_online_url_rpn_groups(c, t->ch.v2, url, sizeof(url), err);
	} else if (t->what == T_GROUP)
		rc = dd_scw_url_rpn_group(c, t->ch.v2, t->ch.group_id, url, sizeof(url), err);
	else if (t->what == T_LIST)
		rc = dd_scw_url_rpn_groups(c, t->ch.v2, 1, url, sizeof(url), err);
	else
		rc = dd_scw_url_rpn_invites(c, 1, url, sizeof(url), err);
	if (rc < 0)
		return -1;
	t->done = done;
	t->ctx = ctx;
	q.url = url;
	return dd_request_send(h, c, &q, on_reread, t, err) ? 0 : -1;
}

static bool unchanged(void *ud, char *why, size_t len)
{
	struct dd_rpn_target *t = ud;

	if (t->gone) {
		snprintf(why, len, t->what == T_INVITES ? _("the invitation is no longer pending")
							 : _("the group no longer exists"));
		return false;
	}
	if (t->what == T_GROUP && t->seen[0] && strcmp(t->now.name, t->seen) != 0) {
		snprintf(why, len, _("its name is now %s, not %s"), t->now.name, t->seen);
		return false;
	}
	return true;
}

static void describe(void *ud, char *buf, size_t len)
{
	struct dd_rpn_target *t = ud;

	if (t->what == T_LIST)
		snprintf(buf, len, _("%zu RPN v%d groups named %s exist (%zu before)"), t->named,
			 t->ch.v2 ? 2 : 1, t->ch.name, t->named_before);
	else if (t->what == T_INVITES)
		snprintf(buf, len, _("invitation %" PRId64 " is %s"), t->ch.member_id,
			 t->gone ? _("no longer pending") : _("still pending"));
	else if (t->gone)
		snprintf(buf, len, _("RPN v%d group %" PRId64 " no longer exists"), t->ch.v2 ? 2 : 1,
			 t->ch.group_id);
	else
		snprintf(buf, len, _("RPN v%d group %" PRId64 " is named %s, %" PRId64 " members%s%s"),
			 t->ch.v2 ? 2 : 1, t->ch.group_id, t->now.name, t->now.members_count,
			 t->now.status[0] ? ", " : "", t->now.status);
}

struct dd_rpn_target *dd_rpn_target_new(const struct dd_rpn_change *ch, const char *seen_name,
					struct dd_error *err)
{
	struct dd_rpn_target *t = calloc(1, sizeof(*t));

	if (!t) {
		dd_error_oom(err);
		return NULL;
	}
	t->ch = *ch;
	t->what = ch->op == DD_RPN_CREATE ? T_LIST
		  : ch->op == DD_RPN_ACCEPT || ch->op == DD_RPN_REFUSE ? T_INVITES : T_GROUP;
	snprintf(t->seen, sizeof(t->seen), "%s", seen_name ? seen_name : "");
	return t;
}

void dd_rpn_target_lend(struct dd_rpn_target *t, struct dd_write_target *out)
{
	*out = (struct dd_write_target){
		.reread = reread, .unchanged = unchanged, .describe = describe, .ud = t,
	};
}

void dd_rpn_target_free(struct dd_rpn_target *t)
{
	if (!t)
		return;
	dd_rpn_group_clear(&t->now);
	free(t);
}
