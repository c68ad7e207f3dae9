/* The sandbox's world: servers, failover IPs and the account, generated
 * deterministically from a seed and changed by mutating requests.
 *
 * Everything that can be derived from (seed, server index) is derived on
 * demand so that a world of 100,000 servers is one array of small records.
 * Only what a request can change is stored. Callers hold world->lock (a
 * pthread rwlock: read for answers, write for changes) around every access. */
#ifndef DD_SB_WORLD_H
#define DD_SB_WORLD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

struct dd_sb_wire_cache;

enum { DD_SB_ZONE_PAR1, DD_SB_ZONE_PAR2, DD_SB_ZONE_AMS1, DD_SB_NZONES };
enum { DD_SB_DC2, DD_SB_DC3, DD_SB_DC5, DD_SB_AMS1, DD_SB_NDCS };

enum dd_sb_status {
	DD_SB_READY, DD_SB_STOPPED, DD_SB_INSTALLING, DD_SB_RESCUE,
	DD_SB_LOCKED, DD_SB_BUSY, DD_SB_ERROR, DD_SB_DELIVERING
};

enum dd_sb_backup_status { DD_SB_BK_UNINITIALIZED, DD_SB_BK_INACTIVE, DD_SB_BK_READY };

struct dd_sb_event {
	uint32_t id;          /* unique in the world */
	int64_t date;         /* unix seconds */
	char *description;    /* owned */
};

struct dd_sb_server {
	uint32_t id;          /* same number in the Scaleway and Online views */
	uint32_t index;       /* position in the world's array */
	int64_t created_at;
	int64_t updated_at;
	int64_t rebooted_at;
	uint8_t dc;           /* DD_SB_DC* */
	uint8_t offer;        /* index in dd_sb_offers */
	uint8_t os;           /* index in dd_sb_oses */
	uint8_t status;       /* enum dd_sb_status */
	uint8_t business;     /* service level business instead of basic */
	uint8_t backup;       /* enum dd_sb_backup_status */
	uint8_t backup_autologin, backup_acl;
	uint8_t ipv6;         /* IPv6 SLAAC enabled */
	uint8_t room, rack_row, rack_pos;
	uint8_t options;      /* bit i: dd_sb_options[i] subscribed */
	uint8_t rpnv2;        /* member of an RPN v2 group */
	uint8_t deleted;      /* terminated by DELETE: gone from every view */
	uint8_t raid_set;     /* raid_group/raid_levels were set by update-raid */
	uint8_t raid_group[4];/* array of each disk */
	uint8_t raid_levels[4];/* RaidArrayRaidLevel index of each array */
	uint8_t install_step; /* 0: no installation; else 1 + ServerInstallStatus step */
	uint8_t install_os;   /* index in dd_sb_oses of the OS being installed */
	uint8_t bmc;          /* 0: no BMC access, 1 creating, 2 created */
	uint16_t secrets;     /* passwords handed out, to derive the next */
	uint32_t bmc_ip;      /* the address allowed to reach the BMC */
	int64_t bmc_expires;
	int64_t install_started; /* sandbox clock; 0: set at the first look (a world-made install) */
	uint32_t pub4;        /* public IPv4, host order */
	uint32_t priv4;       /* RPN IPv4 */
	uint32_t ipmi4;
	uint32_t dc_rank;     /* position among the servers of its datacenter */
	char *hostname;       /* owned */
	char *reverse;        /* owned; NULL: the default reverse */
	char *reverse6;       /* owned; NULL: no IPv6 reverse set */
	char **tags;          /* owned, ntags entries */
	size_t ntags;
	struct dd_sb_event *events;  /* owned: events added by requests */
	size_t nevents;
	uint32_t gen_events;  /* events that exist from the start (derived) */
};

struct dd_sb_failover {
	uint32_t id;
	uint32_t addr;        /* IPv4, host order */
	uint8_t zone;
	uint32_t server;      /* server id, 0: not attached */
	uint8_t mac_type;     /* 0: none, 1 vmware, 2 kvm, 3 xen */
	uint8_t mac[6];
	char *reverse;        /* owned; NULL: the default reverse */
	uint8_t deleted;      /* released by DELETE */
};

/* An IPv6 block of the Organization (/48) or one of its subnets. */
struct dd_sb_v6 {
	uint32_t id;
	uint8_t addr[16];
	uint8_t cidr;         /* 48, 56 or 64 */
	uint32_t parent;      /* id of the enclosing block; 0 for the /48 */
	char **ns;            /* owned: delegated name servers (the /48 only) */
	size_t nns;
	uint8_t updating;     /* a delegation change not yet seen done */
	uint8_t deleted;
};

/* A member of an RPN group: a server, with its VLAN for RPN v2. */
struct dd_sb_rpn_member {
	uint32_t id;
	uint32_t server;      /* server id */
	uint16_t vlan;
	uint8_t pending;      /* RPN v2: creating or updating until the next read */
	uint8_t invited;      /* RPN v1: invited, not yet accepted */
};

