/* The stable JSON documents of `dedi ... --json`. Version 1: fields are
 * only ever added. */
#ifndef DD_EXPORT_H
#define DD_EXPORT_H

#include "core/model.h"

/* Caller frees. NULL on ENOMEM. */
char *dd_export_servers_json(const struct dd_server_list *l);
char *dd_export_server_detail_json(const struct dd_server_detail *d);

#endif
