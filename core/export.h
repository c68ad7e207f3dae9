/* The stable JSON documents of `dedi ... --json`. Version 1: fields are
 * only ever added. */
#ifndef DD_EXPORT_H
#define DD_EXPORT_H

#include "core/model.h"
#include "core/vault.h"

/* Caller frees. NULL on ENOMEM. */
char *dd_export_servers_json(const struct dd_server_list *l);
char *dd_export_server_detail_json(const struct dd_server_detail *d);
/* `auth list --json`: every profile of v, keys masked, never a secret;
 * "selected" is null when selected is no valid profile name. */
char *dd_export_profiles_json(const struct dd_vault *v, const char *selected);

#endif
