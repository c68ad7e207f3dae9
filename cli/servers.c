/* dedi servers list | show */
#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/cache.h"
#include "core/export.h"
#include "core/store.h"
#include "core/text.h"
#include "core/i18n.h"

struct wait {
	int done;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;

	w->done = 1;
	w->err = *err;
}

static size_t term_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct column {
	const char *title;
	size_t min;        /* never narrower than this */
	size_t max;        /* one long value must not push other columns out */
	int prio;          /* dropped first when high */
};

enum { C_ID, C_HOST, C_ZONE, C_STATUS, C_IPV4, C_OFFER, C_OS, C_TAGS, C_N };
static const struct column columns[C_N] = {
	[C_ID] = { "ID", 2, 20, 0 },         [C_HOST] = { N_("HOSTNAME"), 8, 32, 0 },
	[C_ZONE] = { N_("ZONE"), 4, 8, 1 },  [C_STATUS] = { N_("STATUS"), 6, 12, 2 },
	[C_IPV4] = { "IPV4", 4, 15, 3 },     [C_OFFER] = { N_("OFFER"), 5, 20, 4 },
	[C_OS] = { "OS", 2, 24, 5 },         [C_TAGS] = { N_("TAGS"), 4, 30, 6 },
};

static const char *cell(const struct dd_server *s, int c, char *buf, size_t n)
{
	switch (c) {
	case C_ID: snprintf(buf, n, "%" PRId64, s->id); return buf;
	case C_HOST: return s->hostname;
	case C_ZONE: return s->zone;
	case C_STATUS: return s->status;
	case C_IPV4: return s->ipv4;
	case C_OFFER: return s->offer;
	case C_OS: return s->os;
	default: return s->tags;
	}
}

/* "…" where the terminal's locale speaks UTF-8, "~" elsewhere. */
static const char *ellipsis(void)
{
	static const char *e;

	if (!e) {
		setlocale(LC_CTYPE, "");
		e = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? "…" : "~";
	}
	return e;
}

/* Prints s padded or cut (with "…") to exactly w columns. */
static void put_cell(const char *s, size_t w, int last)
{
	size_t sw = dd_text_width(s);

	if (sw <= w) {
		fputs(s, stdout);
		if (!last)
			for (size_t i = sw; i < w; i++)
				putchar(' ');
		return;
	}
	if (w == 0)
		return;
	{
		size_t b = dd_text_fit(s, w - 1);
		char *prefix = strndup(s, b);
		size_t pw = prefix ? dd_text_width(prefix) : 0;
		free(prefix);
		fwrite(s, 1, b, stdout);
		fputs(ellipsis(), stdout);
		if (!last)
			for (size_t i = pw + 1; i < w; i++)
				putchar(' ');
	}
}

static void print_table(const struct dd_server_list *l)
{
	size_t width[C_N] = { 0 }, total = 0, maxw = term_width();
	int show[C_N], any_os = 0, any_tags = 0;
	char buf[32];

	for (int c = 0; c < C_N; c++)
		width[c] = dd_text_width(_(columns[c].title));
	for (size_t i = 0; i < l->n; i++) {
		for (int c = 0; c < C_N; c++) {
			size_t w = dd_text_width(cell(&l->v[i], c, buf, sizeof(buf)));
			if (w > columns[c].max)
				w = columns[c].max;
			if (w > width[c])
				width[c] = w;
		}
		any_os |= l->v[i].os[0] != '\0';
		any_tags |= l->v[i].tags[0] != '\0';
	}
	for (int c = 0; c < C_N; c++)
		show[c] = 1;
	/* Empty columns say nothing: the Scaleway list carries no OS or tags. */
	show[C_OS] = any_os;
	show[C_TAGS] = any_tags;
	for (;;) {
		int drop = -1;
		total = 0;
		for (int c = 0; c < C_N; c++)
			if (show[c])
				total += width[c] + 2;
		if (total - 2 <= maxw)
			break;
		for (int c = 0; c < C_N; c++)
			if (show[c] && columns[c].prio > 0 && (drop < 0 || columns[c].prio > columns[drop].prio))
				drop = c;
		if (drop < 0) {
			/* Only id and hostname left: cut the hostname. */
			size_t over = total - 2 - maxw;
			width[C_HOST] = width[C_HOST] > over + columns[C_HOST].min
				? width[C_HOST] - over : columns[C_HOST].min;
			break;
		}
		show[drop] = 0;
	}
	{
		int last = C_N - 1;
		while (last > 0 && !show[last])
			last--;
		for (int c = 0; c < C_N; c++) {
			if (!show[c])
				continue;
			put_cell(_(columns[c].title), width[c], c == last);
			if (c != last)
				fputs("  ", stdout);
		}
		putchar('\n');
		for (size_t i = 0; i < l->n; i++) {
			for (int c = 0; c < C_N; c++) {
				if (!show[c])
					continue;
				put_cell(cell(&l->v[i], c, buf, sizeof(buf)), width[c], c == last);
				if (c != last)
					fputs("  ", stdout);
			}
			putchar('\n');
		}
	}
}

