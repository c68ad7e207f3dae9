/* The records of the server actions: rescue images and credentials, BMC
 * access. Fixed buffers: each is read once from one answer and wiped
 * (dd_action_wipe) because it may hold a password. */
#ifndef DD_ACTIONS_MODEL_H
#define DD_ACTIONS_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* What the power actions do; the API words differ (Online has no
 * "start": it boots in normal mode, and "stop" is "shutdown"). */
enum dd_power { DD_POWER_REBOOT, DD_POWER_START, DD_POWER_STOP };

/* One rescue system a server can boot: Scaleway names it by os_id,
 * Online by its slug (os_id 0). */
struct dd_rescue_image {
	int64_t os_id;
	char name[96];            /* "Ubuntu 22.04 (rescue)" or "ubuntu-22.04_amd64" */
};

struct dd_rescue_images {
	struct dd_rescue_image *v; /* owned; dd_rescue_images_clear */
	size_t n;
};

void dd_rescue_images_clear(struct dd_rescue_images *l);

/* What the API answers when rescue starts: how to log in. */
struct dd_rescue_creds {
	int64_t os_id;
	char login[64];
	char password[128];       /* secret: shown once, wiped */
	char protocol[16];        /* ssh or vnc */
	char ip[64];              /* Online gives the address; "" otherwise */
};

/* A BMC (KVM over IP) access as the API gives it. Online opens a
 * session in two steps: its key first, then its details once ready. */
struct dd_bmc {
	char url[256];
	char login[64];
	char password[128];       /* secret: shown once, wiped */
	char status[24];          /* creating, created, deleting */
	char expires_at[32];      /* RFC 3339, "" if not said */
	char session_key[72];     /* Online: the session's key (no credential: the token opens it) */
	long long api_now;        /* the answer's Date: the API's clock (epoch s); -1 when absent */
	long long local_at;       /* this machine's clock when that answer came */
};

/* One partition of an installation plan (the API's Partition). */
#define DD_PART_MAX_CONN 8
struct dd_partition {
	char file_system[16];     /* ext4, xfs, swap, efi, fat32, ntfs, ... */
	char mount_point[64];     /* "" for swap */
	char raid_level[24];      /* no_raid, raid0, raid1, ... */
	int64_t capacity;         /* bytes */
	char connectors[DD_PART_MAX_CONN][8]; /* the disks it spans: "A", "B" */
	size_t nconn;
};

#define DD_PART_MAX 16
struct dd_partitions {
	struct dd_partition v[DD_PART_MAX];
	size_t n;
};

/* What an installation sends (Scaleway's InstallServerRequest, or the
 * Online API's install form, which wants a root and a panel password
 * too and takes no partition dedi can write). */
#define DD_INSTALL_MAX_KEYS 16
struct dd_install {
	int64_t os_id;
	char os_name[96];         /* for the summary */
	char hostname[64];
	char user_login[64];
	char user_password[72];   /* secret: masked in every description, wiped */
	char root_password[72];   /* Online only ("" otherwise): generated, shown once, wiped */
	char panel_password[72];  /* Online only: generated, masked, wiped */
	int online;               /* the Online API installs: its own layout, parts.n is 0 */
	struct dd_partitions parts;
	int64_t budget;           /* bytes the disks hold: the default plan's total */
	char ssh_key_ids[DD_INSTALL_MAX_KEYS][40]; /* IAM SSH key ids, or Online key UUIDs */
	size_t nkeys;
};

#endif
