#include "core/hardening.h"
#include "core/i18n.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

int dd_hardening_apply(struct dd_error *err)
{
	struct rlimit none = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &none) != 0)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL,
				    _("cannot disable core dumps (setrlimit: %s); refusing to read "
				    "secrets"), strerror(errno));
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL,
				    _("cannot disable ptrace attach (prctl: %s); refusing to read "
				    "secrets"), strerror(errno));
	return 0;
}

bool dd_hardening_active(void)
{
	struct rlimit rl;

	return getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 0 && rl.rlim_max == 0 &&
	       prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}
