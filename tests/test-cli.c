/* test-cli.c — anvisa-cli as a script uses it: exit codes, messages, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-i18n.h"
#include "anv-schema.h"
#include "anv-test-util.h"

/* Skatteverket test numbers. */
#define PNR_ANNA  "198501012382"
#define PNR_BO    "198501022381"
#define PNR_DAN   "198501042389"

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = anv_test_make_dir ();
  /* On the server an empty database, which the first command sets up as
   * it does a new file */
  if (anv_test_on_server ())
    fixture->db_path = anv_test_server_new_db (FALSE);
  else
    fixture->db_path = g_build_filename (fixture->dir, "sub", "anvisa.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (anv_test_on_server ())
    anv_test_server_drop_db (fixture->db_path);
  anv_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

/* Whether anvisa-cli made the database: the file, or on the server the
 * tables in the empty database the fixture gave. */
static gboolean
database_made (const char *db_path)
{
  if (anv_test_on_server ())
    return anv_test_server_count_tables (db_path) > 0;
  return g_file_test (db_path, G_FILE_TEST_EXISTS);
}

/* The ANVISA_TODAY the runs below set: the pinned day unless a test
 * changes it. */
static const char *pinned_today = "2026-11-22";

/* Runs anvisa-cli with @args (NULL-terminated) in @language ("C" or "sv"),
 * on no database unless the args name one. */
static Result
run_in (const char         *language,
        const char * const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  Result result = { 0 };
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ANVISA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* "sv" as LANGUAGE; "sv_SE.UTF-8" as LANG alone, a locale that this
   * machine need not have installed. */
  if (strchr (language, '_') != NULL)
    {
      envp = g_environ_unsetenv (envp, "LANGUAGE");
      envp = g_environ_setenv (envp, "LANG", language, TRUE);
    }
  else
    {
      envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
      envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
    }
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LC_MESSAGES");
  envp = g_environ_setenv (envp, "ANVISA_TODAY", pinned_today, TRUE);
  envp = g_environ_unsetenv (envp, "ANVISA_DATABASE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &result.out, &result.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result.status = WEXITSTATUS (wait_status);
  return result;
}

#define RUN(...) run_in ("C", (const char *[]) { __VA_ARGS__, NULL })
#define RUN_SV(...) run_in ("sv", (const char *[]) { __VA_ARGS__, NULL })
#define RUN_SV_SE(...) run_in ("sv_SE.UTF-8", (const char *[]) { __VA_ARGS__, NULL })

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

/* Rusta Norr AB, approved for KROM around Umeå from 2020-03-30 */
static void
add_umea_provider (const char *db)
{
  Result r = RUN ("--database", db, "provider", "add", "--orgnr", "202100-2114",
                  "--name", "Rusta Norr AB", "--municipality", "2480");

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "area", "add", "Umeåregionen", "--service", "KROM",
           "--municipalities", "2480,2482");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "provider", "approve", "2021002114", "--area", "Umeåregionen",
           "--from", "2020-03-30");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

/* A second KROM provider in Umeå, Umeå Jobb AB (556000-0001), approved
 * in Umeåregionen from 2020-03-30 until @to (NULL: until further
 * notice). */
static void
add_umea_jobb (const char *db,
               const char *to)
{
  Result r = RUN ("--database", db, "provider", "add", "--orgnr", "556000-0001", "--name",
                  "Umeå Jobb AB", "--municipality", "2480");

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  if (to != NULL)
    r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen",
             "--from", "2020-03-30", "--to", to);
  else
    r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen",
             "--from", "2020-03-30");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

/* Registers @pnrs in Umeå and refers each to KROM on 2020-05-04, with
 * @provider (NULL: the no-choice default). */
static void
refer_in_umea (const char        *db,
               const char *const *pnrs,
               guint              n,
               const char        *provider)
{
  for (guint i = 0; i < n; i++)
    {
      Result r = RUN ("--database", db, "seeker", "add", "-p", pnrs[i], "-n", "Anna Åberg",
                      "-m", "2480");

      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
      if (provider != NULL)
        r = RUN ("--database", db, "refer", pnrs[i], "--provider", provider, "--level", "B",
                 "--decided", "2020-05-04");
      else
        r = RUN ("--database", db, "refer", pnrs[i], "--no-choice", "--level", "B",
                 "--decided", "2020-05-04");
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
    }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *const *cases[] = {
    (const char *[]) { NULL },
    (const char *[]) { "frobnicate", NULL },
    (const char *[]) { "--no-such-option", NULL },
    (const char *[]) { "--database", fixture->db_path, "seeker", NULL },
    (const char *[]) { "--database", fixture->db_path, "seeker", "add", "--name", "X", NULL },
    (const char *[]) { "--database", fixture->db_path, "seeker", "add", "--bogus", NULL },
    (const char *[]) { "--database", fixture->db_path, "import", "widgets", "x.csv", NULL },
    (const char *[]) { "--database", fixture->db_path, "seeker", "show", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = run_in ("C", cases[i]);

      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
      result_clear (&r);
    }

  /* Nothing was created by a usage error. */
  g_assert_false (database_made (fixture->db_path));
}

/* A wrong ANVISA_TODAY is refused, naming the variable, before anything
 * is done; an empty one counts as not set. */
static void
test_wrong_today (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *wrong[] = { "tomorrow", "2020-13-01", "2020-02-30", "22000-01-01", "2200-01-01",
                          "20200101" };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      Result r;

      pinned_today = wrong[i];
      r = RUN ("--database", fixture->db_path, "init");
      g_test_message ("%s: %d %s", wrong[i], r.status, r.err);
      g_assert_cmpint (r.status, ==, 2);
      assert_contains (r.err, "ANVISA_TODAY");
      assert_contains (r.err, "YYYY-MM-DD");
      result_clear (&r);

      r = RUN_SV ("--database", fixture->db_path, "init");
      g_assert_cmpint (r.status, ==, 2);
      assert_contains (r.err, "ANVISA_TODAY");
      assert_contains (r.err, "är inte");
      result_clear (&r);
    }
  /* Nothing was created. */
  g_assert_false (database_made (fixture->db_path));

  pinned_today = "";
  {
    Result r = RUN ("--database", fixture->db_path, "init");

    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
  }
  pinned_today = "2026-11-22";
}

/* Takes away (or gives back) the permission to create files in @dir: by
 * its mode, or for root, whom modes do not stop, by the immutable
 * attribute. FALSE where this machine cannot. */
static gboolean
set_folder_writable (const char *dir,
                     gboolean    writable)
{
  if (geteuid () != 0)
    return g_chmod (dir, writable ? 0700 : 0500) == 0;
  return anv_test_set_immutable (dir, !writable);
}

/* In a folder where no file may be created, the database is read (with a
 * note saying why it can only be read) and a write is refused, naming
 * the folder. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  /* The file's folder, read-only */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  const char *db = fixture->db_path;
  g_autofree char *folder = g_path_get_dirname (db);
  Result r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m",
                  "2480");

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  if (!set_folder_writable (folder, FALSE))
    {
      g_test_skip ("this machine cannot take away root's permission to write (no immutable "
                   "attribute)");
      return;
    }

  r = RUN ("--database", db, "seeker", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Anna Åberg");
  assert_contains (r.err, "can only be read");
  assert_contains (r.err, folder);
  result_clear (&r);

  r = RUN ("--database", db, "summary", "--from", "2026-11", "--to", "2026-11");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Ek", "-m", "2480");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Nothing was saved");
  assert_contains (r.err, "folder");
  g_assert_null (strstr (r.err, "permissions"));
  result_clear (&r);

  r = RUN_SV ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Ek", "-m", "2480");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Ingenting sparades");
  assert_contains (r.err, "mappen");
  result_clear (&r);

  g_assert_true (set_folder_writable (folder, TRUE));
}

/* A decision dated on a weekend or a public holiday is saved, with a
 * warning that says which day it is and how to correct it. */