struct dd_sb_rpn_group {
	uint32_t id;
	uint8_t v2;           /* RPN v2 group, else RPN v1 */
	uint8_t qinq;         /* RPN v2 type qinq, else standard */
	uint8_t pending;      /* RPN v2: creating or updating until the next read */
	uint8_t deleted;
	uint8_t foreign;      /* RPN v1: another account's group (it invites ours) */
	uint32_t compat;      /* RPN v2: the RPN v1 group it is compatible with, or 0 */
	char *name;           /* owned */
	int64_t created_at;
	struct dd_sb_rpn_member *m; /* owned */
	size_t nm;
};

/* Servers of another account: what an RPN v1 invitation may name. They
 * are no servers of this world; an id outside the range is unknown. */
#define DD_SB_FOREIGN_SERVER_FIRST 300001u
#define DD_SB_FOREIGN_SERVERS 3u
#define DD_SB_FOREIGN_OWNER "partner"

/* What happened to an RPN v2 group (ListRpnV2GroupLogs). */
struct dd_sb_rpn_log {
	uint32_t id, group, member; /* member 0: the group itself */
	uint8_t action;       /* index in the LogAction enum */
	int64_t at;
};

/* An RPN SAN and the private IPs allowed to reach it. */
struct dd_sb_san {
	uint32_t id;
	uint8_t dc;
	uint8_t pending;      /* creating until the next read */
	uint8_t deleted;
	int64_t created_at;
	uint32_t *ips;        /* owned: interface IP ids (private, which 2) */
	size_t nips;
};

/* An order or an option subscription made through the API. */
struct dd_sb_service {
	uint32_t id;
	uint32_t resource;    /* the server or failover IP it made or serves */
	int offer;            /* index in dd_sb_offers, or -1 - option index */
	int64_t created_at, delivered_at, terminated_at;
	uint8_t order;        /* type order, else service */
};

struct dd_sb_offer {
	uint32_t id;
	const char *name;
	const char *range;    /* commercial range */
	unsigned units, nanos;/* EUR per month, excl. tax */
	const char *cpu;
	unsigned cores, threads, freq_mhz;
	unsigned ram_gb;
	const char *ram_type; /* MemoryType */
	unsigned ndisks;
	unsigned disk_gb;
	const char *disk_type;/* ServerDiskType */
	unsigned bandwidth_mbps;
	const char *raid_model;
};

/* Server options that can be subscribed (Offer objects). */
#define DD_SB_NOPTIONS 8

struct dd_sb_option {
	uint32_t id;
	const char *name;
	unsigned units, nanos; /* EUR per month, excl. tax */
};

struct dd_sb_os {
	uint32_t id;
	const char *name;
	const char *version;
	const char *display;
	const char *online_name, *online_version;
	const char *released; /* RFC 3339 */
};

extern const struct dd_sb_offer dd_sb_offers[];
extern const size_t dd_sb_noffers;
extern const struct dd_sb_option dd_sb_options[DD_SB_NOPTIONS];
extern const struct dd_sb_os dd_sb_oses[];
extern const size_t dd_sb_noses;
extern const char *const dd_sb_zone_names[DD_SB_NZONES];
extern const char *const dd_sb_dc_names[DD_SB_NDCS];

struct dd_sb_world {
	pthread_rwlock_t lock;
	uint64_t seed;
	int hostile;
	int ip_shuffle;                /* the ip-shuffle quirk (sandbox.h) */
	int scenario;                  /* --scenario (sandbox/scenario.h), 0 none */
	struct dd_sb_server *servers;  /* sorted by id (= by created_at) */
	size_t nservers;
	struct dd_sb_failover *failovers; /* sorted by id */
	size_t nfailovers;
	uint32_t next_event_id;
	int64_t *price_prefix;         /* [i]: monthly cents of servers[0..i) */
	struct dd_sb_v6 *v6;           /* owned; grows with POST */
	size_t nv6;
	uint32_t next_v6_id;
	struct dd_sb_rpn_group *rpn;   /* owned */
	size_t nrpn;
	struct dd_sb_rpn_log *rpn_logs;/* owned */
	size_t nrpn_logs;
	uint32_t next_rpn_id, next_member_id;
	uint32_t dc_count[DD_SB_NDCS]; /* servers ever placed in each datacenter */
	int undelivered;               /* orders wait for the next read (atomic) */
	int64_t install_due;           /* sandbox time an installation next ends; 0: none (atomic) */
	struct dd_sb_san *sans;        /* owned */
	size_t nsans;
	struct dd_sb_service *services;/* owned */
	size_t nservices;
	unsigned order_blocks;         /* can-order checks that fail: DD_SB_BLOCK_* (atomic) */
	uint16_t sold[32][DD_SB_NDCS]; /* servers ordered per offer and datacenter: low stock runs out */
	size_t inv_batch;              /* servers per Dedibox invoice (--invoices); 0: one invoice a month */
	uint64_t gen;                  /* moved on by every dd_sb_world_wrlock(): what was read before may have changed */
	struct dd_sb_wire_cache *wire; /* owned: the list items' text (sandbox/server_wire.h) */
};

