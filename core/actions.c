#include "core/actions.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/online_actions.h"
#include "core/online_install.h"
#include "core/request.h"
#include "core/scw_dedibox_actions.h"

static const char *const words[] = { "reboot", "start", "stop" };
/* What Online records when the user gave no reason. */
#define DEFAULT_REASON "requested with dedi"

int dd_power_parse(const char *word, enum dd_power *out)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(word, words[i]) == 0) {
			*out = (enum dd_power)i;
			return 0;
		}
	return -1;
}

const char *dd_power_word(enum dd_power what)
{
	return words[what];
}

static int start(const struct dd_account *a, const struct dd_server *s, enum dd_api_flavour *api,
		 struct dd_write_plan *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (dd_account_api_for(a, s, api, err) < 0)
		return -1;
	out->server_id = s->id;
	out->field = DD_WF_STATUS;
	snprintf(out->zone, sizeof(out->zone), "%s", s->zone);
	snprintf(out->hostname, sizeof(out->hostname), "%s", s->hostname ? s->hostname : "");
	return 0;
}

static const char *host_of(const struct dd_write_plan *p)
{
	return p->hostname[0] ? p->hostname : "?";
}

int dd_action_power(const struct dd_account *a, const struct dd_server *s, enum dd_power what,
		    const char *reason, struct dd_write_plan *out, struct dd_error *err)
{
	static const char *const verbs[] = { "Reboot", "Start", "Stop (power off)" };
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary), "%s server %" PRId64 " (%s)", verbs[what], s->id,
		 host_of(out));
	return api == DD_API_SCW
		       ? dd_scw_req_power(c, s->zone, s->id, what, &out->req, err)
		       : dd_online_req_power(c, s->id, what, reason && *reason ? reason : DEFAULT_REASON,
					     &out->req, err);
}

int dd_action_rescue(const struct dd_account *a, const struct dd_server *s,
		     const struct dd_rescue_image *image, struct dd_write_plan *out,
		     struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary),
		 "Reboot server %" PRId64 " (%s) into the rescue system %s", s->id, host_of(out),
		 image->name);
	if (api == DD_API_SCW && image->os_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s is not a rescue image of this server (see its list)", image->name);
	return api == DD_API_SCW ? dd_scw_req_rescue(c, s->zone, s->id, image->os_id, &out->req, err)
				 : dd_online_req_rescue(c, s->id, image->name, &out->req, err);
}

int dd_action_rescue_off(const struct dd_account *a, const struct dd_server *s,
			 struct dd_write_plan *out, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary),
		 "Leave rescue: reboot server %" PRId64 " (%s) into its own system", s->id, host_of(out));
	return api == DD_API_SCW ? dd_scw_req_rescue_off(c, s->zone, s->id, &out->req, err)
				 : dd_online_req_rescue_off(c, s->id, &out->req, err);
}

int dd_action_bmc(const struct dd_account *a, const struct dd_server *s, const char *ip,
		  struct dd_write_plan *out, struct dd_error *err)
{
	struct in_addr addr;
	enum dd_api_flavour api;

	if (!ip || inet_pton(AF_INET, ip, &addr) != 1)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "\"%.64s\" is not an IPv4 address: the BMC allows one IPv4 address",
				    ip ? ip : "");
	if (start(a, s, &api, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary),
		 "Open KVM (BMC) access to server %" PRId64 " (%s) from %s", s->id, host_of(out), ip);
	return api == DD_API_SCW ? dd_scw_req_bmc(dd_account_creds(a), s->zone, s->id, ip, &out->req, err)
				 : dd_online_req_bmc(dd_account_creds(a), s->id, ip, &out->req, err);
}

int dd_action_bmc_off(const struct dd_account *a, const struct dd_server *s,
		      const struct dd_bmc *known, struct dd_write_plan *out, struct dd_error *err)
{
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary), "Revoke the KVM (BMC) access to server %" PRId64
		 " (%s)", s->id, host_of(out));
	if (api == DD_API_SCW)
		return dd_scw_req_bmc_off(dd_account_creds(a), s->zone, s->id, &out->req, err);
	if (!known || !known->session_key[0])
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    "No KVM session is open on server %" PRId64 ".", s->id);
	return dd_online_req_bmc_off(dd_account_creds(a), known->session_key, &out->req, err);
}

int dd_action_decode_rescue(const struct dd_write_plan *plan, const char *body, size_t len,
			    struct dd_rescue_creds *out, struct dd_error *err)
{
	if (!body || !len)
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    "The API accepted the rescue boot but sent no credentials.");
	return plan->req.api == DD_API_SCW ? dd_scw_decode_rescue(body, len, out, err)
					   : dd_online_decode_rescue(body, len, out, err);
}

static void stamp(struct dd_bmc *out, long long date)
{
	out->api_now = date;
	out->local_at = (long long)time(NULL);
}

int dd_action_decode_bmc(const struct dd_write_plan *plan, const char *body, size_t len,
			 long long date, struct dd_bmc *out, struct dd_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (!body || !len)
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    "The API accepted the KVM access but sent no credentials.");
	rc = plan->req.api == DD_API_SCW ? dd_scw_decode_bmc(body, len, out, err)
					 : dd_online_decode_bmc_key(body, len, out, err);
	stamp(out, date);
	return rc;
}

long long dd_bmc_left(const struct dd_bmc *b, long long local_now, bool *by_api)
{
	struct tm tm;
	const char *end;
	long long now = b->api_now >= 0 ? b->api_now + (local_now - b->local_at) : local_now;

	*by_api = b->api_now >= 0;
	memset(&tm, 0, sizeof(tm));
	end = b->expires_at[0] ? strptime(b->expires_at, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end)
		return -1;
	long long left = (long long)timegm(&tm) - now;
	return left > 0 ? left : 0;
}

