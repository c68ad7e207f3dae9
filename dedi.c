/* dedi's main(): the one place that knows all three faces. It parses the
 * global options (cli), starts the embedded sandbox for --demo, and runs
 * the console (tui) or a subcommand (cli) over one request queue. */
#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/unlock.h"
#include "core/config.h"
#include "core/hardening.h"
#include "core/i18n.h"
#include "core/linking.h"
#include "core/profile.h"
#include "core/request.h"
#include "sandbox/sandbox.h"
#include "tui/tui.h"

/* --demo: the sandbox runs in its own thread of this process; started
 * when an account is first opened, stopped at exit. */
static int demo_creds(struct dd_cli *cli, struct dd_creds *c, struct dd_error *err)
{
	struct dd_sandbox *sb = cli->demo_state;
	const char *n = getenv("DEDI_DEMO_SERVERS");

	if (!sb) {
		struct dd_sandbox_opts o = { .seed = 1, .servers = 24 };
		char msg[256] = "";

		if (n && *n) {
			char *end;
			unsigned long v = strtoul(n, &end, 10);

			if (*end || v > 100000)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("DEDI_DEMO_SERVERS must be a number from 0 to 100000"));
			o.servers = (unsigned)v;
			o.servers_set = 1;
		}
		sb = dd_sandbox_start(&o, msg, sizeof(msg));
		if (!sb)
			return dd_error_set(err, DD_E_INTERNAL, 0, NULL,
					    _("the demo sandbox could not start: %s"), msg);
		cli->demo_state = sb;
	}
	snprintf(c->profile, sizeof(c->profile), "demo");
	/* The demo's world is the same every run, its port is not. */
	snprintf(c->cache_scope, sizeof(c->cache_scope), "demo sandbox, seed 1, %s servers",
		 n && *n ? n : "24");
	snprintf(c->access_key, sizeof(c->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->organization_id, sizeof(c->organization_id), "%s", DD_SANDBOX_ORGANIZATION_ID);
	snprintf(c->project_id, sizeof(c->project_id), "%s", DD_SANDBOX_PROJECT_ID);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	return dd_request_bases_from_root(c, dd_sandbox_url(sb), err);
}

/* The audit log names the profile the console switched to. */
static void switched(void *ud, const struct dd_account *a)
{
	struct dd_cli *cli = ud;

	snprintf(cli->profile_used, sizeof(cli->profile_used), "%s", dd_account_creds(a)->profile);
}

/* No subcommand: the console, holding every profile of the unlocked
 * vault so that `:profile` never asks the passphrase again. */
static int console(struct dd_cli *cli)
{
	struct dd_profiles *profiles = NULL;
	struct dd_account *a;
	struct dd_creds *c;
	struct dd_write_policy wp;
	struct dd_config *cfg = NULL;
	struct dd_error err;
	int rc;

	if (cli->demo) {
		a = dd_cli_open_account(cli, &err);
		if (!a)
			return dd_cli_fail(cli, &err);
	} else {
		profiles = dd_cli_open_profiles(cli, &err);
		c = profiles ? dd_profiles_creds(profiles, dd_profiles_current(profiles), &err) : NULL;
		a = c ? dd_account_new(c) : NULL;
		if (c && !a) {
			dd_creds_free(c);
			dd_error_oom(&err);
		}
		if (!a) {
			dd_profiles_free(profiles);
			return dd_cli_fail(cli, &err);
		}
		switched(cli, a);
	}
	/* The policy reads cli->profile_used, which follows `:profile`. */
	if (dd_cli_write_policy(cli, &wp, &cfg, &err) < 0) {
		dd_account_free(a);
		dd_profiles_free(profiles);
		return dd_cli_fail(cli, &err);
	}
	struct dd_tui_opts o = {
		.account = a,
		.http = cli->http,
		.theme = cli->theme,
		.demo = cli->demo,
		.profiles = profiles,
		.switched = switched,
		.ud = cli,
		.writes = &wp,
		.offline = cli->offline,
	};
	rc = dd_tui_run(&o, &err); /* frees the account in use */
	dd_profiles_free(profiles);
	dd_config_free(cfg);
	if (err.kind != DD_OK)
		return dd_cli_fail(cli, &err);
	return rc;
}

