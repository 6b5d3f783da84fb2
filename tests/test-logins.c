/* test-logins.c — reads of personal data logged with the login, and a login's password
 *
 * A record opened and a search listed are entries of the audit log that
 * name the one who read (on a file the computer's user, on a server the
 * login); a direct SELECT on a server is in the server's own log, through
 * pgaudit; a login of the group anvisa_password sets its own password with
 * `anvisa-cli password` and is told plainly when the server does not
 * accept one. The server's cases run against the throwaway cluster of
 * ./setup.sh test (ANVISA_TEST_SERVER; the server log's path in
 * ANVISA_TEST_SERVER_LOG) and skip, saying why, without it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "anv-audit.h"
#include "anv-seekers.h"
#include "anv-test-util.h"

#define PNR_ANNA "198501012382"

typedef struct
{
  AnvDb *db;
  char  *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = anv_test_open_db (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anv_test_close_db (&f->db, &f->dir);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* anvisa-cli on @database with @args (NULL-ended), @input on its standard
 * input (not a terminal), and @env's NAME=VALUE pairs (VALUE NULL: unset)
 * over the test's own environment. */
static Result
run_cli (const char          *database,
         const char * const  *args,
         const char          *input,
         const char * const  *env)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  Result r = { 0 };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (env[i + 1] != NULL)
        g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, env[i]);
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("ANVISA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &r.out, &r.err,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

/* The entries of @action, newest first. */
static GPtrArray *
entries_of (AnvDb      *db,
            const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = anv_audit_list (db, NULL, NULL, NULL, 1000, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) anv_audit_entry_free);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      AnvAuditEntry *entry = g_ptr_array_index (all, i);

      if (g_str_equal (entry->action, action))
        g_ptr_array_add (found, g_steal_pointer (&all->pdata[i]));
    }
  return found;
}

static gint64
register_anna (AnvDb *db)
{
  AnvSeekerInput input = { PNR_ANNA, "Anna Åberg", "2480", NULL, FALSE };
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  anv_test_date (&today, 2026, 11, 2);
  seeker = anv_seekers_add (db, &input, &today, &error);
  g_assert_no_error (error);
  return seeker->id;
}

/* On a file: the core's reads and anvisa-cli's, each an entry naming the
 * one who read (the name the database was opened with; anvisa-cli's, the
 * computer's user), how many a search listed and by what, never the text
 * searched for. */
