/* A growing text buffer for the writers of machine outputs: one
 * allocation that doubles, an oom mark checked once at the end instead of
 * after every write, the text always NUL-terminated. With a sink, the
 * text goes to that file each time the buffer is full instead of growing:
 * a 10,000-server list is 3 MB that nobody needs in memory at once, and
 * on a VM each page first touched costs a fault. */
#ifndef DD_BUF_H
#define DD_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct dd_buf {
	char *p;     /* owned; NULL until the first write */
	size_t len;  /* bytes written, the NUL not counted */
	size_t cap;  /* bytes allocated */
	bool oom;    /* a write failed: the text is incomplete */
	FILE *sink;  /* NULL, or where a full buffer is written */
	bool werr;   /* writing to the sink failed (oom is set too, to stop the writer) */
};

/* Room for n more bytes and the NUL; false (and oom set) when it fails. */
bool dd_buf_grow(struct dd_buf *b, size_t n);

static inline void dd_buf_put(struct dd_buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap && !dd_buf_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void dd_buf_putc(struct dd_buf *b, char c)
{
	if (b->len + 1 >= b->cap && !dd_buf_grow(b, 1))
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

static inline void dd_buf_puts(struct dd_buf *b, const char *s)
{
	dd_buf_put(b, s, strlen(s));
}

/* n spaces. */
void dd_buf_pad(struct dd_buf *b, size_t n);
/* v in decimal, as printf's %lld writes it. */
void dd_buf_int(struct dd_buf *b, int64_t v);
/* The text, handed to the caller (who frees it), or NULL when a write
 * failed (the buffer is freed then). An empty text is "", not NULL. */
char *dd_buf_take(struct dd_buf *b);
/* A buffer with a sink: the room of its first chunk (false when it
 * could not be had: nothing is written then). */
bool dd_buf_sink(struct dd_buf *b, FILE *f);
/* Writes what is left to the sink and frees the buffer: 0, or -1 with
 * errno ENOMEM (a write could not get memory: the text is cut) or EIO
 * (the file refused it: ferror(f) says so too). */
int dd_buf_finish(struct dd_buf *b);

#endif
