/* The account-linking wizard (issue 22): nine steps, each a screen, over
 * one state. `dedi link` opens the console on it; the Account tab opens
 * it with Enter. link_wizard.c holds the state, keys and what each step
 * starts (live checks, gathering, saving); link_steps.c draws the steps. */
#ifndef DD_TUI_LINK_WIZARD_H
#define DD_TUI_LINK_WIZARD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/link_form.h"
#include "core/link_gather.h"
#include "core/linking.h"
#include "core/scw_iam.h"

struct dd_app;

enum dd_lw_check {
	DD_LW_UNCHECKED,   /* not asked since the fields changed */
	DD_LW_CHECKING,    /* the request is in flight */
	DD_LW_VALID,       /* the API accepted it */
	DD_LW_REFUSED      /* the API (or the form) refused it: said holds why */
};

/* A field of a step, for editing and drawing. */
struct dd_lw_field {
	const char *label;
	bool secret;       /* drawn as stars */
};

struct dd_linkwiz {
	struct dd_link_form form;     /* what was given (core/link_form.h) */
	bool asking_resume;           /* "Resume the wizard at step N? / Start over" */
	int resume_choice;            /* 0 resume, 1 start over */
	int field;                    /* the focused field of the step */
	char err[320];                /* the step's problem, shown under its fields */
	enum dd_lw_check dbx, scw;    /* steps 2 and 3 */
	char dbx_said[320], scw_said[320]; /* what the APIs answered */
	struct dd_authcheck chk;      /* the live check in flight or last done */
	struct dd_creds *probe;       /* its credentials (locked) */
	int checking_step;            /* the step whose check is in flight, 0 none */
	struct dd_link_facts *facts;  /* steps 4-8: gathered (allocated, large) */
	struct dd_link_report report; /* judged from facts */
	struct dd_link_gather *gather;/* in flight, or NULL */
	struct dd_creds *gcreds;      /* the gathering's credentials (locked) */
	bool judged;                  /* report holds a verdict on facts */
	bool kept_warned;             /* said once that no vault keeps the state */
};

/* The fields of step (1-9); n is 0 for a step without. */
const struct dd_lw_field *dd_linkwiz_fields(int step, size_t *n);
/* The text of field i of the current step (borrowed). */
const char *dd_linkwiz_value(const struct dd_linkwiz *w, int i);
/* "Scaleway side": the step's title. */
const char *dd_linkwiz_title(int step);

/* link_steps.c: draws step w->form.step in rows y..y+h-1. */
void dd_linkwiz_draw_step(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h);

/* Opens the wizard over the Account tab (`dedi link`, Enter on Account). */
void dd_linkwiz_open(struct dd_app *app);

extern const struct dd_screen_ops dd_screen_link;

#endif
