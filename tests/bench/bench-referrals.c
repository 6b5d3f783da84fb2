/* bench-referrals.c — Anvisa at national scale: decide, summarize, export
 *
 *   bench-referrals [REFERRALS] [DIR]
 *
 * Builds (or reuses) DIR/national.db with REFERRALS referrals (default
 * 1,000,000) from `anv_generate`, then measures, in one run:
 *   - deciding a referral with every rule (each its own transaction, as an
 *     officer's save is), for people with no open referral;
 *   - reading a year of the summary for all municipalities and both
 *     services;
 *   - exporting every referral as CSV, beside the sqlite3 shell writing
 *     the same columns of the same rows with -csv;
 * and prints the figures and the peak memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-date.h"
#include "anv-db-private.h"
#include "anv-export.h"
#include "anv-generate.h"
#include "anv-referrals.h"
#include "anv-schema.h"
#include "anv-summary.h"

#define N_DECISIONS 200
#define N_READS     50

/* The export's columns and rows, as SQL for the shell (masked numbers,
 * protected identities left out). */
static const char shell_query[] =
  "SELECT substr (s.personnummer, 1, 8) || '-****', r.service, r.level, r.choice,"
  "       r.municipality_code, m.short_name, r.decided_on, r.planned_start, r.started_on,"
  "       substr (p.orgnr, 1, 6) || '-' || substr (p.orgnr, 7), p.name, rp.outside_area,"
  "       r.ended_on, r.end_reason, e.kind, r.annulled "
  "FROM referral r JOIN seeker s ON s.id = r.seeker_id "
  "JOIN municipality m ON m.code = r.municipality_code "
  "LEFT JOIN referral_provider rp ON rp.id = (SELECT h.id FROM referral_provider h"
  "  WHERE h.referral_id = r.id ORDER BY h.from_date DESC, h.id DESC LIMIT 1) "
  "LEFT JOIN provider p ON p.id = rp.provider_id "
  "LEFT JOIN end_reason e ON e.code = r.end_reason "
  "WHERE NOT s.protected_identity ORDER BY r.id;";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static AnvDb *
open_national (const char *path,
               guint64     n)
{
  g_autoptr (GError) error = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  AnvDb *db = anv_schema_open (path, "bench", &error);
  gint64 start;

  g_assert_no_error (error);
  if (exists)
    {
      g_print ("Reusing %s\n", path);
      return db;
    }
  start = g_get_monotonic_time ();
  if (!anv_generate (db, n, NULL, NULL, &error))
    g_error ("generate: %s", error->message);
  g_print ("generate:        %" G_GUINT64_FORMAT " referrals in %.1f s\n", n,
           (g_get_monotonic_time () - start) / 1e6);
  return db;
}

static gpointer
dup_first_column (AnvDbStmt *stmt,
                  gpointer   user_data)
{
  return anv_db_column_dup (stmt, 0);
}

static GPtrArray *
people_without_open_referral (AnvDb *db)
{
  g_autoptr (GError) error = NULL;
  AnvDbStmt *stmt = anv_db_prepare (db, "bench-referrals/people",
    "SELECT personnummer FROM seeker s WHERE NOT protected_identity AND NOT EXISTS ("
    "  SELECT 1 FROM referral r WHERE r.seeker_id = s.id AND r.ended_on IS NULL"
    "  AND NOT r.annulled) LIMIT ?1", &error);
  GPtrArray *people;

  g_assert_no_error (error);
  anv_db_bind_int64 (stmt, 1, N_DECISIONS);
  people = anv_db_collect (stmt, dup_first_column, NULL, g_free, &error);
  g_assert_no_error (error);
  return people;
}

/* @batched: all in one outer transaction, so that the figure is the work of
 * the rules without the disk's flush per decision. */
