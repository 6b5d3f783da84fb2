/* anv-db.c — the Anvisa database: one connection, whatever the engine
 *
 * The connection keeps what does not depend on the engine: the cache of
 * prepared statements by key, transactions and their depth, Anvisa's
 * sentences for the errors, why the database may only be read, and the
 * "changed" signal. The engine's API is the driver's (anv-db-driver.h;
 * SQLite's in anv-db-sqlite.c). Opening here brings no schema up to date:
 * that is anv-schema.c, one layer up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "anv-db-driver.h"

struct _AnvDb
{
  GObject            parent_instance;

  char              *path;
  char              *user;
  const AnvDbDriver *driver;
  AnvDbConn         *conn;
  GHashTable        *prepared;     /* key → AnvDbStmt */
  int                schema_version;
  guint              depth;        /* transactions begun and not yet ended */
  gint64             data_version; /* as last seen by anv_db_poll_changes() */
  char              *read_only;    /* why it may only be read (a sentence), or NULL */
  char              *notice;       /* what the person should know of it, or NULL */
  char              *display_name; /* the database in words, or NULL for the path */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (AnvDb, anv_db, G_TYPE_OBJECT)
G_DEFINE_QUARK (anv-db-error-quark, anv_db_error)

/* The driver's calls are copied into each statement: one indirect call
 * per bind, step or column. */
struct _AnvDbStmt
{
  AnvDbHandle       *handle;
  const AnvDbDriver *driver;
  AnvDbConn         *conn;
  const char        *seen;    /* the caller's text last time: compared only when it moves */
  char              *key;
};

static void
free_prepared (gpointer data)
{
  AnvDbStmt *stmt = data;

  stmt->driver->finalize (stmt->handle);
  g_free (stmt->key);
  g_free (stmt);
}

static void
anv_db_finalize (GObject *object)
{
  AnvDb *self = ANV_DB (object);

  g_clear_pointer (&self->prepared, g_hash_table_unref);
  if (self->conn != NULL)
    self->driver->close (self->conn);
  g_clear_pointer (&self->read_only, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->display_name, g_free);
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
  self->driver = &anv_db_sqlite_driver;
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_prepared);
}

/* Errors */

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
    case ANV_DB_ERROR_DENIED:
      return _("Your login on the database server may not do this. Nothing was read or "
               "saved; ask your office’s IT for the rights your work needs.");
    case ANV_DB_ERROR_CONNECTION:
      return _("The connection to the database server was lost. Nothing was saved; Anvisa "
               "connects again when you try again. If it keeps happening, ask your office’s "
               "IT whether the server is running.");
    case ANV_DB_ERROR_UNKNOWN:
      return _("The connection to the database server was lost just as the changes were "
               "being saved, and the server could not be reached again to learn whether "
               "they were. Look whether the change is there before you make it again.");
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
anv_db_driver_fail (AnvDb       *db,
                    AnvDbError   code,
                    const char  *engine_message,
                    const char  *context,
                    GError     **error)
{
  const char *detail = explain_code (code);

  /* A rule of the database's own refused a value (a date after 2199, a
   * text the core should have refused first): its SQL means nothing to
   * the person, so it goes to the debug log only. */
  if (code == ANV_DB_ERROR_CONSTRAINT)
    {
      g_debug ("The database refused a value: %s", engine_message);
      detail = _("A value was refused by the database: a date outside the years 1800 to 2199, "
                 "or a value of a kind Anvisa does not store. Nothing was saved; check the "
                 "dates and the values, and the computer’s clock.");
    }

  if (code == ANV_DB_ERROR_READ_ONLY && db != NULL && db->read_only != NULL)
    detail = db->read_only;

  if (detail == NULL)
    detail = engine_message;

  if (context != NULL)
    g_set_error (error, ANV_DB_ERROR, code, "%s %s", context, detail);
  else
    g_set_error_literal (error, ANV_DB_ERROR, code, detail);
}

void
anv_db_driver_set_read_only (AnvDb      *db,
                             const char *reason)
{
  g_free (db->read_only);
  db->read_only = g_strdup (reason);
}

void
anv_db_driver_set_user (AnvDb      *db,
                        const char *user)
{
  g_free (db->user);
  db->user = g_strdup (user);
}

void
anv_db_driver_set_display_name (AnvDb      *db,
                                const char *name)
{
  g_free (db->display_name);
  db->display_name = g_strdup (name);
}

void
anv_db_driver_set_notice (AnvDb      *db,
                          const char *notice)
{
  g_free (db->notice);
  db->notice = g_strdup (notice);
}

