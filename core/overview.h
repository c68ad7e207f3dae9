/* The server overview's sections beyond the detail record of
 * core/account.h: backup, events, subscribable options, failover IPs
 * routed to the server (the edits are in core/edit, sent by core/write). Scaleway Dedibox v1 where the account has Scaleway
 * keys, Online v1 for what it offers otherwise. Every string is sanitized
 * (core/text.h) when it enters these records. */
#ifndef DD_OVERVIEW_H
#define DD_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"

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

/* A failover IP routed to the server. */
struct dd_failover {
	int64_t id;
	char address[46];
	int64_t cidr;
	char status[16];
	char type[8];             /* ipv4, ipv6 */
	char mac[24];             /* virtual MAC, "" if none */
	char *reverse;
};

struct dd_failover_list {
	struct dd_failover *v;
	size_t n;
};

void dd_event_page_clear(struct dd_event_page *p);
void dd_option_list_clear(struct dd_option_list *l);
void dd_failover_list_clear(struct dd_failover_list *l);

/* Each call below starts a request and returns 0, or -1 with err filled
 * (nothing is started then). out is filled before done runs with DD_OK;
 * out must stay valid until done runs; the caller clears it. s is copied
 * for what the call needs (id, zone, sources). */
int dd_overview_backup(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       struct dd_backup *out, dd_done_fn done, void *ud, struct dd_error *err);
/* page from 1, newest first. */
int dd_overview_events(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       int page, int page_size, struct dd_event_page *out,
		       dd_done_fn done, void *ud, struct dd_error *err);
int dd_overview_options(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			struct dd_option_list *out, dd_done_fn done, void *ud,
			struct dd_error *err);
/* Every failover IP of the server's zone whose server_id is the server's. */
int dd_overview_failovers(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			  struct dd_failover_list *out, dd_done_fn done, void *ud,
			  struct dd_error *err);

/* Validation with a sentence that says what is wrong. */
int dd_overview_check_hostname(const char *hostname, struct dd_error *err);
int dd_overview_check_tags(const char *tags, struct dd_error *err);
int dd_overview_check_reverse(const char *reverse, struct dd_error *err);

#endif