static int opt_value(int *i, int argc, char **argv, const char **out)
{
	if (*i + 1 >= argc)
		return -1;
	*out = argv[++*i];
	return 0;
}

/* --offline: the profile's cache into the account's store, its age said
 * on stderr (stdout stays the listing). No request is sent. */
static int offline_load(struct dd_cli *cli, struct dd_account *a)
{
	const struct dd_creds *c = dd_account_creds(a);
	struct dd_error err;
	time_t at = 0;
	char age[32];
	int rc = dd_cache_load(dd_account_store_mut(a), c, &at, &err);

	if (rc < 0)
		dd_cli_fail(cli, &err);
	if (rc <= 0) {
		dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
			     _("offline: no cache for profile %s yet (a servers list without "
			     "--offline, or the console, writes it)"), c->profile);
		return dd_cli_fail(cli, &err);
	}
	dd_cache_age(dd_store_meta(dd_account_store(a), DD_KIND_SERVERS)->fetched_at, time(NULL),
		     age, sizeof(age));
	fprintf(stderr, _("%s: offline: servers of profile %s as cached %s\n"), cli->prog,
		c->profile, age);
	return DD_EXIT_OK;
}

/* What a whole online read leaves for the next --offline and the next
 * start of the console. A cache that cannot be written costs the
 * listing nothing: it is said, not failed. */
static void cache_save(struct dd_cli *cli, const struct dd_store *st, const struct dd_creds *c)
{
	struct dd_error err;

	if (dd_cache_save(st, c, &err) < 0)
		fprintf(stderr, _("%s: the cache was not written: %s\n"), cli->prog, err.message);
}

/* servers list's machine outputs, each written from the records
 * (core/export_list.c) to stdout as they are made: the bytes -o yaml|csv
 * made of the JSON, without the JSON document in between, nor the whole
 * text in memory. A write refused is main's to say (check_stdout). */
static int print_list(struct dd_cli *cli, const struct dd_server_list *l)
{
	enum dd_export_fmt f = DD_EXPORT_JSON;

	if (cli->output_set && cli->output == DD_OUT_YAML)
		f = DD_EXPORT_YAML;
	else if (cli->output_set && cli->output == DD_OUT_CSV)
		f = DD_EXPORT_CSV;
	if (dd_export_servers_write(stdout, l, f) == 0 || errno == EIO)
		return DD_EXIT_OK;
	if (errno == EINVAL)
		fprintf(stderr, _("%s: a server's text could not be written (not UTF-8)\n"), cli->prog);
	else
		fprintf(stderr, _("%s: out of memory\n"), cli->prog);
	return DD_EXIT_FAILURE;
}

static int list_offline(struct dd_cli *cli, struct dd_account *a, const char *zone, int json)
{
	const struct dd_server_list *all = dd_account_servers(a);
	struct dd_server_list l;
	int rc = offline_load(cli, a);

	dd_server_list_init(&l);
	if (rc != DD_EXIT_OK)
		goto out;
	/* --zone narrows what the cache holds, as it narrows a read. */
	for (size_t i = 0; i < all->n; i++) {
		struct dd_server *s;

		if (zone && *zone && strcmp(all->v[i].zone, zone) != 0)
			continue;
		s = dd_server_list_add(&l);
		if (s)
			dd_server_clear(s);
		if (!s || dd_server_copy(s, &all->v[i]) < 0) {
			struct dd_error err;

			rc = dd_cli_fail(cli, (dd_error_oom(&err), &err));
			goto out;
		}
	}
	if (json) {
		rc = print_list(cli, &l);
	} else {
		print_table(&l);
		rc = DD_EXIT_OK;
	}
out:
	dd_server_list_clear(&l);
	dd_cli_close_account(cli, a);
	return rc;
}

