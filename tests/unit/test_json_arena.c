/* The arenas of parsed documents: a public document (dd_json_drop_public)
 * is recycled without a wipe, and a document that may hold a secret,
 * bumped into the same chunk later, wipes what the public one left too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/json.h"
#include "core/json_arena.h"

static const char PUBLIC[] = "{\"servers\":[{\"id\":1,\"hostname\":\"web-1\"},"
			     "{\"id\":2,\"hostname\":\"db-1\"}],\"total_count\":2}";
static const char SECRET[] = "{\"login\":\"root\",\"password\":\"SECRETSECRETSECRET\"}";

static void parse(const char *doc, struct dd_jv *root)
{
	struct dd_error err;

	assert_int_equal(dd_json_parse(doc, strlen(doc), root, &err), 0);
}

static void test_public_then_secret(void **state)
{
	struct dd_json_arena_stats st;
	struct dd_jv root;

	(void)state;
	parse(PUBLIC, &root);
	dd_json_drop_public(root.v);
	dd_json_arena_stats(&st);
	assert_int_equal(st.arenas, 0);
	assert_int_equal(st.chunks, 0);
	assert_int_equal(st.cached, 1);
	assert_int_equal(st.cached_plain, 1); /* kept as it was: no wipe */
	assert_true(st.cache_zeroed);         /* zero past what it left */

	/* The secret lands in the same chunk (the cache is last in, first
	 * out): dropped, it wipes its bytes and the public one's. */
	parse(SECRET, &root);
	dd_json_drop(root.v);
	dd_json_arena_stats(&st);
	assert_int_equal(st.cached, 1);
	assert_int_equal(st.cached_plain, 0);
	assert_true(st.cache_zeroed);

	/* Freed node by node (json_decref) it is wiped the same way. */
	parse(PUBLIC, &root);
	dd_json_drop_public(root.v);
	parse(SECRET, &root);
	json_decref(root.v);
	dd_json_arena_stats(&st);
	assert_int_equal(st.cached_plain, 0);
	assert_true(st.cache_zeroed);
}

/* A public tree holding a node from outside (a string replaced after the
 * parse) is walked, not released at once: nothing leaks, no arena left. */
static void test_public_tainted_walks(void **state)
{
	struct dd_json_arena_stats st;
	struct dd_jv root;
	struct dd_error err;
	const char *s = NULL;
	const char doc[] = "{\"h\":\"a\\u0000b\"}";

	(void)state;
	assert_int_equal(dd_json_parse(doc, sizeof(doc) - 1, &root, &err), 0);
	assert_int_equal(dd_json_str(&root, "h", true, &s, &err), 0);
	dd_json_drop_public(root.v);
	dd_json_arena_stats(&st);
	assert_int_equal(st.arenas, 0);
	assert_int_equal(st.chunks, 0);
	assert_true(st.cache_zeroed);
	dd_json_drop_public(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_then_secret),
		cmocka_unit_test(test_public_tainted_walks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