static void
test_refer_day_off (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *db = fixture->db_path;
  const struct
  {
    const char *pnr;
    const char *decided;
    const char *says;
    const char *says_sv;
  } cases[] = {
    { PNR_ANNA, "2020-06-06", "2020-06-06 is National Day of Sweden, not a working day",
      "2020-06-06 är Sveriges nationaldag" },
    { PNR_BO, "2020-04-05", "2020-04-05 is a Sunday, not a working day",
      "2020-04-05 är en söndag" },
    /* A holiday's name in running text, lower case as Swedish writes it */
    { PNR_DAN, "2020-06-19", "2020-06-19 is Midsummer Eve", "2020-06-19 är midsommarafton" },
  };
  Result r;

  add_umea_provider (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      r = RUN ("--database", db, "seeker", "add", "-p", cases[i].pnr, "-n", "Anna Åberg", "-m",
               "2480");
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);

      r = (i == 0 ? run_in ("C", (const char *[]) { "--database", db, "refer", cases[i].pnr,
                                                     "--no-choice", "--level", "B", "--decided",
                                                     cases[i].decided, NULL })
                  : run_in ("sv", (const char *[]) { "--database", db, "refer", cases[i].pnr,
                                                      "--no-choice", "--level", "B",
                                                      "--decided", cases[i].decided, NULL }));
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 0);
      if (i == 0)
        {
          assert_contains (r.err, "warning");
          assert_contains (r.err, cases[i].says);
          assert_contains (r.err, "referral correct");
          assert_contains (r.out, "Rusta Norr AB");
        }
      else
        {
          assert_contains (r.err, cases[i].says_sv);
          assert_contains (r.err, "sparades");
        }
      result_clear (&r);

      r = RUN ("--database", db, "referral", "show", cases[i].pnr);
      g_assert_cmpint (r.status, ==, 0);
      assert_contains (r.out, cases[i].decided);
      result_clear (&r);
    }

  /* A correction of the decision date to a day off warns too. */
  r = RUN ("--database", db, "referral", "correct", "1", "--field", "decided_on", "--value",
           "2020-06-07", "--reason", "Fel dag");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.err, "warning: The decision is dated on a day off: 2020-06-07 is a Sunday");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "correct", "1", "--field", "decided_on", "--value",
           "2020-06-05", "--reason", "Fel dag");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);
}

/* The column, in characters (å, ä and ö take one, as on a terminal), at
 * which @needle starts in @line; -1 if it is not there. */
static glong
column_of (const char *line,
           const char *needle)
{
  const char *at = strstr (line, needle);

  return at == NULL ? -1 : g_utf8_pointer_to_offset (line, at);
}

/* Every line of @out that holds one of @values has it at the column of
 * @heading in the first line (or, without a heading, at the same column as
 * in the first line that holds one). */
static void
assert_aligned (const char         *out,
                const char         *heading,
                const char * const *values)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  glong expected = heading != NULL ? column_of (lines[0], heading) : -1;
  guint n_checked = 0;

  for (guint i = heading != NULL ? 1 : 0; lines[i] != NULL; i++)
    for (guint v = 0; values[v] != NULL; v++)
      {
        glong column = column_of (lines[i], values[v]);

        if (column < 0)
          continue;
        if (expected < 0)
          expected = column;
        if (column != expected)
          g_error ("“%s” is at column %ld, not %ld, in:\n%s", values[v], column, expected, out);
        n_checked++;
      }
  g_assert_cmpuint (n_checked, >=, 2);
}

/* Names with å, ä and ö (and a wide character) do not push the next
 * column to the right. */
static void
test_tables_aligned (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Åsa Öström Berg",
                  "-m", "0117");

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Strom Berg", "-m", "0180");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_DAN, "-n", "Dan 王 Berg", "-m", "0180");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "search", "berg");
  g_assert_cmpint (r.status, ==, 0);
  g_test_message ("%s", r.out);
  /* The municipality starts at one column on every line; the wide
   * character takes two columns, so on its line it is one character
   * earlier. */
  {
    g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
    glong wide = -1, narrow = -1, accented = -1;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "王") != NULL)
        wide = column_of (lines[i], "Stockholm");
      else if (strstr (lines[i], "Bo Strom") != NULL)
        narrow = column_of (lines[i], "Stockholm");
      else if (strstr (lines[i], "Åsa") != NULL)
        accented = column_of (lines[i], "Österåker");
    g_assert_cmpint (narrow, >, 0);
    g_assert_cmpint (accented, ==, narrow);
    g_assert_cmpint (wide, ==, narrow - 1);
  }
  result_clear (&r);

  r = RUN ("--database", db, "availability", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_aligned (r.out, "Service", (const char *[]) { "STOM", "KROM", NULL });
  assert_aligned (r.out, "From", (const char *[]) { "2014-12-01", NULL });
  result_clear (&r);

  r = RUN_SV ("--database", db, "end-reason", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_aligned (r.out, NULL, (const char *[]) { "Arbete", "Studier", "Återkallad", "Övrigt",
                                                  NULL });
  result_clear (&r);

  r = RUN ("--database", db, "provider", "add", "--orgnr", "202100-2114", "--name",
           "Rusta Öst AB", "--municipality", "0117");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "provider", "add", "--orgnr", "202100-5448", "--name",
           "Rusta Ost AB", "--municipality", "0180");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "provider", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_aligned (r.out, "Municipality", (const char *[]) { "Österåker", "Stockholm", NULL });
  result_clear (&r);
}

/* `provider list` and `area list` in Swedish order: å, ä, ö after z. */
static void
test_swedish_order (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    const char *orgnr;
    const char *name;
    const char *municipality;
  } providers[] = {
    { "202100-2114", "Örebro Vägledning AB", "1880" },
    { "202100-5448", "Ängelholms Jobbstöd AB", "1292" },
    { "202100-5521", "Åre Matchning AB", "2321" },
    { "556000-0001", "Zenit Jobb AB", "0180" },
  };
  static const char *const areas[] = { "Östersund", "Älmhult", "Åmål", "Ydre" };
  const char *db = fixture->db_path;
  Result r;
  const char *at;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      r = RUN ("--database", db, "provider", "add", "--orgnr", providers[i].orgnr, "--name",
               providers[i].name, "--municipality", providers[i].municipality);
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
    }
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      r = RUN ("--database", db, "area", "add", areas[i], "--service", "KROM",
               "--municipalities", "2480");
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
    }

  r = RUN ("--database", db, "provider", "list");
  g_assert_cmpint (r.status, ==, 0);
  at = r.out;
  for (guint i = G_N_ELEMENTS (providers); i-- > 0;)
    {
      at = strstr (at, providers[i].name);
      if (at == NULL)
        g_error ("%s is not after %s in:\n%s", providers[i].name,
                 i + 1 < G_N_ELEMENTS (providers) ? providers[i + 1].name : "the start", r.out);
    }
  result_clear (&r);

  r = RUN ("--database", db, "area", "list");
  g_assert_cmpint (r.status, ==, 0);
  at = r.out;
  for (guint i = G_N_ELEMENTS (areas); i-- > 0;)
    {
      at = strstr (at, areas[i]);
      if (at == NULL)
        g_error ("%s is not after %s in:\n%s", areas[i],
                 i + 1 < G_N_ELEMENTS (areas) ? areas[i + 1] : "the start", r.out);
    }
  result_clear (&r);
}

static void
test_version_and_help (Fixture       *fixture,
                       gconstpointer  data)
{
  Result r = RUN ("--version");

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "anvisa-cli "));
  result_clear (&r);

  r = RUN ("--help");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "import seekers FILE");
  /* A command's description starts in column 31, on the command's line
   * when there is room, else on the next; never run into the command */
  assert_contains (r.out, "  referral extend ID [--date D]\n"
                          "                               Extend");
  {
    g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *line = lines[i];
        const char *next = lines[i + 1];

        if (!g_str_has_prefix (line, "  ") || !g_ascii_islower (line[2]) || strlen (line) <= 31)
          continue;
        if (line[29] == ' ' && line[30] == ' ' && line[31] != ' ')
          continue;
        if (next == NULL || strspn (next, " ") != 31)
          g_error ("--help: a description runs into its command: \"%s\"", line);
      }
  }
  result_clear (&r);
}

static void
test_init_and_database_choice (Fixture       *fixture,
                               gconstpointer  data)
{
  /* Files named by --database and ANVISA_DATABASE, their modes */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *env_db = g_build_filename (fixture->dir, "env.db", NULL);
  g_autofree char *other_option = g_strconcat ("--database=", other, NULL);
  Result r = RUN ("--database", fixture->db_path, "init");
  GStatBuf st;

  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, fixture->db_path);
  assert_contains (r.out, "0 job seekers registered");
  g_assert_cmpint (g_stat (fixture->db_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  result_clear (&r);

  r = RUN (other_option, "init");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  result_clear (&r);

  /* ANVISA_DATABASE is used when --database is not given, and
   * --database wins over it. */
  g_setenv ("ANVISA_DATABASE_FOR_TEST", env_db, TRUE);
  {
    g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_DATABASE", env_db, TRUE);
    const char *argv[] = { g_getenv ("ANVISA_CLI"), "init", NULL };
    g_autofree char *out = NULL;
    int status;

    envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, NULL));
    g_assert_cmpint (status, ==, 0);
    assert_contains (out, env_db);
    g_clear_pointer (&out, g_free);

    argv[1] = "--database";
    {
      const char *argv2[] = { g_getenv ("ANVISA_CLI"), "--database", other, "init", NULL };
      g_assert_true (g_spawn_sync (NULL, (char **) argv2, envp, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &out, NULL, &status, NULL));
      assert_contains (out, other);
    }
  }
}

