/* anv-db-old.h — temporary: the SQLite calls from before the statement layer
 *
 * The modules not yet moved to the statement layer (anv-db-private.h)
 * include this header, and through it sqlite3.h. It goes, with the
 * functions it declares (in anv-db-sqlite.c), when the last of them has
 * moved; nothing new may include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "anv-db-private.h"

G_BEGIN_DECLS

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

char         *anv_db_old_column_dup (sqlite3_stmt *stmt,
                                     int           column);

/* Binds NULL for a NULL string, else the text (not copied: the string
 * must outlive the step). */
void          anv_db_old_bind_text (sqlite3_stmt *stmt,
                                    int           index,
                                    const char   *text);

G_END_DECLS