static int cmd_list(struct dd_cli *cli, int argc, char **argv)
{
	const char *zone = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	int json = cli->json, rc, allow_partial = 0;
	const struct dd_coll *m;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--allow-partial") == 0) {
			allow_partial = 1;
		} else if (strcmp(argv[i], "--offline") == 0) {
			cli->offline = 1;
		} else if (strcmp(argv[i], "--zone") == 0) {
			if (opt_value(&i, argc, argv, &zone) < 0) {
				fprintf(stderr, _("%s: --zone needs a zone (fr-par-1, fr-par-2, nl-ams-1)\n"), cli->prog);
				return DD_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, _("%s: servers list: unknown argument %s\n"
					"usage: dedi servers list [--json] [--zone ZONE] [--allow-partial] [--offline]\n"), cli->prog, argv[i]);
			return DD_EXIT_USAGE;
		}
	}
	a = dd_cli_open_account(cli, &err);
	if (!a)
		return dd_cli_fail(cli, &err);
	if (cli->offline)
		return list_offline(cli, a, zone, json);
	/* The Online servers read last time are asked If-None-Match; a cache
	 * that cannot be used is said and everything is read in full. */
	if (dd_creds_has_online(dd_account_creds(a)) &&
	    dd_cache_load_validators(dd_account_store_mut(a), dd_account_creds(a), &err) < 0) {
		/* Out of memory already: the listing would only fail after it,
		 * and "out of memory" would be said twice (make check-alloc). */
		if (dd_error_is_oom(&err)) {
			dd_cli_close_account(cli, a);
			return dd_cli_fail(cli, &err);
		}
		fprintf(stderr, "%s: %s\n", cli->prog, err.message);
	}
	if (dd_account_load_servers(a, cli->http, zone, on_done, &w, &err) < 0) {
		dd_http_run(cli->http);
		dd_cli_close_account(cli, a);
		return dd_cli_fail(cli, &err);
	}
	dd_http_run(cli->http);
	m = dd_store_meta(dd_account_store(a), DD_KIND_SERVERS);
	/* A script gets the list whole or nothing, unless it said it can
	 * take part of it (and then learns which part is missing). */
	if (w.err.kind != DD_OK && !(allow_partial && m->partial && m->state == DD_COLL_FRESH)) {
		rc = dd_cli_fail(cli, &w.err);
	} else if (json) {
		rc = print_list(cli, dd_account_servers(a));
	} else {
		print_table(dd_account_servers(a));
		rc = DD_EXIT_OK;
	}
	/* Only the whole fleet replaces the cache: one zone or a list with a
	 * part missing would pass for it at the next offline start. A list
	 * that could not be printed (out of memory) is a failed command: one
	 * message, no cache written behind it. */
	if (w.err.kind == DD_OK && rc == DD_EXIT_OK && (!zone || !*zone))
		cache_save(cli, dd_account_store(a), dd_account_creds(a));
	if (rc == DD_EXIT_OK && w.err.kind != DD_OK) {
		dd_cli_fail(cli, &w.err);
		rc = DD_EXIT_PARTIAL;
	}
	dd_cli_close_account(cli, a);
	return rc; /* main checks that stdout took it all */
}

static void print_detail(const struct dd_server_detail *d)
{
	const struct dd_server *s = &d->s;

#define ROW(k, v) do { if ((v)[0]) printf("%-*s %s\n", DD_COLS(k, 14), v); } while (0)
	printf("%-14s %" PRId64 "\n", "id", s->id);
	ROW(_("hostname"), s->hostname);
	ROW(_("zone"), s->zone);
	ROW(_("status"), s->status);
	ROW(_("offer"), s->offer);
	ROW(_("price"), d->offer_price);
	ROW("os", s->os);
	ROW(_("rescue os"), d->rescue_os);
	ROW(_("power"), d->power);
	ROW(_("boot mode"), d->boot_mode);
	ROW(_("service level"), d->level);
	ROW(_("location"), d->location);
	ROW(_("tags"), s->tags);
	ROW(_("abuse contact"), d->abuse_contact);
	ROW(_("created"), d->created_at);
	ROW(_("last reboot"), d->rebooted_at);
	printf("%-*s %s%s%s\n", DD_COLS(_("seen through"), 14), s->sources & DD_SRC_SCW ? "Scaleway" : "",
	       (s->sources & DD_SRC_SCW) && (s->sources & DD_SRC_ONLINE) ? ", " : "",
	       s->sources & DD_SRC_ONLINE ? "Online" : "");
#undef ROW
	for (size_t i = 0; i < d->n_options; i++)
		printf("%-14s %s\n", i == 0 ? _("options") : "", d->options[i]);
	for (size_t i = 0; i < d->n_ifaces; i++) {
		const struct dd_iface *f = &d->ifaces[i];
		printf(_("interface %zu    %s%s%s\n"), i + 1, f->type, f->mac[0] ? " " : "", f->mac);
		for (size_t k = 0; k < f->n_ips; k++)
			printf("  %-12s %s%s%s\n", f->ips[k].semantic, f->ips[k].address,
			       f->ips[k].reverse[0] ? _("  reverse ") : "", f->ips[k].reverse);
	}
}

