/* test-server.c — many anvisa-cli on one server database, and the server stopped under them
 *
 * Runs in the suite "server" only, against the throwaway cluster that
 * ./setup.sh test starts (ANVISA_TEST_SERVER); /server/restart also needs
 * the command that stops that cluster at once and starts it again
 * (ANVISA_TEST_SERVER_RESTART), and runs alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <libpq-fe.h>

#include "anv-approvals.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-providers.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"
#include "anv-summary.h"
#include "anv-test-util.h"

#define KROM_UMEA       "2021002114"
#define KROM_UMEA_OTHER "5560360793"
#define SLICE           8       /* job seekers per file */
#define ROUNDS          3
#define N_OWN           6       /* clients, each with job seekers of its own */
#define N_GROUPS        3       /* files of job seekers shared … */
#define PER_GROUP       8       /* … each by this many clients */
#define N_CLIENTS       (N_OWN + N_GROUPS * PER_GROUP)
#define N_RESTART       8       /* clients while the server is stopped and started */
#define RESTART_ROUNDS  6

typedef struct
{
  AnvDb     *db;
  char      *dir;
  GPtrArray *numbers;   /* Skatteverket's test personnummer */
  guint      next;      /* the next unused number */
} Fixture;

typedef struct
{
  GPid  pid;
  int   out_fd;
  int   err_fd;
} Child;

/* What the clients reported, over all of them. */
typedef struct
{
  guint decided;
  guint started;
  guint changed;
  guint ended;
  guint refused;
  guint unsaved;
  guint unknown;    /* the connection went at the commit and stayed away */
} Reported;

/* TRUE, and the case skipped, when there is no server to test against. */
static gboolean
skip_without_server (void)
{
  if (anv_test_on_server ())
    return FALSE;
  g_test_skip ("needs a server (ANVISA_TEST_SERVER; ./setup.sh test starts one)");
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  g_autoptr (AnvProvider) other = NULL;
  const char *codes[] = { "2480", NULL };
  GDate today, from;

  if (!anv_test_on_server ())
    return;
  f->db = anv_test_open_db (&f->dir);
  f->numbers = anv_test_load_personnummer ("1960", "1990", TRUE, 0);
  g_assert_cmpuint (f->numbers->len, >, N_OWN * SLICE + N_GROUPS * SLICE + N_RESTART * SLICE);

  anv_test_date (&today, 2026, 11, 22);
  anv_test_date (&from, 2014, 1, 1);
  provider = anv_providers_add (f->db, KROM_UMEA, "Rusta Norr AB", "2480", &today, &error);
  g_assert_no_error (error);
  other = anv_providers_add (f->db, KROM_UMEA_OTHER, "Matcha Väst AB", "2480", &today, &error);
  g_assert_no_error (error);
  anv_areas_add (f->db, "Umeåregionen", ANV_SERVICE_KROM, codes, &error);
  g_assert_no_error (error);
  anv_providers_approve (f->db, KROM_UMEA, "Umeåregionen", &from, NULL, &today, &error);
  g_assert_no_error (error);
  anv_providers_approve (f->db, KROM_UMEA_OTHER, "Umeåregionen", &from, NULL, &today, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->db != NULL)
    anv_test_close_db (&f->db, &f->dir);
  g_clear_pointer (&f->numbers, g_ptr_array_unref);
}

/* A seeker file of the next @n test numbers; @out_numbers receives them. */
static char *
write_slice (Fixture    *f,
             const char *name,
             GPtrArray **out_numbers)
{
  g_autoptr (GString) csv = g_string_new ("personnummer;namn;kommun\n");

  *out_numbers = g_ptr_array_new ();
  for (guint i = 0; i < SLICE; i++)
    {
      const char *number = g_ptr_array_index (f->numbers, f->next++);

      g_ptr_array_add (*out_numbers, (gpointer) number);
      g_string_append_printf (csv, "%s;Prov Person %u;2480\n", number, f->next);
    }
  return anv_test_write_file (f->dir, name, csv->str);
}

