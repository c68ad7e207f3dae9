/* Screen tests of ordering: `o` on the Servers tab opens the offers with
 * their price and stock; Enter opens the order dialog with the price and
 * Cancel focused, and Enter there sends nothing; Confirm stays disabled
 * until the offer's name is typed; once confirmed the order is sent once,
 * followed on the progress line, and `:audit` shows its intent and outcome.
 * can-order's failing checks are shown and block the dialog. TAP on stdout. */
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

static const char *const world_args[] = { "--seed", "5", "--servers", "4", NULL };
static const char *const scw_only[] = { "DEDI_ONLINE_TOKEN", NULL };

/* The sandbox's count of writes (GET /__sandbox/stats). */
static long writes(const struct world *w)
{
	char cmd[400], buf[64] = "";
	FILE *p;
	snprintf(cmd, sizeof(cmd), "curl -s '%s/__sandbox/stats' | sed 's/.*\"writes\":\\([0-9]*\\).*/\\1/'", w->url);
	if (!(p = popen(cmd, "r")))
		return -1;
	if (!fgets(buf, sizeof(buf), p))
		buf[0] = '\0';
	pclose(p);
	return buf[0] ? strtol(buf, NULL, 10) : -1;
}

static void sandbox_post(const struct world *w, const char *what)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "curl -s -X POST '%s/__sandbox/%s' >/dev/null", w->url, what);
	if (system(cmd) != 0)
		fprintf(stderr, "# %s failed\n", cmd);
}

/* Opens the offers and filters down to one offer sold in fr-par-1 DC3. */
static bool open_offer(struct term *t)
{
	CHECK(term_wait(t, "4 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "o");
	CHECK(term_wait(t, "Server offers", WAIT));
	CHECK(term_wait(t, "Pro-4-S", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "39.99 EUR"));
	term_send(t, "/Pro-4-S\r"); /* one per zone, fr-par-1 first */
	CHECK(term_wait(t, "3 of 30", WAIT));
	/* zones arrive in any order: sort by zone, fr-par-1 first */
	term_send(t, "sg");
	CHECK(term_wait(t, "ZONE", WAIT));
	term_pump(t, 200);
	return true;
}

static bool t_cancel_then_order(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 24, 100, scw_only, NULL) < 0)
		return false;
	if (!open_offer(t))
		return false;
	term_send(t, "\r");
	CHECK(term_wait(t, "Order this server?", WAIT));
	CHECK(term_has(t, "39.99 EUR/month") && term_has(t, "excl. tax"));
	CHECK(term_has(t, "/zones/fr-par-1/servers"));
	/* Enter on the default button cancels. */
	term_send(t, "\r");
	CHECK(term_wait(t, "Order cancelled; nothing was sent", WAIT));
	CHECK(writes(w) == 0);
	/* Confirm is disabled until the name is typed. */
	term_send(t, "\r");
	CHECK(term_wait(t, "Order this server?", WAIT));
	term_send(t, "\t\r");
	term_pump(t, 300);
	CHECK(term_has(t, "Order this server?"));
	CHECK(writes(w) == 0);
	term_send(t, "Pro-4-S\r"); /* focus is still on Order */
	CHECK(term_wait(t, "Ordered: ordered service", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes(w) == 1);
	/* The audit screen: the order's intent over its outcome. */
	term_send(t, ":audit\r");
	CHECK(term_wait(t, "Audit log  1 write", WAIT));
	CHECK(term_has(t, "order of a server, offer Pro-4-S"));
	CHECK(term_has(t, "ok, HTTP 200"));
	/* Again from the offers: the dialog warns it is the same order. */
	term_send(t, "\033o");
	CHECK(term_wait(t, "Server offers", WAIT));
	term_send(t, "\r");
	CHECK(term_wait(t, "Order this server AGAIN?", WAIT));
	term_send(t, "\033");
	CHECK(term_wait_gone(t, "Order this server AGAIN?", WAIT));
	CHECK(writes(w) == 1);
	return true;
}

static bool t_cannot_order(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0)
		return false;
	sandbox_post(w, "account?fail=payment");
	if (term_start(t, w, 24, 100, scw_only, NULL) < 0)
		return false;
	if (!open_offer(t))
		return false;
	CHECK(term_has(t, "Cannot order: no payment method;"));
	term_send(t, "\r");
	term_pump(t, 300);
	CHECK(!term_has(t, "Order this server?"));
	CHECK(writes(w) == 0);
	return true;
}

/* `o` belongs to the Servers tab: on the Network tab's table it opens
 * nothing, back on Servers it opens the offers. */
static bool t_o_servers_only(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 24, 100, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "4 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "2");
	CHECK(term_wait(t, "Failover IPs", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* On the Network tab, o orders failover IPs (its own prompt), never
	 * the server offers. */
	term_send(t, "o");
	CHECK(term_wait(t, "order failover IPs, ZONE [N]:", WAIT));
	CHECK(!term_has(t, "Server offers"));
	CHECK(term_has(t, "Failover IPs"));
	term_send(t, "\x1b");
	CHECK(term_wait_gone(t, "order failover IPs, ZONE [N]:", WAIT));
	term_send(t, "1");
	CHECK(term_wait(t, "4 servers", WAIT));
	term_send(t, "o");
	CHECK(term_wait(t, "Server offers", WAIT));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "offers: Enter on Cancel sends nothing; typed name, one order, :audit shows it", t_cancel_then_order, 90 },
		{ "offers: can-order's failing check is shown and no dialog opens", t_cannot_order, 60 },
		{ "offers: o opens them from the Servers tab only, not from the Network tab", t_o_servers_only, 60 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