struct bmc_read {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_bmc *out;
	int64_t id;
	enum dd_api_flavour api;
	dd_done_fn done;
	void *ud;
};

static int bmc_get(struct bmc_read *R, const char *url, dd_http_cb cb, struct dd_error *err)
{
	struct dd_request q = { .api = R->api, .method = DD_GET, .url = url };
	return dd_request_send(R->h, dd_account_creds(R->a), &q, cb, R, err) ? 0 : -1;
}

static void bmc_end(struct bmc_read *R, const struct dd_error *err)
{
	R->done(R->ud, err);
	free(R);
}

static void on_bmc(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct bmc_read *R = ud;
	struct dd_error err = *e;

	if (err.kind == DD_OK) {
		struct dd_bmc *b = R->out;
		int rc;
		if (R->api == DD_API_SCW) {
			char key[sizeof(b->session_key)];
			memcpy(key, b->session_key, sizeof(key));
			rc = dd_scw_decode_bmc(resp->body, resp->body_len, b, &err);
			memcpy(b->session_key, key, sizeof(key));
		} else if (resp->status == 202) {
			/* not ready yet: the caller asks again */
			snprintf(b->status, sizeof(b->status), "creating");
			rc = 0;
		} else {
			rc = dd_online_decode_bmc_session(resp->body, resp->body_len, b, &err);
		}
		stamp(b, resp->date);
		if (rc == 0)
			dd_error_clear(&err);
	}
	bmc_end(R, &err);
}

static void on_server_key(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct bmc_read *R = ud;
	struct dd_error err = *e;
	char url[512];

	if (err.kind == DD_OK &&
	    dd_online_decode_server_bmc_key(resp->body, resp->body_len, R->out->session_key,
					    sizeof(R->out->session_key), &err) == 0) {
		if (!R->out->session_key[0])
			dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
				     "No KVM session is open on server %" PRId64 ".", R->id);
		else if (dd_online_url_bmc_session(dd_account_creds(R->a), R->out->session_key, url,
						   sizeof(url), &err) == 0 &&
			 bmc_get(R, url, on_bmc, &err) == 0)
			return;
	}
	bmc_end(R, &err);
}

int dd_action_read_bmc(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       struct dd_bmc *out, dd_done_fn done, void *ud, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	struct dd_write_req req;
	struct bmc_read *R;
	char url[512];
	enum dd_api_flavour api;
	dd_http_cb cb = on_bmc;

	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	if (api == DD_API_SCW) {
		/* GET on the resource DELETE names */
		if (dd_scw_req_bmc_off(c, s->zone, s->id, &req, err) < 0)
			return -1;
		snprintf(url, sizeof(url), "%s", req.url);
	} else if (out->session_key[0]) {
		if (dd_online_url_bmc_session(c, out->session_key, url, sizeof(url), err) < 0)
			return -1;
	} else {
		if (dd_online_url_server_status(c, s->id, url, sizeof(url), err) < 0)
			return -1;
		cb = on_server_key;
	}
	if (!(R = calloc(1, sizeof(*R))))
		return dd_error_oom(err);
	*R = (struct bmc_read){ .a = a, .h = h, .out = out, .id = s->id, .api = api, .done = done, .ud = ud };
	if (bmc_get(R, url, cb, err) < 0) {
		free(R);
		return -1;
	}
	return 0;
}

void dd_action_wipe(void *secret_record, size_t len)
{
	sodium_memzero(secret_record, len);
}

bool dd_action_caller_ip(char *buf, size_t len)
{
	static const char *const vars[] = { "SSH_CONNECTION", "SSH_CLIENT" };
	struct in_addr addr;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		char first[64];
		size_t n;
		if (!v)
			continue;
		n = strcspn(v, " ");
		if (n == 0 || n >= sizeof(first))
			continue;
		memcpy(first, v, n);
		first[n] = '\0';
		if (inet_pton(AF_INET, first, &addr) == 1 && n < len) {
			memcpy(buf, first, n + 1);
			return true;
		}
	}
	return false;
}

struct images_load {
	struct dd_rescue_images *out;
	enum dd_api_flavour api;
	dd_done_fn done;
	void *ud;
};

static void on_images(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct images_load *L = ud;
	struct dd_error err = *e;

	if (err.kind == DD_OK) {
		int rc = L->api == DD_API_SCW
				 ? dd_scw_decode_rescue_images(resp->body, resp->body_len, L->out, &err)
				 : dd_online_decode_rescue_images(resp->body, resp->body_len, L->out, &err);
		if (rc == 0 && L->out->n == 0)
			dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
				     "The API lists no rescue image for this server.");
		else if (rc == 0)
			memset(&err, 0, sizeof(err));
	}
	L->done(L->ud, &err);
	free(L);
}

int dd_action_load_rescue_images(struct dd_account *a, struct dd_http *h,
				 const struct dd_server *s, struct dd_rescue_images *out,
				 dd_done_fn done, void *ud, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	struct images_load *L;
	char url[512];
	enum dd_api_flavour api;

	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	if ((api == DD_API_SCW ? dd_scw_url_rescue_images(c, s->zone, s->id, url, sizeof(url), err)
			       : dd_online_url_rescue_images(c, s->id, url, sizeof(url), err)) < 0)
		return -1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct images_load){ .out = out, .api = api, .done = done, .ud = ud };
	struct dd_request q = { .api = api, .method = DD_GET, .url = url };
	if (!dd_request_send(h, c, &q, on_images, L, err)) {
		free(L);
		return -1;
	}
	return 0;
}