static Child
spawn_stress (Fixture    *f,
              const char *file,
              gboolean    import,
              const char *first,
              const char *rounds)
{
  /* Those that share their job seekers decide for all of them first. */
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", anv_db_get_path (f->db), "stress", file,
    "--rounds", rounds, "--first", first, "--pause", "1", "--change-to", KROM_UMEA_OTHER,
    import ? "--import" : "--batch", NULL
  };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "ANVISA_TODAY", "2026-11-22", TRUE);
  g_autoptr (GError) error = NULL;
  Child child = { 0 };

  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &child.pid, NULL, &child.out_fd, &child.err_fd, &error);
  g_assert_no_error (error);
  return child;
}

/* Waits for @child and checks what it reported: every write it said it
 * committed is in the database. Returns its standard output. */
static char *
finish_child (AnvDb    *db,
              Child    *child,
              Reported *reported)
{
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  char *out;
  int status = 0;

  out = anv_test_read_fd (child->out_fd);
  err = anv_test_read_fd (child->err_fd);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_spawn_close_pid (child->pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || err[0] != '\0')
    g_error ("a client failed (status %d): %s", status, err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) w = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (w);

      if (n == 0)
        continue;
      if (n == 3 && strcmp (w[0], "decided") == 0)
        {
          g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral r "
                                              "JOIN seeker s ON s.id = r.seeker_id "
                                              "WHERE s.personnummer = ?1 AND r.id = ?2",
                                              w[2], g_ascii_strtoll (w[1], NULL, 10)), ==, 1);
          reported->decided++;
        }
      else if (n == 2 && strcmp (w[0], "started") == 0)
        reported->started++;
      else if (n == 2 && strcmp (w[0], "changed") == 0)
        reported->changed++;
      else if (n == 3 && strcmp (w[0], "ended") == 0)
        reported->ended++;
      else if (n == 2 && strcmp (w[0], "refused") == 0)
        reported->refused++;
      else if (n == 2 && strcmp (w[0], "unsaved") == 0)
        reported->unsaved++;
      else if (n == 2 && strcmp (w[0], "unknown") == 0)
        reported->unknown++;
      else if (n != 2 || strcmp (w[0], "imported") != 0)
        g_error ("unexpected line from a client: “%s”", lines[i]);
    }
  return out;
}

static gint64
count_referrals (AnvDb     *db,
                 GPtrArray *numbers)
{
  gint64 found = 0;

  for (guint i = 0; i < numbers->len; i++)
    found += anv_test_query_int (db, "SELECT count(*) FROM referral r JOIN seeker s "
                                 "ON s.id = r.seeker_id WHERE s.personnummer = ?1",
                                 g_ptr_array_index (numbers, i), 0);
  return found;
}

/* The rules hold whatever the clients did: one open referral per person,
 * one provider row per change, the summary equal to a recount. */
static void
assert_rules_hold (AnvDb          *db,
                   const Reported *reported)
{
  g_assert_cmpint (anv_test_query_int (db,
                                       "SELECT coalesce (max (c), 0) FROM (SELECT count(*) AS c "
                                       "FROM referral WHERE ended_on IS NULL AND annulled = 0 "
                                       "GROUP BY seeker_id) AS open_ones", NULL, 0), <=, 1);
  g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral WHERE started_on "
                                       "IS NOT NULL", NULL, 0), >=, reported->started);
  g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral WHERE ended_on "
                                       "IS NOT NULL", NULL, 0), >=, reported->ended);
  anv_test_assert_summary_matches_recount (db, "2020-01", "2022-12", "24");
}

static void
import_file (AnvDb      *db,
             const char *file)
{
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  GDate today;

  anv_test_date (&today, 2026, 11, 22);
  anv_seekers_import (db, file, &today, &report, &error);
  g_assert_no_error (error);
}

