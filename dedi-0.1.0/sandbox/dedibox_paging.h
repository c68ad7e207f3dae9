/* Scaleway list parameters: page (from 1), page_size (1..100, default 20)
 * and order_by. */
#ifndef DD_SB_DEDIBOX_PAGING_H
#define DD_SB_DEDIBOX_PAGING_H

#include <stddef.h>

#include "sandbox/server.h"

#define DD_SB_PAGE_SIZE_DEFAULT 20
#define DD_SB_PAGE_SIZE_MAX 100

struct dd_sb_page {
	size_t page;  /* from 1 */
	size_t size;
	int order;    /* index in the allowed list; 0 (the first) by default */
};

/* orders: NULL-terminated allowed order_by values, or NULL when the list
 * takes no order_by. -1 with a 400 invalid_arguments in resp. */
int dd_sb_page_parse(const struct dd_sb_req *r, struct dd_sb_resp *resp,
		     const char *const *orders, struct dd_sb_page *pg);
/* Index of the page's first item. */
size_t dd_sb_page_first(const struct dd_sb_page *pg);

#endif
