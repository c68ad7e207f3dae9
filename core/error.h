/* Errors as values: every core call that can fail fills a struct dd_error. */
#ifndef DD_ERROR_H
#define DD_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum dd_error_kind {
	DD_OK = 0,
	DD_E_USAGE,        /* the caller asked for something malformed */
	DD_E_AUTH,         /* credentials missing, wrong or expired */
	DD_E_PERMISSION,   /* authenticated, not allowed */
	DD_E_NOT_FOUND,    /* the resource does not exist */
	DD_E_NETWORK,      /* could not reach the API, or the transfer broke */
	DD_E_RATE_LIMIT,   /* 429 that survived the retry policy */
	DD_E_API,          /* any other refusal by the API */
	DD_E_DECODE,       /* the API answered something we cannot read */
	DD_E_IO,           /* a local file could not be read or written */
	DD_E_VAULT,        /* the credential vault refused to open */
	DD_E_INTERNAL,     /* out of memory, a bug */
	DD_E_REFUSED       /* dedi would not send a write: read-only profile,
			    * protected server, or the server changed */
};

struct dd_error {
	enum dd_error_kind kind;
	int http_status;    /* 0 when no HTTP exchange was involved */
	char api_type[48];  /* Scaleway "type" (e.g. not_found) or "" */
	char message[512];  /* one sentence a person can act on */
};

/* dd_error_oom's mark in api_type: the one failure after which going on
 * to the next step only fails again (and says so twice). */
#define DD_ERROR_OOM_TYPE "dedi.out_of_memory"

void dd_error_clear(struct dd_error *e);
/* Safe with e == NULL. Returns -1 so callers can "return dd_error_set(...)". */
int dd_error_set(struct dd_error *e, enum dd_error_kind kind, int http_status,
		 const char *api_type, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int dd_error_vset(struct dd_error *e, enum dd_error_kind kind, int http_status,
		  const char *api_type, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
/* Prefixes e->message with "what: " (e.g. the URL or file that failed). */
void dd_error_prefix(struct dd_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The one spelling of an allocation failure: DD_E_INTERNAL "out of memory".
 * Returns -1 like dd_error_set. */
int dd_error_oom(struct dd_error *e);
/* Whether e was set by dd_error_oom. */
bool dd_error_is_oom(const struct dd_error *e);

const char *dd_error_kind_name(enum dd_error_kind kind);

/* Drops an incomplete UTF-8 sequence at the end of s (what snprintf leaves
 * when it cuts a long text), so a cut message is still valid text that
 * JSON encoders accept. Returns the new length. */
size_t dd_utf8_trim_cut(char *s);

#endif
