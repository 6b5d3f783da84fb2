/* anv-db-sqlite-open.c — the SQLite driver: opening a database file safely
 *
 * A file is examined before SQLite may write to it: a database from a
 * newer Anvisa, another program's database, or something that is no
 * database at all is refused untouched. Then the connection is set up:
 * write-ahead mode and the pragmas, or reading only where the file or
 * its folder cannot be written. The files this process has open are
 * kept in a registry, so that none is opened and closed twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE             /* F_OFD_SETLK */
#define G_LOG_DOMAIN "anvisa-db-sqlite-open"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-db-sqlite-private.h"
#include "anv-db-sqlite.h"
#include "anv-text.h"

#define BUSY_TIMEOUT_MS    10000
#define HEADER_SIZE        100

/* The files this process has open as databases, "device:inode" → count.
 *
 * SQLite's locks were POSIX record locks, which belong to the process:
 * closing any descriptor of the file drops every lock the process holds
 * on it, and another program may then checkpoint and truncate the log
 * under a connection that is still open. They are now the open file's
 * (fcntl_with_file_locks()), where the system has those; still, a file
 * that a connection of this process has open is never opened and closed
 * again here. */
static GMutex      open_files_lock;
static GHashTable *open_files;

static char *
inode_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

static gboolean
is_open_here (const char *path)
{
  g_autofree char *key = inode_key (path);
  gboolean found;

  if (key == NULL)
    return FALSE;
  g_mutex_lock (&open_files_lock);
  found = open_files != NULL && g_hash_table_contains (open_files, key);
  g_mutex_unlock (&open_files_lock);
  return found;
}

void
anv_db_sqlite_register_open (AnvDbConn  *conn,
                             const char *path)
{
  guint count;

  if (conn->inode != NULL)
    return;
  conn->inode = inode_key (path);
  if (conn->inode == NULL)
    return;
  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, conn->inode));
  g_hash_table_insert (open_files, g_strdup (conn->inode), GUINT_TO_POINTER (count + 1));
  g_mutex_unlock (&open_files_lock);
}

void
anv_db_sqlite_unregister_open (AnvDbConn *conn)
{
  guint count;

  if (conn->inode == NULL)
    return;
  g_mutex_lock (&open_files_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, conn->inode));
  if (count <= 1)
    g_hash_table_remove (open_files, conn->inode);
  else
    g_hash_table_insert (open_files, g_strdup (conn->inode), GUINT_TO_POINTER (count - 1));
  g_mutex_unlock (&open_files_lock);
  g_clear_pointer (&conn->inode, g_free);
}

/* Opening */

static gboolean
prepare_directory (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int saved_errno;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_OPEN,
               /* Translators: %1$s is a folder, %2$s the system's reason */
               _("The folder %1$s for the database cannot be created: %2$s."),
               dir, g_strerror (saved_errno));
  return FALSE;
}

/* Creates an empty file with mode 0600 so that SQLite, which gives its
 * -wal and -shm files the mode of the database, never makes them
 * readable by others. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  int saved_errno;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd >= 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }

  saved_errno = errno;
  if (saved_errno == EEXIST)
    return TRUE;

  if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *shown_dir = anv_text_quote_path (dir);

      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                   /* Translators: %1$s is a file, %2$s its folder */
                   _("The database %1$s cannot be created: you may not create files in the "
                     "folder %2$s. Choose another folder, or ask for permission to change "
                     "this one."), shown_path, shown_dir);
      return FALSE;
    }
  g_set_error (error, ANV_DB_ERROR,
               saved_errno == EACCES || saved_errno == EROFS ? ANV_DB_ERROR_READ_ONLY
                                                             : ANV_DB_ERROR_OPEN,
               /* Translators: %1$s is a file, %2$s the system's reason */
               _("The database %1$s cannot be created: %2$s."),
               shown_path, g_strerror (saved_errno));
  return FALSE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The header tells the database's size in pages (when its change counter
 * matches the one the size is valid for). A file shorter than that lost
 * its end, unless a write-ahead log beside it still holds the pages. */
static gboolean
is_cut_short (const char   *path,
              const guchar *header,
              goffset       file_size)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  guint32 page_size = ((guint32) header[16] << 8) | header[17];
  guint32 pages = read_be32 (header + 28);
  GStatBuf wal;

  if (page_size == 1)
    page_size = 65536;
  if (pages == 0 || read_be32 (header + 24) != read_be32 (header + 92))
    return FALSE;
  if (g_stat (wal_path, &wal) == 0 && wal.st_size > 0)
    return FALSE;
  return (guint64) file_size < (guint64) pages * page_size;
}

