/* The status line's message and the log behind `:log`. News (info) fades
 * after a few seconds and never hides a kept message; what an action did
 * (done) and errors stay until the next key and are logged whole. */
#ifndef DD_TUI_STATUS_H
#define DD_TUI_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/error.h"

#define DD_STATUS_LOG 256
#define DD_STATUS_INFO_MS 6000

enum dd_msg_kind { DD_MSG_NONE, DD_MSG_INFO, DD_MSG_DONE, DD_MSG_ERROR };

struct dd_log_entry {
	time_t when;
	bool error;
	char text[300];
};

struct dd_status {
	enum dd_msg_kind kind;
	char msg[300];
	uint64_t shown_ms;          /* when the message appeared */
	struct dd_log_entry log[DD_STATUS_LOG]; /* ring, oldest overwritten */
	size_t nlog;                /* entries ever logged */
};

void dd_status_info(struct dd_status *st, uint64_t now_ms, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* What an action did ("Saved the hostname."): kept until the next key,
 * logged. */
void dd_status_done(struct dd_status *st, uint64_t now_ms, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* what says what failed ("Loading servers"); the error's sentence follows. */
void dd_status_error(struct dd_status *st, uint64_t now_ms, const char *what,
		     const struct dd_error *err);
/* A key was pressed: errors go away (they stay in the log). */
void dd_status_key(struct dd_status *st);
/* Drops an info message that is old enough; true if the line changed. */
bool dd_status_expire(struct dd_status *st, uint64_t now_ms);
/* Milliseconds until the message expires, -1 if it does not. */
long dd_status_next_ms(const struct dd_status *st, uint64_t now_ms);
/* Log entry i, 0 the newest; NULL past the end. */
const struct dd_log_entry *dd_status_log_at(const struct dd_status *st, size_t i);
size_t dd_status_log_count(const struct dd_status *st);

#endif
