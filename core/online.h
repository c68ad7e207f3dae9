/* Online.net v1 (the Dedibox console's API): paths and decoders. Its
 * server list is an array of references; each server is fetched alone. */
#ifndef DD_ONLINE_H
#define DD_ONLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model.h"
#include "core/write.h"

void dd_online_url_servers(const struct dd_creds *c, char *buf, size_t len);
void dd_online_url_server(const struct dd_creds *c, int64_t id, char *buf, size_t len);

/* True when a write's 2xx answer is the bare literal false: the legacy
 * API's way of saying it did not make the change. */
int dd_online_answered_false(const char *body, size_t len);

/* ["/api/v1/server/1234", ...] → ids (caller frees *ids). */
int dd_online_decode_refs(const char *body, size_t len, int64_t **ids, size_t *n,
			  struct dd_error *err);
int dd_online_decode_server(const char *body, size_t len, struct dd_server_detail *d,
			    struct dd_error *err);
/* Scaleway zone of an Online datacenter name ("DC3" → "fr-par-1"), "" if
 * unknown. */
const char *dd_online_zone_of(const char *datacenter);

/* The server's FTP backup space. */
int dd_online_url_backup(const struct dd_creds *c, int64_t id, char *buf, size_t len,
			 struct dd_error *err);
int dd_online_decode_backup(const char *body, size_t len, struct dd_backup *b,
			    struct dd_error *err);

/* Writes: the request of each edit, for core/write to send. */
int dd_online_req_hostname(const struct dd_creds *c, int64_t id, const char *hostname,
			   struct dd_write_req *out, struct dd_error *err);
/* reverse "" removes it. */
int dd_online_req_reverse(const struct dd_creds *c, const char *address, const char *reverse,
			  struct dd_write_req *out, struct dd_error *err);
/* Routes failover IP source to the server whose main address is
 * destination; "" detaches it (POST /server/failover/edit). */
int dd_online_req_fip_edit(const struct dd_creds *c, const char *source, const char *destination,
			   struct dd_write_req *out, struct dd_error *err);
/* The Online API generates a failover IP's virtual MAC of type (vmware,
 * kvm, xen; it takes no given MAC) and deletes it, by address
 * (POST /server/failover/generateMac, /server/failover/deleteMac). */
int dd_online_req_fip_mac(const struct dd_creds *c, const char *address, const char *type,
			  struct dd_write_req *out, struct dd_error *err);
int dd_online_req_fip_mac_delete(const struct dd_creds *c, const char *address,
				 struct dd_write_req *out, struct dd_error *err);
/* password NULL or "": unchanged. It is masked in out->shown. */
int dd_online_req_backup(const struct dd_creds *c, int64_t id, bool acl_enabled, bool autologin,
			 const char *password, struct dd_write_req *out, struct dd_error *err);

#endif
