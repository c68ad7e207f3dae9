#include "tui/install.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <sodium.h>

#include "core/actions_load.h"
#include "core/install.h"
#include "core/ssh_keys.h"
#include "core/write.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/status.h"

/* Between two reads of the progress: steps take minutes. */
#define POLL_MS 2000

enum stage { ST_OSES, ST_PLAN, ST_SENT, ST_DONE };
enum field { F_HOSTNAME = 1, F_USER, F_PART };

/* The wizard's state: one, on the app, freed when the screen is left.
 * Callbacks carry gen: an answer for an older wizard is dropped. */
struct dd_install_wiz {
	unsigned gen;
	int64_t id;
	enum stage stage;
	bool loading;
	size_t cursor;             /* the system (ST_OSES) or the partition (ST_PLAN) */
	struct dd_install in;      /* the plan; the password is wiped with it */
	bool pw_shown;             /* after sending: the password is on screen once */
	char seen_host[256], seen_status[16];
	char status[32];           /* the installation's step */
	uint64_t started_ms, next_poll_ms;
	bool polling;
	struct dd_ssh_keys keys;   /* the Organization's, to mark (space) into in.ssh_key_ids */
	bool keys_loading;
	char keys_note[160];       /* why there are none to pick, "" otherwise */
};


struct cb {
	struct dd_app *app;
	unsigned gen;
};

static unsigned next_gen;

static struct dd_install_wiz *wiz(const struct dd_app *app)
{
	return app->install;
}

static const struct dd_server *record(const struct dd_app *app)
{
	return wiz(app) ? dd_store_server(dd_account_store(app->account), wiz(app)->id) : NULL;
}

static struct cb *cb_new(struct dd_app *app)
{
	struct cb *c = malloc(sizeof(*c));
	if (c)
		*c = (struct cb){ app, wiz(app)->gen };
	return c;
}

/* The callback's wizard, or NULL when it is gone (c freed then). */
static struct dd_install_wiz *cb_wiz(struct cb *c)
{
	struct dd_install_wiz *w = wiz(c->app);
	if (!w || w->gen != c->gen)
		return NULL;
	return w;
}

static void free_wiz(struct dd_app *app)
{
	struct dd_install_wiz *w = wiz(app);
	if (!w)
		return;
	dd_ssh_keys_clear(&w->keys);
	sodium_memzero(w, sizeof(*w));
	free(w);
	app->install = NULL;
}

/* The systems live in the store (DD_KIND_OSES, per server): a second open
 * of the wizard reads nothing. An empty list when they are not read. */
static const struct dd_rescue_images *oses(const struct dd_app *app, const struct dd_install_wiz *w)
{
	static const struct dd_rescue_images none;
	const struct dd_server_sections *sec = dd_store_sections(dd_account_store(app->account), w->id);
	return sec ? &sec->oses : &none;
}

static void oses_done(void *ud, const struct dd_error *err)
{
	struct cb *c = ud;
	struct dd_install_wiz *w = cb_wiz(c);
	if (w) {
		w->loading = false;
		if (err->kind != DD_OK)
			dd_status_error(&c->app->status, c->app->now_ms, "Systems", err);
		c->app->dirty = true;
	}
	free(c);
}

void dd_install_open(struct dd_app *app, int64_t id)
{
	const struct dd_server *s = dd_store_server(dd_account_store(app->account), id);
	struct dd_install_wiz *w;
	struct dd_error err;
	struct cb *c;

	if (!s)
		return;
	free_wiz(app);
	if (!(w = calloc(1, sizeof(*w))))
		return;
	w->gen = ++next_gen;
	w->id = id;
	w->loading = true;
	app->install = w;
	dd_error_clear(&err);
	int rc = -1;
	if (!(c = cb_new(app)) ||
	    (rc = dd_actions_load_list(app->account, app->http, s, DD_KIND_OSES, false, oses_done, c, &err)) < 0) {
		free(c);
		w->loading = false;
		dd_status_error(&app->status, app->now_ms, "Install", &err);
		free_wiz(app);
		return;
	}
	if (rc == 1) {
		/* fresh in the store already */
		free(c);
		w->loading = false;
	}
	dd_app_switch(app, &dd_screen_install);
}

static void load_keys(struct dd_app *app, struct dd_install_wiz *w);

