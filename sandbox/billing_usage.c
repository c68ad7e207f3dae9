#include "sandbox/billing_usage.h"

#include <string.h>

#include "core/billing_payg.h"
#include "sandbox/world.h"

#define DAY 86400
#define HOUR 3600
#define MAX_EVENTS 256

enum pattern {
	ALWAYS,       /* from its first day on, never stopped */
	STARDUST,     /* always on, a hard reboot on the 10th, off 20 minutes on the 5th */
	WEEKDAYS,     /* 08:00-20:00 Monday to Friday, a few days off at random */
	NIGHTLY,      /* ten minutes at 03:00 on the 1st and 15th, at 23:50 on the last day */
	EM_BUILD,     /* created the 20th of even months, off the 21st, deleted the 25th */
	MAC_CI,       /* created the 12th at 10:00, deleted at 12:00 */
	WEEKLY_SNAP   /* created Monday 01:00, deleted Sunday 23:00 */
};

static const struct resource {
	const char *category, *product, *resource, *sku;
	enum dd_resource_class cls;
	int64_t price_hour;  /* nanos, excl. tax */
	int y, m, d;         /* first day it exists */
	enum pattern pat;
} fleet[] = {
	/* Seed 002: "The Stardust1-s indicated at EUR 0,0025 excl/hour can be
	 * split up as follows: 0.00198/hour for the IP, 0.0004/hour for the
	 * 10 GB of local storage, 0.00012/hour for the instance". */
	{ "Network", "Flexible IP (Stardust1-s)", "stardust-ip", "/network/flexible_ip/par1",
	  DD_RES_FLEXIBLE_IP, 1980000, 2019, 6, 3, ALWAYS },
	{ "Storage", "Local storage 10 GB (Stardust1-s)", "stardust-storage",
	  "/storage/local/ssd/storage_par1", DD_RES_VOLUME, 400000, 2019, 6, 3, ALWAYS },
	{ "Compute", "Instances STARDUST1-S", "stardust", "/compute/stardust1_s/run_par1",
	  DD_RES_INSTANCE, 120000, 2019, 6, 3, STARDUST },
	{ "Compute", "Instances DEV1-S", "web-1", "/compute/dev1_s/run_par1", DD_RES_INSTANCE,
	  8800000, 2019, 9, 1, ALWAYS },
	{ "Compute", "Instances PRO2-XS", "api-1", "/compute/pro2_xs/run_ams1", DD_RES_INSTANCE,
	  55000000, 2020, 3, 2, WEEKDAYS },
	{ "Network", "Dynamic IP", "api-1-ip", "/network/dynamic_ip/ams1", DD_RES_DYNAMIC_IP,
	  1000000, 2020, 3, 2, WEEKDAYS },
	{ "Storage", "Block Storage SBS 5K 50 GB", "vol-data", "/storage/block/sbs_5k_par2",
	  DD_RES_VOLUME, 4300000, 2020, 3, 2, ALWAYS },
	{ "Compute", "Instances GP1-XS", "batch", "/compute/gp1_xs/run_par1", DD_RES_INSTANCE,
	  91000000, 2021, 1, 1, NIGHTLY },
	{ "Storage", "Snapshot 50 GB", "snap-weekly", "/storage/snapshot/par2", DD_RES_SNAPSHOT,
	  1700000, 2021, 6, 7, WEEKLY_SNAP },
	{ "Bare Metal", "Elastic Metal EM-A115X-SSD", "em-build", "/baremetal/em_a115x/par2",
	  DD_RES_ELASTIC_METAL, 126000000, 2022, 5, 1, EM_BUILD },
	{ "Apple silicon", "Mac mini M1", "mac-ci", "/apple-silicon/m1_m/par3", DD_RES_MAC_MINI,
	  110000000, 2023, 2, 1, MAC_CI },
};

struct evbuf {
	struct dd_bill_event v[MAX_EVENTS];
	size_t n;
};

static void ev(struct evbuf *b, int64_t at, enum dd_bill_ev e, int64_t since, int64_t ws,
	       int64_t we)
{
	if (at < since || at < ws || at >= we || b->n >= MAX_EVENTS)
		return;
	b->v[b->n].at = at;
	b->v[b->n++].ev = e;
}

static enum dd_bill_ev start_of(enum dd_resource_class c)
{
	return c == DD_RES_INSTANCE ? DD_EV_POWER_ON : c == DD_RES_FLEXIBLE_IP ? DD_EV_RESERVE
	       : c == DD_RES_DYNAMIC_IP ? DD_EV_ATTACH : DD_EV_CREATE;
}

static enum dd_bill_ev stop_of(enum dd_resource_class c)
{
	return c == DD_RES_INSTANCE ? DD_EV_SHUTDOWN : c == DD_RES_FLEXIBLE_IP ? DD_EV_CANCEL
	       : c == DD_RES_DYNAMIC_IP ? DD_EV_DETACH : DD_EV_DELETE;
}

/* The events of r in [ws, we), day by day: every pattern's periods are
 * decided by the day they start, so any window gives the same periods. */
