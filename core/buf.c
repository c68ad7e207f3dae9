#include "core/buf.h"

#include <errno.h>
#include <stdlib.h>

/* The sink's chunk: large enough that a write costs little, small enough
 * to stay in the pages already touched. */
#define SINK_CHUNK (64 * 1024)

static bool flush(struct dd_buf *b)
{
	if (b->len && fwrite(b->p, 1, b->len, b->sink) != b->len) {
		b->werr = b->oom = true;
		return false;
	}
	b->len = 0;
	b->p[0] = '\0';
	return true;
}

bool dd_buf_grow(struct dd_buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	if (b->sink && b->p && (!flush(b) || n + 1 <= b->cap))
		return !b->oom;
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

bool dd_buf_sink(struct dd_buf *b, FILE *f)
{
	*b = (struct dd_buf){ 0 };
	if (!dd_buf_grow(b, SINK_CHUNK - 1))
		return false;
	b->sink = f;
	return true;
}

int dd_buf_finish(struct dd_buf *b)
{
	int e = 0;

	if (!b->oom && b->sink && b->p)
		flush(b);
	if (b->werr)
		e = EIO;
	else if (b->oom)
		e = ENOMEM;
	free(b->p);
	*b = (struct dd_buf){ 0 };
	if (e) {
		errno = e;
		return -1;
	}
	return 0;
}
