#include "tests/fuzz/decode_check.h"

#include <stdlib.h>
#include <string.h>

void dd_fuzz_clean(const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

void dd_fuzz_check_server(const struct dd_server *s)
{
	dd_fuzz_clean(s->hostname);
	dd_fuzz_clean(s->offer);
	dd_fuzz_clean(s->os);
	dd_fuzz_clean(s->tags);
	dd_fuzz_clean(s->zone);
	dd_fuzz_clean(s->status);
	dd_fuzz_clean(s->ipv4);
}

void dd_fuzz_check_detail(const struct dd_server_detail *d)
{
	dd_fuzz_check_server(&d->s);
	dd_fuzz_clean(d->location);
	dd_fuzz_clean(d->level);
	for (size_t i = 0; i < d->n_ifaces; i++)
		for (size_t k = 0; k < d->ifaces[i].n_ips; k++) {
			dd_fuzz_clean(d->ifaces[i].ips[k].address);
			dd_fuzz_clean(d->ifaces[i].ips[k].reverse);
		}
}

/* A message is one line a person reads: it may be empty (no failure),
 * never carries a control byte, and always ends inside its buffer. */
void dd_fuzz_check_error(const struct dd_error *e)
{
	if (memchr(e->message, '\0', sizeof(e->message)) == NULL)
		abort();
	dd_fuzz_clean(e->message);
}
