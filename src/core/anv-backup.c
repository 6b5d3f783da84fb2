/* anv-backup.c — backup and restore of the whole database
 *
 * Both directions copy the file page by page, through the SQLite driver
 * (anv-db-sqlite.h): a backup is a file, which only a database that is one
 * file can give. A backup is written a few pages at a time, so that the
 * application may keep working, to a private file that gets its name only
 * when complete. A restore first
 * checks a copy of the file; then the copy replaces the contents of the
 * open database in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-audit.h"
#include "anv-backup.h"
#include "anv-i18n.h"
#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-db-sqlite.h"
#include "anv-migrations.h"
#include "anv-output.h"
#include "anv-retention.h"
#include "anv-schema.h"
#include "anv-text.h"

struct _AnvRestore
{
  gboolean used;           /* anv_backup_restore() was called with it */
  AnvDb  *copy;
  char   *copy_path;
  char   *source;
  int     version;
  gint64  seekers;
  gint64  referrals;
  guint64 removed_again;   /* by the retention run again on restore */
};

G_DEFINE_QUARK (anv-backup-error-quark, anv_backup_error)

static void
set_errno_error (GError        **error,
                 int             code,
                 const char     *path,
                 int             saved_errno,
                 AnvOutputStep   step)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  g_autofree char *advice = NULL;
  g_autofree char *reason = anv_output_describe_errno (path, saved_errno, step, &advice);

  g_set_error (error, ANV_BACKUP_ERROR, code,
               /* Translators: %1$s is a file, %2$s the reason, %3$s what to do (a
                * sentence) */
               _("%1$s could not be written: %2$s. Nothing was saved. %3$s"),
               shown_path, reason, advice);
}

static void
set_cancelled_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The backup was cancelled. Nothing was saved."));
}

static gboolean
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  fsync (fd);
  return g_close (fd, NULL);
}

static void
remove_with_companions (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
  g_unlink (path);
}

/* A new private file next to @path: its name, or NULL with @error set. */
static char *
make_private_temp (const char  *path,
                   const char  *prefix,
                   GError     **error)
{
  char *temp = anv_output_make_temp (path, prefix, NULL);

  if (temp == NULL)
    set_errno_error (error, ANV_BACKUP_ERROR_WRITE, path, errno, ANV_OUTPUT_IN_FOLDER);
  return temp;
}

/* The context of a copy's errors: the backup @dest. */
static char *
describe_write_failure (const char *dest)
{
  g_autofree char *shown_dest = anv_text_quote_path (dest);

  /* Translators: %s is a file */
  return g_strdup_printf (_("The backup %s could not be written."), shown_dest);
}

/* Writes the copy of @db into @temp as one self-contained file (no log
 * beside it). */
