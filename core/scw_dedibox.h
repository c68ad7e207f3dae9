/* Scaleway Dedibox v1: request paths and JSON → model decoders. */
#ifndef DD_SCW_DEDIBOX_H
#define DD_SCW_DEDIBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model.h"

#define DD_SCW_PAGE_SIZE 100

/* The zones that host Dedibox servers; every per-zone array has this size. */
#define DD_SCW_NZONES 3
extern const char *const dd_scw_zones[DD_SCW_NZONES + 1]; /* NULL-terminated too */
int dd_scw_zone_valid(const char *zone);

/* URL of one page of the server list (project filter from creds). */
void dd_scw_url_servers(const struct dd_creds *c, const char *zone, unsigned page,
			unsigned page_size, char *buf, size_t len);
void dd_scw_url_server(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len);

/* Appends the page's servers to out; *total from total_count. */
int dd_scw_decode_server_page(const char *body, size_t len, const char *zone,
			      struct dd_server_list *out, int64_t *total, struct dd_error *err);
/* Fills d from a GetServer answer. */
int dd_scw_decode_server(const char *body, size_t len, struct dd_server_detail *d,
			 struct dd_error *err);

#endif
