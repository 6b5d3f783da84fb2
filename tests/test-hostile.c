/* test-hostile.c — hostile values in every field anvisa-cli and the core accept
 *
 * Each value is either refused with a message that names the field, or
 * stored and exported safely: the exported cell is neutralized and reads
 * back as stored. After every attempt the database passes integrity_check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "anv-csv-reader.h"
#include "anv-db-private.h"
#include "anv-schema.h"
#include "anv-test-util.h"

#define TODAY "2024-06-01"
#define LONG_LENGTH (100 * 1024)

/* A refused value's message must contain this (case-folded) word. */
typedef struct
{
  const char *what;
  const char *args[16];   /* after --database DB; NULL-terminated */
  const char *field;      /* NULL: the command must succeed */
} HostileCase;

typedef struct
{
  char  *dir;
  char  *db_path;
  char  *long_text;       /* LONG_LENGTH letters */
  GStrv  pnr;             /* Skatteverket test numbers born 1980–1999 */
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

/* Placeholders in the tables */

static char *
expand (Fixture    *f,
        const char *arg)
{
  if (strcmp (arg, "@LONG@") == 0)
    return g_strdup (f->long_text);
  if (strcmp (arg, "@LONGPATH@") == 0)
    return g_strdup_printf ("%s/%s.csv", f->dir, f->long_text);
  if (g_str_has_prefix (arg, "@DIR@"))
    return g_strconcat (f->dir, arg + strlen ("@DIR@"), NULL);
  if (g_str_has_prefix (arg, "@P") && strlen (arg) == 4)
    return g_strdup (f->pnr[arg[2] - '0']);
  return g_strdup (arg);
}

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* anvisa-cli --database DB @args…, in English, on a pinned day. */
static Result
run_cli (Fixture            *f,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  Result r = { 0 };
  int wait_status = 0;

  g_ptr_array_add (argv, g_strdup (g_getenv ("ANVISA_CLI")));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (f->db_path));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, expand (f, args[i]));
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_setenv (envp, "ANVISA_TODAY", TODAY, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

#define RUN(f, ...) run_cli ((f), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_ok (Result r)
{
  if (r.status != 0)
    g_error ("anvisa-cli failed (%d): %s", r.status, r.err);
  result_clear (&r);
}

static void
assert_integrity (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (f->db_path, "tester", &error);
  const char *tables = anv_test_on_server ()
    ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema () "
      "AND table_name IN ('seeker', 'delivery_area', 'referral', 'audit_log', 'provider', "
      "'summary', 'municipality')"
    : "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('seeker', "
      "'delivery_area', 'referral', 'audit_log', 'provider', 'summary', 'municipality')";

  g_assert_no_error (error);
  anv_test_assert_integrity (db);

  /* No SQL fragment dropped a table (integrity_check would not notice) */
  g_assert_cmpint (anv_test_query_int (db, tables, NULL, 0), ==, 7);
}

/* Notes a failed case and goes on, so that one run lists every finding. */
static void
case_failed (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
case_failed (const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAILED: %s", text);
  g_test_fail ();
}

/* A message fit to show: valid UTF-8, no terminal control characters
 * (only line breaks), not the whole 100 kB value echoed back. */
static void
assert_fit_to_show (const char *what,
                    const char *message)
{
  if (!g_utf8_validate (message, -1, NULL))
    {
      case_failed ("%s: the message is not UTF-8", what);
      return;
    }
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((g_unichar_iscntrl (c) && c != '\n') || c == 0x202E)
        {
          case_failed ("%s: the message holds the control character U+%04X", what, c);
          return;
        }
    }
  if (strlen (message) > 8192)
    case_failed ("%s: the message is %zu bytes long", what, strlen (message));
}

static void
run_cases (Fixture           *f,
           const HostileCase *cases,
           gsize              n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const HostileCase *c = &cases[i];
      Result r = run_cli (f, c->args);

      g_test_message ("%s: status %d, %s", c->what, r.status, r.err);
      assert_fit_to_show (c->what, r.err);
      if (c->field == NULL)
        {
          if (r.status != 0)
            case_failed ("%s: refused (%d): %s", c->what, r.status, r.err);
        }
      else
        {
          g_autofree char *folded = g_utf8_casefold (r.err, -1);

          if (r.status != 1 && r.status != 2)
            case_failed ("%s: not refused (status %d)", c->what, r.status);
          else if (strstr (folded, c->field) == NULL)
            case_failed ("%s: the message does not mention “%s”: %.300s", c->what,
                                c->field, r.err);
        }
      result_clear (&r);
      assert_integrity (f);
    }
}

/* Set-up */

static GStrv
load_test_numbers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "skatteverket_testpersonnummer.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) numbers = g_strv_builder_new ();
  JsonArray *array;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *number = json_array_get_string_element (array, i);

      if (g_str_has_prefix (number, "198") || g_str_has_prefix (number, "199"))
        g_strv_builder_add (numbers, number);
    }
  return g_strv_builder_end (numbers);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = anv_test_make_dir ();
  /* On the server an empty database, which "init" sets up */
  if (anv_test_on_server ())
    f->db_path = anv_test_server_new_db (FALSE);
  else
    f->db_path = g_build_filename (f->dir, "anvisa.db", NULL);
  f->long_text = g_strnfill (LONG_LENGTH, 'a');
  f->pnr = load_test_numbers ();
  g_assert_cmpuint (g_strv_length (f->pnr), >=, 10);

  /* A provider approved in Umeå, where Rusta och matcha applies. */
  assert_ok (RUN (f, "init"));
  assert_ok (RUN (f, "provider", "add", "--orgnr", "202100-2114", "--name", "=Rusta Norr AB",
                  "--municipality", "2480"));
  assert_ok (RUN (f, "area", "add", "Umeåregionen", "--service", "KROM",
                  "--municipalities", "2480,2482"));
  assert_ok (RUN (f, "provider", "approve", "2021002114", "--area", "Umeåregionen",
                  "--from", "2020-03-30"));
  assert_ok (RUN (f, "seeker", "add", "-p", f->pnr[0], "-n", "Anna Åberg", "-m", "2480"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (anv_test_on_server ())
    anv_test_server_drop_db (f->db_path);
  anv_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->long_text);
  g_strfreev (f->pnr);
}

