#include "core/install.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/names.h"
#include "core/online_install.h"
#include "core/raid.h"
#include "core/request.h"
#include "core/scw_dedibox_actions.h"

static const char *const steps[DD_INSTALL_STEPS] = {
	"booting", "setting_up_raid", "partitioning", "formatting", "installing",
	"configuring", "configuring_bootloader", "rebooting", "installed",
};

int dd_install_step(const char *status)
{
	for (int i = 0; i < DD_INSTALL_STEPS; i++)
		if (strcmp(status, steps[i]) == 0)
			return i + 1;
	return 0;
}

void dd_install_gen_password(char *buf, size_t len)
{
	/* No quote, backslash or space: nothing a shell or a form mangles. */
	static const char alphabet[] =
		"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^*_+=-";
	size_t n = len > 21 ? 20 : len - 1;

	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	buf[n] = '\0';
}

int dd_install_check(const struct dd_install *in, struct dd_error *err)
{
	size_t pw = strlen(in->user_password);
	int roots = 0;

	if (dd_check_hostname(in->hostname, err) < 0)
		return -1;
	if (!in->user_login[0])
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The new system needs a user (--user).");
	if (pw < 8 || pw > 64)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The user's password must be 8 to 64 characters long.");
	if (in->online && (strlen(in->root_password) < 8 || strlen(in->root_password) > 64 ||
			   strlen(in->panel_password) < 8 || strlen(in->panel_password) > 64))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The Online API wants root and panel passwords of 8 to 64 characters.");
	for (size_t i = 0; i < in->parts.n; i++) {
		const struct dd_partition *p = &in->parts.v[i];
		if (p->capacity <= 0)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Partition %zu (%s) has no size.", i + 1, p->file_system);
		if (!p->nconn)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Partition %zu (%s) is on no disk.", i + 1, p->file_system);
		roots += !strcmp(p->mount_point, "/") || !strcmp(p->mount_point, "C:");
		for (size_t k = 0; k < i && p->mount_point[0]; k++)
			if (!strcmp(in->parts.v[k].mount_point, p->mount_point))
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    "%s is mounted twice (partitions %zu and %zu).",
						    p->mount_point, k + 1, i + 1);
	}
	int64_t total = 0;
	for (size_t i = 0; i < in->parts.n; i++)
		total += in->parts.v[i].capacity;
	if (in->budget > 0 && total > in->budget)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The partitions need %.1f GiB; the disks hold %.1f GiB.",
				    (double)total / 1073741824.0, (double)in->budget / 1073741824.0);
	if (in->parts.n && roots != 1)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The partitions need exactly one root (/ or C:), not %d.", roots);
	return 0;
}

/* Sets p from "FS MOUNT GIB RAID": a known file system, a size, a RAID
 * level p's disks can build. p is unchanged on error. */
static int fill_partition(struct dd_partition *p, const char *text, struct dd_error *err)
{
	static const char *const fs[] = { "ext4", "xfs", "swap", "efi", "fat32", "ntfs", "zfs",
					  "btrfs", "ext3", "ufs" };
	char f[16], mount[64], raid[24];
	double gib;
	size_t k;

	if (sscanf(text, "%15s %63s %lf %23s", f, mount, &gib, raid) != 4)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "Write FS MOUNT GIB RAID, e.g. \"ext4 /srv 200 raid1\" (- for no mount point).");
	for (k = 0; k < sizeof(fs) / sizeof(fs[0]) && strcmp(fs[k], f); k++)
		;
	if (k == sizeof(fs) / sizeof(fs[0]))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "\"%s\" is not a file system dedi knows "
				    "(ext4, xfs, swap, efi, fat32, ntfs, zfs, btrfs, ext3, ufs).", f);
	if (!(gib > 0 && gib < 1e6))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The size is a number of GiB above 0.");
	if (dd_raid_level_fits(raid, p->nconn, err) < 0)
		return -1;
	snprintf(p->file_system, sizeof(p->file_system), "%s", f);
	snprintf(p->mount_point, sizeof(p->mount_point), "%s", strcmp(mount, "-") ? mount : "");
	snprintf(p->raid_level, sizeof(p->raid_level), "%s", raid);
	p->capacity = (int64_t)(gib * 1073741824.0);
	return 0;
}

/* The plan's partitions checked alone: the hostname and user may not be
 * set yet. */