static int show_offline(struct dd_cli *cli, struct dd_account *a, int64_t id, int json)
{
	const struct dd_server *s;
	struct dd_server_detail d;
	struct dd_error err;
	int rc = offline_load(cli, a);

	memset(&d, 0, sizeof(d));
	if (rc != DD_EXIT_OK)
		goto out;
	s = dd_store_server(dd_account_store(a), id);
	if (!s) {
		dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL, _("offline: no server %" PRId64
			     " in the cache of profile %s"), id, dd_account_creds(a)->profile);
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	/* The detail read when it was last shown (its summary is the
	 * record's), else the list's row alone. */
	if (!s->detail && (dd_server_detail_init(&d) < 0 ||
			   (dd_server_clear(&d.s), dd_server_copy(&d.s, s)) < 0)) {
		rc = dd_cli_fail(cli, (dd_error_oom(&err), &err));
		goto out;
	}
	if (json) {
		rc = dd_cli_print_doc(cli, dd_export_server_detail_json(s->detail ? s->detail : &d));
	} else {
		print_detail(s->detail ? s->detail : &d);
		rc = DD_EXIT_OK;
	}
out:
	dd_server_detail_clear(&d);
	dd_cli_close_account(cli, a);
	return rc;
}

/* A detail read online goes into the cache beside the fleet it belongs
 * to, so servers show --offline finds it; without a cached fleet there is
 * nothing to fold it into. d is taken. */
static void cache_detail(struct dd_cli *cli, struct dd_account *a, struct dd_server_detail *d)
{
	struct dd_store *st = dd_store_new();
	struct dd_error err;
	time_t at;

	if (st && dd_cache_load(st, dd_account_creds(a), &at, &err) == 1 &&
	    dd_store_fold_detail(st, d))
		cache_save(cli, st, dd_account_creds(a));
	dd_store_free(st);
}

static int cmd_show(struct dd_cli *cli, int argc, char **argv)
{
	const char *zone = NULL, *idtext = NULL;
	struct dd_server_detail d;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	int json = cli->json, rc;
	int64_t id;
	char *end;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--offline") == 0) {
			cli->offline = 1;
		} else if (strcmp(argv[i], "--zone") == 0) {
			if (opt_value(&i, argc, argv, &zone) < 0) {
				fprintf(stderr, _("%s: --zone needs a zone (fr-par-1, fr-par-2, nl-ams-1)\n"), cli->prog);
				return DD_EXIT_USAGE;
			}
		} else if (!idtext && argv[i][0] != '-') {
			idtext = argv[i];
		} else {
			idtext = NULL;
			break;
		}
	}
	if (!idtext) {
		fprintf(stderr, _("usage: dedi servers show ID [--json] [--zone ZONE] [--offline]\n"));
		return DD_EXIT_USAGE;
	}
	errno = 0;
	id = strtoll(idtext, &end, 10);
	if (errno || *end || id <= 0) {
		fprintf(stderr, _("%s: \"%.40s\" is not a server id (a positive number, see dedi servers list)\n"),
			cli->prog, idtext);
		return DD_EXIT_USAGE;
	}
	a = dd_cli_open_account(cli, &err);
	if (!a)
		return dd_cli_fail(cli, &err);
	if (cli->offline)
		return show_offline(cli, a, id, json);
	memset(&d, 0, sizeof(d));
	if (dd_account_load_server(a, cli->http, id, zone, &d, on_done, &w, &err) < 0) {
		dd_http_run(cli->http);
		dd_cli_close_account(cli, a);
		return dd_cli_fail(cli, &err);
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		rc = dd_cli_fail(cli, &w.err);
	} else if (json) {
		rc = dd_cli_print_doc(cli, dd_export_server_detail_json(&d));
	} else {
		print_detail(&d);
		rc = DD_EXIT_OK;
	}
	if (w.err.kind == DD_OK)
		cache_detail(cli, a, &d);
	dd_server_detail_clear(&d);
	dd_cli_close_account(cli, a);
	return rc;
}

int dd_cli_servers(struct dd_cli *cli, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return cmd_list(cli, argc, argv);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return cmd_show(cli, argc, argv);
	if (argc >= 1 && strcmp(argv[0], "edit") == 0)
		return dd_cli_servers_edit(cli, argc, argv);
	fprintf(stderr, _("usage: dedi servers list [--json] [--zone ZONE] [--allow-partial]\n"
			"       dedi servers show ID [--json] [--zone ZONE]\n"
			"       dedi servers edit ID CHANGE [--zone ZONE] [--expect-hostname NAME]\n"));
	return DD_EXIT_USAGE;
}
