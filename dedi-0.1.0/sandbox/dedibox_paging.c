/* Page parameters, refused as the real API refuses them. */
#include "sandbox/dedibox_paging.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int parse_count(const char *s, size_t *out)
{
	if (!*s || strlen(s) > 9)
		return -1;
	size_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

int dd_sb_page_parse(const struct dd_sb_req *r, struct dd_sb_resp *resp,
		     const char *const *orders, struct dd_sb_page *pg)
{
	const char *page = dd_sb_query(r, "page");
	const char *size = dd_sb_query(r, "page_size");
	const char *order = dd_sb_query(r, "order_by");
	pg->page = 1;
	pg->size = DD_SB_PAGE_SIZE_DEFAULT;
	pg->order = 0;
	if (page) {
		if (parse_count(page, &pg->page) < 0) {
			dd_sb_scw_invalid(resp, "page", "format", "must be a positive integer");
			return -1;
		}
		if (pg->page < 1) {
			dd_sb_scw_invalid(resp, "page", "constraint", "must be greater than 0");
			return -1;
		}
	}
	if (size) {
		if (parse_count(size, &pg->size) < 0) {
			dd_sb_scw_invalid(resp, "page_size", "format", "must be a positive integer");
			return -1;
		}
		if (pg->size < 1 || pg->size > DD_SB_PAGE_SIZE_MAX) {
			dd_sb_scw_invalid(resp, "page_size", "constraint",
					  "must be greater than 0 and lower than or equal to 100");
			return -1;
		}
	}
	if (order && orders) {
		int i;
		for (i = 0; orders[i]; i++)
			if (strcmp(order, orders[i]) == 0)
				break;
		if (!orders[i]) {
			char help[128] = "must be one of";
			for (int k = 0; orders[k]; k++) {
				strncat(help, k ? ", " : " ", sizeof help - strlen(help) - 1);
				strncat(help, orders[k], sizeof help - strlen(help) - 1);
			}
			dd_sb_scw_invalid(resp, "order_by", "constraint", help);
			return -1;
		}
		pg->order = i;
	}
	return 0;
}

size_t dd_sb_page_first(const struct dd_sb_page *pg)
{
	/* page <= 999999999 and size <= 100: no overflow */
	return (pg->page - 1) * pg->size;
}