static void
test_seekers (Fixture       *fixture,
              gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r = RUN ("--database", db, "seeker", "add", "--personnummer", "850101-2382",
                  "--name", "Anna Åberg", "--postal-code", "903 25");

  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "19850101-****");
  assert_contains (r.out, "Umeå (2480)");
  g_assert_null (strstr (r.out, PNR_ANNA));
  result_clear (&r);

  /* The same person again, typed another way: refused, naming the record. */
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna", "-m", "0180");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "registered already");
  assert_contains (r.err, "Anna Åberg");
  result_clear (&r);

  /* A bad check digit is rejected input, not a usage error. */
  r = RUN ("--database", db, "seeker", "add", "-p", "198501022380", "-n", "Bo", "-m", "0180");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "check digit");
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Ek", "-m", "0180",
           "--protected");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "search", "åb");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "19850101-****  Anna Åberg");
  g_assert_null (strstr (r.out, "Bo Ek"));
  result_clear (&r);

  /* A protected person is listed without the name. */
  r = RUN ("--database", db, "seeker", "search", "198501");
  assert_contains (r.out, "19850102-****  Protected identity");
  g_assert_null (strstr (r.out, "Bo Ek"));
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "show", "850101-2382");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "19850101-****");
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "show", "--full-personnummer", "850101-2382");
  assert_contains (r.out, "19850101-2382");
  result_clear (&r);

  r = RUN ("--database", db, "seeker", "show", PNR_BO);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "Postal code"));
  result_clear (&r);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *bad = anv_test_write_file (fixture->dir, "bad.csv",
    "\xEF\xBB\xBFpersonnummer;namn;kommun\r\n"
    "198501012382;Anna Åberg;2480\r\n"
    "198501022380;Bo Ek;0180\r\n"
    "198501032380;;9999\r\n");
  g_autofree char *good = anv_test_write_file (fixture->dir, "good.csv",
    "personnummer,name,postal_code\n"
    "198501012382,Anna Åberg,903 25\n"
    "\"198501022381\",\"Ek, Bo\",11120\n");
  Result r = RUN ("--database", fixture->db_path, "import", "seekers", bad);

  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Line 3, column personnummer:");
  assert_contains (r.err, "Line 4, column namn:");
  assert_contains (r.err, "Line 4, column kommun:");
  assert_contains (r.err, "nothing was imported");
  g_assert_null (strstr (r.err, "Line 2"));
  g_assert_null (strstr (r.err, "Line 4, column personnummer"));
  result_clear (&r);

  r = RUN ("--database", fixture->db_path, "seeker", "search", "Anna");
  assert_contains (r.out, "No job seekers found");
  result_clear (&r);

  r = RUN ("--database", fixture->db_path, "import", "seekers", good);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Imported 2 job seekers");
  result_clear (&r);

  r = RUN ("--database", fixture->db_path, "seeker", "search", "ek");
  assert_contains (r.out, "Ek, Bo");
  assert_contains (r.out, "Stockholm");
  result_clear (&r);
}

static void
test_swedish (Fixture       *fixture,
              gconstpointer  data)
{
  Result r = RUN_SV ("--database", fixture->db_path, "seeker", "add", "-p", "198501022380",
                     "-n", "Bo", "-m", "0180");

  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Kontrollsiffran");
  result_clear (&r);

  r = RUN_SV ("--database", fixture->db_path, "init");
  assert_contains (r.out, "Databas");
  assert_contains (r.out, "0 arbetssökande");
  result_clear (&r);

  /* Counts grouped as a Swedish reader groups them, with the singular or
   * plural the count asks for */
  {
    g_autoptr (GPtrArray) numbers = anv_test_load_personnummer ("1960", "1990", TRUE, 1200);
    g_autoptr (GString) csv = g_string_new ("personnummer,name,municipality\n");
    g_autofree char *path = NULL;

    for (guint i = 0; i < numbers->len; i++)
      g_string_append_printf (csv, "%s,Person %u,2480\n",
                              (const char *) g_ptr_array_index (numbers, i), i);
    path = anv_test_write_file (fixture->dir, "many.csv", csv->str);
    r = RUN ("--database", fixture->db_path, "import", "seekers", path);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
    r = RUN_SV ("--database", fixture->db_path, "init");
    assert_contains (r.out, "1\u00a0200 arbetssökande registrerade");
    result_clear (&r);
  }

  r = RUN_SV ("frobnicate");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "är inget kommando");
  result_clear (&r);

  r = RUN_SV_SE ("--database", fixture->db_path, "seeker", "show", "198501022381");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "arbetssökande");
  result_clear (&r);
}

static void
test_availability_and_reasons (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r = RUN ("--database", db, "availability", "list", "--municipality", "2480");

  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "STOM    2014-12-01 2020-03-29");
  assert_contains (r.out, "KROM    2020-03-30");
  result_clear (&r);

  r = RUN ("--database", db, "availability", "set", "--service", "KROM",
           "--municipalities", "0180,0114", "--from", "2021-05-18");
  g_assert_cmpint (r.status, ==, 0);
  /* It says what gave way: STOM ends earlier, the KROM planned from
   * 2021-12-07 is replaced. */
  assert_contains (r.out, "Rusta och matcha applies in Stockholms kommun (0180) from 2021-05-18.\n"
                          "  Shortened: STOM 2014-12-01 – 2021-12-06; it now ends on 2021-05-17.\n"
                          "  Removed: KROM from 2021-12-07 until further notice.\n");
  result_clear (&r);

  r = RUN ("--database", db, "availability", "list", "-m", "0180");
  assert_contains (r.out, "STOM    2014-12-01 2021-05-17");
  assert_contains (r.out, "KROM    2021-05-18");
  result_clear (&r);

  r = RUN ("--database", db, "availability", "set", "--service", "XYZ",
           "--municipalities", "0180", "--from", "2021-05-18");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "KROM");
  result_clear (&r);

  r = RUN ("--database", db, "end-reason", "add", "praktik", "--kind", "interruption",
           "--label", "Praktik");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "end-reason", "list");
  assert_contains (r.out, "jobb");
  assert_contains (r.out, "praktik");
  g_assert_true (strstr (r.out, "jobb") < strstr (r.out, "ovrigt"));
  result_clear (&r);
}

/* referral move-leaving: the referrals of a provider whose approval
 * ended move to the no-choice default from the given day, said row by
 * row, masked; a dry run writes nothing, a second run finds none. */
static void
test_move_leaving (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *db = fixture->db_path;
  const char *pnrs[] = { PNR_ANNA, PNR_BO };
  Result r;

  add_umea_provider (db);
  add_umea_jobb (db, "2020-08-31");
  refer_in_umea (db, pnrs, G_N_ELEMENTS (pnrs), "5560000001");

  r = RUN ("--database", db, "referral", "move-leaving");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "--date");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01", "--provider",
           "556000-0002");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "organisationsnummer");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01", "--provider",
           "556000-0019");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "556000-0019");
  result_clear (&r);

  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01", "--dry-run");
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2 referrals would move");
  assert_contains (r.out, "-****");
  assert_contains (r.out, "Umeå Jobb AB");
  assert_contains (r.out, "Rusta Norr AB");
  g_assert_null (strstr (r.out, PNR_ANNA + 9));
  result_clear (&r);

  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Moved 2 referrals");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_BO);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Rusta Norr AB");
  assert_contains (r.out, "2020-09-01");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Moved 0 referrals");
  result_clear (&r);
}

/* The choice before the deadline: refer --pending, the refusal of a
 * start, referral choose, assign-default and assign-defaults (a dry run
 * listing the people masked), the work list's category, choice-rule with
 * bad input. */
