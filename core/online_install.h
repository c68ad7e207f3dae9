/* Backend room: the installation of the Online.net v1 API for servers
 * only that API serves (online-v1.md §2, §4): the systems a server can
 * install, the account's SSH keys, the install request and the
 * install_status of GET /server/{id}. */
#ifndef DD_ONLINE_INSTALL_H
#define DD_ONLINE_INSTALL_H

#include <stddef.h>
#include <stdint.h>

#include "core/actions_model.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/scw_iam.h"
#include "core/write.h"

/* GET /server/operatingSystems/{id}: [{"id","name","version","type",...}] */
int dd_online_url_oses(const struct dd_creds *c, int64_t id, char *buf, size_t len,
		       struct dd_error *err);
/* Every system as os_id and "name version" ("centos CentOS 7"). */
int dd_online_decode_oses(const char *body, size_t len, struct dd_rescue_images *out,
			  struct dd_error *err);

/* GET /user/key/ssh: [{"uuid_ref","description","fingerprint"}]; out is
 * cleared first; id is the UUID, name the description. */
int dd_online_url_ssh_keys(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err);
int dd_online_decode_ssh_keys(const char *body, size_t len, struct dd_ssh_keys *out,
			      struct dd_error *err);

/* GET /server/{id}, read for its install_status ("installing",
 * "installed") into buf. */
int dd_online_url_server_status(const struct dd_creds *c, int64_t id, char *buf, size_t len,
				 struct dd_error *err);
int dd_online_decode_install_status(const char *body, size_t len, char *buf, size_t buflen,
				    struct dd_error *err);

/* POST /server/install/{id}, a form: os_id, hostname, user_login,
 * user_password, root_password, panel_password, ssh_keys (a JSON array of
 * key UUIDs, as the API reads array parameters of a form). No
 * partitioning: the API's own layout for the system. Every password is
 * ******** in out->shown. */
int dd_online_req_install(const struct dd_creds *c, int64_t id, const struct dd_install *in,
			  struct dd_write_req *out, struct dd_error *err);

#endif