static gboolean
write_copy (AnvDb              *db,
            const char         *temp,
            const char         *dest,
            AnvBackupProgress   progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autofree char *context = describe_write_failure (dest);
  g_autoptr (GError) local_error = NULL;

  if (anv_db_sqlite_copy_to_file (db, temp, progress, user_data, cancellable, context,
                                  &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_cancelled_error (error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *buffer = g_malloc (1 << 16);
  int in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  int out;
  ssize_t n = 0;

  if (in < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_SOURCE,
                   /* Translators: %1$s is a file, %2$s the system's reason */
                   _("%1$s cannot be read: %2$s."), from, g_strerror (saved_errno));
      return FALSE;
    }
  out = g_open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0)
    {
      set_errno_error (error, ANV_BACKUP_ERROR_WRITE, to, errno, ANV_OUTPUT_IN_FOLDER);
      g_close (in, NULL);
      return FALSE;
    }
  while ((n = read (in, buffer, 1 << 16)) > 0)
    if (write (out, buffer, (size_t) n) != n)
      {
        n = -1;
        break;
      }
  if (n < 0 || fsync (out) != 0)
    {
      set_errno_error (error, ANV_BACKUP_ERROR_WRITE, to, errno, ANV_OUTPUT_TO_FILE);
      n = -1;
    }
  g_close (in, NULL);
  g_close (out, NULL);
  return n == 0;
}

/* Copies the database @source into @copy. One in use elsewhere has a log
 * beside it, which its program may checkpoint at any moment: copied file
 * by file, the two could come from different moments, and the copy would
 * lack writes or be torn. So that one is read through SQLite, in one
 * snapshot. Otherwise, or when that fails, the files are copied as they
 * are, and the checks that follow judge the copy. */
static gboolean
copy_source (const char  *source,
             const char  *copy,
             GError     **error)
{
  g_autofree char *source_wal = g_strconcat (source, "-wal", NULL);
  g_autofree char *source_shm = g_strconcat (source, "-shm", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  gboolean has_log = g_file_test (source_wal, G_FILE_TEST_IS_REGULAR);

  /* In use, it has its shared-memory index too; without one (files
   * copied from elsewhere), SQLite would leave a new one beside it. */
  if (has_log && g_file_test (source_shm, G_FILE_TEST_IS_REGULAR)
      && anv_db_sqlite_snapshot (source, copy))
    return TRUE;
  return copy_file (source, copy, error)
         && (!has_log || copy_file (source_wal, copy_wal, error));
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void
set_damaged_error (GError     **error,
                   const char  *source)
{
  g_autofree char *shown_source = anv_text_quote_path (source);

  g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_DAMAGED,
               _("%s is damaged (it fails the integrity check) and cannot be restored. "
                 "Choose another backup; nothing was changed."), shown_source);
}

static gboolean
check_integrity (AnvDb       *db,
                 const char  *source,
                 GError     **error)
{
  gboolean intact = FALSE;

  if (!anv_db_sqlite_check_integrity (db, &intact, error))
    return FALSE;
  if (!intact)
    set_damaged_error (error, source);
  return intact;
}

static gboolean
append_audit (AnvDb       *db,
              const char  *action,
              const char  *details,
              GError     **error)
{
  if (!anv_db_begin (db, error))
    return FALSE;
  if (!anv_audit_append (db, action, "database", NULL, details, error)
      || !anv_db_commit (db, error))
    {
      anv_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Appends to the copy to restore the entries of @db's audit log that it
 * does not hold (those since the backup was made, or all of another
 * database's), in their order. Run again, it adds only the new ones. The
 * copy's id sequences rise above the ids @db gave since the backup: an id
 * the log names is never given to someone else. */
static gboolean
carry_audit_log (AnvRestore  *restore,
                 AnvDb       *db,
                 GError     **error)
{
  AnvDbStmt *attach = anv_db_prepare (restore->copy, "backup/attach-live",
                                      "ATTACH DATABASE ?1 AS live", error);
  gboolean ok;

  if (attach == NULL)
    return FALSE;
  anv_db_bind_text (attach, 1, anv_db_get_path (db));
  if (!anv_db_step_done (attach, error))
    return FALSE;

  ok = anv_db_exec (restore->copy,
    "INSERT INTO main.audit_log (at, actor, action, entity, entity_id, details) "
    "SELECT l.at, l.actor, l.action, l.entity, l.entity_id, l.details "
    "FROM live.audit_log l WHERE NOT EXISTS (SELECT 1 FROM main.audit_log m "
    "  WHERE m.at = l.at AND m.actor = l.actor AND m.action = l.action "
    "  AND m.entity = l.entity AND m.entity_id IS l.entity_id AND m.details IS l.details) "
    "ORDER BY l.id", error);
  ok = ok && anv_migrations_raise_id_sequences (restore->copy, "live", error);
  /* On failure the copy is thrown away, attached or not. */
  anv_db_exec (restore->copy, "DETACH DATABASE live", NULL);
  return ok;
}

/* A restore does not undo retention (gallring): the latest one in the
 * audit log, which the copy now holds whole, is run again on the copy,
 * so that job seekers removed since the backup was made do not come
 * back. Audited in the copy as a retention of its own. */
static gboolean
reapply_retention (AnvRestore  *restore,
                   GError     **error)
{
  AnvDbStmt *stmt = anv_db_prepare (restore->copy, "backup/latest-retention",
    "SELECT max (substr (details, 14, 10)) FROM audit_log "
    "WHERE action = 'seeker.retention' AND details LIKE 'ended\\_before=%' ESCAPE '\\'",
    error);
  g_autofree char *latest = NULL;
  guint64 due = 0, removed = 0;
  GDate ended_before;

  if (stmt == NULL)
    return FALSE;
  /* max() always gives its row. */
  if (!anv_db_step_row (stmt, error))
    return FALSE;
  latest = anv_db_column_dup (stmt, 0);
  anv_db_reset (stmt);
  if (latest == NULL || !anv_date_parse (latest, &ended_before, NULL))
    return TRUE;
  /* Run (and audited) only when it removes someone */
  if (!anv_retention_count (restore->copy, &ended_before, &due, error))
    return FALSE;
  if (due == 0)
    return TRUE;
  if (!anv_retention_run (restore->copy, &ended_before, NULL, &removed, NULL, error))
    return FALSE;
  restore->removed_again += removed;
  return TRUE;
}

/* Whether @dest can be written as a copy of @db: a new name or a regular
 * file, not @db's own nor a copy a restore kept. A backup is a database
 * file, renamed into place: a pipe or a device cannot take it. */
static gboolean
check_dest (AnvDb       *db,
            const char  *dest,
            GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AnvOutputKind kind;

  if (!anv_output_check (db, dest, ANV_OUTPUT_FOR_BACKUP, &kind, NULL, &local_error))
    {
      g_set_error_literal (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }
  if (kind == ANV_OUTPUT_DESCRIPTOR)
    {
      g_autofree char *shown_dest = anv_text_quote_path (dest);

      g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE,
                   _("%s is where this program’s own output goes, not a file of its own. "
                     "Name a file for the backup."), shown_dest);
      return FALSE;
    }
  if (kind != ANV_OUTPUT_REPLACE)
    {
      g_autofree char *shown_dest = anv_text_quote_path (dest);

      g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE,
                   _("%s is not an ordinary file (it is a pipe or a device). Name a file "
                     "for the backup."), shown_dest);
      return FALSE;
    }
  return TRUE;
}

/* Copies @db as it is now into a new private file beside @dest, read on
 * a connection of its own: @db's own connection is the destination of the
 * restore under way, which holds the lock, so no one else writes
 * meanwhile. Returns the file's name; it takes @dest's once the restore
 * has logged it. */
static char *
keep_current (AnvDb       *db,
              const char  *dest,
              GError     **error)
{
  g_autofree char *temp = make_private_temp (dest, ".anvisa-backup-", error);
  g_autofree char *context = describe_write_failure (dest);

  if (temp == NULL)
    return NULL;
  if (!anv_db_sqlite_copy_file (anv_db_get_path (db), temp, context, error))
    {
      remove_with_companions (temp);
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Public API */

/* A server's database is backed up and restored by the server's own
 * tools, with its whole history of writes (README.md, "A shared server"):
 * a copy of one program's view would miss the others'. */
static gboolean
refuse_on_server (AnvDb   *db,
                  GError **error)
{
  if (!anv_db_is_server (db))
    return TRUE;
  g_set_error_literal (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_SERVER,
                       _("This database is on a server: its backups are made and restored "
                         "on the server, by your office’s IT, with PostgreSQL’s own tools "
                         "(pg_dump and pg_restore). Nothing was copied or replaced."));
  return FALSE;
}

gboolean
anv_backup_create (AnvDb              *db,
                   const char         *dest,
                   AnvBackupProgress   progress,
                   gpointer            user_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autofree char *temp = NULL;
  g_autofree char *details = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *shown_absolute = NULL;
  gboolean ok, registered;

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (!refuse_on_server (db, error))
    return FALSE;

  /* Logged by its absolute path, as an export is */
  absolute = g_canonicalize_filename (dest, NULL);
  if (!check_dest (db, dest, error))
    return FALSE;

  temp = make_private_temp (dest, ".anvisa-backup-", error);
  if (temp == NULL)
    return FALSE;
  registered = anv_output_register_temp (temp);

  ok = write_copy (db, temp, dest, progress, user_data, cancellable, error);
  /* The last moment a cancel is heard: after it the file has its name. */
  if (ok && g_cancellable_is_cancelled (cancellable))
    {
      set_cancelled_error (error);
      ok = FALSE;
    }

  /* Recorded before the file takes its name: a backup the log does not
   * know of never exists, and a file it replaces stays if this fails. A
   * signal waits until the name is taken. */
  if (ok && registered && !anv_output_begin_commit ())
    {
      /* A signal in another thread has removed the file and ends the
       * program. */
      set_cancelled_error (error);
      ok = FALSE;
    }
  if (ok)
    {
      shown_absolute = anv_text_quote_path (absolute);
      details = g_strdup_printf ("file=%s", shown_absolute);
      ok = append_audit (db, "database.backup", details, error);
    }
  if (ok && g_rename (temp, dest) != 0)
    {
      set_errno_error (error, ANV_BACKUP_ERROR_WRITE, dest, errno, ANV_OUTPUT_TO_FILE);
      ok = FALSE;
    }
  if (!ok)
    remove_with_companions (temp);
  if (registered)
    anv_output_unregister_temp ();
  if (!ok)
    return FALSE;
  sync_directory (dest);
  return TRUE;
}

AnvRestore *
anv_backup_prepare_restore (AnvDb       *db,
                            const char  *source,
                            GError     **error)
{
  g_autofree char *shown_source = anv_text_quote_path (source);
  g_autoptr (AnvRestore) restore = g_new0 (AnvRestore, 1);
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!refuse_on_server (db, error))
    return NULL;
  restore->source = g_strdup (source);
  if (is_same_file (source, anv_db_get_path (db)))
    {
      g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_SOURCE,
                   _("%s is the database in use, not a backup. Choose a backup file."),
                   shown_source);
      return NULL;
    }
  if (!anv_schema_check_file (source, &restore->version, error))
    return NULL;

  /* A database still in use elsewhere may hold its newest writes in its
   * log; the copy takes them along. */
  restore->copy_path = make_private_temp (anv_db_get_path (db), ".anvisa-restore-", error);
  if (restore->copy_path == NULL || !copy_source (source, restore->copy_path, error))
    return NULL;

  restore->copy = anv_schema_open (restore->copy_path, anv_db_get_user (db), &local_error);
  if (restore->copy == NULL && g_error_matches (local_error, ANV_DB_ERROR, ANV_DB_ERROR_CORRUPT))
    {
      set_damaged_error (error, source);
      return NULL;
    }
  if (restore->copy == NULL)
    {
      g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_SOURCE,
                   /* Translators: %1$s is a file, %2$s the reason */
                   _("%1$s cannot be restored: %2$s"), shown_source, local_error->message);
      return NULL;
    }
  if (!check_integrity (restore->copy, source, error)
      || !anv_db_sqlite_match_page_size (restore->copy, db, error)
      || !anv_db_query_int64 (restore->copy, "SELECT count(*) FROM seeker", &restore->seekers,
                              error)
      || !anv_db_query_int64 (restore->copy, "SELECT count(*) FROM referral",
                              &restore->referrals, error))
    return NULL;
  return g_steal_pointer (&restore);
}

void
anv_restore_free (AnvRestore *restore)
{
  if (restore == NULL)
    return;
  g_clear_object (&restore->copy);
  if (restore->copy_path != NULL)
    remove_with_companions (restore->copy_path);
  g_free (restore->copy_path);
  g_free (restore->source);
  g_free (restore);
}

gint64
anv_restore_get_seekers (AnvRestore *restore)
{
  return restore->seekers;
}

int
anv_restore_get_version (AnvRestore *restore)
{
  return restore->version;
}

guint64
anv_restore_get_removed_again (AnvRestore *restore)
{
  g_return_val_if_fail (restore != NULL, 0);
  return restore->removed_again;
}

char *
anv_restore_describe_removed_again (AnvRestore *restore)
{
  guint n;

  g_return_val_if_fail (restore != NULL, NULL);

  if (restore->removed_again == 0)
    return NULL;
  n = (guint) restore->removed_again;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u job seeker in the backup had been removed by "
                                       "retention (gallring) since, and was removed again.",
                                       "%u job seekers in the backup had been removed by "
                                       "retention (gallring) since, and were removed again.",
                                       n), n);
}

/**
 * anv_restore_describe_question:
 * @restore: a restore, prepared
 * @file: the backup, as the person named it
 * @keep_path: where the current database will be kept
 *
 * The question asked before a restore replaces the database, with the
 * backup's counts grouped: the same sentence for the CLI and the window.
 *
 * Returns: (transfer full): the question
 */
char *
anv_restore_describe_question (AnvRestore *restore,
                               const char *file,
                               const char *keep_path)
{
  guint64 n_seekers, n_referrals;
  g_autofree char *seekers_count = NULL;
  g_autofree char *referrals_count = NULL;
  g_autofree char *seekers = NULL;
  g_autofree char *referrals = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *keep_name = NULL;

  g_return_val_if_fail (restore != NULL, NULL);

  n_seekers = (guint64) MAX (restore->seekers, 0);
  n_referrals = (guint64) MAX (restore->referrals, 0);
  seekers_count = anv_format_count (n_seekers);
  referrals_count = anv_format_count (n_referrals);
  seekers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s job seeker", "%s job seekers",
                                          (gulong) n_seekers), seekers_count);
  referrals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s referral", "%s referrals",
                                            (gulong) n_referrals), referrals_count);
  file_name = g_filename_display_name (file);
  keep_name = g_filename_display_name (keep_path);

  /* Translators: %1$s is a file, %2$s "N job seekers", %3$s "N referrals", %4$s a file */
  return g_strdup_printf (_("Replace everything in the database with %1$s (%2$s, %3$s)? "
                            "The current database is kept as %4$s."),
                          file_name, seekers, referrals, keep_name);
}