static void
test_choice (Fixture       *fixture,
             gconstpointer  data)
{
  const char *db = fixture->db_path;
  const char *pnrs[] = { PNR_ANNA, PNR_BO, PNR_DAN };
  Result r;

  add_umea_provider (db);
  add_umea_jobb (db, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pnrs); i++)
    {
      r = RUN ("--database", db, "seeker", "add", "-p", pnrs[i], "-n", "Anna Åberg", "-m",
               "2480");
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
      r = RUN ("--database", db, "refer", pnrs[i], "--pending", "--level", "B", "--decided",
               "2020-09-01");
      g_assert_cmpint (r.status, ==, 0);
      assert_contains (r.out, "Awaiting the job seeker’s choice until 2020-09-15");
      result_clear (&r);
    }
  r = RUN ("--database", db, "refer", PNR_ANNA, "--pending", "--provider", "2021002114",
           "--level", "B");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "--pending");
  result_clear (&r);

  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-09-16");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "waits for the job seeker’s choice of provider (until 2020-09-15)");
  result_clear (&r);

  /* Anna chooses within the deadline */
  r = RUN ("--database", db, "referral", "choose", "1", "--provider", "556000-0001", "--date",
           "2020-09-10");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Umeå Jobb AB, 556000-0001, from 2020-09-10");
  assert_contains (r.out, "the deadline was 2020-09-15");
  result_clear (&r);

  /* Hostile input */
  r = RUN ("--database", db, "referral", "choose", "x", "--provider", "556000-0001");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = RUN ("--database", db, "referral", "choose", "999", "--provider", "556000-0001",
           "--date", "2020-09-10");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "no referral number 999");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-default", "2", "--date", "2020-02-30");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "2020-02-30");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-default", "2", "--date", "2020-09-15");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "2020-09-16");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-defaults");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = RUN ("--database", db, "worklist", "--date", "2020-09-16");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No Choice Made (2): Assign the no-choice default\n");
  result_clear (&r);
  r = RUN ("--database", db, "worklist", "--date", "2020-09-16", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "\r\nchoice-due;No Choice Made;2020-09-15;1;19850102-****;");
  result_clear (&r);

  r = RUN ("--database", db, "referral", "assign-defaults", "--date", "2020-09-16",
           "--dry-run");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2 referrals would get the no-choice default (dry run");
  assert_contains (r.out, "19850102-****");
  g_assert_null (strstr (r.out, PNR_BO + 8));
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-defaults", "--date", "2020-09-16");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Assigned the no-choice default to 2 referrals");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_DAN);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "(assigned as the no-choice default");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-defaults", "--date", "2020-09-16");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Assigned the no-choice default to 0 referrals");
  result_clear (&r);
  r = RUN ("--database", db, "audit");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No-choice default assigned");
  assert_contains (r.out, "Provider chosen");
  result_clear (&r);

  /* The rule */
  r = RUN ("--database", db, "choice-rule", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "KROM");
  assert_contains (r.out, "2020-03-30");
  result_clear (&r);
  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2021-01-01",
           "--workdays", "0");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "from 1 to 60");
  result_clear (&r);
  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2021-01-01",
           "--workdays", "400");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "from 1 to 60");
  result_clear (&r);
  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2021-01-01",
           "--workdays", "tio");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "tio");
  result_clear (&r);
  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2021-13-01",
           "--workdays", "15");
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2021-01-01",
           "--workdays", "15");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "15 working days");
  result_clear (&r);
}

/* A referral that ended while it waited: show says no choice was made,
 * assign-default says it ended; a preview of the defaults may look ahead;
 * a date outside the kept years says so; no choice rule before the first. */
static void
test_choice_ended (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--pending", "--level", "B", "--decided",
           "2020-09-01");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "end", PNR_ANNA, "--reason", "sjuk", "--date", "2020-09-08");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "no choice was made before the referral ended (the deadline was "
                   "2020-09-15)");
  g_assert_null (strstr (r.out, "Awaiting"));
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-default", "1", "--date", "2020-09-20");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Referral 1 ended on 2020-09-08");
  result_clear (&r);

  r = RUN ("--database", db, "referral", "assign-defaults", "--date", "2199-01-01",
           "--dry-run");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Preview as of 2199-01-01");
  assert_contains (r.out, "0 referrals would get the no-choice default (dry run");
  result_clear (&r);
  r = RUN ("--database", db, "referral", "assign-defaults", "--date", "2199-01-01");
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);

  r = RUN ("--database", db, "worklist", "--date", "1700-01-01");
  g_assert_cmpint (r.status, !=, 0);
  assert_contains (r.err, "from 1800-01-01 to 2199-12-31");
  g_assert_null (strstr (r.err, "calendar"));
  result_clear (&r);

  r = RUN ("--database", db, "choice-rule", "add", "--service", "KROM", "--from", "2019-01-01",
           "--workdays", "5");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "begin on 2020-03-30");
  result_clear (&r);
}

/* provider approve --to without --from ends the open approval, says how
 * many open referrals the provider leaves, and refuses a second end. */
static void
test_end_approval (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *db = fixture->db_path;
  const char *pnrs[] = { PNR_ANNA, PNR_BO };
  Result r;

  add_umea_provider (db);
  add_umea_jobb (db, NULL);
  refer_in_umea (db, pnrs, G_N_ELEMENTS (pnrs), "5560000001");

  r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "--to");
  result_clear (&r);
  r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen",
           "--to", "2020-08-31");
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "now ends on 2020-08-31");
  assert_contains (r.out, "2 open referrals");
  assert_contains (r.out, "move-leaving --date 2020-09-01");
  result_clear (&r);
  r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen",
           "--to", "2020-09-30");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "ended on 2020-08-31");
  result_clear (&r);
  r = RUN ("--database", db, "provider", "approve", "5560000001", "--area", "Umeåregionen",
           "--to", "2019-12-31");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "2020-03-30");
  result_clear (&r);
  r = RUN ("--database", db, "audit");
  g_assert_cmpint (r.status, ==, 0);
  /* Described, not as logged */
  assert_contains (r.out, "Provider’s approval ended");
  assert_contains (r.out, "last day now");
  g_assert_null (strstr (r.out, "provider.end-approval"));
  result_clear (&r);

  r = RUN ("--database", db, "referral", "move-leaving", "--date", "2020-09-01");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Moved 2 referrals");
  result_clear (&r);
}

/* export referrals leaves out people with protected identity, and says
 * how many and that the summary counts them; export seekers says it
 * without the summary. */
static void
test_export_protected (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *db = fixture->db_path;
  g_autofree char *csv = g_build_filename (fixture->dir, "referrals.csv", NULL);
  g_autofree char *contents = NULL;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Hemlig", "-m", "2480",
           "--protected");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  for (guint i = 0; i < 2; i++)
    {
      r = RUN ("--database", db, "refer", i == 0 ? PNR_ANNA : PNR_BO, "--provider",
               "2021002114", "--level", "B", "--decided", "2020-05-04");
      g_assert_cmpint (r.status, ==, 0);
      result_clear (&r);
    }

  r = RUN ("--database", db, "export", "referrals", "--output", csv);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Wrote 1 row to");
  assert_contains (r.out, "1 referral of a person with protected identity was left out; "
                   "the summary counts it, so its totals are higher.");
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Hemlig"));

  r = RUN ("--database", db, "export", "seekers", "--output", csv);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "1 row of a person with protected identity was left out.");
  g_assert_null (strstr (r.out, "summary"));
  result_clear (&r);
}

/* Two providers approved in Umeå: the no-choice defaults of a month go
 * to each in turn, "provider defaults" shows the shares, and "referral
 * show" puts the no-choice note under the provider decided with, not
 * under one changed to later. */
static void
test_provider_defaults (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *db = fixture->db_path;
  const char *pnrs[] = { PNR_ANNA, PNR_BO, PNR_DAN };
  const char *other;
  const char *note;
  const char *changed;
  Result r;

  add_umea_provider (db);
  add_umea_jobb (db, NULL);
  refer_in_umea (db, pnrs, G_N_ELEMENTS (pnrs), NULL);

  /* Two to one, in some order: 67 % and 33 %. */
  r = RUN ("--database", db, "provider", "defaults", "--month", "2020-05", "--service", "KROM",
           "--municipality", "2480");
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-05");
  assert_contains (r.out, "Rusta Norr AB");
  assert_contains (r.out, "Umeå Jobb AB");
  assert_contains (r.out, "67 %");
  assert_contains (r.out, "33 %");
  result_clear (&r);

  r = RUN ("--database", db, "provider", "defaults", "--month", "2020-13");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "2020-13");
  result_clear (&r);
  r = RUN ("--database", db, "provider", "defaults", "--month", "2020-06");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No referral was decided");
  result_clear (&r);

  /* Anna's provider changed: the note stays under the first. */
  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-05-25");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  other = strstr (r.out, "Rusta Norr") ? "5560000001" : "2021002114";
  result_clear (&r);
  r = RUN ("--database", db, "change-provider", PNR_ANNA, "--provider", other, "--date",
           "2020-05-27");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  note = strstr (r.out, "no-choice default");
  changed = strstr (r.out, "Changed to:");
  g_assert_nonnull (note);
  g_assert_nonnull (changed);
  g_assert_true (note < changed);
  result_clear (&r);
}

