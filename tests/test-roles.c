/* test-roles.c — the five roles on a server: what each login may do, by the table
 *
 * For each role, a login made with `anvisa-cli user add`, then direct SQL
 * through libpq and anvisa-cli as that login, each allowed or refused as
 * the table below says (HACKING.md, "Roles on the server"). Runs against
 * the throwaway cluster of ./setup.sh test (ANVISA_TEST_SERVER), whose
 * login may create roles; without a server only the file's refusal runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "anv-db-private.h"
#include "anv-staff.h"
#include "anv-test-util.h"

/* Columns of the table: the roles in AnvRole's order. */
#define H 1   /* allowed to handlaggare */
#define C 2   /* … chef */
#define A 4   /* … analytiker */
#define S 8   /* … skyddade */
#define M 16  /* … administrator */
#define ALL (H | C | A | S | M)
#define NONE 0

/* @SEEKER_ID and @LOGIN in the statements stand for the fixture's job
 * seeker and the login running them. Writes run in a transaction rolled
 * back, so that each role finds the database as the last left it. */
typedef struct
{
  const char *what;
  const char *sql;
  guint       allowed;
} Operation;

static const Operation operations[] = {
  { "read job seekers", "SELECT count (*) FROM seeker", H | C | S },
  { "change a job seeker",
    "BEGIN; UPDATE seeker SET name = name || 'x' WHERE id = @SEEKER_ID; ROLLBACK", H | C | S },
  { "register a job seeker directly",
    "BEGIN; INSERT INTO seeker (personnummer, name, municipality_code, registered_on, "
    "registered_by) VALUES ('191212121212', 'Tolvan', '2480', '2026-11-02', 'x'); ROLLBACK",
    H | C | S },
  { "decide a referral directly",
    "BEGIN; INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female, "
    "decided_on, planned_start, decided_by) VALUES (@SEEKER_ID, 'KROM', 'A', 'own', '2480', 1, "
    "'2026-11-02', '2026-11-09', 'x'); ROLLBACK", H | C | S },
  { "decide a referral for another unit's job seeker",
    "BEGIN; INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female, "
    "decided_on, planned_start, decided_by) VALUES (@OTHER_ID, 'KROM', 'A', 'own', '0180', 1, "
    "'2026-11-02', '2026-11-09', 'x'); ROLLBACK", NONE },
  { "delete a job seeker", "BEGIN; DELETE FROM seeker; ROLLBACK", NONE },
  { "read the summary", "SELECT count (*) FROM summary", H | C | A | S },
  { "read the breakdowns", "SELECT count (*) FROM summary_part", H | C | A | S },
  { "read what was published", "SELECT count (*) FROM published_summary", ALL & ~M },
  { "record a revision of a closed month",
    "BEGIN; INSERT INTO summary_revision (month, service, municipality_code, column_name) "
    "VALUES ('2019-01', 'KROM', '2480', 'started'); ROLLBACK", H | C | S },
  { "close a month directly",
    "BEGIN; INSERT INTO published_month (month, closed_by) VALUES ('2019-02', 'x'); ROLLBACK",
    C },
  { "read the reference data", "SELECT count (*) FROM municipality", ALL },
  { "read the providers", "SELECT count (*) FROM provider", ALL },
  { "register a provider directly",
    "BEGIN; INSERT INTO provider (orgnr, name, municipality_code, registered_on, "
    "registered_by) VALUES ('5560360793', 'Matcha AB', '2480', '2026-11-02', 'x'); ROLLBACK",
    M },
  { "read the audit log", "SELECT actor, details FROM audit_log", C | M },
  { "append to the audit log",
    "INSERT INTO audit_log (actor, action, entity) VALUES ('somebody-else', 'test', 'role')",
    ALL },
  { "change the audit log", "UPDATE audit_log SET details = 'x'", NONE },
  { "delete from the audit log", "DELETE FROM audit_log", NONE },
  { "empty the audit log", "TRUNCATE audit_log", NONE },
  { "read the staff", "SELECT count (*) FROM staff", C | M },
  { "add to the staff directly",
    "BEGIN; INSERT INTO staff (login, role, created_by) VALUES ('nobody', 'chef', 'x'); "
    "ROLLBACK", M },
  { "read the row changes", "SELECT count (*) FROM row_change", C | M },
  { "record a row change directly",
    "INSERT INTO row_change (table_name, operation, row_ids) VALUES ('seeker', 'UPDATE', '{1}')",
    NONE },
  { "delete the row changes", "BEGIN; DELETE FROM row_change; ROLLBACK", NONE },
  { "list the changes made outside Anvisa", "SELECT count (*) FROM anvisa_changes_outside ()",
    C | M },
  { "make themselves a login", "CREATE ROLE @LOGIN_other LOGIN", NONE },
  { "join another role", "GRANT anvisa_chef TO @LOGIN", NONE },
  { "set their own password",
    "ALTER ROLE CURRENT_USER PASSWORD 'Ett långt lösenord 2026'", ALL },
};

/* anvisa-cli as the login: the same table for what Anvisa offers. */
typedef struct
{
  const char *what;
  const char *args[8];
  guint       allowed;
} Command;

static const Command commands[] = {
  { "seeker add", { "seeker", "add", "--personnummer", "@PNR", "--name", "Prov Person",
                    "--municipality", "2480" }, H | C | S },
  { "summary", { "summary", "--from", "2026-01", "--to", "2026-11" }, H | C | A | S },
  { "unit list", { "unit", "list" }, ALL },
  { "user list", { "user", "list" }, C | M },
  { "user add", { "user", "add", "@LOGIN_new", "--role", "handlaggare" }, NONE },
  { "referral show", { "referral", "show", "@PNR_KNOWN" }, H | C | S },
  { "worklist", { "worklist" }, H | C | S },
  { "export seekers", { "export", "seekers", "--output", "@FILE" }, H | C | S },
  { "audit", { "audit" }, C | M },
  { "provider add", { "provider", "add", "--orgnr", "202100-2114", "--name", "Rusta Norr AB",
                      "--municipality", "2480" }, M },
  { "area add", { "area", "add", "@LOGIN_area", "--service", "KROM", "--municipalities",
                  "2480" }, M },
};