/* Looks at the file's first 100 bytes, as SQLite lays them out, before
 * SQLite touches it. */
static gboolean
check_header (const char  *path,
              int          newest_version,
              gboolean    *out_is_new,
              int         *out_version,
              GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  guchar header[HEADER_SIZE];
  GStatBuf st;
  int fd;
  ssize_t n;
  guint32 app_id, version;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_OPEN,
                   _("The database %1$s cannot be opened: %2$s."),
                   shown_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA,
                   _("%s is not a file. Choose an Anvisa database file."), shown_path);
      return FALSE;
    }

  *out_is_new = st.st_size == 0;
  if (*out_is_new)
    return TRUE;

  /* A connection of this process has it open, and so checked it; opening
   * it again here would drop that connection's locks. The version is
   * read through SQLite. */
  if (is_open_here (path))
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_OPEN,
                   _("The database %1$s cannot be opened: %2$s."),
                   shown_path, g_strerror (saved_errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  g_close (fd, NULL);

  if (n < HEADER_SIZE || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA,
                   _("%s is not an Anvisa database (it is not a database at all). "
                     "Choose another file; this one was left as it was."), shown_path);
      return FALSE;
    }

  version = read_be32 (header + 60);
  app_id = read_be32 (header + 68);

  if (app_id != ANV_APPLICATION_ID)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA,
                   _("%s is a database of another program, not of Anvisa. "
                     "Choose another file; this one was left as it was."), shown_path);
      return FALSE;
    }

  if (version > (guint32) newest_version)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW,
                   _("%1$s was written by a newer version of Anvisa (database version %2$u; "
                     "this one knows up to %3$d). Update Anvisa to open it; "
                     "the file was left as it was."),
                   shown_path, version, newest_version);
      return FALSE;
    }
  if (is_cut_short (path, header, st.st_size))
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_CORRUPT,
                   _("%s is cut short: the file is smaller than the database it holds (a copy "
                     "that did not finish?). Restore it from a backup; the file was left as "
                     "it was."), shown_path);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = (int) version;
  return TRUE;
}

static gboolean
configure_connection (AnvDbConn  *conn,
                      GError    **error)
{
  int mode_is_wal = 0;
  sqlite3_stmt *stmt = NULL;
  gint64 give_up = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int rc;

  /* Programs opening a new file at the same moment each try to switch it
   * to write-ahead mode. Where waiting could deadlock (one reads and would
   * write, while another waits for it to stop reading), SQLite answers
   * "busy" at once, without waiting: so this waits and tries again. */
  for (;;)
    {
      rc = sqlite3_prepare_v2 (conn->handle, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        mode_is_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0),
                                          "wal") == 0;
      else
        rc = sqlite3_errcode (conn->handle);
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (mode_is_wal || (rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > give_up)
        break;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }

  if (!mode_is_wal)
    {
      anv_db_sqlite_fail (conn->db, conn->handle, rc == SQLITE_OK ? SQLITE_CANTOPEN : rc,
                          _("The database cannot be put in write-ahead mode."), error);
      return FALSE;
    }

  return anv_db_sqlite_exec (conn,
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;"
                    "PRAGMA temp_store = MEMORY;",
                    error);
}

static int
collate_swedish_cb (void       *user_data,
                    int         a_length,
                    const void *a,
                    int         b_length,
                    const void *b)
{
  return anv_text_collate_len (a, a_length, b, b_length);
}

/* The names shown to people are sorted in the modules' SQL with
 * "COLLATE anvisa_sv" (ANV_TEXT_COLLATION): Swedish, the same in every
 * process whatever its locale, defined once in the core
 * (anv_text_collate()). No index or view uses it, so that the file stays
 * readable by tools that do not have it. A PostgreSQL driver would give
 * the same name to an ICU collation, CREATE COLLATION anvisa_sv
 * (provider = icu, locale = 'sv-SE') (as "sv-SE-x-icu"), or keep its own
 * text for those statements' keys. */