static void events(uint64_t seed, size_t ri, int64_t ws, int64_t we, struct evbuf *b)
{
	const struct resource *r = &fleet[ri];
	int64_t since = dd_billing_day(r->y, r->m, r->d) * DAY;
	enum dd_bill_ev on = start_of(r->cls), off = stop_of(r->cls);

	b->n = 0;
	if (r->pat == ALWAYS || r->pat == STARDUST)
		ev(b, since > ws ? since : ws, on, since, ws, we);
	for (int64_t day = ws / DAY; day * DAY < we; day++) {
		int64_t t = day * DAY, f, nx;
		int y, m, d, wd = (int)((day % 7 + 7 + 4) % 7); /* 0 Sunday: 1970-01-01 was a Thursday */

		dd_billing_ymd(day, &y, &m, &d);
		dd_billing_month_of(t, &f, &nx);
		switch (r->pat) {
		case ALWAYS:
			break;
		case STARDUST:
			if (d == 5) {
				ev(b, t + 2 * HOUR, DD_EV_SHUTDOWN, since, ws, we);
				ev(b, t + 2 * HOUR + 300, DD_EV_POWERED_OFF, since, ws, we);
				ev(b, t + 2 * HOUR + 1200, DD_EV_POWER_ON, since, ws, we);
			} else if (d == 10) {
				ev(b, t + 4 * HOUR, DD_EV_HARD_REBOOT, since, ws, we);
			}
			break;
		case WEEKDAYS:
			/* A day off now and then, the same for the instance and its IP. */
			if (wd >= 1 && wd <= 5 && dd_sb_mix(seed, (uint64_t)day, 800) % 9 != 0) {
				ev(b, t + 8 * HOUR, on, since, ws, we);
				ev(b, t + 20 * HOUR, off, since, ws, we);
			}
			break;
		case NIGHTLY:
			if (d == 1 || d == 15) {
				ev(b, t + 3 * HOUR, on, since, ws, we);
				ev(b, t + 3 * HOUR + 600, off, since, ws, we);
			}
			if (t + DAY == nx) {
				ev(b, t + DAY - 600, on, since, ws, we);
				ev(b, t + DAY - 600 + 300, DD_EV_SHUTDOWN, since, ws, we);
			}
			break;
		case EM_BUILD:
			if (m % 2 == 0 && d == 20)
				ev(b, t + 9 * HOUR, DD_EV_CREATE, since, ws, we);
			else if (m % 2 == 0 && d == 21)
				ev(b, t + 18 * HOUR, DD_EV_POWERED_OFF, since, ws, we);
			else if (m % 2 == 0 && d == 25)
				ev(b, t + 18 * HOUR, DD_EV_DELETE, since, ws, we);
			break;
		case MAC_CI:
			if (d == 12) {
				ev(b, t + 10 * HOUR, DD_EV_CREATE, since, ws, we);
				ev(b, t + 12 * HOUR, DD_EV_DELETE, since, ws, we);
			}
			break;
		case WEEKLY_SNAP:
			if (wd == 1)
				ev(b, t + HOUR, DD_EV_CREATE, since, ws, we);
			else if (wd == 0)
				ev(b, t + 23 * HOUR, DD_EV_DELETE, since, ws, we);
			break;
		}
	}
}

size_t dd_sb_usage_month(uint64_t seed, int64_t first, int64_t next, int64_t now,
			 struct dd_sb_usage_line out[DD_SB_USAGE_MAX])
{
	/* A week before the month: a snapshot of the week before, a batch
	 * run's minimum from the last night; two days after: nothing that
	 * starts later bills this month. */
	int64_t ws = first - 8 * DAY, we = next + 2 * DAY;
	size_t n = 0;
	struct evbuf b;
	struct dd_bill_period p[64];

	for (size_t i = 0; i < sizeof(fleet) / sizeof(fleet[0]) && n < DD_SB_USAGE_MAX; i++) {
		struct dd_sb_usage_line *l = &out[n];
		struct dd_error e;
		size_t np;

		events(seed, i, ws, we, &b);
		memset(l, 0, sizeof(*l));
		if (dd_billing_periods(fleet[i].cls, b.v, b.n, p, 64, &np, &e) < 0)
			continue;
		for (size_t k = 0; k < np; k++) {
			int64_t s, c;

			if (dd_billing_period_cost(fleet[i].cls, fleet[i].price_hour, &p[k], first,
						   next, now, &s, &c, &e) < 0 || s == 0)
				continue;
			l->seconds += s;
			l->nanos += c;
			l->periods++;
			l->running |= p[k].start <= now && (p[k].stop == DD_BILL_RUNNING || p[k].stop > now);
		}
		if (!l->periods)
			continue;
		struct dd_money m;

		dd_money_from_nanos(l->nanos, "EUR", &m);
		l->cents = dd_money_cents(&m);
		l->category = fleet[i].category;
		l->product = fleet[i].product;
		l->resource = fleet[i].resource;
		l->sku = fleet[i].sku;
		l->price_hour = fleet[i].price_hour;
		l->index = (unsigned)i;
		n++;
	}
	return n;
}

int64_t dd_sb_usage_cents(uint64_t seed, int64_t first, int64_t next, int64_t now)
{
	struct dd_sb_usage_line l[DD_SB_USAGE_MAX];
	size_t n = dd_sb_usage_month(seed, first, next, now, l);
	int64_t sum = 0;
	struct dd_money m;

	/* Lines are exact; the invoice rounds once, under core/money's rule. */
	for (size_t i = 0; i < n; i++)
		sum += l[i].nanos;
	dd_money_from_nanos(sum, "EUR", &m);
	return dd_money_cents(&m);
}
