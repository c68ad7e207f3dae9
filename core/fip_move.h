/* Moving a failover IP to another server as one guided operation: detach
 * from the server it is routed to, attach to the new one, follow the
 * API's reads until it reports the address routed there, then make the
 * virtual MAC and the reverse DNS travel with it (the API drops the MAC on
 * detach: the same MAC is attached again; a reverse the API lost is set
 * again). Every step is one write through core/write (guards, audit,
 * never retried); a step that fails stops the move and says where the
 * address was left. */
#ifndef DD_FIP_MOVE_H
#define DD_FIP_MOVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/write.h"

/* The reads that follow the move are spaced (the first at once, then
 * waits doubling from DD_FIP_MOVE_FOLLOW_FIRST_MS up to
 * DD_FIP_MOVE_FOLLOW_MAX_MS) on the http loop's timer, never a sleep, and
 * the following stops, unconfirmed, after DD_FIP_MOVE_FOLLOW_SECONDS or
 * DD_FIP_MOVE_FOLLOW_READS reads, whichever comes first. */
#define DD_FIP_MOVE_FOLLOW_READS 20
#define DD_FIP_MOVE_FOLLOW_SECONDS 120
#define DD_FIP_MOVE_FOLLOW_FIRST_MS 1000
#define DD_FIP_MOVE_FOLLOW_MAX_MS 10000

/* The wait before read number reads + 1 (reads already done, elapsed_ms
 * since the first), or -1 when the following must stop: out of reads, or
 * the next read would come after the time bound. */
long dd_fip_follow_delay(int reads, long elapsed_ms);

/* One line a person reads, as each step ends ("routed to server 12"). */
typedef void (*dd_fip_move_step_fn)(void *ud, const char *line);
/* Once, at the end: err DD_OK when the API reports the address routed to
 * the new server with its MAC and reverse; otherwise why it stopped
 * (DD_E_REFUSED when a step was refused before sending). */
typedef void (*dd_fip_move_done_fn)(void *ud, const struct dd_error *err);

/* The MAC type its prefix says (vmware 00:50:56, kvm 52:54:00, xen
 * 00:16:3e), or "" when the prefix is none of them. */
const char *dd_fip_mac_type(const char *mac);

/* Plans the move of f to server to and describes every step in buf (for
 * a dialog and --dry-run). -1 with err when it cannot be done (the same
 * server, not routed anywhere: that is an attach). */
int dd_fip_move_describe(const struct dd_account *a, const struct dd_failover *f, int64_t to,
			 char *buf, size_t len, struct dd_error *err);

/* Starts the move: 0, then step for each step and done once (never from
 * inside this call); 1 under --dry-run (nothing sent; show
 * dd_fip_move_describe); -1 with err when refused before anything was
 * sent. f is copied. */
int dd_fip_move(struct dd_account *a, struct dd_http *h, const struct dd_write_policy *p,
		const struct dd_failover *f, int64_t to, dd_fip_move_step_fn step,
		dd_fip_move_done_fn done, void *ud, struct dd_error *err);

#endif
