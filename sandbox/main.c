/* dedi-sandbox: serves the API imitation on 127.0.0.1 until SIGINT/SIGTERM.
 * The first line of stdout is the base URL. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

static void usage(FILE *f)
{
	fputs("usage: dedi-sandbox [--port N] [--seed S] [--servers N] [--latency MS]\n"
	      "                    [--access-key AK] [--secret-key K] [--online-token T]\n"
	      "                    [--hostile] [--iam-member] [--cut-after-write]\n"
	      "                    [--stats FILE] [--quirks NAME[=VALUE][,NAME...]]\n"
	      "                    [--time-scale X] [--scenario NAME] [--no-page-cache]\n"
	      "                    [--invoices N]\n"
	      "                    [--faults 'KIND[=ARG][@[METHOD ]GLOB][#N];...']\n", f);
}

static int number(const char *opt, const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-' || v > max) {
		fprintf(stderr, "dedi-sandbox: %s wants a whole number from 0 to %llu, not \"%s\"\n", opt, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* --quirks: one line per name; a quirk with a value takes NAME=VALUE. */
struct quirk {
	const char *name;
	int (*set)(struct dd_sandbox_opts *o, const char *value); /* -1: bad value, said on stderr */
	int wants_value;
};

static int q_rate_limit(struct dd_sandbox_opts *o, const char *v)
{
	unsigned long long n;
	if (number("rate-limit", v, 1000000, &n) < 0) return -1;
	o->rate_limit = (unsigned)n;
	return 0;
}

static int q_rate_limit_writes(struct dd_sandbox_opts *o, const char *v)
{
	unsigned long long n;
	if (number("rate-limit-writes", v, 1000000, &n) < 0) return -1;
	o->rate_limit_writes = (unsigned)n;
	return 0;
}

static int q_fail_zone(struct dd_sandbox_opts *o, const char *v)
{
	if (strcmp(v, "fr-par-1") && strcmp(v, "fr-par-2") && strcmp(v, "nl-ams-1")) {
		fprintf(stderr, "dedi-sandbox: fail-zone wants fr-par-1, fr-par-2 or nl-ams-1, not \"%s\"\n", v);
		return -1;
	}
	o->fail_zone = v;
	return 0;
}

static int q_fail_online_server(struct dd_sandbox_opts *o, const char *v)
{
	unsigned long long n;
	if (number("fail-online-server", v, UINT32_MAX, &n) < 0) return -1;
	o->fail_online_server = (uint32_t)n;
	return 0;
}

static int q_ip_shuffle(struct dd_sandbox_opts *o, const char *v)
{
	(void)v;
	o->ip_shuffle = 1;
	return 0;
}

static int q_slow_pages(struct dd_sandbox_opts *o, const char *v)
{
	unsigned long long n;
	if (number("slow-pages", v, 60000, &n) < 0) return -1;
	o->slow_pages_ms = (unsigned)n;
	return 0;
}

static const struct quirk quirks[] = {
	/* issue 17, rate limits, failing zones, address order */
	{ "rate-limit", q_rate_limit, 1 },
	{ "rate-limit-writes", q_rate_limit_writes, 1 },
	{ "fail-zone", q_fail_zone, 1 },
	{ "fail-online-server", q_fail_online_server, 1 },
	{ "ip-shuffle", q_ip_shuffle, 0 },
	/* issue 24: the first page painted while the others load */
	{ "slow-pages", q_slow_pages, 1 },
};

/* Parses "a,b=1" in place (list is optarg, which outlives the options). */
static int parse_quirks(char *list, struct dd_sandbox_opts *o)
{
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		char *val = strchr(tok, '=');
		size_t i;
		if (val)
			*val++ = '\0';
		for (i = 0; i < sizeof quirks / sizeof quirks[0]; i++)
			if (strcmp(tok, quirks[i].name) == 0)
				break;
		if (i == sizeof quirks / sizeof quirks[0]) {
			/* The switches without a value live in sandbox/quirks.c. */
			char qerr[512];
			if (val || dd_sandbox_quirks_parse(tok, &o->quirks, qerr, sizeof qerr) < 0) {
				fprintf(stderr, "dedi-sandbox: --quirks: %s%s", val ? "unknown quirk " : qerr,
					val ? tok : "");
				for (i = 0; i < sizeof quirks / sizeof quirks[0]; i++)
					fprintf(stderr, ", %s%s", quirks[i].name, quirks[i].wants_value ? "=VALUE" : "");
				fputc('\n', stderr);
				return -1;
			}
			continue;
		}
		if (!val != !quirks[i].wants_value) {
			fprintf(stderr, "dedi-sandbox: quirk %s %s\n", tok,
				quirks[i].wants_value ? "wants a value (NAME=VALUE)" : "takes no value");
			return -1;
		}
		if (quirks[i].set(o, val) < 0)
			return -1;
	}
	return 0;
}