static int check_parts(const struct dd_install *in, struct dd_partitions *parts, struct dd_error *err)
{
	struct dd_install next = *in;
	int rc;

	next.parts = *parts;
	snprintf(next.hostname, sizeof(next.hostname), "x");
	snprintf(next.user_login, sizeof(next.user_login), "x");
	snprintf(next.user_password, sizeof(next.user_password), "xxxxxxxx");
	rc = dd_install_check(&next, err);
	sodium_memzero(&next, sizeof(next));
	return rc;
}

int dd_install_edit_partition(struct dd_install *in, size_t i, const char *text,
			      struct dd_error *err)
{
	struct dd_partitions parts = in->parts;

	if (i >= in->parts.n)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "There is no partition %zu.", i + 1);
	if (fill_partition(&parts.v[i], text, err) < 0 || check_parts(in, &parts, err) < 0)
		return -1;
	in->parts = parts;
	return 0;
}

int dd_install_replace_partitions(struct dd_install *in, const char *const *specs, size_t n,
				  struct dd_error *err)
{
	struct dd_partitions parts;
	char disks[DD_PART_MAX_CONN][8];
	size_t ndisks = 0;

	if (in->online)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The Online API installs its own layout for the system and takes no "
				    "partitions from dedi: leave out --partition.");
	if (n == 0 || n > DD_PART_MAX)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "Give 1 to %d partitions.", DD_PART_MAX);
	/* the disks are the ones the API's default plan uses */
	for (size_t i = 0; i < in->parts.n; i++)
		for (size_t k = 0; k < in->parts.v[i].nconn; k++) {
			size_t j = 0;
			while (j < ndisks && strcmp(disks[j], in->parts.v[i].connectors[k]))
				j++;
			if (j == ndisks && ndisks < DD_PART_MAX_CONN)
				memcpy(disks[ndisks++], in->parts.v[i].connectors[k], sizeof(disks[0]));
		}
	if (!ndisks)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The API's default plan names no disk: the partitions cannot be placed.");
	memset(&parts, 0, sizeof(parts));
	for (size_t i = 0; i < n; i++) {
		char f[4][64] = { "", "", "", "no_raid" }, text[300], *end, *mount = f[0], *size = f[2];
		const char *s = specs[i], *q = s;
		struct dd_partition *p = &parts.v[i];
		size_t nf = 0;
		double gib;
		/* MOUNT:FS:SIZE[:RAID], each field short, the mount point may be empty */
		for (; nf < 4; nf++) {
			size_t len = strcspn(q, ":");
			if (len >= sizeof(f[0]))
				break;
			memcpy(f[nf], q, len);
			f[nf][len] = '\0';
			q += len;
			if (*q != ':') {
				nf++;
				break;
			}
			q++;
		}
		if (*q || nf < 3 || !f[1][0] || !f[2][0] || !f[3][0])
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "--partition %s: write MOUNT:FS:SIZE[:RAID], e.g. /:ext4:100 or "
					    "/srv:xfs:200G:raid1 (- or nothing for no mount point, SIZE in GiB).", s);
		if (!mount[0])
			snprintf(mount, sizeof(f[0]), "-");
		const char *raid = f[3], *fs = f[1];
		gib = strtod(size, &end);
		if (end == size || (*end && strcmp(end, "G") && strcmp(end, "GiB")))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "--partition %s: the size is a number of GiB (200, 200G or 200GiB).", s);
		/* no_raid lives on one disk; a RAID level spans them all */
		p->nconn = strcmp(raid, "no_raid") ? ndisks : 1;
		memcpy(p->connectors, disks, p->nconn * sizeof(disks[0]));
		snprintf(text, sizeof(text), "%s %s %.6f %s", fs, mount, gib, raid);
		if (strchr(mount, ' ') || strchr(fs, ' ') || strchr(raid, ' '))
			return dd_error_set(err, DD_E_USAGE, 0, NULL, "--partition %s: no spaces.", s);
		if (fill_partition(p, text, err) < 0) {
			char why[sizeof(err->message)];
			snprintf(why, sizeof(why), "%s", err->message);
			return dd_error_set(err, DD_E_USAGE, 0, NULL, "--partition %s: %s", s, why);
		}
	}
	parts.n = n;
	if (check_parts(in, &parts, err) < 0)
		return -1;
	in->parts = parts;
	return 0;
}

