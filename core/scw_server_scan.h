/* The Scaleway Dedibox server-list page read by the scanner
 * (core/json_scan.h) instead of a jansson tree: the one answer whose
 * volume grows with the fleet (see doc/HACKING.md, "The server-list
 * scanner"). It fills the records dd_scw_decode_server_page fills, the
 * same way, or gives up and leaves the page to the jansson decoder. */
#ifndef DD_SCW_SERVER_SCAN_H
#define DD_SCW_SERVER_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/model.h"

/* 1: the page's servers are appended to out and *total set (-1 when
 * absent); 0: the scanner gave up (out and *total untouched): read the
 * page with the jansson decoder; -1: out of memory (err filled, out as
 * it was). */
int dd_scw_scan_server_page(const char *body, size_t len, const char *zone,
			    struct dd_server_list *out, int64_t *total, struct dd_error *err);

#endif