static void
test_referral_flow (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *db = fixture->db_path;
  g_autofree char *csv = g_build_filename (fixture->dir, "summary.csv", NULL);
  g_autofree char *contents = NULL;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);

  /* STOM where KROM has started: refused, saying what applies. */
  r = RUN ("--database", db, "refer", PNR_ANNA, "--service", "STOM", "--provider", "2021002114",
           "--level", "2", "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "Rusta och matcha applies");
  result_clear (&r);

  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04-22");
  assert_contains (r.out, "Rusta Norr AB");
  /* A Monday: no warning. */
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);

  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-21");
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-22");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "end", PNR_ANNA, "--reason", "studier", "--date", "2020-05-15");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  assert_contains (r.out, "Ended:");
  assert_contains (r.out, "studier");
  result_clear (&r);

  r = RUN_SV ("--database", db, "summary", "--from", "2020-04", "--to", "2020-05",
              "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Rusta och matcha, 2020-04");
  assert_contains (r.out, "Västerbottens län");
  result_clear (&r);

  /* Without --from: the latest month with data (the end in May 2020), not
   * this month's zeros */
  r = RUN ("--database", db, "summary", "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Rusta och matcha, 2020-05\n");
  result_clear (&r);
  r = RUN ("--database", db, "export", "summary", "--output", csv, "--service", "KROM");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, "KROM;2020-05;");
  g_clear_pointer (&contents, g_free);
  /* "-" is standard output, as for other tools: no file named "-" */
  r = RUN ("--database", db, "export", "summary", "--output", "-", "--service", "KROM");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "KROM;2020-05;");
  g_assert_false (g_file_test ("-", G_FILE_TEST_EXISTS));
  result_clear (&r);

  r = RUN ("--database", db, "export", "summary", "--output", csv, "--from", "2020-04",
           "--to", "2020-04", "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  assert_contains (contents,
                   "KROM;2020-04;municipality;\"=\"\"2480\"\"\";Umeå;1;0;1;1;0;0;0;1;0;"
                   "1;0;0;0;0;0;0;0;1;0;1;1;0;0;0;0;0;0;0\r\n");

  /* The count of rows is grouped, as every count is: 2 services × 290
   * municipalities × 2 months, with the county and country totals */
  r = RUN_SV ("--database", db, "export", "summary", "--output", csv, "--from", "2020-04",
              "--to", "2020-05");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Skrev 1\u00a0248 rader till");
  result_clear (&r);
}

/* summary --by: the breakdowns as a table and as CSV, with Swedish
 * headings and the same count columns as the summary's CSV. */
static void
test_summary_breakdowns (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-22");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "summary", "--from", "2020-04", "--service", "KROM", "--by",
           "provider");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Rusta och matcha, 2020-04\nProvider ");
  assert_contains (r.out, "Rusta Norr AB");
  assert_contains (r.out, "1 (1/0)");
  result_clear (&r);

  /* Born 1985, decided in 2020: 35 */
  r = RUN ("--database", db, "summary", "--from", "2020-04", "--service", "KROM", "--by", "age",
           "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "25–54 ");
  g_assert_null (strstr (r.out, "16–24"));
  result_clear (&r);

  r = RUN_SV ("--database", db, "summary", "--from", "2020-04", "--service", "KROM", "--by",
              "level", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBFTjänst;Månad;Fördelning;Kod;Namn;"
                                          "Anvisade kvinnor;"));
  assert_contains (r.out, "KROM;2020-04;Nivå/spår;B;Nivå B;1;0;1;1;0;0;0;1;0;"
                          "1;0;0;0;0;0;0;0;1;0;1;1;0;0;0;0;0;0;0\r\n");
  result_clear (&r);

  r = RUN ("--database", db, "summary", "--from", "2020-04", "--by", "kommunvis");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "is no breakdown of the summary");
  result_clear (&r);

  /* Months with nothing in them say so, rather than print nothing */
  r = RUN ("--database", db, "summary", "--from", "2019-01", "--by", "provider");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Nothing was counted in these months");
  result_clear (&r);
}

/* A result needs a start: `end` with jobb before the start is refused
 * with what to do; an interruption before it is counted as ended before
 * the start, in the table and in the CSV's last three columns. */
static void
test_end_before_start (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *db = fixture->db_path;
  g_autofree char *csv = g_build_filename (fixture->dir, "summary.csv", NULL);
  g_autofree char *contents = NULL;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN_SV ("--database", db, "end", PNR_ANNA, "--reason", "jobb", "--date", "2020-04-15");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "registrera starten först, eller välj ett avbrott");
  result_clear (&r);
  r = RUN ("--database", db, "end", PNR_ANNA, "--reason", "sjuk", "--date", "2020-04-15");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* Shown and exported as its own kind, not as an interruption */
  r = RUN_SV ("--database", db, "referral", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04-15 (avslutad före start: sjuk)");
  result_clear (&r);
  r = RUN ("--database", db, "export", "referrals", "--output", csv);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, ";2020-04-15;sjuk;before-start;0;");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (g_unlink (csv), ==, 0);

  r = RUN ("--database", db, "summary", "--from", "2020-04", "--service", "KROM", "--county",
           "24");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Bef. start");
  result_clear (&r);
  r = RUN ("--database", db, "export", "summary", "--output", csv, "--from", "2020-04",
           "--to", "2020-04", "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, "Ended before the start;Ended before the start, women;"
                             "Ended before the start, men\r\n");
  /* Anna is a woman: the end counts in neither jobb, studier nor avbrott. */
  assert_contains (contents,
                   "KROM;2020-04;municipality;\"=\"\"2480\"\"\";Umeå;1;0;1;0;0;0;0;0;0;"
                   "0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;1;1;0\r\n");
}

/* Publishing: close a month, the revisions a correction makes, and the
 * publish export with its suppression, its status and its note. */
/* Whether the line of @contents that starts with @start says "reviderad
 * sedan" as @revised says. */
static void
assert_line_revised (const char *contents,
                     const char *start,
                     gboolean    revised)
{
  g_autofree char *prefix = g_strconcat ("\n", start, NULL);
  const char *line = strstr (contents, prefix);
  g_autofree char *text = NULL;

  if (line == NULL)
    g_error ("no line starts with %s", start);
  text = g_strndup (line + 1, strcspn (line + 1, "\r\n"));
  g_assert_nonnull (strstr (text, ";publicerad 20"));
  if ((strstr (text, "reviderad sedan") != NULL) != revised)
    g_error ("%s: %s", revised ? "not revised" : "revised", text);
}

