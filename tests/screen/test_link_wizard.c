/* The link wizard (issue 22) driven with the keyboard only, one sandbox
 * per scenario (dedi-sandbox --scenario NAME): each step's screen, back
 * and forth, the verdict of every rule as the scenario makes it; then a
 * wizard abandoned at step 5 and resumed, whose saved profile shows the
 * merged server list, and typed credentials that never show or reach a
 * plain file. TAP, one child and one time limit per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/linking.h"
#include "core/vault.h"
#include "sandbox/sandbox.h"
#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define BTAB "\x1b[Z"
#define CTRL_C "\x03"
#define CTRL_U "\x15"
#define WAIT 20000
#define PASS "fake link-wizard test passphrase"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

/* The secrets leave the environment; the URLs stay (typed keys use them). */
static const char *const no_secrets[] = {
	"SCW_ACCESS_KEY", "SCW_SECRET_KEY", "SCW_DEFAULT_ORGANIZATION_ID",
	"SCW_DEFAULT_PROJECT_ID", "DEDI_ONLINE_TOKEN", "DEDI_PASSPHRASE", "DEDI_PROFILE", NULL
};

/* dbx holds the Dedibox token alone, scw the Scaleway keys alone. */
static bool make_vault(const struct world *w)
{
	static const struct dd_vault_params fast = { 1, 8192 };
	struct dd_creds *d = dd_creds_new(), *s = dd_creds_new();
	struct dd_error err;
	struct dd_vault *v;
	char path[512];
	bool ok = false;

	snprintf(path, sizeof(path), "%s/data", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/data/dedi", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/data/dedi/vault", w->dir);
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, &fast, &err);
	if (v && d && s) {
		snprintf(d->profile, sizeof(d->profile), "dbx");
		snprintf(d->online_token, sizeof(d->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
		snprintf(d->online_api_url, sizeof(d->online_api_url), "%s/api/v1", w->url);
		snprintf(s->profile, sizeof(s->profile), "scw");
		snprintf(s->access_key, sizeof(s->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
		snprintf(s->secret_key, sizeof(s->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
		snprintf(s->organization_id, sizeof(s->organization_id), "%s",
			 DD_SANDBOX_ORGANIZATION_ID);
		snprintf(s->project_id, sizeof(s->project_id), "%s", DD_SANDBOX_PROJECT_ID);
		snprintf(s->scw_api_url, sizeof(s->scw_api_url), "%s", w->url);
		ok = dd_vault_put(v, d, &err) == 0 && dd_vault_put(v, s, &err) == 0 &&
		     dd_vault_save(v, &err) == 0;
	}
	if (!ok)
		fprintf(stderr, "# vault: %s\n", err.message);
	dd_vault_close(v);
	dd_creds_free(d);
	dd_creds_free(s);
	return ok;
}

/* text on the screen, a paragraph's line breaks and indents read as one
 * space (a wrapped sentence still matches). */
static bool flat_has(const struct term *t, const char *text)
{
	char *s = term_screen(t), *o;
	bool r;

	if (!s)
		return false;
	o = s;
	for (const char *p = s; *p; p++) {
		if (*p == '\n' || *p == ' ') {
			if (o > s && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	r = strstr(s, text) != NULL;
	free(s);
	return r;
}

static bool vault_record_absent(const struct world *w)
{
	struct dd_error err;
	struct dd_vault *v;
	char path[512];
	bool absent;

	snprintf(path, sizeof(path), "%s/data/dedi/vault", w->dir);
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
	if (!v) {
		fprintf(stderr, "# vault: %s\n", err.message);
		return false;
	}
	absent = dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD) == NULL && dd_vault_count(v) == 2;
	dd_vault_close(v);
	return absent;
}

static bool status_has(const struct term *t, const char *text)
{
	char row[4096];

	term_row(t, t->rows - 1, row, sizeof(row));
	return strstr(row, text) != NULL;
}

/* `dedi link` with extra arguments, passphrase typed, on step 1. */
static bool open_link(struct world *w, struct term *t, const char *report)
{
	const char *args[] = { "link", report ? "--report" : NULL, report, NULL };

	CHECK(term_start(t, w, 24, 80, no_secrets, args) == 0);
	CHECK(term_wait(t, "Passphrase for", WAIT));
	term_send(t, PASS ENTER);
	return true;
}

/* report: a file name inside the world's directory (filled with the
 * path), or NULL. */
static bool start(struct world *w, struct term *t, const char *scenario, char *report,
		  size_t len)
{
	const char *const args[] = { "--scenario", scenario, NULL };

	if (world_start(w, args) < 0) {
		fprintf(stderr, "# the sandbox did not start\n");
		return false;
	}
	CHECK(w->dir[0] == '/');
	if (report) {
		char name[64];

		snprintf(name, sizeof(name), "%s", report);
		snprintf(report, len, "%s/%s", w->dir, name);
	}
	CHECK(make_vault(w));
	CHECK(open_link(w, t, report));
	CHECK(term_wait(t, "Step 1 of 9: What linking was", WAIT));
	CHECK(term_has(t, "2025-10-28"));
	return true;
}

/* The servers the token sees, as step 2 says it. */
static unsigned long token_servers(const struct term *t)
{
	char row[4096];
	unsigned long n = 0;
	int y = term_find(t, "lists ");

	if (y < 0)
		return 0;
	term_row(t, y, row, sizeof(row));
	if (sscanf(strstr(row, "lists "), "lists %lu server", &n) != 1)
		return 0;
	return n;
}

/* Steps 2 and 3 from the profiles of the vault, checked live; *n the
 * servers the token sees. */
static bool sides_by_profile(struct term *t, unsigned long *n)
{
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9: Dedibox side", WAIT));
	term_send(t, "dbx" ENTER);
	CHECK(term_wait(t, "Token accepted", WAIT));
	*n = token_servers(t);
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 3 of 9: Scaleway side", WAIT));
	term_send(t, "scw" ENTER);
	CHECK(term_wait(t, "Key accepted", WAIT));
	CHECK(term_has(t, "It belongs to"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 4 of 9: Status", WAIT));
	return true;
}

/* The verdict on the row of step 5 that holds rule r's sentence: 'F'
 * (FAIL), 'p' (pass), 'u' (unknown), 0 when there is no such row. */
static char verdict(const struct term *t, enum dd_link_rule r)
{
	char want[40], row[4096];
	int y;

	snprintf(want, sizeof(want), "%.30s", dd_link_rule_text(r));
	y = term_find(t, want);
	if (y < 0) {
		fprintf(stderr, "# no row for rule %s\n", dd_link_rule_word(r));
		return 0;
	}
	term_row(t, y, row, sizeof(row));
	if (!strncmp(row + 2, "FAIL", 4))
		return 'F';
	if (!strncmp(row + 2, "pass", 4))
		return 'p';
	if (!strncmp(row + 2, "unknown", 7))
		return 'u';
	fprintf(stderr, "# rule %s: \"%s\"\n", dd_link_rule_word(r), row);
	return 0;
}

struct scenario {
	const char *name;
	const char *status;        /* step 4's headline */
	const char *fails[3];      /* the rules that FAIL, by word */
};

static const struct scenario scenarios[] = {
	{ "linked", "Already linked", { NULL } },
	{ "eligible", "Not linked", { NULL } },
	{ "webhosting", "Not linked", { "webhosting" } },
	{ "domain", "Not linked", { "domain" } },
	{ "dedirack", "Not linked", { "dedirack" } },
	{ "outsourced", "Not linked", { "outsourced" } },
	{ "paypal", "Not linked", { "paypal" } },
	{ "not-owner", "Not linked", { "not-owner" } },
	{ "country-mismatch", "Not linked", { "country-mismatch" } },
	{ "several", "Not linked", { "webhosting", "paypal", "not-owner" } },
	{ "sepa-one-side", "Not linked", { NULL } },
	{ "two-cards", "Not linked", { NULL } },
	{ "no-servers", "Cannot be decided", { NULL } },
};

static bool fails(const struct scenario *s, enum dd_link_rule r)
{
	for (int i = 0; i < 3 && s->fails[i]; i++)
		if (dd_link_rule_by_word(s->fails[i]) == r)
			return true;
	return false;
}

/* Every step of one scenario, forward, back and forward again. */
static bool walk(struct world *w, struct term *t, const struct scenario *s)
{
	unsigned long n = 0;
	char want[64];

	CHECK(start(w, t, s->name, NULL, 0));
	CHECK(sides_by_profile(t, &n));
	CHECK(term_wait(t, s->status, WAIT));
	CHECK(term_has(t, "Servers seen on both sides"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 5 of 9: Eligibility", WAIT));
	for (int r = 0; r < DD_LR_COUNT; r++) {
		char v = verdict(t, (enum dd_link_rule)r);

		CHECK(v != 0);
		CHECK((v == 'F') == fails(s, (enum dd_link_rule)r));
	}
	/* Back to the status and forward: the report stays. */
	term_send(t, ESC);
	CHECK(term_wait(t, "Step 4 of 9: Status", WAIT));
	CHECK(term_has(t, s->status));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 5 of 9: Eligibility", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 6 of 9: Payment method", WAIT));
	if (!strcmp(s->name, "sepa-one-side")) {
		CHECK(term_has(t, "paid by: direct_debit"));
		CHECK(term_has(t, "SEPA"));
	}
	if (!strcmp(s->name, "two-cards") || !strcmp(s->name, "paypal")) {
		CHECK(term_has(t, !strcmp(s->name, "paypal") ? "paid by: paypal" :
			      "paid by: credit_card"));
	}
	/* A method that is none of the four is refused, in place. */
	term_send(t, "cheque" ENTER);
	CHECK(term_wait(t, "Refused:", WAIT));
	CHECK(term_has(t, "Step 6 of 9"));
	term_send(t, CTRL_U "card:1234" ENTER);
	CHECK(term_wait(t, "Step 7 of 9: Data", WAIT));
	CHECK(term_has(t, "VAT number"));
	CHECK(term_has(t, "no API"));
	term_send(t, ESC);
	CHECK(term_wait(t, "Step 6 of 9: Payment method", WAIT));
	CHECK(term_has(t, "card:1234"));
	CHECK(term_has(t, "(declared)"));
	if (!strcmp(s->name, "two-cards"))
		CHECK(term_has(t, "identifies"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 7 of 9: Data", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 8 of 9: Discount", WAIT));
	CHECK(flat_has(t, "EUR 100"));
	CHECK(flat_has(t, "not on Dedibox or Elastic Metal"));
	/* Only the linked accounts got the credit: its remaining value shows. */
	CHECK(term_has(t, "remaining until") == !strcmp(s->name, "linked"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 9 of 9: Result", WAIT));
	CHECK(term_has(t, "linked_"));
	if (strcmp(s->name, "linked") != 0)
		return true;
	/* Linked: both APIs list the same servers; the saved profile lists
	 * each once. */
	CHECK(n > 0);
	term_send(t, ENTER);
	snprintf(want, sizeof(want), " %lu servers", n);
	CHECK(term_wait(t, want, WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(status_has(t, "linked"));
	return true;
}

#define SCN(i) \
	static bool t_##i(struct world *w, struct term *t) { return walk(w, t, &scenarios[i]); }
SCN(0) SCN(1) SCN(2) SCN(3) SCN(4) SCN(5) SCN(6) SCN(7) SCN(8) SCN(9) SCN(10) SCN(11) SCN(12)

/* Left at step 5 (dedi quits), resumed by the next `dedi link`, saved:
 * the console switches to the new profile and its Servers tab lists the
 * servers of both APIs, merged. The report is written; no file but the
 * vault holds a secret. */
static bool t_resume(struct world *w, struct term *t)
{
	char report[300], cmd[1024], want[64];
	unsigned long n = 0;

	snprintf(report, sizeof(report), "link-report.md");
	CHECK(start(w, t, "not-owner", report, sizeof(report)));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9", WAIT));
	term_send(t, "dbx" ENTER);
	CHECK(term_wait(t, "Token accepted", WAIT));
	n = token_servers(t);
	CHECK(n > 0);
	term_send(t, ENTER "scw" ENTER);
	CHECK(term_wait(t, "Key accepted", WAIT));
	CHECK(term_has(t, "member"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Not linked", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 5 of 9", WAIT));
	CHECK(verdict(t, DD_LR_NOT_OWNER) == 'F');
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, CTRL_C);
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);

	CHECK(open_link(w, t, NULL));
	CHECK(term_wait(t, "Resume the wizard at step 5 (Eligibility)?", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 5 of 9: Eligibility", WAIT));
	CHECK(term_wait(t, "FAIL", WAIT));
	CHECK(verdict(t, DD_LR_NOT_OWNER) == 'F');
	for (int s = 6; s <= 8; s++)
		term_send(t, ENTER);
	CHECK(term_wait(t, "Step 8 of 9", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 9 of 9: Result", WAIT));
	/* The report file kept from the first session's --report. */
	CHECK(term_has(t, "link-report.md"));
	term_send(t, CTRL_U "both");
	CHECK(term_wait(t, "both_", WAIT));
	term_send(t, ENTER);
	snprintf(want, sizeof(want), " %lu servers", n);
	CHECK(term_wait(t, want, WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(status_has(t, "both"));
	CHECK(term_has(t, "Profile both saved"));
	/* The report names the failing rule; no plain file holds a secret. */
	snprintf(cmd, sizeof(cmd), "grep -q not-owner '%s'", report);
	CHECK(system(cmd) == 0);
	snprintf(cmd, sizeof(cmd), "! grep -rqF -e '%s' -e '%s' '%s'", DD_SANDBOX_ONLINE_TOKEN,
		 DD_SANDBOX_SECRET_KEY, w->dir);
	CHECK(system(cmd) == 0);
	term_send(t, CTRL_C);
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);

	/* Finished: the next `dedi link` starts afresh, the profile is kept. */
	CHECK(open_link(w, t, NULL));
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	CHECK(!term_has(t, "Resume the wizard"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9", WAIT));
	term_send(t, "both" ENTER);
	CHECK(term_wait(t, "Token accepted", WAIT));
	return true;
}

/* Typed credentials: stars on the screen, Tab and Shift-Tab between the
 * fields, a wrong token refused by the API, and "Start over" forgets. */
static bool t_typed(struct world *w, struct term *t)
{
	CHECK(start(w, t, "eligible", NULL, 0));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9", WAIT));
	term_send(t, "\tnot-the-token" ENTER);
	CHECK(term_wait(t, "Refused", WAIT));
	CHECK(!term_has(t, "not-the-token"));
	term_send(t, CTRL_U DD_SANDBOX_ONLINE_TOKEN ENTER);
	CHECK(term_wait(t, "Token accepted", WAIT));
	CHECK(!term_has(t, DD_SANDBOX_ONLINE_TOKEN));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 3 of 9", WAIT));
	/* Access key, secret, organization; the secret back with Shift-Tab. */
	term_send(t, "\t" DD_SANDBOX_ACCESS_KEY "\tx\t" DD_SANDBOX_ORGANIZATION_ID BTAB);
	term_send(t, CTRL_U DD_SANDBOX_SECRET_KEY ENTER);
	CHECK(term_wait(t, "Key accepted", WAIT));
	CHECK(term_has(t, "owner"));
	CHECK(!term_has(t, DD_SANDBOX_SECRET_KEY));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Not linked", WAIT));
	/* Esc back to step 1, then leave the wizard for the Account tab. */
	for (int i = 0; i < 3; i++)
		term_send(t, ESC);
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	term_send(t, ESC);
	CHECK(term_wait(t, "Link accounts  (Enter)", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	term_send(t, CTRL_C);
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);
	/* Left at step 1: nothing to resume, but the typed token is kept (in
	 * the vault). Go to 3 and leave there, then Start over. */
	CHECK(open_link(w, t, NULL));
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	CHECK(!term_has(t, "Resume the wizard"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Token accepted", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 3 of 9", WAIT));
	term_send(t, CTRL_C);
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);
	CHECK(open_link(w, t, NULL));
	CHECK(term_wait(t, "Resume the wizard at step 3", WAIT));
	term_send(t, "\t" ENTER);
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Step 2 of 9", WAIT));
	/* The typed token was forgotten with the rest. */
	CHECK(!term_has(t, "****"));
	/* Back at step 1 with nothing given: the vault holds no record (a dedi
	 * older than records opens it). */
	term_send(t, ESC);
	CHECK(term_wait(t, "Step 1 of 9", WAIT));
	term_send(t, CTRL_C);
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);
	CHECK(vault_record_absent(w));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "scenario linked", t_0, 90 },
		{ "scenario eligible", t_1, 90 },
		{ "scenario webhosting", t_2, 90 },
		{ "scenario domain", t_3, 90 },
		{ "scenario dedirack", t_4, 90 },
		{ "scenario outsourced", t_5, 90 },
		{ "scenario paypal", t_6, 90 },
		{ "scenario not-owner", t_7, 90 },
		{ "scenario country-mismatch", t_8, 90 },
		{ "scenario several", t_9, 90 },
		{ "scenario sepa-one-side", t_10, 90 },
		{ "scenario two-cards", t_11, 90 },
		{ "scenario no-servers", t_12, 90 },
		{ "left at step 5, resumed, saved: the merged server list", t_resume, 120 },
		{ "typed credentials: masked, refused, Tab/Shift-Tab, start over", t_typed, 90 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
