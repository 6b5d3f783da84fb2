/* anv-schema.h — opening the database with its schema up to date
 *
 * The layer above the modules: it opens a connection (anv-db.h) and runs
 * the migrations, which may load the modules' reference data. Nothing
 * below it runs a migration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anv-db.h"

G_BEGIN_DECLS

/* Opens (creating it, with its directory, if missing) and migrates the
 * database at @path. @user is who is recorded in the audit log; NULL means
 * the operating-system user. A database that cannot be written (the file,
 * or its folder, where SQLite must create its working files, or the disk)
 * is opened for reading only: see anv_db_is_read_only(); every write is
 * then refused with ANV_DB_ERROR_READ_ONLY and a message that says why. */
AnvDb    *anv_schema_open             (const char  *path,
                                       const char  *user,
                                       GError     **error);

/* Opens up to @target_version only (for the migration tests). */
AnvDb    *anv_schema_open_at_version  (const char  *path,
                                       const char  *user,
                                       int          target_version,
                                       GError     **error);

/* The newest schema version this build of Anvisa knows. */
int       anv_schema_latest_version   (void);

/* Examines the file at @path as anv_schema_open() does before the engine
 * may touch it, and changes nothing: refused if it is no file, empty, not
 * a database, another program's, or from a newer Anvisa. @out_version
 * (may be NULL) receives its schema version. */
gboolean  anv_schema_check_file       (const char  *path,
                                       int         *out_version,
                                       GError     **error);

G_END_DECLS
