/* anv-db-sqlite.c — the SQLite driver: the connection and its statements
 *
 * The functions the connection above (anv-db.c) calls through the table
 * at the end of this file: transactions, statements, columns, and
 * SQLite's result codes as Anvisa's own. Opening a file safely is
 * anv-db-sqlite-open.c's; anv-db-sqlite.h has what only SQLite can do (a
 * backup's page copy, checks of a file). Only the driver's files speak
 * SQLite's API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anvisa-db-sqlite"

#include "config.h"

#include "anv-db-sqlite-private.h"

/* A prepared statement is SQLite's own, cast. */
#define STMT(h) ((sqlite3_stmt *) (h))

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

void
anv_db_sqlite_fail (AnvDb      *db,
                    sqlite3    *handle,
                    int         rc,
                    const char *context,
                    GError    **error)
{
  anv_db_driver_fail (db, code_from_sqlite (rc),
                      handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc),
                      context, error);
}

/* The connection */

gboolean
anv_db_sqlite_exec (AnvDbConn   *conn,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (conn->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (conn->db, conn->handle, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
anv_db_sqlite_query_int64 (AnvDbConn   *conn,
                           const char  *sql,
                           gint64      *out,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (conn->handle, sql, -1, &stmt, NULL);

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
      anv_db_sqlite_fail (conn->db, conn->handle, rc, NULL, error);
      return FALSE;
    }
  return TRUE;
}

AnvDbConn *
anv_db_sqlite_conn_new (AnvDb *db)
{
  AnvDbConn *conn = g_new0 (AnvDbConn, 1);

  conn->db = db;
  return conn;
}

void
anv_db_sqlite_close (AnvDbConn *conn)
{
  anv_db_sqlite_unregister_open (conn);
  if (conn->handle != NULL)
    sqlite3_close_v2 (conn->handle);
  g_free (conn);
}

static void
conn_accept (AnvDbConn *conn)
{
  sqlite3_db_config (conn->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  anv_db_sqlite_register_open (conn, anv_db_get_path (conn->db));
}

static gint64
conn_changes (AnvDbConn *conn)
{
  return sqlite3_changes64 (conn->handle);
}

static gboolean
conn_in_transaction (AnvDbConn *conn)
{
  return !sqlite3_get_autocommit (conn->handle);
}

/* A transaction begun inside another is a savepoint: a batch (the demo
 * data, the generator) can wrap thousands of writes, each of which keeps
 * its own all-or-nothing. IMMEDIATE takes the write lock at once, so that
 * two writers never both read and then find they cannot write. */
static gboolean
conn_begin (AnvDbConn  *conn,
            gboolean    nested,
            GError    **error)
{
  return anv_db_sqlite_exec (conn, nested ? "SAVEPOINT anv_nested" : "BEGIN IMMEDIATE", error);
}

static gboolean
conn_commit (AnvDbConn  *conn,
             gboolean    nested,
             GError    **error)
{
  return anv_db_sqlite_exec (conn, nested ? "RELEASE anv_nested" : "COMMIT", error);
}

/* Runs after an error has been reported: nothing to add if it fails. */
static void
conn_rollback (AnvDbConn *conn,
               gboolean   nested)
{
  if (nested)
    sqlite3_exec (conn->handle, "ROLLBACK TO anv_nested; RELEASE anv_nested", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (conn->handle))
    sqlite3_exec (conn->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* A reader elsewhere may hold the log: then the next checkpoint does it. */
static void
conn_purge_removed (AnvDbConn *conn)
{
  sqlite3_wal_checkpoint_v2 (conn->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

static gint64
conn_data_version (AnvDbConn *conn)
{
  gint64 version = 0;

  /* A connection that cannot answer has nothing new to tell. */
  if (!anv_db_sqlite_query_int64 (conn, "PRAGMA data_version", &version, NULL))
    return -1;
  return version;
}

static gboolean
conn_get_schema_version (AnvDbConn  *conn,
                         int        *out_version,
                         GError    **error)
{
  gint64 version = 0;

  if (!anv_db_sqlite_query_int64 (conn, "PRAGMA user_version", &version, error))
    return FALSE;
  *out_version = (int) version;
  return TRUE;
}

static gboolean
conn_set_schema_version (AnvDbConn  *conn,
                         int         version,
                         GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return anv_db_sqlite_exec (conn, sql, error);
}

/* Statements */

static AnvDbHandle *
stmt_prepare (AnvDbConn   *conn,
              const char  *key,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (conn->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      anv_db_sqlite_fail (conn->db, conn->handle, rc, NULL, error);
      return NULL;
    }
  return (AnvDbHandle *) stmt;
}

static const char *
stmt_sql (AnvDbHandle *stmt)
{
  return sqlite3_sql (STMT (stmt));
}

static void
stmt_finalize (AnvDbHandle *stmt)
{
  sqlite3_finalize (STMT (stmt));
}

static void
stmt_reset (AnvDbHandle *stmt,
            gboolean     clear_bindings)
{
  sqlite3_reset (STMT (stmt));
  if (clear_bindings)
    sqlite3_clear_bindings (STMT (stmt));
}

static void
stmt_bind_int64 (AnvDbHandle *stmt,
                 int          index,
                 gint64       value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
stmt_bind_double (AnvDbHandle *stmt,
                  int          index,
                  double       value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
stmt_bind_text (AnvDbHandle *stmt,
                int          index,
                const char  *text)
{
  if (text == NULL)
    sqlite3_bind_null (STMT (stmt), index);
  else
    sqlite3_bind_text (STMT (stmt), index, text, -1, SQLITE_STATIC);
}

static void
stmt_bind_null (AnvDbHandle *stmt,
                int          index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static AnvDbStep
stmt_step (AnvDbConn    *conn,
           AnvDbHandle  *stmt,
           GError      **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (G_LIKELY (rc == SQLITE_ROW))
    return ANV_DB_ROW;
  if (rc == SQLITE_DONE)
    return ANV_DB_DONE;
  anv_db_sqlite_fail (conn->db, conn->handle, rc, NULL, error);
  return ANV_DB_FAILED;
}

static int
stmt_column_count (AnvDbHandle *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static gboolean
stmt_column_is_null (AnvDbHandle *stmt,
                     int          column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
stmt_column_int64 (AnvDbHandle *stmt,
                   int          column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static int
stmt_column_int (AnvDbHandle *stmt,
                 int          column)
{
  return sqlite3_column_int (STMT (stmt), column);
}

static double
stmt_column_double (AnvDbHandle *stmt,
                    int          column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
stmt_column_text (AnvDbHandle *stmt,
                  int          column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

const AnvDbDriver anv_db_sqlite_driver =
{
  .name = "sqlite",
  .open = anv_db_sqlite_open,
  .accept = conn_accept,
  .close = anv_db_sqlite_close,
  .exec = anv_db_sqlite_exec,
  .query_int64 = anv_db_sqlite_query_int64,
  .changes = conn_changes,
  .in_transaction = conn_in_transaction,
  .begin = conn_begin,
  .commit = conn_commit,
  .rollback = conn_rollback,
  .begin_read = "BEGIN DEFERRED",
  .purge_removed = conn_purge_removed,
  .data_version = conn_data_version,
  .get_schema_version = conn_get_schema_version,
  .set_schema_version = conn_set_schema_version,
  .prepare = stmt_prepare,
  .sql = stmt_sql,
  .finalize = stmt_finalize,
  .reset = stmt_reset,
  .bind_int64 = stmt_bind_int64,
  .bind_double = stmt_bind_double,
  .bind_text = stmt_bind_text,
  .bind_null = stmt_bind_null,
  .step = stmt_step,
  .column_count = stmt_column_count,
  .column_is_null = stmt_column_is_null,
  .column_int64 = stmt_column_int64,
  .column_int = stmt_column_int,
  .column_double = stmt_column_double,
  .column_text = stmt_column_text,
};
