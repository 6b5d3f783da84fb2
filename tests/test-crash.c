/* test-crash.c — anvisa-cli killed at random moments, and several at once on one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-approvals.h"
#include "anv-backup.h"
#include "anv-db-private.h"
#include "anv-delivery-areas.h"
#include "anv-providers.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "anv-summary.h"
#include "anv-test-util.h"

#define KROM_UMEA      "2021002114"
#define SLICE          12      /* job seekers per import */
#define ROUNDS         3
#define CONCURRENT_ROUNDS 8
#define PAUSE_MS       "2"     /* after each commit, so that the writers interleave */
#define N_KILLS        60
#define DEFAULT_SEED   20261122
#define N_OWN          3       /* concurrent processes, each with its own job seekers */
#define N_SHARED       2       /* concurrent processes on the same job seekers */

typedef struct
{
  char      *dir;
  char      *db_path;
  GPtrArray *numbers;   /* Skatteverket's test personnummer */
  guint      next;      /* the next unused number */
} Fixture;

typedef struct
{
  GPid  pid;
  int   out_fd;
  int   err_fd;
} Child;

/* Set up */

static GPtrArray *
load_test_numbers (void)
{
  /* Adults of working age */
  GPtrArray *numbers = anv_test_load_personnummer ("1960", "1990", TRUE, 0);

  g_assert_cmpuint (numbers->len, >, 2000);
  return numbers;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (AnvProvider) provider = NULL;
  const char *codes[] = { "2480", NULL };
  GDate today, from;

  f->dir = anv_test_make_dir ();
  f->db_path = g_build_filename (f->dir, "anvisa.db", NULL);
  f->numbers = load_test_numbers ();

  anv_test_date (&today, 2026, 11, 22);
  anv_test_date (&from, 2014, 1, 1);
  db = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  provider = anv_providers_add (db, KROM_UMEA, "Rusta Norr AB", "2480", &today, &error);
  g_assert_no_error (error);
  anv_areas_add (db, "Umeåregionen", ANV_SERVICE_KROM, codes, &error);
  g_assert_no_error (error);
  anv_providers_approve (db, KROM_UMEA, "Umeåregionen", &from, NULL, &today, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  anv_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_ptr_array_unref (f->numbers);
}

/* A seeker file of the next @n test numbers; @out_numbers receives them. */
static char *
write_slice (Fixture    *f,
             const char *name,
             guint       n,
             GPtrArray **out_numbers)
{
  g_autoptr (GString) csv = g_string_new ("personnummer;namn;kommun\n");

  *out_numbers = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
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
              const char *rounds,
              const char *pause_ms)
{
  /* Those that share their job seekers decide for all of them first. */
  const char *argv[] = {
    g_getenv ("ANVISA_CLI"), "--database", f->db_path, "stress", file,
    "--rounds", rounds, "--first", first, "--pause", pause_ms,
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

/* Waits for @child; returns its wait status, with its output. */
static int
finish_child (Child  *child,
              char  **out,
              char  **err)
{
  int status = 0;

  *out = anv_test_read_fd (child->out_fd);
  *err = anv_test_read_fd (child->err_fd);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_spawn_close_pid (child->pid);
  return status;
}

/* Checks */

/* Every line the CLI printed after a commit is there in the database.
 * Returns the number of decisions reported. */
static guint
assert_reported_saved (AnvDb      *db,
                       const char *out,
                       gboolean   *out_imported)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint decided = 0;

  *out_imported = FALSE;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) w = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (w);

      /* The last line may have been cut by the kill. */
      if (lines[i + 1] == NULL)
        break;
      if (n == 2 && strcmp (w[0], "imported") == 0)
        *out_imported = TRUE;
      else if (n == 3 && strcmp (w[0], "decided") == 0)
        {
          gint64 id = g_ascii_strtoll (w[1], NULL, 10);

          g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral r "
                                              "JOIN seeker s ON s.id = r.seeker_id "
                                              "WHERE s.personnummer = ?1 AND r.id = ?2",
                                      w[2], id), ==, 1);
          g_hash_table_insert (last, g_strdup (w[2]), GSIZE_TO_POINTER ((gsize) id));
          decided++;
        }
      else if (n == 2 && strcmp (w[0], "started") == 0)
        g_assert_cmpint (anv_test_query_int (db, "SELECT started_on IS NOT NULL FROM referral "
                                            "WHERE id = ?2 AND ?1 IS NOT NULL", w[1],
                                    (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (last, w[1]))),
                         ==, 1);
      else if (n == 3 && strcmp (w[0], "ended") == 0)
        g_assert_cmpint (anv_test_query_int (db,
                                             "SELECT ended_on = ?1 FROM referral WHERE id = ?2",
                                    w[2],
                                    (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (last, w[1]))),
                         ==, 1);
      else if (n == 2 && strcmp (w[0], "refused") == 0)
        g_error ("a lone writer was refused: %s", lines[i]);
      else
        g_error ("unexpected line from stress: “%s”", lines[i]);
    }
  return decided;
}

