/* anv-db.h — the Anvisa database: one connection, opened safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ANV_DB_ERROR (anv_db_error_quark ())

typedef enum
{
  ANV_DB_ERROR_OPEN,          /* the file or its directory cannot be opened or created */
  ANV_DB_ERROR_NOT_ANVISA,    /* a file that is not an Anvisa database */
  ANV_DB_ERROR_CORRUPT,       /* the file is damaged */
  ANV_DB_ERROR_TOO_NEW,       /* written by a newer Anvisa */
  ANV_DB_ERROR_READ_ONLY,     /* cannot be written */
  ANV_DB_ERROR_BUSY,          /* another program holds the database too long */
  ANV_DB_ERROR_FULL,          /* the disk is full */
  ANV_DB_ERROR_MIGRATION,     /* a schema step failed; nothing was changed */
  ANV_DB_ERROR_FAILED,        /* anything else SQLite reports */
  ANV_DB_ERROR_IO,            /* the disk could not be written or read */
  ANV_DB_ERROR_DUPLICATE,     /* a row with the same unique key is there already */
  ANV_DB_ERROR_CONSTRAINT,    /* a rule of the schema (CHECK, NOT NULL, a reference) refused */
  ANV_DB_ERROR_CONNECTION,    /* the connection to the server failed or was lost */
  ANV_DB_ERROR_DENIED,        /* the server's login may not do this */
  ANV_DB_ERROR_UNKNOWN,       /* the connection went as a commit was sent, and stayed away:
                               * whether it was saved is not known */
} AnvDbError;

#define ANV_TYPE_DB (anv_db_get_type ())
G_DECLARE_FINAL_TYPE (AnvDb, anv_db, ANV, DB, GObject)

GQuark      anv_db_error_quark        (void);

/* A database is opened, with its schema up to date, by anv_schema_open()
 * (anv-schema.h). */

/* The file Anvisa uses when none is named: $ANVISA_DATABASE, or
 * $XDG_DATA_HOME/anvisa/anvisa.db. */
char       *anv_db_default_path       (void);

const char *anv_db_get_path           (AnvDb       *self);

/* TRUE when @path is not a file but a PostgreSQL server's database, named
 * by a libpq connection string: a URI (postgresql://HOST/DB?…) or
 * keywords and values (host=… dbname=…, service=NAME). */
gboolean    anv_db_is_server_address  (const char  *path);
/* The database for people: a file's path, or a server's database as
 * postgresql://LOGIN@HOST:PORT/NAME, never with a password. */
const char *anv_db_get_display_name   (AnvDb       *self);
/* TRUE when the database is on a server. */
gboolean    anv_db_is_server          (AnvDb       *self);
/* What the person should know about the connection (a sentence: e.g.
 * that it is not encrypted), or NULL. */
const char *anv_db_get_notice         (AnvDb       *self);
const char *anv_db_get_user           (AnvDb       *self);

/* Whether the database was opened for reading only, and why, as a
 * sentence that says what to do (NULL when it may be written): for a
 * window's subtitle or information bar and anvisa-cli's note. */
gboolean    anv_db_is_read_only       (AnvDb       *self);
const char *anv_db_get_read_only_reason (AnvDb     *self);
int         anv_db_get_schema_version (AnvDb       *self);

/* A number that changes when another connection commits (SQLite's
 * data_version); -1 when the engine cannot tell. */
gint64      anv_db_get_data_version   (AnvDb       *self);

/* A descriptor that becomes readable when another program may have
 * committed (a server's notification): watch it from the main loop and
 * call anv_db_poll_changes() then. -1 when there is none (a file): poll
 * on a timer. It may change after the connection was made again. */
int         anv_db_get_socket         (AnvDb       *self);

/* Emits AnvDb::changed if another connection (a second Anvisa, anvisa-cli)
 * committed since the last call; TRUE if so. Cheap: call it on a timer. */
gboolean    anv_db_poll_changes       (AnvDb       *self);

/* TRUE when the database holds no job seekers (and, later, referrals or
 * providers): demo data may be loaded only then. */
gboolean    anv_db_is_empty           (AnvDb       *self,
                                       GError     **error);

/* BEGIN (writing) / COMMIT / ROLLBACK; inside another transaction, a
 * savepoint. Every begin is followed by one commit or one rollback; after
 * a failed commit, the caller's rollback (a commit never rolls back
 * itself: see anv-db-private.h). A rollback never fails loudly: it is what
 * runs after an error has already been reported. A commit emits
 * AnvDb::changed. Each of the modules'
 * writes is a transaction of its own; a caller that makes many of them
 * all or nothing (the demo loader) wraps them in one. */
gboolean    anv_db_begin              (AnvDb       *self,
                                       GError     **error);
gboolean    anv_db_commit             (AnvDb       *self,
                                       GError     **error);
void        anv_db_rollback           (AnvDb       *self);

/* With @bulk, a large page cache (256 MiB) for a loading tool that writes
 * millions of rows in one transaction; without, the cache the connection
 * had before. On a server, the cache is the server's; ending the bulk
 * mode there refreshes the planner's statistics (ANALYZE). */
gboolean    anv_db_set_bulk_cache     (AnvDb       *self,
                                       gboolean     bulk,
                                       GError     **error);

G_END_DECLS
