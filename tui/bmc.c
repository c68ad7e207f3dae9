#include "tui/bmc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>
#include <sodium.h>

#include "core/actions.h"
#include "core/write.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/status.h"

enum stage { B_IP, B_SENDING, B_OPEN, B_REVOKED };

/* The screen's state: one, on the app, freed (the password wiped) when the
 * screen is left. Requests carry gen: an answer for an older view is
 * dropped. */
struct dd_bmc_view {
	unsigned gen;
	int64_t id;
	enum stage stage;
	char ip[64];               /* the address allowed, as typed */
	struct dd_bmc b;           /* the access: secret, wiped */
	uint64_t next_read_ms;     /* Online, B_SENDING after the key came: when to read the session; 0 none */
	bool reading;              /* that read is in flight */
};

/* One write in flight: its plan lives here until its callback ran. */
struct req {
	struct dd_app *app;
	unsigned gen;
	bool revoke;
	struct dd_write_plan plan;
	char seen_host[256], seen_status[16];
};

static unsigned next_gen;

static struct dd_bmc_view *view(const struct dd_app *app)
{
	return app->bmc;
}

static const struct dd_server *record(const struct dd_app *app)
{
	return view(app) ? dd_store_server(dd_account_store(app->account), view(app)->id) : NULL;
}

static void free_view(struct dd_app *app)
{
	if (!app->bmc)
		return;
	sodium_memzero(app->bmc, sizeof(*app->bmc));
	free(app->bmc);
	app->bmc = NULL;
}

static void req_free(struct req *q)
{
	dd_write_plan_wipe(&q->plan);
	free(q);
}

/* The request's view, or NULL when it was left since. */
static struct dd_bmc_view *req_view(const struct req *q)
{
	struct dd_bmc_view *v = view(q->app);
	return v && v->gen == q->gen ? v : NULL;
}

static void ask_ip(struct dd_app *app)
{
	dd_prompt_open(&app->prompt, DD_P_EDIT, "allowed IPv4 address: ", view(app)->ip);
}

static void write_done(void *ud, const struct dd_write_result *r)
{
	struct req *q = ud;
	struct dd_bmc_view *v = req_view(q);
	struct dd_app *app = q->app;
	struct dd_error err;

	if (r->outcome != DD_WRITE_OK) {
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
		if (v)
			v->stage = q->revoke ? B_OPEN : B_IP;
	} else if (q->revoke) {
		dd_status_done(&app->status, app->now_ms, "%s: done.", r->plan->summary);
		if (v) {
			sodium_memzero(&v->b, sizeof(v->b));
			v->stage = B_REVOKED;
		}
	} else if (v) {
		if (dd_action_decode_bmc(&q->plan, r->body, r->body_len, r->date, &v->b, &err) < 0) {
			dd_status_error(&app->status, app->now_ms, "KVM", &err);
			v->stage = B_IP;
		} else if (!strcmp(v->b.status, "creating") && v->b.session_key[0]) {
			/* Online: the key now, the details once the BMC is ready */
			v->stage = B_SENDING;
			v->next_read_ms = app->now_ms;
			dd_status_done(&app->status, app->now_ms, "%s: done.", r->plan->summary);
		} else {
			v->stage = B_OPEN;
			dd_status_done(&app->status, app->now_ms, "%s: done.", r->plan->summary);
		}
	}
	app->dirty = true;
	req_free(q);
}

static void answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct req *q = ud;
	struct dd_bmc_view *v = req_view(q);
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_write_seen seen = { q->seen_host, q->seen_status[0] ? q->seen_status : NULL };
	struct dd_error err;
	int rc;

	if (out != DD_DIALOG_CONFIRMED || !v) {
		dd_status_info(&app->status, app->now_ms, "Cancelled: nothing sent.");
		req_free(q);
		return;
	}
	dd_error_clear(&err);
	rc = dd_write_send(app->account, app->http, pol, &q->plan, &seen, write_done, q, &err);
	if (rc == 1) {
		char text[600];
		dd_write_describe(&q->plan, text, sizeof(text));
		for (char *c = text; *c; c++)
			*c = *c == '\n' ? ' ' : *c;
		dd_status_done(&app->status, app->now_ms, "Dry run, nothing sent: %s", text);
	} else if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, q->plan.summary, &err);
	} else {
		v->stage = B_SENDING;
	}
	if (rc != 0)
		req_free(q);
	app->dirty = true;
}

