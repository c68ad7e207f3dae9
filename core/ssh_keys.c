#include "core/ssh_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/online_install.h"
#include "core/request.h"

struct load {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_ssh_keys *out;
	int page;
	enum dd_api_flavour api;
	dd_done_fn done;
	void *ud;
};

static int send_page(struct load *L, struct dd_error *err);

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	int64_t total = -1;
	size_t before = L->out->n;

	if (err.kind == DD_OK && L->api == DD_API_ONLINE) {
		/* one answer holds every key of the account */
		if (dd_online_decode_ssh_keys(resp->body, resp->body_len, L->out, &err) == 0)
			dd_error_clear(&err);
	} else if (err.kind == DD_OK &&
	    dd_scw_iam_decode_ssh_keys(resp->body, resp->body_len, L->out, &total, &err) == 0) {
		if (total < 0)
			total = resp->total_count;
		/* another page while the list says there are more and this one
		 * brought some (a page that brings none ends it either way) */
		if (L->out->n > before && total > (int64_t)L->out->n) {
			L->page++;
			if (send_page(L, &err) == 0)
				return;
		} else {
			dd_error_clear(&err);
		}
	}
	L->done(L->ud, &err);
	free(L);
}

static int send_page(struct load *L, struct dd_error *err)
{
	char url[512];
	struct dd_request q = { .api = L->api, .method = DD_GET, .url = url };

	if ((L->api == DD_API_ONLINE ? dd_online_url_ssh_keys(dd_account_creds(L->a), url, sizeof(url), err)
				     : dd_scw_iam_url_ssh_keys(dd_account_creds(L->a), L->page, url, sizeof(url),
							       err)) < 0 ||
	    !dd_request_send(L->h, dd_account_creds(L->a), &q, on_page, L, err))
		return -1;
	return 0;
}

int dd_ssh_keys_load(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		     struct dd_ssh_keys *out, dd_done_fn done, void *ud, struct dd_error *err)
{
	struct load *L;
	enum dd_api_flavour api;

	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	dd_ssh_keys_clear(out);
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ .a = a, .h = h, .out = out, .page = 1, .api = api, .done = done, .ud = ud };
	if (send_page(L, err) < 0) {
		free(L);
		return -1;
	}
	return 0;
}

/* "laptop, ci-deploy (disabled)" into buf. */
static void names(const struct dd_ssh_keys *l, char *buf, size_t len)
{
	size_t u = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n && u < len; i++) {
		int w = snprintf(buf + u, len - u, "%s%s%s", i ? ", " : "", l->v[i].name,
				 l->v[i].disabled ? " (disabled)" : "");
		if (w < 0)
			break;
		u += (size_t)w;
	}
}

int dd_ssh_keys_pick(const struct dd_ssh_keys *l, const char *text, struct dd_install *in,
		     struct dd_error *err)
{
	const struct dd_ssh_key *hit = NULL;
	size_t named = 0;
	char all[300];

	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].id, text) == 0) {
			hit = &l->v[i];
			named = 1;
			break;
		}
		if (strcmp(l->v[i].name, text) == 0 && !named++)
			hit = &l->v[i];
	}
	names(l, all, sizeof(all));
	if (!hit)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    "No SSH key of the account has the id or name \"%.64s\" (there are: %s).",
				    text, l->n ? all : "none");
	if (named > 1)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%zu SSH keys are named \"%.64s\": give the id.", named, text);
	if (hit->disabled)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The SSH key \"%.64s\" is disabled: the API would refuse it.", hit->name);
	for (size_t k = 0; k < in->nkeys; k++)
		if (strcmp(in->ssh_key_ids[k], hit->id) == 0)
			return 0;
	if (in->nkeys == DD_INSTALL_MAX_KEYS)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "At most %d SSH keys go into one installation.",
				    DD_INSTALL_MAX_KEYS);
	snprintf(in->ssh_key_ids[in->nkeys++], sizeof(in->ssh_key_ids[0]), "%s", hit->id);
	return 0;
}