static void
test_publish (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *const bad_thresholds[] = { "0", "abc", "101", "-3", "" };
  const char *db = fixture->db_path;
  g_autofree char *csv = g_build_filename (fixture->dir, "publish.csv", NULL);
  g_autofree char *all_csv = g_build_filename (fixture->dir, "publish-all.csv", NULL);
  g_autofree char *contents = NULL;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* Hostile and wrong months, and a month not ended */
  r = RUN ("--database", db, "publish", "close");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = RUN ("--database", db, "publish", "close", "2020-13");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "is not a month");
  result_clear (&r);
  r = RUN ("--database", db, "publish", "close", "2020-04\n; DROP TABLE summary");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = RUN ("--database", db, "publish", "close", "1999-01");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "1999-01 is before either service began");
  result_clear (&r);
  r = RUN ("--database", db, "publish", "close", "2026-11");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "has not ended yet");
  result_clear (&r);
  r = RUN ("--database", db, "publish", "revisions", "april");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = RUN ("--database", db, "publish", "reopen", "2020-04");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "publish close YYYY-MM");
  result_clear (&r);

  r = RUN ("--database", db, "publish", "close", "2020-04", "--note", "Månadsrapport");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04 is closed");
  result_clear (&r);
  r = RUN_SV ("--database", db, "publish", "close", "2020-04");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "stängdes redan");
  result_clear (&r);
  r = RUN ("--database", db, "publish", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04");
  assert_contains (r.out, "Månadsrapport");
  result_clear (&r);
  r = RUN ("--database", db, "publish", "revisions");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No published figure has changed.");
  result_clear (&r);

  /* A correction of the closed month: a revision, with the reason */
  r = RUN ("--database", db, "referral", "correct", "1", "--field", "annulled", "--value", "1",
           "--reason", "fel person");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "publish", "revisions", "2020-04");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04 KROM Umeå: referred, women 1 → 0");
  assert_contains (r.out, "Referral corrected: “fel person”");
  result_clear (&r);

  /* Revised since: Umeå's line, Västerbotten's and the country's of KROM;
   * no other county's, none of STOM */
  r = RUN_SV ("--database", db, "export", "summary", "--publish", "--output", all_csv,
              "--from", "2020-04", "--to", "2020-04");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (all_csv, &contents, NULL, NULL));
  assert_line_revised (contents, "KROM;2020-04;kommun;\"=\"\"2480\"\"\";", TRUE);
  assert_line_revised (contents, "KROM;2020-04;län;\"=\"\"24\"\"\";", TRUE);
  assert_line_revised (contents, "KROM;2020-04;riket;", TRUE);
  assert_line_revised (contents, "KROM;2020-04;kommun;\"=\"\"2404\"\"\";", FALSE);
  assert_line_revised (contents, "KROM;2020-04;län;\"=\"\"01\"\"\";", FALSE);
  assert_line_revised (contents, "STOM;2020-04;län;\"=\"\"24\"\"\";", FALSE);
  assert_line_revised (contents, "STOM;2020-04;riket;", FALSE);
  g_clear_pointer (&contents, g_free);

  /* The threshold: checked, and only with --publish */
  for (guint i = 0; i < G_N_ELEMENTS (bad_thresholds); i++)
    {
      r = RUN ("--database", db, "export", "summary", "--publish", "--threshold",
               bad_thresholds[i], "--output", csv);
      g_assert_cmpint (r.status, ==, 2);
      assert_contains (r.err, "is not a whole number from 1 to 100");
      result_clear (&r);
    }
  r = RUN ("--database", db, "export", "summary", "--threshold", "3", "--output", csv);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "--threshold is for --publish");
  result_clear (&r);
  r = RUN ("--database", db, "export", "referrals", "--publish", "--output", csv);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* As published: Anna counted, her sex suppressed, the total kept */
  r = RUN_SV ("--database", db, "export", "summary", "--publish", "--output", csv, "--from",
              "2020-04", "--to", "2020-05", "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, ";Status;Anmärkning\r\n");
  assert_contains (contents, "KROM;2020-04;kommun;\"=\"\"2480\"\"\";Umeå;..;..;1;0;0;0;0;1;0;");
  /* (closed on the clock's day, not the pinned one) */
  assert_contains (contents, ", reviderad sedan;\"Antal från 1 till 4 i fördelningen på kön "
                             "visas som ”..” (röjandeskydd), liksom andra fördelningar där "
                             "ett skyddat antal annars kan räknas fram ur länets eller rikets "
                             "rad; summorna visas.\"\r\n");
  assert_contains (contents, ";publicerad 20");
  /* May is not closed: the summary as it is now, Anna annulled */
  assert_contains (contents, "KROM;2020-05;kommun;\"=\"\"2480\"\"\";Umeå;0;0;0;0;0;0;0;0;0;"
                             "0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;preliminär;\r\n");
  g_clear_pointer (&contents, g_free);

  /* Threshold 1: nothing suppressed, no note */
  r = RUN ("--database", db, "export", "summary", "--publish", "--threshold", "1", "--output",
           csv, "--from", "2020-04", "--service", "KROM", "--county", "24");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, "KROM;2020-04;municipality;\"=\"\"2480\"\"\";Umeå;1;0;1;0;0;0;0;1;0;");
  g_assert_null (strstr (contents, ".."));
}

/* The start as the provider reported it: before the earliest allowed
 * start it needs --reason, and `referral show` prints the reason under it. */
static void
test_early_start (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-16");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "before the earliest allowed start, 2020-04-22");
  assert_contains (r.err, "reason");
  result_clear (&r);
  r = RUN_SV ("--database", db, "start", PNR_ANNA, "--date", "2020-04-16");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "tidigaste tillåtna start");
  result_clear (&r);

  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-16", "--reason",
           "Leverantören rapporterade start den 16 april");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "referral", "show", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "2020-04-16");
  assert_contains (r.out, "Start note:");
  assert_contains (r.out, "Leverantören rapporterade start den 16 april");
  g_assert_true (strstr (r.out, "Started:") < strstr (r.out, "Start note:"));
  result_clear (&r);
}

/* The work list: counts first, then each category's rows; the date and
 * the officer chosen; a protected identity's name never printed; CSV
 * for Excel. */
static void
test_worklist (Fixture       *fixture,
               gconstpointer  data)
{
  const char *db = fixture->db_path;
  Result r;

  add_umea_provider (db);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Hemlig", "-m", "2480",
           "--protected");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  /* Anna: planned start 2020-04-22, never reported; Bo started then, his
   * last day 2020-10-21. */
  r = RUN ("--database", db, "refer", PNR_ANNA, "--provider", "2021002114", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_BO, "--provider", "2021002114", "--level", "A",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "start", PNR_BO, "--date", "2020-04-22");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN ("--database", db, "worklist", "--date", "2020-05-04");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Work list on 2020-05-04, everyone’s referrals:\n"
                          "Overdue           0  End the referral\n"
                          "Start Overdue     1  Record the start\n"
                          "Provider Leaving  0  Change the provider\n"
                          "Period Ending     0  Extend or end\n"
                          "No Choice Made    0  Assign the no-choice default\n"
                          "Total             1  \n");
  assert_contains (r.out, "\nStart Overdue (1): Record the start\n"
                          "Date        Days  Personnummer   Name        Service  "
                          "Municipality  Referral\n"
                          "2020-04-22  12    19850101-****  Anna Åberg  KROM     Umeå          1\n");
  result_clear (&r);

  /* Both periods end on 2020-10-21; Anna's start is still not reported. */
  r = RUN ("--database", db, "worklist", "--date", "2020-10-10");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Period Ending (2): Extend or end\n");
  assert_contains (r.out, "2020-10-21  -11   19850102-****  Protected identity  KROM");
  g_assert_null (strstr (r.out, "Hemlig"));
  result_clear (&r);

  /* Today (ANVISA_TODAY) by default; another officer's list is empty. */
  r = RUN ("--database", db, "worklist", "--officer", "somebody-else");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Work list on 2026-11-22, referrals decided by somebody-else:\n");
  assert_contains (r.out, "Total             0");
  result_clear (&r);
  /* The officer who decided: the login on a server, else the user. */
  r = RUN ("--database", db, "worklist", "--officer",
           anv_test_on_server () ? "tester" : g_get_user_name (), "--date", "2020-05-04");
  assert_contains (r.out, "Total             1");
  result_clear (&r);

  r = RUN ("--database", db, "worklist", "--date", "2020-10-10", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBF" "Category code;Category;Date;Days;"
                                          "Personnummer;Name;Service;Municipality code;"
                                          "Municipality;Referral;Provider\r\n"));
  assert_contains (r.out, "\r\nstart-overdue;Start Overdue;2020-04-22;171;19850101-****;"
                          "Anna Åberg;KROM;\"=\"\"2480\"\"\";Umeå;1;\r\n");
  assert_contains (r.out, "\r\nperiod-ending;Period Ending;2020-10-21;-11;19850102-****;"
                          "Protected identity;KROM;\"=\"\"2480\"\"\";Umeå;2;\r\n");
  g_assert_null (strstr (r.out, "Hemlig"));
  result_clear (&r);

  /* In Swedish: the headings and the categories' names; the codes stay. */
  r = RUN_SV ("--database", db, "worklist", "--date", "2020-10-10", "--format", "csv");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "\xEF\xBB\xBF" "Kategorikod;Kategori;Datum;Dagar;"
                                          "Personnummer;Namn;Tjänst;Kommunkod;"
                                          "Kommun;Anvisning;Leverantör\r\n"));
  assert_contains (r.out, "\r\nstart-overdue;Start försenad;2020-04-22;171;");
  assert_contains (r.out, "\r\nperiod-ending;Perioden slutar;2020-10-21;-11;19850102-****;"
                          "Skyddad identitet;KROM;");
  result_clear (&r);

  r = RUN ("--database", db, "worklist", "--format", "json");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* The output of `audit` in columns: each record under its heading,
 * however long the events before it. */
static void
assert_audit_columns (const char *out,
                      const char *record_heading)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  const char *heading = strstr (lines[0], record_heading);
  glong column;

  g_assert_nonnull (heading);
  column = g_utf8_pointer_to_offset (lines[0], heading);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      const char *line = lines[i];

      g_assert_cmpint (g_utf8_strlen (line, -1), >, column);
      g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (line, column - 1)), ==, ' ');
      g_assert_cmpint (g_utf8_get_char (g_utf8_offset_to_pointer (line, column)), !=, ' ');
    }
}

/* demo: its printout counts every referral it loaded, by service with the
 * months they were decided in, and tells April's story. */