/* linkwiz: `dedi link [--report FILE] [--scaleway-payment P]
 * [--dedibox-country CC] [--scaleway-country CC] [--passphrase-fd N]`:
 * the console opened on the link wizard, holding the vault open for
 * writing (created if there is none) so the wizard can keep its place and
 * save its profile. `dedi link check` is cli/link.c's. */
static int link_console(struct dd_cli *cli, int argc, char **argv)
{
	struct dd_tui_link lo = { 0 };
	struct dd_link_facts *probe = NULL;
	struct dd_profiles *profiles = NULL;
	struct dd_config *cfg = NULL, *wcfg = NULL;
	struct dd_vault *v = NULL;
	struct dd_account *a = NULL;
	struct dd_creds *c = NULL;
	struct dd_write_policy wp;
	struct dd_error err = { 0 };
	char path[4096], cc[3];
	const char *want;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		const char **dst = !strcmp(argv[i], "--report") ? &lo.report :
			!strcmp(argv[i], "--scaleway-payment") ? &lo.scaleway_payment :
			!strcmp(argv[i], "--dedibox-country") ? &lo.dedibox_country :
			!strcmp(argv[i], "--scaleway-country") ? &lo.scaleway_country :
			!strcmp(argv[i], "--passphrase-fd") ? &cli->passphrase_fd : NULL;

		if (!dst || i + 1 >= argc) {
			dd_error_set(&err, DD_E_USAGE, 0, NULL, dst ? _("%s needs a value") :
				     _("unknown option %s (dedi help link)"), argv[i]);
			return dd_cli_fail(cli, &err);
		}
		*dst = argv[++i];
	}
	probe = calloc(1, sizeof(*probe));
	if (!probe)
		return dd_cli_fail(cli, (dd_error_oom(&err), &err));
	if ((lo.scaleway_payment && dd_link_parse_scw_payment(lo.scaleway_payment, probe, &err)) ||
	    (lo.dedibox_country && dd_link_parse_country(lo.dedibox_country, cc, &err)) ||
	    (lo.scaleway_country && dd_link_parse_country(lo.scaleway_country, cc, &err))) {
		free(probe);
		return dd_cli_fail(cli, &err);
	}
	free(probe);
	if (cli->demo) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL, _("the demo has no vault to save a linked "
			     "profile in: run dedi link without --demo"));
		return dd_cli_fail(cli, &err);
	}
	if (dd_config_vault_path(path, sizeof(path), &err) != 0 ||
	    !(cfg = dd_config_load(NULL, &err)) ||
	    !(v = dd_cli_unlock(cli, cfg, path, DD_VAULT_WRITE, 1, &err)))
		goto out;
	want = dd_config_select_profile(cfg, cli->profile);
	if (!dd_vault_find(v, want))
		want = dd_vault_count(v) ? dd_vault_at(v, 0)->profile : NULL;
	/* No profile yet: the environment's, as the plain console does. */
	profiles = dd_profiles_from_vault(v, want, &err);
	if (!profiles)
		goto out;
	c = want ? dd_profiles_creds(profiles, want, &err) : dd_creds_new();
	if (c && !want) {
		snprintf(c->profile, sizeof(c->profile), "env");
		if (dd_creds_from_env(c, &err) != 0)
			goto out;
	}
	if (!c)
		goto out;
	if (!(a = dd_account_new(c))) {
		dd_error_oom(&err);
		goto out;
	}
	c = NULL;
	switched(cli, a);
	if (dd_cli_write_policy(cli, &wp, &wcfg, &err) < 0)
		goto out;
	struct dd_tui_opts o = {
		.account = a, .http = cli->http, .theme = cli->theme, .profiles = profiles,
		.switched = switched, .ud = cli, .writes = &wp, .vault = v, .link = &lo,
	};
	a = NULL;
	rc = dd_tui_run(&o, &err); /* frees the account in use */
