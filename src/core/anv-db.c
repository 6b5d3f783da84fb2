/* anv-db.c — the Anvisa database: one SQLite file, opened safely
 *
 * This file and its private header are the only place that opens SQLite.
 * A file is examined before SQLite may write to it: a database from a
 * newer Anvisa, another program's database, or something that is no
 * database at all is refused untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "anv-db-private.h"
#include "anv-text.h"
#include "anv-migrations.h"

#define BUSY_TIMEOUT_MS    10000
#define HEADER_SIZE        100

struct _AnvDb
{
  GObject     parent_instance;

  char       *path;
  char       *user;
  sqlite3    *handle;
  GHashTable *statements;   /* const char *sql → sqlite3_stmt (being replaced) */
  GHashTable *prepared;     /* key → AnvDbStmt, the statement layer's cache */
  int         schema_version;
  char       *inode;        /* "device:inode" of the file, as registered */
  guint       depth;        /* transactions begun and not yet ended */
  gint64      data_version; /* as last seen by anv_db_poll_changes() */
  char       *read_only;    /* why it may only be read (a sentence), or NULL */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (AnvDb, anv_db, G_TYPE_OBJECT)
G_DEFINE_QUARK (anv-db-error-quark, anv_db_error)

struct _AnvDbStmt
{
  AnvDb        *db;      /* not a reference: the statement lives in its cache */
  sqlite3_stmt *handle;
  const char   *seen;    /* the caller's text last time: compared only when it moves */
  char         *key;
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
free_prepared (gpointer data)
{
  AnvDbStmt *stmt = data;

  sqlite3_finalize (stmt->handle);
  g_free (stmt->key);
  g_free (stmt);
}

/* The files this process has open as databases, "device:inode" → count.
 *
 * SQLite's locks are POSIX record locks, which belong to the process:
 * closing any descriptor of the file drops every lock the process holds
 * on it, and another program may then checkpoint and truncate the log
 * under a connection that is still open. So a file that a connection of
 * this process has open is never opened and closed again here. */
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

static void
register_open (AnvDb *self)
{
  guint count;

  self->inode = inode_key (self->path);
  if (self->inode == NULL)
    return;
  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->inode));
  g_hash_table_insert (open_files, g_strdup (self->inode), GUINT_TO_POINTER (count + 1));
  g_mutex_unlock (&open_files_lock);
}

static void
unregister_open (AnvDb *self)
{
  guint count;

  if (self->inode == NULL)
    return;
  g_mutex_lock (&open_files_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->inode));
  if (count <= 1)
    g_hash_table_remove (open_files, self->inode);
  else
    g_hash_table_insert (open_files, g_strdup (self->inode), GUINT_TO_POINTER (count - 1));
  g_mutex_unlock (&open_files_lock);
  g_clear_pointer (&self->inode, g_free);
}

static void
anv_db_finalize (GObject *object)
{
  AnvDb *self = ANV_DB (object);

  unregister_open (self);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_clear_pointer (&self->read_only, g_free);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (anv_db_parent_class)->finalize (object);
}

static void
anv_db_class_init (AnvDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = anv_db_finalize;

  /**
   * AnvDb::changed:
   *
   * The data changed: after this connection committed a write, or when
   * anv_db_poll_changes() saw another process's commit.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
anv_db_init (AnvDb *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                            NULL, finalize_statement);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_prepared);
}

/* Errors */

static AnvDbError
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      return ANV_DB_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return ANV_DB_ERROR_NOT_ANVISA;
    case SQLITE_READONLY:
      return ANV_DB_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ANV_DB_ERROR_BUSY;
    case SQLITE_FULL:
      return ANV_DB_ERROR_FULL;
    case SQLITE_IOERR:
      return ANV_DB_ERROR_IO;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return ANV_DB_ERROR_OPEN;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return ANV_DB_ERROR_DUPLICATE;
      return ANV_DB_ERROR_CONSTRAINT;
    default:
      return ANV_DB_ERROR_FAILED;
    }
}