static void
test_reads_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (AnvSeeker) opened = NULL;
  g_autoptr (AnvSeeker) again = NULL;
  g_autoptr (AnvSeeker) got = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) by_number = NULL;
  g_autoptr (GPtrArray) opens = NULL;
  g_autoptr (GPtrArray) searches = NULL;
  g_autoptr (GPtrArray) exports = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (AnvAuditDescription) description = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *csv = NULL;
  const char *path;
  AnvAuditEntry *entry;
  Result r;
  GDate today;

  if (anv_test_on_server ())
    {
      g_test_skip ("about a SQLite file (the server's case is /logins/reads-server)");
      return;
    }
  anv_test_date (&today, 2026, 11, 2);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, register_anna (f->db));

  /* The core's own look-up is no one's read: nothing logged */
  got = anv_seekers_get (f->db, PNR_ANNA, &today, &error);
  g_assert_no_error (error);
  opens = entries_of (f->db, "seeker.open");
  g_assert_cmpuint (opens->len, ==, 0);
  g_clear_pointer (&opens, g_ptr_array_unref);

  /* Opened, and opened again at once (a window showing it anew): one entry */
  opened = anv_seekers_open (f->db, PNR_ANNA, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened->name, ==, "Anna Åberg");
  again = anv_seekers_open_by_id (f->db, opened->id, &error);
  g_assert_no_error (error);
  opens = entries_of (f->db, "seeker.open");
  g_assert_cmpuint (opens->len, ==, 1);
  entry = g_ptr_array_index (opens, 0);
  g_assert_cmpstr (entry->actor, ==, "tester");
  g_assert_cmpstr (entry->entity, ==, "seeker");
  g_assert_cmpstr (entry->entity_id, ==, id);
  description = anv_audit_describe (entry);
  g_assert_cmpstr (description->event, ==, "Job seeker’s record opened");
  g_clear_pointer (&description, anv_audit_description_free);

  /* A search: how many, by what; not the name */
  found = anv_seekers_search (f->db, "åberg", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  none = anv_seekers_search (f->db, "Zelmira", 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  by_number = anv_seekers_search (f->db, "19850101", 0, 10, &error);
  g_assert_no_error (error);
  ids = anv_seekers_search_ids (f->db, "anna", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  searches = entries_of (f->db, "seeker.search");
  /* The list of no one too: it may be a look for someone hidden */
  g_assert_cmpuint (searches->len, ==, 4);
  for (guint i = 0; i < searches->len; i++)
    {
      entry = g_ptr_array_index (searches, i);
      g_assert_cmpstr (entry->actor, ==, "tester");
      g_assert_null (entry->entity_id);
      g_assert_null (strstr (entry->details, "berg"));
      g_assert_null (strstr (entry->details, "nna"));
      g_assert_null (strstr (entry->details, "1985"));
    }
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (searches, 0))->details, ==,
                   "1 listed, by name");
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (searches, 1))->details, ==,
                   "1 listed, by personnummer");
  description = anv_audit_describe (g_ptr_array_index (searches, 1));
  g_assert_cmpstr (description->event, ==, "Job seekers searched for");
  g_assert_cmpstr (description->details, ==, "1 job seeker listed, searched by personnummer");
  g_clear_pointer (&searches, g_ptr_array_unref);

  /* anvisa-cli, as the computer's user: seeker show, referral show,
   * seeker search, and the export, audited already */
  path = anv_test_db_location (f->db);
  csv = g_build_filename (f->dir, "ut.csv", NULL);
  {
    const char *show[] = { "seeker", "show", PNR_ANNA, NULL };
    const char *referrals[] = { "referral", "show", PNR_ANNA, NULL };
    const char *search[] = { "seeker", "search", "Anna", NULL };
    const char *export[] = { "export", "seekers", "--output", csv, NULL };

    r = run_cli (path, show, NULL, NULL);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
    r = run_cli (path, referrals, NULL, NULL);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
    r = run_cli (path, search, NULL, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Anna Åberg"));
    result_clear (&r);
    r = run_cli (path, export, NULL, NULL);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
  }
  g_clear_pointer (&opens, g_ptr_array_unref);
  opens = entries_of (f->db, "seeker.open");
  g_assert_cmpuint (opens->len, ==, 3);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (opens, i))->actor, ==,
                     g_get_user_name ());
  searches = entries_of (f->db, "seeker.search");
  g_assert_cmpuint (searches->len, ==, 5);
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (searches, 0))->actor, ==,
                   g_get_user_name ());
  exports = entries_of (f->db, "export.seekers");
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_cmpstr (((AnvAuditEntry *) g_ptr_array_index (exports, 0))->actor, ==,
                   g_get_user_name ());
}

static gboolean
skip_without_server (void)
{
  if (anv_test_on_server ())
    return FALSE;
  g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
  return TRUE;
}

/* A login of the role handlaggare at the unit Umeå, made as IT would
 * (server init, unit add, user add); dropped with anv_test_drop_login(). */
