#include "cli/opt_table.h"

#include <stdbool.h>
#include <string.h>

#include "core/i18n.h"

static const struct dd_cli_opt *find(const struct dd_cli_opt *t, size_t n, const char *arg, size_t len)
{
	for (size_t k = 0; k < n; k++)
		if (strncmp(arg, t[k].name, len) == 0 && t[k].name[len] == '\0')
			return &t[k];
	return NULL;
}

const char *dd_cli_opt_table(const struct dd_cli_opt *t, size_t n, const char *verb, int argc,
			     char **argv, void *base, const char **pos)
{
	char *b = base;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val;
		size_t len = strcspn(arg, "=");
		const struct dd_cli_opt *o = find(t, n, arg, len);
		bool fits = o && (!o->verbs || (verb && strstr(o->verbs, verb)));

		/* A flag is its exact word, and only where it means something:
		 * anything else is the argument nobody knows. */
		if (o && o->kind == DD_OPT_FLAG && (arg[len] || !fits))
			o = NULL;
		if (!o) {
			if (*pos || arg[0] == '-')
				return _("unknown argument");
			*pos = arg;
			continue;
		}
		if (o->kind == DD_OPT_FLAG) {
			*(int *)(b + o->off) = 1;
			continue;
		}
		if (!fits)
			return _("that option does not go with this action");
		if (o->kind == DD_OPT_LIST && *(size_t *)(b + o->count_off) == o->max)
			return _(o->too_many);
		if (arg[len] == '=')
			val = arg + len + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return _("an option needs a value");
		if (o->kind == DD_OPT_LIST) {
			size_t *cnt = (size_t *)(b + o->count_off);
			((const char **)(b + o->off))[(*cnt)++] = val;
			continue;
		}
		const char **slot = (const char **)(b + o->off);
		if (*slot)
			return _("an option is given twice");
		*slot = val;
	}
	return NULL;
}