/* At least 30 clients, each its own connection, deciding, starting,
 * changing and ending referrals, most of them on job seekers others work
 * on at the same moment. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  GPtrArray *own[N_OWN] = { NULL };
  GPtrArray *shared[N_GROUPS] = { NULL };
  char *own_files[N_OWN] = { NULL };
  char *shared_files[N_GROUPS] = { NULL };
  Child children[N_CLIENTS];
  g_autoptr (GTimer) timer = g_timer_new ();
  Reported reported = { 0 };
  guint decided_own[N_OWN] = { 0 };
  gint64 found_shared = 0;
  guint c = 0;

  if (skip_without_server ())
    return;

  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *name = g_strdup_printf ("shared-%u.csv", g);

      shared_files[g] = write_slice (f, name, &shared[g]);
      import_file (f->db, shared_files[g]);
    }
  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *name = g_strdup_printf ("own-%u.csv", i);

      own_files[i] = write_slice (f, name, &own[i]);
    }

  g_timer_start (timer);
  for (guint i = 0; i < N_OWN; i++)
    children[c++] = spawn_stress (f, own_files[i], TRUE, "2020-04-01", G_STRINGIFY (ROUNDS));
  for (guint g = 0; g < N_GROUPS; g++)
    for (guint k = 0; k < PER_GROUP; k++)
      {
        g_autofree char *first = g_strdup_printf ("2020-04-%02u", 1 + k);

        children[c++] = spawn_stress (f, shared_files[g], FALSE, first, G_STRINGIFY (ROUNDS));
      }
  g_assert_cmpuint (c, ==, N_CLIENTS);
  g_assert_cmpuint (N_CLIENTS, >=, 30);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      Reported mine = { 0 };
      g_autofree char *out = finish_child (f->db, &children[i], &mine);

      if (i < N_OWN)
        decided_own[i] = mine.decided;
      reported.decided += mine.decided;
      reported.started += mine.started;
      reported.changed += mine.changed;
      reported.ended += mine.ended;
      reported.refused += mine.refused;
      reported.unsaved += mine.unsaved;
    }

  /* No write lost: every decision reported is there, and no other. */
  for (guint i = 0; i < N_OWN; i++)
    {
      g_assert_cmpuint (decided_own[i], ==, SLICE * ROUNDS);
      g_assert_cmpint (count_referrals (f->db, own[i]), ==, decided_own[i]);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    found_shared += count_referrals (f->db, shared[g]);
  {
    guint decided_shared = reported.decided;

    for (guint i = 0; i < N_OWN; i++)
      decided_shared -= decided_own[i];
    g_assert_cmpint (found_shared, ==, decided_shared);
  }
  g_assert_cmpuint (reported.unsaved + reported.unknown, ==, 0);
  assert_rules_hold (f->db, &reported);
  /* The clients on the same job seekers did meet, and changes were made. */
  g_assert_cmpuint (reported.refused, >, 0);
  g_assert_cmpuint (reported.changed, >, 0);

  g_test_message ("%d clients on one server database in %.1f s: %u decided, %u started, "
                  "%u changed, %u ended, %u refused by the rules; no write lost",
                  N_CLIENTS, g_timer_elapsed (timer, NULL), reported.decided, reported.started,
                  reported.changed, reported.ended, reported.refused);

  for (guint i = 0; i < N_OWN; i++)
    {
      g_ptr_array_unref (own[i]);
      g_free (own_files[i]);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_ptr_array_unref (shared[g]);
      g_free (shared_files[g]);
    }
}

