/* The server list's items written straight to text, and kept.
 *
 * A Dedibox server list page is a hundred ListServers items; building each
 * as a jansson tree and writing it out cost the sandbox ~8 ms a page, so
 * that its own time, not the client's, dominated a benchmark of dedi. The
 * text of an item is written here field by field, in the order and with
 * the escapes of dd_sb_server_summary_json() + dd_sb_emit(), and kept per
 * server until the world changes (every write takes the world's lock with
 * dd_sb_world_wrlock(), which moves the world's generation on). The tree
 * path stays as the reference: --no-page-cache and tests compare the two
 * byte for byte (tests/sandbox/test_pages.c). */
#ifndef DD_SB_SERVER_WIRE_H
#define DD_SB_SERVER_WIRE_H

#include <stddef.h>

#include "sandbox/emit.h"
#include "sandbox/world.h"

struct dd_sb_wire_cache;

/* NULL on out of memory. */
struct dd_sb_wire_cache *dd_sb_wire_cache_new(void);
void dd_sb_wire_cache_free(struct dd_sb_wire_cache *c);

/* Appends the ListServers item of s to b. The caller holds w->lock (read
 * or write). */
void dd_sb_server_summary_wire(const struct dd_sb_world *w, const struct dd_sb_server *s,
			       struct dd_sb_buf *b);

/* The same text from w's cache, written on a miss. The caller holds
 * w->lock for reading; the text is borrowed until it releases it. NULL on
 * out of memory. */
const char *dd_sb_server_summary_text(struct dd_sb_world *w, const struct dd_sb_server *s,
				      size_t *len);

#endif