/* The catalogue */

static const HostileCase seeker_cases[] = {
  { "pnr SQL", { "seeker", "add", "-p", "'; DROP TABLE seeker; --", "-n", "X", "-m", "2480" },
    "personnummer" },
  { "pnr long", { "seeker", "add", "-p", "@LONG@", "-n", "X", "-m", "2480" }, "personnummer" },
  { "pnr not UTF-8", { "seeker", "add", "-p", "\xff\xfe", "-n", "X", "-m", "2480" },
    "personnummer" },
  { "pnr escape", { "seeker", "add", "-p", "19850101\x1b[2J2382", "-n", "X", "-m", "2480" },
    "personnummer" },
  { "pnr date zero", { "seeker", "add", "-p", "0000-00-00", "-n", "X", "-m", "2480" },
    "personnummer" },
  { "pnr bidi", { "seeker", "add", "-p", "\u202e19850101-2382", "-n", "X", "-m", "2480" },
    "personnummer" },
  { "name long", { "seeker", "add", "-p", "@P1@", "-n", "@LONG@", "-m", "2480" }, "name" },
  { "name newline", { "seeker", "add", "-p", "@P1@", "-n", "Anna\nBerg", "-m", "2480" },
    "name" },
  { "name escape", { "seeker", "add", "-p", "@P1@", "-n", "Anna\x1b]0;x\x07", "-m", "2480" },
    "name" },
  { "name bidi", { "seeker", "add", "-p", "@P1@", "-n", "Anna\u202eBerg", "-m", "2480" },
    "name" },
  { "name line separator", { "seeker", "add", "-p", "@P1@", "-n", "Anna\u2028Berg", "-m",
                             "2480" }, "name" },
  { "name not UTF-8", { "seeker", "add", "-p", "@P1@", "-n", "Anna\xc3", "-m", "2480" },
    "name" },
  { "name blank", { "seeker", "add", "-p", "@P1@", "-n", " \t ", "-m", "2480" }, "name" },
  { "municipality long", { "seeker", "add", "-p", "@P1@", "-n", "X", "-m", "@LONG@" },
    "municipality" },
  { "municipality SQL", { "seeker", "add", "-p", "@P1@", "-n", "X", "-m",
                          "0180'; DROP TABLE seeker; --" }, "municipality" },
  { "municipality escape", { "seeker", "add", "-p", "@P1@", "-n", "X", "-m", "\x1b[31m0180" },
    "municipality" },
  { "postal code newline", { "seeker", "add", "-p", "@P1@", "-n", "X", "--postal-code",
                             "903\n25" }, "postal code" },
  { "postal code long", { "seeker", "add", "-p", "@P1@", "-n", "X", "--postal-code",
                          "@LONG@" }, "postal code" },
  { "postal code formula", { "seeker", "add", "-p", "@P1@", "-n", "X", "--postal-code",
                             "=1+1" }, "postal code" },
  { "search SQL", { "seeker", "search", "'; DROP TABLE seeker; --" }, NULL },
  { "search long", { "seeker", "search", "@LONG@" }, NULL },
  { "show SQL", { "seeker", "show", "' OR 1=1 --" }, "personnummer" },
};

static const HostileCase provider_cases[] = {
  { "orgnr SQL", { "provider", "add", "--orgnr", "'; DROP TABLE provider; --", "--name", "X",
                   "--municipality", "2480" }, "organisationsnummer" },
  { "orgnr long", { "provider", "add", "--orgnr", "@LONG@", "--name", "X",
                    "--municipality", "2480" }, "organisationsnummer" },
  { "provider name long", { "provider", "add", "--orgnr", "202100-5448", "--name", "@LONG@",
                            "--municipality", "2480" }, "name" },
  { "provider name tab", { "provider", "add", "--orgnr", "202100-5448", "--name", "AB\tX",
                           "--municipality", "2480" }, "name" },
  { "provider name bidi", { "provider", "add", "--orgnr", "202100-5448", "--name",
                            "AB\u202eX", "--municipality", "2480" }, "name" },
  { "provider municipality", { "provider", "add", "--orgnr", "202100-5448", "--name", "X",
                               "--municipality", "99999" }, "municipality" },
  { "area name long", { "area", "add", "@LONG@", "--service", "KROM", "--municipalities",
                        "2480" }, "name" },
  { "area name newline", { "area", "add", "Norr\nSöder", "--service", "KROM",
                           "--municipalities", "2480" }, "name" },
  { "area service SQL", { "area", "add", "Z", "--service", "KROM'; --", "--municipalities",
                          "2480" }, "service" },
  { "area municipalities SQL", { "area", "add", "Z", "--service", "KROM", "--municipalities",
                                 "2480,'; DROP TABLE delivery_area; --" }, "municipality" },
  { "approve from zero", { "provider", "approve", "2021002114", "--area", "Umeåregionen",
                           "--from", "0000-00-00" }, "--from" },
  { "approve from far", { "provider", "approve", "2021002114", "--area", "Umeåregionen",
                          "--from", "9999-12-31" }, "--from" },
  { "approve to 30 Feb", { "provider", "approve", "2021002114", "--area", "Umeåregionen",
                           "--from", "2020-01-01", "--to", "2020-02-30" }, "--to" },
  { "approve area long", { "provider", "approve", "2021002114", "--area", "@LONG@",
                           "--from", "2020-01-01" }, "area" },
  { "end approval to 30 Feb", { "provider", "approve", "2021002114", "--area", "Umeåregionen",
                                "--to", "2020-02-30" }, "--to" },
  { "end approval to SQL", { "provider", "approve", "2021002114", "--area", "Umeåregionen",
                             "--to", "2020-01-01'; --" }, "--to" },
  { "end approval area long", { "provider", "approve", "2021002114", "--area", "@LONG@",
                                "--to", "2020-12-31" }, "area" },
  { "end approval before it", { "provider", "approve", "2021002114", "--area",
                                "Umeåregionen", "--to", "1999-12-31" }, "first day" },
  { "availability from", { "availability", "set", "--service", "KROM", "--municipalities",
                           "2480", "--from", "2020-02-30" }, "--from" },
};

