#include "core/edit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/online.h"
#include "core/names.h"
#include "core/scw_dedibox.h"
#include "core/i18n.h"

/* The target's identity and the start of the summary. */
static int start(const struct dd_account *a, const struct dd_server *s, enum dd_api_flavour *api,
		 struct dd_write_plan *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (dd_account_api_for(a, s, api, err) < 0)
		return -1;
	out->server_id = s->id;
	snprintf(out->zone, sizeof(out->zone), "%s", s->zone);
	snprintf(out->hostname, sizeof(out->hostname), "%s", s->hostname ? s->hostname : "");
	return 0;
}

static const char *host_of(const struct dd_write_plan *p)
{
	return p->hostname[0] ? p->hostname : "?";
}

int dd_edit_hostname(const struct dd_account *a, const struct dd_server *s, const char *hostname,
		     struct dd_write_plan *out, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;
	int rc;

	if (dd_check_hostname(hostname, err) < 0 || start(a, s, &api, out, err) < 0)
		return -1;
	rc = api == DD_API_SCW ? dd_scw_req_hostname(c, s->zone, s->id, hostname, &out->req, err)
			       : dd_online_req_hostname(c, s->id, hostname, &out->req, err);
	out->field = DD_WF_HOSTNAME;
	snprintf(out->summary, sizeof(out->summary), _("Rename server %" PRId64 " from %s to %s"),
		 s->id, host_of(out), hostname);
	return rc;
}

int dd_edit_tags(const struct dd_account *a, const struct dd_server *s, const char *tags,
		 struct dd_write_plan *out, struct dd_error *err)
{
	enum dd_api_flavour api;
	char **list;
	size_t n;
	int rc;

	if (dd_tags_split(tags, &list, &n, err) < 0)
		return -1;
	if (start(a, s, &api, out, err) < 0) {
		free(list);
		return -1;
	}
	if (api != DD_API_SCW) {
		free(list);
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Server tags can only be changed through Scaleway keys."));
	}
	out->field = DD_WF_TAGS;
	snprintf(out->summary, sizeof(out->summary), _("Set the tags of server %" PRId64 " (%s) to \"%s\""),
		 s->id, host_of(out), tags);
	rc = dd_scw_req_tags(dd_account_creds(a), s->zone, s->id, (const char *const *)list, n,
			     &out->req, err);
	free(list);
	return rc;
}

int dd_edit_reverse(const struct dd_account *a, const struct dd_server *s, const struct dd_ip *ip,
		    const char *reverse, struct dd_write_plan *out, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;

	if (dd_check_reverse(reverse, err) < 0 || start(a, s, &api, out, err) < 0)
		return -1;
	if (api == DD_API_SCW && ip->ip_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The API gave no id for %s; its reverse cannot be edited here."),
				    ip->address);
	out->field = DD_WF_REVERSE;
	snprintf(out->field_key, sizeof(out->field_key), "%s", ip->address);
	if (reverse[0])
		snprintf(out->summary, sizeof(out->summary),
			 _("Set the reverse DNS of %s on server %" PRId64 " (%s) to %s"), ip->address, s->id,
			 host_of(out), reverse);
	else
		snprintf(out->summary, sizeof(out->summary),
			 _("Remove the reverse DNS of %s on server %" PRId64 " (%s)"), ip->address, s->id,
			 host_of(out));
	return api == DD_API_SCW ? dd_scw_req_reverse(c, s->zone, ip->ip_id, reverse, &out->req, err)
				 : dd_online_req_reverse(c, ip->address, reverse, &out->req, err);
}

int dd_edit_backup(const struct dd_account *a, const struct dd_server *s, bool acl_enabled,
		   bool autologin, const char *password, struct dd_write_plan *out,
		   struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	out->field = DD_WF_STATUS;
	snprintf(out->summary, sizeof(out->summary),
		 _("Set the backup of server %" PRId64 " (%s): autologin %s, ACL %s%s"), s->id,
		 host_of(out), autologin ? "on" : "off", acl_enabled ? "on" : "off",
		 password && *password ? _(", new password") : "");
	return api == DD_API_SCW
		       ? dd_scw_req_backup(c, s->zone, s->id, acl_enabled, autologin, password,
					   &out->req, err)
		       : dd_online_req_backup(c, s->id, acl_enabled, autologin, password, &out->req,
					      err);
}
