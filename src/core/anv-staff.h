/* anv-staff.h — units (kontor) and staff with their roles on a shared server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_STAFF_ERROR (anv_staff_error_quark ())

typedef enum
{
  ANV_STAFF_ERROR_NOT_SERVER,     /* a SQLite file: its one user holds every role */
  ANV_STAFF_ERROR_ROLE,           /* not one of the five roles */
  ANV_STAFF_ERROR_UNIT,           /* no such unit, or a unit's name or list is wrong */
  ANV_STAFF_ERROR_MUNICIPALITY,   /* not a municipality code */
  ANV_STAFF_ERROR_LOGIN,          /* a login name the server cannot take */
  ANV_STAFF_ERROR_EXISTS,         /* the unit or the login is there already */
  ANV_STAFF_ERROR_UNKNOWN_LOGIN,  /* no such person in the staff */
  ANV_STAFF_ERROR_NO_GROUP,       /* the role's group is missing on the server */
  ANV_STAFF_ERROR_DENIED,         /* the login running this may not manage users */
  ANV_STAFF_ERROR_NAME,           /* a person's name that cannot be stored */
} AnvStaffError;

GQuark       anv_staff_error_quark (void);

/* The five roles (HACKING.md, "Roles on the server"). */
typedef enum
{
  ANV_ROLE_HANDLAGGARE,
  ANV_ROLE_CHEF,
  ANV_ROLE_ANALYTIKER,
  ANV_ROLE_SKYDDADE,
  ANV_ROLE_ADMINISTRATOR,
} AnvRole;

#define ANV_N_ROLES 5

/* The role's ASCII code, as stored and typed: "handlaggare". */
const char  *anv_role_code          (AnvRole      role);
/* The group role on the server: "anvisa_handlaggare". */
const char  *anv_role_group         (AnvRole      role);
/* The role as a person reads it, in their language. */
const char  *anv_role_name          (AnvRole      role);
/* Parses a role's code (also with å, ä, ö: "handläggare", "administratör");
 * case does not matter. */
gboolean     anv_role_parse         (const char  *text,
                                     AnvRole     *out_role,
                                     GError     **error);

typedef struct
{
  char  *name;
  GStrv  municipality_codes;   /* sorted */
} AnvUnit;

void         anv_unit_free          (AnvUnit     *unit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvUnit, anv_unit_free)

typedef struct
{
  char     *login;
  AnvRole   role;
  char     *unit;          /* NULL: the whole country */
  gboolean  disabled;
  char     *created_by;
  char     *created_at;    /* UTC, ISO 8601 */
  char     *name;          /* the person's name; NULL if not given */
} AnvStaff;

void         anv_staff_free         (AnvStaff    *staff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvStaff, anv_staff_free)

/* Each of these works on a server's database only (else
 * ANV_STAFF_ERROR_NOT_SERVER); each write is audited. */

/* A unit covering @municipality_codes (four-digit codes). */
gboolean     anv_units_add          (AnvDb              *db,
                                     const char         *name,
                                     const char * const *municipality_codes,
                                     GError            **error);
/* All units by name: a GPtrArray of AnvUnit. */
GPtrArray   *anv_units_list         (AnvDb              *db,
                                     GError            **error);

/* Creates the server login @login, without a password (the person sets
 * it), as a member of @role's group, and records it with @unit (NULL:
 * the whole country) and the person's @name (NULL: none given; the window
 * then shows the login). The login running this needs CREATEROLE. */
gboolean     anv_staff_add          (AnvDb              *db,
                                     const char         *login,
                                     AnvRole             role,
                                     const char         *unit,
                                     const char         *name,
                                     GError            **error);
/* All staff by login: a GPtrArray of AnvStaff. */
GPtrArray   *anv_staff_list         (AnvDb              *db,
                                     GError            **error);
/* The login may no longer log in (NOLOGIN); it stays in the list, marked. */
gboolean     anv_staff_disable      (AnvDb              *db,
                                     const char         *login,
                                     GError            **error);

/* Creates the missing group roles when the login may, and grants each
 * group what the design says; @out_created receives how many groups were
 * created, @out_missing (may be NULL) how many are still missing. */
gboolean     anv_staff_grant_roles  (AnvDb              *db,
                                     guint              *out_created,
                                     guint              *out_missing,
                                     GError            **error);

/* Who is working, and with which role (HACKING.md, "Who is logged in"). */
typedef enum
{
  ANV_LOGIN_FILE,           /* a SQLite file: its one user holds every role */
  ANV_LOGIN_ROLES,          /* a server login in one or more of the five groups */
  ANV_LOGIN_BEFORE_ROLES,   /* a server login in none of them (the group of the time
                             * before roles, anvisa_officers): everything as before */
} AnvLoginKind;

typedef struct
{
  AnvLoginKind  kind;
  char         *login;       /* the server's login; on a file, the computer's user */
  guint         roles;       /* 1 << AnvRole of each group the login has the rights of;
                              * every role on a file, none before roles */
  AnvRole       role;        /* the one to show: the staff's role when the login has its
                              * group, else the first of the groups held (ANV_LOGIN_ROLES) */
  gboolean      unit_known;  /* FALSE: the server does not tell (no staff row, disabled) */
  char         *unit;        /* the unit's name; NULL when known: the whole country */
  char         *name;        /* the person's name from the staff; NULL if not known */
} AnvLogin;

void         anv_login_free         (AnvLogin    *login);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvLogin, anv_login_free)

/* The current login of @db: its kind, its roles, its unit and its
 * person's name. The roles are the groups whose rights the server gives
 * the login (membership, also granted by hand without a staff row); the
 * unit and the name are the login's own staff row (anvisa_whoami ()).
 * Never fails on a file. */
AnvLogin    *anv_staff_current      (AnvDb       *db,
                                     GError     **error);

/* What the window offers, by kind of work */
typedef enum
{
  ANV_WORK_PERSONAL_DATA,    /* job seekers and referrals: read, register, refer, import,
                              * export; the work list */
  ANV_WORK_SUMMARY,          /* the summary, its breakdowns, the map */
  ANV_WORK_CLOSE_MONTHS,     /* closing (publishing) a month's figures */
  ANV_WORK_REFERENCE_DATA,   /* providers, areas, approvals, availability: changing them */
  ANV_WORK_AUDIT_LOG,        /* reading the audit log */
} AnvWork;

/* Whether @login's roles allow @work: on a file and before roles,
 * everything. */
gboolean     anv_login_may          (const AnvLogin *login,
                                     AnvWork         work);

G_END_DECLS
