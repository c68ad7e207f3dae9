#include "core/model_net.h"

#include <stdlib.h>
#include <string.h>

/* Lists grow one record at a time: networks are tens of records, not
 * thousands, so realloc per record costs nothing worth a capacity. */
static void *grow(void *v, size_t n, size_t size)
{
	char *nv = realloc(v, (n + 1) * size);

	if (nv)
		memset(nv + n * size, 0, size);
	return nv;
}

void dd_ipv6_block_clear(struct dd_ipv6_block *b)
{
	for (size_t i = 0; i < b->n_nameservers; i++)
		free(b->nameservers[i]);
	free(b->nameservers);
	free(b->subnets);
	free(b->free);
	memset(b, 0, sizeof(*b));
}

void dd_ipv6_list_clear(struct dd_ipv6_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		dd_ipv6_block_clear(&l->v[i]);
	free(l->v);
	free(l->quotas);
	memset(l, 0, sizeof(*l));
}

struct dd_ipv6_block *dd_ipv6_list_add(struct dd_ipv6_list *l)
{
	struct dd_ipv6_block *nv = grow(l->v, l->n, sizeof(*nv));

	if (!nv)
		return NULL;
	l->v = nv;
	return &l->v[l->n++];
}

static void member_clear(struct dd_rpn_member *m)
{
	free(m->hostname);
	memset(m, 0, sizeof(*m));
}

void dd_rpn_group_clear(struct dd_rpn_group *g)
{
	for (size_t i = 0; i < g->n_members; i++)
		member_clear(&g->members[i]);
	free(g->members);
	free(g->name);
	free(g->owner);
	memset(g, 0, sizeof(*g));
}

void dd_rpn_list_clear(struct dd_rpn_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		dd_rpn_group_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct dd_rpn_group *dd_rpn_list_add(struct dd_rpn_list *l)
{
	struct dd_rpn_group *nv = grow(l->v, l->n, sizeof(*nv));
	struct dd_rpn_group *g;

	if (!nv)
		return NULL;
	l->v = nv;
	g = &l->v[l->n];
	g->name = strdup("");
	g->owner = strdup("");
	if (!g->name || !g->owner) {
		dd_rpn_group_clear(g);
		return NULL;
	}
	l->n++;
	return g;
}

struct dd_rpn_member *dd_rpn_group_add_member(struct dd_rpn_group *g)
{
	struct dd_rpn_member *nv = grow(g->members, g->n_members, sizeof(*nv));
	struct dd_rpn_member *m;

	if (!nv)
		return NULL;
	g->members = nv;
	m = &g->members[g->n_members];
	if (!(m->hostname = strdup("")))
		return NULL;
	g->n_members++;
	return m;
}
