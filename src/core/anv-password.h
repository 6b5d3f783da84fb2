/* anv-password.h — a login's password on a shared server, hashed before it leaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

#define ANV_PASSWORD_ERROR (anv_password_error_quark ())

typedef enum
{
  ANV_PASSWORD_ERROR_NOT_SERVER,  /* a SQLite file: it has no logins */
  ANV_PASSWORD_ERROR_TOO_SHORT,
  ANV_PASSWORD_ERROR_INVALID,     /* not text, or a control character in it */
  ANV_PASSWORD_ERROR_MISMATCH,    /* typed twice, differently */
  ANV_PASSWORD_ERROR_DENIED,      /* the server refused: another's, without CREATEROLE */
} AnvPasswordError;

/* Our rule (HACKING.md, "Passwords"): at least this many characters. */
#define ANV_PASSWORD_MIN_CHARS 10

GQuark   anv_password_error_quark (void);

/* Whether @password may be set: long enough, text without control
 * characters. */
gboolean anv_password_check       (const char  *password,
                                   GError     **error);

/* Sets the password of @login (NULL: the login connected, who sets their
 * own) on the server of @db: hashed here with SCRAM-SHA-256 (libpq's
 * PQencryptPasswordConn), so that only the hash travels and can reach the
 * server's log; ALTER ROLE and its audit entry ("user.password") in one
 * transaction. Another's password needs the right to create roles. */
gboolean anv_password_set         (AnvDb       *db,
                                   const char  *login,
                                   const char  *password,
                                   GError     **error);

G_END_DECLS
