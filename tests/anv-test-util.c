/* anv-test-util.c — what the tests share: fresh databases, pinned dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anv-schema.h"
#include "anv-test-util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fs.h>

#include <libpq-fe.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "anv-approvals.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-municipalities.h"
#include "anv-providers.h"
#include "anv-summary.h"

char *
anv_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("anvisa-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
anv_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        anv_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The server: ANVISA_TEST_SERVER names a maintenance connection (a
 * libpq conninfo, e.g. "host=/tmp/x port=5491 dbname=postgres") as a role
 * that may create databases. Each test's database is a new one on that
 * server, a copy of a template made once per test program. */
gboolean
anv_test_on_server (void)
{
  const char *conninfo = g_getenv ("ANVISA_TEST_SERVER");

  return conninfo != NULL && conninfo[0] != '\0';
}

PGconn *
anv_test_connect_as (const char *conninfo)
{
  PGconn *pg = PQconnectdb (conninfo);

  if (PQstatus (pg) != CONNECTION_OK)
    g_error ("cannot connect as %s: %s", conninfo, PQerrorMessage (pg));
  return pg;
}

char *
anv_test_run_as (const char *conninfo,
                 const char *sql)
{
  PGconn *pg = anv_test_connect_as (conninfo);
  PGresult *result = PQexec (pg, sql);
  char *state;

  if (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK)
    state = g_strdup ("");
  else
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (pg);
  return state;
}

/* Appends " @keyword=@value" to @text, the value quoted when it must be. */
static void
append_option (GString    *text,
               const char *keyword,
               const char *value)
{
  gboolean plain = value[0] != '\0' && strpbrk (value, " \t\n'\\") == NULL;

  g_string_append_printf (text, "%s%s=", text->len > 0 ? " " : "", keyword);
  if (plain)
    {
      g_string_append (text, value);
      return;
    }
  g_string_append_c (text, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *c);
    }
  g_string_append_c (text, '\'');
}

/* ANVISA_TEST_SERVER with @dbname in place of its database, as a
 * keyword/value conninfo ("host=/tmp/x port=5491 dbname=anv_t_1_2"; the
 * variable may be a URI too). */
static char *
server_conninfo (const char *dbname)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (g_getenv ("ANVISA_TEST_SERVER"), &message);
  GString *text = g_string_new (NULL);

  if (options == NULL)
    g_error ("ANVISA_TEST_SERVER: %s", message != NULL ? message : "out of memory");
  /* host and port first, as a person writes them; the database last */
  for (guint pass = 0; pass < 2; pass++)
    for (PQconninfoOption *o = options; o->keyword != NULL; o++)
      {
        gboolean first = strcmp (o->keyword, "host") == 0 || strcmp (o->keyword, "port") == 0;

        if (o->val != NULL && strcmp (o->keyword, "dbname") != 0 && first == (pass == 0))
          append_option (text, o->keyword, o->val);
      }
  append_option (text, "dbname", dbname);
  PQconninfoFree (options);
  return g_string_free (text, FALSE);
}

/* Runs @sql (no parameters: names are made here, not given) on the
 * maintenance connection; a new connection each time, so that a forked
 * test process shares none. */
