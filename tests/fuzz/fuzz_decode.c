/* Fuzz harness: every decoder of network input (both APIs' servers, lists,
 * references, error bodies). Whatever the bytes, no crash, no leak, and
 * what reaches the model holds no terminal control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/apierr.h"
#include "core/model.h"
#include "core/online.h"
#include "core/scw_dedibox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void no_controls(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

static void check_server(const struct dd_server *s)
{
	no_controls(s->hostname);
	no_controls(s->offer);
	no_controls(s->os);
	no_controls(s->tags);
	no_controls(s->zone);
	no_controls(s->status);
	no_controls(s->ipv4);
}

static void check_detail(const struct dd_server_detail *d)
{
	check_server(&d->s);
	no_controls(d->location);
	no_controls(d->level);
	for (size_t i = 0; i < d->n_ifaces; i++)
		for (size_t k = 0; k < d->ifaces[i].n_ips; k++) {
			no_controls(d->ifaces[i].ips[k].address);
			no_controls(d->ifaces[i].ips[k].reverse);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct dd_server_list l;
	struct dd_server_detail d;
	struct dd_error err;
	int64_t total, *ids = NULL;
	size_t n = 0;

	dd_server_list_init(&l);
	if (dd_scw_decode_server_page(text, size, "fr-par-1", &l, &total, &err) == 0)
		for (size_t i = 0; i < l.n; i++)
			check_server(&l.v[i]);
	dd_server_list_clear(&l);

	if (dd_server_detail_init(&d) == 0) {
		if (dd_scw_decode_server(text, size, &d, &err) == 0)
			check_detail(&d);
		dd_server_detail_clear(&d);
	}
	if (dd_server_detail_init(&d) == 0) {
		if (dd_online_decode_server(text, size, &d, &err) == 0)
			check_detail(&d);
		dd_server_detail_clear(&d);
	}
	if (dd_online_decode_refs(text, size, &ids, &n, &err) == 0)
		for (size_t i = 0; i < n; i++)
			if (ids[i] <= 0)
				abort();
	free(ids);

	dd_apierr_scw(400, text, size, -1, &err);
	no_controls(err.message);
	dd_apierr_online(401, text, size, 5, &err);
	no_controls(err.message);
	return 0;
}
