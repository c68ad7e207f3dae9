/* Reads an API's refusal (status + body) into a struct dd_error whose
 * message a person can act on. Knows the Scaleway error types and
 * Online's {"error", "code"} bodies. */
#ifndef DD_APIERR_H
#define DD_APIERR_H

#include <stddef.h>

#include "core/error.h"

/* Both have the transport's dd_http_refusal_fn shape. */
void dd_apierr_scw(int status, const char *body, size_t len, long retry_after_s,
		   struct dd_error *err);
void dd_apierr_online(int status, const char *body, size_t len, long retry_after_s,
		      struct dd_error *err);

#endif
