/* anv-db-sqlite-private.h — what the SQLite driver's files share
 *
 * Included by the driver's files only (anv-db-sqlite.c,
 * anv-db-sqlite-copy.c): with sqlite3.h.
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

G_END_DECLS
