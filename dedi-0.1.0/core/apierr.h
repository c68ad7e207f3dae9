/* Reads an API's refusal (status + body) into a struct dd_error whose
 * message a person can act on. Knows the Scaleway error types and
 * Online's {"error", "code"} bodies. */
#ifndef DD_APIERR_H
#define DD_APIERR_H

#include <stddef.h>

#include "core/error.h"
#include "core/http.h"

void dd_apierr_from_response(enum dd_api_flavour api, int status, const char *body,
			     size_t len, long retry_after_s, struct dd_error *err);

#endif