typedef struct
{
  AnvDb     *db;
  char      *dir;
  GPtrArray *numbers;
  guint      next;
  const char *known;    /* the job seeker the fixture registered */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!anv_test_on_server ())
    return;
  f->db = anv_test_open_db (&f->dir);
  f->numbers = anv_test_load_personnummer ("1960", "1990", TRUE, 0);
  f->next = 0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->db != NULL)
    anv_test_close_db (&f->db, &f->dir);
  g_clear_pointer (&f->numbers, g_ptr_array_unref);
}

/* The one number @sql gives as the login @conninfo names. */
static gint64
count_as (const char *conninfo,
          const char *sql)
{
  PGconn *pg = anv_test_connect_as (conninfo);
  PGresult *result = PQexec (pg, sql);
  gint64 n;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (pg));
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (pg);
  return n;
}

/* The rows @sql changed as the login @conninfo names. */
static gint64
changed_as (const char *conninfo,
            const char *sql)
{
  PGconn *pg = anv_test_connect_as (conninfo);
  PGresult *result = PQexec (pg, sql);
  gint64 n;

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (pg));
  n = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);
  PQfinish (pg);
  return n;
}

/* @text with every @key replaced by @value. */
static char *
replace (const char *text,
         const char *key,
         const char *value)
{
  g_auto (GStrv) parts = g_strsplit (text, key, -1);

  return g_strjoinv (value, parts);
}

/* Runs anvisa-cli on @database with @args (NULL-ended); returns its exit
 * status, its output in @out and @err. */
