/* anv-schema.c — opening the database with its schema up to date
 *
 * The connection (anv-db.c) opens a file and knows nothing of the schema;
 * the migrations (anv-migrations.c) bring it up to date, loading the
 * reference data of the modules above the connection. This file joins
 * the two, so that the arrows run one way: schema → modules → connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "anv-db-private.h"
#include "anv-db-sqlite.h"
#include "anv-migrations.h"
#include "anv-schema.h"
#include "anv-text.h"

AnvDb *
anv_schema_open_at_version (const char  *path,
                            const char  *user,
                            int          target_version,
                            GError     **error)
{
  g_autoptr (AnvDb) db = NULL;
  int version;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (target_version <= anv_migrations_latest (), NULL);

  db = anv_db_connect (path, user, anv_migrations_latest (), error);
  if (db == NULL)
    return NULL;
  version = anv_db_get_schema_version (db);

  if (anv_db_is_read_only (db))
    {
      if (version < target_version)
        {
          g_autofree char *shown_path = anv_text_quote_path (path);

          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                       /* Translators: %1$s is a file, %2$s why it can only be read */
                       _("%1$s was made by an older version of Anvisa and must be brought "
                         "up to date before it can be used, which needs permission to "
                         "change it. %2$s"), shown_path, anv_db_get_read_only_reason (db));
          return NULL;
        }
      anv_db_accept (db, version);
      return g_steal_pointer (&db);
    }

  if (version < target_version
      && !anv_migrations_run (db, version, target_version, error))
    return NULL;
  if (!anv_migrations_ensure_indexes (db, MAX (version, target_version), error))
    return NULL;

  anv_db_accept (db, MAX (version, target_version));
  return g_steal_pointer (&db);
}

AnvDb *
anv_schema_open (const char  *path,
                 const char  *user,
                 GError     **error)
{
  return anv_schema_open_at_version (path, user, anv_migrations_latest (), error);
}

int
anv_schema_latest_version (void)
{
  return anv_migrations_latest ();
}

gboolean
anv_schema_check_file (const char  *path,
                       int         *out_version,
                       GError     **error)
{
  return anv_db_sqlite_check_file (path, anv_migrations_latest (), out_version, error);
}