#define KEPT_INFIX ".before-restore-"

char *
anv_backup_kept_path (AnvDb      *db,
                      const char *stamp)
{
  g_return_val_if_fail (ANV_IS_DB (db), NULL);
  return g_strconcat (anv_db_get_path (db), KEPT_INFIX, stamp, NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
anv_backup_list_kept (AnvDb *db)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GDir) handle = NULL;
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (ANV_IS_DB (db), kept);

  dir = g_path_get_dirname (anv_db_get_path (db));
  base = g_path_get_basename (anv_db_get_path (db));
  prefix = g_strconcat (base, KEPT_INFIX, NULL);
  /* The database's own folder, which it was just opened from: if it
   * cannot be listed, there is no kept copy to offer. */
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal")
        && !g_str_has_suffix (name, "-shm") && !g_str_has_suffix (name, "-journal"))
      g_ptr_array_add (kept, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (kept, compare_paths);
  return kept;
}

/* What a restore does while the database in use is locked. */
typedef struct
{
  AnvDb      *db;
  AnvRestore *restore;
  const char *keep_path;
  const char *details;
  const char *kept_details;
  char       *kept;        /* the current database's copy, once written */
} Locked;

static gboolean
finish_copy_locked (gpointer   user_data,
                    GError   **error)
{
  Locked *locked = user_data;

  return (locked->keep_path == NULL
          || (locked->kept = keep_current (locked->db, locked->keep_path, error)) != NULL)
         && carry_audit_log (locked->restore, locked->db, error)
         && reapply_retention (locked->restore, error)
         && (locked->kept == NULL
             || append_audit (locked->restore->copy, "database.backup", locked->kept_details,
                              error))
         && append_audit (locked->restore->copy, "database.restore", locked->details, error);
}