static int
run_cli (const char  *database,
         const char **args,
         char       **out,
         char       **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ANVISA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Every role against every operation of the table. */
static void
test_role_table (Fixture       *f,
                 gconstpointer  data)
{
  const char *conninfo;
  g_autofree char *seeker_id = NULL;
  g_autofree char *add_seeker = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *add_other = NULL;
  char *logins[ANV_N_ROLES] = { NULL };
  const char *unit_args[] = { "unit", "add", "Umeå", "--municipalities", "2480,2460", NULL };
  const char *init_args[] = { "server", "init", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint checked = 0;

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  conninfo = anv_test_db_location (f->db);

  f->known = g_ptr_array_index (f->numbers, f->next++);
  add_seeker = g_strdup_printf ("INSERT INTO seeker (personnummer, name, municipality_code, "
                                "registered_on, registered_by) VALUES ('%s', 'Prov Person', "
                                "'2480', '2026-11-02', 'tester')", f->known);
  anv_test_exec_raw (f->db, add_seeker);
  anv_test_exec_raw (f->db, "INSERT INTO published_month (month, closed_by) "
                            "VALUES ('2019-01', 'tester')");
  seeker_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                               anv_test_query_int (f->db, "SELECT max (id) FROM seeker",
                                                   NULL, 0));
  /* And one in Stockholm, outside the unit Umeå. */
  add_other = g_strdup_printf ("INSERT INTO seeker (personnummer, name, municipality_code, "
                               "registered_on, registered_by) VALUES ('%s', 'Annan Person', "
                               "'0180', '2026-11-02', 'tester')",
                               (const char *) g_ptr_array_index (f->numbers, f->next++));
  anv_test_exec_raw (f->db, add_other);
  other_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                              anv_test_query_int (f->db, "SELECT max (id) FROM seeker",
                                                  NULL, 0));

  /* server init grants again what the migration granted, as it would
   * after a later step's tables or groups IT made by hand: the table
   * below holds after it too. */
  g_assert_cmpint (run_cli (conninfo, init_args, &out, &err), ==, 0);
  g_assert_null (strstr (out, "missing"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (conninfo, unit_args, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The logins, made as an office's IT would: with user add. Unique on
   * the server (its roles are everyone's), dropped at the end. */
  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      const char *args[] = { "user", "add", NULL, "--role", anv_role_code (r), "--unit", "Umeå",
                             NULL };

      logins[r] = g_strdup_printf ("t%d_%s", (int) getpid (), anv_role_code (r));
      args[2] = logins[r];
      if (run_cli (conninfo, args, &out, &err) != 0)
        g_error ("user add %s: %s", logins[r], err);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM staff WHERE unit_id IS "
                                       "NOT NULL AND disabled = 0", NULL, 0), ==, ANV_N_ROLES);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE action = "
                                       "'user.add' AND actor = 'tester'", NULL, 0),
                   ==, ANV_N_ROLES);

  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      g_autofree char *as = g_strconcat (conninfo, " user=", logins[r], NULL);

      for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
        {
          const Operation *op = &operations[i];
          gboolean allowed = (op->allowed & (1u << r)) != 0;
          g_autofree char *with_other = replace (op->sql, "@OTHER_ID", other_id);
          g_autofree char *with_id = replace (with_other, "@SEEKER_ID", seeker_id);
          g_autofree char *sql = replace (with_id, "@LOGIN", logins[r]);
          g_autofree char *state = anv_test_run_as (as, sql);

          g_test_message ("%s: %s: %s", anv_role_code (r), op->what,
                          *state == '\0' ? "allowed" : state);
          if (allowed && *state != '\0')
            g_error ("%s may %s, but the server said %s", anv_role_code (r), op->what, state);
          /* 42501: insufficient privilege (also "must be owner", "permission
           * denied to create role"). */
          if (!allowed && strcmp (state, "42501") != 0)
            g_error ("%s may not %s, but the server said %s", anv_role_code (r), op->what,
                     *state == '\0' ? "yes" : state);
          checked++;
        }

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          const Command *command = &commands[i];
          gboolean allowed = (command->allowed & (1u << r)) != 0;
          g_autofree char *new_login = g_strconcat (logins[r], "_new", NULL);
          g_autofree char *area = g_strconcat (logins[r], "_area", NULL);
          g_autofree char *file = g_build_filename (f->dir, logins[r], NULL);
          const char *args[G_N_ELEMENTS (command->args) + 1] = { NULL };
          int status;

          for (guint j = 0; j < G_N_ELEMENTS (command->args) && command->args[j] != NULL; j++)
            {
              const char *arg = command->args[j];

              if (strcmp (arg, "@PNR") == 0)
                arg = g_ptr_array_index (f->numbers, f->next++);
              else if (strcmp (arg, "@PNR_KNOWN") == 0)
                arg = f->known;
              else if (strcmp (arg, "@LOGIN_new") == 0)
                arg = new_login;
              else if (strcmp (arg, "@LOGIN_area") == 0)
                arg = area;
              else if (strcmp (arg, "@FILE") == 0)
                arg = file;
              args[j] = arg;
            }
          status = run_cli (as, args, &out, &err);
          g_test_message ("%s: anvisa-cli %s: %d %s", anv_role_code (r), command->what, status,
                          err);
          if (allowed && status != 0)
            g_error ("%s may run %s, but: %s", anv_role_code (r), command->what, err);
          if (!allowed)
            {
              g_assert_cmpint (status, ==, 1);
              /* In words, never the server's message. */
              g_assert_null (strstr (err, "permission denied"));
              g_assert_true (strstr (err, "may not do this") != NULL
                             || strstr (err, "Only an administrator") != NULL);
            }
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          anv_test_drop_login (f->db, new_login);
          checked++;
        }

      /* Whatever the entry claims, it names the login that wrote it. */
      g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log WHERE action "
                                           "= 'test' AND actor = ?1", logins[r], 0), ==, 1);
    }
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM audit_log "
                                       "WHERE actor = 'somebody-else'", NULL, 0), ==, 0);
  g_test_message ("%u checks of %d roles", checked, ANV_N_ROLES);

  /* Row-level security by unit: an officer of Umeå sees no job seeker of
   * Stockholm, nor can change one; one without a unit sees them all. */
  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      g_autofree char *as = g_strconcat (conninfo, " user=", logins[r], NULL);
      g_autofree char *update = g_strdup_printf ("UPDATE seeker SET name = name WHERE id = %s",
                                                 other_id);

      if (r == ANV_ROLE_ANALYTIKER || r == ANV_ROLE_ADMINISTRATOR)
        continue;
      g_assert_cmpint (count_as (as, "SELECT count (*) FROM seeker WHERE municipality_code "
                                 "= '0180'"), ==, 0);
      g_assert_cmpint (count_as (as, "SELECT count (*) FROM seeker WHERE municipality_code "
                                 "= '2480'"), >, 0);
      g_assert_cmpint (changed_as (as, update), ==, 0);
    }
  {
    const char *args[] = { "user", "add", NULL, "--role", "handlaggare", NULL };
    g_autofree char *country = g_strdup_printf ("t%d_country", (int) getpid ());
    g_autofree char *as = g_strconcat (conninfo, " user=", country, NULL);
    g_autofree char *officer = g_strconcat (conninfo, " user=officer", NULL);

    args[2] = country;
    g_assert_cmpint (run_cli (conninfo, args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (count_as (as, "SELECT count (*) FROM seeker WHERE municipality_code "
                               "= '0180'"), ==, 1);
    /* The group of the time before roles still reaches every row. */
    g_assert_cmpint (count_as (officer, "SELECT count (*) FROM seeker "
                               "WHERE municipality_code = '0180'"), ==, 1);
    anv_test_drop_login (f->db, country);
  }

  /* A disabled login is refused by the server itself. */
  {
    const char *args[] = { "user", "disable", logins[ANV_ROLE_HANDLAGGARE], NULL };
    g_autofree char *as = g_strconcat (conninfo, " user=", logins[ANV_ROLE_HANDLAGGARE], NULL);
    PGconn *pg;

    g_assert_cmpint (run_cli (conninfo, args, &out, &err), ==, 0);
    pg = PQconnectdb (as);
    g_assert_cmpint (PQstatus (pg), ==, CONNECTION_BAD);
    g_assert_nonnull (strstr (PQerrorMessage (pg), "not permitted to log in"));
    PQfinish (pg);
    /* and Anvisa says so in words, not as a wrong address */
    {
      const char *list[] = { "unit", "list", NULL };
      g_autofree char *list_out = NULL;
      g_autofree char *list_err = NULL;

      g_assert_cmpint (run_cli (as, list, &list_out, &list_err), ==, 1);
      g_assert_nonnull (strstr (list_err, "is disabled"));
      g_assert_null (strstr (list_err, "address"));
    }
    g_assert_cmpint (anv_test_query_int (f->db, "SELECT disabled FROM staff WHERE login = ?1",
                                         logins[ANV_ROLE_HANDLAGGARE], 0), ==, 1);
  }

  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      anv_test_drop_login (f->db, logins[r]);
      g_free (logins[r]);
    }
}

/* Unit Umeå and one login per role in @roles (bits as in the table) made
 * with user add, named t<pid>_<role>; returns the logins (NULL where not
 * made), which drop_logins() drops. */
