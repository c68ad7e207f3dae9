/* Screen tests of the Network tab: the IPv6 subnet picker (what is free,
 * computed from the carved subnets; carving the picked one; an inline
 * error for a prefix outside the block) and the guided failover move
 * (from -> to, typed confirmation, each step, the new server in the
 * list); the zones' remaining quota and an order of failover IPs (the
 * zone's offer and its price in the dialog, the zone typed). TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/harness.h"

#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const world_args[] = { "--seed", "3", "--servers", "6", NULL };
/* mono: the cursor is reverse video, which the tests read */
static const char *const mono[] = { "NO_COLOR=1", NULL };

/* The row that holds text, -1 if none. */
static int row_of(const struct term *t, const char *text)
{
	char row[4096];
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, row, sizeof(row));
		if (strstr(row, text))
			return r;
	}
	return -1;
}

static bool t_picker(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 24, 80, mono, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "2");
	CHECK(term_wait(t, "Failover IPs", WAIT));
	term_send(t, "i");
	CHECK(term_wait(t, "Block 2001:bc8:a925::/48", WAIT));
	CHECK(term_wait(t, "2001:bc8:a925:100::/56", WAIT));
	/* the picker: 256 /56s less the 2 carved, lowest first */
	term_send(t, "n");
	CHECK(term_wait(t, "Free /56 in 2001:bc8:a925::/48: 254", WAIT));
	int first = row_of(t, "2001:bc8:a925::/56");
	CHECK(first > 0);
	CHECK(term_reverse(t, first, 4));
	CHECK(row_of(t, "2001:bc8:a925:300::/56") == first + 1);
	CHECK(row_of(t, "2001:bc8:a925:100::/56") < 0); /* carved: not offered */
	term_send(t, "j");
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_reverse(t, first + 1, 4));
	term_send(t, "\r");
	CHECK(term_wait(t, "Carve 2001:bc8:a925:300::/56?", WAIT));
	CHECK(term_has(t, "/ipv6-blocks/9100001/subne"));
	term_send(t, "\t\r");
	CHECK(term_wait(t, "Carve the subnet 2001:bc8:a925:300::/56: done.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(row_of(t, "2001:bc8:a925:300::/56") > 0);
	/* picked again: the carved one is no longer free */
	term_send(t, "n");
	CHECK(term_wait(t, "Free /56 in 2001:bc8:a925::/48: 253", WAIT));
	term_send(t, "\x1b");
	CHECK(term_wait_gone(t, "Free /56 in", WAIT));
	/* typed by hand: outside the block, said next to the field */
	term_send(t, "c2001:bc8:a926::/56\r");
	CHECK(term_wait(t, "is outside the block", WAIT));
	CHECK(term_has(t, "carve /56 or /64: 2001:bc8:a926::/56"));
	return true;
}

static bool t_move(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 24, 80, mono, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "2");
	CHECK(term_wait(t, "212.129.0.2", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	int r = row_of(t, "212.129.0.2");
	CHECK(r > 0 && term_reverse(t, r, 3));
	CHECK(term_has(t, "52:54:00:00:00:01 kvm"));
	/* a bad server id stays in the prompt, said next to it */
	term_send(t, "mweb\r");
	CHECK(term_wait(t, "a server id", WAIT));
	term_send(t, "\x1b");
	CHECK(term_wait_gone(t, "a server id", WAIT));
	term_send(t, "m100025\r");
	CHECK(term_wait(t, "server 100021 -> server 100025", WAIT));
	/* Confirm stays off until the address is typed */
	term_send(t, "\t\r");
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "server 100021 -> server 100025"));
	term_send(t, "\t212.129.0.2\t\r");
	CHECK(term_wait(t, "Move done: the API reports the address on server 100025.", WAIT));
	CHECK(term_has(t, "Give failover IP 212.129.0.2 the kvm MAC 52:54:00:00:00:01: done."));
	CHECK(term_wait_idle(t, WAIT));
	r = row_of(t, "212.129.0.2 ");
	char row[4096];
	term_row(t, r, row, sizeof(row));
	CHECK(strstr(row, "100025") && strstr(row, "52:54:00:00:00:01 kvm"));
	return true;
}