static const HostileCase referral_cases[] = {
  { "level long", { "refer", "@P0@", "--level", "@LONG@", "--provider", "2021002114",
                    "--decided", "2020-04-06" }, "level" },
  { "level formula", { "refer", "@P0@", "--level", "=B", "--provider", "2021002114",
                       "--decided", "2020-04-06" }, "level" },
  { "level escape", { "refer", "@P0@", "--level", "\x1b[2J", "--provider", "2021002114",
                      "--decided", "2020-04-06" }, "level" },
  { "decided zero", { "refer", "@P0@", "--level", "B", "--provider", "2021002114",
                      "--decided", "0000-00-00" }, "--decided" },
  { "decided far", { "refer", "@P0@", "--level", "B", "--provider", "2021002114",
                     "--decided", "9999-12-31" }, "--decided" },
  { "decided 30 Feb", { "refer", "@P0@", "--level", "B", "--provider", "2021002114",
                        "--decided", "2020-02-30" }, "--decided" },
  { "start 30 Feb", { "refer", "@P0@", "--level", "B", "--provider", "2021002114",
                      "--decided", "2020-04-06", "--start", "2020-02-30" }, "--start" },
  { "provider SQL", { "refer", "@P0@", "--level", "B", "--provider",
                      "'; DROP TABLE provider; --", "--decided", "2020-04-06" },
    "organisationsnummer" },
  { "provider long", { "refer", "@P0@", "--level", "B", "--provider", "@LONG@",
                       "--decided", "2020-04-06" }, "organisationsnummer" },
  { "refer pnr SQL", { "refer", "'; DROP TABLE seeker; --", "--level", "B", "--provider",
                       "2021002114", "--decided", "2020-04-06" }, "personnummer" },
  { "decide", { "refer", "@P0@", "--level", "B", "--provider", "2021002114",
                "--decided", "2020-04-06" }, NULL },
  { "start early no reason", { "start", "@P0@", "--date", "2020-04-16" }, "reason" },
  { "start reason escape", { "start", "@P0@", "--date", "2020-04-16", "--reason",
                             "Tidigt\x1b[2J" }, "reason" },
  { "start reason newline", { "start", "@P0@", "--date", "2020-04-16", "--reason",
                              "Tidigt\nrapporterat" }, "reason" },
  { "start reason bidi", { "start", "@P0@", "--date", "2020-04-16", "--reason",
                           "Tid\u202eigt" }, "reason" },
  { "start reason long", { "start", "@P0@", "--date", "2020-04-16", "--reason", "@LONG@" },
    "reason" },
  { "start reason blank", { "start", "@P0@", "--date", "2020-04-16", "--reason", " " },
    "reason" },
  { "start", { "start", "@P0@", "--date", "2020-04-22" }, NULL },
  { "extend id SQL", { "referral", "extend", "1; DROP TABLE referral" }, "number" },
  { "extend id long", { "referral", "extend", "@LONG@" }, "number" },
  { "extend id huge", { "referral", "extend", "99999999999999999999" }, "number" },
  { "extend id zero", { "referral", "extend", "0" }, "number" },
  { "extend id unknown", { "referral", "extend", "42" }, "referral number 42" },
  { "extend date 30 Feb", { "referral", "extend", "1", "--date", "2020-02-30" }, "--date" },
  { "extend date escape", { "referral", "extend", "1", "--date", "2020-06-01\x1b[2J" },
    "--date" },
  { "extend date far", { "referral", "extend", "1", "--date", "9999-12-31" }, "--date" },
  { "extend date future", { "referral", "extend", "1", "--date", "2024-06-02" }, "extension" },
  { "extend before decision", { "referral", "extend", "1", "--date", "2020-04-01" },
    "extension" },
  { "extend", { "referral", "extend", "1", "--date", "2020-06-01" }, NULL },
  { "extend past maximum", { "referral", "extend", "1", "--date", "2020-06-02" }, "maximum" },
  { "end-expired no date", { "referral", "end-expired" }, "--date" },
  { "end-expired date SQL", { "referral", "end-expired", "--date",
                              "2020'; DELETE FROM referral; --" }, "--date" },
  { "end-expired date long", { "referral", "end-expired", "--date", "@LONG@" }, "--date" },
  { "end-expired date 30 Feb", { "referral", "end-expired", "--date", "2020-02-30" },
    "--date" },
  { "end-expired date future", { "referral", "end-expired", "--date", "2024-06-02" },
    "after today" },
  { "end-expired dry run", { "referral", "end-expired", "--date", "2020-06-01", "--dry-run" },
    NULL },
  { "period rule service SQL", { "period-rule", "add", "--service", "KROM'; --", "--from",
                                 "2030-01-01", "--initial", "6", "--extension", "6", "--max",
                                 "12" }, "service" },
  { "period rule service long", { "period-rule", "add", "--service", "@LONG@", "--from",
                                  "2030-01-01", "--initial", "6", "--extension", "6", "--max",
                                  "12" }, "service" },
  { "period rule from 30 Feb", { "period-rule", "add", "--service", "KROM", "--from",
                                 "2030-02-30", "--initial", "6", "--extension", "6", "--max",
                                 "12" }, "--from" },
  { "period rule from escape", { "period-rule", "add", "--service", "KROM", "--from",
                                 "2030-01-01\x1b[2J", "--initial", "6", "--extension", "6",
                                 "--max", "12" }, "--from" },
  { "period rule months negative", { "period-rule", "add", "--service", "KROM", "--from",
                                     "2030-01-01", "--initial", "-6", "--extension", "6",
                                     "--max", "12" }, "--initial" },
  { "period rule months huge", { "period-rule", "add", "--service", "KROM", "--from",
                                 "2030-01-01", "--initial", "6", "--extension",
                                 "99999999999999999999", "--max", "12" }, "--extension" },
  { "period rule months text", { "period-rule", "add", "--service", "KROM", "--from",
                                 "2030-01-01", "--initial", "6", "--extension", "6", "--max",
                                 "12; --" }, "--max" },
  { "period rule max below initial", { "period-rule", "add", "--service", "KROM", "--from",
                                       "2030-01-01", "--initial", "9", "--extension", "3",
                                       "--max", "6" }, "maximum" },
  { "period rule changes recorded", { "period-rule", "add", "--service", "KROM", "--from",
                                      "2020-01-01", "--initial", "6", "--extension", "6",
                                      "--max", "12" }, "rule" },
  { "period rule", { "period-rule", "add", "--service", "KROM", "--from", "2030-01-01",
                     "--initial", "6", "--extension", "6", "--max", "12" }, NULL },
  { "choice rule service SQL", { "choice-rule", "add", "--service", "KROM'; --", "--from",
                                 "2030-01-01", "--workdays", "10" }, "service" },
  { "choice rule from 30 Feb", { "choice-rule", "add", "--service", "KROM", "--from",
                                 "2030-02-30", "--workdays", "10" }, "--from" },
  { "choice rule workdays 0", { "choice-rule", "add", "--service", "KROM", "--from",
                                "2030-01-01", "--workdays", "0" }, "from 1 to 60" },
  { "choice rule workdays 400", { "choice-rule", "add", "--service", "KROM", "--from",
                                  "2030-01-01", "--workdays", "400" }, "from 1 to 60" },
  { "choice rule workdays huge", { "choice-rule", "add", "--service", "KROM", "--from",
                                   "2030-01-01", "--workdays", "99999999999999999999" },
    "--workdays" },
  { "choice rule workdays text", { "choice-rule", "add", "--service", "KROM", "--from",
                                   "2030-01-01", "--workdays", "10; --" }, "--workdays" },
  { "choice rule", { "choice-rule", "add", "--service", "KROM", "--from", "2030-01-01",
                     "--workdays", "12" }, NULL },
  { "choice rule twice", { "choice-rule", "add", "--service", "KROM", "--from", "2030-01-01",
                           "--workdays", "15" }, "never changed" },
  { "choose id SQL", { "referral", "choose", "1; DROP TABLE referral", "--provider",
                       "2021002114" }, "number" },
  { "choose provider SQL", { "referral", "choose", "1", "--provider",
                             "'; DROP TABLE provider; --" }, "organisationsnummer" },
  { "choose not awaited", { "referral", "choose", "1", "--provider", "2021002114", "--date",
                            "2020-06-01" }, "no choice is awaited" },
  { "choose date 30 Feb", { "referral", "choose", "1", "--provider", "2021002114", "--date",
                            "2020-02-30" }, "--date" },
  { "assign default unknown", { "referral", "assign-default", "42" }, "referral number 42" },
  { "assign default id huge", { "referral", "assign-default", "99999999999999999999" },
    "number" },
  { "assign defaults date SQL", { "referral", "assign-defaults", "--date",
                                  "2020'; DELETE FROM referral; --" }, "--date" },
  { "assign defaults date future", { "referral", "assign-defaults", "--date", "2024-06-02" },
    "after today" },
  { "assign defaults dry run", { "referral", "assign-defaults", "--date", "2020-06-01",
                                 "--dry-run" }, NULL },
  { "end reason SQL", { "end", "@P0@", "--reason", "'; DROP TABLE referral; --", "--date",
                        "2020-09-30" }, "reason" },
  { "end reason long", { "end", "@P0@", "--reason", "@LONG@", "--date", "2020-09-30" },
    "reason" },
  { "end reason escape", { "end", "@P0@", "--reason", "jobb\x1b[2J", "--date", "2020-09-30" },
    "reason" },
  { "end date zero", { "end", "@P0@", "--reason", "jobb", "--date", "0000-00-00" }, "--date" },
  { "end date 30 Feb", { "end", "@P0@", "--reason", "jobb", "--date", "2020-02-30" },
    "--date" },
  { "new end reason code", { "end-reason", "add", "x'; --", "--kind", "result", "--label",
                             "X" }, "code" },
  { "new end reason bidi", { "end-reason", "add", "praktik", "--kind", "result", "--label",
                             "Prak\u202etik" }, "name" },
  { "new end reason long", { "end-reason", "add", "praktik", "--kind", "result", "--label",
                             "@LONG@" }, "name" },
  { "new end reason English bidi", { "end-reason", "add", "praktik", "--kind", "result",
                                     "--label", "Praktik", "--label-en", "Prac\u202etice" },
    "english name" },
  { "new end reason English blank", { "end-reason", "add", "praktik", "--kind", "result",
                                      "--label", "Praktik", "--label-en", " " },
    "english name" },
  { "end", { "end", "@P0@", "--reason", "jobb", "--date", "2020-09-30" }, NULL },
  { "correction reason newline", { "referral", "correct", "1", "--field", "level", "--value",
                                   "C", "--reason", "Fel\nnivå" }, "reason" },
  { "correction reason escape", { "referral", "correct", "1", "--field", "level", "--value",
                                  "C", "--reason", "Fel\x1b[2J" }, "reason" },
  { "correction reason bidi", { "referral", "correct", "1", "--field", "level", "--value",
                                "C", "--reason", "Fel\u202enivå" }, "reason" },
  { "correction reason long", { "referral", "correct", "1", "--field", "level", "--value",
                                "C", "--reason", "@LONG@" }, "reason" },
  { "correction reason not UTF-8", { "referral", "correct", "1", "--field", "level",
                                     "--value", "C", "--reason", "Fel\xc3" }, "reason" },
  { "correction value SQL", { "referral", "correct", "1", "--field", "level", "--value",
                              "C'; --", "--reason", "Fel nivå" }, "level" },
  { "correction", { "referral", "correct", "1", "--field", "level", "--value", "C",
                    "--reason", "  Fel nivå  " }, NULL },
  { "gallra date 30 Feb", { "gallra", "--ended-before", "2020-02-30", "--yes" },
    "--ended-before" },
  { "gallra date SQL", { "gallra", "--ended-before", "2020'; DELETE FROM seeker; --", "--yes" },
    "--ended-before" },
  { "audit from 13th month", { "audit", "--from", "2020-13-01" }, "--from" },
  { "audit to escape", { "audit", "--to", "2020-01-01\x1b[2J" }, "--to" },
  { "worklist date 30 Feb", { "worklist", "--date", "2020-02-30" }, "--date" },
  { "worklist date SQL", { "worklist", "--date", "2020'; --" }, "--date" },
  { "worklist officer SQL", { "worklist", "--officer", "x' OR 1=1; --" }, NULL },
  { "worklist officer escape", { "worklist", "--officer", "anna\x1b[2J\u202e" }, NULL },
  { "worklist officer long", { "worklist", "--officer", "@LONG@" }, NULL },
  { "worklist officer blank", { "worklist", "--officer", "" }, "--officer" },
  { "worklist format SQL", { "worklist", "--format", "csv'; --" }, "--format" },
};