static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autofree char *total = NULL;
  g_autofree char *stom = NULL;
  g_autofree char *krom = NULL;
  Result r = RUN ("--database", fixture->db_path, "demo");

  g_assert_cmpint (r.status, ==, 0);
  db = anv_schema_open (fixture->db_path, "tester", &error);
  g_assert_no_error (error);
  /* Grouped in threes, as every count printed: "83,809" */
  g_autofree char *n_total = anv_format_count (
    (guint64) anv_test_query_int (db, "SELECT count(*) FROM referral", NULL, 0));
  g_autofree char *n_stom = anv_format_count (
    (guint64) anv_test_query_int (db, "SELECT count(*) FROM referral WHERE service = 'STOM'",
                                  NULL, 0));
  g_autofree char *n_krom = anv_format_count (
    (guint64) anv_test_query_int (db, "SELECT count(*) FROM referral WHERE service = 'KROM'",
                                  NULL, 0));

  total = g_strdup_printf ("  %s referrals in all:\n", n_total);
  stom = g_strdup_printf ("    %s to Stöd och matchning (STOM), decided from 2018-10 to "
                          "2020-12\n", n_stom);
  krom = g_strdup_printf ("    %s to Rusta och matcha (KROM), decided from 2020-04 to "
                          "2020-12\n", n_krom);
  g_assert_nonnull (strchr (total, ','));
  assert_contains (r.out, total);
  assert_contains (r.out, stom);
  assert_contains (r.out, krom);
  assert_contains (r.out, "  The story, 2020-04: 33 referrals to Rusta och matcha in the "
                          "pilot, 32 active at the month’s end\n");
  result_clear (&r);
}

/* backup, gallra, audit, restore; and what is audited on the way. */
static void
test_maintenance (Fixture       *fixture,
                  gconstpointer  data)
{
  /* A backup of the file, and its restore */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  const char *db = fixture->db_path;
  g_autofree char *backup = g_build_filename (fixture->dir, "kopia.db", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "sokande.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = RUN ("--database", db, "provider", "add", "--orgnr", "202100-2114",
                  "--name", "Rusta Norr AB", "--municipality", "2480");

  result_clear (&r);
  r = RUN ("--database", db, "area", "add", "Umeåregionen", "--service", "KROM",
           "--municipalities", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "provider", "approve", "2021002114", "--area", "Umeåregionen",
           "--from", "2020-03-30");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_ANNA, "-n", "Anna Åberg", "-m", "2480");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_BO, "-n", "Bo Hemlig", "-m", "2480",
           "--protected");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "refer", PNR_ANNA, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  result_clear (&r);
  r = RUN ("--database", db, "start", PNR_ANNA, "--date", "2020-04-22");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "end", PNR_ANNA, "--reason", "jobb", "--date", "2020-05-15");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* Protected identity: never the name in a list, never in an export. */
  r = RUN_SV ("--database", db, "seeker", "search", "19850");
  assert_contains (r.out, "Skyddad identitet");
  assert_contains (r.out, "19850102-****");
  g_assert_null (strstr (r.out, "Hemlig"));
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "show", PNR_BO);
  assert_contains (r.out, "Bo Hemlig");
  g_assert_null (strstr (r.out, "Postal code"));
  result_clear (&r);
  /* Imported with a postal code: the code is checked, then not stored. */
  {
    g_autofree char *file = anv_test_write_file (fixture->dir, "skyddad.csv",
                                                 "personnummer;namn;postnummer;skyddad\n"
                                                 "198501032380;Cia Hemlig;90325;ja\n");

    r = RUN ("--database", db, "import", "seekers", file);
    g_assert_cmpint (r.status, ==, 0);
    result_clear (&r);
    r = RUN ("--database", db, "seeker", "show", "198501032380");
    assert_contains (r.out, "Cia Hemlig");
    assert_contains (r.out, "Umeå");
    g_assert_null (strstr (r.out, "903"));
    result_clear (&r);
    r = RUN ("--database", db, "seeker", "search", "Hemlig");
    g_assert_null (strstr (r.out, "Hemlig"));
    assert_contains (r.out, "Protected identity");
    result_clear (&r);
  }
  r = RUN ("--database", db, "seeker", "show", "--full-personnummer", PNR_ANNA);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "export", "seekers", "--output", csv, "--full-personnummer");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  assert_contains (contents, "Anna Åberg");
  g_assert_null (strstr (contents, "Hemlig"));
  g_assert_null (strstr (contents, "850102"));
  g_assert_null (strstr (contents, "850103"));
  g_assert_cmpuint (file_mode (csv), ==, 0600);

  r = RUN ("--database", db, "backup", backup);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  result_clear (&r);

  /* Retention asks first; without a terminal it needs --yes. */
  r = RUN ("--database", db, "gallra", "--ended-before", "2021-01-01");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "Remove 1 job seeker whose referrals all ended before 2021-01-01");
  assert_contains (r.err, "--yes");
  result_clear (&r);
  r = RUN_SV ("--database", db, "gallra", "--ended-before", "2021-01-01", "--yes");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "1 arbetssökande");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "search", "Anna");
  assert_contains (r.out, "No job seekers found.");
  result_clear (&r);

  /* The audit log, with Swedish headings, filtered. */
  r = RUN_SV ("--database", db, "audit");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "Tid (UTC)");
  assert_contains (r.out, "Användare");
  assert_contains (r.out, "Händelse");
  /* Each event and its details in Swedish; the log itself keeps its codes. */
  assert_contains (r.out, "Fullständigt personnummer visat");
  assert_contains (r.out, "Arbetssökande exporterade");
  assert_contains (r.out, "Säkerhetskopia gjord");
  assert_contains (r.out, "Gallring av gamla uppgifter");
  assert_contains (r.out, "Gallrade arbetssökande: 1,");
  g_assert_null (strstr (r.out, "seeker.retention"));
  g_assert_null (strstr (r.out, "seekers=1"));
  assert_audit_columns (r.out, "Post");
  g_assert_null (strstr (r.out, "Anna"));
  result_clear (&r);
  r = RUN ("--database", db, "audit", "--user", "nobody-here");
  assert_contains (r.out, "No entries.");
  result_clear (&r);
  r = RUN ("--database", db, "audit", "--from", "2000-01-01", "--to", "2000-12-31");
  assert_contains (r.out, "No entries.");
  result_clear (&r);
  r = RUN ("--database", db, "audit", "--user", g_get_user_name (), "--from", "2000-01-01");
  assert_contains (r.out, "Old records removed (retention)");
  result_clear (&r);
  r = RUN ("--database", db, "audit", "--from", "someday");
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* Restore asks first too; Anna, removed by retention since the
   * backup, does not come back with it. */
  r = RUN ("--database", db, "restore", backup);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "3 job seekers, 1 referral");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "add", "-p", PNR_DAN, "-n", "Dan Efter", "-m", "2480");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "restore", "--yes", backup);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "1 job seeker in the backup had been removed by retention");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "search", "Anna");
  assert_contains (r.out, "No job seekers found.");
  result_clear (&r);
  /* The backup's contents, and not what came after it */
  r = RUN ("--database", db, "seeker", "show", PNR_BO);
  assert_contains (r.out, "Bo Hemlig");
  result_clear (&r);
  r = RUN ("--database", db, "seeker", "show", PNR_DAN);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  /* Last: retention again, the kept copy, the restore, the search that
   * found nobody, and Bo's record opened (Dan's was not there to open) */
  r = RUN ("--database", db, "audit", "--limit", "5");
  assert_contains (r.out, "Old records removed (retention)");
  assert_contains (r.out, "Backup made");
  assert_contains (r.out, "Database restored from a backup");
  assert_contains (r.out, "0 job seekers listed, searched by name");
  assert_contains (r.out, "Job seeker’s record opened");
  /* The log holds more than the five shown, and the officer is told */
  assert_contains (r.out, "Only the newest 5 entries are shown; the log holds more.");
  result_clear (&r);
  r = RUN ("--database", db, "audit", "--limit", "100000");
  g_assert_null (strstr (r.out, "the log holds more"));
  result_clear (&r);
  r = RUN_SV ("--database", db, "audit", "--limit", "3");
  assert_contains (r.out, "Databasen återställd från en säkerhetskopia");
  assert_audit_columns (r.out, "Post");
  result_clear (&r);
  r = RUN ("--database", db, "restore", "--yes", csv);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "not an Anvisa database");
  result_clear (&r);

  /* Retention after the restore points at the copy the restore kept */
  r = RUN ("--database", db, "refer", PNR_BO, "--no-choice", "--level", "B",
           "--decided", "2020-04-06");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "end", PNR_BO, "--reason", "sjuk", "--date", "2020-05-15");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "gallra", "--ended-before", "2021-01-01", "--yes");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "This copy, kept by a restore, still holds the job seekers removed");
  assert_contains (r.out, ".db.before-restore-");
  result_clear (&r);
}