static guint
count_stored (AnvDb     *db,
              GPtrArray *numbers)
{
  guint stored = 0;

  for (guint i = 0; i < numbers->len; i++)
    stored += (guint) anv_test_query_int (db,
                                          "SELECT count(*) FROM seeker WHERE personnummer = ?1",
                                          g_ptr_array_index (numbers, i), 0);
  return stored;
}

/* Tests */

static void
test_kill (Fixture       *f,
           gconstpointer  data)
{
  const char *seed_text = g_getenv ("ANVISA_CRASH_SEED");
  guint32 seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : DEFAULT_SEED;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GTimer) timer = g_timer_new ();
  gint64 longest_us = 0, first_us = 0, total_decided = 0;
  guint killed = 0, imports_cut = 0, decisions_cut = 0;

  g_test_message ("seed %u (set ANVISA_CRASH_SEED to repeat another)", seed);

  for (guint run = 0; run <= N_KILLS; run++)
    {
      g_autofree char *name = g_strdup_printf ("slice-%u.csv", run);
      g_autoptr (GPtrArray) numbers = NULL;
      g_autofree char *file = write_slice (f, name, SLICE, &numbers);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (AnvDb) db = NULL;
      g_autoptr (GError) error = NULL;
      gint64 referrals_before, referrals_after, started = g_get_monotonic_time ();
      Child child;
      gboolean imported;
      guint stored, decided;
      int status;

      db = anv_schema_open (f->db_path, "tester", &error);
      g_assert_no_error (error);
      referrals_before = anv_test_query_int (db,
                                             "SELECT count(*) FROM referral", NULL, 0);
      g_clear_object (&db);

      child = spawn_stress (f, file, TRUE, "2020-04-01", G_STRINGIFY (ROUNDS), "0");
      /* The first run is not killed: it measures how long a run takes. */
      if (run > 0)
        {
          g_usleep ((gulong) g_rand_int_range (rand, 0, (gint32) longest_us));
          kill (child.pid, SIGKILL);
        }
      status = finish_child (&child, &out, &err);
      if (run == 0)
        {
          g_assert_cmpstr (err, ==, "");
          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
          longest_us = first_us = g_get_monotonic_time () - started;
        }
      else if (WIFSIGNALED (status))
        killed++;
      else
        /* It ended before the kill: the first run, with cold caches, took
         * longer than runs take now, so the moments are drawn from a
         * shorter span from here on. */
        longest_us = MAX (longest_us * 3 / 4, 1000);

      /* Opening recovers from the log, as the application would. */
      db = anv_schema_open (f->db_path, "tester", &error);
      g_assert_no_error (error);
      anv_test_assert_integrity (db);

      decided = assert_reported_saved (db, out, &imported);
      stored = count_stored (db, numbers);
      if (stored != 0 && stored != SLICE)
        g_error ("run %u: an import is half stored (%u of %u rows)", run, stored, SLICE);
      if (imported)
        g_assert_cmpuint (stored, ==, SLICE);
      imports_cut += stored == 0;

      /* At most one decision committed but not yet reported. */
      referrals_after = anv_test_query_int (db, "SELECT count(*) FROM referral", NULL, 0);
      g_assert_cmpint (referrals_after - referrals_before, >=, decided);
      g_assert_cmpint (referrals_after - referrals_before, <=, decided + 1);
      decisions_cut += stored == SLICE && decided < SLICE * ROUNDS;
      total_decided += decided;

      anv_test_assert_summary_matches_recount (db, "2020-01", "2022-12", "24");
    }

  g_test_message ("%u kills (%u ended a running process) in %.1f s: %u during or before the "
                  "import, %u during the decisions; %" G_GINT64_FORMAT " decisions reported and "
                  "found; the first run took %.0f ms, the last kill was drawn from %.0f ms",
                  N_KILLS, killed, g_timer_elapsed (timer, NULL), imports_cut, decisions_cut,
                  total_decided, first_us / 1000.0, longest_us / 1000.0);
  g_assert_cmpuint (killed, >=, N_KILLS / 2);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  GPtrArray *own_numbers[N_OWN] = { NULL };
  g_autoptr (GPtrArray) shared_numbers = NULL;
  g_autofree char *shared_file = write_slice (f, "shared.csv", SLICE, &shared_numbers);
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  Child children[N_OWN + N_SHARED];
  char *files[N_OWN] = { NULL };
  guint decided_own[N_OWN] = { 0 }, decided_shared = 0, refused = 0, commits = 0;
  GDate today;

  anv_test_date (&today, 2026, 11, 22);
  db = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  anv_seekers_import (db, shared_file, &today, &report, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  for (guint i = 0; i < N_OWN; i++)
    {
      g_autofree char *name = g_strdup_printf ("own-%u.csv", i);

      files[i] = write_slice (f, name, SLICE, &own_numbers[i]);
    }
  g_timer_start (timer);
  for (guint i = 0; i < N_OWN; i++)
    children[i] = spawn_stress (f, files[i], TRUE, "2020-04-01", G_STRINGIFY (CONCURRENT_ROUNDS),
                                PAUSE_MS);
  children[N_OWN] = spawn_stress (f, shared_file, FALSE, "2020-04-01",
                                  G_STRINGIFY (CONCURRENT_ROUNDS), PAUSE_MS);
  children[N_OWN + 1] = spawn_stress (f, shared_file, FALSE, "2020-04-08",
                                      G_STRINGIFY (CONCURRENT_ROUNDS), PAUSE_MS);

  db = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_OWN + N_SHARED; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto (GStrv) lines = NULL;
      int status = finish_child (&children[i], &out, &err);

      /* No "database is locked", nor any other message, reaches a person. */
      g_assert_cmpstr (err, ==, "");
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

      lines = g_strsplit (out, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto (GStrv) w = g_strsplit (lines[l], " ", -1);

          commits += lines[l][0] != '\0' && !g_str_has_prefix (lines[l], "refused");
          if (g_str_has_prefix (lines[l], "refused"))
            refused++;
          else if (g_str_has_prefix (lines[l], "decided"))
            {
              g_assert_cmpint (anv_test_query_int (db, "SELECT count(*) FROM referral r "
                                                  "JOIN seeker s ON s.id = r.seeker_id "
                                                  "WHERE s.personnummer = ?1 AND r.id = ?2",
                                          w[2], g_ascii_strtoll (w[1], NULL, 10)), ==, 1);
              if (i < N_OWN)
                decided_own[i]++;
              else
                decided_shared++;
            }
        }
    }

  /* No write lost: every decision reported is there, and no other. */
  for (guint i = 0; i < N_OWN; i++)
    {
      guint found = 0;

      g_assert_cmpuint (count_stored (db, own_numbers[i]), ==, SLICE);
      for (guint n = 0; n < SLICE; n++)
        found += (guint) anv_test_query_int (db,
                                             "SELECT count(*) FROM referral r JOIN seeker s "
                                             "ON s.id = r.seeker_id WHERE s.personnummer = ?1",
                                             g_ptr_array_index (own_numbers[i], n), 0);
      g_assert_cmpuint (found, ==, decided_own[i]);
      g_assert_cmpuint (decided_own[i], ==, SLICE * CONCURRENT_ROUNDS);
    }
  {
    guint found = 0;

    for (guint n = 0; n < SLICE; n++)
      found += (guint) anv_test_query_int (db, "SELECT count(*) FROM referral r JOIN seeker s "
                                          "ON s.id = r.seeker_id WHERE s.personnummer = ?1",
                                  g_ptr_array_index (shared_numbers, n), 0);
    g_assert_cmpuint (found, ==, decided_shared);
  }

  /* The rules hold: one open referral per person; the summary adds up. */
  g_assert_cmpint (anv_test_query_int (db,
                                       "SELECT coalesce (max (c), 0) FROM (SELECT count(*) AS c "
                                       "FROM referral WHERE ended_on IS NULL AND annulled = 0 "
                                       "GROUP BY seeker_id) AS o", NULL, 0), <=, 1);
  anv_test_assert_integrity (db);
  anv_test_assert_summary_matches_recount (db, "2020-01", "2022-12", "24");
  /* The processes on the same job seekers did meet. */
  g_assert_cmpuint (refused, >, 0);

  g_test_message ("%u processes wrote %u commits to one database in %.1f s; %u refusals by "
                  "the rules (one open referral per person), no lost write, no busy error",
                  N_OWN + N_SHARED, commits, g_timer_elapsed (timer, NULL), refused);
  for (guint i = 0; i < N_OWN; i++)
    {
      g_free (files[i]);
      g_ptr_array_unref (own_numbers[i]);
    }
}