static void defaults_done(void *ud, const struct dd_error *err)
{
	struct cb *c = ud;
	struct dd_install_wiz *w = cb_wiz(c);
	struct dd_app *app = c->app;
	const struct dd_server *s = w ? record(app) : NULL;
	free(c);
	if (!w)
		return;
	w->loading = false;
	app->dirty = true;
	if (err->kind != DD_OK || !s) {
		dd_status_error(&app->status, app->now_ms, "Partitioning", err);
		return;
	}
	snprintf(w->in.hostname, sizeof(w->in.hostname), "%s", s->hostname);
	if (!w->in.user_login[0])
		snprintf(w->in.user_login, sizeof(w->in.user_login), "%s",
			 getenv("USER") && *getenv("USER") ? getenv("USER") : "admin");
	dd_install_gen_password(w->in.user_password, sizeof(w->in.user_password));
	w->stage = ST_PLAN;
	w->cursor = 0;
	if (!w->keys.n && !w->keys_loading)
		load_keys(app, w);
}

/* The keys' answer lands in the callback's own list, moved into the
 * wizard only if it is still the one that asked. */
struct keys_cb {
	struct cb c;
	struct dd_ssh_keys keys;
};

static void keys_done(void *ud, const struct dd_error *err)
{
	struct keys_cb *k = ud;
	struct dd_install_wiz *w = cb_wiz(&k->c);
	if (w) {
		w->keys_loading = false;
		k->c.app->dirty = true;
		if (err->kind != DD_OK) {
			snprintf(w->keys_note, sizeof(w->keys_note), "SSH keys: %s", err->message);
		} else {
			w->keys = k->keys;
			k->keys = (struct dd_ssh_keys){ 0 };
			if (!w->keys.n)
				snprintf(w->keys_note, sizeof(w->keys_note), "The account has no SSH key.");
		}
	}
	dd_ssh_keys_clear(&k->keys);
	free(k);
}

static void load_keys(struct dd_app *app, struct dd_install_wiz *w)
{
	struct keys_cb *k = calloc(1, sizeof(*k));
	struct dd_error err;
	dd_error_clear(&err);
	if (!k) {
		snprintf(w->keys_note, sizeof(w->keys_note), "SSH keys: out of memory");
		return;
	}
	k->c = (struct cb){ app, w->gen };
	w->keys_loading = true;
	const struct dd_server *s = record(app);
	if (!s || dd_ssh_keys_load(app->account, app->http, s, &k->keys, keys_done, k, &err) < 0) {
		w->keys_loading = false;
		snprintf(w->keys_note, sizeof(w->keys_note), "%s", err.message);
		free(k);
	}
}

/* Marks or unmarks key i for the installation. */
static void toggle_key(struct dd_install_wiz *w, size_t i, struct dd_app *app)
{
	const struct dd_ssh_key *key = &w->keys.v[i];
	for (size_t k = 0; k < w->in.nkeys; k++)
		if (strcmp(w->in.ssh_key_ids[k], key->id) == 0) {
			memmove(w->in.ssh_key_ids[k], w->in.ssh_key_ids[k + 1],
				(w->in.nkeys - k - 1) * sizeof(w->in.ssh_key_ids[0]));
			w->in.nkeys--;
			return;
		}
	struct dd_error err;
	if (dd_ssh_keys_pick(&w->keys, key->id, &w->in, &err) < 0)
		dd_status_error(&app->status, app->now_ms, "SSH key", &err);
}

static bool key_marked(const struct dd_install_wiz *w, const struct dd_ssh_key *key)
{
	for (size_t k = 0; k < w->in.nkeys; k++)
		if (strcmp(w->in.ssh_key_ids[k], key->id) == 0)
			return true;
	return false;
}

static void pick_os(struct dd_app *app)
{
	struct dd_install_wiz *w = wiz(app);
	const struct dd_server *s = record(app);
	struct dd_error err;
	struct cb *c;

	const struct dd_rescue_images *l = oses(app, w);
	if (w->loading || w->cursor >= l->n || !s)
		return;
	dd_error_clear(&err);
	w->loading = true;
	snprintf(w->in.os_name, sizeof(w->in.os_name), "%s", l->v[w->cursor].name);
	if (!(c = cb_new(app)) ||
	    dd_install_load_defaults(app->account, app->http, s, l->v[w->cursor].os_id, &w->in,
				     defaults_done, c, &err) < 0) {
		free(c);
		w->loading = false;
		dd_status_error(&app->status, app->now_ms, "Partitioning", &err);
	}
}

