/* The console in French: a fr_FR.UTF-8 locale built for the test
 * (localedef into a private LOCPATH, no root needed) and the build
 * tree's catalog (DEDI_LOCALEDIR). The Servers tab's tab names, column
 * titles and status line are French; the Billing tab's column titles and
 * amounts read "1 234,56 €" (U+202F narrow no-break space between
 * thousands, U+00A0 no-break space before the euro sign), dates
 * day/month/year. TAP on stdout, one child per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/screen/harness.h"

#define ESC "\x1b"
#define WAIT 15000
#define NNBSP "\xe2\x80\xaf" /* U+202F: fr_FR's mon_thousands_sep */
#define NBSP "\xc2\xa0"       /* U+00A0: before the currency sign */
#define EURO "\xe2\x82\xac"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static char locpath[512], localedir[600], env_locpath[600], env_localedir[700];
static const char *fr_env[] = { env_locpath, env_localedir, "LANG=fr_FR.UTF-8", "LC_ALL=fr_FR.UTF-8",
				"DEDI_TODAY=2026-11-15", NULL };
static const char *const world[] = { "--seed", "5", "--servers", "4", NULL };

static bool start(struct world *w, struct term *t)
{
	return world_start(w, world) == 0 && term_start(t, w, 30, 140, fr_env, NULL) == 0;
}

/* The first tab, as a French-speaking user sees it. */
static bool t_servers(struct world *w, struct term *t)
{
	CHECK(start(w, t));
	CHECK(term_wait(t, " Serveurs  4 serveurs", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* The tab bar: every tab's name, in French. */
	CHECK(term_has(t, " 1 Serveurs ") && term_has(t, " 2 Réseau ") && term_has(t, " 3 Facturation ") &&
	      term_has(t, " 4 Compte "));
	/* Column titles (the untranslated names stay what :sort takes). */
	CHECK(term_has(t, "nom d'hôte") && term_has(t, "offre") && term_has(t, "état") &&
	      term_has(t, "étiquettes"));
	CHECK(!term_has(t, "hostname") && !term_has(t, "Servers"));
	/* The status line after a command, and :sort by the English name. */
	term_send(t, ":sort offer\r");
	CHECK(term_wait(t, "trié par offre", WAIT));
	term_send(t, "/zzzz-none");
	CHECK(term_wait(t, "Aucun serveur ne correspond à « zzzz-none ». Échap efface le filtre.", WAIT));
	term_send(t, ESC);
	/* The key help: labels translated, the key letters the same. */
	term_send(t, "?");
	CHECK(term_wait(t, " Touches : Serveurs ", WAIT));
	CHECK(term_has(t, "Descendre d'une ligne.") && term_has(t, "k Haut") && term_has(t, "Échap ou ? ferme"));
	term_send(t, ESC);
	CHECK(term_wait(t, "? aide", WAIT));
	return true;
}

/* Billing: French column titles, amounts with a decimal comma, the euro
 * sign after, thousands apart; dates day/month/year; the period says it
 * is a UTC calendar month. */
static bool t_billing(struct world *w, struct term *t)
{
	CHECK(start(w, t));
	term_send(t, "3");
	CHECK(term_wait(t, " Facturation  ", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "NUMÉRO") && term_has(t, "ÉCHÉANCE") && term_has(t, "TTC") && term_has(t, "ÉTAT"));
	CHECK(term_has(t, NBSP EURO));
	CHECK(!term_has(t, " EUR "));
	/* Totals per year add up past a thousand euros: the separator. */
	term_send(t, "mm");
	CHECK(term_wait(t, " ANNÉE    TOTAUX", WAIT));
	char *s = term_screen(t);
	bool grouped = false;
	for (const char *p = s; p && (p = strstr(p, NNBSP)); p += 3)
		/* digit U+202F three digits ',' two digits U+00A0 € */
		if (p > s && p[-1] >= '0' && p[-1] <= '9' && strlen(p) > 14 && p[6] == ',' &&
		    !strncmp(p + 9, NBSP EURO, 5))
			grouped = true;
	free(s);
	CHECK(grouped);
	/* An issued invoice: day/month/year, and the UTC calendar month. */
	term_send(t, "m/issued");
	CHECK(term_wait(t, "filtre : issued", WAIT));
	term_send(t, "\r\r");
	CHECK(term_wait(t, "Facture Scaleway ", WAIT));
	CHECK(term_wait(t, "(un mois civil UTC)", WAIT));
	CHECK(term_has(t, "émise le 02/11/2026, échéance le 12/11/2026"));
	CHECK(term_has(t, "12/11/2026"));
	return true;
}

static const struct screen_test tests[] = {
	{ "the Servers tab in French: tabs, column titles, status line, key help", t_servers, 60 },
	{ "the Billing tab in French: 1 234,56 € amounts, day/month/year, UTC calendar month", t_billing, 60 },
};

int main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR");
	const char *build = getenv("DD_BUILDDIR");
	char cmd[1200];

	snprintf(locpath, sizeof(locpath), "%s/dedi-fr.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(locpath)) {
		printf("Bail out! no temporary directory for the locale\n");
		return 1;
	}
	/* fr_FR.UTF-8 from the locales package's sources, for this test only. */
	snprintf(cmd, sizeof(cmd), "localedef -i fr_FR -f UTF-8 '%s/fr_FR.UTF-8' >/dev/null 2>&1", locpath);
	int rc = system(cmd);
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1) {
		/* localedef exits 1 for warnings; no locale is a failure, not a skip. */
		printf("Bail out! localedef -i fr_FR -f UTF-8 failed (apt-get install locales)\n");
		return 1;
	}
	snprintf(localedir, sizeof(localedir), "%s/po/locale", build && *build ? build : ".");
	snprintf(env_locpath, sizeof(env_locpath), "LOCPATH=%s", locpath);
	snprintf(env_localedir, sizeof(env_localedir), "DEDI_LOCALEDIR=%s", localedir);
	rc = screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", locpath);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", locpath);
	return rc;
}
