/* anv-db-sqlite.h — what only the SQLite driver can do: files and their copies
 *
 * A database that is one file on the disk can be checked before it is
 * opened and copied page by page while it is in use; a server's database
 * cannot (its backups are the server's business). The backup module uses
 * these; no sqlite3.h here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db-private.h"

G_BEGIN_DECLS

/* Examines the file at @path as opening does before SQLite may touch it,
 * and changes nothing: refused if it is no file, empty, not a database,
 * another program's, or newer than @newest_version. @out_version (may be
 * NULL) receives its schema version. */
gboolean anv_db_sqlite_check_file (const char  *path,
                                   int          newest_version,
                                   int         *out_version,
                                   GError     **error);

/* Called with the pages copied so far and the pages in all. */
typedef void     (*AnvDbCopyProgress) (guint     done,
                                       guint     total,
                                       gpointer  user_data);

/* Called while the database is locked for writing; FALSE with @error set
 * calls the work off. */
typedef gboolean (*AnvDbWhileLocked)  (gpointer  user_data,
                                       GError  **error);

/* Copies the database of @db, as it is, into the new empty file @path, a
 * few pages at a time while others may keep writing, as one self-contained
 * file (no log beside it). @progress (may be NULL) is told after each
 * step; between steps @cancellable is looked at: then FALSE with
 * G_IO_ERROR_CANCELLED. Other errors are in ANV_DB_ERROR, prefixed by
 * @context (already translated). */
gboolean anv_db_sqlite_copy_to_file    (AnvDb              *db,
                                        const char         *path,
                                        AnvDbCopyProgress   progress,
                                        gpointer            user_data,
                                        GCancellable       *cancellable,
                                        const char         *context,
                                        GError            **error);

/* The same for the database file @source, read on a connection of its own
 * (for reading only), not cancellable. */
gboolean anv_db_sqlite_copy_file       (const char         *source,
                                        const char         *path,
                                        const char         *context,
                                        GError            **error);

/* Reads @source, with its log, into the empty file @path in one snapshot:
 * FALSE when SQLite cannot read it so (read-only, it cannot recover a log
 * that a crash left, nor read a damaged file); the reason goes to the
 * debug log, for the caller to copy the files instead. */
gboolean anv_db_sqlite_snapshot        (const char         *source,
                                        const char         *path);

/* Runs SQLite's integrity check on @db: *@out_intact tells whether it
 * passed (a file that cannot be read to the end does not). FALSE with
 * @error when the check cannot even start. */
gboolean anv_db_sqlite_check_integrity (AnvDb              *db,
                                        gboolean           *out_intact,
                                        GError            **error);

/* A copy of another page size cannot be written into a database in
 * write-ahead mode: @copy takes @db's page size (rebuilt if need be). */
gboolean anv_db_sqlite_match_page_size (AnvDb              *copy,
                                        AnvDb              *db,
                                        GError            **error);

/* Replaces everything in @db (not in a transaction) with @copy's content.
 * First waits, up to 20 seconds, for the write lock on @db; holding it,
 * calls @while_locked (may be NULL), which may still change @copy; then
 * writes the whole copy into @db in one transaction. On failure @db is as
 * it was: @while_locked's error, or one in ANV_DB_ERROR prefixed by
 * @context (already translated). */
gboolean anv_db_sqlite_replace         (AnvDb              *db,
                                        AnvDb              *copy,
                                        AnvDbWhileLocked    while_locked,
                                        gpointer            user_data,
                                        const char         *context,
                                        GError            **error);

G_END_DECLS