out:
	if (err.kind != DD_OK)
		rc = dd_cli_fail(cli, &err);
	dd_creds_free(c);
	dd_account_free(a);
	dd_profiles_free(profiles);
	dd_vault_close(v);
	dd_config_free(wcfg);
	dd_config_free(cfg);
	return rc;
}

/* A whole number from lo to hi in the environment variable name, or
 * *out untouched when it is unset; a bad value is refused, not silently
 * replaced by the default. */
static int env_number(const char *name, long lo, long hi, long *out, struct dd_error *err)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end || errno || n < lo || n > hi || v[0] == '-' || v[0] == '+' || v[0] == ' ')
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s must be a whole number from %ld to %ld, not \"%.32s\""), name, lo, hi, v);
	*out = n;
	return 0;
}

/* DEDI_MAX_CONNECTIONS: transfers at once over every API (default 16;
 * 1 reads one request after the other). DEDI_STALL_SECONDS: a transfer
 * that receives nothing for that long is abandoned (default 15).
 * DEDI_RETRY_CAP_SECONDS: the longest wait between two tries of a read,
 * and the clamp of an absurd Retry-After (default 30). DEDI_JITTER_SEED:
 * the same retry schedule on every run (tests). */
static int http_opts(struct dd_http_opts *o, struct dd_error *err)
{
	long n = 0, stall = 0, cap = 0, seed = 0;

	memset(o, 0, sizeof(*o));
	o->max_retries = -1; /* keep the transport's default */
	if (env_number("DEDI_MAX_CONNECTIONS", 1, 256, &n, err) < 0 ||
	    env_number("DEDI_STALL_SECONDS", 1, 3600, &stall, err) < 0 ||
	    env_number("DEDI_RETRY_CAP_SECONDS", 1, 3600, &cap, err) < 0 ||
	    env_number("DEDI_JITTER_SEED", 1, LONG_MAX, &seed, err) < 0)
		return -1;
	o->max_parallel = (int)n;
	o->stall_s = stall;
	o->max_backoff_ms = cap * 1000;
	o->jitter_seed = (uint64_t)seed;
	return 0;
}

/* A command's reads that wait say so on stderr: a wait is not a hang. */
static void notice_stderr(void *ud, const char *msg)
{
	/* Parallel reads of one host wait together: said once, not per read. */
	static char last[640];

	(void)ud;
	if (strcmp(last, msg) == 0)
		return;
	snprintf(last, sizeof(last), "%s", msg);
	fprintf(stderr, "dedi: %s\n", msg);
}

/* The user's language for messages, money and dates, but LC_NUMERIC stays
 * "C": JSON, the config file and amounts are parsed with a decimal point,
 * never a comma. DEDI_LOCALEDIR points a build tree's tests at its own
 * compiled catalog before anything is installed. */
static void locale_init(void)
{
	const char *dir = getenv("DEDI_LOCALEDIR");

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(DD_TEXTDOMAIN, dir && *dir ? dir : DD_LOCALEDIR);
}

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer's list of what is not dedi's: glibc's newlocale() loses a
 * block when p11-kit's constructor (libcurl brings it in) makes a locale
 * under a French LC_ALL, before main(). The same one as in
 * tests/valgrind.supp; glibc has no frame pointers, so the stack stops at
 * argz. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:__argz_add_sep\n";
}