static void
server_exec (const char *sql)
{
  PGconn *conn = PQconnectdb (g_getenv ("ANVISA_TEST_SERVER"));
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("ANVISA_TEST_SERVER: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

gint64
anv_test_server_count_tables (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  gint64 count;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  result = PQexec (conn, "SELECT count(*) FROM pg_tables "
                         "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return count;
}

static char *server_template;
static pid_t server_template_owner;
/* The server's database of each folder anv_test_open_db() gave. */
static GHashTable *server_databases;

static void
drop_server_template (void)
{
  g_autofree char *sql = NULL;

  /* Not from a child that g_test_trap_subprocess() or fork() made */
  if (server_template == NULL || getpid () != server_template_owner)
    return;
  /* The databases of tests that removed their folder themselves */
  if (server_databases != NULL)
    {
      GHashTableIter iter;
      gpointer conninfo;

      g_hash_table_iter_init (&iter, server_databases);
      while (g_hash_table_iter_next (&iter, NULL, &conninfo))
        anv_test_server_drop_db (conninfo);
      g_clear_pointer (&server_databases, g_hash_table_unref);
    }
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", server_template);
  server_exec (sql);
  g_clear_pointer (&server_template, g_free);
}

/* The template: an empty database that Anvisa migrates, then closes (a
 * template copied from must have no connections). */
static const char *
get_server_template (void)
{
  if (server_template == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) db = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *conninfo = NULL;

      server_template = g_strdup_printf ("anv_tpl_%d", (int) getpid ());
      server_template_owner = getpid ();
      sql = g_strdup_printf ("CREATE DATABASE %s", server_template);
      server_exec (sql);
      atexit (drop_server_template);
      conninfo = server_conninfo (server_template);
      db = anv_schema_open (conninfo, "tester", &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      /* A core without the server's driver takes the conninfo for a file
       * name: say so rather than pass on SQLite. */
      if (anv_test_server_count_tables (conninfo) == 0)
        g_error ("anv_schema_open (\"%s\") made no tables on the server", conninfo);
    }
  return server_template;
}

char *
anv_test_server_new_db (gboolean migrated)
{
  static guint count;
  g_autofree char *name = g_strdup_printf ("anv_t_%d_%u", (int) getpid (), ++count);
  g_autofree char *sql = NULL;

  g_assert_true (anv_test_on_server ());
  if (migrated)
    sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, get_server_template ());
  else
    sql = g_strdup_printf ("CREATE DATABASE %s", name);
  server_exec (sql);
  return server_conninfo (name);
}

void
anv_test_server_drop_db (const char *conninfo)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);
  g_autofree char *sql = NULL;
  const char *slash = strchr (conninfo, '/');

  /* A program without the server's driver took the conninfo for a file
   * name and made its first part a folder here: say so rather than pass. */
  if (slash != NULL)
    {
      g_autofree char *first = g_strndup (conninfo, (gsize) (slash - conninfo));

      if (g_file_test (first, G_FILE_TEST_IS_DIR))
        g_error ("\"%s\" was taken for a file name: there is a folder \"%s\"", conninfo,
                 first);
    }
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "dbname") == 0)
      {
        g_assert_true (g_str_has_prefix (o->val, "anv_t_"));
        sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", o->val);
      }
  PQconninfoFree (options);
  g_assert_nonnull (sql);
  server_exec (sql);
}

static char *template_dir;

static void
remove_template (void)
{
  anv_test_remove_dir (template_dir);
  g_clear_pointer (&template_dir, g_free);
}

/* A new database, made once per test program: every migration with the
 * reference data takes a tenth of a second, and fifty times as long under
 * valgrind. Closed, so that it is one file. */
static const char *
get_template (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvDb) db = NULL;

      template_dir = anv_test_make_dir ();
      path = g_build_filename (template_dir, "template.db", NULL);
      db = anv_schema_open (path, "tester", &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      atexit (remove_template);
    }
  return path;
}

