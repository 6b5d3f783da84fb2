/* anv-db-private.h — what the core modules share about the database
 *
 * Only files in src/core include this header. It names no engine: only
 * the SQLite driver's files (anv-db-sqlite.c, anv-db-sqlite-open.c and
 * anv-db-sqlite-copy.c, through anv-db-sqlite-private.h) include sqlite3.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

/* "ANVS": PRAGMA application_id of every Anvisa database, bytes 68-71
 * (big-endian) of its header. */
#define ANV_APPLICATION_ID 1095652947 /* 0x414E5653 */

/* The statement layer. Core modules speak to the database through these
 * calls only; which engine runs the SQL is the driver's business (today
 * SQLite, in the anv-db-sqlite*.c files). HACKING.md, "The statement
 * layer", says why it is shaped so.
 *
 * A statement is named by a stable key, "module/what" ("end-reasons/list"),
 * which keys the cache of prepared statements and lets another driver use
 * its own text for the same statement. Placeholders are numbered, ?1 … ?N.
 * An INSERT whose new id is wanted ends in "RETURNING id". */
typedef struct _AnvDbStmt AnvDbStmt;

typedef enum
{
  ANV_DB_FAILED = -1,   /* @error is set; the statement is reset */
  ANV_DB_DONE   = 0,    /* no more rows; the statement is reset */
  ANV_DB_ROW    = 1,    /* a row: read it with anv_db_column_*() */
} AnvDbStep;

/* Called by anv_db_collect() for each row; returns the item to keep. */
typedef gpointer (*AnvDbRowFunc) (AnvDbStmt *stmt,
                                  gpointer   user_data);

/* The prepared statement @key, prepared from @sql the first time and
 * cached for the connection's life; reset, with no values bound. One key
 * always names one text: a known key with another text is a bug, and
 * fails (a critical warning and ANV_DB_ERROR_FAILED). */
AnvDbStmt    *anv_db_prepare       (AnvDb        *self,
                                    const char   *key,
                                    const char   *sql,
                                    GError      **error);

/* Values for ?1 … ?N (@index counts from 1). NULL binds NULL.
 *
 * A text is not copied (the driver binds it in place, for speed): it must
 * stay valid while the statement runs, until it is done, failed or reset.
 * After that the cached statement may still hold the pointer, to a buffer
 * long gone (a caller's stack, a freed string), but nothing reads it: the
 * pointer is never used again, because the next anv_db_prepare() of the
 * key clears every binding before handing the statement out. So: bind only
 * right after anv_db_prepare(), never re-step a finished statement without
 * preparing it again, and keep that clearing in anv_db_prepare(). */
void          anv_db_bind_int64    (AnvDbStmt    *stmt,
                                    int           index,
                                    gint64        value);
void          anv_db_bind_double   (AnvDbStmt    *stmt,
                                    int           index,
                                    double        value);
void          anv_db_bind_text     (AnvDbStmt    *stmt,
                                    int           index,
                                    const char   *text);
/* No module binds NULL this way today (a NULL text does it); it stays as
 * part of the layer's API, which a second driver implements whole. */
void          anv_db_bind_null     (AnvDbStmt    *stmt,
                                    int           index);

/* The next row. A caller that stops before ANV_DB_DONE calls
 * anv_db_reset(). A unique key already taken fails with
 * ANV_DB_ERROR_DUPLICATE, another rule of the schema with
 * ANV_DB_ERROR_CONSTRAINT, in Anvisa's words, never the engine's. */
AnvDbStep     anv_db_step          (AnvDbStmt    *stmt,
                                    GError      **error);
void          anv_db_reset         (AnvDbStmt    *stmt);

/* Steps to a row that must be there (count(*), max(), RETURNING): TRUE
 * at the row, to be read and then reset; FALSE with @error set when the
 * step failed or gave no row (ANV_DB_ERROR_FAILED). */
gboolean      anv_db_step_row      (AnvDbStmt    *stmt,
                                    GError      **error);

/* Sets ANV_DB_ERROR_FAILED for a row that was due and did not come;
 * returns FALSE. */
gboolean      anv_db_no_row        (GError      **error);

/* Runs a statement to its end (INSERT, UPDATE, DELETE; rows are ignored). */
gboolean      anv_db_step_done     (AnvDbStmt    *stmt,
                                    GError      **error);

/* Runs an INSERT … RETURNING id; @out_id (may be NULL, then RETURNING is
 * not needed) receives the new row's id. */
gboolean      anv_db_step_insert   (AnvDbStmt    *stmt,
                                    gint64       *out_id,
                                    GError      **error);

/* Every row, each made into an item by @row_func; an empty array when
 * there are none, NULL with @error set on failure. */
GPtrArray    *anv_db_collect       (AnvDbStmt     *stmt,
                                    AnvDbRowFunc   row_func,
                                    gpointer       user_data,
                                    GDestroyNotify item_free,
                                    GError       **error);

/* The columns of the current row, counted from 0. A text stays valid
 * until the next step or reset; NULL for a NULL. */