static void write_done(void *ud, const struct dd_write_result *r)
{
	struct cb *c = ud;
	struct dd_install_wiz *w = cb_wiz(c);
	struct dd_app *app = c->app;
	bool cancel = strstr(r->plan->req.url, "/cancel-install") != NULL;
	free(c);
	if (r->outcome != DD_WRITE_OK) {
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
		if (w && !cancel)
			w->stage = ST_PLAN;
	} else {
		dd_status_done(&app->status, app->now_ms, "%s: done.", r->plan->summary);
		if (w && cancel) {
			w->polling = false;
			w->stage = ST_DONE;
			snprintf(w->status, sizeof(w->status), "cancelled");
		} else if (w) {
			w->pw_shown = true;
			w->polling = true;
			w->started_ms = app->now_ms;
			w->next_poll_ms = app->now_ms;
		}
	}
	app->dirty = true;
}

static void send_answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct cb *c = ud;
	struct dd_install_wiz *w = cb_wiz(c);
	const struct dd_server *s = w ? record(app) : NULL;
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_write_plan plan;
	struct dd_error err;
	bool cancel = w && w->stage == ST_SENT;
	int rc = -1;

	if (out != DD_DIALOG_CONFIRMED || !s) {
		dd_status_info(&app->status, app->now_ms, "Cancelled: nothing sent.");
		free(c);
		return;
	}
	dd_error_clear(&err);
	memset(&plan, 0, sizeof(plan));
	struct dd_write_seen seen = { w->seen_host, w->seen_status[0] ? w->seen_status : NULL };
	if ((cancel ? dd_install_plan_cancel(app->account, s, &plan, &err)
		    : dd_install_plan(app->account, s, &w->in, &plan, &err)) == 0)
		rc = dd_write_send(app->account, app->http, pol, &plan, cancel ? NULL : &seen, write_done,
				   c, &err);
	if (rc == 1)
		dd_status_done(&app->status, app->now_ms, "Dry run, nothing sent: %s", plan.summary);
	else if (rc < 0)
		dd_status_error(&app->status, app->now_ms, "Install", &err);
	else if (!cancel)
		w->stage = ST_SENT;
	if (rc != 0)
		free(c);
	dd_write_plan_wipe(&plan);
	app->dirty = true;
}

/* The confirmation: the request as it will be sent, the hostname typed. */
static void ask(struct dd_app *app, bool cancel)
{
	struct dd_install_wiz *w = wiz(app);
	const struct dd_server *s = record(app);
	struct dd_write_plan plan;
	struct dd_error err;
	char title[160], ids[24];
	struct cb *c;

	if (!s)
		return;
	dd_error_clear(&err);
	if ((cancel ? dd_install_plan_cancel(app->account, s, &plan, &err)
		    : dd_install_plan(app->account, s, &w->in, &plan, &err)) < 0) {
		dd_status_error(&app->status, app->now_ms, "Install", &err);
		dd_write_plan_wipe(&plan);
		return;
	}
	if (!(c = cb_new(app))) {
		dd_write_plan_wipe(&plan);
		return;
	}
	snprintf(w->seen_host, sizeof(w->seen_host), "%s", s->hostname ? s->hostname : "");
	snprintf(w->seen_status, sizeof(w->seen_status), "%s", s->status);
	snprintf(ids, sizeof(ids), "%" PRId64, s->id);
	snprintf(title, sizeof(title), "%s?", plan.summary);
	struct dd_dialog_spec spec = {
		.title = title,
		.text = cancel ? "The server keeps what was written so far." :
				 "Every disk of the server is erased. Type the hostname to enable Install.",
		.method = dd_http_method_name(plan.req.method),
		.resource = plan.req.url,
		.body = plan.req.shown,
		.confirm_label = cancel ? "Cancel install" : "Install",
		.typed = w->seen_host[0] ? w->seen_host : ids,
		.done = send_answered,
		.ud = c,
	};
	dd_app_dialog(app, &spec);
	dd_write_plan_wipe(&plan);
}

static void status_done(void *ud, const struct dd_error *err)
{
	struct cb *c = ud;
	struct dd_install_wiz *w = cb_wiz(c);
	struct dd_app *app = c->app;
	free(c);
	if (!w)
		return;
	w->next_poll_ms = app->now_ms + POLL_MS;
	if (err->kind != DD_OK) {
		dd_status_error(&app->status, app->now_ms, "Install progress", err);
	} else if (dd_install_step(w->status) == DD_INSTALL_STEPS) {
		w->polling = false;
		w->stage = ST_DONE;
		dd_status_done(&app->status, app->now_ms, "%s is installed.", w->in.hostname);
		dd_account_reload_server(app->account, app->http, w->id, NULL, NULL, &(struct dd_error){ 0 });
	}
	app->dirty = true;
}

