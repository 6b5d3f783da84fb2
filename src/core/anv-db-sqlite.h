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

G_END_DECLS
