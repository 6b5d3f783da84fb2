/* anv-db-sqlite-copy.c — the SQLite driver: copies of a database file
 *
 * What only a database that is one file can do: be copied page by page
 * while in use, into a backup or from a checked copy back into the file
 * in use (anv-db-sqlite.h). Part of the SQLite driver; the backup module
 * keeps the rules, names and audit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db-sqlite-copy"

#include "config.h"

#include <glib/gstdio.h>

#include "anv-db-sqlite-private.h"
#include "anv-db-sqlite.h"

/* A copy's steps: pages per step, and how long to wait for a lock. */
#define PAGES_PER_STEP     64
#define BUSY_SLEEP_MS      20
#define BUSY_TRIES         1000   /* 20 s */
#define RESTARTS_BEFORE_ONE_STEP 3

/* Copies all pages of @src into @dest; @pages per step (-1: all in one
 * transaction). When other programs write to @src, the copy starts over;
 * after RESTARTS_BEFORE_ONE_STEP of those it copies the rest in one step,
 * which reads one snapshot while they go on writing to the log. Between
 * steps @cancellable is looked at: SQLITE_INTERRUPT when it is
 * cancelled. */
static int
copy_pages (sqlite3           *dest,
            sqlite3           *src,
            int                pages,
            AnvDbCopyProgress  progress,
            gpointer           user_data,
            GCancellable      *cancellable)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  guint tries = 0, restarts = 0;
  int rc, remaining = -1;

  if (backup == NULL)
    return sqlite3_extended_errcode (dest);

  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          rc = SQLITE_INTERRUPT;
          break;
        }
      rc = sqlite3_backup_step (backup, pages);
      if (progress != NULL)
        {
          guint total = (guint) sqlite3_backup_pagecount (backup);

          progress (total - (guint) sqlite3_backup_remaining (backup), total, user_data);
        }
      /* A step that went on copies @pages fewer remain; one that started
       * over has copied the first @pages again. */
      if (rc == SQLITE_OK && pages > 0 && remaining >= 0
          && sqlite3_backup_remaining (backup) > remaining - pages
          && ++restarts >= RESTARTS_BEFORE_ONE_STEP)
        pages = -1;
      remaining = sqlite3_backup_remaining (backup);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (++tries > BUSY_TRIES)
            break;
          sqlite3_sleep (BUSY_SLEEP_MS);
        }
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);

  if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
    rc = sqlite3_extended_errcode (dest);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Writes the copy of @src into @path as one self-contained file (no log
 * beside it). */
static gboolean
write_copy (sqlite3            *src,
            const char         *path,
            AnvDbCopyProgress   progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            const char         *context,
            GError            **error)
{
  sqlite3 *out = NULL;
  int rc = sqlite3_open_v2 (path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                                        | SQLITE_OPEN_EXRESCODE, NULL);

  if (rc == SQLITE_OK)
    rc = copy_pages (out, src, PAGES_PER_STEP, progress, user_data, cancellable);
  if (rc == SQLITE_INTERRUPT)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      sqlite3_close_v2 (out);
      return FALSE;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rc = out != NULL ? sqlite3_extended_errcode (out) : rc;
      anv_db_sqlite_fail (NULL, NULL, rc, context, error);
      sqlite3_close_v2 (out);
      return FALSE;
    }
  rc = sqlite3_close_v2 (out);
  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (NULL, NULL, rc, context, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_db_sqlite_copy_to_file (AnvDb              *db,
                            const char         *path,
                            AnvDbCopyProgress   progress,
                            gpointer            user_data,
                            GCancellable       *cancellable,
                            const char         *context,
                            GError            **error)
{
  g_return_val_if_fail (ANV_IS_DB (db), FALSE);

  return write_copy (anv_db_driver_get_conn (db)->handle, path, progress, user_data,
                     cancellable, context, error);
}

gboolean
anv_db_sqlite_copy_file (const char  *source,
                         const char  *path,
                         const char  *context,
                         GError     **error)
{
  sqlite3 *side = NULL;
  gboolean ok;
  int rc = sqlite3_open_v2 (source, &side,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                            NULL);

  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (NULL, NULL, rc, context, error);
      ok = FALSE;
    }
  else
    ok = write_copy (side, path, NULL, NULL, NULL, context, error);
  sqlite3_close_v2 (side);
  return ok;
}

