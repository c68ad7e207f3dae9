/* Scaleway Dedibox v1: request paths and JSON → model decoders. */
#ifndef DD_SCW_DEDIBOX_H
#define DD_SCW_DEDIBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model.h"
#include "core/write.h"

#define DD_SCW_PAGE_SIZE 100
/* The failover IPs of a zone are read in pages of this many. */
#define DD_SCW_FAILOVER_PAGE_SIZE 100
/* The API's maximum: one page holds every subscribable option. */
#define DD_SCW_OPTIONS_PAGE_SIZE 100
/* The API refuses bigger event pages. */
#define DD_SCW_EVENTS_MAX_PAGE_SIZE 100

/* The zones that host Dedibox servers; every per-zone array has this size. */
#define DD_SCW_NZONES 3
extern const char *const dd_scw_zones[DD_SCW_NZONES + 1]; /* NULL-terminated too */
int dd_scw_zone_valid(const char *zone);

/* URL of one page of the server list (project filter from creds). */
void dd_scw_url_servers(const struct dd_creds *c, const char *zone, unsigned page,
			unsigned page_size, char *buf, size_t len);
void dd_scw_url_server(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len);

/* Appends the page's servers to out; *total from total_count. Read by
 * the scanner (core/scw_server_scan.h), or by the tree decoder below
 * when the scanner gives up. */
int dd_scw_decode_server_page(const char *body, size_t len, const char *zone,
			      struct dd_server_list *out, int64_t *total, struct dd_error *err);
/* The same through a jansson tree only (the tests compare the two). */
int dd_scw_decode_server_page_tree(const char *body, size_t len, const char *zone,
				   struct dd_server_list *out, int64_t *total, struct dd_error *err);
/* Fills d from a GetServer answer. */
int dd_scw_decode_server(const char *body, size_t len, struct dd_server_detail *d,
			 struct dd_error *err);

/* The overview's sections. URL builders fail (err filled) when the URL
 * does not fit. */
int dd_scw_url_backup(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		      size_t len, struct dd_error *err);
/* page from 1, newest first. */
int dd_scw_url_events(const struct dd_creds *c, const char *zone, int64_t id, int page,
		      int page_size, char *buf, size_t len, struct dd_error *err);
int dd_scw_url_options(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len, struct dd_error *err);
/* One page of the zone's failover IPs (of the profile's project when it
 * has one: project_id is a query parameter of ListFailoverIPsRequest). */
int dd_scw_url_failovers(const struct dd_creds *c, const char *zone, int page, char *buf,
			 size_t len, struct dd_error *err);

int dd_scw_decode_backup(const char *body, size_t len, struct dd_backup *b, struct dd_error *err);
/* Fills p->v, p->n, p->total (p->page and page_size are the caller's). */
int dd_scw_decode_events(const char *body, size_t len, struct dd_event_page *p,
			 struct dd_error *err);
int dd_scw_decode_subscribable(const char *body, size_t len, struct dd_option_list *l,
			       struct dd_error *err);
/* Appends the page's failover IPs (only server_id's when it is not 0,
 * and then, when the answer names a server_zone, only those routed to
 * server_zone: a failover listed in one zone may be routed to a server of
 * another); *page_n is the page's size, *total the zone's count. */
int dd_scw_decode_failovers(const char *body, size_t len, const char *zone, int64_t server_id,
			    const char *server_zone,
			    struct dd_failover_list *l, size_t *page_n, int64_t *total,
			    struct dd_error *err);

/* Writes: the request of each edit, for core/write to send. -1 with err
 * filled when the URL or body would not fit. */
int dd_scw_req_hostname(const struct dd_creds *c, const char *zone, int64_t id,
			const char *hostname, struct dd_write_req *out, struct dd_error *err);
/* tags: the whole list, each tag as it will be stored (commas included). */
int dd_scw_req_tags(const struct dd_creds *c, const char *zone, int64_t id,
		    const char *const *tags, size_t n,
		    struct dd_write_req *out, struct dd_error *err);
int dd_scw_req_reverse(const struct dd_creds *c, const char *zone, int64_t ip_id,
		       const char *reverse, struct dd_write_req *out, struct dd_error *err);
/* password NULL or "": unchanged. It is masked in out->shown. */
int dd_scw_req_backup(const struct dd_creds *c, const char *zone, int64_t id, bool acl_enabled,
		      bool autologin, const char *password, struct dd_write_req *out,
		      struct dd_error *err);

#endif