static char **
make_logins (Fixture *f,
             guint    roles)
{
  const char *conninfo = anv_test_db_location (f->db);
  const char *unit_args[] = { "unit", "add", "Umeå", "--municipalities", "2480,2460", NULL };
  char **logins = g_new0 (char *, ANV_N_ROLES + 1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (conninfo, unit_args, &out, &err), ==, 0);
  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      const char *args[] = { "user", "add", NULL, "--role", anv_role_code (r), "--unit", "Umeå",
                             NULL };

      if ((roles & (1u << r)) == 0)
        continue;
      logins[r] = g_strdup_printf ("t%d_%s", (int) getpid (), anv_role_code (r));
      args[2] = logins[r];
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      if (run_cli (conninfo, args, &out, &err) != 0)
        g_error ("user add %s: %s", logins[r], err);
    }
  return logins;
}

static void
drop_logins (Fixture  *f,
             char    **logins)
{
  for (guint r = 0; r < ANV_N_ROLES; r++)
    {
      if (logins[r] != NULL)
        anv_test_drop_login (f->db, logins[r]);
      g_free (logins[r]);
    }
  g_free (logins);
}

/* anvisa-cli as @login with @args; asserts its exit status is @expected
 * and returns its output (and its errors in @err, when given). */
static char *
cli_as (Fixture     *f,
        const char  *login,
        const char **args,
        int          expected,
        char       **err)
{
  g_autofree char *as = g_strconcat (anv_test_db_location (f->db), " user=", login, NULL);
  g_autofree char *errors = NULL;
  char *out = NULL;
  int status = run_cli (as, args, &out, &errors);

  if (status != expected)
    g_error ("anvisa-cli %s %s as %s: %d: %s%s", args[0], args[1], login, status, out, errors);
  if (err != NULL)
    *err = g_steal_pointer (&errors);
  return out;
}

/* A protected person exists only for skyddade: a handläggare of the same
 * unit finds them neither by name nor by number, nor in the work list or
 * an export, nor with direct SQL, and gets a neutral message on
 * registering the same number; the summary still counts them. */
