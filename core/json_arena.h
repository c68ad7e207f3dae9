/* jansson's allocator. Every parsed document lives in its own arena: the
 * tree's few hundred thousand nodes are bumped out of a few large chunks,
 * and the arena is wiped (sodium_memzero) and recycled as a whole when its
 * last node is freed, instead of one malloc and one wiping free per node;
 * a document that holds no secret is recycled unwiped (dd_json_drop_public).
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
/* The same for a document that cannot hold a secret by its API's contract
 * (a page of a list of servers, a server's public detail): its arena is
 * recycled without the wipe. The rule: a decoder calls it only for a
 * response whose every field is documented and none is a password, a
 * token, a key or a credential; any other document (BMC or rescue
 * access, an installation, IAM keys, a backup's login, an error body
 * that may echo a request) keeps dd_json_drop or json_decref, which wipe.
 * A later document bumped into the same chunk wipes what the plain one
 * left, so a secret never shares a chunk with unwiped bytes at its end. */
void dd_json_drop_public(json_t *root);
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
	size_t cached_plain; /* of them, left unwiped by a public document */
	bool cache_zeroed;   /* every cached chunk zero past what a public one left */
};
void dd_json_arena_stats(struct dd_json_arena_stats *st);

#endif
