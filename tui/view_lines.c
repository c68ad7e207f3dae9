/* The server overview's lines: built from the sections' data when it
 * arrives (never while drawing), one line per fact, each with what it
 * lets the user edit. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "tui/app.h"
#include "tui/draw.h"

static const char *ellipsis(void)
{
	return dd_draw_utf8() ? "…" : "...";
}

void dd_view_lines_free(struct dd_view_state *v)
{
	for (size_t i = 0; i < v->nlines; i++) {
		free(v->lines[i].label);
		free(v->lines[i].text);
	}
	free(v->lines);
	v->lines = NULL;
	v->nlines = v->cap = 0;
}

static void add(struct dd_view_state *v, enum dd_vline_kind kind, enum dd_role role, int ref,
		const char *label, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(struct dd_view_state *v, enum dd_vline_kind kind, enum dd_role role, int ref,
		const char *label, const char *fmt, ...)
{
	char text[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (v->nlines == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 64;
		struct dd_vline *nl = realloc(v->lines, nc * sizeof(*nl));
		if (!nl)
			return;
		v->lines = nl;
		v->cap = nc;
	}
	struct dd_vline *l = &v->lines[v->nlines];
	l->kind = kind;
	l->role = role;
	l->ref = ref;
	l->label = strdup(label ? label : "");
	l->text = strdup(text);
	if (!l->label || !l->text) {
		free(l->label);
		free(l->text);
		return;
	}
	v->nlines++;
}

#define TEXT(label, ...) add(v, DD_VL_TEXT, DD_R_VALUE, 0, label, __VA_ARGS__)

/* The state of a section. Without data: a loading or error line, and
 * true. With data from before: the data stays, marked while it refreshes
 * or when the refresh failed (stale), and false. */
static bool pending(struct dd_view_state *v, const struct dd_coll *m, bool have)
{
	if (have) {
		if (m->state == DD_COLL_LOADING)
			add(v, DD_VL_TEXT, DD_R_DIM, 0, "", _("refreshing%s"), ellipsis());
		else if (m->state == DD_COLL_STALE || m->state == DD_COLL_ERROR)
			add(v, DD_VL_TEXT, DD_R_STALE, 0, "", _("stale: %s"), m->error.message);
		return false;
	}
	if (m->state == DD_COLL_ERROR || m->state == DD_COLL_STALE)
		add(v, DD_VL_TEXT, DD_R_ERROR, 0, "", _("error: %s"), m->error.message);
	else
		add(v, DD_VL_TEXT, DD_R_DIM, 0, "", _("Loading%s"), ellipsis());
	return true;
}

/* What the overview reads of the store, looked up once per rebuild. */
struct src {
	const struct dd_server *rec;         /* NULL when the fleet lost it */
	const struct dd_server_detail *d;    /* NULL until the detail was read */
	const struct dd_server_sections *sec; /* never NULL (empty stand-in) */
};

static const char *or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

static void human_bytes(int64_t v, const char *unit, char *buf, size_t len)
{
	if (strcmp(unit, "B")) {
		snprintf(buf, len, "%" PRId64 " %s", v, unit);
		return;
	}
	const char *u[] = { "B", "KB", "MB", "GB", "TB" };
	double d = (double)v;
	int i = 0;
	while (d >= 1000 && i < 4) {
		d /= 1000;
		i++;
	}
	snprintf(buf, len, i ? "%.1f %s" : "%.0f %s", d, u[i]);
}

