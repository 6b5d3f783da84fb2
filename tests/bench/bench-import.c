/* bench-import.c — how fast anvisa imports job seekers, beside sqlite3
 *
 *   bench-import [ROWS] [DIR]
 *
 * Writes a CSV of ROWS job seekers (default 1,000,000), imports it with
 * anv_seekers_import() into a fresh database, then has the sqlite3 shell
 * `.import` the same file into a table with the same unique index, and
 * prints both times, the rate, the ratio and the peak memory of each.
 *
 * When DIR is given, the files stay there for a closer look.
 *
 * The personnummer are made here: Skatteverket's test numbers are too few
 * for a million unique rows. Every one is born 1800–1829, valid in form
 * and check digit, and so can belong to nobody: no one born then lived to
 * receive a personnummer (introduced in 1947).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "anv-db.h"
#include "anv-personnummer.h"
#include "anv-schema.h"
#include "anv-seeker-import.h"
#include "anv-seekers.h"

static const char *const first_names[] = {
  "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin",
  "Åsa", "Linnea", "Elin", "Sofia", "Ida", "Lars", "Karl", "Erik", "Anders", "Johan",
  "Per", "Nils", "Mikael", "Jan", "Hans", "Peter", "Olof", "Gustav", "Björn", "Örjan",
  "Amir", "Fatima", "Mohammed", "Aisha", "Yusuf", "Leila", "Ali", "Noor", "Hassan", "Sanna",
};
static const char *const last_names[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
  "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
  "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Åberg",
  "Öberg", "Lindqvist", "Lundgren", "Berg", "Axelsson", "Bergström", "Lundberg",
  "Lind", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
  "Ali", "Mohammed", "Hussein", "Ahmed", "Hassan",
};
static const char *const municipalities[] = {
  "0180", "1480", "1280", "0380", "0580", "1880", "0680", "2480", "2580", "1281",
  "0114", "2180", "1380", "0780", "1980", "2281", "0880", "1080", "2380", "1490",
};

/* The 12-digit personnummer number @index, born 1800–1829. */
static void
make_personnummer (guint64 index,
                   char    out[14])
{
  guint serial = (guint) (index % 999) + 1;      /* 001–999 */
  guint day_index = (guint) (index / 999);
  GDate date;
  char ten[11];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1800);
  g_date_add_days (&date, day_index);
  g_assert (g_date_get_year (&date) < 1830);

  g_snprintf (ten, sizeof ten, "%02u%02u%02u%03u0", g_date_get_year (&date) % 100,
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date), serial);
  for (char c = '0'; c <= '9'; c++)
    {
      ten[9] = c;
      if (anv_luhn_is_valid (ten, 10))
        break;
    }
  g_snprintf (out, 14, "%u%.6s-%.4s", g_date_get_year (&date) / 100, ten, ten + 6);
}

static void
write_csv (const char *path,
           guint64     rows)
{
  FILE *file = fopen (path, "w");
  char pnr[14];

  g_assert_nonnull (file);
  fputs ("\xEF\xBB\xBFpersonnummer;namn;kommun\r\n", file);
  for (guint64 i = 0; i < rows; i++)
    {
      make_personnummer (i, pnr);
      fprintf (file, "%s;%s %s;%s\r\n", pnr,
               first_names[i % G_N_ELEMENTS (first_names)],
               last_names[(i / 7) % G_N_ELEMENTS (last_names)],
               municipalities[(i / 3) % G_N_ELEMENTS (municipalities)]);
    }
  g_assert_cmpint (fclose (file), ==, 0);
}

static double
peak_mib (struct rusage *usage)
{
  return usage->ru_maxrss / 1024.0;
}

static double
cpu_seconds (struct rusage *usage)
{
  return usage->ru_utime.tv_sec + usage->ru_stime.tv_sec
         + (usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) / 1e6;
}

static double
run_sqlite3_shell (const char    *csv,
                   const char    *db_path,
                   struct rusage *usage)
{
  g_autofree char *script = g_strdup_printf (
    "CREATE TABLE seeker (personnummer TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
    "municipality_code TEXT NOT NULL);\n"
    ".mode csv\n.separator ;\n.import --skip 1 '%s' seeker\n", csv);
  g_autofree char *script_path = g_strconcat (db_path, ".sql", NULL);
  gint64 start;
  int status;
  pid_t pid;

