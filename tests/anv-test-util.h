/* anv-test-util.h — what the tests share: fresh databases, pinned dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "anv-db.h"
#include "anv-publish.h"

G_BEGIN_DECLS

/* A new temporary folder, removed with its contents by
 * anv_test_remove_dir(). */
char  *anv_test_make_dir   (void);
void   anv_test_remove_dir (const char *dir);

/* Sets or clears the immutable attribute of @path, a file or a folder (as
 * `chattr +i`): the one way to keep root, whom modes do not stop, from
 * writing it or creating files in it. FALSE where the file system or the
 * user cannot. */
/* Makes the process's messages @language ("sv"; NULL: back to the
 * default) from the next one on: gettext keeps what it found, so a change
 * of language must tell it. */
void   anv_test_set_language (const char *language);

gboolean anv_test_set_immutable (const char *path,
                                 gboolean    immutable);

/* A fresh database in a temporary folder, opened as user "tester": a
 * copy of one created (with every migration) once per test program. When
 * ANVISA_TEST_SERVER is set (a libpq conninfo), a new database on that
 * PostgreSQL server instead, the folder still new for the test's files. */
AnvDb *anv_test_open_db    (char **out_dir);

/* Closes a database anv_test_open_db() opened and removes its folder (and
 * drops its database on the server); clears both pointers. */
void   anv_test_close_db   (AnvDb **db,
                            char  **dir);

/* Whether the tests run on a PostgreSQL server (ANVISA_TEST_SERVER set):
 * a case about the SQLite file itself skips then. */
gboolean anv_test_on_server (void);

/* A connection of its own to the server as the login @conninfo names
 * (fails the test when there is none); PQfinish() it. */
struct pg_conn;
struct pg_conn *anv_test_connect_as (const char *conninfo);

/* Runs @sql as the login @conninfo names; returns its SQLSTATE, or ""
 * when the server did it all. */
char    *anv_test_run_as    (const char *conninfo,
                             const char *sql);

/* On the server: a new database, empty or (@migrated) a copy of the
 * migrated template, as the conninfo to open it with; dropped with
 * anv_test_server_drop_db(). */
char  *anv_test_server_new_db  (gboolean    migrated);
void   anv_test_server_drop_db (const char *conninfo);
/* The tables in the server database @conninfo names, outside the system's. */
gint64 anv_test_server_count_tables (const char *conninfo);

/* Where @db, which anv_test_open_db() gave, is: its file, or on the
 * server its conninfo; to open it again as another program would. */
const char *anv_test_db_location (AnvDb      *db);

/* Runs @sql (no rows) on @db through a connection of its own (SQLite's
 * or libpq), as another program: for what the API does not offer. */
void   anv_test_exec_raw       (AnvDb      *db,
                                const char *sql);

/* Drops the server login @login if it is there (a test's own logins). */
void   anv_test_drop_login     (AnvDb      *db,
                                const char *login);

/* A pinned date. */
void   anv_test_date       (GDate *date,
                            guint  year,
                            guint  month,
                            guint  day);

/* Writes @contents to @dir/@name and returns the path. */
char  *anv_test_write_file (const char *dir,
                            const char *name,
                            const char *contents);

/* Skatteverket's test personnummer (data/skatteverket_testpersonnummer.json)
 * in the file's order: those that start at or after @from and before
 * @before (compared on their lengths: "1986" and "1987" for one year;
 * NULL for no bound), each once when @unique, at most @wanted (0 for all).
 * Fails the test when @wanted are not there. */
GPtrArray *anv_test_load_personnummer (const char *from,
                                       const char *before,
                                       gboolean    unique,
                                       guint       wanted);

/* Provider 202100-2114 approved for Rusta och matcha in Umeå and Vindeln
 * from 30 March 2020, the start of the pilot there. */
void   anv_test_approve_krom_provider (AnvDb *db);

/* The first column of the one row @sql gives, with @text bound to ?1
 * (when not NULL) and @number to ?2 (when @sql has it). */
gint64 anv_test_query_int (AnvDb      *db,
                           const char *sql,
                           const char *text,
                           gint64      number);

/* The same on a connection of SQLite's own, as another program has it. */
gint64 anv_test_raw_query_int (sqlite3    *handle,
                               const char *sql);

/* All that can be read from @fd, which is then closed. */
char  *anv_test_read_fd   (int         fd);

/* PRAGMA integrity_check says "ok". */
void   anv_test_assert_integrity (AnvDb *db);

/* The summary kept with every write equals a count made anew from the
 * referrals, for the months @from to @to ("YYYY-MM"), both services, the
 * municipalities of county @county (NULL: all); the first difference is
 * named. */
void   anv_test_assert_summary_matches_recount (AnvDb      *db,
                                                const char *from,
                                                const char *to,
                                                const char *county);
/* The same for the kept breakdowns (provider, level, age group): each
 * part equals its recount, column for column. */
void   anv_test_assert_parts_match_recount     (AnvDb      *db,
                                                const char *from,
                                                const char *to,
                                                const char *county);
/* In each row of the summary, every known split adds up to its total and
 * deltar + väntar to the active; with @all_known no split is unknown. */
void   anv_test_assert_summary_splits_add_up   (AnvDb      *db,
                                                const char *from,
                                                const char *to,
                                                gboolean    all_known);

/* Whether a split of a publish export's line is suppressed (either part). */
gboolean anv_test_masked_group           (const AnvPublishMask  mask,
                                          guint                 split);
/* Fails unless no suppressed split of @rows follows from the county or
 * national line above it and the splits shown. */
void     anv_test_assert_nothing_follows (AnvDb                *db,
                                          const GArray         *rows,
                                          AnvPublishMask       *masks);

G_END_DECLS
