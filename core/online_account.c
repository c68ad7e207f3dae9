#include "core/online_account.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/text.h"
#include "core/i18n.h"

void dd_online_url_user(const struct dd_creds *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s/user", c->online_api_url);
}

void dd_online_url_hostings(const struct dd_creds *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s/hosting", c->online_api_url);
}

int dd_online_decode_user(const char *body, size_t len, struct dd_link_person *p,
			  struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(p, 0, sizeof(*p));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_object(root.v)) {
		json_decref(root.v);
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("user: expected an object"));
	}
	rc = dd_json_text(&root, "first_name", p->first_name, sizeof(p->first_name), err) < 0 ||
	     dd_json_text(&root, "last_name", p->last_name, sizeof(p->last_name), err) < 0 ||
	     dd_json_text(&root, "email", p->email, sizeof(p->email), err) < 0 ||
	     dd_json_text(&root, "company", p->company, sizeof(p->company), err) < 0 ? -1 : 0;
	json_decref(root.v);
	return rc;
}

int dd_online_decode_hostings(const char *body, size_t len, size_t *n, char *first,
			      size_t flen, struct dd_error *err)
{
	struct dd_jv root, item;
	size_t count;
	int rc = 0;

	*n = 0;
	if (flen)
		first[0] = '\0';
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_array(root.v)) {
		json_decref(root.v);
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    _("hosting list: expected an array of references"));
	}
	count = json_array_size(root.v);
	for (size_t i = 0; i < count && rc == 0; i++) {
		const char *ref = NULL, *slash;
		char id[64];

		rc = dd_json_at(&root, i, &item, err);
		if (rc < 0)
			break;
		if (json_is_string(item.v))
			ref = json_string_value(item.v);
		else if (json_is_object(item.v))
			dd_json_str(&item, "$ref", false, &ref, NULL);
		if (!ref || !(slash = strrchr(ref, '/')) || !slash[1]) {
			rc = dd_error_set(err, DD_E_DECODE, 0, NULL,
					  _("hosting list[%zu]: expected a reference like \"/api/v1/hosting/1234\""),
					  i);
			break;
		}
		if (i == 0) {
			dd_text_clean_str(slash + 1, id, sizeof(id));
			snprintf(first, flen, _("hosting %s"), id);
		}
	}
	if (rc == 0)
		*n = count;
	json_decref(root.v);
	return rc;
}