static const HostileCase export_cases[] = {
  { "import path escape", { "import", "seekers", "@DIR@/no\x1b[2Jsu\u202ech.csv" },
    "cannot be read" },
  { "backup path escape", { "backup", "@DIR@/no\x1b[2J/ko\u202epia.db" },
    "does not exist" },
  { "restore path escape", { "restore", "@DIR@/ko\x1b[2Jpia\u202e.db", "--yes" },
    "cannot be opened" },
  { "export no folder", { "export", "seekers", "--output", "@DIR@/no/such/folder/x.csv" },
    "/no/such/folder does not exist" },
  { "export to a folder", { "export", "seekers", "--output", "@DIR@" }, "folder" },
  { "export path long", { "export", "seekers", "--output", "@LONGPATH@" },
    "name is too long" },
  { "export profile SQL", { "export", "seekers", "--output", "@DIR@/x.csv", "--profile",
                            "'; DROP TABLE seeker; --" }, "profile" },
  { "export path newline", { "export", "seekers", "--output", "@DIR@/two\nlines.csv" }, NULL },
  { "summary month", { "export", "summary", "--output", "@DIR@/s.csv", "--from", "0000-00" },
    "month" },
  { "summary breakdown SQL", { "summary", "--from", "2020-04", "--by",
                               "provider'; DROP TABLE summary_part; --" }, "no breakdown" },
  { "summary breakdown escape", { "summary", "--from", "2020-04", "--by", "ag\x1b[2Je\u202e" },
    "no breakdown" },
  { "export onto the database", { "export", "summary", "--output", "@DIR@/./anvisa.db" },
    "database in use" },
  { "export onto its log", { "export", "referrals", "--output", "@DIR@/anvisa.db-wal" },
    "database in use" },
  { "backup onto its log", { "backup", "@DIR@/anvisa.db-shm" }, "database in use" },
  /* An export never replaces a database; a backup only an earlier backup */
  { "backup, to be written over", { "backup", "@DIR@/bk1.db" }, NULL },
  { "export onto a backup", { "export", "summary", "--output", "@DIR@/bk1.db" },
    "is a database" },
  { "export onto another database", { "export", "seekers", "--output", "@DIR@/./bk1.db" },
    "is a database" },
  { "backup onto an earlier backup", { "backup", "@DIR@/bk1.db" }, NULL },
  { "export, to be written over", { "export", "summary", "--output", "@DIR@/s2.csv" }, NULL },
  { "export onto an earlier export", { "export", "summary", "--output", "@DIR@/s2.csv" },
    NULL },
  { "backup onto an export", { "backup", "@DIR@/s2.csv" }, "is not a backup" },
  /* A log beside an earlier backup: something may have it open */
  { "export, named as a backup's log", { "export", "summary", "--output",
                                         "@DIR@/bk1.db-wal" }, NULL },
  { "backup onto a backup with a log beside it", { "backup", "@DIR@/bk1.db" },
    "may be open" },
  /* Publishing: a month, a note, a threshold */
  { "publish month SQL", { "publish", "close", "2020-04'; DROP TABLE summary; --" }, "month" },
  { "publish month escape", { "publish", "close", "20\x1b[2J20-04" }, "month" },
  { "publish month short", { "publish", "revisions", "2020-4" }, "month" },
  { "publish note two lines", { "publish", "close", "2020-04", "--note", "rad\nrad" }, "note" },
  { "publish note long", { "publish", "close", "2020-04", "--note", "@LONG@" }, "note" },
  { "publish note formula", { "publish", "close", "2020-04", "--note", "=SUM(A1)" }, NULL },
  { "publish twice", { "publish", "close", "2020-04" }, "closed already" },
  { "publish threshold huge", { "export", "summary", "--publish", "--threshold",
                                "99999999999999999999", "--output", "@DIR@/p.csv" },
    "threshold" },
  { "publish threshold negative", { "export", "summary", "--publish", "--threshold", "-5",
                                    "--output", "@DIR@/p.csv" }, "threshold" },
  { "publish export", { "export", "summary", "--publish", "--from", "2020-04", "--output",
                        "@DIR@/p.csv" }, NULL },
};

