/* Fuzz harness: every JSON decoder of the Scaleway Dedibox API (servers,
 * details, events, options, backups, failover IPs, IPv6, RPN, actions,
 * RAID, offers, orders, Dedibox invoices). The first byte picks the
 * decoder, the rest is the body, so one corpus reaches all of them and a
 * seed from one endpoint mutates into another's. Whatever the bytes: no
 * crash, no leak, a failure has a one-line message, and the strings that
 * reach the model hold no terminal control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/linking.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_actions.h"
#include "core/scw_dedibox_billing.h"
#include "core/scw_dedibox_net.h"
#include "core/scw_dedibox_netw.h"
#include "core/scw_dedibox_order.h"
#include "core/scw_dedibox_raid.h"
#include "tests/fuzz/decode_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void servers(const char *b, size_t n, struct dd_error *err)
{
	struct dd_server_list l;
	int64_t total;

	dd_server_list_init(&l);
	if (dd_scw_decode_server_page(b, n, "fr-par-1", &l, &total, err) == 0)
		for (size_t i = 0; i < l.n; i++)
			dd_fuzz_check_server(&l.v[i]);
	dd_server_list_clear(&l);
}

static void server(const char *b, size_t n, struct dd_error *err)
{
	struct dd_server_detail d;

	if (dd_server_detail_init(&d) != 0)
		return;
	if (dd_scw_decode_server(b, n, &d, err) == 0)
		dd_fuzz_check_detail(&d);
	dd_server_detail_clear(&d);
}

static void misc(const char *b, size_t n, struct dd_error *err)
{
	struct dd_backup bk;
	struct dd_event_page ev;
	struct dd_option_list op;

	memset(&bk, 0, sizeof(bk));
	if (dd_scw_decode_backup(b, n, &bk, err) == 0) {
		dd_fuzz_clean(bk.login);
		dd_fuzz_clean(bk.server);
	}
	memset(&ev, 0, sizeof(ev));
	if (dd_scw_decode_events(b, n, &ev, err) == 0)
		for (size_t i = 0; i < ev.n; i++)
			dd_fuzz_clean(ev.v[i].description);
	dd_event_page_clear(&ev);
	memset(&op, 0, sizeof(op));
	if (dd_scw_decode_subscribable(b, n, &op, err) == 0)
		for (size_t i = 0; i < op.n; i++)
			dd_fuzz_clean(op.v[i].name);
	dd_option_list_clear(&op);
}

static void failovers(const char *b, size_t n, struct dd_error *err)
{
	struct dd_failover_list l;
	size_t page_n;
	int64_t total;

	memset(&l, 0, sizeof(l));
	if (dd_scw_decode_failovers(b, n, "fr-par-1", 0, NULL, &l, &page_n, &total, err) == 0)
		for (size_t i = 0; i < l.n; i++) {
			dd_fuzz_clean(l.v[i].address);
			dd_fuzz_clean(l.v[i].mac);
		}
	dd_failover_list_clear(&l);
}

static void ipv6(const char *b, size_t n, struct dd_error *err)
{
	struct dd_ipv6_list l;
	struct dd_ipv6_block blk;

	memset(&l, 0, sizeof(l));
	dd_scw_decode_ipv6_blocks(b, n, &l, err);
	dd_ipv6_list_clear(&l);
	memset(&l, 0, sizeof(l));
	dd_scw_decode_ipv6_quotas(b, n, &l, err);
	dd_ipv6_list_clear(&l);
	memset(&blk, 0, sizeof(blk));
	dd_scw_decode_ipv6_free(b, n, &blk, err);
	dd_ipv6_block_clear(&blk);
}

static void rpn(const char *b, size_t n, bool v2, struct dd_error *err)
{
	struct dd_rpn_list l;
	struct dd_rpn_group g;
	struct dd_rpn_log_list logs;
	size_t page_n;
	int64_t total;

	memset(&l, 0, sizeof(l));
	if (dd_scw_decode_rpn_groups(b, n, v2, &l, &page_n, &total, err) == 0)
		for (size_t i = 0; i < l.n; i++)
			dd_fuzz_clean(l.v[i].name);
	dd_rpn_list_clear(&l);
	memset(&g, 0, sizeof(g));
	if (dd_scw_decode_rpn_members(b, n, v2, &g, &page_n, &total, err) == 0)
		for (size_t i = 0; i < g.n_members; i++)
			dd_fuzz_clean(g.members[i].hostname);
	dd_rpn_group_clear(&g);
	memset(&g, 0, sizeof(g));
	if (dd_scw_decode_rpn_group(b, n, v2, &g, err) == 0)
		dd_fuzz_clean(g.name);
	dd_rpn_group_clear(&g);
	memset(&l, 0, sizeof(l));
	dd_scw_decode_rpn_invites(b, n, &l, &page_n, &total, err);
	dd_rpn_list_clear(&l);
	memset(&logs, 0, sizeof(logs));
	if (dd_scw_decode_rpn_logs(b, n, &logs, &page_n, &total, err) == 0)
		for (size_t i = 0; i < logs.n; i++)
			dd_fuzz_clean(logs.v[i].hostname);
	dd_rpn_log_list_clear(&logs);
}

static void actions(const char *b, size_t n, struct dd_error *err)
{
	struct dd_rescue_images im;
	struct dd_rescue_creds rc;
	struct dd_bmc bmc;
	struct dd_partitions parts;
	struct dd_raid raid;
	char buf[128];

	memset(&im, 0, sizeof(im));
	if (dd_scw_decode_rescue_images(b, n, &im, err) == 0)
		for (size_t i = 0; i < im.n; i++)
			dd_fuzz_clean(im.v[i].name);
	dd_rescue_images_clear(&im);
	memset(&rc, 0, sizeof(rc));
	if (dd_scw_decode_rescue(b, n, &rc, err) == 0)
		dd_fuzz_clean(rc.login);
	memset(&bmc, 0, sizeof(bmc));
	if (dd_scw_decode_bmc(b, n, &bmc, err) == 0)
		dd_fuzz_clean(bmc.url);
	memset(&parts, 0, sizeof(parts));
	if (dd_scw_decode_partitioning(b, n, &parts, err) == 0)
		for (size_t i = 0; i < parts.n && i < DD_PART_MAX; i++)
			dd_fuzz_clean(parts.v[i].mount_point);
	if (dd_scw_decode_install_status(b, n, buf, sizeof(buf), err) == 0)
		dd_fuzz_clean(buf);
	if (dd_scw_decode_os_name(b, n, buf, sizeof(buf), err) == 0)
		dd_fuzz_clean(buf);
	memset(&raid, 0, sizeof(raid));
	if (dd_scw_decode_raid(b, n, &raid, err) == 0)
		for (size_t i = 0; i < raid.n && i < DD_RAID_MAX_ARRAYS; i++)
			dd_fuzz_clean(raid.arrays[i].level);
}

static void billing(const char *b, size_t n, struct dd_error *err)
{
	struct dd_invoice_list inv;
	struct dd_offer_list offers;
	struct dd_payment pay;
	struct dd_invoice_line_list lines;
	size_t page_n;
	int64_t total;

	memset(&inv, 0, sizeof(inv));
	if (dd_scw_decode_dbx_invoices(b, n, &inv, &page_n, &total, err) == 0)
		for (size_t i = 0; i < inv.n; i++)
			dd_fuzz_clean(inv.v[i].number);
	dd_invoice_list_clear(&inv);
	memset(&offers, 0, sizeof(offers));
	if (dd_scw_decode_offers(b, n, "fr-par-1", &offers, &page_n, &total, err) == 0)
		for (size_t i = 0; i < offers.n; i++)
			dd_fuzz_clean(offers.v[i].name);
	dd_offer_list_clear(&offers);
	memset(&pay, 0, sizeof(pay));
	if (dd_scw_decode_can_order(b, n, &pay, err) == 0)
		dd_fuzz_clean(pay.message);
	memset(&lines, 0, sizeof(lines));
	if (dd_scw_decode_dbx_invoice_lines(b, n, "42", &lines, err) == 0)
		for (size_t i = 0; i < lines.n; i++)
			dd_fuzz_clean(lines.v[i].text);
	dd_invoice_line_list_clear(&lines);
}

static void order(const char *b, size_t n, struct dd_error *err)
{
	struct dd_offer f;
	struct dd_order_service one, many[8];
	struct dd_link_service links[8];
	struct dd_fip_quota q;
	bool found;
	size_t k, page_n;
	int64_t total;

	memset(&f, 0, sizeof(f));
	if (dd_scw_decode_offer(b, n, "fr-par-1", &f, err) == 0)
		dd_fuzz_clean(f.name);
	memset(&f, 0, sizeof(f));
	if (dd_scw_decode_fip_offer(b, n, &f, &found, err) == 0)
		dd_fuzz_clean(f.name);
	memset(&q, 0, sizeof(q));
	dd_scw_decode_fip_quota(b, n, &q, err);
	memset(&one, 0, sizeof(one));
	if (dd_scw_decode_service(b, n, &one, err) == 0)
		dd_fuzz_clean(one.status);
	if (dd_scw_decode_services(b, n, many, 8, &k, err) == 0 && k > 8)
		abort();
	if (dd_scw_decode_link_services(b, n, links, 8, &k, &page_n, &total, err) == 0) {
		if (k > 8)
			abort();
		for (size_t i = 0; i < k; i++)
			dd_fuzz_clean(links[i].offer);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dd_error err;
	const char *body;

	if (size == 0)
		return 0;
	body = (const char *)data + 1;
	size--;
	memset(&err, 0, sizeof(err));
	switch (data[0] % 9) {
	case 0: servers(body, size, &err); break;
	case 1: server(body, size, &err); break;
	case 2: misc(body, size, &err); break;
	case 3: failovers(body, size, &err); break;
	case 4: ipv6(body, size, &err); break;
	case 5: rpn(body, size, data[0] & 0x80, &err); break;
	case 6: actions(body, size, &err); break;
	case 7: billing(body, size, &err); break;
	default: order(body, size, &err); break;
	}
	dd_fuzz_check_error(&err);
	return 0;
}
