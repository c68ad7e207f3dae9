/* What `dedi failover` and `dedi ipv6` share: their argument parser, the
 * --yes --confirm rule of destructive writes, and one network write sent
 * through core/write and reported. */
#ifndef DD_NET_CLI_H
#define DD_NET_CLI_H

#include <stdbool.h>

#include "cli/cli.h"
#include "core/net_write.h"

struct net_args {
	const char *pos[4];       /* the words after the subcommand */
	int npos;
	bool json, yes, detach, none;
	const char *confirm, *zone, *offer, *quantity, *mac, *next, *limit, *free_len;
};

/* argv[0] is the subcommand. Returns 0, or prints and returns DD_EXIT_USAGE. */
int dd_net_cli_parse(const struct dd_cli *cli, const char *usage, int argc, char **argv,
		     struct net_args *na);
/* A destructive write run by a script must say --yes --confirm=WANT
 * (the address or prefix): 0, or prints why and returns DD_EXIT_USAGE.
 * --dry-run needs neither. */
int dd_net_cli_confirm(const struct dd_cli *cli, const struct net_args *na, const char *want);
/* Sends plan with target, prints the outcome (or the dry run). Wipes
 * the plan. Returns the exit code. */
int dd_net_cli_send(struct dd_cli *cli, struct dd_account *a, struct dd_write_plan *plan,
		    struct dd_net_target *target);
/* Prints a planner's refusal, naming the field at fault. */
int dd_net_cli_refused(const struct dd_cli *cli, enum dd_net_field field,
		       const struct dd_error *err);

#endif