static gint64
count_seekers (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AnvDb) db = anv_schema_open (path, "tester", &error);

  g_assert_no_error (error);
  anv_test_assert_integrity (db);
  return anv_test_query_int (db, "SELECT count(*) FROM seeker", NULL, 0);
}

/* A restore killed at any moment leaves the old database or the new one,
 * whole. */
static void
test_kill_restore (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (DEFAULT_SEED);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autofree char *first_file = write_slice (f, "first.csv", SLICE, &first);
  g_autofree char *second_file = write_slice (f, "second.csv", SLICE * 4, &second);
  g_autofree char *small = g_build_filename (f->dir, "small.db", NULL);
  g_autofree char *large = g_build_filename (f->dir, "large.db", NULL);
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  gint64 longest_us = 0;
  guint old_seen = 0, new_seen = 0;
  GDate today;

  anv_test_date (&today, 2026, 11, 22);
  db = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  anv_seekers_import (db, first_file, &today, &report, &error);
  g_assert_no_error (error);
  anv_backup_create (db, small, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  anv_seekers_import (db, second_file, &today, &report, &error);
  g_assert_no_error (error);
  anv_backup_create (db, large, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint run = 0; run <= 20; run++)
    {
      g_autoptr (AnvRestore) restore = NULL;
      const char *argv[] = {
        g_getenv ("ANVISA_CLI"), "--database", f->db_path, "restore", "--yes", large, NULL
      };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      gint64 started, seekers;
      Child child = { 0 };

      /* Back to the small one, through the core, before each run. */
      restore = anv_backup_prepare_restore (db, small, &error);
      g_assert_no_error (error);
      anv_backup_restore (db, restore, NULL, &error);
      g_assert_no_error (error);
      g_clear_pointer (&restore, anv_restore_free);

      started = g_get_monotonic_time ();
      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &child.pid, NULL, &child.out_fd, &child.err_fd, &error);
      g_assert_no_error (error);
      if (run > 0)
        {
          g_usleep ((gulong) g_rand_int_range (rand, 0, (gint32) longest_us));
          kill (child.pid, SIGKILL);
        }
      finish_child (&child, &out, &err);
      if (run == 0)
        {
          g_assert_cmpstr (err, ==, "");
          longest_us = g_get_monotonic_time () - started;
        }

      seekers = count_seekers (f->db_path);
      if (seekers == SLICE)
        old_seen++;
      else if (seekers == SLICE * 5)
        new_seen++;
      else
        g_error ("run %u: a restore left %" G_GINT64_FORMAT " job seekers", run, seekers);
    }
  /* The copies the killed ones left are removed by the next restore. */
  {
    g_autoptr (AnvRestore) restore = anv_backup_prepare_restore (db, small, &error);
    g_autoptr (GDir) handle = g_dir_open (f->dir, 0, NULL);
    g_autofree char *own = g_strdup_printf (".anvisa-restore-%d@", (int) getpid ());
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (handle)) != NULL)
      if (g_str_has_prefix (name, ".anvisa-restore-") && !g_str_has_prefix (name, own))
        g_error ("a killed restore's copy was left: %s", name);
  }
  g_test_message ("20 restores killed: %u left the old database, %u the new one; both whole",
                  old_seen, new_seen - 1);
}

