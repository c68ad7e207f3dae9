/* The stable JSON documents of `dedi ... --json`. Version 1: fields are
 * only ever added. */
#ifndef DD_EXPORT_H
#define DD_EXPORT_H

#include <stdio.h>

#include "core/model.h"
#include "core/vault.h"

/* Caller frees. NULL on ENOMEM (or a string that is not UTF-8, which
 * jansson refused too). servers list's three outputs are written from the
 * records, without a tree (core/export_list.c): the YAML and CSV are the
 * bytes dd_outfmt_yaml and dd_outfmt_csv make of the JSON. */
char *dd_export_servers_json(const struct dd_server_list *l);
char *dd_export_servers_yaml(const struct dd_server_list *l);
char *dd_export_servers_csv(const struct dd_server_list *l);
enum dd_export_fmt { DD_EXPORT_JSON, DD_EXPORT_YAML, DD_EXPORT_CSV };
/* The same bytes written to f as they are made (the JSON with the
 * newline puts() adds), in chunks of 64 KiB: 0, or -1 with errno EINVAL
 * (a record that could not be in the document; nothing written), ENOMEM
 * (the text is cut) or EIO (f refused it; ferror(f) says so). */
int dd_export_servers_write(FILE *f, const struct dd_server_list *l, enum dd_export_fmt fmt);
char *dd_export_server_detail_json(const struct dd_server_detail *d);
/* `auth list --json`: every profile of v, keys masked, never a secret;
 * "selected" is null when selected is no valid profile name. */
char *dd_export_profiles_json(const struct dd_vault *v, const char *selected);

#endif