/* An export never writes over the database, whatever the name it is
 * given; the summary on standard output is logged as such, in English,
 * whatever the language of the session. */
static void
test_export_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  /* An export onto the database's file */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  const char *db = fixture->db_path;
  g_autofree char *via_dot = g_build_filename (fixture->dir, "sub", ".", "anvisa.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  const char *targets[] = { db, via_dot, wal };
  Result r = RUN ("--database", db, "init");

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      r = RUN_SV ("--database", db, "export", "summary", "--from", "2020-04", "--output",
                  targets[i]);
      g_assert_cmpint (r.status, ==, 1);
      assert_contains (r.err, "är databasen som används");
      result_clear (&r);
    }
  r = RUN ("--database", db, "seeker", "search", "Anna");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = RUN_SV ("--database", db, "summary", "--format", "csv", "--from", "2020-04");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = RUN ("--database", db, "audit");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "to standard output");
  if (strstr (r.out, "standard output") != strstr (r.out, "to standard output") + 3
      || strstr (r.out, "standard ut") != NULL || strstr (r.out, cwd) != NULL)
    g_error ("the log names standard output otherwise:\n%s", r.out);
  result_clear (&r);
}

/* A file of many wrong rows: the first ANV_IMPORT_MAX_LISTED_ERRORS (1,000)
 * are listed, then how many there are in all. */
static void
test_import_many_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  GString *csv = g_string_new ("personnummer;namn;kommun\n");
  g_autofree char *path = NULL;
  Result r;
  guint n_lines = 0;

  for (guint i = 0; i < 5000; i++)
    /* A wrong check digit */
    g_string_append (csv, "198501022380;Bo Ek;0180\n");
  path = anv_test_write_file (fixture->dir, "many.csv", csv->str);
  g_string_free (csv, TRUE);

  r = RUN ("--database", fixture->db_path, "import", "seekers", path);
  g_assert_cmpint (r.status, ==, 1);
  for (const char *p = r.err; (p = strstr (p, "Line ")) != NULL; p++)
    n_lines++;
  g_assert_cmpuint (n_lines, ==, 1000);
  assert_contains (r.err, "Line 1001, column personnummer:");
  g_assert_null (strstr (r.err, "Line 1002,"));
  assert_contains (r.err, "The first 1,000 of 5,000 errors are listed.");
  assert_contains (r.err, "5,000 rows are wrong, so nothing was imported");
  result_clear (&r);
}

/* A file that Swedish Excel saved as “CSV (semikolonavgränsad)”: the
 * header in ASCII, names with å, ä, ö in Windows-1252 in every third of
 * 3,000 rows. One message says so and how to save it as CSV UTF-8, not one
 * per row; nothing is imported. */
static void
test_import_windows_1252 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GPtrArray) numbers = anv_test_load_personnummer (NULL, NULL, TRUE, 3000);
  GString *csv = g_string_new ("personnummer;namn;kommun\r\n");
  g_autofree char *path = NULL;
  Result r;

  for (guint i = 0; i < numbers->len; i++)
    g_string_append_printf (csv, "%s;%s;2480\r\n", (char *) g_ptr_array_index (numbers, i),
                            i % 3 == 2 ? "\xc5sa \xd6" "berg" : "Anna Andersson");
  path = anv_test_write_file (fixture->dir, "excel.csv", csv->str);
  g_string_free (csv, TRUE);

  r = RUN ("--database", fixture->db_path, "import", "seekers", path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==,
                   "anvisa-cli: The file “excel.csv” is saved as Windows-1252 (“ANSI”), not "
                   "as UTF-8: on line 4, column 2 reads “Åsa Öberg” only in Windows-1252. "
                   "Open it in Excel and choose Save As, file type “CSV UTF-8 (Comma "
                   "delimited)”, or in LibreOffice Calc choose Save As, “Text CSV”, character "
                   "set “Unicode (UTF-8)”; then import the new file.\n");
  result_clear (&r);

  r = RUN_SV ("--database", fixture->db_path, "import", "seekers", path);
  g_assert_cmpint (r.status, ==, 1);
  /* One line, and it is the file's message */
  g_assert_true (g_str_has_suffix (r.err, "\n"));
  g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
  assert_contains (r.err, "Filen ”excel.csv” är sparad som Windows-1252 (”ANSI”), inte som "
                   "UTF-8: på rad 4 går kolumn 2 att läsa som ”Åsa Öberg” bara i "
                   "Windows-1252. Öppna den i Excel och välj Spara som, filformatet ”CSV UTF-8 "
                   "(kommaavgränsad)”");
  g_assert_null (strstr (r.err, "Rad "));
  result_clear (&r);

  r = RUN ("--database", fixture->db_path, "seeker", "search", "Andersson");
  g_assert_null (strstr (r.out, "Anna Andersson"));
  result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/cli/wrong-today", Fixture, NULL, fixture_set_up, test_wrong_today,
              fixture_tear_down);
  g_test_add ("/cli/read-only-folder", Fixture, NULL, fixture_set_up, test_read_only_folder,
              fixture_tear_down);
  g_test_add ("/cli/choice", Fixture, NULL, fixture_set_up, test_choice, fixture_tear_down);
  g_test_add ("/cli/choice-ended", Fixture, NULL, fixture_set_up, test_choice_ended,
              fixture_tear_down);
  g_test_add ("/cli/move-leaving", Fixture, NULL, fixture_set_up, test_move_leaving,
              fixture_tear_down);
  g_test_add ("/cli/end-approval", Fixture, NULL, fixture_set_up, test_end_approval,
              fixture_tear_down);
  g_test_add ("/cli/export-protected", Fixture, NULL, fixture_set_up, test_export_protected,
              fixture_tear_down);
  g_test_add ("/cli/provider-defaults", Fixture, NULL, fixture_set_up, test_provider_defaults,
              fixture_tear_down);
  g_test_add ("/cli/refer-day-off", Fixture, NULL, fixture_set_up, test_refer_day_off,
              fixture_tear_down);
  g_test_add ("/cli/tables-aligned", Fixture, NULL, fixture_set_up, test_tables_aligned,
              fixture_tear_down);
  g_test_add ("/cli/swedish-order", Fixture, NULL, fixture_set_up, test_swedish_order,
              fixture_tear_down);
  g_test_add ("/cli/version-and-help", Fixture, NULL, fixture_set_up, test_version_and_help,
              fixture_tear_down);
  g_test_add ("/cli/init-and-database-choice", Fixture, NULL, fixture_set_up,
              test_init_and_database_choice, fixture_tear_down);
  g_test_add ("/cli/seekers", Fixture, NULL, fixture_set_up, test_seekers, fixture_tear_down);
  g_test_add ("/cli/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/cli/swedish", Fixture, NULL, fixture_set_up, test_swedish, fixture_tear_down);
  g_test_add ("/cli/worklist", Fixture, NULL, fixture_set_up, test_worklist,
              fixture_tear_down);
  g_test_add ("/cli/summary-breakdowns", Fixture, NULL, fixture_set_up,
              test_summary_breakdowns, fixture_tear_down);
  g_test_add ("/cli/referral-flow", Fixture, NULL, fixture_set_up, test_referral_flow,
              fixture_tear_down);
  g_test_add ("/cli/end-before-start", Fixture, NULL, fixture_set_up, test_end_before_start,
              fixture_tear_down);
  g_test_add ("/cli/publish", Fixture, NULL, fixture_set_up, test_publish, fixture_tear_down);
  g_test_add ("/cli/early-start", Fixture, NULL, fixture_set_up, test_early_start,
              fixture_tear_down);
  g_test_add ("/cli/availability-and-reasons", Fixture, NULL, fixture_set_up,
              test_availability_and_reasons, fixture_tear_down);
  g_test_add ("/cli/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/cli/maintenance", Fixture, NULL, fixture_set_up, test_maintenance,
              fixture_tear_down);
  g_test_add ("/cli/export-refusals", Fixture, NULL, fixture_set_up, test_export_refusals,
              fixture_tear_down);
  g_test_add ("/cli/import-many-errors", Fixture, NULL, fixture_set_up,
              test_import_many_errors, fixture_tear_down);
  g_test_add ("/cli/import-windows-1252", Fixture, NULL, fixture_set_up,
              test_import_windows_1252, fixture_tear_down);

  return g_test_run ();
}
