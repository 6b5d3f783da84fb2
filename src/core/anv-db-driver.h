/* anv-db-driver.h — the seam between the connection and a database engine
 *
 * Only anv-db.c and the drivers include this header. A driver is a table
 * of functions: the connection (anv-db.c) keeps the cache of statements,
 * the transactions' depth, Anvisa's sentences for errors and the signal;
 * the driver speaks the engine's API: SQLite's (anv-db-sqlite.c) for a
 * file, PostgreSQL's (anv-db-pg.c) for a server; HACKING.md, "The
 * statement layer", says how they differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db-private.h"

G_BEGIN_DECLS

/* A driver's connection and prepared statement, opaque to the connection. */
typedef struct _AnvDbConn   AnvDbConn;
typedef struct _AnvDbHandle AnvDbHandle;

typedef struct _AnvDbDriver AnvDbDriver;

struct _AnvDbDriver
{
  const char *name;

  /* The connection. open() examines and opens @path for @db (the driver
   * keeps @db, not a reference, to report errors through
   * anv_db_driver_fail()); it calls anv_db_driver_set_read_only() when
   * the file may only be read, and sets *@out_version to the schema
   * version it holds, refusing one above @newest_version. The connection
   * has the collation ANV_TEXT_COLLATION ("anvisa_sv"), the order of
   * anv_text_collate(), for the ORDER BY of names: SQLite's driver
   * registers that function; a PostgreSQL driver would create the name as
   * an ICU collation for Swedish (as "sv-SE-x-icu"). */
  AnvDbConn   *(*open)               (AnvDb        *db,
                                      const char   *path,
                                      int           newest_version,
                                      int          *out_version,
                                      GError      **error);
  /* The schema is up to date and the file accepted (see anv_db_accept()). */
  void         (*accept)             (AnvDbConn    *conn);
  void         (*close)              (AnvDbConn    *conn);
  gboolean     (*exec)               (AnvDbConn    *conn,
                                      const char   *sql,
                                      GError      **error);
  gboolean     (*query_int64)        (AnvDbConn    *conn,
                                      const char   *sql,
                                      gint64       *out,
                                      GError      **error);
  gint64       (*changes)            (AnvDbConn    *conn);
  gboolean     (*in_transaction)     (AnvDbConn    *conn);
  /* @nested: inside another transaction, so a savepoint. */
  gboolean     (*begin)              (AnvDbConn    *conn,
                                      gboolean      nested,
                                      GError      **error);
  gboolean     (*commit)             (AnvDbConn    *conn,
                                      gboolean      nested,
                                      GError      **error);
  void         (*rollback)           (AnvDbConn    *conn,
                                      gboolean      nested);
  /* The statement that begins a transaction that only reads: one
   * snapshot, no lock that holds back a writer. */
  const char   *begin_read;
  /* Best effort: what removed rows left outside the tables is dropped. */
  void         (*purge_removed)      (AnvDbConn    *conn);
  /* A loading tool writes many rows in one transaction that is kept or
   * dropped whole: a write need not be atomic on its own. May be NULL. */
  void         (*set_bulk)           (AnvDbConn    *conn,
                                      gboolean      bulk);
  /* What the transaction under way changed, in words the others' windows
   * read (anv_db_note_change()); sent with its commit. May be NULL. */
  void         (*note_change)        (AnvDbConn    *conn,
                                      const char   *what);
  /* A number that changes when another connection commits; -1 if unknown. */
  gint64       (*data_version)       (AnvDbConn    *conn);
  /* A descriptor that becomes readable when another connection may have
   * committed, or -1 (then data_version is polled); may be NULL. */
  int          (*socket)             (AnvDbConn    *conn);
  gboolean     (*get_schema_version) (AnvDbConn    *conn,
                                      int          *out_version,
                                      GError      **error);
  gboolean     (*set_schema_version) (AnvDbConn    *conn,
                                      int           version,
                                      GError      **error);

  /* Statements. prepare() takes the text with ?1 … ?N placeholders; a
   * driver may run its own text for the statement @key instead. */
  AnvDbHandle *(*prepare)            (AnvDbConn    *conn,
                                      const char   *key,
                                      const char   *sql,
                                      GError      **error);
  /* The text a statement was prepared from. */
  const char  *(*sql)                (AnvDbHandle  *stmt);
  void         (*finalize)           (AnvDbHandle  *stmt);
  /* Back to before the first row, the bound values kept or cleared. */
  void         (*reset)              (AnvDbHandle  *stmt,
                                      gboolean      clear_bindings);
  void         (*bind_int64)         (AnvDbHandle  *stmt,
                                      int           index,
                                      gint64        value);
  void         (*bind_double)        (AnvDbHandle  *stmt,
                                      int           index,
                                      double        value);
  /* Not copied; NULL binds NULL. */
  void         (*bind_text)          (AnvDbHandle  *stmt,
                                      int           index,
                                      const char   *text);
  void         (*bind_null)          (AnvDbHandle  *stmt,
                                      int           index);
  /* Does not reset: the connection does, after DONE or FAILED. */
  AnvDbStep    (*step)               (AnvDbConn    *conn,
                                      AnvDbHandle  *stmt,
                                      GError      **error);
  int          (*column_count)       (AnvDbHandle  *stmt);
  gboolean     (*column_is_null)     (AnvDbHandle  *stmt,
                                      int           column);
  gint64       (*column_int64)       (AnvDbHandle  *stmt,
                                      int           column);
  int          (*column_int)         (AnvDbHandle  *stmt,
                                      int           column);
  double       (*column_double)      (AnvDbHandle  *stmt,
                                      int           column);
  const char  *(*column_text)        (AnvDbHandle  *stmt,
                                      int           column);
};

/* The drivers this build has. */
extern const AnvDbDriver anv_db_sqlite_driver;
extern const AnvDbDriver anv_db_pg_driver;

/* For drivers: sets @error in ANV_DB_ERROR with @code, in Anvisa's words
 * where it has them (else @engine_message), prefixed by @context (already
 * translated, may be NULL). A constraint's @engine_message goes to the
 * debug log only. */
void          anv_db_driver_fail          (AnvDb        *db,
                                           AnvDbError    code,
                                           const char   *engine_message,
                                           const char   *context,
                                           GError      **error);

/* For drivers, while opening: the file may only be read, because of
 * @reason (a sentence that says what to do). */
void          anv_db_driver_set_read_only (AnvDb        *db,
                                           const char   *reason);

/* For drivers, while opening: what the person should know about the
 * connection (anv_db_get_notice()). */
void          anv_db_driver_set_notice    (AnvDb        *db,
                                           const char   *notice);

/* For drivers, while opening: who writes, for the audit log and the
 * window (on a server, the login, whatever the program was told). */
void          anv_db_driver_set_user      (AnvDb        *db,
                                           const char   *user);

/* For drivers, while opening: the database in words, for people (never
 * a password); without it, the path is shown. */
void          anv_db_driver_set_display_name (AnvDb     *db,
                                              const char *name);

/* The driver's connection of @db, for the engine-only work of the
 * driver's own files (copying a SQLite file page by page). */
AnvDbConn    *anv_db_driver_get_conn      (AnvDb        *db);

G_END_DECLS