/* A read of the installation's neighbours: one or two GETs, one done. */
struct load {
	struct dd_install *in;
	struct dd_rescue_images *oses;
	char *status;
	size_t status_len;
	enum dd_api_flavour api;
	int pending;
	struct dd_error err;
	dd_done_fn done;
	void *ud;
};

static void finish(struct load *L, const struct dd_error *e)
{
	if (e->kind != DD_OK && L->err.kind == DD_OK)
		L->err = *e;
	if (--L->pending > 0)
		return;
	L->done(L->ud, &L->err);
	free(L);
}

static void on_os(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	if (err.kind == DD_OK &&
	    dd_scw_decode_os_name(resp->body, resp->body_len, L->in->os_name, sizeof(L->in->os_name), &err) == 0)
		dd_error_clear(&err);
	finish(L, &err);
}

static void on_parts(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	if (err.kind == DD_OK && dd_scw_decode_partitioning(resp->body, resp->body_len, &L->in->parts, &err) == 0) {
		dd_error_clear(&err);
		L->in->budget = 0;
		for (size_t i = 0; i < L->in->parts.n; i++)
			L->in->budget += L->in->parts.v[i].capacity;
	}
	finish(L, &err);
}

static void on_status(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	if (err.kind == DD_OK &&
	    (L->api == DD_API_SCW
		     ? dd_scw_decode_install_status(resp->body, resp->body_len, L->status, L->status_len, &err)
		     : dd_online_decode_install_status(resp->body, resp->body_len, L->status, L->status_len,
						       &err)) == 0)
		dd_error_clear(&err);
	finish(L, &err);
}

static void on_oses(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	if (err.kind == DD_OK &&
	    (L->api == DD_API_SCW ? dd_scw_decode_rescue_images(resp->body, resp->body_len, L->oses, &err)
				  : dd_online_decode_oses(resp->body, resp->body_len, L->oses, &err)) == 0)
		dd_error_clear(&err);
	finish(L, &err);
}

/* The Online API has no call for one system: its name is read from the
 * server's list, which also says whether the server can install it. */
static void on_online_os(void *ud, const struct dd_http_resp *resp, const struct dd_error *e)
{
	struct load *L = ud;
	struct dd_error err = *e;
	struct dd_rescue_images all = { 0 };

	if (err.kind == DD_OK && dd_online_decode_oses(resp->body, resp->body_len, &all, &err) == 0) {
		size_t i = 0;
		while (i < all.n && all.v[i].os_id != L->in->os_id)
			i++;
		if (i < all.n) {
			snprintf(L->in->os_name, sizeof(L->in->os_name), "%s", all.v[i].name);
			dd_error_clear(&err);
		} else {
			dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
				     "The Online API lists no system %" PRId64 " for this server "
				     "(see its list in the console's install wizard).", L->in->os_id);
		}
	}
	dd_rescue_images_clear(&all);
	finish(L, &err);
}

static int get(struct dd_account *a, struct dd_http *h, const char *url, dd_http_cb cb,
	       struct load *L, struct dd_error *err)
{
	struct dd_request q = { .api = L->api, .method = DD_GET, .url = url };
	if (!dd_request_send(h, dd_account_creds(a), &q, cb, L, err))
		return -1;
	L->pending++;
	return 0;
}

int dd_install_load_defaults(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			     int64_t os_id, struct dd_install *out, dd_done_fn done, void *ud,
			     struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	char u1[512], u2[512];
	struct load *L;
	enum dd_api_flavour api;

	if (dd_account_api_for(a, s, &api, err) < 0)
		return -1;
	if (api == DD_API_ONLINE) {
		/* no default plan to read: the API lays the disks out itself */
		if (dd_online_url_oses(c, s->id, u1, sizeof(u1), err) < 0)
			return -1;
		if (!(L = calloc(1, sizeof(*L))))
			return dd_error_oom(err);
		*L = (struct load){ .in = out, .api = api, .done = done, .ud = ud };
		out->os_id = os_id;
		out->online = 1;
		out->parts.n = 0;
		out->budget = 0;
		dd_install_gen_password(out->root_password, sizeof(out->root_password));
		dd_install_gen_password(out->panel_password, sizeof(out->panel_password));
		if (get(a, h, u1, on_online_os, L, err) < 0) {
			free(L);
			return -1;
		}
		return 0;
	}
	if (dd_scw_url_os(c, s->zone, os_id, u1, sizeof(u1), err) < 0 ||
	    dd_scw_url_partitioning(c, s->zone, s->id, os_id, u2, sizeof(u2), err) < 0)
		return -1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ .in = out, .api = api, .done = done, .ud = ud, .pending = 1 };
	out->os_id = os_id;
	/* pending starts at 1 so that no callback finishes before both left */
	if (get(a, h, u1, on_os, L, err) < 0 || get(a, h, u2, on_parts, L, err) < 0) {
		if (L->pending == 1) {
			free(L);
			return -1;
		}
		L->err = *err;
	}
	finish(L, &L->err);
	return 0;
}