/* A second connection in this process (a worker of the window) must not
 * drop the first one's locks: another program would then take itself for
 * the last user, checkpoint and remove the log under the first. */
static void
test_own_locks (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  const char *argv[] = { g_getenv ("ANVISA_CLI"), "--database", f->db_path, "init", NULL };
  g_autoptr (AnvDb) first = NULL;
  g_autoptr (AnvDb) second = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  first = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anv_test_query_int (first, "SELECT count(*) FROM provider",
                              NULL, 0), ==, 1);
  second = anv_schema_open (f->db_path, "tester", &error);
  g_assert_no_error (error);
  g_clear_object (&second);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  /* The other program saw the first connection and left the log alone. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  anv_test_assert_integrity (first);
}

/* Several programs open a new database at the same moment: each waits
 * for the other's schema step rather than taking it twice. */
static void
test_first_open (void)
{
  g_autofree char *dir = anv_test_make_dir ();

  for (guint run = 0; run < 5; run++)
    {
      g_autofree char *name = g_strdup_printf ("ny-%u.db", run);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      const char *argv[] = { g_getenv ("ANVISA_CLI"), "--database", path, "init", NULL };
      Child children[4];

      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        {
          g_autoptr (GError) error = NULL;

          g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, &children[i].pid, NULL, &children[i].out_fd,
                                    &children[i].err_fd, &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int status = finish_child (&children[i], &out, &err);

          g_assert_cmpstr (err, ==, "");
          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
        }
    }
  anv_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/first-open", test_first_open);
  g_test_add ("/crash/own-locks", Fixture, NULL, fixture_set_up, test_own_locks,
              fixture_tear_down);
  g_test_add ("/crash/kill", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);
  g_test_add ("/crash/restore", Fixture, NULL, fixture_set_up, test_kill_restore,
              fixture_tear_down);
  g_test_add ("/crash/concurrent", Fixture, NULL, fixture_set_up, test_concurrent,
              fixture_tear_down);
  return g_test_run ();
}
