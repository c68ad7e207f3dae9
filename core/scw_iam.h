/* Scaleway IAM v1alpha1: who a key belongs to. Used by `dedi auth login`
 * to check keys before they are saved, and by the account screen. */
#ifndef DD_SCW_IAM_H
#define DD_SCW_IAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"

struct dd_iam_key {
	char user_id[64];          /* "" for an application's key */
	char application_id[64];   /* "" for a user's key */
	char default_project_id[64];
	char description[128];     /* sanitized */
};

struct dd_iam_user {
	char id[64];
	char email[128];           /* sanitized */
	char type[16];             /* "owner", "member", ... */
	char organization_id[64];
	char first_name[64];       /* sanitized; "" when absent */
	char last_name[64];
	char phone_number[40];
};

/* An SSH key of the Organization (IAM's SSHKey), to authorize on a new
 * system: its id goes into an installation's ssh_key_ids. */
struct dd_ssh_key {
	char id[40];
	char name[64];             /* sanitized */
	char fingerprint[128];     /* sanitized */
	bool disabled;
};

struct dd_ssh_keys {
	struct dd_ssh_key *v;      /* owned; dd_ssh_keys_clear */
	size_t n;
};

void dd_ssh_keys_clear(struct dd_ssh_keys *l);

/* GET /iam/v1alpha1/ssh-keys, one page of DD_IAM_SSH_PAGE, oldest first. */
#define DD_IAM_SSH_PAGE 100
int dd_scw_iam_url_ssh_keys(const struct dd_creds *c, int page, char *buf, size_t len,
			    struct dd_error *err);
/* {"ssh_keys": [...], "total_count": N}: appends the page's keys to out
 * and says the total. */
int dd_scw_iam_decode_ssh_keys(const char *body, size_t len, struct dd_ssh_keys *out,
			       int64_t *total, struct dd_error *err);

/* Access keys are letters and digits: refused otherwise, before any URL. */
int dd_scw_iam_url_api_key(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err);
int dd_scw_iam_url_user(const struct dd_creds *c, const char *user_id, char *buf, size_t len,
			struct dd_error *err);
int dd_scw_iam_decode_api_key(const char *body, size_t len, struct dd_iam_key *out,
			      struct dd_error *err);
int dd_scw_iam_decode_user(const char *body, size_t len, struct dd_iam_user *out,
			   struct dd_error *err);

/* What `auth login` learns from each API before saving. */
struct dd_authcheck {
	int scw_checked;            /* Scaleway keys were present and asked about */
	struct dd_error scw_err;    /* DD_OK when IAM accepted the key */
	struct dd_iam_key key;
	struct dd_iam_user user;    /* filled for a user's key */
	int owner_hidden;           /* IAM refused (403) to say whose key it is */
	struct dd_error iam_err;    /* that refusal when IAM refused the key itself:
				     * scw_err is then the Dedibox API's answer */
	int online_checked;
	struct dd_error online_err; /* DD_OK when the server list answered */
	size_t online_servers;      /* servers the token sees */
};

typedef void (*dd_authcheck_done)(void *ud, struct dd_authcheck *chk);

/* Starts the checks for every credential c holds (URLs must be final,
 * dd_creds_finish): GET api-keys/{access_key} then users/{user_id} for
 * Scaleway (when IAM refuses with 403, one page of the Dedibox server list
 * instead), GET the server list for Online. done runs once, when both are
 * over. c and out must live until then. -1 with err when nothing could
 * start (no credential at all, bad access key). */
int dd_authcheck_start(struct dd_http *h, const struct dd_creds *c, struct dd_authcheck *out,
		       dd_authcheck_done done, void *ud, struct dd_error *err);

#endif
