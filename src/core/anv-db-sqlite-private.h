/* anv-db-sqlite-private.h — what the SQLite driver's files share
 *
 * Included by the driver's files only (anv-db-sqlite.c,
 * anv-db-sqlite-open.c and anv-db-sqlite-copy.c): with sqlite3.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "anv-db-driver.h"

G_BEGIN_DECLS

struct _AnvDbConn
{
  AnvDb      *db;           /* not a reference: the connection belongs to it */
  sqlite3    *handle;
  char       *inode;        /* "device:inode" of the file, as registered */
};

/* Sets @error from SQLite's result code @rc, with the message of @handle
 * (may be NULL) for what Anvisa has no sentence of its own, prefixed by
 * @context (already translated, may be NULL). */
void anv_db_sqlite_fail (AnvDb      *db,
                         sqlite3    *handle,
                         int         rc,
                         const char *context,
                         GError    **error);

/* The connection (anv-db-sqlite.c) */

/* A connection of @db with no SQLite handle yet. */
AnvDbConn *anv_db_sqlite_conn_new     (AnvDb        *db);
/* Closes the handle, if any, and frees @conn. */
void       anv_db_sqlite_close        (AnvDbConn    *conn);
gboolean   anv_db_sqlite_exec         (AnvDbConn    *conn,
                                       const char   *sql,
                                       GError      **error);
/* The first column of the first row of @sql. */
gboolean   anv_db_sqlite_query_int64  (AnvDbConn    *conn,
                                       const char   *sql,
                                       gint64       *out,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnvDbConn, anv_db_sqlite_close)

/* Opening a file (anv-db-sqlite-open.c) */

/* Opens @path as the driver table's open does: checked before SQLite
 * touches it, set up for writing or for reading only. */
AnvDbConn *anv_db_sqlite_open         (AnvDb        *db,
                                       const char   *path,
                                       int           newest_version,
                                       int          *out_version,
                                       GError      **error);
/* Once the file is accepted: it is in the registry of the files this
 * process has open until anv_db_sqlite_unregister_open(). */
void       anv_db_sqlite_register_open   (AnvDbConn  *conn,
                                          const char *path);
void       anv_db_sqlite_unregister_open (AnvDbConn  *conn);

G_END_DECLS
