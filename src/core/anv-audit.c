/* anv-audit.c — the append-only audit log
 *
 * The schema refuses UPDATE and DELETE on audit_log; this file only adds
 * and reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-audit"

#include "config.h"

#include "anv-audit.h"
#include "anv-db-private.h"

void
anv_audit_entry_free (AnvAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->details);
  g_free (entry);
}

gboolean
anv_audit_append (AnvDb       *db,
                  const char  *action,
                  const char  *entity,
                  const char  *entity_id,
                  const char  *details,
                  GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "INSERT INTO audit_log (actor, action, entity, entity_id, details) "
    "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  anv_db_bind_text (stmt, 1, anv_db_get_user (db));
  anv_db_bind_text (stmt, 2, action);
  anv_db_bind_text (stmt, 3, entity);
  anv_db_bind_text (stmt, 4, entity_id);
  anv_db_bind_text (stmt, 5, details);
  return anv_db_step_done (db, stmt, error);
}

static GPtrArray *
read_entries (AnvDb         *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AnvAuditEntry *entry = g_new0 (AnvAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = anv_db_column_dup (stmt, 1);
      entry->actor = anv_db_column_dup (stmt, 2);
      entry->action = anv_db_column_dup (stmt, 3);
      entry->entity = anv_db_column_dup (stmt, 4);
      entry->entity_id = anv_db_column_dup (stmt, 5);
      entry->details = anv_db_column_dup (stmt, 6);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      anv_db_set_error (db, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
anv_audit_list (AnvDb       *db,
                const char  *from,
                const char  *to,
                const char  *actor,
                guint        limit,
                GError     **error)
{
  return anv_audit_list_before (db, from, to, actor, 0, limit, error);
}

GPtrArray *
anv_audit_list_before (AnvDb       *db,
                       const char  *from,
                       const char  *to,
                       const char  *actor,
                       gint64       before_id,
                       guint        limit,
                       GError     **error)
{
  sqlite3_stmt *stmt = anv_db_statement (db,
    "SELECT id, at, actor, action, entity, entity_id, details FROM audit_log "
    "WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR substr (at, 1, 10) <= ?2) "
    "  AND (?3 IS NULL OR actor = ?3) AND (?5 = 0 OR id < ?5) "
    "ORDER BY id DESC LIMIT ?4", error);

  if (stmt == NULL)
    return NULL;

  anv_db_bind_text (stmt, 1, from);
  anv_db_bind_text (stmt, 2, to);
  anv_db_bind_text (stmt, 3, actor);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, before_id);
  return read_entries (db, stmt, error);
}