static const char *
explain_code (AnvDbError code)
{
  switch (code)
    {
    case ANV_DB_ERROR_CORRUPT:
      return _("The database file is damaged. Restore it from a backup.");
    case ANV_DB_ERROR_NOT_ANVISA:
      return _("The file is not an Anvisa database.");
    case ANV_DB_ERROR_READ_ONLY:
      return _("The database cannot be written to: check that you may change the file and "
               "create files in its folder (Anvisa keeps two working files beside it).");
    case ANV_DB_ERROR_BUSY:
      return _("Another program is using the database. Try again in a moment.");
    case ANV_DB_ERROR_FULL:
      return _("The disk is full. Free some space and try again; nothing was saved.");
    case ANV_DB_ERROR_IO:
      return _("The database could not be written to or read from the disk. Nothing was "
               "saved; check the disk (or ask for help) and try again.");
    case ANV_DB_ERROR_DUPLICATE:
      return _("The record is there already. Nothing was saved.");
    case ANV_DB_ERROR_OPEN:
    case ANV_DB_ERROR_CONSTRAINT:
    case ANV_DB_ERROR_TOO_NEW:
    case ANV_DB_ERROR_MIGRATION:
    case ANV_DB_ERROR_FAILED:
    default:
      return NULL;
    }
}

