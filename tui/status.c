/* Status messages and the error log (model only: the loop draws them). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "tui/status.h"

void dd_status_info(struct dd_status *st, uint64_t now_ms, const char *fmt, ...)
{
	va_list ap;
	/* What the user did stays until the next key: news does not hide it. */
	if (st->kind == DD_MSG_ERROR || st->kind == DD_MSG_DONE)
		return;
	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
	va_end(ap);
	st->kind = DD_MSG_INFO;
	st->shown_ms = now_ms;
}

static void log_add(struct dd_status *st, bool error, const char *text)
{
	struct dd_log_entry *e = &st->log[st->nlog % DD_STATUS_LOG];
	e->when = time(NULL);
	e->error = error;
	snprintf(e->text, sizeof(e->text), "%s", text);
	st->nlog++;
}

void dd_status_done(struct dd_status *st, uint64_t now_ms, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
	va_end(ap);
	st->kind = DD_MSG_DONE;
	st->shown_ms = now_ms;
	log_add(st, false, st->msg);
}

void dd_status_error(struct dd_status *st, uint64_t now_ms, const char *what,
		     const struct dd_error *err)
{
	const char *m = err && err->message[0] ? err->message : "failed.";
	if (what && what[0])
		snprintf(st->msg, sizeof(st->msg), "error: %s: %s", what, m);
	else
		snprintf(st->msg, sizeof(st->msg), _("error: %s"), m);
	st->kind = DD_MSG_ERROR;
	st->shown_ms = now_ms;
	log_add(st, true, st->msg + 7);
}

void dd_status_key(struct dd_status *st)
{
	if (st->kind == DD_MSG_ERROR || st->kind == DD_MSG_DONE)
		st->kind = DD_MSG_NONE;
}

bool dd_status_expire(struct dd_status *st, uint64_t now_ms)
{
	if (st->kind == DD_MSG_INFO && now_ms - st->shown_ms >= DD_STATUS_INFO_MS) {
		st->kind = DD_MSG_NONE;
		return true;
	}
	return false;
}

long dd_status_next_ms(const struct dd_status *st, uint64_t now_ms)
{
	if (st->kind != DD_MSG_INFO)
		return -1;
	uint64_t due = st->shown_ms + DD_STATUS_INFO_MS;
	return due > now_ms ? (long)(due - now_ms) : 0;
}

size_t dd_status_log_count(const struct dd_status *st)
{
	return st->nlog < DD_STATUS_LOG ? st->nlog : DD_STATUS_LOG;
}

const struct dd_log_entry *dd_status_log_at(const struct dd_status *st, size_t i)
{
	if (i >= dd_status_log_count(st))
		return NULL;
	return &st->log[(st->nlog - 1 - i) % DD_STATUS_LOG];
}
