/* The Servers tab's own state: indices, cursor and filter over the
 * store's server list (core/store.h), never the records themselves. */
#ifndef DD_TUI_SERVERS_H
#define DD_TUI_SERVERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "tui/table.h"

struct dd_servers_state {
	struct dd_table table;
	/* The store's list: the same address for the account's life, its
	 * records replaced by each load. Borrowed. */
	const struct dd_server_list *list;
	char start_err[300];   /* why the last load could not even start */
	int details_in_flight; /* lazy detail reads this tab started */
	int64_t cursor_id;     /* the server under the cursor, kept across reloads */
	bool early;            /* the rows shown are a first read's early rows */
	size_t filter_scan;    /* rows of the table's order looked at for details a filter needs */
	char zone[16];         /* the zone shown; "" every zone */
	unsigned refresh_s;    /* :refresh period, 0 off */
	uint64_t refresh_at;   /* monotonic ms of the next background refresh */
	size_t kept;           /* rows a refresh kept from the last good read of a part that failed */
	time_t kept_at;        /* the oldest of those reads */
	char kept_zones[40];   /* their zones, "fr-par-2,nl-ams-1" */
};

struct dd_app;
/* servers_cmd.c: :zone, :columns and :refresh; false when word is none
 * of them. */
bool dd_servers_cmd(struct dd_app *app, const char *word, const char *arg);
/* The completions of buf ("zone ", "columns ", "refresh "), NULL if none;
 * caller frees the array (not the strings). */
const char **dd_servers_complete(struct dd_app *app, const char *buf, size_t *n);
/* The columns the config keeps shown. */
void dd_servers_apply_columns(struct dd_app *app);
/* The loop's every turn: the auto-refresh when it is due. */
void dd_servers_tick(struct dd_app *app);

#endif