void
anv_db_set_error (AnvDb      *self,
                  int         rc,
                  const char *context,
                  GError    **error)
{
  AnvDbError code = code_from_sqlite (rc);
  const char *explanation = explain_code (code);
  const char *detail = explanation;

  /* A rule of the database's own refused a value (a date after 2199, a
   * text the core should have refused first): its SQL means nothing to
   * the person, so it goes to the debug log only. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT && code != ANV_DB_ERROR_DUPLICATE)
    {
      g_debug ("SQLite refused a value: %s",
               self && self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      detail = _("A value was refused by the database: a date outside the years 1800 to 2199, "
                 "or a value of a kind Anvisa does not store. Nothing was saved; check the "
                 "dates and the values, and the computer’s clock.");
    }

  if (code == ANV_DB_ERROR_READ_ONLY && self != NULL && self->read_only != NULL)
    detail = self->read_only;

  if (detail == NULL)
    detail = self && self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  if (context != NULL)
    g_set_error (error, ANV_DB_ERROR, code, "%s %s", context, detail);
  else
    g_set_error_literal (error, ANV_DB_ERROR, code, detail);
}

/* Statements */

sqlite3 *
anv_db_get_handle (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->handle;
}

sqlite3_stmt *
anv_db_statement (AnvDb       *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      anv_db_set_error (self, rc, NULL, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
anv_db_exec (AnvDb       *self,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      anv_db_set_error (self, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_db_old_step_done (AnvDb        *self,
                  sqlite3_stmt *stmt,
                  GError      **error)
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

/* A transaction begun inside another is a savepoint: a batch (the demo
 * data, the generator) can wrap thousands of writes, each of which keeps
 * its own all-or-nothing. */
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
    *out_id = sqlite3_last_insert_rowid (self->handle);
  return TRUE;
}

gboolean
anv_db_begin (AnvDb   *self,
              GError **error)
{
  if (self->read_only != NULL)
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                   /* Translators: %s says why the database can only be read */
                   _("Nothing was saved. %s"), self->read_only);
      return FALSE;
    }
  if (!anv_db_exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT anv_nested",
                    error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
anv_db_commit (AnvDb   *self,
               GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      /* On failure the level stays for the caller's rollback. */
      if (!anv_db_exec (self, "RELEASE anv_nested", error))
        return FALSE;
      self->depth--;
      return TRUE;
    }

  if (!anv_db_exec (self, "COMMIT", error))
    {
      anv_db_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
anv_db_rollback (AnvDb *self)
{
  if (self->depth > 1)
    {
      sqlite3_exec (self->handle, "ROLLBACK TO anv_nested; RELEASE anv_nested",
                    NULL, NULL, NULL);
      self->depth--;
      return;
    }
  self->depth = 0;
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
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

/* The statement layer */

AnvDbStmt *
anv_db_prepare (AnvDb       *self,
                const char  *key,
                const char  *sql,
                GError     **error)
{
  AnvDbStmt *stmt;
  int rc;

  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  g_return_val_if_fail (key != NULL && sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->prepared, key);
  if (stmt != NULL)
    {
      /* One key, one text: a second text under a known key would run the
       * first one's SQL. */
      if (G_UNLIKELY (stmt->seen != sql))
        {
          g_return_val_if_fail (strcmp (sqlite3_sql (stmt->handle), sql) == 0, NULL);
          stmt->seen = sql;
        }
      sqlite3_reset (stmt->handle);
      sqlite3_clear_bindings (stmt->handle);
      return stmt;
    }

  stmt = g_new0 (AnvDbStmt, 1);
  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt->handle,
                           NULL);
  if (rc != SQLITE_OK)
    {
      g_free (stmt);
      anv_db_set_error (self, rc, NULL, error);
      return NULL;
    }
  stmt->db = self;
  stmt->key = g_strdup (key);
  stmt->seen = sql;
  g_hash_table_insert (self->prepared, stmt->key, stmt);
  return stmt;
}

void
anv_db_bind_int64 (AnvDbStmt *stmt,
                   int        index,
                   gint64     value)
{
  sqlite3_bind_int64 (stmt->handle, index, value);
}

void
anv_db_bind_double (AnvDbStmt *stmt,
                    int        index,
                    double     value)
{
  sqlite3_bind_double (stmt->handle, index, value);
}

void
anv_db_bind_text (AnvDbStmt  *stmt,
                  int         index,
                  const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt->handle, index);
  else
    sqlite3_bind_text (stmt->handle, index, text, -1, SQLITE_STATIC);
}

void
anv_db_bind_null (AnvDbStmt *stmt,
                  int        index)
{
  sqlite3_bind_null (stmt->handle, index);
}

AnvDbStep
anv_db_step (AnvDbStmt  *stmt,
             GError    **error)
{
  int rc = sqlite3_step (stmt->handle);

  if (rc == SQLITE_ROW)
    return ANV_DB_ROW;

  sqlite3_reset (stmt->handle);
  if (rc == SQLITE_DONE)
    return ANV_DB_DONE;

  anv_db_set_error (stmt->db, rc, NULL, error);
  return ANV_DB_FAILED;
}

void
anv_db_reset (AnvDbStmt *stmt)
{
  sqlite3_reset (stmt->handle);
}

gboolean
anv_db_step_done (AnvDbStmt  *stmt,
                  GError    **error)
{
  AnvDbStep step;

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    ;
  return step == ANV_DB_DONE;
}

gboolean
anv_db_step_insert (AnvDbStmt  *stmt,
                    gint64     *out_id,
                    GError    **error)
{
  AnvDbStep step = anv_db_step (stmt, error);

  if (step == ANV_DB_FAILED)
    return FALSE;

  if (out_id != NULL)
    {
      /* The id comes from RETURNING, as another engine would give it. */
      g_return_val_if_fail (step == ANV_DB_ROW, FALSE);
      *out_id = sqlite3_column_int64 (stmt->handle, 0);
    }
  if (step == ANV_DB_ROW)
    return anv_db_step_done (stmt, error);
  return TRUE;
}

GPtrArray *
anv_db_collect (AnvDbStmt      *stmt,
                AnvDbRowFunc    row_func,
                gpointer        user_data,
                GDestroyNotify  item_free,
                GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (item_free);
  AnvDbStep step;

  while ((step = anv_db_step (stmt, error)) == ANV_DB_ROW)
    g_ptr_array_add (rows, row_func (stmt, user_data));

  if (step == ANV_DB_FAILED)
    return NULL;
  return g_steal_pointer (&rows);
}

gboolean
anv_db_column_is_null (AnvDbStmt *stmt,
                       int        column)
{
  return sqlite3_column_type (stmt->handle, column) == SQLITE_NULL;
}

gint64
anv_db_column_int64 (AnvDbStmt *stmt,
                     int        column)
{
  return sqlite3_column_int64 (stmt->handle, column);
}

int
anv_db_column_int (AnvDbStmt *stmt,
                   int        column)
{
  return sqlite3_column_int (stmt->handle, column);
}

double
anv_db_column_double (AnvDbStmt *stmt,
                      int        column)
{
  return sqlite3_column_double (stmt->handle, column);
}

const char *
anv_db_column_text (AnvDbStmt *stmt,
                    int        column)
{
  return (const char *) sqlite3_column_text (stmt->handle, column);
}

char *
anv_db_column_dup (AnvDbStmt *stmt,
                   int        column)
{
  return g_strdup (anv_db_column_text (stmt, column));
}

gint64
anv_db_changes (AnvDb *self)
{
  return sqlite3_changes64 (self->handle);
}

gboolean
anv_db_in_transaction (AnvDb *self)
{
  return self->depth > 0 || !sqlite3_get_autocommit (self->handle);
}

/* Opening */

char *
anv_db_default_path (void)
{
  const char *env = g_getenv ("ANVISA_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "anvisa", "anvisa.db", NULL);
}

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

  if (version > (guint32) anv_migrations_latest ())
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW,
                   _("%1$s was written by a newer version of Anvisa (database version %2$u; "
                     "this one knows up to %3$d). Update Anvisa to open it; "
                     "the file was left as it was."),
                   shown_path, version, anv_migrations_latest ());
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

gboolean
anv_db_query_int64 (AnvDb       *self,
                    const char  *sql,
                    gint64      *out,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      anv_db_set_error (self, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (AnvDb   *self,
                      GError **error)
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
      rc = sqlite3_prepare_v2 (self->handle, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        mode_is_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0),
                                          "wal") == 0;
      else
        rc = sqlite3_errcode (self->handle);
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (mode_is_wal || (rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > give_up)
        break;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }

  if (!mode_is_wal)
    {
      anv_db_set_error (self, rc == SQLITE_OK ? SQLITE_CANTOPEN : rc,
                        _("The database cannot be put in write-ahead mode."), error);
      return FALSE;
    }

  return anv_db_exec (self,
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA secure_delete = ON;"
                      "PRAGMA temp_store = MEMORY;",
                      error);
}

/* Process-wide SQLite settings, before the first connection. Anvisa does
 * not read SQLite's memory statistics, and keeping them costs a lock per
 * allocation: a tenth of an import's time. */
static void
configure_sqlite_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
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
open_read_only (AnvDb      *self,
                const char *path,
                gboolean    immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat (g_path_is_absolute (path) ? "file://" : "file:", escaped,
                                      immutable ? "?immutable=1" : "?mode=ro", NULL);

  if (self->handle != NULL)
    {
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
  return sqlite3_open_v2 (uri, &self->handle,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
                          | SQLITE_OPEN_EXRESCODE, NULL);
}

static gboolean
log_is_empty (const char *wal_path)
{
  GStatBuf st;

  return g_stat (wal_path, &st) != 0 || st.st_size == 0;
}

AnvDb *
anv_db_open_at_version (const char  *path,
                        const char  *user,
                        int          target_version,
                        GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  g_autoptr (AnvDb) self = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *shm_path = NULL;
  gboolean is_new = FALSE;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (target_version <= anv_migrations_latest (), NULL);

  if (!prepare_directory (path, error)
      || !create_private_file (path, error)
      || !check_header (path, &is_new, NULL, error))
    return NULL;

  configure_sqlite_once ();
  self = g_object_new (ANV_TYPE_DB, NULL);
  self->path = g_strdup (path);
  self->user = g_strdup (user ? user : g_get_user_name ());
  self->read_only = is_new ? NULL : why_read_only (path);
  wal_path = g_strconcat (path, "-wal", NULL);
  shm_path = g_strconcat (path, "-shm", NULL);

  /* With neither a log nor a shared-memory file, no program has the
   * database open in write-ahead mode: it is read as it is, without
   * creating them (which a read-only folder forbids, and which would be
   * left behind, this person's, in a writable one). */
  if (self->read_only != NULL)
    rc = open_read_only (self, path, log_is_empty (wal_path) && !g_file_test (shm_path,
                                                                              G_FILE_TEST_EXISTS));
  else
    rc = sqlite3_open_v2 (path, &self->handle,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                          NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *shown = anv_text_quote_path (path);
      g_autofree char *context = g_strdup_printf (_("The database %s cannot be opened."), shown);

      anv_db_set_error (self, rc, context, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, 1);

  /* Closing the last connection copies the write-ahead log into the file.
   * Until the file is accepted, a log that was there before (another
   * Anvisa's, perhaps a newer one's) is left where it is, so that a
   * refused file stays as it was found. */
  if (self->read_only == NULL && g_file_test (wal_path, G_FILE_TEST_EXISTS))
    sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Reading the schema proves the file is readable before anything is
   * written: a damaged file stops here. */
  if (!anv_db_query_int64 (self, "SELECT count(*) FROM sqlite_schema", &version, NULL)
      && self->read_only != NULL && log_is_empty (wal_path))
    {
      rc = open_read_only (self, path, TRUE);
      if (rc != SQLITE_OK)
        {
          g_autofree char *shown = anv_text_quote_path (path);
          g_autofree char *context = g_strdup_printf (_("The database %s cannot be opened."),
                                                      shown);

          anv_db_set_error (self, rc, context, error);
          return NULL;
        }
    }
  if (!anv_db_query_int64 (self, "SELECT count(*) FROM sqlite_schema", &version, error)
      || !anv_db_query_int64 (self, "PRAGMA user_version", &version, error))
    {
      if (self->read_only != NULL && !log_is_empty (wal_path))
        {
          g_autofree char *shown_wal = anv_text_quote_path (wal_path);

          g_clear_error (error);
          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                       /* Translators: %1$s is a file, %2$s why the database can only be
                        * read */
                       _("The latest changes to the database are still in %1$s, and Anvisa "
                         "cannot read them without changing files. %2$s"),
                       shown_wal, self->read_only);
          return NULL;
        }
      g_prefix_error (error, _("The database %s cannot be read: "), path);
      return NULL;
    }

  /* The write-ahead log may hold a newer header than the file itself. */
  if (version > anv_migrations_latest ())
    {
      g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_TOO_NEW,
                   _("%1$s was written by a newer version of Anvisa (database version %2$u; "
                     "this one knows up to %3$d). Update Anvisa to open it; "
                     "the file was left as it was."),
                   shown_path, (guint) version, anv_migrations_latest ());
      return NULL;
    }

  /* A new file is marked as Anvisa's in the file itself, before the
   * write-ahead log exists, so that a crash during the first migration
   * never leaves a file that looks like another program's. */
  if (is_new && !anv_db_exec (self, "PRAGMA page_size = 8192;"
                                    "PRAGMA application_id = " G_STRINGIFY (ANV_APPLICATION_ID),
                              error))
    return NULL;

  if (self->read_only != NULL)
    {
      if (version < target_version)
        {
          g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_READ_ONLY,
                       /* Translators: %1$s is a file, %2$s why it can only be read */
                       _("%1$s was made by an older version of Anvisa and must be brought "
                         "up to date before it can be used, which needs permission to "
                         "change it. %2$s"), shown_path, self->read_only);
          return NULL;
        }
      if (!anv_db_exec (self, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", error))
        return NULL;
      register_open (self);
      self->schema_version = (int) version;
      self->data_version = anv_db_get_data_version (self);
      return g_steal_pointer (&self);
    }

  if (!configure_connection (self, error))
    return NULL;

  if (version < target_version
      && !anv_migrations_run (self, (int) version, target_version, error))
    return NULL;

  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  register_open (self);
  self->schema_version = (int) MAX (version, target_version);
  self->data_version = anv_db_get_data_version (self);
  return g_steal_pointer (&self);
}

AnvDb *
anv_db_open (const char  *path,
             const char  *user,
             GError     **error)
{
  return anv_db_open_at_version (path, user, anv_migrations_latest (), error);
}

const char *
anv_db_get_path (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->path;
}

gboolean
anv_db_is_read_only (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), FALSE);
  return self->read_only != NULL;
}

const char *
anv_db_get_read_only_reason (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->read_only;
}

const char *
anv_db_get_user (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->user;
}

int
anv_db_get_schema_version (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), 0);
  return self->schema_version;
}

int
anv_db_latest_version (void)
{
  return anv_migrations_latest ();
}

gint64
anv_db_get_data_version (AnvDb *self)
{
  gint64 version = 0;

  if (!anv_db_query_int64 (self, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

gboolean
anv_db_poll_changes (AnvDb *self)
{
  gint64 version;

  g_return_val_if_fail (ANV_IS_DB (self), FALSE);

  /* Inside a transaction the answer would be about our own writes. */
  if (self->depth > 0)
    return FALSE;
  version = anv_db_get_data_version (self);
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
anv_db_check_file (const char  *path,
                   int         *out_version,
                   GError     **error)
{
  g_autofree char *shown_path = anv_text_quote_path (path);
  gboolean is_new = FALSE;
  int version = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_header (path, &is_new, &version, error))
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

gboolean
anv_db_is_empty (AnvDb   *self,
                 GError **error)
{
  gint64 any = 0;

  if (!anv_db_query_int64 (self, "SELECT EXISTS (SELECT 1 FROM seeker)", &any, error))
    return FALSE;
  return !any;
}

/* The page cache for bulk writes, in KiB (negative: KiB, as SQLite counts
 * them), and where the usual size waits meanwhile. */
#define BULK_CACHE_SIZE (-256 * 1024)
#define USUAL_CACHE_SIZE_KEY "anv-usual-cache-size"

gboolean
anv_db_set_bulk_cache (AnvDb     *self,
                       gboolean   bulk,
                       GError   **error)
{
  gint64 size = 0;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ANV_IS_DB (self), FALSE);

  if (bulk)
    {
      if (g_object_get_data (G_OBJECT (self), USUAL_CACHE_SIZE_KEY) == NULL)
        {
          gint64 *usual = g_new (gint64, 1);

          if (!anv_db_query_int64 (self, "PRAGMA cache_size", usual, error))
            return (g_free (usual), FALSE);
          g_object_set_data_full (G_OBJECT (self), USUAL_CACHE_SIZE_KEY, usual, g_free);
        }
      size = BULK_CACHE_SIZE;
    }
  else
    {
      gint64 *usual = g_object_get_data (G_OBJECT (self), USUAL_CACHE_SIZE_KEY);

      if (usual == NULL)
        return TRUE;
      size = *usual;
      g_object_set_data (G_OBJECT (self), USUAL_CACHE_SIZE_KEY, NULL);
    }
  /* PRAGMA takes no bound parameters; the number is our own. */
  sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  return anv_db_exec (self, sql, error);
}