AnvDb *
anv_test_open_db (char **out_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  char *dir = anv_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "anvisa.db", NULL);
  gsize length = 0;
  AnvDb *db;

  if (anv_test_on_server ())
    {
      g_autofree char *conninfo = anv_test_server_new_db (TRUE);

      db = anv_schema_open (conninfo, "tester", &error);
      g_assert_no_error (error);
      g_assert_nonnull (db);
      g_object_set_data_full (G_OBJECT (db), "anv-test-conninfo", g_strdup (conninfo), g_free);
      if (server_databases == NULL)
        server_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (server_databases, g_strdup (dir), g_steal_pointer (&conninfo));
      *out_dir = dir;
      return db;
    }

  /* A copy of the one made first, as the owner's own file */
  g_file_get_contents (get_template (), &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (path, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);
  db = anv_schema_open (path, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  *out_dir = dir;
  return db;
}

void
anv_test_close_db (AnvDb **db,
                   char  **dir)
{
  g_clear_object (db);
  if (server_databases != NULL && *dir != NULL)
    {
      const char *conninfo = g_hash_table_lookup (server_databases, *dir);

      if (conninfo != NULL)
        anv_test_server_drop_db (conninfo);
      g_hash_table_remove (server_databases, *dir);
      if (g_hash_table_size (server_databases) == 0)
        g_clear_pointer (&server_databases, g_hash_table_unref);
    }
  anv_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

const char *
anv_test_db_location (AnvDb *db)
{
  const char *conninfo = g_object_get_data (G_OBJECT (db), "anv-test-conninfo");

  return conninfo != NULL ? conninfo : anv_db_get_path (db);
}

void
anv_test_exec_raw (AnvDb      *db,
                   const char *sql)
{
  if (anv_test_on_server ())
    {
      PGconn *conn = PQconnectdb (anv_test_db_location (db));
      PGresult *result;

      if (PQstatus (conn) != CONNECTION_OK)
        g_error ("%s: %s", anv_test_db_location (db), PQerrorMessage (conn));
      result = PQexec (conn, sql);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("%s: %s", sql, PQerrorMessage (conn));
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *handle = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (anv_db_get_path (db), &handle), ==, SQLITE_OK);
      sqlite3_busy_timeout (handle, 5000);
      if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: %s", sql, message);
      sqlite3_close (handle);
    }
}

void
anv_test_drop_login (AnvDb      *db,
                     const char *login)
{
  g_autofree char *sql = g_strdup_printf ("DROP ROLE IF EXISTS \"%s\"", login);

  anv_test_exec_raw (db, sql);
}

void
anv_test_date (GDate *date,
               guint  year,
               guint  month,
               guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

char *
anv_test_write_file (const char *dir,
                     const char *name,
                     const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
anv_test_approve_krom_provider (AnvDb *db)
{
  static const char *const umea[] = { "2480", "2482", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  GDate today, from;

  anv_test_date (&today, 2020, 4, 6);
  anv_test_date (&from, 2020, 3, 30);
  provider = anv_providers_add (db, "202100-2114", "Rusta Norr AB", "2480", &today, &error);
  g_assert_no_error (error);
  g_assert_true (anv_areas_add (db, "Umeåregionen", ANV_SERVICE_KROM, umea, &error));
  g_assert_no_error (error);
  g_assert_true (anv_providers_approve (db, "202100-2114", "Umeåregionen", &from, NULL, &today,
                                        &error));
  g_assert_no_error (error);
}

GPtrArray *
anv_test_load_personnummer (const char *from,
                            const char *before,
                            gboolean    unique,
                            guint       wanted)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "skatteverket_testpersonnummer.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array) && (wanted == 0 || numbers->len < wanted);
       i++)
    {
      const char *number = json_array_get_string_element (array, i);

      if ((from != NULL && strncmp (number, from, strlen (from)) < 0)
          || (before != NULL && strncmp (number, before, strlen (before)) >= 0)
          || (unique && !g_hash_table_add (seen, (gpointer) number)))
        continue;
      g_ptr_array_add (numbers, g_strdup (number));
    }
  if (wanted > 0)
    g_assert_cmpuint (numbers->len, ==, wanted);
  return numbers;
}

gint64
anv_test_query_int (AnvDb      *db,
                    const char *sql,
                    const char *text,
                    gint64      number)
{
  g_autoptr (GError) error = NULL;
  /* The text is its own key: one key, one text. */
  AnvDbStmt *stmt = anv_db_prepare (db, sql, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  if (text != NULL)
    anv_db_bind_text (stmt, 1, text);
  if (strstr (sql, "?2") != NULL)
    anv_db_bind_int64 (stmt, 2, number);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  value = anv_db_column_int64 (stmt, 0);
  anv_db_reset (stmt);
  return value;
}

gint64
anv_test_raw_query_int (sqlite3    *handle,
                        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
anv_test_read_fd (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, (gsize) n);
  close (fd);
  return g_string_free (text, FALSE);
}

void
anv_test_assert_integrity (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt;

  /* The server checks its pages itself; there is no PRAGMA to ask. */
  if (anv_test_on_server ())
    return;
  stmt = anv_db_prepare (db, "test/integrity-check", "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  g_assert_cmpstr (anv_db_column_text (stmt, 0), ==, "ok");
  anv_db_reset (stmt);
}

/* Every count of a summary row, for a message; "?" for an unknown split. */
static const char *
format_row (const AnvSummaryRow *r)
{
  static char text[4][512];
  static guint next;
  const guint counts[] = {
    r->decided_women, r->decided_men, r->started, r->started_women, r->started_men,
    r->ended_job, r->ended_job_women, r->ended_job_men, r->ended_studies,
    r->ended_studies_women, r->ended_studies_men, r->ended_interrupted,
    r->ended_interrupted_women, r->ended_interrupted_men, r->active_end, r->active_women,
    r->active_men, r->participating, r->participating_women, r->participating_men,
    r->waiting, r->waiting_women, r->waiting_men, r->overdue_end, r->ended_before_start,
    r->ended_before_start_women, r->ended_before_start_men,
  };
  char *out = text[next++ % G_N_ELEMENTS (text)];

  out[0] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      char one[16];

      if (counts[i] == ANV_SUMMARY_UNKNOWN)
        g_strlcpy (one, "?", sizeof one);
      else
        g_snprintf (one, sizeof one, "%u", counts[i]);
      if (i > 0)
        g_strlcat (out, "/", 512);
      g_strlcat (out, one, 512);
    }
  return out;
}

void
anv_test_assert_summary_matches_recount (AnvDb      *db,
                                         const char *from,
                                         const char *to,
                                         const char *county)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, county };
  g_autoptr (GArray) kept = anv_summary_read (db, &query, &error);
  g_autoptr (GArray) counted = NULL;

  g_assert_no_error (error);
  counted = anv_summary_recompute (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, counted->len);

  for (guint i = 0; i < kept->len; i++)
    {
      const AnvSummaryRow *a = &g_array_index (kept, AnvSummaryRow, i);
      const AnvSummaryRow *b = &g_array_index (counted, AnvSummaryRow, i);

      if (memcmp (a, b, sizeof *a) != 0)
        g_error ("summary differs at %s %s %s (level %d): kept %s, counted %s",
                 anv_service_code (a->service), a->code, a->month, a->level,
                 format_row (a), format_row (b));
    }
}

void
anv_test_assert_parts_match_recount (AnvDb      *db,
                                     const char *from,
                                     const char *to,
                                     const char *county)
{
  static const AnvSummaryDimension kept[] = {
    ANV_SUMMARY_BY_PROVIDER, ANV_SUMMARY_BY_LEVEL, ANV_SUMMARY_BY_AGE,
  };

  for (guint d = 0; d < G_N_ELEMENTS (kept); d++)
    {
      g_autoptr (GError) error = NULL;
      AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, county, kept[d] };
      g_autoptr (GArray) parts = anv_summary_read_parts (db, &query, &error);
      g_autoptr (GArray) counted = NULL;

      g_assert_no_error (error);
      counted = anv_summary_recompute_parts (db, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (parts->len, ==, counted->len);
      for (guint i = 0; i < parts->len; i++)
        {
          const AnvSummaryPart *a = &g_array_index (parts, AnvSummaryPart, i);
          const AnvSummaryPart *b = &g_array_index (counted, AnvSummaryPart, i);

          g_assert_cmpstr (a->part, ==, b->part);
          if (memcmp (&a->counts, &b->counts, sizeof a->counts) != 0)
            g_error ("breakdown %s differs at part %s, %s %s: kept %s, counted %s",
                     anv_summary_dimension_code (kept[d]), a->part,
                     anv_service_code (a->counts.service), a->counts.month,
                     format_row (&a->counts), format_row (&b->counts));
        }
    }
}

/* Wherever a split is known, its halves add up to its total, and those
 * taking part and those waiting to the active, in every row. With
 * @all_known, no split may be unknown (no retention ran). */
void
anv_test_assert_summary_splits_add_up (AnvDb      *db,
                                       const char *from,
                                       const char *to,
                                       gboolean    all_known)
{
  g_autoptr (GError) error = NULL;
  AnvSummaryQuery query = { from, to, ANV_SERVICE_NONE, NULL };
  g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AnvSummaryRow *r = &g_array_index (rows, AnvSummaryRow, i);
      const struct { guint total, women, men; } counts[] = {
        { r->started, r->started_women, r->started_men },
        { r->ended_job, r->ended_job_women, r->ended_job_men },
        { r->ended_studies, r->ended_studies_women, r->ended_studies_men },
        { r->ended_interrupted, r->ended_interrupted_women, r->ended_interrupted_men },
        { r->ended_before_start, r->ended_before_start_women, r->ended_before_start_men },
        { r->active_end, r->active_women, r->active_men },
        { r->participating, r->participating_women, r->participating_men },
        { r->waiting, r->waiting_women, r->waiting_men },
      };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          gboolean known = counts[c].women != ANV_SUMMARY_UNKNOWN;

          if (all_known || known)
            {
              if (counts[c].women == ANV_SUMMARY_UNKNOWN || counts[c].men == ANV_SUMMARY_UNKNOWN
                  || counts[c].women + counts[c].men != counts[c].total)
                g_error ("split %u does not add up at %s %s %s (level %d): %s", c,
                         anv_service_code (r->service), r->code, r->month, r->level,
                         format_row (r));
            }
          else
            g_assert_cmpuint (counts[c].men, ==, ANV_SUMMARY_UNKNOWN);
        }
      if (r->participating != ANV_SUMMARY_UNKNOWN
          && r->participating + r->waiting != r->active_end)
        g_error ("deltar + väntar is not the active at %s %s %s (level %d): %s",
                 anv_service_code (r->service), r->code, r->month, r->level, format_row (r));
    }
}

