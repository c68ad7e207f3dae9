/* The console's entry point, called by dedi's main when no subcommand is
 * given. Everything curses stays behind this header. */
#ifndef DD_TUI_H
#define DD_TUI_H

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/profile.h"
#include "core/vault.h"
#include "core/write.h"

/* `dedi link`: the console opens on the link wizard (tui/link_wizard.h)
 * with what the command line declared. Strings borrowed, NULL when not
 * given. */
struct dd_tui_link {
	const char *report;            /* --report FILE: step 9's report field */
	const char *scaleway_payment;  /* --scaleway-payment: step 6's field */
	const char *dedibox_country;   /* --dedibox-country CC (checked) */
	const char *scaleway_country;  /* --scaleway-country CC (checked) */
};

struct dd_tui_opts {
	struct dd_account *account;  /* the selected profile; dd_tui_run frees it
					(or the one it switched to) */
	struct dd_http *http;        /* borrowed: the one request queue */
	const char *theme;           /* --theme NAME or NULL */
	const char *profile_label;   /* shown on the status line */
	int demo;                    /* running on the embedded sandbox */
	const struct dd_profiles *profiles; /* borrowed: what `:profile` can open;
					       NULL in the demo */
	/* Told when the console switched to account a (the audit log names
	 * the profile); may be NULL. */
	void (*switched)(void *ud, const struct dd_account *a);
	void *ud;                    /* for switched */
	const struct dd_write_policy *writes; /* borrowed: how edits are sent (core/write) */
	int offline;                 /* --offline: the cache only, nothing sent */
	/* linkwiz: `dedi link` only. vault: borrowed, open for writing (the
	 * wizard keeps its place and saves its profile there), NULL in any
	 * other console; link: open on the wizard with these. */
	struct dd_vault *vault;
	const struct dd_tui_link *link;
};

/* Runs the console until the user quits, then frees the account in use.
 * Returns the process exit code; err is filled when the console could
 * not start (no terminal...). */
int dd_tui_run(const struct dd_tui_opts *opts, struct dd_error *err);

#endif
