/* Before a secret is read: no core file can hold it and no debugger of the
 * same user can attach to read it. */
#ifndef DD_HARDENING_H
#define DD_HARDENING_H

#include <stdbool.h>

#include "core/error.h"

/* Sets RLIMIT_CORE to 0 (soft and hard) and PR_SET_DUMPABLE to 0, which
 * also refuses ptrace attach from non-root processes of the same user.
 * Idempotent. */
int dd_hardening_apply(struct dd_error *err);
/* True when both are in force (what the tests check). */
bool dd_hardening_active(void);

#endif