gboolean
anv_test_set_immutable (const char *path,
                        gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  int flags = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = immutable ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  close (fd);
  return ok;
}

/* gettext's count of loaded catalogues: a change makes it look again */
extern int _nl_msg_cat_cntr;

void
anv_test_set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  ++_nl_msg_cat_cntr;
}

gboolean
anv_test_masked_group (const AnvPublishMask mask,
                       guint                split)
{
  return mask[split][0] || mask[split][1];
}

/* No suppressed split of a line follows from the line above it (county,
 * national) and the splits shown: in each county, none or two or more of
 * its municipalities have the split suppressed, or the county has it
 * suppressed too; the same for the counties and the national line. */
void
anv_test_assert_nothing_follows (AnvDb          *db,
                                 const GArray   *rows,
                                 AnvPublishMask *masks)
{
  for (guint t = 0; t < rows->len; t++)
    {
      const AnvSummaryRow *total = &g_array_index (rows, AnvSummaryRow, t);

      if (total->level == ANV_SUMMARY_MUNICIPALITY)
        continue;
      for (guint s = 0; s < ANV_PUBLISH_N_SPLITS; s++)
        {
          guint n = 0;

          for (guint i = 0; i < rows->len; i++)
            {
              const AnvSummaryRow *row = &g_array_index (rows, AnvSummaryRow, i);

              if (row->service != total->service || strcmp (row->month, total->month) != 0
                  || !anv_test_masked_group (masks[i], s))
                continue;
              if (total->level == ANV_SUMMARY_COUNTY && row->level == ANV_SUMMARY_MUNICIPALITY
                  && strcmp (anv_municipalities_lookup (db, row->code, NULL)->county_code,
                             total->code) == 0)
                n++;
              if (total->level == ANV_SUMMARY_NATIONAL && row->level == ANV_SUMMARY_COUNTY)
                n++;
            }
          if (n == 1 && !anv_test_masked_group (masks[t], s))
            g_error ("%s %s %s: split %u of one line below follows from it",
                     anv_service_code (total->service), total->month, total->code, s);
        }
    }
}