static void
test_protected (Fixture       *f,
                gconstpointer  data)
{
  char **logins;
  const char *officer, *cleared;
  const char *hidden, *open;
  g_autofree char *masked = NULL;
  g_autofree char *open_masked = NULL;
  g_autofree char *as_officer = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *referral_sql = NULL;
  g_autofree char *export_file = g_build_filename (f->dir, "seekers.csv", NULL);

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  anv_test_approve_krom_provider (f->db);
  logins = make_logins (f, H | S | A);
  officer = logins[ANV_ROLE_HANDLAGGARE];
  cleared = logins[ANV_ROLE_SKYDDADE];
  as_officer = g_strconcat (anv_test_db_location (f->db), " user=", officer, NULL);
  hidden = g_ptr_array_index (f->numbers, f->next++);
  /* Born on another day: the lists show only the date of birth. */
  do
    open = g_ptr_array_index (f->numbers, f->next++);
  while (strncmp (open, hidden, 8) == 0);
  masked = g_strndup (hidden, 8);
  open_masked = g_strndup (open, 8);

  /* The cleared officer registers and refers the protected person, the
   * other officer someone of the same unit. */
  {
    const char *add[] = { "seeker", "add", "--personnummer", hidden, "--name", "Hemlig Hansson",
                          "--municipality", "2480", "--protected", NULL };
    const char *refer[] = { "refer", hidden, "--level", "A", "--provider", "202100-2114",
                            "--decided", "2026-11-02", NULL };
    const char *add_open[] = { "seeker", "add", "--personnummer", open, "--name",
                               "Öppen Olsson", "--municipality", "2480", NULL };
    const char *refer_open[] = { "refer", open, "--level", "B", "--provider", "202100-2114",
                                 "--decided", "2026-11-03", NULL };

    g_free (cli_as (f, cleared, add, 0, NULL));
    g_free (cli_as (f, cleared, refer, 0, NULL));
    g_free (cli_as (f, officer, add_open, 0, NULL));
    g_free (cli_as (f, officer, refer_open, 0, NULL));
  }

  /* skyddade finds them by name and by number, and in the work list. */
  {
    const char *by_name[] = { "seeker", "search", "Hansson", NULL };
    const char *by_number[] = { "seeker", "search", hidden, NULL };
    const char *show[] = { "referral", "show", hidden, NULL };
    const char *worklist[] = { "worklist", "--date", "2027-01-15", "--format", "csv", NULL };
    g_autofree char *name_out = cli_as (f, cleared, by_name, 0, NULL);
    g_autofree char *number_out = cli_as (f, cleared, by_number, 0, NULL);
    g_autofree char *show_out = cli_as (f, cleared, show, 0, NULL);
    g_autofree char *list_out = cli_as (f, cleared, worklist, 0, NULL);

    g_assert_nonnull (strstr (name_out, masked));
    g_assert_nonnull (strstr (number_out, masked));
    g_assert_nonnull (strstr (show_out, "KROM"));
    g_assert_nonnull (strstr (list_out, masked));
    g_assert_nonnull (strstr (list_out, open_masked));
  }

  /* The handläggare of the same unit finds nothing of them. */
  {
    const char *by_name[] = { "seeker", "search", "Hansson", NULL };
    const char *by_number[] = { "seeker", "search", hidden, NULL };
    const char *show[] = { "seeker", "show", hidden, NULL };
    const char *worklist[] = { "worklist", "--date", "2027-01-15", "--format", "csv", NULL };
    const char *export[] = { "export", "seekers", "--output", export_file, NULL };
    const char *add[] = { "seeker", "add", "--personnummer", hidden, "--name", "Hemlig Hansson",
                          "--municipality", "2480", NULL };
    g_autofree char *name_out = cli_as (f, officer, by_name, 0, NULL);
    g_autofree char *number_out = cli_as (f, officer, by_number, 0, NULL);
    g_autofree char *show_out = cli_as (f, officer, show, 1, NULL);
    g_autofree char *list_out = cli_as (f, officer, worklist, 0, NULL);
    g_autofree char *export_out = cli_as (f, officer, export, 0, NULL);
    g_autofree char *exported = NULL;
    g_autofree char *add_err = NULL;
    g_autofree char *add_out = cli_as (f, officer, add, 1, &add_err);

    g_assert_null (strstr (name_out, masked));
    g_assert_null (strstr (number_out, masked));
    g_assert_null (strstr (list_out, masked));
    g_assert_nonnull (strstr (list_out, open_masked));
    /* Not even that a row was left out. */
    g_assert_null (strstr (export_out, "protected"));
    g_assert_true (g_file_get_contents (export_file, &exported, NULL, NULL));
    g_assert_null (strstr (exported, masked));
    g_assert_nonnull (strstr (exported, "Öppen Olsson"));
    /* Neutral: neither why nor where. */
    g_test_message ("%s", add_err);
    g_assert_nonnull (strstr (add_err, "cannot be registered here"));
    g_assert_null (strstr (add_err, "protected"));
    g_assert_null (strstr (add_err, "Umeå"));
  }

  /* Nor with direct SQL, the person or their referral. */
  count_sql = g_strdup_printf ("SELECT count (*) FROM seeker WHERE personnummer = '%s'", hidden);
  referral_sql = g_strdup_printf ("SELECT count (*) FROM referral r JOIN seeker s ON s.id = "
                                  "r.seeker_id WHERE s.personnummer = '%s'", hidden);
  g_assert_cmpint (count_as (as_officer, count_sql), ==, 0);
  g_assert_cmpint (count_as (as_officer, "SELECT count (*) FROM referral"), ==, 1);
  /* The name search's look-up through the index, which runs as the owner,
   * answers with the policy's rows only. */
  g_assert_cmpint (count_as (as_officer, "SELECT count (*) FROM anvisa_seekers_named ('Hansson')"),
                   ==, 0);
  g_assert_cmpint (count_as (as_officer, "SELECT count (*) FROM anvisa_seekers_named ('Olsson')"),
                   ==, 1);
  {
    g_autofree char *as_cleared = g_strconcat (anv_test_db_location (f->db), " user=", cleared,
                                               NULL);
    g_autofree char *legacy = g_strconcat (anv_test_db_location (f->db), " user=officer", NULL);

    g_assert_cmpint (count_as (as_cleared, count_sql), ==, 1);
    g_assert_cmpint (count_as (as_cleared, referral_sql), ==, 1);
    g_assert_cmpint (count_as (as_cleared,
                               "SELECT count (*) FROM anvisa_seekers_named ('Hansson')"), ==, 1);
    /* The group of the time before roles sees them, as it saw every row. */
    g_assert_cmpint (count_as (legacy, count_sql), ==, 1);
    /* Their referral's history too: the provider of each referral. */
    g_assert_cmpint (count_as (as_cleared, "SELECT count (*) FROM referral_provider"), ==, 2);
    g_assert_cmpint (count_as (as_officer, "SELECT count (*) FROM referral_provider"), ==, 1);
  }

  /* The summary counts both, and the handläggare's write kept it. */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT decided_women + decided_men FROM summary "
                                       "WHERE service = 'KROM' AND municipality_code = '2480' "
                                       "AND month = '2026-11'", NULL, 0), ==, 2);
  anv_test_assert_summary_matches_recount (f->db, "2026-11", "2026-11", NULL);

  /* The name look-up answers no one who may not read the job seekers */
  {
    g_autofree char *as_analyst = g_strconcat (anv_test_db_location (f->db), " user=",
                                               logins[ANV_ROLE_ANALYTIKER], NULL);

    g_assert_cmpint (count_as (as_analyst,
                               "SELECT count (*) FROM anvisa_seekers_named ('Olsson')"), ==, 0);
  }
  /* A handläggare may not register a protected person with psql either */
  {
    g_autofree char *insert = g_strdup_printf (
      "INSERT INTO seeker (personnummer, name, municipality_code, protected_identity, "
      "registered_on, registered_by) VALUES ('%s', 'Dold Dahl', '2480', 1, '2026-11-02', '%s')",
      (const char *) g_ptr_array_index (f->numbers, f->next++), officer);
    g_autofree char *state = anv_test_run_as (as_officer, insert);

    g_assert_cmpstr (state, ==, "42501");
  }
  /* A login in the handläggare's group through a group of IT's own is a
   * handläggare to the policies too: no staff row, so no unit, nobody */
  {
    g_autofree char *mid = g_strdup_printf ("t%d_mid", (int) getpid ());
    g_autofree char *nested = g_strdup_printf ("t%d_nested", (int) getpid ());
    g_autofree char *make = g_strdup_printf ("CREATE ROLE %s NOLOGIN IN ROLE anvisa_handlaggare; "
                                             "CREATE ROLE %s LOGIN IN ROLE %s", mid, nested, mid);
    g_autofree char *drop = g_strdup_printf ("DROP ROLE %s; DROP ROLE %s", nested, mid);
    g_autofree char *as_nested = g_strconcat (anv_test_db_location (f->db), " user=", nested,
                                              NULL);

    anv_test_exec_raw (f->db, make);
    g_assert_cmpint (count_as (as_nested, count_sql), ==, 0);
    g_assert_cmpint (count_as (as_nested, "SELECT count (*) FROM seeker"), ==, 0);
    anv_test_exec_raw (f->db, drop);
  }

  drop_logins (f, logins);
}

/* What each login reaches of the referral's history and of the audit log:
 * one row per question, one column per login, the number the login gets
 * (REFUSED: the server refuses it). The logins: the five roles of unit
 * Umeå, a chef without a unit and a handläggare of unit Stockholm. */