static void
test_cli_seekers (Fixture       *f,
                  gconstpointer  data)
{
  run_cases (f, seeker_cases, G_N_ELEMENTS (seeker_cases));
}

static void
test_cli_providers (Fixture       *f,
                    gconstpointer  data)
{
  run_cases (f, provider_cases, G_N_ELEMENTS (provider_cases));
}

static void
test_cli_referrals (Fixture       *f,
                    gconstpointer  data)
{
  run_cases (f, referral_cases, G_N_ELEMENTS (referral_cases));
}

static void
test_cli_exports (Fixture       *f,
                  gconstpointer  data)
{
  /* Paths onto the database's file, its log, its backups */
  if (anv_test_on_server ())
    {
      g_test_skip ("needs a SQLite file");
      return;
    }
  run_cases (f, export_cases, G_N_ELEMENTS (export_cases));
}

/* Invisible characters: refused in every name, saying which and where */

typedef struct
{
  HostileCase case_;
  const char *says;       /* the code point and position the message gives */
} InvisibleCase;

static const InvisibleCase invisible_cases[] = {
  { { "name zero width space", { "seeker", "add", "-p", "@P1@", "-n", "Anna\u200b Berg", "-m",
                                 "2480" }, "name" }, "(u+200b) at position 5" },
  { { "name BOM", { "seeker", "add", "-p", "@P1@", "-n", "\ufeffAnna Berg", "-m", "2480" },
      "name" }, "(u+feff) at position 1" },
  { { "name soft hyphen", { "seeker", "add", "-p", "@P1@", "-n", "Anna Ber\u00adg", "-m",
                            "2480" }, "name" }, "(u+00ad) at position 9" },
  { { "name word joiner", { "seeker", "add", "-p", "@P1@", "-n", "An\u2060na", "-m", "2480" },
      "name" }, "(u+2060) at position 3" },
  { { "name Hangul filler", { "seeker", "add", "-p", "@P1@", "-n", "Anna \u3164", "-m",
                              "2480" }, "name" }, "(u+3164) at position 6" },
  { { "provider name zero width", { "provider", "add", "--orgnr", "202100-5448", "--name",
                                    "Rusta\u200c AB", "--municipality", "2480" }, "name" },
    "(u+200c) at position 6" },
  { { "area name soft hyphen", { "area", "add", "Umeå\u00adregionen", "--service", "KROM",
                                 "--municipalities", "2480" }, "name" },
    "(u+00ad) at position 5" },
  { { "end reason zero width", { "end-reason", "add", "praktik", "--kind", "result", "--label",
                                 "Prak\u200btik" }, "name" }, "(u+200b) at position 5" },
  { { "correction reason BOM", { "referral", "correct", "1", "--field", "level", "--value", "C",
                                 "--reason", "Fel\ufeff nivå" }, "reason" },
    "(u+feff) at position 4" },
};