void dd_install_tick(struct dd_app *app)
{
	struct dd_install_wiz *w = wiz(app);
	const struct dd_server *s = record(app);
	struct dd_error err;
	struct cb *c;

	if (!w || !s || !w->polling || app->now_ms < w->next_poll_ms)
		return;
	w->next_poll_ms = UINT64_MAX; /* one read at a time */
	dd_error_clear(&err);
	if (!(c = cb_new(app)) ||
	    dd_install_read_status(app->account, app->http, s, w->status, sizeof(w->status), status_done,
				   c, &err) < 0) {
		free(c);
		w->next_poll_ms = app->now_ms + POLL_MS;
		dd_status_error(&app->status, app->now_ms, "Install progress", &err);
	}
	app->dirty = true; /* the elapsed time moves on */
}

static void line(const struct dd_app *app, int *y, int bottom, enum dd_role role, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void line(const struct dd_app *app, int *y, int bottom, enum dd_role role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	if (*y >= bottom)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	dd_draw_field(*y, 2, app->cols - 4, buf, dd_theme_attr(&app->theme, role));
	(*y)++;
}

static void draw(const struct dd_app *app)
{
	const struct dd_install_wiz *w = wiz(app);
	const struct dd_server *s = record(app);
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	char title[160];

	if (!w || !s)
		return;
	snprintf(title, sizeof(title), " Install server #%" PRId64 " %s", s->id, s->hostname);
	dd_draw_field(y++, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	y++;
	if (w->stage == ST_OSES) {
		line(app, &y, bottom, DD_R_LABEL, "1. Pick a system (j/k, Enter); Esc leaves.");
		if (w->loading)
			line(app, &y, bottom, DD_R_DIM, "Loading…");
		const struct dd_rescue_images *l = oses(app, w);
		for (size_t i = 0; i < l->n && y < bottom; i++) {
			char row[160];
			snprintf(row, sizeof(row), "%6" PRId64 "  %s", l->v[i].os_id, l->v[i].name);
			dd_draw_field(y++, 2, app->cols - 4, row,
				      dd_theme_attr(&app->theme, i == w->cursor ? DD_R_CURSOR : DD_R_ROW));
		}
		return;
	}
	line(app, &y, bottom, DD_R_LABEL, "system     %s (os %" PRId64 ")", w->in.os_name, w->in.os_id);
	line(app, &y, bottom, DD_R_VALUE, "hostname   %s   (h edits)", w->in.hostname);
	line(app, &y, bottom, DD_R_VALUE, "user       %s   (u edits)", w->in.user_login);
	if (w->pw_shown && w->stage != ST_PLAN) {
		line(app, &y, bottom, DD_R_OK, "password   %s   (shown once: note it now)", w->in.user_password);
		if (w->in.online)
			line(app, &y, bottom, DD_R_OK, "root       %s   (shown once: note it now)", w->in.root_password);
	} else {
		line(app, &y, bottom, DD_R_VALUE, "password   generated, 20 characters, shown once after sending%s",
		     w->in.online ? " (root's too)" : "");
	}
	line(app, &y, bottom, DD_R_LABEL, w->in.online ? "partitions: the Online API lays the disks out itself for this system"
						       : "partitions (the API's default for this system):");
	for (size_t i = 0; i < w->in.parts.n; i++) {
		const struct dd_partition *p = &w->in.parts.v[i];
		line(app, &y, bottom, w->stage == ST_PLAN && i == w->cursor ? DD_R_CURSOR : DD_R_ROW,
		     "  %zu  %-6s %-10s %9.1f GiB  %-8s on %zu disk(s)", i + 1, p->file_system,
		     p->mount_point[0] ? p->mount_point : "-", (double)p->capacity / 1073741824.0,
		     p->raid_level, p->nconn);
	}
	if (w->stage == ST_PLAN || w->in.nkeys) {
		line(app, &y, bottom, DD_R_LABEL, "SSH keys for the user (space marks):");
		if (w->keys_loading)
			line(app, &y, bottom, DD_R_DIM, "  Loading…");
		else if (w->keys_note[0])
			line(app, &y, bottom, DD_R_DIM, "  %s", w->keys_note);
		for (size_t i = 0; i < w->keys.n; i++) {
			const struct dd_ssh_key *k = &w->keys.v[i];
			bool on = key_marked(w, k);
			if (w->stage != ST_PLAN && !on)
				continue;
			line(app, &y, bottom,
			     w->stage == ST_PLAN && w->cursor == w->in.parts.n + i ? DD_R_CURSOR : DD_R_ROW,
			     "  [%c] %-20s %s%s", on ? 'x' : ' ', k->name, k->fingerprint,
			     k->disabled ? "  (disabled)" : "");
		}
	}
	y++;
	if (w->stage == ST_PLAN) {
		line(app, &y, bottom, DD_R_LABEL, "j/k, p: edit a partition, space: mark a key   Enter: install (asks, the hostname typed)   Esc: leave");
		return;
	}
	int step = dd_install_step(w->status);
	uint64_t el = (app->now_ms - w->started_ms) / 1000;
	line(app, &y, bottom, w->stage == ST_DONE ? DD_R_OK : DD_R_LABEL, "progress   %s (%d/%d)  %02" PRIu64 ":%02" PRIu64,
	     w->status[0] ? w->status : "sent", step, DD_INSTALL_STEPS, el / 60, el % 60);
	if (w->stage == ST_SENT)
		line(app, &y, bottom, DD_R_DIM, "x: cancel the installation (asks); Esc leaves, it goes on.");
	else
		line(app, &y, bottom, DD_R_DIM, "Esc: back to the servers.");
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_install_wiz *w = wiz(app);
	bool enter = !fkey && (ch == '\r' || ch == '\n');

	if (!w)
		return DD_RES_BACK;
	if (act == DD_ACT_ESC || act == DD_ACT_BACK)
		return DD_RES_BACK;
	if (w->stage == ST_OSES) {
		if (act == DD_ACT_DOWN && w->cursor + 1 < oses(app, w)->n)
			w->cursor++;
		else if (act == DD_ACT_UP && w->cursor)
			w->cursor--;
		else if (enter)
			pick_os(app);
		else
			return DD_RES_UNHANDLED;
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_PLAN && !fkey && ch == ' ') {
		if (w->cursor >= w->in.parts.n && w->cursor - w->in.parts.n < w->keys.n)
			toggle_key(w, w->cursor - w->in.parts.n, app);
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_PLAN && (act == DD_ACT_DOWN || act == DD_ACT_UP)) {
		/* the rows: the partitions, then the SSH keys */
		if (act == DD_ACT_DOWN && w->cursor + 1 < w->in.parts.n + w->keys.n)
			w->cursor++;
		else if (act == DD_ACT_UP && w->cursor)
			w->cursor--;
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_PLAN && !fkey && ch == 'p' && w->cursor < w->in.parts.n) {
		const struct dd_partition *pt = &w->in.parts.v[w->cursor];
		char label[64], init[128];
		snprintf(label, sizeof(label), "partition %zu (FS MOUNT GIB RAID): ", w->cursor + 1);
		snprintf(init, sizeof(init), "%s %s %.1f %s", pt->file_system,
			 pt->mount_point[0] ? pt->mount_point : "-", (double)pt->capacity / 1073741824.0,
			 pt->raid_level);
		dd_prompt_open(&app->prompt, DD_P_EDIT, label, init);
		app->prompt.target = F_PART;
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_PLAN && !fkey && (ch == 'h' || ch == 'u')) {
		dd_prompt_open(&app->prompt, DD_P_EDIT, ch == 'h' ? "hostname: " : "user: ",
			       ch == 'h' ? w->in.hostname : w->in.user_login);
		app->prompt.target = ch == 'h' ? F_HOSTNAME : F_USER;
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_PLAN && enter) {
		ask(app, false);
		return DD_RES_REDRAW;
	}
	if (w->stage == ST_SENT && !fkey && ch == 'x') {
		ask(app, true);
		return DD_RES_REDRAW;
	}
	return DD_RES_UNHANDLED;
}

static enum dd_result submit(struct dd_app *app)
{
	struct dd_install_wiz *w = wiz(app);
	struct dd_prompt *p = &app->prompt;
	if (w && p->target == F_PART) {
		struct dd_error err;
		dd_error_clear(&err);
		if (dd_install_edit_partition(&w->in, w->cursor, p->buf, &err) < 0) {
			/* the prompt stays open with the reason */
			snprintf(p->err, sizeof(p->err), "%s", err.message);
			return DD_RES_REDRAW;
		}
	} else if (w && p->target == F_HOSTNAME)
		snprintf(w->in.hostname, sizeof(w->in.hostname), "%s", p->buf);
	else if (w && p->target == F_USER)
		snprintf(w->in.user_login, sizeof(w->in.user_login), "%s", p->buf);
	dd_prompt_close(p);
	return DD_RES_REDRAW;
}

static void leave(struct dd_app *app)
{
	free_wiz(app);
}

const struct dd_screen_ops dd_screen_install = {
	.name = "Install",
	.scopes = DD_KS_MOVE,
	.leave = leave,
	.draw = draw,
	.key = key,
	.submit = submit,
	.free = leave,
};
