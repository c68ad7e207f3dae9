#include "core/validators.h"

#include <stdlib.h>
#include <string.h>

void dd_validators_init(struct dd_validators *l)
{
	memset(l, 0, sizeof(*l));
}

void dd_validators_clear(struct dd_validators *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].etag);
		free(l->v[i].body);
	}
	free(l->v);
	dd_validators_init(l);
}

int dd_etag_ok(const char *etag)
{
	size_t n = etag ? strlen(etag) : 0;

	if (n == 0 || n > DD_ETAG_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)etag[i] < 0x21 || (unsigned char)etag[i] > 0x7e)
			return 0;
	return 1;
}

int dd_validators_add(struct dd_validators *l, int64_t id, const char *etag, const char *body,
		      size_t body_len)
{
	struct dd_validator *e;
	char *t, *b;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct dd_validator *nv = realloc(l->v, cap * sizeof(*nv));

		if (!nv)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	t = strdup(etag);
	b = malloc(body_len + 1);
	if (!t || !b) {
		free(t);
		free(b);
		return -1;
	}
	memcpy(b, body, body_len);
	b[body_len] = '\0';
	e = &l->v[l->n++];
	e->id = id;
	e->etag = t;
	e->body = b;
	e->body_len = body_len;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	const struct dd_validator *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

void dd_validators_sort(struct dd_validators *l)
{
	size_t k = 0;

	if (l->n < 2)
		return;
	/* A stable order for duplicates is not needed: an id appears twice
	 * only in a damaged list, and either copy is a whole answer. */
	qsort(l->v, l->n, sizeof(*l->v), cmp_id);
	for (size_t i = 0; i < l->n; i++) {
		if (k && l->v[k - 1].id == l->v[i].id) {
			free(l->v[i].etag);
			free(l->v[i].body);
			continue;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
}

const struct dd_validator *dd_validators_find(const struct dd_validators *l, int64_t id)
{
	struct dd_validator key = { .id = id };

	if (!l->n)
		return NULL;
	return bsearch(&key, l->v, l->n, sizeof(*l->v), cmp_id);
}

void dd_validators_swap(struct dd_validators *a, struct dd_validators *b)
{
	struct dd_validators t = *a;

	*a = *b;
	*b = t;
}