static void sect_server(struct dd_view_state *v, const struct src *x)
{
	const struct dd_server_detail *d = x->d;
	bool have = d != NULL;
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Server"));
	add(v, DD_VL_HOSTNAME, DD_R_VALUE, 0, _("hostname"), "%s", have ? or_dash(d->s.hostname) : or_dash(x->rec ? x->rec->hostname : NULL));
	if (pending(v, &x->sec->meta[DD_KIND_SERVERS], x->d != NULL))
		return;
	TEXT(_("id"), _("%" PRId64 "   zone %s"), d->s.id, or_dash(d->s.zone));
	TEXT(_("status"), "%s%s%s%s%s", or_dash(d->s.status), d->power[0] ? _("   power ") : "", d->power,
	     d->boot_mode[0] ? "   boot " : "", d->boot_mode);
	TEXT(_("offer"), "%s%s%s%s", or_dash(d->s.offer), d->offer_price && d->offer_price[0] ? " (" : "",
	     d->offer_price ? d->offer_price : "", d->offer_price && d->offer_price[0] ? ")" : "");
	TEXT(_("os"), "%s", or_dash(d->s.os));
	if (d->rescue_os && d->rescue_os[0])
		TEXT(_("rescue"), "%s", d->rescue_os);
	/* location already starts with the datacenter */
	TEXT(_("location"), "%s", d->location && d->location[0] ? d->location : or_dash(d->s.datacenter));
	TEXT(_("created"), _("%s   expires %s"), or_dash(d->created_at), or_dash(d->expired_at));
	if (d->rebooted_at[0])
		TEXT(_("rebooted"), "%s", d->rebooted_at);
	if (d->abuse_contact && d->abuse_contact[0])
		TEXT(_("abuse contact"), "%s", d->abuse_contact);
	TEXT(_("remote console"), "%s", d->has_bmc ? "available" : _("not available"));
}

static void sect_network(struct dd_view_state *v, const struct src *x)
{
	const struct dd_server_detail *d = x->d;
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Network"));
	if (!pending(v, &x->sec->meta[DD_KIND_SERVERS], x->d != NULL)) {
		if (!d->n_ifaces)
			TEXT("", _("The API lists no network interface."));
		for (size_t i = 0; i < d->n_ifaces; i++) {
			const struct dd_iface *f = &d->ifaces[i];
			char label[32];
			snprintf(label, sizeof(label), _("interface %zu"), i + 1);
			TEXT(label, _("%s   mac %s"), or_dash(f->type), or_dash(f->mac));
			for (size_t k = 0; k < f->n_ips; k++) {
				const struct dd_ip *ip = &f->ips[k];
				snprintf(label, sizeof(label), "  %s %s", ip->version, ip->semantic);
				add(v, DD_VL_IP, DD_R_VALUE, (int)(i << 16 | k), label, _("%-22s reverse %s"),
				    ip->address, or_dash(ip->reverse));
			}
		}
	}
	add(v, DD_VL_TEXT, DD_R_LABEL, 0, _("failover IPs"), "%s", dd_coll_has_data(&x->sec->meta[DD_KIND_SRV_FAILOVERS]) && !x->sec->failovers.n ? _("none routed to this server") : "");
	if (!pending(v, &x->sec->meta[DD_KIND_SRV_FAILOVERS], dd_coll_has_data(&x->sec->meta[DD_KIND_SRV_FAILOVERS])))
		for (size_t i = 0; i < x->sec->failovers.n; i++) {
			const struct dd_failover *f = &x->sec->failovers.v[i];
			add(v, DD_VL_FAILOVER, DD_R_VALUE, (int)i, "", _("%s/%" PRId64 "   %s   mac %s   reverse %s"),
			    f->address, f->cidr, or_dash(f->status), or_dash(f->mac), or_dash(f->reverse));
		}
}

static void sect_service(struct dd_view_state *v, const struct src *x)
{
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Service level & options"));
	if (!pending(v, &x->sec->meta[DD_KIND_SERVERS], x->d != NULL)) {
		TEXT(_("service level"), "%s", or_dash(x->d->level));
		if (!x->d->n_options)
			TEXT(_("options"), _("none subscribed"));
		for (size_t i = 0; i < x->d->n_options; i++)
			TEXT(i ? "" : "options", "%s", x->d->options[i]);
	}
	add(v, DD_VL_TEXT, DD_R_LABEL, 0, _("can subscribe"), "%s",
	    dd_coll_has_data(&x->sec->meta[DD_KIND_OPTIONS]) && !x->sec->options.n ? _("no other option is offered") : "");
	if (!pending(v, &x->sec->meta[DD_KIND_OPTIONS], dd_coll_has_data(&x->sec->meta[DD_KIND_OPTIONS])))
		for (size_t i = 0; i < x->sec->options.n; i++) {
			const struct dd_option_offer *o = &x->sec->options.v[i];
			TEXT("", "%-28s %s%s%s", o->name, o->price[0] ? o->price : _("price not given"),
			     o->frequency[0] ? " " : "", o->frequency);
		}
}