#define REFUSED (-1)

enum { L_H, L_C, L_A, L_S, L_M, L_COUNTRY_CHEF, L_OTHER_H, N_LOGINS };

typedef struct
{
  const char *what;
  const char *sql;
  int         expected[N_LOGINS];
} Reach;

/* @OTHER_REFERRAL is the referral in Stockholm, @H and @OTHER_H the two
 * handläggare. Writes run in a transaction rolled back. */
static const Reach reaches[] = {
  /*                                                      H  C  A  S  M  CC OH */
  { "read the provider history", "SELECT count (*) FROM referral_provider",
    { 1, 1, REFUSED, 1, REFUSED, 2, 1 } },
  { "read the corrections", "SELECT count (*) FROM referral_correction",
    { 1, 1, REFUSED, 1, REFUSED, 2, 1 } },
  { "read the extensions", "SELECT count (*) FROM referral_extension",
    { 1, 1, REFUSED, 1, REFUSED, 2, 1 } },
  { "read the choice deadlines", "SELECT count (*) FROM referral_choice_wait",
    { 1, 1, REFUSED, 1, REFUSED, 2, 1 } },
  { "change another unit's choice deadline",
    "WITH u AS (UPDATE referral_choice_wait SET deadline = '2026-12-24' "
    "WHERE referral_id = @OTHER_REFERRAL RETURNING 1) SELECT count (*) FROM u",
    { 0, 0, REFUSED, 0, REFUSED, 1, 1 } },
  { "change another unit's provider history",
    "WITH u AS (UPDATE referral_provider SET from_date = from_date "
    "WHERE referral_id = @OTHER_REFERRAL RETURNING 1) SELECT count (*) FROM u",
    { 0, 0, REFUSED, 0, REFUSED, 1, 1 } },
  { "extend another unit's referral",
    "WITH i AS (INSERT INTO referral_extension (referral_id, recorded_on, months, recorded_by) "
    "VALUES (@OTHER_REFERRAL, '2026-11-20', 6, 'x') RETURNING 1) SELECT count (*) FROM i",
    { REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, 1, 1 } },
  { "read the audit log", "SELECT count (*) FROM audit_log WHERE action = 'test'",
    { REFUSED, 1, REFUSED, REFUSED, 0, 2, REFUSED } },
  { "read the unit's handläggare's entries",
    "SELECT count (*) FROM audit_log WHERE actor = '@H'",
    { REFUSED, 1, REFUSED, REFUSED, 0, 1, REFUSED } },
  { "read another unit's handläggare's entries",
    "SELECT count (*) FROM audit_log WHERE actor = '@OTHER_H'",
    { REFUSED, 0, REFUSED, REFUSED, 0, 1, REFUSED } },
  { "read how the unit's handläggare was made",
    "SELECT count (*) FROM audit_log WHERE action = 'user.add' AND entity_id = '@H'",
    { REFUSED, 1, REFUSED, REFUSED, 1, 1, REFUSED } },
  { "read how another unit's handläggare was made",
    "SELECT count (*) FROM audit_log WHERE action = 'user.add' AND entity_id = '@OTHER_H'",
    { REFUSED, 0, REFUSED, REFUSED, 1, 1, REFUSED } },
  { "read the providers' entries", "SELECT count (*) FROM audit_log WHERE entity = 'provider'",
    { REFUSED, 0, REFUSED, REFUSED, 2, 2, REFUSED } },
};

/* The one number @sql gives as the login @conninfo names, in a
 * transaction rolled back; REFUSED when the server refuses it (42501). */
static gint64
number_as (const char *conninfo,
           const char *sql)
{
  PGconn *pg = anv_test_connect_as (conninfo);
  PGresult *result;
  gint64 n = REFUSED;

  PQclear (PQexec (pg, "BEGIN"));
  result = PQexec (pg, sql);
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "42501") != 0)
    g_error ("%s: %s", sql, PQerrorMessage (pg));
  PQclear (result);
  PQclear (PQexec (pg, "ROLLBACK"));
  PQfinish (pg);
  return n;
}