/* Takes w->lock to change the world. Every change goes through here (not
 * pthread_rwlock_wrlock) so the kept texts of sandbox/server_wire.c are
 * written again after it. */
void dd_sb_world_wrlock(struct dd_sb_world *w);

/* The can-order checks a test can make fail (POST /__sandbox/account?fail=...). */
enum {
	DD_SB_BLOCK_EMAIL = 1, DD_SB_BLOCK_PHONE = 2, DD_SB_BLOCK_USER = 4,
	DD_SB_BLOCK_PAYMENT = 8, DD_SB_BLOCK_BILLING = 16, DD_SB_BLOCK_QUOTA = 32
};
/* "email,billing" -> bits; -1 for an unknown name. */
int dd_sb_order_blocks_parse(const char *list, unsigned *out);

/* NULL on out of memory. */
struct dd_sb_world *dd_sb_world_new(uint64_t seed, unsigned nservers, int hostile);
void dd_sb_world_free(struct dd_sb_world *w);

int dd_sb_zone_parse(const char *name);   /* -1: not a Dedibox zone */
int dd_sb_dc_zone(unsigned dc);

/* Lookups; NULL when absent. */
struct dd_sb_server *dd_sb_world_server(struct dd_sb_world *w, uint32_t id);
struct dd_sb_failover *dd_sb_world_failover(struct dd_sb_world *w, uint32_t id);

/* Appends an IPv6 block; NULL on out of memory. Caller holds the write lock. */
struct dd_sb_v6 *dd_sb_world_add_v6(struct dd_sb_world *w, const uint8_t addr[16], unsigned cidr, uint32_t parent);

/* RPN: a new group (name copied) and a new member; NULL on out of memory.
 * Caller holds the write lock. */
struct dd_sb_rpn_group *dd_sb_world_add_rpn(struct dd_sb_world *w, int v2, const char *name, int64_t when);
struct dd_sb_rpn_member *dd_sb_rpn_add_member(struct dd_sb_world *w, struct dd_sb_rpn_group *g, uint32_t server);
int dd_sb_rpn_log(struct dd_sb_world *w, uint32_t group, uint32_t member, unsigned action, int64_t when);
/* Appends a newly ordered server (status delivering, no OS yet, created
 * now); NULL on out of memory. Caller holds the write lock; pointers into
 * servers move. */
struct dd_sb_server *dd_sb_world_add_server(struct dd_sb_world *w, unsigned dc, unsigned offer,
					    unsigned options, int64_t now);
/* Appends an RPN SAN in a datacenter; NULL on out of memory. */
struct dd_sb_san *dd_sb_world_add_san(struct dd_sb_world *w, unsigned dc, int64_t when);

/* Appends an unattached failover IP in a zone; NULL on out of memory. */
struct dd_sb_failover *dd_sb_world_add_failover(struct dd_sb_world *w, unsigned zone);
/* Records a service; NULL on out of memory. */
struct dd_sb_service *dd_sb_world_add_service(struct dd_sb_world *w, uint32_t resource, int offer,
					      int order, int64_t now);

/* A catalogue price (EUR units + nanos) in cents, rounded by core's one rule
 * (core/money.h: half away from zero), as the client shows it. */
int64_t dd_sb_price_cents(unsigned units, unsigned nanos);
/* What a server costs a month, excl. tax, in cents: the sum of its offer's
 * and options' dd_sb_price_cents. */
int64_t dd_sb_monthly_cents(const struct dd_sb_server *s);

/* Servers that can join RPN: every offer but the entry Atom one. */
int dd_sb_rpn_capable(const struct dd_sb_server *s);

/* Replaces an owned string; -1 on out of memory (the old value stays). */
int dd_sb_set_string(char **slot, const char *value);
/* Appends an event to a server; -1 on out of memory. */
int dd_sb_world_add_event(struct dd_sb_world *w, struct dd_sb_server *s,
			  int64_t when, const char *description);

/* Derived values. */
uint64_t dd_sb_mix(uint64_t seed, uint64_t a, uint64_t b);
void dd_sb_server_mac(const struct dd_sb_server *s, unsigned iface, char out[18]);
void dd_sb_server_ipv6(const struct dd_sb_server *s, char out[48]);
void dd_sb_ipv4_str(uint32_t a, char out[16]);
/* Interface IP ids: 4 per server (public, IPv6, private, ipmi). */
uint32_t dd_sb_ip_id(const struct dd_sb_server *s, unsigned which);
/* Default reverse DNS name for an IPv4 address. */
void dd_sb_default_reverse(uint32_t addr, char out[64]);
/* Derived event number i (0 <= i < gen_events) of a server. */
void dd_sb_gen_event(const struct dd_sb_world *w, const struct dd_sb_server *s,
		     uint32_t i, uint32_t *id, int64_t *date, const char **description);
/* A fresh password for a server (rescue, BMC): 16 letters and digits. */
void dd_sb_password(const struct dd_sb_world *w, struct dd_sb_server *s, char out[17]);
/* RFC 3339 with seconds; ".000Z" milliseconds when millis. */
void dd_sb_time_str(int64_t t, int millis, char out[32]);

#endif