int dd_install_load_oses(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 struct dd_rescue_images *out, dd_done_fn done, void *ud,
			 struct dd_error *err)
{
	char url[512];
	struct load *L;
	enum dd_api_flavour api;

	if (dd_account_api_for(a, s, &api, err) < 0 ||
	    (api == DD_API_SCW ? dd_scw_url_oses(dd_account_creds(a), s->zone, s->id, url, sizeof(url), err)
			       : dd_online_url_oses(dd_account_creds(a), s->id, url, sizeof(url), err)) < 0)
		return -1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ .oses = out, .api = api, .done = done, .ud = ud };
	if (get(a, h, url, on_oses, L, err) < 0) {
		free(L);
		return -1;
	}
	return 0;
}

int dd_install_read_status(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			   char *buf, size_t len, dd_done_fn done, void *ud, struct dd_error *err)
{
	char url[512];
	struct load *L;
	enum dd_api_flavour api;

	if (dd_account_api_for(a, s, &api, err) < 0 ||
	    (api == DD_API_SCW
		     ? dd_scw_url_install(dd_account_creds(a), s->zone, s->id, url, sizeof(url), err)
		     : dd_online_url_server_status(dd_account_creds(a), s->id, url, sizeof(url), err)) < 0)
		return -1;
	if (!(L = calloc(1, sizeof(*L))))
		return dd_error_oom(err);
	*L = (struct load){ .status = buf, .status_len = len, .api = api, .done = done, .ud = ud };
	if (get(a, h, url, on_status, L, err) < 0) {
		free(L);
		return -1;
	}
	return 0;
}

static int start(const struct dd_account *a, const struct dd_server *s, enum dd_api_flavour *api,
		 struct dd_write_plan *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (dd_account_api_for(a, s, api, err) < 0)
		return -1;
	out->server_id = s->id;
	out->field = DD_WF_STATUS;
	snprintf(out->zone, sizeof(out->zone), "%s", s->zone);
	snprintf(out->hostname, sizeof(out->hostname), "%s", s->hostname ? s->hostname : "");
	return 0;
}

int dd_install_plan(const struct dd_account *a, const struct dd_server *s,
		    const struct dd_install *in, struct dd_write_plan *out, struct dd_error *err)
{
	enum dd_api_flavour api;

	if (dd_install_check(in, err) < 0 || start(a, s, &api, out, err) < 0)
		return -1;
	if ((api == DD_API_ONLINE) != (in->online != 0))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "This installation plan was read from the other API: read it again.");
	snprintf(out->summary, sizeof(out->summary),
		 "Install %s on server %" PRId64 " (%s) as %s, user %s: ERASES EVERY DISK",
		 in->os_name[0] ? in->os_name : "the OS", s->id, out->hostname[0] ? out->hostname : "?",
		 in->hostname, in->user_login);
	return api == DD_API_SCW ? dd_scw_req_install(dd_account_creds(a), s->zone, s->id, in, &out->req, err)
				 : dd_online_req_install(dd_account_creds(a), s->id, in, &out->req, err);
}

int dd_install_plan_cancel(const struct dd_account *a, const struct dd_server *s,
			   struct dd_write_plan *out, struct dd_error *err)
{
	enum dd_api_flavour api;

	if (start(a, s, &api, out, err) < 0)
		return -1;
	if (api != DD_API_SCW)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The Online API has no way to cancel an installation of server %" PRId64
				    ": it runs to its end.", s->id);
	snprintf(out->summary, sizeof(out->summary), "Cancel the installation of server %" PRId64 " (%s)",
		 s->id, out->hostname[0] ? out->hostname : "?");
	return dd_scw_req_cancel_install(dd_account_creds(a), s->zone, s->id, &out->req, err);
}
