/* The offers screen (`o` on the Servers tab, `:order`): the server offers
 * of every zone with filter and sort, can-order's failing checks, the
 * order dialog (price, typed offer name) and the ordered service followed
 * until delivered. Indices and the order in flight only; the offers live
 * in the store. */
#ifndef DD_TUI_OFFERS_H
#define DD_TUI_OFFERS_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/table.h"

struct dd_order;

struct dd_offers_state {
	struct dd_table table;
	bool inited;
	bool loading;             /* offers or can-order in flight */
	char err[300];            /* why the offers could not be read */
	struct dd_order *order;   /* the order in the write path, or NULL */
	char progress[300];       /* the order's line: sent, delivering, delivered... */
	int64_t service;          /* the ordered service followed, 0 none */
	char service_zone[16];
	bool polling;             /* a read of the ordered service in flight */
	uint64_t poll_at;         /* monotonic ms of the next read */
};

struct dd_app;
/* The loop's every turn: reads the ordered service when due. */
void dd_offers_tick(struct dd_app *app);

/* The audit screen (`:audit`): the audit log, newest first. */
struct dd_audit_state {
	size_t top;
	void *log;                /* struct dd_audit_log, read on enter */
	char err[300];
};

#endif
