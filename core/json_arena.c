#include "core/json_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/json.h"

/* A page of 100 servers (128 KB of text) makes about 1 MB of nodes. */
#define CHUNK_SIZE (256u * 1024u)
/* Chunks alive per thread; past it, nodes are malloc'd as before. */
#define MAX_CHUNKS 64
/* Chunks kept wiped for the next document (no new page faults). */
#define MAX_CACHED 8

struct arena {
	size_t live;  /* nodes not freed yet */
	bool sealed;  /* the parse is over: live == 0 releases */
	bool tainted; /* lends or holds nodes outside: drop must walk */
	bool plain;   /* holds no secret (dd_json_drop_public): released unwiped */
};

struct chunk {
	char *base;
	size_t size, used;
	size_t dirty; /* bytes a plain document left unwiped before this one */
	size_t written; /* the most a use of a cached chunk filled */
	struct arena *owner;
};

/* Per thread: the demo's sandbox parses on its own threads, and a tree
 * never crosses threads, so no lock is needed. */
static __thread struct chunk chunks[MAX_CHUNKS];
static __thread size_t n_chunks;
static __thread struct arena *current;
static __thread char *cache[MAX_CACHED];
static __thread size_t cache_dirty[MAX_CACHED]; /* their unwiped (plain) bytes */
/* The bytes ever written in each cached chunk: the rest is malloc's, never
 * ours (zero when fresh from mmap, a fill pattern under ASan). */
static __thread size_t cache_written[MAX_CACHED];
static __thread size_t n_cached;
static __thread size_t n_arenas;

static struct chunk *find_chunk(const void *p)
{
	const char *c = p;

	/* Newest first: the document being decoded is the last one opened. */
	for (size_t i = n_chunks; i-- > 0;)
		if (c >= chunks[i].base && c < chunks[i].base + chunks[i].size)
			return &chunks[i];
	return NULL;
}

static void release(struct arena *a)
{
	size_t i = 0;

	while (i < n_chunks) {
		struct chunk *c = &chunks[i];
		if (c->owner != a) {
			i++;
			continue;
		}
		size_t dirty = c->used > c->dirty ? c->used : c->dirty;

		/* One wipe of what was used replaces a wipe per node; it covers
		 * what an earlier plain document left, so nothing of a document
		 * that may hold a secret outlives it. A plain one (a page of
		 * servers, by the API's contract) is not wiped: the wipe was a
		 * third of the cost of freeing it and protected nothing. */
		if (!a->plain) {
			sodium_memzero(c->base, dirty);
			dirty = 0;
		}
		if (c->size == CHUNK_SIZE && n_cached < MAX_CACHED) {
			cache_dirty[n_cached] = dirty;
			cache_written[n_cached] = c->used > c->written ? c->used : c->written;
			cache[n_cached++] = c->base;
		} else {
			free(c->base);
		}
		*c = chunks[--n_chunks];
	}
	if (current == a)
		current = NULL;
	free(a);
	n_arenas--;
}

static struct chunk *new_chunk(struct arena *a, size_t need)
{
	size_t size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
	char *base = NULL;

	if (n_chunks == MAX_CHUNKS)
		return NULL;
	size_t dirty = 0, written = 0;

	if (size == CHUNK_SIZE && n_cached) {
		base = cache[--n_cached];
		dirty = cache_dirty[n_cached];
		written = cache_written[n_cached];
	} else {
		base = malloc(size);
	}
	if (!base)
		return NULL;
	chunks[n_chunks] = (struct chunk){ .base = base, .size = size, .dirty = dirty, .written = written, .owner = a };
	return &chunks[n_chunks++];
}

static void *arena_malloc(size_t size)
{
	struct arena *a = current;
	struct chunk *c = NULL;
	size_t need = (size + 15) & ~(size_t)15;

	if (!a || need < size)
		return malloc(size);
	/* The newest chunk of this arena is the last one registered. */
	if (n_chunks && chunks[n_chunks - 1].owner == a &&
	    chunks[n_chunks - 1].size - chunks[n_chunks - 1].used >= need)
		c = &chunks[n_chunks - 1];
	else if (need > CHUNK_SIZE / 4)
		c = new_chunk(a, need);
	else
		c = new_chunk(a, CHUNK_SIZE);
	if (!c) {
		/* No room for a chunk: this node is malloc'd and freed apart. */
		a->tainted = true;
		return malloc(size);
	}
	/* A big block got its own chunk: move the bump chunk back on top so
	 * small nodes keep filling it. */
	if (c->size != CHUNK_SIZE && n_chunks >= 2 && chunks[n_chunks - 2].owner == a &&
	    c == &chunks[n_chunks - 1]) {
		struct chunk t = chunks[n_chunks - 2];
		chunks[n_chunks - 2] = *c;
		chunks[n_chunks - 1] = t;
		c = &chunks[n_chunks - 2];
	}
	a->live++;
	c->used += need;
	return c->base + c->used - need;
}

void dd_json_arena_free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = find_chunk(p);
	if (!c) {
		dd_json_free_wiped(p);
		return;
	}
	if (--c->owner->live == 0 && c->owner->sealed)
		release(c->owner);
}

void dd_json_arena_open(void)
{
	struct arena *a = calloc(1, sizeof(*a));

	/* Without an arena the document is parsed on malloc, as before. */
	current = a;
	if (a)
		n_arenas++;
}

void dd_json_arena_seal(void)
{
	struct arena *a = current;

	current = NULL;
	if (!a)
		return;
	a->sealed = true;
	if (a->live == 0)
		release(a);
}

void dd_json_arena_taint(const json_t *v)
{
	struct chunk *c = find_chunk(v);

	if (c)
		c->owner->tainted = true;
}

void dd_json_drop(json_t *root)
{
	struct chunk *c;

	if (!root)
		return;
	c = find_chunk(root);
	if (!c || c->owner->tainted || !c->owner->sealed) {
		json_decref(root);
		return;
	}
	release(c->owner);
}

void dd_json_drop_public(json_t *root)
{
	struct chunk *c = root ? find_chunk(root) : NULL;

	if (c)
		c->owner->plain = true;
	dd_json_drop(root);
}

void dd_json_arena_stats(struct dd_json_arena_stats *st)
{
	st->arenas = n_arenas;
	st->chunks = n_chunks;
	st->cached = n_cached;
	st->cached_plain = 0;
	st->cache_zeroed = true;
	for (size_t i = 0; i < n_cached; i++) {
		const unsigned char *p = (const unsigned char *)cache[i];

		if (cache_dirty[i])
			st->cached_plain++;
		if (cache_written[i] > cache_dirty[i] &&
		    !sodium_is_zero(p + cache_dirty[i], cache_written[i] - cache_dirty[i]))
			st->cache_zeroed = false;
	}
}

/* Installed before main(): from the first allocation on, everything
 * jansson frees is either wiped with its arena or wiped at free. */
__attribute__((constructor)) static void install(void)
{
	json_set_alloc_funcs(arena_malloc, dd_json_arena_free);
}
