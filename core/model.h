/* The records the console and the cli show. Strings are sanitized copies
 * (core/text.h) owned by the record; a list owns its records. */
#ifndef DD_MODEL_H
#define DD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/money.h"

struct dd_server_detail;

enum dd_source {
	DD_SRC_SCW = 1,    /* seen through Scaleway Dedibox v1 */
	DD_SRC_ONLINE = 2  /* seen through Online.net v1 */
};

/* What --json prints of a string field when the API's value is not the
 * sanitized one (core/text.h dd_text_utf8): the display form stays in the
 * field, the real value beside it. */
enum dd_raw { DD_RAW_HOSTNAME, DD_RAW_OFFER, DD_RAW_OS, DD_RAW_TAGS, DD_RAW_DATACENTER, DD_RAW__N };
/* Raw tags are joined with this byte, which valid UTF-8 never holds. */
#define DD_RAW_TAG_SEP '\xFF'

struct dd_server {
	int64_t id;             /* Dedibox server id, the same number in both APIs */
	char *hostname;
	char zone[16];          /* fr-par-1, fr-par-2, nl-ams-1; "" if unknown */
	char *offer;            /* offer name, e.g. "Start-2-M-SATA" */
	char status[16];        /* Scaleway ServerStatus; Online mapped onto it */
	char ipv4[16];          /* first public IPv4, "" if none */
	char ipv6[40];          /* first public IPv6, "" if none */
	char *os;               /* "" until known (lists of Scaleway do not say) */
	char *tags;             /* comma-separated, "" until known */
	char *datacenter;       /* "" if unknown */
	char project_id[40];
	int64_t os_id;          /* Scaleway os_id, 0 if unknown */
	unsigned sources;       /* DD_SRC_* bits */
	bool detailed;          /* os and tags come from a detail fetch */
	unsigned char detail_state; /* DD_DETAIL_*: the last detail fetch */
	struct dd_server_detail *detail; /* the last detail read, owned; NULL until then */
	char *raw[DD_RAW__N];   /* the API's value when it differs from the field's; NULL if not */
	time_t kept_at;         /* 0: the last refresh read it; else its part (a zone, Online) failed
				 * then and this is the row of the last good read, made at kept_at */
};

enum dd_detail_state { DD_DETAIL_NONE, DD_DETAIL_LOADING, DD_DETAIL_FAILED };

/* One allocation, count and capacity. */
struct dd_server_list {
	struct dd_server *v;
	size_t n, cap;
};

/* Zeroes s and gives every string field an empty owned string. -1 on ENOMEM. */
int dd_server_init(struct dd_server *s);
/* Frees the strings and the folded detail. */
void dd_server_clear(struct dd_server *s);
/* dst (cleared by the caller, or zeroed) becomes a copy of src's summary
 * fields; src's detail is not copied. -1 on ENOMEM. */
int dd_server_copy(struct dd_server *dst, const struct dd_server *src);
/* Replaces *field with a copy of value (already sanitized). */
int dd_model_set_str(char **field, const char *value);
/* Sets a string field from the network: the sanitized copy in *field, the
 * real value (valid UTF-8) in s->raw[which] when it differs. -1 on ENOMEM. */
int dd_server_set_text(struct dd_server *s, enum dd_raw which, char **field, const char *in);
/* The same for len bytes at in (no NUL among them), not NUL-terminated. */
int dd_server_set_textn(struct dd_server *s, enum dd_raw which, char **field, const char *in,
			size_t len);
/* The value --json prints for a field: the raw one if any. */
const char *dd_server_raw(const struct dd_server *s, enum dd_raw which, const char *field);
/* The tags as a person edits them (core/names.h dd_tags_split's rule):
 * each tag sanitized, a comma inside a tag kept as "\\,". Caller frees;
 * NULL only on ENOMEM. */
char *dd_server_tags_text(const struct dd_server *s);

void dd_server_list_init(struct dd_server_list *l);
void dd_server_list_clear(struct dd_server_list *l);
/* Room for want records in all, in one allocation (a list's size is
 * known from total_count). -1 on ENOMEM. */
int dd_server_list_reserve(struct dd_server_list *l, size_t want);
/* Appends a zeroed, initialised record; NULL on ENOMEM. */
struct dd_server *dd_server_list_add(struct dd_server_list *l);
/* Moves src's records to the end of dst; src is left empty. */
int dd_server_list_take(struct dd_server_list *dst, struct dd_server_list *src);
/* Merges online into scw: a server seen by both (same id) becomes one
 * record with both source bits, Online filling what Scaleway left empty.
 * Servers only Online knows are appended. online is emptied. */
int dd_server_list_merge(struct dd_server_list *scw, struct dd_server_list *online);
/* Sorts by zone, then hostname, then id (the default stable order). */
void dd_server_list_sort_default(struct dd_server_list *l);