static gboolean
add_collations (AnvDbConn  *conn,
                GError    **error)
{
  int rc = sqlite3_create_collation_v2 (conn->handle, ANV_TEXT_COLLATION, SQLITE_UTF8, NULL,
                                        collate_swedish_cb, NULL);

  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (conn->db, conn->handle, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

/* SQLite's own fcntl(), for what is not a lock. */
static sqlite3_syscall_ptr real_fcntl;

/* SQLite's fcntl(), with its record locks taken as locks of the open
 * file (F_OFD_*), which belong to the descriptor that took them rather
 * than to the process. A process-wide lock is dropped when anything in
 * the process closes any descriptor of the file (a file chooser reading
 * the database's first bytes to show its type does): another program
 * may then checkpoint and delete the log and its index under connections
 * that are still open, which go on with the deleted files, reading old
 * data and failing to write. The two kinds of locks still exclude each
 * other, so other programs' SQLite is kept out as before. */
static int
fcntl_with_file_locks (int fd,
                       int cmd,
                       ...)
{
  int (*call) (int, int, ...) = (int (*) (int, int, ...)) real_fcntl;
  va_list args;
  void *arg;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

#ifdef F_OFD_SETLK
  if (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK)
    {
      struct flock *lock = arg;
      int rc;

      /* Required of a lock of the open file; SQLite leaves it unset. */
      lock->l_pid = 0;
      rc = call (fd, cmd == F_SETLK ? F_OFD_SETLK : cmd == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK,
                 arg);
      /* A system without them (before Linux 3.15) has the process's */
      if (rc == 0 || errno != EINVAL)
        return rc;
    }
#endif
  return call (fd, cmd, arg);
}

/* Process-wide SQLite settings, before the first connection. Anvisa does
 * not read SQLite's memory statistics, and keeping them costs a lock per
 * allocation: a tenth of an import's time. Its locks are the open
 * file's (fcntl_with_file_locks()). */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *unix_vfs;

      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      unix_vfs = sqlite3_vfs_find ("unix");
      if (unix_vfs != NULL && unix_vfs->iVersion >= 3 && unix_vfs->xSetSystemCall != NULL)
        {
          real_fcntl = unix_vfs->xGetSystemCall (unix_vfs, "fcntl");
          if (real_fcntl == NULL
              || unix_vfs->xSetSystemCall (unix_vfs, "fcntl",
                                           (sqlite3_syscall_ptr) fcntl_with_file_locks)
                 != SQLITE_OK)
            g_warning ("SQLite's locks could not be made the open file's");
        }
      g_once_init_leave (&done, 1);
    }
}

/* Why the database at @path (an existing file) can only be read, as a
 * sentence that says what to do; NULL if it may be written. SQLite needs
 * to change the file and to create its write-ahead log and shared-memory
 * files beside it: a folder in which no file can be created is as
 * read-only as the file. */
static char *
why_read_only (const char *path)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *shown_dir = anv_text_quote_path (dir);
  gboolean file_denied, dir_denied = FALSE;

  file_denied = g_access (path, W_OK) != 0;
  if (!file_denied)
    dir_denied = g_access (dir, W_OK | X_OK) != 0;
  if (!file_denied && !dir_denied)
    return NULL;

  if (errno == EROFS)
    return g_strdup_printf (_("The database %s can only be read: it is on a disk or share "
                              "that cannot be written to. To make changes, copy it to a "
                              "folder you can write in."), shown_path);
  if (file_denied)
    return g_strdup_printf (_("The database %s can only be read: you may not change the "
                              "file. Ask for permission to change it, or work on a copy."),
                            shown_path);
  return g_strdup_printf (_("The database %1$s can only be read: Anvisa keeps two working "
                            "files beside it, and you may not create files in the folder "
                            "%2$s. Ask for permission to change the folder, or move the "
                            "database to a folder you can write in."),
                          shown_path, shown_dir);
}

/* Opens @path for reading only. In write-ahead mode SQLite reads through
 * the shared-memory file beside the database, which it cannot create in a
 * read-only folder; when no log is waiting to be copied into the file
 * (none, or an empty one), the file alone is the whole database and
 * @immutable opens it so, without that file. */
static int
open_read_only (AnvDbConn  *conn,
                const char *path,
                gboolean    immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat (g_path_is_absolute (path) ? "file://" : "file:", escaped,
                                      immutable ? "?immutable=1" : "?mode=ro", NULL);

  if (conn->handle != NULL)
    {
      sqlite3_close_v2 (conn->handle);
      conn->handle = NULL;
    }
  return sqlite3_open_v2 (uri, &conn->handle,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
                          | SQLITE_OPEN_EXRESCODE, NULL);
}

static gboolean
log_is_empty (const char *wal_path)
{
  GStatBuf st;

  return g_stat (wal_path, &st) != 0 || st.st_size == 0;
}

static void
fail_open (AnvDbConn   *conn,
           const char  *path,
           int          rc,
           GError     **error)
{
  g_autofree char *shown = anv_text_quote_path (path);
  g_autofree char *context = g_strdup_printf (_("The database %s cannot be opened."), shown);

  anv_db_sqlite_fail (conn->db, conn->handle, rc, context, error);
}