static void
test_cli_invisible (Fixture       *f,
                    gconstpointer  data)
{
  Result r;

  /* Referral 1, for the correction's reason. */
  assert_ok (RUN (f, "refer", "@P0@", "--level", "B", "--provider", "2021002114", "--decided",
                  "2020-04-06"));
  for (gsize i = 0; i < G_N_ELEMENTS (invisible_cases); i++)
    {
      const InvisibleCase *c = &invisible_cases[i];
      g_autofree char *folded = NULL;

      r = run_cli (f, c->case_.args);
      g_test_message ("%s: status %d, %s", c->case_.what, r.status, r.err);
      assert_fit_to_show (c->case_.what, r.err);
      folded = g_utf8_casefold (r.err, -1);
      if (r.status != 1)
        case_failed ("%s: not refused (status %d)", c->case_.what, r.status);
      else if (strstr (folded, c->case_.field) == NULL || strstr (folded, c->says) == NULL)
        case_failed ("%s: the message does not say “%s” and “%s”: %.300s", c->case_.what,
                     c->case_.field, c->says, r.err);
      result_clear (&r);
      assert_integrity (f);
    }

  /* A no-break space looks like a space, and is stored as one: the name
   * is then found as typed with ordinary spaces. */
  assert_ok (RUN (f, "seeker", "add", "-p", "@P3@", "-n", "Bo\u00a0Ek", "-m", "2480"));
  r = RUN (f, "seeker", "search", "Bo Ek");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Bo Ek"));
  g_assert_null (strstr (r.out, "\u00a0"));
  result_clear (&r);
}

/* Stored and exported safely */

typedef struct
{
  const char *name;       /* as given */
  const char *exported;   /* the cell as a spreadsheet must see it */
} StoredName;

static const StoredName stored_names[] = {
  { "=1+1", "'=1+1" },
  { "+46 70 123", "'+46 70 123" },
  { "-5 Svensson", "'-5 Svensson" },
  { "@SUM(A1)", "'@SUM(A1)" },
  { "'; DROP TABLE seeker; --", "'; DROP TABLE seeker; --" },
  { "Anna \"Q\" Åberg; Berg, Ek", "Anna \"Q\" Åberg; Berg, Ek" },
  { "\tTabb", "Tabb" },
  { "\rRetur", "Retur" },
  { "=HYPERLINK(\"http://x\";\"y\")", "'=HYPERLINK(\"http://x\";\"y\")" },
};

