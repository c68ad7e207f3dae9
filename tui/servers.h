/* The Servers tab's own state: indices, cursor and filter over the
 * store's server list (core/store.h), never the records themselves. */
#ifndef DD_TUI_SERVERS_H
#define DD_TUI_SERVERS_H

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
};

#endif