int           anv_db_column_count  (AnvDbStmt    *stmt);
gboolean      anv_db_column_is_null (AnvDbStmt   *stmt,
                                     int          column);
gint64        anv_db_column_int64  (AnvDbStmt    *stmt,
                                    int           column);
int           anv_db_column_int    (AnvDbStmt    *stmt,
                                    int           column);
double        anv_db_column_double (AnvDbStmt    *stmt,
                                    int           column);
const char   *anv_db_column_text   (AnvDbStmt    *stmt,
                                    int           column);
char         *anv_db_column_dup    (AnvDbStmt    *stmt,
                                    int           column);

/* Rows changed by the last INSERT, UPDATE or DELETE run to its end. */
gint64        anv_db_changes       (AnvDb        *self);

/* Inside a transaction: @what changed, in the words the others who hear
 * of the commit read (on a server, the payload of a NOTIFY on the channel
 * "anvisa" sent with the commit; nothing on a file). The summary notes
 * "SERVICE MUNICIPALITY YYYY-MM" for each cell it changes from that month
 * on. */
void          anv_db_note_change   (AnvDb        *self,
                                    const char   *what);

/* TRUE inside a transaction begun by anv_db_begin() (or by the engine). */
gboolean      anv_db_in_transaction (AnvDb       *self);

/* anv_db_begin(), anv_db_commit() and anv_db_rollback() are public, in
 * anv-db.h: the demo loader, outside the core, wraps many writes in one.
 *
 * The rollback has one owner, the caller. anv_db_commit() never rolls
 * back: when it fails, at the outermost level or in a savepoint, the
 * transaction (or savepoint) stays open, and the caller that began it
 * calls anv_db_rollback(), as it does for any other failure inside:
 *
 *   if (!anv_db_begin (db, error))
 *     return FALSE;
 *   if (!write_things (db, error) || !anv_db_commit (db, error))
 *     {
 *       anv_db_rollback (db);
 *       return FALSE;
 *     }
 *
 * anv_db_rollback() never fails loudly and may be called once per
 * anv_db_begin() whatever happened. */

/* Begins a transaction that only reads, outside any other: every
 * statement until anv_db_end_read() sees the same snapshot, and no
 * writer waits for it. */
gboolean      anv_db_begin_read    (AnvDb        *self,
                                    GError      **error);
/* Ends it; after a failure (@ok FALSE), nothing to report. */
gboolean      anv_db_end_read      (AnvDb        *self,
                                    gboolean      ok,
                                    GError      **error);

/* Runs SQL without results and without bound values (several statements
 * allowed): for the schema's migrations. */
gboolean      anv_db_exec          (AnvDb        *self,
                                    const char   *sql,
                                    GError      **error);

/* The first column of the first row of @sql, prepared for this call only
 * (it need not be a literal), as a number. */
gboolean      anv_db_query_int64   (AnvDb        *self,
                                    const char   *sql,
                                    gint64       *out,
                                    GError      **error);

/* Best effort, after personal data was removed and committed: the engine
 * drops what it still keeps of the removed rows outside the tables
 * (SQLite: the write-ahead log, copied into the file and cut to nothing).
 * Another program reading at the moment may keep it for a while. */
void          anv_db_purge_removed (AnvDb        *self);

/* ---- For the schema layer (anv-schema.c) ---- */

/* Opens the database at @path, creating an empty file if there is none,
 * and brings nothing up to date: anv_db_get_schema_version() then tells
 * the version the file holds. A file from an Anvisa newer than
 * @newest_version is refused untouched. Until anv_db_accept(), a
 * write-ahead log found beside the file is left as it was on closing. */
AnvDb        *anv_db_connect       (const char   *path,
                                    const char   *user,
                                    int           newest_version,
                                    GError      **error);

/* The schema is at @schema_version and the file is accepted. */
void          anv_db_accept        (AnvDb        *self,
                                    int           schema_version);

/* The schema version the database itself records (SQLite: user_version). */
gboolean      anv_db_read_schema_version  (AnvDb    *self,
                                           int      *out_version,
                                           GError  **error);
gboolean      anv_db_write_schema_version (AnvDb    *self,
                                           int       version,
                                           GError  **error);

/* For tests of a server's faults: the next commit of this process loses
 * its connection, before the COMMIT reaches the server or after the
 * server answered it and before the answer is read. */
typedef enum
{
  ANV_DB_LOSS_NONE,
  ANV_DB_LOSS_BEFORE_COMMIT,
  ANV_DB_LOSS_COMMIT_ANSWER,
} AnvDbLoss;

void          anv_db_pg_lose_next_commit  (AnvDbLoss loss);

/* On a server's database, inside the caller's transaction: sets the
 * password of @login (NULL: CURRENT_USER) to @password, hashed on this
 * computer with SCRAM-SHA-256 first (anv_password_set()). */
gboolean      anv_db_pg_set_password      (AnvDb      *db,
                                           const char *login,
                                           const char *password,
                                           GError    **error);

G_END_DECLS