/* The exported file's cells in @column for the rows whose first cell
 * is @key. */
static char *
exported_cell (const char *path,
               const char *key,
               guint       column)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvCsvReader) reader = anv_csv_reader_new_for_path (path, &error);

  g_assert_no_error (error);
  while (anv_csv_reader_next (reader, &error))
    if (strcmp (anv_csv_reader_field (reader, 0), key) == 0)
      return g_strdup (anv_csv_reader_field (reader, column));
  g_assert_no_error (error);
  return NULL;
}

static void
test_stored_and_exported (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "seekers.csv", NULL);
  g_autofree char *referrals = g_build_filename (f->dir, "referrals.csv", NULL);
  g_autofree char *provider_cell = NULL;
  g_autofree char *formatted0 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (stored_names); i++)
    assert_ok (RUN (f, "seeker", "add", "-p", f->pnr[i + 1], "-n", stored_names[i].name,
                    "-m", "0180"));
  assert_integrity (f);
  assert_ok (RUN (f, "export", "seekers", "--output", csv, "--full-personnummer",
                  "--profile", "rfc4180"));

  for (guint i = 0; i < G_N_ELEMENTS (stored_names); i++)
    {
      g_autofree char *formatted = g_strdup_printf ("%.8s-%s", f->pnr[i + 1],
                                                    f->pnr[i + 1] + 8);
      g_autofree char *cell = exported_cell (csv, formatted, 1);

      g_assert_cmpstr (cell, ==, stored_names[i].exported);
    }

  /* The provider's formula-like name, in the referrals export. */
  assert_ok (RUN (f, "refer", f->pnr[0], "--level", "B", "--provider", "2021002114",
                  "--decided", "2020-04-06"));
  assert_ok (RUN (f, "export", "referrals", "--output", referrals, "--full-personnummer",
                  "--profile", "rfc4180"));
  formatted0 = g_strdup_printf ("%.8s-%s", f->pnr[0], f->pnr[0] + 8);
  provider_cell = exported_cell (referrals, formatted0, 10);
  g_assert_cmpstr (provider_cell, ==, "'=Rusta Norr AB");
  assert_integrity (f);
}

/* CSV imports: every hostile cell is reported on its line and column, and
 * nothing is stored. */

typedef struct
{
  const char *what;
  const char *cell_pnr;
  const char *cell_name;
  const char *cell_municipality;
  const char *column;      /* the heading the message must name */
  gsize       nul_at;      /* > 0: a NUL byte replaces the byte there in the name */
} ImportCase;

static const ImportCase import_cases[] = {
  { "name NUL", "@P2@", "Anna Berg", "2480", "namn", 3 },
  { "name newline", "@P2@", "\"Anna\nBerg\"", "2480", "namn", 0 },
  { "name bidi", "@P2@", "Anna\u202eBerg", "2480", "namn", 0 },
  { "name escape", "@P2@", "Anna\x1b[2J", "2480", "namn", 0 },
  { "name not UTF-8", "@P2@", "\x81sa", "2480", "namn", 0 },
  { "name long", "@P2@", "@LONG@", "2480", "namn", 0 },
  { "pnr SQL", "'; DROP TABLE seeker; --", "Anna", "2480", "personnummer", 0 },
  { "pnr long", "@LONG@", "Anna", "2480", "personnummer", 0 },
  { "pnr formula", "=1+1", "Anna", "2480", "personnummer", 0 },
  { "municipality SQL", "@P2@", "Anna", "2480'; DROP TABLE seeker; --", "kommun", 0 },
  { "municipality long", "@P2@", "Anna", "@LONG@", "kommun", 0 },
  { "municipality tab", "@P2@", "Anna", "\t2480\x1b", "kommun", 0 },
};

static void
test_import_cells (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      const ImportCase *c = &import_cases[i];
      g_autofree char *pnr = expand (f, c->cell_pnr);
      g_autofree char *name = expand (f, c->cell_name);
      g_autofree char *municipality = expand (f, c->cell_municipality);
      g_autofree char *good = expand (f, "@P3@");
      g_autofree char *path = g_build_filename (f->dir, "import.csv", NULL);
      g_autoptr (GString) file = g_string_new ("personnummer;namn;kommun\r\n");
      g_autoptr (GError) error = NULL;
      g_autofree char *line = NULL;
      g_autofree char *folded = NULL;
      gsize name_at;
      Result r;

      g_string_append_printf (file, "%s;Bo Ek;2480\r\n", good);
      g_string_append_printf (file, "%s;", pnr);
      name_at = file->len;
      g_string_append_printf (file, "%s;%s\r\n", name, municipality);
      if (c->nul_at > 0)
        file->str[name_at + c->nul_at] = '\0';
      g_file_set_contents (path, file->str, (gssize) file->len, &error);
      g_assert_no_error (error);

      r = RUN (f, "import", "seekers", path);
      g_test_message ("%s: status %d, %s", c->what, r.status, r.err);
      assert_fit_to_show (c->what, r.err);
      line = g_strdup_printf ("line 3, column %s:", c->column);
      folded = g_utf8_casefold (r.err, -1);
      if (r.status != 1)
        case_failed ("%s: not refused (status %d)", c->what, r.status);
      else if (strstr (folded, line) == NULL)
        case_failed ("%s: the message does not name %s: %.300s", c->what, line, r.err);
      result_clear (&r);

      /* All or nothing: the good row was not stored either. */
      r = RUN (f, "seeker", "show", good);
      g_assert_cmpint (r.status, ==, 1);
      result_clear (&r);
      assert_integrity (f);
    }
}

/* A value beyond the header's columns, most often a name holding the
 * separator without quotation marks, would be lost: the row is refused. */
