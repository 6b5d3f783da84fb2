/* anv-db-private.h — what the core modules share about the database
 *
 * Only files in src/core include this header (and so sqlite3.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "anv-db.h"

G_BEGIN_DECLS

/* "ANVS": PRAGMA application_id of every Anvisa database, bytes 68-71
 * (big-endian) of its header. */
#define ANV_APPLICATION_ID 1095652947 /* 0x414E5653 */

/* The statement layer. Core modules speak to the database through these
 * calls only; which engine runs the SQL is the driver's business (today
 * SQLite, in anv-db.c). HACKING.md, "The statement layer", says why it is
 * shaped so.
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
 * always names one text. */
AnvDbStmt    *anv_db_prepare       (AnvDb        *self,
                                    const char   *key,
                                    const char   *sql,
                                    GError      **error);

/* Values for ?1 … ?N (@index counts from 1). A text is not copied: it must
 * stay valid until the statement is done or reset. NULL binds NULL. */
void          anv_db_bind_int64    (AnvDbStmt    *stmt,
                                    int           index,
                                    gint64        value);
void          anv_db_bind_double   (AnvDbStmt    *stmt,
                                    int           index,
                                    double        value);
void          anv_db_bind_text     (AnvDbStmt    *stmt,
                                    int           index,
                                    const char   *text);
void          anv_db_bind_null     (AnvDbStmt    *stmt,
                                    int           index);

/* The next row. A caller that stops before ANV_DB_DONE calls
 * anv_db_reset(). A unique key already taken fails with
 * ANV_DB_ERROR_DUPLICATE, another rule of the schema with
 * ANV_DB_ERROR_CONSTRAINT, in Anvisa's words, never the engine's. */
AnvDbStep     anv_db_step          (AnvDbStmt    *stmt,
                                    GError      **error);
void          anv_db_reset         (AnvDbStmt    *stmt);

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

/* TRUE inside a transaction begun by anv_db_begin() (or by the engine). */
gboolean      anv_db_in_transaction (AnvDb       *self);

/* anv_db_begin(), anv_db_commit() and anv_db_rollback() are public, in
 * anv-db.h: the demo loader, outside the core, wraps many writes in one. */

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

/* ---- Being replaced: the SQLite calls the modules used before the
 * statement layer. Each goes when the last module stops using it. ---- */

sqlite3      *anv_db_get_handle   (AnvDb       *self);

/* A prepared statement for @sql, cached for the life of the connection,
 * reset and with its bindings cleared. @sql must be a string literal. */
sqlite3_stmt *anv_db_statement    (AnvDb       *self,
                                   const char  *sql,
                                   GError     **error);


/* Steps a statement that returns no rows, then resets it. */
gboolean      anv_db_old_step_done (AnvDb        *self,
                                   sqlite3_stmt *stmt,
                                   GError      **error);

/* Steps an INSERT, then resets it. A UNIQUE violation returns FALSE with
 * *@out_duplicate set and @error unset, for the caller to name the record
 * that is there already; any other failure sets @error. @out_id (may be
 * NULL) receives the new row's id. */
gboolean      anv_db_old_step_insert (AnvDb        *self,
                                   sqlite3_stmt *stmt,
                                   gint64       *out_id,
                                   gboolean     *out_duplicate,
                                   GError      **error);

/* Sets @error in ANV_DB_ERROR from SQLite's result code @rc and message,
 * prefixed by @context (already translated, may be NULL). */
void          anv_db_set_error    (AnvDb       *self,
                                   int          rc,
                                   const char  *context,
                                   GError     **error);


/* Small helpers for reading columns. */
char         *anv_db_old_column_dup (sqlite3_stmt *stmt,
                                   int           column);

/* Binds NULL for a NULL string, else the text (copied by SQLite's static
 * contract: the string must outlive the step). */
void          anv_db_old_bind_text (sqlite3_stmt *stmt,
                                   int           index,
                                   const char   *text);

G_END_DECLS
