/* A growing text buffer for the writers of machine outputs: one
 * allocation that doubles, an oom mark checked once at the end instead of
 * after every write, the text always NUL-terminated. */
#ifndef DD_BUF_H
#define DD_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct dd_buf {
	char *p;     /* owned; NULL until the first write */
	size_t len;  /* bytes written, the NUL not counted */
	size_t cap;  /* bytes allocated */
	bool oom;    /* a write failed: the text is incomplete */
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

#endif