/* "60", "0.5", "1000.125": a positive number with at most three decimals,
 * read without floating point; at most 100000. */
static int time_scale(const char *s, uint32_t *milli)
{
	unsigned long long whole = 0, frac = 0;
	int digits = 0, fd = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9' && digits < 7; p++, digits++)
		whole = whole * 10 + (unsigned)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && fd < 3; p++, fd++)
			frac = frac * 10 + (unsigned)(*p - '0');
	for (int i = fd; i < 3; i++)
		frac *= 10;
	unsigned long long m = whole * 1000 + frac;
	if (!digits || *p || m == 0 || m > 100000ULL * 1000) {
		fprintf(stderr, "dedi-sandbox: --time-scale wants a number above 0 and at most 100000 "
				"(three decimals at most), not \"%s\"\n", s);
		return -1;
	}
	*milli = (uint32_t)m;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 's' },
		{ "servers", required_argument, NULL, 'n' },
		{ "latency", required_argument, NULL, 'l' },
		{ "access-key", required_argument, NULL, 'a' },
		{ "secret-key", required_argument, NULL, 'k' },
		{ "online-token", required_argument, NULL, 't' },
		{ "hostile", no_argument, NULL, 'H' },
		{ "iam-member", no_argument, NULL, 'm' },
		{ "cut-after-write", no_argument, NULL, 'c' },
		{ "stats", required_argument, NULL, 'S' },
		{ "quirks", required_argument, NULL, 'Q' },
		{ "time-scale", required_argument, NULL, 'T' },
		{ "scenario", required_argument, NULL, 'L' },
		{ "faults", required_argument, NULL, 'F' },
		{ "no-page-cache", no_argument, NULL, 'P' },
		{ "invoices", required_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct dd_sandbox_opts o = { 0 };
	unsigned long long v;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (number("--port", optarg, 65535, &v) < 0) return 2;
			o.port = (unsigned)v;
			break;
		case 's':
			if (number("--seed", optarg, UINT64_MAX, &v) < 0) return 2;
			o.seed = v;
			break;
		case 'n':
			if (number("--servers", optarg, 100000, &v) < 0) return 2;
			o.servers = (unsigned)v;
			o.servers_set = 1;
			break;
		case 'l':
			if (number("--latency", optarg, 60000, &v) < 0) return 2;
			o.latency_ms = (unsigned)v;
			break;
		case 'a': o.access_key = optarg; break;
		case 'k': o.secret_key = optarg; break;
		case 't': o.online_token = optarg; break;
		case 'H': o.hostile = 1; break;
		case 'm': o.iam_member = 1; break;
		case 'c': o.cut_writes = 1; break;
		case 'S': o.stats_path = optarg; break;
		case 'F': o.faults = optarg; break; /* checked by dd_sandbox_start */
		case 'P': o.no_page_cache = 1; break;
		case 'I':
			if (number("--invoices", optarg, 1000000, &v) < 0) return 2;
			o.invoices = (unsigned)v;
			break;
		case 'Q':
			if (parse_quirks(optarg, &o) < 0) return 2;
			break;
		case 'T':
			if (time_scale(optarg, &o.time_scale_milli) < 0) return 2;
			break;
		case 'L':
			if ((o.scenario = dd_sb_scenario_parse(optarg)) < 0) {
				fprintf(stderr, "dedi-sandbox: unknown scenario \"%s\"; the scenarios are %s\n",
					optarg, dd_sb_scenario_names());
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "dedi-sandbox: unexpected argument \"%s\"\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if ((o.secret_key && !*o.secret_key) || (o.access_key && !*o.access_key) ||
	    (o.online_token && !*o.online_token)) {
		fputs("dedi-sandbox: credentials must not be empty\n", stderr);
		return 2;
	}

	/* Block the signals before any thread starts, then wait for one. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	char err[256];
	struct dd_sandbox *sb = dd_sandbox_start(&o, err, sizeof err);
	if (!sb) {
		fprintf(stderr, "dedi-sandbox: %s\n", err);
		return 1;
	}
	printf("%s\n", dd_sandbox_url(sb));
	fflush(stdout);
	int sig;
	sigwait(&set, &sig);
	dd_sandbox_stop(sb);
	return 0;
}