AnvDbConn *
anv_db_driver_get_conn (AnvDb *db)
{
  return db->conn;
}

/* Transactions */

gboolean
anv_db_exec (AnvDb       *self,
             const char  *sql,
             GError     **error)
{
  return self->driver->exec (self->conn, sql, error);
}

gboolean
anv_db_query_int64 (AnvDb       *self,
                    const char  *sql,
                    gint64      *out,
                    GError     **error)
{
  return self->driver->query_int64 (self->conn, sql, out, error);
}

gboolean
anv_db_begin_read (AnvDb   *self,
                   GError **error)
{
  g_return_val_if_fail (self->depth == 0, FALSE);
  return self->driver->exec (self->conn, self->driver->begin_read, error);
}

gboolean
anv_db_end_read (AnvDb    *self,
                 gboolean  ok,
                 GError  **error)
{
  if (ok)
    ok = self->driver->exec (self->conn, "COMMIT", error);
  /* After a failure, already reported: the snapshot is let go, and
   * nothing was written in it that a failed rollback could keep. */
  if (self->driver->in_transaction (self->conn))
    self->driver->exec (self->conn, "ROLLBACK", NULL);
  return ok;
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
  if (!self->driver->begin (self->conn, self->depth > 0, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
anv_db_commit (AnvDb   *self,
               GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* On failure, at any depth, the level stays open for the caller's
   * rollback: the caller owns it (anv-db-private.h). */
  if (self->depth > 1)
    {
      if (!self->driver->commit (self->conn, TRUE, error))
        return FALSE;
      self->depth--;
      return TRUE;
    }

  if (!self->driver->commit (self->conn, FALSE, error))
    return FALSE;
  self->depth = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
anv_db_rollback (AnvDb *self)
{
  if (self->depth > 1)
    {
      self->driver->rollback (self->conn, TRUE);
      self->depth--;
      return;
    }
  self->depth = 0;
  self->driver->rollback (self->conn, FALSE);
}

void
anv_db_purge_removed (AnvDb *self)
{
  self->driver->purge_removed (self->conn);
}

void
anv_db_note_change (AnvDb      *self,
                    const char *what)
{
  /* Outside a transaction a statement commits on its own, unheard. */
  if (self->depth > 0 && self->driver->note_change != NULL)
    self->driver->note_change (self->conn, what);
}

gint64
anv_db_changes (AnvDb *self)
{
  return self->driver->changes (self->conn);
}

gboolean
anv_db_in_transaction (AnvDb *self)
{
  return self->depth > 0 || self->driver->in_transaction (self->conn);
}

/* The statement layer */

AnvDbStmt *
anv_db_prepare (AnvDb       *self,
                const char  *key,
                const char  *sql,
                GError     **error)
{
  AnvDbStmt *stmt;
  AnvDbHandle *handle;

  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  g_return_val_if_fail (key != NULL && sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->prepared, key);
  if (stmt != NULL)
    {
      /* One key, one text: a second text under a known key would run the
       * first one's SQL. */
      if (G_UNLIKELY (stmt->seen != sql))
        {
          if (strcmp (stmt->driver->sql (stmt->handle), sql) != 0)
            {
              g_critical ("Statement “%s” was prepared with two different texts", key);
              g_set_error (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED,
                           /* Translators: %s names a database statement, e.g.
                            * "providers/list" */
                           _("Anvisa asked the database for two different things under "
                             "one name (“%s”). Nothing was read or saved; please report "
                             "this."), key);
              return NULL;
            }
          stmt->seen = sql;
        }
      stmt->driver->reset (stmt->handle, TRUE);
      return stmt;
    }

  handle = self->driver->prepare (self->conn, key, sql, error);
  if (handle == NULL)
    return NULL;
  stmt = g_new0 (AnvDbStmt, 1);
  stmt->handle = handle;
  stmt->driver = self->driver;
  stmt->conn = self->conn;
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
  stmt->driver->bind_int64 (stmt->handle, index, value);
}

void
anv_db_bind_double (AnvDbStmt *stmt,
                    int        index,
                    double     value)
{
  stmt->driver->bind_double (stmt->handle, index, value);
}

void
anv_db_bind_text (AnvDbStmt  *stmt,
                  int         index,
                  const char *text)
{
  stmt->driver->bind_text (stmt->handle, index, text);
}

void
anv_db_bind_null (AnvDbStmt *stmt,
                  int        index)
{
  stmt->driver->bind_null (stmt->handle, index);
}

AnvDbStep
anv_db_step (AnvDbStmt  *stmt,
             GError    **error)
{
  AnvDbStep step = stmt->driver->step (stmt->conn, stmt->handle, error);

  if (G_UNLIKELY (step != ANV_DB_ROW))
    stmt->driver->reset (stmt->handle, FALSE);
  return step;
}

void
anv_db_reset (AnvDbStmt *stmt)
{
  stmt->driver->reset (stmt->handle, FALSE);
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
anv_db_no_row (GError **error)
{
  g_set_error_literal (error, ANV_DB_ERROR, ANV_DB_ERROR_FAILED,
                       _("The database gave no answer where one was due. Try again; if it "
                         "happens again, ask for help."));
  return FALSE;
}

gboolean
anv_db_step_row (AnvDbStmt  *stmt,
                 GError    **error)
{
  AnvDbStep step = anv_db_step (stmt, error);

  if (step == ANV_DB_FAILED)
    return FALSE;
  if (step == ANV_DB_DONE)
    return anv_db_no_row (error);
  return TRUE;
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
      if (step != ANV_DB_ROW)
        return anv_db_no_row (error);
      *out_id = anv_db_column_int64 (stmt, 0);
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

int
anv_db_column_count (AnvDbStmt *stmt)
{
  return stmt->driver->column_count (stmt->handle);
}

gboolean
anv_db_column_is_null (AnvDbStmt *stmt,
                       int        column)
{
  return stmt->driver->column_is_null (stmt->handle, column);
}

gint64
anv_db_column_int64 (AnvDbStmt *stmt,
                     int        column)
{
  return stmt->driver->column_int64 (stmt->handle, column);
}

int
anv_db_column_int (AnvDbStmt *stmt,
                   int        column)
{
  return stmt->driver->column_int (stmt->handle, column);
}

double
anv_db_column_double (AnvDbStmt *stmt,
                      int        column)
{
  return stmt->driver->column_double (stmt->handle, column);
}

const char *
anv_db_column_text (AnvDbStmt *stmt,
                    int        column)
{
  return stmt->driver->column_text (stmt->handle, column);
}

char *
anv_db_column_dup (AnvDbStmt *stmt,
                   int        column)
{
  return g_strdup (anv_db_column_text (stmt, column));
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

AnvDb *
anv_db_connect (const char  *path,
                const char  *user,
                int          newest_version,
                GError     **error)
{
  g_autoptr (AnvDb) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ANV_TYPE_DB, NULL);
  if (anv_db_is_server_address (path))
    self->driver = &anv_db_pg_driver;
  self->path = g_strdup (path);
  /* Before opening: a server's driver names its login instead. */
  self->user = g_strdup (user ? user : g_get_user_name ());
  self->conn = self->driver->open (self, path, newest_version, &version, error);
  if (self->conn == NULL)
    return NULL;
  self->schema_version = version;
  return g_steal_pointer (&self);
}

void
anv_db_accept (AnvDb *self,
               int    schema_version)
{
  self->driver->accept (self->conn);
  self->schema_version = schema_version;
  self->data_version = anv_db_get_data_version (self);
}

gboolean
anv_db_read_schema_version (AnvDb    *self,
                            int      *out_version,
                            GError  **error)
{
  return self->driver->get_schema_version (self->conn, out_version, error);
}

gboolean
anv_db_write_schema_version (AnvDb    *self,
                             int       version,
                             GError  **error)
{
  return self->driver->set_schema_version (self->conn, version, error);
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

gboolean
anv_db_is_server (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), FALSE);
  return self->driver == &anv_db_pg_driver;
}

const char *
anv_db_get_display_name (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->display_name != NULL ? self->display_name : self->path;
}

const char *
anv_db_get_notice (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), NULL);
  return self->notice;
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

gint64
anv_db_get_data_version (AnvDb *self)
{
  return self->driver->data_version (self->conn);
}

int
anv_db_get_socket (AnvDb *self)
{
  g_return_val_if_fail (ANV_IS_DB (self), -1);
  return self->driver->socket != NULL ? self->driver->socket (self->conn) : -1;
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

  /* A server's memory is its own to set; after a bulk load, though, its
   * planner needs to know the new rows at once (autovacuum would tell it
   * only a minute later, and a decision meanwhile took twice as long). */
  if (self->driver->set_bulk != NULL)
    self->driver->set_bulk (self->conn, bulk);
  if (anv_db_is_server (self))
    return bulk || anv_db_exec (self, "ANALYZE", error);

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