static void
test_reach (Fixture       *f,
            gconstpointer  data)
{
  const char *conninfo;
  char **logins;
  char *names[N_LOGINS] = { NULL };
  g_autofree char *seekers = NULL;
  g_autofree char *other_referral = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *stockholm[] = { "unit", "add", "Stockholm", "--municipalities", "0180", NULL };

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  conninfo = anv_test_db_location (f->db);
  anv_test_approve_krom_provider (f->db);
  logins = make_logins (f, ALL);
  for (guint r = 0; r < ANV_N_ROLES; r++)
    names[r] = g_strdup (logins[r]);
  names[L_COUNTRY_CHEF] = g_strdup_printf ("t%d_country_chef", (int) getpid ());
  names[L_OTHER_H] = g_strdup_printf ("t%d_other", (int) getpid ());
  g_assert_cmpint (run_cli (conninfo, stockholm, &out, &err), ==, 0);
  {
    const char *chef[] = { "user", "add", names[L_COUNTRY_CHEF], "--role", "chef", NULL };
    const char *other[] = { "user", "add", names[L_OTHER_H], "--role", "handlaggare", "--unit",
                            "Stockholm", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (conninfo, chef, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (conninfo, other, &out, &err), ==, 0);
  }

  /* One job seeker in Umeå and one in Stockholm, each with a referral and
   * a row of every history table; an audit entry by each handläggare. */
  seekers = g_strdup_printf (
    "INSERT INTO seeker (personnummer, name, municipality_code, registered_on, registered_by) "
    "VALUES ('%s', 'Umeå Person', '2480', '2026-11-02', 'tester'), "
    "       ('%s', 'Stockholm Person', '0180', '2026-11-02', 'tester')",
    (const char *) g_ptr_array_index (f->numbers, 0),
    (const char *) g_ptr_array_index (f->numbers, 1));
  anv_test_exec_raw (f->db, seekers);
  anv_test_exec_raw (f->db,
    "INSERT INTO referral (seeker_id, service, level, choice, municipality_code, female, "
    "  decided_on, planned_start, decided_by) "
    "SELECT id, 'KROM', 'A', 'own', municipality_code, 1, '2026-11-02', '2026-11-09', 'tester' "
    "FROM seeker;"
    "INSERT INTO referral_provider (referral_id, provider_id, from_date, changed_by) "
    "SELECT r.id, (SELECT min (id) FROM provider), '2026-11-02', 'tester' FROM referral r;"
    "INSERT INTO referral_correction (referral_id, field, old_value, new_value, reason, "
    "  corrected_by) SELECT id, 'level', 'A', 'A', 'test', 'tester' FROM referral;"
    "INSERT INTO referral_extension (referral_id, recorded_on, months, recorded_by) "
    "SELECT id, '2026-11-03', 6, 'tester' FROM referral;"
    "INSERT INTO referral_choice_wait (referral_id, deadline) "
    "SELECT id, '2026-11-20' FROM referral;");
  other_referral = g_strdup_printf ("%" G_GINT64_FORMAT,
                                    anv_test_query_int (f->db, "SELECT r.id FROM referral r "
                                                        "WHERE r.municipality_code = '0180'",
                                                        NULL, 0));
  for (guint l = 0; l < N_LOGINS; l++)
    {
      g_autofree char *as = g_strconcat (conninfo, " user=", names[l], NULL);
      g_autofree char *state = NULL;

      if (l != L_H && l != L_OTHER_H)
        continue;
      state = anv_test_run_as (as, "INSERT INTO audit_log (actor, action, entity) "
                                   "VALUES ('x', 'test', 'role')");
      g_assert_cmpstr (state, ==, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (reaches); i++)
    for (guint l = 0; l < N_LOGINS; l++)
      {
        g_autofree char *as = g_strconcat (conninfo, " user=", names[l], NULL);
        g_autofree char *with_referral = replace (reaches[i].sql, "@OTHER_REFERRAL",
                                                  other_referral);
        g_autofree char *with_other = replace (with_referral, "@OTHER_H", names[L_OTHER_H]);
        g_autofree char *sql = replace (with_other, "@H", names[L_H]);
        gint64 got = number_as (as, sql);

        g_test_message ("%s: %s: %" G_GINT64_FORMAT, names[l], reaches[i].what, got);
        if (got != reaches[i].expected[l])
          g_error ("%s: %s: %" G_GINT64_FORMAT ", not %d", names[l], reaches[i].what, got,
                   reaches[i].expected[l]);
      }

  anv_test_drop_login (f->db, names[L_COUNTRY_CHEF]);
  anv_test_drop_login (f->db, names[L_OTHER_H]);
  for (guint l = 0; l < N_LOGINS; l++)
    g_free (names[l]);
  drop_logins (f, logins);
}

/* The server records every row change with the login: a handläggare's
 * direct UPDATE of a referral is found as a change made outside Anvisa,
 * the same login's writes through anvisa-cli are not. */
static void
test_outside (Fixture       *f,
              gconstpointer  data)
{
  char **logins;
  const char *officer;
  const char *number;
  g_autofree char *as = NULL;
  g_autofree char *referral_id = NULL;
  g_autofree char *update = NULL;
  g_autofree char *state = NULL;

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  anv_test_approve_krom_provider (f->db);
  logins = make_logins (f, H);
  officer = logins[ANV_ROLE_HANDLAGGARE];
  as = g_strconcat (anv_test_db_location (f->db), " user=", officer, NULL);
  number = g_ptr_array_index (f->numbers, f->next++);
  {
    const char *add[] = { "seeker", "add", "--personnummer", number, "--name", "Prov Person",
                          "--municipality", "2480", NULL };
    const char *refer[] = { "refer", number, "--level", "A", "--provider", "202100-2114",
                            "--decided", "2026-11-02", NULL };
    const char *start[] = { "start", number, "--date", "2026-11-16", NULL };

    g_free (cli_as (f, officer, add, 0, NULL));
    g_free (cli_as (f, officer, refer, 0, NULL));
    g_free (cli_as (f, officer, start, 0, NULL));
  }
  /* The server saw those writes, each with its audit entry. */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (DISTINCT txid) FROM row_change "
                                       "WHERE login = ?1", officer, 0), ==, 3);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM anvisa_changes_outside () "
                                       "WHERE login = ?1", officer, 0), ==, 0);

  /* The same login with psql: the level changed, no entry, no summary. */
  referral_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                 anv_test_query_int (f->db, "SELECT max (id) FROM referral",
                                                     NULL, 0));
  update = g_strdup_printf ("UPDATE referral SET level = 'B' WHERE id = %s", referral_id);
  g_assert_cmpint (changed_as (as, update), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM anvisa_changes_outside () "
                                       "WHERE login = ?1 AND changes = 'referral UPDATE 1'",
                                       officer, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM anvisa_changes_outside () "
                                       "WHERE login = ?1", officer, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM row_change "
                                       "WHERE table_name = 'referral' AND operation = 'UPDATE' "
                                       "AND row_ids = ARRAY[CAST (?1 AS bigint)]",
                                       referral_id, 0), >=, 1);

  /* A figure of the summary changed the same way is listed too. */
  g_assert_cmpint (changed_as (as, "UPDATE summary SET decided_women = decided_women + 100 "
                                   "WHERE municipality_code = '2480' AND month = '2026-11' "
                                   "AND service = 'KROM'"), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM anvisa_changes_outside () "
                                       "WHERE login = ?1 AND changes = 'summary UPDATE 1'",
                                       officer, 0), ==, 1);

  /* Nor may it make its unit's people vanish behind the protected flag,
   * not even with one UPDATE that reads no column. */
  state = anv_test_run_as (as, "UPDATE seeker SET protected_identity = 1, postal_code = NULL");
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);

  /* The login can neither hide it nor write a change of its own. */
  state = anv_test_run_as (as, "DELETE FROM row_change");
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  state = anv_test_run_as (as, "UPDATE row_change SET login = 'somebody'");
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  state = anv_test_run_as (as, "ALTER TABLE referral DISABLE TRIGGER referral_row_update");
  g_assert_cmpstr (state, ==, "42501");

  drop_logins (f, logins);
}

