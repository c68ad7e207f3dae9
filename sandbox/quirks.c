/* --quirks: the real APIs' harsher habits, switched on by name. The table
 * is the one place a name lives; the sandbox's rooms test the bits. */
#include <stdio.h>
#include <string.h>

#include "sandbox/sandbox.h"

static const struct {
	const char *name;
	unsigned bit;
} quirks[] = {
	/* issue 17, part 2 (quirks1) */
	{ "iam-denied", DD_SANDBOX_QUIRK_IAM_DENIED },
	{ "online-403", DD_SANDBOX_QUIRK_ONLINE_403 },
	{ "bare-lists", DD_SANDBOX_QUIRK_BARE_LISTS },
	{ "null-lists", DD_SANDBOX_QUIRK_NULL_LISTS },
	{ "online-false", DD_SANDBOX_QUIRK_ONLINE_FALSE },
};

int dd_sandbox_quirks_parse(const char *list, unsigned *out, char *err, size_t errlen)
{
	const char *p = list;
	unsigned bits = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		size_t i;
		for (i = 0; i < sizeof quirks / sizeof quirks[0]; i++)
			if (strlen(quirks[i].name) == len && strncmp(p, quirks[i].name, len) == 0)
				break;
		if (i == sizeof quirks / sizeof quirks[0]) {
			int n = snprintf(err, errlen, "unknown quirk \"%.*s\"; the quirks are",
					 (int)(len > 40 ? 40 : len), p);
			for (i = 0; n >= 0 && (size_t)n < errlen && i < sizeof quirks / sizeof quirks[0]; i++)
				n += snprintf(err + n, errlen - (size_t)n, "%s %s", i ? "," : "", quirks[i].name);
			return -1;
		}
		bits |= quirks[i].bit;
		if (!p[len])
			break;
		p += len + 1;
	}
	*out |= bits;
	return 0;
}