static void
test_import_extra_field (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "extra.csv", NULL);
  g_autofree char *contents = g_strdup_printf ("personnummer;namn;kommun\r\n"
                                               "%s;Berg; Anna;2480\r\n", f->pnr[2]);
  g_autofree char *folded = NULL;
  g_autoptr (GError) error = NULL;
  Result r;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  r = RUN (f, "import", "seekers", path);
  g_assert_cmpint (r.status, ==, 1);
  folded = g_utf8_casefold (r.err, -1);
  g_assert_nonnull (strstr (folded, "line 2: the row has 4 fields"));
  result_clear (&r);
  assert_integrity (f);
}

/* Whole files in the wrong format, for each import: refused with a
 * message that says what the file is (in its words, case-folded), and
 * nothing stored. @LONGLINE@ is a line of 2 MiB, past the limit. */

typedef struct
{
  const char *what;
  const char *bytes;
  gssize      length;     /* -1: made by the test, and the message need not name the file */
  const char *says;
} HostileFile;

#define FILE_BYTES(literal) literal, (gssize) sizeof (literal) - 1

static const HostileFile hostile_files[] = {
  { "xlsx", FILE_BYTES ("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0[Content_Types].xml"),
    "is an excel workbook (.xlsx)" },
  { "ods", FILE_BYTES ("PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/"
                       "vnd.oasis.opendocument.spreadsheet"),
    "is a libreoffice calc spreadsheet (.ods)" },
  { "xls", FILE_BYTES ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"),
    "is an excel workbook (.xls)" },
  { "UTF-16", FILE_BYTES ("\xff\xfes\0e\0r\0v\0i\0c\0e\0\t\0"), "utf-16" },
  { "UTF-16 without BOM", FILE_BYTES ("o\0r\0g\0n\0r\0\t\0n\0a\0m\0e\0\r\0\n\0"),
    "utf-16" },
  { "Windows-1252 header", FILE_BYTES ("tj\xe4nst;namn;kommun;personnummer;orgnr;fr\xe5n\n"),
    "windows-1252 (“ansi”)" },
  { "a line past the limit", "@LONGLINE@", -1, "line 2 is longer than 1 mib" },
  { "an unclosed quotation mark", "@UNCLOSED@", -1,
    "the row that starts on line 2 is longer than 1 mib" },
};

static void
test_import_files (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const commands[][3] = {
    { "import", "seekers", "personnummer;namn;kommun\n" },
    { "import", "providers", "orgnr;namn;kommun\n" },
    { "availability", "import", "service;kommun;valid_from\n" },
  };
  g_autofree char *path = g_build_filename (f->dir, "hostile.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        const HostileFile *h = &hostile_files[i];
        g_autoptr (GString) file = g_string_new (NULL);
        g_autoptr (GError) error = NULL;
        g_autofree char *folded = NULL;
        Result r;

        if (strcmp (h->bytes, "@LONGLINE@") == 0)
          {
            g_string_append (file, commands[c][2]);
            for (guint j = 0; j < 2 * 1024 * 1024 / 8; j++)
              g_string_append (file, "aaaaaaaa");
            g_string_append (file, "\n");
          }
        else if (strcmp (h->bytes, "@UNCLOSED@") == 0)
          {
            g_string_append (file, commands[c][2]);
            g_string_append (file, "\"");
            for (guint j = 0; j < 2 * 1024 * 1024 / 16; j++)
              g_string_append (file, "aaaaaaa;aaaaaaa\n");
          }
        else
          g_string_append_len (file, h->bytes, h->length);
        g_file_set_contents (path, file->str, (gssize) file->len, &error);
        g_assert_no_error (error);

        r = RUN (f, commands[c][0], commands[c][1], path);
        g_test_message ("%s, %s %s: status %d, %s", h->what, commands[c][0], commands[c][1],
                        r.status, r.err);
        assert_fit_to_show (h->what, r.err);
        folded = g_utf8_casefold (r.err, -1);
        if (r.status != 1)
          case_failed ("%s, %s %s: not refused (status %d)", h->what, commands[c][0],
                       commands[c][1], r.status);
        else if (strstr (folded, h->says) == NULL
                 || (h->length != -1 && strstr (folded, "hostile.csv") == NULL))
          case_failed ("%s, %s %s: the message does not say “%s” (and name the file): %.300s",
                       h->what, commands[c][0], commands[c][1], h->says, r.err);
        result_clear (&r);
        assert_integrity (f);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hostile/cli/seekers", Fixture, NULL,
              fixture_set_up, test_cli_seekers, fixture_tear_down);
  g_test_add ("/hostile/cli/providers", Fixture, NULL,
              fixture_set_up, test_cli_providers, fixture_tear_down);
  g_test_add ("/hostile/cli/referrals", Fixture, NULL,
              fixture_set_up, test_cli_referrals, fixture_tear_down);
  g_test_add ("/hostile/cli/exports", Fixture, NULL,
              fixture_set_up, test_cli_exports, fixture_tear_down);
  g_test_add ("/hostile/cli/invisible", Fixture, NULL,
              fixture_set_up, test_cli_invisible, fixture_tear_down);
  g_test_add ("/hostile/stored-and-exported", Fixture, NULL,
              fixture_set_up, test_stored_and_exported, fixture_tear_down);
  g_test_add ("/hostile/import-extra-field", Fixture, NULL,
              fixture_set_up, test_import_extra_field, fixture_tear_down);
  g_test_add ("/hostile/import-cells", Fixture, NULL,
              fixture_set_up, test_import_cells, fixture_tear_down);
  g_test_add ("/hostile/import-files", Fixture, NULL,
              fixture_set_up, test_import_files, fixture_tear_down);

  return g_test_run ();
}