static char *
add_officer (AnvDb      *db,
             const char *suffix,
             const char *password)
{
  const char *conninfo = anv_test_db_location (db);
  g_autofree char *login = g_strdup_printf ("t%d_%s", (int) getpid (), suffix);
  const char *init[] = { "server", "init", NULL };
  const char *unit[] = { "unit", "add", "Umeå", "--municipalities", "2480", NULL };
  const char *user[] = { "user", "add", login, "--role", "handlaggare", "--unit", "Umeå",
                         password != NULL ? "--password" : NULL, NULL };
  Result r;

  r = run_cli (conninfo, init, NULL, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli (conninfo, unit, NULL, NULL);
  result_clear (&r);
  r = run_cli (conninfo, user, password, NULL);
  if (r.status != 0)
    g_error ("user add %s: %s", login, r.err);
  result_clear (&r);
  return g_steal_pointer (&login);
}

/* On a server, as a handläggare's login: seeker show, referral show,
 * seeker search and an export each leave an entry naming the login. */
static void
test_reads_server (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *login = NULL;
  g_autofree char *as = NULL;
  g_autofree char *csv = NULL;
  const char *actions[] = { "seeker.open", "seeker.search", "export.seekers" };
  const guint expected[] = { 2, 1, 1 };

  if (skip_without_server ())
    return;
  register_anna (f->db);
  login = add_officer (f->db, "reader", NULL);
  as = g_strconcat (anv_test_db_location (f->db), " user=", login, NULL);
  csv = g_build_filename (f->dir, "ut.csv", NULL);
  {
    const char *show[] = { "seeker", "show", PNR_ANNA, NULL };
    const char *referrals[] = { "referral", "show", PNR_ANNA, NULL };
    const char *search[] = { "seeker", "search", "Åberg", NULL };
    const char *export[] = { "export", "seekers", "--output", csv, NULL };
    const char **commands[] = { show, referrals, search, export };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        Result r = run_cli (as, commands[i], NULL, NULL);

        if (r.status != 0)
          g_error ("%s %s: %s", commands[i][0], commands[i][1], r.err);
        result_clear (&r);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE action = "
                                              "'%s' AND actor = ?1", actions[i]);

      g_assert_cmpint (anv_test_query_int (f->db, sql, login, 0), ==, expected[i]);
    }
  /* And not the name searched for */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log "
                                       "WHERE details LIKE '%berg%'", NULL, 0), ==, 0);
  anv_test_drop_login (f->db, login);
}

/* The server's log as text, or NULL when this process may not read it. */
static char *
read_server_log (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The line of @log that holds all of @words, or NULL. */
static char *
find_line (const char         *log,
           const char * const *words)
{
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = TRUE;

      for (guint j = 0; words[j] != NULL && all; j++)
        all = strstr (lines[i], words[j]) != NULL;
      if (all)
        return g_strdup (lines[i]);
    }
  return NULL;
}

/* A direct SELECT on the personal tables, as a handläggare's login with
 * psql would run it, is in the server's log with that login: pgaudit's
 * object audit, as README.md ("Who read what") sets it up. */