/* Said once above; a line at every exit would change what stderr shows. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/* The heap on huge pages. A listing touches megabytes once (records,
 * page bodies, the cache's text): in 4 KiB pages that is thousands of
 * faults, and a fault costs microseconds (tens on a VM: 8 MiB took
 * 53-66 ms there, 1-10 ms in 2 MiB pages). malloc grows its heap by
 * M_TOP_PAD at once, and that span is advised for transparent huge
 * pages (a no-op where they are off). Bodies of ~130 KB and lists of
 * megabytes stay in it (no mmap of their own, which was fresh 4 KiB
 * pages at each one), and it is not trimmed: the next body reuses the
 * same pages. Only whole 2 MiB blocks can be huge, and a block that
 * already holds one small page stays in small pages: the span from
 * where the free top begins to the next boundary, and the block where
 * carving the probe below wrote the top's new header before any advice,
 * kept the first megabytes of a listing in 4 KiB pages (a third of its
 * faults; every one of them, one run in eight: perf record -e
 * page-faults -d). A block that is never touched takes that span, so
 * what follows starts on a clean boundary. Under a sanitizer or
 * valgrind malloc is not glibc's: the heap does not move and nothing is
 * advised. */
static void *heap_head;

static void heap_setup(void)
{
	const uintptr_t huge = 2u << 20;
	uintptr_t lo, hi, top;
	char *before, *after;
	void *p;

	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 32 << 20);
	before = sbrk(0);
	/* Past the top: the heap grows by the pad. The store keeps the
	 * compiler from dropping a malloc whose memory nobody reads. */
	p = malloc(256 << 10);
	if (p)
		*(volatile char *)p = 0;
	after = sbrk(0);
	top = (uintptr_t)p;
	/* Carving the probe wrote the top's new header right past it, before
	 * any advice: a block with one small page in it stays in small
	 * pages, so the huge ones start past that page. */
	lo = (top + (256 << 10) + 4096 + huge - 1) & ~(huge - 1);
	hi = (uintptr_t)after & ~(huge - 1);
	/* The probe sits at the top's start, next to the rest of the top:
	 * grown in place, it ends 64 bytes short of the boundary (room for
	 * the next chunk's header) and is kept, untouched past its first
	 * page. */
	if (p && before != (void *)-1 && after != (void *)-1 && after > before && hi > lo &&
	    madvise((void *)lo, hi - lo, MADV_HUGEPAGE) == 0)
		heap_head = realloc(p, lo - top - 64);
	if (!heap_head)
		free(p);
}

int main(int argc, char **argv)
{
	struct dd_cli cli = { .prog = "dedi", .demo_creds = demo_creds };
	struct dd_http_opts ho;
	struct dd_error err;
	int i, rc;

	dd_cli_hold_std_fds();
	signal(SIGPIPE, SIG_IGN);
	heap_setup();
	/* The language first: even the hardening's refusal is said in it. */
	locale_init();
	/* No core file and no ptrace attach from the start: a key, a token or
	 * a passphrase may be in memory from the first command on. */
	if (dd_hardening_apply(&err) != 0)
		return dd_cli_fail(&cli, &err);
	rc = dd_cli_parse(&cli, argc, argv, &i);
	if (rc >= 0)
		return rc;
	if (http_opts(&ho, &err) < 0)
		return dd_cli_fail(&cli, &err);
	cli.http = dd_http_new(&ho, &err);
	if (!cli.http)
		return dd_cli_fail(&cli, &err);
	if (cli.offline)
		dd_request_set_offline(true);
	if (i >= argc)
		rc = console(&cli);
	else if (!strcmp(argv[i], "link") && (i + 1 >= argc ||
		 (argv[i + 1][0] == '-' && strcmp(argv[i + 1], "--help") &&
		  strcmp(argv[i + 1], "--json"))))
		rc = link_console(&cli, argc - i, argv + i);
	else {
		dd_http_set_notice(cli.http, notice_stderr, NULL);
		rc = dd_cli_run(&cli, argc - i, argv + i);
	}
	rc = dd_cli_finish(&cli, rc);
	dd_http_free(cli.http);
	if (cli.demo_state)
		dd_sandbox_stop(cli.demo_state);
	return rc;
}
