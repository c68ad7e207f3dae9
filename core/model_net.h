/* The network records: the account's IPv6 blocks with their subnets and
 * quotas, and its RPN v1 and v2 groups with their members. Zone-less:
 * they belong to the account, not to a zone. Strings are sanitized copies
 * owned by the record; a list owns its records. */
#ifndef DD_MODEL_NET_H
#define DD_MODEL_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A carved subnet of a block, or a free one the API offers. */
struct dd_ipv6_prefix {
	int64_t id;               /* 0 for a free subnet */
	int64_t parent_id;        /* the block or subnet it was carved from */
	char address[46];
	int cidr;
	char delegation[16];      /* done, updating, unknown_status; "" when free */
};

/* An IPv6 block (the Organization's /48). */
struct dd_ipv6_block {
	int64_t id;
	char address[46];
	int cidr;
	char delegation[16];      /* IPv6BlockDelegationStatus */
	char duid[80];
	char **nameservers;       /* delegated name servers */
	size_t n_nameservers;
	/* Every subnet carved in it, depth first: a /56 comes before its /64s;
	 * parent_id says which contains which. */
	struct dd_ipv6_prefix *subnets;
	size_t n_subnets;
	/* The next free subnets the API offers (one level below the block). */
	struct dd_ipv6_prefix *free;
	size_t n_free;
};

struct dd_ipv6_quota {
	int cidr;                 /* 48, 56, 64 */
	int64_t quota;
};

/* DD_KIND_IPV6: the blocks and how many more of each size may be ordered. */
struct dd_ipv6_list {
	struct dd_ipv6_block *v;
	size_t n;
	struct dd_ipv6_quota *quotas;
	size_t n_quotas;
};

/* A member of an RPN group: a server, or (RPN v2) an RPN v1 group joined
 * through compatibility, or (RPN v1) a SAN. */
struct dd_rpn_member {
	int64_t id;
	int64_t server_id;        /* 0 when the member is not a server */
	char *hostname;           /* the server's, "" if not a server */
	int64_t rpnv1_group_id;   /* RPN v2: the v1 group member; 0 otherwise */
	char status[28];          /* RpnGroupMemberStatus or RpnV2MemberStatus */
	char vlan[8];             /* RPN v2 only */
	int64_t speed;            /* Mbit/s, 0 if not given */
	int64_t group_id;         /* an invitation: the group it invites to */
	char *group_name;         /* an invitation: "" otherwise */
	char *group_owner;        /* an invitation: "" otherwise */
	/* The API's values (valid UTF-8) for --json, where they differ from
	 * the sanitized fields above; NULL if not. */
	char *hostname_raw, *group_name_raw, *group_owner_raw;
};

/* One RPN group; v1 and v2 share the record, the kind says which. */
struct dd_rpn_group {
	int64_t id;
	char *name;
	char type[16];            /* v1: local, shared; v2: standard, qinq */
	char status[24];          /* v2: RpnV2GroupStatus; v1: active, inactive */
	char *owner;
	int64_t members_count;    /* as the group says; n_members is what was read */
	bool compatible_rpnv1;    /* v2 */
	int64_t rpnv1_group_id;   /* v2: the compatible v1 group, 0 if none */
	char subnet[46];          /* v2: private subnet, "" if none */
	int subnet_cidr;
	char gateway[46];         /* v2 */
	struct dd_rpn_member *members;
	size_t n_members;
	char *name_raw, *owner_raw; /* the API's values for --json where they differ; NULL if not */
};

/* DD_KIND_RPNV1 and DD_KIND_RPNV2. */
struct dd_rpn_list {
	struct dd_rpn_group *v;
	size_t n;
	/* RPN v1 only: invitations this account received (ListRpnInvites),
	 * each a pending member of another account's group. */
	struct dd_rpn_member *invites;
	size_t n_invites;
};

/* One line of an RPN v2 group's log (ListRpnV2GroupLogs). */
struct dd_rpn_log {
	int64_t id;
	char action[32];          /* LogAction: group_created, vlan_updated, ... */
	char status[16];          /* success, pending, error */
	int64_t member_id;        /* 0 when the line names no member */
	char hostname[256];       /* the member's server, "" if none */
	char created_at[32];      /* RFC 3339 as the API gave it */
	char *hostname_raw;       /* the API's hostname for --json where it differs; NULL if not */
};

/* Read on demand for one group (dedi rpn v2 logs): not a store kind. */
struct dd_rpn_log_list {
	int64_t group_id;
	struct dd_rpn_log *v;
	size_t n;
};

void dd_ipv6_block_clear(struct dd_ipv6_block *b);
void dd_ipv6_list_clear(struct dd_ipv6_list *l);
void dd_rpn_group_clear(struct dd_rpn_group *g);
void dd_rpn_list_clear(struct dd_rpn_list *l);
/* Grow by one zeroed record (whose strings are ""); NULL on ENOMEM. */
struct dd_ipv6_block *dd_ipv6_list_add(struct dd_ipv6_list *l);
struct dd_rpn_group *dd_rpn_list_add(struct dd_rpn_list *l);
struct dd_rpn_member *dd_rpn_group_add_member(struct dd_rpn_group *g);
struct dd_rpn_member *dd_rpn_list_add_invite(struct dd_rpn_list *l);
void dd_rpn_member_clear(struct dd_rpn_member *m);
/* A string from the network into *field (sanitized, what a person reads)
 * and *raw (the API's value, valid UTF-8, NULL when the same). -1 on ENOMEM. */
int dd_model_set_text_raw(char **field, char **raw, const char *in);
/* The value --json prints: raw when there is one. */
#define DD_RAW_OR(raw, field) ((raw) ? (raw) : (field))
void dd_rpn_log_list_clear(struct dd_rpn_log_list *l);
/* Drops the lines past the first n (a page that failed to decode). */
void dd_rpn_log_list_cut(struct dd_rpn_log_list *l, size_t n);
struct dd_rpn_log *dd_rpn_log_list_add(struct dd_rpn_log_list *l);

#endif