static void
test_pgaudit (Fixture       *f,
              gconstpointer  data)
{
  const char *log_path = g_getenv ("ANVISA_TEST_SERVER_LOG");
  g_autofree char *log = NULL;
  g_autofree char *role = NULL;
  g_autofree char *grant = NULL;
  g_autofree char *login = NULL;
  g_autofree char *as = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *select = NULL;
  g_autofree char *state = NULL;
  g_autofree char *line = NULL;
  g_autofree char *who = NULL;
  PGconn *pg;
  PGresult *result;

  if (skip_without_server ())
    return;
  if (log_path == NULL || *log_path == '\0')
    {
      g_test_skip ("needs the server's log (ANVISA_TEST_SERVER_LOG; ./setup.sh test sets it)");
      return;
    }
  log = read_server_log (log_path);
  if (log == NULL)
    {
      g_test_skip ("this process may not read the server's log (ANVISA_TEST_SERVER_LOG)");
      return;
    }
  g_clear_pointer (&log, g_free);

  /* pgaudit's setting exists only when the server loaded it */
  pg = anv_test_connect_as (anv_test_db_location (f->db));
  result = PQexec (pg, "SHOW pgaudit.role");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && *PQgetvalue (result, 0, 0) != '\0')
    role = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (pg);
  if (role == NULL)
    {
      g_test_skip ("the server has not loaded pgaudit with a pgaudit.role "
                   "(shared_preload_libraries; ./setup.sh test sets it)");
      return;
    }

  /* A fixture: server init grants the auditor role the personal tables;
   * here the database's owner grants it, so that this test needs only the
   * server as README.md describes it. */
  grant = g_strdup_printf ("GRANT SELECT ON seeker, referral TO \"%s\"", role);
  anv_test_exec_raw (f->db, grant);

  register_anna (f->db);
  login = add_officer (f->db, "psql", NULL);
  as = g_strconcat (anv_test_db_location (f->db), " user=", login, NULL);
  marker = g_strdup_printf ("read-log-%d-%08x", (int) getpid (), g_random_int ());
  select = g_strdup_printf ("SELECT name FROM seeker /* %s */", marker);
  state = anv_test_run_as (as, select);
  g_assert_cmpstr (state, ==, "");

  /* The server writes the line as it runs the statement; the file may lag
   * the connection's end by a moment. */
  who = g_strconcat (login, "@", NULL);
  for (guint tries = 0; tries < 100 && line == NULL; tries++)
    {
      const char *words[] = { "AUDIT: OBJECT", "READ", "public.seeker", marker, who, NULL };

      if (tries > 0)
        g_usleep (100 * 1000);
      log = read_server_log (log_path);
      g_assert_nonnull (log);
      line = find_line (log, words);
      g_clear_pointer (&log, g_free);
    }
  if (line == NULL)
    g_error ("no AUDIT line naming %s for %s in %s", login, marker, log_path);
  g_test_message ("%s", line);
  anv_test_drop_login (f->db, login);
}

/* Whether the server lets @conninfo's login in without a password. */
static gboolean
connects_without_password (const char *conninfo)
{
  PGconn *pg = PQconnectdb (conninfo);
  gboolean ok = PQstatus (pg) == CONNECTION_OK;

  PQfinish (pg);
  return ok;
}

/* A login of the group anvisa_password (which the server's pg_hba.conf
 * asks for a SCRAM password on the socket, as ./setup.sh sets it up): IT
 * gives it a first password with user add --password, the person sets
 * their own with anvisa-cli password and connects with it (PGPASSWORD, then
 * ~/.pgpass); a wrong one is told plainly, in the person's language. */