/* pgaudit's object auditing role, when it is there, may read the personal
 * tables after server init, and nothing else. */
static void
test_auditor (Fixture       *f,
              gconstpointer  data)
{
  const char *conninfo;
  const char *init_args[] = { "server", "init", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean made;

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  conninfo = anv_test_db_location (f->db);
  made = anv_test_query_int (f->db, "SELECT count (*) FROM pg_catalog.pg_roles "
                                    "WHERE rolname = 'anvisa_auditor'", NULL, 0) == 0;
  if (made)
    anv_test_exec_raw (f->db, "CREATE ROLE anvisa_auditor NOLOGIN");
  g_assert_cmpint (run_cli (conninfo, init_args, &out, &err), ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM unnest (ARRAY['seeker', "
                                       "'referral', 'referral_provider', 'referral_correction', "
                                       "'referral_extension', 'referral_choice_wait']) t "
                                       "WHERE has_table_privilege ('anvisa_auditor', t, "
                                       "'SELECT')", NULL, 0), ==, 6);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM unnest (ARRAY['audit_log', "
                                       "'summary', 'staff', 'row_change']) t "
                                       "WHERE has_table_privilege ('anvisa_auditor', t, "
                                       "'SELECT')", NULL, 0), ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT CAST (has_table_privilege "
                                       "('anvisa_auditor', 'seeker', 'UPDATE') AS integer)",
                                       NULL, 0), ==, 0);
  if (made)
    anv_test_exec_raw (f->db, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM anvisa_auditor; "
                              "DROP ROLE anvisa_auditor");
}

/* The errors of unit add and user add, in words. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    const char *says;
  } cases[] = {
    { { "unit", "add", "Umeå", "--municipalities", "2480,9999" },
      "“9999” is not a municipality code" },
    { { "unit", "add", "umeå", "--municipalities", "2480" }, "There is a unit named “Umeå”" },
    { { "user", "add", "@LOGIN", "--role", "boss" }, "“boss” is not a role" },
    { { "user", "add", "@LOGIN", "--role", "chef", "--unit", "Luleå" },
      "There is no unit named “Luleå”" },
    { { "user", "add", "Anna Svensson", "--role", "chef" }, "cannot be a login name" },
    { { "user", "add", "tester", "--role", "chef" }, "There is a login named “tester”" },
    { { "user", "disable", "@LOGIN" }, "There is no user with the login" },
  };
  const char *unit_args[] = { "unit", "add", "Umeå", "--municipalities", "2480", NULL };
  g_autofree char *login = g_strdup_printf ("t%d_err", (int) getpid ());
  const char *conninfo;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!anv_test_on_server ())
    {
      g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
      return;
    }
  conninfo = anv_test_db_location (f->db);
  g_assert_cmpint (run_cli (conninfo, unit_args, &out, &err), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[G_N_ELEMENTS (cases[i].args) + 1] = { NULL };

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        args[j] = strcmp (cases[i].args[j], "@LOGIN") == 0 ? login : cases[i].args[j];
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (conninfo, args, &out, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].says));
    }
  /* Nothing of it was saved, on the server or in the tables. */
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM unit", NULL, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM staff", NULL, 0), ==, 0);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count (*) FROM pg_catalog.pg_roles "
                                       "WHERE rolname = ?1", login, 0), ==, 0);
}

/* On a file the one user holds every role: the commands say so, and the
 * core refuses too; the migration's tables are there, empty. */
static void
test_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[] = { "user", "add", "anna", "--role", "chef", NULL };

  if (anv_test_on_server ())
    {
      g_test_skip ("about a SQLite file");
      return;
    }
  db = anv_test_open_db (&dir);
  path = g_build_filename (dir, "other.db", NULL);
  g_assert_cmpint (run_cli (path, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "holds every role"));
  /* Refused before the file was made. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (anv_staff_add (db, "anna", ANV_ROLE_CHEF, NULL, NULL, &error));
  g_assert_error (error, ANV_STAFF_ERROR, ANV_STAFF_ERROR_NOT_SERVER);
  g_assert_cmpint (anv_test_query_int (db, "SELECT count (*) FROM staff", NULL, 0), ==, 0);
  g_assert_cmpint (anv_test_query_int (db, "SELECT count (*) FROM unit", NULL, 0), ==, 0);
  anv_test_close_db (&db, &dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roles/table", Fixture, NULL, fixture_set_up, test_role_table,
              fixture_tear_down);
  g_test_add ("/roles/protected", Fixture, NULL, fixture_set_up, test_protected,
              fixture_tear_down);
  g_test_add ("/roles/reach", Fixture, NULL, fixture_set_up, test_reach, fixture_tear_down);
  g_test_add ("/roles/outside", Fixture, NULL, fixture_set_up, test_outside,
              fixture_tear_down);
  g_test_add ("/roles/auditor", Fixture, NULL, fixture_set_up, test_auditor,
              fixture_tear_down);
  g_test_add ("/roles/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add_func ("/roles/file", test_file);

  return g_test_run ();
}
