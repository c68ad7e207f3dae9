/* The server overview's edits (hostname, tags, reverse DNS, backup
 * settings) and their validation. The overview's reads are the store's
 * (core/store.h, core/sections.h). Scaleway Dedibox v1 where the account
 * has Scaleway keys, Online v1 for what it offers otherwise. */
#ifndef DD_OVERVIEW_H
#define DD_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"

/* What may change on a backup; a NULL password keeps the current one. */
struct dd_backup_edit {
	bool acl_enabled;
	bool autologin;
	const char *password;     /* secret: sent, never kept */
};

/* Each call below starts a request and returns 0, or -1 with err filled
 * (nothing is started then). s is copied for what the call needs (id,
 * zone, sources). After an edit, re-read only what it changed
 * (dd_account_reload_server, dd_account_load_section). */
int dd_overview_set_backup(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			   const struct dd_backup_edit *edit, struct dd_backup *out,
			   dd_done_fn done, void *ud, struct dd_error *err);

/* Edits. The value is checked first (core/names.h). */
int dd_overview_set_hostname(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			     const char *hostname, dd_done_fn done, void *ud, struct dd_error *err);
/* tags: comma-separated; blanks around commas are dropped. */
int dd_overview_set_tags(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 const char *tags, dd_done_fn done, void *ud, struct dd_error *err);
/* ip is one of the server's addresses (its ip_id for Scaleway, its address
 * for Online); reverse "" removes it. */
int dd_overview_set_reverse(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			    const struct dd_ip *ip, const char *reverse, dd_done_fn done,
			    void *ud, struct dd_error *err);

#endif