AnvDbConn *
anv_db_sqlite_open (AnvDb       *db,
                    const char  *path,
                    int          newest_version,
                    int         *out_version,
                    GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  g_autoptr (AnvDbConn) conn = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *shm_path = NULL;
  g_autofree char *read_only = NULL;
  gboolean is_new = FALSE;
  gint64 version = 0;
  int rc;

  if (!prepare_directory (path, error)
      || !create_private_file (path, error)
      || !check_header (path, newest_version, &is_new, NULL, error))
    return NULL;

  configure_sqlite_once ();
  conn = anv_db_sqlite_conn_new (db);
  read_only = is_new ? NULL : why_read_only (path);
  anv_db_driver_set_read_only (db, read_only);
  wal_path = g_strconcat (path, "-wal", NULL);
  shm_path = g_strconcat (path, "-shm", NULL);

  /* With neither a log nor a shared-memory file, no program has the
   * database open in write-ahead mode: it is read as it is, without
   * creating them (which a read-only folder forbids, and which would be
   * left behind, this person's, in a writable one). */
  if (read_only != NULL)
    rc = open_read_only (conn, path, log_is_empty (wal_path) && !g_file_test (shm_path,
                                                                              G_FILE_TEST_EXISTS));
  else
    rc = sqlite3_open_v2 (path, &conn->handle,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                          NULL);
  if (rc != SQLITE_OK)
    {
      fail_open (conn, path, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (conn->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (conn->handle, 1);

  /* Closing the last connection copies the write-ahead log into the file.
   * Until the file is accepted, a log that was there before (another
   * Anvisa's, perhaps a newer one's) is left where it is, so that a
   * refused file stays as it was found. */
  if (read_only == NULL && g_file_test (wal_path, G_FILE_TEST_EXISTS))
    sqlite3_db_config (conn->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Reading the schema proves the file is readable before anything is
   * written: a damaged file stops here. The first try's error is not
   * wanted: a read-only file is then opened as it lies on the disk. */
  if (!anv_db_sqlite_query_int64 (conn, "SELECT count(*) FROM sqlite_schema", &version, NULL)
      && read_only != NULL && log_is_empty (wal_path))
    {
      rc = open_read_only (conn, path, TRUE);
      if (rc != SQLITE_OK)
        {
          fail_open (conn, path, rc, error);
          return NULL;
        }
    }
  if (!anv_db_sqlite_query_int64 (conn, "SELECT count(*) FROM sqlite_schema", &version, error)
      || !anv_db_sqlite_query_int64 (conn, "PRAGMA user_version", &version, error))
    {
      if (read_only != NULL && !log_is_empty (wal_path))
        {
          g_autofree char *shown_wal = anv_text_quote_path (wal_path);

          g_clear_error (error);
          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                       /* Translators: %1$s is a file, %2$s why the database can only be
                        * read */
                       _("The latest changes to the database are still in %1$s, and Anvisa "
                         "cannot read them without changing files. %2$s"),
                       shown_wal, read_only);
          return NULL;
        }
      g_prefix_error (error, _("The database %s cannot be read: "), path);
      return NULL;
    }

  /* The write-ahead log may hold a newer header than the file itself. */
  if (version > newest_version)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW,
                   _("%1$s was written by a newer version of Anvisa (database version %2$u; "
                     "this one knows up to %3$d). Update Anvisa to open it; "
                     "the file was left as it was."),
                   shown_path, (guint) version, newest_version);
      return NULL;
    }

  /* A new file is marked as Anvisa's in the file itself, before the
   * write-ahead log exists, so that a crash during the first migration
   * never leaves a file that looks like another program's. */
  if (is_new && !anv_db_sqlite_exec (conn, "PRAGMA page_size = 8192;"
                                  "PRAGMA application_id = " G_STRINGIFY (ANV_APPLICATION_ID),
                            error))
    return NULL;

  if (read_only != NULL)
    {
      if (!anv_db_sqlite_exec (conn, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
                               error))
        return NULL;
    }
  else if (!configure_connection (conn, error))
    return NULL;
  if (!add_collations (conn, error))
    return NULL;

  *out_version = (int) version;
  return g_steal_pointer (&conn);
}

/* What only SQLite does (anv-db-sqlite.h) */

gboolean
anv_db_sqlite_check_file (const char  *path,
                          int          newest_version,
                          int         *out_version,
                          GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  gboolean is_new = FALSE;
  int version = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_header (path, newest_version, &is_new, &version, error))
    return FALSE;
  if (is_new)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_NOT_ANVISA,
                   _("%s is empty: it is not an Anvisa database. "
                     "Choose another file; this one was left as it was."), shown_path);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = version;
  return TRUE;
}
