/* Scaleway Dedibox v1, network: the paths and decoders of the account's
 * IPv6 blocks and RPN v1/v2 groups. These routes have no zone: they are
 * the account's (see the SDK's listIPv6Blocks, listRpnGroups,
 * listRpnV2Groups). */
#ifndef DD_SCW_DEDIBOX_NET_H
#define DD_SCW_DEDIBOX_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model_net.h"

/* RPN groups and their members are read in pages of this many (the API's
 * maximum). */
#define DD_SCW_RPN_PAGE_SIZE 100

/* URL builders: -1 with err filled when the URL does not fit. */
int dd_scw_url_ipv6_quotas(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err);
int dd_scw_url_ipv6_blocks(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err);
/* The free subnets of a block (ListIPv6BlockSubnetsAvailable: the GET of
 * /ipv6-blocks/{id}/subnets lists what may still be carved, not what was). */
int dd_scw_url_ipv6_free(const struct dd_creds *c, int64_t block_id, char *buf, size_t len,
			 struct dd_error *err);
/* One page (from 1) of the RPN v1 (v2 false) or v2 groups. */
int dd_scw_url_rpn_groups(const struct dd_creds *c, bool v2, int page, char *buf, size_t len,
			  struct dd_error *err);
int dd_scw_url_rpn_members(const struct dd_creds *c, bool v2, int64_t group_id, int page,
			   char *buf, size_t len, struct dd_error *err);
/* One RPN group (GetRpnGroup, GetRpnV2Group): what a write re-reads. */
int dd_scw_url_rpn_group(const struct dd_creds *c, bool v2, int64_t group_id, char *buf,
			 size_t len, struct dd_error *err);
/* One page of the invitations this account received (ListRpnInvites). */
int dd_scw_url_rpn_invites(const struct dd_creds *c, int page, char *buf, size_t len,
			   struct dd_error *err);

/* Decoders: tolerant of absent optional fields and null, strict on types
 * (DD_E_DECODE with the path). Every string is sanitized. On failure the
 * output holds nothing of this answer. */
/* Replaces l's quotas. */
int dd_scw_decode_ipv6_quotas(const char *body, size_t len, struct dd_ipv6_list *l,
			      struct dd_error *err);
/* Appends the blocks (with their carved subnets) to l. */
int dd_scw_decode_ipv6_blocks(const char *body, size_t len, struct dd_ipv6_list *l,
			      struct dd_error *err);
/* Replaces b's free subnets. */
int dd_scw_decode_ipv6_free(const char *body, size_t len, struct dd_ipv6_block *b,
			    struct dd_error *err);
/* Appends the page's groups; *page_n is the page's size, *total the count. */
int dd_scw_decode_rpn_groups(const char *body, size_t len, bool v2, struct dd_rpn_list *l,
			     size_t *page_n, int64_t *total, struct dd_error *err);
/* Appends the page's members to g. */
int dd_scw_decode_rpn_members(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			      size_t *page_n, int64_t *total, struct dd_error *err);
/* One group into g (its members are not in the answer). */
int dd_scw_decode_rpn_group(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			    struct dd_error *err);
/* Appends the page's invitations to l->invites. */
int dd_scw_decode_rpn_invites(const char *body, size_t len, struct dd_rpn_list *l,
			      size_t *page_n, int64_t *total, struct dd_error *err);
/* One page of an RPN v2 group's log (ListRpnV2GroupLogs). */
int dd_scw_url_rpn_logs(const struct dd_creds *c, int64_t group_id, int page, char *buf,
			size_t len, struct dd_error *err);
/* Appends the page's lines to l. */
int dd_scw_decode_rpn_logs(const char *body, size_t len, struct dd_rpn_log_list *l,
			   size_t *page_n, int64_t *total, struct dd_error *err);

#endif
