/* The Network tab: its state (a view, cursors, the IPv6 subnet picker,
 * the lines of a failover move in progress) and what its two views,
 * tui/failover.c and tui/ipv6.c, share with tui/network.c. The data is the
 * store's (DD_KIND_FAILOVERS, DD_KIND_IPV6): the state keeps only
 * indices, cursors and what the user typed. */
#ifndef DD_TUI_NETWORK_H
#define DD_TUI_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/net_write.h"
#include "core/scw_dedibox.h"
#include "core/netcalc.h"
#include "tui/keys.h"

struct dd_app;
enum dd_result;

enum dd_net_view { DD_NV_FAILOVER, DD_NV_IPV6 };

/* What an open edit prompt of the tab edits (prompt.target). */
enum dd_net_edit {
	DD_NE_MOVE = 1, DD_NE_ATTACH, DD_NE_MAC, DD_NE_REVERSE, DD_NE_CARVE, DD_NE_NS, DD_NE_ORDER
};

#define DD_NET_PICK_MAX 64
#define DD_NET_LINES 6

struct dd_network_state {
	enum dd_net_view view;
	bool started;                  /* the first reads were started */
	size_t fo_cur;                 /* row of the failover list */
	size_t v6_cur;                 /* row of the subnet list */
	bool picking;                  /* the subnet picker is open */
	unsigned pick_len;             /* 56 or 64 */
	struct dd_prefix pick_in;      /* where the picker looks (the block, or a /56) */
	struct dd_prefix pick[DD_NET_PICK_MAX];
	size_t pick_n, pick_cur;
	uint64_t pick_total;           /* free in all (pick holds the first ones) */
	int64_t fip_id;                /* the failover IP a prompt or dialog is about */
	int64_t move_to;               /* the server a move goes to */
	char pending[64];              /* the prefix or value a dialog is about */
	bool writing;                  /* a write or a move is under way */
	struct dd_net_target target;   /* lent to core/write until its callback */
	char lines[DD_NET_LINES][200]; /* the last steps of a move, oldest first */
	size_t n_lines;
	struct dd_write_plan plan;     /* what the open dialog will send */
	void (*after)(struct dd_app *app, int confirmed); /* the dialog closed */
	/* the failover quota of each zone, read with the list (not a kind of
	 * the store: a number shown before an order) */
	struct dd_fip_quota quota[DD_SCW_NZONES];
	size_t n_quota;
	bool quota_reading;
	struct dd_error quota_err;
	/* an order: the zone's failover IP offer being read, then its dialog */
	struct dd_offer offer;
	bool offer_reading;
	int order_qty;
};

/* network.c: what the views share. */
void dd_net_line(struct dd_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sends plan (already confirmed) with the state's target; the outcome goes
 * to the status line and the lines, then what changed is read again. */
void dd_net_send(struct dd_app *app, struct dd_write_plan *plan);
/* Fills a dialog spec from plan and opens it; typed: what must be typed. */
void dd_net_confirm(struct dd_app *app, const char *title, const char *text,
		    const struct dd_write_plan *plan, const char *typed,
		    void (*done)(struct dd_app *app, int confirmed));
/* The plan the dialog is about, kept until it closes. */
struct dd_write_plan *dd_net_plan(struct dd_app *app);

/* Reads the failover quota of every zone into the state (once at a time). */
void dd_net_read_quota(struct dd_app *app);

/* failover.c */
void dd_net_fo_draw(const struct dd_app *app, int y, int h);
enum dd_result dd_net_fo_key(struct dd_app *app, enum dd_action act);
enum dd_result dd_net_fo_submit(struct dd_app *app);

/* ipv6.c */
void dd_net_v6_draw(const struct dd_app *app, int y, int h);
enum dd_result dd_net_v6_key(struct dd_app *app, enum dd_action act);
enum dd_result dd_net_v6_submit(struct dd_app *app);

#endif
