/* anv-db-old.c — temporary: the SQLite calls from before the statement layer
 *
 * Part of the SQLite driver, for the modules not yet on the statement
 * layer (anv-db-old.h). It goes, with its header, when the last of them
 * has moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db-old"

#include "config.h"

#include "anv-db-old.h"
#include "anv-db-sqlite-private.h"

sqlite3 *
anv_db_get_handle (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return anv_db_driver_get_conn (self)->handle;
}

void
anv_db_set_error (AnvDb      *self,
                  int         rc,
                  const char *context,
                  GError    **error)
{
  anv_db_sqlite_fail (self, self != NULL ? anv_db_driver_get_conn (self)->handle : NULL, rc, context, error);
}

sqlite3_stmt *
anv_db_statement (AnvDb       *self,
                  const char  *sql,
                  GError     **error)
{
  AnvDbConn *conn = anv_db_driver_get_conn (self);
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (conn->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (conn->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (self, conn->handle, rc, NULL, error);
      return NULL;
    }
  g_hash_table_insert (conn->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
anv_db_old_step_done (AnvDb         *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      anv_db_set_error (self, rc, NULL, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
anv_db_old_step_insert (AnvDb         *self,
                        sqlite3_stmt  *stmt,
                        gint64        *out_id,
                        gboolean      *out_duplicate,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  *out_duplicate = rc == SQLITE_CONSTRAINT_UNIQUE;
  if (*out_duplicate)
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (self, rc, NULL, error);
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (anv_db_get_handle (self));
  return TRUE;
}

char *
anv_db_old_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

void
anv_db_old_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}