static bool t_order(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 24, 80, mono, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "2");
	/* the quota of each zone, read with the list */
	CHECK(term_wait(t, "Remaining quota: fr-par-1 62 of 64, fr-par-2 0 of 0", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* a quantity over 32 is said next to the field, nothing read */
	term_send(t, "o");
	CHECK(term_wait(t, "order failover IPs, ZONE [N]", WAIT));
	term_send(t, " 40\r");
	CHECK(term_wait(t, "order is for 1", WAIT));
	term_send(t, "\x1b");
	CHECK(term_wait_gone(t, "order is for 1", WAIT));
	/* the zone's offer is read and its price shown; Cancel is the default */
	term_send(t, "o");
	CHECK(term_wait(t, "order failover IPs, ZONE [N]", WAIT));
	term_send(t, " 2\r");
	CHECK(term_wait(t, "Order 2 failover IPs in fr-par-1?", WAIT));
	CHECK(term_wait(t, "2 x 1.99 EUR/month = 3.98 EUR/month", WAIT));
	CHECK(term_has(t, "/zones/fr-par-1/failover-i"));
	CHECK(term_has(t, "\"offer_id\":4030,\"quantity\":2"));
	/* Confirm stays off until the zone is typed */
	term_send(t, "\t\r");
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "Order 2 failover IPs in fr-par-1?"));
	term_send(t, "\tfr-par-1\t\r");
	CHECK(term_wait(t, "offer 4030): done.", WAIT));
	/* the list and the quota are read again */
	CHECK(term_wait(t, "Remaining quota: fr-par-1 60 of 64", WAIT));
	CHECK(term_wait(t, "6 failover IPs", WAIT));
	return true;
}

static bool t_v6_order(struct world *w, struct term *t)
{
	static const char *const ids[] = { "9100004", "9100002", "9100003", "9100001" };
	char cmd[512];

	if (world_start(w, world_args) < 0)
		return false;
	/* a world without the /48: its subnets, then the block, deleted */
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		snprintf(cmd, sizeof(cmd), "curl -sf -o /dev/null -X DELETE -H 'X-Auth-Token: "
			 "00000000-0000-4000-8000-00000000de70' '%s/dedibox/v1/ipv6-blocks/%s'", w->url, ids[i]);
		CHECK(system(cmd) == 0);
	}
	if (term_start(t, w, 24, 80, mono, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "2");
	CHECK(term_wait(t, "Failover IPs", WAIT));
	term_send(t, "i");
	CHECK(term_wait(t, "No IPv6 block yet: o orders it", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* Cancel is the default */
	term_send(t, "o");
	CHECK(term_wait(t, "Order the Organization's IPv6 /48 block?", WAIT));
	CHECK(term_has(t, "/dedibox/v1/ipv6-block"));
	term_send(t, "\r");
	CHECK(term_wait_gone(t, "Order the Organization's IPv6 /48 block?", WAIT));
	CHECK(term_has(t, "No IPv6 block yet"));
	/* nothing to type: Confirm orders it, and the block is read again */
	term_send(t, "o");
	CHECK(term_wait(t, "Order the Organization's IPv6 /48 block?", WAIT));
	term_send(t, "\t\r");
	CHECK(term_wait(t, ": done.", WAIT));
	CHECK(term_wait(t, "Block 2001:", WAIT));
	CHECK(!term_has(t, "No IPv6 block yet"));
	/* one per Organization: a second o says so, no dialog */
	term_send(t, "o");
	CHECK(term_wait(t, "has its /48 block already", WAIT));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "the IPv6 subnet picker shows what is free and carves the pick", t_picker, 90 },
		{ "a failover move: from -> to, typed confirmation, its steps", t_move, 90 },
		{ "order failover IPs: the quota shown, the offer's price, typed zone", t_order, 90 },
		{ "order the IPv6 block when there is none: dialog, then the block", t_v6_order, 90 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