static void
bench_decisions (AnvDb    *db,
                 gboolean  batched)
{
  g_autoptr (GPtrArray) people = people_without_open_referral (db);
  g_autoptr (GError) batch_error = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GDate today, decided;
  guint refused = 0;
  double middle;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_NOVEMBER, 2026);
  decided = today;
  for (guint i = 0; i < people->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AnvReferral) r = NULL;
      AnvReferralInput input = { 0 };
      gint64 start = g_get_monotonic_time ();
      double ms;

      input.personnummer = g_ptr_array_index (people, i);
      input.level = "B";
      input.choice = ANV_CHOICE_DEFAULT;
      input.decided_on = &decided;
      r = anv_referrals_decide (db, &input, &today, &error);
      ms = (g_get_monotonic_time () - start) / 1e3;
      if (r == NULL)
        {
          refused++;
          g_printerr ("refused: %s\n", error->message);
          continue;
        }
      g_array_append_val (times, ms);
    }
  if (batched)
    anv_db_rollback (db);
  middle = median (times);
  g_print ("decide%s %u referrals, median %.3f ms, slowest %.3f ms (%s; %u refused)\n",
           batched ? " (rules):" : ":        ",
           times->len, middle, g_array_index (times, double, times->len - 1),
           batched ? "in one transaction, rolled back" : "each a durable transaction",
           refused);
}

static void
bench_summary (AnvDb *db)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  AnvSummaryQuery query = { "2025-01", "2025-12", ANV_SERVICE_NONE, NULL };
  guint n_rows = 0;

  for (guint i = 0; i < N_READS; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GArray) rows = anv_summary_read (db, &query, &error);
      double ms = (g_get_monotonic_time () - start) / 1e3;

      g_assert_no_error (error);
      n_rows = rows->len;
      g_array_append_val (times, ms);
    }
  g_print ("summary read:    a year, 290 municipalities, both services (%u rows): "
           "median %.2f ms over %u reads\n", n_rows, median (times), N_READS);
}

static double
run_shell (const char *db_path,
           const char *out_path)
{
  gint64 start = g_get_monotonic_time ();
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (freopen (out_path, "w", stdout) == NULL)
        _exit (127);
      execlp ("sqlite3", "sqlite3", "-csv", "-header", db_path, shell_query, (char *) NULL);
      _exit (127);
    }
  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_export (AnvDb      *db,
              const char *dir)
{
  g_autofree char *ours = g_build_filename (dir, "referrals.csv", NULL);
  g_autofree char *theirs = g_build_filename (dir, "referrals-sqlite3.csv", NULL);
  g_autoptr (GError) error = NULL;
  AnvExportOptions options = { ANV_EXPORT_REFERRALS, ANV_CSV_PROFILE_RFC4180, FALSE, NULL };
  double before = peak_mib (), seconds, shell;
  guint64 rows = 0;
  gint64 start = g_get_monotonic_time ();

  if (!anv_export_write (db, &options, ours, &rows, &error))
    g_error ("export: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("export:          %" G_GUINT64_FORMAT " referrals in %.2f s (%.0f rows/s); "
           "peak memory %.1f MiB before, %.1f MiB after\n",
           rows, seconds, rows / seconds, before, peak_mib ());

  shell = run_shell (anv_db_get_path (db), theirs);
  if (shell > 0)
    g_print ("sqlite3 -csv:    the same columns and rows in %.2f s; ratio anvisa / sqlite3 "
             "%.2f (target <= 1)\n", shell, seconds / shell);
  g_unlink (ours);
  g_unlink (theirs);
}

int
main (int    argc,
      char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2])
                                   : g_dir_make_tmp ("anvisa-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "national.db", NULL);
  g_autoptr (AnvDb) db = NULL;

  g_mkdir_with_parents (dir, 0700);
  db = open_national (path, n);
  bench_summary (db);
  bench_export (db, dir);
  bench_decisions (db, TRUE);
  bench_decisions (db, FALSE);
  g_print ("peak memory:     %.1f MiB (whole process)\n", peak_mib ());
  return 0;
}
