#include "core/actions_load.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/actions.h"
#include "core/install.h"

/* One read: the new list is filled here and swapped in at the end, so the
 * view keeps drawing the old one meanwhile. */
struct load {
	struct dd_account *a;
	int64_t id;
	enum dd_kind kind;
	struct dd_rescue_images fresh;
	dd_done_fn done;
	void *ud;
};

static struct dd_rescue_images *slot(struct dd_server_sections *sec, enum dd_kind kind)
{
	return kind == DD_KIND_OSES ? &sec->oses : &sec->rescue_images;
}

static void on_list(void *ud, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_store *st = dd_account_store_mut(L->a);
	struct dd_server_sections *sec = dd_store_sections_get(st, L->id);
	struct dd_error err = *e;

	if (err.kind == DD_OK && L->fresh.n == 0)
		dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL, "The API lists no %s for server %" PRId64 ".",
			     L->kind == DD_KIND_OSES ? "system to install" : "rescue image", L->id);
	if (!sec) {
		dd_error_oom(&err);
	} else if (err.kind == DD_OK) {
		dd_rescue_images_clear(slot(sec, L->kind));
		*slot(sec, L->kind) = L->fresh;
		L->fresh = (struct dd_rescue_images){ 0 };
		dd_coll_succeed(&sec->meta[L->kind], time(NULL));
	} else {
		dd_coll_fail(&sec->meta[L->kind], &err);
	}
	dd_rescue_images_clear(&L->fresh);
	dd_store_notify(st, L->kind, L->id);
	L->done(L->ud, &err);
	free(L);
}

int dd_actions_load_list(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 enum dd_kind kind, bool force, dd_done_fn done, void *ud, struct dd_error *err)
{
	struct dd_store *st = dd_account_store_mut(a);
	struct dd_server_sections *sec;
	struct load *L;
	int rc;

	if (kind != DD_KIND_OSES && kind != DD_KIND_RESCUE_IMAGES)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "Not a list of the server actions.");
	if (!(sec = dd_store_sections_get(st, s->id)))
		return dd_error_oom(err);
	if (!force && sec->meta[kind].state == DD_COLL_FRESH)
		return 1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ .a = a, .id = s->id, .kind = kind, .done = done, .ud = ud };
	rc = kind == DD_KIND_OSES ? dd_install_load_oses(a, h, s, &L->fresh, on_list, L, err)
				  : dd_action_load_rescue_images(a, h, s, &L->fresh, on_list, L, err);
	if (rc < 0) {
		free(L);
		return -1;
	}
	dd_coll_begin(&sec->meta[kind]);
	dd_store_notify(st, kind, s->id);
	return 0;
}
