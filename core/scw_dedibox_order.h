/* Dedibox v1 (Scaleway) ordering: one offer, a server order (the POST that
 * subscribes to an offer), the zone's services and one ordered service.
 * A backend room: paths, the request builder and decoders, nothing else. */
#ifndef DD_SCW_DEDIBOX_ORDER_H
#define DD_SCW_DEDIBOX_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/linking.h"
#include "core/model_billing.h"
#include "core/write.h"

/* The newest services of a zone: one page is enough to find an order
 * placed seconds ago (newest first). */
#define DD_SCW_SERVICES_PAGE_SIZE 100

/* A service or an ordered service (Service in the SDK). */
struct dd_order_service {
	int64_t id;
	int64_t resource_id;   /* the server, once known; 0 if absent */
	int64_t offer_id;      /* 0 if the API gave no offer */
	char status[16];       /* provisioning_status: delivering, ready, error, expiring, expired */
	char type[16];         /* order, service */
};

int dd_scw_url_offer(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		     size_t len, struct dd_error *err);
int dd_scw_url_services(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			struct dd_error *err);
int dd_scw_url_ordered_service(const struct dd_creds *c, const char *zone, int64_t id,
			       char *buf, size_t len, struct dd_error *err);

/* POST /zones/{zone}/servers {"offer_id", "server_option_ids": []}. */
int dd_scw_req_order_server(const struct dd_creds *c, const char *zone, int64_t offer_id,
			    struct dd_write_req *out, struct dd_error *err);

/* One offer (GET .../offers/{id}); an option (no server_info) is an error. */
int dd_scw_decode_offer(const char *body, size_t len, const char *zone, struct dd_offer *f,
			struct dd_error *err);
int dd_scw_decode_service(const char *body, size_t len, struct dd_order_service *s,
			  struct dd_error *err);
/* The services of one page into v (at most cap; *n how many). */
int dd_scw_decode_services(const char *body, size_t len, struct dd_order_service *v, size_t cap,
			   size_t *n, struct dd_error *err);

/* One page of the services of a zone, newest first, with each offer's
 * name (account linking: domains, Dedirack, outsourcing). */
int dd_scw_url_services_page(const struct dd_creds *c, const char *zone, int page, char *buf,
			     size_t len, struct dd_error *err);
/* Appends the page's services to v (at most cap, *n grows); *total from
 * total_count (-1 when absent), *page_n the page's size. */
int dd_scw_decode_link_services(const char *body, size_t len, struct dd_link_service *v,
				size_t cap, size_t *n, size_t *page_n, int64_t *total,
				struct dd_error *err);

#endif