/* The dialog of an open (the IP checked by the planner) or a revoke. 0, or
 * -1 with err (a bad address: the prompt keeps it). */
static int ask(struct dd_app *app, bool revoke, struct dd_error *err)
{
	struct dd_bmc_view *v = view(app);
	const struct dd_server *s = record(app);
	struct req *q;
	char title[300], ids[24];

	if (!s)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL, "The server is no longer listed.");
	if (!(q = calloc(1, sizeof(*q))))
		return dd_error_oom(err);
	*q = (struct req){ .app = app, .gen = v->gen, .revoke = revoke };
	snprintf(q->seen_host, sizeof(q->seen_host), "%s", s->hostname ? s->hostname : "");
	snprintf(q->seen_status, sizeof(q->seen_status), "%s", s->status);
	if ((revoke ? dd_action_bmc_off(app->account, s, &v->b, &q->plan, err)
		    : dd_action_bmc(app->account, s, v->ip, &q->plan, err)) < 0) {
		req_free(q);
		return -1;
	}
	snprintf(ids, sizeof(ids), "%" PRId64, s->id);
	snprintf(title, sizeof(title), "%s?", q->plan.summary);
	struct dd_dialog_spec spec = {
		.title = title,
		.text = "Type the hostname (or the id when it has none) to enable the action.",
		.method = dd_http_method_name(q->plan.req.method),
		.resource = q->plan.req.url,
		.body = q->plan.req.shown,
		.confirm_label = revoke ? "Revoke" : "Open KVM",
		.typed = q->seen_host[0] ? q->seen_host : ids,
		.done = answered,
		.ud = q,
	};
	dd_app_dialog(app, &spec);
	return 0;
}

void dd_bmc_open(struct dd_app *app, int64_t id)
{
	struct dd_bmc_view *v;

	free_view(app);
	if (!(v = calloc(1, sizeof(*v))))
		return;
	v->gen = ++next_gen;
	v->id = id;
	/* the client end of the SSH session when there is one; else typed */
	if (!dd_action_caller_ip(v->ip, sizeof(v->ip)))
		v->ip[0] = '\0';
	app->bmc = v;
	dd_app_switch(app, &dd_screen_bmc);
	ask_ip(app);
}

struct read_cb {
	struct dd_app *app;
	unsigned gen;
};

static void read_done(void *ud, const struct dd_error *err)
{
	struct read_cb *c = ud;
	struct dd_app *app = c->app;
	struct dd_bmc_view *v = view(app);
	if (v && v->gen == c->gen) {
		v->reading = false;
		if (err->kind != DD_OK) {
			dd_status_error(&app->status, app->now_ms, "KVM", err);
			v->stage = B_IP;
		} else if (!strcmp(v->b.status, "creating")) {
			v->next_read_ms = app->now_ms + 1000; /* 202: not ready yet */
		} else {
			v->stage = B_OPEN;
		}
		app->dirty = true;
	}
	free(c);
}

void dd_bmc_tick(struct dd_app *app)
{
	static int64_t last;
	struct dd_bmc_view *v = view(app);
	int64_t now = (int64_t)time(NULL);
	const struct dd_server *s = record(app);
	if (v && s && v->stage == B_SENDING && v->next_read_ms && !v->reading && app->now_ms >= v->next_read_ms) {
		struct read_cb *c = calloc(1, sizeof(*c));
		struct dd_error err;
		v->next_read_ms = 0;
		if (c) {
			*c = (struct read_cb){ app, v->gen };
			v->reading = true;
			if (dd_action_read_bmc(app->account, app->http, s, &v->b, read_done, c, &err) < 0) {
				v->reading = false;
				free(c);
				dd_status_error(&app->status, app->now_ms, "KVM", &err);
				v->stage = B_IP;
			}
		}
	}
	if (v && v->stage == B_OPEN && app->screen == &dd_screen_bmc && now != last) {
		last = now;
		app->dirty = true;
	}
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
	dd_draw_field((*y)++, 2, app->cols - 4, buf, dd_theme_attr(&app->theme, role));
}

