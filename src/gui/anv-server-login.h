/* anv-server-login.h — a server's connection string, its password and the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anv-db.h"

G_BEGIN_DECLS

/* The libsecret schema of the passwords Anvisa keeps: attributes host,
 * port, database and user. */
#define ANV_SERVER_SECRET_SCHEMA "se.anvisa.Anvisa.Server"

/* @conninfo (a URI or keywords and values) as keywords and values, without
 * a password: what may be kept in GSettings. NULL with @error when libpq
 * cannot read it. */
char     *anv_server_login_strip_password (const char   *conninfo,
                                           GError      **error);

/* @conninfo with @password added (for the connection in memory only). */
char     *anv_server_login_add_password   (const char   *conninfo,
                                           const char   *password,
                                           GError      **error);

/* Keeps @password in the keyring for the server, database and login that
 * @conninfo names; blocks (call it in a thread). */
gboolean  anv_server_login_store          (const char   *conninfo,
                                           const char   *password,
                                           GError      **error);

/* The password the keyring keeps for @conninfo, or NULL (with @error only
 * when the keyring could not be asked); blocks. */
char     *anv_server_login_lookup         (const char   *conninfo,
                                           GError      **error);

/* TRUE when @error says the server wants a password that was not given. */
gboolean  anv_server_login_needs_password (const GError *error);

/* Appends one keyword='value' pair to a connection string, quoted as libpq
 * reads it. */
/* The keywords of @conninfo (keywords and values, or a URI) that have a
 * value, each to its value (a GHashTable of strings), or NULL with @error */
GHashTable *anv_server_login_parse        (const char   *conninfo,
                                           GError      **error);

void      anv_server_login_append_pair    (GString      *out,
                                           const char   *keyword,
                                           const char   *value);

/* Opens @path as anv_schema_open() does; when it is a server's database
 * that wants a password and @password is NULL, looks for one in the
 * keyring and tries once more with it. Blocks: call it in a thread when a
 * window is shown. */
AnvDb    *anv_server_login_open           (const char   *path,
                                           const char   *password,
                                           GError      **error);

G_END_DECLS