gboolean
anv_db_sqlite_snapshot (const char *source,
                        const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  sqlite3 *in = NULL, *out = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc = sqlite3_open_v2 (source, &in, SQLITE_OPEN_READONLY | flags, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (path, &out, SQLITE_OPEN_READWRITE | flags, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (out, in, -1, NULL, NULL, NULL);
  sqlite3_close_v2 (out);
  sqlite3_close_v2 (in);
  if (rc != SQLITE_OK)
    {
      g_debug ("Reading %s in one snapshot failed (%s)", source, sqlite3_errstr (rc));
      g_unlink (journal);
    }
  return rc == SQLITE_OK;
}

gboolean
anv_db_sqlite_check_integrity (AnvDb     *db,
                               gboolean  *out_intact,
                               GError   **error)
{
  AnvDbStmt *stmt = anv_db_prepare (db, "db-sqlite/integrity-check",
                                    "PRAGMA integrity_check (1)", error);
  AnvDbStep step;

  if (stmt == NULL)
    return FALSE;
  /* A file that SQLite cannot even check to its end is as damaged as one
   * that fails: the step's own error is not wanted. */
  step = anv_db_step (stmt, NULL);
  *out_intact = step == ANV_DB_ROW && g_strcmp0 (anv_db_column_text (stmt, 0), "ok") == 0;
  if (step == ANV_DB_ROW)
    anv_db_reset (stmt);
  return TRUE;
}

gboolean
anv_db_sqlite_match_page_size (AnvDb   *copy,
                               AnvDb   *db,
                               GError **error)
{
  g_autofree char *sql = NULL;
  gint64 wanted, size;

  if (!anv_db_query_int64 (db, "PRAGMA page_size", &wanted, error)
      || !anv_db_query_int64 (copy, "PRAGMA page_size", &size, error))
    return FALSE;
  if (size == wanted)
    return TRUE;
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA page_size = %" G_GINT64_FORMAT
                         "; VACUUM", wanted);
  return anv_db_exec (copy, sql, error);
}

gboolean
anv_db_sqlite_replace (AnvDb               *db,
                       AnvDb               *copy,
                       AnvDbWhileLocked     while_locked,
                       gpointer             user_data,
                       const char          *context,
                       GError             **error)
{
  sqlite3 *dest = anv_db_driver_get_conn (db)->handle;
  sqlite3_backup *backup;
  guint tries = 0;
  int rc;

  g_return_val_if_fail (!anv_db_in_transaction (db), FALSE);

  /* The backup holds the lock from its first step (of no pages) until it
   * is done; nothing is written to @db until the last step, in one
   * transaction. */
  backup = sqlite3_backup_init (dest, "main", anv_db_driver_get_conn (copy)->handle, "main");
  if (backup == NULL)
    rc = sqlite3_extended_errcode (dest);
  else
    while (((rc = sqlite3_backup_step (backup, 0)) & 0xff) == SQLITE_BUSY
           || (rc & 0xff) == SQLITE_LOCKED)
      {
        if (++tries > BUSY_TRIES)
          break;
        sqlite3_sleep (BUSY_SLEEP_MS);
      }

  if (rc == SQLITE_OK)
    {
      if (while_locked != NULL && !while_locked (user_data, error))
        {
          sqlite3_backup_finish (backup);
          return FALSE;
        }
      rc = sqlite3_backup_step (backup, -1);
    }
  if (backup != NULL)
    {
      int finished = sqlite3_backup_finish (backup);

      if (rc == SQLITE_DONE)
        rc = finished;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;

  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (db, dest, rc, context, error);
      return FALSE;
    }
  return TRUE;
}