gboolean
anv_backup_restore (AnvDb        *db,
                    AnvRestore   *restore,
                    const char   *keep_path,
                    GError      **error)
{
  g_autofree char *details = NULL;
  g_autofree char *kept_details = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *shown_absolute = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *shown_source = NULL;
  g_autofree char *context = NULL;
  Locked locked = { 0 };

  g_return_val_if_fail (ANV_IS_DB (db), FALSE);
  g_return_val_if_fail (restore != NULL && restore->copy != NULL, FALSE);
  g_return_val_if_fail (!restore->used, FALSE);
  g_return_val_if_fail (!anv_db_in_transaction (db), FALSE);

  /* Its copy takes this restore's entries: it is not used twice. */
  restore->used = TRUE;

  if (keep_path != NULL && !check_dest (db, keep_path, error))
    return FALSE;

  absolute = g_canonicalize_filename (restore->source, NULL);
  shown_absolute = anv_text_quote_path (absolute);
  details = g_strdup_printf ("file=%s; version=%d; seekers=%" G_GINT64_FORMAT
                             "; referrals=%" G_GINT64_FORMAT,
                             shown_absolute, restore->version, restore->seekers,
                             restore->referrals);
  if (keep_path != NULL)
    {
      g_autofree char *keep_absolute = g_canonicalize_filename (keep_path, NULL);
      g_autofree char *shown_keep = anv_text_quote_path (keep_absolute);

      kept_details = g_strdup_printf ("file=%s", shown_keep);
    }

  /* The bulk of the work first, while others may still write: the audit
   * log of the database in use into the copy, and retention again. */
  if (!carry_audit_log (restore, db, error) || !reapply_retention (restore, error))
    return FALSE;

  /* Then the database in use is locked for writing while the copy goes
   * into it. Meanwhile the current database is kept beside it, and what
   * was logged since goes into the copy too, so that whatever others
   * wrote is in one or the other. Nothing is written to the database in
   * use until the last step, in one transaction. */
  locked.db = db;
  locked.restore = restore;
  locked.keep_path = keep_path;
  locked.details = details;
  locked.kept_details = kept_details;
  shown_source = anv_text_quote_path (restore->source);
  /* Translators: %s is a file */
  context = g_strdup_printf (_("%s could not be restored; the database was left as it was."),
                             shown_source);
  if (!anv_db_sqlite_replace (db, restore->copy, finish_copy_locked, &locked, context, error))
    {
      if (locked.kept != NULL)
        remove_with_companions (locked.kept);
      g_free (locked.kept);
      return FALSE;
    }
  kept = locked.kept;

  /* Logged with the restore: the kept copy takes its name. A crash before
   * leaves a temporary file, which the next backup or restore removes. */
  if (kept != NULL)
    {
      if (g_rename (kept, keep_path) != 0)
        {
          int saved_errno = errno;
          g_autofree char *shown_keep = anv_text_quote_path (keep_path);
          g_autofree char *shown_kept = anv_text_quote_path (kept);

          g_set_error (error, ANV_BACKUP_ERROR, ANV_BACKUP_ERROR_WRITE,
                       /* Translators: %1$s and %2$s are files, %3$s the system's reason */
                       _("The backup was restored, but the copy of the database before it "
                         "could not be named %1$s (%3$s). It is %2$s: rename it yourself."),
                       shown_keep, shown_kept, g_strerror (saved_errno));
          return FALSE;
        }
      sync_directory (keep_path);
    }
  return TRUE;
}
