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

sqlite3      *anv_db_get_handle   (AnvDb       *self);

/* A prepared statement for @sql, cached for the life of the connection,
 * reset and with its bindings cleared. @sql must be a string literal. */
sqlite3_stmt *anv_db_statement    (AnvDb       *self,
                                   const char  *sql,
                                   GError     **error);

/* anv_db_begin(), anv_db_commit() and anv_db_rollback() are public:
 * see anv-db.h. */

/* Runs SQL without results (several statements allowed). */
gboolean      anv_db_exec         (AnvDb       *self,
                                   const char  *sql,
                                   GError     **error);

/* Steps a statement that returns no rows, then resets it. */
gboolean      anv_db_step_done    (AnvDb        *self,
                                   sqlite3_stmt *stmt,
                                   GError      **error);

/* Steps an INSERT, then resets it. A UNIQUE violation returns FALSE with
 * *@out_duplicate set and @error unset, for the caller to name the record
 * that is there already; any other failure sets @error. @out_id (may be
 * NULL) receives the new row's id. */
gboolean      anv_db_step_insert  (AnvDb        *self,
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

/* The first column of the first row of @sql, which is prepared for this
 * call only (it need not be a literal), as a number. */
gboolean      anv_db_query_int64  (AnvDb       *self,
                                   const char  *sql,
                                   gint64      *out,
                                   GError     **error);

/* Small helpers for reading columns. */
char         *anv_db_column_dup   (sqlite3_stmt *stmt,
                                   int           column);

/* Binds NULL for a NULL string, else the text (copied by SQLite's static
 * contract: the string must outlive the step). */
void          anv_db_bind_text    (sqlite3_stmt *stmt,
                                   int           index,
                                   const char   *text);

G_END_DECLS