static void draw(const struct dd_app *app)
{
	const struct dd_bmc_view *v = view(app);
	const struct dd_server *s = record(app);
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	char title[300];

	if (!v)
		return;
	snprintf(title, sizeof(title), " KVM access  server #%" PRId64 " %s", v->id,
		 s && s->hostname ? s->hostname : "");
	dd_draw_field(y++, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	y++;
	switch (v->stage) {
	case B_IP:
		line(app, &y, bottom, DD_R_LABEL, "The BMC answers one IPv4 address: yours.");
		line(app, &y, bottom, DD_R_DIM, "i: type it (%s)   Esc: leave",
		     v->ip[0] ? "from your SSH session" : "dedi does not know it outside SSH");
		break;
	case B_SENDING:
		line(app, &y, bottom, DD_R_DIM, "Opening the access for %s…", v->ip);
		break;
	case B_OPEN: {
		bool by_api;
		long long left = dd_bmc_left(&v->b, (long long)time(NULL), &by_api);
		line(app, &y, bottom, DD_R_VALUE, "url        %s", v->b.url);
		line(app, &y, bottom, DD_R_VALUE, "login      %s", v->b.login);
		line(app, &y, bottom, DD_R_OK, "password   %s   (shown on this screen only)", v->b.password);
		line(app, &y, bottom, DD_R_VALUE, "allowed    %s", v->ip);
		if (left < 0)
			line(app, &y, bottom, DD_R_VALUE, "expires    not said by the API");
		else if (left > 0)
			line(app, &y, bottom, left < 300 ? DD_R_ERROR : DD_R_VALUE,
			     "expires    %s, in %02lld:%02lld:%02lld (%s)", v->b.expires_at, left / 3600,
			     left / 60 % 60, left % 60,
			     by_api ? "the API's clock" : "this machine's clock: the API sent no Date");
		else
			line(app, &y, bottom, DD_R_ERROR, "expires    %s: expired", v->b.expires_at);
		y++;
		line(app, &y, bottom, DD_R_DIM, "x: revoke (asks)   Esc: leave (the access stays until it expires)");
		break;
	}
	case B_REVOKED:
		line(app, &y, bottom, DD_R_OK, "Revoked: the BMC no longer answers %s.", v->ip);
		line(app, &y, bottom, DD_R_DIM, "i: open again   Esc: leave");
		break;
	}
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_bmc_view *v = view(app);
	struct dd_error err;

	if (!v || act == DD_ACT_ESC || act == DD_ACT_BACK)
		return DD_RES_BACK;
	dd_error_clear(&err);
	if (!fkey && ch == 'i' && (v->stage == B_IP || v->stage == B_REVOKED)) {
		ask_ip(app);
		return DD_RES_REDRAW;
	}
	if (!fkey && ch == 'x' && v->stage == B_OPEN) {
		if (ask(app, true, &err) < 0)
			dd_status_error(&app->status, app->now_ms, "Revoke", &err);
		return DD_RES_REDRAW;
	}
	return DD_RES_UNHANDLED;
}

static enum dd_result submit(struct dd_app *app)
{
	struct dd_bmc_view *v = view(app);
	struct dd_prompt *p = &app->prompt;
	struct dd_error err;

	if (!v) {
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	dd_error_clear(&err);
	snprintf(v->ip, sizeof(v->ip), "%s", p->buf);
	if (ask(app, false, &err) < 0) {
		/* the prompt stays open with the reason */
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		return DD_RES_REDRAW;
	}
	dd_prompt_close(p);
	return DD_RES_REDRAW;
}

static void leave(struct dd_app *app)
{
	free_view(app);
}

const struct dd_screen_ops dd_screen_bmc = {
	.name = "KVM",
	.scopes = 0,
	.leave = leave,
	.draw = draw,
	.key = key,
	.submit = submit,
	.free = leave,
};