/* The server stopped at once (as by a power cut) while clients write, and
 * started again: every write a client reported is there, the clients
 * connect again and go on, and the summary adds up. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  const char *restart = g_getenv ("ANVISA_TEST_SERVER_RESTART");
  GPtrArray *numbers[N_RESTART] = { NULL };
  char *files[N_RESTART] = { NULL };
  Child children[N_RESTART];
  Reported reported = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *restart_out = NULL;
  g_autofree char *restart_err = NULL;
  int status = 0;
  gint64 found = 0;

  if (!anv_test_on_server () || restart == NULL || *restart == '\0')
    {
      g_test_skip ("needs a server and the command that restarts it "
                   "(ANVISA_TEST_SERVER_RESTART; ./setup.sh test sets both)");
      return;
    }

  for (guint i = 0; i < N_RESTART; i++)
    {
      g_autofree char *name = g_strdup_printf ("restart-%u.csv", i);

      files[i] = write_slice (f, name, &numbers[i]);
    }
  for (guint i = 0; i < N_RESTART; i++)
    children[i] = spawn_stress (f, files[i], TRUE, "2020-04-01", G_STRINGIFY (RESTART_ROUNDS));

  /* Let them write, then cut the server off under them. */
  g_usleep (1500 * 1000);
  g_spawn_command_line_sync (restart, &restart_out, &restart_err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the restart failed: %s%s", restart_out, restart_err);

  for (guint i = 0; i < N_RESTART; i++)
    {
      Reported mine = { 0 };
      g_autofree char *out = finish_child (f->db, &children[i], &mine);

      reported.decided += mine.decided;
      reported.started += mine.started;
      reported.ended += mine.ended;
      reported.unsaved += mine.unsaved;
      reported.unknown += mine.unknown;
    }
  for (guint i = 0; i < N_RESTART; i++)
    found += count_referrals (f->db, numbers[i]);

  /* Every decision reported is there (finish_child() checked each by its
   * id); one reported as not saved is not, even when only the answer to
   * its commit was lost: the client asked the server what became of it.
   * Only one whose client could not reach the server again to ask may be. */
  g_assert_cmpint (found, >=, reported.decided);
  g_assert_cmpint (found, <=, reported.decided + reported.unknown);
  /* The server did go away under them, and they went on after it. */
  g_assert_cmpuint (reported.unsaved + reported.unknown, >, 0);
  g_assert_cmpuint (reported.decided, >, 0);
  assert_rules_hold (f->db, &reported);

  g_test_message ("%d clients through an immediate stop and start of the server: %u decided, "
                  "%u started, %u ended, %u writes reported as not saved, %u as not known; "
                  "every reported write found", N_RESTART, reported.decided, reported.started,
                  reported.ended, reported.unsaved, reported.unknown);

  for (guint i = 0; i < N_RESTART; i++)
    {
      g_ptr_array_unref (numbers[i]);
      g_free (files[i]);
    }
}

/* An officer's login, a member of anvisa_officers as README.md tells an
 * office to grant it, works through Anvisa, and cannot empty, change or
 * unguard the audit log, nor write in another's name. */
static void
test_officer_rights (Fixture       *f,
                     gconstpointer  data)
{
  const char *refused[] = {
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete",
    "DELETE FROM audit_log",
    "UPDATE audit_log SET actor = 'x'",
    "DROP TABLE audit_log",
    "DELETE FROM anvisa_schema",
    "UPDATE anvisa_schema SET version = 1",
  };
  g_autofree char *officer = NULL;
  g_autofree char *state = NULL;
  const char *argv[] = { g_getenv ("ANVISA_CLI"), "--database", NULL, "seeker", "add",
                         "--personnummer", "19121212-1212", "--name", "Tolvan Tolvansson",
                         "--municipality", "0180", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (skip_without_server ())
    return;

  /* A later keyword wins: the same database as the login "officer". */
  officer = g_strconcat (anv_db_get_path (f->db), " user=officer", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *got = anv_test_run_as (officer, refused[i]);

      g_test_message ("%s: %s", refused[i], got);
      /* 42501: no right to it; 42501 or "must be owner" (also 42501) */
      g_assert_cmpstr (got, ==, "42501");
    }

  argv[2] = officer;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the officer could not register: %s", err);

  /* The entry names the login that wrote it, whatever it claims. */
  state = anv_test_run_as (officer, "INSERT INTO audit_log (actor, action, entity) "
                           "VALUES ('somebody-else', 'test', 'seeker')");
  g_assert_cmpstr (state, ==, "");
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE actor = 'officer' AND action = 'seeker.add'",
                                       NULL, 0), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE actor = 'somebody-else'", NULL, 0), ==, 0);
}

/* Another connection hears with a save's commit what it changed: the
 * summary's cell (service, municipality, month of the decision), and that
 * something was saved (no payload); a save rolled back is never heard. */
