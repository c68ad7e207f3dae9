/* jansson's allocator. Every parsed document lives in its own arena: the
 * tree's few hundred thousand nodes are bumped out of a few large chunks,
 * and the arena is wiped (sodium_memzero) and recycled as a whole when its
 * last node is freed, instead of one malloc and one wiping free per node.
 * Everything else jansson allocates (requests, exports) is malloc'd and
 * wiped at free, as before: no copy of a secret outlives its use. */
#ifndef DD_JSON_ARENA_H
#define DD_JSON_ARENA_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Begins the arena of the document about to be parsed on this thread:
 * jansson's allocations go there until dd_json_arena_seal(). */
void dd_json_arena_open(void);
/* Ends the parse: later allocations are malloc'd again. An arena whose
 * nodes are all freed already (a failed parse) is released here. */
void dd_json_arena_seal(void);

/* Frees a parsed tree that nobody else holds (no json_incref'd subtree
 * kept, nothing stored in it from outside): its arena is wiped and
 * released at once, without walking the nodes. A tree that is not in an
 * arena, or whose arena lent nodes to others, is json_decref'd. */
void dd_json_drop(json_t *root);
/* Marks the arena of v as holding a node allocated outside it (a string
 * replaced after parsing): dd_json_drop then walks the tree. */
void dd_json_arena_taint(const json_t *v);

/* jansson's free: a node of an arena counts down its arena; anything else
 * is wiped and freed. */
void dd_json_arena_free(void *p);

/* For tests: arenas and chunks alive on this thread, and whether every
 * chunk kept for reuse is all zeros. */
struct dd_json_arena_stats {
	size_t arenas;
	size_t chunks;
	size_t cached;
	bool cache_zeroed;
};
void dd_json_arena_stats(struct dd_json_arena_stats *st);

#endif
