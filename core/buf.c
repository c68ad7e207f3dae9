#include "core/buf.h"

#include <stdlib.h>

bool dd_buf_grow(struct dd_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	if (b->len + n + 1 < b->len) {
		b->oom = true;
		return false;
	}
	while (cap < b->len + n + 1) {
		if (cap > SIZE_MAX / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void dd_buf_pad(struct dd_buf *b, size_t n)
{
	static const char sp[] = "                                ";

	while (n > sizeof(sp) - 1) {
		dd_buf_put(b, sp, sizeof(sp) - 1);
		n -= sizeof(sp) - 1;
	}
	dd_buf_put(b, sp, n);
}

void dd_buf_int(struct dd_buf *b, int64_t v)
{
	char d[24], *e = d + sizeof(d), *p = e;
	/* Through unsigned so INT64_MIN negates without overflow. */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	dd_buf_put(b, p, (size_t)(e - p));
}

char *dd_buf_take(struct dd_buf *b)
{
	char *p;

	if (!b->oom && !b->p)
		dd_buf_grow(b, 0);
	if (b->oom) {
		free(b->p);
		*b = (struct dd_buf){ 0 };
		return NULL;
	}
	b->p[b->len] = '\0';
	p = b->p;
	*b = (struct dd_buf){ 0 };
	return p;
}