static void
test_notify_what (Fixture       *f,
                  gconstpointer  data)
{
  AnvSeekerInput seeker_input = { "19121212-1212", "Tolvan Tolvansson", "2480", NULL, FALSE };
  AnvReferralInput input = { 0 };
  g_autoptr (AnvSeeker) seeker = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  AnvReferral *referral;
  PGconn *listener;
  PGnotify *notify;
  GDate today, decided;
  gboolean saved_heard = FALSE;

  if (skip_without_server ())
    return;

  listener = anv_test_connect_as (anv_db_get_path (f->db));
  PQclear (PQexec (listener, "LISTEN anvisa"));

  anv_test_date (&today, 2026, 11, 22);
  seeker = anv_seekers_add (f->db, &seeker_input, &today, &error);
  g_assert_no_error (error);

  /* Refused (a provider not registered) and rolled back: nothing to hear. */
  anv_test_date (&decided, 2026, 11, 20);
  input.personnummer = "19121212-1212";
  input.service = ANV_SERVICE_KROM;
  input.level = "A";
  input.choice = ANV_CHOICE_OWN;
  input.decided_on = &decided;
  input.provider_orgnr = "5591849242";
  g_assert_null (anv_referrals_decide (f->db, &input, &today, &error));
  g_clear_error (&error);

  input.provider_orgnr = KROM_UMEA;
  referral = anv_referrals_decide (f->db, &input, &today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&referral, anv_referral_free);

  /* The registration's commit, then the decision's: two without payload. */
  for (int waits = 0; waits < 100; waits++)
    {
      struct pollfd readable = { PQsocket (listener), POLLIN, 0 };
      guint empty = 0;

      (void) poll (&readable, 1, 100);
      g_assert_true (PQconsumeInput (listener));
      while ((notify = PQnotifies (listener)) != NULL)
        {
          g_ptr_array_add (heard, g_strdup (notify->extra));
          PQfreemem (notify);
        }
      for (guint i = 0; i < heard->len; i++)
        empty += *(char *) g_ptr_array_index (heard, i) == '\0';
      if ((saved_heard = empty >= 2))
        break;
    }
  PQfinish (listener);

  g_assert_true (saved_heard);
  g_assert_cmpuint (heard->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (heard, 0), ==, "");
  g_assert_cmpstr (g_ptr_array_index (heard, 1), ==, "KROM 2480 2026-11");
  g_assert_cmpstr (g_ptr_array_index (heard, 2), ==, "");
}

/* A read in a snapshot goes through a cursor whose next batch is asked
 * for while the rows of this one are read: other statements between two
 * rows, at a batch's edge too, and a cursor left halfway, take the batch
 * in first and lose no row. */
