/* Fuzz harness: the JSON decoders of the other APIs dedi reads: Scaleway's
 * billing API (invoices, consumption, discounts, taxes), IAM (API key,
 * user, SSH keys) and Online's v1 (servers, references, backups, user,
 * hostings, rescue, failover IPs, RPN groups) with both error-body
 * readers. The first byte picks the decoder, the rest is the body. No
 * crash, no leak, no control byte in what reaches the model, a clean
 * one-line error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/apierr.h"
#include "core/linking.h"
#include "core/online.h"
#include "core/online_account.h"
#include "core/online_actions.h"
#include "core/online_net.h"
#include "core/online_rpn.h"
#include "core/scw_billing.h"
#include "core/scw_iam.h"
#include "tests/fuzz/decode_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void billing(const char *b, size_t n, struct dd_error *err)
{
	struct dd_invoice_list inv;
	struct dd_consumption_list cons;
	struct dd_discount_list disc;
	struct dd_tax_list tax;
	size_t page_n;
	int64_t total;

	memset(&inv, 0, sizeof(inv));
	if (dd_scw_billing_decode_invoices(b, n, &inv, &page_n, &total, err) == 0)
		for (size_t i = 0; i < inv.n; i++)
			dd_fuzz_clean(inv.v[i].number);
	dd_invoice_list_clear(&inv);
	memset(&cons, 0, sizeof(cons));
	if (dd_scw_billing_decode_consumptions(b, n, &cons, &page_n, &total, err) == 0)
		for (size_t i = 0; i < cons.n; i++)
			dd_fuzz_clean(cons.v[i].product);
	dd_consumption_list_clear(&cons);
	memset(&disc, 0, sizeof(disc));
	if (dd_scw_billing_decode_discounts(b, n, &disc, &page_n, &total, err) == 0)
		for (size_t i = 0; i < disc.n; i++)
			dd_fuzz_clean(disc.v[i].description);
	dd_discount_list_clear(&disc);
	memset(&tax, 0, sizeof(tax));
	if (dd_scw_billing_decode_taxes(b, n, &tax, &page_n, &total, err) == 0)
		for (size_t i = 0; i < tax.n; i++)
			dd_fuzz_clean(tax.v[i].description);
	dd_tax_list_clear(&tax);
}

static void iam(const char *b, size_t n, struct dd_error *err)
{
	struct dd_iam_key key;
	struct dd_iam_user user;
	struct dd_ssh_keys keys;
	int64_t total;

	memset(&key, 0, sizeof(key));
	if (dd_scw_iam_decode_api_key(b, n, &key, err) == 0)
		dd_fuzz_clean(key.description);
	memset(&user, 0, sizeof(user));
	if (dd_scw_iam_decode_user(b, n, &user, err) == 0) {
		dd_fuzz_clean(user.email);
		dd_fuzz_clean(user.first_name);
	}
	memset(&keys, 0, sizeof(keys));
	if (dd_scw_iam_decode_ssh_keys(b, n, &keys, &total, err) == 0)
		for (size_t i = 0; i < keys.n; i++)
			dd_fuzz_clean(keys.v[i].name);
	dd_ssh_keys_clear(&keys);
}

static void online_servers(const char *b, size_t n, struct dd_error *err)
{
	struct dd_server_detail d;
	struct dd_backup bk;
	int64_t *ids = NULL;
	size_t k = 0;

	if (dd_server_detail_init(&d) == 0) {
		if (dd_online_decode_server(b, n, &d, err) == 0)
			dd_fuzz_check_detail(&d);
		dd_server_detail_clear(&d);
	}
	if (dd_online_decode_refs(b, n, &ids, &k, err) == 0)
		for (size_t i = 0; i < k; i++)
			if (ids[i] <= 0)
				abort();
	free(ids);
	memset(&bk, 0, sizeof(bk));
	if (dd_online_decode_backup(b, n, &bk, err) == 0)
		dd_fuzz_clean(bk.server);
}

static void online_account(const char *b, size_t n, struct dd_error *err)
{
	struct dd_link_person p;
	char first[128];
	size_t k;

	memset(&p, 0, sizeof(p));
	if (dd_online_decode_user(b, n, &p, err) == 0) {
		dd_fuzz_clean(p.email);
		dd_fuzz_clean(p.company);
	}
	if (dd_online_decode_hostings(b, n, &k, first, sizeof(first), err) == 0)
		dd_fuzz_clean(first);
}

static void online_net(const char *b, size_t n, bool v2, struct dd_error *err)
{
	struct dd_rescue_images im;
	struct dd_rescue_creds rc;
	struct dd_failover_list fl;
	struct dd_rpn_list rl;

	memset(&im, 0, sizeof(im));
	if (dd_online_decode_rescue_images(b, n, &im, err) == 0)
		for (size_t i = 0; i < im.n; i++)
			dd_fuzz_clean(im.v[i].name);
	dd_rescue_images_clear(&im);
	memset(&rc, 0, sizeof(rc));
	if (dd_online_decode_rescue(b, n, &rc, err) == 0)
		dd_fuzz_clean(rc.ip);
	memset(&fl, 0, sizeof(fl));
	if (dd_online_decode_failovers(b, n, &fl, err) == 0)
		for (size_t i = 0; i < fl.n; i++)
			dd_fuzz_clean(fl.v[i].address);
	dd_failover_list_clear(&fl);
	memset(&rl, 0, sizeof(rl));
	if (dd_online_decode_rpn_groups(b, n, v2, &rl, err) == 0)
		for (size_t i = 0; i < rl.n; i++)
			dd_fuzz_clean(rl.v[i].name);
	dd_rpn_list_clear(&rl);
}

static void refusals(const char *b, size_t n, int status, struct dd_error *err)
{
	dd_apierr_scw(status, b, n, -1, err);
	dd_fuzz_check_error(err);
	dd_apierr_online(status, b, n, 5, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int statuses[] = { 400, 401, 403, 404, 409, 412, 429, 500, 503 };
	struct dd_error err;
	const char *body;

	if (size == 0)
		return 0;
	body = (const char *)data + 1;
	size--;
	memset(&err, 0, sizeof(err));
	switch (data[0] % 6) {
	case 0: billing(body, size, &err); break;
	case 1: iam(body, size, &err); break;
	case 2: online_servers(body, size, &err); break;
	case 3: online_account(body, size, &err); break;
	case 4: online_net(body, size, data[0] & 0x80, &err); break;
	default: refusals(body, size, statuses[data[0] / 6 % 9], &err); break;
	}
	dd_fuzz_check_error(&err);
	return 0;
}
