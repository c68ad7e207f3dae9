#include "tests/fuzz/scan_check.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/scw_dedibox.h"
#include "core/scw_server_scan.h"

static int differ(char *why, size_t n, size_t i, const char *field, const char *a, const char *b)
{
	snprintf(why, n, "server %zu: %s differs: \"%s\" / \"%s\"", i, field, a ? a : "(null)",
		 b ? b : "(null)");
	return -1;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int dd_scan_check_same(const struct dd_server_list *a, const struct dd_server_list *b,
		       char *why, size_t n)
{
	static const char *const raw_names[DD_RAW__N] = { "raw hostname", "raw offer", "raw os",
							  "raw tags", "raw datacenter" };

	if (a->n != b->n) {
		snprintf(why, n, "%zu servers / %zu", a->n, b->n);
		return -1;
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct dd_server *x = &a->v[i], *y = &b->v[i];
		const struct { const char *name, *a, *b; } f[] = {
			{ "hostname", x->hostname, y->hostname }, { "zone", x->zone, y->zone },
			{ "offer", x->offer, y->offer }, { "status", x->status, y->status },
			{ "ipv4", x->ipv4, y->ipv4 }, { "ipv6", x->ipv6, y->ipv6 },
			{ "os", x->os, y->os }, { "tags", x->tags, y->tags },
			{ "datacenter", x->datacenter, y->datacenter },
			{ "project_id", x->project_id, y->project_id },
		};
		if (x->id != y->id || x->os_id != y->os_id) {
			snprintf(why, n, "server %zu: id %" PRId64 "/%" PRId64 ", os_id %" PRId64 "/%" PRId64,
				 i, x->id, y->id, x->os_id, y->os_id);
			return -1;
		}
		if (x->sources != y->sources || x->detailed != y->detailed ||
		    x->detail_state != y->detail_state || !x->detail != !y->detail) {
			snprintf(why, n, "server %zu: sources, detailed or detail differ", i);
			return -1;
		}
		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			if (!same_str(f[k].a, f[k].b))
				return differ(why, n, i, f[k].name, f[k].a, f[k].b);
		for (int r = 0; r < DD_RAW__N; r++)
			if (!same_str(x->raw[r], y->raw[r]))
				return differ(why, n, i, raw_names[r], x->raw[r], y->raw[r]);
	}
	return 0;
}

/* A list that already holds a record: a decoder appends, never replaces. */
static void prefilled(struct dd_server_list *l)
{
	struct dd_server *s;

	dd_server_list_init(l);
	s = dd_server_list_add(l);
	if (s) {
		s->id = 7;
		dd_server_set_text(s, DD_RAW_HOSTNAME, &s->hostname, "before");
	}
}

int dd_scan_check_page(const char *body, size_t len, char *why, size_t n)
{
	struct dd_server_list fast, tree, both;
	struct dd_error ef, et, eb;
	int64_t tf = -7, tt = -7, tb = -7;
	int rf, rt, rb, rc = -1;

	prefilled(&fast);
	prefilled(&tree);
	prefilled(&both);
	dd_error_clear(&ef);
	dd_error_clear(&et);
	dd_error_clear(&eb);
	rf = dd_scw_scan_server_page(body, len, "fr-par-1", &fast, &tf, &ef);
	rt = dd_scw_decode_server_page_tree(body, len, "fr-par-1", &tree, &tt, &et);
	rb = dd_scw_decode_server_page(body, len, "fr-par-1", &both, &tb, &eb);
	if (fast.n < 1 || tree.n < 1 || both.n < 1 || fast.v[0].id != 7 || both.v[0].id != 7) {
		snprintf(why, n, "the record already in the list was lost");
	} else if (rf == 1 && rt != 0) {
		snprintf(why, n, "the scanner took a page the tree decoder refuses: %s", et.message);
	} else if (rf == 1 && tf != tt) {
		snprintf(why, n, "total_count %" PRId64 " / %" PRId64, tf, tt);
	} else if (rf == 1 && dd_scan_check_same(&fast, &tree, why, n) < 0) {
		/* why says it */
	} else if (rf == 0 && (fast.n != 1 || tf != -7)) {
		snprintf(why, n, "the scanner gave up but left %zu records, total %" PRId64, fast.n, tf);
	} else if (rf != 0 && rf != 1) {
		snprintf(why, n, "the scanner failed: %s", ef.message);
	} else if (rb != rt) {
		snprintf(why, n, "dd_scw_decode_server_page answered %d, the tree decoder %d", rb, rt);
	} else if (rb == 0 && tb != tt) {
		snprintf(why, n, "total_count %" PRId64 " / %" PRId64 " (combined)", tb, tt);
	} else if (rb == 0 && dd_scan_check_same(&both, &tree, why, n) < 0) {
		/* why says it */
	} else if (rb != 0 && (eb.kind != et.kind || strcmp(eb.message, et.message) != 0)) {
		snprintf(why, n, "errors differ: \"%s\" / \"%s\"", eb.message, et.message);
	} else {
		rc = rf;
	}
	dd_server_list_clear(&fast);
	dd_server_list_clear(&tree);
	dd_server_list_clear(&both);
	return rc;
}