static void
test_cursor_interleaved (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt, *other;
  gint64 expected = 1, one = 0;
  AnvDbStep step;

  if (skip_without_server ())
    return;

  g_assert_true (anv_db_begin_read (f->db, &error));
  g_assert_no_error (error);
  stmt = anv_db_prepare (f->db, "test/series",
                         "SELECT g FROM generate_series (1, 12345) AS g ORDER BY g", &error);
  g_assert_no_error (error);
  other = anv_db_prepare (f->db, "test/count-municipalities",
                          "SELECT count(*) FROM municipality", &error);
  g_assert_no_error (error);
  while ((step = anv_db_step (stmt, &error)) == ANV_DB_ROW)
    {
      g_assert_cmpint (anv_db_column_int64 (stmt, 0), ==, expected);
      if (expected % 2500 == 0 || expected == 4999 || expected == 5001)
        {
          g_assert_cmpint (anv_db_step (other, &error), ==, ANV_DB_ROW);
          g_assert_cmpint (anv_db_column_int64 (other, 0), ==, 290);
          anv_db_reset (other);
          g_assert_true (anv_db_query_int64 (f->db, "SELECT 1", &one, &error));
          g_assert_cmpint (one, ==, 1);
        }
      expected++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, ANV_DB_DONE);
  g_assert_cmpint (expected, ==, 12346);

  /* Left in its second batch, with the third on its way. */
  for (expected = 1; expected <= 6000; expected++)
    g_assert_cmpint (anv_db_step (stmt, &error), ==, ANV_DB_ROW);
  anv_db_reset (stmt);
  g_assert_true (anv_db_end_read (f->db, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (anv_db_query_int64 (f->db, "SELECT 2", &one, &error));
  g_assert_cmpint (one, ==, 2);
}

/* A connection that the server ends while it is idle (a restart, an
 * administrator) is made again when its owner looks for changes, and that
 * counts as one, so that a window reads anew; it then hears the others'
 * commits again. */
static void
test_idle_connection_lost (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 before = 0, after = 0;
  gboolean changed = FALSE;
  PGconn *other;

  if (skip_without_server ())
    return;

  g_assert_true (anv_db_query_int64 (f->db, "SELECT pg_backend_pid ()", &before, &error));
  g_assert_false (anv_db_poll_changes (f->db));
  other = anv_test_connect_as (anv_db_get_path (f->db));
  sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ", 5000)", before);
  PQclear (PQexec (other, sql));

  for (int i = 0; i < 50 && !changed; i++)
    {
      g_usleep (100 * 1000);
      changed = anv_db_poll_changes (f->db);
    }
  g_assert_true (changed);

  /* Listening again: another's commit is heard. */
  PQclear (PQexec (other, "NOTIFY anvisa"));
  changed = FALSE;
  for (int i = 0; i < 50 && !changed; i++)
    {
      g_usleep (100 * 1000);
      changed = anv_db_poll_changes (f->db);
    }
  PQfinish (other);
  g_assert_true (changed);
  g_assert_true (anv_db_query_int64 (f->db, "SELECT pg_backend_pid ()", &after, &error));
  g_assert_cmpint (after, !=, before);
}

/* Registers Tolvan, @loss befalling the commit; returns the error. */
static GError *
register_losing (Fixture    *f,
                 AnvDbLoss   loss)
{
  AnvSeekerInput input = { "19121212-1212", "Tolvan Tolvansson", "0180", NULL, FALSE };
  g_autoptr (AnvSeeker) seeker = NULL;
  GError *error = NULL;
  GDate today;

  anv_test_date (&today, 2026, 11, 22);
  anv_db_pg_lose_next_commit (loss);
  seeker = anv_seekers_add (f->db, &input, &today, &error);
  g_assert_true ((seeker == NULL) == (error != NULL));
  return error;
}

static gint64
count_tolvan (Fixture *f)
{
  return anv_test_query_int (f->db, "SELECT count(*) FROM seeker WHERE name = ?1",
                             "Tolvan Tolvansson", 0);
}

/* The connection goes as a save is committed: when the server had
 * committed it and only its answer was lost, the save is reported saved
 * (and is there once); when the COMMIT never reached the server, it is
 * reported not saved (and is not there). Either way the connection is
 * made again and the next save works. */
static void
test_lost_commit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) answer_lost = NULL;
  g_autoptr (GError) commit_lost = NULL;
  g_autoptr (GError) again = NULL;

  if (skip_without_server ())
    return;

  commit_lost = register_losing (f, ANV_DB_LOSS_BEFORE_COMMIT);
  g_assert_error (commit_lost, ANV_DB_ERROR, ANV_DB_ERROR_CONNECTION);
  g_assert_nonnull (strstr (commit_lost->message, "Nothing was saved"));
  g_assert_cmpint (count_tolvan (f), ==, 0);

  answer_lost = register_losing (f, ANV_DB_LOSS_COMMIT_ANSWER);
  g_assert_no_error (answer_lost);
  g_assert_cmpint (count_tolvan (f), ==, 1);
  g_assert_cmpint (anv_test_query_int (f->db, "SELECT count(*) FROM audit_log "
                                       "WHERE action = 'seeker.add'", NULL, 0), ==, 1);

  /* Saved, so the same number again is refused as a duplicate, not lost. */
  again = register_losing (f, ANV_DB_LOSS_NONE);
  g_assert_nonnull (again);
  g_assert_nonnull (strstr (again->message, "registered already"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/concurrent", Fixture, NULL, fixture_set_up, test_concurrent,
              fixture_tear_down);
  g_test_add ("/server/officer-rights", Fixture, NULL, fixture_set_up, test_officer_rights,
              fixture_tear_down);
  g_test_add ("/server/lost-commit", Fixture, NULL, fixture_set_up, test_lost_commit,
              fixture_tear_down);
  g_test_add ("/server/notify-what", Fixture, NULL, fixture_set_up, test_notify_what,
              fixture_tear_down);
  g_test_add ("/server/cursor-interleaved", Fixture, NULL, fixture_set_up,
              test_cursor_interleaved, fixture_tear_down);
  g_test_add ("/server/idle-connection-lost", Fixture, NULL, fixture_set_up,
              test_idle_connection_lost, fixture_tear_down);
  g_test_add ("/server/restart", Fixture, NULL, fixture_set_up, test_restart,
              fixture_tear_down);

  return g_test_run ();
}