static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  const char *first = "Första lösenordet 26\n";
  const char *own = "Mitt eget lösenord, 2026";
  g_autofree char *own_line = g_strconcat (own, "\n", NULL);
  g_autofree char *login = NULL;
  g_autofree char *as = NULL;
  g_autofree char *home = NULL;
  g_autofree char *pgpass = NULL;
  g_autofree char *pgpass_text = NULL;
  g_autofree char *grant = NULL;
  g_autofree char *expected = NULL;
  const char *log_path = g_getenv ("ANVISA_TEST_SERVER_LOG");
  const char *list[] = { "unit", "list", NULL };
  const char *password[] = { "password", NULL };
  Result r;

  if (skip_without_server ())
    return;
  if (anv_test_query_int (f->db, "SELECT count (*) FROM pg_catalog.pg_roles "
                          "WHERE rolname = 'anvisa_password'", NULL, 0) == 0)
    {
      g_test_skip ("the server has no group anvisa_password (./setup.sh test makes it)");
      return;
    }

  /* A home of its own: no ~/.pgpass but the test's */
  home = g_build_filename (f->dir, "home", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  login = add_officer (f->db, "pw", first);
  grant = g_strdup_printf ("GRANT anvisa_password TO \"%s\"", login);
  anv_test_exec_raw (f->db, grant);
  as = g_strconcat (anv_test_db_location (f->db), " user=", login, NULL);
  if (connects_without_password (as))
    {
      anv_test_drop_login (f->db, login);
      g_test_skip ("the server's pg_hba.conf lets the group anvisa_password in without a "
                   "password (./setup.sh test asks it for one)");
      return;
    }

  {
    const char *none[] = { "HOME", home, "PGPASSWORD", NULL, "PGPASSFILE", NULL, NULL };
    const char *first_env[] = { "HOME", home, "PGPASSWORD", "Första lösenordet 26",
                                "PGPASSFILE", NULL, NULL };
    const char *own_env[] = { "HOME", home, "PGPASSWORD", own, "PGPASSFILE", NULL, NULL };
    const char *wrong_sv[] = { "HOME", home, "PGPASSWORD", "Första lösenordet 26",
                               "PGPASSFILE", NULL, "LANGUAGE", "sv",
                               NULL };

    /* No password: the server asks for one */
    r = run_cli (as, list, NULL, none);
    g_assert_cmpint (r.status, ==, 1);
    g_test_message ("%s", r.err);
    expected = g_strdup_printf ("The server asks %s for a password", login);
    g_assert_nonnull (strstr (r.err, expected));
    g_clear_pointer (&expected, g_free);
    result_clear (&r);

    /* Too short, then the person's own */
    r = run_cli (as, password, "kort\n", first_env);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "too short"));
    result_clear (&r);
    /* ten spaces are no password */
    r = run_cli (as, password, "          \n", first_env);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "too short"));
    result_clear (&r);
    r = run_cli (as, password, own_line, first_env);
    if (r.status != 0)
      g_error ("anvisa-cli password: %s", r.err);
    g_assert_nonnull (strstr (r.out, "is changed"));
    result_clear (&r);

    r = run_cli (as, list, NULL, own_env);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);

    /* The first one no longer: said plainly, not as the server says it */
    r = run_cli (as, list, NULL, first_env);
    g_assert_cmpint (r.status, ==, 1);
    g_test_message ("%s", r.err);
    expected = g_strdup_printf ("The server did not accept the password for %s. Check it",
                                login);
    g_assert_nonnull (strstr (r.err, expected));
    g_clear_pointer (&expected, g_free);
    g_assert_null (strstr (r.err, "authentication failed"));
    g_assert_null (strstr (r.err, "FATAL"));
    result_clear (&r);
    r = run_cli (as, list, NULL, wrong_sv);
    g_assert_cmpint (r.status, ==, 1);
    g_test_message ("%s", r.err);
    expected = g_strdup_printf ("Servern godtog inte lösenordet för %s.", login);
    g_assert_nonnull (strstr (r.err, expected));
    g_clear_pointer (&expected, g_free);
    result_clear (&r);

    /* From ~/.pgpass, as a person keeps it */
    pgpass = g_build_filename (home, ".pgpass", NULL);
    pgpass_text = g_strdup_printf ("*:*:*:%s:%s\n", login, own);
    g_assert_true (g_file_set_contents_full (pgpass, pgpass_text, -1,
                                             G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    r = run_cli (as, list, NULL, none);
    if (r.status != 0)
      g_error ("with ~/.pgpass: %s", r.err);
    result_clear (&r);
  }

  /* In the audit log under the login; and the password, hashed before it
   * left, is nowhere in the server's log */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = "
                                       "'user.password' AND actor = ?1 AND entity_id = ?1",
                                       login, 0), ==, 1);
  if (log_path != NULL)
    {
      g_autofree char *log = read_server_log (log_path);

      if (log != NULL)
        {
          g_assert_null (strstr (log, own));
          g_assert_null (strstr (log, "Första lösenordet"));
        }
    }
  anv_test_drop_login (f->db, login);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/logins/reads-file", Fixture, NULL, fixture_set_up, test_reads_file,
              fixture_tear_down);
  g_test_add ("/logins/reads-server", Fixture, NULL, fixture_set_up, test_reads_server,
              fixture_tear_down);
  g_test_add ("/logins/pgaudit", Fixture, NULL, fixture_set_up, test_pgaudit,
              fixture_tear_down);
  g_test_add ("/logins/password", Fixture, NULL, fixture_set_up, test_password,
              fixture_tear_down);

  return g_test_run ();
}