/* One IP address on an interface. */
struct dd_ip {
	char address[46];
	char version[8];        /* ipv4, ipv6 */
	char semantic[16];      /* public, private, ipmi, failover ... */
	char *reverse;          /* reverse DNS, "" if none; sanitized: what a person reads */
	char *reverse_raw;      /* the API's value (valid UTF-8) for --json when it differs; NULL if not */
	int64_t ip_id;          /* Scaleway ip_id, 0 if unknown */
};

/* How fit an address of that semantic (the SDK's IP.Semantic: unknown,
 * proxad, ext, public, private, ipmi, adm, redirect, migration; Online's
 * "type" and "failover" too) is to be a server's primary address: lower
 * is better, -1 never (private, ipmi, adm are not reachable from outside).
 * The order of the list says nothing: the API gives it in any order. */
int dd_ip_semantic_rank(const char *semantic);
/* Sets p->reverse (sanitized) and p->reverse_raw (the API's value, NULL
 * when the same) from the network's string. -1 on ENOMEM, p unchanged. */
int dd_ip_set_reverse(struct dd_ip *p, const char *in);
/* The reverse --json prints: the raw one if any. */
const char *dd_ip_reverse_raw(const struct dd_ip *p);

struct dd_iface {
	char mac[24];
	char type[16];          /* normal, ipmi, virtual */
	struct dd_ip *ips;
	size_t n_ips;
};

/* Everything one server's detail page shows beyond the list row. */
struct dd_server_detail {
	struct dd_server s;
	struct dd_iface *ifaces;
	size_t n_ifaces;
	char *level;            /* service level: basic, business */
	char *location;         /* "DC3 room 4 4-4 rack A23" */
	char *abuse_contact;
	char *rescue_os;        /* "" when not in rescue */
	char *offer_price;      /* "19.99 EUR/monthly" or "" */
	char **options;         /* option offer names */
	size_t n_options;
	char created_at[32], rebooted_at[32], expired_at[32]; /* RFC 3339 or "" */
	bool has_bmc;
	char power[8];          /* Online: ON/OFF; "" otherwise */
	char boot_mode[16];     /* Online: normal/rescue; "" otherwise */
};

int dd_server_detail_init(struct dd_server_detail *d);
void dd_server_detail_clear(struct dd_server_detail *d);
/* Fills what dst lacks from src (both describe the same server). */
int dd_server_detail_merge(struct dd_server_detail *dst, const struct dd_server_detail *src);

/* The FTP backup space of a server (Scaleway "Backup", Online "backup"). */
struct dd_backup {
	char status[24];          /* uninitialized, inactive, ready, unknown_backup_status */
	char login[64];
	char server[128];         /* backup host name */
	bool acl_enabled;
	bool autologin;
	int64_t quota_space;      /* bytes (Scaleway) or GB (Online), see unit */
	int64_t quota_space_used;
	int64_t quota_files;
	int64_t quota_files_used;
	char unit[4];             /* "B" or "GB": what quota_space counts */
};

struct dd_event {
	int64_t id;
	char date[32];            /* RFC 3339 */
	char *description;
};

/* One page of a server's events, newest first. */
struct dd_event_page {
	struct dd_event *v;
	size_t n;
	long long total;          /* every event of the server */
	int page;                 /* from 1 */
	int page_size;
};

/* An option the server may subscribe to. */
struct dd_option_offer {
	int64_t id;
	char *name;
	char price[32];           /* "4.99 EUR" or "" when the API gives none */
	char frequency[12];       /* monthly, oneshot or "" */
};

struct dd_option_list {
	struct dd_option_offer *v;
	size_t n;
};

/* A failover IP of a zone. */
struct dd_failover {
	int64_t id;
	int64_t server_id;        /* the server it is routed to, 0 if none */
	char zone[16];
	char address[46];
	int64_t cidr;
	char status[16];
	char type[8];             /* ipv4, ipv6 */
	char mac[24];             /* virtual MAC, "" if none */
	char *reverse;            /* sanitized: what a person reads */
	char *reverse_raw;        /* the API's value (valid UTF-8) when it differs from reverse; NULL if not */
};

struct dd_failover_list {
	struct dd_failover *v;
	size_t n;
};

void dd_event_page_clear(struct dd_event_page *p);
void dd_option_list_clear(struct dd_option_list *l);
void dd_failover_list_clear(struct dd_failover_list *l);
/* Moves src's records to the end of dst; src is left empty. -1 on ENOMEM. */
int dd_failover_list_take(struct dd_failover_list *dst, struct dd_failover_list *src);
/* The reverse a machine output and a write carry: the raw one if any. */
const char *dd_failover_reverse_raw(const struct dd_failover *f);

#endif