static void sect_backup(struct dd_view_state *v, const struct src *x)
{
	const struct dd_backup *b = &x->sec->backup;
	char used[32], quota[32];
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Backup"));
	if (pending(v, &x->sec->meta[DD_KIND_BACKUP], dd_coll_has_data(&x->sec->meta[DD_KIND_BACKUP])))
		return;
	TEXT(_("status"), "%s", or_dash(b->status));
	TEXT(_("account"), _("%s on %s"), or_dash(b->login), or_dash(b->server));
	human_bytes(b->quota_space_used, b->unit, used, sizeof(used));
	human_bytes(b->quota_space, b->unit, quota, sizeof(quota));
	TEXT(_("space"), _("%s used of %s"), used, quota);
	TEXT(_("files"), _("%" PRId64 " used of %" PRId64), b->quota_files_used, b->quota_files);
	add(v, DD_VL_AUTOLOGIN, DD_R_VALUE, 0, _("autologin"), _("%s   (a toggles)"), b->autologin ? _("on") : _("off"));
	add(v, DD_VL_ACL, DD_R_VALUE, 0, _("access list"), "%s   (c toggles)", b->acl_enabled ? "on" : "off");
	add(v, DD_VL_TEXT, DD_R_DIM, 0, _("password"), _("p sets a new one"));
}

static void sect_custom(struct dd_view_state *v, const struct src *x)
{
	const char *tags = (x->d != NULL) ? x->d->s.tags : NULL;
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Customization"));
	add(v, DD_VL_HOSTNAME, DD_R_VALUE, 0, _("hostname"), _("%s   (e edits)"),
	    (x->d != NULL) ? or_dash(x->d->s.hostname) : or_dash(x->rec ? x->rec->hostname : NULL));
	add(v, DD_VL_TAGS, DD_R_VALUE, 0, _("tags"), _("%s   (t edits)"), tags ? or_dash(tags) : ellipsis());
	TEXT(_("reverse DNS"), _("select an address under Network and press v"));
	if (v->edits)
		add(v, DD_VL_TEXT, DD_R_DIM, 0, _("last edit"), _("Saving%s"), ellipsis());
	else if (v->edit_msg[0])
		add(v, DD_VL_TEXT, v->edit_ok ? DD_R_OK : DD_R_ERROR, 0,
		    _("last edit"), "%s", v->edit_msg);
}

static void sect_logs(struct dd_view_state *v, const struct src *x)
{
	add(v, DD_VL_SECTION, DD_R_SECTION, 0, NULL, _("Logs"));
	if (pending(v, &x->sec->meta[DD_KIND_EVENTS], dd_coll_has_data(&x->sec->meta[DD_KIND_EVENTS])))
		return;
	long long pages = x->sec->events.page_size ? (x->sec->events.total + x->sec->events.page_size - 1) / x->sec->events.page_size : 1;
	add(v, DD_VL_EVENTS, DD_R_DIM, 0, _("events"), _("%lld, newest first; page %d of %lld (] older, [ newer)"),
	    x->sec->events.total, x->sec->events.page, pages ? pages : 1);
	for (size_t i = 0; i < x->sec->events.n; i++) {
		char when[20];
		/* "2025-02-26T02:56:12Z" -> "2025-02-26 02:56" fits the label column. */
		snprintf(when, sizeof(when), "%.16s", x->sec->events.v[i].date);
		if (when[10] == 'T')
			when[10] = ' ';
		TEXT(when, "%s", x->sec->events.v[i].description);
	}
}

void dd_view_keep_visible(struct dd_view_state *v)
{
	size_t h = v->height > 0 ? (size_t)v->height : 1;
	if (v->nlines && v->cursor >= v->nlines)
		v->cursor = v->nlines - 1;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->cursor >= v->top + h)
		v->top = v->cursor - h + 1;
}

void dd_view_rebuild(struct dd_view_state *v, const struct dd_store *st)
{
	static const struct dd_server_sections empty;
	struct src x;

	x.rec = dd_store_server(st, v->id);
	x.d = x.rec ? x.rec->detail : NULL;
	x.sec = dd_store_sections(st, v->id);
	if (!x.sec)
		x.sec = &empty;
	dd_view_lines_free(v);
	sect_server(v, &x);
	sect_network(v, &x);
	sect_service(v, &x);
	sect_backup(v, &x);
	sect_custom(v, &x);
	sect_logs(v, &x);
	dd_view_keep_visible(v);
}

