#include "core/model_net.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

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

int dd_model_set_text_raw(char **field, char **raw, const char *in)
{
	char *r = dd_text_utf8(in, in ? strlen(in) : 0);

	if (!r || dd_text_set(field, in) < 0) {
		free(r);
		return -1;
	}
	free(*raw);
	*raw = NULL;
	if (strcmp(r, *field) != 0)
		*raw = r;
	else
		free(r);
	return 0;
}

void dd_rpn_member_clear(struct dd_rpn_member *m)
{
	free(m->hostname);
	free(m->group_name);
	free(m->group_owner);
	free(m->hostname_raw);
	free(m->group_name_raw);
	free(m->group_owner_raw);
	memset(m, 0, sizeof(*m));
}

/* Every string "" so views never meet NULL. */
static int member_init(struct dd_rpn_member *m)
{
	m->hostname = strdup("");
	m->group_name = strdup("");
	m->group_owner = strdup("");
	if (m->hostname && m->group_name && m->group_owner)
		return 0;
	dd_rpn_member_clear(m);
	return -1;
}

void dd_rpn_group_clear(struct dd_rpn_group *g)
{
	for (size_t i = 0; i < g->n_members; i++)
		dd_rpn_member_clear(&g->members[i]);
	free(g->members);
	free(g->name);
	free(g->owner);
	free(g->name_raw);
	free(g->owner_raw);
	memset(g, 0, sizeof(*g));
}

void dd_rpn_list_clear(struct dd_rpn_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		dd_rpn_group_clear(&l->v[i]);
	free(l->v);
	for (size_t i = 0; i < l->n_invites; i++)
		dd_rpn_member_clear(&l->invites[i]);
	free(l->invites);
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
	if (member_init(m) < 0)
		return NULL;
	g->n_members++;
	return m;
}

struct dd_rpn_member *dd_rpn_list_add_invite(struct dd_rpn_list *l)
{
	struct dd_rpn_member *nv = grow(l->invites, l->n_invites, sizeof(*nv));
	struct dd_rpn_member *m;

	if (!nv)
		return NULL;
	l->invites = nv;
	m = &l->invites[l->n_invites];
	if (member_init(m) < 0)
		return NULL;
	l->n_invites++;
	return m;
}

void dd_rpn_log_list_clear(struct dd_rpn_log_list *l)
{
	dd_rpn_log_list_cut(l, 0);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void dd_rpn_log_list_cut(struct dd_rpn_log_list *l, size_t n)
{
	while (l->n > n)
		free(l->v[--l->n].hostname_raw);
}

struct dd_rpn_log *dd_rpn_log_list_add(struct dd_rpn_log_list *l)
{
	struct dd_rpn_log *nv = grow(l->v, l->n, sizeof(*nv));

	if (!nv)
		return NULL;
	l->v = nv;
	return &l->v[l->n++];
}
