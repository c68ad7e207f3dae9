#include "core/rpn_logs.h"

#include <stdlib.h>

#include "core/request.h"
#include "core/scw_dedibox_net.h"
#include "core/i18n.h"

/* More pages than this is a broken or hostile answer. */
#define MAX_PAGES 1000

struct logs_read {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_rpn_log_list *l;
	dd_done_fn done;
	void *ud;
	int page;
};

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr);

static int send_page(struct logs_read *R, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(R->a);
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET };
	char url[512];

	if (dd_scw_url_rpn_logs(c, R->l->group_id, R->page, url, sizeof(url), err) < 0)
		return -1;
	q.url = url;
	return dd_request_send(R->h, c, &q, on_page, R, err) ? 0 : -1;
}

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct logs_read *R = ud;
	struct dd_error e = *herr;
	size_t page_n = 0;
	int64_t total = -1;

	if (e.kind == DD_OK &&
	    dd_scw_decode_rpn_logs(resp->body, resp->body_len, R->l, &page_n, &total, &e) == 0) {
		if (total < 0)
			total = resp->total_count;
		if (page_n > 0 && (int64_t)R->page * DD_SCW_RPN_PAGE_SIZE < total &&
		    R->page < MAX_PAGES) {
			R->page++;
			if (send_page(R, &e) == 0)
				return;
		}
	} else if (e.kind == DD_OK) {
		dd_error_prefix(&e, _("log of RPN v2 group %lld, page %d"), (long long)R->l->group_id,
				R->page);
	}
	if (e.kind != DD_OK) {
		int64_t id = R->l->group_id;
		dd_rpn_log_list_clear(R->l);
		R->l->group_id = id;
	}
	R->done(R->ud, &e);
	free(R);
}

int dd_rpn_load_logs(struct dd_account *a, struct dd_http *h, int64_t group_id,
		     struct dd_rpn_log_list *l, dd_done_fn done, void *ud, struct dd_error *err)
{
	struct logs_read *R = calloc(1, sizeof(*R));

	if (!R)
		return dd_error_oom(err);
	dd_rpn_log_list_clear(l);
	l->group_id = group_id;
	*R = (struct logs_read){ .a = a, .h = h, .l = l, .done = done, .ud = ud, .page = 1 };
	if (send_page(R, err) < 0) {
		free(R);
		return -1;
	}
	return 0;
}
