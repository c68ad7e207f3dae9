#include "core/fip_order.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/request.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_netw.h"
#include "core/i18n.h"

struct offer_read {
	struct dd_offer *out;
	char zone[16];
	dd_done_fn done;
	void *ud;
};

static void on_offers(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct offer_read *R = ud;
	struct dd_error e;
	bool found = false;

	dd_error_clear(&e);
	if (herr->kind != DD_OK)
		e = *herr;
	else if (dd_scw_decode_fip_offer(resp->body, resp->body_len, R->out, &found, &e) == 0 &&
		 !found)
		dd_error_set(&e, DD_E_NOT_FOUND, 0, NULL,
			     _("The API sells no failover IP in %s (no failover IP offer in the zone)."),
			     R->zone);
	if (found)
		snprintf(R->out->zone, sizeof(R->out->zone), "%s", R->zone);
	R->done(R->ud, &e);
	free(R);
}

int dd_fip_read_offer(struct dd_account *a, struct dd_http *h, const char *zone,
		      struct dd_offer *out, dd_done_fn done, void *ud, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	struct offer_read *R;
	char url[512];

	if (!dd_creds_has_scw(c))
		return dd_error_set(err, DD_E_AUTH, 0, NULL,
				    _("Ordering failover IPs needs Scaleway keys (the Online API sells "
				    "nothing): set SCW_SECRET_KEY or log in with \"dedi auth login\"."));
	if (!zone || !dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"),
				    zone ? zone : "");
	if (dd_scw_url_fip_offers(c, zone, url, sizeof(url), err) < 0)
		return -1;
	if (!(R = calloc(1, sizeof(*R))))
		return dd_error_oom(err);
	memset(out, 0, sizeof(*out));
	*R = (struct offer_read){ .out = out, .done = done, .ud = ud };
	snprintf(R->zone, sizeof(R->zone), "%s", zone);
	struct dd_request rq = { .api = DD_API_SCW, .method = DD_GET, .url = url };
	if (!dd_request_send(h, c, &rq, on_offers, R, err)) {
		free(R);
		return -1;
	}
	return 0;
}

void dd_fip_order_price(const struct dd_offer *o, int quantity, char *buf, size_t len)
{
	struct dd_money total;
	char one[48], all[48];
	int64_t cents = dd_money_cents(&o->price);

	dd_money_format(&o->price, one, sizeof(one));
	/* quantity is at most 32: no overflow for any real price */
	dd_money_from_cents(cents * quantity, o->price.currency, &total);
	dd_money_format(&total, all, sizeof(all));
	snprintf(buf, len, _("%d x %s/month = %s/month, excl. tax"), quantity, one, all);
}

int dd_fip_plan_order(const struct dd_account *a, const struct dd_offer *o, int quantity,
		      struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err)
{
	if (dd_net_plan_fip_order(a, o->zone, o->id, quantity, out, field, err) < 0)
		return -1;
	snprintf(out->summary, sizeof(out->summary),
		 P_("Order %d failover IP in %s (%.48s, offer %" PRId64 ")",
		    _("Order %d failover IPs in %s (%.48s, offer %" PRId64 ")"), quantity),
		 quantity, o->zone, o->name, o->id);
	dd_fip_order_price(o, quantity, out->price, sizeof(out->price));
	return 0;
}
