/* anv-server-login.c — a server's connection string, its password and the keyring
 *
 * The window keeps the server it connects to in GSettings as a connection
 * string without its password; a password goes to the GNOME keyring
 * (libsecret) and into the connection string in memory only. libpq reads
 * the strings here (PQconninfoParse), so that a URI, keywords and values
 * and quoting are understood as the driver will understand them; no SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "anvisa-server-login"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "anv-schema.h"
#include "anv-server-login.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    ANV_SERVER_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static PQconninfoOption *
parse (const char  *conninfo,
       GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);

  if (options == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is libpq's own explanation, in English */
                   _("The server’s address cannot be read: %s"),
                   message != NULL ? g_strchomp (message) : "out of memory");
      PQfreemem (message);
    }
  return options;
}

/* @conninfo's keywords that have a value (a URI's parts too), each to its
 * value, or NULL with @error */
GHashTable *
anv_server_login_parse (const char  *conninfo,
                        GError     **error)
{
  PQconninfoOption *options = parse (conninfo, error);
  GHashTable *pairs;

  if (options == NULL)
    return NULL;
  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL)
      g_hash_table_insert (pairs, g_strdup (o->keyword), g_strdup (o->val));
  PQconninfoFree (options);
  return pairs;
}

void
anv_server_login_append_pair (GString    *out,
             const char *keyword,
             const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static char *
rebuild (const char  *conninfo,
         const char  *password,
         GError     **error)
{
  PQconninfoOption *options = parse (conninfo, error);
  GString *out;

  if (options == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && strcmp (o->keyword, "password") != 0)
      anv_server_login_append_pair (out, o->keyword, o->val);
  if (password != NULL && *password != '\0')
    anv_server_login_append_pair (out, "password", password);
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

/* The keyring's attributes for @conninfo: what it names, "" for what it
 * leaves to libpq's defaults. */
static GHashTable *
get_attributes (const char  *conninfo,
                GError     **error)
{
  const char *names[][2] = {
    { "host", "host" }, { "port", "port" }, { "dbname", "database" }, { "user", "user" },
  };
  PQconninfoOption *options = parse (conninfo, error);
  GHashTable *attributes;

  if (options == NULL)
    return NULL;

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_hash_table_insert (attributes, (gpointer) names[i][1], g_strdup (""));
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (o->val != NULL && strcmp (o->keyword, names[i][0]) == 0)
        g_hash_table_insert (attributes, (gpointer) names[i][1], g_strdup (o->val));
  /* libpq's defaults, as the driver will connect: the login is the
   * system's user's name unless named */
  if (*(const char *) g_hash_table_lookup (attributes, "user") == '\0')
    g_hash_table_insert (attributes, "user", g_strdup (g_get_user_name ()));
  PQconninfoFree (options);
  return attributes;
}

char *
anv_server_login_strip_password (const char  *conninfo,
                                 GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return rebuild (conninfo, NULL, error);
}

char *
anv_server_login_add_password (const char  *conninfo,
                               const char  *password,
                               GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return rebuild (conninfo, password, error);
}

gboolean
anv_server_login_store (const char  *conninfo,
                        const char  *password,
                        GError     **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  attributes = get_attributes (conninfo, error);
  if (attributes == NULL)
    return FALSE;

  /* Translators: the password's name in the keyring; %1$s is a login,
   * %2$s a database, %3$s a server */
  label = g_strdup_printf (_("Anvisa: %1$s on the database %2$s at %3$s"),
                           (const char *) g_hash_table_lookup (attributes, "user"),
                           (const char *) g_hash_table_lookup (attributes, "database"),
                           (const char *) g_hash_table_lookup (attributes, "host"));
  return secret_password_storev_sync (get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                                      label, password, NULL, error);
}

char *
anv_server_login_lookup (const char  *conninfo,
                         GError     **error)
{
  g_autoptr (GHashTable) attributes = NULL;
  char *secret;

  g_return_val_if_fail (conninfo != NULL, NULL);

  attributes = get_attributes (conninfo, error);
  if (attributes == NULL)
    return NULL;

  secret = secret_password_lookupv_sync (get_schema (), attributes, NULL, error);
  if (secret == NULL)
    return NULL;

  /* A copy in GLib's memory, the keyring's wiped */
  {
    char *password = g_strdup (secret);

    secret_password_free (secret);
    return password;
  }
}

gboolean
anv_server_login_needs_password (const GError *error)
{
  /* libpq says "fe_sendauth: no password supplied" (its prefix is never
   * translated) */
  return error != NULL
         && g_error_matches (error, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION)
         && (strstr (error->message, "no password supplied") != NULL
             || strstr (error->message, "fe_sendauth") != NULL);
}

AnvDb *
anv_server_login_open (const char  *path,
                       const char  *password,
                       GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GError) keyring_error = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *secret = NULL;
  AnvDb *db;

  g_return_val_if_fail (path != NULL, NULL);

  if (password != NULL && *password != '\0' && anv_db_is_server_address (path))
    {
      with_password = anv_server_login_add_password (path, password, error);
      if (with_password == NULL)
        return NULL;
      return anv_schema_open (with_password, NULL, error);
    }

  db = anv_schema_open (path, NULL, &local_error);
  if (db != NULL)
    return db;
  if (!anv_db_is_server_address (path) || !anv_server_login_needs_password (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  secret = anv_server_login_lookup (path, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("The keyring could not be asked for the password: %s", keyring_error->message);
  if (secret == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("Trying the password the keyring keeps");
  with_password = anv_server_login_add_password (path, secret, error);
  if (with_password == NULL)
    return NULL;
  return anv_schema_open (with_password, NULL, error);
}
