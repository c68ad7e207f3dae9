/* One parser for the option tables of the `dedi server ...` commands:
 * `--opt=value` or `--opt value`, an option given twice is an error, a
 * flag takes no value, a repeated option fills a list up to its size, an
 * option may go with some actions only, and one positional argument (the
 * server) is taken. */
#ifndef DD_CLI_OPT_TABLE_H
#define DD_CLI_OPT_TABLE_H

#include <stddef.h>

enum dd_cli_opt_kind {
	DD_OPT_FLAG,   /* an int at off set to 1; "--flag=x" is unknown */
	DD_OPT_VALUE,  /* a const char * at off; given twice is an error */
	DD_OPT_LIST    /* const char *[max] at off, its size_t count at count_off */
};

struct dd_cli_opt {
	const char *name;        /* "--zone" */
	enum dd_cli_opt_kind kind;
	size_t off;              /* offsetof the field in the caller's struct */
	size_t count_off;        /* DD_OPT_LIST: offsetof the count */
	size_t max;              /* DD_OPT_LIST: the list's size */
	const char *too_many;    /* DD_OPT_LIST: the message past max (N_(), translated here) */
	const char *verbs;       /* NULL: every action; else the actions it goes with ("reboot stop");
				  * a flag of another action is an unknown argument */
};

/* Parses argv[1..argc) into the struct at base by the n options of t, for
 * the action verb (NULL: none); the one argument that is not an option
 * goes to *pos. NULL when all went well, else the message (translated) to
 * show with the command's usage. */
const char *dd_cli_opt_table(const struct dd_cli_opt *t, size_t n, const char *verb, int argc,
			     char **argv, void *base, const char **pos);

#endif