  g_file_set_contents (script_path, script, -1, NULL);
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      if (freopen (script_path, "r", stdin) == NULL)
        _exit (127);
      execlp ("sqlite3", "sqlite3", "-bail", db_path, (char *) NULL);
      _exit (127);
    }
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (wait4 (pid, &status, 0, usage), ==, pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("sqlite3 failed (is the sqlite3 package installed?)\n");
      return -1;
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

/* What the job seekers page asks for: ANV_SEEKERS_PAGE_MAX_RESULTS + 1 ids */
#define PAGE_ASKS 20001

/* What the job seekers page does on each keystroke: the ids of every match
 * it shows, then the first page of rows. */
static void
report_search (AnvDb *db)
{
  const char *queries[] = { "anna", "andersson", "åberg", "anna and", "1800", "18000412" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) ids = NULL;
      g_autoptr (GPtrArray) page = NULL;
      gint64 start = g_get_monotonic_time ();

      ids = anv_seekers_search_ids (db, queries[i], PAGE_ASKS, &error);
      g_assert_no_error (error);
      page = anv_seekers_get_by_ids (db, (const gint64 *) ids->data, MIN (ids->len, 100), &error);
      g_assert_no_error (error);
      g_print ("search \"%s\": %u matches, first page in %.1f ms\n", queries[i], ids->len,
               (g_get_monotonic_time () - start) / 1e3);
    }
}

int
main (int    argc,
      char **argv)
{
  guint64 rows = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2])
                                   : g_dir_make_tmp ("anvisa-bench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "seekers.csv", NULL);
  g_autofree char *db_path = g_build_filename (dir, "anvisa.db", NULL);
  g_autofree char *shell_db = g_build_filename (dir, "shell.db", NULL);
  g_autoptr (AnvDb) db = NULL;
  g_autoptr (GError) error = NULL;
  AnvImportReport report = { 0 };
  struct rusage before_usage, self_usage, before_thread, inserter_usage, shell_usage;
  double ours, shell;
  GDate today;
  gint64 start;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, G_DATE_NOVEMBER, 2026);
  g_mkdir_with_parents (dir, 0700);
  g_unlink (db_path);
  g_unlink (shell_db);

  g_print ("Writing %" G_GUINT64_FORMAT " rows to %s ...\n", rows, csv);
  write_csv (csv, rows);

  db = anv_schema_open (db_path, "bench", &error);
  g_assert_no_error (error);

  getrusage (RUSAGE_SELF, &before_usage);
  getrusage (RUSAGE_THREAD, &before_thread);
  start = g_get_monotonic_time ();
  if (!anv_seekers_import (db, csv, &today, &report, &error))
    g_error ("import failed: %s", error->message);
  ours = (g_get_monotonic_time () - start) / 1e6;
  getrusage (RUSAGE_SELF, &self_usage);
  getrusage (RUSAGE_THREAD, &inserter_usage);
  report_search (db);
  g_clear_object (&db);

  shell = run_sqlite3_shell (csv, shell_db, &shell_usage);

  g_print ("anvisa import:   %" G_GUINT64_FORMAT " rows in %.2f s = %.0f rows/s, "
           "peak memory %.1f MiB (whole benchmark process)\n",
           report.n_stored, ours, report.n_stored / ours, peak_mib (&self_usage));
  if (shell > 0)
    g_print ("sqlite3 .import: %.2f s = %.0f rows/s, peak memory %.1f MiB\n"
             "ratio anvisa / sqlite3: %.2f (target <= 1.5)\n",
             shell, rows / shell, peak_mib (&shell_usage), ours / shell);
  /* Less moved by other work on the machine than the wall-clock times. */
  g_print ("CPU time: anvisa %.2f s in all, of which the inserting thread %.2f s"
           "; sqlite3 %.2f s\n",
           cpu_seconds (&self_usage) - cpu_seconds (&before_usage),
           cpu_seconds (&inserter_usage) - cpu_seconds (&before_thread),
           cpu_seconds (&shell_usage));

  if (argc <= 2)
    g_unlink (csv);
  return 0;
}
